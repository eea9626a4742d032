## Impact measurement: the indicator catalogue, impact plans (indicators with baseline and target), measurements graded by evidence level, verification by labelled evaluators, open data.

nav-impact = Indicators
impact-catalogue-title = Impact indicator catalogue
impact-catalogue-intro = Indicators chosen by challenge, problem and public, with no forced standard. Each initiative picks a few, sets a baseline and a target, then publishes its measurements.
impact-propose-link = Propose an indicator
impact-opendata-csv = Published measurements as CSV
impact-opendata-json = Published measurements as JSON
impact-filters-label = Search and filter indicators
impact-filter-text = Words
impact-filter-challenge = Challenge
impact-filter-public = Public
impact-filter-unit = Unit
impact-filter-all = All
impact-filter-apply = Filter
impact-filter-reset = Show all
impact-count = { $count ->
    [0] No indicator
    [one] 1 indicator
   *[other] { $count } indicators
}
impact-catalogue-empty = No indicator matches these criteria.
impact-waiting-title = Proposals awaiting a decision
impact-back-to-catalogue = Back to the indicator catalogue
impact-status-proposed = Proposed, awaiting a decision
impact-status-published = Published
impact-status-rejected = Rejected
impact-yes = Yes
impact-no = No
impact-choose = Choose…

impact-field-unit = Unit
impact-field-value-type = Value type
impact-field-direction = Direction of improvement
impact-field-counts-people = Counts people
impact-field-challenges = Challenges
impact-field-publics = Publics
impact-field-framework = Framework reference
impact-field-framework-hint = A code only, for example “IRIS+ PI4060” or “SDG 8.5”.
impact-field-code = Code
impact-field-problem = Problem it addresses
impact-field-calculation = Calculation notes
impact-field-name-fr = Name in French
impact-field-name-en = Name in English
impact-field-definition-fr = Definition in French
impact-field-definition-en = Definition in English
impact-field-problem-fr = Problem it addresses, in French
impact-field-problem-en = Problem it addresses, in English
impact-field-calculation-fr = Calculation notes, in French
impact-field-calculation-en = Calculation notes, in English

impact-unit-people = people
impact-unit-percent = %
impact-unit-euros = euros
impact-unit-hours = hours
impact-unit-days = days
impact-unit-count = count
impact-unit-kilograms = kg
impact-unit-tonnes_co2e = t CO₂e
impact-unit-kwh = kWh
impact-unit-score = points
impact-value-type-integer = whole number
impact-value-type-decimal = decimal number
impact-direction-increase = higher is better
impact-direction-decrease = lower is better

impact-public-jeunes = Young people
impact-public-enfants = Children
impact-public-seniors = Older people
impact-public-personnes_handicap = People with disabilities
impact-public-demandeurs_emploi = Jobseekers
impact-public-personnes_precaires = People in precarity
impact-public-familles = Families
impact-public-femmes = Women
impact-public-personnes_migrantes = Migrants
impact-public-habitants = Residents
impact-public-agriculteurs = Farmers
impact-public-associations = Associations
impact-public-entreprises = Businesses
impact-public-collectivites = Local authorities

impact-decision-title = Decision
impact-decision-publish = Publish in the catalogue
impact-decision-reject = Reject

impact-propose-title = Propose an indicator
impact-propose-intro = Missing an indicator to describe your impact? Propose it: a moderator will publish it in the catalogue or explain why not.
impact-required-note = Fields marked “required” must be filled in.
impact-propose-section-what = What it measures
impact-propose-section-how = Why and how
impact-propose-submit = Propose the indicator

impact-plan-title = Impact: { $title }
impact-plan-add = Add an indicator
impact-plan-intro = Each indicator has a baseline and a target; measurements show the way covered.
impact-plan-catalogue-link = See the indicator catalogue
impact-plan-draft-note = This initiative is a draft: its impact plan and measurements are visible to its editors only.
impact-plan-evaluator-note = You act as a labelled evaluator: you may verify this initiative’s measurements.
impact-plan-empty = No indicator has been chosen for this initiative yet.
impact-baseline = Baseline
impact-target = Target
impact-latest = Latest measurement
impact-latest-none = no measurement
impact-level-short = evidence level { $level }
impact-progress = Progress to target
impact-progress-value = { $percent }%
impact-on-track = On track
impact-off-track = Behind
impact-verified-count-label = Verified measurements
impact-verified-count = { $verified } of { $count }
impact-chart-title = Trend: { $name }
impact-chart-desc = From { $baseline } on { $baseline_on } towards a target of { $target } on { $target_on }; { $count ->
    [0] no measurement.
    [one] 1 measurement, detailed in the table.
   *[other] { $count } measurements, detailed in the table.
}
impact-chart-legend = Solid line: the measurements; dashes: the path from baseline to target (circle).
impact-measurements-caption = Measurements: { $name }
impact-col-period = Date or period
impact-col-value = Value
impact-col-level = Evidence level
impact-col-source = Source and method
impact-col-status = Verification
impact-col-actions = Actions
impact-period = from { $start } to { $end }
impact-verified-badge = Verified on { $date }
impact-verified-by = by { $name }
impact-superseded = Superseded
impact-not-verified = Not verified
impact-edit-measurement = Correct
impact-supersede-measurement = Supersede
impact-verify-note = Verification note
impact-verify-submit = Verify
impact-record-link = Record a measurement
impact-remove-entry = Remove the indicator
impact-levels-title = Evidence levels
impact-level-1 = The change is described
impact-level-2 = Data show a change
impact-level-3 = Comparison with a control group
impact-level-4 = Causality established (randomisation or a strong quasi-experiment)
impact-level-5 = Independently replicated

