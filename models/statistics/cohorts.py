"""Cohort figures a local government uploads for its own territory: how many young people of each
age live there, per year or for every year (docs/domain/7-territories.md, "Take-up by age").

They replace the estimate from the shipped populations on the dashboards of that territory's
officers, and nowhere else: the open-data pages, the other territories' dashboards and the
comparisons keep the estimate. One upload per territory, replaced whole by the next one;
several officers of the same territory share it.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Integer,
    SmallInteger,
    String,
    UniqueConstraint,
    select,
)
from sqlalchemy.orm import Mapped, Session, joinedload, mapped_column, relationship

from models.audit.api import record
from models.db import Base, UtcDateTime, enum_type
from models.errors import DomainError
from models.statistics.cohort_file import CohortLine
from models.statistics.scopes import Scope
from models.statistics.take_up import UploadedCohorts
from models.territories.models import LocalGovernmentMandate, TerritoryKind
from models.territories.repository import validated_mandate
from models.users.models import User


class CohortUpload(Base):
    """The cohort figures of a territory, as last uploaded by one of its officers."""

    __tablename__ = "cohort_upload"
    __table_args__ = (UniqueConstraint("territory_kind", "territory_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    territory_kind: Mapped[TerritoryKind] = mapped_column(enum_type(TerritoryKind))
    territory_code: Mapped[str] = mapped_column(String(9))
    filename: Mapped[str] = mapped_column(String(200))
    uploaded_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    uploaded_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"))

    figures: Mapped[list[CohortFigure]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True,
        order_by="(CohortFigure.age, CohortFigure.year)")


class CohortFigure(Base):
    """People of one age in the territory, in one year (None: every year)."""

    __tablename__ = "cohort_figure"
    __table_args__ = (CheckConstraint("people >= 0", name="people_not_negative"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    upload_id: Mapped[int] = mapped_column(
        ForeignKey("cohort_upload.id", ondelete="CASCADE"), index=True)
    age: Mapped[int] = mapped_column(SmallInteger)
    year: Mapped[int | None] = mapped_column(SmallInteger)
    people: Mapped[int] = mapped_column(Integer)


class NotAnOfficer(DomainError):
    message = ("Seul un agent dont le rattachement au territoire est validé peut fournir ses "
               "effectifs.")


def mandate_scope(mandate: LocalGovernmentMandate) -> Scope:
    return Scope.of_territory(mandate.territory_kind, mandate.territory_code)


def upload_of(session: Session, mandate: LocalGovernmentMandate) -> CohortUpload | None:
    """The figures uploaded for the mandate's territory, if any, with their lines: one query."""
    return session.scalars(select(CohortUpload).options(joinedload(CohortUpload.figures)).where(
        CohortUpload.territory_kind == mandate.territory_kind,
        CohortUpload.territory_code == mandate.territory_code,
    )).unique().first()


def uploaded_cohorts(upload: CohortUpload | None) -> UploadedCohorts | None:
    if upload is None:
        return None
    return UploadedCohorts(upload.uploaded_at,
                           {(each.age, each.year): each.people for each in upload.figures})


def _officer_mandate(session: Session, officer: User) -> LocalGovernmentMandate:
    mandate = validated_mandate(session, officer.id)
    if mandate is None:
        raise NotAnOfficer()
    return mandate


def replace_cohorts(session: Session, officer: User, lines: list[CohortLine], filename: str,
                    now: dt.datetime) -> CohortUpload:
    """The officer's territory's figures become `lines` (all read without a refusal)."""
    mandate = _officer_mandate(session, officer)
    previous = upload_of(session, mandate)
    if previous is not None:
        session.delete(previous)
        session.flush()
    upload = CohortUpload(
        territory_kind=mandate.territory_kind, territory_code=mandate.territory_code,
        filename=filename[:200], uploaded_at=now, uploaded_by_id=officer.id,
        figures=[CohortFigure(age=line.age, year=line.year, people=line.people)
                 for line in lines],
    )
    session.add(upload)
    session.flush()
    record(session, officer.id, "cohorts.uploaded", upload, lines=len(lines),
           territory=mandate_scope(mandate).slug)
    return upload


def remove_cohorts(session: Session, officer: User) -> bool:
    """Back to the estimate on the officer's territory; False when there was nothing to remove."""
    mandate = _officer_mandate(session, officer)
    upload = upload_of(session, mandate)
    if upload is None:
        return False
    record(session, officer.id, "cohorts.removed", upload,
           territory=mandate_scope(mandate).slug)
    session.delete(upload)
    session.flush()
    return True
