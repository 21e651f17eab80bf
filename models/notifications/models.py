"""In-app notifications: what a signed-in person is told on their notifications page.

A notification keeps the message's kind and the values it was composed with, not its text:
the page writes it in the person's language when it is read (docs/domain/messages.md).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from models.db import Base, UtcDateTime, utcnow


class Notification(Base):
    __tablename__ = "notification"
    __table_args__ = (Index("ix_notification_user_id_read_at", "user_id", "read_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    # The `Message` value (models.emails.messages) the notification was written from.
    kind: Mapped[str] = mapped_column(String(60))
    values: Mapped[dict] = mapped_column(JSON, default=dict)
    # A path inside the app where the person can act on it (their booking, their structure).
    link: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    read_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
