"""The pro side of the demo, written through the domain's own commands once the history is in.

- The demo pro's structure gets a colleague (so "Retirer" shows on its members page), an open
  invitation, two drafts (one at the first step, one ready to publish) and an offer edited after
  publication (so its history shows).
- A second demo pro, member of another structure (a bookshop whose catalogue is loaded by the
  bulk import, as a bookshop would), makes the isolation between structures visible.
- Money: every venue gets its pricing point (itself when it has a SIRET, else the structure's
  first venue with one), the statements of the last finished period are issued (each pricing
  point's first statement pays every used booking so far), and the demo pro's first venue has
  bank details.
"""

from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from models.finance.api import issue_statements, set_bank_account
from models.finance.periods import Period
from models.offerers.models import (
    MembershipStatus,
    Structure,
    StructureInvitation,
    StructureMembership,
    StructureStatus,
    Venue,
    VenueType,
)
from models.offerers.validation import with_luhn_digit
from models.offers.api import create_draft, update_details, update_practical
from models.offers.catalogue_import import import_catalogue
from models.offers.ean import ean13_check_digit
from models.offers.models import Offer, Validation, WithdrawalType
from models.offers.validation import OfferDetails, PracticalInfo
from models.users.api import create_user
from models.users.models import User
from models.users.repository import find_by_email
from webapp.demo import names
from webapp.demo.accounts import DEMO_PASSWORD, PRO

PRO_COLLEAGUE = "collegue.pro@demo.passculture.test"
PRO_2 = "librairie@demo.passculture.test"
INVITED = "nouvelle.recrue@demo.passculture.test"
BOOKSHOP_SIREN = with_luhn_digit("41253817")
# A test IBAN of the French banks' documentation (its mod-97 check holds).
DEMO_IBAN = "FR7630006000011234567890189"
BOOKSHOP_BOOKS = 40


def create_pro_scenario(session: Session, now: dt.datetime, rng: random.Random) -> None:
    pro = find_by_email(session, PRO)
    structure = session.scalars(
        select(Structure).join(StructureMembership)
        .where(StructureMembership.user_id == pro.id)).one()
    _colleague_and_invitation(session, structure, pro, now)
    _drafts_and_history(session, structure, pro, now)
    _bookshop(session, now, rng)
    _pricing_points(session)
    issue_statements(session, Period.last_finished(now), now)
    first_venue = next(venue for venue in structure.venues if venue.siret)
    set_bank_account(session, first_venue, DEMO_IBAN, None, structure.name, pro, now)


def _colleague_and_invitation(session: Session, structure: Structure, pro: User,
                              now: dt.datetime) -> None:
    colleague = create_user(session, PRO_COLLEAGUE, DEMO_PASSWORD, first_name="Malik",
                            last_name="Benali", email_confirmed_at=now)
    session.add_all([
        StructureMembership(user=colleague, structure=structure,
                            status=MembershipStatus.VALIDATED),
        StructureInvitation(structure=structure, email=INVITED, invited_by_id=pro.id,
                            created_at=now - dt.timedelta(days=2)),
    ])
    session.flush()


def _drafts_and_history(session: Session, structure: Structure, pro: User,
                        now: dt.datetime) -> None:
    theatre = structure.venues[0] if structure.venues[0].siret else next(
        venue for venue in structure.venues if venue.siret)
    create_draft(session, theatre, "SPECTACLE_REPRESENTATION", now)
    ready = create_draft(session, theatre, "SPECTACLE_REPRESENTATION", now)
    update_details(session, ready, OfferDetails(
        name="Lecture-spectacle : Les Lettres de mon moulin",
        description="Une comédienne lit Alphonse Daudet, accompagnée d'un violoncelle.",
        performer="Compagnie du Moulin", show_type="THEATRE", show_subtype="CLASSIQUE"),
        person=pro, now=now)
    update_practical(session, ready, PracticalInfo(
        accessibility={"hearing": False, "mental": True, "motor": True, "visual": True},
        withdrawal_type=WithdrawalType.NO_TICKET),
        person=pro, now=now)
    published = session.scalars(
        select(Offer).where(Offer.venue_id.in_([venue.id for venue in structure.venues]),
                            Offer.validation == Validation.APPROVED, Offer.is_active,
                            Offer.subcategory_id.in_(("CONFERENCE", "RENCONTRE")))
        .order_by(Offer.id)).first()
    details = OfferDetails(**{name: getattr(published, name) for name in (
        "name", "description", "author", "performer", "ean", "url", "uses_activation_codes",
        "show_type", "show_subtype", "music_type", "duration_minutes")})
    details.description = (published.description or "") + " Placement libre."
    update_details(session, published, details, person=pro, now=now - dt.timedelta(days=3))


