import pytest

from models.text import fold


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("Saint-Étienne", "saint etienne"),
        ("L'Haÿ-les-Roses", "l hay les roses"),
        ("  Brest ", "brest"),
        ("Œuvre", "œuvre"),
        ("Plougastel-Daoulas", "plougastel daoulas"),
    ],
)
def test_fold_removes_accents_case_and_separators(raw, folded):
    assert fold(raw) == folded
