"""The credit left as the deck and search read it (`spendable_credit`, one statement) is the
credit left of `credit_summary`, which booking and the profile use, whatever changed it."""

from __future__ import annotations

import datetime as dt

from models.bookings.api import book, cancel_by_person
from models.credit.api import grant_birthday_top_ups
from models.credit.repository import credit_summary, current_deposit, spendable_credit
from models.db import utcnow
from models.offers.catalogue import CapKind
from models.search.budget import Budget
from tests import factories
from tests.functional.top_ups.top_up_data import programme, resident, show


def bought(session, person, subcategory_id, price_cents, now):
    stock = factories.stock(session, offer=factories.offer(session, subcategory_id=subcategory_id),
                            price_cents=price_cents)
    return book(session, person.id, stock.id, 1, now)


def summary_figures(session, person, now):
    summary = credit_summary(session, current_deposit(session, person.id, now))
    return summary.remaining_cents, summary.cap_remaining_cents(CapKind.DIGITAL)


def spendable_figures(session, person, now):
    credit = spendable_credit(session, person.id, now)
    return credit.remaining_cents, credit.digital_remaining_cents


def test_bookings_and_cancellations_change_it_as_they_change_the_summary(db_session):
    now = utcnow()
    person = factories.young(db_session)
    factories.deposit(db_session, person, now)
    ebook = bought(db_session, person, "LIVRE_NUMERIQUE", 2000, now)
    bought(db_session, person, "LIVRE_PAPIER", 1250, now)
    assert spendable_figures(db_session, person, now) == (15000 - 3250, 10000 - 2000)
    cancel_by_person(db_session, ebook.id, person.id, now)
    assert spendable_figures(db_session, person, now) == summary_figures(db_session, person, now)
    assert spendable_figures(db_session, person, now) == (15000 - 1250, 10000)


def test_the_digital_remainder_is_never_above_the_total_remainder(db_session):
    now = utcnow()
    person = factories.young(db_session)
    factories.deposit(db_session, person, now)
    bought(db_session, person, "SUPPORT_PHYSIQUE_FILM", 9000, now)
    assert spendable_figures(db_session, person, now) == (6000, 6000)
    assert spendable_figures(db_session, person, now) == summary_figures(db_session, person, now)


def test_what_a_local_top_up_paid_is_not_spent_from_the_deposit(db_session):
    now = utcnow()
    programme(db_session, amount=2000)
    person = resident(db_session)
    book(db_session, person.id, show(db_session, 2500).id, 1, now)
    assert spendable_figures(db_session, person, now) == (15000 - 500, 10000)
    assert spendable_figures(db_session, person, now) == summary_figures(db_session, person, now)


def test_a_birthday_grant_and_a_carried_over_remainder_count_as_the_summary_counts_them(
        db_session):
    opened = dt.datetime(2026, 11, 23, 12, tzinfo=dt.UTC)
    person = factories.young(db_session, date_of_birth=dt.date(2009, 3, 15))
    deposit = factories.deposit(db_session, person, opened)
    deposit.carried_over_cents = 700
    grant_birthday_top_ups(db_session, dt.datetime(2027, 3, 15, 12, tzinfo=dt.UTC))
    later = dt.datetime(2027, 3, 16, 12, tzinfo=dt.UTC)
    db_session.refresh(deposit)
    figures = spendable_figures(db_session, person, later)
    assert figures == summary_figures(db_session, person, later)
    assert figures[0] == 5000 + 15000 + 700


def test_nothing_is_spendable_without_a_deposit_or_after_it_expired(db_session):
    now = utcnow()
    without = factories.young(db_session)
    person = factories.young(db_session)
    deposit = factories.deposit(db_session, person, now)
    assert spendable_credit(db_session, without.id, now) is None
    assert spendable_credit(db_session, person.id, deposit.expires_at) is None
    assert Budget.of_spendable(None) == Budget(0)


def test_the_budget_read_in_one_statement_is_the_budget_of_the_summary(db_session):
    now = utcnow()
    person = factories.young(db_session)
    deposit = factories.deposit(db_session, person, now)
    bought(db_session, person, "LIVRE_NUMERIQUE", 3000, now)
    assert (Budget.of_spendable(spendable_credit(db_session, person.id, now))
            == Budget.of(credit_summary(db_session, deposit)))
