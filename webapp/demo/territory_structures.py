"""The Hérault officer's list of structures: three demo partners (one still waiting for
validation) and three local structures not yet on the pass, two of them with an address to
invite (docs/domain/7-territories.md, "Structures to win over")."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import case, select
from sqlalchemy.orm import Session

from models.offerers.models import Structure, StructureStatus, Venue
from models.offerers.validation import with_luhn_digit
from models.partnership_candidates.models import ListedStructure
from models.territories.models import Commune, TerritoryKind
from models.users.repository import find_by_email
from webapp.demo.accounts import PRO_SIREN, TERRITORY
from webapp.demo.pro_scenario import BOOKSHOP_SIREN

# Made-up associations of the Hérault; their SIRENs are completed with a valid check digit.
NOT_YET_PARTNERS = [
    ("31415926", "MJC de Lodève", "contact@mjc-lodeve.demo.passculture.test"),
    ("27182818", "Harmonie de Pézenas", "bureau@harmonie-pezenas.demo.passculture.test"),
    ("16180339", "Atelier théâtre du Pic Saint-Loup", None),
]


def create_territory_structures(session: Session, now: dt.datetime) -> None:
    officer = find_by_email(session, TERRITORY)
    listed = [(PRO_SIREN, None, None), (BOOKSHOP_SIREN, None, None)]
    pending = _pending_structure_of_the_hérault(session)
    if pending is not None:
        listed.append((pending, None, None))
    taken = set(session.scalars(select(Structure.siren)))
    for prefix, name, email in NOT_YET_PARTNERS:
        siren = with_luhn_digit(prefix)
        if siren not in taken:
            listed.append((siren, name, email))
    session.add_all(ListedStructure(
        territory_kind=TerritoryKind.DEPARTEMENT, territory_code="34", siren=siren, name=name,
        email=email, added_by_id=officer.id, added_at=now - dt.timedelta(days=3))
        for siren, name, email in listed)
    session.flush()


def _pending_structure_of_the_hérault(session: Session) -> str | None:
    """A demo structure waiting for staff, of the Hérault when there is one."""
    return session.scalar(
        select(Structure.siren)
        .join(Venue, Venue.structure_id == Structure.id)
        .outerjoin(Commune, Commune.code == Venue.commune_code)
        .where(Structure.status.in_([StructureStatus.PENDING, StructureStatus.NEW]))
        .order_by(case((Commune.departement_code == "34", 0), else_=1), Structure.id).limit(1)
    )
