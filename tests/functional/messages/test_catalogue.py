"""Every message of the catalogue renders in French and in English, as text and as light HTML."""

from __future__ import annotations

import string
from email import message_from_bytes

import pytest

from models.db import utcnow
from models.emails.messages import (
    TEXTS,
    Message,
    compose,
    compose_html,
    message_named,
    notification_text,
)
from models.emails.models import OutboundEmail
from webapp.mail import Mailer

LANGUAGES = ("fr", "en")
HOSTILE = '<script>alert("x")</script> & co'


def placeholders(message: Message, language: str) -> set[str]:
    subject, body = TEXTS[message][language]
    return {name for text in (subject, body)
            for _, name, _, _ in string.Formatter().parse(text) if name}


def sample_values(message: Message) -> dict[str, str]:
    names = placeholders(message, "fr") | placeholders(message, "en")
    return {name: "https://exemple.test/lien?a=1&b=2" if name == "link" else f"{name}-{HOSTILE}"
            for name in names}


def test_the_catalogue_has_both_languages_of_every_message_with_the_same_values():
    for message in Message:
        assert set(TEXTS[message]) == set(LANGUAGES), message
        assert placeholders(message, "fr") == placeholders(message, "en"), message


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("message", list(Message), ids=lambda message: message.value)
def test_every_message_renders_as_text_and_html_with_no_placeholder_left(message, language):
    values = sample_values(message)
    subject, body = compose(message, language, **values)
    page = compose_html(message, language, **values)
    for text in (subject, body, page):
        assert "{" not in text and "}" not in text
    assert subject and body.endswith("pass Culture team\n" if language == "en"
                                     else "L'équipe pass Culture\n")
    assert f'<html lang="{language}">' in page and "<p>" in page
    for name, value in values.items():
        if name != "link":
            assert value in body
            assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; co" in page
    assert "<script>" not in page
    title, paragraphs = notification_text(message, language, values)
    assert title == subject and paragraphs


def test_a_link_is_followable_in_the_html_part_and_its_ampersand_escaped():
    page = compose_html(Message.PASSWORD_RESET, "fr", link="https://exemple.test/r?a=1&b=2")
    assert '<a href="https://exemple.test/r?a=1&amp;b=2">' in page


def test_a_value_that_only_looks_like_a_link_inside_text_stays_text():
    page = compose_html(Message.STRUCTURE_REJECTED, "fr", name="x", siren="1",
                        reason='voir https://a.test/"><script> ici')
    assert "<script>" not in page and "<a href" not in page


def test_any_other_locale_gets_french_and_an_unknown_kind_is_none():
    assert compose(Message.PASSWORD_RESET, "de", link="l")[0] == "Choisis un nouveau mot de passe"
    assert compose(Message.PASSWORD_RESET, None, link="l")[0] == "Choisis un nouveau mot de passe"
    assert message_named("gone_message") is None
    assert message_named("booking_date_changed") is Message.BOOKING_DATE_CHANGED


def test_the_sent_message_is_multipart_with_the_text_and_the_html(app):
    subject, body = compose(Message.PASSWORD_RESET, "en", link="https://exemple.test/r")
    email = OutboundEmail(id=1, recipient="lea@example.org", subject=subject, body_text=body,
                          body_html=compose_html(Message.PASSWORD_RESET, "en",
                                                 link="https://exemple.test/r"),
                          created_at=utcnow())
    mailer = Mailer({"MAIL_FROM": "pass Culture <ne-pas-repondre@pass.test>"}, None)
    sent = message_from_bytes(mailer._message(email).as_bytes())
    assert sent.get_content_type() == "multipart/alternative"
    assert [part.get_content_type() for part in sent.get_payload()] == ["text/plain", "text/html"]
    assert "Choose a new password" in sent.get_payload()[1].get_payload(decode=True).decode()


def test_a_message_without_html_stays_plain_text(app):
    email = OutboundEmail(id=2, recipient="a@example.org", subject="S", body_text="Texte.",
                          created_at=utcnow())
    sent = Mailer({}, None)._message(email)
    assert sent.get_content_type() == "text/plain"


def test_no_message_uses_the_name_reserved_for_the_notifications_page():
    # `tell(..., page=...)` takes the page of the notification: a message value cannot be named so.
    assert all("page" not in placeholders(message, language)
               for message in Message for language in LANGUAGES)
