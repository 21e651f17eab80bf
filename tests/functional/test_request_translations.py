"""The request's catalogue, found once per request (webapp/i18n.py): every `_()` still follows
the request's language, a forced locale and a locale refreshed within the request."""

from __future__ import annotations

from flask import render_template_string
from flask_babel import force_locale, lazy_gettext, refresh
from flask_babel import gettext as babel_gettext

from webapp.i18n import gettext
from webapp.templating import euros


def spoken(text="Gratuit"):
    """The same message through the views' `_()`, a lazy string, a template and the app's own."""
    return {babel_gettext(text), str(lazy_gettext(text)),
            render_template_string("{{ _(text) }}", text=text), gettext(text)}


def test_every_kind_of_string_follows_the_language_of_each_request(app):
    with app.test_request_context("/?lang=en"):
        assert spoken() == {"Free"}
    with app.test_request_context("/"):
        assert spoken() == {"Gratuit"}
    with app.test_request_context("/?lang=en"):
        assert spoken() == {"Free"}


def test_a_forced_locale_is_followed_then_left(app):
    with app.test_request_context("/?lang=en"):
        assert spoken() == {"Free"}
        with force_locale("fr"):
            assert spoken() == {"Gratuit"}
            assert euros(1250) == "12,50\xa0€"
        assert spoken() == {"Free"}
        assert euros(1250) == "€12.50"


def test_a_refreshed_locale_is_followed(app):
    with app.test_request_context("/?lang=en") as context:
        assert spoken() == {"Free"}
        context.request.args = {}
        refresh()
        assert spoken() == {"Gratuit"}
