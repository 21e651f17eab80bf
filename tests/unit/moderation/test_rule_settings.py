"""A rule's settings are kept trimmed: a word list without repeats, no setting of another kind
(docs/domain/moderation.md)."""

from __future__ import annotations

from models.moderation.models import RuleKind
from models.moderation.validation import RuleSettings, normalised_settings


def test_word_lists_are_trimmed_and_deduplicated_and_other_kinds_settings_dropped():
    settings = normalised_settings(RuleKind.WORDS, RuleSettings(
        label="  Mots ", words=" arnaque\n\n arnaque \nvente privée ", price_threshold_cents=5))
    assert (settings.label, settings.words, settings.price_threshold_cents) == (
        "Mots", "arnaque\nvente privée", None)
