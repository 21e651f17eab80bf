"""The outbox for staff: the latest e-mails and their text, so that in development, where no
mail server is configured, a confirmation or reset link can be read and followed here."""

import re

from flask import Blueprint, abort, current_app, request

from models.emails.models import OutboundEmail
from models.emails.repository import latest_emails
from models.users.models import StaffPermission
from webapp.extensions import db
from webapp.security import requires_permission
from webapp.templating import render

blueprint = Blueprint("admin_outbox", __name__, url_prefix="/admin/courriels")

LINK = re.compile(r"(https?://[^\s<>\"]+)")


@blueprint.get("/")
@requires_permission(StaffPermission.SUPPORT)
def outbox():
    """List the latest e-mails: recipient, subject, date and delivery status; `?etat=echec`
    lists only those given up after every try, with their last error."""
    failed_only = request.args.get("etat") == "echec"
    return render(
        "admin/outbox.html", emails=latest_emails(db.session, failed_only=failed_only),
        smtp=bool(current_app.config.get("MAIL_SERVER")), failed_only=failed_only,
    )


@blueprint.get("/<int:email_id>")
@requires_permission(StaffPermission.SUPPORT)
def message(email_id: int):
    """Show one e-mail as it was sent, its links made followable."""
    email = db.session.get(OutboundEmail, email_id)
    if email is None:
        abort(404)
    return render(
        "admin/outbox_message.html", email=email, segments=_segments(email.body_text),
        smtp=bool(current_app.config.get("MAIL_SERVER")),
    )


def _segments(text: str) -> list[tuple[str, bool]]:
    """The text cut into (piece, is_link) pairs, for the template to link the URLs."""
    return [(piece, index % 2 == 1) for index, piece in enumerate(LINK.split(text)) if piece]
