"""Search in a phone-sized browser: words and filters, more results, the empty state, no JS."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import Page, expect

from tests.e2e.helpers import assert_accessible, measure_transfer, visit
from tests.factories.users import Role

PAGE_BUDGET_BYTES = 50_000


def results_count(page: Page):
    return page.locator("#results-count")


def open_filters(page: Page) -> None:
    page.get_by_text("Filtres et tri", exact=True).click()


def test_a_search_with_filters_updates_the_results_and_the_url(login_as):
    page = login_as(Role.YOUNG)
    page.get_by_role("link", name="Rechercher").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rechercher une offre")
    assert_accessible(page)

    open_filters(page)
    page.get_by_label("Catégorie", exact=True).select_option("LIVRE")
    page.get_by_label("Distance maximale").select_option("100")
    page.get_by_label("Trier par").select_option("prix")
    page.get_by_role("button", name="Appliquer").click()
    expect(page).to_have_url(re.compile(r"categorie=LIVRE"))
    assert parse_qs(urlsplit(page.url).query, keep_blank_values=True) == {
        "categorie": ["LIVRE"], "rayon": ["100"], "tri": ["prix"],
    }
    expect(results_count(page)).to_have_text(re.compile(r"^\d+ offres? trouvées?\."))
    expect(page.locator(".offer-card-category").first).to_contain_text("Livre")
    assert_accessible(page)

    more = page.get_by_role("link", name="Voir plus de résultats")
    if more.count():
        shown = page.locator("#results-list > li").count()
        more.click()
        expect(page.locator("#results-list > li")).not_to_have_count(shown)
        expect(results_count(page)).to_have_text(re.compile(r"offres affichées sur"))
        new_first = page.locator("#results-list > li").nth(shown).get_by_role("link")
        expect(new_first).to_be_focused()
        assert_accessible(page)


def test_words_are_found_without_accents_and_an_empty_search_helps(page):
    visit(page, "/recherche/?lieu=Montpellier&commune=34172&rayon=france")
    page.get_by_label("Que cherches-tu ?").fill("theatre")
    page.get_by_role("button", name="Rechercher", exact=True).click()
    expect(results_count(page)).to_have_text(re.compile(r"trouvée"))
    expect(page).to_have_url(re.compile(r"q=theatre"))
    assert_accessible(page)

    page.get_by_label("Que cherches-tu ?").fill("xqzwvy introuvable")
    page.get_by_role("button", name="Rechercher", exact=True).click()
    expect(results_count(page)).to_have_text("Aucune offre trouvée.")
    expect(page.get_by_role("heading", name="Aucune offre ne correspond à ta recherche")) \
        .to_be_visible()
    assert_accessible(page)


def test_invalid_filters_are_explained(page):
    visit_response = page.goto("/recherche/?prix_min=30&prix_max=5")
    assert visit_response.status == 422
    expect(page.get_by_role("heading", name="Il y a un problème")).to_be_visible()
    assert_accessible(page)


def test_search_works_without_javascript(page_nojs):
    page = page_nojs
    visit(page, "/recherche/")
    page.get_by_label("Que cherches-tu ?").fill("concert")
    page.get_by_text("Filtres et tri", exact=True).click()
    page.get_by_label("Gratuit uniquement").check()
    page.get_by_role("button", name="Appliquer").click()
    expect(page).to_have_url(re.compile(r"gratuit=1"))
    assert parse_qs(urlsplit(page.url).query, keep_blank_values=True) == {
        "q": ["concert"], "gratuit": ["1"], "rayon": ["50"], "tri": ["pertinence"],
    }
    expect(results_count(page)).to_be_visible()
    assert_accessible(page)


def test_search_results_stay_within_the_page_budget(page):
    transfer = measure_transfer(page, "/recherche/?lieu=Montpellier&commune=34172")
    print(f"search results first load: {transfer}")
    assert transfer.without_images < PAGE_BUDGET_BYTES
    assert_accessible(page)
