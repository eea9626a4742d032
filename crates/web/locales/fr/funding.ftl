## Appels à projets, fonds et prix : l’appel, son éligibilité, ses questions et critères ; les candidatures avec leur initiative figée, leurs réponses et documents PDF ; le palmarès ; les subventions en données ouvertes (SCDL).

nav-funding = Appels
funding-title = Appels à projets, fonds et prix
funding-intro = Les appels à projets, fonds et prix ouverts par des financeurs labellisés du réseau. Candidatez avec une initiative déjà décrite dans Essaim : sa fiche et sa recette sont jointes telles qu’au dépôt.
funding-open-call = Ouvrir un appel
funding-mine-link = Mes candidatures et mes appels
funding-csv-link = Les subventions attribuées en CSV (SCDL)
funding-filter-kind = Type
funding-filter-all = Tous
funding-filter-challenge = Défi
funding-filter-territory = Territoire
funding-filter-territory-unknown = Territoire introuvable : le filtre n’a pas été appliqué. Saisissez un nom de commune, de département ou de région.
funding-filter-open = Ouverts aujourd’hui seulement
funding-filter-apply = Filtrer
funding-count = { $count ->
    [0] Aucun appel
    [one] 1 appel
   *[other] { $count } appels
}
funding-empty = Aucun appel ne correspond à ces critères.
funding-kind-call = Appel à projets
funding-kind-fund = Fonds
funding-kind-prize = Prix
funding-status = Statut
funding-status-draft = Brouillon
funding-status-published = Publié
funding-status-closed = Clos
funding-open-now = Ouvert
funding-upcoming = À venir
funding-closed = Clos
funding-budget-of = Budget : { $amount }
funding-closes-on = clôture le { $date }
funding-back-to-list = Retour aux appels
funding-funder = Financeur
funding-award-range = Montant par lauréat
funding-award-range-value = de { $min } à { $max }
funding-apply = Candidater
funding-results-link = Voir le palmarès
funding-eligibility-all = Ouvert à toutes les structures et initiatives.
funding-reviewers-per-application = { $count ->
    [one] Chaque candidature est évaluée par 1 évaluateur.
   *[other] Chaque candidature est évaluée par { $count } évaluateurs.
}
funding-scale-value = de 0 à { $max }
funding-required = obligatoire
funding-my-applications = Mes candidatures
funding-manage-title = Gérer l’appel
funding-edit = Modifier l’appel
funding-publish-note = Une fois publié, l’appel est visible de tous ; seuls la description, une clôture plus tardive et la date des décisions restent modifiables.
funding-publish = Publier l’appel
funding-close = Clore l’appel
funding-received = { $count ->
    [0] Aucune candidature déposée
    [one] 1 candidature déposée
   *[other] { $count } candidatures déposées
}
funding-applicant = Structure candidate
funding-initiative = Initiative
funding-submitted-on = Déposée le
funding-withdrawn-on = Retirée le
funding-new-title = Ouvrir un appel
funding-edit-title = Modifier « { $title } »
funding-form-required-note = Les champs marqués d’un astérisque (*) sont obligatoires.
funding-safe-edits = Cet appel est publié : vous pouvez modifier sa description, reporter sa clôture et fixer la date des décisions. Le reste ne change plus, pour ne pas changer les règles en cours de route.
funding-section-what = L’appel
funding-section-money = Budget et montants
funding-section-dates = Calendrier
funding-section-eligibility = Éligibilité
funding-section-review = Évaluation
funding-section-questions = Questions du dossier
funding-field-structure = Structure qui finance
funding-field-kind = Type
funding-field-title = Titre
funding-field-description = Description
funding-markdown-hint = Mise en forme Markdown : **gras**, listes, liens.
funding-field-budget = Budget total
funding-amount-hint = En unités de la monnaie, par exemple 30 000 ou 12 500,50.
funding-field-currency = Monnaie
funding-currency-hint = Code ISO 4217 à trois lettres ; EUR par défaut.
funding-field-min-award = Montant minimum par lauréat
funding-field-max-award = Montant maximum par lauréat
funding-max-award-hint = Au plus le budget total ; le budget total si vide.
funding-field-opens = Ouverture
funding-field-closes = Clôture
funding-paris-time-hint = Heure de Paris. C’est l’horloge du serveur qui fait foi au dépôt.
funding-field-decision-on = Date prévue des décisions
funding-eligibility-hint = Laissez une rubrique vide pour n’imposer aucune condition sur elle.
funding-field-challenges = Défis (au moins un en commun avec l’initiative)
funding-field-territories = Territoires
funding-territories-hint = Références séparées par des virgules, par exemple departement:29, region:53 ou commune:29019. Une initiative est éligible si l’un de ses territoires s’y trouve.
funding-field-stages = Stades de l’initiative
funding-field-structure-kinds = Types de structure candidate
funding-field-reviewers = Évaluateurs par candidature
funding-reviewers-hint = Entre 1 et 10 ; 2 par défaut.
funding-field-publish-awards = Publier les attributions (palmarès et données ouvertes, avec les montants)
funding-criteria-title = Critères d’évaluation
funding-criteria-hint = Au moins un critère. Le poids compte dans la moyenne pondérée ; chaque critère est noté par un entier de 0 à son barème.
funding-criterion-n = Critère { $n }
funding-field-criterion-name = Nom
funding-field-criterion-description = Ce qui est attendu
funding-field-criterion-weight = Poids
funding-field-criterion-scale = Barème
funding-default-criterion = Utilité sociale
funding-questions-hint = Les questions posées aux candidats. Une question « fichier » attend un document PDF.
funding-question-n = Question { $n }
funding-field-question-label = Intitulé
funding-field-question-kind = Type de réponse
funding-question-kind-text = Texte
funding-question-kind-number = Nombre
funding-question-kind-choice = Choix dans une liste
funding-question-kind-file = Fichier PDF
funding-field-question-choices = Choix proposés
funding-question-choices-hint = Un choix par ligne, pour les questions à choix.
funding-field-question-required = Réponse obligatoire
funding-form-create = Enregistrer le brouillon
funding-form-save = Enregistrer
funding-not-funder-title = Réservé aux financeurs labellisés
funding-not-funder-network = Le réseau et ses labels
funding-apply-title = Candidater à « { $title } »
funding-apply-intro = Choisissez la structure qui candidate et l’initiative présentée. Vous répondrez ensuite aux questions et joindrez vos documents ; rien n’est transmis avant le dépôt, au plus tard le { $date }.
funding-apply-no-initiative = Aucune des structures que vous gérez ne porte d’initiative publiée dans Essaim.
funding-apply-describe = Décrire une initiative
funding-field-applicant = Structure candidate
funding-initiative-hint = Les initiatives publiées auxquelles cette structure participe.
funding-apply-start = Commencer la candidature
funding-application-title = Candidature à « { $title } »
funding-application-status-draft = Brouillon
funding-application-status-submitted = Déposée
funding-application-status-withdrawn = Retirée
funding-application-status-granted = Retenue
funding-application-status-refused = Non retenue
funding-application-status-waitlisted = Sur liste d’attente
funding-frozen-title = L’initiative telle que déposée
funding-frozen-note = Copie figée de la fiche et de la recette (version { $revision }, le { $date }) : les modifications ultérieures de l’initiative ne changent pas la candidature.
funding-draft-note = Brouillon : vos réponses sont enregistrées mais rien n’est transmis au financeur avant le dépôt. La fiche de l’initiative sera jointe telle qu’elle sera au moment du dépôt.
funding-answers-title = Réponses
funding-choose = Choisir…
funding-save-draft = Enregistrer les réponses
funding-no-answer = Pas de réponse
funding-documents-title = Documents
funding-other-documents = Autres documents
funding-size-kb = { $size } Ko
funding-remove-document = Supprimer
funding-field-document = Document PDF
funding-document-hint = Un fichier PDF de { $max } Mo au plus.
funding-field-document-for = Pièce demandée
funding-upload = Joindre le document
funding-submit-title = Déposer la candidature
funding-submit-note = Le dépôt fige la candidature et la transmet au financeur. Date limite : { $date }.
funding-submit = Déposer la candidature
funding-withdraw-title = Retirer la candidature
funding-withdraw-note = Vous pouvez retirer la candidature tant qu’aucune décision n’a été prise. Vous pourrez en déposer une nouvelle si l’appel est encore ouvert.
funding-withdraw = Retirer la candidature
funding-mine-title = Mes candidatures et mes appels
funding-no-application = Aucune candidature pour les structures que vous gérez.
funding-my-calls = Appels de mes structures
funding-results-title = Palmarès : { $title }
funding-results-intro = Les lauréats désignés par { $funder }.
funding-results-empty = Le palmarès n’est pas encore publié.
funding-winner = Lauréat
funding-matching-title = Appels qui vous correspondent
funding-prizes-won = Prix reçus
funding-prize-badge = Lauréat : { $title }

