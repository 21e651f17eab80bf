"""One unit of work per command: `with atomic(session):` commits or rolls back once.

A domain command never commits: it writes in the caller's session, inside a unit of work opened
by whoever runs it (a view, a scheduled job, a CLI command, a test)::

    with atomic(db.session):
        booking = book(db.session, user.id, stock.id, 1, now)

- The outermost `atomic` begins a transaction that may write (on SQLite it takes the write lock
  at BEGIN, see `models.db.start_write_transaction`), commits it when the block ends, and rolls
  it back when an exception leaves the block.
- An inner `atomic` (a command that opens its own, called inside a view's) joins the outer one:
  it neither commits nor begins anything. If an exception leaves an inner block, the whole unit
  is spoilt: the outer block rolls back even if the exception was caught in between, and says so
  with `UnitOfWorkFailed` (no savepoints: a half-done command is never kept).
- Side effects that must not happen for a change that is rolled back (e-mails, notifications)
  are queued with `on_commit(session, callback)`: callbacks run once, in order, after the
  transaction commits, and are dropped if it rolls back. This holds for every session, whoever
  commits it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import event
from sqlalchemy.orm import Session

from models.db import start_write_transaction

logger = logging.getLogger("models.unit_of_work")

DEPTH_KEY = "unit_of_work_depth"
SPOILT_KEY = "unit_of_work_spoilt"
CALLBACKS_KEY = "after_commit"


class UnitOfWorkFailed(RuntimeError):
    """An inner unit of work failed and its exception was swallowed: nothing was committed."""


@contextmanager
def atomic(session: Session) -> Iterator[Session]:
    """Run the block as one transaction (or as part of the one already open by an outer block)."""
    depth = session.info.get(DEPTH_KEY, 0)
    if depth:
        session.info[DEPTH_KEY] = depth + 1
        try:
            yield session
        except BaseException:
            session.info[SPOILT_KEY] = True
            raise
        finally:
            session.info[DEPTH_KEY] = depth
        return

    session.info[DEPTH_KEY] = 1
    try:
        start_write_transaction(session)
        yield session
        if session.info.get(SPOILT_KEY):
            raise UnitOfWorkFailed("an inner unit of work failed: everything is rolled back")
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.info.pop(DEPTH_KEY, None)
        session.info.pop(SPOILT_KEY, None)


def in_atomic(session: Session) -> bool:
    return bool(session.info.get(DEPTH_KEY))


def on_commit(session: Session, callback: Callable[[], object]) -> None:
    """Run `callback` once the transaction in progress commits; forget it if it rolls back.

    The callback runs after the data is committed, outside any transaction of this session:
    if it needs the database it opens a session of its own. Its errors are logged, never
    raised: the change it reports has happened whatever becomes of the side effect.
    """
    session.info.setdefault(CALLBACKS_KEY, []).append(callback)


@event.listens_for(Session, "after_commit")
def _run_callbacks(session: Session) -> None:
    callbacks = session.info.pop(CALLBACKS_KEY, None) or []
    for callback in callbacks:
        try:
            callback()
        except Exception:
            logger.exception("A callback after commit failed: %r", callback)


@event.listens_for(Session, "after_rollback")
def _drop_callbacks(session: Session) -> None:
    session.info.pop(CALLBACKS_KEY, None)
