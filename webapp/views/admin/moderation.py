"""Staff moderation of offers: the queue of held offers, approving or rejecting them, the rules
that hold them and the structures under watch (docs/domain/moderation.md)."""

from __future__ import annotations

from types import SimpleNamespace

from flask import Blueprint, abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user

from models.db import utcnow
from models.errors import DomainError
from models.moderation import api
from models.moderation.exceptions import InvalidRule
from models.moderation.models import ModerationRule, RuleKind
from models.moderation.repository import (
    QUEUE_PAGE_SIZE,
    all_rules,
    count_held_offers,
    held_offer,
    held_offers,
    watched_structures,
)
from models.moderation.validation import RuleSettings
from models.offerers.models import Structure
from models.unit_of_work import atomic
from models.users.models import StaffPermission
from webapp.extensions import db
from webapp.forms.moderation import (
    KIND_SLUGS,
    RULE_FORMS,
    ActionForm,
    BulkApproveForm,
    RejectOfferForm,
    SwitchRuleForm,
    WatchStructureForm,
)
from webapp.security import requires_permission
from webapp.templating import render

blueprint = Blueprint("admin_moderation", __name__, url_prefix="/admin/moderation")
MODERATE = StaffPermission.MODERATE
MAX_PAGE = 10_000
KIND_LABELS = {
    RuleKind.WORDS: _l("Mots dans le titre ou la description"),
    RuleKind.PRICE: _l("Prix au-dessus d'un seuil"),
    RuleKind.NEW_STRUCTURE: _l("Premières offres d'une structure récente"),
    RuleKind.WATCHED_STRUCTURE: _l("Structures sous surveillance"),
}


def _run(command, target: str, success):
    """Run a domain command in one unit of work; flash its outcome and go to `target`."""
    try:
        with atomic(db.session):
            result = command()
    except DomainError as error:
        flash(_(error.message), "error")
    else:
        flash(success(result), "success")
    return redirect(target, 303)


