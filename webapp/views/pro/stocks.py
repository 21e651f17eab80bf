"""The stocks of an offer: a thing's price and quantity, an event's price categories and dates,
a recurrence of dates previewed before it is created, moving and cancelling a date.

Rules: docs/domain/4-offers.md, "Stocks and dates". Every route names the offer, and a stock or
a price category of another offer, or of another structure, is "not found". Dates are typed and
shown on the wall clock of the pro's zone (Europe/Paris unless their commune says otherwise).
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from flask import Blueprint, abort, flash, redirect, request, url_for
from flask_babel import get_timezone, ngettext
from flask_babel import gettext as _
from werkzeug.routing import BuildError
from wtforms import SelectChoice

from models.db import utcnow
from models.errors import DomainError
from models.offers import stocks as commands
from models.offers.models import Offer, PriceCategory, Stock
from models.offers.recurrence import Recurrence, local_start
from models.offers.stock_repository import live_bookings_count, live_stocks, price_categories
from models.unit_of_work import atomic
from models.users.capacities import Capacity
from webapp.extensions import db
from webapp.forms.stocks import (
    RECURRENCE_FIELDS,
    ConfirmForm,
    EventStockForm,
    PriceCategoryForm,
    RecurrenceForm,
    ThingStockForm,
)
from webapp.security import object_or_404, requires
from webapp.templating import euros, render

blueprint = Blueprint("pro_stocks", __name__, url_prefix="/pro/offres/<int:offer_id>/stocks")


def zone() -> ZoneInfo:
    """The zone the pro reads dates in, which is also the one they type them in."""
    return ZoneInfo(str(get_timezone()))


def refuse(form, error: DomainError) -> None:
    """Put a domain refusal beside the field it names, or at the top of the form."""
    field = getattr(form, getattr(error, "field", None) or "", None)
    if field is not None:
        field.errors = [*field.errors, _(error.message)]
    else:
        form.form_errors.append(_(error.message))


def offer_url(offer: Offer) -> str | None:
    """The offer's own page, once the offers part of the pro area provides it."""
    try:
        return url_for("pro_offers.show", offer_id=offer.id)
    except BuildError:
        return None


def stock_or_404(offer: Offer, stock_id: int) -> Stock:
    stock = object_or_404(Stock, stock_id)
    if stock.offer_id != offer.id or stock.is_deleted:
        abort(404)
    return stock


def category_choices(offer: Offer) -> list[SelectChoice]:
    return [SelectChoice(category.id, f"{category.label} ({euros(category.price_cents)})")
            for category in price_categories(db.session, offer)]


def event_form(offer: Offer, stock: Stock | None = None, formdata=None) -> EventStockForm:
    form = EventStockForm(formdata=formdata) if formdata is not None else EventStockForm(
        formdata=None, **_event_values(stock))
    form.price_category_id.choices = category_choices(offer)
    return form


def _event_values(stock: Stock | None) -> dict:
    if stock is None:
        return {}
    start = stock.beginning_at.astimezone(zone())
    values = {"beginning_date": start.date(), "beginning_time": start.time().replace(second=0),
              "price_category_id": stock.price_category_id, "quantity": stock.quantity}
    if stock.booking_limit_at is not None:
        limit = stock.booking_limit_at.astimezone(zone())
        values.update(booking_limit_date=limit.date(), booking_limit_time=limit.time())
    return values


def event_instants(form: EventStockForm) -> dict:
    """The start and the booking limit typed, as UTC instants; a limit without time is 23:59."""
    start = local_start(form.beginning_date.data, form.beginning_time.data, zone())
    limit = None
    if form.booking_limit_date.data is not None:
        limit_time = form.booking_limit_time.data or start.time().replace(hour=23, minute=59)
        limit = local_start(form.booking_limit_date.data, limit_time, zone())
    return {"beginning_at": start, "booking_limit_at": limit,
            "price_category_id": form.price_category_id.data, "quantity": form.quantity.data}


def index_page(offer: Offer, *, stock_form=None, category_form=None, edited_category=None,
               status=200):
    """The offer's stocks and the forms that add to them."""
    stocks = live_stocks(db.session, offer)
    categories = price_categories(db.session, offer)
    if offer.subcategory.is_event:
        stock_form = stock_form or event_form(offer)
    else:
        thing = stocks[0] if stocks else None
        stock_form = stock_form or ThingStockForm(
            formdata=None, **({"price": thing.price_cents, "quantity": thing.quantity}
                              if thing else {}))
    category_forms = {
        category.id: PriceCategoryForm(formdata=None, label=category.label,
                                       price=category.price_cents, prefix=f"category-{category.id}")
        for category in categories
    }
    if edited_category is not None:
        category_forms[edited_category[0]] = edited_category[1]
    return render("pro/stocks/index.html", offer=offer, stocks=stocks, categories=categories,
                  stock_form=stock_form, category_form=category_form
                  or PriceCategoryForm(formdata=None, prefix="new-category"),
                  category_forms=category_forms, offer_url=offer_url(offer), status=status)


