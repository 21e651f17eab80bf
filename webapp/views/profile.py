"""The young person's profile: credit, personal details."""

from flask import Blueprint
from flask_login import current_user

from models.credit.repository import credit_summary, current_deposit
from models.db import utcnow
from models.users.models import Role
from webapp.extensions import db
from webapp.security import roles_required
from webapp.templating import render

blueprint = Blueprint("profile", __name__, url_prefix="/profil")


@blueprint.get("/")
@roles_required(Role.YOUNG)
def home():
    """Show the young person's remaining credit and personal details."""
    deposit = current_deposit(db.session, current_user.id, utcnow())
    summary = credit_summary(db.session, deposit) if deposit else None
    return render("profile/home.html", summary=summary)
