"""The bulk catalogue of a bookshop or a record shop applied to one venue's offers: one CSV
file of EAN, title, author, price and quantity, in one unit of work, with a per-line report.

The rules are written in docs/domain/4-offers.md ("Bulk catalogue"). In short:

- A whole file is refused (`CatalogueFileRefused`, nothing written) when it cannot be read as a
  catalogue (`models.offers.catalogue_file`) or when the venue cannot receive one.
- Otherwise each line is judged on its own: a refused line is reported with its reason and the
  other lines are applied. Every applied line is written in the caller's one transaction, so a
  failure half-way (the database refusing a row) leaves nothing of the file behind.
- A line whose EAN the venue already sells updates that offer's stock (price, quantity) instead
  of creating a second offer: uploading the same file twice changes nothing the second time.
- A new offer goes through moderation as a published one does (docs/domain/moderation.md): the
  rules are asked for each new line, in the file's order; one a rule matches is created
  pending, with what matched, and waits in the staff's queue (`LineOutcome.PENDING`). An
  approved offer the file reprices is asked by the price rules, as an edit by hand would be,
  and goes back to staff when one matches (`LineOutcome.UPDATED_PENDING`).

The venue's offers are loaded by EAN in two queries; new offers and stocks are inserted, and
stocks updated, in batches of `BATCH_SIZE` rows (bench/catalogue_import.py measures it).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from models.db import utcnow
from models.moderation.models import ModerationMatch
from models.moderation.rules import NewOffer, matches_of_new_offers, price_matches_of_repriced
from models.offerers.models import Venue
from models.offers.bookability import FAR_FUTURE
from models.offers.catalogue import SUBCATEGORIES
from models.offers.catalogue_file import (
    CatalogueFileRefused,
    CatalogueLine,
    Reason,
    default_subcategory,
    read_catalogue,
)
from models.offers.models import Offer, OfferChange, Stock, Validation

__all__ = ["CatalogueFileRefused", "ImportReport", "LineOutcome", "LineReport",
           "catalogue_venues", "import_catalogue"]

BATCH_SIZE = 1_000


class LineOutcome(StrEnum):
    CREATED = "created"
    PENDING = "pending"  # created, and held for staff by a moderation rule
    UPDATED = "updated"
    UPDATED_PENDING = "updated_pending"  # repriced past a price rule: back to staff
    UNCHANGED = "unchanged"
    REFUSED = "refused"


@dataclass(frozen=True)
class LineReport:
    number: int
    ean: str
    title: str
    outcome: LineOutcome
    reason: Reason | None = None


@dataclass
class ImportReport:
    lines: list[LineReport] = field(default_factory=list)

    @property
    def counts(self) -> Counter:
        return Counter(line.outcome for line in self.lines)

    @property
    def refused(self) -> list[LineReport]:
        return [line for line in self.lines if line.outcome is LineOutcome.REFUSED]

    @property
    def changed(self) -> list[LineReport]:
        return [line for line in self.lines if line.outcome in (
            LineOutcome.CREATED, LineOutcome.PENDING, LineOutcome.UPDATED,
            LineOutcome.UPDATED_PENDING)]


ACCESSIBILITY = ("hearing", "mental", "motor", "visual")


def catalogue_venues(session: Session, structure_ids: list[int]) -> list[Venue]:
    """The physical venues of these structures, those a catalogue can be imported into."""
    if not structure_ids:
        return []
    return list(session.scalars(
        select(Venue).where(Venue.structure_id.in_(structure_ids), Venue.is_virtual.is_(False))
        .order_by(Venue.name, Venue.id)
    ))


def check_venue_takes_catalogue(venue: Venue) -> None:
    """A catalogue goes to a physical venue whose four accessibility answers are given: each
    new offer takes them, and an offer's answers are required (docs/domain/4-offers.md)."""
    if venue.is_virtual:
        raise CatalogueFileRefused(
            "Un lieu numérique ne vend ni livres papier ni disques : choisis un lieu physique.")
    if any(getattr(venue, f"accessibility_{need}") is None for need in ACCESSIBILITY):
        raise CatalogueFileRefused(
            "Renseigne d'abord l'accessibilité de ce lieu (handicaps auditif, mental, moteur "
            "et visuel) : chaque offre importée reprend ces quatre réponses.")


