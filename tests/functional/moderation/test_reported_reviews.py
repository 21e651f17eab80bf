"""Staff decide on reported reviews: hide (the author is told why, the reporters thanked) or keep
(the reporters told it stays); the reports are resolved and the decision audited."""

from __future__ import annotations

from sqlalchemy import select

from models.audit.models import AuditEntry
from models.emails.models import OutboundEmail
from models.social.models import Review, ReviewReport
from tests.functional.moderation.conftest import reported_review
from tests.helpers import csrf_token, html

QUEUE = "/admin/avis/"


def decide(client, review, action, **data):
    page = f"{QUEUE}{review.id}"
    return client.post(f"{page}/{action}",
                       data={"csrf_token": csrf_token(client.get(page)), **data})


def fresh_review(session, review) -> Review:
    session.rollback()
    session.expire_all()
    return session.get(Review, review.id)


def mail_of(session, address) -> list[OutboundEmail]:
    session.rollback()
    return session.scalars(select(OutboundEmail).where(OutboundEmail.recipient == address)).all()


def open_reports(session, review) -> int:
    session.rollback()
    return len(session.scalars(select(ReviewReport).where(
        ReviewReport.review_id == review.id, ReviewReport.resolved_at.is_(None))).all())


def test_the_queue_lists_reported_reviews_with_their_count(client, db_session, moderator):
    review, _author, _reporters = reported_review(db_session, reporters=2)
    db_session.commit()
    [row] = html(client.get(QUEUE)).select("tbody tr")
    assert row.th.a["href"] == f"{QUEUE}{review.id}"
    assert row.find_all("td")[1].get_text(strip=True) == "2"


def test_hiding_a_review_tells_the_author_why_and_thanks_the_reporters(
        client, db_session, moderator):
    review, author, reporters = reported_review(db_session, reporters=2)
    db_session.commit()
    response = decide(client, review, "masquer", reason="Propos injurieux")
    assert response.status_code == 303 and response.location.endswith(QUEUE)
    hidden = fresh_review(db_session, review)
    assert hidden.hidden_at is not None and hidden.hidden_by_id == moderator.id
    assert open_reports(db_session, review) == 0
    [to_author] = mail_of(db_session, author.email)
    assert "masqué" in to_author.subject and "Propos injurieux" in to_author.body_text
    for reporter in reporters:
        [thanks] = mail_of(db_session, reporter.email)
        assert "pris en compte" in thanks.subject
    entry = db_session.scalars(select(AuditEntry)).one()
    assert (entry.actor_id, entry.action, entry.object_id, entry.details["reason"]) == (
        moderator.id, "review.hide", str(review.id), "Propos injurieux")


def test_keeping_a_review_leaves_it_visible_and_tells_the_reporters_only(
        client, db_session, moderator):
    review, author, [reporter] = reported_review(db_session)
    db_session.commit()
    assert decide(client, review, "conserver").status_code == 303
    assert fresh_review(db_session, review).hidden_at is None
    assert open_reports(db_session, review) == 0
    assert mail_of(db_session, author.email) == []
    [told] = mail_of(db_session, reporter.email)
    assert "reste visible" in told.body_text
    assert db_session.scalars(select(AuditEntry.action)).all() == ["review.keep"]
    assert html(client.get(QUEUE)).select("tbody tr") == []


def test_hiding_needs_a_reason_said_beside_the_field(client, db_session, moderator):
    review, _author, _reporters = reported_review(db_session)
    db_session.commit()
    response = decide(client, review, "masquer", reason="")
    assert response.status_code == 422
    assert html(response).find("textarea", attrs={"name": "reason"})["aria-invalid"] == "true"
    assert open_reports(db_session, review) == 1


def test_a_second_decision_on_the_same_reports_is_refused(client, db_session, moderator):
    review, _author, [reporter] = reported_review(db_session)
    db_session.commit()
    page = f"{QUEUE}{review.id}"
    token = csrf_token(client.get(page))
    client.post(f"{page}/conserver", data={"csrf_token": token})
    response = client.post(f"{page}/masquer", data={"csrf_token": token, "reason": "Non"},
                           follow_redirects=True)
    assert "déjà été traités" in html(response).get_text()
    assert fresh_review(db_session, review).hidden_at is None
    assert len(mail_of(db_session, reporter.email)) == 1
