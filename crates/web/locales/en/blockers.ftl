## Administrative blockers (public hackers): reports, routing to public hackers, statuses and the aggregate view.

nav-blockers = Blockers
blockers-title = Administrative blockers
blockers-intro = Is a project blocked by an administration? Report it: it goes to the public hackers of your territory, who follow it until it is solved.
blockers-report = Report a blocker
blockers-summary-link = Where rules must change: the summary
blockers-hackers-link = Public hackers
blockers-csv-link = Public blockers as CSV
blockers-filter-status = Status
blockers-filter-all = All statuses
blockers-filter-apply = Filter
blockers-count-zero = No blockers
blockers-count = { $count ->
    [one] 1 blocker
   *[other] { $count } blockers
}
blockers-empty = No blockers to show.
blockers-private = Private
blockers-back-to-list = Back to blockers
blockers-status-reported = Reported
blockers-status-acknowledged = Acknowledged
blockers-status-in_progress = In progress
blockers-status-unblocked = Unblocked
blockers-status-not_solvable = Not solvable
blockers-form-title = Report an administrative blocker
blockers-form-intro = Describe what is blocked, by which administration and what you have already tried. A private blocker is visible only to you, the public hackers who follow it and admins; it counts in the summary, without any detail.
blockers-form-required-note = Fields marked with an asterisk (*) are required.
blockers-form-section-what = The blocker
blockers-form-section-where = Where and on which theme
blockers-field-title = What is blocked, in one line
blockers-field-title-hint = At most 200 characters.
blockers-field-description = Description
blockers-field-markdown-hint = Markdown formatting allowed.
blockers-field-administration = Administration
blockers-field-administration-hint = For example: Préfecture du Finistère, URSSAF Bretagne, Brest town hall.
blockers-field-since = Since
blockers-field-since-hint = Date as YYYY-MM-DD.
blockers-field-tried = What was tried
blockers-field-territory = Territory
blockers-field-theme = Theme
blockers-field-theme-none = No theme
blockers-field-structure = For the structure
blockers-field-structure-none = None
blockers-field-visibility = Visibility
blockers-visibility-public = Public: anyone can read it
blockers-visibility-private = Private: you, the public hackers and admins
blockers-form-submit = Report the blocker
blockers-reported-by = Reported by
blockers-followed-by = Followed by
blockers-hackers-count = { $count ->
    [one] 1 public hacker
   *[other] { $count } public hackers
}
blockers-no-hacker = No public hacker for this territory yet
blockers-status-form-title = Move the blocker forward
blockers-status-new = New status
blockers-status-note = Note (optional)
blockers-status-note-hint = What was done or decided.
blockers-status-submit = Change the status
blockers-timeline = Follow-up and messages
blockers-timeline-empty = Nothing yet.
blockers-event-status = status: { $status }
blockers-message-field = Your message
blockers-message-hint = Visible to the reporter, the public hackers who follow the blocker and admins.
blockers-message-submit = Send the message
blockers-summary-title = Blockers summary
blockers-summary-intro = Where rules must change: the number of blockers by administration, theme and territory, public and private together. No detail of a private blocker appears.
blockers-summary-total = Blockers
blockers-summary-open = Waiting or in progress
blockers-summary-name = Name
blockers-summary-median = Median time to unblock
blockers-summary-days = { $days ->
    [one] { $shown } day
   *[other] { $shown } days
}
blockers-summary-no-median = No blocker unblocked yet
blockers-summary-none = No blockers.
blockers-summary-unpublished-administration = Unpublished administration
blockers-summary-by-administration = By administration
blockers-summary-by-theme = By theme
blockers-summary-by-departement = By département
blockers-summary-by-region = By région
blockers-hackers-title = Public hackers
blockers-hackers-intro = Public hackers receive the blockers of their territory (a hacker of a département receives those of its communes), for one theme or for all.
blockers-hackers-list = Public hackers and their remit
blockers-hackers-person = Person
blockers-hackers-actions = Actions
blockers-hackers-all-themes = All themes
blockers-hackers-remove = Remove { $name }
blockers-hackers-empty = No public hackers yet.
blockers-hackers-add-title = Appoint a public hacker
blockers-hackers-email = E-mail address of their account
blockers-hackers-email-hint = The person must have an account on the platform.
blockers-hackers-add = Appoint
blockers_title_required = Say what is blocked.
blockers_title_too_long = The title is longer than 200 characters.
blockers_title_one_line = The title must fit on one line.
blockers_description_required = Describe the blocker.
blockers_text_too_long = This text is longer than 10,000 characters.
blockers_administration_required = Name the administration concerned.
blockers_administration_invalid = The administration's name must be one line of at most 200 characters.
blockers_since_future = The date cannot be in the future.
blockers_since_invalid = Enter a date as YYYY-MM-DD.
blockers_territory_unknown = Choose a known territory (name, postal code or INSEE code).
blockers_theme_unknown = This theme does not exist.
blockers_message_required = Write a message.
blockers_message_too_long = The message is longer than 5,000 characters.
blockers_structure_not_member = You are not a member of this structure.
blockers_status_invalid = This status does not exist.
blockers_transition_refused = This change of status is not possible from the current status.
blockers_status_changed = Someone changed the status in the meantime: reload the page.
blockers_hacker_unknown_person = No account has this address.
blockers_hacker_exists = This person is already a public hacker for this territory and theme.
mail-blockers-routed-subject = Blocker reported: { $title }
mail-blockers-routed-body =
    Hello,

    An administrative blocker was reported in your territory.

    What is blocked: { $title }
    Administration: { $administration }

    To read and follow it: { $link }
mail-blockers-status-subject = Your blocker changed status: { $title }
mail-blockers-status-body =
    Hello,

    The blocker "{ $title }" is now: { $status }.

    To follow it: { $link }
mail-blockers-message-subject = New message on the blocker: { $title }
mail-blockers-message-body =
    Hello,

    A new message was written on the blocker "{ $title }".

    To read it: { $link }
blockers-data-title = Public administrative blockers
blockers-data-body = Blockers reported as public: title, administration, territory, theme, status and dates. No private blocker, no description and no person is in it.
blockers-data-csv = Public blockers (CSV)
blockers-data-schema = Their schema (Table Schema)
blockers_visibility_invalid = Choose “public” or “private”.
blockers-reporting-throttled = You have reported many blockers within the hour: wait a little before reporting another.
blockers-messages-throttled = You have written many messages within the hour: wait a little before writing another.
