"""A visitor's deck history lives in a short list the web session keeps."""

import datetime as dt

from models.discovery.history import SEEN_HIDDEN_DAYS, SKIPPED_HIDDEN_DAYS, VisitorHistory
from models.discovery.models import DeckAction

NOW = dt.datetime(2026, 11, 25, 12, tzinfo=dt.UTC)


def test_recording_again_replaces_the_offer_entry_and_keeps_the_newest_last():
    history = VisitorHistory([], seed=1)
    history.record(1, "SEANCE_CINE", DeckAction.SEEN, NOW)
    history.record(2, "CONCERT", DeckAction.SEEN, NOW)
    history.record(1, "SEANCE_CINE", DeckAction.LIKE, NOW)
    assert [entry[:3] for entry in history.entries] == [
        [2, "CONCERT", "seen"], [1, "SEANCE_CINE", "like"],
    ]


def test_the_list_keeps_only_the_last_entries():
    history = VisitorHistory([], seed=1)
    for offer_id in range(VisitorHistory.MAX_ENTRIES + 10):
        history.record(offer_id, "CONCERT", DeckAction.SKIP, NOW)
    assert len(history.entries) == VisitorHistory.MAX_ENTRIES
    assert history.entries[-1][0] == VisitorHistory.MAX_ENTRIES + 9


def test_skipped_seen_and_liked_cards_are_hidden_for_their_time():
    history = VisitorHistory([], seed=1)
    history.record(1, "CONCERT", DeckAction.SKIP, NOW - dt.timedelta(days=SKIPPED_HIDDEN_DAYS - 1))
    history.record(2, "CONCERT", DeckAction.SKIP, NOW - dt.timedelta(days=SKIPPED_HIDDEN_DAYS + 1))
    history.record(3, "CONCERT", DeckAction.SEEN, NOW - dt.timedelta(days=SEEN_HIDDEN_DAYS - 1))
    history.record(4, "CONCERT", DeckAction.SEEN, NOW - dt.timedelta(days=SEEN_HIDDEN_DAYS + 1))
    history.record(5, "CONCERT", DeckAction.LIKE, NOW - dt.timedelta(days=300))
    assert sorted(history.excluded(NOW)) == [1, 3, 5]


def test_signals_count_actions_and_list_the_recent_cards_newest_first():
    history = VisitorHistory([], seed=1)
    history.record(1, "CONCERT", DeckAction.LIKE, NOW)
    history.record(2, "VISITE", DeckAction.SKIP, NOW)
    signals = history.signals(NOW)
    assert signals.counts[("CONCERT", "like")] == 1
    assert [item.offer_id for item in signals.recent] == [2, 1]


def test_tampered_entries_are_ignored():
    history = VisitorHistory([["x"], [1, "CONCERT", "nonsense", 0], None], seed=1)
    assert history.signals(NOW).recent == ()
    assert history.excluded(NOW) == []
