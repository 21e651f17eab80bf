"""Migration 0008 moves running credits to the 21st birthday and bookings to the midnight rule,
and puts everything back on downgrade (docs/domain/2-credit.md, docs/domain/5-bookings.md).

Rows are written with plain SQL at revision 0007, as a database of that time holds them.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from sqlalchemy import pool

from models import migrations
from models.db import UtcDateTime, make_engine, utcnow

PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
def database_at_0007(databases):
    url = databases.create("migration_0008")
    migrations.upgrade(url, "0007")
    engine = make_engine(url, poolclass=pool.NullPool)
    yield url, engine
    engine.dispose()
    databases.drop(url)


def paris_midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=PARIS).astimezone(dt.UTC)


def years_before(moment: dt.datetime, years: int) -> dt.date:
    day = moment.date()
    return day.replace(year=day.year - years, day=min(day.day, 28))


def insert(connection, table: str, **values) -> None:
    columns = ", ".join(values)
    names = ", ".join(f":{name}" for name in values)
    statement = sa.text(f"INSERT INTO {table} ({columns}) VALUES ({names})").bindparams(
        *(sa.bindparam(name, type_=UtcDateTime())
          for name, value in values.items() if isinstance(value, dt.datetime))
    )
    connection.execute(statement, values)


def expiries(engine, table: str) -> dict[int, dt.datetime | None]:
    with engine.connect() as connection:
        rows = connection.execute(
            sa.text(f"SELECT id, expires_at FROM {table}").columns(
                sa.column("id", sa.Integer), sa.column("expires_at", UtcDateTime)
            )
        )
        return dict(rows.all())


def programme_ids(connection) -> dict[str, int]:
    return dict(connection.execute(sa.text("SELECT code, id FROM credit_programme")).all())


def reform_min_age(engine) -> int:
    with engine.connect() as connection:
        return connection.scalar(sa.text(
            "SELECT min_signup_age FROM credit_programme WHERE code = 'reform_2025'"))


def fill(engine, now: dt.datetime) -> dict:
    """Three people, their deposits and bookings, as of revision 0007."""
    opened = now - dt.timedelta(days=30)
    born_19, born_16 = years_before(now, 19), years_before(now, 16)
    old = dt.datetime(2021, 6, 1, 10, tzinfo=dt.UTC)
    booked = dt.datetime(2026, 1, 1, 14, tzinfo=dt.UTC)  # 15:00 in Paris
    with engine.begin() as connection:
        ids = programme_ids(connection)
        for user_id, born in ((1, born_19), (2, born_16), (3, dt.date(2002, 5, 1))):
            insert(connection, "user_account", id=user_id, email=f"p{user_id}@example.org",
                   role="young", cell_key=1, created_at=old, date_of_birth=born)
        deposits = {
            # id: user, programme, created, expiry under the rules of 0007
            1: (1, "pass_2021", opened, opened.replace(year=opened.year + 2)),
            2: (2, "pass_2021_young", opened, paris_midnight(born_16.replace(
                year=born_16.year + 18))),
            3: (3, "pass_2021", old, old.replace(year=2023)),
        }
        for deposit_id, (user_id, code, created, expires) in deposits.items():
            insert(connection, "deposit", id=deposit_id, user_id=user_id,
                   programme_id=ids[code], created_at=created, expires_at=expires)
        insert(connection, "structure", id=1, siren="123456782", name="S", status="validated",
               created_at=old)
        insert(connection, "venue", id=1, structure_id=1, name="V", venue_type="bookstore",
               is_virtual=False, created_at=old)
        bookings = {
            # id: subcategory, status, expiry under the rules of 0007
            1: ("SUPPORT_PHYSIQUE_FILM", "confirmed", booked + dt.timedelta(days=30)),
            2: ("SEANCE_ESSAI_PRATIQUE_ART", "confirmed", None),
            3: ("SUPPORT_PHYSIQUE_FILM", "used", booked + dt.timedelta(days=30)),
            4: ("CONCERT", "confirmed", None),
        }
        for number, (subcategory, status, expires) in bookings.items():
            insert(connection, "offer", id=number, venue_id=1, subcategory_id=subcategory,
                   name="O", is_duo=False, accessibility_hearing=False,
                   accessibility_mental=False, accessibility_motor=False,
                   accessibility_visual=False, validation="approved", is_active=True,
                   created_at=old, updated_at=old)
            insert(connection, "stock", id=number, offer_id=number, price_cents=1000,
                   booked_quantity=1, is_deleted=False, created_at=old, updated_at=old)
            insert(connection, "booking", id=number, user_id=1, stock_id=number,
                   offer_id=number, quantity=1, unit_price_cents=1000, token=f"AAAAA{number}",
                   status=status, booked_at=booked, expires_at=expires)
    return {"deposits": {key: value[3] for key, value in deposits.items()},
            "bookings": {key: value[2] for key, value in bookings.items()},
            "born_19": born_19, "born_16": born_16}


def test_running_credits_end_on_the_21st_birthday_and_come_back_on_downgrade(
    database_at_0007,
):
    url, engine = database_at_0007
    before = fill(engine, utcnow())
    migrations.upgrade(url, "0008")
    after = expiries(engine, "deposit")
    assert after[1] == paris_midnight(before["born_19"].replace(year=before["born_19"].year + 21))
    assert after[2] == paris_midnight(before["born_16"].replace(year=before["born_16"].year + 21))
    assert after[3] == before["deposits"][3], "a credit already over stays over"
    assert reform_min_age(engine) == 15
    migrations.downgrade(url, "0007")
    assert expiries(engine, "deposit") == before["deposits"]
    assert reform_min_age(engine) == 17


def test_confirmed_bookings_expire_at_midnight_trial_classes_included(database_at_0007):
    url, engine = database_at_0007
    before = fill(engine, utcnow())
    migrations.upgrade(url, "0008")
    after = expiries(engine, "booking")
    first_of_february = dt.datetime(2026, 2, 1, tzinfo=PARIS)
    assert after == {1: first_of_february, 2: first_of_february,
                     3: before["bookings"][3], 4: None}
    migrations.downgrade(url, "0007")
    assert expiries(engine, "booking") == before["bookings"]
