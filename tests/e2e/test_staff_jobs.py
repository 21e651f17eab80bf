"""Staff read the scheduled jobs' runs after a night's run, on a 360×740 phone and on a 1280×800
desktop: axe clean, every part reachable by keyboard, a failure said in words
(docs/domain/jobs.md).

The module's copy of the demo database gets one run of every job, then a run of a job that
fails, before its server starts.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import expect
from sqlalchemy import pool
from sqlalchemy.orm import Session

from models.db import make_engine, utcnow
from models.jobs.api import run_jobs
from models.jobs.registry import JOBS, Job
from tests.e2e.devices import DEVICES, no_sideways_scroll, signed_in_on
from tests.e2e.helpers import assert_accessible, tab_to, visit
from tests.live_server import demo_server
from webapp.demo.accounts import ADMIN

MAX_TABS = 60


def _broken(session, now):
    raise RuntimeError("le serveur de fichiers ne répond pas")


def run_a_night(database_url: str) -> None:
    engine = make_engine(database_url, poolclass=pool.NullPool)
    with Session(engine) as session:
        run_jobs(session, utcnow())
        run_jobs(session, utcnow(), jobs=(Job("erase_decided_identity_documents", _broken),))
    engine.dispose()


@pytest.fixture(scope="module")
def live_server(databases, demo_template_url, base_config) -> Iterator[str]:
    with demo_server(databases, demo_template_url, base_config, run_a_night) as base_url:
        yield base_url


@pytest.mark.parametrize("device", DEVICES)
def test_staff_read_the_job_runs_by_keyboard(browser, live_server, device):
    with signed_in_on(device, browser, live_server, ADMIN) as page:
        visit(page, "/admin/taches/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Tâches planifiées")
        expect(page.get_by_role("heading", level=2).filter(
            has_text="Expiration des réservations non retirées")).to_be_visible()
        assert page.locator("section.job").count() == len(JOBS)

        notice = page.locator(".notice")
        expect(notice).to_contain_text("Une tâche a échoué à sa dernière exécution")
        failed_link = notice.get_by_role("link", name="Effacement des pièces d'identité décidées")
        tab_to(page, failed_link, MAX_TABS)
        page.keyboard.press("Enter")
        expect(page).to_have_url(f"{page.url.split('#')[0]}#job-erase_decided_identity_documents")

        failed_row = page.locator("tr.job-run-failed")
        expect(failed_row).to_contain_text("Échec")
        expect(failed_row).to_contain_text("RuntimeError: le serveur de fichiers ne répond pas")

        # The tables scroll sideways on a phone: each one is a named region the keyboard reaches.
        region = page.get_by_role("region", name="Dernières exécutions : Effacement des pièces "
                                                 "d'identité décidées")
        tab_to(page, region, MAX_TABS)
        page.keyboard.press("ArrowRight")
        no_sideways_scroll(page, device)
        tab_to(page, page.get_by_role("link", name="Retour à l'administration"), MAX_TABS)
        assert_accessible(page)