impact-entry-form-title = Add an indicator to the impact plan
impact-entry-form-intro = Choose an indicator from the catalogue, then the starting point and the goal.
impact-entry-form-submit = Add the indicator
impact-field-indicator = Indicator
impact-field-value = Value
impact-field-value-hint = A number, for example 120 or 12.5.
impact-field-target-hint = In the indicator’s direction of improvement.
impact-field-date = Date

impact-measurement-form-title = Record a measurement
impact-measurement-edit-title = Correct a measurement
impact-measurement-supersede-title = Supersede a measurement
impact-measurement-form-baseline = Measurements start on the baseline date ({ $date }) at the earliest.
impact-measurement-supersede-note = The measurement of { $value } on { $date } stays visible, marked as superseded.
impact-measurement-form-submit = Save the measurement
impact-field-period-end = Date of the measurement or end of the period
impact-field-period-end-hint = As YYYY-MM-DD.
impact-field-period-start = Start of the period
impact-field-period-start-hint = Leave empty for a measurement on one date.
impact-field-source = Source
impact-field-source-hint = Where the figures come from: register, survey, reading…
impact-field-method = Method
impact-field-level = Evidence level

impact_value_required = Enter a value.
impact_value_not_number = Enter a number, for example 120 or 12.5.
impact_value_not_finite = This number cannot be used: too large or undefined.
impact_value_not_integer = This indicator counts in whole numbers: no decimals.
impact_value_negative = This indicator cannot be negative.
impact_percent_over_100 = A percentage is at most 100.
impact_unit_mismatch = The unit does not match the indicator’s.
impact_date_required = Enter a date.
impact_date_invalid = Enter a date as YYYY-MM-DD.
impact_field_required = This field is required.
impact_line_too_long = This text must fit on one line within the allowed length.
impact_text_too_long = This text is longer than 3,000 characters.
impact_unit_unknown = Choose a unit from the list.
impact_value_type_unknown = Choose a value type from the list.
impact_direction_unknown = Choose a direction of improvement from the list.
impact_framework_too_long = The reference fits on one line of at most 60 characters.
impact_challenge_required = Choose at least one challenge.
impact_challenge_unknown = One of the chosen challenges does not exist.
impact_public_unknown = One of the chosen publics does not exist.
impact_name_no_letters = The name must contain letters.
impact_target_not_after_baseline = The target date must come after the baseline date.
impact_target_wrong_direction = The target must be better than the baseline, in the indicator’s direction of improvement.
impact_date_future = A measurement cannot be about a future date.
impact_period_reversed = The period starts after it ends.
impact_before_baseline = A measurement cannot come before the baseline date.
impact_source_required = Enter the source of the data.
impact_level_invalid = Choose an evidence level from 1 to 5.
impact_note_too_long = The note is longer than 500 characters.
impact_code_taken = An indicator already has this name: look for it in the catalogue.
impact_indicator_unknown = Choose a published indicator from the catalogue.
impact_indicator_already_in_plan = This indicator is already in the impact plan.
impact_decision_invalid = Unknown decision.
impact_indicator_decided = This proposal was already decided.
impact_measurement_verified = A verified measurement is no longer corrected: supersede it with a new measurement.
impact_measurement_superseded = This measurement was already superseded.
impact_entry_has_verified = This indicator has verified measurements: it stays in the plan.

impact-data-title = Impact measurements
impact-data-body = The measurements of impact indicators of published initiatives, with their evidence level and verification. Nothing of a draft, no person named.
impact-data-csv = Impact measurements (CSV)
impact-data-json = Impact measurements (JSON)
impact-data-schema = Their schema (Table Schema)

impact-initiative-link = Impact: indicators and measurements
