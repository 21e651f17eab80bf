"""People with an account: young people, pro members, local-government officers and staff.

An account has no single role: what a person may do follows from the capacities they hold
together (`models.users.capacities`, docs/domain/access.md).
"""

from __future__ import annotations

import datetime as dt
import secrets
from enum import StrEnum

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from models.db import Base, UtcDateTime, enum_type, utcnow


class StaffPermission(StrEnum):
    """What a member of the platform's staff may do; each one is granted on its own."""

    REVIEW_IDENTITIES = "review_identities"
    VALIDATE_STRUCTURES = "validate_structures"
    MODERATE = "moderate"
    SUPPORT = "support"
    MANAGE_PROGRAMMES = "manage_programmes"
    MANAGE_STAFF = "manage_staff"


class ActivityStatus(StrEnum):
    """What the person declares doing, asked when the profile is completed."""

    HIGH_SCHOOL = "high_school"
    STUDENT = "student"
    APPRENTICE = "apprentice"
    EMPLOYEE = "employee"
    JOB_SEEKER = "job_seeker"
    OTHER = "other"


def new_cell_key() -> int:
    """The fixed random key used by the cell-key method of statistical secrecy."""
    return secrets.randbelow(2**31)


class User(Base):
    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    # Signed up on the young people's side: the pages of a beneficiary open whether or not a
    # credit was granted yet (the identity check comes after sign-up).
    is_beneficiary: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    first_name: Mapped[str | None] = mapped_column(String(100))
    last_name: Mapped[str | None] = mapped_column(String(100))
    date_of_birth: Mapped[dt.date | None] = mapped_column(Date)
    address: Mapped[str | None] = mapped_column(String(200))
    postal_code: Mapped[str | None] = mapped_column(String(5))
    commune_code: Mapped[str | None] = mapped_column(ForeignKey("commune.code"), index=True)
    activity: Mapped[ActivityStatus | None] = mapped_column(enum_type(ActivityStatus))
    locale: Mapped[str | None] = mapped_column(String(5))
    cell_key: Mapped[int] = mapped_column(Integer, default=new_cell_key)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    email_confirmed_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    # Which terms of use the person accepted at sign-up (`TERMS_VERSION`), and when.
    terms_version: Mapped[str | None] = mapped_column(String(20))
    terms_accepted_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    # Set when the person deletes the account: personal data is wiped, bookings stay for the
    # pros' accounting, attached to this anonymous row.
    anonymised_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    # Raised whenever every session of the person must end (sign-out, password change...);
    # a session cookie issued under an older generation opens nothing.
    session_generation: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # Set by support staff (docs/domain/support.md): the person can neither sign in nor book;
    # bookings already made stay valid.
    suspended_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    suspension_reason: Mapped[str | None] = mapped_column(String(500))

    commune = relationship("Commune")
    staff_permissions: Mapped[list[StaffPermissionGrant]] = relationship(
        back_populates="user", cascade="all, delete-orphan", order_by="StaffPermissionGrant.id"
    )

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password)

    def check_password(self, password: str) -> bool:
        return bool(self.password_hash) and check_password_hash(self.password_hash, password)

    def age_on(self, day: dt.date) -> int | None:
        """Age in whole years on `day`, a birthday on 29 February falling on 1 March."""
        if self.date_of_birth is None:
            return None
        born = self.date_of_birth
        had_birthday = (day.month, day.day) >= (born.month, born.day)
        return day.year - born.year - (0 if had_birthday else 1)

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.first_name, self.last_name) if part)


class StaffPermissionGrant(Base):
    """One permission held by a member of staff; a person with none is not staff."""

    __tablename__ = "staff_permission"
    __table_args__ = (UniqueConstraint("user_id", "permission"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    permission: Mapped[StaffPermission] = mapped_column(enum_type(StaffPermission))
    granted_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)

    user: Mapped[User] = relationship(back_populates="staff_permissions")
