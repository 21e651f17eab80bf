"""Accounts: sign-up, sign-in and out, e-mail confirmation, forgotten password, and the security
page where anybody signed in changes their e-mail address or password.

Links sent by e-mail carry signed tokens; the rules and the tokens live in `models.users`.
Forms sent too often are shown again with a French message and status 429 (`rate_limits`);
the limits themselves are configuration (`RATELIMIT_*` in `webapp.config`).
"""

from webapp.views.account import password, rate_limits, security, signin, signup  # noqa: F401
from webapp.views.account.base import blueprint

__all__ = ["blueprint"]
