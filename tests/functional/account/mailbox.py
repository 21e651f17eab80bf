"""A real SMTP server on the loopback interface, and the reading of what it received.

The app talks to it through smtplib exactly as it would to a production relay; nothing in the
delivery path is replaced.
"""

from __future__ import annotations

import re
import socket
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from urllib.parse import urlsplit

from aiosmtpd.controller import Controller

LINK = re.compile(r"https?://\S+")


@dataclass
class Inbox:
    """Every message the server accepted, oldest first."""

    messages: list[EmailMessage] = field(default_factory=list)

    async def handle_DATA(self, _server, _session, envelope):  # noqa: N802 (aiosmtpd's name)
        message = message_from_bytes(envelope.content, policy=policy.default)
        message["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
        self.messages.append(message)
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[EmailMessage]:
        return [message for message in self.messages if message["To"] == address]

    def last_to(self, address: str) -> EmailMessage:
        received = self.to(address)
        assert received, f"no message reached {address}; received: {self.summary()}"
        return received[-1]

    def summary(self) -> list[tuple[str, str]]:
        return [(message["To"], message["Subject"]) for message in self.messages]


def body(message: EmailMessage) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def link_path(message: EmailMessage) -> str:
    """The path of the only link of a message, to be opened with the test client."""
    links = LINK.findall(body(message))
    assert len(links) == 1, f"expected one link, found {links}"
    return urlsplit(links[0]).path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SmtpServer:
    def __init__(self):
        self.inbox = Inbox()
        self.port = free_port()
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)

    def __enter__(self) -> SmtpServer:
        self.controller.start()
        return self

    def __exit__(self, *_exc) -> None:
        self.controller.stop()
