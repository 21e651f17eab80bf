"""The category and subcategory catalogue with its rule flags (docs/domain/3-catalogue.md).

The catalogue is code rather than data: each flag changes what the booking rules do, and a
change to it is a change to the rules, reviewed and tested like any other.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class OnlineMode(StrEnum):
    ON_SITE = "on_site"
    ONLINE = "online"
    BOTH = "both"


class CapKind(StrEnum):
    DIGITAL = "digital"
    PHYSICAL = "physical"


class MinorsAccess(StrEnum):
    """What a person under 18 may book in a subcategory; a flag of its own, not a consequence
    of the digital cap (e-books are digital and open to minors, a paid online meeting is not)."""

    OPEN = "open"
    FREE_ONLY = "free_only"
    REFUSED = "refused"


class ReimbursementRule(StrEnum):
    STANDARD = "standard"
    BOOK = "book"
    NOT_REIMBURSED = "not_reimbursed"


@dataclass(frozen=True)
class Category:
    id: str
    label: str


@dataclass(frozen=True)
class Subcategory:
    id: str
    category_id: str
    label: str
    is_event: bool = False
    online: OnlineMode = OnlineMode.ON_SITE
    cap: CapKind | None = None
    duo_allowed: bool = False
    expires_unused: bool = False
    reimbursement: ReimbursementRule = ReimbursementRule.STANDARD
    minors: MinorsAccess = MinorsAccess.OPEN
    # Pros may choose it for a new offer; legacy subcategories only describe existing offers.
    selectable: bool = True
    # Ticket withdrawal modes (on site, by e-mail, no ticket) apply to its offers.
    withdrawal_modes: bool = False

    @property
    def forbidden_to_minors(self) -> bool:
        """Refused under 18 even when free."""
        return self.minors is MinorsAccess.REFUSED

    def refused_to_minors(self, amount_cents: int) -> bool:
        """Whether a person under 18 is refused an offer of this subcategory at this price."""
        if self.minors is MinorsAccess.REFUSED:
            return True
        return self.minors is MinorsAccess.FREE_ONLY and amount_cents > 0

    @property
    def is_digital(self) -> bool:
        return self.cap is CapKind.DIGITAL

    @property
    def is_online_only(self) -> bool:
        return self.online is OnlineMode.ONLINE

    @property
    def category(self) -> Category:
        return CATEGORIES[self.category_id]


def _sub(category_id: str, sub_id: str, label: str, flags: str = "") -> Subcategory:
    """Build a subcategory from a compact flag string (the letters of docs/domain/3-catalogue.md).

    Beside the letters: `paid<18` (paid offers refused under 18), `none<18` (refused under 18
    even when free), `legacy` (kept for existing offers, not selectable).
    """
    tokens = set(flags.split())
    unknown = tokens - _FLAGS
    if unknown:
        raise ValueError(f"{sub_id}: unknown flags {sorted(unknown)}")
    minors = MinorsAccess.OPEN
    if "none<18" in tokens:
        minors = MinorsAccess.REFUSED
    elif "paid<18" in tokens:
        minors = MinorsAccess.FREE_ONLY
    online = OnlineMode.ON_SITE
    if "On" in tokens:
        online = OnlineMode.ONLINE
    elif "Both" in tokens:
        online = OnlineMode.BOTH
    cap = CapKind.DIGITAL if "D" in tokens else CapKind.PHYSICAL if "P" in tokens else None
    reimbursement = ReimbursementRule.STANDARD
    if "N" in tokens:
        reimbursement = ReimbursementRule.NOT_REIMBURSED
    elif "B" in tokens:
        reimbursement = ReimbursementRule.BOOK
    return Subcategory(
        id=sub_id,
        category_id=category_id,
        label=label,
        is_event="E" in tokens,
        online=online,
        cap=cap,
        duo_allowed="2" in tokens,
        expires_unused="x" in tokens,
        reimbursement=reimbursement,
        minors=minors,
        selectable="legacy" not in tokens,
        withdrawal_modes="W" in tokens,
    )


_FLAGS = {"E", "On", "Both", "D", "P", "2", "x", "B", "N", "W", "paid<18", "none<18", "legacy"}


_CATEGORY_LIST = [
    Category("CINEMA", "Cinéma"),
    Category("FILM", "Films, vidéos"),
    Category("LIVRE", "Livre"),
    Category("MUSIQUE_LIVE", "Musique live"),
    Category("MUSIQUE_ENREGISTREE", "Musique enregistrée"),
    Category("SPECTACLE", "Spectacle vivant"),
    Category("MUSEE", "Musée, patrimoine, arts visuels"),
    Category("PRATIQUE_ART", "Pratique artistique"),
    Category("CONFERENCE", "Conférences, rencontres"),
    Category("JEU", "Jeux"),
    Category("MEDIA", "Médias"),
    Category("INSTRUMENT", "Instrument de musique"),
    Category("BEAUX_ARTS", "Beaux-arts"),
    Category("CARTE_JEUNES", "Carte jeunes"),
]

_SUBCATEGORY_LIST = [
    _sub("CINEMA", "SEANCE_CINE", "Séance de cinéma", "E 2"),
    _sub("CINEMA", "EVENEMENT_CINE", "Évènement cinématographique", "E 2"),
    _sub("CINEMA", "FESTIVAL_CINE", "Festival de cinéma", "E 2"),
    _sub("CINEMA", "CINE_PLEIN_AIR", "Cinéma plein air", "E 2"),
    _sub("CINEMA", "CARTE_CINE_MULTISEANCES", "Carte cinéma multi-séances", "x"),
    _sub("CINEMA", "CARTE_CINE_ILLIMITE", "Carte cinéma illimité", "x"),
    _sub("CINEMA", "CINE_VENTE_DISTANCE", "Cinéma vente à distance", "On"),
    _sub("FILM", "SUPPORT_PHYSIQUE_FILM", "DVD, Blu-ray", "P x"),
    _sub("FILM", "ABO_MEDIATHEQUE", "Abonnement médiathèque", "P x"),
    _sub("FILM", "VOD", "Vidéo à la demande", "On D N paid<18"),
    _sub("FILM", "AUTRE_SUPPORT_NUMERIQUE", "Autre support numérique", "On D N paid<18"),
    _sub("FILM", "ABO_PLATEFORME_VIDEO", "Abonnement streaming", "On D N paid<18"),
    _sub("LIVRE", "LIVRE_PAPIER", "Livre papier", "P x B"),
    _sub("LIVRE", "LIVRE_NUMERIQUE", "Livre numérique", "On D B"),
    _sub("LIVRE", "LIVRE_AUDIO_PHYSIQUE", "Livre audio sur support", "P x"),
    _sub("LIVRE", "TELECHARGEMENT_LIVRE_AUDIO", "Livre audio à télécharger", "On D N"),
    _sub("LIVRE", "ABO_BIBLIOTHEQUE", "Abonnement bibliothèque", "P x"),
    _sub("LIVRE", "ABO_LIVRE_NUMERIQUE", "Abonnement livres numériques", "On D x B"),
    _sub("LIVRE", "FESTIVAL_LIVRE", "Festival et salon du livre", "E 2"),
    _sub("MUSIQUE_LIVE", "CONCERT", "Concert", "E 2 W"),
    _sub("MUSIQUE_LIVE", "FESTIVAL_MUSIQUE", "Festival de musique", "E 2 W"),
    _sub("MUSIQUE_LIVE", "EVENEMENT_MUSIQUE", "Autre évènement musical", "E 2 W"),
    _sub("MUSIQUE_LIVE", "LIVESTREAM_MUSIQUE", "Livestream musical", "E On D paid<18"),
    _sub("MUSIQUE_LIVE", "ABO_CONCERT", "Abonnement concert", "x"),
    _sub("MUSIQUE_ENREGISTREE", "SUPPORT_PHYSIQUE_MUSIQUE_CD", "CD", "P x"),
    _sub("MUSIQUE_ENREGISTREE", "SUPPORT_PHYSIQUE_MUSIQUE_VINYLE", "Vinyles et autres supports",
         "P x"),
    _sub("MUSIQUE_ENREGISTREE", "TELECHARGEMENT_MUSIQUE", "Téléchargement de musique",
         "On D N paid<18"),
    _sub("MUSIQUE_ENREGISTREE", "ABO_PLATEFORME_MUSIQUE", "Abonnement plateforme musicale",
         "On D N paid<18"),
    _sub("SPECTACLE", "SPECTACLE_REPRESENTATION", "Spectacle, représentation", "E 2 W"),
    _sub("SPECTACLE", "FESTIVAL_SPECTACLE", "Festival de spectacle vivant", "E 2 W"),
    _sub("SPECTACLE", "ABO_SPECTACLE", "Abonnement spectacle", "x"),
    _sub("SPECTACLE", "SPECTACLE_ENREGISTRE", "Spectacle enregistré", "On D N paid<18"),
    _sub("SPECTACLE", "LIVESTREAM_EVENEMENT", "Livestream d'évènement", "E On D paid<18"),
    _sub("SPECTACLE", "SPECTACLE_VENTE_DISTANCE", "Spectacle vente à distance", "On"),
    _sub("MUSEE", "VISITE", "Visite libre", "E 2"),
    _sub("MUSEE", "VISITE_GUIDEE", "Visite guidée", "E 2"),
    _sub("MUSEE", "EVENEMENT_PATRIMOINE", "Évènement et atelier patrimoine", "E 2"),
    _sub("MUSEE", "FESTIVAL_ART_VISUEL", "Festival d'arts visuels", "E 2 W"),
    _sub("MUSEE", "CARTE_MUSEE", "Abonnement musée, carte ou pass", "2 x"),
    _sub("MUSEE", "VISITE_VIRTUELLE", "Visite virtuelle", "On D N paid<18"),
    _sub("MUSEE", "MUSEE_VENTE_DISTANCE", "Musée vente à distance", "On"),
    _sub("PRATIQUE_ART", "SEANCE_ESSAI_PRATIQUE_ART", "Séance d'essai", "E 2 x"),
    _sub("PRATIQUE_ART", "ATELIER_PRATIQUE_ART", "Atelier, stage", "E 2"),
    _sub("PRATIQUE_ART", "ABO_PRATIQUE_ART", "Abonnement pratique artistique", "x"),
    _sub("PRATIQUE_ART", "PLATEFORME_PRATIQUE_ARTISTIQUE", "Plateforme en ligne",
         "On D x N paid<18"),
    _sub("PRATIQUE_ART", "PRATIQUE_ART_VENTE_DISTANCE", "Pratique artistique – vente à distance",
         "On"),
    _sub("PRATIQUE_ART", "LIVESTREAM_PRATIQUE_ARTISTIQUE", "Livestream", "E On D paid<18"),
    _sub("CONFERENCE", "CONFERENCE", "Conférence", "E 2"),
    _sub("CONFERENCE", "RENCONTRE", "Rencontre", "E 2"),
    _sub("CONFERENCE", "SALON", "Salon, convention", "E 2"),
    _sub("CONFERENCE", "DECOUVERTE_METIERS", "Découverte des métiers", "E 2"),
    _sub("CONFERENCE", "RENCONTRE_EN_LIGNE", "Rencontre en ligne", "E On N paid<18"),
    _sub("JEU", "ESCAPE_GAME", "Escape game", "2"),
    _sub("JEU", "CONCOURS", "Concours", "E 2"),
    _sub("JEU", "RENCONTRE_JEU", "Rencontre jeux", "E 2"),
    _sub("JEU", "EVENEMENT_JEU", "Évènement jeux", "E 2"),
    _sub("JEU", "JEU_EN_LIGNE", "Jeux en ligne", "On D N none<18"),
    _sub("JEU", "ABO_JEU_VIDEO", "Abonnement jeux vidéo", "On D N none<18"),
    _sub("MEDIA", "ABO_PRESSE_EN_LIGNE", "Abonnement presse en ligne", "On D N"),
    _sub("MEDIA", "PODCAST", "Podcast", "On D N"),
    _sub("MEDIA", "APP_CULTURELLE", "Application culturelle", "On D N"),
    _sub("INSTRUMENT", "ACHAT_INSTRUMENT", "Achat instrument", "P x"),
    _sub("INSTRUMENT", "LOCATION_INSTRUMENT", "Location instrument", "P x"),
    _sub("INSTRUMENT", "PARTITION", "Partition", "P x"),
    _sub("BEAUX_ARTS", "MATERIEL_ART_CREATIF", "Matériel arts créatifs", "P x"),
    _sub("CARTE_JEUNES", "CARTE_JEUNES", "Carte jeunes", "P x"),
    # Legacy subcategories: no new offer, but existing ones keep their rules.
    _sub("JEU", "ABO_LUDOTHEQUE", "Abonnement ludothèque", "P x none<18 legacy"),
    _sub("INSTRUMENT", "BON_ACHAT_INSTRUMENT", "Bon d'achat instrument", "P x legacy"),
    _sub("MUSIQUE_ENREGISTREE", "CAPTATION_MUSIQUE", "Captation musicale", "D N legacy"),
]

CATEGORIES: dict[str, Category] = {category.id: category for category in _CATEGORY_LIST}
SUBCATEGORIES: dict[str, Subcategory] = {sub.id: sub for sub in _SUBCATEGORY_LIST}

# Unused bookings of "x" subcategories expire after this many days; paper books sooner.
UNUSED_BOOKING_EXPIRY_DAYS = 30
UNUSED_BOOKING_EXPIRY_DAYS_BY_SUBCATEGORY = {"LIVRE_PAPIER": 10}


def unused_booking_expiry_days(subcategory: Subcategory) -> int | None:
    """Days after which an unused booking expires ("x" flag, events included); None: never."""
    if not subcategory.expires_unused:
        return None
    return UNUSED_BOOKING_EXPIRY_DAYS_BY_SUBCATEGORY.get(subcategory.id, UNUSED_BOOKING_EXPIRY_DAYS)


def subcategories_of(category_id: str) -> list[Subcategory]:
    return [sub for sub in _SUBCATEGORY_LIST if sub.category_id == category_id]


def selectable_subcategories() -> list[Subcategory]:
    """The subcategories a pro may choose for a new offer, in catalogue order."""
    return [sub for sub in _SUBCATEGORY_LIST if sub.selectable]
