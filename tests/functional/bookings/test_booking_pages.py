"""The booking journey through the web pages: offer, confirmation, ticket, cancellation."""

import datetime as dt
from zoneinfo import ZoneInfo

from sqlalchemy import select

from models.bookings.api import book
from models.bookings.models import Booking, BookingStatus
from models.offers.models import Validation
from tests import factories
from tests.helpers import csrf_token, html, login

# The factories' young people live in Montpellier: dates are shown to them in Paris time.
PARIS = ZoneInfo("Europe/Paris")
JOURS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def signed_in_young(client, session, now, age=18, with_deposit=True):
    person = factories.young(session, age=age)
    if with_deposit:
        factories.deposit(session, person, now)
    session.commit()
    login(client, person.email, factories.PASSWORD)
    return person


def concert(session, now, price=1500, quantity=20, is_duo=False):
    offer = factories.offer(session, subcategory_id="CONCERT", name="Nuit électro",
                            is_duo=is_duo, description="Un concert au bord de l'eau.")
    stock = factories.stock(session, offer=offer, price_cents=price, quantity=quantity,
                            beginning_at=now + dt.timedelta(days=10))
    session.commit()
    return offer, stock


def test_the_offer_page_is_public_and_describes_the_offer(client, db_session, now):
    offer, _ = concert(db_session, now)
    page = html(client.get(f"/offres/{offer.id}"))
    assert page.h1.get_text(strip=True) == "Nuit électro"
    assert "Un concert au bord de l'eau." in page.get_text()
    assert page.find("a", string="Se connecter pour réserver")


def test_an_offer_not_approved_is_not_found(client, db_session, now):
    offer, _ = concert(db_session, now)
    offer.validation = Validation.PENDING
    db_session.commit()
    assert client.get(f"/offres/{offer.id}").status_code == 404


def test_the_confirmation_step_shows_price_credit_after_and_deadline(client, db_session, now):
    signed_in_young(client, db_session, now)
    offer, stock = concert(db_session, now)
    page = html(client.get(f"/offres/{offer.id}/reserver?stock_id={stock.id}&quantity=1"))
    facts = {dt_.get_text(strip=True): dt_.find_next("dd").get_text(" ", strip=True)
             for dt_ in page.select("dl.facts dt")}
    assert facts["Prix"] == "15,00\xa0€"
    assert facts["Crédit restant après réservation"] == "135,00\xa0€"
    assert "Tu peux annuler jusqu'au" in facts["Annulation"]
    assert "ni revendue ni cédée" in page.get_text()


def confirmation_facts(client, offer, stock, query="") -> dict[str, str]:
    page = html(client.get(f"/offres/{offer.id}/reserver?stock_id={stock.id}&quantity=1{query}"))
    return {term.get_text(strip=True): term.find_next("dd").get_text(" ", strip=True)
            for term in page.select("dl.facts dt")}


def concert_on(session, now, local_start: dt.datetime):
    offer, stock = concert(session, now)
    stock.beginning_at = local_start.astimezone(dt.UTC)
    session.commit()
    return offer, stock


def test_the_confirmation_gives_the_date_without_seconds_time_zone_or_current_year(
    client, db_session, now
):
    signed_in_young(client, db_session, now)
    new_year_eve = dt.datetime(now.astimezone(PARIS).year, 12, 31, 20, 30, tzinfo=PARIS)
    offer, stock = concert_on(db_session, now, new_year_eve)
    weekday = JOURS[new_year_eve.weekday()]
    assert confirmation_facts(client, offer, stock)["Date"] == f"{weekday} 31 décembre à 20h30"


def test_the_date_of_an_event_in_another_year_gives_its_year(client, db_session, now):
    signed_in_young(client, db_session, now)
    next_year = now.astimezone(PARIS).year + 1
    start = dt.datetime(next_year, 3, 14, 9, 5, tzinfo=PARIS)
    offer, stock = concert_on(db_session, now, start)
    expected = f"{JOURS[start.weekday()]} 14 mars {next_year} à 09h05"
    assert confirmation_facts(client, offer, stock)["Date"] == expected


def test_in_english_the_date_has_a_twelve_hour_clock(client, db_session, now):
    signed_in_young(client, db_session, now)
    new_year_eve = dt.datetime(now.astimezone(PARIS).year, 12, 31, 20, 30, tzinfo=PARIS)
    offer, stock = concert_on(db_session, now, new_year_eve)
    weekday = DAYS[new_year_eve.weekday()]
    facts = confirmation_facts(client, offer, stock, "&lang=en")
    assert facts["Date"] == f"{weekday} 31 December, 8:30 PM"


