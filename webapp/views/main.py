"""The front door: what the pass is, each person's way in, and the accessibility statement."""

from datetime import date

from flask import Blueprint, current_app, redirect
from flask_login import current_user

from webapp.navigation import home_url_for
from webapp.security import public
from webapp.templating import render

blueprint = Blueprint("main", __name__)

# Changed by hand whenever the statement's content is reviewed, as the RGAA asks for its date.
ACCESSIBILITY_STATEMENT_DATE = date(2026, 11, 23)


@blueprint.get("/")
@public
def home():
    """Present the pass to visitors; send signed-in people to their own home."""
    if current_user.is_authenticated:
        return redirect(home_url_for(current_user), 303)
    return render("main/home.html")


@blueprint.get("/accessibilite")
@public
def accessibility():
    """Show the accessibility statement: target, what is tested, known limits, how to report."""
    return render(
        "main/accessibility.html",
        statement_date=ACCESSIBILITY_STATEMENT_DATE,
        contact_email=current_app.config.get("CONTACT_EMAIL"),
    )
