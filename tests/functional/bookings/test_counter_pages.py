"""The ticket counter (Guichet) through the real app: lookup, validation, undo, every refusal.

docs/domain/5-bookings.md, "The counter". Dates are built from the frozen clock.
"""

from __future__ import annotations

import datetime as dt

import pytest

from models.bookings.api import book, cancel_by_person
from models.bookings.models import Booking, BookingStatus
from models.db import utcnow
from tests import factories
from tests.helpers import csrf_token, html, login

H = dt.timedelta(hours=1)
COUNTER = "/pro/guichet/"


@pytest.fixture
def structure(db_session):
    return factories.structure(db_session, name="Théâtre du Guichet")


@pytest.fixture
def pro_client(client, db_session, structure):
    member = factories.pro(db_session, structure=structure)
    db_session.commit()
    assert login(client, member.email, factories.PASSWORD).status_code == 303
    return client


def booking_at(session, structure, *, subcategory_id="LIVRE_PAPIER", booked_at=None,
               **stock_fields) -> Booking:
    """A booking of a new offer of `structure` by a new young person, made at `booked_at`."""
    person = factories.young(session, first_name="Inès", last_name="Guichetière")
    factories.deposit(session, person)
    venue = factories.venue(session, structure=structure, name="Salle Molière")
    offer = factories.offer(session, venue=venue, subcategory_id=subcategory_id,
                            name="Le Misanthrope")
    stock = factories.stock(session, offer=offer, price_cents=1250, **stock_fields)
    booking = book(session, person.id, stock.id, 1, booked_at or utcnow())
    session.commit()
    return booking


def look_up(client, token: str):
    token_field = csrf_token(client.get(COUNTER))
    return client.post(COUNTER, data={"csrf_token": token_field, "token": token})


def act(client, action: str, booking: Booking):
    token_field = csrf_token(client.get(COUNTER))
    return client.post(COUNTER + action,
                       data={"csrf_token": token_field, "booking_id": booking.id})


def shown_state(response) -> str:
    return html(response).find(class_="counter-state").get_text(strip=True)


def messages(response) -> list[str]:
    return [p.get_text(strip=True) for p in html(response).select(".flash")]


def field_error(response) -> str:
    found = html(response).find(id="token-error")
    return found.get_text(" ", strip=True) if found else ""


def test_a_token_typed_in_lower_case_with_spaces_finds_the_booking(pro_client, db_session,
                                                                    structure):
    booking = booking_at(db_session, structure)
    typed = " ".join(booking.token.lower())
    response = look_up(pro_client, typed)
    assert response.status_code == 303
    page = pro_client.get(response.location)
    details = html(page).find(class_="counter-details").get_text(" ", strip=True)
    for expected in ("Le Misanthrope", "Salle Molière", "Inès Guichetière", "12,50"):
        assert expected in details
    assert shown_state(page) == "À valider"
    assert html(page).find("h2").get_text(strip=True) == f"Réservation {booking.token}"


def test_an_event_shows_its_date(pro_client, db_session, structure):
    now = utcnow()
    booking = booking_at(db_session, structure, subcategory_id="SPECTACLE_REPRESENTATION",
                         beginning_at=now + 24 * H)
    page = pro_client.get(look_up(pro_client, booking.token).location)
    assert "Date de l'événement" in html(page).find(class_="counter-details").get_text()


@pytest.mark.parametrize("typed", ["ABC", "ABCDEFG", "ABCDE1", "ABCDEO", "ABC-23"])
def test_a_malformed_token_is_refused_with_a_french_message(pro_client, typed):
    response = look_up(pro_client, typed)
    assert response.status_code == 422
    assert "6 caractères" in field_error(response)
    assert html(response).find(id="token")["value"] == typed.upper()


def test_an_unknown_token_is_not_found(pro_client):
    response = look_up(pro_client, "ZZZZ22")
    assert response.status_code == 422
    assert field_error(response) == (
        "Erreur : Aucune réservation ne correspond à cette contremarque.")


def test_another_structures_token_reads_exactly_as_an_unknown_one(pro_client, db_session):
    theirs = booking_at(db_session, factories.structure(db_session))
    unknown = look_up(pro_client, "ZZZZ22")
    other = look_up(pro_client, theirs.token)
    assert other.status_code == unknown.status_code == 422
    assert field_error(other) == field_error(unknown)
    body = other.get_data(as_text=True)
    for secret in ("Le Misanthrope", "Guichetière", "Salle Molière"):
        assert secret not in body
    assert html(other).find(class_="counter-booking") is None


def test_another_structures_booking_cannot_be_validated_by_its_id(pro_client, db_session):
    theirs = booking_at(db_session, factories.structure(db_session))
    assert act(pro_client, "valider", theirs).status_code == 404
    db_session.refresh(theirs)
    assert theirs.status is BookingStatus.CONFIRMED


def test_validating_marks_the_booking_used(pro_client, db_session, structure):
    booking = booking_at(db_session, structure)
    look_up(pro_client, booking.token)
    response = act(pro_client, "valider", booking)
    assert response.status_code == 303
    page = pro_client.get(response.location)
    assert messages(page) == [f"Contremarque {booking.token} validée."]
    assert shown_state(page) == "Validée"
    db_session.refresh(booking)
    assert booking.status is BookingStatus.USED


def test_a_second_validation_is_refused_as_already_used(pro_client, db_session, structure):
    booking = booking_at(db_session, structure)
    act(pro_client, "valider", booking)
    page = pro_client.get(act(pro_client, "valider", booking).location)
    assert messages(page) == ["Cette contremarque a déjà été validée."]


