"""In-app notifications: told with each e-mail, counted in the navigation, read by POST only.

docs/domain/messages.md.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from models.bookings.api import (
    book,
    cancel_by_person,
    change_event_date,
    expire_unused_bookings,
)
from models.db import utcnow
from models.emails.messages import Message
from models.emails.models import OutboundEmail
from models.notifications import links
from models.notifications.api import notify, tell
from models.notifications.models import Notification
from models.unit_of_work import atomic
from tests import factories
from tests.helpers import counted_queries, csrf_token, html, login

PAGE = "/notifications/"


def notifications_of(db_session, person) -> list[Notification]:
    db_session.rollback()
    db_session.expire_all()
    return list(db_session.scalars(select(Notification).where(Notification.user_id == person.id)
                                   .order_by(Notification.id)))


def notify_twice(db_session, person) -> list[Notification]:
    with atomic(db_session):
        first = notify(db_session, person.id, Message.STRUCTURE_VALIDATED,
                       page=links.PRO_STRUCTURES, name="Théâtre <b>Lune</b>", siren="123456789")
        second = notify(db_session, person.id, Message.MEMBERSHIP_ENDED,
                        name="Salle des Halles", siren="987654321")
    return [first, second]


def nav_link(response):
    return html(response).find("nav").find("a", href=PAGE)


def test_telling_queues_the_email_and_the_notification_together_or_neither(db_session, young):
    with atomic(db_session):
        tell(db_session, young, Message.IDENTITY_REJECTED, page=links.PROFILE,
             first_name="Léa", reason="Photo floue")
    [notification] = notifications_of(db_session, young)
    assert notification.kind == "identity_rejected" and notification.link == links.PROFILE
    assert notification.values == {"first_name": "Léa", "reason": "Photo floue"}
    email = db_session.scalars(select(OutboundEmail)
                               .where(OutboundEmail.recipient == young.email)).one()
    assert "Photo floue" in email.body_text and "<p>" in email.body_html

    class Refused(Exception):
        pass

    try:
        with atomic(db_session):
            tell(db_session, young, Message.IDENTITY_REJECTED, first_name="Léa", reason="Non")
            raise Refused()
    except Refused:
        pass
    assert len(notifications_of(db_session, young)) == 1
    assert db_session.scalar(select(func.count()).select_from(OutboundEmail)) == 1


def test_a_moved_concert_is_on_the_notifications_page_with_a_link_to_the_booking(
        db_session, young, signed_in):
    stock = factories.stock(db_session, offer=factories.offer(db_session,
                                                               subcategory_id="CONCERT"))
    db_session.commit()
    with atomic(db_session):
        booking = book(db_session, young.id, stock.id, 1, utcnow())
    with atomic(db_session):
        change_event_date(db_session, db_session.merge(stock),
                          utcnow() + dt.timedelta(days=9), utcnow())
    confirmed, moved = notifications_of(db_session, young)
    assert (confirmed.kind, moved.kind) == ("booking_confirmed", "booking_date_changed")
    assert moved.link == f"/reservations/{booking.id}"

    page = html(signed_in.get(PAGE))
    item = page.select_one(".notification-list li")  # the latest first
    assert "Non lue" in item.h2.get_text() and "Nouvelle date pour" in item.h2.get_text()
    assert "Ancienne date" in item.get_text() and booking.token in item.get_text()
    assert item.find("a", href=f"/reservations/{booking.id}")


def test_the_navigation_counts_the_unread_notifications_in_the_links_name(
        db_session, young, signed_in):
    assert nav_link(signed_in.get("/reservations/")).get_text(" ", strip=True) == "Notifications"
    notify_twice(db_session, young)
    link = nav_link(signed_in.get("/reservations/"))
    assert link.get_text("", strip=False).split() == ["Notifications", "2", "non", "lues"]
    assert link.find(class_="badge").get_text() == "2"


def test_the_counter_costs_no_query_of_its_own(app, db_session, young, signed_in):
    signed_in.get("/reservations/")
    with counted_queries(app) as without:
        signed_in.get("/reservations/")
    notify_twice(db_session, young)
    with counted_queries(app) as with_two:
        page = signed_in.get("/reservations/")
    assert "2" in nav_link(page).get_text()
    assert len(with_two) == len(without)


def test_reading_the_page_changes_nothing_and_a_post_marks_one_read(db_session, young, signed_in):
    first, second = notify_twice(db_session, young)
    page = signed_in.get(PAGE)
    assert page.status_code == 200
    assert all(n.read_at is None for n in notifications_of(db_session, young))
    assert signed_in.get(f"{PAGE}{first.id}/lue").status_code == 405

    response = signed_in.post(f"{PAGE}{first.id}/lue", data={"csrf_token": csrf_token(page)})
    assert response.status_code == 303
    read, unread = notifications_of(db_session, young)
    assert read.read_at is not None and unread.read_at is None
    after = html(signed_in.get(PAGE))
    assert len(after.select(".notification-unread")) == 1
    assert "1 notification non lue." in after.get_text()


def test_marking_all_read_empties_the_counter(db_session, young, signed_in):
    notify_twice(db_session, young)
    page = signed_in.get(PAGE)
    response = signed_in.post(f"{PAGE}toutes-lues", data={"csrf_token": csrf_token(page)})
    assert response.status_code == 303
    assert all(n.read_at is not None for n in notifications_of(db_session, young))
    assert nav_link(signed_in.get(PAGE)).get_text(strip=True) == "Notifications"


def test_another_persons_notification_is_a_404_and_stays_unread(db_session, young, signed_in):
    other = factories.young(db_session)
    db_session.commit()
    [theirs, _] = notify_twice(db_session, other)
    page = signed_in.get(PAGE)
    assert "Théâtre" not in page.get_data(as_text=True)
    response = signed_in.post(f"{PAGE}{theirs.id}/lue", data={"csrf_token": csrf_token(page)})
    assert response.status_code == 404
    assert all(n.read_at is None for n in notifications_of(db_session, other))


def test_a_post_without_its_token_is_refused(db_session, young, signed_in):
    [first, _] = notify_twice(db_session, young)
    assert signed_in.post(f"{PAGE}{first.id}/lue").status_code == 400
    assert notifications_of(db_session, young)[0].read_at is None


def test_values_are_escaped_on_the_page(db_session, young, signed_in):
    notify_twice(db_session, young)
    text = signed_in.get(PAGE).get_data(as_text=True)
    assert "Théâtre &lt;b&gt;Lune&lt;/b&gt;" in text and "<b>Lune" not in text


def test_a_pro_and_staff_have_the_page_too_and_strangers_sign_in(client, db_session):
    pro = factories.pro(db_session)
    db_session.commit()
    assert client.get(PAGE).status_code == 302
    login(client, pro.email, factories.PASSWORD)
    notify_twice(db_session, pro)
    page = html(client.get(PAGE))
    assert page.h1.get_text() == "Notifications"
    assert [h2.get_text(" ", strip=True) for h2 in page.select(".notification-list h2")] == [
        "Non lue Tu ne fais plus partie de Salle des Halles",
        "Non lue Ta structure est validée",
    ]


def test_the_page_speaks_the_persons_language(client, db_session):
    person = factories.young(db_session, locale="en")
    db_session.commit()
    login(client, person.email, factories.PASSWORD)
    notify_twice(db_session, person)
    client.get("/?lang=en")
    titles = [h2.get_text(" ", strip=True)
              for h2 in html(client.get(PAGE)).select(".notification-list h2")]
    assert titles[1].endswith("Your organisation is approved")


def test_the_links_of_notifications_lead_to_their_pages(app):
    adapter = app.url_map.bind("localhost")
    assert adapter.match(links.booking(12))[0] == "bookings.ticket"
    assert adapter.match(links.PROFILE)[0] == "profile.home"
    assert adapter.match(links.PRO_STRUCTURES)[0] == "pro_structures.mine"


def test_booking_cancelling_and_expiry_each_tell_the_person(db_session, young):
    concert = factories.stock(db_session, offer=factories.offer(db_session,
                                                                 subcategory_id="CONCERT"))
    book_stock = factories.stock(db_session, price_cents=1250)
    db_session.commit()
    with atomic(db_session):
        booked = book(db_session, young.id, concert.id, 1, utcnow())
    with atomic(db_session):
        cancel_by_person(db_session, booked.id, young.id, utcnow())
    with atomic(db_session):
        kept = book(db_session, young.id, book_stock.id, 1, utcnow())
    with atomic(db_session):
        expire_unused_bookings(db_session, kept.expires_at)
    assert [n.kind for n in notifications_of(db_session, young)] == [
        "booking_confirmed", "booking_cancelled_by_person", "booking_confirmed",
        "booking_expired"]
    emails = list(db_session.scalars(select(OutboundEmail).order_by(OutboundEmail.id)))
    assert "est confirmée" in emails[0].subject and booked.token in emails[0].body_text
    assert "Date : " in emails[0].body_text and "10,00" in emails[0].body_text
    assert "À retirer au plus tard le" in emails[2].body_text
    assert "12,50" in emails[3].body_text and "a expiré" in emails[3].subject
