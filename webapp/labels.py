"""People-facing labels of domain values, marked for translation."""

from flask_babel import lazy_gettext as _l

from models.offerers.models import VenueType

VENUE_TYPE_LABELS = {
    VenueType.LIBRARY: _l("Bibliothèque ou médiathèque"),
    VenueType.BOOKSTORE: _l("Librairie"),
    VenueType.CINEMA: _l("Cinéma"),
    VenueType.CONCERT_HALL: _l("Salle de concerts"),
    VenueType.PERFORMING_ARTS: _l("Théâtre, salle de spectacles"),
    VenueType.MUSEUM: _l("Musée"),
    VenueType.HERITAGE: _l("Patrimoine et monument"),
    VenueType.ARTS_SCHOOL: _l("Cours et pratique artistique"),
    VenueType.FESTIVAL: _l("Festival"),
    VenueType.MUSIC_STORE: _l("Magasin d'instruments de musique"),
    VenueType.RECORD_STORE: _l("Disquaire"),
    VenueType.ART_SUPPLIES: _l("Magasin de beaux-arts"),
    VenueType.GAMES: _l("Jeux, escape game"),
    VenueType.SCIENCE_CENTRE: _l("Culture scientifique"),
    VenueType.CULTURAL_CENTRE: _l("Centre culturel"),
    VenueType.DIGITAL: _l("Offre numérique"),
    VenueType.OTHER: _l("Autre"),
}
