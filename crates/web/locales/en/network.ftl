## The network's relations: the banner (charter) signed by structures, labels granted by the labelling committee, and accompaniment of initiatives by labelled support structures.

nav-network = Network
role-label_committee = Labelling committee

network-title = The network
network-intro = Structures that sign the banner commit to three things, each in their own words. Support structures, funders and evaluators can apply for a label, granted by the labelling committee.
network-committee-link = Open the labelling committee’s queue
network-choose = Choose…
network-markdown-hint = Plain text; Markdown formatting is accepted (**bold**, lists, links).
network-reason-public-hint = This reason is public.
network-expired = expired
network-valid-until = valid until { $date }
network-agreed = agrees to publish.
network-not-agreed = has not agreed yet.

network-kind-support = support
network-kind-funder = funding
network-kind-evaluator = evaluation
# Badges: only a label that counts is shown as “labelled”.
network-badge-support = Labelled support structure
network-badge-funder = Labelled funder
network-badge-evaluator = Labelled evaluator
network-status-pending = application under review
network-status-granted = granted
network-status-refused = refused
network-status-revoked = revoked
network-status-expired = expired, replaced by a new application

network-commitment-general_interest = Serving the general interest
network-commitment-general_interest-hint = How does your project serve the general interest? At least 20 characters.
network-commitment-governance = Shared governance and a fair sharing of value
network-commitment-governance-hint = How are decisions made together, and how is the value created shared? At least 20 characters.
network-commitment-openness = Openness
network-commitment-openness-hint = Open innovation, open data, open source: what you open and how. At least 20 characters.

network-banner-title = The banner
network-banner-intro = The signing structures and their answers to the charter.
network-banner-none = No structure has signed the banner yet.
network-banner-answers = Read its answers to the charter
network-banner-answers-of = { $name }’s answers to the charter
network-banner-removed-title = Structures removed from the banner
network-banner-removed-notice = This structure was removed from the banner by the administrators, for this reason:
network-banner-member = Signed the banner
network-banner-not-signed = This structure has not signed the banner.
network-banner-sign = Sign the banner
network-banner-update = Change your answers
network-banner-explain = Answer each of the three commitments in your own words. Your answers will be public.
network-banner-submit = Sign the banner with these answers
network-banner-withdraw = Withdraw from the banner
network-banner-remove-title = Remove this structure from the banner
network-banner-remove-reason = Reason for the removal
network-banner-remove-submit = Remove from the banner

network-labelled-title = Labelled structures
network-labelled-none = No label is currently valid.
network-labels-title = Labels
network-labels-none = No label.
network-label-open = Follow the application: { $kind }
network-label-of = “{ $kind }” label: { $name }
network-label-structure = Structure
network-label-applied = Applied on
network-label-expires = Expiry
network-label-reason = Reason for the last decision
network-apply-title = Apply for a label
network-apply-intro = The labelling committee reviews the application, may ask you questions in comments, then grants or refuses the label with a reason.
network-apply-kind = Kind of label
network-apply-motivation = Motivation
network-apply-submit = Send the application

network-committee-title = Labelling committee
network-committee-pending = Applications to review
network-committee-granted = Granted labels
network-committee-closed = Refused applications and revoked labels
network-committee-empty = Nothing here for now.
network-decision-title = The committee’s decision
network-decision-legend = Decision
network-decision-grant = Grant the label
network-decision-refuse = Refuse the application
network-decision-expires = Expiry date of the label
network-decision-expires-hint = The label is valid through this day (five years at most).
network-decision-reason = Reason
network-decision-submit = Record the decision
network-decision-closed = This application is closed.
network-renew-title = Renew the label
network-renew-submit = Renew until this date
network-revoke-title = Revoke the label
network-revoke-submit = Revoke the label
network-comments-title = Discussion of the application
network-comments-intro = Seen only by the committee and the structure’s managers.
network-comment-body = Your message
network-comment-submit = Send the message

network-structure-section = Network
network-structure-link = The structure’s banner, labels and accompaniments
network-structure-title = Network: { $name }

