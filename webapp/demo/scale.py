"""The benchmark data set: venues all over France, 100,000 offers and 1,000,000 bookings.

It reuses the demo's planners, so its rows keep the same rules (credit never exceeded, booked
quantities equal to live bookings, unique tokens), and writes them through `FastWriter`:
COPY on PostgreSQL, plain `executemany` on SQLite. Bookings are planned and written for a
slice of people at a time so that memory stays bounded; the stocks' booked quantities are set
at the end from the bookings themselves.
"""

from __future__ import annotations

import datetime as dt
import math
import random

from sqlalchemy import text
from sqlalchemy.orm import Session

from models.bookings.models import Booking
from models.credit.models import Deposit, Grant
from models.db import utcnow
from models.identity.models import IdentityCheck
from models.offerers.models import Structure, Venue
from models.offers.models import ActivationCode, Image, Offer, PriceCategory, Stock
from models.territories.api import load_geography
from models.users.models import User
from models.users.repository import find_by_email
from webapp.demo.bulk import FastWriter, IdAllocator, Reporter, chunks, sync_sequences, timed
from webapp.demo.content import Catalogue, OfferPlanner, write_activation_codes, write_content
from webapp.demo.history import BookingPlanner
from webapp.demo.people import Population, PopulationPlanner, grant_rows
from webapp.demo.supply import VENUE_MIX
from webapp.demo.venues import SupplyPlanner, load_communes

DEFAULT_SCALE = {"venues": 20_000, "offers": 100_000, "bookings": 1_000_000}
SCALE_EMAIL = "jeune.bench.{}@demo.passculture.test"
# A person who books tries seven times on average; take-up, credit, age rules and places
# leave about three bookings a person. A few more people than that make sure the number of
# bookings asked for is reached; the last ones then simply book nothing.
BOOKINGS_PER_PERSON = 2.8
ATTEMPTS_PER_PERSON = 7.0
PEOPLE_PER_SLICE = 20_000
SHARED_POSTERS = 12
MODELS = [Structure, Venue, Image, Offer, PriceCategory, Stock, ActivationCode, User,
          IdentityCheck, Deposit, Grant, Booking]


def scale_loaded(session: Session) -> bool:
    return find_by_email(session, SCALE_EMAIL.format(1)) is not None


def load_scale(session: Session, *, venues: int, offers: int, bookings: int, seed: int,
               now: dt.datetime | None = None, report: Reporter | None = None) -> bool:
    """Add the benchmark data set once; return False if it is already there."""
    now = now or utcnow()
    with timed(report, "geography"):
        load_geography(session)
    if scale_loaded(session):
        return False
    rng, ids, writer = random.Random(seed + 7), IdAllocator(session), FastWriter(session)
    if session.get_bind().dialect.name == "sqlite":
        # A larger page cache (256 MB) keeps the indexes of the big tables in memory.
        session.execute(text("PRAGMA cache_size = -262144"))
    communes = load_communes(session)
    with timed(report, f"{venues} venues across France planned"):
        supply = SupplyPlanner(session, rng, now, communes, ids).plan(
            _venue_mix(venues), digital_structures=7)
    with timed(report, f"{offers} offers and their stocks"):
        catalogue = OfferPlanner(rng, now, supply, ids, shared_images=SHARED_POSTERS).plan(offers)
        first_stock = min(stock.id for stock in catalogue.stocks)
        _write_catalogue(writer, catalogue)
    with timed(report, "young people and their deposits"):
        population = PopulationPlanner(session, rng, now, communes, ids, None).plan(
            math.ceil(bookings / BOOKINGS_PER_PERSON), SCALE_EMAIL)
        _write_population(writer, population, ids)
    with timed(report, f"{bookings} bookings"):
        written = _write_bookings(session, writer, rng, now, catalogue, population, ids, bookings)
        if report:
            report(f"bookings written: {written}")
    with timed(report, "activation codes and booked quantities"):
        write_activation_codes(writer, catalogue)
        _set_booked_quantities(session, first_stock)
        sync_sequences(session, MODELS)
    return True


def _venue_mix(total: int) -> dict:
    factor = total / sum(VENUE_MIX.values())
    return {kind: max(1, round(count * factor)) for kind, count in VENUE_MIX.items()}


def _write_catalogue(writer: FastWriter, catalogue: Catalogue) -> None:
    write_content(writer, catalogue)
    # The plans are kept for the bookings; the rows are no longer needed.
    catalogue.offer_rows.clear()
    catalogue.image_rows.clear()


def _write_population(writer: FastWriter, population: Population, ids: IdAllocator) -> None:
    writer.write(User, population.user_rows)
    writer.write(IdentityCheck, population.check_rows)
    writer.write(Deposit, population.deposit_rows())
    writer.write(Grant, grant_rows(population, ids))
    population.user_rows.clear()
    population.check_rows.clear()


def _write_bookings(session: Session, writer: FastWriter, rng: random.Random, now: dt.datetime,
                    catalogue: Catalogue, population: Population, ids: IdAllocator,
                    target: int) -> int:
    """Plan and write bookings a slice of people at a time, until the target is reached."""
    planner = BookingPlanner(session, rng, now, catalogue, population, ids,
                             mean_bookings=ATTEMPTS_PER_PERSON)
    written = 0
    for people in chunks(population.people, PEOPLE_PER_SLICE):
        for person in people:
            planner.plan_person(person)
        written += writer.write(Booking, planner.drain())
        if written >= target:
            break
    planner.plan_highlights()
    return written + writer.write(Booking, planner.drain())


def _set_booked_quantities(session: Session, first_stock: int) -> None:
    """Booked quantity = places held by live bookings, for the stocks this load created."""
    session.execute(text(
        "UPDATE stock SET booked_quantity = live.booked FROM ("
        " SELECT stock_id, SUM(quantity) AS booked FROM booking"
        " WHERE status IN ('confirmed', 'used', 'reimbursed') AND stock_id >= :first"
        " GROUP BY stock_id) AS live WHERE stock.id = live.stock_id"), {"first": first_stock})
