"""One blueprint per audience or journey."""

from flask import Flask


def register_blueprints(app: Flask) -> None:
    from webapp.views import account, admin, communes, main, media, pro, profile, territory

    for module in (main, account, profile, communes, pro, admin, territory, media):
        app.register_blueprint(module.blueprint)
