## Review of funding applications and decisions: reviewers, conflicts of interest, even assignment, blind scoring on weighted criteria, the funder's table, decisions within the budget.

review-funder-nav = Running the call
review-actions = Actions
review-applicant = Application
review-no-application = No application submitted yet.

review-reviewers-title = Reviewers
review-reviewers-intro = Name the people who will review the applications. Each application goes to { $count } { $count ->
    [one] reviewer
   *[other] reviewers
  }, never to a member of the applicant structure or of a partner of the initiative, nor to someone who declared a conflict of interest.
review-reviewers-list = Reviewers of the call
review-reviewers-empty = No reviewer named yet.
review-reviewer = Reviewer
review-load = Applications assigned
review-reviewer-remove = Remove { $name }
review-reviewer-add-title = Name a reviewer
review-reviewer-email = Reviewer’s e-mail address
review-reviewer-email-hint = The person needs an account on the platform; they will receive an e-mail.
review-reviewer-add = Name this reviewer
review-assignment-title = Assignment of applications
review-assignment-intro = The assignment gives each submitted application to the planned number of reviewers, balancing the load. Running it again after a conflict or a new reviewer changes only what must change.
review-assignment-run = Assign the applications
review-assignment-caption = Reviewers per application
review-assigned-to = Assigned to
review-excluded = Excluded
review-exclusion-applicant = member of the applicant structure
review-exclusion-partner = member of a partner structure
review-exclusion-declared = declared conflict of interest
review-shortfall-intro = Reviewers are missing: name more, then run the assignment again.
review-shortfall-item = { $structure }: { $count ->
    [one] one reviewer missing
   *[other] { $count } reviewers missing
  }

review-table-title = Review table
review-table-intro = Each reviewer’s scores are brought to a scale of 100 and weighted by criterion. The spread is the difference between the highest and lowest total; from { $threshold } points, reviewers disagree widely: read their comments before deciding.
review-table-caption = Reviewed applications, sorted by { $sort }
review-sort = Sort by
review-sort-apply = Sort
review-sort-mean = weighted mean
review-sort-spread = spread between reviewers
review-sort-reviews = number of reviews
review-sort-title = structure name
review-mean = Weighted mean (out of 100)
review-spread = Spread
review-std-dev = Standard deviation
review-reviews-count = Reviews submitted
review-reviews-n = { $count ->
    [0] no review
    [one] one review
   *[other] { $count } reviews
  }
review-per-reviewer = Each reviewer’s total
review-disagreement = Wide disagreement
review-status-draft = Draft
review-status-submitted = Submitted
review-status-withdrawn = Withdrawn
review-status-granted = Granted
review-status-refused = Refused
review-status-waitlisted = Waiting list

review-mine-title = My reviews
review-mine-intro = The calls you review, the applications assigned to you and those you are excluded from.
review-mine-empty = You review no call.
review-mine-state = State
review-mine-review-none = To review
review-mine-review-draft = Draft saved
review-mine-review-submitted = Review submitted
review-mine-not-assigned = Not assigned
review-mine-score = Review { $structure }
review-mine-conflict = Declare a conflict of interest with { $structure }

review-score-title = Review the application of { $structure }
review-read-application = Read the application
review-criteria = Criteria
review-scale = whole number from 0 to { $max }, weight { $weight }
review-private-comment = Comment for the funder
review-private-comment-hint = Only the funder reads it.
review-shared-comment = Comment for the applicant
review-shared-comment-hint = The funder may pass it on to the applicant with the decision.
review-save-draft = Save the draft
review-submit = Submit the review
review-score-submitted = Your review is submitted: it can no longer be changed.
review-others-title = The other reviews
review-others-none = No other reviewer has submitted a review yet.

review-conflict-title = Declare a conflict of interest with { $structure }
review-conflict-intro = If you have a tie to this structure or its project, declare it: the application will go to another reviewer and any review of yours will be withdrawn.
review-conflict-reason = Nature of the tie
review-conflict-reason-hint = For instance: former employee of the structure, board member.
review-conflict-declare = Declare the conflict

review-decisions-title = Decisions
review-budget = Budget of the call
review-granted = Total granted
review-remaining = Still available
review-range = Amount per award
review-send-title = Sending the decisions
review-send-intro = { $count ->
    [0] No decision waiting to be sent.
    [one] One decision is ready to be sent: the applicant will receive it by e-mail.
   *[other] { $count } decisions are ready to be sent: the applicants will receive them by e-mail.
  }
review-send = { $count ->
    [one] Send the decision
   *[other] Send the { $count } decisions
  }
review-sent-on = sent on { $date }
review-outcome = Decision
review-outcome-granted = Granted
review-outcome-refused = Refused
review-outcome-waitlisted = Waiting list
review-amount = Amount granted
review-amount-hint = Between { $min } and { $max }, for instance 5000 or 5000.50.
review-conditions = Conditions
review-reason = Reason for refusal
review-reason-hint = Required for a refusal; it will be passed on to the applicant.
review-decide = Record the decision for { $structure }
review-comments-to-share = Reviewers’ comments for the applicant
review-shared = passed on with the decision
review-not-shared = not passed on
review-share = Pass on the comment of { $name }
review-unshare = Stop passing on the comment of { $name }

review-decision-title = Decision: { $title }
review-decision-heading = The funder’s decision
review-back-to-application = Back to the application
review-amount-granted = Amount granted: { $amount }
review-shared-comments = Reviewers’ comments

review_reviewer_required = Give the reviewer’s e-mail address.
review_reviewer_unknown = No account has this address: the person must sign up first.
review_reviewer_already = This person already reviews the call.
review_conflict_reason_required = Describe the tie in a few words (at least 3 characters).
review_text_too_long = This text is too long.
review_score_not_a_number = Enter a whole number.
review_score_out_of_scale = The score must be a whole number within the criterion’s scale.
review_score_missing = Score this criterion before submitting the review.
review_score_unknown_criterion = This criterion does not exist in the call.
review_amount_invalid = Enter a positive amount, for instance 5000 or 5000.50.
review_amount_required = Give the amount granted.
review_amount_below_min = The amount is below the call’s minimum per award.
review_amount_above_max = The amount is above the call’s maximum per award.
review_reason_required = Give the reason for the refusal.
review_outcome_invalid = Choose a decision: granted, refused or waiting list.
review_not_assigned = This application is not assigned to you.
review_already_submitted = Your review is already submitted: it can no longer be changed.
review_not_decidable = This application cannot receive a decision (draft or withdrawn).
review_decision_already_sent = The decision was already sent: it can no longer be changed.
review_budget_exceeded = This amount would exceed the call’s budget: lower it or revisit the other decisions.

mail-review-named-subject = You review the call “{ $title }”
mail-review-named-body =
    Hello,

    { $funder } named you a reviewer of the call “{ $title }”. The applications assigned to you will show on your reviews page, where you can also declare a conflict of interest.

    Your reviews: { $link }
mail-review-assigned-subject = Applications to review: { $title }
mail-review-assigned-body =
    Hello,

    { $count ->
        [one] A new application is assigned to you
       *[other] { $count } new applications are assigned to you
    } in the call “{ $title }”.

    Your reviews: { $link }
mail-review-decision-subject = Decision on your application: { $title }
mail-review-decision-body =
    Hello,

    The funder decided on the application of { $structure } to the call “{ $title }”: { $outcome }.

    To read it: { $link }