@dataclass
class _Existing:
    """An offer of the venue with an EAN, and its stock (the first one left, if any)."""

    offer_id: int
    name: str
    author: str | None
    subcategory_id: str
    is_approved: bool
    stock_id: int | None = None
    price_cents: int | None = None
    quantity: int | None = None
    booked_quantity: int = 0


def _existing_offers(session: Session, venue_id: int) -> dict[str, _Existing]:
    """The venue's offers by EAN, with their stocks locked (PostgreSQL) so that no booking moves
    `booked_quantity` between the check below and the update; on SQLite the unit of work holds
    the write lock already. The venue row is locked first so two imports of one venue queue."""
    session.execute(select(Venue.id).where(Venue.id == venue_id).with_for_update())
    by_ean: dict[str, _Existing] = {}
    by_id: dict[int, _Existing] = {}
    for offer_id, ean, name, author, subcategory_id, validation in session.execute(
        select(Offer.id, Offer.ean, Offer.name, Offer.author, Offer.subcategory_id,
               Offer.validation)
        .where(Offer.venue_id == venue_id, Offer.ean.is_not(None))
    ):
        existing = _Existing(offer_id, name, author, subcategory_id,
                             validation is Validation.APPROVED)
        by_ean[ean] = by_id[offer_id] = existing
    for stock_id, offer_id, price_cents, quantity, booked in session.execute(
        select(Stock.id, Stock.offer_id, Stock.price_cents, Stock.quantity, Stock.booked_quantity)
        .join(Offer, Offer.id == Stock.offer_id)
        .where(Offer.venue_id == venue_id, Offer.ean.is_not(None), Stock.is_deleted.is_(False))
        .order_by(Stock.id)
        .with_for_update(of=Stock)
    ):
        existing = by_id[offer_id]
        if existing.stock_id is None:
            existing.stock_id, existing.price_cents = stock_id, price_cents
            existing.quantity, existing.booked_quantity = quantity, booked
    return by_ean


@dataclass
class _Plan:
    """What the file changes, gathered before anything is written so that it goes in batches."""

    new_offers: list[CatalogueLine] = field(default_factory=list)
    # What the moderation rules matched, by EAN, for the new offers held for staff.
    held: dict[str, list] = field(default_factory=dict)
    # Approved offers whose price the file changes: offer id → (subcategory, new price); then
    # what the price rules matched, by offer id, for those sent back to staff.
    repriced: dict[int, tuple[str, int]] = field(default_factory=dict)
    held_again: dict[int, list] = field(default_factory=dict)
    stock_updates: list[dict] = field(default_factory=list)
    new_stocks: list[dict] = field(default_factory=list)
    offer_updates: list[dict] = field(default_factory=list)
    # The history of changes (`OfferChange`): one row per field an existing offer had changed.
    changes: list[dict] = field(default_factory=list)

    def record(self, offer_id: int, field_name: str, old, new) -> None:
        self.changes.append({"offer_id": offer_id, "field": field_name,
                             "old": None if old is None else str(old),
                             "new": None if new is None else str(new)})


