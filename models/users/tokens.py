"""Signed, time-limited links sent by e-mail: no table, the link carries what it proves.

A token is a payload signed with the app's secret key and a salt per purpose, so a link made
for one purpose never works for another. Tokens that must work only once carry a fingerprint
of what they change (the password hash, the current e-mail): once the change is made, the
fingerprint no longer matches and the link is refused as used.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from enum import Enum

from itsdangerous import BadData, SignatureExpired, TimestampSigner, URLSafeTimedSerializer

from models.users.exceptions import ExpiredLink, InvalidLink

# Longer strings are not tokens we made; refusing them early keeps decoding cheap.
MAX_TOKEN_LENGTH = 600


class TokenPurpose(Enum):
    EMAIL_CONFIRMATION = ("email-confirmation", dt.timedelta(hours=48))
    PASSWORD_RESET = ("password-reset", dt.timedelta(hours=1))
    EMAIL_CHANGE = ("email-change", dt.timedelta(hours=48))
    # An invitation to join a structure (`models.offerers.members`): a colleague may read it late.
    STRUCTURE_INVITATION = ("structure-invitation", dt.timedelta(days=7))

    def __init__(self, salt: str, validity: dt.timedelta):
        self.salt = f"passculture.{salt}"
        self.validity = validity


class _ClockedSigner(TimestampSigner):
    """A signer reading the time it is given, so that tests can age a token without sleeping."""

    def __init__(self, *args, now: dt.datetime, **kwargs):
        super().__init__(*args, **kwargs)
        self._timestamp = int(now.timestamp())

    def get_timestamp(self) -> int:
        return self._timestamp


def _serializer(secret_key: str, purpose: TokenPurpose, now: dt.datetime):
    return URLSafeTimedSerializer(
        secret_key, salt=purpose.salt, signer=_ClockedSigner, signer_kwargs={"now": now}
    )


def make_token(secret_key: str, purpose: TokenPurpose, payload: dict, now: dt.datetime) -> str:
    return _serializer(secret_key, purpose, now).dumps(payload)


def read_token(secret_key: str, purpose: TokenPurpose, token: str, now: dt.datetime) -> dict:
    """The payload of a token made for `purpose`; raise `ExpiredLink` or `InvalidLink`."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        raise InvalidLink()
    serializer = _serializer(secret_key, purpose, now)
    try:
        payload = serializer.loads(token, max_age=int(purpose.validity.total_seconds()))
    except SignatureExpired as error:
        raise ExpiredLink() from error
    except (BadData, UnicodeError, ValueError) as error:
        raise InvalidLink() from error
    if not isinstance(payload, dict):
        raise InvalidLink()
    return payload


def password_fingerprint(password_hash: str | None) -> str:
    """A short digest of the password hash: it changes with the password, and reveals nothing."""
    return hashlib.sha256((password_hash or "").encode()).hexdigest()[:16]
