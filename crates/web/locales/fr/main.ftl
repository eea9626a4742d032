# Essaim — messages en français (langue de référence).
# Chaque identifiant existe aussi dans locales/en/main.ftl (un test le vérifie).
# Typographie : apostrophe ’, espace insécable avant : ; ? ! et à l’intérieur des « ».
# Les codes d’erreur (snake_case) sont aussi les « code » de l’API JSON.

## Mise en page commune

skip-link = Aller au contenu
nav-label = Menu principal
nav-structures = Structures
nav-territories = Territoires
nav-account = Mon compte
nav-admin = Administration
nav-signin = Se connecter
nav-signup = Créer un compte
nav-signout = Se déconnecter
footer-accessibility = Accessibilité : non conforme
footer-legal = Mentions légales
footer-note = Essaim, logiciel libre pour l’écosystème de l’innovation sociale d’un territoire.
unconfirmed-notice-title = Votre adresse e-mail n’est pas encore confirmée.
unconfirmed-notice-body = Ouvrez le lien envoyé à { $email } pour pouvoir créer des structures et inviter des membres.
unconfirmed-notice-resend = Renvoyer le lien de confirmation
title-error-prefix = Erreur :
error-prefix = Erreur :
error-summary-title =
    { $count ->
        [one] Le formulaire contient une erreur
       *[other] Le formulaire contient { $count } erreurs
    }
form-all-required = Tous les champs sont obligatoires.
form-cancel = Annuler
search-submit = Rechercher
yes = Oui
no = Non
value-none = non renseigné
pagination-label = Pagination
pagination-previous = Page précédente
pagination-next = Page suivante
pagination-page-of = Page { $page } sur { $pages }
error-status = Code d’erreur HTTP : { $status }
error-back-home = Revenir à l’accueil

## Accueil

home-title = Accueil
home-heading = Essaim, le réseau de l’innovation sociale du territoire
home-lead = Associations, coopératives, collectivités, financeurs et habitants : Essaim rassemble celles et ceux qui font l’innovation sociale sur le territoire.
home-intro = Chaque structure y tient sa fiche à jour et y invite ses membres. Tout le monde peut consulter l’annuaire, chercher une structure par son nom, son type ou sa commune, et trouver à qui s’adresser.
home-cta-browse = Parcourir les structures
home-cta-create = Référencer une structure
home-cta-signup = Créer un compte
home-numbers-title = Essaim en chiffres
home-numbers-structures = Structures référencées
home-numbers-people = Personnes inscrites
home-recent-title = Dernières structures arrivées
home-recent-empty = Aucune structure n’est encore référencée : la vôtre peut être la première !
home-recent-all = Voir toutes les structures
home-how-title = Comment ça marche ?
home-how-step-1 = Créez votre compte avec votre adresse e-mail et confirmez-la.
home-how-step-2 = Référencez votre structure : son type, sa commune, ses numéros SIRET ou RNA, sa présentation.
home-how-step-3 = Invitez vos collègues à la gérer avec vous.
home-how-open = Essaim est un logiciel libre : son code est ouvert et ses données sur les territoires viennent de sources publiques.

## Comptes : inscription, connexion, mot de passe

field-email = Adresse e-mail
field-display-name = Nom affiché
field-display-name-hint = Votre prénom et votre nom, ou le nom sous lequel on vous connaît. Il est visible sur les pages des structures dont vous êtes membre.
field-password = Mot de passe
field-current-password = Mot de passe actuel
field-new-password = Nouveau mot de passe
field-new-email = Nouvelle adresse e-mail
password-hint = 12 caractères au moins. Une phrase de quelques mots est facile à retenir et difficile à deviner.
signup-title = Créer un compte
signup-intro = Un compte permet de référencer une structure, de la mettre à jour et d’en inviter les membres. Consulter l’annuaire n’en demande pas.
signup-email-hint = Nous y enverrons un lien pour confirmer qu’elle est bien à vous. Elle n’est jamais affichée publiquement.
signup-submit = Créer mon compte
signup-have-account = Vous avez déjà un compte ?
signup-signin-link = Se connecter
signin-title = Se connecter
signin-submit = Se connecter
signin-forgot = Mot de passe oublié ?
signin-no-account = Pas encore de compte ?
signin-signup-link = Créer un compte
reset-request-title = Mot de passe oublié
reset-request-intro = Indiquez l’adresse e-mail de votre compte : nous y enverrons un lien pour choisir un nouveau mot de passe.
reset-request-submit = Recevoir le lien
reset-back-to-signin = Revenir à la connexion
reset-form-title = Choisir un nouveau mot de passe
reset-form-intro = Ce nouveau mot de passe remplacera l’ancien et fermera toutes vos sessions ouvertes.
reset-form-submit = Enregistrer le mot de passe

## Pages de fin de parcours (titre et texte)

signup-done-title = Vérifiez votre boîte aux lettres
signup-done-body = Un courriel vient d’être envoyé à l’adresse indiquée. Ouvrez le lien qu’il contient pour continuer ; il est valable 2 jours. S’il n’arrive pas, regardez dans les courriels indésirables.
confirm-title = Confirmer votre adresse e-mail
email-change-confirm-title = Confirmer votre nouvelle adresse e-mail
confirm-body = Appuyez sur le bouton pour terminer la confirmation.
confirm-button = Confirmer l’adresse
confirmed-title = Adresse confirmée
confirmed-body = Merci ! Votre adresse e-mail est confirmée : vous pouvez maintenant référencer des structures et inviter des membres.
email-changed-title = Adresse modifiée
email-changed-body = Votre nouvelle adresse e-mail est enregistrée ; c’est désormais elle qui sert à vous connecter.
email-change-sent-title = Confirmez votre nouvelle adresse
email-change-sent-body = Un courriel vient d’être envoyé à la nouvelle adresse. Le changement prendra effet quand vous ouvrirez le lien qu’il contient, valable 24 heures.
reset-sent-title = Vérifiez votre boîte aux lettres
reset-sent-body = Si un compte existe avec cette adresse, un courriel vient d’y être envoyé avec un lien pour choisir un nouveau mot de passe. Le lien est valable une heure.
reset-done-title = Mot de passe modifié
reset-done-body = Votre nouveau mot de passe est enregistré et vos autres sessions ont été fermées. Vous pouvez vous connecter.
token-problem-title = Ce lien ne peut pas être utilisé
check_your_mailbox = Vérifiez votre boîte aux lettres : si l’opération est possible, un courriel vient d’être envoyé.

## Mon compte

account-title = Mon compte
account-toc-label = Sections de la page
account-profile-title = Profil
account-profiles-legend = Vous êtes…
account-profiles-hint = Cochez ce qui vous décrit ; plusieurs choix sont possibles.
account-profile-submit = Enregistrer le profil
account-email-title = Adresse e-mail
account-email-current = Adresse actuelle : { $email }
account-email-confirmed = confirmée
account-email-unconfirmed = non confirmée
account-email-intro = Pour changer d’adresse, indiquez la nouvelle et votre mot de passe. Un lien de confirmation sera envoyé à la nouvelle adresse : le changement prendra effet quand vous l’ouvrirez.
account-current-password-hint = Il confirme que c’est bien vous qui faites ce changement.
account-email-submit = Changer d’adresse
account-password-title = Mot de passe
account-password-intro = Changer de mot de passe ferme vos autres sessions ouvertes.
account-password-submit = Changer de mot de passe
account-tokens-title = Jetons d’API
account-tokens-intro = Un jeton d’API permet à un programme d’utiliser l’API d’Essaim en votre nom. Donnez à chacun un nom qui dit où il sert, et révoquez-le dès qu’il ne sert plus.
account-tokens-empty = Vous n’avez aucun jeton d’API.
account-token-created = Jeton « { $name } » créé
account-token-once = Copiez-le maintenant : il ne sera plus jamais affiché.
account-token-created-at = Créé le { $date }
account-token-last-used = dernière utilisation le { $date }
account-token-never-used = jamais utilisé
account-token-revoke = Révoquer
account-token-new-title = Créer un jeton
account-token-submit = Créer le jeton
field-token-name = Nom du jeton
field-token-name-hint = Par exemple : « Synchronisation avec notre site ». 80 caractères au plus.
account-structures-title = Mes structures
account-structures-empty = Vous n’êtes membre d’aucune structure pour l’instant.
account-structure-role = Votre rôle : { $role }

## Structures

structures-title = Structures
structures-intro = L’annuaire des structures de l’innovation sociale du territoire.
structures-create = Créer une structure
structures-search-label = Rechercher une structure
structures-search-q = Nom ou mot-clé
structures-search-q-hint = Par exemple : jardin partagé, tiers-lieu, Brest.
structures-search-kind = Type de structure
structures-search-kind-all = Tous les types
structures-count-zero = Aucune structure
structures-count-one = 1 structure
structures-count =
    { $count ->
        [one] { $count } structure
       *[other] { $count } structures
    }
