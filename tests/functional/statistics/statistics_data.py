"""Residents, credits and bookings written for the territory statistics tests.

People live in the communes the tests name, hold a deposit opened at the frozen instant, and
book offers of the categories asked at venues of the structures asked. Their cell keys are set
by the tests, which must know them to check what the secrecy layer receives.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import count

from sqlalchemy.orm import Session

from models.bookings.models import BookingStatus
from models.offerers.models import Structure
from models.offers.models import Stock
from models.statistics.periods import PARIS
from models.statistics.scopes import Level
from tests import factories
from tests.functional.pro.bookings_data import add_booking

MONTPELLIER = "34172"
BAILLARGUES = "34022"
BEZIERS = "34032"
PARIS_COMMUNE = "75056"
MONTPELLIER_METROPOLE = "243400017"
SUBCATEGORY_OF = {"LIVRE": "LIVRE_PAPIER", "CINEMA": "CARTE_CINE_MULTISEANCES",
                  "MUSEE": "VISITE", "INSTRUMENT": "ACHAT_INSTRUMENT", "JEU": "ABO_LUDOTHEQUE"}

_keys = count(1000, 977)


def paris_time(year: int, month: int, day: int, hour: int = 12) -> dt.datetime:
    return dt.datetime(year, month, day, hour, tzinfo=PARIS)


def resident(session: Session, commune: str = MONTPELLIER, *, key: int | None = None,
             credit: bool = True, **fields):
    """A young person living in `commune`, with a deposit opened now unless `credit` is False."""
    person = factories.young(session, commune_code=commune,
                             cell_key=next(_keys) if key is None else key, **fields)
    if credit:
        factories.deposit(session, person)
    return person


@dataclass
class Catalogue:
    """One stock per (structure, category), made on demand, at `price_cents` unless told."""

    session: Session

    def __post_init__(self):
        self.stocks: dict[tuple[int, str, int], Stock] = {}

    def stock(self, structure: Structure, category: str, price_cents: int = 1000) -> Stock:
        index = (structure.id, category, price_cents)
        if index not in self.stocks:
            venue = factories.venue(self.session, structure=structure)
            offer = factories.offer(self.session, venue=venue,
                                    subcategory_id=SUBCATEGORY_OF[category])
            self.stocks[index] = factories.stock(self.session, offer=offer,
                                                 price_cents=price_cents, quantity=None)
        return self.stocks[index]


def book(session: Session, catalogue: Catalogue, person, structure: Structure, category: str,
         booked_at: dt.datetime, *, price_cents: int = 1000, quantity: int = 1,
         status: BookingStatus = BookingStatus.CONFIRMED):
    return add_booking(session, catalogue.stock(structure, category, price_cents),
                       person=person, booked_at=booked_at, quantity=quantity, status=status)


@dataclass(frozen=True)
class Communes:
    """An arbitrary set of communes, to test selections no official territory draws."""

    codes: tuple[str, ...]
    level: Level = Level.COMMUNE
    code: str = "selection"

    def resident_clause(self, commune_column):
        return commune_column.in_(self.codes)


def herault_readers(session: Session) -> None:
    """25 residents of the Hérault (two in three in Montpellier, the others in Béziers), each
    buying a book in March 2026 from one of 5 structures; one in four also went to the cinema in
    February, at a single structure (so its money is secret)."""
    structures = [factories.structure(session) for _ in range(5)]
    catalogue = Catalogue(session)
    for index in range(25):
        person = resident(session, MONTPELLIER if index % 3 else BEZIERS,
                          first_name="Zéphyrine", last_name=f"Quasimodo{index}",
                          email=f"zephyrine{index}@exemple.fr")
        book(session, catalogue, person, structures[index % 5], "LIVRE",
             paris_time(2026, 3, 2), price_cents=1000 + index)
        if index % 4 == 0:
            book(session, catalogue, person, structures[0], "CINEMA", paris_time(2026, 2, 2))
    session.commit()


def rolling_slugs(months: int = 12) -> tuple[str, str]:
    """The slugs of the rolling period of `months` ending last month (an old link's) and of the
    one ending this month, at the suite's frozen instant."""
    from models.db import utcnow
    from models.statistics.periods import add_months

    this_month = utcnow().astimezone(PARIS).date().replace(day=1)
    last_month = add_months(this_month, -1)
    return f"{months}m-{last_month:%Y-%m}", f"{months}m-{this_month:%Y-%m}"
