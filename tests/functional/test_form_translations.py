"""WTForms' own messages: in the request's language, read from disk once per process."""

from __future__ import annotations

from webapp.i18n import FORM_TRANSLATIONS, form_translations


def test_form_messages_are_read_once_per_language_and_follow_the_request(app, client):
    form_translations.cache_clear()
    for _ in range(3):
        assert client.get("/decouvrir/").status_code == 200
    assert form_translations.cache_info().currsize == 1
    assert client.get("/decouvrir/?lang=en").status_code == 200
    assert form_translations.cache_info().currsize == 2
    with app.test_request_context("/"):
        assert FORM_TRANSLATIONS.ugettext("This field is required.") == "Ce champ est requis."
    with app.test_request_context("/?lang=en"):
        assert FORM_TRANSLATIONS.ugettext("This field is required.") == "This field is required."
