"""The search page: filters and order in the URL, pages of results, an honest empty state."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest

from models.db import utcnow
from models.search import repository
from tests import factories
from tests.functional.discovery.deck_data import bookable_offer, online_offer, venue_at
from tests.helpers import counted_queries, html, login

SEARCH = "/recherche/"
AROUND_MONTPELLIER = "lieu=Montpellier&commune=34172"
PARIS = ZoneInfo("Europe/Paris")


def names(response) -> list[str]:
    return [title.get_text(strip=True)
            for title in html(response).select("#results-list .offer-card-title")]


def count_text(response) -> str:
    return html(response).find(id="results-count").get_text(" ", strip=True)


def event_on(session, name: str, beginning: dt.datetime, subcategory_id="CONCERT", **fields):
    offer = factories.offer(session, subcategory_id=subcategory_id, name=name,
                            venue=venue_at(session, 1), **fields)
    factories.stock(session, offer=offer, beginning_at=beginning,
                    price_cents=fields.pop("price_cents", 1000))
    return offer


def local_day_at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), PARIS).astimezone(dt.UTC)


def last_day_of_this_weekend() -> dt.date:
    """Sunday of the weekend "ce week-end" means now: this one on a Saturday or Sunday."""
    today = utcnow().astimezone(PARIS).date()
    return today + dt.timedelta(days=6 - today.weekday())


@pytest.fixture
def catalogue(db_session):
    bookable_offer(db_session, "LIVRE_PAPIER", km=1, price_cents=1500, name="Roman")
    bookable_offer(db_session, "CONCERT", km=3, price_cents=0, name="Concert gratuit",
                   is_duo=True)
    bookable_offer(db_session, "CONCERT", km=8, price_cents=2500, name="Concert cher",
                   accessibility_hearing=True, accessibility_motor=True)
    bookable_offer(db_session, "SEANCE_CINE", km=30, price_cents=700, name="Film loin")
    bookable_offer(db_session, "VISITE", km=300, price_cents=0, name="Musée très loin")
    online_offer(db_session, "PODCAST", name="Podcast")
    db_session.commit()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("categorie=MUSIQUE_LIVE", {"Concert gratuit", "Concert cher"}),
        ("sous_categorie=LIVRE_PAPIER", {"Roman"}),
        ("prix_min=10&prix_max=20", {"Roman"}),
        ("gratuit=1", {"Concert gratuit", "Podcast"}),
        ("duo=1", {"Concert gratuit"}),
        ("format=en_ligne", {"Podcast"}),
        ("format=sur_place", {"Roman", "Concert gratuit", "Concert cher", "Film loin"}),
        ("acces=auditif&acces=moteur", {"Concert cher"}),
        ("rayon=5", {"Roman", "Concert gratuit", "Podcast"}),
        ("rayon=france&format=sur_place",
         {"Roman", "Concert gratuit", "Concert cher", "Film loin", "Musée très loin"}),
    ],
)
def test_each_filter_of_the_url_narrows_the_results(client, catalogue, query, expected):
    response = client.get(f"{SEARCH}?{AROUND_MONTPELLIER}&{query}")
    assert response.status_code == 200
    assert set(names(response)) == expected


def test_the_default_radius_is_fifty_kilometres_around_the_chosen_commune(client, catalogue):
    response = client.get(f"{SEARCH}?{AROUND_MONTPELLIER}")
    assert "Musée très loin" not in names(response)
    assert "Film loin" in names(response)
    assert "Autour de Montpellier, 50 km" in count_text(response)


def test_within_my_credit_keeps_what_i_can_still_afford(client, db_session, catalogue):
    person = factories.young(db_session)
    factories.deposit(db_session, person)
    db_session.commit()
    login(client, person.email, factories.PASSWORD)
    response = client.get(f"{SEARCH}?prix_min=1&credit=1")
    assert set(names(response)) == {"Roman", "Concert cher", "Film loin"}


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("distance", ["Roman", "Concert gratuit", "Concert cher", "Film loin", "Podcast"]),
        ("prix", ["Concert gratuit", "Podcast", "Film loin", "Roman", "Concert cher"]),
    ],
)
def test_results_are_sorted_as_asked(client, catalogue, sort, expected):
    assert names(client.get(f"{SEARCH}?{AROUND_MONTPELLIER}&tri={sort}")) == expected


def test_date_filters_keep_events_of_the_chosen_days(client, db_session):
    sunday = last_day_of_this_weekend()
    # Late on Sunday evening, so that the event is still ahead whatever the hour of the test.
    event_on(db_session, "Concert du week-end", local_day_at(sunday, 23, 55))
    event_on(db_session, "Concert du mardi", local_day_at(sunday + dt.timedelta(days=2), 20))
    bookable_offer(db_session, "LIVRE_PAPIER", km=1, name="Livre sans date")
    db_session.commit()
    weekend = names(client.get(f"{SEARCH}?quand=weekend"))
    assert "Concert du week-end" in weekend and "Concert du mardi" not in weekend
    assert "Livre sans date" not in weekend
    day = sunday.isoformat()
    assert names(client.get(f"{SEARCH}?quand=dates&du={day}&au={day}")) == ["Concert du week-end"]


def when_label(response, value: str) -> str:
    return html(response).find("label", attrs={"for": f"quand-{value}"}).get_text(" ", strip=True)


@pytest.mark.parametrize(("local_now", "weekend", "week"), [
    ("2026-03-11T23:30", "Ce week-end (sam. 14 mars – dim. 15 mars)",
     "Cette semaine (mer. 11 mars – dim. 15 mars)"),
    ("2026-03-14T23:30", "Ce week-end (sam. 14 mars – dim. 15 mars)",
     "Cette semaine (sam. 14 mars – dim. 15 mars)"),
    ("2026-03-15T23:30", "Ce week-end (dim. 15 mars)", "Cette semaine (dim. 15 mars)"),
])
def test_each_date_choice_says_which_days_it_covers(client, frozen_clock, local_now, weekend,
                                                    week):
    frozen_clock.move_to(dt.datetime.fromisoformat(local_now).replace(tzinfo=PARIS))
    page = client.get(SEARCH)
    assert when_label(page, "weekend") == weekend
    assert when_label(page, "semaine") == week


def test_sorting_by_date_puts_the_next_event_first(client, db_session):
    event_on(db_session, "Plus tard", (utcnow() + dt.timedelta(days=9)))
    event_on(db_session, "Bientôt", (utcnow() + dt.timedelta(days=2)))
    db_session.commit()
    assert names(client.get(f"{SEARCH}?tri=date")) == ["Bientôt", "Plus tard"]


def test_the_form_shows_the_search_of_the_url_so_it_can_be_shared(client, catalogue):
    page = html(client.get(f"{SEARCH}?q=concert&gratuit=1&rayon=20&tri=prix&acces=visuel"))
    assert page.find("input", attrs={"name": "q"})["value"] == "concert"
    assert page.find("input", attrs={"name": "gratuit"}).has_attr("checked")
    assert page.find("input", id="acces-visuel").has_attr("checked")
    assert page.find("select", attrs={"name": "rayon"}).find("option", selected=True)["value"] \
        == "20"
    assert page.find("select", attrs={"name": "tri"}).find("option", selected=True)["value"] \
        == "prix"


def test_results_come_twenty_at_a_time_with_a_real_link_to_the_next_page(client, db_session):
    for number in range(25):
        bookable_offer(db_session, "LIVRE_PAPIER", km=1 + number, name=f"Livre {number:02d}")
    db_session.commit()
    first = client.get(f"{SEARCH}?{AROUND_MONTPELLIER}&tri=distance")
    assert len(names(first)) == 20
    assert count_text(first).startswith("25 offres trouvées.")
    more = html(first).find("a", attrs={"data-load-more": True})
    assert more.get_text(strip=True) == "Voir plus de résultats"
    assert parse_qs(urlsplit(more["href"]).query)["page"] == ["2"]
    second = client.get(more["href"])
    assert names(second) == [f"Livre {number:02d}" for number in range(20, 25)]
    assert html(second).find(id="results-list")["start"] == "21"
    assert html(second).find("a", string="Résultats précédents")


def test_with_htmx_the_next_page_is_appended_with_the_updated_count(client, db_session):
    for number in range(25):
        bookable_offer(db_session, "LIVRE_PAPIER", km=1 + number, name=f"Livre {number:02d}")
    db_session.commit()
    response = client.get(f"{SEARCH}?{AROUND_MONTPELLIER}&tri=distance&page=2",
                          headers={"HX-Request": "true", "HX-Target": "results-list"})
    fragment = html(response)
    assert [item.find("h3").get_text(strip=True) for item in fragment.find_all("li")] == [
        f"Livre {number:02d}" for number in range(20, 25)
    ]
    assert fragment.find(id="more-results")["hx-swap-oob"] == "true"
    assert fragment.find("a", attrs={"data-load-more": True}) is None
    assert fragment.find(id="results-count").get_text(strip=True) \
        == "25 offres affichées sur 25."


def test_with_htmx_a_new_search_swaps_the_results_and_announces_their_number(client,
                                                                             catalogue):
    response = client.get(f"{SEARCH}?q=concert",
                          headers={"HX-Request": "true", "HX-Target": "search-results"})
    fragment = html(response)
    assert fragment.find("form") is None
    assert fragment.find(id="search-results")
    assert fragment.find(id="results-count").get_text(strip=True) == "2 offres trouvées."
    assert "HX-Request" in response.headers["Vary"]


def test_no_result_says_so_and_suggests_ways_out(client, catalogue):
    response = client.get(f"{SEARCH}?{AROUND_MONTPELLIER}&q=opera&rayon=20&gratuit=1")
    assert count_text(response) == "Aucune offre trouvée."
    empty = html(response).find(class_="search-empty")
    links = {link.get_text(strip=True) for link in empty.find_all("a")}
    assert {"cherche jusqu'à 100 km", "cherche dans toute la France",
            "retire les filtres", "Cinéma"} <= links


def test_invalid_filters_are_explained_next_to_their_field(client):
    response = client.get(f"{SEARCH}?prix_min=20&prix_max=5&du=2026-12-10&au=2026-12-01")
    assert response.status_code == 422
    page = html(response)
    assert page.find(class_="error-summary")
    assert page.find(id="prix_max")["aria-invalid"] == "true"
    assert page.find(id="au")["aria-invalid"] == "true"


def test_an_ambiguous_place_offers_the_matching_communes(client, catalogue):
    page = html(client.get(f"{SEARCH}?lieu=Saint-Martin"))
    assert len(page.find_all("input", attrs={"type": "radio", "name": "commune"})) > 1


def test_a_signed_in_person_searches_around_their_commune_by_default(client, db_session,
                                                                      catalogue):
    person = factories.young(db_session)
    db_session.commit()
    login(client, person.email, factories.PASSWORD)
    response = client.get(SEARCH)
    assert "Musée très loin" not in names(response)
    assert "Autour de Montpellier" in count_text(response)


def test_a_search_sends_a_fixed_number_of_queries(app, client, db_session, catalogue):
    person = factories.young(db_session)
    factories.deposit(db_session, person)
    db_session.commit()
    login(client, person.email, factories.PASSWORD)
    client.get(SEARCH)
    with counted_queries(app) as queries:
        client.get(f"{SEARCH}?q=concert&credit=1&tri=prix")
    # user, commune and département, deposit and programme, credit (2), then the search:
    # the page's offers in order, their count, and their cards
    assert len(queries) <= 10, "\n".join(query[:150] for query in queries)


def test_empty_fields_of_a_search_without_javascript_are_dropped_from_the_url(client):
    response = client.get(f"{SEARCH}?q=jazz&lieu=&categorie=&gratuit=1&page=")
    assert response.status_code == 303
    assert parse_qs(urlsplit(response.headers["Location"]).query) == {
        "q": ["jazz"], "gratuit": ["1"],
    }


def test_broad_searches_count_up_to_a_limit_and_say_more(client, db_session, monkeypatch):
    monkeypatch.setattr(repository, "COUNT_LIMIT", 3)
    for number in range(5):
        bookable_offer(db_session, "LIVRE_PAPIER", km=1 + number)
    db_session.commit()
    response = client.get(f"{SEARCH}?{AROUND_MONTPELLIER}")
    assert count_text(response).startswith("Plus de 3 offres trouvées.")
    assert len(names(response)) == 5
