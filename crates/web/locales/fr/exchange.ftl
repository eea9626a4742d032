## Offres et besoins (entraide)

nav-exchange = Entraide
exchange-title = Offres et besoins
exchange-intro = Structures et personnes publient ce qu’elles offrent et ce dont elles ont besoin : compétences (dont le mécénat de compétences), locaux, matériel, bénévolat, financement. Chaque besoin se voit proposer les offres qui lui correspondent.
exchange-publish-offer = Publier une offre
exchange-publish-need = Publier un besoin
exchange-matching-link = Voir les correspondances entre besoins et offres
exchange-mine-link = Mes échanges
exchange-filters = Filtrer les annonces
exchange-filter-all = Tous
exchange-filter-apply = Filtrer
exchange-count-zero = Aucune annonce ouverte
exchange-count = { $count ->
    [one] { $count } annonce ouverte
   *[other] { $count } annonces ouvertes
}
exchange-direction-offer = Offre
exchange-direction-need = Besoin
exchange-kind-skills = Compétences
exchange-kind-premises = Locaux
exchange-kind-equipment = Matériel
exchange-kind-volunteering = Bénévolat
exchange-kind-funding = Financement
exchange-status-closed = Clôturée
exchange-dates = Dates
exchange-dates-between = du { $start } au { $end }
exchange-dates-from = à partir du { $start }
exchange-dates-until = jusqu’au { $end }
exchange-date-time = le { $date } à { $time }
exchange-back = Retour à l’annonce
exchange-back-to-list = Retour aux offres et besoins
exchange-published-by = Publiée par
exchange-edit-link = Modifier l’annonce
exchange-close = Clôturer l’annonce
exchange-notice-closed = L’annonce est clôturée : elle n’apparaît plus dans les listes ni dans les correspondances.

exchange-form-new-title = Publier une offre ou un besoin
exchange-form-edit-title = Modifier l’annonce
exchange-form-intro = Décrivez ce que vous offrez ou ce dont vous avez besoin. Votre adresse e-mail n’est jamais montrée : on vous contacte par la plateforme.
exchange-form-required-note = Les champs marqués « obligatoire » doivent être remplis.
exchange-form-section-what = Quoi
exchange-form-section-where = Où et quand
exchange-form-publish = Publier
exchange-form-save = Enregistrer
exchange-field-choose = Choisir…
exchange-field-direction = Offre ou besoin
exchange-field-kind = Nature
exchange-field-kind-hint = Compétences (dont mécénat de compétences), locaux, matériel, bénévolat ou financement.
exchange-field-title = Titre
exchange-field-body = Description
exchange-field-body-hint = Markdown simple accepté (gras, listes, liens).
exchange-field-territory = Territoire
exchange-field-territory-hint = Une commune, une intercommunalité, un département ou une région : nom ou code INSEE (par exemple « Brest » ou « 29019 »).
exchange-field-structure = Publier au nom de
exchange-field-structure-hint = Une structure que vous gérez : ses gestionnaires pourront modifier l’annonce et répondre.
exchange-field-structure-none = À titre personnel
exchange-field-starts = Disponible à partir du
exchange-field-ends = Jusqu’au
exchange-field-date-hint = Facultatif. Format : AAAA-MM-JJ.
exchange-field-themes = Thèmes
exchange-field-themes-hint = Les défis de société concernés, cinq au plus.
exchange-field-message = Votre message

exchange-matches-title = Offres qui correspondent
exchange-matches-none = Aucune offre ouverte ne correspond pour l’instant.
exchange-needs-title = Besoins auxquels cette offre pourrait répondre
exchange-needs-none = Aucun besoin ouvert ne correspond pour l’instant.
exchange-match-why = Pourquoi :
exchange-matching-title = Correspondances entre besoins et offres
exchange-matching-intro = Pour chaque besoin ouvert, les offres qui y répondent : même nature, territoire identique ou voisin, thèmes et dates compatibles. Les meilleures d’abord.
exchange-matching-empty = Aucun besoin ouvert pour l’instant.
exchange-reason-same-kind = même nature
exchange-reason-same-territory = même territoire : { $territory }
exchange-reason-same-epci = territoire voisin, même intercommunalité : { $territory }
exchange-reason-same-departement = même département : { $territory }
exchange-reason-neighbouring-departement = département voisin : { $territory }
exchange-reason-same-region = même région : { $territory }
exchange-reason-shared-themes = thèmes communs : { $themes }
exchange-reason-dates-overlap = dates compatibles

