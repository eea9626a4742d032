## Événements : rencontres, World Cafés, collectes et hackathons ; inscriptions avec liste d’attente, rappels, fichiers iCalendar et flux Atom.

nav-events = Événements
events-title = Événements
events-past-title = Événements passés
events-intro = Rencontres, World Cafés, collectes et hackathons organisés par les structures du réseau. Inscrivez-vous : au-delà des places, vous rejoignez la liste d’attente et montez automatiquement dès qu’une place se libère.
events-see-upcoming = Voir les événements à venir
events-see-past = Voir les événements passés
events-new = Organiser un événement
events-feed-title = Les événements à venir sur Essaim
events-feed-link = S’abonner au flux Atom des événements à venir
events-territory-ics = Ajouter les événements de { $name } à mon agenda (iCalendar)
events-filters = Filtrer les événements
events-field-kind = Type
events-kind-all = Tous les types
events-kind-meetup = Rencontre
events-kind-world_cafe = World Café
events-kind-collecte = Collecte
events-kind-hackathon = Hackathon
events-filter-territory = Territoire
events-filter-territory-hint = Un département ou une région, par exemple departement:29 ou region:53.
events-filter-submit = Filtrer
events-count-zero = Aucun événement
events-count = { $count ->
    [one] 1 événement
   *[other] { $count } événements
}
events-online = En ligne
events-cancelled-badge = Annulé
events-full = Complet
events-back-to-list = Tous les événements
events-cancelled-notice = Cet événement est annulé.
events-when = Quand
events-from-to = Du { $start } au { $end }
events-paris-time = heure de Paris
events-where = Où
events-online-link = Lien de la réunion en ligne
events-organisers = Organisé par
events-places = Places
events-unlimited = Places illimitées ({ $confirmed } inscrits)
events-places-taken = { $confirmed } inscrits sur { $capacity } places
events-waiting-count = { $count ->
    [one] 1 personne en liste d’attente
   *[other] { $count } personnes en liste d’attente
}
events-ics-link = Ajouter à mon agenda (fichier iCalendar)
events-registration = Inscription
events-you-are-registered = Vous êtes inscrit·e.
events-you-are-waiting = Vous êtes en liste d’attente, en position { $position }. Vous recevrez un courriel si une place se libère.
events-unregister = Annuler mon inscription
events-registration-cancelled = Les inscriptions sont fermées : l’événement est annulé.
events-registration-past = Les inscriptions sont fermées : l’événement a commencé.
events-registration-closed-note = Les inscriptions sont fermées.
events-sign-in-to-register = Connectez-vous pour vous inscrire
events-register = M’inscrire
events-join-waiting-list = Rejoindre la liste d’attente
events-manage = Organisation
events-attendees-link = Liste des participants
events-edit = Modifier l’événement
events-cancel-event = Annuler l’événement (les inscrits sont prévenus par courriel)
events-attendees-title = Participants
events-attendees-csv = Télécharger la liste (CSV)
events-confirmed-title = { $count ->
    [one] 1 inscrit·e
   *[other] { $count } inscrits
}
events-waiting-title = { $count ->
    [one] Liste d’attente : 1 personne
   *[other] Liste d’attente : { $count } personnes
}
events-col-name = Nom
events-col-email = Courriel
events-col-registered = Inscription
events-nobody = Personne pour le moment.
events-new-title = Organiser un événement
events-edit-title = Modifier l’événement
events-need-structure = Pour organiser un événement, il faut gérer une structure. Créez-en une ou demandez à ses gestionnaires de vous nommer.
events-section-what = L’événement
events-section-when = Quand
events-section-where = Où
events-section-registration = Inscriptions
events-field-title = Titre
events-field-description = Description
events-field-markdown-hint = Mise en forme Markdown : **gras**, listes, liens.
events-field-organisers = Structures organisatrices
events-field-organisers-hint = Cochez une ou plusieurs structures que vous gérez : leurs gestionnaires pourront modifier l’événement et lire la liste des participants.
events-field-starts = Début
events-field-ends = Fin
events-place-or-link = Indiquez un lieu (adresse et commune), un lien de réunion en ligne, ou les deux.
events-field-address = Adresse
events-field-commune = Commune
events-field-commune-hint = Le nom de la commune ou son code INSEE, par exemple Brest ou 29019.
events-field-online-url = Lien de la réunion en ligne
events-field-online-url-hint = Une adresse commençant par https://
events-field-capacity = Nombre de places
events-field-capacity-hint = Laissez vide pour ne pas limiter les places.
events-field-registration-open = Inscriptions ouvertes
events-save = Enregistrer
events-create = Publier l’événement

