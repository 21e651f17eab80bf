"""One unit of work per command: `atomic` commits or rolls back once, nests, and runs the side
effects queued in it (e-mails) only after it has committed, whoever commits it."""

import pytest
from sqlalchemy import func, select

from models.emails.api import queue_email
from models.emails.models import OutboundEmail
from models.errors import DomainError
from models.unit_of_work import UnitOfWorkFailed, atomic, on_commit


class Refused(DomainError):
    message = "Refusé."


@pytest.fixture
def sessionmaker(app):
    return app.extensions["database"]["sessionmaker"]


@pytest.fixture
def sent(app, monkeypatch):
    """The recipients of the messages the app delivers, in order."""
    mailer = app.extensions["mail"]
    recipients = []
    deliver_one = mailer._deliver_one

    def record(email):
        recipients.append(email.recipient)
        return deliver_one(email)

    monkeypatch.setattr(mailer, "_deliver_one", record)
    return recipients


def _emails_to(sessionmaker, recipient) -> int:
    with sessionmaker() as session:
        return session.scalar(
            select(func.count()).select_from(OutboundEmail)
            .where(OutboundEmail.recipient == recipient)
        )


def _command(session, recipient, *, fail=False):
    """A domain command that tells someone, then maybe refuses."""
    queue_email(session, recipient, "Sujet", "Corps")
    if fail:
        raise Refused()


def test_a_unit_of_work_commits_once_at_its_end(sessionmaker, sent):
    with sessionmaker() as session:
        with atomic(session):
            _command(session, "a@example.org")
            assert _emails_to(sessionmaker, "a@example.org") == 0
            assert sent == []
        assert _emails_to(sessionmaker, "a@example.org") == 1
    assert sent == ["a@example.org"]


def test_an_inner_unit_joins_the_outer_one_and_does_not_commit(sessionmaker, sent):
    with sessionmaker() as session:
        with atomic(session):
            with atomic(session):
                _command(session, "inner@example.org")
            assert _emails_to(sessionmaker, "inner@example.org") == 0
            assert sent == []
        assert _emails_to(sessionmaker, "inner@example.org") == 1
    assert sent == ["inner@example.org"]


def test_an_email_queued_in_a_command_that_fails_is_never_sent(sessionmaker, sent):
    with sessionmaker() as session:
        with pytest.raises(Refused), atomic(session):
            _command(session, "refused@example.org", fail=True)
        # The session goes on: the next unit sends its own message, not the refused one.
        with atomic(session):
            _command(session, "next@example.org")
    assert _emails_to(sessionmaker, "refused@example.org") == 0
    assert sent == ["next@example.org"]


def test_a_failure_swallowed_between_two_units_rolls_back_everything(sessionmaker, sent):
    with sessionmaker() as session, pytest.raises(UnitOfWorkFailed), atomic(session):
        _command(session, "outer@example.org")
        try:
            with atomic(session):
                _command(session, "inner@example.org", fail=True)
        except Refused:
            pass
    assert _emails_to(sessionmaker, "outer@example.org") == 0
    assert sent == []


def test_callbacks_run_once_after_commit_and_never_after_rollback(sessionmaker):
    calls = []
    with sessionmaker() as session:
        with pytest.raises(Refused), atomic(session):
            on_commit(session, lambda: calls.append("rolled back"))
            raise Refused()
        with atomic(session):
            on_commit(session, lambda: calls.append("committed"))
            assert calls == []
        with atomic(session):
            pass
    assert calls == ["committed"]


def test_a_failing_callback_does_not_undo_the_commit(sessionmaker, sent):
    with sessionmaker() as session, atomic(session):
        _command(session, "kept@example.org")
        on_commit(session, lambda: 1 / 0)
    assert _emails_to(sessionmaker, "kept@example.org") == 1
    assert sent == ["kept@example.org"]


def test_a_job_run_from_the_cli_sends_its_emails(app, runner, sessionmaker, sent, monkeypatch):
    from models.jobs import registry

    def expire_and_tell(session, now):
        queue_email(session, "job@example.org", "Réservation expirée", "Corps")
        return {"bookings_expired": 1}

    monkeypatch.setattr(registry, "JOBS", (registry.Job("expire_unused_bookings",
                                                         expire_and_tell),))
    result = runner.invoke(args=["jobs", "run"])
    assert result.exit_code == 0, result.output
    assert "bookings expired: 1" in result.output
    assert sent == ["job@example.org"]
    with sessionmaker() as session:
        email = session.scalars(
            select(OutboundEmail).where(OutboundEmail.recipient == "job@example.org")
        ).one()
        assert email.sent_at is not None
