"""The suite's clock: every test runs at a chosen instant, never at the machine's date.

The whole session travels (with `time-machine`) to `DEFAULT_INSTANT`, or to the instant given
with `--clock`, and every test starts again at that same instant: the demo data, the factories,
the app, the live server of the browser tests and the machine's local time zone all read it.
The clock then ticks from there, so timeouts and rate-limit windows still move.

`--clock-sweep` runs the date-sensitive tests (the modules in `DATE_SENSITIVE`, or any test
marked `dates`) once at each instant of `SWEEP`: every day of the week late in the evening, the
two daylight-saving changes, New Year's Eve, 29 February, in Paris and overseas.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class Instant:
    """A local date and time in a named zone, written `2026-03-11T10:30@Europe/Paris`."""

    local: dt.datetime
    zone: str

    @classmethod
    def parse(cls, text: str) -> Instant:
        moment, _, zone = text.partition("@")
        return cls(dt.datetime.fromisoformat(moment), zone or "Europe/Paris")

    @property
    def aware(self) -> dt.datetime:
        """The instant with its `ZoneInfo`, which makes time-machine set the local zone too."""
        return self.local.replace(tzinfo=ZoneInfo(self.zone))

    @property
    def label(self) -> str:
        return f"{self.local:%a-%Y-%m-%d-%H%M}@{self.zone.rsplit('/', 1)[-1]}"


# A Wednesday morning in Paris, far from any daylight-saving change or end of month.
DEFAULT_INSTANT = Instant.parse("2026-03-11T10:30@Europe/Paris")

SWEEP = tuple(
    Instant.parse(text)
    for text in (
        # Each day of the week at 23:30 in Paris, Monday 9 to Sunday 15 March 2026.
        *(f"2026-03-{day:02d}T23:30@Europe/Paris" for day in range(9, 16)),
        # Daylight-saving changes: the night the clocks go forward, the evening they go back.
        "2026-03-29T03:30@Europe/Paris",
        "2026-10-25T23:30@Europe/Paris",
        "2026-12-31T23:30@Europe/Paris",
        "2028-02-29T23:30@Europe/Paris",
        # Guyane is 3 hours behind UTC: Saturday evening there is already Sunday in UTC.
        "2026-03-14T23:30@America/Cayenne",
        "2026-12-31T23:30@America/Cayenne",
        # Nouméa is 11 hours ahead: Monday morning there is still Sunday in Paris and in UTC.
        "2026-03-16T00:30@Pacific/Noumea",
        "2026-03-15T23:30@Pacific/Noumea",
        "2028-02-29T23:30@Pacific/Noumea",
    )
)

# The tests whose outcome depends on today's date: ages and birthdays, credit, booking deadlines,
# expiry, the date choices of search. Module paths or node ids; tests that use fixed dates only
# (the unit tests of date windows, ages and credit expiry) need no sweep.
DATE_SENSITIVE = (
    "tests/functional/search/test_search_pages.py::test_date_filters",
    "tests/functional/search/test_search_pages.py::test_each_date_choice",
    "tests/functional/search/test_search_pages.py::test_sorting_by_date",
    "tests/functional/bookings/test_booking_rules.py",
    "tests/functional/bookings/test_cancellation_and_counter.py",
    "tests/functional/credit/",
    "tests/functional/identity/test_identity_review.py",
    "tests/functional/test_clock.py",
    "tests/functional/jobs/test_job_boundaries.py",
    "tests/functional/jobs/test_job_late.py",
)
