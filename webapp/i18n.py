"""Language choice: French by default, English on request, remembered in a cookie."""

from __future__ import annotations

from functools import lru_cache

from babel import Locale, support
from flask import Flask, current_app, g, request
from flask_babel import Domain, get_locale
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
        return departement_timezone(current_user.commune)
    return current_app.config["BABEL_DEFAULT_TIMEZONE"]


def departement_timezone(commune) -> str:
    """The time zone of the commune's département, read once per département and app: it is
    written only with the geography, and every signed-in page needs the person's."""
    zones = current_app.extensions.setdefault("departement_timezones", {})
    zone = zones.get(commune.departement_code)
    if zone is None:
        zone = zones[commune.departement_code] = commune.departement.timezone
    return zone


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
        return form_translations(str(request_locale())).ugettext(string)

    def ungettext(self, singular: str, plural: str, number: int) -> str:
        return form_translations(str(request_locale())).ungettext(singular, plural, number)


FORM_TRANSLATIONS = _FormTranslations()


def _babel_state():
    """Flask-Babel's state of this request (its locale, time zone), None before it has one."""
    try:
        return g._get_current_object().__dict__.get("_flask_babel")
    except RuntimeError:  # outside an application context
        return None


def request_locale() -> Locale | None:
    """Flask-Babel's `get_locale`, in one context-local lookup once the request has chosen."""
    locale = getattr(_babel_state(), "babel_locale", None)
    return locale if locale is not None else get_locale()


class RequestDomain(Domain):
    """Flask-Babel's message domain, finding the request's catalogue once per request.

    Flask-Babel looks it up anew for every `_()`, lazy string and form label through about ten
    context-local lookups: a tenth of the CPU of a page with a hundred strings (search, map).
    It is kept beside the locale Flask-Babel chose for the request, and looked up again
    whenever that locale changes (`force_locale`, `refresh`).
    """

    def get_translations(self) -> support.NullTranslations:
        state = _babel_state()
        locale = getattr(state, "babel_locale", None)
        if locale is None:  # the request's first string chooses the locale
            return super().get_translations()
        kept = getattr(state, "translations_of_locale", None)
        if kept is None or kept[0] is not locale:
            kept = state.translations_of_locale = (locale, super().get_translations())
        return kept[1]


DOMAIN = RequestDomain()


def gettext(string: str, **variables) -> str:
    """Flask-Babel's `gettext`, without finding the domain first."""
    translated = DOMAIN.get_translations().ugettext(string)
    return translated % variables if variables else translated


def ngettext(singular: str, plural: str, number: int, **variables) -> str:
    """Flask-Babel's `ngettext` (`%(num)d` is the number), without finding the domain first."""
    translated = DOMAIN.get_translations().ungettext(singular, plural, number)
    return translated % {"num": number, **variables}


def _use_request_domain(app: Flask) -> None:
    """Every `_()`: the views' and lazy strings' (through Flask-Babel's default domain, which
    `Babel.domain_instance` gives) and the templates' (installed on Jinja directly)."""
    app.extensions["babel"].instance.domain_instance = DOMAIN
    app.jinja_env.install_gettext_callables(
        gettext=lambda string: DOMAIN.get_translations().ugettext(string),
        ngettext=lambda singular, plural, number: DOMAIN.get_translations().ungettext(
            singular, plural, number),
        newstyle=True,
        pgettext=lambda context, string: DOMAIN.get_translations().upgettext(context, string),
        npgettext=lambda context, singular, plural, number: (
            DOMAIN.get_translations().unpgettext(context, singular, plural, number)),
    )


def init_app(app: Flask) -> None:
    _use_request_domain(app)

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
