## Review of funding applications and decisions: reviewers, conflicts of interest, even assignment, blind scoring on weighted criteria, the funder's table, decisions within the budget.

review-funder-nav = Suivi de l’appel
review-actions = Actions
review-applicant = Candidature
review-no-application = Aucune candidature déposée pour l’instant.

review-reviewers-title = Relecteurs
review-reviewers-intro = Nommez les personnes qui évalueront les candidatures. Chaque candidature est confiée à { $count } { $count ->
    [one] relecteur
   *[other] relecteurs
  }, jamais à une personne membre de la structure candidate ou d’une structure partenaire de l’initiative, ni à qui a déclaré un conflit d’intérêts.
review-reviewers-list = Relecteurs de l’appel
review-reviewers-empty = Aucun relecteur nommé pour l’instant.
review-reviewer = Relecteur
review-load = Candidatures confiées
review-reviewer-remove = Retirer { $name }
review-reviewer-add-title = Nommer un relecteur
review-reviewer-email = Adresse électronique du relecteur
review-reviewer-email-hint = La personne doit avoir un compte sur la plateforme ; elle recevra un courriel.
review-reviewer-add = Nommer ce relecteur
review-assignment-title = Répartition des candidatures
review-assignment-intro = La répartition confie chaque candidature déposée au nombre de relecteurs prévu, en équilibrant la charge. La relancer après un conflit ou un nouveau relecteur ne change que ce qui doit changer.
review-assignment-run = Répartir les candidatures
review-assignment-caption = Relecteurs par candidature
review-assigned-to = Confiée à
review-excluded = Exclus
review-exclusion-applicant = membre de la structure candidate
review-exclusion-partner = membre d’une structure partenaire
review-exclusion-declared = conflit d’intérêts déclaré
review-shortfall-intro = Il manque des relecteurs : nommez-en d’autres puis relancez la répartition.
review-shortfall-item = { $structure } : { $count ->
    [one] il manque un relecteur
   *[other] il manque { $count } relecteurs
  }

review-table-title = Tableau d’évaluation
review-table-intro = Les notes de chaque relecteur sont ramenées sur 100 et pondérées par critère. L’écart est la différence entre la note la plus haute et la plus basse ; à partir de { $threshold } points, les relecteurs sont en désaccord marqué : lisez leurs commentaires avant de décider.
review-table-caption = Candidatures évaluées, triées par { $sort }
review-sort = Trier par
review-sort-apply = Trier
review-sort-mean = moyenne pondérée
review-sort-spread = écart entre relecteurs
review-sort-reviews = nombre d’évaluations
review-sort-title = nom de la structure
review-mean = Moyenne pondérée (sur 100)
review-spread = Écart
review-std-dev = Écart type
review-reviews-count = Évaluations remises
review-reviews-n = { $count ->
    [0] aucune évaluation
    [one] une évaluation
   *[other] { $count } évaluations
  }
review-per-reviewer = Note de chaque relecteur
review-disagreement = Désaccord marqué
review-status-draft = Brouillon
review-status-submitted = Déposée
review-status-withdrawn = Retirée
review-status-granted = Accordée
review-status-refused = Refusée
review-status-waitlisted = Liste d’attente

review-mine-title = Mes évaluations
review-mine-intro = Les appels dont vous êtes relecteur, les candidatures qui vous sont confiées et celles dont vous êtes exclu.
review-mine-empty = Vous n’êtes relecteur d’aucun appel.
review-mine-state = État
review-mine-review-none = À évaluer
review-mine-review-draft = Brouillon enregistré
review-mine-review-submitted = Évaluation remise
review-mine-not-assigned = Non confiée
review-mine-score = Évaluer { $structure }
review-mine-conflict = Déclarer un conflit d’intérêts avec { $structure }

review-score-title = Évaluer la candidature de { $structure }
review-read-application = Lire la candidature
review-criteria = Critères
review-scale = note entière de 0 à { $max }, poids { $weight }
review-private-comment = Commentaire pour le financeur
review-private-comment-hint = Le financeur seul le lit.
review-shared-comment = Commentaire pour la structure candidate
review-shared-comment-hint = Le financeur peut choisir de le transmettre à la structure avec sa décision.
review-save-draft = Enregistrer le brouillon
review-submit = Remettre l’évaluation
review-score-submitted = Votre évaluation est remise : elle ne peut plus être modifiée.
review-others-title = Les autres évaluations
review-others-none = Aucun autre relecteur n’a encore remis son évaluation.

