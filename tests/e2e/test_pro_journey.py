"""Issue 11 from end to end, on a 360×740 phone, axe clean at every state: a new pro signs up,
declares a structure that staff validate, gives its venue a SIRET, creates a show with an
image, adds its dates by a weekly recurrence and publishes it; a young person books the first
date; the pro finds the booking, validates its token at the counter by keyboard only and, once
the period is over and the statements issued as the cron would, reads the reimbursement
statement. The same creation then works with JavaScript off.

Rules: docs/domain/5-bookings.md (an event starting within 48 h of its booking can be
validated at once), docs/domain/6-reimbursement.md (pricing points, periods, statements).
The clock is the suite's (tests/clock.py), moved past the end of the period inside the test:
the live server runs in this process, so it moves with it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pytest
import time_machine
from babel.dates import format_date
from playwright.sync_api import Page, expect
from sqlalchemy import create_engine, pool, update

from models.db import utcnow
from models.finance.periods import Period, paris_day
from models.moderation.models import ModerationRule, RuleKind
from tests.e2e import joining_steps as joining
from tests.e2e.helpers import assert_accessible, sign_in, signed_in_phone, visit
from tests.e2e.pro_steps import (
    add_weekly_dates,
    create_show,
    publish,
    recurrence_days,
)
from tests.e2e.test_pro_offers import cover
from tests.live_server import demo_server
from webapp import create_app
from webapp.demo.accounts import DEMO_PASSWORD, PRO, YOUNG_18

# The SIREN of the joining journey, then five digits, Luhn-valid: the venue is paid in its name.
SIRET = joining.SIREN + "00006"
VENUE = "Salle du Clavier"
SHOW = "Le Clavier bien tempéré"
TOKEN = re.compile(r"^[A-Z2-7]{6}$")


@pytest.fixture(scope="module")
def database_urls() -> list[str]:
    return []


def without_first_offers_rule(url: str) -> None:
    """The demo holds a new structure's first offers for staff (moderation_scenario). This
    journey follows one pro to the statement without staff in between: the rule is switched
    off in this module's copy; test_staff_moderation follows offers it holds."""
    engine = create_engine(url, poolclass=pool.NullPool)
    with engine.begin() as connection:
        connection.execute(
            update(ModerationRule).where(ModerationRule.kind == RuleKind.NEW_STRUCTURE)
            .values(is_active=False))
    engine.dispose()


@pytest.fixture(scope="module")
def live_server(databases, demo_template_url, base_config, database_urls) -> Iterator[str]:
    """The conftest's server; its database's URL is kept to run the statements' command on."""

    def prepare(url: str) -> None:
        database_urls.append(url)
        without_first_offers_rule(url)

    with demo_server(databases, demo_template_url, base_config, prepare) as base_url:
        yield base_url


def press(page: Page, target, key: str = "Enter") -> None:
    """Reach `target` as the Tab key would (focus), then press `key`."""
    target.focus()
    expect(target).to_be_focused()
    page.keyboard.press(key)


def join_and_get_validated(page: Page, browser, live_server: str) -> None:
    """The joining journey (joining_steps): sign up, confirm, declare, staff validate."""
    joining.a_pro_signs_up_declares_a_structure_and_staff_validate_it(
        page, browser, live_server)


def give_the_venue_a_siret(page: Page) -> None:
    visit(page, "/pro/lieux/")
    page.get_by_role("link", name=re.compile(VENUE)).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Modifier {VENUE}")
    assert_accessible(page)
    page.get_by_label("SIRET (facultatif)").fill(SIRET)
    page.get_by_role("button", name="Enregistrer le lieu").click()
    expect(page.locator(".flash-success")).to_have_text(
        "Les informations du lieu sont enregistrées.")
    expect(page.get_by_label("SIRET (facultatif)")).to_have_value(SIRET)
    assert_accessible(page)


