"""The offer map: venues with bookable offers around the person, drawn and listed; venue pages."""

from zoneinfo import ZoneInfo

from flask import Blueprint, abort, flash, g, redirect, request, url_for
from flask_babel import get_timezone
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from werkzeug.datastructures import MultiDict

from models.db import utcnow
from models.geo import Point, distance_km
from models.map.page import map_page
from models.map.places import populated_communes
from models.map.repository import nearest_commune, shown_venue, venue_offer_cards
from models.map.scene import compass_point
from webapp.extensions import db
from webapp.forms.map import FILTER_NAMES, GeolocationForm, MapFiltersForm
from webapp.forms.search import CommuneForm
from webapp.map_labels import commune_labels, scale_bar
from webapp.position import current_position, remember_commune, remember_point
from webapp.security import public
from webapp.templating import render

blueprint = Blueprint("map", __name__)

BLOCKS = {"carte": "map", "carte-resultats": "results"}
VIEW_NAMES = ("lat", "lon", "z")
DIRECTIONS = {
    "n": _l("au nord"), "ne": _l("au nord-est"), "e": _l("à l'est"), "se": _l("au sud-est"),
    "s": _l("au sud"), "sw": _l("au sud-ouest"), "w": _l("à l'ouest"), "nw": _l("au nord-ouest"),
}


@blueprint.get("/carte")
@public
def index():
    """Show the venues with bookable offers around the person, on a map and as a list."""
    form = MapFiltersForm(request.args)
    position = current_position()
    context = {"form": form, "position": position, "map_url": map_url, "venue_url": venue_url,
               "compass_point": compass_point, "directions": _directions()}
    if position is None:
        return render("map/index.html", result=None, **context)
    if not form.validate():
        return render("map/index.html", block="results", status=422, result=None, **context)
    now = utcnow()
    zone = ZoneInfo(str(get_timezone()))
    result = map_page(
        db.session, position.point, form.criteria(now.astimezone(zone).date(), zone), now,
        form.view_center(), form.z.data, form.page.data or 1,
    )
    block = BLOCKS.get(request.htmx.target if request.htmx else None, "results")
    return render("map/index.html", block=block, result=result, **_legend(result.scene),
                  **context)


@blueprint.route("/carte/position", methods=["GET", "POST"])
@public
def position():
    """Choose where the map is centred: the browser's position, or a commune."""
    form, candidates = CommuneForm(), []
    if form.validate_on_submit():
        commune, candidates = form.chosen_commune(db.session)
        if commune is not None:
            remember_commune(commune)
            return redirect(url_for(".index", **_filter_args()), 303)
    return render("map/position.html", commune_form=form, candidates=candidates,
                  geolocation_form=GeolocationForm(), filter_args=_filter_args(),
                  status=422 if form.errors else 200)


@blueprint.post("/carte/position/appareil")
@public
def geolocation():
    """Centre the map on the position the browser gave, for this visit only."""
    form = GeolocationForm()
    if not form.validate():
        flash(_("Ta position n'a pas pu être lue : choisis plutôt une commune."), "error")
        return redirect(url_for(".position", **_filter_args()), 303)
    point = Point(form.latitude.data, form.longitude.data)
    commune = nearest_commune(db.session, point)
    remember_point(point.latitude, point.longitude, commune.name if commune else "")
    return redirect(url_for(".index", **_filter_args()), 303)


@blueprint.get("/lieux/<int:venue_id>")
@public
def venue(venue_id: int):
    """Show a venue: address, accessibility, opening information and its bookable offers."""
    place = shown_venue(db.session, venue_id)
    if place is None:
        abort(404)
    form = MapFiltersForm(request.args)
    if not form.validate():
        form = MapFiltersForm(MultiDict())
    now = utcnow()
    zone = ZoneInfo(str(get_timezone()))
    position = current_position()
    here = position.point if position else None
    offers = venue_offer_cards(db.session, place.id, form.criteria(now.astimezone(zone).date(),
                                                                    zone), now, here)
    distance = None
    if here is not None and place.latitude is not None:
        distance = distance_km(here, Point(place.latitude, place.longitude))
    return render("map/venue.html", block="panel", venue=place, offers=offers, form=form,
                  distance=distance, map_url=map_url, venue_url=venue_url)


def _directions() -> dict:
    """The eight directions in the request's language, translated once for the whole list (as
    the lazy strings were shown: trusted text from the catalogue)."""
    return {point: Markup(str(label)) for point, label in DIRECTIONS.items()}


def _legend(scene) -> dict:
    """The names of the main communes in view and the scale bar, drawn over the map."""
    scale = scale_bar(scene.viewport)
    places = populated_communes(db.session, scene.viewport.bounds(), vintage=scene.base.vintage)
    return {"labels": commune_labels(scene, places, scale), "scale": scale}


def _filter_args() -> dict:
    return {name: request.args.getlist(name) for name in FILTER_NAMES if name in request.args}


def map_url(**changes) -> str:
    """The map's URL with this request's filters and view, and `changes` (None removes)."""
    args = {name: request.args.getlist(name)
            for name in (*FILTER_NAMES, *VIEW_NAMES, "page") if name in request.args}
    for name, value in changes.items():
        if value is None:
            args.pop(name, None)
        else:
            args[name] = value
    return url_for("map.index", **args)


def venue_url(venue_id: int) -> str:
    """A venue's page, keeping the map's filters and view for the way back."""
    before_id, after_id = _venue_url_parts()
    return f"{before_id}{venue_id}{after_id}"


def _venue_url_parts() -> tuple[str, str]:
    """The venue URL of this request around the venue's id ("/lieux/", "?rayon=20"), built once:
    a map page links to up to eighty venues (markers and list), and `url_for` for each was a
    twentieth of the page's CPU."""
    if "venue_url_parts" not in g:
        args = {name: request.args.getlist(name)
                for name in (*FILTER_NAMES, *VIEW_NAMES) if name in request.args}
        path, mark, query = url_for("map.venue", venue_id=1, **args).partition("?")
        g.venue_url_parts = (path.removesuffix("1"), mark + query)
    return g.venue_url_parts
