"""The culture pass web application: `create_app` builds it from configuration."""

from __future__ import annotations

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from webapp.config import load_config
from webapp.extensions import babel, csrf, db, htmx, limiter, login_manager


def create_app(config: dict | None = None) -> Flask:
    """Build the app: configuration, extensions, blueprints, error pages, headers, commands."""
    app = Flask(__name__, static_folder=None)
    app.config.update(load_config(config))
    if app.config["TRUSTED_PROXIES"]:
        count = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)

    db.init_app(app)
    csrf.init_app(app)
    htmx.init_app(app)
    limiter.init_app(app)

    from webapp import mail

    mail.init_app(app)

    from webapp import i18n, security

    babel.init_app(
        app, locale_selector=i18n.select_locale, timezone_selector=i18n.select_timezone
    )
    login_manager.init_app(app)
    security.init_app(app)
    i18n.init_app(app)

    from webapp import assets, errors, headers, templating
    from webapp.views import register_blueprints

    assets.init_app(app)
    templating.init_app(app)
    headers.init_app(app)
    errors.init_app(app)
    register_blueprints(app)

    from webapp.cli import register_commands

    register_commands(app)
    return app
