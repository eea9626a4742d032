## Groups and discussions

nav-groups = Groups
groups-title = Groups
groups-intro = Groups by territory or theme where project holders, support structures and residents talk: discussion threads, replies, e-mail notifications.
groups-create = Create a group
groups-notifications-link = My notifications
groups-moderation-link = Group moderation
groups-count-zero = No groups yet
groups-count = { $count ->
    [one] One group
   *[other] { $count } groups
}
groups-filter-label = Filter the groups
groups-filter-any-theme = All themes
groups-filter-territory-hint = Groups of this territory and of the territories inside it (a département shows its communes' groups).
groups-filter-submit = Filter
groups-edit-title = Edit the group
groups-edit-save = Save
groups-edit-link = Edit the group
groups-back-to-group = Back to the group
groups-member-promote = Make admin
groups-member-demote = Remove the admin role
groups-member-remove = Remove from the group
groups-notice-member-promote = The member now administers the group.
groups-notice-member-demote = The member no longer administers the group.
groups-notice-member-remove = The member was removed from the group.
groups-empty = No group has been created yet.
groups-card-counts = { $members ->
    [one] 1 member
   *[other] { $members } members
} · { $threads ->
    [one] 1 thread
   *[other] { $threads } threads
}
groups-access-open = Open
groups-access-closed = On request
groups-access-open-hint = anyone can join the group and read its discussions.
groups-access-closed-hint = a group admin accepts each request; only members read the discussions.
groups-back-to-list = Back to groups
groups-form-title = Create a group
groups-form-intro = You will be its first admin: you will accept requests to join if the group is on request.
groups-form-create = Create the group
groups-field-name = Group name
groups-field-description = About
groups-field-markdown-hint = Markdown formatting: **bold**, *italics*, lists, links.
groups-field-territory = Territory
groups-field-territory-hint = A commune, département, région or EPCI, by name or code (optional).
groups-field-challenge = Theme (societal challenge)
groups-field-challenge-none = No theme
groups-field-access = Who can join the group?
groups-field-title = Title
groups-field-body = Message
groups-field-reply = Your reply
groups-field-body-hint = Markdown accepted. To mention a member, write @ followed by their handle (for example @maiwenn-le-gall): they will be told.
groups-participation-title = Take part
groups-sign-in-to-join = Sign in to join this group.
groups-role-admin = You are an admin of this group.
groups-role-member = You are a member of this group.
groups-role-pending = Your request to join is waiting for a group admin.
groups-role-admin-short = admin
groups-join = Join the group
groups-request = Ask to join the group
groups-leave = Leave the group
groups-follow-group = Follow the group
groups-unfollow-group = Stop following the group
groups-follow-thread = Follow this thread
groups-unfollow-thread = Stop following this thread
groups-blocked-notice = Your account is blocked in groups by the moderators: you can no longer post there.
groups-requests-title = Requests to join
groups-request-accept = Accept
groups-request-refuse = Refuse
groups-threads-title = Discussion threads
groups-threads-empty = No discussion thread yet.
groups-closed-notice = This group's discussions are for its members only.
groups-thread-meta = Started by { $author } · { $replies ->
    [0] no replies
    [one] 1 reply
   *[other] { $replies } replies
}
groups-date-time = on { $date } at { $time }
groups-new-thread-title = Start a discussion thread
groups-new-thread-submit = Post the thread
groups-members-title = Members ({ $count })
groups-post-opening = Message from { $author }
groups-post-reply = Reply from { $author }
groups-post-hidden-reports = This message is hidden until the moderators decide, after reports.
groups-post-hidden-moderator = This message was hidden by the moderators.
groups-post-hidden-erased = This message was erased with its author's account.
groups-post-hidden-blocked = This message is hidden: its author was blocked by the moderators.
groups-report = Report
groups-report-context = the message from { $author }
groups-reply-title = Reply
groups-reply-submit = Post the reply
groups-reply-members-only = Only members of the group can reply.
groups-notice-joined = You joined the group and follow it.
groups-notice-requested = Your request was sent to the group's admins.
groups-notice-already = You are already a member of this group, or your request is waiting.
groups-notice-left = You left the group.
groups-notice-accepted = The request was accepted.
groups-notice-refused = The request was refused.
groups-notice-followed = You will be told of new messages.
groups-notice-unfollowed = You will no longer be told of new messages.
groups-notice-reported = Thank you: your report was passed on to the moderators.
groups-notice-updated = The group was updated.
groups-notice-saved = Your preferences were saved.
groups-notice-done = The decision was recorded.
groups-moderation-title = Group moderation
groups-moderation-intro = Reported messages appear here. From { $threshold } reports by different people, a message is hidden until you decide.
groups-queue-title = Messages to review ({ $count })
groups-queue-reports = { $count ->
    [0] no reports
    [one] 1 report
   *[other] { $count } reports
}
groups-queue-hidden = hidden
groups-queue-blocked = author blocked
groups-queue-empty = No message to review.
groups-moderate-hide = Hide
groups-moderate-restore = Restore and dismiss the reports
groups-moderate-block = Block the author
groups-moderate-unblock = Unblock
groups-blocks-title = Accounts blocked in groups
groups-blocks-empty = No blocked account.
groups-notifications-title = Group notifications
groups-notifications-intro = You are told of new messages in the groups and threads you follow, and of messages that mention you.
groups-notifications-legend = How do you want to be told?
groups-mode-immediate = An e-mail for each new message
groups-mode-digest = A daily digest by e-mail
groups-mode-none = No e-mail
groups-notifications-save = Save
groups-unsubscribe-title = Unsubscribe from group e-mails
groups-unsubscribe-question = Stop receiving any e-mail from groups?
groups-unsubscribe-already = You already receive no e-mail from groups.
groups-unsubscribe-confirm = Unsubscribe me
groups-unsubscribe-done = Done: you will receive no more e-mails from groups.
groups-unsubscribe-settings = Adjust my notifications
groups-name-required = Enter the group's name.
groups-name-too-short = The group's name must be at least 3 characters long.
groups-name-too-long = The group's name must be at most 120 characters long.
groups-title-required = Enter a title.
groups-title-too-short = The title must be at least 3 characters long.
groups-title-too-long = The title must be at most 200 characters long.
groups-body-required = Write a message.
groups-text-too-long = This text is too long.
groups-territory-unknown = This territory cannot be found: enter a commune, département, région or EPCI.
groups-challenge-unknown = This theme does not exist.
groups-access-invalid = Choose who can join the group.
groups-mode-invalid = Choose how to be told.
groups-action-invalid = This action does not exist.
groups-last-admin = You are the last admin of this group: it cannot be left without one.
groups-block-refused = You cannot act on this account: nobody blocks or unblocks their own account, and only admins block or unblock a moderator or an admin.
groups-mail-post-subject = [{ $group }] { $thread }
groups-mail-post-body =
    { $author } wrote in "{ $thread }":

    { $body }

    Read and reply: { $link }

    To stop receiving e-mails from groups: { $unsubscribe }
groups-mail-digest-subject = Groups: { $count ->
    [one] 1 new message
   *[other] { $count } new messages
}
groups-mail-digest-body =
    Here are the new messages of the groups and threads you follow:

    { $posts }
    Adjust your notifications: { $settings }
    To stop receiving e-mails from groups: { $unsubscribe }
groups-mail-request-subject = [{ $group }] New request to join
groups-mail-request-body =
    { $name } asks to join the group "{ $group }".

    To accept or refuse: { $link }
groups-mail-accepted-subject = [{ $group }] Your request was accepted
groups-mail-accepted-body =
    You are now a member of the group "{ $group }".

    { $link }

groups-posting-throttled = You have posted a lot in the last hour: wait a little before opening a thread or replying.
groups-joining-throttled = You have joined or asked to join many groups in the last hour: wait a little before trying again.
groups-blocked = Your account is blocked in groups by the moderators: you can neither create nor join a group, nor report a message.
groups-thread-hidden = Thread hidden by moderation
