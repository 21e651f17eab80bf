"""The demo pro reads a reimbursement statement and downloads it, by keyboard only, on a phone,
axe clean at every state; then gives a wrong IBAN, reads why, and gives the right one
(docs/domain/6-reimbursement.md).

The module's copy of the demo database gets a first statement before its server starts: a
booking of the demo pro's structure, used on 20 February, then the second half of February
issued through the domain, as `flask finance issue-statements` would.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import pool, select
from sqlalchemy.orm import Session

from models.bookings.models import Booking, BookingStatus
from models.db import make_engine, utcnow
from models.finance.api import issue_statements
from models.finance.periods import PARIS, Period
from models.offerers.models import Structure, Venue
from models.unit_of_work import atomic
from tests.e2e.helpers import assert_accessible, visit
from tests.e2e.test_counter import book_for_the_counter
from tests.live_server import demo_server
from webapp.demo.accounts import PRO_SIREN

USED_AT = dt.datetime(2026, 2, 20, 18, 30, tzinfo=PARIS)
PERIOD = Period(2026, 2, 2)
IBAN = "FR76 3000 6000 0112 3456 7890 189"


def pricing_points(session: Session) -> None:
    """The demo pro's venues with a SIRET are paid in their own name, the online one through
    the first of them (until the demo data says so itself)."""
    venues = session.scalars(select(Venue).join(Structure).where(Structure.siren == PRO_SIREN)
                             .order_by(Venue.id)).all()
    paid = [venue for venue in venues if venue.siret]
    for venue in venues:
        if venue.pricing_point_id is None:
            venue.pricing_point_id = venue.id if venue.siret else paid[0].id


def first_statement(database_url: str) -> None:
    [token] = book_for_the_counter(database_url, 1)
    engine = make_engine(database_url, poolclass=pool.NullPool)
    with Session(engine) as session:
        with atomic(session):
            pricing_points(session)
            session.flush()
            booking = session.scalars(select(Booking).where(Booking.token == token)).one()
            booking.status, booking.used_at = BookingStatus.USED, USED_AT
        with atomic(session):
            assert issue_statements(session, PERIOD, utcnow())
    engine.dispose()


@pytest.fixture(scope="module")
def live_server(databases, demo_template_url, base_config) -> Iterator[str]:
    with demo_server(databases, demo_template_url, base_config, first_statement) as base_url:
        yield base_url


def press_on(page: Page, link) -> None:
    """Reach `link` as the Tab key would (focus), then follow it with Enter."""
    link.focus()
    expect(link).to_be_focused()
    page.keyboard.press("Enter")


def test_the_demo_pro_reads_a_statement_and_downloads_it_by_keyboard(page, login_as, tmp_path):
    login_as("pro")
    visit(page, "/pro/remboursements/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Remboursements")

    press_on(page, page.get_by_role("link", name="Relevé du 16 au 28 février 2026").first)
    expect(page.get_by_role("heading", level=1)).to_have_text("Relevé du 16 au 28 février 2026")
    expect(page.get_by_role("region", name="Lignes du relevé")).to_be_visible()
    assert_accessible(page)

    download_link = page.get_by_role("link", name="Télécharger le relevé (CSV)")
    download_link.focus()
    with page.expect_download() as download_info:
        page.keyboard.press("Enter")
    saved = tmp_path / "releve.csv"
    download_info.value.save_as(saved)
    text = Path(saved).read_text(encoding="utf-8")
    assert text.startswith("\ufeffRelevé;Période;Point de remboursement")
    rows = text.splitlines()
    assert len(rows) >= 2 and all(";du 16 au 28 février 2026;" in row for row in rows[1:])


def test_a_wrong_iban_is_explained_then_the_right_one_is_kept(page, login_as):
    login_as("pro")
    visit(page, "/pro/remboursements/")
    press_on(page, page.get_by_role("link", name="Donner l'IBAN de").first)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Coordonnées bancaires de")
    assert_accessible(page)

    page.get_by_label("IBAN", exact=True).focus()
    page.keyboard.type(IBAN[:-1] + "0")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.type("Association Culture en Hérault")
    page.keyboard.press("Enter")
    expect(page.locator("#iban-error")).to_contain_text("mal recopié")
    assert_accessible(page)

    field = page.get_by_label("IBAN", exact=True)
    field.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type(IBAN)
    page.keyboard.press("Enter")
    expect(page.locator(".flash")).to_contain_text("sont enregistrées")
    expect(page.get_by_text("FR76 •••• 0189")).to_be_visible()
    assert_accessible(page)
