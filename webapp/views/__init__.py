"""One blueprint per audience or journey."""

from flask import Flask


def register_blueprints(app: Flask) -> None:
    from webapp.views import account, admin, communes, main, media, pro, territory

    for module in (main, account, communes, pro, admin, territory, media):
        app.register_blueprint(module.blueprint)
