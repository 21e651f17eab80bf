"""The pro's venues: the list, creating one, editing one, and the clickable map placing it.

The map works without JavaScript: it is an `<input type="image">` showing an SVG drawn here, so
a click sends the form with the pixel clicked (`carte.x`, `carte.y`), which the view turns back
into a latitude and a longitude and shows in the coordinate fields, saving nothing. Activating
the image from the keyboard sends (0, 0): that is taken as the form's main button.
"""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from models.db import utcnow
from models.geo import Point
from models.map.outlines import base_map
from models.map.projection import MAX_ZOOM, MIN_ZOOM, Viewport, clamp_zoom
from models.offerers import venues as commands
from models.offerers.exceptions import VenueError
from models.offerers.models import Structure, Venue
from models.offerers.repository import structures_of_member
from models.territories.repository import resolve_commune
from models.unit_of_work import atomic
from models.users.capacities import Capacity
from webapp.extensions import db
from webapp.forms.venues import DEFAULT_MAP_ZOOM, VenueForm, VirtualVenueForm, venue_form_data
from webapp.inputs import MAX_ID
from webapp.security import object_or_404, requires
from webapp.templating import render

blueprint = Blueprint("pro_venues", __name__, url_prefix="/pro/lieux")

MAP_SIZE = 300
MAP_IMAGE = "carte"
ZOOM_BUTTON = "carte_zoom"


@blueprint.get("/")
@requires(Capacity.PRO)
def index():
    """List the venues of the person's structures, the virtual ones included."""
    return render("pro/venues/index.html", structures=structures_of_member(db.session,
                                                                            current_user.id))


@blueprint.route("/nouveau", methods=["GET", "POST"])
@requires(Capacity.PRO)
def create():
    """Create a physical venue for one of the person's structures."""
    if "structure" not in request.args:
        # Which structure? The list of venues offers one "add" link per structure.
        return redirect(url_for(".index"), 303)
    structure = object_or_404(Structure, _structure_id_argument())
    form = _venue_form(structure, None)
    commune, candidates = _commune(form, None)
    if _is_saving(form) and commune is not None:
        try:
            with atomic(db.session):
                venue = commands.create_venue(db.session, structure, form.details(commune),
                                              now=utcnow())
        except VenueError as error:
            _refused(form, error)
        else:
            flash(_("Le lieu %(name)s est créé.", name=venue.name), "success")
            return redirect(url_for(".edit", venue_id=venue.id), 303)
    return _form_page(form, structure, None, commune, candidates)


@blueprint.route("/<int:venue_id>", methods=["GET", "POST"])
@requires(Capacity.PRO)
def edit(venue_id: int):
    """Edit a venue of the person's structures; another structure's venue is not found."""
    venue = object_or_404(Venue, venue_id)
    if venue.is_virtual:
        return _edit_virtual(venue)
    form = _venue_form(venue.structure, venue)
    commune, candidates = _commune(form, venue)
    if _is_saving(form) and commune is not None:
        try:
            with atomic(db.session):
                commands.update_venue(db.session, venue, form.details(commune))
        except VenueError as error:
            _refused(form, error)
        else:
            flash(_("Les informations du lieu sont enregistrées."), "success")
            return redirect(url_for(".edit", venue_id=venue.id), 303)
    return _form_page(form, venue.structure, venue, commune, candidates)


@blueprint.get("/carte.svg")
@requires(Capacity.PRO)
def map_image():
    """The map around a point, as an SVG image the venue form shows and lets people click."""
    try:
        center = Point(float(request.args["lat"]), float(request.args["lon"]))
        zoom = int(request.args["z"])
    except (KeyError, ValueError):
        abort(400)
    if not (-85 <= center.latitude <= 85 and -180 <= center.longitude <= 180
            and MIN_ZOOM <= zoom <= MAX_ZOOM):
        abort(400)
    view = Viewport(center, zoom, MAP_SIZE, MAP_SIZE)
    body = render_template("pro/venues/map.svg", view=view, base=base_map(db.session, view))
    response = make_response(body)
    response.mimetype = "image/svg+xml"
    response.cache_control.private = True
    response.cache_control.max_age = 86400
    return response


