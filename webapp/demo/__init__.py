"""Demo data: the shipped geography, the demo accounts, and realistic French content.

Everything is drawn from generators seeded with a fixed number and dated relative to `now`, so
two loads at the same moment give the same data. The content is planned in memory first (ids
included) and then written in bulk, which keeps the whole load within seconds.
"""

from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.bookings.models import Booking
from models.credit.models import Deposit, Grant
from models.db import utcnow
from models.identity.models import IdentityCheck
from models.offerers.models import Structure, Venue
from models.offers.models import ActivationCode, Image, Offer, PriceCategory, Stock
from models.social.models import Favorite, OfferReaction, Review, ReviewReport
from models.statistics.refresh import refresh_aggregates
from models.statistics.take_up_aggregates import refresh_take_up
from models.territories.api import load_geography
from models.users.models import User
from models.users.repository import find_by_email
from webapp.demo.accounts import ADMIN, YOUNG_18, create_demo_accounts
from webapp.demo.bulk import FastWriter, IdAllocator, Reporter, sync_sequences, timed
from webapp.demo.content import Catalogue, plan_content, write_activation_codes, write_content
from webapp.demo.history import plan_bookings
from webapp.demo.moderation_scenario import create_moderation_scenario
from webapp.demo.people import Population, PopulationPlanner, grant_rows
from webapp.demo.pro_scenario import create_pro_scenario
from webapp.demo.social import Social, SocialPlanner
from webapp.demo.territory_structures import create_territory_structures
from webapp.demo.venues import EXPERIMENT_DEPARTEMENTS, load_communes

DEMO_SEED = 2018
DEMO_PEOPLE = 4000
YOUNG_EMAIL = "jeune.{}@demo.passculture.test"

# Tables the demo fills with explicit ids, whose PostgreSQL sequences must then move on.
GENERATED_MODELS = [Structure, Venue, Image, Offer, PriceCategory, Stock, ActivationCode, User,
                    IdentityCheck, Deposit, Grant, Booking, Favorite, OfferReaction, Review,
                    ReviewReport]


def demo_loaded(session: Session) -> bool:
    return find_by_email(session, YOUNG_18) is not None


def load_demo(session: Session, now: dt.datetime | None = None, *, seed: int = DEMO_SEED,
              people: int = DEMO_PEOPLE, report: Reporter | None = None) -> bool:
    """Load everything once; return False when the demo was already there. The caller commits."""
    now = now or utcnow()
    with timed(report, "geography"):
        load_geography(session)
    if demo_loaded(session):
        return False
    with timed(report, "demo accounts"):
        create_demo_accounts(session, now)
    create_content_and_history(session, now, seed=seed, people=people, report=report)
    with timed(report, "pro scenario"):
        create_pro_scenario(session, now, random.Random(seed + 2))
    with timed(report, "moderation scenario"):
        create_moderation_scenario(session, now)
    with timed(report, "territory structures"):
        create_territory_structures(session, now)
    # As after a night of jobs in production: the dashboards read their aggregates at once.
    with timed(report, "statistics aggregates"):
        refresh_aggregates(session, now)
        refresh_take_up(session, now)
    return True


def create_content_and_history(session: Session, now: dt.datetime, *, seed: int, people: int,
                               report: Reporter | None = None) -> None:
    ids = IdAllocator(session)
    communes = load_communes(session, EXPERIMENT_DEPARTEMENTS)
    admin = find_by_email(session, ADMIN)
    moderator_id = admin.id if admin else None
    with timed(report, "offers planned"):
        catalogue = plan_content(session, random.Random(seed), now, communes, ids)
    with timed(report, "history planned"):
        rng = random.Random(seed + 1)
        population = PopulationPlanner(session, rng, now, communes, ids, moderator_id).plan(
            people, YOUNG_EMAIL)
        bookings = plan_bookings(session, rng, now, catalogue, population, ids)
        social = SocialPlanner(ids, rng, now, moderator_id).plan(bookings, catalogue, population)
    with timed(report, "rows written"):
        write_demo(session, catalogue, population, bookings, social, ids)
        sync_sequences(session, GENERATED_MODELS)


def write_demo(session: Session, catalogue: Catalogue, population: Population,
               bookings: list[dict], social: Social, ids: IdAllocator) -> None:
    """Insert the planned rows, parents before children."""
    writer = FastWriter(session)
    write_content(writer, catalogue)
    writer.write(User, population.user_rows)
    writer.write(IdentityCheck, population.check_rows)
    writer.write(Deposit, population.deposit_rows())
    writer.write(Grant, grant_rows(population, ids))
    writer.write(Booking, bookings)
    write_activation_codes(writer, catalogue)
    for model, rows in social.rows():
        writer.write(model, rows)


def demo_counts(session: Session) -> dict[str, int]:
    """Row counts of the tables the demo fills, for the command line to print."""
    return {model.__tablename__: session.scalar(select(func.count()).select_from(model))
            for model in GENERATED_MODELS}
