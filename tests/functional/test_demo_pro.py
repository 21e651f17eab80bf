"""The demo's pro side: a newcomer can try everything, and two structures stay apart."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select

from models.db import utcnow
from models.finance.models import Statement
from models.offerers.dashboard import attention
from models.offerers.models import Structure, StructureMembership, Venue
from models.offers.models import Offer
from models.offers.state import offer_state
from models.users.repository import find_by_email
from tests.helpers import html, login
from webapp.demo.accounts import DEMO_PASSWORD, PRO
from webapp.demo.pro_scenario import PRO_2, PRO_COLLEAGUE


def _structure_of(demo_session, email: str) -> Structure:
    person = find_by_email(demo_session, email)
    return demo_session.scalars(select(Structure).join(StructureMembership)
                           .where(StructureMembership.user_id == person.id)).one()


def _offers_of(demo_session, structure: Structure) -> list[Offer]:
    return list(demo_session.scalars(select(Offer).join(Venue).where(
        Venue.structure_id == structure.id)))


def test_the_demo_pro_has_offers_in_every_state(demo_session):
    now = utcnow()
    states = Counter(offer_state(offer, now).value
                     for offer in _offers_of(demo_session, _structure_of(demo_session, PRO)))
    assert {"draft", "pending", "rejected", "active", "deactivated"} <= set(states)


def test_the_demo_pro_has_events_this_week_and_tickets_to_check(demo_session):
    structure = _structure_of(demo_session, PRO)
    waiting = attention(demo_session, [structure.id], utcnow())
    assert waiting.events_this_week
    assert waiting.bookings_to_validate > 0


def test_every_pricing_point_of_the_demo_pro_has_a_first_statement(demo_session):
    structure = _structure_of(demo_session, PRO)
    points = {venue.pricing_point_id for venue in structure.venues}
    assert None not in points
    paid = set(demo_session.scalars(select(Statement.pricing_point_id).where(
        Statement.pricing_point_id.in_(points))))
    assert paid


def test_the_colleague_shares_the_demo_pros_structure(demo_session):
    assert _structure_of(demo_session, PRO_COLLEAGUE).id == _structure_of(demo_session, PRO).id


def test_the_bookseller_sees_none_of_the_demo_pros_offers(demo_app, demo_session):
    theirs = _offers_of(demo_session, _structure_of(demo_session, PRO))[0]
    client = demo_app.test_client()
    assert login(client, PRO_2, DEMO_PASSWORD).status_code == 303
    listed = html(client.get("/pro/offres/")).get_text()
    assert "Librairie des Arceaux" in listed
    assert theirs.name not in listed
    assert client.get(f"/pro/offres/{theirs.id}").status_code == 404
