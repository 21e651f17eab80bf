"""Genres an offer may carry: show types with their subtypes, and music types.

Codes are stored on the offer (`show_type`, `show_subtype`, `music_type`); labels are French
and translated by the web layer. The lists are short on purpose: enough for people to find a
show or a concert by its kind, not a musicology (docs/domain/4-offers.md).
"""

from __future__ import annotations

SHOW_TYPES: dict[str, tuple[str, dict[str, str]]] = {
    "THEATRE": ("Théâtre", {
        "CONTEMPORAIN": "Contemporain", "CLASSIQUE": "Classique", "IMPROVISATION": "Improvisation",
        "JEUNE_PUBLIC": "Jeune public", "AUTRE": "Autre",
    }),
    "DANSE": ("Danse", {
        "CONTEMPORAINE": "Contemporaine", "CLASSIQUE": "Classique", "HIP_HOP": "Hip-hop",
        "TRADITIONNELLE": "Traditionnelle", "AUTRE": "Autre",
    }),
    "CIRQUE": ("Cirque", {
        "CONTEMPORAIN": "Contemporain", "TRADITIONNEL": "Traditionnel", "AUTRE": "Autre",
    }),
    "HUMOUR": ("Humour, café-théâtre", {
        "SEUL_EN_SCENE": "Seul en scène", "CAFE_THEATRE": "Café-théâtre", "AUTRE": "Autre",
    }),
    "OPERA": ("Opéra, art lyrique", {
        "OPERA": "Opéra", "OPERETTE": "Opérette", "COMEDIE_MUSICALE": "Comédie musicale",
        "AUTRE": "Autre",
    }),
    "ARTS_DE_LA_RUE": ("Arts de la rue", {
        "DEAMBULATION": "Déambulation", "FIXE": "Spectacle fixe", "AUTRE": "Autre",
    }),
    "MARIONNETTES": ("Marionnettes", {
        "JEUNE_PUBLIC": "Jeune public", "ADULTE": "Adulte", "AUTRE": "Autre",
    }),
    "AUTRE": ("Autre spectacle", {"AUTRE": "Autre"}),
}

MUSIC_TYPES: dict[str, str] = {
    "CLASSIQUE": "Classique",
    "JAZZ": "Jazz, blues",
    "POP": "Pop",
    "ROCK": "Rock, métal",
    "ELECTRO": "Électro",
    "HIP_HOP": "Hip-hop, rap",
    "CHANSON": "Chanson française",
    "MONDE": "Musiques du monde",
    "REGGAE": "Reggae",
    "AUTRE": "Autre",
}


def show_type_label(code: str | None) -> str | None:
    return SHOW_TYPES[code][0] if code in SHOW_TYPES else None


def show_subtype_label(type_code: str | None, code: str | None) -> str | None:
    if type_code not in SHOW_TYPES:
        return None
    return SHOW_TYPES[type_code][1].get(code)


def music_type_label(code: str | None) -> str | None:
    return MUSIC_TYPES.get(code)