structures-none-matching = Aucune structure ne correspond à cette recherche.
structures-show-all = Voir toutes les structures
structures-empty = Aucune structure n’est encore référencée.
structures-back-to-list = Revenir à la liste des structures
structure-back = Revenir à la page de la structure
structure-kind = Type
structure-territory = Territoire
structure-siret-long = Système d’identification du répertoire des établissements
structure-rna-long = Répertoire national des associations
structure-website = Site web
structure-description = Présentation
structure-no-description = Cette structure n’a pas encore de présentation.
structure-members-title = Membres
structure-no-members = Aucun membre.
structure-edit-link = Modifier la structure
structure-members-link = Gérer les membres
structure-form-new-title = Créer une structure
structure-form-new-intro = Vous en deviendrez gestionnaire : vous pourrez la modifier et y inviter d’autres membres.
structure-form-edit-title = Modifier « { $name } »
structure-form-edit-title-plain = Modifier la structure
structure-form-required-note = Le nom et le type sont obligatoires ; les autres champs sont facultatifs.
structure-form-create = Créer la structure
structure-form-save = Enregistrer les modifications
field-structure-name = Nom de la structure
field-structure-kind = Type de structure
field-structure-kind-choose = Choisissez un type
field-siret = Numéro SIRET (facultatif)
field-siret-hint = 14 chiffres, espaces permis. Il figure sur l’avis de situation Insee ou sur annuaire-entreprises.data.gouv.fr.
field-rna = Numéro RNA (facultatif)
field-rna-hint = Pour une association : la lettre W suivie de 9 chiffres, par exemple W291234567.
field-territory = Territoire (facultatif)
field-territory-hint = Le nom ou le code d’une commune, d’un département, d’une région ou d’une intercommunalité, par exemple « Brest » ou « commune:29019 ».
field-territory-lookup = Chercher le code d’un territoire
field-territory-suggestions = Ce nom désigne plusieurs territoires ou aucun exactement. Recopiez la référence de celui que vous voulez :
field-description = Présentation (facultatif)
field-description-hint = Ce que fait la structure, pour qui, où. Mise en forme Markdown possible : **gras**, *italique*, listes avec des tirets, liens. 10 000 caractères au plus.
field-website = Site web (facultatif)
field-website-hint = Par exemple : https://www.exemple.fr
members-title = Membres de « { $name } »
members-list-title = Membres actuels
members-list-intro = Les gestionnaires peuvent modifier la structure et gérer ses membres ; les membres apparaissent sur sa page.
members-table-caption = Membres de « { $name } »
members-col-name = Nom
members-col-role = Rôle
members-col-since = Membre depuis
members-col-action = Action
members-remove = Retirer
members-invite-title = Inviter une personne
members-invite-intro = Elle recevra par courriel un lien valable 7 jours. Elle devra se connecter avec cette adresse, ou créer un compte avec elle, pour accepter.
members-invite-submit = Envoyer l’invitation
members-invited = Invitation envoyée à { $email }.
field-member-role = Rôle
field-member-role-hint = Un gestionnaire peut modifier la structure et gérer ses membres.
invitation-title = Invitation à rejoindre « { $name } »
invitation-body = Cette invitation vous propose de rejoindre la structure « { $structure } » avec le rôle « { $role } ».
invitation-email = Elle a été envoyée à l’adresse { $email } ; c’est avec elle, confirmée, qu’on peut l’accepter.
invitation-other-account = Votre session est ouverte avec l’adresse { $email }, qui n’est pas celle de l’invitation. Déconnectez-vous, puis connectez-vous avec l’adresse invitée.
invitation-confirm-first = Votre adresse n’est pas encore confirmée : ouvrez d’abord le lien de confirmation reçu par courriel.
invitation-accept = Accepter l’invitation
invitation-signin-needed = Pour accepter l’invitation, connectez-vous avec cette adresse ou créez un compte avec elle.
invitation-signin = Se connecter pour accepter
invitation-signup = Créer un compte
invitation-signup-then = Après avoir créé votre compte et confirmé votre adresse, rouvrez le lien de l’invitation.
invitation-see-structure = Voir la page de la structure

## Territoires

territories-title = Territoires
territories-intro = Retrouvez le code d’une commune, d’une intercommunalité, d’un département ou d’une région, à indiquer dans la fiche d’une structure.
territories-search-label = Rechercher un territoire
territories-search-q = Nom, code postal ou code Insee
territories-search-q-hint = Par exemple : Brest, 29200 ou 29019.
territories-caption = Territoires correspondant à « { $q } »
territories-col-name = Nom
territories-col-level = Niveau
territories-col-code = Code
territories-col-reference = Référence à indiquer
territories-col-postal = Codes postaux
territories-col-population = Population
territories-none = Aucun territoire ne correspond à « { $q } ».
territories-source = Données : découpage administratif d’Etalab, Licence Ouverte 2.0.
territories-source-link = Voir les crédits

## Administration

admin-nav-label = Administration
admin-nav-people = Personnes
admin-nav-outbox = Courriels
admin-nav-audit = Journal
admin-people-title = Personnes
admin-people-total = Personnes inscrites : { $total }.
admin-backend = Base de données : { $backend }.
admin-people-search-label = Rechercher une personne
admin-people-search-q = Nom ou adresse e-mail
admin-people-search-q-hint = Laissez vide pour voir les 200 dernières inscriptions.
admin-people-caption = Personnes inscrites
admin-people-caption-search = Personnes correspondant à « { $q } »
admin-people-none = Aucune personne ne correspond.
admin-col-name = Nom
admin-col-email = Adresse e-mail
admin-col-confirmed = Adresse confirmée
admin-col-created = Inscription
admin-col-roles = Rôles
admin-roles-legend = Rôles de { $name }
admin-roles-of = de { $name }
admin-roles-submit = Enregistrer les rôles
admin-outbox-title = Courriels
admin-outbox-intro = Les 100 derniers courriels écrits par la plateforme, du plus récent au plus ancien.
admin-outbox-smtp-on = Un serveur SMTP est configuré : les courriels en attente partent automatiquement.
admin-outbox-smtp-off = Aucun serveur SMTP n’est configuré : les courriels ne partent pas et restent ici. Vous pouvez transmettre un lien à la main.
admin-outbox-empty = Aucun courriel pour l’instant.
admin-mail-to = Destinataire
admin-mail-created = Écrit le
admin-mail-status = État
admin-mail-sent = Envoyé le { $date }
admin-mail-pending = En attente (tentatives : { $attempts })
admin-mail-last-error = Dernière erreur
admin-mail-body = Voir le texte du courriel
admin-audit-title = Journal
admin-audit-intro = Les 200 derniers évènements de sécurité : connexions, échecs de connexion, changements de mot de passe, d’adresse, de rôles et de membres.
admin-audit-filter-label = Filtrer le journal
admin-audit-filter-action = Action
admin-audit-filter-hint = Par exemple : sign_in_failed, role_changed, member_removed.
admin-audit-filter-submit = Filtrer
admin-audit-caption = Derniers évènements
admin-audit-caption-action = Derniers évènements « { $action } »
admin-audit-empty = Aucun évènement.
admin-audit-col-at = Date
admin-audit-col-action = Action
admin-audit-col-subject = Objet
admin-audit-col-actor = Auteur
admin-audit-col-ip = Adresse IP
admin-audit-col-detail = Détail

## Pages d’information

accessibility-title = Déclaration d’accessibilité
legal-title = Mentions légales

## Valeurs : types de structure, rôles, profils, niveaux de territoire

kind-association = Association
kind-cooperative = Coopérative (SCOP, SCIC…)
kind-entreprise = Entreprise
kind-fondation = Fondation ou fonds de dotation
kind-collectivite = Collectivité territoriale
kind-etat = Service de l’État
kind-reseau = Réseau ou fédération
kind-autre = Autre
role-manager = Gestionnaire
role-member = Membre
role-admin = Administration
role-moderator = Modération
profile-citizen = Citoyenne ou citoyen
profile-project_holder = Porteuse ou porteur de projet
profile-support_structure = Structure d’accompagnement
profile-funder = Financeuse ou financeur
profile-evaluator = Évaluatrice ou évaluateur
profile-public_authority = Collectivité ou administration publique
level-region = Région
level-departement = Département
level-epci = Intercommunalité (EPCI)
level-commune = Commune

## Erreurs de saisie (un message par code de validation)

email_required = Saisissez votre adresse e-mail.
email_invalid = Saisissez une adresse e-mail valide, par exemple prenom.nom@exemple.fr.
password_required = Saisissez un mot de passe.
password_too_short = Le mot de passe doit faire 12 caractères au moins.
password_too_long = Le mot de passe doit faire 256 caractères au plus.
password_common = Ce mot de passe est trop courant et facile à deviner : choisissez-en un autre, par exemple une phrase de quelques mots.
password_like_email = Le mot de passe ne doit pas reprendre votre adresse e-mail.
name_required = Saisissez votre nom.
name_too_long = Le nom doit faire 80 caractères au plus.
structure_name_required = Saisissez le nom de la structure.
structure_name_too_short = Le nom de la structure doit faire 2 caractères au moins.
structure_name_too_long = Le nom de la structure doit faire 150 caractères au plus.
structure_kind_invalid = Choisissez le type de la structure dans la liste.
siret_invalid = Le numéro SIRET doit faire 14 chiffres.
siret_checksum = Ce numéro SIRET n’existe pas : vérifiez les chiffres.
rna_invalid = Le numéro RNA doit être la lettre W suivie de 9 chiffres, par exemple W291234567.
territory_unknown = Territoire introuvable ou ambigu : indiquez sa référence, par exemple commune:29019 ; la page Territoires permet de la trouver.
territory_malformed = Cette référence de territoire est mal formée : elle s’écrit niveau:code, par exemple commune:29019.
description_too_long = Ce texte est trop long : 10 000 caractères au plus pour la présentation d’une structure, 50 000 pour la description d’une initiative.
url_invalid = Saisissez l’adresse complète d’un site web, par exemple https://www.exemple.fr.
field_control_characters = Ce champ contient des caractères invisibles non autorisés : retapez-le.
field_required = Ce champ est obligatoire.
field_too_short = Ce texte est trop court.
field_too_long = Ce texte est trop long.
member_role_invalid = Choisissez le rôle dans la liste : gestionnaire ou membre.
signin_failed = Adresse e-mail ou mot de passe incorrect.
current_password_wrong = Le mot de passe actuel est incorrect.
token_name_required = Donnez un nom au jeton.
profile_invalid = Ce profil n’existe pas : choisissez parmi les cases proposées.
role_invalid = Ce rôle n’existe pas.

