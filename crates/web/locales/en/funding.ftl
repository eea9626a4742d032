## Calls for projects, funds and prizes: the call, its eligibility, questions and criteria; applications with their frozen initiative, answers and PDF documents; prize results; awards as open data (SCDL).

nav-funding = Calls
funding-title = Calls for projects, funds and prizes
funding-intro = Calls for projects, funds and prizes opened by labelled funders of the network. Apply with an initiative already described in Essaim: its record and recipe are attached as they stand when you submit.
funding-open-call = Open a call
funding-mine-link = My applications and calls
funding-csv-link = Awarded grants as CSV (SCDL)
funding-filter-kind = Type
funding-filter-all = All
funding-filter-challenge = Challenge
funding-filter-territory = Territory
funding-filter-territory-unknown = Territory not found: the filter was not applied. Type the name of a commune, département or région.
funding-filter-open = Open today only
funding-filter-apply = Filter
funding-count = { $count ->
    [0] No call
    [one] 1 call
   *[other] { $count } calls
}
funding-empty = No call matches these criteria.
funding-kind-call = Call for projects
funding-kind-fund = Fund
funding-kind-prize = Prize
funding-status = Status
funding-status-draft = Draft
funding-status-published = Published
funding-status-closed = Closed
funding-open-now = Open
funding-upcoming = Upcoming
funding-closed = Closed
funding-budget-of = Budget: { $amount }
funding-closes-on = closes on { $date }
funding-back-to-list = Back to calls
funding-funder = Funder
funding-award-range = Amount per award
funding-award-range-value = from { $min } to { $max }
funding-apply = Apply
funding-results-link = See the winners
funding-eligibility-all = Open to every structure and initiative.
funding-reviewers-per-application = { $count ->
    [one] Each application is reviewed by 1 reviewer.
   *[other] Each application is reviewed by { $count } reviewers.
}
funding-scale-value = from 0 to { $max }
funding-required = required
funding-my-applications = My applications
funding-manage-title = Manage the call
funding-edit = Edit the call
funding-publish-note = Once published, the call is public; only its description, a later closing time and the date of decisions can still change.
funding-publish = Publish the call
funding-close = Close the call
funding-received = { $count ->
    [0] No application submitted
    [one] 1 application submitted
   *[other] { $count } applications submitted
}
funding-applicant = Applicant structure
funding-initiative = Initiative
funding-submitted-on = Submitted on
funding-withdrawn-on = Withdrawn on
funding-new-title = Open a call
funding-edit-title = Edit “{ $title }”
funding-form-required-note = Fields marked with an asterisk (*) are required.
funding-safe-edits = This call is published: you may change its description, extend its closing time and set the date of decisions. The rest no longer changes, so that the rules stay the same for everyone.
funding-section-what = The call
funding-section-money = Budget and amounts
funding-section-dates = Dates
funding-section-eligibility = Eligibility
funding-section-review = Review
funding-section-questions = Application questions
funding-field-structure = Funding structure
funding-field-kind = Type
funding-field-title = Title
funding-field-description = Description
funding-markdown-hint = Markdown formatting: **bold**, lists, links.
funding-field-budget = Total budget
funding-amount-hint = In units of the currency, e.g. 30000 or 12500.50.
funding-field-currency = Currency
funding-currency-hint = Three-letter ISO 4217 code; EUR by default.
funding-field-min-award = Minimum amount per award
funding-field-max-award = Maximum amount per award
funding-max-award-hint = At most the total budget; the total budget if blank.
funding-field-opens = Opens
funding-field-closes = Closes
funding-paris-time-hint = Paris time. The server’s clock decides at submission.
funding-field-decision-on = Expected date of decisions
funding-eligibility-hint = Leave a section blank to set no condition on it.
funding-field-challenges = Challenges (at least one shared with the initiative)
funding-field-territories = Territories
funding-territories-hint = References separated by commas, e.g. departement:29, region:53 or commune:29019. An initiative is eligible when one of its territories lies within them.
funding-field-stages = Stages of the initiative
funding-field-structure-kinds = Kinds of applicant structure
funding-field-reviewers = Reviewers per application
funding-reviewers-hint = Between 1 and 10; 2 by default.
funding-field-publish-awards = Publish the awards (winners and open data, with amounts)
funding-criteria-title = Review criteria
funding-criteria-hint = At least one criterion. Its weight counts in the weighted mean; each criterion is scored with a whole number from 0 to its scale.
funding-criterion-n = Criterion { $n }
funding-field-criterion-name = Name
funding-field-criterion-description = What is expected
funding-field-criterion-weight = Weight
funding-field-criterion-scale = Scale
funding-default-criterion = Social value
funding-questions-hint = The questions applicants answer. A “file” question expects a PDF document.
funding-question-n = Question { $n }
funding-field-question-label = Question
funding-field-question-kind = Kind of answer
funding-question-kind-text = Text
funding-question-kind-number = Number
funding-question-kind-choice = Choice from a list
funding-question-kind-file = PDF file
funding-field-question-choices = Choices
funding-question-choices-hint = One choice per line, for choice questions.
funding-field-question-required = Answer required
funding-form-create = Save the draft
funding-form-save = Save
funding-not-funder-title = For labelled funders
funding-not-funder-network = The network and its labels
funding-apply-title = Apply to “{ $title }”
funding-apply-intro = Choose the applying structure and the initiative you present. You will then answer the questions and attach your documents; nothing is sent before you submit, by { $date } at the latest.
funding-apply-no-initiative = None of the structures you manage carries an initiative published in Essaim.
funding-apply-describe = Describe an initiative
funding-field-applicant = Applicant structure
funding-initiative-hint = The published initiatives this structure takes part in.
funding-apply-start = Start the application
funding-application-title = Application to “{ $title }”
funding-application-status-draft = Draft
funding-application-status-submitted = Submitted
funding-application-status-withdrawn = Withdrawn
funding-application-status-granted = Granted
funding-application-status-refused = Not selected
funding-application-status-waitlisted = Waiting list
funding-frozen-title = The initiative as submitted
funding-frozen-note = A frozen copy of the record and recipe (revision { $revision }, on { $date }): later changes to the initiative do not change the application.
funding-draft-note = Draft: your answers are saved but nothing is sent to the funder before you submit. The initiative’s record is attached as it stands when you submit.
funding-answers-title = Answers
funding-choose = Choose…
funding-save-draft = Save the answers
funding-no-answer = No answer
funding-documents-title = Documents
funding-other-documents = Other documents
funding-size-kb = { $size } KB
funding-remove-document = Remove
funding-field-document = PDF document
funding-document-hint = A PDF file of at most { $max } MB.
funding-field-document-for = Requested document
funding-upload = Attach the document
funding-submit-title = Submit the application
funding-submit-note = Submitting freezes the application and sends it to the funder. Deadline: { $date }.
funding-submit = Submit the application
funding-withdraw-title = Withdraw the application
funding-withdraw-note = You may withdraw the application as long as no decision has been made. You may submit a new one if the call is still open.
funding-withdraw = Withdraw the application
funding-mine-title = My applications and calls
funding-no-application = No application for the structures you manage.
funding-my-calls = Calls of my structures
funding-results-title = Winners: { $title }
funding-results-intro = The winners chosen by { $funder }.
funding-results-empty = The winners are not published yet.
funding-winner = Winner
funding-matching-title = Calls that fit you
funding-prizes-won = Prizes won
funding-prize-badge = Winner: { $title }