exchange-contact-title = Prendre contact
exchange-contact-intro = Votre message est transmis par la plateforme : personne ne voit l’adresse e-mail de l’autre. Les réponses s’écrivent ici, sur Essaim.
exchange-contact-send = Envoyer
exchange-contact-closed = Cette annonce est clôturée.
exchange-contact-signin = Connectez-vous pour prendre contact
exchange-my-conversation = Voir votre échange au sujet de cette annonce
exchange-conversations-none = Aucun échange pour l’instant.
exchange-conversation-with = Échange avec { $name }
exchange-messages-count = { $count ->
    [one] { $count } message
   *[other] { $count } messages
}
exchange-conversation-title = Échange : { $title }
exchange-conversation-privacy = Seuls vous et l’autre partie voyez cet échange. Les adresses e-mail ne sont jamais montrées.
exchange-reply-title = Répondre
exchange-mine-title = Mes échanges
exchange-mine-conversations = Mes conversations
exchange-mine-posts = Mes annonces
exchange-mine-posts-none = Vous n’avez publié aucune annonce.

exchange-mail-message-subject = { $sender } vous écrit au sujet de « { $title } »
exchange-mail-message-body =
    Bonjour { $name },

    { $sender } vous a écrit sur Essaim au sujet de « { $title } » :

    { $message }

    Pour lire l’échange et répondre, ouvrez ce lien (votre adresse n’est pas communiquée) :

    { $link }

    L’équipe d’Essaim

exchange_direction_invalid = Choisissez « offre » ou « besoin ».
exchange_kind_invalid = Choisissez la nature : compétences, locaux, matériel, bénévolat ou financement.
exchange_status_invalid = Statut inconnu.
exchange_title_required = Donnez un titre d’au moins 3 caractères.
exchange_title_too_long = Le titre est trop long (150 caractères au plus).
exchange_body_too_long = La description est trop longue (10 000 caractères au plus).
exchange_territory_required = Indiquez un territoire.
exchange_territory_unknown = Ce territoire est introuvable ou ambigu : précisez la commune, ou donnez son code INSEE.
exchange_theme_unknown = Un des thèmes choisis n’existe pas.
exchange_too_many_themes = Choisissez cinq thèmes au plus.
exchange_date_invalid = Cette date n’est pas valide (format AAAA-MM-JJ).
exchange_dates_reversed = La date de fin précède la date de début.
exchange_structure_not_managed = Vous ne pouvez publier qu’au nom d’une structure que vous gérez.
exchange_structure_has_conversations = Cette annonce a déjà des échanges privés : elle ne peut pas passer au nom d’une autre structure, dont les gestionnaires liraient ces échanges. Publiez une nouvelle annonce pour cette structure.
exchange_message_required = Écrivez un message.
exchange_message_too_long = Le message est trop long (5 000 caractères au plus).
exchange_contact_own_post = Vous ne pouvez pas vous contacter vous-même : les échanges sur votre annonce sont listés sur sa page.
exchange_post_closed = Cette annonce est clôturée.

exchange-data-title = Offres d’entraide
exchange-data-body = Les offres ouvertes (compétences, locaux, matériel, bénévolat, financement) avec leur territoire, leurs thèmes et leurs dates, sous Licence Ouverte 2.0. Aucune donnée personnelle : ni auteur ni adresse.
exchange-data-csv = Offres (CSV)
exchange-data-schema = Schéma des offres (Table Schema)
