"""Staff's moderation work in the demo: rules, offers they hold, and a reported review.

Written through the domain's own commands once the pro scenario is in, so what staff find is
exactly what the product would have produced (docs/domain/moderation.md):

- three rules, switched on: words ("vente privée", "prix cassés"), a price threshold for
  instruments, and the first offers of a new structure;
- offers the rules hold, each with the rule that matched: a workshop of the demo pro's
  theatre whose title holds a listed word, an instrument repriced above the threshold after
  its publication, and the first two offers of a ceramics workshop, published while it
  waited for its validation (given five days ago);
- a visible review reported by a demo young person, waiting for a decision.

The held offers are dated six weeks back: they sit on the queue's first page (oldest first),
after the demo's older pending offers, which were planned pending and no rule recorded.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.moderation.api import create_rule
from models.moderation.models import RuleKind
from models.moderation.validation import RuleSettings
from models.offerers.models import (
    MembershipStatus,
    Structure,
    StructureMembership,
    StructureStatus,
    Venue,
    VenueType,
)
from models.offerers.validation import with_luhn_digit
from models.offers.api import create_draft, publish_offer, update_details, update_practical
from models.offers.models import Offer, WithdrawalType
from models.offers.stocks import add_stock
from models.offers.validation import OfferDetails, PracticalInfo
from models.social.models import Review, ReviewReport
from models.users.api import create_user
from models.users.repository import find_by_email
from webapp.demo.accounts import ADMIN, DEMO_PASSWORD, PRO_SIREN, YOUNG_17

CERAMICS_SIREN = with_luhn_digit("52871946")
CERAMICS_PRO = "atelier.ceramique@demo.passculture.test"
WORDS_RULE = "Ventes déguisées"
PRICE_RULE = "Instruments au-delà de 150 €"
NEW_STRUCTURE_RULE = "Premières offres des nouvelles structures"
HELD_WORKSHOP = "Atelier costumes — vente privée de la garde-robe du théâtre"
HELD_INSTRUMENT = "Violoncelle d'étude 4/4 avec archet et housse"
CERAMICS_OFFERS = ("Initiation au tour de potier", "Stage modelage : bols et tasses")
REPORT_REASON = "Propos insultants envers l'équipe du lieu"
ACCESSIBLE = {"hearing": True, "mental": True, "motor": True, "visual": False}


def create_moderation_scenario(session: Session, now: dt.datetime) -> None:
    staff = find_by_email(session, ADMIN)
    _rules(session, staff, now - dt.timedelta(days=60))
    theatre = session.scalars(select(Venue).join(Structure).where(
        Structure.siren == PRO_SIREN, Venue.is_virtual.is_(False), Venue.siret.is_not(None))
        .order_by(Venue.id)).first()
    _published(session, theatre, "ATELIER_PRATIQUE_ART", HELD_WORKSHOP,
               "Les costumes des saisons passées, vendus entre amis de la troupe.",
               now - dt.timedelta(days=45))
    instrument = _published(session, theatre, "ACHAT_INSTRUMENT", HELD_INSTRUMENT,
                            "Un violoncelle d'étude révisé par notre luthier.",
                            now - dt.timedelta(days=44))
    add_stock(session, instrument, now=now - dt.timedelta(days=44), price_cents=24_000,
              quantity=1)
    # The repricing happened six weeks ago in the demo's story; the row wrote the real moment.
    instrument.updated_at = now - dt.timedelta(days=44)
    ceramics = _new_structure(session, now - dt.timedelta(days=5))
    for days, name in zip((42, 41), CERAMICS_OFFERS, strict=True):
        _published(session, ceramics, "ATELIER_PRATIQUE_ART", name,
                   "Deux heures à l'atelier, terre et cuisson comprises.",
                   now - dt.timedelta(days=days))
    _reported_review(session, now - dt.timedelta(days=1))


def _rules(session: Session, staff, at: dt.datetime) -> None:
    create_rule(session, staff, RuleKind.WORDS, RuleSettings(
        label=WORDS_RULE, words="vente privée\nprix cassés"), at)
    create_rule(session, staff, RuleKind.PRICE, RuleSettings(
        label=PRICE_RULE, subcategory_id="ACHAT_INSTRUMENT", price_threshold_cents=15_000), at)
    create_rule(session, staff, RuleKind.NEW_STRUCTURE, RuleSettings(
        label=NEW_STRUCTURE_RULE, first_offers=3, structure_age_days=30), at)


def _published(session: Session, venue: Venue, subcategory_id: str, name: str,
               description: str, at: dt.datetime) -> Offer:
    """An offer written step by step and published, as its pro would; the rules decide."""
    offer = create_draft(session, venue, subcategory_id, at)
    update_details(session, offer, OfferDetails(name=name, description=description),
                   person=None, now=at)
    withdrawal = WithdrawalType.NO_TICKET if offer.subcategory.withdrawal_modes else None
    update_practical(session, offer, PracticalInfo(accessibility=ACCESSIBLE,
                                                   withdrawal_type=withdrawal),
                     person=None, now=at)
    publish_offer(session, offer, at)
    return offer


def _new_structure(session: Session, validated_at: dt.datetime) -> Venue:
    """A ceramics workshop in Montpellier, validated five days ago, with one member."""
    potter = create_user(session, CERAMICS_PRO, DEMO_PASSWORD, first_name="Nadia",
                         last_name="Roussel", email_confirmed_at=validated_at)
    structure = Structure(siren=CERAMICS_SIREN, name="Atelier Terre du Lez",
                          address="8 rue du Faubourg Figuerolles", postal_code="34070",
                          commune_code="34172", status=StructureStatus.VALIDATED,
                          validated_at=validated_at)
    venue = Venue(siret=with_luhn_digit(f"{CERAMICS_SIREN}0001"), name="Atelier Terre du Lez",
                  venue_type=VenueType.ARTS_SCHOOL, address="8 rue du Faubourg Figuerolles",
                  postal_code="34070", commune_code="34172", latitude=43.6052,
                  longitude=3.8705, accessibility_hearing=True, accessibility_mental=True,
                  accessibility_motor=True, accessibility_visual=False)
    structure.venues.append(venue)
    session.add_all([structure, StructureMembership(user=potter, structure=structure,
                                                    status=MembershipStatus.VALIDATED)])
    session.flush()
    return venue


def _reported_review(session: Session, at: dt.datetime) -> None:
    """The first visible review nobody reported yet, reported by the demo's 17-year-old."""
    reporter = find_by_email(session, YOUNG_17)
    review = session.scalars(select(Review).where(
        Review.hidden_at.is_(None), Review.user_id != reporter.id,
        ~Review.id.in_(select(ReviewReport.review_id))).order_by(Review.id)).first()
    if review is not None:
        session.add(ReviewReport(review_id=review.id, reporter_id=reporter.id,
                                 reason=REPORT_REASON, created_at=at))
        session.flush()
