## Blocages administratifs (hackers publics) : signalements, routage vers les hackers publics, statuts et synthèse.

nav-blockers = Blocages
blockers-title = Blocages administratifs
blockers-intro = Un projet est bloqué par une administration ? Signalez-le : il est transmis aux hackers publics de votre territoire, qui le suivent jusqu’à sa résolution.
blockers-report = Signaler un blocage
blockers-summary-link = Où la règle doit changer : la synthèse
blockers-hackers-link = Hackers publics
blockers-csv-link = Les blocages publics en CSV
blockers-filter-status = Statut
blockers-filter-all = Tous les statuts
blockers-filter-apply = Filtrer
blockers-count-zero = Aucun blocage
blockers-count = { $count ->
    [one] 1 blocage
   *[other] { $count } blocages
}
blockers-empty = Aucun blocage à afficher.
blockers-private = Privé
blockers-back-to-list = Retour aux blocages
blockers-status-reported = Signalé
blockers-status-acknowledged = Pris en compte
blockers-status-in_progress = En cours
blockers-status-unblocked = Débloqué
blockers-status-not_solvable = Insoluble
blockers-form-title = Signaler un blocage administratif
blockers-form-intro = Décrivez ce qui est bloqué, par quelle administration et ce que vous avez déjà tenté. Un blocage privé n’est visible que de vous, des hackers publics qui le suivent et des administrateurs ; il compte dans la synthèse, sans aucun détail.
blockers-form-required-note = Les champs marqués d’un astérisque (*) sont obligatoires.
blockers-form-section-what = Le blocage
blockers-form-section-where = Où et sur quel thème
blockers-field-title = Ce qui est bloqué, en une ligne
blockers-field-title-hint = 200 caractères au plus.
blockers-field-description = Description
blockers-field-markdown-hint = Mise en forme Markdown possible.
blockers-field-administration = Administration
blockers-field-administration-hint = Par exemple : Préfecture du Finistère, URSSAF Bretagne, mairie de Brest.
blockers-field-since = Depuis le
blockers-field-since-hint = Date au format AAAA-MM-JJ.
blockers-field-tried = Ce qui a été tenté
blockers-field-territory = Territoire
blockers-field-theme = Thème
blockers-field-theme-none = Aucun thème
blockers-field-structure = Pour la structure
blockers-field-structure-none = Aucune
blockers-field-visibility = Visibilité
blockers-visibility-public = Public : tout le monde peut le lire
blockers-visibility-private = Privé : vous, les hackers publics et les administrateurs
blockers-form-submit = Signaler le blocage
blockers-reported-by = Signalé par
blockers-followed-by = Suivi par
blockers-hackers-count = { $count ->
    [one] 1 hacker public
   *[other] { $count } hackers publics
}
blockers-no-hacker = Aucun hacker public pour ce territoire pour l’instant
blockers-status-form-title = Faire avancer le blocage
blockers-status-new = Nouveau statut
blockers-status-note = Note (facultative)
blockers-status-note-hint = Ce qui a été fait ou décidé.
blockers-status-submit = Changer le statut
blockers-timeline = Suivi et échanges
blockers-timeline-empty = Rien pour l’instant.
blockers-event-status = statut : { $status }
blockers-message-field = Votre message
blockers-message-hint = Visible du déclarant, des hackers publics qui suivent le blocage et des administrateurs.
blockers-message-submit = Envoyer le message
blockers-summary-title = Synthèse des blocages
blockers-summary-intro = Où la règle doit changer : le nombre de blocages par administration, thème et territoire, blocages publics et privés confondus. Aucun détail d’un blocage privé n’y figure.
blockers-summary-total = Blocages
blockers-summary-open = En attente ou en cours
blockers-summary-name = Nom
blockers-summary-median = Délai médian de déblocage
blockers-summary-days = { $days ->
    [one] { $shown } jour
   *[other] { $shown } jours
}
blockers-summary-no-median = Aucun blocage débloqué
blockers-summary-none = Aucun blocage.
blockers-summary-unpublished-administration = Administration non publiée
blockers-summary-by-administration = Par administration
blockers-summary-by-theme = Par thème
blockers-summary-by-departement = Par département
blockers-summary-by-region = Par région
blockers-hackers-title = Hackers publics
blockers-hackers-intro = Les hackers publics reçoivent les blocages de leur territoire (un hacker d’un département reçoit ceux de ses communes), pour un thème ou pour tous.
blockers-hackers-list = Les hackers publics et leur périmètre
blockers-hackers-person = Personne
blockers-hackers-actions = Actions
blockers-hackers-all-themes = Tous les thèmes
blockers-hackers-remove = Retirer { $name }
blockers-hackers-empty = Aucun hacker public pour l’instant.
blockers-hackers-add-title = Nommer un hacker public
blockers-hackers-email = Adresse électronique de son compte
blockers-hackers-email-hint = La personne doit avoir un compte sur la plateforme.
blockers-hackers-add = Nommer
blockers_title_required = Indiquez ce qui est bloqué.
blockers_title_too_long = Le titre dépasse 200 caractères.
blockers_title_one_line = Le titre doit tenir sur une ligne.
blockers_description_required = Décrivez le blocage.
blockers_text_too_long = Ce texte dépasse 10 000 caractères.
blockers_administration_required = Indiquez l’administration concernée.
blockers_administration_invalid = Le nom de l’administration doit tenir sur une ligne de 200 caractères au plus.
blockers_since_future = La date ne peut pas être dans le futur.
blockers_since_invalid = Saisissez une date au format AAAA-MM-JJ.
blockers_territory_unknown = Choisissez un territoire connu (nom, code postal ou code INSEE).
blockers_theme_unknown = Ce thème n’existe pas.
blockers_message_required = Écrivez un message.
blockers_message_too_long = Le message dépasse 5 000 caractères.
blockers_structure_not_member = Vous n’êtes pas membre de cette structure.
blockers_status_invalid = Ce statut n’existe pas.
blockers_transition_refused = Ce changement de statut n’est pas possible depuis le statut actuel.
blockers_status_changed = Quelqu’un a changé le statut entre-temps : rechargez la page.
blockers_hacker_unknown_person = Aucun compte avec cette adresse.
blockers_hacker_exists = Cette personne est déjà hacker public pour ce territoire et ce thème.
mail-blockers-routed-subject = Blocage signalé : { $title }
mail-blockers-routed-body =
    Bonjour,

    Un blocage administratif a été signalé sur votre territoire.

    Ce qui est bloqué : { $title }
    Administration : { $administration }

    Pour le lire et le suivre : { $link }
mail-blockers-status-subject = Votre blocage a changé de statut : { $title }
mail-blockers-status-body =
    Bonjour,

    Le blocage « { $title } » est maintenant : { $status }.

    Pour le suivre : { $link }
mail-blockers-message-subject = Nouveau message sur le blocage : { $title }
mail-blockers-message-body =
    Bonjour,

    Un nouveau message a été écrit sur le blocage « { $title } ».

    Pour le lire : { $link }
blockers-data-title = Blocages administratifs publics
blockers-data-body = Les blocages déclarés publics : titre, administration, territoire, thème, statut et dates. Ni les blocages privés, ni les descriptions, ni les personnes n’y figurent.
blockers-data-csv = Blocages publics (CSV)
blockers-data-schema = Leur schéma (Table Schema)
blockers_visibility_invalid = Choisissez « public » ou « privé ».
blockers-reporting-throttled = Vous avez signalé beaucoup de blocages dans l’heure : attendez un peu avant d’en signaler un autre.
blockers-messages-throttled = Vous avez écrit beaucoup de messages dans l’heure : attendez un peu avant d’en écrire un autre.
