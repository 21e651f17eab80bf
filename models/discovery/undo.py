"""Taking back the last answer of the deck: a swipe made by mistake brings its card back.

Only the card answered last can come back, and only while no other card has been answered
since. Undoing forgets the answer ("J'aime" also leaves the favorites it had added to), forgets
that the card shown after it was seen (it was never answered, so it may come again), and records
the card as seen now: the deck shows again the card served last and not answered
(`Signals.pending_offer_id`), which is this one.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from models.discovery.api import deck_offer
from models.discovery.exceptions import NothingToUndo
from models.discovery.history import MemberHistory
from models.discovery.models import DeckAction, DeckInteraction
from models.offers.models import Offer
from models.social.api import remove_favorite

ANSWERS = (DeckAction.LIKE, DeckAction.SKIP)


def undo_last_answer(session: Session, history, offer_id: int, now: dt.datetime) -> Offer:
    """Bring back the card `offer_id` if it is the one answered last.

    Raises `NothingToUndo` when another card was answered since (or this one never was), and
    `OfferNoLongerAvailable` when the offer can no longer be booked; nothing changes then.
    """
    offer = deck_offer(session, offer_id, now)
    if isinstance(history, MemberHistory):
        _undo_member(session, history.user_id, offer_id, now)
    else:
        _undo_visitor(history, offer_id, now)
    return offer


def _last_answer(
    recent: list[tuple[int, DeckAction]], offer_id: int
) -> tuple[DeckAction, int | None]:
    """The answer given to `offer_id` and the card seen after it, from the two latest
    interactions (most recent first); `NothingToUndo` if it is not the last answer."""
    answered = [index for index, (offer, action) in enumerate(recent)
                if offer == offer_id and action in ANSWERS]
    if not answered:
        raise NothingToUndo()
    others = [(offer, action) for index, (offer, action) in enumerate(recent)
              if index != answered[0]]
    if any(action in ANSWERS for _offer, action in others):
        raise NothingToUndo()
    return recent[answered[0]][1], (others[0][0] if others else None)


def _undo_member(session: Session, user_id: int, offer_id: int, now: dt.datetime) -> None:
    recent = session.execute(
        select(DeckInteraction.offer_id, DeckInteraction.action)
        .where(DeckInteraction.user_id == user_id)
        .order_by(DeckInteraction.at.desc(), DeckInteraction.id.desc())
        .limit(2)
    ).all()
    action, seen_after = _last_answer([tuple(row) for row in recent], offer_id)
    if action is DeckAction.LIKE:
        remove_favorite(session, user_id, offer_id)
    if seen_after is not None:
        session.execute(delete(DeckInteraction).where(
            DeckInteraction.user_id == user_id, DeckInteraction.offer_id == seen_after))
    session.execute(
        update(DeckInteraction)
        .where(DeckInteraction.user_id == user_id, DeckInteraction.offer_id == offer_id)
        .values(action=DeckAction.SEEN, at=now)
    )


def _undo_visitor(history, offer_id: int, now: dt.datetime) -> None:
    recent = []
    for entry in reversed(history.entries[-2:]):
        try:
            recent.append((int(entry[0]), DeckAction(entry[2])))
        except (TypeError, ValueError, IndexError):
            raise NothingToUndo() from None
    _action, seen_after = _last_answer(recent, offer_id)
    kept = [entry for entry in history.entries if entry[0] not in (offer_id, seen_after)]
    subcategory = next(entry[1] for entry in history.entries if entry[0] == offer_id)
    history.entries[:] = [*kept, [offer_id, subcategory, DeckAction.SEEN.value,
                                  int(now.timestamp())]]
