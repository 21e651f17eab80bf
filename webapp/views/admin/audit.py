"""The audit log: every staff action, newest first, filtered by a GET form (docs/domain/support.md).

Read only: no route changes or deletes a line, and the database refuses it too (migration 0017).
Reading it needs the "manage staff" permission: it tells what every member of staff did
(docs/domain/access.md).
"""

import datetime as dt

from flask import Blueprint, request
from flask_babel import get_timezone

from models.audit.repository import AuditFilters, actions, audit_page
from models.users.models import StaffPermission
from webapp.extensions import db
from webapp.forms.support import AuditFiltersForm
from webapp.security import requires_permission
from webapp.templating import render

blueprint = Blueprint("admin_audit", __name__, url_prefix="/admin/journal")


@blueprint.get("/")
@requires_permission(StaffPermission.MANAGE_STAFF)
def index():
    """The entries matching the filters, a page at a time."""
    form = AuditFiltersForm(request.args)
    if not form.validate():
        return render("admin/audit.html", form=form, page=None, actions=actions(db.session),
                      status=422)
    zone = get_timezone()
    filters = AuditFilters(
        actor_id=form.acteur.data, action=form.action.data or None,
        object_type=form.objet.data or None, object_id=form.numero.data or None,
        since=_start_of(form.du.data, zone),
        until=_start_of(form.au.data + dt.timedelta(days=1) if form.au.data else None, zone),
    )
    page = audit_page(db.session, filters, form.page.data or 1)
    return render("admin/audit.html", form=form, page=page, actions=actions(db.session),
                  query={name: value for name, value in request.args.items() if name != "page"})


def _start_of(day, zone):
    return None if day is None else dt.datetime.combine(day, dt.time(), zone).astimezone(dt.UTC)