## Erreurs des pages et de l’API

not_found = Page introuvable
forbidden = Vous n’avez pas le droit d’accéder à cette page.
unauthenticated = Connectez-vous pour continuer.
email_not_confirmed = Confirmez d’abord votre adresse e-mail : ouvrez le lien que nous vous avons envoyé.
csrf_failed = Le formulaire a expiré ou ne vient pas de ce site. Revenez en arrière, rechargez la page et renvoyez-le.
too_many_requests = Trop de tentatives. Attendez quelques minutes avant de réessayer.
method_not_allowed = Cette adresse n’accepte pas ce type de requête.
payload_too_large = Les données envoyées sont trop volumineuses.
unsupported_media_type = Ce format de données n’est pas accepté.
bad_request = La requête est incorrecte.
internal_error = Une erreur inattendue s’est produite. Réessayez dans un moment ; si elle persiste, prévenez l’équipe de la plateforme.
invalid_input = Certaines données sont invalides.
invalid_json = Le corps de la requête n’est pas un JSON valide.
invalid_body = Le corps de la requête ne correspond pas au format attendu.
language_unknown = Cette langue n’est pas proposée.
token_expired = Ce lien a expiré. Recommencez la démarche pour en recevoir un nouveau.
token_used = Ce lien a déjà été utilisé.
token_unknown = Ce lien n’est pas valide. Vérifiez qu’il a été copié en entier.
invitation_other_email = Cette invitation a été envoyée à une autre adresse. Connectez-vous avec l’adresse invitée, confirmée, pour l’accepter.
email_taken_now = Cette adresse est déjà celle d’un autre compte. Votre adresse n’a pas changé.
last_manager = Une structure doit garder au moins un gestionnaire : nommez-en un autre avant de partir.
cannot_remove_own_admin = Vous ne pouvez pas retirer votre propre rôle d’administration.

## Courriels (texte brut)

mail-confirm-subject = Confirmez votre adresse e-mail sur Essaim
mail-confirm-body =
    Bonjour { $name },

    Vous venez de créer un compte sur Essaim. Pour confirmer votre adresse e-mail, ouvrez ce lien (valable 2 jours) :

    { $link }

    Si vous n’êtes pas à l’origine de cette inscription, ignorez ce message : le compte restera inactif.

    L’équipe d’Essaim
mail-already-registered-subject = Votre compte Essaim
mail-already-registered-body =
    Bonjour,

    Quelqu’un, peut-être vous, a voulu créer un compte sur Essaim avec cette adresse. Elle a déjà un compte.

    Si vous avez oublié votre mot de passe, choisissez-en un nouveau ici :

    { $link }

    Sinon, ignorez ce message : rien n’a changé.

    L’équipe d’Essaim
mail-reset-subject = Choisir un nouveau mot de passe Essaim
mail-reset-body =
    Bonjour { $name },

    Une demande de nouveau mot de passe a été faite pour votre compte Essaim. Pour le choisir, ouvrez ce lien (valable une heure) :

    { $link }

    Si vous n’avez rien demandé, ignorez ce message : votre mot de passe actuel reste valable.

    L’équipe d’Essaim
mail-email-change-subject = Confirmez votre nouvelle adresse e-mail sur Essaim
mail-email-change-body =
    Bonjour { $name },

    Vous avez demandé à utiliser cette adresse pour votre compte Essaim. Pour confirmer le changement, ouvrez ce lien (valable 24 heures) :

    { $link }

    Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : rien ne changera.

    L’équipe d’Essaim
mail-invitation-subject = { $inviter } vous invite à rejoindre « { $structure } » sur Essaim
mail-invitation-body =
    Bonjour,

    { $inviter } vous invite à rejoindre la structure « { $structure } » sur Essaim, la plateforme de l’innovation sociale du territoire.

    Pour voir l’invitation et l’accepter, ouvrez ce lien (valable 7 jours) :

    { $link }

    Vous devrez vous connecter avec cette adresse e-mail, ou créer un compte avec elle.

    Si cette invitation ne vous dit rien, ignorez ce message.

    L’équipe d’Essaim

## Initiatives : menu et accueil

nav-initiatives = Initiatives
home-initiatives-title = Des initiatives qui essaiment
home-initiatives-intro = Jardins partagés, repair cafés, épiceries solidaires… Chaque initiative y est décrite comme une recette : ses ingrédients, ses étapes, ses points de vigilance. Trouvez-en une près de chez vous, ou reprenez-en une pour la lancer dans votre commune.
home-initiatives-browse = Parcourir les initiatives
home-initiatives-create = Publier une initiative
home-initiatives-signin-note = Consulter les initiatives ne demande pas de compte ; en publier ou en reprendre une, si.

## Initiatives : catalogue

initiatives-title = Initiatives
initiatives-create = Publier une initiative
catalogue-intro = Les initiatives d’innovation sociale du territoire, racontées comme des recettes que chacun peut reprendre chez soi.
catalogue-title-search = recherche « { $q } »
catalogue-search-label = Rechercher une initiative
catalogue-search-q = Rechercher
catalogue-search-q-hint = Tous les mots sont cherchés ensemble. Autres possibilités : jardin OR potager (l’un ou l’autre), "jardin partagé" (expression exacte), -vélo (sans ce mot).
catalogue-sort = Trier par
sort-pertinence = Pertinence
sort-recent = Les plus récentes
sort-titre = Titre, de A à Z
catalogue-search-keeps-filters = La recherche garde les filtres choisis.
catalogue-count =
    { $count ->
        [0] Aucune initiative
        [one] { $count } initiative
       *[other] { $count } initiatives
    }
catalogue-clear = Effacer la recherche et les filtres
catalogue-feed = Suivre cette liste (flux Atom)
catalogue-ignored-search = Votre recherche « { $q } » ne contient que des mots trop courants (le, la, des, pour…) : elle a été ignorée et toutes les initiatives sont affichées.
catalogue-places = Territoires :
catalogue-updated = mise à jour le { $date }
catalogue-none-matching = Aucune initiative ne correspond à cette recherche.
catalogue-show-all = Voir toutes les initiatives
catalogue-empty = Aucune initiative n’est encore publiée : la vôtre peut être la première !
pagination-page = Page
facets-label = Affiner la liste
facets-intro = Affiner la liste : les choix s’ajoutent les uns aux autres ; choisissez à nouveau un filtre coché pour le retirer.
facet-challenges = Défis
facet-regions = Régions
facet-departements = Départements
facet-stages = Étapes
facet-roles = Rôle des structures
facet-count =
    { $count ->
        [one] { $count } initiative
       *[other] { $count } initiatives
    }
facet-remove = retirer le filtre
catalogue-map-title = Carte des initiatives
catalogue-map-intro = Chaque département est un lien qui filtre la liste. Plus sa couleur est foncée, plus il compte d’initiatives publiées ; le nom de chaque lien en donne le nombre exact.
map-title = Initiatives de la sélection par département
map-label = { $name } : { $count ->
        [0] aucune initiative
        [one] { $count } initiative
       *[other] { $count } initiatives
    }
map-locator-title = Carte de France situant les départements de l’initiative
map-legend-none = aucune initiative
map-legend-scale = du plus clair au plus foncé : de quelques initiatives au plus grand nombre
map-overseas = Les départements d’outre-mer, dont le fond de carte ne donne pas la forme, sont les carrés à gauche de la carte, à côté de leur nom.
map-credit-label = Fond de carte :
map-credit-work = « France departments »
map-credit-by = de Victor Cazanave d’après MapSVG, licence
map-credit-licence-url = https://creativecommons.org/licenses/by/4.0/deed.fr
locator-caption = En bleu : les départements de l’initiative. L’outre-mer n’est pas dessiné ; tous les territoires de l’initiative sont listés dans sa fiche.
feed-title = Essaim — initiatives

## Initiatives : valeurs (étapes, statuts, rôles, budgets, licences)

stage-idee = Idée
stage-experimentation = Expérimentation
stage-consolidation = Consolidation
stage-essaimage = Essaimage
status-draft = Brouillon
status-published = Publiée
status-archived = Archivée
structure-role-porteur = Porteuse
structure-role-partenaire = Partenaire
structure-role-financeur = Financeuse
structure-role-accompagnateur = Accompagnatrice
budget-moins_5k = Moins de 5 000 €
budget-5k_20k = De 5 000 à 20 000 €
budget-20k_100k = De 20 000 à 100 000 €
budget-plus_100k = Plus de 100 000 €
# Les identifiants Fluent ne peuvent pas contenir de point : « CC-BY-SA-4.0 » devient licence-CC-BY-SA-4_0.
licence-CC-BY-SA-4_0 = CC BY-SA 4.0 (Attribution – Partage dans les mêmes conditions)
licence-CC-BY-4_0 = CC BY 4.0 (Attribution)
licence-CC0-1_0 = CC0 1.0 (domaine public)
revision-created = Création de l’initiative
revision-edited = Modification
revision-restored = Retour à la version { $number }
revision-forked = Reprise de « { $source } »

## Initiatives : champs du formulaire (aussi les titres de l’historique)

