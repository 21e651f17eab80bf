"""The map's queries: venues with bookable offers around a point, and what a venue offers.

"Bookable" is the shared rule of `models.offers.repository` (a shown offer of a validated
structure with a bookable stock), narrowed by the search filters of `models.search.criteria`.

The spatial part never scans the venue table. The database reads the index of the venue's grid
cell (`models.map.grid`) over the few ranges covering the circle's bounding box and keeps the
rows inside the circle plus a small margin, on a flat approximation good to well under 1 % at
these distances; only then does it keep the venues whose `bookable_until` (kept by the database
from offers and stocks) is still ahead, and, when filters narrow the offers, those with a
matching offer, found in two covering indexes (`ix_offer_venue_bookable`, `ix_stock_bookable`)
and stopping at the first one. Python computes the exact great-circle distance of the
candidates left, drops those beyond the radius and sorts them.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import replace
from typing import NamedTuple

from sqlalchemy import and_, exists, func, select
from sqlalchemy.orm import Session, joinedload

from models.geo import EARTH_RADIUS_KM, Point, bounding_box, distance_km
from models.map.grid import within_cells
from models.offerers.models import Structure, StructureStatus, Venue, VenueType
from models.offers.models import Image, Offer
from models.offers.repository import shown_offer_clause
from models.search.cards import OfferCard, card_columns, card_from_row
from models.search.criteria import SearchCriteria, offer_clauses, stock_clause
from models.search.proximity import squared_distance_km2
from models.territories.models import Commune

# The flat approximation may place a venue up to this much too far: the SQL keeps a margin,
# Python decides exactly.
FLAT_MARGIN = 1.01
MAX_VENUE_OFFERS = 50


class MapVenue(NamedTuple):
    """A venue as the map and its list show it.

    A named tuple rather than a dataclass: a dense area returns thousands, and building them
    must not cost more than finding them.
    """

    id: int
    name: str
    venue_type: VenueType
    latitude: float
    longitude: float
    distance_km: float

    @property
    def point(self) -> Point:
        return Point(self.latitude, self.longitude)


def _offer_criteria(criteria: SearchCriteria) -> SearchCriteria:
    # The place is handled here, through the grid; the shared clauses keep the other filters.
    return replace(criteria, center=None, radius_km=None, format=None, text="")


def _narrows_offers(criteria: SearchCriteria) -> bool:
    """Whether the filters keep fewer offers than "every bookable shown offer"."""
    offers = _offer_criteria(criteria)
    return offers != replace(SearchCriteria(), radius_km=None, sort=offers.sort)


def has_matching_offer(criteria: SearchCriteria, now: dt.datetime):
    """SQL on `Venue`: it has a bookable offer matching `criteria`, from a validated structure.

    `venue.bookable_until`, kept by the database (`models.offers.bookability`), says from the
    venue row alone whether it has any bookable shown offer: without filters, no offer or stock
    is read. Filters add the offers' own test on the venues left.

    The structure is checked in a subquery rather than joined in the outer query: without
    statistics, both engines could otherwise start from the structures' status index and read
    every venue, instead of starting from the grid index.
    """
    if _narrows_offers(criteria):
        offers_match = exists(
            select(Offer.id)
            .join(Structure, Structure.id == Venue.structure_id)
            .where(Offer.venue_id == Venue.id, shown_offer_clause(),
                   *offer_clauses(_offer_criteria(criteria), now))
        )
    else:
        # A scalar subquery, which neither engine turns into a join that could start from the
        # structures instead of the grid.
        offers_match = select(Structure.status).where(
            Structure.id == Venue.structure_id).scalar_subquery() == StructureStatus.VALIDATED
    return and_(Venue.bookable_until > now, offers_match)


def venues_around(
    session: Session, center: Point, radius_km: float, criteria: SearchCriteria,
    now: dt.datetime,
) -> list[MapVenue]:
    """The venues within `radius_km` of `center` with a matching bookable offer, nearest first."""
    box = bounding_box(center, radius_km)
    flat_radius = radius_km * FLAT_MARGIN
    cells = within_cells(Venue.grid_cell, box)
    if session.get_bind().dialect.name == "sqlite":
        # SQLite reads the cells' venue ids from the index alone, then each candidate once, in
        # id order: its offers then sit side by side in the offer index (venue_id first), much
        # faster to read than in the grid's order. PostgreSQL gains nothing from the detour.
        cells = Venue.id.in_(select(Venue.id).where(cells))
    nearby = [
        cells,
        squared_distance_km2(Venue.latitude, Venue.longitude, center)
        <= flat_radius * flat_radius,
        Venue.is_virtual.is_(False),
    ]
    # Plain rows through the session's connection: the ORM's result machinery would cost as
    # much as the query itself on the thousands of venues of a dense area.
    rows = session.connection().execute(
        select(*MAP_VENUE_COLUMNS).where(*nearby, has_matching_offer(criteria, now))
    )
    return nearest_first(rows, center, radius_km)


MAP_VENUE_COLUMNS = (Venue.id, Venue.name, Venue.public_name, Venue.venue_type, Venue.latitude,
                     Venue.longitude)


def nearest_first(rows, center: Point, radius_km: float) -> list[MapVenue]:
    """The rows of `MAP_VENUE_COLUMNS` within `radius_km` of `center`, nearest first.

    The distance is `models.geo.distance_km`'s haversine, written out with the centre's terms
    computed once: this loop runs over every candidate of a dense area.
    """
    latitude0, longitude0 = math.radians(center.latitude), math.radians(center.longitude)
    cos0 = math.cos(latitude0)
    venues = []
    for venue_id, name, public_name, venue_type, latitude, longitude in rows:
        phi = math.radians(latitude)
        h = (math.sin((phi - latitude0) / 2) ** 2
             + cos0 * math.cos(phi) * math.sin((math.radians(longitude) - longitude0) / 2) ** 2)
        distance = 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))
        if distance <= radius_km:
            venues.append(MapVenue(venue_id, public_name or name, venue_type, latitude,
                                   longitude, distance))
    venues.sort(key=lambda venue: (venue.distance_km, venue.id))
    return venues


def bookable_offer_counts(
    session: Session, venue_ids: list[int], criteria: SearchCriteria, now: dt.datetime
) -> dict[int, int]:
    """How many bookable offers matching `criteria` each venue has (absent when none)."""
    if not venue_ids:
        return {}
    # Plain rows through the connection, as `venues_around`: no mapped object is loaded.
    rows = session.connection().execute(
        select(Offer.venue_id, func.count())
        .join(Venue, Venue.id == Offer.venue_id)
        .join(Structure, Structure.id == Venue.structure_id)
        .where(
            Offer.venue_id.in_(venue_ids),
            shown_offer_clause(),
            *offer_clauses(_offer_criteria(criteria), now),
        )
        .group_by(Offer.venue_id)
    )
    return dict(rows.all())


def shown_venue(session: Session, venue_id: int) -> Venue | None:
    """A physical venue of a validated structure, with its commune; None otherwise."""
    return session.scalars(
        select(Venue)
        .join(Structure, Structure.id == Venue.structure_id)
        .where(
            Venue.id == venue_id,
            Venue.is_virtual.is_(False),
            Structure.status == StructureStatus.VALIDATED,
        )
        .options(joinedload(Venue.commune))
    ).first()


def venue_offer_cards(
    session: Session, venue_id: int, criteria: SearchCriteria, now: dt.datetime,
    center: Point | None, limit: int = MAX_VENUE_OFFERS,
) -> list[OfferCard]:
    """The venue's bookable offers matching `criteria` as cards, soonest first, then by name."""
    offer_filters = _offer_criteria(criteria)
    columns = card_columns(now, stock_clause(offer_filters))
    next_at = next(column for column in columns if column.key == "next_at")
    rows = session.execute(
        select(*columns)
        .join(Venue, Venue.id == Offer.venue_id)
        .join(Structure, Structure.id == Venue.structure_id)
        .outerjoin(Image, Image.id == Offer.image_id)
        .where(Offer.venue_id == venue_id, shown_offer_clause(),
               *offer_clauses(offer_filters, now))
        .order_by(next_at.is_(None), next_at, Offer.name, Offer.id)
        .limit(limit)
    )
    return [card_from_row(row, center) for row in rows]


def nearest_commune(session: Session, point: Point, within_km: float = 30) -> Commune | None:
    """The commune whose reference point is nearest to `point`, if one is within `within_km`.

    It names a position given by the browser ("près de Montpellier"); communes have no spatial
    index, but this runs once when the person shares their position, not on each map view.
    """
    box = bounding_box(point, within_km)
    communes = session.scalars(
        select(Commune).where(
            Commune.latitude.between(box.min_latitude, box.max_latitude),
            Commune.longitude.between(box.min_longitude, box.max_longitude),
        )
    ).all()
    if not communes:
        return None
    nearest = min(communes, key=lambda c: distance_km(point, Point(c.latitude, c.longitude)))
    if distance_km(point, Point(nearest.latitude, nearest.longitude)) > within_km:
        return None
    return nearest
