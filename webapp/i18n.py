"""Language choice: French by default, English on request, remembered in a cookie."""

from __future__ import annotations

from flask import Flask, current_app, request
from flask_login import current_user

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


def init_app(app: Flask) -> None:
    @app.after_request
    def remember_language(response):
        asked = request.args.get("lang")
        if asked in app.config["LANGUAGES"] and request.cookies.get(LANGUAGE_COOKIE) != asked:
            response.set_cookie(
                LANGUAGE_COOKIE, asked, max_age=365 * 24 * 3600, samesite="Lax",
                secure=app.config["SESSION_COOKIE_SECURE"], httponly=True,
            )
        return response
