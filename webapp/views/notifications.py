"""The notifications page of every signed-in person (docs/domain/messages.md).

What a person is told by e-mail is also listed here, written in the language of the page, so
that someone without access to their mailbox still learns that their concert moved. Reading the
page changes nothing; marking as read is a POST.
"""

from flask import Blueprint, Flask, abort, flash, g, redirect, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from models.db import utcnow
from models.emails.messages import message_named, notification_text
from models.notifications.api import mark_all_read, mark_read
from models.notifications.exceptions import NotificationNotFound
from models.notifications.repository import latest_notifications, unread_count
from models.unit_of_work import atomic
from webapp.extensions import db
from webapp.forms.notifications import MarkReadForm
from webapp.security import signed_in
from webapp.templating import render

blueprint = Blueprint("notifications", __name__, url_prefix="/notifications")


@blueprint.get("/")
@signed_in
def index():
    """The person's notifications, the latest first, unread ones marked."""
    locale = str(get_locale() or "fr")
    entries = []
    for notification in latest_notifications(db.session, current_user.id):
        message = message_named(notification.kind)
        if message is None:
            continue
        title, paragraphs = notification_text(message, locale, notification.values)
        entries.append((notification, title, paragraphs))
    return render("notifications/index.html", entries=entries, form=MarkReadForm(),
                  unread=sum(1 for entry in entries if entry[0].read_at is None))


@blueprint.post("/<int:notification_id>/lue")
@signed_in
def read(notification_id: int):
    """Mark one of the person's notifications read; another person's is a 404."""
    if not MarkReadForm().validate_on_submit():
        abort(400)
    try:
        with atomic(db.session):
            mark_read(db.session, current_user.id, notification_id, utcnow())
    except NotificationNotFound:
        abort(404)
    flash(_("Notification marquée comme lue."), "success")
    return redirect(url_for("notifications.index"), 303)


@blueprint.post("/toutes-lues")
@signed_in
def read_all():
    """Mark every notification of the person read."""
    if not MarkReadForm().validate_on_submit():
        abort(400)
    with atomic(db.session):
        mark_all_read(db.session, current_user.id, utcnow())
    flash(_("Toutes les notifications sont marquées comme lues."), "success")
    return redirect(url_for("notifications.index"), 303)


def unread_notifications() -> int:
    """The signed-in person's unread count for the navigation, read with their account.

    `webapp.security` reads it in the query that loads the account; the COUNT here only runs
    on a request where the account was loaded another way (just signed in).
    """
    if not current_user.is_authenticated:
        return 0
    if "unread_notifications" not in g:
        g.unread_notifications = unread_count(db.session, current_user.id)
    return g.unread_notifications


@blueprint.record_once
def _register_counter(state) -> None:
    app: Flask = state.app
    app.jinja_env.globals["unread_notifications"] = unread_notifications
