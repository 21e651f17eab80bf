"""Accounts whose address was never confirmed are not kept for ever (docs/domain/jobs.md).

An account nobody confirmed within `UNCONFIRMED_RETENTION` of its creation, and that nobody signed
in to during that time either, is anonymised the way a deleted account is
(`models.users.privacy.anonymise`). An account holding a credit, a booking or a staff permission
is never purged by the job, whatever its address: public money or staff duties are at stake, and
a person decides that, not a timer.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from models.bookings.models import Booking
from models.credit.models import Deposit
from models.users.models import StaffPermissionGrant, User
from models.users.privacy import anonymise

UNCONFIRMED_RETENTION = dt.timedelta(days=30)


def _purgeable(now: dt.datetime):
    cutoff = now - UNCONFIRMED_RETENTION
    return (
        User.email_confirmed_at.is_(None),
        User.anonymised_at.is_(None),
        User.created_at <= cutoff,
        or_(User.last_login_at.is_(None), User.last_login_at <= cutoff),
        ~select(Deposit.id).where(Deposit.user_id == User.id).exists(),
        ~select(Booking.id).where(Booking.user_id == User.id).exists(),
        ~select(StaffPermissionGrant.id).where(StaffPermissionGrant.user_id == User.id).exists(),
    )


def purge_unconfirmed_accounts(session: Session, now: dt.datetime) -> int:
    """Anonymise the unconfirmed accounts past their retention; return how many."""
    user_ids = session.scalars(select(User.id).where(*_purgeable(now)).order_by(User.id)).all()
    purged = 0
    for user_id in user_ids:
        # Read again under the person's lock: a confirmation made meanwhile keeps the account.
        user = session.scalars(
            select(User).where(User.id == user_id, *_purgeable(now))
            .with_for_update().execution_options(populate_existing=True)
        ).first()
        if user is not None:
            anonymise(session, user, now)
            purged += 1
    return purged