field-required = { $label } (obligatoire)
field-title = Titre
field-title-hint = De 3 à 150 caractères, par exemple « Repair café du quartier de Kerinou ».
field-summary = Résumé
field-summary-hint = Une ou deux phrases qui disent l’essentiel : quoi, pour qui, où. 280 caractères au plus.
field-initiative-description = Description
field-description-markdown-hint = L’histoire de l’initiative, ses résultats, ce qui la rend utile. Mise en forme Markdown possible : **gras**, *italique*, listes avec des tirets, liens. 50 000 caractères au plus.
field-stage = Étape
field-stage-hint = Où en est l’initiative : une idée, une première expérimentation, une action installée qui se consolide, ou une action déjà reprise ailleurs (essaimage).
field-challenges = Défis
field-challenges-hint = Les défis de société auxquels l’initiative répond ; plusieurs choix sont possibles. Chacun est relié aux objectifs de développement durable (ODD) des Nations unies.
field-licence = Licence
field-licence-hint = La licence libre sous laquelle d’autres peuvent reprendre le texte et la recette. CC BY-SA (recommandée) : on peut reprendre et adapter en citant la source, et les reprises gardent la même licence. CC BY : reprise libre en citant la source. CC0 : domaine public, sans obligation de citer.
field-territories = Territoires
field-territories-hint = Un par ligne : commune, intercommunalité, département ou région, par son nom ou son code, par exemple « Brest », « 29 » ou « commune:29019 ». 20 au plus.
field-publics = Publics
field-publics-hint = À qui s’adresse l’initiative, un public par ligne, par exemple : familles, personnes âgées isolées.
field-links = Liens
field-links-hint = Site web, article, vidéo… Une adresse par ligne, par exemple https://www.exemple.fr
field-structure = Structure porteuse
field-structure-hint = Les membres de la structure porteuse pourront aussi modifier l’initiative. Seules les structures dont vous êtes membre sont proposées.
field-structure-none = Aucune
field-structure-current = La structure porteuse actuelle (conservée)
field-structure-no-membership = Vous n’êtes membre d’aucune structure pour l’instant.
field-structures = Structures
field-resources = Ressources matérielles
field-resources-hint = Lieux, matériel, outils… Une ressource par ligne.
field-skills = Compétences
field-skills-hint = Les savoir-faire utiles, un par ligne, par exemple : animation de groupe, petite mécanique.
field-partners = Partenaires
field-partners-hint = Les partenaires à associer, un par ligne, par exemple : mairie, bailleur social, association de quartier.
field-budget_range = Budget
field-budget_range-hint = Un ordre de grandeur du budget annuel ou de lancement.
field-budget_range-none = Non précisé
field-duration = Durée
field-duration-hint = Le temps qu’il faut pour la lancer, par exemple « 6 mois ». 200 caractères au plus.
field-steps = Étapes
field-steps-hint = Une étape par ligne, dans l’ordre. 50 lignes au plus, de 1 000 caractères chacune au plus.
field-pitfalls = Points de vigilance
field-pitfalls-hint = Les pièges et les difficultés rencontrés, un par ligne.
field-success_factors = Facteurs clés de succès
field-success_factors-hint = Ce qui a fait la différence, un facteur par ligne.
field-message = Ce qui change (facultatif)
field-message-hint = Quelques mots pour l’historique, par exemple « Ajout des étapes ». Laissé vide, le message sera « Création de l’initiative » ou « Modification ».
field-fork-territory = Votre territoire
field-fork-territory-hint = Votre commune, par son nom ou son code Insee, par exemple « Quimper » ou « 29232 ».
field-fork-title = Titre de votre copie (facultatif)
field-fork-title-hint = Par défaut, le même titre : « { $source } ». 150 caractères au plus.

## Initiatives : formulaire

form-section-initiative = L’initiative
form-section-territories = Territoires
form-section-publics = Publics et liens
form-section-structure = Structure porteuse
form-section-recipe = La recette
form-section-recipe-intro = Ce qu’il faut savoir pour refaire l’initiative ailleurs. Les listes se remplissent un élément par ligne ; tout est facultatif et peut être complété plus tard.
form-section-message = Message de version
initiative-form-new-title = Publier une initiative
initiative-form-new-intro = Décrivez l’initiative comme une recette que d’autres pourront reprendre. Vous pouvez l’enregistrer comme brouillon, visible uniquement par vous, et la publier plus tard.
initiative-form-edit-title = Modifier l’initiative
initiative-form-edit-intro = Chaque enregistrement crée une nouvelle version ; l’historique garde les précédentes, qu’on peut restaurer.
initiative-form-required-note = Le titre, le résumé, l’étape et au moins un territoire sont obligatoires ; tout le reste est facultatif.
initiative-form-save = Enregistrer
initiative-form-save-draft = Enregistrer comme brouillon
initiative-form-publish = Publier
initiative-form-draft-note = Un brouillon n’est visible que par vous et par les membres de la structure porteuse. « Publier » le rend visible de tous et l’ajoute au catalogue.

## Initiatives : fiche

initiative-back-to-catalogue = Revenir au catalogue des initiatives
initiative-back = Revenir à l’initiative
initiative-status-note-draft = Ce brouillon n’est visible que par les personnes qui peuvent le modifier.
initiative-status-note-archived = Cette initiative est archivée : elle reste consultable mais n’apparaît plus dans le catalogue.
initiative-fork-link = Reprendre cette initiative
initiative-edit-link = Modifier
initiative-publish = Publier
initiative-archive = Archiver
initiative-unpublish = Repasser en brouillon
initiative-republish = Publier à nouveau
initiative-history-link = Historique
initiative-lineage-link = Lignée
initiative-source-before = D’après « 
initiative-source-after =  », sous licence { $licence }.
initiative-version = Version
initiative-version-detail = Version { $number }, mise à jour le { $updated } ; créée le { $created }.
sdg-short = ODD
sdg-long = Objectifs de développement durable
initiative-no-description = L’initiative n’a pas encore de description.
recipe-title = La recette
recipe-intro = Ce qu’il faut pour refaire cette initiative ailleurs.
recipe-ingredients = Ingrédients
recipe-no-ingredients = Les ingrédients ne sont pas encore renseignés.
recipe-no-steps = Les étapes ne sont pas encore décrites.
recipe-no-pitfalls = Aucun point de vigilance n’est encore signalé.
recipe-no-success-factors = Aucun facteur clé de succès n’est encore indiqué.
initiative-spread-title = Où elle a essaimé
initiative-spread-count =
    { $count ->
        [0] Elle n’a pas encore été reprise ailleurs.
        [one] Elle a été reprise une fois :
       *[other] Elle a été reprise { $count } fois :
    }
initiative-lineage-more = Voir toute la lignée de l’initiative
initiative-spread-invite = Envie de la lancer chez vous ?

## Initiatives : historique

history-title = Historique de « { $title } »
history-intro = Chaque enregistrement crée une version, de la plus récente à la plus ancienne. Sous chacune, ce qu’elle a changé : les lignes retirées sont précédées du signe −, les lignes ajoutées du signe +.
history-restore-intro = Restaurer une version crée une nouvelle version avec son contenu : rien n’est perdu.
history-version = Version { $number }
history-current = version actuelle
history-by = Par { $author }, le { $date }
history-author-unknown = un compte supprimé
history-message = Message :
history-first = Première version.
history-no-change = Le contenu n’a pas changé dans cette version.
history-restore = Restaurer cette version
history-restore-context = (version { $number })
diff-removed = supprimé :
diff-added = ajouté :

## Initiatives : reprise et lignée

fork-title = Reprendre « { $source } »
fork-intro = Reprendre une initiative, c’est en créer une copie pour la lancer dans votre territoire :
fork-fact-draft = la copie est créée en brouillon, à l’étape « Idée » : personne d’autre ne la voit tant que vous ne la publiez pas ;
fork-fact-copied = elle reprend le texte et la recette, que vous pourrez adapter ; les structures de l’initiative d’origine ne sont pas reprises ;
fork-fact-licence = elle garde la licence de la source, { $licence }, et sa page cite l’initiative d’origine ;
fork-fact-lineage = elle reste liée à sa source et prend place dans la lignée de l’initiative ; son titre n’y apparaît qu’une fois la copie publiée.
fork-submit = Créer ma copie en brouillon
lineage-title = Lignée de « { $title } »
lineage-summary = Cette lignée compte { $size } initiatives sur { $generations ->
        [one] une génération de reprises
       *[other] { $generations } générations de reprises
    }.
lineage-alone = Cette initiative n’a pas encore été reprise.
lineage-intro = L’arbre part de l’initiative d’origine ; sous chacune, les initiatives qui l’ont reprise.
lineage-origin = initiative d’origine
lineage-generation =
    { $generation ->
        [one] 1re génération
       *[other] { $generation }e génération
    }
lineage-hidden = Brouillon non public
lineage-you-are-here = vous êtes ici

## Initiatives : erreurs de saisie et de requête

title_required = Saisissez le titre de l’initiative.
title_too_short = Le titre doit faire 3 caractères au moins.
title_too_long = Le titre doit faire 150 caractères au plus.
summary_required = Saisissez un résumé de l’initiative, en une ou deux phrases.
summary_too_long = Le résumé doit faire 280 caractères au plus.
challenge_unknown = Ce défi n’existe pas : cochez parmi les défis proposés.
territories_required = Indiquez au moins un territoire.
stage_invalid = Choisissez l’étape dans la liste : idée, expérimentation, consolidation ou essaimage.
status_invalid = Ce statut n’existe pas : brouillon, publiée ou archivée.
licence_invalid = Choisissez la licence dans la liste : CC BY-SA 4.0, CC BY 4.0 ou CC0 1.0.
budget_range_invalid = Choisissez le budget dans la liste.
structure_role_invalid = Ce rôle de structure n’existe pas : porteuse, partenaire, financeuse ou accompagnatrice.
list_too_long = Cette liste est trop longue : 50 lignes au plus, 20 pour les territoires.
list_item_too_long = Une des lignes est trop longue : 1 000 caractères au plus par ligne.
structure_not_yours = Choisissez une structure dont vous êtes membre : vous ne pouvez pas engager les autres.
sort_invalid = Ce tri n’existe pas : choisissez pertinence, recent ou titre.
territory_filter_invalid = Un filtre de territoire s’écrit region:CODE ou departement:CODE, par exemple departement:29.

