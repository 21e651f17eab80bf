"""Programmes, residents and offers for the local top-up tests.

Programmes are written directly (their creation rules have their own tests) and run from ten
days ago to ten days ahead of the frozen instant, in Paris days.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from models.db import utcnow
from models.territories.models import TerritoryKind
from models.top_ups.models import TopUpCategory, TopUpProgramme
from tests import factories

PARIS = ZoneInfo("Europe/Paris")
MONTPELLIER, BEZIERS, NIMES = "34172", "34032", "30189"
SHOW = "SPECTACLE_REPRESENTATION"
BOOK = "LIVRE_PAPIER"


def today() -> dt.date:
    return utcnow().astimezone(PARIS).date()


def programme(session: Session, *, kind: TerritoryKind = TerritoryKind.COMMUNE,
              code: str = MONTPELLIER, amount: int = 2000, budget: int = 100_000,
              categories=("SPECTACLE",), starts: int = -10, ends: int = 10,
              ages=(15, 25), name: str = "Pass spectacle Montpellier") -> TopUpProgramme:
    created = TopUpProgramme(
        name=name, territory_kind=kind, territory_code=code, amount_per_person_cents=amount,
        budget_cents=budget, starts_on=today() + dt.timedelta(days=starts),
        ends_on=today() + dt.timedelta(days=ends), min_age=ages[0], max_age=ages[1],
        categories=[TopUpCategory(category_id=each) for each in categories])
    session.add(created)
    session.flush()
    return created


def resident(session: Session, commune: str = MONTPELLIER, *, age: int = 18, credit=True,
             **fields):
    person = factories.young(session, age=age, commune_code=commune, **fields)
    if credit:
        factories.deposit(session, person)
    return person


def show(session: Session, price_cents: int = 1500, subcategory: str = SHOW, **fields):
    offer = factories.offer(session, subcategory_id=subcategory)
    return factories.stock(session, offer=offer, price_cents=price_cents, quantity=None,
                           **fields)
