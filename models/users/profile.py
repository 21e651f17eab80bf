"""A young person's personal data: completing and editing the profile the credit depends on."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.audit.api import record
from models.identity.models import IdentityCheck, IdentityCheckStatus
from models.territories.models import Commune
from models.territories.repository import resolve_commune
from models.text import fold
from models.users.exceptions import PostalCodeMismatch, VerifiedNamesLocked
from models.users.models import ActivityStatus, User


def resolve_home_commune(
    session: Session, code: str | None, text: str | None
) -> tuple[Commune | None, list[Commune]]:
    """The commune chosen in the picker, or the candidates to choose from.

    Without JavaScript the code of the commune chosen earlier travels in a hidden field beside
    the text; if the person has since typed another name or postal code, the text wins, so a
    new commune is never silently ignored.
    """
    if code and text and not _text_designates(session.get(Commune, code), text):
        code = None
    return resolve_commune(session, code, text)


def _text_designates(commune: Commune | None, text: str) -> bool:
    if commune is None:
        return False
    text = text.strip()
    if text.isdigit():
        return any(entry.postal_code.startswith(text) for entry in commune.postal_codes)
    return commune.search_name.startswith(fold(text))


def names_locked(session: Session, user: User) -> bool:
    """Names checked against an ID document can no longer be changed by the person."""
    return (
        session.scalar(
            select(IdentityCheck.id).where(
                IdentityCheck.user_id == user.id,
                IdentityCheck.status == IdentityCheckStatus.APPROVED,
            )
        )
        is not None
    )


def check_postal_code(commune: Commune, postal_code: str) -> None:
    if postal_code not in {entry.postal_code for entry in commune.postal_codes}:
        raise PostalCodeMismatch()


def update_profile(
    session: Session, user: User, *, first_name: str, last_name: str, address: str,
    commune: Commune, postal_code: str, activity: ActivityStatus,
) -> User:
    """Record the person's personal data, the postal code checked against the commune."""
    first_name, last_name = first_name.strip(), last_name.strip()
    postal_code = postal_code.strip()
    check_postal_code(commune, postal_code)
    if (first_name, last_name) != (user.first_name, user.last_name) and names_locked(
        session, user
    ):
        raise VerifiedNamesLocked()
    user.first_name, user.last_name = first_name, last_name
    user.address = address.strip()
    user.commune_code, user.commune = commune.code, commune
    user.postal_code = postal_code
    user.activity = activity
    session.flush()
    record(session, user.id, "user.profile_updated", user)
    return user
