import datetime as dt

import pytest

from models.users.models import User


@pytest.mark.parametrize(
    ("born", "day", "age"),
    [
        (dt.date(2008, 5, 10), dt.date(2026, 5, 9), 17),
        (dt.date(2008, 5, 10), dt.date(2026, 5, 10), 18),
        (dt.date(2008, 2, 29), dt.date(2026, 2, 28), 17),
        (dt.date(2008, 2, 29), dt.date(2026, 3, 1), 18),
    ],
)
def test_age_changes_on_the_birthday(born, day, age):
    assert User(date_of_birth=born).age_on(day) == age


def test_age_is_unknown_without_a_date_of_birth():
    assert User().age_on(dt.date(2026, 1, 1)) is None


def test_passwords_are_hashed_and_checked():
    user = User()
    user.set_password("Un-Mot-De-Passe-2026")
    assert user.password_hash != "Un-Mot-De-Passe-2026"
    assert user.check_password("Un-Mot-De-Passe-2026")
    assert not user.check_password("autre")
