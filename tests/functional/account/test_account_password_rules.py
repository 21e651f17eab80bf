"""Password rules: 12 to 72 characters with upper case, lower case, digit and symbol, checked
as the person types (an htmx partial) and again when the form is sent."""

from __future__ import annotations

import pytest

from models.users.exceptions import WeakPassword
from models.users.validation import check_password_strength
from tests.helpers import csrf_token, html

CHECK_PATH = "/mot-de-passe/verifier"


def test_the_length_limits_are_12_and_72_characters():
    check_password_strength("Aa1!" * 3)
    check_password_strength("Aa1!" * 18)
    assert len("Aa1!" * 18) == 72


@pytest.mark.parametrize(
    ("password", "missing"),
    [
        ("Un-Mot-de-passe-2026!", set()),
        ("Aa1!Aa1!Aa1!", set()),
        ("Aa1!Aa1!Aa1", {"min_length"}),
        ("A" + "a1!" * 24, {"max_length"}),
        ("A" + "a1!" * 23 + "aa", set()),
        ("un-mot-de-passe-2026!", {"upper"}),
        ("UN-MOT-DE-PASSE-2026!", {"lower"}),
        ("Un-Mot-de-passe-deux!", {"digit"}),
        ("UnMotDePasse2026", {"symbol"}),
        ("Un mot de passe 2026", {"symbol"}),
        ("Été-à-Noël-2026", set()),
        ("ÉTÉ-À-NOËL-2026", {"lower"}),
        ("Mot-de-passe-🎭-2026", set()),
        ("", {"min_length", "upper", "lower", "digit", "symbol"}),
        ("a", {"min_length", "upper", "digit", "symbol"}),
    ],
)
def test_password_rules(password, missing):
    if not missing:
        check_password_strength(password)
        return
    with pytest.raises(WeakPassword) as refused:
        check_password_strength(password)
    assert {rule.key for rule in refused.value.missing} == missing


def test_a_refusal_names_the_missing_rules_in_order():
    with pytest.raises(WeakPassword) as refused:
        check_password_strength("motdepasse")
    assert [rule.label for rule in refused.value.missing] == [
        "Au moins 12 caractères",
        "Une lettre majuscule",
        "Un chiffre",
        "Un symbole (par exemple ! ? - _ #)",
    ]


def check(client, password, field="password", **headers):
    token = csrf_token(client.get("/inscription"))
    return client.post(
        f"{CHECK_PATH}?field={field}", data={field: password},
        headers={"X-CSRFToken": token, "HX-Request": "true", **headers},
    )


def rule_states(fragment) -> dict[str, bool]:
    return {
        item.get_text(" ", strip=True).split(" : ", 1)[1]: "is-met" in item["class"]
        for item in fragment.select("li.password-rule")
    }


def test_the_inline_check_marks_each_rule_met_or_not(client):
    fragment = html(check(client, "motdepasse2026"))
    assert rule_states(fragment) == {
        "Au moins 12 caractères": True,
        "Au plus 72 caractères": True,
        "Une lettre majuscule": False,
        "Une lettre minuscule": True,
        "Un chiffre": True,
        "Un symbole (par exemple ! ? - _ #)": False,
    }


def test_each_state_is_said_in_words_not_only_shown(client):
    fragment = html(check(client, "motdepasse2026"))
    spoken = [item.select_one(".visually-hidden").get_text(strip=True)
              for item in fragment.select("li.password-rule")]
    assert spoken == ["Respectée :", "Respectée :", "À respecter :", "Respectée :",
                      "Respectée :", "À respecter :"]


def test_the_inline_check_updates_the_polite_status_out_of_band(client):
    status = html(check(client, "motdepasse2026")).find(id="password-rules-status")
    assert status["hx-swap-oob"] == "innerHTML"
    assert status.get_text(strip=True) == (
        "Règles à respecter encore : une lettre majuscule, un symbole (par exemple ! ? - _ #)."
    )


def test_the_status_says_when_every_rule_is_met(client):
    status = html(check(client, "Un-Mot-de-passe-2026!")).find(id="password-rules-status")
    assert status.get_text(strip=True) == "Toutes les règles du mot de passe sont respectées."


def test_the_page_keeps_a_polite_live_region_for_the_status(client):
    page = html(client.get("/inscription"))
    status = page.find(id="password-rules-status")
    assert status["role"] == "status"
    field = page.find(id="password")
    assert field["hx-trigger"] == "input changed delay:300ms"
    assert field["hx-target"] == "#password-rules-list"
    assert field["hx-params"] == "password"


def test_the_inline_check_partial_is_under_4_kb(client):
    response = check(client, "Un-Mot-de-passe-2026!" + "x" * 40)
    assert len(response.get_data()) < 4096
    assert "<html" not in response.get_data(as_text=True)


def test_the_inline_check_reads_a_prefixed_field(client):
    fragment = html(check(client, "Aa1!Aa1!Aa1!", field="password-password"))
    assert all(rule_states(fragment).values())
    assert fragment.find(id="password-password-rules-status")


@pytest.mark.parametrize("field", ["<script>", "a b", "x" * 100, "password\"onload"])
def test_the_inline_check_ignores_odd_field_names(client, field):
    response = check(client, "Aa1!Aa1!Aa1!", field=field)
    assert response.status_code == 200
    assert html(response).find(id="password-rules-status")


def test_the_inline_check_needs_the_csrf_token(client):
    response = client.post(CHECK_PATH, data={"password": "x"}, headers={"HX-Request": "true"})
    assert response.status_code == 400


def test_the_inline_check_copes_with_any_text(client):
    for password in ["", "é" * 10000, "\x01\x02", "🎭" * 80]:
        assert check(client, password).status_code == 200
    # A NUL character is refused for every form, before any view reads it.
    assert check(client, "\x00\x01").status_code == 400
