"""With English chosen, the labels of the catalogue and of venue types are English too.

They reach the templates through variables, so `pybabel extract` only finds them through the
keywords of the Makefile (`_sub:3`, `Category:2`) and of `webapp/labels.py`; this renders the
main pages in English and fails when one of their French labels shows.
"""

from __future__ import annotations

import pytest
from babel.messages.pofile import read_po

from models.offers.catalogue import CATEGORIES, SUBCATEGORIES
from tests import factories
from tests.functional.discovery.deck_data import bookable_offer
from tests.helpers import html, login
from tests.unit.test_translations import ENGLISH_PO
from webapp.labels import VENUE_TYPE_LABELS

AROUND_MONTPELLIER = "lieu=Montpellier&commune=34172"
SHOWN = ["SEANCE_CINE", "LIVRE_PAPIER", "CONCERT", "VISITE_GUIDEE", "ATELIER_PRATIQUE_ART"]


def french_labels() -> set[str]:
    """Every catalogue and venue type label whose English differs from the French."""
    with ENGLISH_PO.open("rb") as file:
        english = read_po(file, locale="en")
    labels = {item.label for item in [*CATEGORIES.values(), *SUBCATEGORIES.values()]}
    labels |= {label._args[0] for label in VENUE_TYPE_LABELS.values()}
    return {label for label in labels if english[label].string != label}


def texts(response) -> set[str]:
    page = html(response)
    for hidden in page.select("script, style"):
        hidden.decompose()
    return {text.strip() for text in page.stripped_strings}


@pytest.fixture
def offers(db_session):
    shown = [bookable_offer(db_session, subcategory, km=1 + number, name=f"Offre {number}")
             for number, subcategory in enumerate(SHOWN)]
    db_session.commit()
    return shown


@pytest.fixture
def english_client(client, young, offers):
    login(client, young.email, factories.PASSWORD)
    client.get("/?lang=en")
    return client


@pytest.mark.parametrize("path", [
    "/decouvrir/", f"/recherche/?{AROUND_MONTPELLIER}", f"/carte?{AROUND_MONTPELLIER}",
    "/reservations/", "/favoris/", "/profil/",
])
def test_main_pages_in_english_show_no_french_label(english_client, path):
    response = english_client.get(path)
    assert response.status_code == 200
    assert html(response).html["lang"] == "en"
    assert texts(response) & french_labels() == set()


def test_the_search_offers_every_category_in_english(english_client):
    options = html(english_client.get("/recherche/")).select("select[name=categorie] option")
    names = {option.get_text(strip=True) for option in options}
    assert {"Books", "Live music", "Performing arts"} <= names
    assert "Livre" not in names


@pytest.mark.parametrize("subcategory", SHOWN)
def test_offer_and_venue_pages_in_english_show_no_french_label(english_client, offers,
                                                                subcategory):
    offer = offers[SHOWN.index(subcategory)]
    for path in (f"/offres/{offer.id}", f"/lieux/{offer.venue_id}"):
        response = english_client.get(path)
        assert response.status_code == 200
        assert texts(response) & french_labels() == set(), path


def test_the_tabs_and_the_share_block_are_english(english_client, offers):
    tabs = html(english_client.get("/decouvrir/")).find("nav", class_="tab-bar")
    assert tabs["aria-label"] == "Tabs"
    assert [link.get_text(strip=True) for link in tabs.find_all("a")] == [
        "Discover", "Search", "Map", "Bookings", "Profile"]
    share = html(english_client.get(f"/offres/{offers[0].id}")).select_one("[data-share]")
    assert [button.get_text(strip=True) for button in share.find_all("button")] == [
        "Share the offer", "Copy the link"]
