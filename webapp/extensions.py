"""Extensions, created unbound here and bound to an app in `create_app` through `init_app`."""

from __future__ import annotations

from flask import Flask, current_app, g
from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_wtf import CSRFProtect
from htmx_flask import Htmx
from sqlalchemy.orm import Session, sessionmaker

from models.db import make_engine


class Database:
    """One engine per app and one SQLAlchemy session per application context.

    The session lives on `flask.g`, so several apps (the test suite starts many) never share
    one; it is closed when the context ends, and nothing is kept in the process between requests.
    """

    def init_app(self, app: Flask) -> None:
        engine = make_engine(app.config["DATABASE_URL"])
        app.extensions["database"] = {
            "engine": engine,
            "sessionmaker": sessionmaker(bind=engine, expire_on_commit=False),
        }
        app.teardown_appcontext(self._close_session)

    @property
    def engine(self):
        return current_app.extensions["database"]["engine"]

    @property
    def session(self) -> Session:
        if "db_session" not in g:
            g.db_session = current_app.extensions["database"]["sessionmaker"]()
        return g.db_session

    @staticmethod
    def _close_session(_exc) -> None:
        session = g.pop("db_session", None)
        if session is not None:
            session.close()


db = Database()
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()
htmx = Htmx()
# Limits are declared on the views that need them; counters are keyed by client address unless
# a view says otherwise (behind proxies, `TRUSTED_PROXIES` makes that the real client's).
limiter = Limiter(key_func=get_remote_address)