def _edit_virtual(venue: Venue):
    form = VirtualVenueForm(data={"name": venue.name, "public_name": venue.public_name})
    if form.validate_on_submit():
        with atomic(db.session):
            commands.update_virtual_venue(db.session, venue, name=form.name.data,
                                          public_name=form.public_name.data)
        flash(_("Les informations du lieu sont enregistrées."), "success")
        return redirect(url_for(".edit", venue_id=venue.id), 303)
    return render("pro/venues/virtual.html", form=form, venue=venue,
                  status=422 if form.errors else 200)


def _structure_id_argument() -> int:
    """The structure named in the query string; anything that cannot be an id is not found."""
    value = request.args.get("structure", "")
    if not value.isdigit() or len(value) > 10 or not 0 < int(value) <= MAX_ID:
        abort(404)
    return int(value)


def _venue_form(structure: Structure, venue: Venue | None) -> VenueForm:
    points = commands.pricing_point_candidates(db.session, structure.id,
                                               excluding=venue.id if venue else None)
    initial = venue_form_data(venue) if venue is not None else {}
    if venue is not None:
        initial["commune_query"] = venue.commune.name if venue.commune else ""
        initial["commune_code"] = venue.commune_code
    return VenueForm(data=initial, siren=structure.siren, pricing_points=points)


def _commune(form: VenueForm, venue: Venue | None):
    if form.is_submitted():
        return resolve_commune(db.session, form.commune_code.data, form.commune_query.data)
    return (venue.commune if venue is not None else None), []


def _is_saving(form: VenueForm) -> bool:
    """Whether the post saves the venue, rather than moving or zooming the map."""
    if not form.is_submitted() or ZOOM_BUTTON in request.form:
        return False
    click = _map_click()
    view = form.map_view()
    if click is not None and view is not None:
        latitude, longitude, zoom = view
        point = Viewport(Point(latitude, longitude), zoom, MAP_SIZE, MAP_SIZE).unproject(*click)
        form.place_at(point.latitude, point.longitude)
        return False
    return form.validate()


def _map_click() -> tuple[int, int] | None:
    """The pixel clicked on the map, unless the image was activated from the keyboard."""
    try:
        x, y = int(request.form[f"{MAP_IMAGE}.x"]), int(request.form[f"{MAP_IMAGE}.y"])
    except (KeyError, ValueError):
        return None
    if (x, y) == (0, 0) or not (0 <= x <= MAP_SIZE and 0 <= y <= MAP_SIZE):
        return None
    return x, y


def _refused(form: VenueForm, error: VenueError) -> None:
    if not form.attach_error(error):
        flash(_(error.message), "error")


def _map_view(form: VenueForm, commune, venue: Venue | None) -> Viewport | None:
    """Where to draw the map: the typed or clicked point, else the commune's or the venue's."""
    zoom = DEFAULT_MAP_ZOOM
    posted = form.map_view()
    if posted is not None:
        zoom = posted[2]
    if ZOOM_BUTTON in request.form:
        zoom = clamp_zoom(zoom + (1 if request.form[ZOOM_BUTTON] == "plus" else -1))
    latitude, longitude = form.latitude.data, form.longitude.data
    valid = not (form.latitude.errors or form.longitude.errors)
    if latitude is not None and longitude is not None and valid \
            and -85 <= latitude <= 85 and -180 <= longitude <= 180:
        center = Point(latitude, longitude)
    elif commune is not None:
        center = Point(commune.latitude, commune.longitude)
    elif venue is not None and venue.latitude is not None:
        center = Point(venue.latitude, venue.longitude)
    else:
        return None
    return Viewport(center, zoom, MAP_SIZE, MAP_SIZE)


def _form_page(form: VenueForm, structure: Structure, venue: Venue | None, commune,
               candidates: list):
    commune_error = None
    if form.is_submitted() and commune is None:
        commune_error = _commune_error(form, candidates)
    saving_failed = bool(form.errors or commune_error)
    return render(
        "pro/venues/form.html", form=form, structure=structure, venue=venue, commune=commune,
        candidates=candidates, commune_error=commune_error,
        view=_map_view(form, commune, venue), map_size=MAP_SIZE,
        status=422 if saving_failed else 200,
    )


def _commune_error(form: VenueForm, candidates: list) -> str:
    if candidates:
        return _("Plusieurs communes correspondent : choisis la bonne dans la liste.")
    if (form.commune_query.data or "").strip():
        return _("Aucune commune ne correspond : vérifie le nom ou le code postal.")
    return _("Indique la commune du lieu.")
