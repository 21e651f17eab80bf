"""Extensions, created unbound here and bound to an app in `create_app` through `init_app`."""

from __future__ import annotations

from flask import Flask, current_app, g, has_request_context, request
from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_wtf import CSRFProtect
from htmx_flask import Htmx
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from models.db import make_engine, writer_engine

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def reads_before_writing(view):
    """Mark a POST view that reads for a while before it writes (checking a password).

    Its transactions begin without the write lock, so that the slow part does not hold up
    every other writer; the view takes the lock itself (`start_write_transaction`) to write.
    """
    view.reads_before_writing = True
    return view


class Database:
    """One engine per app and one SQLAlchemy session per application context.

    The session lives on `flask.g`, so several apps (the test suite starts many) never share
    one; it is closed when the context ends, and nothing is kept in the process between requests.

    A request that may change data (any method but GET, HEAD and OPTIONS) gets a session whose
    transactions take the database's write lock when they begin (see `writer_engine`): on
    SQLite, concurrent writers then queue instead of failing with "database is locked". A GET
    reads only; the rare GET that writes takes the lock through `start_write_transaction`.
    """

    def init_app(self, app: Flask) -> None:
        engine = make_engine(app.config["DATABASE_URL"])
        app.extensions["database"] = {
            "engine": engine,
            "writer": writer_engine(engine),
            "sessionmaker": sessionmaker(bind=engine, expire_on_commit=False),
        }
        app.teardown_appcontext(self._close_session)

    @property
    def engine(self):
        return current_app.extensions["database"]["engine"]

    @property
    def session(self) -> Session:
        if "db_session" not in g:
            database = current_app.extensions["database"]
            bind = database["writer"] if _request_writes() else database["engine"]
            g.db_session = database["sessionmaker"](bind=bind)
        return g.db_session

    @staticmethod
    def _close_session(_exc) -> None:
        session = g.pop("db_session", None)
        if session is None:
            return
        try:
            session.close()
        except (InterfaceError, OperationalError):
            # The connection died with its transaction (a restart, a failover): the response
            # is already decided, so forget the connection rather than fail the request.
            session.invalidate()


def _request_writes() -> bool:
    if not has_request_context() or request.method in SAFE_METHODS:
        return False
    view = current_app.view_functions.get(request.endpoint) if request.endpoint else None
    return not getattr(view, "reads_before_writing", False)


db = Database()
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()
htmx = Htmx()
# Limits are declared on the views that need them; counters are keyed by client address unless
# a view says otherwise (behind proxies, `TRUSTED_PROXIES` makes that the real client's).
limiter = Limiter(key_func=get_remote_address)
