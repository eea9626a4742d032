## Mesure d’impact : le catalogue d’indicateurs, les plans d’impact (indicateurs, valeur de référence et cible), les mesures et leur niveau de preuve, la vérification par des évaluateurs labellisés, les données ouvertes.

nav-impact = Indicateurs
impact-catalogue-title = Catalogue des indicateurs d’impact
impact-catalogue-intro = Des indicateurs choisis par défi, par problème et par public, sans référentiel imposé. Chaque initiative en retient quelques-uns, fixe une valeur de référence et une cible, puis publie ses mesures.
impact-propose-link = Proposer un indicateur
impact-opendata-csv = Les mesures publiées en CSV
impact-opendata-json = Les mesures publiées en JSON
impact-filters-label = Rechercher et filtrer les indicateurs
impact-filter-text = Mots recherchés
impact-filter-challenge = Défi
impact-filter-public = Public
impact-filter-unit = Unité
impact-filter-all = Tous
impact-filter-apply = Filtrer
impact-filter-reset = Tout afficher
impact-count = { $count ->
    [0] Aucun indicateur
    [one] 1 indicateur
   *[other] { $count } indicateurs
}
impact-catalogue-empty = Aucun indicateur ne correspond à ces critères.
impact-waiting-title = Propositions en attente de décision
impact-back-to-catalogue = Retour au catalogue des indicateurs
impact-status-proposed = Proposé, en attente de décision
impact-status-published = Publié
impact-status-rejected = Refusé
impact-yes = Oui
impact-no = Non
impact-choose = Choisir…

impact-field-unit = Unité
impact-field-value-type = Type de valeur
impact-field-direction = Sens d’amélioration
impact-field-counts-people = Compte des personnes
impact-field-challenges = Défis
impact-field-publics = Publics
impact-field-framework = Référence à un référentiel
impact-field-framework-hint = Un code seulement, par exemple « IRIS+ PI4060 » ou « SDG 8.5 ».
impact-field-code = Code
impact-field-problem = Problème auquel il répond
impact-field-calculation = Notes de calcul
impact-field-name-fr = Nom en français
impact-field-name-en = Nom en anglais
impact-field-definition-fr = Définition en français
impact-field-definition-en = Définition en anglais
impact-field-problem-fr = Problème auquel il répond, en français
impact-field-problem-en = Problème auquel il répond, en anglais
impact-field-calculation-fr = Notes de calcul, en français
impact-field-calculation-en = Notes de calcul, en anglais

impact-unit-people = personnes
impact-unit-percent = %
impact-unit-euros = euros
impact-unit-hours = heures
impact-unit-days = jours
impact-unit-count = nombre
impact-unit-kilograms = kg
impact-unit-tonnes_co2e = t éq. CO₂
impact-unit-kwh = kWh
impact-unit-score = points
impact-value-type-integer = nombre entier
impact-value-type-decimal = nombre décimal
impact-direction-increase = plus c’est haut, mieux c’est
impact-direction-decrease = plus c’est bas, mieux c’est

impact-public-jeunes = Jeunes
impact-public-enfants = Enfants
impact-public-seniors = Personnes âgées
impact-public-personnes_handicap = Personnes en situation de handicap
impact-public-demandeurs_emploi = Demandeurs d’emploi
impact-public-personnes_precaires = Personnes en situation de précarité
impact-public-familles = Familles
impact-public-femmes = Femmes
impact-public-personnes_migrantes = Personnes migrantes
impact-public-habitants = Habitants
impact-public-agriculteurs = Agriculteurs
impact-public-associations = Associations
impact-public-entreprises = Entreprises
impact-public-collectivites = Collectivités

impact-decision-title = Décision
impact-decision-publish = Publier dans le catalogue
impact-decision-reject = Refuser

impact-propose-title = Proposer un indicateur
impact-propose-intro = Il manque un indicateur pour décrire votre impact ? Proposez-le : une modératrice ou un modérateur le publiera dans le catalogue ou expliquera pourquoi non.
impact-required-note = Les champs marqués « obligatoire » doivent être remplis.
impact-propose-section-what = Ce qu’il mesure
impact-propose-section-how = Pourquoi et comment
impact-propose-submit = Proposer l’indicateur

impact-plan-title = Impact : { $title }
impact-plan-add = Ajouter un indicateur
impact-plan-intro = Chaque indicateur a une valeur de référence et une cible ; les mesures montrent le chemin parcouru.
impact-plan-catalogue-link = Voir le catalogue des indicateurs
impact-plan-draft-note = Cette initiative est un brouillon : son plan d’impact et ses mesures ne sont visibles que de ses responsables.
impact-plan-evaluator-note = Vous agissez comme évaluatrice ou évaluateur labellisé : vous pouvez vérifier les mesures de cette initiative.
impact-plan-empty = Aucun indicateur n’a encore été choisi pour cette initiative.
impact-baseline = Valeur de référence
impact-target = Cible
impact-latest = Dernière mesure
impact-latest-none = aucune mesure
impact-level-short = niveau de preuve { $level }
impact-progress = Progression vers la cible
impact-progress-value = { $percent } %
impact-on-track = Dans les temps
impact-off-track = En retard
impact-verified-count-label = Mesures vérifiées
impact-verified-count = { $verified } sur { $count }
impact-chart-title = Évolution : { $name }
impact-chart-desc = De { $baseline } le { $baseline_on } vers une cible de { $target } le { $target_on } ; { $count ->
    [0] aucune mesure.
    [one] 1 mesure, détaillée dans le tableau.
   *[other] { $count } mesures, détaillées dans le tableau.
}
impact-chart-legend = Trait plein : les mesures ; pointillés : le chemin de la valeur de référence à la cible (cercle).
impact-measurements-caption = Mesures : { $name }
impact-col-period = Date ou période
impact-col-value = Valeur
impact-col-level = Niveau de preuve
impact-col-source = Source et méthode
impact-col-status = Vérification
impact-col-actions = Actions
impact-period = du { $start } au { $end }
impact-verified-badge = Vérifiée le { $date }
impact-verified-by = par { $name }
impact-superseded = Remplacée
impact-not-verified = Non vérifiée
impact-edit-measurement = Corriger
impact-supersede-measurement = Remplacer
impact-verify-note = Note de vérification
impact-verify-submit = Vérifier
impact-record-link = Enregistrer une mesure
impact-remove-entry = Retirer l’indicateur
impact-levels-title = Niveaux de preuve
impact-level-1 = Le changement est décrit
impact-level-2 = Des données montrent un changement
impact-level-3 = Comparaison avec un groupe témoin
impact-level-4 = Causalité établie (tirage au sort ou quasi-expérience solide)
impact-level-5 = Résultat répliqué de façon indépendante

