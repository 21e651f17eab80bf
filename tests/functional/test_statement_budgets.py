"""The SQL statements each hot page may send, in one table: a regression fails the suite.

Budgets count the statements one request sends (transaction control left out), through
SQLAlchemy's `before_cursor_execute` event (`tests/helpers.py`). They
are fixed numbers, the same whatever the size of the catalogue, the bookings or the history:
each page's own test file also checks that the count does not grow with the data.
"""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from models.bookings.models import Booking
from tests import factories
from tests.functional.discovery.deck_data import bookable_offer
from tests.functional.pro.bookings_data import many_bookings
from tests.helpers import counted_queries, csrf_token, login

HTMX_DECK = {"HX-Request": "true", "HX-Target": "deck-card"}

# Per page: the most statements one request may send, and what they are.
BUDGETS = {
    # user with its commune, département (time zone; once per app), the credit left (its
    # deposit, grants, spending and programme in one statement); the person's signals (2) and
    # the ids they hid; the card (from the pool)
    "deck": 7,
    # the same without the pool: online offers and up to four circles instead of the ids
    "deck, first visit": 11,
    # user (with its commune), the answered offer, favorite (exists, count, insert), the answer
    # recorded; then the deck's statements from the pool (6: the user and its commune are
    # known) and the card it brings recorded as seen
    "swipe": 13,
    # user with its commune, the credit left (one statement), département (time zone; once per
    # app); the ranked ids (which give the count too, for words sorted by relevance), or, from
    # a kept ranking, the page's ids checked against the filters and versions; the cards
    "search": 4,
    # user with its commune, département (time zone; once per app); venues around, the
    # geography's vintage (its outlines are read once per process), offers per venue, communes
    # to name
    "map": 6,
    "profile": 10,
    # the page cache's key: the versions of the offer and of its venue, read with the offer's
    # moderation and its structure's status (docs/domain/caching.md)
    "offer": 1,
    # a version's first view: the key, then the offer with its venue and structure, its
    # stocks, its reviews
    "offer, first render": 4,
    # user, offer, stocks; the booking's checks (user, stock, an active booking, deposit,
    # département, top-ups, credit (2)); the stock's count, the stock again, activation
    # codes, the token's uniqueness, the booking, its e-mail and its notification
    "booking": 18,
    "pro bookings": 6,
}
WRITES = ("INSERT", "UPDATE", "DELETE")


@pytest.fixture
def around(db_session):
    """A dozen offers around Montpellier, in three categories."""
    offers = [bookable_offer(db_session, ("LIVRE_PAPIER", "CONCERT", "SEANCE_CINE")[km % 3],
                             km=km) for km in range(1, 13)]
    db_session.commit()
    return offers


def sent(app, client, method: str, path: str, expected: int = 200, **options) -> list[str]:
    with counted_queries(app) as statements:
        response = getattr(client, method)(path, **options)
    assert response.status_code == expected, response.status_code
    if method == "get":  # a GET never writes
        assert [s for s in statements if s.lstrip().upper().startswith(WRITES)] == []
    return statements


def within(statements: list[str], page: str) -> None:
    listing = "\n".join(statement[:160].replace("\n", " ") for statement in statements)
    assert len(statements) <= BUDGETS[page], f"{len(statements)} statements:\n{listing}"


def test_the_deck_page(app, signed_in, around):
    signed_in.get("/decouvrir/")
    within(sent(app, signed_in, "get", "/decouvrir/"), "deck")


def test_the_deck_page_on_a_first_visit(app, signed_in, around):
    within(sent(app, signed_in, "get", "/decouvrir/"), "deck, first visit")


def test_a_swipe(app, signed_in, around):
    page = signed_in.get("/decouvrir/")
    offer_id = re.search(rb'name="offer_id"[^>]*value="(\d+)"', page.data).group(1)
    data = {"csrf_token": csrf_token(page), "offer_id": offer_id.decode(), "action": "like"}
    within(sent(app, signed_in, "post", "/decouvrir/reponse", data=data, headers=HTMX_DECK),
           "swipe")


def test_a_search(app, signed_in, around):
    with app.app_context():  # the page cache and kept rankings live as long as the app
        app.extensions.pop("search_rankings", None)
    signed_in.get("/recherche/?q=livre&tri=distance")  # the person's first page, any search
    within(sent(app, signed_in, "get", "/recherche/?q=livre"), "search")  # ranked
    within(sent(app, signed_in, "get", "/recherche/?q=livre"), "search")  # from the ranking


def test_the_map(app, signed_in, around):
    signed_in.get("/carte")
    within(sent(app, signed_in, "get", "/carte"), "map")


def test_the_profile(app, signed_in, around):
    within(sent(app, signed_in, "get", "/profil/"), "profile")


def test_the_offer_page(app, client, around):
    within(sent(app, client, "get", f"/offres/{around[0].id}"), "offer, first render")
    within(sent(app, client, "get", f"/offres/{around[0].id}"), "offer")


def test_a_booking(app, signed_in, db_session, around):
    offer = around[1]
    stock = offer.stocks[0]
    confirm = signed_in.get(f"/offres/{offer.id}/reserver?stock_id={stock.id}&quantity=1")
    data = {"csrf_token": csrf_token(confirm), "stock_id": stock.id, "quantity": 1}
    within(sent(app, signed_in, "post", f"/offres/{offer.id}/reserver", 303, data=data),
           "booking")
    db_session.rollback()  # the snapshot read before the booking
    assert db_session.scalar(select(Booking.offer_id)) == offer.id


def test_the_pro_bookings_list(app, client, db_session):
    structure = factories.structure(db_session)
    member = factories.pro(db_session, structure=structure)
    stock = factories.stock(db_session, offer=factories.offer(
        db_session, venue=factories.venue(db_session, structure=structure)))
    many_bookings(db_session, stock, 60, person=factories.young(db_session))
    db_session.commit()
    assert login(client, member.email, factories.PASSWORD).status_code == 303
    client.get("/pro/reservations/")
    within(sent(app, client, "get", "/pro/reservations/"), "pro bookings")
