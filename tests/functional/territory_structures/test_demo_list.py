"""The demo officer of the Hérault finds a short list: partners, one waiting, some to invite."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest
from sqlalchemy.orm import Session

from models.db import make_engine, utcnow
from models.partnership_candidates.repository import PartnerStatus, listed_structures
from models.territories.models import TerritoryKind
from webapp.demo.accounts import PRO_SIREN


@pytest.fixture(scope="module")
def session(databases, demo_template_url) -> Iterator[Session]:
    url = databases.create("demo_structures", template=demo_template_url)
    engine = make_engine(url)
    with Session(engine) as session:
        yield session
    engine.dispose()
    databases.drop(url)


def test_the_hérault_list_holds_partners_one_waiting_and_structures_to_invite(session):
    rows = listed_structures(session, TerritoryKind.DEPARTEMENT, "34", utcnow())
    assert Counter(row.status for row in rows) == {
        PartnerStatus.PARTNER: 2, PartnerStatus.PENDING: 1, PartnerStatus.NOT_PARTNER: 3}
    by_siren = {row.siren: row for row in rows}
    assert by_siren[PRO_SIREN].bookable_offers > 0
    to_invite = [row for row in rows if row.status is PartnerStatus.NOT_PARTNER]
    assert sum(row.listed.email is not None for row in to_invite) == 2
    assert all(row.last_invitation is None for row in rows)
