"""Deposits, opened through the domain command so grants follow the programme in force."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from models.credit.api import open_deposit
from models.credit.models import Deposit
from models.db import utcnow
from models.users.models import User


def deposit(session: Session, user: User, now: dt.datetime | None = None) -> Deposit:
    """Open the young person's deposit as staff would after an identity check."""
    return open_deposit(session, user, now or utcnow())
