import datetime as dt

import pytest

from models.db import utcnow


@pytest.fixture
def now() -> dt.datetime:
    return utcnow()