def book_the_first_date(browser, live_server: str, offer_id: int) -> str:
    """The demo young person opens the offer by its address and books its first date; the
    ticket's token."""
    with signed_in_phone(browser, live_server, YOUNG_18, DEMO_PASSWORD) as young:
        visit(young, f"/offres/{offer_id}")
        expect(young.get_by_role("heading", level=1)).to_have_text(SHOW)
        expect(young.get_by_role("radio").first).to_be_checked()
        young.get_by_role("button", name="Réserver", exact=True).click()
        expect(young.get_by_role("heading", level=1)).to_have_text("Confirmer la réservation")
        assert_accessible(young)
        young.get_by_role("button", name="Confirmer la réservation").click()
        expect(young.get_by_role("heading", name="Ton billet")).to_be_visible()
        expect(young.locator(".ticket-token")).to_have_text(TOKEN)
        assert_accessible(young)
        return young.locator(".ticket-token").inner_text()


def find_the_booking(page: Page, token: str) -> None:
    visit(page, "/pro/reservations/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Réservations")
    table = page.get_by_role("region", name="Réservations, les plus récentes d'abord")
    row = table.get_by_role("row").filter(has=page.get_by_role("cell", name=token, exact=True))
    expect(row).to_contain_text(SHOW)


def validate_by_keyboard(page: Page, token: str) -> None:
    """From the booking's row to the counter, then the token typed and validated: keys only."""
    press(page, page.get_by_role("link", name=f"Valider au guichet {token}"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Guichet")
    assert_accessible(page)
    field = page.get_by_label("Contremarque")
    press(page, field, "Control+A")
    page.keyboard.type(token.lower())
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name=f"Réservation {token}")).to_be_visible()
    expect(page.locator(".counter-state")).to_have_text("À valider")
    assert_accessible(page)
    press(page, page.get_by_role("button", name="Valider la contremarque"))
    expect(page.locator(".flash")).to_have_text(f"Contremarque {token} validée.")
    expect(page.locator(".counter-state")).to_have_text("Validée")
    assert_accessible(page)


def statement_title(period: Period) -> str:
    month = format_date(period.first_day, "MMMM y", locale="fr_FR")
    if period.half == 1:
        return f"Relevé du 1er au 15 {month}"
    return f"Relevé du 16 au {period.last_day.day} {month}"


def issue_statements_as_the_cron_would(base_config: dict, database_url: str) -> str:
    """`flask finance issue-statements` for the last finished period, on the server's data."""
    app = create_app({**base_config, "DATABASE_URL": database_url, "TESTING": False})
    try:
        result = app.test_cli_runner().invoke(args=["finance", "issue-statements"])
    finally:
        app.extensions["database"]["engine"].dispose()
    assert result.exit_code == 0, result.output
    return result.output


def read_the_statement(page: Page, period: Period, token: str) -> None:
    visit(page, "/pro/remboursements/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Remboursements")
    title = statement_title(period)
    press(page, page.get_by_role("link", name=title))
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    lines = page.get_by_role("region", name="Lignes du relevé")
    line = lines.get_by_role("row").filter(has=page.get_by_role("rowheader", name=token))
    expect(line).to_contain_text(SHOW)
    expect(line).to_contain_text("100 %")
    expect(line.locator("td").last).to_have_text(re.compile(r"^12,00\s€$"))
    assert_accessible(page)


def test_a_new_pro_from_joining_to_the_reimbursement_statement(
        page, browser, live_server, database_urls, base_config, tmp_path):
    join_and_get_validated(page, browser, live_server)
    give_the_venue_a_siret(page)

    offer_id = create_show(page, venue=VENUE, name=SHOW, image_path=cover(tmp_path),
                           javascript=True)
    first, last = recurrence_days(paris_day(utcnow()))
    add_weekly_dates(page, offer_id, first, last, price="12", places="30")
    publish(page, offer_id, SHOW)

    token = book_the_first_date(browser, live_server, offer_id)

    find_the_booking(page, token)
    validate_by_keyboard(page, token)

    period = Period.containing(paris_day(utcnow()))
    with time_machine.travel(period.ends_at + dt.timedelta(hours=3), tick=True):
        output = issue_statements_as_the_cron_would(base_config, database_urls[0])
        assert f"Period {period}:" in output, output
        read_the_statement(page, period, token)


def test_the_same_creation_works_without_javascript(page_nojs, tmp_path):
    page = page_nojs
    sign_in(page, PRO)

    name = "Le Clavier sans script"
    offer_id = create_show(page, venue=None, name=name, image_path=cover(tmp_path),
                           javascript=False)
    first, last = recurrence_days(paris_day(utcnow()))
    add_weekly_dates(page, offer_id, first, last, price="8,50", places="20")
    publish(page, offer_id, name)
