## Groupes et discussions

nav-groups = Groupes
groups-title = Groupes
groups-intro = Des groupes par territoire ou par thème pour échanger entre porteurs de projets, accompagnateurs et habitants : des fils de discussion, des réponses, des notifications par e-mail.
groups-create = Créer un groupe
groups-notifications-link = Mes notifications
groups-moderation-link = Modération des groupes
groups-count-zero = Aucun groupe pour l’instant
groups-count = { $count ->
    [one] Un groupe
   *[other] { $count } groupes
}
groups-filter-label = Filtrer les groupes
groups-filter-any-theme = Tous les thèmes
groups-filter-territory-hint = Les groupes de ce territoire et des territoires qu’il contient (un département montre les groupes de ses communes).
groups-filter-submit = Filtrer
groups-edit-title = Modifier le groupe
groups-edit-save = Enregistrer
groups-edit-link = Modifier le groupe
groups-back-to-group = Retour au groupe
groups-member-promote = Nommer administrateur
groups-member-demote = Retirer le rôle d’administrateur
groups-member-remove = Retirer du groupe
groups-notice-member-promote = Le membre administre désormais le groupe.
groups-notice-member-demote = Le membre n’administre plus le groupe.
groups-notice-member-remove = Le membre a été retiré du groupe.
groups-empty = Aucun groupe n’a encore été créé.
groups-card-counts = { $members ->
    [one] 1 membre
   *[other] { $members } membres
} · { $threads ->
    [one] 1 fil
   *[other] { $threads } fils
}
groups-access-open = Ouvert
groups-access-closed = Sur demande
groups-access-open-hint = chacun peut rejoindre le groupe et lire ses discussions.
groups-access-closed-hint = un administrateur du groupe accepte chaque demande ; seuls les membres lisent les discussions.
groups-back-to-list = Retour aux groupes
groups-form-title = Créer un groupe
groups-form-intro = Vous en serez le premier administrateur : vous accepterez les demandes d’adhésion si le groupe est sur demande.
groups-form-create = Créer le groupe
groups-field-name = Nom du groupe
groups-field-description = Présentation
groups-field-markdown-hint = Mise en forme Markdown : **gras**, *italique*, listes, liens.
groups-field-territory = Territoire
groups-field-territory-hint = Une commune, un département, une région ou un EPCI, par son nom ou son code (facultatif).
groups-field-challenge = Thème (défi de société)
groups-field-challenge-none = Aucun thème
groups-field-access = Qui peut rejoindre le groupe ?
groups-field-title = Titre
groups-field-body = Message
groups-field-reply = Votre réponse
groups-field-body-hint = Markdown accepté. Pour mentionner un membre, écrivez @ suivi de son identifiant (par exemple @maiwenn-le-gall) : il sera prévenu.
groups-participation-title = Participer
groups-sign-in-to-join = Connectez-vous pour rejoindre ce groupe.
groups-role-admin = Vous administrez ce groupe.
groups-role-member = Vous êtes membre de ce groupe.
groups-role-pending = Votre demande d’adhésion attend la réponse d’un administrateur du groupe.
groups-role-admin-short = administrateur
groups-join = Rejoindre le groupe
groups-request = Demander à rejoindre le groupe
groups-leave = Quitter le groupe
groups-follow-group = Suivre le groupe
groups-unfollow-group = Ne plus suivre le groupe
groups-follow-thread = Suivre ce fil
groups-unfollow-thread = Ne plus suivre ce fil
groups-blocked-notice = Votre compte est bloqué dans les groupes par la modération : vous ne pouvez plus y publier.
groups-requests-title = Demandes d’adhésion
groups-request-accept = Accepter
groups-request-refuse = Refuser
groups-threads-title = Fils de discussion
groups-threads-empty = Aucun fil de discussion pour l’instant.
groups-closed-notice = Les discussions de ce groupe sont réservées à ses membres.
groups-thread-meta = Ouvert par { $author } · { $replies ->
    [0] aucune réponse
    [one] 1 réponse
   *[other] { $replies } réponses
}
groups-date-time = le { $date } à { $time }
groups-new-thread-title = Ouvrir un fil de discussion
groups-new-thread-submit = Publier le fil
groups-members-title = Membres ({ $count })
groups-post-opening = Message de { $author }
groups-post-reply = Réponse de { $author }
groups-post-hidden-reports = Ce message est masqué en attendant la décision de la modération, à la suite de signalements.
groups-post-hidden-moderator = Ce message a été masqué par la modération.
groups-post-hidden-erased = Ce message a été effacé avec le compte de son auteur.
groups-post-hidden-blocked = Ce message est masqué : son auteur a été bloqué par la modération.
groups-report = Signaler
groups-report-context = le message de { $author }
groups-reply-title = Répondre
groups-reply-submit = Publier la réponse
groups-reply-members-only = Seuls les membres du groupe peuvent répondre.
groups-notice-joined = Vous avez rejoint le groupe et vous le suivez.
groups-notice-requested = Votre demande a été envoyée aux administrateurs du groupe.
groups-notice-already = Vous êtes déjà membre de ce groupe, ou votre demande est en attente.
groups-notice-left = Vous avez quitté le groupe.
groups-notice-accepted = La demande a été acceptée.
groups-notice-refused = La demande a été refusée.
groups-notice-followed = Vous serez prévenu des nouveaux messages.
groups-notice-unfollowed = Vous ne serez plus prévenu des nouveaux messages.
groups-notice-reported = Merci : votre signalement a été transmis à la modération.
groups-notice-updated = Le groupe a été modifié.
groups-notice-saved = Vos préférences ont été enregistrées.
groups-notice-done = La décision a été enregistrée.
groups-moderation-title = Modération des groupes
groups-moderation-intro = Les messages signalés apparaissent ici. À partir de { $threshold } signalements de personnes différentes, un message est masqué en attendant votre décision.
groups-queue-title = Messages à examiner ({ $count })
groups-queue-reports = { $count ->
    [0] aucun signalement
    [one] 1 signalement
   *[other] { $count } signalements
}
groups-queue-hidden = masqué
groups-queue-blocked = auteur bloqué
groups-queue-empty = Aucun message à examiner.
groups-moderate-hide = Masquer
groups-moderate-restore = Rétablir et classer les signalements
groups-moderate-block = Bloquer l’auteur
groups-moderate-unblock = Débloquer
groups-blocks-title = Comptes bloqués dans les groupes
groups-blocks-empty = Aucun compte bloqué.
groups-notifications-title = Notifications des groupes
groups-notifications-intro = Vous êtes prévenu des nouveaux messages des groupes et des fils que vous suivez, et des messages qui vous mentionnent.
groups-notifications-legend = Comment être prévenu ?
groups-mode-immediate = Un e-mail à chaque nouveau message
groups-mode-digest = Un résumé quotidien par e-mail
groups-mode-none = Aucun e-mail
groups-notifications-save = Enregistrer
groups-unsubscribe-title = Se désabonner des e-mails des groupes
groups-unsubscribe-question = Ne plus recevoir aucun e-mail des groupes ?
groups-unsubscribe-already = Vous ne recevez déjà plus d’e-mails des groupes.
groups-unsubscribe-confirm = Me désabonner
groups-unsubscribe-done = C’est fait : vous ne recevrez plus d’e-mails des groupes.
groups-unsubscribe-settings = Régler mes notifications
groups-name-required = Indiquez le nom du groupe.
groups-name-too-short = Le nom du groupe doit compter au moins 3 caractères.
groups-name-too-long = Le nom du groupe ne doit pas dépasser 120 caractères.
groups-title-required = Indiquez un titre.
groups-title-too-short = Le titre doit compter au moins 3 caractères.
groups-title-too-long = Le titre ne doit pas dépasser 200 caractères.
groups-body-required = Écrivez un message.
groups-text-too-long = Ce texte est trop long.
groups-territory-unknown = Ce territoire est introuvable : indiquez une commune, un département, une région ou un EPCI.
groups-challenge-unknown = Ce thème n’existe pas.
groups-access-invalid = Choisissez qui peut rejoindre le groupe.
groups-mode-invalid = Choisissez comment être prévenu.
groups-action-invalid = Cette action n’existe pas.
groups-last-admin = Vous êtes le dernier administrateur de ce groupe : il ne peut rester sans administrateur.
groups-block-refused = Vous ne pouvez pas agir sur ce compte : personne ne bloque ni ne débloque son propre compte, et seuls les administrateurs bloquent ou débloquent un modérateur ou un administrateur.
groups-mail-post-subject = [{ $group }] { $thread }
groups-mail-post-body =
    { $author } a écrit dans « { $thread } » :

    { $body }

    Lire et répondre : { $link }

    Pour ne plus recevoir d’e-mails des groupes : { $unsubscribe }
