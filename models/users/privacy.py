"""A person's rights over their data: a copy of everything we hold, and the deletion of the account.

Deleting an account anonymises it rather than removing the row: bookings are the pros' accounting
records (and the basis of their reimbursement), so they stay, attached to a row that no longer
says who made them. Everything else that describes the person is wiped or deleted.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session, joinedload, selectinload

from models.audit.api import record
from models.bookings.models import Booking
from models.credit.models import Deposit
from models.discovery.models import DeckInteraction
from models.emails.models import OutboundEmail
from models.identity.models import IdentityCheck, IdentityDocument
from models.notifications.models import Notification
from models.offerers.models import StructureMembership
from models.offers.models import Offer
from models.social.models import Favorite, OfferReaction, Review, ReviewReport
from models.territories.models import LocalGovernmentMandate
from models.users.api import end_sessions
from models.users.capacities import capacities_of
from models.users.exceptions import WrongPassword
from models.users.models import StaffPermissionGrant, User

EXPORT_FORMAT_VERSION = 1

# Rows that only describe the person, deleted with the account.
DELETED_WITH_THE_ACCOUNT = (
    Favorite, OfferReaction, DeckInteraction, StructureMembership, LocalGovernmentMandate,
    StaffPermissionGrant, Notification,
)
# Every reference to an account, by (table, column), is either erased here or kept on purpose;
# a test compares both sets with the schema so that a new table cannot be forgotten.
ERASED_REFERENCES = frozenset(
    {(model.__tablename__, "user_id") for model in DELETED_WITH_THE_ACCOUNT}
    | {("identity_check", "user_id"), ("review", "user_id"), ("review_report", "reporter_id")}
)
KEPT_REFERENCES = frozenset({
    ("booking", "user_id"),  # the pros' accounting and reimbursements
    ("deposit", "user_id"),  # what the bookings were paid from
    ("audit_entry", "actor_id"),  # who did what, for accountability
    ("identity_check", "reviewer_id"),  # staff accounts, never a young person's
    ("review", "hidden_by_id"),  # staff accounts, never a young person's
    # What members did for their structure, which stays the structure's record; the account
    # row they point to no longer says who it was.
    ("offer_change", "user_id"),
    ("structure_invitation", "invited_by_id"),
    ("structure_invitation", "accepted_by_id"),
    ("bank_account", "created_by_id"),
    ("watched_structure", "flagged_by_id"),  # staff accounts, never a young person's
    # Who funded a local top-up and who allowed it: officers and staff, never a young person.
    ("top_up_programme", "created_by_id"),
    ("top_up_permission", "granted_by_id"),
    # What officers did for their territory, which stays the territory's record: a cohort
    # file they uploaded, a structure they listed, invited or removed. Never a young person.
    ("cohort_upload", "uploaded_by_id"),
    ("territory_structure", "added_by_id"),
    ("territory_structure", "removed_by_id"),
    ("territory_structure_invitation", "sent_by_id"),
})


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def export_personal_data(session: Session, user: User, now: dt.datetime) -> dict:
    """Everything the service holds about the person, as JSON-ready data.

    The identity document itself is never included: only what was decided about it. Nor is the
    password hash, which is a secret of the service, not data about the person.
    """
    return {
        "format_version": EXPORT_FORMAT_VERSION,
        "generated_at": _iso(now),
        "account": {
            "id": user.id,
            "email": user.email,
            "capacities": [capacity.value for capacity in capacities_of(session, user)],
            "staff_permissions": [grant.permission.value for grant in user.staff_permissions],
            "locale": user.locale,
            "created_at": _iso(user.created_at),
            "email_confirmed_at": _iso(user.email_confirmed_at),
            "last_login_at": _iso(user.last_login_at),
            "terms_version": user.terms_version,
            "terms_accepted_at": _iso(user.terms_accepted_at),
        },
        "profile": _profile(user),
        "deposits": _deposits(session, user.id),
        "bookings": _bookings(session, user.id),
        "favorites": _favorites(session, user.id),
        "discovery": [
            {"offer_id": interaction.offer_id, "action": interaction.action.value,
             "at": _iso(interaction.at)}
            for interaction in session.scalars(
                select(DeckInteraction).where(DeckInteraction.user_id == user.id)
                .order_by(DeckInteraction.at)
            )
        ],
        "reactions": [
            {"offer_id": reaction.offer_id, "kind": reaction.kind.value,
             "created_at": _iso(reaction.created_at)}
            for reaction in session.scalars(
                select(OfferReaction).where(OfferReaction.user_id == user.id)
                .order_by(OfferReaction.created_at)
            )
        ],
        "reviews": [
            {"offer_id": review.offer_id, "booking_id": review.booking_id, "text": review.text,
             "created_at": _iso(review.created_at), "hidden": review.hidden_at is not None}
            for review in session.scalars(
                select(Review).where(Review.user_id == user.id).order_by(Review.created_at)
            )
        ],
        "identity_checks": _identity_checks(session, user.id),
    }


def _profile(user: User) -> dict:
    commune = user.commune
    return {
        "first_name": user.first_name,
        "last_name": user.last_name,
        "date_of_birth": _iso(user.date_of_birth),
        "address": user.address,
        "postal_code": user.postal_code,
        "commune": {"code": commune.code, "name": commune.name} if commune else None,
        "activity": user.activity.value if user.activity else None,
    }


def _deposits(session: Session, user_id: int) -> list[dict]:
    deposits = session.scalars(
        select(Deposit)
        .where(Deposit.user_id == user_id)
        .options(selectinload(Deposit.grants), joinedload(Deposit.programme))
        .order_by(Deposit.created_at)
    )
    return [
        {
            "programme": deposit.programme.name,
            "opened_at": _iso(deposit.created_at),
            "expires_at": _iso(deposit.expires_at),
            "grants": [
                {"age": grant.age, "amount_cents": grant.amount_cents,
                 "granted_at": _iso(grant.granted_at)}
                for grant in deposit.grants
            ],
        }
        for deposit in deposits
    ]


def _bookings(session: Session, user_id: int) -> list[dict]:
    bookings = session.scalars(
        select(Booking)
        .where(Booking.user_id == user_id)
        .options(joinedload(Booking.offer).joinedload(Offer.venue), joinedload(Booking.stock))
        .order_by(Booking.booked_at)
    )
    return [
        {
            "id": booking.id,
            "offer_id": booking.offer_id,
            "offer": booking.offer.name,
            "venue": booking.offer.venue.name,
            "event_at": _iso(booking.stock.beginning_at),
            "quantity": booking.quantity,
            "unit_price_cents": booking.unit_price_cents,
            "amount_cents": booking.amount_cents,
            "price_category": booking.price_category_label,
            "token": booking.token,
            "status": booking.status.value,
            "cancellation_reason": (
                booking.cancellation_reason.value if booking.cancellation_reason else None
            ),
            "booked_at": _iso(booking.booked_at),
            "cancelled_at": _iso(booking.cancelled_at),
            "used_at": _iso(booking.used_at),
        }
        for booking in bookings.unique()
    ]


def _favorites(session: Session, user_id: int) -> list[dict]:
    favorites = session.scalars(
        select(Favorite)
        .where(Favorite.user_id == user_id)
        .options(joinedload(Favorite.offer))
        .order_by(Favorite.created_at)
    )
    return [
        {"offer_id": favorite.offer_id, "offer": favorite.offer.name,
         "added_at": _iso(favorite.created_at)}
        for favorite in favorites
    ]


def _identity_checks(session: Session, user_id: int) -> list[dict]:
    checks = session.scalars(
        select(IdentityCheck)
        .where(IdentityCheck.user_id == user_id)
        .options(joinedload(IdentityCheck.document))
        .order_by(IdentityCheck.submitted_at)
    )
    return [
        {
            "submitted_at": _iso(check.submitted_at),
            "honour_statement_signed_at": _iso(check.honour_statement_at),
            "status": check.status.value,
            "reviewed_at": _iso(check.reviewed_at),
            "rejection_reason": check.rejection_reason,
            "document": {
                "content_type": check.document.content_type,
                "size": check.document.size,
                "erased_at": _iso(check.document.erased_at),
            } if check.document else None,
        }
        for check in checks
    ]


def delete_account(session: Session, user: User, password: str, now: dt.datetime) -> User:
    """Anonymise the account once the person has confirmed with their password."""
    if not user.check_password(password):
        raise WrongPassword()
    return anonymise(session, user, now)


def anonymise(session: Session, user: User, now: dt.datetime) -> User:
    """Wipe what identifies the person; keep bookings and deposits for the accounting.

    The commune code and the cell key stay: they are what the territories' statistics count
    (beneficiaries and bookings per territory), and alone they designate nobody.
    """
    _delete_related_rows(session, user)
    session.execute(delete(OutboundEmail).where(OutboundEmail.recipient == user.email))
    user.email = f"supprime-{user.id}@invalid"
    user.password_hash = None
    user.first_name = user.last_name = None
    user.date_of_birth = None
    user.address = user.postal_code = None
    user.activity = None
    user.locale = None
    user.email_confirmed_at = user.last_login_at = None
    user.anonymised_at = now
    end_sessions(user)
    record(session, user.id, "user.anonymised", user)
    session.flush()
    return user


def _delete_related_rows(session: Session, user: User) -> None:
    document_ids = list(
        session.scalars(
            select(IdentityCheck.document_id).where(
                IdentityCheck.user_id == user.id, IdentityCheck.document_id.is_not(None)
            )
        )
    )
    session.execute(delete(IdentityCheck).where(IdentityCheck.user_id == user.id))
    if document_ids:
        session.execute(delete(IdentityDocument).where(IdentityDocument.id.in_(document_ids)))
    review_ids = select(Review.id).where(Review.user_id == user.id)
    session.execute(delete(ReviewReport).where(ReviewReport.review_id.in_(review_ids)))
    session.execute(delete(Review).where(Review.user_id == user.id))
    session.execute(
        update(ReviewReport).where(ReviewReport.reporter_id == user.id).values(reporter_id=None)
    )
    for model in DELETED_WITH_THE_ACCOUNT:
        session.execute(delete(model).where(model.user_id == user.id))
