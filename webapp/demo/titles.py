"""Believable French titles and descriptions for each subcategory of offer."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from webapp.demo import names as n


@dataclass(frozen=True)
class Place:
    """What a title may mention about where the offer happens."""

    venue: str
    commune: str
    season: str  # "2026-2027"


@dataclass(frozen=True)
class OfferText:
    name: str
    description: str
    author: str | None = None
    performer: str | None = None
    # Some kinds of product have their own price range (a manga is not priced like a novel).
    price_cents: int | None = None


def _cents(rng: random.Random, low: float, high: float, step: float = 0.5) -> int:
    steps = round((high - low) / step)
    return round((low + step * rng.randint(0, steps)) * 100)


def _artist(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return rng.choice(n.BANDS)
    return f"{rng.choice(n.ARTIST_FIRST)} {rng.choice(n.ARTIST_LAST)}"


def _person(rng: random.Random) -> str:
    return f"{rng.choice(n.FIRST_NAMES)} {rng.choice(n.LAST_NAMES)}"


def paper_book(rng: random.Random, place: Place) -> OfferText:
    roll = rng.random()
    if roll < 0.5:
        series, author, last, pitch = rng.choice(n.MANGA)
        volume = rng.randint(1, last)
        return OfferText(f"{series}, tome {volume}",
                         f"{pitch} Tome {volume} d'une série qui en compte {last}.",
                         author=author, price_cents=_cents(rng, 6.9, 7.95, 0.05))
    if roll < 0.7:
        series, author, last, pitch = rng.choice(n.BANDES_DESSINEES)
        volume = rng.randint(1, last)
        return OfferText(f"{series}, tome {volume}", f"{pitch} Album {volume} de la série.",
                         author=author, price_cents=_cents(rng, 10.95, 16.95, 1))
    title, author, kind, pitch = rng.choice(n.NOVELS)
    price = _cents(rng, 5.5, 10.9, 0.1) if kind == "poche" else _cents(rng, 17.9, 24.9, 1)
    edition = "Édition de poche." if kind == "poche" else "Grand format."
    return OfferText(title, f"{pitch} {edition}", author=author, price_cents=price)


def ebook(rng: random.Random, place: Place) -> OfferText:
    book = paper_book(rng, place)
    return OfferText(f"{book.name} (ebook)",
                     f"{book.description} Format ePub, à lire sur liseuse, tablette ou téléphone.",
                     author=book.author, price_cents=max(299, (book.price_cents or 999) - 300))


def audiobook(rng: random.Random, place: Place, download: bool) -> OfferText:
    title, author, _kind, pitch = rng.choice(n.NOVELS)
    support = "à télécharger (MP3)" if download else "sur CD"
    return OfferText(f"{title}, livre audio {support}",
                     f"{pitch} Lu par {rng.choice(n.NARRATORS)}.", author=author)


def album(rng: random.Random, place: Place, support: str) -> OfferText:
    if rng.random() < 0.2:
        composer, work = rng.choice(n.CLASSICAL_WORKS)
        orchestra = f"Orchestre national de {rng.choice(['Montpellier', 'Strasbourg', 'Bretagne'])}"
        return OfferText(f"{composer} : {work} ({support})",
                         f"Une interprétation de référence de l'œuvre de {composer}.",
                         performer=orchestra)
    artist, genre = _artist(rng), rng.choice(n.GENRES)
    title = rng.choice(n.ALBUMS)
    return OfferText(f"{title} – {artist} ({support})",
                     f"Le nouvel album {genre} de {artist}, {rng.randint(9, 15)} titres.",
                     performer=artist)


def concert(rng: random.Random, place: Place) -> OfferText:
    if rng.random() < 0.15:
        composer, work = rng.choice(n.CLASSICAL_WORKS)
        return OfferText(f"Concert symphonique : {composer}, {work}",
                         f"L'orchestre joue {work} de {composer}. Présentation de l'œuvre "
                         "vingt minutes avant le concert.", performer="Orchestre régional")
    artist, genre = _artist(rng), rng.choice(n.GENRES)
    return OfferText(f"{artist} en concert",
                     f"{artist} présente sur scène son nouveau répertoire {genre}. "
                     "Première partie assurée par un groupe local.", performer=artist)


def music_event(rng: random.Random, place: Place) -> OfferText:
    artist = _artist(rng)
    name = rng.choice([f"Showcase de {artist}", "Scène ouverte musicale", "Jam session du jeudi",
                       f"Blind test musical à {place.commune}"])
    return OfferText(name, "Un moment musical convivial, ouvert à tous les niveaux.",
                     performer=artist if "Showcase" in name else None)


def play(rng: random.Random, place: Place) -> OfferText:
    if rng.random() < 0.5:
        title, author = rng.choice(n.PLAYS)
        company = rng.choice(n.COMPANIES)
        return OfferText(title, f"La pièce de {author}, mise en scène par la {company}. "
                         "Une relecture vive et accessible d'un classique.",
                         author=author, performer=company)
    kind, pitch = rng.choice(n.SHOW_KINDS)
    title = rng.choice(n.SHOW_TITLES)
    company = rng.choice(n.COMPANIES)
    return OfferText(f"{title} ({kind})", pitch.format(n=rng.randint(3, 9)), performer=company)


def film(rng: random.Random) -> tuple[str, str]:
    if rng.random() < 0.12:
        title, director = rng.choice(n.CLASSIC_FILMS)
        return title, f"Le classique de {director}, en version restaurée."
    title, genre, pitch = rng.choice(n.FILMS)
    return title, f"{pitch} Un film {genre} de {_person(rng)}."


def cinema_session(rng: random.Random, place: Place) -> OfferText:
    title, synopsis = film(rng)
    version = rng.choice(["", "", " (VOST)", " (VF)"])
    return OfferText(f"{title}{version}", synopsis)


def exhibition(rng: random.Random, place: Place, guided: bool) -> OfferText:
    theme = rng.choice(n.EXHIBITION_THEMES)
    if guided:
        return OfferText(f"Visite guidée : {theme}",
                         f"Une médiatrice vous fait découvrir l'exposition « {theme} » en une "
                         "heure. Groupe de quinze personnes au plus.")
    return OfferText(f"Exposition « {theme} »",
                     f"Entrée à l'exposition « {theme} », avec l'accès aux collections "
                     "permanentes.")


def workshop(rng: random.Random, place: Place, template: str, description: str) -> OfferText:
    discipline = rng.choice(n.WORKSHOP_DISCIPLINES)
    return OfferText(template.format(d=discipline, days=rng.randint(2, 5)),
                     description.format(d=discipline))


def simple(names: list[str], descriptions: list[str]) -> Callable[[random.Random, Place],
                                                                    OfferText]:
    """A generator drawing a name and a description template, both formatted with the place."""

    def generate(rng: random.Random, place: Place) -> OfferText:
        values = {
            "venue": place.venue, "commune": place.commune, "season": place.season,
            "topic": rng.choice(n.CONFERENCE_TOPICS), "career": rng.choice(n.CAREERS),
            "game": rng.choice(n.GAMES), "escape": rng.choice(n.ESCAPE_THEMES),
            "stream": rng.choice(n.STREAMING_PLATFORMS), "music": rng.choice(n.MUSIC_PLATFORMS),
            "ebooks": rng.choice(n.EBOOK_PLATFORMS), "games": rng.choice(n.GAME_PLATFORMS),
            "paper": rng.choice(n.NEWSPAPERS), "podcast": rng.choice(n.PODCASTS),
            "app": rng.choice(n.CULTURAL_APPS), "online_game": rng.choice(n.ONLINE_GAMES),
            "practice": rng.choice(n.PRACTICE_PLATFORMS), "person": _person(rng),
            "discipline": rng.choice(n.WORKSHOP_DISCIPLINES), "artist": _artist(rng),
            "theme": rng.choice(n.EXHIBITION_THEMES), "play": rng.choice(n.PLAYS)[0],
            "film": film(rng)[0], "instrument": rng.choice(n.RENTED_INSTRUMENTS),
            "n": rng.choice([5, 10]), "months": rng.choice([1, 3, 6, 12]),
        }
        return OfferText(rng.choice(names).format(**values),
                         rng.choice(descriptions).format(**values))

    return generate


def instrument(rng: random.Random, place: Place) -> OfferText:
    name, price = rng.choice(n.INSTRUMENTS)
    return OfferText(name, "Instrument neuf, réglé en atelier avant la remise. Housse fournie.",
                     price_cents=price)


def art_supply(rng: random.Random, place: Place) -> OfferText:
    name, price = rng.choice(n.ART_SUPPLIES)
    return OfferText(name, "Du matériel de qualité pour débuter ou progresser.", price_cents=price)


def score(rng: random.Random, place: Place) -> OfferText:
    who, what = rng.choice(n.SCORES)
    title = f"Partition : {who}, {what}" if who not in {"Méthode", "Recueil"} else \
        f"{who} de {what}"
    return OfferText(title, "Édition annotée, avec les doigtés et des conseils d'interprétation.")


GENERATORS: dict[str, Callable[[random.Random, Place], OfferText]] = {
    "LIVRE_PAPIER": paper_book,
    "LIVRE_NUMERIQUE": ebook,
    "LIVRE_AUDIO_PHYSIQUE": lambda rng, place: audiobook(rng, place, download=False),
    "TELECHARGEMENT_LIVRE_AUDIO": lambda rng, place: audiobook(rng, place, download=True),
    "SUPPORT_PHYSIQUE_MUSIQUE_CD": lambda rng, place: album(rng, place, "CD"),
    "SUPPORT_PHYSIQUE_MUSIQUE_VINYLE": lambda rng, place: album(rng, place, "vinyle"),
    "TELECHARGEMENT_MUSIQUE": lambda rng, place: album(rng, place, "album numérique"),
    "CONCERT": concert,
    "EVENEMENT_MUSIQUE": music_event,
    "SPECTACLE_REPRESENTATION": play,
    "SEANCE_CINE": cinema_session,
    "VISITE": lambda rng, place: exhibition(rng, place, guided=False),
    "VISITE_GUIDEE": lambda rng, place: exhibition(rng, place, guided=True),
    "ATELIER_PRATIQUE_ART": lambda rng, place: workshop(
        rng, place, "Stage de {d} ({days} jours)",
        "Un stage de {d} encadré par un artiste professionnel. Matériel fourni."),
    "SEANCE_ESSAI_PRATIQUE_ART": lambda rng, place: workshop(
        rng, place, "Cours d'essai de {d}", "Une séance pour découvrir le {d} sans engagement."),
    "ACHAT_INSTRUMENT": instrument,
    "MATERIEL_ART_CREATIF": art_supply,
    "PARTITION": score,
    "EVENEMENT_CINE": simple(
        ["Avant-première : {film}", "Ciné-débat : {film}", "Nuit de l'horreur – {venue}"],
        ["Projection suivie d'une rencontre avec l'équipe du film.",
         "Une soirée spéciale, avec une discussion animée par un critique."]),
    "FESTIVAL_CINE": simple(
        ["Festival du court métrage de {commune} – pass journée", "Festival Ciné-Jeunes {season}"],
        ["Une journée de projections, de rencontres et de courts métrages en compétition."]),
    "CINE_PLEIN_AIR": simple(
        ["Cinéma en plein air : {film}"],
        ["Projection à la tombée de la nuit, apportez un plaid. Annulée en cas de pluie."]),
    "CARTE_CINE_MULTISEANCES": simple(
        ["Carte {n} places – {venue}"], ["Une carte de {n} séances, valable un an."]),
    "CARTE_CINE_ILLIMITE": simple(
        ["Abonnement illimité d'un mois – {venue}"],
        ["Toutes les séances du cinéma pendant un mois, sans limite."]),
    "CINE_VENTE_DISTANCE": simple(
        ["E-billet : {film}"], ["Votre place de cinéma achetée en ligne, à présenter en salle."]),
    "SUPPORT_PHYSIQUE_FILM": simple(
        ["{film} (Blu-ray)", "{film} (DVD)"],
        ["Le film avec ses bonus : making-of et entretien avec l'équipe."]),
    "ABO_MEDIATHEQUE": simple(
        ["Abonnement médiathèque – films et musique, 1 an"],
        ["Empruntez films, séries et disques dans tout le réseau des médiathèques."]),
    "VOD": simple(["{film} – location VOD 48 h"], ["Le film en haute définition, pendant 48 h."]),
    "ABO_PLATEFORME_VIDEO": simple(
        ["Abonnement {stream} – {months} mois"],
        ["Des centaines de films et séries d'auteur en streaming, sans publicité."]),
    "ABO_BIBLIOTHEQUE": simple(
        ["Carte lecteur jeune – {venue}", "Abonnement annuel à la bibliothèque"],
        ["Empruntez jusqu'à quinze documents pour trois semaines."]),
    "ABO_LIVRE_NUMERIQUE": simple(
        ["Abonnement {ebooks} – {months} mois"],
        ["Des milliers de livres numériques en illimité, romans, BD et mangas."]),
    "FESTIVAL_LIVRE": simple(
        ["Salon du livre jeunesse de {commune}", "Festival de la BD de {commune}",
         "Fête du livre {season}"],
        ["Dédicaces, rencontres et ateliers avec des auteurs et autrices invités."]),
    "FESTIVAL_MUSIQUE": simple(
        ["Festival {artist} & invités – pass 1 jour", "Festival d'été de {commune} – pass 3 jours"],
        ["Trois scènes, vingt groupes, et un village associatif."]),
    "LIVESTREAM_MUSIQUE": simple(
        ["{artist} – concert en direct"], ["Le concert diffusé en direct, avec un lien envoyé "
                                           "par e-mail avant le début."]),
    "ABO_CONCERT": simple(
        ["Abonnement saison {season} – 4 concerts"],
        ["Quatre concerts au choix dans la programmation de la saison."]),
    "ABO_PLATEFORME_MUSIQUE": simple(
        ["Abonnement {music} Premium – {months} mois"],
        ["Écoute illimitée, sans publicité, hors connexion."]),
    "FESTIVAL_SPECTACLE": simple(
        ["Festival des arts de la rue de {commune}", "Festival de théâtre jeune public {season}"],
        ["Des spectacles dans toute la ville, en salle et en plein air."]),
    "ABO_SPECTACLE": simple(
        ["Carte 4 spectacles – saison {season}"],
        ["Choisissez quatre spectacles de la saison, à tarif réduit."]),
    "SPECTACLE_ENREGISTRE": simple(
        ["Captation : {play}"], ["Le spectacle filmé en haute définition, à voir en ligne."]),
    "LIVESTREAM_EVENEMENT": simple(
        ["En direct : {play}"], ["La représentation diffusée en direct depuis la salle."]),
    "SPECTACLE_VENTE_DISTANCE": simple(
        ["Billet en ligne : {play}"], ["Votre place achetée en ligne, à présenter à l'entrée."]),
    "EVENEMENT_PATRIMOINE": simple(
        ["Atelier patrimoine : {discipline} à l'ancienne", "Nuit des musées – {venue}",
         "Journées du patrimoine : visite des coulisses – {venue}"],
        ["Une découverte du lieu et de ses savoir-faire, en petit groupe."]),
    "FESTIVAL_ART_VISUEL": simple(
        ["Biennale d'art contemporain de {commune}", "Festival photo de {commune}"],
        ["Des œuvres dans toute la ville et des rencontres avec les artistes."]),
    "CARTE_MUSEE": simple(
        ["Pass musées – 1 an", "Carte jeune ami – {venue}"],
        ["Entrée illimitée pendant un an et des invitations aux vernissages."]),
    "VISITE_VIRTUELLE": simple(
        ["Visite virtuelle : {theme}"], ["L'exposition en ligne, commentée par ses commissaires."]),
    "MUSEE_VENTE_DISTANCE": simple(
        ["Billet coupe-file – {venue}"], ["Votre entrée achetée en ligne, sans file d'attente."]),
    "ABO_PRATIQUE_ART": simple(
        ["Cours de {discipline} – un trimestre"],
        ["Un cours hebdomadaire d'une heure trente, en petit groupe."]),
    "PLATEFORME_PRATIQUE_ARTISTIQUE": simple(
        ["{practice} : cours de {discipline} en ligne, {months} mois"],
        ["Des leçons vidéo progressives et des exercices corrigés."]),
    "LIVESTREAM_PRATIQUE_ARTISTIQUE": simple(
        ["Cours en direct : {discipline}"], ["Un cours en visioconférence, questions en direct."]),
    "CONFERENCE": simple(
        ["Conférence : {topic}"],
        ["Une heure d'exposé suivie d'un échange avec le public.",
         "Une conférence accessible à tous, sans prérequis."]),
    "RENCONTRE": simple(
        ["Rencontre avec {person} autour de son premier roman", "Rencontre d'auteur : {person}"],
        ["Lecture, échange et séance de dédicaces."]),
    "SALON": simple(
        ["Salon du manga et de la pop culture de {commune}", "Salon de l'étudiant de {commune}"],
        ["Exposants, conférences et animations pendant tout le week-end."]),
    "DECOUVERTE_METIERS": simple(
        ["Découvrir les métiers {career}"],
        ["Des professionnels présentent leur métier et leur parcours."]),
    "RENCONTRE_EN_LIGNE": simple(
        ["Rencontre en ligne avec {person}"],
        ["Une rencontre en visioconférence, ouverte à tous."]),
    "ESCAPE_GAME": simple(
        ["Escape game « {escape} »"], ["Une heure pour vous échapper, de deux à cinq joueurs."]),
    "CONCOURS": simple(
        ["Concours de dessin manga", "Concours d'écriture de nouvelles", "Tournoi de {game}"],
        ["Inscription gratuite, remise des prix en fin de journée."]),
    "RENCONTRE_JEU": simple(
        ["Soirée jeux de société", "Après-midi {game}"],
        ["Venez découvrir des jeux avec nos animateurs, débutants bienvenus."]),
    "EVENEMENT_JEU": simple(
        ["Tournoi {game}", "Festival du jeu de {commune}"],
        ["Des parties, des tournois et des démonstrations de nouveautés."]),
    "JEU_EN_LIGNE": simple(
        ["{online_game}"], ["Un jeu d'aventure indépendant, en ligne."]),
    "ABO_JEU_VIDEO": simple(
        ["Abonnement {games} – {months} mois"], ["Un catalogue de jeux indépendants en illimité."]),
    "ABO_PRESSE_EN_LIGNE": simple(
        ["Abonnement numérique à {paper} – {months} mois"],
        ["Tous les articles et les archives, sur le site et l'application."]),
    "PODCAST": simple(
        ["Podcast « {podcast} » – saison complète"], ["Dix épisodes d'une demi-heure."]),
    "APP_CULTURELLE": simple(
        ["{app}"], ["Une application pour apprendre et découvrir, sans publicité."]),
    "AUTRE_SUPPORT_NUMERIQUE": simple(
        ["{film} – version numérique à télécharger"], ["Le film en haute définition, sans DRM."]),
    "PRATIQUE_ART_VENTE_DISTANCE": simple(
        ["Cours de {discipline} – inscription en ligne"],
        ["Votre place au cours, réservée en ligne, à présenter sur place."]),
    "ABO_LUDOTHEQUE": simple(
        ["Abonnement ludothèque – {venue}"], ["Empruntez des jeux de société toute l'année."]),
    "BON_ACHAT_INSTRUMENT": simple(
        ["Bon d'achat instrument – {venue}"], ["Un bon à dépenser en magasin pour un instrument."]),
    "CAPTATION_MUSIQUE": simple(
        ["Concert filmé à {commune}"], ["La captation d'un concert, à regarder en ligne."]),
    "LOCATION_INSTRUMENT": simple(
        ["Location {instrument} – {months} mois"],
        ["Instrument révisé par un luthier, entretien compris."]),
    "CARTE_JEUNES": simple(
        ["Carte Jeunes {season}", "Carte Jeunes Européenne"],
        ["Des réductions chez les partenaires culturels et sportifs du territoire."]),
}


def offer_text(rng: random.Random, sub_id: str, place: Place) -> OfferText:
    return GENERATORS[sub_id](rng, place)