groups-mail-digest-subject = Groupes : { $count ->
    [one] 1 nouveau message
   *[other] { $count } nouveaux messages
}
groups-mail-digest-body =
    Voici les nouveaux messages des groupes et des fils que vous suivez :

    { $posts }
    Régler vos notifications : { $settings }
    Pour ne plus recevoir d’e-mails des groupes : { $unsubscribe }
groups-mail-request-subject = [{ $group }] Nouvelle demande d’adhésion
groups-mail-request-body =
    { $name } demande à rejoindre le groupe « { $group } ».

    Pour accepter ou refuser : { $link }
groups-mail-accepted-subject = [{ $group }] Votre demande est acceptée
groups-mail-accepted-body =
    Vous êtes désormais membre du groupe « { $group } ».

    { $link }

groups-posting-throttled = Vous avez beaucoup publié dans l’heure : attendez un peu avant d’ouvrir un fil ou de répondre.
groups-joining-throttled = Vous avez rejoint ou demandé à rejoindre beaucoup de groupes dans l’heure : attendez un peu avant de réessayer.
groups-blocked = Votre compte est bloqué dans les groupes par la modération : vous ne pouvez ni créer de groupe, ni en rejoindre, ni signaler de message.
groups-thread-hidden = Fil masqué par la modération
