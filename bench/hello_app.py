"""The smallest Flask app gunicorn can serve: the floor `home_vs_hello.py` measures the app against.

It has no template, session, database, extension or WhiteNoise wrapping on purpose: whatever the
real home page costs beyond this is the price of our own code and the libraries it calls.
"""

from flask import Flask

app = Flask(__name__)


@app.get("/hello")
def hello() -> str:
    """Answer with a short text."""
    return "Hello, World!"
