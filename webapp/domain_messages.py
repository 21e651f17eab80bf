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

PRO_AND_STAFF = (
    _l("Aucune structure n'a ce SIREN sur la plateforme."),
    _l("Ce SIRET est déjà celui d'un autre lieu sur pass Culture."),
    _l(
        "Ce SIRET n'existe pas : un chiffre est sans doute mal recopié. Vérifie-le sur l'avis"
        ' de situation Insee du lieu.'
    ),
    _l(
        'Ce SIRET ne commence pas par le SIREN de la structure : un SIRET est le SIREN suivi '
        'de 5 chiffres.'
    ),
    _l('Ce compte est déjà suspendu.'),
    _l('Ce compte est suspendu. Écris au support du pass Culture pour en savoir plus.'),
    _l("Ce compte n'a plus d'adresse e-mail : rien ne peut lui être envoyé."),
    _l("Ce compte n'est pas suspendu."),
    _l("Ce fichier n'est pas une image lisible : envoie un fichier JPEG, PNG ou WebP."),
    _l("Ce fichier n'est pas une image que nous pouvons utiliser."),
    _l('Ce fichier ne peut pas être importé.'),
    _l(
        "Ce lien d'invitation a expiré : il est valable 7 jours. Demande à un membre de la "
        "structure de t'inviter à nouveau."
    ),
    _l("Ce lien d'invitation n'est pas valable. Vérifie que tu l'as copié en entier."),
    _l(
        "Ce lieu n'est pas un point de remboursement : ses coordonnées bancaires sont celles "
        "d'un autre lieu."
    ),
    _l('Ce programme a commencé : il ne se modifie ni ne se supprime plus.'),
    _l(
        'Certaines dates de cette récurrence sont déjà passées : fais commencer la période '
        'plus tard.'
    ),
    _l("Certains champs de l'offre ne sont pas valides."),
    _l(
        "Cet EAN n'existe pas : sa clé de contrôle (le dernier chiffre) est fausse. Un "
        'chiffre est sans doute mal recopié.'
    ),
    _l("Cet IBAN n'a pas la longueur prévue pour son pays. Vérifie-le sur ton RIB."),
    _l(
        "Cet IBAN n'existe pas : un caractère est sans doute mal recopié. Vérifie-le sur le "
        "relevé d'identité bancaire (RIB) de ta structure."
    ),
    _l('Cette date a été annulée : elle ne peut plus être modifiée.'),
    _l('Cette date est déjà passée : choisis une date à venir.'),
    _l('Cette date existe déjà pour ce tarif.'),
    _l('Cette invitation a déjà été acceptée.'),
    _l('Cette invitation a été annulée par un membre de la structure.'),
    _l(
        'Cette invitation a été envoyée à une autre adresse e-mail que celle de ton compte. '
        'Connecte-toi avec le compte de cette adresse, ou demande une invitation pour la '
        'tienne.'
    ),
    _l("Cette invitation n'est plus en cours."),
    _l("Cette notification n'existe pas."),
    _l('Cette offre a déjà un stock : modifie-le.'),
    _l('Cette offre est déjà publiée : ce choix ne peut plus changer.'),
    _l(
        "Cette offre n'attend plus de décision : un autre membre de l'équipe l'a déjà validée"
        ' ou refusée.'
    ),
    _l("Cette offre n'est pas publiée."),
    _l("Cette offre ne distribue pas de codes d'activation."),
    _l('Cette offre ne peut pas être enregistrée.'),
    _l(
        'Cette personne a déjà demandé à rejoindre la structure : accepte sa demande dans « '
        'Demandes pour rejoindre ».'
    ),
    _l('Cette personne est déjà membre de la structure.'),
    _l("Cette personne n'est pas membre de la structure."),
    _l(
        'Cette position est à plus de 100 km de la commune choisie : vérifie la latitude et '
        'la longitude (elles sont peut-être inversées).'
    ),
    _l("Cette période n'est pas terminée : ses relevés ne peuvent pas encore être émis."),
    _l(
        'Cette récurrence créerait plus de 500 dates. Raccourcis la période ou choisis moins '
        "de jours ou d'horaires."
    ),
    _l('Cette récurrence ne crée aucune date : vérifie les jours choisis et la période.'),
    _l('Cette réservation est déjà annulée.'),
    _l('Cette sous-catégorie ne peut plus être choisie pour une nouvelle offre.'),
    _l('Cette structure est déjà sous surveillance.'),
    _l("Cette structure n'est pas sous surveillance."),
    _l('Chaque montant va de 0 à 1 000 €.'),
    _l('Choisis le lieu dont le SIRET servira aux remboursements de ce lieu-ci.'),
    _l('Choisis pour les remboursements un lieu de ta structure qui a un SIRET.'),
    _l('Choisis un lieu de ta structure.'),
    _l("Choisis un tarif parmi ceux de l'offre."),
    _l('Coche au moins une offre à valider.'),
    _l("Complète les étapes de l'offre avant de la publier."),
    _l('Donne un nom au programme.'),
    _l("Décris l'image en quelques mots pour les personnes qui ne la voient pas."),
    _l("Indique la date et l'heure de l'événement."),
    _l('Indique la raison : la personne concernée la lira.'),
    _l("Indique le titulaire du compte, tel qu'il figure sur le RIB."),
    _l('Indique un montant pour au moins un âge du programme.'),
    _l('Indique un numéro de téléphone français, par exemple 04 67 12 34 56 ou +33 4 67 12 34 56.'),
    _l("L'EAN doit comporter 13 chiffres, sans espace ni tiret."),
    _l(
        "L'IBAN doit commencer par deux lettres (le pays) et deux chiffres, suivis de 11 à 30"
        ' lettres ou chiffres.'
    ),
    _l("L'image compte trop de pixels pour être traitée : réduis ses dimensions."),
    _l("L'image doit mesurer au moins 400 × 400 pixels."),
    _l("L'image pèse plus de 10 Mo : réduis-la, puis réessaie."),
    _l('La date de fin doit être le même jour ou après la date de début.'),
    _l("La date limite de réservation doit être avant le début de l'événement."),
    _l('La latitude va de -90 à 90 et la longitude de -180 à 180.'),
    _l('La quantité doit être un nombre positif, ou vide pour un nombre illimité.'),
    _l('La quantité ne peut pas être inférieure au nombre de places déjà réservées.'),
    _l("La règle n'est pas valide."),
    _l(
        "La validité est un nombre de mois entre 1 et 60, ou l'âge (de 19 à 25 ans) dont "
        "l'anniversaire met fin au crédit."
    ),
    _l(
        'Le BIC compte 8 ou 11 caractères : 4 lettres (la banque), 2 lettres (le pays), puis '
        '2 ou 5 lettres ou chiffres.'
    ),
    _l(
        "Le SIRET d'un lieu ne se change plus une fois donné : il sert à ses remboursements. "
        "Écris au support s'il est faux."
    ),
    _l("Le fichier de codes contient des lignes refusées : rien n'a été ajouté."),
    _l('Le prix doit être compris entre 0 et 300 €.'),
    _l("Les signalements de cet avis ont déjà été traités par un autre membre de l'équipe."),
    _l(
        "Les âges d'inscription vont de 15 ans à la veille des 19 ans : choisis un premier "
        "âge plus petit que l'âge de fin."
    ),
    _l('Seul un événement a des dates et des tarifs.'),
    _l('Seule une réservation déjà remboursée peut être corrigée sur un relevé.'),
    _l('Seuls les membres de la structure peuvent gérer ses membres.'),
    _l(
        'Ton compte est suspendu : tu ne peux pas réserver pour le moment. Écris au support '
        'du pass Culture pour en savoir plus.'
    ),
    _l('Tu ne peux pas suspendre ton propre compte.'),
    _l('Un autre programme accueille déjà ces âges à cette date.'),
    _l(
        'Un nouveau programme commence au plus tôt demain : ce qui a déjà commencé ne se '
        'change plus.'
    ),
    _l('Un tarif de cette offre porte déjà ce nom.'),
    _l('Une offre en ligne se rattache au lieu numérique de la structure.'),
    _l('Une offre sur place se rattache à un lieu physique de la structure.'),
    _l("Une période s'écrit AAAA-MM-1 (du 1er au 15) ou AAAA-MM-2 (du 16 à la fin du mois)."),
    _l(
        "Une réservation remboursée ne peut être annulée que pour fraude ou par l'équipe pass"
        ' Culture.'
    ),
    _l(
        'Une structure en attente de validation ne peut pas encore inviter de membres : '
        "l'équipe pass Culture doit d'abord la valider."
    ),
    _l(
        "Une structure garde au moins un membre : invite d'abord une autre personne, puis "
        "retire ce membre une fois qu'elle a rejoint la structure."
    ),
    _l("Cet agent a déjà l'autorisation de financer un crédit local."),
    _l("Choisis au moins une catégorie d'offres parmi la liste."),
    _l('Donne un nom au crédit local (120 caractères au plus).'),
    _l('La période doit finir après son début, et durer 3 ans au plus.'),
    _l("La période ne peut pas commencer avant aujourd'hui."),
    _l(
        "Le budget total doit couvrir au moins le montant d'une personne, et 10 000 000 €"
        ' au plus.'
    ),
    _l('Le montant par personne va de 1 € à 500 €.'),
    _l("Les âges vont de 15 à 25 ans, le plus jeune d'abord."),
    _l('Seul un agent de collectivité validé peut recevoir cette autorisation.'),
    _l("Seule une offre refusée peut être soumise à nouveau à l'équipe pass Culture."),
    _l("Cette offre n'est plus la dernière à laquelle tu as répondu."),
    _l(
        "Cette structure a déjà reçu une invitation le %(sent)s : tu pourras l'inviter à "
        'nouveau à partir du %(next)s.'
    ),
    _l("Cette structure est déjà inscrite sur le pass Culture : inutile de l'inviter."),
    _l(
        "Cette structure n'a pas d'adresse e-mail dans la liste : copie le lien d'inscription "
        'et transmets-le-lui.'
    ),
    _l("Cette structure n'est pas dans la liste de ton territoire."),
    _l(
        "La liste d'un territoire compte 2 000 structures au plus : envoie seulement celles "
        'qui manquent.'
    ),
)

# models/csv_upload.py and the size limit of each upload that uses it.
UPLOADS = (
    _l("Le fichier est vide."),
    _l("Ce fichier n'est pas un fichier texte CSV."),
    _l("Ce fichier est un classeur Excel ou OpenDocument : enregistre-le au format CSV "
       "(« CSV UTF-8 » ou « CSV séparateur point-virgule »), puis envoie ce fichier-là."),
    _l("Le fichier dépasse 2 Mo : découpe-le en plusieurs fichiers, puis importe-les "
       "un par un."),
    _l("Le fichier dépasse 2 Mo : une liste tient en 2 000 lignes au plus."),
    _l("Le fichier dépasse 64 Ko : un fichier d'effectifs tient en quelques lignes "
       "(une par âge et par année)."),
)
