"""What the demo's young people say about offers: favorites, likes, reviews and a few reports."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass, field

from models.bookings.models import BookingStatus
from models.social.models import Favorite, OfferReaction, ReactionKind, Review, ReviewReport
from webapp.demo.bulk import IdAllocator
from webapp.demo.content import Catalogue
from webapp.demo.people import Population

DAY = dt.timedelta(days=1)

PRAISE = {
    "LIVRE": ["J'ai dévoré ce tome en une soirée, vivement la suite !",
              "Une lecture prenante, les personnages sont attachants.",
              "Le libraire m'a très bien conseillé, je recommande."],
    "CINEMA": ["Super séance, la salle est confortable et le film vaut le détour.",
               "Un film qui reste en tête longtemps après la projection."],
    "MUSIQUE_LIVE": ["Une ambiance incroyable, le groupe a tout donné !",
                     "Le son était parfait et la première partie très bien choisie."],
    "SPECTACLE": ["Une mise en scène inventive, je ne m'attendais pas à autant rire.",
                  "Les comédiens étaient formidables, allez-y !"],
    "MUSEE": ["La médiatrice était passionnante, on a appris plein de choses.",
              "Une belle exposition, prévoyez au moins deux heures."],
}
GENERIC_PRAISE = ["Très bonne expérience, je recommande.", "Un super moment, merci !",
                  "Exactement ce que je cherchais, accueil au top."]
CRITICISM = ["Un peu déçu, je m'attendais à mieux.", "Bien, mais trop court pour le prix.",
             "L'accueil était froid et l'attente longue."]
REPORT_REASONS = ["Propos déplacés", "Ce commentaire ne parle pas de l'offre",
                  "Divulgâchage de la fin"]


@dataclass
class Social:
    favorites: list[dict] = field(default_factory=list)
    reactions: list[dict] = field(default_factory=list)
    reviews: list[dict] = field(default_factory=list)
    reports: list[dict] = field(default_factory=list)

    def rows(self) -> list[tuple[type, list[dict]]]:
        return [(Favorite, self.favorites), (OfferReaction, self.reactions),
                (Review, self.reviews), (ReviewReport, self.reports)]


class SocialPlanner:
    def __init__(self, ids: IdAllocator, rng: random.Random, now: dt.datetime,
                 moderator_id: int | None):
        self.ids, self.rng, self.now, self.moderator_id = ids, rng, now, moderator_id
        self.social = Social()

    def plan(self, bookings: list[dict], catalogue: Catalogue, population: Population) -> Social:
        categories = {offer.id: offer.category_id for offer in catalogue.offers}
        self.people = population.people
        for booking in bookings:
            if booking["status"] in (BookingStatus.USED, BookingStatus.REIMBURSED):
                self._react(booking, categories[booking["offer_id"]])
        self._favorites(catalogue, population)
        return self.social

    def _later(self, moment: dt.datetime, days: int) -> dt.datetime:
        return min(self.now - dt.timedelta(minutes=5), moment + DAY * self.rng.uniform(0, days))

    def _react(self, booking: dict, category_id: str) -> None:
        rng = self.rng
        if rng.random() >= 0.2:
            return
        liked = rng.random() < 0.82
        at = self._later(booking["used_at"], 7)
        self.social.reactions.append({
            "id": self.ids.take(OfferReaction), "user_id": booking["user_id"],
            "offer_id": booking["offer_id"],
            "kind": ReactionKind.LIKE if liked else ReactionKind.DISLIKE, "created_at": at,
        })
        if rng.random() < 0.3:
            self._review(booking, category_id, liked, at)

    def _review(self, booking: dict, category_id: str, liked: bool, at: dt.datetime) -> None:
        rng = self.rng
        text = rng.choice(PRAISE.get(category_id, GENERIC_PRAISE) if liked else CRITICISM)
        review = {
            "id": self.ids.take(Review), "booking_id": booking["id"],
            "user_id": booking["user_id"], "offer_id": booking["offer_id"], "text": text,
            "created_at": at, "hidden_at": None, "hidden_by_id": None,
        }
        self.social.reviews.append(review)
        if rng.random() < 0.05:
            self._report(review)

    def _report(self, review: dict) -> None:
        """Someone reports the review; staff hide about half of the reported ones."""
        rng = self.rng
        reporter = rng.choice(self.people)
        if reporter.id == review["user_id"]:
            return
        reported_at = self._later(review["created_at"], 2)
        resolved_at = None
        if self.moderator_id is not None and rng.random() < 0.5:
            resolved_at = self._later(reported_at, 2)
            review.update(hidden_at=resolved_at, hidden_by_id=self.moderator_id)
        self.social.reports.append({
            "id": self.ids.take(ReviewReport), "review_id": review["id"],
            "reporter_id": reporter.id, "reason": rng.choice(REPORT_REASONS),
            "created_at": reported_at, "resolved_at": resolved_at,
        })

    def _favorites(self, catalogue: Catalogue, population: Population) -> None:
        shown_by_place: dict[str | None, list[int]] = defaultdict(list)
        for offer in catalogue.offers:
            if offer.shown:
                shown_by_place[offer.venue.departement].append(offer.id)
        for person in population.people:
            if self.rng.random() >= 0.35:
                continue
            choices = shown_by_place[person.commune.departement] + shown_by_place[None]
            for offer_id in sorted(set(self.rng.sample(choices, self.rng.randint(1, 8)))):
                self.social.favorites.append({
                    "id": self.ids.take(Favorite), "user_id": person.id, "offer_id": offer_id,
                    "created_at": person.created_at + (self.now - person.created_at)
                    * self.rng.random(),
                })
