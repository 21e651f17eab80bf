"""Styled French error pages, and no stack trace ever shown to anybody."""

from __future__ import annotations

from flask import Flask, current_app
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import InterfaceError, OperationalError
from werkzeug.exceptions import HTTPException, InternalServerError

from webapp.extensions import db
from webapp.templating import render

ERROR_MESSAGES = {
    400: (
        _l("Requête incorrecte"),
        _l("Ta demande n'a pas pu être comprise. Vérifie le lien ou le formulaire, "
           "puis réessaie."),
    ),
    403: (_l("Accès refusé"), _l("Cette page n'est pas accessible avec ton compte.")),
    404: (
        _l("Page introuvable"),
        _l("Cette page n'existe pas ou plus. Elle a peut-être été déplacée."),
    ),
    405: (_l("Action impossible"), _l("Cette adresse ne permet pas cette action.")),
    413: (
        _l("Fichier trop lourd"),
        _l("Le fichier envoyé dépasse la taille autorisée. Réduis-le, puis réessaie."),
    ),
    414: (
        _l("Adresse trop longue"),
        _l("Cette adresse est trop longue pour être lue. Reviens à la page précédente, "
           "puis réessaie avec moins de filtres."),
    ),
    422: (_l("Données incorrectes"), _l("Certaines informations envoyées ne sont pas valides.")),
    429: (
        _l("Trop de tentatives"),
        _l("Tu as fait trop de demandes en peu de temps. Attends quelques minutes, "
           "puis réessaie."),
    ),
    503: (
        _l("Service momentanément indisponible"),
        _l("Le service ne peut pas répondre pour l'instant. Rien n'a été enregistré à moitié ; "
           "réessaie dans quelques instants."),
    ),
    500: (
        _l("Erreur du service"),
        _l("Un problème est survenu de notre côté. Rien n'a été enregistré à moitié ; "
           "réessaie dans quelques instants."),
    ),
}


def render_error(status: int, message=None):
    title, default_message = ERROR_MESSAGES.get(status, ERROR_MESSAGES[500])
    response = render(
        "errors/error.html", status=status, status_code=status, title=title,
        message=message or default_message,
    )
    return response


def _handle_http_exception(error: HTTPException):
    if error.code is None or error.code < 400:
        return error
    if error.code not in ERROR_MESSAGES:
        return error
    response = render_error(error.code)
    if error.code == 405 and error.valid_methods:
        response.headers["Allow"] = ", ".join(error.valid_methods)
    return response


def _handle_csrf_error(_error: CSRFError):
    return render_error(
        400, _l("Le formulaire a expiré. Recharge la page, puis envoie-le à nouveau.")
    )


def _handle_unexpected(error: Exception):
    # Flask has already logged the exception for the operators. The transaction is rolled back
    # so nothing is left half-written; the person only sees a short French page.
    db.session.rollback()
    return render_error(500)


def _handle_database_unavailable(error: Exception):
    # The database went away (a restart, a failover, a lock held too long): the transaction
    # is lost as a whole, the pool replaces dead connections on their next use, and the
    # person is told to try again rather than shown an error of ours.
    current_app.logger.warning("database unavailable: %s", error)
    try:
        db.session.rollback()
    except (InterfaceError, OperationalError):
        db.session.close()
    response = render_error(503)
    response.headers["Retry-After"] = "5"
    return response


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, _handle_csrf_error)
    app.register_error_handler(HTTPException, _handle_http_exception)
    app.register_error_handler(InternalServerError, _handle_unexpected)
    app.register_error_handler(OperationalError, _handle_database_unavailable)
    app.register_error_handler(InterfaceError, _handle_database_unavailable)
