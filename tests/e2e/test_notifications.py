"""The demo young person, on a 360×740 phone, sees their unread notifications counted in the
navigation, opens them and marks them read, by keyboard only, axe clean at every state.

docs/domain/messages.md. The demo data holds no notification: this module tells the demo young
person two things through the domain, in its own copy of the demo database, before its server
starts.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import pool, select
from sqlalchemy.orm import Session

from models.db import make_engine
from models.emails.messages import Message
from models.notifications.api import notify
from models.unit_of_work import atomic
from models.users.models import User
from tests.e2e.helpers import assert_accessible, tab_to
from tests.factories.users import Role
from tests.live_server import demo_server
from webapp.demo.accounts import YOUNG_18

MOVED = "Nouvelle date pour « Concert du Printemps »"
APPROVED = "Ton crédit pass Culture est ouvert"


def notify_the_demo_young_person(database_url: str) -> None:
    engine = make_engine(database_url, poolclass=pool.NullPool)
    with Session(engine) as session, atomic(session):
        person_id = session.scalar(select(User.id).where(User.email == YOUNG_18))
        notify(session, person_id, Message.IDENTITY_APPROVED, page="/profil/",
               first_name="Camille", amount="150,00 €", last_day="11 mars 2028")
        notify(session, person_id, Message.BOOKING_DATE_CHANGED, page="/reservations/",
               offer="Concert du Printemps", venue="La Salle", token="ABC123",
               old="jeudi 12 mars 2026 à 20h00", new="vendredi 13 mars 2026 à 21h00",
               limit="jeudi 12 mars 2026 à 20h00")
    engine.dispose()


@pytest.fixture(scope="module")
def live_server(databases, demo_template_url, base_config) -> Iterator[str]:
    with demo_server(databases, demo_template_url, base_config,
                     notify_the_demo_young_person) as base_url:
        yield base_url


def fits_the_phone(page: Page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def test_the_young_person_reads_and_marks_notifications_by_keyboard(page, login_as):
    login_as(Role.YOUNG)
    counter = page.get_by_role("link", name="Notifications 2 non lues")
    expect(counter).to_be_visible()
    assert fits_the_phone(page)

    tab_to(page, counter)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Notifications")
    expect(page.get_by_text("2 notifications non lues.")).to_be_visible()
    titles = page.locator(".notification-list h2")
    expect(titles).to_have_text([f"Non lue {MOVED}", f"Non lue {APPROVED}"])
    expect(page.get_by_text("Ancienne date : jeudi 12 mars 2026 à 20h00")).to_be_visible()
    assert fits_the_phone(page)
    assert_accessible(page)

    mark = page.get_by_role("button", name=f"Marquer « {MOVED} » comme lue")
    tab_to(page, mark)
    page.keyboard.press("Enter")
    expect(page.locator(".flash")).to_have_text("Notification marquée comme lue.")
    expect(page.get_by_role("link", name="Notifications 1 non lue")).to_be_visible()
    expect(page.locator(".notification-unread h2")).to_have_text(f"Non lue {APPROVED}")
    assert_accessible(page)

    everything = page.get_by_role("button", name="Tout marquer comme lu")
    tab_to(page, everything)
    page.keyboard.press("Enter")
    expect(page.locator(".flash")).to_have_text(
        "Toutes les notifications sont marquées comme lues.")
    expect(page.get_by_role("link", name="Notifications", exact=True)).to_be_visible()
    expect(page.locator(".notification-unread")).to_have_count(0)
    expect(page.get_by_role("button", name="Tout marquer comme lu")).to_have_count(0)
    assert_accessible(page)
