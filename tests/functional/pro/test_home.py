"""The pro home: what needs attention, each offer's last 30 days (docs/domain/6-structures.md)."""

from __future__ import annotations

import datetime as dt

import pytest

from models.bookings.api import book
from models.db import utcnow
from models.discovery.models import DeckAction, DeckInteraction
from models.offerers.models import StructureStatus
from models.offers.models import Validation
from models.social.models import Favorite
from tests import factories
from tests.helpers import counted_queries, html, login

HOME = "/pro/"


@pytest.fixture
def member(client, db_session):
    structure = factories.structure(db_session, name="Théâtre du Marché")
    person = factories.pro(db_session, structure=structure)
    db_session.commit()
    assert login(client, person.email, factories.PASSWORD).status_code == 303
    return structure


def _todo(client) -> list[str]:
    section = html(client.get(HOME)).find("section", class_="pro-attention")
    return [item.get_text(" ", strip=True) for item in section.find_all("li")]


def _booked(session, stock, **young_fields):
    person = factories.young(session, **young_fields)
    factories.deposit(session, person)
    return book(session, person.id, stock.id, 1, utcnow())


def test_nothing_waiting_is_said_plainly(client, member):
    page = html(client.get(HOME))
    assert "Rien ne t'attend pour l'instant." in page.find("section", class_="pro-attention").text


def test_a_structure_waiting_for_staff_is_listed(client, db_session):
    structure = factories.structure(db_session, name="Librairie En Attente",
                                    status=StructureStatus.PENDING)
    person = factories.pro(db_session, structure=structure)
    db_session.commit()
    login(client, person.email, factories.PASSWORD)
    assert any("Librairie En Attente attend la validation" in item for item in _todo(client))


def test_offers_in_moderation_are_counted(client, db_session, member):
    venue = factories.venue(db_session, structure=member)
    for _ in range(2):
        factories.offer(db_session, venue=venue, validation=Validation.PENDING)
    factories.offer(db_session, venue=venue)
    db_session.commit()
    assert "2 offres sont en cours de vérification." in _todo(client)


def test_events_of_the_next_seven_days_are_listed_and_later_ones_are_not(
        client, db_session, member):
    venue = factories.venue(db_session, structure=member)
    soon = factories.offer(db_session, venue=venue, subcategory_id="SPECTACLE_REPRESENTATION",
                           name="Le Cid ce week-end")
    later = factories.offer(db_session, venue=venue, subcategory_id="SPECTACLE_REPRESENTATION",
                            name="Le Cid dans dix jours")
    factories.stock(db_session, offer=soon, beginning_at=utcnow() + dt.timedelta(days=3))
    factories.stock(db_session, offer=later, beginning_at=utcnow() + dt.timedelta(days=10))
    db_session.commit()
    rows = [row.get_text(" ", strip=True) for row in
            html(client.get(HOME)).select("#events-week ~ tbody tr")]
    assert len(rows) == 1 and "Le Cid ce week-end" in rows[0] and "0 sur 10" in rows[0]


def test_a_busy_week_lists_its_first_ten_events_and_counts_the_others(
        client, db_session, member):
    venue = factories.venue(db_session, structure=member)
    film = factories.offer(db_session, venue=venue, subcategory_id="SEANCE_CINE", name="Séance")
    for hours in range(12):
        factories.stock(db_session, offer=film,
                        beginning_at=utcnow() + dt.timedelta(hours=5 + 10 * hours))
    db_session.commit()
    page = html(client.get(HOME))
    assert len(page.select("#events-week ~ tbody tr")) == 10
    assert "Et 2 autres dates cette semaine" in page.find("section", class_="pro-attention").text


def test_tickets_to_validate_count_things_and_events_of_the_next_48_hours(
        client, db_session, member):
    venue = factories.venue(db_session, structure=member)
    book_stock = factories.stock(db_session, offer=factories.offer(db_session, venue=venue))
    tomorrow = factories.stock(db_session, offer=factories.offer(
        db_session, venue=venue, subcategory_id="SPECTACLE_REPRESENTATION"),
        beginning_at=utcnow() + dt.timedelta(hours=30))
    next_week = factories.stock(db_session, offer=factories.offer(
        db_session, venue=venue, subcategory_id="SPECTACLE_REPRESENTATION"),
        beginning_at=utcnow() + dt.timedelta(days=6))
    for stock in (book_stock, tomorrow, next_week):
        _booked(db_session, stock)
    db_session.commit()
    assert any(item.startswith("2 places réservées sont à valider au guichet")
               for item in _todo(client))


def test_each_offer_shows_its_views_favorites_and_bookings_of_the_last_30_days(
        client, db_session, member, frozen_clock):
    venue = factories.venue(db_session, structure=member)
    offer = factories.offer(db_session, venue=venue, name="Les Misérables")
    stock = factories.stock(db_session, offer=offer)
    people = [factories.young(db_session) for _ in range(3)]
    old = utcnow() - dt.timedelta(days=31)
    db_session.add_all([
        DeckInteraction(user_id=people[0].id, offer_id=offer.id, action=DeckAction.SEEN),
        DeckInteraction(user_id=people[1].id, offer_id=offer.id, action=DeckAction.LIKE),
        DeckInteraction(user_id=people[2].id, offer_id=offer.id, action=DeckAction.SKIP,
                        at=old),
        Favorite(user_id=people[0].id, offer_id=offer.id),
        Favorite(user_id=people[2].id, offer_id=offer.id, created_at=old),
    ])
    _booked(db_session, stock)
    db_session.commit()
    row = html(client.get(HOME)).select_one("#activity-table ~ tbody tr")
    assert [cell.get_text(strip=True) for cell in row.find_all(["th", "td"])] == [
        "Les Misérables", "2", "1", "1"]


def test_another_structures_offers_and_events_never_show(client, db_session, member):
    other = factories.venue(db_session, name="Ailleurs")
    offer = factories.offer(db_session, venue=other, subcategory_id="SPECTACLE_REPRESENTATION",
                            name="Spectacle d'ailleurs")
    stock = factories.stock(db_session, offer=offer, beginning_at=utcnow() + dt.timedelta(days=1))
    _booked(db_session, stock)
    factories.offer(db_session, venue=other, validation=Validation.PENDING)
    db_session.commit()
    body = client.get(HOME).get_data(as_text=True)
    assert "Spectacle d'ailleurs" not in body
    assert "Rien ne t'attend pour l'instant." in body


def test_the_home_sends_the_same_queries_for_one_offer_or_ten(app, client, db_session, member):
    venue = factories.venue(db_session, structure=member)

    def add_booked_offer():
        offer = factories.offer(db_session, venue=venue, subcategory_id="SPECTACLE_REPRESENTATION")
        _booked(db_session, factories.stock(db_session, offer=offer,
                                            beginning_at=utcnow() + dt.timedelta(days=1)))

    add_booked_offer()
    db_session.commit()
    with counted_queries(app) as one:
        assert client.get(HOME).status_code == 200
    for _ in range(9):
        add_booked_offer()
    db_session.commit()
    with counted_queries(app) as ten:
        assert client.get(HOME).status_code == 200
    assert len(ten) == len(one) <= 12
