"""The discovery deck in a phone-sized browser: by buttons, by keyboard only, without JavaScript.

Every state reached is scanned with axe. The figures printed (bytes of the first load and of one
answer) are those of the note; the budgets are asserted.
"""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.helpers import assert_accessible, measure_transfer, shown_offer, visit
from tests.factories.users import Role

FIRST_LOAD_BUDGET_BYTES = 50_000
PARTIAL_BUDGET_BYTES = 4_000


def card_title(page: Page):
    return page.locator("#deck-card-title")


def deck_status(page: Page):
    return page.locator("#deck-status")


def test_the_deck_is_the_home_of_a_young_person_and_answers_by_buttons(login_as):
    page = login_as(Role.YOUNG)
    expect(page).to_have_url(re.compile(r"/decouvrir/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Découvrir")
    first = shown_offer(page).get_attribute("href")

    page.get_by_role("button", name=re.compile("^J'aime")).click()
    expect(deck_status(page)).to_have_text("Ajouté à tes favoris.")
    expect(shown_offer(page)).not_to_have_attribute("href", first)
    expect(card_title(page)).to_be_focused()
    assert_accessible(page)

    second = shown_offer(page).get_attribute("href")
    page.get_by_role("button", name=re.compile("^Pas pour moi")).click()
    expect(deck_status(page)).to_have_text("Offre passée.")
    expect(shown_offer(page)).not_to_have_attribute("href", second)
    assert_accessible(page)

    offer = shown_offer(page).get_attribute("href")
    page.get_by_role("link", name=re.compile("^Voir l'offre")).click()
    # The deck's own heading is visible too until the offer page arrives: wait for its URL.
    expect(page).to_have_url(re.compile(re.escape(offer) + "$"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)


def test_the_deck_works_with_the_keyboard_only(login_as):
    page = login_as(Role.YOUNG)
    skip = page.get_by_role("button", name=re.compile("^Pas pour moi"))
    for _press in range(40):
        page.keyboard.press("Tab")
        if skip.evaluate("button => button === document.activeElement"):
            break
    expect(skip).to_be_focused()
    first = shown_offer(page).get_attribute("href")
    page.keyboard.press("Enter")
    expect(deck_status(page)).to_have_text("Offre passée.")
    expect(card_title(page)).to_be_focused()
    expect(shown_offer(page)).not_to_have_attribute("href", first)
    assert_accessible(page)

    second = shown_offer(page).get_attribute("href")
    page.keyboard.press("ArrowRight")
    expect(deck_status(page)).to_have_text("Ajouté à tes favoris.")
    expect(shown_offer(page)).not_to_have_attribute("href", second)
    expect(card_title(page)).to_be_focused()
    assert_accessible(page)

    third = shown_offer(page).get_attribute("href")
    page.keyboard.press("ArrowLeft")
    expect(deck_status(page)).to_have_text("Offre passée.")
    expect(shown_offer(page)).not_to_have_attribute("href", third)
    # The title takes the focus once the new card has settled: Tab only from there.
    expect(card_title(page)).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name=re.compile("^Pas pour moi"))).to_be_focused()
    assert_accessible(page)


def test_a_visitor_without_javascript_chooses_a_commune_and_answers_cards(page_nojs):
    page = page_nojs
    visit(page, "/")
    page.get_by_label("Ta commune").fill("Montpellier")
    page.get_by_role("button", name="Voir les offres autour").click()
    expect(page).to_have_url(re.compile(r"/decouvrir/$"))
    expect(page.locator(".deck-where")).to_contain_text("Autour de Montpellier")
    assert_accessible(page)

    first = shown_offer(page).get_attribute("href")
    page.get_by_role("button", name=re.compile("^J'aime")).click()
    expect(page.get_by_text("Noté ! Connecte-toi pour garder tes favoris.")).to_be_visible()
    expect(shown_offer(page)).not_to_have_attribute("href", first)
    assert_accessible(page)

    second = shown_offer(page).get_attribute("href")
    page.get_by_role("button", name=re.compile("^Pas pour moi")).click()
    expect(page.get_by_text("Offre passée.")).to_be_visible()
    expect(shown_offer(page)).not_to_have_attribute("href", second)
    assert page.evaluate("typeof window.htmx") == "undefined"
    assert_accessible(page)


def test_deck_filters_live_in_the_url(login_as):
    page = login_as(Role.YOUNG)
    page.get_by_text("Filtres", exact=True).click()
    page.get_by_label("Cinéma").check()
    page.get_by_role("button", name="Appliquer les filtres").click()
    expect(page).to_have_url(re.compile(r"categorie=CINEMA"))
    expect(page.locator(".deck-card-facts")).to_contain_text("Cinéma")
    assert_accessible(page)


def test_the_deck_and_one_answer_stay_within_their_weight_budgets(login_as):
    page = login_as(Role.YOUNG)
    transfer = measure_transfer(page, "/decouvrir/")
    print(f"deck first load: {transfer}")
    assert transfer.without_images < FIRST_LOAD_BUDGET_BYTES
    assert_accessible(page)

    with page.expect_response(re.compile(r"/decouvrir/reponse")) as answer:
        page.get_by_role("button", name=re.compile("^Pas pour moi")).click()
    sizes = answer.value.request.sizes()
    transferred = sizes["responseBodySize"] + sizes["responseHeadersSize"]
    print(f"deck answer partial: {transferred} bytes "
          f"(body {sizes['responseBodySize']}, headers {sizes['responseHeadersSize']})")
    assert transferred < PARTIAL_BUDGET_BYTES
    expect(deck_status(page)).to_have_text("Offre passée.")
    assert_accessible(page)
