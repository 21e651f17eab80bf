"""Demo data: the shipped geography, the demo accounts, and realistic French content."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from models.db import utcnow
from models.territories.api import load_geography
from models.users.repository import find_by_email
from webapp.demo.accounts import YOUNG_18, create_demo_accounts


def demo_loaded(session: Session) -> bool:
    return find_by_email(session, YOUNG_18) is not None


def load_demo(session: Session, now: dt.datetime | None = None) -> bool:
    """Load everything once; return False when the demo was already there. The caller commits."""
    now = now or utcnow()
    load_geography(session)
    if demo_loaded(session):
        return False
    create_demo_accounts(session, now)
    return True
