"""The French messages of `models/` shown to people, listed here so that extraction finds them.

`models/` knows nothing of Flask-Babel: its errors and password rules hold plain French
sentences, and views show them with `_(error.message)` or `_(rule.label)`. Each sentence must
therefore also appear here, word for word, to reach the catalogue;
`tests/unit/test_translations.py` fails when one is missing.
"""

from flask_babel import lazy_gettext as _l

GENERAL = (
    _l("Cette action n'est pas possible."),
)

BOOKINGS = (
    _l("Tu as déjà une réservation en cours pour cette offre."),
    _l("Cette réservation a déjà été remboursée : la validation ne peut plus être annulée."),
    _l("Cette contremarque a déjà été validée."),
    _l("Cette réservation a expiré : elle n'a pas été retirée à temps."),
    _l("Cette réservation a été annulée."),
    _l("Les réservations sont closes pour cette date."),
    _l("Cette réservation ne peut plus être annulée."),
    _l("Le délai d'annulation de cette réservation est dépassé."),
    _l("Cette réservation dépasserait ton plafond de dépenses pour les offres numériques."),
    _l("Cette offre est réservée aux personnes majeures."),
    _l("Sans crédit pass Culture en cours, tu peux réserver uniquement les offres gratuites."),
    _l("Ton crédit restant ne suffit pas pour cette réservation."),
    _l("Cette contremarque n'a pas été validée."),
    _l("Cette offre n'est pas réservable pour le moment."),
    _l("Avant 18 ans, cette offre est réservable seulement si elle est gratuite."),
    _l("Cette réservation dépasserait ton plafond de dépenses pour les biens physiques."),
    _l("Tu peux réserver une place, ou deux places pour une offre duo."),
    _l("Il n'y a plus de place disponible pour cette offre."),
    _l("Cette contremarque ne peut pas encore être validée : la personne peut encore annuler."),
    _l("Il faut avoir au moins 15 ans pour réserver sur le pass Culture."),
)

CREDIT = (
    _l("Tu as déjà reçu ton crédit pass Culture."),
    _l(
        "Le crédit pass Culture est ouvert de tes 15 ans à la veille de tes 19 ans : tu n'es pas "
        "dans cette tranche d'âge."
    ),
)

DISCOVERY = (
    _l("Cette offre n'est plus disponible."),
)

IDENTITY = (
    _l("Ton identité a déjà été vérifiée : tu n'as rien d'autre à envoyer."),
    _l(
        "Ta pièce d'identité est déjà en cours de vérification : attends la réponse avant d'en "
        "envoyer une autre."
    ),
    _l("Cette demande a déjà été traitée."),
    _l(
        "Le crédit pass Culture n'est pas ouvert à ton âge aujourd'hui : tu n'as pas de pièce "
        "d'identité à envoyer."
    ),
    _l("Le fichier dépasse 10 Mo. Envoie une photo plus légère ou un PDF plus petit."),
    _l("Le fichier envoyé est vide. Choisis la photo ou le PDF de ta pièce d'identité."),
    _l("Coche la déclaration sur l'honneur pour envoyer ta demande."),
    _l("Complète ton profil avant de vérifier ton identité."),
    _l("Indique la raison du refus : la personne la lira pour corriger sa demande."),
    _l(
        "Ce fichier n'est ni une photo (JPEG, PNG ou WebP) ni un PDF. Envoie une photo ou un scan "
        "de ta pièce d'identité."
    ),
)

OFFERERS = (
    _l("Le SIREN doit comporter 9 chiffres et être valide."),
    _l(
        "Le SIRET doit comporter 14 chiffres, commencer par le SIREN de la structure et être "
        "valide."
    ),
    _l(
        "Ce SIREN n'existe pas : un chiffre est sans doute mal recopié. Vérifie-le sur l'avis "
        "de situation Insee de ta structure."
    ),
    _l("Confirme d'abord ton adresse e-mail : nous t'avons envoyé un lien."),
    _l("Tu es déjà membre de cette structure ou ta demande pour la rejoindre est envoyée."),
    _l("Cette demande a déjà été traitée."),
    _l(
        "Une structure en attente de validation ne peut pas encore accepter de membres : "
        "l'équipe pass Culture s'en charge."
    ),
    _l("Indique la raison du refus."),
    _l("Seuls les membres de la structure peuvent traiter cette demande."),
)

SOCIAL = (
    _l("Tu as déjà signalé cet avis."),
    _l("Tu as déjà donné ton avis sur cette réservation."),
    _l("Tu as déjà 100 favoris : retires-en un pour en ajouter un nouveau."),
    _l("Tu pourras donner ton avis une fois ta réservation utilisée."),
)

USERS = (
    _l("Vérifie l'année de ta date de naissance : elle semble incorrecte."),
    _l("Ta date de naissance ne peut pas être dans le futur."),
    _l("Ton adresse e-mail est déjà confirmée."),
    _l("Un compte existe déjà avec cette adresse e-mail."),
    _l("Ce lien a expiré. Demande un nouveau lien pour continuer."),
    _l("Adresse e-mail ou mot de passe incorrect."),
    _l(
        "Ce lien n'est pas valable. Vérifie que tu l'as copié en entier, ou demande un nouveau "
        "lien."
    ),
    _l("Ce code postal ne correspond pas à la commune choisie."),
    _l("C'est déjà l'adresse e-mail de ton compte."),
    _l("Ton nouveau mot de passe doit être différent de l'actuel."),
    _l("Il faut avoir au moins 15 ans pour créer un compte pass Culture."),
    _l("Ce lien a déjà servi. Demande un nouveau lien si tu en as encore besoin."),
    _l(
        "Ton prénom et ton nom ont été vérifiés avec ta pièce d'identité : écris au support pour "
        "les corriger."
    ),
    _l("Ton mot de passe ne respecte pas toutes les règles."),
    _l("Ton mot de passe actuel est incorrect."),
    _l("Le mot de passe est incorrect."),
)

PASSWORD_RULES = (
    _l("Au moins 12 caractères"),
    _l("Au plus 72 caractères"),
    _l("Une lettre majuscule"),
    _l("Une lettre minuscule"),
    _l("Un chiffre"),
    _l("Un symbole (par exemple ! ? - _ #)"),
)
