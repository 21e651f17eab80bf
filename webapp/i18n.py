"""Language choice: French by default, English on request, remembered in a cookie."""

from __future__ import annotations

from functools import lru_cache

from babel import support
from flask import Flask, current_app, request
from flask_babel import get_locale
from flask_login import current_user
from wtforms.i18n import messages_path

LANGUAGE_COOKIE = "lang"


def select_locale() -> str:
    """The language asked for by link or cookie, else the browser's preference, else French."""
    languages = current_app.config["LANGUAGES"]
    asked = request.args.get("lang") or request.cookies.get(LANGUAGE_COOKIE)
    if asked in languages:
        return asked
    if current_user and getattr(current_user, "is_authenticated", False) and current_user.locale:
        return current_user.locale
    return request.accept_languages.best_match(languages) or languages[0]


def select_timezone() -> str:
    """Dates are shown in the zone of the person's département (overseas ones have their own)."""
    if getattr(current_user, "is_authenticated", False) and current_user.commune is not None:
        return current_user.commune.departement.timezone
    return current_app.config["BABEL_DEFAULT_TIMEZONE"]


@lru_cache(maxsize=8)
def form_translations(locale: str) -> support.Translations:
    """WTForms' own messages in `locale`, read once per process.

    Flask-WTF reads and parses them from disk for every request that builds a form (about a
    millisecond of CPU, a tenth of a swipe), unless the request already holds them.
    """
    return support.Translations.load(messages_path(), [locale], domain="wtforms")


class _FormTranslations:
    """What Flask-WTF looks for on the request: the request's language chosen when used."""

    def ugettext(self, string: str) -> str:
        return form_translations(str(get_locale())).ugettext(string)

    def ungettext(self, singular: str, plural: str, number: int) -> str:
        return form_translations(str(get_locale())).ungettext(singular, plural, number)


FORM_TRANSLATIONS = _FormTranslations()


def init_app(app: Flask) -> None:
    @app.before_request
    def parsed_form_translations():
        request.wtforms_translations = FORM_TRANSLATIONS

    @app.after_request
    def remember_language(response):
        asked = request.args.get("lang")
        if asked in app.config["LANGUAGES"] and request.cookies.get(LANGUAGE_COOKIE) != asked:
            response.set_cookie(
                LANGUAGE_COOKIE, asked, max_age=365 * 24 * 3600, samesite="Lax",
                secure=app.config["SESSION_COOKIE_SECURE"], httponly=True,
            )
        return response