# Refusals (codes of errors).
funding-kind-invalid = Choose a kind of call: call for projects, fund or prize.
funding-status-invalid = This status does not exist.
funding-question-kind-invalid = Choose a kind of answer: text, number, choice or file.
funding-application-status-invalid = This application status does not exist.
funding-title-required = Give the call a title.
funding-title-too-long = The title is too long (200 characters at most).
funding-description-required = Describe the call.
funding-description-too-long = The description is too long (20,000 characters at most).
funding-currency-invalid = The currency is a three-letter ISO 4217 code, e.g. EUR.
funding-amount-required = Give an amount.
funding-amount-invalid = This amount cannot be read: write for example 12500 or 12500.50.
funding-amount-too-large = This amount is too large.
funding-amount-zero = The maximum amount per award must be above zero.
funding-award-range-invalid = The maximum amount cannot be below the minimum amount.
funding-award-over-budget = The maximum amount per award cannot exceed the total budget.
funding-date-required = Give a date.
funding-date-invalid = This date cannot be read: use the format YYYY-MM-DD (and the time HH:MM).
funding-closes-before-opens = The call must close after it opens.
funding-closes-earlier = A published call cannot close earlier than announced.
funding-decision-before-close = The date of decisions cannot come before the closing time.
funding-reviewers-invalid = The number of reviewers per application is a whole number between 1 and 10.
funding-challenge-invalid = One of the chosen challenges does not exist.
funding-territory-invalid = One of the territories is not a valid reference (e.g. departement:29).
funding-stage-invalid = One of the chosen stages does not exist.
funding-structure-kind-invalid = One of the chosen kinds of structure does not exist.
funding-criterion-invalid = Each criterion has a name of at most 200 characters.
funding-criterion-weight-invalid = A criterion’s weight is a whole number between 1 and 100.
funding-criterion-scale-invalid = A criterion’s scale is a whole number between 1 and 100.
funding-criteria-required = Give at least one review criterion.
funding-criteria-too-many = Eight criteria at most.
funding-question-invalid = A question is at most 500 characters long.
funding-question-choices-required = A choice question offers at least two choices, one per line.
funding-questions-too-many = Ten questions at most.
funding-not-funder = Only managers of a structure holding a valid “funder” label may open or publish a call.
funding-call-not-draft = This call is published: only its description, a later closing time and the date of decisions can change.
funding-call-status-changed = The call’s status changed meanwhile; reload the page.
funding-call-not-open = This call does not take applications at the moment.
funding-deadline-passed = The call is closed: the deadline has passed, by the server’s clock. The application was not submitted.
funding-structure-not-managed = You may only apply on behalf of a structure you manage.
funding-initiative-required = Choose the structure and the initiative you present.
funding-initiative-not-of-structure = This initiative is not carried by the chosen structure (or is not published).
funding-ineligible-structure-kind = This kind of structure is not eligible to this call.
funding-ineligible-challenge = This initiative addresses none of the call’s challenges.
funding-ineligible-territory = This initiative is not in a territory the call covers.
funding-ineligible-stage = This initiative’s stage is not eligible to this call.
funding-application-exists = This initiative already has an application to this call.
funding-application-not-draft = This application is submitted: it can no longer change.
funding-cannot-withdraw = This application can no longer be withdrawn: a decision was made or it is already withdrawn.
funding-answer-required = This question is required.
funding-answer-too-long = This answer is too long (10,000 characters at most).
funding-answer-not-a-number = This answer must be a number.
funding-answer-choice-invalid = Choose one of the offered answers.
funding-document-not-pdf = This file is not a PDF. Save your document as PDF and attach it again.
funding-document-too-large = This file is over 10 MB. Make it smaller (compressed images, fewer pages) and attach it again.
funding-documents-limit = This application holds as many attachments as it may: 20 documents and 50 MB in all. Remove or merge some before attaching another one.
funding-document-empty = Choose a PDF file to attach.

mail-funding-receipt-subject = Application submitted: { $call }
mail-funding-receipt-body =
    Hello,

    The application of { $structure } to “{ $call }”, with the initiative “{ $initiative }”, was submitted.

    To read it: { $url }
mail-funding-notice-subject = New application: { $call }
mail-funding-notice-body =
    Hello,

    { $structure } submitted an application to “{ $call }” with the initiative “{ $initiative }”.

    To read it: { $url }