@blueprint.get("/")
@requires_permission(MODERATE)
def queue():
    """List the offers held for review, oldest first, a page at a time, with the rules each
    matched."""
    total = count_held_offers(db.session)
    pages = max(1, -(-total // QUEUE_PAGE_SIZE))
    page = request.args.get("page", "1")
    page = min(int(page), pages) if page.isdigit() and 0 < int(page) <= MAX_PAGE else 1
    return render("admin/moderation_queue.html",
                  held=held_offers(db.session, page, QUEUE_PAGE_SIZE),
                  total=total, page=page, pages=pages, form=BulkApproveForm())


@blueprint.post("/valider")
@requires_permission(MODERATE)
def bulk_approve():
    """Approve every offer ticked in the queue; those decided meanwhile are counted apart."""
    form = BulkApproveForm()
    if not form.validate_on_submit():
        flash(" ".join(map(str, form.offer_ids.errors)) or _("La page a expiré. Recharge-la."),
              "error")
        return redirect(url_for(".queue"), 303)

    def done(result):
        approved, skipped = result
        message = ngettext("%(num)d offre validée.", "%(num)d offres validées.", len(approved))
        if skipped:
            message += " " + ngettext(
                "%(num)d était déjà décidée par un autre membre de l'équipe.",
                "%(num)d étaient déjà décidées par un autre membre de l'équipe.", skipped)
        return message

    return _run(lambda: api.bulk_approve(db.session, current_user.user, form.offer_ids.data,
                                         utcnow()), url_for(".queue"), done)


@blueprint.get("/offres/<int:offer_id>")
@requires_permission(MODERATE)
def offer(offer_id: int):
    """Show an offer held for review, the rules it matched and the decision forms."""
    return _offer_page(offer_id, RejectOfferForm(formdata=None))


@blueprint.post("/offres/<int:offer_id>/valider")
@requires_permission(MODERATE)
def approve(offer_id: int):
    """Approve the offer: young people see it once its structure is validated."""
    if not ActionForm().validate_on_submit():
        abort(400)
    return _run(lambda: api.approve(db.session, current_user.user, offer_id, utcnow()),
                url_for(".queue"), lambda offer: _("« %(name)s » est validée.", name=offer.name))


@blueprint.post("/offres/<int:offer_id>/refuser")
@requires_permission(MODERATE)
def reject(offer_id: int):
    """Reject the offer with a reason its structure reads on the offer and by e-mail."""
    form = RejectOfferForm()
    if not form.validate_on_submit():
        return _offer_page(offer_id, form, status=422)
    return _run(
        lambda: api.reject(db.session, current_user.user, offer_id, form.reason.data, utcnow()),
        url_for(".queue"), lambda offer: _("« %(name)s » est refusée.", name=offer.name))


def _offer_page(offer_id: int, reject_form: RejectOfferForm, status: int = 200):
    held = held_offer(db.session, offer_id) or abort(404)
    return render("admin/moderation_offer.html", status=status, held=held,
                  approve_form=ActionForm(), reject_form=reject_form)


@blueprint.get("/regles")
@requires_permission(MODERATE)
def rules():
    """List the rules, switched on or off, with the links to add one of each kind."""
    return render("admin/moderation_rules.html", rules=all_rules(db.session),
                  kind_labels=KIND_LABELS, slugs={kind: slug for slug, kind in KIND_SLUGS.items()},
                  switch_form=SwitchRuleForm())


@blueprint.route("/regles/nouvelle", methods=["GET", "POST"])
@requires_permission(MODERATE)
def new_rule():
    """Add a rule of the kind named in the URL (`?type=mots`); without one, list the kinds."""
    kind = KIND_SLUGS.get(request.args.get("type", ""))
    if kind is None:
        return redirect(url_for(".rules"), 303)
    form = RULE_FORMS[kind]()
    if not form.validate_on_submit():
        return _rule_page(form, kind, None, status=422 if form.errors else 200)
    return _save_rule(form, kind, None, lambda settings: api.create_rule(
        db.session, current_user.user, kind, settings, utcnow()))


@blueprint.route("/regles/<int:rule_id>", methods=["GET", "POST"])
@requires_permission(MODERATE)
def edit_rule(rule_id: int):
    """Change a rule's name and settings."""
    rule = db.session.get(ModerationRule, rule_id) or abort(404)
    form = RULE_FORMS[rule.kind](obj=_as_form_data(rule))
    if not form.validate_on_submit():
        return _rule_page(form, rule.kind, rule, status=422 if form.errors else 200)
    return _save_rule(form, rule.kind, rule, lambda settings: api.update_rule(
        db.session, current_user.user, rule, settings, utcnow()))


@blueprint.post("/regles/<int:rule_id>/etat")
@requires_permission(MODERATE)
def switch_rule(rule_id: int):
    """Switch a rule on or off."""
    rule = db.session.get(ModerationRule, rule_id) or abort(404)
    form = SwitchRuleForm()
    if not form.validate_on_submit():
        abort(400)
    active = form.active.data == "on"
    return _run(lambda: api.switch_rule(db.session, current_user.user, rule, active, utcnow()),
                url_for(".rules"), lambda _result: (
                    _("« %(label)s » est activée.", label=rule.label) if active
                    else _("« %(label)s » est désactivée.", label=rule.label)))


def _as_form_data(rule: ModerationRule) -> SimpleNamespace:
    return SimpleNamespace(
        label=rule.label, words=rule.words, subcategory_id=rule.subcategory_id or "",
        price_threshold=rule.price_threshold_cents, first_offers=rule.first_offers,
        structure_age_days=rule.structure_age_days)


def _settings(form) -> RuleSettings:
    values = {name: form[name].data for name in ("words", "subcategory_id", "first_offers",
                                                 "structure_age_days") if name in form}
    if "price_threshold" in form:
        values["price_threshold_cents"] = form.price_threshold.data
    return RuleSettings(label=form.label.data, **values)


def _save_rule(form, kind: RuleKind, rule: ModerationRule | None, command):
    try:
        with atomic(db.session):
            command(_settings(form))
    except InvalidRule as error:
        for name, message in error.fields.items():
            form[name].errors.append(_(message))
        return _rule_page(form, kind, rule, status=422)
    flash(_("La règle « %(label)s » est enregistrée.", label=form.label.data), "success")
    return redirect(url_for(".rules"), 303)


def _rule_page(form, kind: RuleKind, rule: ModerationRule | None, status: int = 200):
    slug = next(slug for slug, known in KIND_SLUGS.items() if known is kind)
    return render("admin/moderation_rule_form.html", status=status, form=form, rule=rule,
                  kind_label=KIND_LABELS[kind], slug=slug)


@blueprint.route("/structures", methods=["GET", "POST"])
@requires_permission(MODERATE)
def structures():
    """List the structures under watch, and flag one more by its SIREN."""
    form = WatchStructureForm()
    if form.validate_on_submit():
        try:
            with atomic(db.session):
                api.watch_structure(db.session, current_user.user, form.siren.data,
                                    form.reason.data, utcnow())
        except DomainError as error:
            form.siren.errors.append(_(error.message))
        else:
            flash(_("La structure est sous surveillance : ses prochaines offres vous "
                    "attendront."), "success")
            return redirect(url_for(".structures"), 303)
    return render("admin/moderation_structures.html", watched=watched_structures(db.session),
                  form=form, lift_form=ActionForm(), status=422 if form.errors else 200)


@blueprint.post("/structures/<int:structure_id>/lever")
@requires_permission(MODERATE)
def unwatch(structure_id: int):
    """Lift the watch on a structure."""
    structure = db.session.get(Structure, structure_id) or abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    return _run(lambda: api.unwatch_structure(db.session, current_user.user, structure),
                url_for(".structures"),
                lambda _result: _("%(name)s n'est plus sous surveillance.", name=structure.name))