network-accompaniments-title = Accompanied initiatives
network-accompaniments-none = No accompaniment.
network-accompaniment-proposed = proposed
network-accompaniment-active = under way
network-accompaniment-declined = declined
network-accompaniment-ended = ended
network-accompaniment-open = Open the follow-up of “{ $title }”
network-accompaniment-title = Accompaniment of “{ $title }” by { $structure }
network-accompaniment-private = The follow-up is seen only by the support structure and the initiative’s team.
network-accompaniment-structure = Support structure
network-accompaniment-initiative = Initiative
network-accompaniment-proposed-at = Proposed on
network-accompaniments-public = Accompaniment
network-accompaniment-by = Accompanied by
network-propose-title = Offer to accompany an initiative
network-propose-initiative = Address of the initiative
network-propose-initiative-hint = Paste the address of its page, for example https://…/initiatives/…
network-propose-message = Message to the initiative’s team
network-propose-submit = Offer the accompaniment
network-propose-needs-label = To offer an accompaniment, the structure needs a valid support structure label.
network-answer-title = Your answer
network-answer-accept = Accept the accompaniment
network-answer-decline = Decline
network-log-title = Follow-up log
network-log-empty = The log is empty.
network-log-add = Add to the log
network-log-kind = Kind
network-log-kind-meeting = Meeting
network-log-kind-advice = Advice
network-log-kind-milestone = Milestone reached
network-log-kind-next_step = Next step
network-log-date = Date
network-log-body = Notes
network-log-submit = Add to the log
network-summary-title = Public summary
network-summary-intro = The summary is published on the initiative’s page only if both sides agree. Changing the text cancels the other side’s agreement.
network-summary-structure = Support structure:
network-summary-initiative = Initiative’s team:
network-summary-text = Summary
network-summary-hint = A few sentences about the accompaniment, public if both sides agree.
network-summary-agree = I agree to publish this summary
network-summary-submit = Save
network-end-title = End the accompaniment
network-end-submit = End the accompaniment

network_banner_removed = The administrators removed this structure from the banner: it cannot sign it again.
network_banner_not_signed = This structure has not signed the banner.
network_label_state = This label application has already changed: reload the page.
network_label_conflict_of_interest = You belong to this structure: another member of the labelling committee decides on its label.
network_label_already_open = This structure already has a pending application or a valid label of this kind.
network_not_labelled = Only a labelled support structure can offer an accompaniment.
network_initiative_unknown = No published initiative matches this address.
network_accompaniment_exists = This structure already accompanies this initiative, or has already offered to.
network_accompaniment_state = This accompaniment is not in a state that allows this action.
network_publication_changed = The summary or a side’s agreement changed since you opened the page: read them again, then save again.
network_decision_invalid = Choose a decision.
network_answer_too_short = Answer in at least 20 characters.
network_answer_too_long = Answer in 3,000 characters at most.
network_reason_too_short = Write a reason of at least 5 characters.
network_reason_too_long = The reason is 2,000 characters at most.
network_text_missing = Write a text.
network_text_too_long = The text is 10,000 characters at most.
network_date_invalid = Type a date as YYYY-MM-DD.
network_date_too_far = The date is more than a year from today.
network_expiry_past = The expiry must be after today.
network_expiry_too_far = The expiry is five years away at most.
network_kind_invalid = Choose a kind from the list.
network_invalid_value = This value is not in the list.

network-data-title = The network: labels and banner
network-data-body = Valid labels, and the structures that signed the banner with their answers, under the Licence Ouverte. No personal data.
network-data-labels-csv = Labels (CSV)
network-data-labels-schema = Schema of the labels (Table Schema)
network-data-banner-csv = Banner signatories (CSV)
network-data-banner-schema = Schema of the banner (Table Schema)

network-mail-proposed-subject = { $structure } offers to accompany “{ $initiative }”
network-mail-proposed-body =
    Hello,

    { $structure }, a labelled support structure, offers to accompany your initiative “{ $initiative }” on Essaim.

    To read the offer, accept or decline it, open this link:

    { $link }

    The Essaim team
network-mail-label-subject = “{ $kind }” label of { $structure }: { $status }
network-mail-label-body =
    Hello,

    The labelling committee reviewed the application of { $structure } for the “{ $kind }” label. Status: { $status }.

    To read the decision and its reason, open this link:

    { $link }

    The Essaim team
network-mail-label-comment-subject = “{ $kind }” label of { $structure }: a comment of the committee
network-mail-label-comment-body =
    Hello,

    The labelling committee commented on the application of { $structure } for the “{ $kind }” label.

    To read it and answer, open this link:

    { $link }

    The Essaim team
network-mail-answered-subject = Accompaniment of “{ $initiative }”: { $status }
network-mail-answered-body =
    Hello,

    The team of the initiative “{ $initiative }” answered your offer of accompaniment. Status: { $status }.

    To open the follow-up, follow this link:

    { $link }

    The Essaim team