## Administration : défis de société
admin-nav-challenges = Défis
admin-challenges-title = Défis de société
admin-challenges-caption = La liste des défis proposés aux initiatives
admin-challenges-code = Code
admin-challenges-code-hint = Lettres minuscules, chiffres et tirets, par exemple « sport-sante ».
admin-challenges-name-fr = Nom en français
admin-challenges-name-en = Nom en anglais
admin-challenges-sdgs = Objectifs de développement durable
admin-challenges-sdgs-hint = Les numéros des ODD (1 à 17), séparés par des virgules, par exemple « 3, 10 ».
admin-challenges-add = Ajouter un défi
admin-challenges-submit = Ajouter le défi
challenge_code_invalid = Le code doit compter de 2 à 60 caractères : lettres minuscules sans accent, chiffres et tirets.
challenge_code_taken = Ce code est déjà utilisé par un autre défi.
sdg_invalid = Indiquez au moins un numéro d’objectif de développement durable, de 1 à 17.

## Données ouvertes
data-title = Données ouvertes
data-intro = Les initiatives publiées sur Essaim sont des données ouvertes : chacun peut les télécharger, les réutiliser et les croiser avec d’autres données.
data-initiatives-title = Les initiatives
data-initiatives-body = Toutes les initiatives publiées, avec leur recette, leurs territoires (codes INSEE) et leur lignée.
data-csv = Initiatives au format CSV
data-json = Initiatives au format JSON
data-jsonld = Initiatives au format JSON-LD (schema.org)
data-schema = Schéma des données (Table Schema)
data-licences = Chaque initiative porte sa propre licence libre (colonne « licence ») : respectez-la en la réutilisant, en citant sa source quand la licence le demande.
data-catalogue-title = Catalogue DCAT
data-catalogue-body = La description de ces jeux de données au format DCAT (JSON-LD), pour les portails de données ouvertes :

## Import de fichiers
file_empty = Le fichier est vide.
csv_invalid = Le fichier n’est pas un CSV lisible.
column_missing = Une colonne obligatoire manque.
column_unknown = Cette colonne n’est pas connue.
column_duplicate = Cette colonne apparaît deux fois.
field_count_invalid = Cette ligne n’a pas le bon nombre de colonnes.
id_invalid = L’identifiant doit être un UUID.
id_duplicate = Cet identifiant apparaît déjà plus haut dans le fichier.
date_invalid = La date doit être au format RFC 3339 (par exemple 2026-11-24T06:05:00Z).
source_id_invalid = L’identifiant de la source doit être un UUID différent de celui de l’initiative.
source_unknown = L’initiative source n’existe ni dans le fichier ni dans la base.
list_invalid = Cette colonne doit contenir une liste au format JSON, par exemple ["a", "b"].
structure_invalid = Chaque structure s’écrit « identifiant:rôle ».
licence_required = Indiquez la licence de l’initiative.
invalid_utf8 = Cette ligne n’est pas encodée en UTF-8.

## Image de couverture
image-title = Image de couverture
image-back = Revenir à « { $title } »
image-intro = Une image PNG, JPEG ou WebP de { $max } Mo au plus. Elle est décodée puis enregistrée de nouveau : seuls les pixels sont gardés, sans métadonnées (lieu de prise de vue, appareil…).
image-current = L’image actuelle
image-current-alt = Image de couverture de « { $title } »
image-remove = Retirer l’image
image-label = Nouvelle image
image-hint = PNG, JPEG ou WebP, { $max } Mo au plus. Les images SVG ne sont pas acceptées.
image-submit = Enregistrer l’image
image_required = Choisissez une image.
image_too_large = Cette image est trop lourde : 5 Mo au plus.
image_format = Ce fichier n’est pas une image PNG, JPEG ou WebP.
image_unreadable = Cette image est abîmée ou illisible.
multipart_invalid = L’envoi du fichier a échoué ; réessayez.

## Administration : import d’initiatives
admin-nav-import = Import
admin-import-title = Importer des initiatives
admin-import-intro = Un fichier CSV aux colonnes de l’export des données ouvertes. Une initiative dont l’identifiant existe déjà est mise à jour (nouvelle version) ; les autres sont créées.
admin-import-report = Résultat de l’import
admin-import-blocked = { $count ->
    [one] Une ligne est en erreur : rien n’a été importé.
   *[other] { $count } lignes sont en erreur : rien n’a été importé.
}
admin-import-dry-run = Vérification seule : { $valid } initiative(s) valide(s), { $refused } ligne(s) refusée(s) ; rien n’a été écrit.
admin-import-done = { $created } initiative(s) créée(s), { $updated } mise(s) à jour, { $refused } ligne(s) refusée(s).
admin-import-line = Ligne { $line }
admin-import-column = colonne « { $column } »
colon =  :
admin-import-file = Fichier CSV
admin-import-file-hint = Encodé en UTF-8, { $max } Mo au plus. Pour de plus gros fichiers, utilisez la commande essaim import initiatives.
admin-import-dry-run-label = Vérifier seulement, sans rien écrire
admin-import-skip-label = Importer les lignes valides même si d’autres sont en erreur
admin-import-submit = Importer

## Propositions de modification
proposals-link = Propositions de modification
proposals-title = Propositions pour « { $title } »
proposals-intro = Chacun peut proposer une modification ; les membres de la structure porteuse l’acceptent ou la refusent.
proposals-none = Aucune proposition pour l’instant.
proposal-new-link = Proposer une modification
proposal-heading = Proposition de { $author }, le { $date }
proposal-status-pending = En attente
proposal-status-accepted = Acceptée
proposal-status-rejected = Refusée
proposal-decision-note = Réponse
proposal-outdated = L’initiative a changé depuis cette proposition : l’accepter remplacerait aussi ces changements.
proposal-note-label = Réponse à la personne (facultatif)
proposal-note-hint = Par exemple, ce qui vous fait accepter ou refuser.
proposal-accept = Accepter
proposal-reject = Refuser
proposal-form-title = Proposer une modification
proposal-form-intro = Modifiez ce qui doit l’être et expliquez pourquoi : les membres de la structure porteuse verront vos changements et décideront.
proposal-submit = Envoyer la proposition
proposal_message_required = Expliquez votre proposition en quelques mots.
proposal_changes_nothing = Cette proposition ne change rien à l’initiative.
proposal_already_decided = Cette proposition a déjà reçu une réponse.
decision_invalid = Cette décision n’existe pas.
revision-proposal-accepted = Proposition acceptée : { $message }

map-spread-title = Les départements où la recette a été reprise
map-spread-caption = En bleu : les départements où cette initiative a été reprise, toutes générations confondues.

# Personal data: privacy page, download, account deletion
privacy-title = Confidentialité
account-back = Retour à mon compte
account-data-title = Vos données
account-data-intro = Téléchargez tout ce que la plateforme conserve à votre sujet, ou supprimez votre compte. Ce qui est gardé et pourquoi :
account-data-export = Télécharger mes données
account-delete-link = Supprimer mon compte
data-export-title = Télécharger mes données
data-export-ready = Votre lien est prêt. Il fonctionne une seule fois, pendant { $minutes } minutes, et seulement tant que vous êtes connecté à ce compte.
data-export-download = Télécharger le fichier JSON
data-export-contents = Le fichier contient votre compte, vos structures, vos sessions et jetons (sans leurs secrets), vos contributions et les entrées du journal de sécurité qui vous concernent.
account-delete-title = Supprimer mon compte
account-delete-intro = La suppression est immédiate et définitive :
account-delete-erased = votre adresse, votre nom, votre mot de passe, vos profils et vos rôles sont effacés, et toutes vos sessions et tous vos jetons prennent fin ;
account-delete-kept = vos contributions publiées (initiatives, révisions, propositions) restent, signées « compte supprimé » ;
account-delete-structures = vous quittez les structures dont vous êtes membre ; si vous en êtes le seul gestionnaire, nommez-en un autre avant.
account-delete-export-first = Pour garder une copie de vos données, téléchargez-la d’abord :
account-delete-understood = J’ai compris que la suppression est définitive.
account-delete-submit = Supprimer définitivement mon compte
delete_not_confirmed = Cochez la case pour confirmer la suppression.
account-deleted-title = Compte supprimé
account-deleted-body = Votre compte est supprimé : vos données personnelles sont effacées et vous êtes déconnecté. Vos contributions publiées restent, signées « compte supprimé ».
delete_last_manager = Vous êtes le seul gestionnaire d’une de vos structures : nommez un autre gestionnaire (page des membres) avant de supprimer votre compte.
nul_character = Le texte envoyé contient un caractère nul, qu’aucun champ n’accepte.

## Débats : cartographie des opinions, à la manière de Pol.is

nav-debats = Débats
debats-title = Débats
debats-intro = Chacun donne son avis sur de courtes propositions : d’accord, pas d’accord ou passer. La carte des opinions montre les groupes qui se dessinent, ce qui les distingue et ce qui rassemble tout le monde. On peut ajouter ses propres propositions.
debats-create = Nouveau débat
debats-count-zero = Aucun débat pour l’instant
debats-count =
    { $count ->
        [one] Un débat
       *[other] { $count } débats
    }
debats-empty = Aucun débat n’est ouvert pour l’instant.
debats-card-counts = { $participants ->
        [one] un participant
       *[other] { $participants } participants
    }, { $statements ->
        [one] une proposition
       *[other] { $statements } propositions
    }, { $votes ->
        [one] un vote
       *[other] { $votes } votes
    }