impact-entry-form-title = Ajouter un indicateur au plan d’impact
impact-entry-form-intro = Choisissez un indicateur du catalogue, puis la situation de départ et l’objectif visé.
impact-entry-form-submit = Ajouter l’indicateur
impact-field-indicator = Indicateur
impact-field-value = Valeur
impact-field-value-hint = Un nombre, par exemple 120 ou 12,5.
impact-field-target-hint = Dans le sens d’amélioration de l’indicateur.
impact-field-date = Date

impact-measurement-form-title = Enregistrer une mesure
impact-measurement-edit-title = Corriger une mesure
impact-measurement-supersede-title = Remplacer une mesure
impact-measurement-form-baseline = Les mesures commencent au plus tôt à la date de référence ({ $date }).
impact-measurement-supersede-note = La mesure de { $value } du { $date } restera visible, marquée comme remplacée.
impact-measurement-form-submit = Enregistrer la mesure
impact-field-period-end = Date de la mesure ou fin de la période
impact-field-period-end-hint = Au format AAAA-MM-JJ.
impact-field-period-start = Début de la période
impact-field-period-start-hint = Laissez vide pour une mesure à une date.
impact-field-source = Source
impact-field-source-hint = D’où viennent les chiffres : registre, enquête, relevé…
impact-field-method = Méthode
impact-field-level = Niveau de preuve

impact_value_required = Indiquez une valeur.
impact_value_not_number = Saisissez un nombre, par exemple 120 ou 12,5.
impact_value_not_finite = Ce nombre n’est pas utilisable : trop grand ou indéfini.
impact_value_not_integer = Cet indicateur se compte en nombre entier : pas de décimales.
impact_value_negative = Cet indicateur ne peut pas être négatif.
impact_percent_over_100 = Un pourcentage ne dépasse pas 100.
impact_unit_mismatch = L’unité ne correspond pas à celle de l’indicateur.
impact_date_required = Indiquez une date.
impact_date_invalid = Saisissez une date au format AAAA-MM-JJ.
impact_field_required = Ce champ est obligatoire.
impact_line_too_long = Ce texte doit tenir sur une ligne, sans dépasser la longueur permise.
impact_text_too_long = Ce texte dépasse 3 000 caractères.
impact_unit_unknown = Choisissez une unité de la liste.
impact_value_type_unknown = Choisissez un type de valeur de la liste.
impact_direction_unknown = Choisissez un sens d’amélioration de la liste.
impact_framework_too_long = La référence tient sur une ligne de 60 caractères au plus.
impact_challenge_required = Choisissez au moins un défi.
impact_challenge_unknown = Un des défis choisis n’existe pas.
impact_public_unknown = Un des publics choisis n’existe pas.
impact_name_no_letters = Le nom doit contenir des lettres.
impact_target_not_after_baseline = La date de la cible doit suivre la date de référence.
impact_target_wrong_direction = La cible doit être meilleure que la valeur de référence, dans le sens d’amélioration de l’indicateur.
impact_date_future = Une mesure ne peut pas porter sur une date future.
impact_period_reversed = La période commence après sa fin.
impact_before_baseline = Une mesure ne peut pas précéder la date de référence.
impact_source_required = Indiquez la source des données.
impact_level_invalid = Choisissez un niveau de preuve de 1 à 5.
impact_note_too_long = La note dépasse 500 caractères.
impact_code_taken = Un indicateur porte déjà ce nom : cherchez-le dans le catalogue.
impact_indicator_unknown = Choisissez un indicateur publié du catalogue.
impact_indicator_already_in_plan = Cet indicateur est déjà dans le plan d’impact.
impact_decision_invalid = Décision inconnue.
impact_indicator_decided = Cette proposition a déjà été tranchée.
impact_measurement_verified = Une mesure vérifiée ne se corrige plus : remplacez-la par une nouvelle mesure.
impact_measurement_superseded = Cette mesure a déjà été remplacée.
impact_entry_has_verified = Cet indicateur a des mesures vérifiées : il reste dans le plan.

impact-data-title = Mesures d’impact
impact-data-body = Les mesures des indicateurs d’impact des initiatives publiées, avec leur niveau de preuve et leur vérification. Aucune mesure d’un brouillon, aucune personne nommée.
impact-data-csv = Mesures d’impact (CSV)
impact-data-json = Mesures d’impact (JSON)
impact-data-schema = Leur schéma (Table Schema)

impact-initiative-link = Impact : indicateurs et mesures
