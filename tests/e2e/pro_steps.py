"""Steps of a pro's browser journeys, shared by the journey's tests: an event created through
every step with an image, its dates added by a weekly recurrence, another person's phone.

Every state reached is scanned with axe. Dates are computed from the suite's clock, never
written down, so the steps work at any instant `--clock` chooses.
"""

from __future__ import annotations

import datetime as dt
import re

from babel.dates import format_date
from playwright.sync_api import Page, expect

from models.db import utcnow
from models.finance.periods import paris_day
from tests.e2e.helpers import assert_accessible, visit

NEEDS = ("moteur", "visuel", "auditif", "psychique ou cognitif")
EVENT_TIME = "20:00"


def create_show(page: Page, *, venue: str | None, name: str, image_path: str,
                javascript: bool) -> int:
    """A show through the four steps of creation, image included; the draft's id, read from
    the summary's URL."""
    visit(page, "/pro/offres/nouvelle")
    expect(page.get_by_role("heading", level=1)).to_have_text("Nouvelle offre")
    venues = page.get_by_label("Lieu")
    if venue is None:
        venues.select_option(index=1)
    else:
        venues.select_option(venues.locator("option", has_text=venue).first
                             .get_attribute("value"))
    page.get_by_label("Catégorie", exact=True).select_option(label="Spectacle vivant")
    if not javascript:
        page.get_by_role("button", name="Afficher les sous-catégories").click()
    subcategory = page.get_by_label("Sous-catégorie")
    expect(subcategory.locator("option[value=SPECTACLE_REPRESENTATION]")).to_have_count(1)
    assert_accessible(page)
    subcategory.select_option("SPECTACLE_REPRESENTATION")
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Informations de l'offre")
    assert_accessible(page)

    page.get_by_label("Titre de l'offre").fill(name)
    page.get_by_label("Description").fill("Une pièce jouée au clavier, en un acte.")
    page.get_by_label("Type de spectacle", exact=True).select_option("THEATRE")
    page.get_by_label("Sous-type de spectacle").select_option("CONTEMPORAIN")
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Informations pratiques")
    assert_accessible(page)

    for need in NEEDS:
        page.get_by_role("group", name=f"Accessible aux personnes en situation de handicap {need} ?"
                         ).get_by_label("Oui").check()
    page.get_by_role("group", name="Retrait des billets").get_by_role("radio").first.check()
    delay = page.get_by_label("Délai avant l'événement")
    if delay.locator("option").count() > 1:
        delay.select_option(index=1)
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Image de l'offre")
    assert_accessible(page)

    page.get_by_label("Image", exact=True).set_input_files(image_path)
    page.get_by_label("Description de l'image").fill("Affiche orange de la pièce")
    page.get_by_role("button", name="Enregistrer l'image").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Récapitulatif de l'offre")
    expect(page.get_by_role("img", name="Affiche orange de la pièce")).to_be_visible()
    assert_accessible(page)
    found = re.search(r"/pro/offres/(\d+)/recapitulatif$", page.url)
    assert found, page.url
    return int(found[1])


def recurrence_days(today: dt.date, weeks: int = 3) -> tuple[dt.date, dt.date]:
    """From tomorrow, `weeks` weeks of one weekday: its first and last days."""
    first = today + dt.timedelta(days=1)
    return first, first + dt.timedelta(weeks=weeks - 1)


def event_day(day: dt.date, today: dt.date) -> str:
    """A day as the pro pages name it: "jeudi 12 mars", with its year when not this year's."""
    pattern = "EEEE d MMMM" if day.year == today.year else "EEEE d MMMM y"
    return format_date(day, pattern, locale="fr_FR")


def add_weekly_dates(page: Page, offer_id: int, first: dt.date, last: dt.date, *,
                     price: str, places: str) -> None:
    """A price category, then one date a week from `first` to `last`, previewed and confirmed."""
    visit(page, f"/pro/offres/{offer_id}/stocks/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dates et tarifs")
    new_category = page.get_by_role("group", name="Nouveau tarif")
    new_category.get_by_label("Nom du tarif").fill("Plein tarif")
    new_category.get_by_label("Prix (en euros)").fill(price)
    new_category.get_by_role("button", name="Ajouter le tarif").click()
    expect(page.locator(".flash-success")).to_have_text("Tarif « Plein tarif » ajouté.")
    assert_accessible(page)

    page.get_by_role("link", name="Ajouter une récurrence (plusieurs dates)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ajouter une récurrence")
    assert_accessible(page)
    weekday = format_date(first, "EEEE", locale="fr_FR").capitalize()
    page.get_by_role("checkbox", name=weekday).check()
    page.get_by_label("Horaire", exact=True).fill(EVENT_TIME)
    page.get_by_label("Du", exact=True).fill(first.isoformat())
    page.get_by_label("Au", exact=True).fill(last.isoformat())
    page.get_by_label("Nombre de places").fill(places)
    page.get_by_role("button", name="Voir les dates").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Aperçu de la récurrence")
    days = [first + dt.timedelta(weeks=week) for week in range((last - first).days // 7 + 1)]
    today = paris_day(utcnow())
    shown = [f"{event_day(day, today)} à {EVENT_TIME.replace(':', 'h')}" for day in days]
    dates = page.get_by_role("list", name="Dates à créer").get_by_role("listitem")
    expect(dates).to_have_text(shown)
    assert_accessible(page)

    page.get_by_role("button", name="Créer ces dates").click()
    expect(page.locator(".flash-success")).to_have_text(f"{len(days)} dates créées.")
    rows = page.get_by_role("region", name=f"{len(days)} dates").locator("tbody tr")
    expect(rows.get_by_role("rowheader")).to_have_text(shown)
    assert_accessible(page)


def publish(page: Page, offer_id: int, name: str) -> None:
    """From the summary of a complete draft, publish it: no moderation rule holds it."""
    visit(page, f"/pro/offres/{offer_id}/recapitulatif")
    expect(page.get_by_role("heading", level=1)).to_have_text("Récapitulatif de l'offre")
    page.get_by_role("button", name="Publier l'offre").click()
    expect(page.locator(".flash-success")).to_have_text("Offre publiée.")
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    assert_accessible(page)
