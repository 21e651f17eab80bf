"""The scheduled jobs for staff: each job's last runs, when, how long, what they did or why they
failed (docs/domain/jobs.md). Reading it needs the support permission, as the outbox does."""

from flask import Blueprint
from flask_babel import lazy_gettext as _l

from models.jobs.repository import latest_runs, summary_counts
from models.users.models import StaffPermission
from webapp.extensions import db
from webapp.security import requires_permission
from webapp.templating import render

blueprint = Blueprint("admin_jobs", __name__, url_prefix="/admin/taches")

JOB_LABELS = {
    "birthday_top_ups": _l("Anniversaires : compléments de crédit"),
    "expiry_reminders": _l("Rappels avant expiration des réservations"),
    "expire_unused_bookings": _l("Expiration des réservations non retirées"),
    "mark_past_events_used": _l("Événements passés marqués utilisés"),
    "purge_unconfirmed_accounts": _l("Purge des comptes jamais confirmés"),
    "erase_decided_identity_documents": _l("Effacement des pièces d'identité décidées"),
    "retry_emails": _l("Nouvel envoi des courriels en échec"),
    "statistics_aggregates": _l("Statistiques des territoires : agrégats"),
    "statistics_take_up": _l("Statistiques des territoires : taux de recours par âge"),
}
COUNT_LABELS = {
    "credits_changed": _l("crédits complétés ou déplacés"),
    "reminders_sent": _l("rappels envoyés"),
    "bookings_expired": _l("réservations expirées"),
    "bookings_used": _l("réservations marquées utilisées"),
    "accounts_anonymised": _l("comptes anonymisés"),
    "documents_erased": _l("pièces effacées"),
    "emails_retried": _l("courriels renvoyés"),
    "periods_refreshed": _l("périodes recalculées"),
    "days_counted": _l("jours comptés"),
}


@blueprint.get("/")
@requires_permission(StaffPermission.SUPPORT)
def runs():
    """List each scheduled job with its last runs, failures first in words."""
    histories = latest_runs(db.session)
    return render(
        "admin/jobs.html", histories=histories, labels=JOB_LABELS, count_labels=COUNT_LABELS,
        counts=summary_counts, failed=[history for history in histories if history.last_failed],
    )
