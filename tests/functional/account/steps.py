"""What a person does in the account journey, through the test client and the real forms."""

from __future__ import annotations

import datetime as dt

from tests.helpers import csrf_token, html

SIGNUP_PATH = "/inscription"
STRONG_PASSWORD = "Un-Mot-de-passe-2026!"


def birth_date_for_age(age: int, today: dt.date | None = None) -> dt.date:
    """A date of birth giving `age` today, the birthday about two months ago."""
    today = today or dt.date.today()
    return dt.date(today.year - age, today.month, 1) - dt.timedelta(days=60)


def signup_data(**overrides) -> dict:
    born = overrides.pop("born", birth_date_for_age(16))
    data = {
        "email": "camille@example.org",
        "password": STRONG_PASSWORD,
        "date_of_birth-day": str(born.day),
        "date_of_birth-month": str(born.month),
        "date_of_birth-year": str(born.year),
        "accept_terms": "y",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def submit(client, form_path: str, data: dict, *, action: str | None = None, **kwargs):
    """Send a form as a browser would, its CSRF token read from the page that shows it.

    The response is closed, as a server does once it is sent: e-mail queued by the request is
    delivered at that moment.
    """
    token = csrf_token(client.get(form_path))
    response = client.post(action or form_path, data={"csrf_token": token, **data}, **kwargs)
    response.close()
    return response


def sign_up(client, **overrides):
    return submit(client, SIGNUP_PATH, signup_data(**overrides))


def confirm(client, link: str, **kwargs):
    """Open an e-mail confirmation link, then press its button, as a person does."""
    return submit(client, link, {}, **kwargs)


def field_error(response, field_id: str) -> str:
    """The error text tied to a field through aria-describedby."""
    page = html(response)
    error = page.find(id=f"{field_id}-error")
    assert error is not None, f"no error shown for {field_id}"
    return error.get_text(" ", strip=True)


def error_ids(response) -> set[str]:
    return {element["id"] for element in html(response).select(".field-error")}