## Messages d’erreur
events_kind_invalid = Choisissez un type d’événement dans la liste.
events_title_required = Donnez un titre à l’événement.
events_title_too_long = Le titre ne doit pas dépasser 200 caractères.
events_title_one_line = Le titre doit tenir sur une ligne.
events_description_too_long = La description ne doit pas dépasser 10 000 caractères.
events_start_required = Indiquez la date et l’heure de début.
events_end_required = Indiquez la date et l’heure de fin.
events_datetime_invalid = Écrivez la date et l’heure sous la forme 2026-06-10T18:30.
events_end_before_start = La fin doit être après le début.
events_address_invalid = L’adresse doit tenir sur une ligne de 300 caractères au plus.
events_commune_unknown = Cette commune est introuvable : choisissez-en une dans la liste proposée ou écrivez son code INSEE.
events_address_needs_commune = Indiquez la commune de cette adresse.
events_place_or_link_required = Indiquez un lieu (commune) ou un lien de réunion en ligne.
events_link_https = Le lien de la réunion doit être une adresse https:// complète.
events_link_invalid = Ce lien est trop long.
events_capacity_positive = Le nombre de places doit être au moins 1 (laissez vide pour ne pas limiter).
events_capacity_invalid = Écrivez le nombre de places en chiffres, par exemple 30.
events_capacity_below_confirmed = Des personnes sont déjà inscrites au-delà de ce nombre de places : choisissez au moins le nombre d’inscrits confirmés.
events_organiser_required = Choisissez la structure qui organise.
events_organiser_not_manager = Vous ne pouvez organiser qu’au nom d’une structure que vous gérez.
events_territory_invalid = Ce territoire est introuvable : indiquez un département ou une région (departement:29, region:53).
events-cancelled = Cet événement est annulé : les inscriptions sont fermées.
events-started = Cet événement a déjà commencé : on ne peut plus s’y inscrire ni se désinscrire.
events-registration-closed = Les inscriptions à cet événement sont fermées.
events-already-registered = Vous êtes déjà inscrit·e à cet événement (ou en liste d’attente).
events-not-registered = Vous n’êtes pas inscrit·e à cet événement.
events-capacity-below-confirmed = Des personnes sont déjà inscrites au-delà de ce nombre de places.
events-registration-throttled = Trop d’inscriptions en peu de temps. Réessayez un peu plus tard.

## Courriels
mail-events-registered-subject = Inscription confirmée : { $title }
mail-events-registered-body =
    Bonjour,

    Vous êtes inscrit·e à « { $title } », le { $start } (heure de Paris).

    Si vous ne pouvez plus venir, annulez votre inscription pour laisser votre place :
    { $link }
mail-events-waiting-subject = Liste d’attente : { $title }
mail-events-waiting-body =
    Bonjour,

    « { $title } », le { $start } (heure de Paris), est complet : vous êtes sur la liste d’attente. Si une place se libère, elle vous revient dans l’ordre d’inscription et vous recevez un message.

    { $link }
mail-events-promoted-subject = Une place s’est libérée : { $title }
mail-events-promoted-body =
    Bonjour,

    Une place s’est libérée et vous quittez la liste d’attente : vous êtes inscrit·e à « { $title } », le { $start } (heure de Paris).

    Si vous ne pouvez plus venir, annulez votre inscription pour laisser la place à la personne suivante :
    { $link }
mail-events-cancelled-subject = Événement annulé : { $title }
mail-events-cancelled-body =
    Bonjour,

    L’événement « { $title } », prévu le { $start } (heure de Paris), est annulé par ses organisateurs.

    { $link }
mail-events-reminder-subject = Rappel : { $title }, demain
mail-events-reminder-body =
    Bonjour,

    Rappel : vous êtes inscrit·e à « { $title } », le { $start } (heure de Paris).

    Si vous ne pouvez plus venir, annulez votre inscription pour laisser votre place :
    { $link }