def test_a_cancelled_booking_is_refused(pro_client, db_session, structure):
    booking = booking_at(db_session, structure)
    cancel_by_person(db_session, booking.id, booking.user_id, utcnow())
    db_session.commit()
    page = pro_client.get(look_up(pro_client, booking.token).location)
    assert shown_state(page) == "Annulée"
    page = pro_client.get(act(pro_client, "valider", booking).location)
    assert messages(page) == ["Cette réservation a été annulée."]


def test_an_event_is_refused_before_its_cancellation_limit(pro_client, db_session, structure):
    booking = booking_at(db_session, structure, subcategory_id="SPECTACLE_REPRESENTATION",
                         beginning_at=utcnow() + 10 * 24 * H)
    page = pro_client.get(look_up(pro_client, booking.token).location)
    assert shown_state(page) == "Pas encore validable"
    page = pro_client.get(act(pro_client, "valider", booking).location)
    assert messages(page) == [
        "Cette contremarque ne peut pas encore être validée : la personne peut encore annuler."]
    db_session.refresh(booking)
    assert booking.status is BookingStatus.CONFIRMED


def test_an_event_past_its_cancellation_limit_is_validated(pro_client, db_session, structure):
    now = utcnow()
    booking = booking_at(db_session, structure, subcategory_id="SPECTACLE_REPRESENTATION",
                         beginning_at=now + 24 * H, booked_at=now - 72 * H)
    page = pro_client.get(act(pro_client, "valider", booking).location)
    assert messages(page) == [f"Contremarque {booking.token} validée."]


def test_a_booking_past_its_expiry_reads_expired_before_the_daily_job(pro_client, db_session,
                                                                       structure):
    booking = booking_at(db_session, structure, booked_at=utcnow() - dt.timedelta(days=11))
    assert booking.expires_at <= utcnow()
    assert booking.status is BookingStatus.CONFIRMED
    page = pro_client.get(look_up(pro_client, booking.token).location)
    assert shown_state(page) == "Expirée"
    page = pro_client.get(act(pro_client, "valider", booking).location)
    assert messages(page) == ["Cette réservation a expiré : elle n'a pas été retirée à temps."]
    db_session.refresh(booking)
    assert booking.status is BookingStatus.CONFIRMED


def test_undoing_a_validation_puts_the_booking_back(pro_client, db_session, structure):
    booking = booking_at(db_session, structure)
    act(pro_client, "valider", booking)
    page = pro_client.get(act(pro_client, "annuler-validation", booking).location)
    assert messages(page) == [f"Validation de la contremarque {booking.token} annulée."]
    assert shown_state(page) == "À valider"
    db_session.refresh(booking)
    assert booking.status is BookingStatus.CONFIRMED and booking.used_at is None


def test_a_reimbursed_booking_cannot_be_undone(pro_client, db_session, structure):
    booking = booking_at(db_session, structure)
    booking.status, booking.used_at, booking.reimbursed_at = (
        BookingStatus.REIMBURSED, utcnow(), utcnow())
    db_session.commit()
    page = pro_client.get(act(pro_client, "annuler-validation", booking).location)
    assert messages(page) == [
        "Cette réservation a déjà été remboursée : la validation ne peut plus être annulée."]
    assert shown_state(page) == "Remboursée"


def test_htmx_gets_only_the_counter_back(pro_client, db_session, structure):
    booking = booking_at(db_session, structure)
    look_up(pro_client, booking.token)
    token_field = csrf_token(pro_client.get(COUNTER))
    response = pro_client.post(
        COUNTER + "valider", data={"csrf_token": token_field, "booking_id": booking.id},
        headers={"HX-Request": "true"}, follow_redirects=True)
    fragment = html(response)
    assert fragment.find("h1") is None
    assert fragment.find(id="counter") is not None
    assert [p.get_text(strip=True) for p in fragment.select(".flash")] == [
        f"Contremarque {booking.token} validée."]


def test_the_counter_page_never_writes_on_get(pro_client, db_session, structure):
    booking = booking_at(db_session, structure)
    look_up(pro_client, booking.token)
    pro_client.get(COUNTER)
    db_session.refresh(booking)
    assert booking.status is BookingStatus.CONFIRMED


def test_the_counter_is_in_the_pro_navigation_and_marked_current(pro_client):
    link = html(pro_client.get(COUNTER)).find("a", string="Guichet")
    assert link is not None and link.get("aria-current") == "page"


def test_only_the_counter_may_use_the_camera(pro_client):
    assert "camera=(self)" in pro_client.get(COUNTER).headers["Permissions-Policy"]
    assert "camera=()" in pro_client.get("/pro/").headers["Permissions-Policy"]


@pytest.fixture
def app_config(app_config) -> dict:
    return {**app_config, "RATELIMIT_COUNTER": "3/hour"}


def test_token_guesses_are_limited_per_member_without_losing_what_was_typed(
    pro_client, app, db_session, structure
):
    for _guess in range(3):
        assert look_up(pro_client, "ZZZZ22").status_code == 422
    response = look_up(pro_client, "abc 234")
    assert response.status_code == 429
    assert html(response).find(id="rate-limit-notice").get_text(strip=True).startswith(
        "Trop de contremarques essayées en peu de temps. Réessaie dans")
    assert html(response).find(id="token")["value"] == "ABC234"
    other_member = app.test_client()
    member = factories.pro(db_session, structure=structure)
    db_session.commit()
    login(other_member, member.email, factories.PASSWORD)
    assert look_up(other_member, "ZZZZ22").status_code == 422


def test_found_tokens_do_not_count_as_guesses(pro_client, db_session, structure):
    booking = booking_at(db_session, structure)
    for _lookup in range(5):
        assert look_up(pro_client, booking.token).status_code == 303
