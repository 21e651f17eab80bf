"""The cohort figures of an officer's territory: see them, upload a CSV that replaces the
estimate from the shipped populations, or remove it (docs/domain/7-territories.md, "Take-up
by age").

The refused lines are the answer to the upload itself, re-rendered with status 422, as the
catalogue import does: nothing was written, so there is nothing to redirect to.
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from models.db import utcnow
from models.statistics.cohort_file import (
    MAX_FILE_BYTES,
    CohortFileRefused,
    example_csv,
    read_cohort_file,
)
from models.statistics.cohorts import (
    mandate_scope,
    remove_cohorts,
    replace_cohorts,
    upload_of,
)
from models.statistics.periods import PARIS
from models.statistics.scopes import scope_name
from models.statistics.take_up import AGES, age_shares, estimated_cohort, population_of
from models.territories.repository import validated_mandate
from models.unit_of_work import atomic
from models.users.capacities import Capacity
from webapp.extensions import db
from webapp.forms.cohorts import CohortRemoveForm, CohortUploadForm
from webapp.security import requires
from webapp.templating import render

blueprint = Blueprint("territory_cohorts", __name__, url_prefix="/territoire/effectifs")


def _mandate():
    mandate = validated_mandate(db.session, current_user.id)
    if mandate is None:
        abort(403)
    return mandate


def _page(form: CohortUploadForm, *, refused=(), status: int = 200):
    mandate = _mandate()
    scope = mandate_scope(mandate)
    population = population_of(db.session, scope)
    return render(
        "territory/cohorts.html", form=form, remove_form=CohortRemoveForm(formdata=None),
        upload=upload_of(db.session, mandate), refused=refused, status=status,
        name=scope_name(db.session, scope) or scope.code, population=population,
        estimate=[(age, estimated_cohort(population, age), age_shares()[age]) for age in AGES],
        year=utcnow().astimezone(PARIS).year,
    )


@blueprint.get("/")
@requires(Capacity.TERRITORY)
def index():
    """Show the cohorts the dashboard uses for the officer's territory, and the upload form."""
    return _page(CohortUploadForm(formdata=None))


@blueprint.post("/")
@requires(Capacity.TERRITORY)
def upload():
    """Replace the estimate with the file's figures when every line is right; else say which
    lines are wrong and why, and keep what was there."""
    _mandate()
    form = CohortUploadForm()
    if not form.validate_on_submit():
        return _page(form, status=422)
    try:
        lines = read_cohort_file(form.file.data.stream.read(MAX_FILE_BYTES + 1))
    except CohortFileRefused as error:
        form.file.errors.append(_(error.message, **error.params))
        return _page(form, status=422)
    refused = [line for line in lines if line.reason is not None]
    if refused:
        form.file.errors.append(_(
            "%(count)s ligne(s) refusée(s) : rien n'a été enregistré. Corrige-les, puis envoie "
            "à nouveau le fichier.", count=len(refused)))
        return _page(form, refused=refused, status=422)
    with atomic(db.session):
        replace_cohorts(db.session, current_user.user, lines,
                        form.file.data.filename or "effectifs.csv", utcnow())
    flash(_("Les effectifs sont enregistrés : ils remplacent l'estimation sur le tableau de "
            "bord du territoire."), "success")
    return redirect(url_for("territory_cohorts.index"), 303)


@blueprint.post("/supprimer")
@requires(Capacity.TERRITORY)
def remove():
    """Go back to the estimate from the shipped populations."""
    _mandate()
    if not CohortRemoveForm().validate_on_submit():
        abort(400)
    with atomic(db.session):
        removed = remove_cohorts(db.session, current_user.user)
    if removed:
        flash(_("Les effectifs fournis sont supprimés : le tableau de bord reprend "
                "l'estimation."), "success")
    return redirect(url_for("territory_cohorts.index"), 303)


@blueprint.get("/modele.csv")
@requires(Capacity.TERRITORY)
def example():
    """Download the model file to fill in."""
    return Response(example_csv(), mimetype="text/csv", headers={
        "Content-Disposition": 'attachment; filename="effectifs-modele.csv"',
    })


# The French words of models/statistics/cohort_file.py and cohorts.py shown on the pages, listed
# word for word so that extraction finds them (as territory.STATISTICS_MESSAGES does); those of
# models/csv_upload.py are in webapp/domain_messages.py.
COHORT_MESSAGES = (
    _l("Ce fichier ne peut pas être lu."),
    _l("Seul un agent dont le rattachement au territoire est validé peut fournir ses "
       "effectifs."),
    _l("Séparateur non reconnu sur la ligne d'en-tête : sépare les colonnes par un "
       "point-virgule (;), une virgule (,) ou une tabulation."),
    _l("La colonne « %(name)s » apparaît deux fois dans l'en-tête."),
    _l("En-tête manquant : la première ligne doit nommer les colonnes age et effectif "
       "(et annee si besoin), par exemple « age;annee;effectif ». Pars du fichier modèle."),
    _l("Ce fichier CSV est mal formé (un guillemet n'est sans doute pas refermé)."),
    _l("Le fichier ne contient aucune ligne après l'en-tête."),
    _l("Le fichier compte %(count)s lignes : 500 au plus."),
    _l("âge manquant."),
    _l("l'âge « %(value)s » n'est pas un nombre entier."),
    _l("âge %(value)s inconnu : seuls les âges de %(first)s à %(last)s ans sont suivis."),
    _l("l'année « %(value)s » n'est pas une année entre %(first)s et %(last)s (laisse la case "
       "vide pour toutes les années)."),
    _l("effectif manquant."),
    _l("l'effectif « %(value)s » n'est pas un nombre entier."),
    _l("l'effectif ne peut pas être négatif (%(value)s)."),
    _l("l'effectif %(value)s est trop grand : 10 millions au plus."),
    _l("ligne vide."),
    _l("l'âge %(age)s figure déjà ligne %(line)s pour la même année."),
)
