"""One template, two uses: a whole page, or only the block an htmx request targets."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel import Locale, numbers
from flask import Flask, Response, current_app, make_response, render_template, request, url_for
from flask_babel import format_date, format_datetime, get_timezone, to_user_timezone
from jinja2_fragments.flask import render_block
from markupsafe import Markup

from models.db import utcnow
from models.offers.catalogue import CATEGORIES, SUBCATEGORIES
from webapp import navigation
from webapp.hosts import public_address, public_url
from webapp.i18n import gettext, ngettext, request_locale

# When an event begins, as people say it: no seconds and no time zone, which are long to listen
# to; the year only when it is not the current one. Patterns by language, without then with it.
EVENT_DATE_PATTERNS = {
    "fr": ("EEEE d MMMM 'à' HH'h'mm", "EEEE d MMMM y 'à' HH'h'mm"),
    "en": ("EEEE d MMMM, h:mm a", "EEEE d MMMM y, h:mm a"),
}


def render(template: str, *, block: str | None = None, status: int = 200, **context) -> Response:
    """Render `template`, or just `block` when an htmx request (not a boosted one) asks for it.

    Boosted navigation (`HX-Boosted`) and direct loads get the whole page, so every URL pushed
    into history still works when opened directly, and so does htmx's history restoration.
    """
    partial = request.htmx and not request.htmx.boosted
    if block and partial and not request.htmx.history_restore_request:
        body = render_block(template, block, **context)
    else:
        body = render_template(template, **context)
    response = make_response(body, status)
    response.vary.add("HX-Request")
    response.vary.add("HX-Boosted")
    response.vary.add("HX-History-Restore-Request")
    return response


# Amounts, numbers and dates are formatted once per value, language and time zone in a process:
# Babel parses its patterns again at each call, about 0.1 ms a price or a date, and a page of
# results shows some sixty of them. The answers depend on nothing else.
@lru_cache(maxsize=4096)
def _formatted_euros(cents: int, locale: Locale) -> str:
    return numbers.format_currency(cents / 100, "EUR", locale=locale)


@lru_cache(maxsize=4096)
def _formatted_decimal(number, locale: Locale) -> str:
    return numbers.format_decimal(number, locale=locale)


@lru_cache(maxsize=4096)
def _formatted_datetime(moment: dt.datetime, pattern: str | None, _locale: Locale, _zone) -> str:
    return format_datetime(moment, pattern)


def euros(cents: int | None) -> str:
    """Format an amount in cents as euros for the current locale ("12,50 €", "Gratuit")."""
    if cents is None:
        return ""
    return _formatted_euros(cents, request_locale())


def decimal(number) -> str:
    """A number as the request's language writes it ("2,5" in French)."""
    return _formatted_decimal(number, request_locale())


def km(value: float) -> str:
    """A distance to the tenth of a kilometre, as the request's language writes it ("2,5 km")."""
    return f"{decimal(round(value, 1))} km"


def offers_label(count: int) -> str:
    return ngettext("%(num)d offre", "%(num)d offres", count)


def date_and_time(moment: dt.datetime, pattern: str | None = None) -> str:
    """Flask-Babel's `format_datetime` in the person's time zone, formatted once per value."""
    return _formatted_datetime(moment, pattern, request_locale(), get_timezone())


def event_date(moment: dt.datetime) -> str:
    """"samedi 14 mars à 20h30", or "jeudi 14 mars 2030 à 20h30" in another year."""
    this_year, other_year = EVENT_DATE_PATTERNS.get(
        request_locale().language, EVENT_DATE_PATTERNS["fr"]
    )
    same_year = to_user_timezone(moment).year == to_user_timezone(utcnow()).year
    return date_and_time(moment, this_year if same_year else other_year)


def category_label(category_id: str) -> str:
    return gettext(CATEGORIES[category_id].label)


def subcategory_label(subcategory_id: str) -> str:
    return gettext(SUBCATEGORIES[subcategory_id].label)


def image_url(image) -> str | None:
    """The long-cached URL of a stored image; its checksum prefix changes with its content."""
    if image is None:
        return None
    from webapp.views.media import url_checksum

    return url_for("media.image", image_id=image.id, checksum=url_checksum(image))


def price_label(cents: int | None) -> str:
    """"Gratuit" for free offers, else the amount."""
    return gettext("Gratuit") if cents == 0 else euros(cents)


def venue_type_label(venue_type) -> str:
    return _venue_type_label(venue_type, request_locale())


@lru_cache(maxsize=256)
def _venue_type_label(venue_type, _locale: Locale) -> str:
    from webapp.labels import VENUE_TYPE_LABELS

    return str(VENUE_TYPE_LABELS[venue_type])


CARD_MACROS = "macros/offer_card.html"
# Cards kept rendered per app: about 1 KB each.
KEPT_CARDS = 4096


def offer_card(card, heading_level: int = 3, lazy: bool = True) -> Markup:
    """The card of `macros/offer_card.html` for a list, rendered once per process.

    A card's HTML depends only on the card (a frozen `OfferCard`: what is shown, its distance
    and whether it is above the person's credit), its options, the language and the time zone;
    a page of search results renders twenty, a fifth of its CPU. In development, where
    templates reload, it is rendered every time.
    """
    render_card = current_app.extensions["offer_cards"]
    if current_app.jinja_env.auto_reload:
        return render_card.__wrapped__(card, heading_level, lazy, None, None)
    return render_card(card, heading_level, lazy, request_locale(), get_timezone())


def _card_renderer(app: Flask):
    @lru_cache(maxsize=KEPT_CARDS)
    def render_card(card, heading_level: int, lazy: bool, _locale, _zone) -> Markup:
        macros = app.jinja_env.get_template(CARD_MACROS).module
        return Markup(macros.offer_card(card, heading_level=heading_level, lazy=lazy))

    return render_card


def init_app(app: Flask) -> None:
    app.extensions["offer_cards"] = _card_renderer(app)
    navigation.init_app(app)
    app.jinja_env.globals.update(
        offer_card=offer_card,
        km=km,
        offers_label=offers_label,
        current_locale=lambda: str(request_locale()),
        format_date=format_date,
        format_datetime=date_and_time,
        venue_type_label=venue_type_label,
        category_label=category_label,
        subcategory_label=subcategory_label,
        image_url=image_url,
        public_url=public_url,
        public_address=public_address,
    )
    app.jinja_env.filters["price"] = price_label
    app.jinja_env.filters["euros"] = euros
    app.jinja_env.filters["event_date"] = event_date
    app.jinja_env.filters["decimal"] = decimal
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
