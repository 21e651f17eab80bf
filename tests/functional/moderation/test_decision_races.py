"""Two members of staff deciding on the same offers at the same moment, through a live server:
each offer gets exactly one decision, one audit line and one e-mail (the row lock on PostgreSQL,
the write lock on SQLite; without the row lock it fails on PostgreSQL)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select

from models.audit.models import AuditEntry
from models.emails.models import OutboundEmail
from models.offers.models import Offer, Validation
from models.users.models import StaffPermission
from tests import factories
from tests.functional.moderation.conftest import held_offer
from tests.live_server import HttpClient, serving

pytestmark = pytest.mark.timeout(300)


@pytest.fixture
def base_url(app):
    with serving(app) as url:
        yield url


def moderator_client(session, base_url: str) -> HttpClient:
    staff = factories.staff(session, permissions=[StaffPermission.MODERATE])
    session.commit()
    client = HttpClient(base_url)
    client.sign_in(staff.email)
    return client


def test_an_approval_and_a_rejection_at_once_make_one_decision_per_offer(db_session, base_url):
    offers = [held_offer(db_session, name=f"Offre disputée {n}") for n in range(6)]
    members = [next(m.user.email for m in offer.venue.structure.memberships) for offer in offers]
    db_session.commit()
    approver, rejecter = (moderator_client(db_session, base_url) for _ in range(2))
    token_a = approver.csrf_token("/admin/moderation/")
    token_r = rejecter.csrf_token("/admin/moderation/")

    def approve(offer):
        return approver.request(f"/admin/moderation/offres/{offer.id}/valider",
                                {"csrf_token": token_a})[0]

    def reject(offer):
        return rejecter.request(f"/admin/moderation/offres/{offer.id}/refuser",
                                {"csrf_token": token_r, "reason": "Hors charte"})[0]

    calls = [lambda o=offer, act=act: act(o) for offer in offers for act in (approve, reject)]
    with ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(lambda call: call(), calls))
    assert set(statuses) == {303}
    db_session.expire_all()
    for offer, member in zip(offers, members, strict=True):
        decided = db_session.get(Offer, offer.id)
        assert decided.validation in (Validation.APPROVED, Validation.REJECTED)
        assert (decided.rejection_reason is not None) is (
            decided.validation is Validation.REJECTED)
        assert db_session.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.object_type == "offer", AuditEntry.object_id == str(offer.id))) == 1
        assert db_session.scalar(select(func.count()).select_from(OutboundEmail).where(
            OutboundEmail.recipient == member)) == 1
