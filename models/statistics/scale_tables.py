"""The aggregates that make the dashboards fast and the daily refresh short at scale (issue 13,
"Scale"; docs/domain/7-territories.md, "Aggregates").

- `stat_beneficiary_period`: the beneficiaries (ever, and holding a live credit) of each
  period per commune of residence, with their key sums, so that no dashboard counts people from
  `user_account` and `deposit` at each request.
- `stat_beneficiary_person`: one row per person who holds or held a credit, as the last
  refresh counted them for the periods not over (commune, key, credit live then or not). A daily
  refresh counts again only the people whose credit opened or ended since, and adds what
  changed to those periods' `stat_beneficiary_period`.
- `stat_person_period`: one row per person and period held, the person's part of the
  period's distinct-people figures (bookers, three categories, diversification score). A daily
  refresh recomputes only the people who booked or cancelled since the last run.
- `stat_partner_period`, `stat_offer_period`: the money and bookings of each partner and offer
  per département, région and the country for each period held. A daily refresh adds to them
  the difference each month it rewrites makes, instead of summing the period again.
- `stat_money_month`, `stat_money_period`: the money that stays local (residents' money per
  département of residence, département of the venue or online, and partner), per month and per
  period, kept the same way.

They hold sums, never a person, except `stat_person_period` and `stat_beneficiary_person`,
which hold the same per-person facts the refresh used to compute in passing; they never leave
`models.statistics`.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, Date, Index, Integer, SmallInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from models.db import Base


class BeneficiaryPeriod(Base):
    """Residents of a commune who received a credit before the period's end (`ever`), and those
    holding a live credit at its end, or at the refresh if the period was not over then."""

    __tablename__ = "stat_beneficiary_period"

    period: Mapped[str] = mapped_column(String(16), primary_key=True)
    commune_code: Mapped[str] = mapped_column(String(5), primary_key=True)
    ever: Mapped[int] = mapped_column(Integer)
    ever_keys: Mapped[int] = mapped_column(BigInteger)
    active: Mapped[int] = mapped_column(Integer)
    active_keys: Mapped[int] = mapped_column(BigInteger)


class PersonPeriod(Base):
    """A person who booked in a period: their commune, key, number of categories and
    diversification score over the period."""

    __tablename__ = "stat_person_period"
    # A daily refresh sums again the communes its people left or joined.
    __table_args__ = (Index("ix_stat_person_period_commune", "period", "commune_code"),)

    period: Mapped[str] = mapped_column(String(16), primary_key=True)
    user_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    commune_code: Mapped[str] = mapped_column(String(5))
    key: Mapped[int] = mapped_column(BigInteger)
    categories: Mapped[int] = mapped_column(SmallInteger)
    score: Mapped[int] = mapped_column(Integer)


class BeneficiaryPerson(Base):
    """A resident who received a credit, as the last refresh counted them for the periods not
    over: their commune, key, and 1 if a credit of theirs was live at that refresh."""

    __tablename__ = "stat_beneficiary_person"

    user_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    commune_code: Mapped[str] = mapped_column(String(5))
    key: Mapped[int] = mapped_column(BigInteger)
    active: Mapped[int] = mapped_column(SmallInteger)


class PartnerPeriod(Base):
    """Money and bookings per period, scope (département, région, country), category and
    partner (structure)."""

    __tablename__ = "stat_partner_period"
    # A daily refresh reads again the partners whose sums changed, in every scope, for the
    # amounts and the top partners.
    __table_args__ = (Index("ix_stat_partner_period_structure", "period", "structure_id"),)

    period: Mapped[str] = mapped_column(String(16), primary_key=True)
    level: Mapped[str] = mapped_column(String(12), primary_key=True)
    code: Mapped[str] = mapped_column(String(9), primary_key=True)
    category: Mapped[str] = mapped_column(String(40), primary_key=True)
    structure_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    cents: Mapped[int] = mapped_column(BigInteger)
    bookings: Mapped[int] = mapped_column(Integer)
    bookings_keys: Mapped[int] = mapped_column(BigInteger)


class OfferPeriod(Base):
    """Money and bookings per period, scope and offer."""

    __tablename__ = "stat_offer_period"
    # A daily refresh reads again the offers whose sums changed, in every scope, and the top
    # offers of a scope when an offer that did not change may have come into them.
    __table_args__ = (Index("ix_stat_offer_period_offer", "period", "offer_id"),
                      Index("ix_stat_offer_period_bookings", "period", "level", "code",
                            "bookings"))

    period: Mapped[str] = mapped_column(String(16), primary_key=True)
    level: Mapped[str] = mapped_column(String(12), primary_key=True)
    code: Mapped[str] = mapped_column(String(9), primary_key=True)
    offer_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    structure_id: Mapped[int] = mapped_column(Integer)
    cents: Mapped[int] = mapped_column(BigInteger)
    bookings: Mapped[int] = mapped_column(Integer)
    bookings_keys: Mapped[int] = mapped_column(BigInteger)


class MoneyMonth(Base):
    """Residents' money per month, département of residence (`home`), where it was spent
    (`place`: the venue's département, "en_ligne", or "" for a venue without a commune) and
    partner."""

    __tablename__ = "stat_money_month"

    month: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    home: Mapped[str] = mapped_column(String(3), primary_key=True)
    place: Mapped[str] = mapped_column(String(8), primary_key=True)
    structure_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    cents: Mapped[int] = mapped_column(BigInteger)


class MoneyPeriod(Base):
    """The same per period."""

    __tablename__ = "stat_money_period"

    period: Mapped[str] = mapped_column(String(16), primary_key=True)
    home: Mapped[str] = mapped_column(String(3), primary_key=True)
    place: Mapped[str] = mapped_column(String(8), primary_key=True)
    structure_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    cents: Mapped[int] = mapped_column(BigInteger)