def _bookshop(session: Session, now: dt.datetime, rng: random.Random) -> None:
    """A bookshop in Montpellier, member of its own structure, its catalogue bulk-imported."""
    bookseller = create_user(session, PRO_2, DEMO_PASSWORD, first_name="Louise",
                             last_name="Garnier", email_confirmed_at=now)
    structure = Structure(siren=BOOKSHOP_SIREN, name="Librairie des Arceaux",
                          address="12 boulevard des Arceaux", postal_code="34000",
                          commune_code="34172", status=StructureStatus.VALIDATED,
                          validated_at=now - dt.timedelta(days=200))
    venue = Venue(siret=with_luhn_digit(f"{BOOKSHOP_SIREN}0001"), name="Librairie des Arceaux",
                  venue_type=VenueType.BOOKSTORE, address="12 boulevard des Arceaux",
                  postal_code="34000", commune_code="34172", latitude=43.6110,
                  longitude=3.8650, accessibility_hearing=False, accessibility_mental=True,
                  accessibility_motor=True, accessibility_visual=False,
                  opening_hours="Du mardi au samedi, de 10 h à 19 h.")
    structure.venues.append(venue)
    session.add_all([structure, StructureMembership(user=bookseller, structure=structure,
                                                    status=MembershipStatus.VALIDATED)])
    session.flush()
    import_catalogue(session, venue, _catalogue_file(rng), author_id=bookseller.id, now=now)


def _catalogue_file(rng: random.Random) -> bytes:
    """The bookshop's catalogue as it would export it: EAN;titre;auteur;prix;quantité."""
    lines = ["ean;titre;auteur;prix;quantite"]
    seen = set()
    books = names.NOVELS + [(f"{series}, tome {volume}", author, "album", "")
                            for series, author, last, _pitch in names.BANDES_DESSINEES
                            for volume in range(1, min(last, 3) + 1)]
    for title, author, kind, _pitch in rng.sample(books, min(BOOKSHOP_BOOKS, len(books))):
        body = "978" + "".join(str(rng.randrange(10)) for _ in range(9))
        if body in seen:
            continue
        seen.add(body)
        price = rng.choice([790, 890, 1095, 1450, 1990, 2200]) if kind != "poche" else 790
        lines.append(f"{body}{ean13_check_digit(body)};{title};{author};"
                     f"{price // 100},{price % 100:02d};{rng.randint(1, 6)}")
    return "\n".join(lines).encode()


def _pricing_points(session: Session) -> None:
    """Each venue with a SIRET is its own pricing point; the others use their structure's
    first venue with one (none when the structure has no SIRET at all)."""
    session.execute(update(Venue).where(Venue.siret.is_not(None))
                    .values(pricing_point_id=Venue.id))
    other = Venue.__table__.alias("other")
    first_with_siret = (select(other.c.id)
                        .where(other.c.structure_id == Venue.structure_id,
                               other.c.siret.is_not(None))
                        .order_by(other.c.id).limit(1).scalar_subquery())
    session.execute(update(Venue).where(Venue.siret.is_(None))
                    .values(pricing_point_id=first_with_siret))
