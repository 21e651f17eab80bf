"""Every message the product sends, in French and English: one catalogue (docs/domain/messages.md).

Mail is read outside the app, often long after it was sent, so each message says who sends it,
why, what to do, and how long a link stays valid. The English text is used when the person
chose English; anything else gets French. Each message is written once, as plain text with
`{placeholders}`; `compose` gives its subject and plain body, `compose_html` the same message as
light HTML (values escaped, links followable), and `notification_text` the short form shown on
the in-app notifications page.
"""

from __future__ import annotations

import re
from enum import Enum

from markupsafe import Markup, escape

SIGNATURE = {
    "fr": "L'équipe pass Culture",
    "en": "The pass Culture team",
}


class Message(Enum):
    EMAIL_CONFIRMATION = "email_confirmation"
    PASSWORD_RESET = "password_reset"
    PASSWORD_CHANGED = "password_changed"
    EMAIL_CHANGE_CONFIRMATION = "email_change_confirmation"
    EMAIL_CHANGE_NOTICE = "email_change_notice"
    SIGNUP_WITH_EXISTING_ACCOUNT = "signup_with_existing_account"
    STRUCTURE_VALIDATED = "structure_validated"
    STRUCTURE_REJECTED = "structure_rejected"
    STRUCTURE_PENDING_AGAIN = "structure_pending_again"
    MEMBERSHIP_ACCEPTED = "membership_accepted"
    MEMBERSHIP_REJECTED = "membership_rejected"
    STRUCTURE_INVITATION = "structure_invitation"
    MEMBERSHIP_ENDED = "membership_ended"
    BOOKING_DATE_CHANGED = "booking_date_changed"
    BOOKING_EVENT_CANCELLED = "booking_event_cancelled"
    BOOKING_EXPIRY_REMINDER = "booking_expiry_reminder"
    BOOKING_CONFIRMED = "booking_confirmed"
    BOOKING_CANCELLED_BY_PERSON = "booking_cancelled_by_person"
    BOOKING_EXPIRED = "booking_expired"
    IDENTITY_APPROVED = "identity_approved"
    IDENTITY_REJECTED = "identity_rejected"
    OFFERS_APPROVED = "offers_approved"
    OFFER_REJECTED = "offer_rejected"
    REVIEW_HIDDEN = "review_hidden"
    REPORT_UPHELD = "report_upheld"
    REPORT_DISMISSED = "report_dismissed"
    BOOKING_CANCELLED_BY_STAFF = "booking_cancelled_by_staff"
    BOOKING_MARKED_USED_BY_STAFF = "booking_marked_used_by_staff"
    PARTNERSHIP_INVITATION = "partnership_invitation"


