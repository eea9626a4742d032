## Impact contracts (contrats à impact): outcomes, thresholds and payments agreed by a labelled funder and an initiative, reached from verified measurements only.

outcomes-list-title = Impact contracts
outcomes-intro = An impact contract binds a labelled funder and an initiative: outcomes to reach on indicators of the impact plan, each with a threshold, a due date and a payment. Only verified measurements count.
outcomes-none = You are party to no impact contract.
outcomes-funded-by = funded by { $name }
outcomes-from = from { $date }
outcomes-status-proposed = Proposed
outcomes-status-active = Signed, running
outcomes-status-declined = Declined or withdrawn
outcomes-status-ended = Ended
outcomes-form-title = Propose an impact contract
outcomes-form-intro = You act for a structure holding the funder label. The initiative will sign or decline your proposal; outcomes no longer change once proposed.
outcomes-no-plan = This initiative has no impact plan yet: no outcome can be proposed.
outcomes-form-section-contract = The contract
outcomes-form-section-outcome = Outcome { $n }
outcomes-optional-row = Optional: leave empty not to use it.
outcomes-field-structure = Funding structure
outcomes-field-title = Contract title
outcomes-field-starts-on = Start of the contract
outcomes-field-starts-on-hint = Only measurements from this day on count.
outcomes-field-terms = Terms
outcomes-field-terms-hint = Free text, in Markdown.
outcomes-field-entry = Indicator of the impact plan
outcomes-field-entry-none = Choose an indicator
outcomes-field-threshold = Threshold to reach
outcomes-field-threshold-hint = For an indicator to bring down, the outcome is reached at or below the threshold.
outcomes-field-due = Due date
outcomes-field-payment = Payment (€)
outcomes-form-submit = Propose the contract
outcomes-funder = Funder
outcomes-initiative = Initiative
outcomes-signed-on = Signed on
outcomes-ended-on = Ended on
outcomes-total-due = Payments due
outcomes-total-promised = Payments planned
outcomes-outcomes = Outcomes
outcomes-verified-only = An outcome is reached only by measurements verified by an evaluator, not replaced, made during the contract and on or before the due date. Payments are due only after signature.
outcomes-table-caption = The contract's outcomes and payments due
outcomes-col-indicator = Indicator
outcomes-col-threshold = Threshold
outcomes-col-best = Best verified value
outcomes-col-reached = Reached
outcomes-col-due = Due
outcomes-direction-increase = at least
outcomes-direction-decrease = at most
outcomes-no-verified = No verified measurement
outcomes-reached-on = Reached (measurement of { $date })
outcomes-not-reached = Not reached yet
outcomes-export-csv = Download the outcomes (CSV)
outcomes-actions = Actions
outcomes-sign = Sign the contract
outcomes-decline = Decline
outcomes-withdraw = Withdraw the proposal
outcomes-end = End the contract
outcomes-link = Propose an impact contract
outcomes_structure_not_funder = Choose a structure you manage that holds the funder label.
outcomes_title_required = Give the contract a title.
outcomes_title_too_long = The title must fit on one line of at most 200 characters.
outcomes_terms_too_long = The terms are longer than 10,000 characters.
outcomes_start_invalid = Give the start date as YYYY-MM-DD.
outcomes_entry_unknown = Choose an indicator of the initiative's impact plan.
outcomes_threshold_invalid = The threshold must be a number.
outcomes_due_invalid = Give the due date as YYYY-MM-DD.
outcomes_due_before_start = The due date must come after the start of the contract.
outcomes_payment_invalid = The payment must be a positive amount in euros, with at most two decimals.
outcomes_none = Propose at least one outcome.
outcomes_not_proposed = This contract no longer awaits a signature.
outcomes_already_ended = This contract has already ended.
outcomes_decision_invalid = Choose to sign or to decline.
mail-outcomes-proposed-subject = Impact contract proposed: { $contract }
mail-outcomes-proposed-body =
    Hello,

    { $funder } proposes the impact contract “{ $contract }” to the initiative “{ $initiative }” (proposed by { $actor }).

    To read it, then sign or decline it: { $url }
mail-outcomes-signed-subject = Impact contract signed: { $contract }
mail-outcomes-signed-body =
    Hello,

    { $actor } signed, for the initiative “{ $initiative }”, the impact contract “{ $contract }” proposed by { $funder }. The contract is now active.

    To follow it: { $url }
mail-outcomes-declined-subject = Impact contract declined: { $contract }
mail-outcomes-declined-body =
    Hello,

    { $actor } declined, for the initiative “{ $initiative }”, the impact contract “{ $contract }” proposed by { $funder }.

    To read it: { $url }
mail-outcomes-ended-subject = Impact contract ended: { $contract }
mail-outcomes-ended-body =
    Hello,

    { $actor } ended the impact contract “{ $contract }” between { $funder } and the initiative “{ $initiative }”.

    To read it: { $url }