def _plan_update(line: CatalogueLine, existing: _Existing, plan: _Plan, now) -> LineReport:
    def report(outcome: LineOutcome, reason: Reason | None = None) -> LineReport:
        return LineReport(line.number, line.ean, line.title or existing.name, outcome, reason)

    if SUBCATEGORIES[existing.subcategory_id].is_event:
        return report(LineOutcome.REFUSED, Reason(
            "Cet EAN est celui d'un événement : modifie-le depuis la page de l'offre."))
    if existing.stock_id is not None and line.quantity < existing.booked_quantity:
        return report(LineOutcome.REFUSED, Reason(
            "Quantité (%(quantity)s) inférieure aux %(booked)s exemplaires déjà réservés.",
            {"quantity": line.quantity, "booked": existing.booked_quantity}))
    changed = False
    if existing.is_approved and line.price_cents != existing.price_cents:
        plan.repriced[existing.offer_id] = (existing.subcategory_id, line.price_cents)
    if existing.stock_id is None:
        plan.new_stocks.append({"offer_id": existing.offer_id, "price_cents": line.price_cents,
                                "quantity": line.quantity, "created_at": now, "updated_at": now})
        changed = True
    elif (line.price_cents, line.quantity) != (existing.price_cents, existing.quantity):
        plan.stock_updates.append({"id": existing.stock_id, "price_cents": line.price_cents,
                                   "quantity": line.quantity, "updated_at": now})
        for name, old, new in (("price_cents", existing.price_cents, line.price_cents),
                               ("quantity", existing.quantity, line.quantity)):
            if old != new:
                plan.record(existing.offer_id, name, old, new)
        changed = True
    offer_changes = {}
    if line.title and not existing.name.strip():
        offer_changes["name"] = line.title
    if line.author and not (existing.author or "").strip():
        offer_changes["author"] = line.author
    for name, new in offer_changes.items():
        plan.record(existing.offer_id, name, getattr(existing, name), new)
    if offer_changes:
        plan.offer_updates.append({"id": existing.offer_id, "updated_at": now, **offer_changes})
        changed = True
    return report(LineOutcome.UPDATED if changed else LineOutcome.UNCHANGED)


def _batches(rows: list, size: int = BATCH_SIZE):
    for start in range(0, len(rows), size):
        yield rows[start:start + size]


def _bookable_until(line: CatalogueLine) -> dict:
    """What the stock trigger is about to compute for the new offer (its one stock, without
    date, can be booked without end when it has copies), written with the row so that the
    trigger finds nothing to change. Without it each new stock rewrote its offer and all of
    the offer's indexes once more: two thirds of a first import's stock inserts on PostgreSQL
    (bench/README.md). The trigger stays the judge: it recounts and would correct a wrong value.
    """
    return {"bookable_until": FAR_FUTURE} if line.quantity else {}


def _write(session: Session, venue: Venue, plan: _Plan, author_id: int | None, now) -> None:
    accessibility = {f"accessibility_{need}": getattr(venue, f"accessibility_{need}")
                     for need in ACCESSIBILITY}
    # Offers with copies to sell first: a run of rows with the same columns is one statement.
    new_offers = sorted(plan.new_offers, key=lambda line: line.quantity == 0)
    for batch in _batches(new_offers):
        # RETURNING the EAN too: rows may come back in any order, and the EAN names each one.
        offer_ids = dict(session.execute(
            insert(Offer).returning(Offer.ean, Offer.id),
            [{"venue_id": venue.id, "subcategory_id": line.subcategory_id, "name": line.title,
              "author": line.author or None, "ean": line.ean, "is_duo": False,
              "validation": Validation.PENDING if line.ean in plan.held
              else Validation.APPROVED, "is_active": True, "created_at": now,
              "updated_at": now, **_bookable_until(line), **accessibility} for line in batch],
        ).all())
        session.execute(insert(Stock), [
            {"offer_id": offer_ids[line.ean], "price_cents": line.price_cents,
             "quantity": line.quantity, "created_at": now, "updated_at": now}
            for line in batch
        ])
        held = [{"offer_id": offer_ids[line.ean], "rule_id": match.rule.id,
                 "detail": match.detail, "matched_at": now}
                for line in batch for match in plan.held.get(line.ean, ())]
        if held:
            session.execute(insert(ModerationMatch), held)
    for batch in _batches(plan.new_stocks):
        session.execute(insert(Stock), batch)
    for batch in _batches(plan.stock_updates):
        session.execute(update(Stock), batch)
    for batch in _batches(plan.offer_updates):
        session.execute(update(Offer), batch)
    _write_held_again(session, plan, now)
    for batch in _batches(plan.changes):
        session.execute(insert(OfferChange),
                        [{**change, "user_id": author_id, "at": now} for change in batch])


