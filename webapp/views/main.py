"""The front door: what the pass is, and each person's way in."""

from flask import Blueprint, redirect
from flask_login import current_user

from webapp.navigation import home_url_for
from webapp.security import public
from webapp.templating import render

blueprint = Blueprint("main", __name__)


@blueprint.get("/")
@public
def home():
    """Present the pass to visitors; send signed-in people to their own home."""
    if current_user.is_authenticated:
        return redirect(home_url_for(current_user), 303)
    return render("main/home.html")