initiative-debates-title = Débats

debat-phase-open = Ouvert
debat-phase-upcoming = À venir
debat-phase-closed = Clos
debat-opens-at = ouvre le { $date } à { $time } (heure de Paris)
debat-closes-at = jusqu’au { $date } à { $time } (heure de Paris)
debat-closed-at = depuis le { $date } à { $time } (heure de Paris)
debat-back-to-list = Revenir aux débats
debat-back = Revenir au débat
debat-back-to-results = Revenir aux résultats
debat-results-link = Voir les résultats
debat-take-part-link = Participer
debat-report-link = Rapport imprimable
debat-edit-link = Modifier le débat
debat-moderation-link =
    { $count ->
        [0] Modération
        [one] Modération (une proposition en attente)
       *[other] Modération ({ $count } propositions en attente)
    }
debat-notice-pending = Merci ! Votre proposition attend la relecture d’un modérateur avant d’être soumise aux votes.
debat-notice-published = Merci ! Votre proposition est publiée ; elle compte comme un vote « d’accord » de votre part.

debat-vote-title = Votre avis
debat-closed-notice = Ce débat est clos : on ne peut plus voter ni ajouter de proposition. Ses résultats restent consultables.
debat-upcoming-notice = Ce débat ouvrira le { $date } à { $time } (heure de Paris).
debat-sign-in-needed = Ce débat est réservé aux personnes connectées.
debat-sign-in-to-take-part = Se connecter pour participer
debat-progress = Propositions votées : { $voted } sur { $total }.
debat-vote-card-question = Êtes-vous d’accord avec cette proposition ?
debat-vote-agree = D’accord
debat-vote-disagree = Pas d’accord
debat-vote-pass = Passer
debat-vote-recorded-agree = Vote « d’accord » enregistré.
debat-vote-recorded-disagree = Vote « pas d’accord » enregistré.
debat-vote-recorded-pass = Vous avez passé cette proposition.
debat-vote-done = Vous avez voté sur toutes les propositions. Merci ! Revenez plus tard : d’autres peuvent en ajouter.
debat-no-statements = Aucune proposition n’est encore soumise aux votes.
debat-my-votes-title = Vos votes
debat-my-votes-none = Vous n’avez pas encore voté.
debat-my-vote = Votre vote : { $vote }
debat-my-vote-withdrawn = (proposition retirée par la modération)
debat-change-vote = Changer pour :
debat-propose-title = Ajouter une proposition
debat-propose-label = Votre proposition
debat-propose-hint = Une idée par proposition, en une phrase que d’autres pourront approuver ou non ; 280 caractères au plus.
debat-propose-hint-pre = Une idée par proposition, en une phrase que d’autres pourront approuver ou non ; 280 caractères au plus. Un modérateur la relit avant qu’elle soit soumise aux votes.
debat-propose-submit = Proposer
debat-mine-pending =
    { $count ->
        [one] Votre proposition en attente de relecture :
       *[other] Vos propositions en attente de relecture :
    }
debat-about-title = À propos de ce débat
debat-about-participation = Participation
debat-about-anonymous-yes = Ouvert à tous, sans compte.
debat-about-anonymous-no = Réservé aux personnes connectées.
debat-about-moderation-pre = Chacun peut ajouter des propositions, relues avant publication.
debat-about-moderation-post = Chacun peut ajouter des propositions, publiées aussitôt et modérées ensuite.
debat-about-statements-closed = Les propositions sont celles des organisateurs.
debat-about-structure = Organisé par
debat-about-initiatives = Initiatives concernées
debat-attribution = Source :

debat-results-title = Résultats
debat-analysis-none = Les résultats apparaîtront dès les premiers votes.
debat-computed-at = Analyse calculée le { $date } à { $time } (heure de Paris).
debat-analysis-stale = Mise à jour en cours avec les derniers votes.
debat-not-enough-data = Pas encore assez de données pour dessiner les groupes d’opinion.
debat-not-enough-data-detail = Il faut au moins trois participants ayant voté sur sept propositions (ou sur toutes, s’il y en a moins) et des avis qui diffèrent.
debat-map-heading = Carte des opinions
debat-map-title = Carte des opinions
debat-map-desc = Chaque cercle réunit des participants qui ont voté de façon proche ; sa taille dit combien ils sont. Les cercles forment { $groups } groupes d’opinion, sur { $clustered } participants placés.
debat-map-desc-me = Vous êtes marqué « vous », plus près du groupe { $group }.
debat-map-caption = Plus deux cercles sont proches, plus leurs participants ont voté de la même façon. Les groupes se distinguent par leur lettre, leur couleur et leur motif.
debat-map-legend-you = Vous
debat-map-you = vous
debat-map-you-near = D’après vos votes, vous êtes plus proche du groupe { $group }.
debat-map-you-soon = Votre position apparaîtra à la prochaine mise à jour de l’analyse.
debat-map-vote-to-appear = Votez pour voir votre position sur la carte.
debat-groups-table-caption = Les groupes d’opinion de la carte
debat-groups-table-group = Groupe
debat-groups-table-size = Participants
debat-groups-table-share = Part
debat-groups-table-you = Vous
debat-groups-table-you-here = le plus proche de vous
debat-group-name = Groupe { $letter }
debat-group-size = { $count ->
        [one] un participant
       *[other] { $count } participants
    } ({ $share } %)
debat-group-yours = Le groupe le plus proche de vous
debat-groups-heading = Groupes d’opinion
debat-groups-intro = Ce qui distingue chaque groupe : les propositions sur lesquelles il vote le plus différemment des autres.
debat-group-repr-intro = Ce groupe se distingue par :
debat-group-no-repr = Aucune proposition ne distingue nettement ce groupe.
debat-repr-agree = { $percent } % d’accord ({ $successes } sur { $trials })
debat-repr-disagree = { $percent } % pas d’accord ({ $successes } sur { $trials })
debat-repness = { $value } fois plus que les autres
debat-statement-number = proposition n° { $number }
debat-consensus-heading = Ce qui rassemble
debat-consensus-overall = Consensus
debat-consensus-overall-intro = Les propositions sur lesquelles une large majorité vote de la même façon.
debat-consensus-agree = Large accord
debat-consensus-disagree = Large désaccord
debat-consensus-none = Aucune proposition ne rassemble nettement pour l’instant.
debat-group-aware-heading = Consensus entre les groupes
debat-group-aware-intro = Les propositions que chaque groupe approuve, même ceux qui s’opposent ailleurs.
debat-group-aware-figure = Chance qu’un membre de chaque groupe soit d’accord : { $percent } %
debat-shares = { $agree } % d’accord, { $disagree } % pas d’accord, { $pass } % passent, sur { $seen } votes
debat-percent = { $value } %
debat-participation-heading = Participation
debat-stat-participants = Participants
debat-stat-statements = Propositions
debat-stat-votes = Votes
debat-stat-clustered = Placés sur la carte
debat-exports-heading = Données ouvertes
debat-exports-intro = Les votes de ce débat, au format des exports de Pol.is. Les participants n’y figurent que par un numéro.
debat-export-comments = Propositions et leurs décomptes
debat-export-votes = Votes
debat-export-participants-votes = Votes par participant, avec leur groupe
debat-export-summary = Résumé

debat-report-title = Rapport
debat-report-print-hint = Cette page est faite pour être imprimée ou enregistrée en PDF depuis votre navigateur.
debat-report-all-heading = Toutes les propositions
debat-report-all-caption = Les propositions soumises aux votes, des plus approuvées aux moins approuvées
debat-report-col-number = N°
debat-report-col-statement = Proposition
debat-report-col-seen = Votes
debat-report-seed = proposition de départ

debat-moderation-title = Modération
debat-moderation-intro-pre = Les propositions des participants attendent votre décision avant d’être soumises aux votes.
debat-moderation-intro-post = Les propositions des participants sont publiées aussitôt ; retirez celles qui ne respectent pas les règles.
debat-moderation-queue =
    { $count ->
        [0] En attente
        [one] En attente (une)
       *[other] En attente ({ $count })
    }
debat-moderation-queue-empty = Aucune proposition n’attend de décision.
debat-moderation-decided =
    { $count ->
        [0] Décidées
        [one] Décidées (une)
       *[other] Décidées ({ $count })
    }
debat-moderation-decided-none = Aucune proposition décidée pour l’instant.
debat-moderation-counts = { $agree } d’accord, { $disagree } pas d’accord, { $pass } passent
debat-status-pending = En attente
debat-status-accepted = Acceptée
debat-status-rejected = Rejetée
debat-featured = Mise en avant
debat-decision-accept = Accepter
debat-decision-reject = Rejeter
debat-decision-feature = Mettre en avant
debat-decision-unfeature = Ne plus mettre en avant
debat-decision-pending = Remettre en attente

