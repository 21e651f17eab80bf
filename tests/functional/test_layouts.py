"""Each audience has its own layout and stylesheet bundle: nobody downloads another's styles."""

from __future__ import annotations

import pytest

from tests import factories
from tests.helpers import html, login

BUNDLES = {
    "young": ("/decouvrir/", "css/bundle."),
    "pro": ("/pro/", "css/bundle-pro."),
    "staff": ("/admin/", "css/bundle-staff."),
    "territory": ("/territoire/", "css/bundle-territory."),
}
# A rule only each audience's pages use.
OWN_RULES = {
    "young": ".deck-card",
    "pro": ".area-pro",
    "staff": ".identity-document",
    "territory": ".area-territory",
}


def person(db_session, audience: str):
    make = {
        "young": factories.young, "pro": factories.pro, "staff": factories.staff,
        "territory": factories.territory_officer,
    }[audience]
    return make(db_session)


def stylesheet_of(response) -> str:
    links = html(response).find_all("link", rel="stylesheet")
    assert len(links) == 1
    return links[0]["href"]


@pytest.mark.parametrize("audience", BUNDLES)
def test_each_audience_gets_its_own_bundle_and_no_other_audience_s_styles(
    app, client, db_session, audience
):
    someone = person(db_session, audience)
    db_session.commit()
    login(client, someone.email, factories.PASSWORD)
    path, bundle = BUNDLES[audience]
    page = client.get(path)
    assert page.status_code == 200
    href = stylesheet_of(page)
    assert href.startswith(f"/static/{bundle}")
    styles = _static_text(app, href)
    assert OWN_RULES[audience] in styles
    for other, rule in OWN_RULES.items():
        if other != audience:
            assert rule not in styles, f"the {audience} bundle carries {other}'s {rule}"


def _static_text(app, href: str) -> str:
    root = app.extensions["assets"]["root"]
    return (root / href.removeprefix("/static/")).read_text()


def test_back_office_pages_lead_back_to_the_young_app_in_one_link(client, db_session):
    both = factories.young_pro(db_session)
    db_session.commit()
    login(client, both.email, factories.PASSWORD)
    nav = html(client.get("/pro/")).find("nav")
    names = [link.get_text(strip=True) for link in nav.find_all("a")]
    assert "Espace jeune" in names and "Découvrir" not in names
    assert nav.find("a", attrs={"aria-current": "page"}).get_text(strip=True) == "Espace pro"


def test_the_tab_bar_follows_the_page_and_the_language_from_one_page_to_the_next(
    client, db_session
):
    # The tab bar is rendered once per language and page (webapp.navigation.young_tabs): a key
    # missing the page or the language would show the first page's current tab, or its words.
    young = factories.young(db_session)
    db_session.commit()
    login(client, young.email, factories.PASSWORD)

    def tabs(path: str) -> tuple[list[str], list[str]]:
        bar = html(client.get(path)).find("nav", class_="tab-bar")
        links = bar.find_all("a")
        return ([link.get_text(strip=True) for link in links],
                [link.get_text(strip=True) for link in links if link.get("aria-current")])

    assert tabs("/decouvrir/") == (
        ["Découvrir", "Rechercher", "Carte", "Réservations", "Profil"], ["Découvrir"])
    assert tabs("/reservations/") == (
        ["Découvrir", "Rechercher", "Carte", "Réservations", "Profil"], ["Réservations"])
    assert tabs("/favoris/")[1] == ["Profil"]
    assert tabs("/reservations/?lang=en") == (
        ["Discover", "Search", "Map", "Bookings", "Profile"], ["Bookings"])
    assert tabs("/decouvrir/?lang=fr")[1] == ["Découvrir"]
