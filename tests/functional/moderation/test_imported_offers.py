"""New offers of a bulk catalogue import go through moderation as published ones do: the rules
are asked per line, in the file's order; matched offers wait in the queue with what matched, and
the report says so (docs/domain/moderation.md, docs/domain/4-offers.md)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from models.db import utcnow
from models.moderation.models import ModerationMatch, RuleKind, WatchedStructure
from models.offerers.models import StructureStatus
from models.offers.catalogue_import import LineOutcome
from models.offers.models import Offer, Validation
from models.users.models import StaffPermission
from tests import factories
from tests.functional.moderation.conftest import make_rule
from tests.functional.pro.test_catalogue_import import (
    ANSWERED,
    csv_bytes,
    ean,
    member_signed_in,
    outcomes,
    run_import,
    upload,
)
from tests.helpers import html, login


@pytest.fixture
def venue(db_session):
    made = factories.venue(db_session, **ANSWERED)
    db_session.commit()
    return made


def validation_by_title(session, venue) -> dict[str, Validation]:
    session.expire_all()
    return {offer.name: offer.validation for offer in session.scalars(
        select(Offer).where(Offer.venue_id == venue.id))}


def matches(session) -> list[tuple[str, str]]:
    return [(session.get(Offer, m.offer_id).name, m.detail)
            for m in session.scalars(select(ModerationMatch).order_by(ModerationMatch.id))]


def test_a_line_whose_title_has_a_listed_word_is_created_pending_with_the_word(
        db_session, venue):
    make_rule(db_session, RuleKind.WORDS, words="arnaque")
    report = run_import(db_session, venue, csv_bytes(
        f"{ean(1)};La grande Arnaque;;9;2", f"{ean(2)};Un livre sage;;9;2"))
    assert outcomes(report) == [(2, LineOutcome.PENDING), (3, LineOutcome.CREATED)]
    assert validation_by_title(db_session, venue) == {
        "La grande Arnaque": Validation.PENDING, "Un livre sage": Validation.APPROVED}
    assert matches(db_session) == [("La grande Arnaque", "arnaque")]


def test_a_price_above_the_threshold_of_the_subcategory_holds_the_line(db_session, venue):
    make_rule(db_session, RuleKind.PRICE, subcategory_id="LIVRE_PAPIER",
              price_threshold_cents=5000)
    make_rule(db_session, RuleKind.PRICE, subcategory_id="SUPPORT_PHYSIQUE_MUSIQUE_CD",
              price_threshold_cents=100)
    report = run_import(db_session, venue, csv_bytes(
        f"{ean(1)};Beau livre;;50,01;1", f"{ean(2)};Poche;;50;1"))
    assert outcomes(report) == [(2, LineOutcome.PENDING), (3, LineOutcome.CREATED)]
    assert matches(db_session) == [("Beau livre", "5001")]


def test_the_first_offers_of_a_new_structure_are_held_in_the_files_order(
        db_session, frozen_clock):
    structure = factories.structure(db_session, status=StructureStatus.VALIDATED,
                                    validated_at=utcnow() - dt.timedelta(days=2))
    venue = factories.venue(db_session, structure=structure, **ANSWERED)
    factories.offer(db_session, venue=venue, ean=None)
    make_rule(db_session, RuleKind.NEW_STRUCTURE, first_offers=3, structure_age_days=30)
    report = run_import(db_session, venue, csv_bytes(
        *[f"{ean(n)};Livre {n};;5;1" for n in range(1, 5)]))
    assert [line.outcome for line in report.lines] == [
        LineOutcome.PENDING, LineOutcome.PENDING, LineOutcome.CREATED, LineOutcome.CREATED]
    assert matches(db_session) == [("Livre 1", "2"), ("Livre 2", "3")]


def test_an_old_structure_imports_without_the_new_structure_rule(db_session, frozen_clock):
    structure = factories.structure(db_session, status=StructureStatus.VALIDATED,
                                    validated_at=utcnow() - dt.timedelta(days=31))
    venue = factories.venue(db_session, structure=structure, **ANSWERED)
    make_rule(db_session, RuleKind.NEW_STRUCTURE, first_offers=3, structure_age_days=30)
    report = run_import(db_session, venue, csv_bytes(f"{ean(1)};Livre;;5;1"))
    assert outcomes(report) == [(2, LineOutcome.CREATED)]


def test_a_watched_structures_new_lines_are_all_held_with_the_watchs_reason(
        db_session, venue):
    make_rule(db_session, RuleKind.WATCHED_STRUCTURE)
    staff = factories.staff(db_session)
    db_session.add(WatchedStructure(structure_id=venue.structure_id, reason="Fraude signalée",
                                    flagged_by_id=staff.id, flagged_at=utcnow()))
    report = run_import(db_session, venue, csv_bytes(f"{ean(1)};Livre;;5;1",
                                                     f"{ean(2)};Disque;;5;1"))
    assert {line.outcome for line in report.lines} == {LineOutcome.PENDING}
    assert [detail for _name, detail in matches(db_session)] == ["Fraude signalée"] * 2


def test_a_rule_switched_off_holds_nothing_and_updates_are_not_asked(db_session, venue):
    make_rule(db_session, RuleKind.WORDS, words="arnaque", is_active=False)
    first = run_import(db_session, venue, csv_bytes(f"{ean(1)};Arnaque;;5;1"))
    make_rule(db_session, RuleKind.WORDS, words="arnaque")
    again = run_import(db_session, venue, csv_bytes(f"{ean(1)};Arnaque;;6;1"))
    assert outcomes(first) == [(2, LineOutcome.CREATED)]
    assert outcomes(again) == [(2, LineOutcome.UPDATED)]
    assert validation_by_title(db_session, venue) == {"Arnaque": Validation.APPROVED}


def test_a_held_offer_is_not_shown_to_young_people_and_waits_in_the_queue(
        client, db_session, venue):
    make_rule(db_session, RuleKind.WORDS, words="arnaque")
    run_import(db_session, venue, csv_bytes(f"{ean(1)};Arnaque;;5;1"))
    held = db_session.scalar(select(Offer).where(Offer.venue_id == venue.id))
    db_session.commit()
    assert client.get(f"/offres/{held.id}").status_code == 404
    moderator = factories.staff(db_session, permissions=[StaffPermission.MODERATE])
    db_session.commit()
    login(client, moderator.email, factories.PASSWORD)
    assert html(client.get("/admin/moderation/")).find("a", string="Arnaque") is not None


def test_the_report_says_which_created_offers_wait_for_validation(client, db_session, venue):
    make_rule(db_session, RuleKind.WORDS, words="arnaque")
    member_signed_in(client, db_session, venue.structure)
    page = html(upload(client, venue.id, csv_bytes(f"{ean(1)};Arnaque;;5;1",
                                                   f"{ean(2)};Sage;;5;1")))
    counts = [item.get_text(" ", strip=True) for item in page.select(".catalogue-counts li")]
    assert counts[:2] == ["1 offre créée",
                          "1 offre créée, en attente de validation par l'équipe pass Culture"]
    rows = {row.find_all("td")[1].get_text(strip=True): row.find_all("td")[2].get_text(strip=True)
            for row in page.find(id="catalogue-changed").find_parent("table").tbody.find_all("tr")}
    assert rows == {"Arnaque": "Créée, en attente de validation", "Sage": "Créée"}


def test_an_approved_offer_repriced_past_a_price_rule_goes_back_to_staff(db_session, venue):
    first = run_import(db_session, venue, csv_bytes(f"{ean(1)};Beau livre;;40;1",
                                                    f"{ean(2)};Poche;;8;1"))
    assert outcomes(first) == [(2, LineOutcome.CREATED), (3, LineOutcome.CREATED)]
    rule = make_rule(db_session, RuleKind.PRICE, subcategory_id="LIVRE_PAPIER",
                     price_threshold_cents=5000)
    again = run_import(db_session, venue, csv_bytes(f"{ean(1)};Beau livre;;90;1",
                                                    f"{ean(2)};Poche;;9;1"))
    assert outcomes(again) == [(2, LineOutcome.UPDATED_PENDING), (3, LineOutcome.UPDATED)]
    assert validation_by_title(db_session, venue) == {
        "Beau livre": Validation.PENDING, "Poche": Validation.APPROVED}
    assert [(m.rule_id, m.detail) for m in db_session.scalars(select(ModerationMatch))] == [
        (rule.id, "9000")]


def test_a_pending_or_rejected_offer_repriced_keeps_its_state(db_session, venue):
    run_import(db_session, venue, csv_bytes(f"{ean(1)};Beau livre;;40;1"))
    offer = db_session.scalar(select(Offer).where(Offer.venue_id == venue.id))
    offer.validation = Validation.REJECTED
    make_rule(db_session, RuleKind.PRICE, price_threshold_cents=5000)
    again = run_import(db_session, venue, csv_bytes(f"{ean(1)};Beau livre;;90;1"))
    assert outcomes(again) == [(2, LineOutcome.UPDATED)]
    assert validation_by_title(db_session, venue) == {"Beau livre": Validation.REJECTED}


def test_the_report_says_which_updated_offers_went_back_to_staff(client, db_session, venue):
    run_import(db_session, venue, csv_bytes(f"{ean(1)};Beau livre;;40;1"))
    make_rule(db_session, RuleKind.PRICE, price_threshold_cents=5000)
    member_signed_in(client, db_session, venue.structure)
    page = html(upload(client, venue.id, csv_bytes(f"{ean(1)};Beau livre;;90;1")))
    counts = [item.get_text(" ", strip=True) for item in page.select(".catalogue-counts li")]
    assert ("1 offre mise à jour, renvoyée à la validation de l'équipe pass Culture"
            in counts)
    row = page.find(id="catalogue-changed").find_parent("table").tbody.tr
    assert row.find_all("td")[2].get_text(strip=True) == "Mise à jour, en attente de validation"