debat-form-new-title = Nouveau débat
debat-form-new-intro = Posez une question, ajoutez quelques propositions de départ : chacun votera, et pourra proposer les siennes si vous le permettez.
debat-form-edit-title = Modifier le débat
debat-form-required-note = Seule la question est obligatoire.
debat-form-section-question = La question
debat-form-section-participation = La participation
debat-form-section-context = Le contexte
debat-field-question = Question
debat-field-question-hint = Ce sur quoi chacun donne son avis, en 5 à 200 caractères.
debat-field-description = Présentation
debat-field-description-hint = Le contexte, ce que deviendront les résultats. Mise en forme Markdown possible : **gras**, *italique*, listes avec des tirets, liens. 5 000 caractères au plus.
debat-field-seeds = Propositions de départ
debat-field-seeds-hint = Une par ligne, 280 caractères au plus chacune ; 100 au plus. Des propositions courtes, sur lesquelles on peut être d’accord ou non.
debat-field-open-for-statements = Les participants peuvent ajouter des propositions
debat-field-anonymous-allowed = Participation sans compte (un cookie retient les votes sur cet appareil)
debat-field-moderation = Propositions des participants
debat-field-moderation-post = Publiées aussitôt, modérées ensuite
debat-field-moderation-pre = Relues par un modérateur avant publication
debat-field-opens-at = Ouverture
debat-field-opens-at-hint = Heure de Paris. Vide : ouvert dès maintenant.
debat-field-closes-at = Clôture
debat-field-closes-at-hint = Heure de Paris. Vide : sans date de fin.
debat-field-challenge = Défi de société
debat-field-challenge-none = Aucun
debat-field-territories-hint = Un par ligne, facultatif : commune, intercommunalité, département ou région, par son nom ou son code, par exemple « Brest », « 29 » ou « commune:29019 ». 20 au plus.
debat-field-initiatives = Initiatives concernées
debat-field-initiatives-hint = Facultatif : l’adresse de chaque initiative publiée, une par ligne ; le débat apparaîtra sur leur page.
debat-field-structure = Structure organisatrice
debat-field-structure-hint = Facultatif : une structure dont vous êtes gestionnaire ; ses gestionnaires pourront modérer le débat.
debat-form-create = Créer le débat
debat-form-save = Enregistrer

question_required = Écrivez la question du débat.
question_too_short = La question est trop courte : 5 caractères au moins.
question_too_long = La question est trop longue : 200 caractères au plus.
conversation_description_too_long = La présentation est trop longue : 5 000 caractères au plus.
datetime_invalid = Date non reconnue : choisissez-la dans le calendrier, ou écrivez-la sous la forme 2026-05-01 14:30.
closes_before_opens = La clôture doit venir après l’ouverture.
initiative_reference_invalid = Adresse d’initiative non reconnue : copiez l’adresse de sa page, par exemple https://…/initiatives/0190a5c8-….
initiative_unknown = Cette initiative n’existe pas ou n’est pas publiée.
structure_not_managed = Choisissez une structure dont vous êtes gestionnaire.
moderation_invalid = Choisissez comment les propositions sont modérées.
statement_required = Écrivez votre proposition.
statement_too_long = Cette proposition est trop longue : 280 caractères au plus.
statement_duplicate = Cette proposition existe déjà dans ce débat : votez pour elle plutôt.
statement_status_invalid = Ce statut de proposition n’existe pas.
seed_duplicate = Ligne { $line } : cette proposition reprend celle de la ligne { $first }.
seed-line-problem = Ligne { $line } : { $problem }
seeds_too_many = Trop de propositions de départ : 100 au plus.
vote_invalid = Ce vote n’existe pas : choisissez d’accord, pas d’accord ou passer.
statement_unknown = Cette proposition n’existe pas dans ce débat.
statement_not_votable = Cette proposition n’est pas soumise aux votes (en attente de relecture, ou retirée).
conversation_closed = Ce débat est clos : on ne peut plus y voter ni y ajouter de proposition.
conversation_not_open_yet = Ce débat n’est pas encore ouvert.
statements_closed = Ce débat ne reçoit pas de nouvelles propositions.
moderation_decision_invalid = Cette décision de modération n’existe pas.

## Tirages au sort : panels citoyens

nav-tirages = Tirages au sort
tirages-title = Tirages au sort
tirages-intro = Un panel citoyen est tiré au sort parmi des volontaires, avec des quotas pour qu’il ressemble à la population : âge, genre, quartier… La sélection donne à chaque volontaire une chance aussi égale que les quotas le permettent (méthode LEXIMIN), et le tirage se fait avec une graine publique : chacun peut le refaire.
tirages-create = Nouveau tirage au sort
tirages-count-zero = Aucun tirage au sort pour l’instant
tirages-count =
    { $count ->
        [one] Un tirage au sort
       *[other] { $count } tirages au sort
    }
tirages-empty = Aucun panel n’est organisé pour l’instant.
tirages-card-counts = { $size ->
        [one] Panel d’une personne
       *[other] Panel de { $size } personnes
    }, { $volunteers ->
        [0] aucun volontaire
        [one] un volontaire
       *[other] { $volunteers } volontaires
    }
tirage-phase-open = Inscriptions ouvertes
tirage-phase-closed = Inscriptions closes
tirage-phase-formed = Panel formé
tirage-closes-at = jusqu’au { $date } à { $time } (heure de Paris)
tirage-formed-at = le { $date } à { $time } (heure de Paris)
tirage-date-time = le { $date } à { $time } (heure de Paris)
tirage-organised-by = Organisé par
tirage-back-to-list = Revenir aux tirages au sort
tirage-back = Revenir au tirage au sort
tirage-manage-link = Gérer le tirage
tirage-edit-link = Modifier le tirage
tirage-yes = oui
tirage-no = non
tirage-percent = { $value } %

tirage-form-new-title = Nouveau tirage au sort
tirage-form-edit-title = Modifier le tirage au sort
tirage-form-new-intro = Décrivez le panel, sa taille et ses quotas. Les volontaires s’inscrivent sur la page du tirage, ou vous importez leurs réponses ; vous calculez ensuite la sélection, puis tirez le panel avec une graine publique.
tirage-form-no-structure = Un tirage au sort est organisé par une structure dont vous êtes gestionnaire.
tirage-form-create-structure = Créer une structure
tirage-form-required-note = Les champs marqués « obligatoire » doivent être remplis.
tirage-form-section-panel = Le panel
tirage-form-section-quotas = Les quotas
tirage-form-section-dates = Inscriptions et effacement
tirage-form-names-locked = Des volontaires sont déjà inscrits : les noms des catégories et des caractéristiques ne peuvent plus changer, seuls les minimums et maximums le peuvent.
tirage-field-structure = Structure organisatrice
tirage-field-structure-hint = Une structure dont vous êtes gestionnaire ; ses gestionnaires organisent le tirage avec vous.
tirage-field-structure-choose = Choisissez une structure
tirage-field-title = Titre
tirage-field-title-hint = Par exemple : Convention citoyenne sur les mobilités de Brest ; 200 caractères au plus.
tirage-field-purpose = Objet du panel
tirage-field-purpose-hint = Facultatif : ce que le panel fera, quand, et ce que les personnes tirées au sort recevront. Mise en forme Markdown.
tirage-field-size = Taille du panel
tirage-field-size-hint = Le nombre de personnes à tirer au sort, de 1 à 1 000.
tirage-field-household = Une seule personne par foyer
tirage-field-household-hint = Deux personnes d’un même foyer ne peuvent pas être tirées ensemble ; les volontaires indiquent leur adresse ou le nom de leur foyer.
tirage-field-quotas = Quotas
tirage-field-quotas-hint = Une ligne par caractéristique : catégorie, caractéristique, minimum, maximum. Par exemple : « Genre, Femme, 5, 7 ». Chaque volontaire a une caractéristique par catégorie.
tirage-field-closes = Fin des inscriptions
tirage-field-closes-hint = Facultatif : les inscriptions restent ouvertes jusqu’à la fin de ce jour (heure de Paris), et se ferment de toute façon au tirage.
tirage-field-erase = Effacement du vivier (en jours)
tirage-field-erase-hint = Le nombre de jours, de 0 à 365, après le tirage au bout desquels les volontaires non tirés sont effacés. 30 si vide.
tirage-form-create = Créer le tirage au sort
tirage-form-save = Enregistrer
sortition-line-problem = Ligne { $line } : { $problem }
sortition-quota-minima-above-size = Catégorie « { $category } » : la somme des minimums ({ $sum }) dépasse la taille du panel ({ $size }).
sortition-quota-maxima-below-size = Catégorie « { $category } » : la somme des maximums ({ $sum }) n’atteint pas la taille du panel ({ $size }).

tirage-about-title = En bref
tirage-about-size = Taille du panel
tirage-about-volunteers = Volontaires
tirage-about-closes = Fin des inscriptions
tirage-about-formed = Tirage
tirage-about-household = Une seule personne par foyer
tirage-quotas-caption = Quotas du panel : combien de personnes de chaque caractéristique
tirage-col-category = Catégorie
tirage-col-feature = Caractéristique
tirage-col-min = Minimum
tirage-col-max = Maximum
tirage-col-panel = Dans le panel
tirage-col-met = Quota
tirage-col-chance = Chance d’être tiré
tirage-col-volunteers = Volontaires
tirage-col-number = Numéro
tirage-col-name = Nom
tirage-col-email = Courriel
tirage-col-source = Origine
tirage-col-status = Statut
tirage-quota-met = respecté
tirage-quota-not-met = non respecté
tirage-privacy = Vos caractéristiques servent uniquement à ce tirage ; seuls les organisateurs les voient. Les volontaires non tirés sont effacés { $days } jours après le tirage. Cette page ne montre que des numéros et des totaux, jamais un nom.

