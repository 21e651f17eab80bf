"""Officers of two territories inviting one structure at the same instant, through HTTP against
a live server: one e-mail leaves, one invitation is recorded, nobody gets an error (both
engines; docs/domain/7-territories.md)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from models.emails.models import OutboundEmail
from models.offerers.validation import with_luhn_digit
from models.partnership_candidates.models import ListedStructure, PartnershipInvitation
from models.territories.models import TerritoryKind
from tests import factories
from tests.functional.concurrency.test_booking_races import run_all
from tests.live_server import HttpClient, serving

pytestmark = pytest.mark.timeout(300)
SIREN = with_luhn_digit("31415926")
PATH = "/territoire/structures"


@pytest.fixture
def base_url(app):
    with serving(app) as url:
        yield url


def officer_client(session, base_url: str, kind: TerritoryKind, code: str) -> HttpClient:
    person = factories.territory_officer(session, territory_kind=kind, territory_code=code)
    session.commit()
    client = HttpClient(base_url)
    client.sign_in(person.email)
    return client


def invite(client: HttpClient) -> int:
    token = client.csrf_token(PATH)
    status, _body = client.request(f"{PATH}/inviter", {"csrf_token": token, "siren": SIREN})
    return status


def test_six_officers_of_two_territories_clicking_together_send_one_invitation(
        db_session, base_url):
    for kind, code in ((TerritoryKind.DEPARTEMENT, "34"), (TerritoryKind.COMMUNE, "34172")):
        db_session.add(ListedStructure(territory_kind=kind, territory_code=code, siren=SIREN,
                                       name="MJC", email=f"mjc-{code}@example.org"))
    db_session.commit()
    clients = [officer_client(db_session, base_url, *territory)
               for territory in [(TerritoryKind.DEPARTEMENT, "34")] * 3
               + [(TerritoryKind.COMMUNE, "34172")] * 3]
    statuses = run_all([lambda client=client: invite(client) for client in clients])
    assert [status for status in statuses if status >= 400] == []
    db_session.commit()
    assert db_session.scalar(select(func.count()).select_from(PartnershipInvitation)) == 1
    assert db_session.scalar(select(func.count()).select_from(OutboundEmail)) == 1
