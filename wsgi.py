"""The WSGI entry point: the app, with WhiteNoise serving its static files."""

from webapp import create_app
from webapp.assets import serve_static

app = create_app()
app.wsgi_app = serve_static(app)
