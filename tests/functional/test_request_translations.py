"""The request's catalogue, found once per request (webapp/i18n.py): every `_()` still follows
the request's language, a forced locale and a locale refreshed within the request."""

from __future__ import annotations

from flask import render_template_string
from flask_babel import force_locale, get_timezone, lazy_gettext, refresh
from flask_babel import gettext as babel_gettext
from flask_login import login_user

from models.users.models import User
from tests import factories
from tests.helpers import counted_queries
from webapp.extensions import db
from webapp.i18n import gettext
from webapp.security import LoginUser
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


def test_the_time_zone_of_a_departement_is_read_once_per_app(app, db_session):
    person = factories.young(db_session, commune_code="97302", postal_code="97300")
    db_session.commit()
    app.extensions.pop("departement_timezones", None)
    read = []
    for _ in range(2):
        with app.test_request_context("/"), counted_queries(app) as statements:
            login_user(LoginUser(db.session.get(User, person.id)))
            assert str(get_timezone()) == "America/Cayenne"
        read.append([s for s in statements if "FROM departement" in s])
    assert len(read[0]) == 1 and read[1] == []