@blueprint.get("/")
@requires(Capacity.PRO)
def index(offer_id: int):
    """List the offer's stocks (dates, categories, places booked) with the forms to add some."""
    return index_page(object_or_404(Offer, offer_id))


@blueprint.post("/")
@requires(Capacity.PRO)
def add(offer_id: int):
    """Add a date to an event, or the stock of a thing (updated in place if it has one)."""
    offer = object_or_404(Offer, offer_id)
    if offer.subcategory.is_event:
        form = event_form(offer, formdata=request.form)
        values = event_instants(form) if form.validate() else None
    else:
        form = ThingStockForm()
        values = ({"price_cents": form.price.data, "quantity": form.quantity.data}
                  if form.validate() else None)
    if values is None:
        return index_page(offer, stock_form=form, status=422)
    existing = [] if offer.subcategory.is_event else live_stocks(db.session, offer)
    try:
        with atomic(db.session):
            if existing:
                commands.update_stock(db.session, existing[0], now=utcnow(), **values)
            else:
                commands.add_stock(db.session, offer, now=utcnow(), **values)
    except DomainError as error:
        refuse(form, error)
        return index_page(offer, stock_form=form, status=422)
    flash(_("Date ajoutée.") if offer.subcategory.is_event else _("Stock enregistré."), "success")
    return redirect(url_for(".index", offer_id=offer.id), 303)


@blueprint.route("/<int:stock_id>/modifier", methods=["GET", "POST"])
@requires(Capacity.PRO)
def edit(offer_id: int, stock_id: int):
    """Edit a date: its start, category, places and booking limit; people booked are told."""
    offer = object_or_404(Offer, offer_id)
    stock = stock_or_404(offer, stock_id)
    if not offer.subcategory.is_event:
        return redirect(url_for(".index", offer_id=offer.id), 303)
    form = event_form(offer, stock, formdata=request.form if request.method == "POST" else None)
    if request.method == "POST" and form.validate():
        try:
            with atomic(db.session):
                moved = commands.update_stock(db.session, stock, now=utcnow(),
                                              **event_instants(form))
        except DomainError as error:
            refuse(form, error)
        else:
            flash(_moved_message(len(moved)), "success")
            return redirect(url_for(".index", offer_id=offer.id), 303)
    return render("pro/stocks/edit.html", offer=offer, stock=stock, form=form,
                  status=422 if request.method == "POST" else 200)


def _moved_message(count: int) -> str:
    if not count:
        return _("Date modifiée.")
    return ngettext("Date modifiée : la personne qui a réservé a été prévenue par e-mail.",
                    "Date modifiée : les %(num)d personnes qui ont réservé ont été prévenues "
                    "par e-mail.", count)


@blueprint.route("/<int:stock_id>/annuler", methods=["GET", "POST"])
@requires(Capacity.PRO)
def cancel(offer_id: int, stock_id: int):
    """Ask for confirmation, then cancel the date and refund everyone booked on it."""
    offer = object_or_404(Offer, offer_id)
    stock = stock_or_404(offer, stock_id)
    form = ConfirmForm()
    if request.method == "POST" and form.validate():
        try:
            with atomic(db.session):
                cancelled = commands.cancel_stock(db.session, stock, utcnow())
        except DomainError as error:
            flash(_(error.message), "error")
            return redirect(url_for(".index", offer_id=offer.id), 303)
        flash(ngettext("Annulé : %(num)d réservation annulée et remboursée.",
                       "Annulé : %(num)d réservations annulées et remboursées.",
                       len(cancelled)), "success")
        return redirect(url_for(".index", offer_id=offer.id), 303)
    return render("pro/stocks/cancel.html", offer=offer, stock=stock, form=form,
                  bookings=live_bookings_count(db.session, stock),
                  status=400 if request.method == "POST" else 200)


@blueprint.post("/tarifs")
@requires(Capacity.PRO)
def add_category(offer_id: int):
    """Add a price category (label and price) to an event."""
    offer = object_or_404(Offer, offer_id)
    form = PriceCategoryForm(prefix="new-category")
    if form.validate():
        try:
            with atomic(db.session):
                commands.add_price_category(db.session, offer, form.label.data, form.price.data)
        except DomainError as error:
            refuse(form, error)
        else:
            flash(_("Tarif « %(label)s » ajouté.", label=form.label.data), "success")
            return redirect(url_for(".index", offer_id=offer.id), 303)
    return index_page(offer, category_form=form, status=422)


