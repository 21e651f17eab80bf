"""Delivering the outbox: by SMTP when a server is configured, else to the application log.

Domain commands only queue messages (`models.emails.api.queue_email`) in their transaction,
and their delivery with `models.unit_of_work.on_commit`: dropped if the transaction rolls back,
run once it commits, so nobody is ever told about something that did not happen. In a request,
delivery waits until the response has been sent: a slow mail server never slows a page down,
and the time a password-reset request takes does not tell whether the account exists. Each
message is marked `sent_at`, or keeps its `error` and is tried again later with backoff (the
`retry_emails` job); `flask mail deliver` sends at once whatever is due.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

import click
from flask import Flask, after_this_request, has_request_context
from flask.cli import AppGroup
from sqlalchemy import update

from models.db import utcnow
from models.emails.api import (
    DELIVERY_KEY,
    claim_for_sending,
    failed_outcome,
    sent_outcome,
)
from models.emails.models import OutboundEmail
from models.emails.repository import undelivered_email_ids
from models.unit_of_work import atomic

logger = logging.getLogger("webapp.mail")
# Development relies on reading messages in the log, so they must not be filtered out by the
# default WARNING threshold; records still go through whatever handlers the server set up.
logger.setLevel(logging.INFO)

SMTP_TIMEOUT_SECONDS = 10


class Mailer:
    """Sends messages with the settings of one app; usable outside any app context."""

    def __init__(self, config: dict, sessionmaker):
        self.server = config.get("MAIL_SERVER")
        self.port = int(config.get("MAIL_PORT") or 25)
        self.username = config.get("MAIL_USERNAME")
        self.password = config.get("MAIL_PASSWORD")
        self.use_tls = bool(config.get("MAIL_USE_TLS"))
        self.sender = config.get("MAIL_FROM") or "pass Culture <ne-pas-repondre@localhost>"
        self.sessionmaker = sessionmaker

    def deliver(self, email_ids: list[int], at_once: bool = False) -> None:
        """Send each message still due among `email_ids`, recording the outcome.

        Each message is first claimed (`claim_for_sending`), so two senders never send it
        twice. No transaction stays open while the mail server is talked to: the message is
        claimed and read, sent, then its outcome written in a short transaction of its own, so a
        slow relay never holds the database's write lock. A failure is recorded, with the next
        try's date or, after the last try, the message given up (docs/domain/messages.md).
        """
        with self.sessionmaker() as session:
            for email_id in email_ids:
                with atomic(session):
                    if not claim_for_sending(session, email_id, utcnow(), at_once):
                        continue
                    email = session.get(OutboundEmail, email_id)
                    session.expunge(email)
                error = self._deliver_one(email)
                now = utcnow()
                outcome = (sent_outcome(email.attempts, now) if error is None
                           else failed_outcome(email.attempts, now, error))
                with atomic(session):
                    session.execute(
                        update(OutboundEmail).where(OutboundEmail.id == email_id).values(**outcome)
                    )

    def _deliver_one(self, email: OutboundEmail) -> str | None:
        """Send the message; return the error met, or None once it is sent."""
        try:
            if self.server:
                self._send_smtp(email)
            else:
                logger.info(
                    "E-mail to %s (no MAIL_SERVER configured, not sent)\nSubject: %s\n\n%s",
                    email.recipient, email.subject, email.body_text,
                )
        except (OSError, smtplib.SMTPException) as error:
            logger.warning("Could not send e-mail %s to %s: %s", email.id, email.recipient, error)
            return f"{type(error).__name__}: {error}"
        return None

    def _send_smtp(self, email: OutboundEmail) -> None:
        with smtplib.SMTP(self.server, self.port, timeout=SMTP_TIMEOUT_SECONDS) as smtp:
            if self.use_tls:
                smtp.starttls(context=ssl.create_default_context())
            if self.username:
                smtp.login(self.username, self.password or "")
            smtp.send_message(self._message(email))

    def _message(self, email: OutboundEmail) -> EmailMessage:
        message = EmailMessage()
        message["From"] = self.sender
        message["To"] = email.recipient
        message["Subject"] = email.subject
        message["Date"] = format_datetime(email.created_at)
        message["Message-ID"] = make_msgid(domain=self.sender.rpartition("@")[2].strip("> "))
        message["Auto-Submitted"] = "auto-generated"
        message.set_content(email.body_text)
        if email.body_html:
            # multipart/alternative: mail readers show the HTML part, or the text if they can't.
            message.add_alternative(email.body_html, subtype="html")
        return message


def _delivery(mailer: Mailer):
    """How the app delivers messages once their transaction has committed.

    `models.emails.api.queue_email` queues this with `on_commit`, so it runs for every commit,
    whoever made it (a view, a job, a CLI command). In a request, sending waits until the
    response is sent; elsewhere it happens at once.
    """

    def deliver(ids: list[int]) -> None:
        if not has_request_context():
            mailer.deliver(ids)
            return

        @after_this_request
        def deliver_once_sent(response):
            response.call_on_close(lambda: _deliver_safely(mailer, ids))
            return response

    return deliver


def _deliver_safely(mailer: Mailer, ids: list[int]) -> None:
    # The response is already sent: an error here can only be logged, and the messages stay
    # in the outbox for `flask mail deliver`.
    try:
        mailer.deliver(ids)
    except Exception:
        logger.exception("Delivering e-mails %s failed", ids)


mail_commands = AppGroup("mail", help="The outbox of e-mails.")


@mail_commands.command("deliver")
def deliver_command() -> None:
    """Send at once every e-mail of the outbox never sent (failed, given up or interrupted)."""
    from flask import current_app

    mailer: Mailer = current_app.extensions["mail"]
    with mailer.sessionmaker() as session:
        ids = undelivered_email_ids(session)
    mailer.deliver(ids, at_once=True)
    click.echo(f"{len(ids)} e-mail(s) processed.")


def init_app(app: Flask) -> None:
    sessionmaker = app.extensions["database"]["sessionmaker"]
    mailer = Mailer(app.config, sessionmaker)
    app.extensions["mail"] = mailer
    info = {**sessionmaker.kw.get("info", {}), DELIVERY_KEY: _delivery(mailer)}
    sessionmaker.configure(info=info)
    app.cli.add_command(mail_commands)
    # Flask installs its default log handler when the logger is first used.
    app.logger.debug("Outbox delivery: %s", mailer.server or "application log")
