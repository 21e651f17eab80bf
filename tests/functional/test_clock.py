"""The suite's clock (tests/clock.py) is what the app, the domain and the machine read."""

import datetime as dt
import time
from zoneinfo import ZoneInfo

from models.db import utcnow
from tests.clock import SWEEP
from tests.helpers import html

PARIS = ZoneInfo("Europe/Paris")


def test_the_domain_clock_starts_each_test_at_its_instant(clock_instant):
    assert abs(utcnow() - clock_instant.aware) < dt.timedelta(seconds=30)


def test_the_machine_local_time_is_the_instant_in_its_zone(clock_instant):
    local = time.localtime()
    assert (local.tm_year, local.tm_mon, local.tm_mday, local.tm_hour) == (
        clock_instant.local.year, clock_instant.local.month, clock_instant.local.day,
        clock_instant.local.hour,
    )


def test_pages_say_today_as_the_frozen_clock_has_it(client, clock_instant):
    today = clock_instant.aware.astimezone(PARIS).date()
    label = html(client.get("/recherche/")).find("label", attrs={"for": "quand-aujourdhui"})
    assert f"{today.day} " in label.get_text(" ", strip=True)


def test_the_sweep_covers_every_weekday_late_at_night_and_the_calendar_edges():
    weekdays_at_2330 = {i.local.weekday() for i in SWEEP if i.local.time() == dt.time(23, 30)}
    assert weekdays_at_2330 == set(range(7))
    days = {(i.local.month, i.local.day) for i in SWEEP}
    assert {(12, 31), (2, 29), (3, 29), (10, 25)} <= days
    assert {"Europe/Paris", "America/Cayenne", "Pacific/Noumea"} <= {i.zone for i in SWEEP}