@blueprint.post("/tarifs/<int:price_category_id>")
@requires(Capacity.PRO)
def edit_category(offer_id: int, price_category_id: int):
    """Rename or reprice a category; its dates take the new price, bookings keep theirs."""
    offer = object_or_404(Offer, offer_id)
    category = db.session.get(PriceCategory, price_category_id)
    if category is None or category.offer_id != offer.id:
        abort(404)
    form = PriceCategoryForm(prefix=f"category-{category.id}")
    if form.validate():
        try:
            with atomic(db.session):
                commands.update_price_category(db.session, category, form.label.data,
                                               form.price.data)
        except DomainError as error:
            refuse(form, error)
        else:
            flash(_("Tarif « %(label)s » modifié.", label=form.label.data), "success")
            return redirect(url_for(".index", offer_id=offer.id), 303)
    db.session.expire_all()
    return index_page(offer, edited_category=(category.id, form), status=422)


def recurrence_form(offer: Offer, formdata=None) -> RecurrenceForm:
    form = RecurrenceForm(formdata=formdata) if formdata is not None else RecurrenceForm(
        formdata=None)
    form.price_category_id.choices = category_choices(offer)
    return form


def recurrence_values(form: RecurrenceForm) -> dict:
    """What the domain needs of a recurrence form that validated."""
    limit = None
    if form.limit_amount.data is not None:
        limit = commands.BookingLimitRule(form.limit_amount.data, form.limit_unit.data)
    return {
        "recurrence": Recurrence(frozenset(int(day) for day in form.weekdays.data), form.times(),
                                 form.first_day.data, form.last_day.data),
        "price_category_id": form.price_category_id.data,
        "booking_limit": limit, "quantity": form.quantity.data,
    }


def recurrence_page(offer: Offer, form: RecurrenceForm, status: int = 200):
    return render("pro/stocks/recurrence.html", offer=offer, form=form, status=status)


@blueprint.get("/recurrence")
@requires(Capacity.PRO)
def recurrence(offer_id: int):
    """The form of a recurrence: days of the week, times, a period, a category, places."""
    offer = object_or_404(Offer, offer_id)
    if not offer.subcategory.is_event:
        return redirect(url_for(".index", offer_id=offer.id))
    return recurrence_page(offer, recurrence_form(offer))


@blueprint.post("/recurrence/apercu")
@requires(Capacity.PRO)
def preview(offer_id: int):
    """List the dates the recurrence would create, with a form to confirm; nothing is written."""
    offer = object_or_404(Offer, offer_id)
    form = recurrence_form(offer, request.form)
    if request.form.get("action") == "edit":
        return recurrence_page(offer, form)
    if form.validate():
        values = recurrence_values(form)
        try:
            plan = commands.plan_recurrence(
                db.session, offer, values["recurrence"], zone=zone(), now=utcnow(),
                price_category_id=values["price_category_id"])
        except DomainError as error:
            refuse(form, error)
        else:
            hidden = [(name, value) for name in RECURRENCE_FIELDS
                      for value in request.form.getlist(name)]
            return render("pro/stocks/preview.html", offer=offer, plan=plan, hidden=hidden,
                          form=form, confirm_form=ConfirmForm(formdata=None))
    return recurrence_page(offer, form, status=422)


@blueprint.post("/recurrence")
@requires(Capacity.PRO)
def create_recurrence(offer_id: int):
    """Create the dates previewed; those already existing in the category are skipped."""
    offer = object_or_404(Offer, offer_id)
    form = recurrence_form(offer, request.form)
    if form.validate():
        try:
            with atomic(db.session):
                plan = commands.add_recurrence(db.session, offer, **recurrence_values(form),
                                               zone=zone(), now=utcnow())
        except DomainError as error:
            refuse(form, error)
        else:
            flash(_created_message(plan), "success")
            return redirect(url_for(".index", offer_id=offer.id), 303)
    return recurrence_page(offer, form, status=422)


def _created_message(plan: commands.RecurrencePlan) -> str:
    created = (ngettext("%(num)d date créée.", "%(num)d dates créées.", len(plan.new))
               if plan.new else _("Aucune date créée."))
    if not plan.duplicates:
        return created
    return created + " " + ngettext(
        "%(num)d date existait déjà dans ce tarif et a été ignorée.",
        "%(num)d dates existaient déjà dans ce tarif et ont été ignorées.", len(plan.duplicates))