TEXTS = {
    Message.EMAIL_CONFIRMATION: {
        "fr": (
            "Confirme ton adresse e-mail",
            "Bonjour,\n\n"
            "Tu viens de créer un compte pass Culture avec cette adresse e-mail.\n"
            "Pour la confirmer, ouvre ce lien :\n\n{link}\n\n"
            "Le lien est valable 48 heures. Si tu n'as pas créé de compte, ignore ce message : "
            "personne ne pourra utiliser cette adresse sans l'avoir confirmée.",
        ),
        "en": (
            "Confirm your e-mail address",
            "Hello,\n\n"
            "You have just created a pass Culture account with this e-mail address.\n"
            "To confirm it, open this link:\n\n{link}\n\n"
            "The link is valid for 48 hours. If you did not create an account, ignore this "
            "message: nobody can use this address without confirming it.",
        ),
    },
    Message.PASSWORD_RESET: {
        "fr": (
            "Choisis un nouveau mot de passe",
            "Bonjour,\n\n"
            "Quelqu'un, sans doute toi, a demandé à changer le mot de passe du compte "
            "pass Culture lié à cette adresse.\n"
            "Pour choisir un nouveau mot de passe, ouvre ce lien :\n\n{link}\n\n"
            "Le lien est valable 1 heure et ne sert qu'une fois. Si tu n'as rien demandé, "
            "ignore ce message : ton mot de passe actuel reste valable.",
        ),
        "en": (
            "Choose a new password",
            "Hello,\n\n"
            "Someone, probably you, asked to change the password of the pass Culture account "
            "linked to this address.\n"
            "To choose a new password, open this link:\n\n{link}\n\n"
            "The link is valid for 1 hour and works only once. If you asked for nothing, "
            "ignore this message: your current password still works.",
        ),
    },
    Message.PASSWORD_CHANGED: {
        "fr": (
            "Ton mot de passe a été changé",
            "Bonjour,\n\n"
            "Le mot de passe de ton compte pass Culture vient d'être changé.\n\n"
            "Si ce n'est pas toi, choisis tout de suite un nouveau mot de passe avec "
            "« Mot de passe oublié ? » sur la page de connexion :\n\n{link}",
        ),
        "en": (
            "Your password was changed",
            "Hello,\n\n"
            "The password of your pass Culture account has just been changed.\n\n"
            "If this was not you, choose a new password at once with \"Forgotten password?\" "
            "on the sign-in page:\n\n{link}",
        ),
    },
    Message.EMAIL_CHANGE_CONFIRMATION: {
        "fr": (
            "Confirme ta nouvelle adresse e-mail",
            "Bonjour,\n\n"
            "Tu as demandé à utiliser cette adresse pour ton compte pass Culture, à la place "
            "de {old_email}.\n"
            "Pour confirmer le changement, ouvre ce lien :\n\n{link}\n\n"
            "Le lien est valable 48 heures. Tant qu'il n'est pas ouvert, rien ne change.",
        ),
        "en": (
            "Confirm your new e-mail address",
            "Hello,\n\n"
            "You asked to use this address for your pass Culture account, instead of "
            "{old_email}.\n"
            "To confirm the change, open this link:\n\n{link}\n\n"
            "The link is valid for 48 hours. Until it is opened, nothing changes.",
        ),
    },
    Message.EMAIL_CHANGE_NOTICE: {
        "fr": (
            "Changement d'adresse e-mail demandé",
            "Bonjour,\n\n"
            "Quelqu'un connecté à ton compte pass Culture a demandé à remplacer cette adresse "
            "par {new_email}. Le changement sera fait quand le lien envoyé à cette nouvelle "
            "adresse aura été ouvert.\n\n"
            "Si ce n'est pas toi, change ton mot de passe tout de suite : le lien cessera "
            "alors de fonctionner.\n\n{link}",
        ),
        "en": (
            "E-mail address change requested",
            "Hello,\n\n"
            "Someone signed in to your pass Culture account asked to replace this address "
            "with {new_email}. The change will be made once the link sent to that new address "
            "has been opened.\n\n"
            "If this was not you, change your password at once: the link will then stop "
            "working.\n\n{link}",
        ),
    },
    Message.SIGNUP_WITH_EXISTING_ACCOUNT: {
        "fr": (
            "Tu as déjà un compte pass Culture",
            "Bonjour,\n\n"
            "Quelqu'un, peut-être toi, a voulu créer un compte pass Culture avec cette adresse "
            "e-mail. Tu as déjà un compte : aucun nouveau compte n'a été créé.\n\n"
            "Pour te connecter, utilise ton mot de passe habituel. Si tu l'as oublié, choisis-en "
            "un nouveau ici :\n\n{link}\n\n"
            "Si ce n'est pas toi, ignore ce message : ton compte n'a pas changé.",
        ),
        "en": (
            "You already have a pass Culture account",
            "Hello,\n\n"
            "Someone, perhaps you, tried to create a pass Culture account with this e-mail "
            "address. You already have an account: no new account was created.\n\n"
            "To sign in, use your usual password. If you forgot it, choose a new one here:"
            "\n\n{link}\n\n"
            "If this was not you, ignore this message: your account has not changed.",
        ),
    },
    Message.STRUCTURE_VALIDATED: {
        "fr": (
            "Ta structure est validée",
            "Bonjour,\n\n"
            "La structure {name} (SIREN {siren}) est validée par l'équipe pass Culture. "
            "Ses offres publiées sont désormais visibles des jeunes.",
        ),
        "en": (
            "Your organisation is approved",
            "Hello,\n\n"
            "The organisation {name} (SIREN {siren}) has been approved by the pass Culture "
            "team. Its published offers are now shown to young people.",
        ),
    },
    Message.STRUCTURE_REJECTED: {
        "fr": (
            "Ta structure n'a pas été validée",
            "Bonjour,\n\n"
            "L'équipe pass Culture n'a pas validé la structure {name} (SIREN {siren}), pour la "
            "raison suivante :\n{reason}\n\n"
            "Ses offres restent invisibles des jeunes. Réponds à ce message si tu penses qu'il "
            "s'agit d'une erreur.",
        ),
        "en": (
            "Your organisation was not approved",
            "Hello,\n\n"
            "The pass Culture team did not approve the organisation {name} (SIREN {siren}), "
            "for the following reason:\n{reason}\n\n"
            "Its offers remain hidden from young people. Reply to this message if you think "
            "this is a mistake.",
        ),
    },
    Message.STRUCTURE_PENDING_AGAIN: {
        "fr": (
            "Ta structure attend à nouveau une décision",
            "Bonjour,\n\n"
            "L'équipe pass Culture examine à nouveau la structure {name} (SIREN {siren}), pour "
            "la raison suivante :\n{reason}\n\n"
            "En attendant sa décision, les offres de la structure ne sont plus visibles des "
            "jeunes ; les réservations déjà faites restent valables. Réponds à ce message pour "
            "nous donner les précisions utiles.",
        ),
        "en": (
            "Your organisation is awaiting a decision again",
            "Hello,\n\n"
            "The pass Culture team is reviewing the organisation {name} (SIREN {siren}) again, "
            "for the following reason:\n{reason}\n\n"
            "Until the team decides, the organisation's offers are hidden from young people; "
            "bookings already made remain valid. Reply to this message with any useful details.",
        ),
    },
    Message.MEMBERSHIP_ACCEPTED: {
        "fr": (
            "Ta demande pour rejoindre {name} est acceptée",
            "Bonjour,\n\n"
            "Tu es désormais membre de la structure {name} (SIREN {siren}) sur pass Culture. "
            "Connecte-toi pour ouvrir ton espace pro.",
        ),
        "en": (
            "Your request to join {name} was accepted",
            "Hello,\n\n"
            "You are now a member of the organisation {name} (SIREN {siren}) on pass Culture. "
            "Sign in to open your pro space.",
        ),
    },
    Message.MEMBERSHIP_REJECTED: {
        "fr": (
            "Ta demande pour rejoindre {name} est refusée",
            "Bonjour,\n\n"
            "Ta demande pour rejoindre la structure {name} (SIREN {siren}) est refusée, pour "
            "la raison suivante :\n{reason}",
        ),
        "en": (
            "Your request to join {name} was declined",
            "Hello,\n\n"
            "Your request to join the organisation {name} (SIREN {siren}) was declined, for "
            "the following reason:\n{reason}",
        ),
    },
    Message.STRUCTURE_INVITATION: {
        "fr": (
            "{inviter} t'invite à rejoindre {name} sur pass Culture",
            "Bonjour,\n\n"
            "{inviter} t'invite à rejoindre la structure {name} (SIREN {siren}) dans l'espace "
            "pro de pass Culture, pour gérer avec son équipe ses offres et ses réservations.\n"
            "Pour accepter, ouvre ce lien :\n\n{link}\n\n"
            "Tu pourras t'y connecter, ou créer ton compte avec cette adresse e-mail. Le lien "
            "est valable 7 jours. Si tu ne connais pas cette structure, ignore ce message.",
        ),
        "en": (
            "{inviter} invites you to join {name} on pass Culture",
            "Hello,\n\n"
            "{inviter} invites you to join the organisation {name} (SIREN {siren}) in the pro "
            "space of pass Culture, to manage its offers and bookings with its team.\n"
            "To accept, open this link:\n\n{link}\n\n"
            "You can sign in there, or create your account with this e-mail address. The link "
            "is valid for 7 days. If you do not know this organisation, ignore this message.",
        ),
    },
    Message.MEMBERSHIP_ENDED: {
        "fr": (
            "Tu ne fais plus partie de {name}",
            "Bonjour,\n\n"
            "Un membre de la structure {name} (SIREN {siren}) t'en a retiré : tu n'as plus "
            "accès à ses offres ni à ses réservations. Si c'est une erreur, demande-lui de "
            "t'inviter à nouveau.",
        ),
        "en": (
            "You are no longer part of {name}",
            "Hello,\n\n"
            "A member of the organisation {name} (SIREN {siren}) removed you from it: you no "
            "longer have access to its offers or bookings. If this is a mistake, ask them to "
            "invite you again.",
        ),
    },
    Message.BOOKING_DATE_CHANGED: {
        "fr": (
            "Nouvelle date pour « {offer} »",
            "Bonjour,\n\n"
            "L'organisateur a changé la date de « {offer} » ({venue}).\n"
            "Ancienne date : {old}\nNouvelle date : {new}\n\n"
            "Ta réservation {token} reste valable pour la nouvelle date. Si elle ne te convient "
            "plus, tu peux l'annuler depuis tes réservations jusqu'au {limit} ; ton crédit te "
            "sera rendu.",
        ),
        "en": (
            "New date for “{offer}”",
            "Hello,\n\n"
            "The organiser changed the date of “{offer}” ({venue}).\n"
            "Former date: {old}\nNew date: {new}\n\n"
            "Your booking {token} stays valid for the new date. If it no longer suits you, you "
            "can cancel it from your bookings until {limit}; your credit will be given back.",
        ),
    },
    Message.BOOKING_EVENT_CANCELLED: {
        "fr": (
            "« {offer} » est annulé",
            "Bonjour,\n\n"
            "L'organisateur a annulé « {offer} » ({venue}){on}.\n"
            "Ta réservation {token} est annulée et son prix est rendu à ton crédit pass Culture.",
        ),
        "en": (
            "“{offer}” is cancelled",
            "Hello,\n\n"
            "The organiser cancelled “{offer}” ({venue}){on}.\n"
            "Your booking {token} is cancelled and its price is given back to your pass Culture "
            "credit.",
        ),
    },
    Message.BOOKING_EXPIRY_REMINDER: {
        "fr": (
            "Ta réservation « {offer} » expire bientôt",
            "Bonjour,\n\n"
            "Tu n'as pas encore retiré « {offer} » ({venue}).\n"
            "Présente ta contremarque {token} au plus tard le {last_day}. Sans retrait, la "
            "réservation sera annulée le {expiry} et son prix sera rendu à ton crédit pass "
            "Culture.",
        ),
        "en": (
            "Your booking “{offer}” expires soon",
            "Hello,\n\n"
            "You have not collected “{offer}” ({venue}) yet.\n"
            "Show your booking code {token} by {last_day} at the latest. If it is not collected, "
            "the booking will be cancelled on {expiry} and its price given back to your pass "
            "Culture credit.",
        ),
    },
    Message.BOOKING_CONFIRMED: {
        "fr": (
            "Ta réservation « {offer} » est confirmée",
            "Bonjour,\n\n"
            "Ta réservation « {offer} » ({venue}) est confirmée ; prix : {price}.\n"
            "Contremarque : {token}\n{when}\n\n"
            "Montre cette contremarque sur place. Tu la retrouves, avec ton billet, dans tes "
            "réservations.",
        ),
        "en": (
            "Your booking “{offer}” is confirmed",
            "Hello,\n\n"
            "Your booking “{offer}” ({venue}) is confirmed; price: {price}.\n"
            "Booking code: {token}\n{when}\n\n"
            "Show this code on site. You find it, with your ticket, in your bookings.",
        ),
    },
    Message.BOOKING_CANCELLED_BY_PERSON: {
        "fr": (
            "Ta réservation « {offer} » est annulée",
            "Bonjour,\n\n"
            "Tu as annulé ta réservation {token} de « {offer} » ({venue}). Son prix, {price}, "
            "est rendu à ton crédit pass Culture.",
        ),
        "en": (
            "Your booking “{offer}” is cancelled",
            "Hello,\n\n"
            "You cancelled your booking {token} of “{offer}” ({venue}). Its price, {price}, is "
            "given back to your pass Culture credit.",
        ),
    },
    Message.BOOKING_EXPIRED: {
        "fr": (
            "Ta réservation « {offer} » a expiré",
            "Bonjour,\n\n"
            "« {offer} » ({venue}) n'a pas été retiré à temps : ta réservation {token} est "
            "annulée et son prix, {price}, est rendu à ton crédit pass Culture.",
        ),
        "en": (
            "Your booking “{offer}” has expired",
            "Hello,\n\n"
            "“{offer}” ({venue}) was not collected in time: your booking {token} is cancelled "
            "and its price, {price}, is given back to your pass Culture credit.",
        ),
    },
    Message.IDENTITY_APPROVED: {
        "fr": (
            "Ton crédit pass Culture est ouvert",
            "Bonjour {first_name},\n\n"
            "Bonne nouvelle : ton identité est vérifiée et ton crédit pass Culture de {amount} "
            "est ouvert. Il est valable jusqu'au {last_day} inclus.\n\n"
            "Ta pièce d'identité a été effacée de nos serveurs.\n\n"
            "Bonnes découvertes !",
        ),
        "en": (
            "Your pass Culture credit is open",
            "Hello {first_name},\n\n"
            "Good news: your identity is verified and your pass Culture credit of {amount} is "
            "open. It can be used until {last_day} included.\n\n"
            "Your identity document has been erased from our servers.\n\n"
            "Enjoy your discoveries!",
        ),
    },
    Message.IDENTITY_REJECTED: {
        "fr": (
            "Ta vérification d'identité n'a pas abouti",
            "Bonjour {first_name},\n\n"
            "Nous n'avons pas pu valider ta pièce d'identité, pour la raison suivante :\n"
            "{reason}\n\n"
            "Tu peux envoyer une nouvelle pièce depuis ton compte, rubrique « Vérifier mon "
            "identité ». Le document que tu nous avais envoyé a été effacé.",
        ),
        "en": (
            "Your identity check did not succeed",
            "Hello {first_name},\n\n"
            "We could not validate your identity document, for the following reason:\n"
            "{reason}\n\n"
            "You can send a new document from your account, under “Verify my identity”. The "
            "document you had sent us has been erased.",
        ),
    },
    Message.OFFERS_APPROVED: {
        "fr": (
            "Offres validées : {structure}",
            "Bonjour,\n\n"
            "L'équipe pass Culture a vérifié et validé ces offres de {structure} :\n\n"
            "{offers}\n\n"
            "Elles sont visibles des jeunes dès que la structure est validée et qu'un stock est "
            "réservable.",
        ),
        "en": (
            "Offers approved: {structure}",
            "Hello,\n\n"
            "The pass Culture team checked and approved these offers of {structure}:\n\n"
            "{offers}\n\n"
            "Young people see them as soon as the organisation is approved and a stock can be "
            "booked.",
        ),
    },
    Message.OFFER_REJECTED: {
        "fr": (
            "Offre refusée : {offer}",
            "Bonjour,\n\n"
            "L'équipe pass Culture a refusé l'offre « {offer} » de {structure}, pour la raison "
            "suivante :\n{reason}\n\n"
            "Les jeunes ne la voient pas. Tu retrouves cette raison sur la page de l'offre, dans "
            "l'espace pro : tu peux y modifier l'offre puis la soumettre à nouveau.",
        ),
        "en": (
            "Offer rejected: {offer}",
            "Hello,\n\n"
            "The pass Culture team rejected the offer “{offer}” of {structure}, for the "
            "following reason:\n{reason}\n\n"
            "Young people do not see it. The reason is also shown on the offer's page in the pro "
            "area: you can edit the offer there, then submit it again.",
        ),
    },
    Message.REVIEW_HIDDEN: {
        "fr": (
            "Ton avis sur « {offer} » a été masqué",
            "Bonjour,\n\n"
            "Ton avis sur « {offer} » a été signalé, et l'équipe pass Culture l'a masqué pour la "
            "raison suivante :\n{reason}\n\n"
            "Il n'est plus visible des autres jeunes.",
        ),
        "en": (
            "Your review of “{offer}” was hidden",
            "Hello,\n\n"
            "Your review of “{offer}” was reported, and the pass Culture team hid it for the "
            "following reason:\n{reason}\n\n"
            "Other young people no longer see it.",
        ),
    },
    Message.REPORT_UPHELD: {
        "fr": (
            "Ton signalement a été pris en compte",
            "Bonjour,\n\n"
            "Merci d'avoir signalé un avis sur « {offer} ». L'équipe pass Culture l'a examiné et "
            "l'a masqué : il n'est plus visible.",
        ),
        "en": (
            "Your report was upheld",
            "Hello,\n\n"
            "Thank you for reporting a review of “{offer}”. The pass Culture team examined it "
            "and hid it: it is no longer visible.",
        ),
    },
    Message.REPORT_DISMISSED: {
        "fr": (
            "Ton signalement a été examiné",
            "Bonjour,\n\n"
            "Merci d'avoir signalé un avis sur « {offer} ». L'équipe pass Culture l'a examiné et "
            "a jugé qu'il respecte les règles : il reste visible.",
        ),
        "en": (
            "Your report was examined",
            "Hello,\n\n"
            "Thank you for reporting a review of “{offer}”. The pass Culture team examined it "
            "and found that it follows the rules: it stays visible.",
        ),
    },
    Message.BOOKING_CANCELLED_BY_STAFF: {
        "fr": (
            "Ta réservation « {offer} » est annulée par l'équipe pass Culture",
            "Bonjour,\n\n"
            "L'équipe pass Culture a annulé ta réservation {token} de « {offer} » ({venue}), "
            "pour la raison suivante :\n{reason}\n\n"
            "Son prix, {price}, est rendu à ton crédit pass Culture. Réponds à ce message si tu "
            "as une question.",
        ),
        "en": (
            "Your booking “{offer}” was cancelled by the pass Culture team",
            "Hello,\n\n"
            "The pass Culture team cancelled your booking {token} of “{offer}” ({venue}), for "
            "the following reason:\n{reason}\n\n"
            "Its price, {price}, is given back to your pass Culture credit. Reply to this "
            "message if you have a question.",
        ),
    },
    Message.BOOKING_MARKED_USED_BY_STAFF: {
        "fr": (
            "Ta réservation « {offer} » est marquée comme utilisée",
            "Bonjour,\n\n"
            "L'équipe pass Culture a marqué ta réservation {token} de « {offer} » ({venue}) "
            "comme utilisée, pour la raison suivante :\n{reason}\n\n"
            "Elle ne peut plus être annulée. Réponds à ce message si tu ne l'as pas utilisée.",
        ),
        "en": (
            "Your booking “{offer}” is marked as used",
            "Hello,\n\n"
            "The pass Culture team marked your booking {token} of “{offer}” ({venue}) as used, "
            "for the following reason:\n{reason}\n\n"
            "It can no longer be cancelled. Reply to this message if you did not use it.",
        ),
    },
    Message.PARTNERSHIP_INVITATION: {
        "fr": (
            "{territory} t'invite à proposer tes offres sur pass Culture",
            "Bonjour,\n\n"
            "{officer}, pour le territoire {territory}, aimerait que ta structure ({structure}) "
            "propose ses offres aux jeunes sur pass Culture, le dispositif public qui finance "
            "les sorties, les pratiques et les achats culturels des 15-21 ans.\n"
            "Pour t'inscrire, ouvre ce lien : crée ton compte professionnel, puis déclare ta "
            "structure, son SIREN est déjà rempli.\n\n{link}\n\n"
            "L'inscription est gratuite ; l'équipe pass Culture vérifie chaque structure avant "
            "que ses offres soient visibles. Si tu ne souhaites pas donner suite, ignore ce "
            "message : aucune autre invitation ne te sera envoyée avant 30 jours.",
        ),
        "en": (
            "{territory} invites you to offer your activities on pass Culture",
            "Hello,\n\n"
            "{officer}, for the territory {territory}, would like your organisation "
            "({structure}) to offer its activities to young people on pass Culture, the public "
            "scheme that pays for the cultural outings, practices and purchases of people aged "
            "15 to 21.\n"
            "To sign up, open this link: create your pro account, then declare your "
            "organisation, its SIREN already filled in.\n\n{link}\n\n"
            "Signing up is free; the pass Culture team checks each organisation before its "
            "offers are shown. If you do not wish to follow up, ignore this message: no other "
            "invitation will be sent to you for 30 days.",
        ),
    },
}


