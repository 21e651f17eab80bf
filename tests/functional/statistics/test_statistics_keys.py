"""Every person carries a cell key drawn at random, whatever wrote the row
(docs/domain/7-territories.md)."""

from __future__ import annotations

from sqlalchemy import func, pool, select
from sqlalchemy.orm import Session

from models.db import make_engine
from models.users.api import create_user
from models.users.models import User


def test_an_account_created_by_the_domain_gets_a_key(db_session):
    people = [create_user(db_session, f"cle{index}@exemple.fr", "Mot-de-passe-2026!")
              for index in range(20)]
    keys = [person.cell_key for person in people]
    assert all(0 <= key < 2**31 for key in keys)
    assert len(set(keys)) == len(keys)


def test_the_demo_people_written_in_bulk_get_keys_spread_over_the_cell_key_range(
        demo_template_url):
    engine = make_engine(demo_template_url, poolclass=pool.NullPool)
    with Session(engine) as session:
        people, keys, low_bits = session.execute(select(
            func.count(), func.count(User.cell_key.distinct()),
            func.count((User.cell_key % 256).distinct()))).one()
    engine.dispose()
    assert people > 1000
    assert keys > 0.99 * people
    assert low_bits == 256
