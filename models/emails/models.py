"""Outgoing e-mail, kept as an outbox that staff can read when no SMTP server is configured.

A message that could not be sent is tried again later (docs/domain/messages.md): `attempts`
counts the tries, `next_attempt_at` says when the next one is due, `error` keeps the last
error, and `failed_at` marks a message given up after `MAX_ATTEMPTS`.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.db import Base, UtcDateTime, utcnow


class OutboundEmail(Base):
    __tablename__ = "outbound_email"

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient: Mapped[str] = mapped_column(String(254), index=True)
    subject: Mapped[str] = mapped_column(String(200))
    body_text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    sent_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    # The last error met while sending (kept after a success, cleared only by a success).
    error: Mapped[str | None] = mapped_column(Text)
    body_html: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    next_attempt_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    failed_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)

    @property
    def last_error(self) -> str | None:
        return self.error