review-conflict-title = Déclarer un conflit d’intérêts avec { $structure }
review-conflict-intro = Si vous avez un lien avec cette structure ou son projet, déclarez-le : la candidature sera confiée à un autre relecteur et votre éventuelle évaluation sera retirée.
review-conflict-reason = Nature du lien
review-conflict-reason-hint = Par exemple : ancienne salariée de la structure, membre du conseil d’administration.
review-conflict-declare = Déclarer le conflit

review-decisions-title = Décisions
review-budget = Budget de l’appel
review-granted = Total accordé
review-remaining = Reste disponible
review-range = Montant par lauréat
review-send-title = Envoi des décisions
review-send-intro = { $count ->
    [0] Aucune décision en attente d’envoi.
    [one] Une décision est prête à être envoyée : la structure candidate la recevra par courriel.
   *[other] { $count } décisions sont prêtes à être envoyées : les structures candidates les recevront par courriel.
  }
review-send = { $count ->
    [one] Envoyer la décision
   *[other] Envoyer les { $count } décisions
  }
review-sent-on = envoyée le { $date }
review-outcome = Décision
review-outcome-granted = Accordée
review-outcome-refused = Refusée
review-outcome-waitlisted = Liste d’attente
review-amount = Montant accordé
review-amount-hint = Entre { $min } et { $max }, par exemple 5 000 ou 5 000,50.
review-conditions = Conditions
review-reason = Motif du refus
review-reason-hint = Obligatoire pour un refus ; il sera transmis à la structure.
review-decide = Enregistrer la décision pour { $structure }
review-comments-to-share = Commentaires des relecteurs pour la structure
review-shared = transmis avec la décision
review-not-shared = non transmis
review-share = Transmettre le commentaire de { $name }
review-unshare = Ne plus transmettre le commentaire de { $name }

review-decision-title = Décision : { $title }
review-decision-heading = Décision du financeur
review-back-to-application = Retour à la candidature
review-amount-granted = Montant accordé : { $amount }
review-shared-comments = Commentaires des relecteurs

review_reviewer_required = Indiquez l’adresse électronique du relecteur.
review_reviewer_unknown = Aucun compte ne porte cette adresse : la personne doit d’abord s’inscrire.
review_reviewer_already = Cette personne est déjà relectrice de l’appel.
review_conflict_reason_required = Décrivez le lien en quelques mots (au moins 3 caractères).
review_text_too_long = Ce texte est trop long.
review_score_not_a_number = Saisissez une note entière.
review_score_out_of_scale = La note doit être un entier compris dans l’échelle du critère.
review_score_missing = Notez ce critère avant de remettre l’évaluation.
review_score_unknown_criterion = Ce critère n’existe pas dans l’appel.
review_amount_invalid = Saisissez un montant positif, par exemple 5 000 ou 5 000,50.
review_amount_required = Indiquez le montant accordé.
review_amount_below_min = Le montant est inférieur au minimum par lauréat de l’appel.
review_amount_above_max = Le montant dépasse le maximum par lauréat de l’appel.
review_reason_required = Indiquez le motif du refus.
review_outcome_invalid = Choisissez une décision : accordée, refusée ou liste d’attente.
review_not_assigned = Cette candidature ne vous est pas confiée.
review_already_submitted = Votre évaluation est déjà remise : elle ne peut plus être modifiée.
review_not_decidable = Cette candidature ne peut pas recevoir de décision (brouillon ou retirée).
review_decision_already_sent = La décision a déjà été envoyée : elle ne peut plus être modifiée.
review_budget_exceeded = Ce montant dépasserait le budget de l’appel : réduisez-le ou revoyez les autres décisions.

mail-review-named-subject = Vous êtes relecteur de l’appel « { $title } »
mail-review-named-body =
    Bonjour,

    { $funder } vous a nommé relecteur de l’appel « { $title } ». Les candidatures qui vous seront confiées apparaîtront sur votre page d’évaluations ; vous pourrez y déclarer un conflit d’intérêts.

    Vos évaluations : { $link }
mail-review-assigned-subject = Candidatures à évaluer : { $title }
mail-review-assigned-body =
    Bonjour,

    { $count ->
        [one] Une nouvelle candidature vous est confiée
       *[other] { $count } nouvelles candidatures vous sont confiées
    } pour l’appel « { $title } ».

    Vos évaluations : { $link }
mail-review-decision-subject = Décision sur votre candidature : { $title }
mail-review-decision-body =
    Bonjour,

    Le financeur a rendu sa décision sur la candidature de { $structure } à l’appel « { $title } » : { $outcome }.

    Pour la lire : { $link }
