"""What the moderation tests share: rules, held offers, a reported review, a signed-in moderator."""

from __future__ import annotations

import pytest
from sqlalchemy import delete

from models.bookings.api import book
from models.db import utcnow
from models.emails.models import OutboundEmail
from models.moderation.models import ModerationMatch, ModerationRule, RuleKind
from models.offers.models import Validation
from models.social.models import Review, ReviewReport
from models.users.models import StaffPermission
from tests import factories
from tests.helpers import login


def make_rule(session, kind: RuleKind, **fields) -> ModerationRule:
    fields.setdefault("label", f"Règle {kind.value}")
    rule = ModerationRule(kind=kind, is_active=fields.pop("is_active", True), **fields)
    session.add(rule)
    session.flush()
    return rule


def held_offer(session, *, rule: ModerationRule | None = None, detail: str = "arnaque",
               **fields):
    """An offer waiting for staff, of a validated structure with a member, matched by `rule`."""
    structure = fields.pop("structure", None) or factories.structure(session)
    if not any(m.status == "validated" for m in structure.memberships):
        factories.pro(session, structure=structure)
    venue = factories.venue(session, structure=structure)
    offer = factories.offer(session, venue=venue, validation=Validation.PENDING, **fields)
    factories.stock(session, offer=offer, price_cents=1500)
    rule = rule or make_rule(session, RuleKind.WORDS, words="arnaque")
    session.add(ModerationMatch(offer_id=offer.id, rule_id=rule.id, detail=detail))
    session.flush()
    return offer


def reported_review(session, *, reporters: int = 1):
    """A visible review of a used booking, reported by `reporters` other young people."""
    author = factories.young(session, first_name="Inès")
    factories.deposit(session, author)
    stock = factories.stock(session, price_cents=500)
    booking = book(session, author.id, stock.id, 1, utcnow())
    review = Review(booking_id=booking.id, user_id=author.id, offer_id=stock.offer_id,
                    text="Un avis très désagréable envers l'équipe.")
    session.add(review)
    session.flush()
    people = [factories.young(session, first_name="Sam") for _ in range(reporters)]
    session.add_all(ReviewReport(review_id=review.id, reporter_id=person.id,
                                 reason="Propos insultants") for person in people)
    # The booking's confirmation is not what these tests are about: only the decision's
    # e-mails are counted.
    session.execute(delete(OutboundEmail).where(OutboundEmail.recipient == author.email))
    session.flush()
    return review, author, people


def sign_in_staff(client, session, permissions=(StaffPermission.MODERATE,)):
    staff = factories.staff(session, permissions=list(permissions))
    session.commit()
    login(client, staff.email, factories.PASSWORD)
    return staff


@pytest.fixture
def moderator(client, db_session):
    """A member of staff holding only the moderation permission, signed in."""
    return sign_in_staff(client, db_session)