# Refusals (codes of errors).
funding-kind-invalid = Choisissez un type d’appel : appel à projets, fonds ou prix.
funding-status-invalid = Ce statut n’existe pas.
funding-question-kind-invalid = Choisissez un type de réponse : texte, nombre, choix ou fichier.
funding-application-status-invalid = Ce statut de candidature n’existe pas.
funding-title-required = Donnez un titre à l’appel.
funding-title-too-long = Le titre est trop long (200 caractères au plus).
funding-description-required = Décrivez l’appel.
funding-description-too-long = La description est trop longue (20 000 caractères au plus).
funding-currency-invalid = La monnaie est un code ISO 4217 de trois lettres, par exemple EUR.
funding-amount-required = Indiquez un montant.
funding-amount-invalid = Ce montant n’est pas lisible : écrivez par exemple 12 500 ou 12 500,50.
funding-amount-too-large = Ce montant est trop élevé.
funding-amount-zero = Le montant maximum par lauréat doit être supérieur à zéro.
funding-award-range-invalid = Le montant maximum ne peut pas être inférieur au montant minimum.
funding-award-over-budget = Le montant maximum par lauréat ne peut pas dépasser le budget total.
funding-date-required = Indiquez une date.
funding-date-invalid = Cette date n’est pas lisible : utilisez le format AAAA-MM-JJ (et l’heure HH:MM).
funding-closes-before-opens = La clôture doit être postérieure à l’ouverture.
funding-closes-earlier = Un appel publié ne peut pas clore plus tôt qu’annoncé.
funding-decision-before-close = La date des décisions ne peut pas précéder la clôture.
funding-reviewers-invalid = Le nombre d’évaluateurs par candidature est un entier entre 1 et 10.
funding-challenge-invalid = Un des défis choisis n’existe pas.
funding-territory-invalid = Un des territoires n’est pas une référence valide (par exemple departement:29).
funding-stage-invalid = Un des stades choisis n’existe pas.
funding-structure-kind-invalid = Un des types de structure choisis n’existe pas.
funding-criterion-invalid = Chaque critère a un nom de 200 caractères au plus.
funding-criterion-weight-invalid = Le poids d’un critère est un entier entre 1 et 100.
funding-criterion-scale-invalid = Le barème d’un critère est un entier entre 1 et 100.
funding-criteria-required = Donnez au moins un critère d’évaluation.
funding-criteria-too-many = Huit critères au plus.
funding-question-invalid = L’intitulé d’une question fait 500 caractères au plus.
funding-question-choices-required = Une question à choix propose au moins deux choix, un par ligne.
funding-questions-too-many = Dix questions au plus.
funding-not-funder = Seuls les gestionnaires d’une structure qui détient le label « financeur » en cours de validité peuvent ouvrir ou publier un appel.
funding-call-not-draft = Cet appel est publié : seules la description, une clôture plus tardive et la date des décisions sont modifiables.
funding-call-status-changed = Le statut de l’appel a changé entre-temps ; rechargez la page.
funding-call-not-open = Cet appel n’est pas ouvert aux candidatures en ce moment.
funding-deadline-passed = L’appel est clos : la date limite de dépôt est dépassée, selon l’horloge du serveur. La candidature n’a pas été déposée.
funding-structure-not-managed = Vous ne pouvez candidater qu’au nom d’une structure que vous gérez.
funding-initiative-required = Choisissez la structure et l’initiative présentée.
funding-initiative-not-of-structure = Cette initiative n’est pas portée par la structure choisie (ou n’est pas publiée).
funding-ineligible-structure-kind = Ce type de structure n’est pas éligible à cet appel.
funding-ineligible-challenge = Cette initiative ne répond à aucun des défis de l’appel.
funding-ineligible-territory = Cette initiative n’est pas sur un territoire couvert par l’appel.
funding-ineligible-stage = Le stade de cette initiative n’est pas éligible à cet appel.
funding-application-exists = Cette initiative a déjà une candidature à cet appel.
funding-application-not-draft = Cette candidature est déposée : elle ne peut plus être modifiée.
funding-cannot-withdraw = Cette candidature ne peut plus être retirée : une décision a été prise ou elle est déjà retirée.
funding-answer-required = Cette question est obligatoire.
funding-answer-too-long = Cette réponse est trop longue (10 000 caractères au plus).
funding-answer-not-a-number = Cette réponse doit être un nombre.
funding-answer-choice-invalid = Choisissez une des réponses proposées.
funding-document-not-pdf = Ce fichier n’est pas un PDF. Enregistrez votre document au format PDF puis joignez-le à nouveau.
funding-document-too-large = Ce fichier dépasse 10 Mo. Réduisez-le (images compressées, moins de pages) puis joignez-le à nouveau.
funding-documents-limit = Cette candidature a atteint la limite des pièces jointes : 20 documents et 50 Mo au total. Retirez-en ou regroupez-les avant d’en joindre un autre.
funding-document-empty = Choisissez un fichier PDF à joindre.

mail-funding-receipt-subject = Candidature déposée : { $call }
mail-funding-receipt-body =
    Bonjour,

    La candidature de { $structure } à « { $call } », avec l’initiative « { $initiative } », a bien été déposée.

    Pour la consulter : { $url }
mail-funding-notice-subject = Nouvelle candidature : { $call }
mail-funding-notice-body =
    Bonjour,

    { $structure } a déposé une candidature à « { $call } » avec l’initiative « { $initiative } ».

    Pour la lire : { $url }
