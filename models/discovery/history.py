"""A person's deck history: in the database for signed-in people, in the session for visitors.

Both answer the same questions for the ranking: what the person's signals are, which offers
must not come back yet, and how to record a new interaction.

Which cards come back: a card skipped in the last 14 days, or shown without an answer in the
last 3 days, is not shown again; a liked card follows the favorites (hidden while it is one, so
removing a favorite lets it come back); an offer the person booked is never shown.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from sqlalchemy import (
    String,
    and_,
    bindparam,
    func,
    literal,
    or_,
    select,
    type_coerce,
    union_all,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from models.bookings.models import Booking, BookingStatus
from models.db import UtcDateTime
from models.discovery.models import DeckAction, DeckInteraction
from models.discovery.ranking import DIVERSITY_WINDOW, Interaction, Signals
from models.offers.models import Offer
from models.search.cards import core_connection
from models.social.models import Favorite

SKIPPED_HIDDEN_DAYS = 14
SEEN_HIDDEN_DAYS = 3
SIGNAL_DAYS = 180
PENDING_HOURS = 12
# The same verdict on the same card within this window is a replay (a double click, a retried
# request, a form sent again from the back button): nothing is recorded again, so the card the
# first answer brought stays the one to answer instead of being passed over unseen.
REPLAY_WINDOW = dt.timedelta(days=SKIPPED_HIDDEN_DAYS)


def is_replay(recorded_at: dt.datetime, now: dt.datetime) -> bool:
    return recorded_at > now - REPLAY_WINDOW


def _signal_counts(user_id, since):
    deck = (
        select(Offer.subcategory_id, type_coerce(DeckInteraction.action, String), func.count())
        .select_from(DeckInteraction)
        .join(Offer, Offer.id == DeckInteraction.offer_id)
        .where(DeckInteraction.user_id == user_id, DeckInteraction.at >= since)
        .group_by(Offer.subcategory_id, DeckInteraction.action)
    )
    favorites = (
        select(Offer.subcategory_id, literal("favorite", String), func.count())
        .select_from(Favorite)
        .join(Offer, Offer.id == Favorite.offer_id)
        .where(Favorite.user_id == user_id)
        .group_by(Offer.subcategory_id)
    )
    bookings = (
        select(Offer.subcategory_id, literal("booking", String), func.count())
        .select_from(Booking)
        .join(Offer, Offer.id == Booking.offer_id)
        .where(Booking.user_id == user_id, Booking.status != BookingStatus.CANCELLED)
        .group_by(Offer.subcategory_id)
    )
    return union_all(deck, favorites, bookings)


def _recent(user_id):
    return (
        select(DeckInteraction.offer_id, Offer.subcategory_id, DeckInteraction.action,
               DeckInteraction.at)
        .select_from(DeckInteraction)
        .join(Offer, Offer.id == DeckInteraction.offer_id)
        .where(DeckInteraction.user_id == user_id)
        .order_by(DeckInteraction.at.desc(), DeckInteraction.id.desc())
        .limit(DIVERSITY_WINDOW - 1)
    )


def _excluded(user_id, skipped_since, seen_since):
    hidden = select(DeckInteraction.offer_id).where(
        DeckInteraction.user_id == user_id,
        or_(
            and_(DeckInteraction.action == DeckAction.SKIP, DeckInteraction.at > skipped_since),
            and_(DeckInteraction.action == DeckAction.SEEN, DeckInteraction.at > seen_since),
        ),
    )
    favorites = select(Favorite.offer_id).where(Favorite.user_id == user_id)
    booked = select(Booking.offer_id).where(
        Booking.user_id == user_id, Booking.status != BookingStatus.CANCELLED
    )
    return union_all(hidden, favorites, booked)


# Built once with bound parameters: these run on every card, and building a select costs more
# CPU than running it on a person's few rows (docs/domain/discovery.md, "Cost").
_SIGNAL_COUNTS = _signal_counts(bindparam("user_id"), bindparam("since", type_=UtcDateTime))
_RECENT = _recent(bindparam("user_id"))
_EXCLUDED = _excluded(bindparam("user_id"), bindparam("skipped_since", type_=UtcDateTime),
                      bindparam("seen_since", type_=UtcDateTime))


class MemberHistory:
    """The deck history of a signed-in person, in the `deck_interaction` table."""

    def __init__(self, session: Session, user_id: int):
        self.session = session
        self.user_id = user_id

    @property
    def seed(self) -> int:
        return self.user_id

    @property
    def key(self) -> str:
        """Who this history is, for the candidate pools (`models.discovery.pools`)."""
        return f"member:{self.user_id}"

    def signals(self, now: dt.datetime) -> Signals:
        """Signal counts per subcategory from the deck, favorites and bookings (2 queries)."""
        since = now - dt.timedelta(days=SIGNAL_DAYS)
        connection = core_connection(self.session)
        counts = Counter(
            {(sub, kind): number for sub, kind, number in
             connection.execute(_SIGNAL_COUNTS, {"user_id": self.user_id, "since": since})}
        )
        recent = connection.execute(_RECENT, {"user_id": self.user_id})
        return Signals(counts, tuple(Interaction(*row) for row in recent))

    def excluded(self, now: dt.datetime):
        """A subquery of the offer ids not to show now."""
        return _excluded(self.user_id, now - dt.timedelta(days=SKIPPED_HIDDEN_DAYS),
                         now - dt.timedelta(days=SEEN_HIDDEN_DAYS))

    def excluded_ids(self, now: dt.datetime) -> set[int]:
        """The ids of `excluded`, read (a few rows, from the person's own index ranges)."""
        return set(core_connection(self.session).scalars(_EXCLUDED, {
            "user_id": self.user_id,
            "skipped_since": now - dt.timedelta(days=SKIPPED_HIDDEN_DAYS),
            "seen_since": now - dt.timedelta(days=SEEN_HIDDEN_DAYS),
        }))

    def record(self, offer_id: int, subcategory_id: str, action: DeckAction,
               now: dt.datetime) -> None:
        """Upsert the person's interaction with an offer; "seen" never overwrites a like, and
        a verdict already recorded is not recorded again (`is_replay`)."""
        dialect = self.session.get_bind().dialect.name
        statement = _record_statement(dialect, action is DeckAction.SEEN)
        core_connection(self.session).execute(statement, {
            "user_id": self.user_id, "offer_id": offer_id, "action": action, "at": now,
            "replayed_after": now - REPLAY_WINDOW,
        })


_RECORD_STATEMENTS: dict[tuple[str, bool], object] = {}


def _record_statement(dialect: str, seen: bool):
    """The upsert of an interaction, built once per engine and kind (seen, or a verdict)."""
    key = (dialect, seen)
    if key not in _RECORD_STATEMENTS:
        insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        action = bindparam("action", type_=DeckInteraction.__table__.c.action.type)
        statement = insert(DeckInteraction).values(
            user_id=bindparam("user_id"), offer_id=bindparam("offer_id"), action=action,
            at=bindparam("at", type_=UtcDateTime),
        )
        if seen:
            changes = DeckInteraction.action != DeckAction.LIKE
        else:
            changes = or_(DeckInteraction.action != action,
                          DeckInteraction.at <= bindparam("replayed_after", type_=UtcDateTime))
        _RECORD_STATEMENTS[key] = statement.on_conflict_do_update(
            index_elements=[DeckInteraction.user_id, DeckInteraction.offer_id],
            set_={"action": statement.excluded.action, "at": statement.excluded.at},
            where=changes,
        )
    return _RECORD_STATEMENTS[key]


class VisitorHistory:
    """The deck history of a visitor without an account, as a short list the caller keeps.

    `entries` is a JSON-friendly list of `[offer_id, subcategory_id, action, unix time]`, most
    recent last, that the web layer stores in the session; it is changed in place.
    """

    MAX_ENTRIES = 40

    def __init__(self, entries: list, seed: int):
        self.entries = entries
        self.seed = seed

    @property
    def key(self) -> str:
        return f"visitor:{self.seed}"

    def _interactions(self) -> list[Interaction]:
        interactions = []
        for entry in self.entries:
            try:
                offer_id, subcategory_id, action, timestamp = entry
                interactions.append(Interaction(
                    int(offer_id), str(subcategory_id), DeckAction(action),
                    dt.datetime.fromtimestamp(float(timestamp), dt.UTC),
                ))
            except (TypeError, ValueError):
                continue
        return interactions

    def signals(self, now: dt.datetime) -> Signals:
        interactions = self._interactions()
        counts = Counter((item.subcategory_id, item.action.value) for item in interactions)
        recent = tuple(reversed(interactions[-(DIVERSITY_WINDOW - 1):]))
        return Signals(counts, recent)

    def excluded(self, now: dt.datetime) -> list[int]:
        windows = {
            DeckAction.SKIP: dt.timedelta(days=SKIPPED_HIDDEN_DAYS),
            DeckAction.SEEN: dt.timedelta(days=SEEN_HIDDEN_DAYS),
        }
        return [
            item.offer_id for item in self._interactions()
            if item.action is DeckAction.LIKE or item.at > now - windows[item.action]
        ]

    def excluded_ids(self, now: dt.datetime) -> set[int]:
        return set(self.excluded(now))

    def record(self, offer_id: int, subcategory_id: str, action: DeckAction,
               now: dt.datetime) -> None:
        if action is not DeckAction.SEEN and any(
            item.offer_id == offer_id and item.action is action and is_replay(item.at, now)
            for item in self._interactions()
        ):
            return
        self.entries[:] = [entry for entry in self.entries if entry and entry[0] != offer_id]
        self.entries.append([offer_id, subcategory_id, action.value, int(now.timestamp())])
        del self.entries[:-self.MAX_ENTRIES]
