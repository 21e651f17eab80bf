"""The signed link of an invitation to join a structure (docs/domain/6-structures.md)."""

from __future__ import annotations

import datetime as dt

import pytest

from models.offerers.exceptions import (
    InvitationExpired,
    InvitationInvalid,
    InvitationRevoked,
    InvitationUsed,
)
from models.offerers.members import INVITATION_VALIDITY, invitation_from_token, invitation_token
from models.offerers.models import StructureInvitation
from models.users.tokens import TokenPurpose, make_token

SECRET = "unit-test-secret"
SENT_AT = dt.datetime(2026, 3, 11, 9, 30, tzinfo=dt.UTC)


class Invitations:
    """A session holding a few invitations by id: all `invitation_from_token` asks of one."""

    def __init__(self, *invitations: StructureInvitation):
        self.rows = {invitation.id: invitation for invitation in invitations}

    def get(self, model, object_id):
        assert model is StructureInvitation
        return self.rows.get(object_id)


def sent_invitation(**fields) -> StructureInvitation:
    return StructureInvitation(id=7, structure_id=3, email="colin@theatre.example",
                               created_at=SENT_AT, **fields)


def read(session, token, now=SENT_AT):
    return invitation_from_token(session, token, now=now, secret_key=SECRET)


def test_a_link_opens_its_invitation():
    invitation = sent_invitation()
    token = invitation_token(invitation, secret_key=SECRET, now=SENT_AT)
    assert read(Invitations(invitation), token) is invitation


def test_a_link_is_valid_seven_days():
    assert dt.timedelta(days=7) == INVITATION_VALIDITY
    invitation = sent_invitation()
    token = invitation_token(invitation, secret_key=SECRET, now=SENT_AT)
    assert read(Invitations(invitation), token, SENT_AT + dt.timedelta(days=7)) is invitation


def test_a_link_older_than_seven_days_has_expired():
    invitation = sent_invitation()
    token = invitation_token(invitation, secret_key=SECRET, now=SENT_AT)
    with pytest.raises(InvitationExpired) as error:
        read(Invitations(invitation), token, SENT_AT + dt.timedelta(days=7, seconds=1))
    assert "expiré" in error.value.message


def test_a_tampered_link_is_invalid():
    invitation = sent_invitation()
    token = invitation_token(invitation, secret_key=SECRET, now=SENT_AT)
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    with pytest.raises(InvitationInvalid):
        read(Invitations(invitation), tampered)


def test_a_link_signed_with_another_key_is_invalid():
    invitation = sent_invitation()
    token = invitation_token(invitation, secret_key="another-secret", now=SENT_AT)
    with pytest.raises(InvitationInvalid):
        read(Invitations(invitation), token)


def test_a_link_made_for_another_purpose_is_invalid():
    invitation = sent_invitation()
    token = make_token(SECRET, TokenPurpose.EMAIL_CONFIRMATION, {"invitation": 7}, SENT_AT)
    with pytest.raises(InvitationInvalid):
        read(Invitations(invitation), token)


@pytest.mark.parametrize("payload", [{}, {"invitation": "7"}, {"invitation": True},
                                     {"invitation": 7.0}])
def test_a_signed_payload_without_an_invitation_number_is_invalid(payload):
    token = make_token(SECRET, TokenPurpose.STRUCTURE_INVITATION, payload, SENT_AT)
    with pytest.raises(InvitationInvalid):
        read(Invitations(sent_invitation()), token)


@pytest.mark.parametrize("token", ["", "x" * 601, "not.a.token", "é"])
def test_garbage_is_invalid(token):
    with pytest.raises(InvitationInvalid):
        read(Invitations(sent_invitation()), token)


def test_a_link_to_an_invitation_that_no_longer_exists_is_invalid():
    token = invitation_token(sent_invitation(), secret_key=SECRET, now=SENT_AT)
    with pytest.raises(InvitationInvalid):
        read(Invitations(), token)


def test_a_link_is_useless_once_its_invitation_is_accepted():
    invitation = sent_invitation(accepted_at=SENT_AT + dt.timedelta(hours=1))
    token = invitation_token(invitation, secret_key=SECRET, now=SENT_AT)
    with pytest.raises(InvitationUsed):
        read(Invitations(invitation), token, SENT_AT + dt.timedelta(hours=2))


def test_a_link_is_useless_once_its_invitation_is_revoked():
    invitation = sent_invitation(revoked_at=SENT_AT + dt.timedelta(hours=1))
    token = invitation_token(invitation, secret_key=SECRET, now=SENT_AT)
    with pytest.raises(InvitationRevoked):
        read(Invitations(invitation), token, SENT_AT + dt.timedelta(hours=2))
