"""Moderation's e-mails exist in French and English, name what they are about and sign off;
a word list is kept trimmed, without repeats (docs/domain/moderation.md)."""

from __future__ import annotations

import pytest

from models.moderation.messages import Notice, compose
from models.moderation.models import RuleKind
from models.moderation.validation import RuleSettings, normalised_settings

VALUES = {"structure": "Théâtre du Nord", "offers": "- Hamlet", "offer": "Hamlet",
          "reason": "Prix incohérent"}


@pytest.mark.parametrize("notice", list(Notice))
@pytest.mark.parametrize(("locale", "signature"), [("fr", "L'équipe pass Culture"),
                                                   ("en", "The pass Culture team"),
                                                   (None, "L'équipe pass Culture")])
def test_every_notice_renders_in_the_persons_language(notice, locale, signature):
    subject, body = compose(notice, locale, **VALUES)
    assert subject and "{" not in subject + body
    assert "Hamlet" in subject + body or "Théâtre du Nord" in subject + body
    assert body.rstrip().endswith(signature)


def test_a_rejection_carries_its_reason():
    _subject, body = compose(Notice.OFFER_REJECTED, "en", **VALUES)
    assert "Prix incohérent" in body


def test_word_lists_are_trimmed_and_deduplicated_and_other_kinds_settings_dropped():
    settings = normalised_settings(RuleKind.WORDS, RuleSettings(
        label="  Mots ", words=" arnaque\n\n arnaque \nvente privée ", price_threshold_cents=5))
    assert (settings.label, settings.words, settings.price_threshold_cents) == (
        "Mots", "arnaque\nvente privée", None)