def test_booking_leads_to_the_ticket_with_token_and_qr_code(client, db_session, now):
    person = signed_in_young(client, db_session, now)
    offer, stock = concert(db_session, now)
    confirm = client.get(f"/offres/{offer.id}/reserver?stock_id={stock.id}&quantity=1")
    response = client.post(f"/offres/{offer.id}/reserver", data={
        "csrf_token": csrf_token(confirm), "stock_id": stock.id, "quantity": 1})
    assert response.status_code == 303
    ticket = html(client.get(response.headers["Location"]))
    booking = db_session.scalars(select(Booking).where(Booking.user_id == person.id)).one()
    assert ticket.select_one(".ticket-token").get_text(strip=True) == booking.token
    code = ticket.select_one(".ticket-code")
    assert code.dt.get_text(strip=True) == "Contremarque"
    assert code.dd.select_one(".visually-hidden").get_text() == " ".join(booking.token)
    qr = ticket.select_one("figure svg.qr-code")
    # A viewBox lets the stylesheet scale the code to its box instead of cropping it.
    assert qr["viewbox"] == f"0 0 {qr['width']} {qr['height']}"
    assert booking.token in ticket.select_one("figure figcaption").get_text()


def test_a_double_submit_creates_one_booking_and_shows_it(client, db_session, now):
    person = signed_in_young(client, db_session, now)
    offer, stock = concert(db_session, now)
    token = csrf_token(client.get(f"/offres/{offer.id}/reserver?stock_id={stock.id}"))
    form = {"csrf_token": token, "stock_id": stock.id, "quantity": 1}
    first = client.post(f"/offres/{offer.id}/reserver", data=form)
    second = client.post(f"/offres/{offer.id}/reserver", data=form)
    assert first.headers["Location"] == second.headers["Location"]
    assert len(db_session.scalars(select(Booking).where(Booking.user_id == person.id)).all()) == 1


def test_the_offer_page_says_why_booking_is_impossible(client, db_session, now):
    signed_in_young(client, db_session, now)
    offer, _ = concert(db_session, now, price=20000)
    page = html(client.get(f"/offres/{offer.id}"))
    assert "Ton crédit restant ne suffit pas" in page.select_one("#booking-refusal").get_text()


def test_a_person_without_credit_is_told_only_free_offers_are_open(client, db_session, now):
    signed_in_young(client, db_session, now, age=16, with_deposit=False)
    offer, _ = concert(db_session, now, price=500)
    page = html(client.get(f"/offres/{offer.id}"))
    assert "uniquement les offres gratuites" in page.select_one("#booking-refusal").get_text()


def test_an_already_booked_offer_links_to_the_booking(client, db_session, now):
    person = signed_in_young(client, db_session, now)
    offer, stock = concert(db_session, now)
    token = csrf_token(client.get(f"/offres/{offer.id}/reserver?stock_id={stock.id}"))
    client.post(f"/offres/{offer.id}/reserver",
                data={"csrf_token": token, "stock_id": stock.id, "quantity": 1})
    page = html(client.get(f"/offres/{offer.id}"))
    link = page.find("a", string="Voir ma réservation")
    booking = db_session.scalars(select(Booking).where(Booking.user_id == person.id)).one()
    assert link["href"] == f"/reservations/{booking.id}"


def test_cancelling_shows_the_credit_given_back(client, db_session, now):
    signed_in_young(client, db_session, now)
    offer, stock = concert(db_session, now)
    token = csrf_token(client.get(f"/offres/{offer.id}/reserver?stock_id={stock.id}"))
    ticket_url = client.post(f"/offres/{offer.id}/reserver", data={
        "csrf_token": token, "stock_id": stock.id, "quantity": 1}).headers["Location"]
    booking_id = int(ticket_url.rsplit("/", 1)[1])
    response = client.post(f"/reservations/{booking_id}/annuler",
                           data={"csrf_token": csrf_token(client.get(ticket_url))},
                           follow_redirects=True)
    text = html(response).select_one(".flash").get_text()
    assert "15,00\xa0€ te sont rendus" in text and "il te reste 150,00\xa0€" in text
    booking = db_session.get(Booking, booking_id)
    db_session.refresh(booking)
    assert booking.status is BookingStatus.CANCELLED


def test_a_booking_of_someone_else_is_not_found(client, db_session, now):
    signed_in_young(client, db_session, now)
    other = factories.young(db_session)
    factories.deposit(db_session, other, now)
    _, stock = concert(db_session, now)
    booking = book(db_session, other.id, stock.id, 1, now)
    db_session.commit()
    assert client.get(f"/reservations/{booking.id}").status_code == 404


def test_favorites_can_be_added_listed_and_removed(client, db_session, now):
    signed_in_young(client, db_session, now)
    offer, _ = concert(db_session, now)
    token = csrf_token(client.get(f"/offres/{offer.id}"))
    client.post(f"/favoris/{offer.id}", data={"csrf_token": token})
    listing = html(client.get("/favoris/?tri=prix"))
    assert listing.find("a", string="Nuit électro")
    client.post(f"/favoris/{offer.id}/retirer", data={"csrf_token": token})
    assert not html(client.get("/favoris/")).find("a", string="Nuit électro")
