"""The demo accounts other tooling relies on (exact e-mails and password), and their context."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from models.credit.api import birthday, grant_birthday_top_ups, open_deposit
from models.offerers.models import (
    MembershipStatus,
    Structure,
    StructureMembership,
    StructureStatus,
    Venue,
    VenueType,
)
from models.offerers.validation import with_luhn_digit
from models.territories.models import (
    Commune,
    LocalGovernmentMandate,
    MandateStatus,
    TerritoryKind,
)
from models.users.api import create_user
from models.users.models import ActivityStatus, StaffPermission, User
from models.users.staff import grant_permissions

DEMO_PASSWORD = "Culture-Demo-2026!"
YOUNG_18 = "jeune18@demo.passculture.test"
YOUNG_17 = "jeune17@demo.passculture.test"
PRO = "pro@demo.passculture.test"
ADMIN = "admin@demo.passculture.test"
TERRITORY = "collectivite@demo.passculture.test"

# Keyed by the kind of account, as other tooling (and the browser tests) name them.
DEMO_ACCOUNTS = {
    "young": YOUNG_18,
    "pro": PRO,
    "admin": ADMIN,
    "territory": TERRITORY,
}

PRO_SIREN = with_luhn_digit("34017234")

# Real places of Montpellier and the Hérault, with the commune they stand in.
PRO_VENUES = [
    ("Théâtre des Treize Vents", VenueType.PERFORMING_ARTS, "Domaine de Grammont", "34000",
     "34172", 43.6065, 3.9253),
    ("Médiathèque Émile Zola", VenueType.LIBRARY, "218 boulevard de l'Aéroport International",
     "34000", "34172", 43.6078, 3.8877),
    ("Cinéma Diagonal", VenueType.CINEMA, "5 rue de Verdun", "34000", "34172", 43.6056, 3.8800),
    ("Scène de Bayssan", VenueType.CONCERT_HALL, "Route de Vendres", "34500", "34032",
     43.3137, 3.2588),
    ("Maison des arts de Sète", VenueType.ARTS_SCHOOL, "Quai de la Résistance", "34200",
     "34301", 43.4028, 3.6960),
]


def _young_person(session, email, first_name, last_name, born, commune_code, postal_code, address):
    return create_user(
        session, email, DEMO_PASSWORD, is_beneficiary=True,
        first_name=first_name, last_name=last_name, date_of_birth=born,
        commune_code=commune_code, postal_code=postal_code, address=address,
        activity=ActivityStatus.HIGH_SCHOOL,
    )


# A few days after the 2025 reform came into force (28 February 2025).
REFORM_OPENING = dt.datetime(2025, 3, 3, 10, tzinfo=dt.UTC)


def create_young_people(session: Session, now: dt.datetime) -> tuple[User, User]:
    """Two beneficiaries: one 18 with all the current credit, one 17 with 50 €."""
    today = now.date()
    born_18 = dt.date(today.year - 18, today.month, 1) - dt.timedelta(days=95)
    born_17 = dt.date(today.year - 17, today.month, 1) - dt.timedelta(days=60)
    eighteen = _young_person(session, YOUNG_18, "Camille", "Martin", born_18, "34172", "34000",
                             "12 rue de la Loge")
    seventeen = _young_person(session, YOUNG_17, "Yanis", "Le Goff", born_17, "29019", "29200",
                              "3 rue de Siam")
    for person in (eighteen, seventeen):
        person.email_confirmed_at = now
        session.flush()
        session.refresh(person)
    # Camille opened the deposit at 17 and received the 18-year-old top-up on her birthday. Her
    # 17th birthday may fall before the 2025 reform (depending on the day the demo is loaded):
    # she then opened it once the reform was in force, still aged 17.
    opened_at = max(
        dt.datetime.combine(birthday(born_18, 17) + dt.timedelta(days=20), dt.time(10),
                            tzinfo=dt.UTC),
        REFORM_OPENING,
    )
    open_deposit(session, eighteen, opened_at)
    grant_birthday_top_ups(session, now)
    open_deposit(session, seventeen, now - dt.timedelta(days=10))
    return eighteen, seventeen


def create_pro(session: Session, now: dt.datetime) -> Structure:
    """The demo pro, member of a validated structure with several venues in the Hérault."""
    user = create_user(session, PRO, DEMO_PASSWORD, first_name="Inès",
                       last_name="Roux", email_confirmed_at=now)
    structure = Structure(
        siren=PRO_SIREN, name="Association Culture en Hérault", address="2 place de la Comédie",
        postal_code="34000", commune_code="34172", status=StructureStatus.VALIDATED,
        validated_at=now,
    )
    session.add(structure)
    session.add(StructureMembership(user=user, structure=structure,
                                    status=MembershipStatus.VALIDATED))
    for index, (name, venue_type, address, postal, commune, lat, lon) in enumerate(PRO_VENUES):
        structure.venues.append(Venue(
            siret=with_luhn_digit(f"{PRO_SIREN}{index + 1:04d}"), name=name, venue_type=venue_type,
            address=address, postal_code=postal, commune_code=commune, latitude=lat,
            longitude=lon, accessibility_hearing=index % 2 == 0, accessibility_mental=True,
            accessibility_motor=True, accessibility_visual=index % 3 == 0,
        ))
    structure.venues.append(Venue(name="Culture en Hérault en ligne", venue_type=VenueType.DIGITAL,
                                  is_virtual=True))
    session.flush()
    return structure


def create_staff_and_officer(session: Session, now: dt.datetime) -> None:
    staff = create_user(session, ADMIN, DEMO_PASSWORD, first_name="Sam", last_name="Durand",
                        email_confirmed_at=now)
    grant_permissions(staff, StaffPermission)
    officer = create_user(session, TERRITORY, DEMO_PASSWORD,
                          first_name="Claire", last_name="Vidal", email_confirmed_at=now)
    session.add(LocalGovernmentMandate(
        user_id=officer.id, territory_kind=TerritoryKind.DEPARTEMENT, territory_code="34",
        status=MandateStatus.VALIDATED, validated_at=now,
    ))
    session.flush()


def create_demo_accounts(session: Session, now: dt.datetime) -> None:
    """Create the five demo accounts; the geography must be loaded (communes are referenced)."""
    assert session.get(Commune, "34172") is not None, "load the geography first"
    create_young_people(session, now)
    create_pro(session, now)
    create_staff_and_officer(session, now)
