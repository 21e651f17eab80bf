"""How the demo's supply is shaped, per subcategory: share of offers, hosts, prices, quantities.

The shares follow published figures (docs/domain/3-catalogue.md): books dominant, then music,
cinema, live shows, museums, practice, so that dashboards built on the demo tell a believable
story.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from models.offerers.models import VenueType as V

# Share of offers per subcategory, in percent; `offer_counts` rescales them to a total.
OFFER_SHARES = {
    "SEANCE_CINE": 6.0, "EVENEMENT_CINE": 0.8, "FESTIVAL_CINE": 0.4, "CINE_PLEIN_AIR": 0.4,
    "CARTE_CINE_MULTISEANCES": 0.7, "CARTE_CINE_ILLIMITE": 0.3, "CINE_VENTE_DISTANCE": 0.4,
    "SUPPORT_PHYSIQUE_FILM": 2.2, "ABO_MEDIATHEQUE": 0.6, "VOD": 0.8, "ABO_PLATEFORME_VIDEO": 0.4,
    "LIVRE_PAPIER": 39.0, "LIVRE_NUMERIQUE": 3.0, "LIVRE_AUDIO_PHYSIQUE": 1.0,
    "TELECHARGEMENT_LIVRE_AUDIO": 1.0, "ABO_BIBLIOTHEQUE": 1.0, "ABO_LIVRE_NUMERIQUE": 0.4,
    "FESTIVAL_LIVRE": 0.6,
    "CONCERT": 5.5, "FESTIVAL_MUSIQUE": 0.8, "EVENEMENT_MUSIQUE": 0.9, "LIVESTREAM_MUSIQUE": 0.4,
    "ABO_CONCERT": 0.4,
    "SUPPORT_PHYSIQUE_MUSIQUE_CD": 4.5, "SUPPORT_PHYSIQUE_MUSIQUE_VINYLE": 3.0,
    "TELECHARGEMENT_MUSIQUE": 1.0, "ABO_PLATEFORME_MUSIQUE": 0.5,
    "SPECTACLE_REPRESENTATION": 4.2, "FESTIVAL_SPECTACLE": 0.5, "ABO_SPECTACLE": 0.4,
    "SPECTACLE_ENREGISTRE": 0.3, "LIVESTREAM_EVENEMENT": 0.3, "SPECTACLE_VENTE_DISTANCE": 0.3,
    "VISITE": 1.6, "VISITE_GUIDEE": 1.2, "EVENEMENT_PATRIMOINE": 0.8, "FESTIVAL_ART_VISUEL": 0.3,
    "CARTE_MUSEE": 0.5, "VISITE_VIRTUELLE": 0.3, "MUSEE_VENTE_DISTANCE": 0.3,
    "SEANCE_ESSAI_PRATIQUE_ART": 0.8, "ATELIER_PRATIQUE_ART": 1.8, "ABO_PRATIQUE_ART": 0.8,
    "PLATEFORME_PRATIQUE_ARTISTIQUE": 0.3, "LIVESTREAM_PRATIQUE_ARTISTIQUE": 0.3,
    "CONFERENCE": 1.0, "RENCONTRE": 1.0, "SALON": 0.3, "DECOUVERTE_METIERS": 0.4,
    "RENCONTRE_EN_LIGNE": 0.3,
    "ESCAPE_GAME": 0.6, "CONCOURS": 0.3, "RENCONTRE_JEU": 0.4, "EVENEMENT_JEU": 0.3,
    "JEU_EN_LIGNE": 0.2, "ABO_JEU_VIDEO": 0.2,
    "ABO_PRESSE_EN_LIGNE": 0.5, "PODCAST": 0.4, "APP_CULTURELLE": 0.3,
    "ACHAT_INSTRUMENT": 0.8, "LOCATION_INSTRUMENT": 0.5, "PARTITION": 0.5,
    "MATERIEL_ART_CREATIF": 1.2,
    "CARTE_JEUNES": 0.2,
    "AUTRE_SUPPORT_NUMERIQUE": 0.2, "PRATIQUE_ART_VENTE_DISTANCE": 0.2,
    # Legacy subcategories: a few offers created before they were withdrawn.
    "ABO_LUDOTHEQUE": 0.1, "BON_ACHAT_INSTRUMENT": 0.1, "CAPTATION_MUSIQUE": 0.1,
}

# Share of bookings per category, in percent (published figures: books about half of bookings).
BOOKING_SHARES = {
    "LIVRE": 50.0, "CINEMA": 11.0, "MUSIQUE_ENREGISTREE": 8.0, "MUSIQUE_LIVE": 8.0, "FILM": 3.0,
    "SPECTACLE": 5.0, "MUSEE": 4.5, "PRATIQUE_ART": 3.5, "CONFERENCE": 1.5, "JEU": 2.0,
    "MEDIA": 0.8, "INSTRUMENT": 1.2, "BEAUX_ARTS": 1.8, "CARTE_JEUNES": 0.2,
}

# Which kinds of venue publish each subcategory. For online-only subcategories the kind is
# that of the structure owning the virtual venue ("digital" for pure online players).
HOSTS = {
    "SEANCE_CINE": [V.CINEMA], "EVENEMENT_CINE": [V.CINEMA, V.CULTURAL_CENTRE],
    "FESTIVAL_CINE": [V.FESTIVAL, V.CINEMA], "CINE_PLEIN_AIR": [V.CINEMA, V.CULTURAL_CENTRE],
    "CARTE_CINE_MULTISEANCES": [V.CINEMA], "CARTE_CINE_ILLIMITE": [V.CINEMA],
    "CINE_VENTE_DISTANCE": [V.CINEMA],
    "SUPPORT_PHYSIQUE_FILM": [V.RECORD_STORE, V.BOOKSTORE], "ABO_MEDIATHEQUE": [V.LIBRARY],
    "VOD": [V.DIGITAL, V.CINEMA], "ABO_PLATEFORME_VIDEO": [V.DIGITAL],
    "LIVRE_PAPIER": [V.BOOKSTORE], "LIVRE_NUMERIQUE": [V.BOOKSTORE, V.DIGITAL],
    "LIVRE_AUDIO_PHYSIQUE": [V.BOOKSTORE], "TELECHARGEMENT_LIVRE_AUDIO": [V.BOOKSTORE, V.DIGITAL],
    "ABO_BIBLIOTHEQUE": [V.LIBRARY], "ABO_LIVRE_NUMERIQUE": [V.DIGITAL, V.LIBRARY],
    "FESTIVAL_LIVRE": [V.FESTIVAL, V.LIBRARY, V.BOOKSTORE],
    "CONCERT": [V.CONCERT_HALL, V.PERFORMING_ARTS, V.FESTIVAL, V.CULTURAL_CENTRE],
    "FESTIVAL_MUSIQUE": [V.FESTIVAL], "EVENEMENT_MUSIQUE": [V.CONCERT_HALL, V.RECORD_STORE,
                                                           V.CULTURAL_CENTRE],
    "LIVESTREAM_MUSIQUE": [V.CONCERT_HALL, V.FESTIVAL], "ABO_CONCERT": [V.CONCERT_HALL],
    "SUPPORT_PHYSIQUE_MUSIQUE_CD": [V.RECORD_STORE, V.BOOKSTORE],
    "SUPPORT_PHYSIQUE_MUSIQUE_VINYLE": [V.RECORD_STORE],
    "TELECHARGEMENT_MUSIQUE": [V.RECORD_STORE, V.DIGITAL], "ABO_PLATEFORME_MUSIQUE": [V.DIGITAL],
    "SPECTACLE_REPRESENTATION": [V.PERFORMING_ARTS, V.CULTURAL_CENTRE],
    "FESTIVAL_SPECTACLE": [V.FESTIVAL, V.PERFORMING_ARTS], "ABO_SPECTACLE": [V.PERFORMING_ARTS],
    "SPECTACLE_ENREGISTRE": [V.PERFORMING_ARTS], "LIVESTREAM_EVENEMENT": [V.PERFORMING_ARTS,
                                                                        V.FESTIVAL],
    "SPECTACLE_VENTE_DISTANCE": [V.PERFORMING_ARTS],
    "VISITE": [V.MUSEUM, V.HERITAGE, V.SCIENCE_CENTRE], "VISITE_GUIDEE": [V.MUSEUM, V.HERITAGE,
                                                                        V.SCIENCE_CENTRE],
    "EVENEMENT_PATRIMOINE": [V.HERITAGE, V.MUSEUM], "FESTIVAL_ART_VISUEL": [V.FESTIVAL, V.MUSEUM],
    "CARTE_MUSEE": [V.MUSEUM, V.HERITAGE], "VISITE_VIRTUELLE": [V.MUSEUM, V.HERITAGE],
    "MUSEE_VENTE_DISTANCE": [V.MUSEUM, V.HERITAGE],
    "SEANCE_ESSAI_PRATIQUE_ART": [V.ARTS_SCHOOL, V.CULTURAL_CENTRE],
    "ATELIER_PRATIQUE_ART": [V.ARTS_SCHOOL, V.CULTURAL_CENTRE, V.ART_SUPPLIES, V.MUSEUM,
                             V.LIBRARY],
    "ABO_PRATIQUE_ART": [V.ARTS_SCHOOL], "PLATEFORME_PRATIQUE_ARTISTIQUE": [V.DIGITAL,
                                                                          V.ARTS_SCHOOL],
    "LIVESTREAM_PRATIQUE_ARTISTIQUE": [V.ARTS_SCHOOL],
    "CONFERENCE": [V.SCIENCE_CENTRE, V.LIBRARY, V.MUSEUM, V.CULTURAL_CENTRE],
    "RENCONTRE": [V.BOOKSTORE, V.LIBRARY, V.CULTURAL_CENTRE], "SALON": [V.FESTIVAL,
                                                                        V.CULTURAL_CENTRE],
    "DECOUVERTE_METIERS": [V.CULTURAL_CENTRE, V.OTHER, V.SCIENCE_CENTRE],
    "RENCONTRE_EN_LIGNE": [V.CULTURAL_CENTRE, V.LIBRARY],
    "ESCAPE_GAME": [V.GAMES], "CONCOURS": [V.GAMES, V.CULTURAL_CENTRE],
    "RENCONTRE_JEU": [V.GAMES, V.LIBRARY], "EVENEMENT_JEU": [V.GAMES],
    "JEU_EN_LIGNE": [V.DIGITAL], "ABO_JEU_VIDEO": [V.DIGITAL],
    "ABO_PRESSE_EN_LIGNE": [V.DIGITAL], "PODCAST": [V.DIGITAL], "APP_CULTURELLE": [V.DIGITAL,
                                                                                   V.MUSEUM],
    "ACHAT_INSTRUMENT": [V.MUSIC_STORE], "LOCATION_INSTRUMENT": [V.MUSIC_STORE, V.ARTS_SCHOOL],
    "PARTITION": [V.MUSIC_STORE],
    "MATERIEL_ART_CREATIF": [V.ART_SUPPLIES],
    "CARTE_JEUNES": [V.OTHER, V.CULTURAL_CENTRE],
    "AUTRE_SUPPORT_NUMERIQUE": [V.DIGITAL, V.CINEMA],
    "PRATIQUE_ART_VENTE_DISTANCE": [V.ARTS_SCHOOL, V.CULTURAL_CENTRE],
    "ABO_LUDOTHEQUE": [V.GAMES, V.LIBRARY], "BON_ACHAT_INSTRUMENT": [V.MUSIC_STORE],
    "CAPTATION_MUSIQUE": [V.CONCERT_HALL, V.FESTIVAL],
}

# Physical venues per kind in the five experiment départements (the demo pro adds five).
VENUE_MIX = {
    V.BOOKSTORE: 50, V.LIBRARY: 40, V.CINEMA: 25, V.CONCERT_HALL: 20, V.PERFORMING_ARTS: 30,
    V.MUSEUM: 28, V.HERITAGE: 15, V.ARTS_SCHOOL: 30, V.FESTIVAL: 10, V.MUSIC_STORE: 14,
    V.RECORD_STORE: 12, V.ART_SUPPLIES: 12, V.GAMES: 14, V.SCIENCE_CENTRE: 6,
    V.CULTURAL_CENTRE: 22, V.OTHER: 4,
}


@dataclass(frozen=True)
class PriceRule:
    """Prices in cents between `low` and `high` in `step`s, free with probability `free`."""

    low: int
    high: int
    free: float = 0.0
    step: int = 50

    def draw(self, rng: random.Random) -> int:
        if rng.random() < self.free:
            return 0
        steps = (self.high - self.low) // self.step
        return self.low + self.step * rng.randint(0, steps)


def _euros(low: float, high: float, free: float = 0.0, step: float = 0.5) -> PriceRule:
    return PriceRule(round(low * 100), round(high * 100), free, round(step * 100))


PRICES = {
    "SEANCE_CINE": _euros(5, 9), "EVENEMENT_CINE": _euros(6, 12),
    "FESTIVAL_CINE": _euros(5, 40, 0.1),
    "CINE_PLEIN_AIR": _euros(3, 6, 0.6), "CARTE_CINE_MULTISEANCES": _euros(25, 60, step=5),
    "CARTE_CINE_ILLIMITE": _euros(18, 25), "CINE_VENTE_DISTANCE": _euros(5, 9),
    "SUPPORT_PHYSIQUE_FILM": _euros(9.99, 24.99, step=1), "ABO_MEDIATHEQUE": _euros(5, 20, 0.5),
    "VOD": _euros(2.99, 4.99, step=1), "ABO_PLATEFORME_VIDEO": _euros(7.99, 14.99, step=1),
    "LIVRE_PAPIER": _euros(6.9, 29.9), "LIVRE_NUMERIQUE": _euros(3.99, 14.99, step=1),
    "LIVRE_AUDIO_PHYSIQUE": _euros(15, 28), "TELECHARGEMENT_LIVRE_AUDIO": _euros(9.99, 24.99,
                                                                                  step=1),
    "ABO_BIBLIOTHEQUE": _euros(5, 20, 0.6, step=1), "ABO_LIVRE_NUMERIQUE": _euros(9.99, 29.99,
                                                                                  step=5),
    "FESTIVAL_LIVRE": _euros(3, 10, 0.5, step=1),
    "CONCERT": _euros(10, 45, 0.08, step=1), "FESTIVAL_MUSIQUE": _euros(25, 120, step=5),
    "EVENEMENT_MUSIQUE": _euros(3, 15, 0.4, step=1), "LIVESTREAM_MUSIQUE": _euros(3, 10, 0.4),
    "ABO_CONCERT": _euros(40, 120, step=5),
    "SUPPORT_PHYSIQUE_MUSIQUE_CD": _euros(9.99, 19.99, step=1),
    "SUPPORT_PHYSIQUE_MUSIQUE_VINYLE": _euros(17.99, 34.99, step=1),
    "TELECHARGEMENT_MUSIQUE": _euros(6.99, 11.99, step=1),
    "ABO_PLATEFORME_MUSIQUE": _euros(9.99, 29.99, step=5),
    "SPECTACLE_REPRESENTATION": _euros(8, 35, 0.06, step=1),
    "FESTIVAL_SPECTACLE": _euros(10, 60, step=5),
    "ABO_SPECTACLE": _euros(30, 90, step=5), "SPECTACLE_ENREGISTRE": _euros(3, 10),
    "LIVESTREAM_EVENEMENT": _euros(3, 10, 0.4), "SPECTACLE_VENTE_DISTANCE": _euros(8, 30, step=1),
    "VISITE": _euros(3, 12, 0.6), "VISITE_GUIDEE": _euros(3, 12, 0.4),
    "EVENEMENT_PATRIMOINE": _euros(2, 10, 0.6), "FESTIVAL_ART_VISUEL": _euros(3, 15, 0.4),
    "CARTE_MUSEE": _euros(10, 40, step=5), "VISITE_VIRTUELLE": _euros(2, 8, 0.5),
    "MUSEE_VENTE_DISTANCE": _euros(5, 15),
    "SEANCE_ESSAI_PRATIQUE_ART": _euros(5, 15, 0.6),
    "ATELIER_PRATIQUE_ART": _euros(10, 120, 0.15, step=5),
    "ABO_PRATIQUE_ART": _euros(60, 250, step=10), "PLATEFORME_PRATIQUE_ARTISTIQUE": _euros(10, 60,
                                                                                          step=5),
    "LIVESTREAM_PRATIQUE_ARTISTIQUE": _euros(3, 10, 0.5),
    "CONFERENCE": _euros(3, 10, 0.7), "RENCONTRE": _euros(3, 8, 0.8), "SALON": _euros(5, 25),
    "DECOUVERTE_METIERS": _euros(2, 5, 0.8), "RENCONTRE_EN_LIGNE": _euros(2, 5, 0.8),
    "ESCAPE_GAME": _euros(15, 30, step=1), "CONCOURS": _euros(2, 10, 0.5),
    "RENCONTRE_JEU": _euros(2, 8, 0.5), "EVENEMENT_JEU": _euros(3, 15, 0.3),
    "JEU_EN_LIGNE": _euros(4.99, 29.99, step=5), "ABO_JEU_VIDEO": _euros(7.99, 14.99, step=1),
    "ABO_PRESSE_EN_LIGNE": _euros(5, 40, step=5), "PODCAST": _euros(1, 5, 0.6),
    "APP_CULTURELLE": _euros(1.99, 9.99, 0.4, step=1),
    "ACHAT_INSTRUMENT": _euros(50, 300, step=5), "LOCATION_INSTRUMENT": _euros(30, 120, step=5),
    "PARTITION": _euros(8, 25),
    "MATERIEL_ART_CREATIF": _euros(5, 80),
    "CARTE_JEUNES": _euros(5, 15, 0.5, step=1),
    "AUTRE_SUPPORT_NUMERIQUE": _euros(3, 15, 0.3), "PRATIQUE_ART_VENTE_DISTANCE": _euros(5, 20),
    "ABO_LUDOTHEQUE": _euros(10, 30, 0.3, step=5), "BON_ACHAT_INSTRUMENT": _euros(50, 200, step=50),
    "CAPTATION_MUSIQUE": _euros(2, 8, 0.5),
}

# Places per stock: (low, high, share of unlimited stocks).
QUANTITIES = {
    "SEANCE_CINE": (40, 200, 0.0), "CONCERT": (50, 200, 0.05), "FESTIVAL_MUSIQUE": (100, 200, 0.1),
    "SPECTACLE_REPRESENTATION": (30, 200, 0.0), "VISITE": (10, 40, 0.4),
    "VISITE_GUIDEE": (8, 25, 0.0), "ATELIER_PRATIQUE_ART": (6, 20, 0.0),
    "SEANCE_ESSAI_PRATIQUE_ART": (4, 12, 0.0), "ESCAPE_GAME": (5, 30, 0.0),
    "LIVRE_PAPIER": (5, 60, 0.15), "ACHAT_INSTRUMENT": (5, 12, 0.0),
}
DEFAULT_QUANTITY = (10, 150, 0.15)

# Local start times of events, by the first word of the subcategory id.
EVENT_HOURS = {
    "SEANCE": [(14, 0), (16, 30), (18, 0), (20, 30), (21, 0)],
    "CONCERT": [(19, 30), (20, 0), (20, 30), (21, 0)],
    "SPECTACLE": [(19, 0), (20, 0), (20, 30), (15, 0)],
    "VISITE": [(10, 0), (11, 0), (14, 0), (15, 30)],
    "ATELIER": [(10, 0), (14, 0), (17, 30), (18, 30)],
    "LIVESTREAM": [(19, 0), (20, 0), (21, 0)],
    "FESTIVAL": [(14, 0), (18, 0), (19, 0)],
}
DEFAULT_EVENT_HOURS = [(18, 0), (18, 30), (19, 0), (20, 0)]

# Events that recur over months (a museum's guided tour, a cinema's showings) and so carry
# past dates as well as coming ones; one-off events only have coming dates or are over.
RECURRING_EVENTS = {
    "SEANCE_CINE", "VISITE", "VISITE_GUIDEE", "ATELIER_PRATIQUE_ART", "SEANCE_ESSAI_PRATIQUE_ART",
    "RENCONTRE_JEU", "EVENEMENT_PATRIMOINE", "SPECTACLE_REPRESENTATION", "CONCOURS",
    "LIVESTREAM_PRATIQUE_ARTISTIQUE", "RENCONTRE",
}

# Share of event offers whose dates are all over. Films run a few weeks, so past showings are
# mostly on finished films; other events are only occasionally over.
EXPIRED_SHARES = {"SEANCE_CINE": 0.4, "CONCERT": 0.2, "SPECTACLE_REPRESENTATION": 0.2}
DEFAULT_EXPIRED_SHARE = 0.08

# Days between two past dates of a recurring event.
PAST_DATE_SPACING = {"SEANCE_CINE": 4}
DEFAULT_PAST_DATE_SPACING = 21

# Subcategories whose digital delivery is a code rather than a link, some of the time.
CODE_DELIVERED = {
    "LIVRE_NUMERIQUE", "TELECHARGEMENT_LIVRE_AUDIO", "ABO_LIVRE_NUMERIQUE",
    "ABO_PLATEFORME_VIDEO", "ABO_PLATEFORME_MUSIQUE", "TELECHARGEMENT_MUSIQUE", "JEU_EN_LIGNE",
    "ABO_JEU_VIDEO", "ABO_PRESSE_EN_LIGNE", "PLATEFORME_PRATIQUE_ARTISTIQUE", "VOD",
}


def offer_counts(total: int, minimum: int = 3) -> dict[str, int]:
    """Offers per subcategory for `total` offers, every subcategory getting at least `minimum`."""
    weight = sum(OFFER_SHARES.values())
    return {sub: max(minimum, round(total * share / weight)) for sub, share in OFFER_SHARES.items()}


def hours_for(sub_id: str) -> list[tuple[int, int]]:
    for prefix, hours in EVENT_HOURS.items():
        if sub_id.startswith(prefix):
            return hours
    return DEFAULT_EVENT_HOURS


def quantity_for(rng: random.Random, sub_id: str) -> int | None:
    low, high, unlimited = QUANTITIES.get(sub_id, DEFAULT_QUANTITY)
    if rng.random() < unlimited:
        return None
    return rng.randint(low, high)
