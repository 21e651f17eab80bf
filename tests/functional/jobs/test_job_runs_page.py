"""The staff page of the job runs, /admin/taches (docs/domain/jobs.md)."""

from __future__ import annotations

from models.db import utcnow
from models.jobs.api import run_jobs
from models.jobs.registry import JOBS, Job
from models.users.models import StaffPermission
from tests import factories
from tests.helpers import html, login

PATH = "/admin/taches/"


def _broken(session, now):
    raise RuntimeError("disque plein")


def signed_in_staff(client, db_session, permissions=(StaffPermission.SUPPORT,)):
    person = factories.admin(db_session, permissions=permissions)
    db_session.commit()
    login(client, person.email, factories.PASSWORD)
    return person


def test_each_job_shows_its_last_runs_with_when_how_long_and_what(client, db_session):
    run_jobs(db_session, utcnow())
    signed_in_staff(client, db_session)
    page = html(client.get(PATH))
    headings = [h2.get_text(strip=True) for h2 in page.select("section.job h2")]
    assert len(headings) == len(JOBS)
    assert "Expiration des réservations non retirées" in headings
    table = page.select_one("section.job table")
    cells = [td.get_text(" ", strip=True) for td in table.select("tbody tr td")]
    assert cells[2] == "Faite"
    assert cells[3] == "0 crédits complétés ou déplacés"
    assert cells[1].endswith("ms") or cells[1].endswith("s")
    assert table.select_one("time")["datetime"]


def test_a_failure_is_said_in_words_at_the_top_and_in_its_row(client, db_session):
    run_jobs(db_session, utcnow(), jobs=(Job("birthday_top_ups", _broken),))
    signed_in_staff(client, db_session)
    page = html(client.get(PATH))
    notice = page.select_one(".notice")
    assert "Une tâche a échoué" in notice.get_text(" ", strip=True)
    assert notice.find("a", string="Anniversaires : compléments de crédit")["href"] == (
        "#job-birthday_top_ups")
    row = page.select_one("tr.job-run-failed")
    texts = [td.get_text(" ", strip=True) for td in row.select("td")]
    assert texts[2:] == ["Échec", "RuntimeError: disque plein"]


def test_a_job_that_never_ran_says_so(client, db_session):
    signed_in_staff(client, db_session)
    page = html(client.get(PATH))
    assert len(page.find_all("p", string="Jamais exécutée.")) == len(JOBS)
    assert page.select_one(".notice") is None


def test_staff_without_the_support_permission_is_refused(client, db_session):
    signed_in_staff(client, db_session, permissions=(StaffPermission.MODERATE,))
    assert client.get(PATH).status_code == 403
