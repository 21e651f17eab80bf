"""Orders of the favorites list."""

from flask_babel import lazy_gettext as _l

from models.geo import Point, distance_km
from webapp.offer_context import person_point

SORTS = {
    "recent": _l("Ajoutés récemment"),
    "prix": _l("Prix croissant"),
    "distance": _l("Les plus proches"),
}


def _lowest_price(offer, now) -> int:
    prices = [
        stock.price_cents for stock in offer.stocks
        if not stock.is_deleted and (stock.beginning_at is None or stock.beginning_at > now)
    ]
    return min(prices, default=10**9)


def sort_favorites(favorites, sort: str, now):
    if sort == "prix":
        return sorted(favorites, key=lambda favorite: _lowest_price(favorite.offer, now))
    if sort == "distance":
        point = person_point()

        def distance(favorite):
            venue = favorite.offer.venue
            if point is None or venue.latitude is None:
                return float("inf")
            return distance_km(point, Point(venue.latitude, venue.longitude))

        return sorted(favorites, key=distance)
    return favorites
