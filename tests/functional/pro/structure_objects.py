"""One structure holding an object of every kind a pro route may name, for the URL-map tests.

`tests/functional/pro/test_isolation.py` and `tests/functional/test_authorization_matrix.py`
fill every pro path with these ids. A new route naming a new kind of object fails both until
the object is added here, once.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from models.offerers.models import (
    MembershipStatus,
    Structure,
    StructureInvitation,
    StructureMembership,
    Venue,
)
from models.offers.models import Offer, PriceCategory, Stock
from tests import factories
from tests.factories.users import Role
from tests.functional.finance.builders import empty_statement


@dataclass(frozen=True)
class StructureObjects:
    structure: Structure
    venue: Venue
    offer: Offer
    stock: Stock
    ids: dict[str, int]


def _membership(session: Session, structure: Structure, status: MembershipStatus):
    account = factories.users._account(session, Role.PRO)
    membership = StructureMembership(user=account, structure=structure, status=status)
    session.add(membership)
    session.flush()
    return membership


def structure_objects(session: Session, *, structure_name: str, venue_name: str | None = None,
                      offer_name: str | None = None) -> StructureObjects:
    """A validated structure, its venue (its own pricing point), an event in a price category
    with a stock a week ahead, a request to join, a colleague, an invitation and a statement."""
    structure = factories.structure(session, name=structure_name)
    venue = factories.venue(session, structure=structure,
                            **({"name": venue_name} if venue_name else {}))
    venue.pricing_point_id = venue.id
    offer = factories.offer(session, venue=venue, subcategory_id="SPECTACLE_REPRESENTATION",
                            **({"name": offer_name} if offer_name else {}))
    category = PriceCategory(offer=offer, label="Plein tarif", price_cents=800)
    session.add(category)
    session.flush()
    stock = factories.stock(session, offer=offer, price_cents=800, quantity=10,
                            price_category=category)
    request_to_join = _membership(session, structure, MembershipStatus.PENDING)
    colleague = _membership(session, structure, MembershipStatus.VALIDATED)
    invitation = StructureInvitation(structure=structure, email="invitee@example.org")
    session.add(invitation)
    session.flush()
    ids = {
        "structure_id": structure.id, "venue_id": venue.id, "offer_id": offer.id,
        "stock_id": stock.id, "price_category_id": category.id,
        "membership_id": request_to_join.id, "member_id": colleague.id,
        "invitation_id": invitation.id, "statement_id": empty_statement(session, venue).id,
    }
    return StructureObjects(structure, venue, offer, stock, ids)
