## Impact contracts (contrats à impact): outcomes, thresholds and payments agreed by a labelled funder and an initiative, reached from verified measurements only.

outcomes-list-title = Contrats à impact
outcomes-intro = Un contrat à impact lie un financeur labellisé et une initiative : des résultats à atteindre sur des indicateurs du plan d’impact, chacun avec un seuil, une échéance et un paiement. Seules les mesures vérifiées comptent.
outcomes-none = Vous n’êtes partie à aucun contrat à impact.
outcomes-funded-by = financé par { $name }
outcomes-from = à partir du { $date }
outcomes-status-proposed = Proposé
outcomes-status-active = Signé, en cours
outcomes-status-declined = Refusé ou retiré
outcomes-status-ended = Terminé
outcomes-form-title = Proposer un contrat à impact
outcomes-form-intro = Vous agissez au nom d’une structure labellisée « financeur ». L’initiative signera ou refusera votre proposition ; les résultats ne changent plus une fois proposés.
outcomes-no-plan = Cette initiative n’a pas encore de plan d’impact : aucun résultat ne peut être proposé.
outcomes-form-section-contract = Le contrat
outcomes-form-section-outcome = Résultat { $n }
outcomes-optional-row = Facultatif : laissez vide pour ne pas l’utiliser.
outcomes-field-structure = Structure qui finance
outcomes-field-title = Titre du contrat
outcomes-field-starts-on = Début du contrat
outcomes-field-starts-on-hint = Seules les mesures faites à partir de ce jour comptent.
outcomes-field-terms = Conditions
outcomes-field-terms-hint = Texte libre, en Markdown.
outcomes-field-entry = Indicateur du plan d’impact
outcomes-field-entry-none = Choisir un indicateur
outcomes-field-threshold = Seuil à atteindre
outcomes-field-threshold-hint = Pour un indicateur à faire baisser, le résultat est atteint au seuil ou en dessous.
outcomes-field-due = Échéance
outcomes-field-payment = Paiement (€)
outcomes-form-submit = Proposer le contrat
outcomes-funder = Financeur
outcomes-initiative = Initiative
outcomes-signed-on = Signé le
outcomes-ended-on = Terminé le
outcomes-total-due = Paiements dus
outcomes-total-promised = Paiements prévus
outcomes-outcomes = Résultats
outcomes-verified-only = Un résultat n’est atteint que par des mesures vérifiées par un évaluateur, non remplacées, faites pendant le contrat et au plus tard à l’échéance. Les paiements ne sont dus qu’après la signature.
outcomes-table-caption = Résultats du contrat et paiements dus
outcomes-col-indicator = Indicateur
outcomes-col-threshold = Seuil
outcomes-col-best = Meilleure valeur vérifiée
outcomes-col-reached = Atteint
outcomes-col-due = Dû
outcomes-direction-increase = au moins
outcomes-direction-decrease = au plus
outcomes-no-verified = Aucune mesure vérifiée
outcomes-reached-on = Atteint (mesure du { $date })
outcomes-not-reached = Pas encore atteint
outcomes-export-csv = Télécharger les résultats (CSV)
outcomes-actions = Actions
outcomes-sign = Signer le contrat
outcomes-decline = Refuser
outcomes-withdraw = Retirer la proposition
outcomes-end = Mettre fin au contrat
outcomes-link = Proposer un contrat à impact
outcomes_structure_not_funder = Choisissez une structure que vous gérez et qui détient le label financeur.
outcomes_title_required = Donnez un titre au contrat.
outcomes_title_too_long = Le titre doit tenir sur une ligne de 200 caractères au plus.
outcomes_terms_too_long = Les conditions dépassent 10 000 caractères.
outcomes_start_invalid = Indiquez la date de début au format AAAA-MM-JJ.
outcomes_entry_unknown = Choisissez un indicateur du plan d’impact de l’initiative.
outcomes_threshold_invalid = Le seuil doit être un nombre.
outcomes_due_invalid = Indiquez l’échéance au format AAAA-MM-JJ.
outcomes_due_before_start = L’échéance doit suivre le début du contrat.
outcomes_payment_invalid = Le paiement doit être un montant positif en euros, avec au plus deux décimales.
outcomes_none = Proposez au moins un résultat.
outcomes_not_proposed = Ce contrat n’attend plus de signature.
outcomes_already_ended = Ce contrat est déjà terminé.
outcomes_decision_invalid = Choisissez de signer ou de refuser.
mail-outcomes-proposed-subject = Contrat à impact proposé : { $contract }
mail-outcomes-proposed-body =
    Bonjour,

    { $funder } propose le contrat à impact « { $contract } » à l’initiative « { $initiative } » (proposition de { $actor }).

    Pour le lire, puis le signer ou le refuser : { $url }
mail-outcomes-signed-subject = Contrat à impact signé : { $contract }
mail-outcomes-signed-body =
    Bonjour,

    { $actor } a signé, pour l’initiative « { $initiative } », le contrat à impact « { $contract } » proposé par { $funder }. Le contrat est en cours.

    Pour le suivre : { $url }
mail-outcomes-declined-subject = Contrat à impact refusé : { $contract }
mail-outcomes-declined-body =
    Bonjour,

    { $actor } a refusé, pour l’initiative « { $initiative } », le contrat à impact « { $contract } » proposé par { $funder }.

    Pour le consulter : { $url }
mail-outcomes-ended-subject = Fin du contrat à impact : { $contract }
mail-outcomes-ended-body =
    Bonjour,

    { $actor } a mis fin au contrat à impact « { $contract } » entre { $funder } et l’initiative « { $initiative } ».

    Pour le consulter : { $url }
