"""Commands that change accounts: sign-up, sign-in, e-mail confirmation, password and e-mail
changes.

Messages are queued in the outbox within the caller's transaction (see `models.emails.api`);
links in them are signed tokens (see `models.users.tokens`) turned into URLs by the web layer,
which hands in an `AccountLinks`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from models.db import start_write_transaction
from models.emails.api import queue_message
from models.emails.messages import Message
from models.users.exceptions import (
    EmailAlreadyConfirmed,
    EmailAlreadyUsed,
    InvalidCredentials,
    InvalidLink,
    SameEmail,
    SamePassword,
    UsedLink,
    WrongCurrentPassword,
)
from models.users.models import User
from models.users.repository import find_by_email, normalise_email
from models.users.tokens import TokenPurpose, make_token, password_fingerprint, read_token
from models.users.validation import check_date_of_birth, check_password_strength, signup_day

# Checked when no account matches, so that a sign-in takes as long whether the account exists
# or not and its duration tells nothing about who has an account.
_DUMMY_PASSWORD_HASH = generate_password_hash("not-a-real-password")
# The date of the terms of use in force (webapp/templates/account/terms.html): change it with
# their text, so that each account says which text its holder accepted.
TERMS_VERSION = "2026-11-23"


@dataclass(frozen=True)
class AccountLinks:
    """The absolute URLs put in e-mails, built by the web layer around a token."""

    confirm_email: Callable[[str], str]
    reset_password: Callable[[str], str]
    confirm_email_change: Callable[[str], str]
    forgotten_password: str


def end_sessions(user: User) -> None:
    """End every session of the person, on every device: their cookies open nothing any more.

    The web layer keeps the generation in each session it opens and refuses a session whose
    generation is not the account's current one.
    """
    user.session_generation = (user.session_generation or 0) + 1


def create_user(session: Session, email: str, password: str, **fields) -> User:
    """Create an account; the e-mail is unique whatever its case, even under concurrency.

    The account holds no capacity by itself: `is_beneficiary`, a membership, a mandate or
    staff permissions give it some (`models.users.capacities`).
    """
    if find_by_email(session, email) is not None:
        raise EmailAlreadyUsed()
    user = User(email=normalise_email(email), **fields)
    user.set_password(password)
    try:
        # The unique index settles a race between two sign-ups with the same address; the
        # savepoint keeps the caller's transaction usable after the refusal.
        with session.begin_nested():
            session.add(user)
            session.flush()
    except IntegrityError as error:
        raise EmailAlreadyUsed() from error
    return user


def authenticate(session: Session, email: str, password: str) -> User:
    """Return the account matching these credentials, or raise `InvalidCredentials`."""
    user = find_by_email(session, email)
    if user is None or user.anonymised_at is not None:
        check_password_hash(_DUMMY_PASSWORD_HASH, password)
        raise InvalidCredentials()
    if not user.check_password(password):
        raise InvalidCredentials()
    return user


def record_sign_in(user: User, now: dt.datetime) -> None:
    """Note when the person last signed in (shown in their data export)."""
    user.last_login_at = now


def sign_up(
    session: Session,
    *,
    email: str,
    password: str,
    date_of_birth: dt.date,
    locale: str | None,
    now: dt.datetime,
    secret_key: str,
    links: AccountLinks,
) -> User | None:
    """Create a young person's account and send the link that confirms the e-mail address.

    The sign-up form cannot be sent without accepting the terms of use: the version accepted
    and the moment are kept with the account.

    When the address already has an account, nothing is created and None is returned: the
    owner of the address is told by e-mail, and the caller answers exactly as for a new
    account, so that the form never reveals who has an account. The password is hashed either
    way, so that both answers take as long.
    """
    check_password_strength(password)
    check_date_of_birth(date_of_birth, signup_day(now))
    return _sign_up(
        session, email=email, password=password, locale=locale, now=now,
        secret_key=secret_key, links=links, is_beneficiary=True, date_of_birth=date_of_birth,
    )


def sign_up_pro(
    session: Session,
    *,
    email: str,
    password: str,
    locale: str | None,
    now: dt.datetime,
    secret_key: str,
    links: AccountLinks,
) -> User | None:
    """Create a cultural actor's account, holding no capacity until it joins a structure.

    Same password rules, confirmation link and silence about existing accounts as `sign_up`;
    the structure is declared once the address is confirmed (`models.offerers.api`).
    """
    return _sign_up(session, email=email, password=password, locale=locale, now=now,
                    secret_key=secret_key, links=links)


def _sign_up(session, *, email, password, locale, now, secret_key, links, **fields):
    check_password_strength(password)
    existing = find_by_email(session, email)
    if existing is None:
        try:
            user = create_user(
                session, email, password, locale=locale, created_at=now,
                terms_version=TERMS_VERSION, terms_accepted_at=now, **fields,
            )
        except EmailAlreadyUsed:
            # Another sign-up with the same address won the race: treat it as an account.
            existing = find_by_email(session, email)
        else:
            send_email_confirmation(session, user, now=now, secret_key=secret_key, links=links)
            return user
    generate_password_hash(password)
    queue_message(session, existing.email, existing.locale or locale,
                  Message.SIGNUP_WITH_EXISTING_ACCOUNT, link=links.forgotten_password)
    return None


def send_email_confirmation(
    session: Session, user: User, *, now: dt.datetime, secret_key: str, links: AccountLinks
) -> None:
    """Queue the message with the confirmation link, unless the address is confirmed already."""
    if user.email_confirmed_at is not None:
        raise EmailAlreadyConfirmed()
    token = make_token(
        secret_key, TokenPurpose.EMAIL_CONFIRMATION, {"user": user.id, "email": user.email}, now
    )
    queue_message(session, user.email, user.locale, Message.EMAIL_CONFIRMATION,
                  link=links.confirm_email(token))


def confirm_email(session: Session, token: str, *, now: dt.datetime, secret_key: str) -> User:
    """Mark the address in the link as confirmed; a link for an address since replaced fails."""
    # Opened from a link (a GET): the write lock is taken before reading what will change.
    start_write_transaction(session)
    payload = read_token(secret_key, TokenPurpose.EMAIL_CONFIRMATION, token, now)
    user = _live_user(session, payload.get("user"))
    if user.email != payload.get("email"):
        raise UsedLink()
    if user.email_confirmed_at is not None:
        raise EmailAlreadyConfirmed()
    user.email_confirmed_at = now
    return user


def request_password_reset(
    session: Session, email: str, *, now: dt.datetime, secret_key: str, links: AccountLinks
) -> None:
    """Send a reset link if an account uses `email`; do nothing, and say nothing, otherwise."""
    user = find_by_email(session, email)
    if user is None or user.anonymised_at is not None:
        return
    token = make_token(secret_key, TokenPurpose.PASSWORD_RESET, _reset_payload(user), now)
    queue_message(session, user.email, user.locale, Message.PASSWORD_RESET,
                  link=links.reset_password(token))


def user_for_reset(session: Session, token: str, *, now: dt.datetime, secret_key: str) -> User:
    """The account a reset link is for, if the link is still valid and unused."""
    payload = read_token(secret_key, TokenPurpose.PASSWORD_RESET, token, now)
    user = _live_user(session, payload.get("user"))
    if payload != _reset_payload(user):
        raise UsedLink()
    return user


def reset_password(
    session: Session, token: str, new_password: str, *, now: dt.datetime, secret_key: str
) -> User:
    """Set a new password through a reset link, which then stops working.

    Opening the link proves the person reads the mailbox, so the address counts as confirmed.
    """
    user = user_for_reset(session, token, now=now, secret_key=secret_key)
    check_password_strength(new_password)
    user.set_password(new_password)
    end_sessions(user)
    if user.email_confirmed_at is None:
        user.email_confirmed_at = now
    return user


def change_password(
    session: Session,
    user: User,
    current_password: str,
    new_password: str,
    *,
    links: AccountLinks,
) -> None:
    """Replace the password after checking the current one, and tell the person by e-mail."""
    if not user.check_password(current_password):
        raise WrongCurrentPassword()
    if current_password == new_password:
        raise SamePassword()
    check_password_strength(new_password)
    user.set_password(new_password)
    end_sessions(user)
    queue_message(session, user.email, user.locale, Message.PASSWORD_CHANGED,
                  link=links.forgotten_password)


def request_email_change(
    session: Session,
    user: User,
    current_password: str,
    new_email: str,
    *,
    now: dt.datetime,
    secret_key: str,
    links: AccountLinks,
) -> None:
    """Send a confirmation link to the new address and tell the current one.

    The link also carries a fingerprint of the password: changing the password cancels a change
    of address somebody else may have asked for.
    """
    if not user.check_password(current_password):
        raise WrongCurrentPassword()
    new_email = normalise_email(new_email)
    if new_email == user.email:
        raise SameEmail()
    if find_by_email(session, new_email) is not None:
        raise EmailAlreadyUsed()
    token = make_token(secret_key, TokenPurpose.EMAIL_CHANGE, _change_payload(user, new_email), now)
    queue_message(session, new_email, user.locale, Message.EMAIL_CHANGE_CONFIRMATION,
                  old_email=user.email, link=links.confirm_email_change(token))
    queue_message(session, user.email, user.locale, Message.EMAIL_CHANGE_NOTICE,
                  new_email=new_email, link=links.forgotten_password)


def email_change_for(
    session: Session, token: str, *, now: dt.datetime, secret_key: str
) -> tuple[User, str]:
    """The account and new address an e-mail change link is for, if it is valid and unused."""
    payload = read_token(secret_key, TokenPurpose.EMAIL_CHANGE, token, now)
    user = _live_user(session, payload.get("user"))
    new_email = payload.get("to")
    if not isinstance(new_email, str) or payload != _change_payload(user, new_email):
        raise UsedLink()
    return user, new_email


def confirm_email_change(
    session: Session, token: str, *, now: dt.datetime, secret_key: str
) -> User:
    """Switch the account to the new address of the link, confirmed by the opening itself."""
    user, new_email = email_change_for(session, token, now=now, secret_key=secret_key)
    if find_by_email(session, new_email) is not None:
        raise EmailAlreadyUsed()
    try:
        with session.begin_nested():
            user.email = new_email
            user.email_confirmed_at = now
            session.flush()
    except IntegrityError as error:
        raise EmailAlreadyUsed() from error
    return user


def _live_user(session: Session, user_id) -> User:
    user = session.get(User, user_id) if isinstance(user_id, int) else None
    if user is None or user.anonymised_at is not None:
        raise InvalidLink()
    return user


def _reset_payload(user: User) -> dict:
    return {"user": user.id, "password": password_fingerprint(user.password_hash)}


def _change_payload(user: User, new_email: str) -> dict:
    return {
        "user": user.id,
        "from": user.email,
        "to": new_email,
        "password": password_fingerprint(user.password_hash),
    }
