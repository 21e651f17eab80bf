"""One engine per pytest process for its own database, shared by the apps of its tests.

Each test builds its own app, the simplest guarantee that no state leaks from one test to the
next; but SQLAlchemy keeps the SQL it has compiled per engine, and each new engine also opens
new connections (on PostgreSQL, a new server process each). With an engine per app, every test
compiled all its statements again: about a third of the functional tests' CPU time. The apps
of a process therefore share the engine of the process's database; their sessions, contexts
and everything else stay their own. An app on any other database (a copy of the demo, a
migration test's) gets its own engine, as in production.

Tests that listen to the engine's events remove their listener when done (see
tests/helpers.py), so none outlives its test.
"""

from __future__ import annotations

from sqlalchemy import Engine

import webapp.extensions
from models.db import make_engine


class SharedEngine:
    def __init__(self, url: str):
        self.url = url
        self.engine: Engine | None = None

    def install(self) -> None:
        webapp.extensions.make_engine = self.make_engine

    def make_engine(self, url: str, **kwargs) -> Engine:
        if url != self.url or kwargs:
            return make_engine(url, **kwargs)
        if self.engine is None:
            self.engine = make_engine(url)
        return self.engine

    def owns(self, engine: Engine) -> bool:
        return engine is self.engine

    def close(self) -> None:
        webapp.extensions.make_engine = make_engine
        if self.engine is not None:
            self.engine.dispose()
