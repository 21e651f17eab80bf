"""One blueprint per audience or journey, registered in this order."""

from importlib import import_module

from flask import Flask

BLUEPRINT_MODULES = (
    "main",
    "account",
    "profile",
    "communes",
    "discover",
    "search",
    "map",
    "offers",
    "bookings",
    "favorites",
    "reviews",
    "notifications",
    "pro.home",
    "pro.counter",
    "pro.offers",
    "pro.bookings",
    "pro.structures",
    "pro.members",
    "pro.venues",
    "pro.stocks",
    "pro.catalogue_import",
    "pro.finance",
    "admin.home",
    "admin.identity",
    "admin.outbox",
    "admin.jobs",
    "admin.structures",
    "admin.moderation",
    "admin.reviews",
    "admin.support",
    "admin.audit",
    "admin.programmes",
    "admin.top_ups",
    "territory",
    "territory_top_ups",
    "territory_white_zones",
    "territory_local_money",
    "territory_cohorts",
    "territory_structures",
    "open_data",
    "media",
    "pwa",
)


def register_blueprints(app: Flask) -> None:
    for name in BLUEPRINT_MODULES:
        app.register_blueprint(import_module(f"webapp.views.{name}").blueprint)
