"""Commands of offer authoring: draft, complete, publish, deactivate, duplicate, edit.

The draft is the Offer row itself, in DRAFT validation, completed step by step; `draft_step`
remembers the last step done. Once published, every change of a field is kept in
`offer_change` (who, when, from what to what). The rules: docs/domain/4-offers.md.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.db import start_write_transaction
from models.offerers.models import Venue
from models.offerers.venues import ensure_virtual_venue
from models.offers import exceptions as errors
from models.offers import images
from models.offers.activation_codes import CodeLine, checked_lines, expiry_moment
from models.offers.catalogue import SUBCATEGORIES, OnlineMode
from models.offers.models import ActivationCode, Image, Offer, OfferChange, Stock, Validation
from models.offers.moderation import (
    hold_edited_offer,
    needs_moderation,
    record_resubmission_matches,
)
from models.offers.validation import (
    ACCESSIBILITY_NEEDS,
    DETAIL_FIELDS,
    WITHDRAWAL_DELAYS,
    OfferDetails,
    PracticalInfo,
    check_alt_text,
    check_complete,
    check_details,
    check_draft,
    check_practical,
    check_price,
    check_publishable,
    normalised_details,
)
from models.users.models import User

STEP_CATEGORY, STEP_DETAILS, STEP_PRACTICAL, STEP_IMAGE, STEP_DONE = 1, 2, 3, 4, 5
# Copied by `duplicate_offer`; the EAN is not (a venue sells a book once).
_COPIED = tuple(name for name in DETAIL_FIELDS if name != "ean") + (
    "subcategory_id", "venue_id", "is_duo", "withdrawal_type", "withdrawal_delay_seconds",
    "withdrawal_details", "booking_email",
    *(f"accessibility_{need}" for need in ACCESSIBILITY_NEEDS),
)


def _offer_venue(session: Session, venue: Venue, subcategory_id: str, now: dt.datetime) -> Venue:
    """The venue the offer goes to: online-only offers always go to the virtual venue."""
    subcategory = SUBCATEGORIES.get(subcategory_id)
    if subcategory is None or not subcategory.selectable:
        raise errors.SubcategoryNotSelectable()
    if subcategory.online is OnlineMode.ONLINE:
        return ensure_virtual_venue(session, venue.structure, now=now)
    if subcategory.online is OnlineMode.ON_SITE and venue.is_virtual:
        raise errors.VenueNotPhysical()
    return venue


def create_draft(session: Session, venue: Venue, subcategory_id: str, now: dt.datetime) -> Offer:
    """A new draft in `venue` (or its structure's virtual venue) for `subcategory_id`.

    The caller has checked the person manages `venue`. Accessibility starts as "no" in the row
    (the columns are required) but the step asking it is not done: it shows the venue's answers.
    """
    offer = Offer(
        venue=_offer_venue(session, venue, subcategory_id, now), subcategory_id=subcategory_id,
        name="", validation=Validation.DRAFT, draft_step=STEP_CATEGORY, created_at=now,
        **{f"accessibility_{need}": False for need in ACCESSIBILITY_NEEDS},
    )
    session.add(offer)
    session.flush()
    return offer


def change_category(session: Session, offer: Offer, venue: Venue, subcategory_id: str,
                    now: dt.datetime) -> None:
    """Choose again the venue and subcategory of a draft; fields the new one does not ask go."""
    check_draft(offer)
    offer.venue = _offer_venue(session, venue, subcategory_id, now)
    offer.subcategory_id = subcategory_id
    kept = normalised_details(subcategory_id, _details_of(offer))
    for name in DETAIL_FIELDS:
        setattr(offer, name, getattr(kept, name))
    if not offer.subcategory.duo_allowed:
        offer.is_duo = False
    if not offer.subcategory.withdrawal_modes:
        offer.withdrawal_type = offer.withdrawal_delay_seconds = None
    session.flush()


def _details_of(offer: Offer) -> OfferDetails:
    return OfferDetails(**{name: getattr(offer, name) for name in DETAIL_FIELDS})


def _record(session: Session, offer: Offer, person: User | None, now: dt.datetime,
            changes: dict[str, tuple]) -> None:
    """Keep each changed field of a published offer in its history."""
    if offer.validation is Validation.DRAFT:
        return
    for field, (old, new) in changes.items():
        if old != new:
            session.add(OfferChange(
                offer_id=offer.id, user_id=person.id if person else None, at=now, field=field,
                old=None if old is None else str(old), new=None if new is None else str(new),
            ))


def _apply(session: Session, offer: Offer, person: User | None, now: dt.datetime,
           values: dict) -> None:
    changes = {name: (getattr(offer, name), value) for name, value in values.items()}
    _record(session, offer, person, now, changes)
    for name, value in values.items():
        setattr(offer, name, value)
    offer.updated_at = now


def _advance(offer: Offer, step: int) -> None:
    if offer.validation is Validation.DRAFT:
        offer.draft_step = max(offer.draft_step, step)


def update_details(session: Session, offer: Offer, details: OfferDetails, *,
                   person: User | None, now: dt.datetime) -> None:
    """Set the name, description and the fields the subcategory asks (and only those)."""
    cleaned = normalised_details(offer.subcategory_id, details)
    check_details(offer.subcategory_id, cleaned)
    if cleaned.ean is not None and session.scalar(select(Offer.id).where(
            Offer.venue_id == offer.venue_id, Offer.ean == cleaned.ean, Offer.id != offer.id)):
        raise errors.InvalidOfferFields({"ean": "Ce lieu propose déjà une offre avec cet EAN."})
    text_changed = (cleaned.name, cleaned.description) != (offer.name, offer.description)
    _apply(session, offer, person, now, {name: getattr(cleaned, name) for name in DETAIL_FIELDS})
    _advance(offer, STEP_DETAILS)
    session.flush()
    if text_changed:
        hold_edited_offer(session, offer, "text")


def update_practical(session: Session, offer: Offer, practical: PracticalInfo, *,
                     person: User | None, now: dt.datetime) -> None:
    """Set accessibility, duo, withdrawal and booking e-mail, as the subcategory allows."""
    subcategory = offer.subcategory
    if not subcategory.withdrawal_modes:
        practical.withdrawal_type = practical.withdrawal_delay_seconds = None
        practical.withdrawal_details = None
    elif practical.withdrawal_type not in WITHDRAWAL_DELAYS:
        practical.withdrawal_delay_seconds = None
    practical.booking_email = (practical.booking_email or "").strip() or None
    practical.withdrawal_details = (practical.withdrawal_details or "").strip() or None
    check_practical(offer.subcategory_id, practical)
    _apply(session, offer, person, now, {
        **{f"accessibility_{need}": practical.accessibility[need]
           for need in ACCESSIBILITY_NEEDS},
        "is_duo": practical.is_duo and subcategory.duo_allowed,
        "withdrawal_type": practical.withdrawal_type,
        "withdrawal_delay_seconds": practical.withdrawal_delay_seconds,
        "withdrawal_details": practical.withdrawal_details,
        "booking_email": practical.booking_email,
    })
    _advance(offer, STEP_PRACTICAL)
    session.flush()


def _discard_image(session: Session, image_id: int | None) -> None:
    """Delete an image no offer uses any more, with its renditions (demo offers share some)."""
    if image_id is None or session.scalar(select(Offer.id).where(Offer.image_id == image_id)):
        return
    image = session.get(Image, image_id)
    renditions = [variant.variant_image for variant in image.variants]
    session.delete(image)
    session.flush()
    for rendition in renditions:
        session.delete(rendition)
    session.flush()


def set_image(session: Session, offer: Offer, data: bytes, alt_text: str | None, *,
              person: User | None, now: dt.datetime) -> None:
    """Check the upload, store its renditions and make it the offer's image."""
    alt = check_alt_text(alt_text)
    stored = images.stored_image(images.renditions(data), alt)
    session.add(stored)
    session.flush()
    replaced = offer.image_id
    _record(session, offer, person, now, {"image": (replaced, stored.id)})
    offer.image = stored
    offer.updated_at = now
    _advance(offer, STEP_IMAGE)
    session.flush()
    _discard_image(session, replaced)


def remove_image(session: Session, offer: Offer, *, person: User | None,
                 now: dt.datetime) -> None:
    removed = offer.image_id
    _record(session, offer, person, now, {"image": (removed, None)})
    offer.image = None
    offer.updated_at = now
    session.flush()
    _discard_image(session, removed)


def publish_offer(session: Session, offer: Offer, now: dt.datetime) -> None:
    """Publish a complete draft: approved at once unless a moderation rule holds it."""
    check_publishable(offer)
    offer.validation = Validation.PENDING if needs_moderation(session, offer) \
        else Validation.APPROVED
    offer.is_active = True
    offer.draft_step = STEP_DONE
    offer.updated_at = now
    session.flush()


def resubmit_offer(session: Session, offer: Offer, *, person: User | None,
                   now: dt.datetime) -> None:
    """Submit a rejected offer, edited by its structure, to staff again.

    It waits in the moderation queue whatever the rules say; the reason of the refusal stays on
    the offer until staff decide again, and the history keeps the step (rejected, then pending)
    beside the decision staff took (docs/domain/moderation.md).
    """
    # Locked and read again: a double click finds the offer pending and is refused, instead of
    # writing the step twice in the history.
    start_write_transaction(session)
    offer = session.scalars(select(Offer).where(Offer.id == offer.id).with_for_update()
                            .execution_options(populate_existing=True)).one()
    if offer.validation is not Validation.REJECTED:
        raise errors.NotRejected()
    check_complete(offer)
    _apply(session, offer, person, now, {"validation": Validation.PENDING})
    session.flush()
    record_resubmission_matches(session, offer)


def set_active(session: Session, offer: Offer, active: bool, *, person: User | None,
               now: dt.datetime) -> None:
    """Switch a published offer off (young people no longer see it) or on again."""
    if offer.validation is Validation.DRAFT:
        raise errors.NotPublished()
    _apply(session, offer, person, now, {"is_active": active})
    session.flush()


def duplicate_offer(session: Session, offer: Offer, now: dt.datetime) -> Offer:
    """A new draft with the same fields and image; its EAN and its stocks are not copied."""
    copy = Offer(validation=Validation.DRAFT, created_at=now,
                 **{name: getattr(offer, name) for name in _COPIED})
    copy.draft_step = min(max(offer.draft_step, STEP_PRACTICAL), STEP_IMAGE)
    if offer.image is not None:
        copy.image = images.copied_image(offer.image)
    session.add(copy)
    session.flush()
    return copy


@dataclass
class CodesReport:
    lines: list[CodeLine]
    added: int

    @property
    def refused(self) -> list[CodeLine]:
        return [line for line in self.lines if line.problem is not None]


def single_stock(session: Session, offer: Offer) -> Stock | None:
    return session.scalars(select(Stock).where(
        Stock.offer_id == offer.id, Stock.is_deleted.is_(False)).order_by(Stock.id)).first()


def import_activation_codes(session: Session, offer: Offer, data: bytes,
                            price_cents: int | None, now: dt.datetime) -> CodesReport:
    """Add the codes of a CSV file to the offer's single stock (created with `price_cents`).

    Every line gets a verdict; if any line is refused nothing is written. The stock's quantity
    becomes the number of codes it holds, one booking per code.
    """
    if not offer.uses_activation_codes:
        raise errors.NoActivationCodes()
    stock = single_stock(session, offer)
    existing = set() if stock is None else set(session.scalars(
        select(ActivationCode.code).where(ActivationCode.stock_id == stock.id)))
    lines = checked_lines(data, existing, now)
    accepted = [line for line in lines if line.accepted]
    if any(line.problem for line in lines) or not accepted:
        return CodesReport(lines, 0)
    if stock is None:
        check_price(price_cents)
        stock = Stock(offer=offer, price_cents=price_cents, quantity=0)
        session.add(stock)
        session.flush()
    session.add_all(ActivationCode(
        stock_id=stock.id, code=line.code,
        expires_at=expiry_moment(line.expires_on) if line.expires_on else None,
    ) for line in accepted)
    stock.quantity = len(existing) + len(accepted)
    stock.updated_at = now
    session.flush()
    return CodesReport(lines, len(accepted))
