"""The registry of scheduled jobs and the reminder delays (docs/domain/jobs.md)."""

import datetime as dt

import pytest

from models.bookings.reminders import reminder_lead
from models.jobs.registry import JOB_NAMES, JOBS, jobs_named
from models.offers.catalogue import SUBCATEGORIES, unused_booking_expiry_days


def test_job_names_are_unique_and_short_enough_for_the_lock_table():
    assert len(set(JOB_NAMES)) == len(JOB_NAMES)
    assert all(len(name) <= 60 for name in JOB_NAMES)


def test_jobs_named_keeps_the_registry_order():
    assert [job.name for job in jobs_named(["mark_past_events_used", "birthday_top_ups"])] == [
        "birthday_top_ups", "mark_past_events_used"]


def test_no_names_means_every_job():
    assert jobs_named(None) == JOBS
    assert jobs_named([]) == JOBS


def test_an_unknown_name_is_refused():
    with pytest.raises(KeyError):
        jobs_named(["birthday_top_ups", "tout"])


@pytest.mark.parametrize(("subcategory_id", "lead"), [
    ("LIVRE_PAPIER", dt.timedelta(days=3)),
    ("SUPPORT_PHYSIQUE_FILM", dt.timedelta(days=5)),
    ("SEANCE_ESSAI_PRATIQUE_ART", dt.timedelta(days=5)),
    ("ESCAPE_GAME", None),
])
def test_the_reminder_leaves_3_days_before_for_books_and_5_for_30_day_delays(
    subcategory_id, lead
):
    assert reminder_lead(subcategory_id) == lead


def test_every_subcategory_that_expires_has_a_reminder():
    for subcategory in SUBCATEGORIES.values():
        if unused_booking_expiry_days(subcategory) is not None:
            assert reminder_lead(subcategory.id) is not None, subcategory.id