# The line of a booking's confirmation that says when: the event's date, or the last day to
# collect it; none for a good that neither starts nor expires.
WHEN_LINES = {
    "fr": {"event": "Date : {}", "collect": "À retirer au plus tard le {}"},
    "en": {"event": "Date: {}", "collect": "To collect by {} at the latest"},
}


def language_of(locale: str | None) -> str:
    return "en" if locale == "en" else "fr"


def compose(message: Message, locale: str | None, **values) -> tuple[str, str]:
    """The subject and body of `message` in the person's language, with `values` filled in."""
    language = language_of(locale)
    subject, body = TEXTS[message][language]
    return subject.format(**values), f"{body.format(**values)}\n\n-- \n{SIGNATURE[language]}\n"


LINK = re.compile(r"^https?://\S+$")


def _html_value(value) -> Markup:
    """A value for the HTML part: escaped; a bare web address becomes a link to itself."""
    text = escape(str(value))
    if LINK.match(str(value)):
        return Markup('<a href="{0}">{0}</a>').format(text)
    return text


def _paragraphs(text: Markup) -> Markup:
    return Markup("\n").join(
        Markup("<p>{}</p>").format(Markup("<br>\n").join(block.split("\n")))
        for block in text.split("\n\n") if block.strip()
    )


def compose_html(message: Message, locale: str | None, **values) -> str:
    """The same message as a light HTML document: paragraphs, links, every value escaped.

    The text is the plain one, escaped, with the escaped values put in its placeholders: what a
    person typed (a reason, a structure's name) can never become markup in the message.
    """
    language = language_of(locale)
    subject, body = TEXTS[message][language]
    safe = {name: _html_value(value) for name, value in values.items()}
    filled = Markup(str(escape(body)).format(**safe))
    return (
        f'<!DOCTYPE html>\n<html lang="{language}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(subject.format(**values))}</title>\n</head>\n<body>\n"
        f"{_paragraphs(filled)}\n<p>-- <br>\n{escape(SIGNATURE[language])}</p>\n"
        "</body>\n</html>\n"
    )


def message_named(kind: str) -> Message | None:
    try:
        return Message(kind)
    except ValueError:
        return None


def notification_text(message: Message, locale: str | None, values: dict) -> tuple[str, list[str]]:
    """The title and paragraphs shown in the app: the subject and the body without its greeting."""
    subject, body = TEXTS[message][language_of(locale)]
    paragraphs = body.format(**values).split("\n\n")
    return subject.format(**values), [paragraph for paragraph in paragraphs[1:] if paragraph]
