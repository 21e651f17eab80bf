"""The e-mails moderation sends, in French and in English (the person's language).

Mail is read outside the app, long after it was sent: each message names the offer or the
review, says what staff decided and, when it is a refusal, why.
"""

from __future__ import annotations

from enum import Enum

from models.emails.messages import SIGNATURE


class Notice(Enum):
    OFFERS_APPROVED = "offers_approved"
    OFFER_REJECTED = "offer_rejected"
    REVIEW_HIDDEN = "review_hidden"
    REPORT_UPHELD = "report_upheld"
    REPORT_DISMISSED = "report_dismissed"


TEXTS = {
    Notice.OFFERS_APPROVED: {
        "fr": ("Offres validées : {structure}",
               "Bonjour,\n\nL'équipe pass Culture a vérifié et validé ces offres de "
               "{structure} :\n\n{offers}\n\nElles sont visibles des jeunes dès que la "
               "structure est validée et qu'un stock est réservable."),
        "en": ("Offers approved: {structure}",
               "Hello,\n\nThe pass Culture team checked and approved these offers of "
               "{structure}:\n\n{offers}\n\nYoung people see them as soon as the structure is "
               "validated and a stock can be booked."),
    },
    Notice.OFFER_REJECTED: {
        "fr": ("Offre refusée : {offer}",
               "Bonjour,\n\nL'équipe pass Culture a refusé l'offre « {offer} » de {structure}, "
               "pour la raison suivante :\n\n{reason}\n\nLes jeunes ne la voient pas. Tu "
               "retrouves cette raison sur la page de l'offre, dans l'espace pro."),
        "en": ("Offer rejected: {offer}",
               "Hello,\n\nThe pass Culture team rejected the offer \"{offer}\" of {structure}, "
               "for this reason:\n\n{reason}\n\nYoung people do not see it. The reason is also "
               "shown on the offer's page in the pro area."),
    },
    Notice.REVIEW_HIDDEN: {
        "fr": ("Ton avis sur « {offer} » a été masqué",
               "Bonjour,\n\nTon avis sur « {offer} » a été signalé, et l'équipe pass Culture "
               "l'a masqué pour la raison suivante :\n\n{reason}\n\nIl n'est plus visible des "
               "autres jeunes."),
        "en": ("Your review of \"{offer}\" was hidden",
               "Hello,\n\nYour review of \"{offer}\" was reported, and the pass Culture team hid "
               "it for this reason:\n\n{reason}\n\nOther young people no longer see it."),
    },
    Notice.REPORT_UPHELD: {
        "fr": ("Ton signalement a été pris en compte",
               "Bonjour,\n\nMerci d'avoir signalé un avis sur « {offer} ». L'équipe pass "
               "Culture l'a examiné et l'a masqué : il n'est plus visible."),
        "en": ("Your report was upheld",
               "Hello,\n\nThank you for reporting a review of \"{offer}\". The pass Culture team "
               "examined it and hid it: it is no longer visible."),
    },
    Notice.REPORT_DISMISSED: {
        "fr": ("Ton signalement a été examiné",
               "Bonjour,\n\nMerci d'avoir signalé un avis sur « {offer} ». L'équipe pass "
               "Culture l'a examiné et a jugé qu'il respecte les règles : il reste visible."),
        "en": ("Your report was examined",
               "Hello,\n\nThank you for reporting a review of \"{offer}\". The pass Culture team "
               "examined it and found that it follows the rules: it stays visible."),
    },
}


def compose(notice: Notice, locale: str | None, **values) -> tuple[str, str]:
    """The subject and body of `notice` in the person's language, with `values` filled in."""
    language = "en" if locale == "en" else "fr"
    subject, body = TEXTS[notice][language]
    return subject.format(**values), f"{body.format(**values)}\n\n-- \n{SIGNATURE[language]}\n"
