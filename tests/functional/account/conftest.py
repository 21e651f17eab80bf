"""Account tests deliver their e-mail to a real SMTP server listening on the loopback."""

from __future__ import annotations

import pytest

from tests.functional.account.mailbox import Inbox, SmtpServer


@pytest.fixture(scope="session")
def smtp_server():
    with SmtpServer() as server:
        yield server


@pytest.fixture
def inbox(smtp_server) -> Inbox:
    smtp_server.inbox.messages.clear()
    return smtp_server.inbox


@pytest.fixture
def app_config(app_config, smtp_server) -> dict:
    return {
        **app_config,
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": smtp_server.port,
        "MAIL_USE_TLS": False,
        "MAIL_FROM": "pass Culture <ne-pas-repondre@passculture.example>",
    }
