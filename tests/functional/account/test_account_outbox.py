"""E-mail delivery after commit (SMTP, or the log without a server) and the staff outbox."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import select

from models.emails.api import queue_email
from models.emails.models import OutboundEmail
from tests import factories
from tests.functional.account.mailbox import free_port, link_path
from tests.functional.account.steps import confirm, sign_up
from tests.helpers import html, login
from webapp import create_app

OUTBOX_PATH = "/admin/courriels/"


def outbox_rows(db_session) -> list[OutboundEmail]:
    db_session.rollback()
    db_session.expire_all()
    return list(db_session.scalars(select(OutboundEmail).order_by(OutboundEmail.id)))


@pytest.fixture
def staff(client, db_session):
    admin = factories.admin(db_session)
    db_session.commit()
    login(client, admin.email, factories.PASSWORD)
    return client


def test_a_delivered_message_is_marked_sent(app, db_session, inbox):
    sign_up(app.test_client())
    [email] = outbox_rows(db_session)
    assert email.sent_at is not None
    assert email.error is None
    assert inbox.last_to("camille@example.org")["Subject"] == email.subject


def test_nothing_is_sent_for_a_transaction_rolled_back(app, inbox):
    with app.app_context():
        from webapp.extensions import db

        queue_email(db.session, "fantome@example.org", "Jamais", "Ce message n'existe pas.")
        db.session.rollback()
        db.session.commit()
    assert inbox.messages == []


def test_a_commit_outside_requests_delivers_at_once(app, inbox):
    with app.app_context():
        from webapp.extensions import db

        queue_email(db.session, "job@example.org", "Rappel", "Ta réservation expire bientôt.")
        db.session.commit()
    assert inbox.last_to("job@example.org")["Subject"] == "Rappel"


def test_an_unreachable_server_leaves_the_error_and_the_page_works(
    app_config, db_session
):
    app = create_app({**app_config, "MAIL_PORT": free_port()})
    response = sign_up(app.test_client())
    assert response.status_code == 303
    [email] = outbox_rows(db_session)
    assert email.sent_at is None
    assert "ConnectionRefusedError" in email.error
    app.extensions["database"]["engine"].dispose()


def test_mail_deliver_command_sends_what_was_left(app_config, db_session, inbox):
    broken = create_app({**app_config, "MAIL_PORT": free_port()})
    sign_up(broken.test_client())
    broken.extensions["database"]["engine"].dispose()
    working = create_app(app_config)
    result = working.test_cli_runner().invoke(args=["mail", "deliver"])
    assert result.exit_code == 0, result.output
    [email] = outbox_rows(db_session)
    assert email.sent_at is not None
    assert email.error is None
    assert inbox.last_to("camille@example.org")
    working.extensions["database"]["engine"].dispose()


def test_without_a_server_messages_are_written_to_the_log(app_config, db_session, caplog):
    app = create_app({**app_config, "MAIL_SERVER": None})
    with caplog.at_level(logging.INFO, logger="webapp.mail"):
        sign_up(app.test_client())
    [record] = [r for r in caplog.records if r.name == "webapp.mail"]
    assert "camille@example.org" in record.getMessage()
    assert "/inscription/confirmer/" in record.getMessage()
    [email] = outbox_rows(db_session)
    assert email.sent_at is not None
    app.extensions["database"]["engine"].dispose()


def test_staff_see_the_latest_messages(staff, db_session, inbox, app):
    sign_up(app.test_client())
    page = html(staff.get(OUTBOX_PATH))
    headers = [th.get_text(strip=True) for th in page.select("thead th")]
    assert headers == ["Objet", "Destinataire", "Date", "État"]
    [row] = page.select("tbody tr")
    cells = [td.get_text(" ", strip=True) for td in row.select("td")]
    assert cells[0] == "Confirme ton adresse e-mail"
    assert cells[1] == "camille@example.org"
    assert cells[3].startswith("Envoyé le")


def test_staff_read_a_message_and_can_follow_its_link(staff, db_session, inbox, app):
    visitor = app.test_client()
    sign_up(visitor)
    listing = html(staff.get(OUTBOX_PATH))
    message_page = staff.get(listing.select_one("tbody a")["href"])
    page = html(message_page)
    assert page.h1.get_text(strip=True) == "Confirme ton adresse e-mail"
    link = page.select_one("pre.email-body a")
    assert link["href"].endswith(link_path(inbox.last_to("camille@example.org")))
    assert confirm(visitor, link_path(inbox.last_to("camille@example.org"))).status_code == 303


def test_the_outbox_says_when_messages_only_go_to_the_log(app_config, db_session):
    app = create_app({**app_config, "MAIL_SERVER": None})
    admin = factories.admin(db_session)
    db_session.commit()
    client = app.test_client()
    login(client, admin.email, factories.PASSWORD)
    sign_up(app.test_client())
    page = html(client.get(OUTBOX_PATH))
    assert "Aucun serveur d'envoi n'est configuré" in page.select_one(".notice").get_text()
    assert page.select_one("tbody td:last-child").get_text(strip=True).startswith(
        "Écrit dans le journal le"
    )
    app.extensions["database"]["engine"].dispose()


def test_an_unknown_message_is_a_404(staff):
    assert staff.get(f"{OUTBOX_PATH}999999").status_code == 404


def test_young_people_cannot_read_the_outbox(client, db_session):
    person = factories.young(db_session)
    db_session.commit()
    login(client, person.email, factories.PASSWORD)
    assert client.get(OUTBOX_PATH).status_code == 403
