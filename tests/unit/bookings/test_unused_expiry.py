"""docs/domain/5-bookings.md: unused bookings of "x" subcategories expire at the first midnight,
in the person's zone, at or after the booking time plus the delay, never earlier."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from models.bookings.api import expiry_of_unused
from models.offers.catalogue import SUBCATEGORIES

PARIS = ZoneInfo("Europe/Paris")
REUNION = ZoneInfo("Indian/Reunion")


def local(zone, *parts):
    return dt.datetime(*parts, tzinfo=zone)


@pytest.mark.parametrize(
    ("subcategory", "zone", "booked", "expires"),
    [
        # A DVD booked on 1 January at 15:00 is still valid on 31 January at 16:00.
        ("SUPPORT_PHYSIQUE_FILM", PARIS, (2027, 1, 1, 15), (2027, 2, 1)),
        ("SUPPORT_PHYSIQUE_FILM", PARIS, (2027, 1, 1, 0, 0, 1), (2027, 2, 1)),
        ("SUPPORT_PHYSIQUE_FILM", PARIS, (2027, 1, 1, 23, 59), (2027, 2, 1)),
        # Booked at midnight exactly: the delay ends at a midnight, which is the expiry.
        ("SUPPORT_PHYSIQUE_FILM", PARIS, (2027, 1, 1), (2027, 1, 31)),
        # Paper books: 10 days.
        ("LIVRE_PAPIER", PARIS, (2027, 1, 1, 15), (2027, 1, 12)),
        # A trial art class is an event, and it expires.
        ("SEANCE_ESSAI_PRATIQUE_ART", PARIS, (2027, 1, 1, 15), (2027, 2, 1)),
        # Across the change to summer time (28 March 2027) the day has 23 hours: 30 days of 24
        # hours from 1 March at 23:30 end at 00:30 on 1 April, so midnight of 1 April would be
        # half an hour early; the booking expires at midnight of 2 April.
        ("CARTE_MUSEE", PARIS, (2027, 3, 1, 23, 30), (2027, 4, 2)),
        ("CARTE_MUSEE", PARIS, (2027, 3, 9, 23, 30), (2027, 4, 10)),
        ("CARTE_MUSEE", PARIS, (2027, 3, 9, 22, 59), (2027, 4, 9)),
        # Back to winter time (31 October 2027): the day has 25 hours, nothing moves.
        ("CARTE_MUSEE", PARIS, (2027, 10, 10, 23, 30), (2027, 11, 10)),
        # The person's own midnight, in Réunion.
        ("SUPPORT_PHYSIQUE_FILM", REUNION, (2027, 1, 1, 15), (2027, 2, 1)),
    ],
)
def test_expiry_is_the_first_midnight_after_the_delay(subcategory, zone, booked, expires):
    expiry = expiry_of_unused(SUBCATEGORIES[subcategory], local(zone, *booked), zone)
    assert expiry == local(zone, *expires)
    assert expiry.tzinfo is dt.UTC


def test_a_dvd_booked_1_january_at_15_is_valid_on_31_january_at_16():
    expiry = expiry_of_unused(SUBCATEGORIES["SUPPORT_PHYSIQUE_FILM"],
                              local(PARIS, 2027, 1, 1, 15), PARIS)
    assert local(PARIS, 2027, 1, 31, 16) < expiry


@pytest.mark.parametrize("subcategory", ["CONCERT", "ESCAPE_GAME", "VOD", "LIVRE_NUMERIQUE"])
def test_subcategories_without_x_never_expire(subcategory):
    assert expiry_of_unused(SUBCATEGORIES[subcategory], local(PARIS, 2027, 1, 1), PARIS) is None
