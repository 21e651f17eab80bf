"""Staff write the rules in the back-office: create one of each kind, edit, switch off and on,
flag a structure for review; a wrong setting is said beside its field; each change is audited."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from models.audit.models import AuditEntry
from models.moderation.models import ModerationRule, RuleKind, WatchedStructure
from tests import factories
from tests.functional.moderation.conftest import make_rule
from tests.helpers import csrf_token, html

RULES = "/admin/moderation/regles"


def post(client, page, **data):
    return client.post(page, data={"csrf_token": csrf_token(client.get(page)), **data})


def saved_rules(session) -> list[ModerationRule]:
    session.rollback()
    session.expire_all()
    return session.scalars(select(ModerationRule).order_by(ModerationRule.id)).all()


def actions(session) -> list[str]:
    session.rollback()
    return session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()


@pytest.mark.parametrize(("slug", "data", "expected"), [
    ("mots", {"label": "Mots", "words": " arnaque \n\nvente privée\narnaque"},
     {"kind": RuleKind.WORDS, "words": "arnaque\nvente privée"}),
    ("prix", {"label": "Livres chers", "subcategory_id": "LIVRE_PAPIER",
              "price_threshold": "150,50"},
     {"kind": RuleKind.PRICE, "subcategory_id": "LIVRE_PAPIER", "price_threshold_cents": 15050}),
    ("prix", {"label": "Tout cher", "subcategory_id": "", "price_threshold": "200"},
     {"kind": RuleKind.PRICE, "subcategory_id": None, "price_threshold_cents": 20000}),
    ("nouvelle-structure", {"label": "Nouvelles", "first_offers": "3",
                            "structure_age_days": "30"},
     {"kind": RuleKind.NEW_STRUCTURE, "first_offers": 3, "structure_age_days": 30}),
    ("structures-surveillees", {"label": "Surveillées"}, {"kind": RuleKind.WATCHED_STRUCTURE}),
])
def test_staff_create_a_rule_of_each_kind_switched_on(client, db_session, moderator, slug, data,
                                                      expected):
    response = post(client, f"{RULES}/nouvelle?type={slug}", **data)
    assert response.status_code == 303
    [rule] = saved_rules(db_session)
    assert rule.is_active and rule.label == data["label"]
    assert {name: getattr(rule, name) for name in expected} == expected
    assert actions(db_session) == ["moderation_rule.create"]


@pytest.mark.parametrize(("slug", "data", "field"), [
    ("mots", {"label": "Mots", "words": ""}, "words"),
    ("mots", {"label": "", "words": "arnaque"}, "label"),
    ("prix", {"label": "Cher", "price_threshold": "300"}, "price_threshold"),
    ("prix", {"label": "Cher", "price_threshold": "douze"}, "price_threshold"),
    ("nouvelle-structure", {"label": "N", "first_offers": "0", "structure_age_days": "30"},
     "first_offers"),
    ("nouvelle-structure", {"label": "N", "first_offers": "3", "structure_age_days": ""},
     "structure_age_days"),
])
def test_a_wrong_setting_is_said_beside_its_field_and_nothing_is_saved(
        client, db_session, moderator, slug, data, field):
    response = post(client, f"{RULES}/nouvelle?type={slug}", **data)
    assert response.status_code == 422
    control = html(response).find(attrs={"name": field})
    assert control["aria-invalid"] == "true"
    assert html(response).find(id=f"{field}-error") is not None
    assert saved_rules(db_session) == []


def test_the_new_rule_page_without_a_kind_goes_back_to_the_rules(client, moderator):
    response = client.get(f"{RULES}/nouvelle?type=autre")
    assert response.status_code == 303 and response.location.endswith(RULES)


def test_staff_edit_a_rule_and_the_change_is_audited(client, db_session, moderator):
    rule = make_rule(db_session, RuleKind.NEW_STRUCTURE, label="Nouvelles", first_offers=3,
                     structure_age_days=30)
    db_session.commit()
    page = f"{RULES}/{rule.id}"
    form = html(client.get(page))
    assert form.find("input", attrs={"name": "first_offers"})["value"] == "3"
    response = post(client, page, label="Nouvelles", first_offers="5", structure_age_days="30")
    assert response.status_code == 303
    assert saved_rules(db_session)[0].first_offers == 5
    db_session.rollback()
    entry = db_session.scalars(select(AuditEntry)).one()
    assert (entry.action, entry.details) == ("moderation_rule.update",
                                             {"changes": {"first_offers": [3, 5]}})


def test_staff_switch_a_rule_off_then_on(client, db_session, moderator):
    rule = make_rule(db_session, RuleKind.WORDS, label="Mots", words="arnaque")
    db_session.commit()
    for active, expected in [("off", False), ("on", True)]:
        token = csrf_token(client.get(RULES))
        response = client.post(f"{RULES}/{rule.id}/etat",
                               data={"csrf_token": token, "active": active})
        assert response.status_code == 303
        assert saved_rules(db_session)[0].is_active is expected
    assert actions(db_session) == ["moderation_rule.switch_off", "moderation_rule.switch_on"]


def test_the_rules_page_lists_each_rule_with_its_state(client, db_session, moderator):
    make_rule(db_session, RuleKind.WORDS, label="Mots", words="arnaque")
    make_rule(db_session, RuleKind.PRICE, label="Cher", price_threshold_cents=20000,
              is_active=False)
    db_session.commit()
    rows = html(client.get(RULES)).select("tbody tr")
    states = [(row.th.get_text(strip=True), row.find_all("td")[2].get_text(strip=True))
              for row in rows]
    assert states == [("Mots", "Active"), ("Cher", "Désactivée")]


def test_staff_flag_a_structure_by_its_siren_and_lift_the_flag(client, db_session, moderator):
    structure = factories.structure(db_session, name="Compagnie à surveiller")
    db_session.commit()
    page = "/admin/moderation/structures"
    response = post(client, page, siren=structure.siren, reason="Plaintes répétées")
    assert response.status_code == 303
    rows = html(client.get(page)).select("tbody tr")
    assert [row.th.get_text(strip=True) for row in rows] == ["Compagnie à surveiller"]
    token = csrf_token(client.get(page))
    client.post(f"{page}/{structure.id}/lever", data={"csrf_token": token})
    db_session.rollback()
    assert db_session.scalars(select(WatchedStructure)).all() == []
    assert actions(db_session) == ["structure.watch", "structure.unwatch"]


def test_flagging_an_unknown_siren_is_said_beside_the_field(client, db_session, moderator):
    response = post(client, "/admin/moderation/structures", siren="123456782",
                    reason="Plaintes")
    assert response.status_code == 422
    assert "Aucune structure n'a ce SIREN" in html(response).find(id="siren-error").get_text()