def _write_held_again(session: Session, plan: _Plan, now) -> None:
    """Send the repriced offers a price rule matches back to staff, with what matched."""
    offer_ids = sorted(plan.held_again)
    for batch in _batches(offer_ids):
        session.execute(update(Offer).where(Offer.id.in_(batch))
                        .values(validation=Validation.PENDING, updated_at=now)
                        .execution_options(synchronize_session=False))
        session.execute(delete(ModerationMatch).where(ModerationMatch.offer_id.in_(batch)))
        session.execute(insert(ModerationMatch), [
            {"offer_id": offer_id, "rule_id": match.rule.id, "detail": match.detail,
             "matched_at": now} for offer_id in batch for match in plan.held_again[offer_id]])


def import_catalogue(session: Session, venue: Venue, data: bytes, *, author_id: int | None,
                     now=None) -> ImportReport:
    """Read the file and apply its accepted lines to `venue`'s offers, in the caller's unit of
    work; raise `CatalogueFileRefused` (nothing written) when the file cannot be used at all.

    `author_id` is the member importing, named in the offers' history of changes.
    """
    now = now or utcnow()
    check_venue_takes_catalogue(venue)
    lines = read_catalogue(data, default_subcategory(venue))
    existing_by_ean = _existing_offers(session, venue.id)
    plan, report = _Plan(), ImportReport()
    for line in lines:
        existing = existing_by_ean.get(line.ean) if line.reason is None else None
        if line.reason is not None:
            outcome = LineReport(line.number, line.ean, line.title, LineOutcome.REFUSED,
                                 line.reason)
        elif existing is not None:
            outcome = _plan_update(line, existing, plan, now)
        elif not line.title:
            outcome = LineReport(line.number, line.ean, "", LineOutcome.REFUSED, Reason(
                "Titre manquant : il faut un titre pour créer cette référence."))
        else:
            plan.new_offers.append(line)
            outcome = LineReport(line.number, line.ean, line.title, LineOutcome.CREATED)
        report.lines.append(outcome)
    _hold_for_moderation(session, venue, plan, report, existing_by_ean, now)
    _write(session, venue, plan, author_id, now)
    return report


def _hold_for_moderation(session: Session, venue: Venue, plan: _Plan, report: ImportReport,
                         existing_by_ean: dict[str, _Existing], now) -> None:
    """Ask the moderation rules about each new offer, in the file's order, and the price rules
    about each approved offer repriced; mark those held."""
    matches = matches_of_new_offers(session, venue, [
        NewOffer(line.title, line.subcategory_id, line.price_cents) for line in plan.new_offers
    ], now)
    plan.held = {line.ean: found for line, found in zip(plan.new_offers, matches, strict=True)
                 if found}
    plan.held_again = price_matches_of_repriced(session, plan.repriced)
    held_again_eans = {ean for ean, existing in existing_by_ean.items()
                       if existing.offer_id in plan.held_again}
    if plan.held or held_again_eans:
        report.lines = [_held_outcome(line, plan.held, held_again_eans) for line in report.lines]


def _held_outcome(line: LineReport, held: dict, held_again_eans: set[str]) -> LineReport:
    if line.outcome is LineOutcome.CREATED and line.ean in held:
        return LineReport(line.number, line.ean, line.title, LineOutcome.PENDING)
    if line.outcome is LineOutcome.UPDATED and line.ean in held_again_eans:
        return LineReport(line.number, line.ean, line.title, LineOutcome.UPDATED_PENDING)
    return line
