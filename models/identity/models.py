"""Identity checks: the document and honour statement staff review before a credit is granted."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.db import Base, UtcDateTime, enum_type, utcnow


class IdentityCheckStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


class IdentityDocument(Base):
    """The uploaded file, kept in the database (never under the web root, never public)."""

    __tablename__ = "identity_document"

    id: Mapped[int] = mapped_column(primary_key=True)
    content_type: Mapped[str] = mapped_column(String(40))
    filename: Mapped[str] = mapped_column(String(200))
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    uploaded_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    # The file is erased once reviewed plus a retention delay; the row records that it existed.
    erased_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)


class IdentityCheck(Base):
    __tablename__ = "identity_check"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    document_id: Mapped[int | None] = mapped_column(ForeignKey("identity_document.id"))
    status: Mapped[IdentityCheckStatus] = mapped_column(
        enum_type(IdentityCheckStatus), default=IdentityCheckStatus.PENDING, index=True
    )
    honour_statement_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    submitted_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    reviewed_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    rejection_reason: Mapped[str | None] = mapped_column(Text)

    user = relationship("User", foreign_keys=[user_id])
    document: Mapped[IdentityDocument | None] = relationship()
