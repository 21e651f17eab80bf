"""A rejected offer submitted again twice at once (a double click, two members): one step in
its history, through a live server (the row lock on PostgreSQL, the write lock on SQLite)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select

from models.offers.models import Offer, OfferChange, Validation
from tests import factories
from tests.functional.moderation.conftest import held_offer
from tests.live_server import HttpClient, serving

pytestmark = pytest.mark.timeout(300)


@pytest.fixture
def base_url(app):
    with serving(app) as url:
        yield url


def test_two_resubmissions_at_once_write_one_step(db_session, base_url):
    structure = factories.structure(db_session)
    member = factories.pro(db_session, structure=structure)
    offers = [held_offer(db_session, structure=structure, name=f"Offre refusée {n}",
                         subcategory_id="SUPPORT_PHYSIQUE_FILM") for n in range(4)]
    for offer in offers:
        offer.validation, offer.rejection_reason = Validation.REJECTED, "Hors charte"
    db_session.commit()
    clients = [HttpClient(base_url) for _ in range(2)]
    for client in clients:
        client.sign_in(member.email)
    tokens = [client.csrf_token("/pro/offres/") for client in clients]

    def resubmit(client, token, offer):
        return client.request(f"/pro/offres/{offer.id}/soumettre-a-nouveau",
                              {"csrf_token": token})[0]

    calls = [lambda c=client, t=token, o=offer: resubmit(c, t, o)
             for offer in offers for client, token in zip(clients, tokens, strict=True)]
    with ThreadPoolExecutor(4) as pool:
        statuses = list(pool.map(lambda call: call(), calls))
    assert set(statuses) == {303}
    db_session.expire_all()
    for offer in offers:
        assert db_session.get(Offer, offer.id).validation is Validation.PENDING
        assert db_session.scalar(select(func.count()).select_from(OfferChange).where(
            OfferChange.offer_id == offer.id, OfferChange.field == "validation")) == 1
