"""The pro bookings list: the member's structures only, each filter, pages, bad filters.

docs/domain/5-bookings.md, "Pro list and export". The suite's clock is frozen on
Wednesday 11 March 2026, 10:30 in Paris.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlsplit

import pytest

from models.bookings.models import BookingStatus
from models.db import utcnow
from tests import factories
from tests.functional.pro.bookings_data import add_booking, many_bookings
from tests.helpers import counted_queries, html, login

LIST = "/pro/reservations/"
DAY = dt.timedelta(days=1)


@pytest.fixture
def structure(db_session):
    return factories.structure(db_session, name="Théâtre des Réservations")


@pytest.fixture
def member(db_session, structure):
    return factories.pro(db_session, structure=structure)


@pytest.fixture
def pro_client(client, db_session, member):
    db_session.commit()
    assert login(client, member.email, factories.PASSWORD).status_code == 303
    return client


@pytest.fixture
def catalogue(db_session, structure):
    """Two venues; a play on 20 March, a concert on 25 March, a book; bookings of each."""
    now = utcnow()
    hall = factories.venue(db_session, structure=structure, name="Grande salle")
    shop = factories.venue(db_session, structure=structure, name="Boutique")
    play = factories.stock(db_session, offer=factories.offer(
        db_session, venue=hall, subcategory_id="SPECTACLE_REPRESENTATION", name="Tartuffe"),
        beginning_at=dt.datetime(2026, 3, 20, 19, 0, tzinfo=dt.UTC), price_cents=1500)
    concert = factories.stock(db_session, offer=factories.offer(
        db_session, venue=hall, subcategory_id="CONCERT", name="Quatuor"),
        beginning_at=dt.datetime(2026, 3, 25, 19, 0, tzinfo=dt.UTC))
    book = factories.stock(db_session, offer=factories.offer(
        db_session, venue=shop, name="Les Misérables"), price_cents=850)
    bookings = {
        "play": add_booking(db_session, play, booked_at=now - 10 * DAY, quantity=2),
        "concert": add_booking(db_session, concert, booked_at=now - 5 * DAY,
                               status=BookingStatus.USED),
        "book": add_booking(db_session, book, booked_at=now - DAY,
                            status=BookingStatus.CANCELLED),
    }
    db_session.commit()
    return bookings


def shown_tokens(response) -> list[str]:
    return [cell.get_text(strip=True)
            for cell in html(response).select(".bookings-table td.bookings-token")]


def test_the_list_shows_the_structures_bookings_newest_first(pro_client, catalogue):
    response = pro_client.get(LIST)
    assert response.status_code == 200
    assert shown_tokens(response) == [catalogue[name].token for name in ("book", "concert",
                                                                         "play")]


def test_a_row_shows_offer_person_token_quantity_price_status_and_dates(pro_client, catalogue):
    row = html(pro_client.get(LIST, query_string={"offre": catalogue["play"].offer_id})) \
        .select_one(".bookings-table tbody tr")
    texts = [cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])]
    assert texts[0] == "Tartuffe"
    assert texts[1] == "Léa Martin"
    assert texts[2:5] == [catalogue["play"].token, "2", "30,00\xa0€"]
    assert texts[5].startswith("Réservée")
    assert texts[6] == "01/03/2026 10:30"
    assert texts[7] == "20/03/2026 20:00"


def test_only_confirmed_bookings_link_to_the_counter(pro_client, catalogue):
    page = html(pro_client.get(LIST))
    counter_links = page.select('.bookings-table a[href="/pro/guichet/"]')
    assert [link.get_text(" ", strip=True) for link in counter_links] == [
        f"Valider au guichet {catalogue['play'].token}"]


def test_another_structures_bookings_never_appear(pro_client, db_session, catalogue):
    elsewhere = factories.stock(db_session)
    foreign = add_booking(db_session, elsewhere)
    db_session.commit()
    assert foreign.token not in shown_tokens(pro_client.get(LIST))
    refused = pro_client.get(LIST, query_string={"offre": elsewhere.offer_id})
    assert refused.status_code == 422
    assert foreign.token not in refused.get_data(as_text=True)


@pytest.mark.parametrize(("filters", "kept"), [
    ({"lieu": "boutique"}, ["book"]),
    ({"offre": "concert"}, ["concert"]),
    ({"date": "2026-03-20"}, ["play"]),
    ({"du": "2026-03-05", "au": "2026-03-06"}, ["concert"]),
    ({"du": "2026-03-06"}, ["concert", "book"]),
    ({"au": "2026-03-01"}, ["play"]),
    ({"statut": "cancelled"}, ["book"]),
    ({"statut": "used"}, ["concert"]),
    ({"lieu": "salle", "statut": "confirmed"}, ["play"]),
])
def test_each_filter_narrows_the_list(pro_client, db_session, catalogue, filters, kept):
    ids = {"boutique": catalogue["book"].offer.venue_id,
           "salle": catalogue["play"].offer.venue_id,
           "concert": catalogue["concert"].offer_id}
    query = {name: ids.get(value, value) for name, value in filters.items()}
    response = pro_client.get(LIST, query_string=query)
    assert response.status_code == 200
    assert sorted(shown_tokens(response)) == sorted(catalogue[name].token for name in kept)


def test_the_count_says_how_many_bookings_the_filters_keep(pro_client, catalogue):
    heading = html(pro_client.get(LIST)).find(id="bookings-results-title")
    assert heading.get_text(strip=True) == "3 réservations"


def test_pages_follow_each_other_without_overlap_then_stop(pro_client, db_session, structure):
    stock = factories.stock(db_session, offer=factories.offer(
        db_session, venue=factories.venue(db_session, structure=structure)))
    bookings = many_bookings(db_session, stock, 120, person=factories.young(db_session))
    db_session.commit()
    seen, url, pages = [], LIST, 0
    while url:
        page = html(pro_client.get(url))
        seen.extend(cell.get_text(strip=True) for cell in page.select("td.bookings-token"))
        following = page.find("a", rel="next")
        url = following["href"] if following else None
        pages += 1
    assert pages == 3
    assert seen == [booking.token for booking in bookings]


def test_bookings_made_at_the_same_instant_are_paged_by_id(pro_client, db_session, structure):
    stock = factories.stock(db_session, offer=factories.offer(
        db_session, venue=factories.venue(db_session, structure=structure)))
    person, instant = factories.young(db_session), utcnow()
    bookings = [add_booking(db_session, stock, person=person, booked_at=instant,
                            status=BookingStatus.CANCELLED) for _ in range(60)]
    db_session.commit()
    first = html(pro_client.get(LIST))
    second = html(pro_client.get(first.find("a", rel="next")["href"]))
    shown = [cell.get_text(strip=True) for page in (first, second)
             for cell in page.select("td.bookings-token")]
    assert shown == [booking.token for booking in reversed(bookings)]


def test_the_next_page_keeps_the_filters(pro_client, db_session, structure, catalogue):
    stock = factories.stock(db_session, offer=factories.offer(
        db_session, venue=factories.venue(db_session, structure=structure)))
    many_bookings(db_session, stock, 60, person=factories.young(db_session))
    db_session.commit()
    page = html(pro_client.get(LIST, query_string={"statut": "cancelled"}))
    query = parse_qs(urlsplit(page.find("a", rel="next")["href"]).query)
    assert query["statut"] == ["cancelled"]
    assert "apres" in query


@pytest.mark.parametrize(("query", "field_id", "message"), [
    ({"lieu": "abc"}, "lieu", "Choisis un lieu de la liste."),
    ({"lieu": "99999999999999"}, "lieu", "Choisis un lieu de la liste."),
    ({"offre": "-3"}, "offre", "Choisis une offre de la liste."),
    ({"statut": "perdu"}, "statut", "Choisis un statut de la liste."),
    ({"date": "31/02/2026"}, "date", "Saisis une date valide"),
    ({"du": "1850-01-01"}, "du", "Choisis une date entre l'an 2000 et l'an 2100."),
    ({"du": "2026-03-10", "au": "2026-03-01"}, "au", "La fin de la période doit suivre"),
    ({"apres": "hier-soir"}, "apres", "Ce lien de page n'est pas valide"),
    ({"apres": "99999999999999999-1"}, "apres", "Ce lien de page n'est pas valide"),
])
def test_a_bad_filter_gets_a_french_message_not_an_error(pro_client, catalogue, query,
                                                         field_id, message):
    response = pro_client.get(LIST, query_string=query)
    assert response.status_code == 422
    page = html(response)
    if field_id == "apres":
        assert message in page.find(class_="error-summary").get_text()
    else:
        error = page.find(id=f"{field_id}-error")
        assert message in error.get_text()
        assert f"{field_id}-error" in page.find(id=field_id)["aria-describedby"]


def test_a_venue_of_another_structure_is_refused_like_an_unknown_one(pro_client, db_session,
                                                                      catalogue):
    other = factories.venue(db_session)
    db_session.commit()
    response = pro_client.get(LIST, query_string={"lieu": other.id})
    assert response.status_code == 422
    assert other.name not in response.get_data(as_text=True)


def test_the_number_of_queries_does_not_grow_with_the_bookings(app, pro_client, db_session,
                                                                structure, catalogue):
    with counted_queries(app) as few:
        pro_client.get(LIST)
    stock = factories.stock(db_session, offer=factories.offer(
        db_session, venue=factories.venue(db_session, structure=structure)))
    many_bookings(db_session, stock, 80, person=factories.young(db_session))
    db_session.commit()
    with counted_queries(app) as many:
        response = pro_client.get(LIST)
    assert len(shown_tokens(response)) == 50
    assert len(many) == len(few) <= 9


def test_an_htmx_request_gets_the_filters_and_results_only(pro_client, catalogue):
    response = pro_client.get(LIST, query_string={"statut": "used"},
                              headers={"HX-Request": "true", "HX-Target": "bookings"})
    page = html(response)
    assert page.find("h1") is None
    assert page.find("form", class_="bookings-filters") is not None
    assert shown_tokens(response) == [catalogue["concert"].token]


def test_a_person_without_a_structure_cannot_see_the_list(client, db_session):
    young = factories.young(db_session)
    db_session.commit()
    login(client, young.email, factories.PASSWORD)
    assert client.get(LIST).status_code in (403, 404)


def test_the_filters_are_folded_unless_one_was_refused_and_say_how_many_apply(pro_client,
                                                                             catalogue):
    folded = html(pro_client.get(LIST, query_string={"statut": "used", "du": "2026-03-01"}))
    toggle = folded.find("details", class_="bookings-filters-toggle")
    assert not toggle.has_attr("open")
    assert toggle.summary.get_text(strip=True) == "Filtrer les réservations (2 filtres actifs)"
    refused = html(pro_client.get(LIST, query_string={"du": "hier"}))
    assert refused.find("details", class_="bookings-filters-toggle").has_attr("open")
