"""The public names of the partners and offers a dashboard's top lists show."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.offerers.models import Structure
from models.offers.models import Offer


def structure_names(session: Session, ids: Iterable[int]) -> dict[int, str]:
    ids = list(ids)
    if not ids:
        return {}
    return dict(session.execute(select(Structure.id, Structure.name)
                                .where(Structure.id.in_(ids))).all())


def offer_names(session: Session, ids: Iterable[int]) -> dict[int, str]:
    ids = list(ids)
    if not ids:
        return {}
    return dict(session.execute(select(Offer.id, Offer.name).where(Offer.id.in_(ids))).all())