tirage-register-title = Se porter volontaire
tirage-register-intro = Indiquez une caractéristique par catégorie : elles servent à respecter les quotas.
tirage-choose = Choisissez
tirage-field-household-address = Adresse ou nom du foyer
tirage-field-household-address-hint = Sert seulement à ne pas tirer deux personnes du même foyer.
tirage-consent = J’accepte que mes caractéristiques servent à ce tirage au sort.
tirage-consent-hint = Elles ne servent qu’à cette sélection, seuls les organisateurs les voient, et elles sont effacées { $days } jours après le tirage si vous n’êtes pas tiré·e.
tirage-register-submit = M’inscrire comme volontaire
tirage-sign-in-needed = Pour vous porter volontaire, connectez-vous.
tirage-sign-in-to-register = Se connecter pour s’inscrire
tirage-registration-closed = Les inscriptions sont closes.
tirage-me = Vous êtes inscrit·e sous le numéro { $number }.
tirage-me-status-pool = Vous êtes dans le vivier des volontaires.
tirage-me-status-selected = Vous avez été tiré·e au sort : les organisateurs vont vous contacter.
tirage-me-status-declined = Vous avez décliné votre place dans le panel.
tirage-withdraw = Retirer mon inscription
tirage-notice-registered = Merci ! Votre inscription est enregistrée.
tirage-notice-withdrawn = Votre inscription est retirée.

tirage-selection-title = Sélection
tirage-selection-intro = Avant le tirage, la sélection calcule la chance de chaque volontaire d’être tiré, aussi égale que les quotas le permettent. En voici les chiffres.
tirage-selection-explain = La sélection (LEXIMIN) donne à chaque volontaire la plus grande chance possible d’être tiré en respectant les quotas. Elle est recalculée à chaque changement du vivier.
tirage-selection-submit = Calculer la sélection (LEXIMIN)
tirage-figure-min = Chance la plus basse
tirage-figure-max = Chance la plus haute
tirage-figure-gini = Coefficient de Gini
tirage-figure-gini-hint = Le coefficient de Gini vaut 0 quand tous ont la même chance, et s’approche de 1 quand quelques-uns ont toutes les chances.
tirage-figure-panels = Panels possibles
tirage-figure-pool = Volontaires dans le vivier
tirage-histogram-title = Répartition des chances d’être tiré
tirage-histogram-desc = Histogramme : nombre de volontaires par tranche de chance, de { $min } % à { $max } %, sur { $pool } volontaires.
tirage-histogram-caption = Chaque barre compte les volontaires d’une tranche de chance, de 0 % à { $top } %.
tirage-histogram-data = Les données de l’histogramme
tirage-chance-range = de { $from } % à { $to } %
tirage-fingerprint-announced = Empreinte des données du tirage, publiée avant le choix de la graine :
tirage-announced-inputs = Télécharger les données du tirage annoncées (JSON)

tirage-result-title = Résultat du tirage
tirage-quotas-met-caption = Les quotas face au panel tiré
tirage-draw-title = Tirage du panel
tirage-replacement-title = Remplacement n° { $round }
tirage-draw-seed = Graine
tirage-draw-date = Date
tirage-draw-numbers = { $count ->
        [one] Numéro tiré :
       *[other] Numéros tirés ({ $count }) :
    }
tirage-draw-declined = Numéros remplacés :
tirage-verify-intro = Pour vérifier ce tirage :
tirage-verify-download = Téléchargez ses données (tirage-{ $round }.json) ;
tirage-verify-run = puis lancez, avec le logiciel Essaim :

tirage-manage-title = Gestion du tirage
tirage-volunteers-title = { $count ->
        [0] Volontaires
        [one] Un volontaire
       *[other] { $count } volontaires
    }
tirage-volunteers-caption = Les volontaires, leurs caractéristiques et leur chance d’être tirés
tirage-volunteers-none = Aucun volontaire pour l’instant.
tirage-source-registration = inscription
tirage-source-import = import
tirage-status-pool = vivier
tirage-status-selected = tiré·e
tirage-status-declined = a décliné
tirage-import-title = Importer des volontaires
tirage-import-intro = Un fichier CSV, une ligne par personne : une colonne par catégorie ({ $columns }), et si vous les avez, « nom », « courriel » et « foyer ». Tout le fichier est importé, ou rien.
tirage-import-file = Fichier CSV des volontaires
tirage-import-file-hint = Encodé en UTF-8, la première ligne nommant les colonnes.
tirage-import-submit = Importer
tirage-import-refused = Le fichier n’a pas été importé
tirage-done-import = { $count ->
        [one] Un volontaire importé.
       *[other] { $count } volontaires importés.
    }
tirage-done-selection = La sélection est calculée.
tirage-done-tirage = Le panel est tiré, avec la graine « { $seed } ».
tirage-done-remplacement = Les remplacements sont tirés.
tirage-done-effacement = { $count ->
        [0] Le vivier est effacé.
        [one] Le vivier est effacé : un volontaire supprimé.
       *[other] Le vivier est effacé : { $count } volontaires supprimés.
    }
tirage-infeasible-quota = { $category } : { $feature } demande de { $min } à { $max } personnes ; le vivier en compte { $pool } ; le panel possible le plus proche en a { $closest }.
tirage-infeasible-unfilled = { $count ->
        [one] Même ainsi, une place resterait vide.
       *[other] Même ainsi, { $count } places resteraient vides.
    }
tirage-draw-section = Tirage
tirage-draw-explain = Choisissez une graine publique que personne ne connaît d’avance, par exemple les numéros d’un tirage de loterie à venir, annoncés avec l’empreinte ci-dessus. Le même tirage, refait avec la même graine, donne le même panel.
tirage-draw-needs-selection = Calculez d’abord la sélection.
tirage-field-seed = Graine
tirage-field-seed-hint = Lettres et chiffres ; espaces et ponctuation ne comptent pas. Par exemple : 07 12 33 41 49 (5).
tirage-draw-submit = Tirer le panel
tirage-replace-title = Remplacements
tirage-replace-explain = Cochez les personnes tirées qui ont décliné : leurs places sont tirées parmi les volontaires jamais tirés, en respectant les quotas.
tirage-replace-legend = Personnes tirées qui déclinent
tirage-replace-volunteer = N° { $number } { $name }
tirage-replace-submit = Tirer les remplaçants
tirage-erase-title = Effacement du vivier
tirage-erase-explain = Les volontaires non tirés et ceux qui ont décliné seront effacés le { $date } à { $time } (heure de Paris). Vous pouvez les effacer dès maintenant ; les personnes tirées restent.
tirage-erase-submit = Effacer le vivier maintenant
tirage-erased-at = Vivier effacé le { $date } à { $time } (heure de Paris).

sortition_panel_larger_than_pool = Le panel est plus grand que le vivier : il faut plus de volontaires que de places.
sortition_empty_panel = Le panel doit compter au moins une personne.
sortition_infeasible = Les quotas ne peuvent pas être respectés avec ce vivier.
sortition_solver_failed = Le calcul de la sélection a échoué. Réessayez ; si cela se reproduit, prévenez l’équipe d’Essaim.
sortition_legacy_failed = Le tirage glouton a échoué trop de fois : les quotas sont trop serrés pour lui.
sortition_seed_empty = Écrivez une graine : au moins une lettre ou un chiffre.
sortition_seed_too_long = Cette graine est trop longue : 200 caractères au plus.
sortition_no_selection = Calculez d’abord la sélection.
sortition_nobody_declined = Cochez au moins une personne qui décline.
sortition_feature_missing = Choisissez une caractéristique dans cette catégorie.
sortition_feature_unknown = Cette caractéristique n’existe pas dans cette catégorie.
sortition_csv_malformed = fichier CSV illisible
sortition_csv_missing_columns = colonnes manquantes
sortition_csv_empty = Aucune ligne : écrivez au moins une caractéristique.
sortition_csv_empty_name = une catégorie ou une caractéristique est vide
sortition_csv_number = le minimum et le maximum doivent être des nombres entiers
sortition_csv_min_above_max = le minimum dépasse le maximum
sortition_csv_duplicate_feature = cette caractéristique apparaît deux fois
sortition_csv_unknown_feature = caractéristique inconnue dans cette catégorie
sortition_csv_duplicate_id = cet identifiant apparaît deux fois
sortition_csv_email_invalid = adresse de courriel non reconnue
sortition_csv_not_utf8 = Le fichier n’est pas en UTF-8 : enregistrez-le en « CSV UTF-8 ».
sortition_import_duplicate = Une adresse de courriel du fichier est déjà inscrite à ce tirage, ou y figure deux fois : rien n’a été importé.
sortition_import_size = Trop de volontaires d’un coup.
sortition_panel_formed = Le panel est déjà tiré : la sélection et les quotas ne changent plus.
sortition_pool_changed = Le vivier a changé pendant le calcul : calculez de nouveau la sélection.
sortition_pool_erased = Le vivier est effacé.
sortition_panel_not_formed = Le panel n’est pas encore tiré.
sortition_draw_out_of_order = Un autre tirage vient d’être enregistré : rechargez la page.
sortition_draw_mismatch = Une des personnes cochées n’est pas dans le panel.
sortition_not_in_pool = Seules les inscriptions encore dans le vivier peuvent être retirées.
sortition_title_required = Écrivez le titre du tirage au sort.
sortition_title_too_long = Le titre est trop long : 200 caractères au plus.
sortition_purpose_too_long = L’objet est trop long : 20 000 caractères au plus.
sortition_size_invalid = Écrivez un nombre entier de 1 à 1 000.
sortition_erase_days_invalid = Écrivez un nombre de jours de 0 à 365.
sortition_quota_names_locked = Des volontaires sont inscrits : gardez les mêmes catégories et caractéristiques, seuls les minimums et maximums peuvent changer.
sortition_household_required = Indiquez votre adresse ou le nom de votre foyer.
sortition_household_too_long = Cette adresse est trop longue : 300 caractères au plus.
sortition_consent_required = Cochez la case pour accepter l’usage de vos caractéristiques ; sans cela, vous ne pouvez pas vous inscrire.
sortition_registration_closed = Les inscriptions à ce tirage sont closes.
sortition_already_registered = Vous êtes déjà inscrit·e à ce tirage.
sortition_not_registered = Vous n’êtes pas inscrit·e à ce tirage.
