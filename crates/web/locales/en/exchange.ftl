## Offers and needs

nav-exchange = Mutual aid
exchange-title = Offers and needs
exchange-intro = Structures and people publish what they offer and what they need: skills (including skills sponsorship), premises, equipment, volunteering, funding. Each need is shown the offers that fit it.
exchange-publish-offer = Publish an offer
exchange-publish-need = Publish a need
exchange-matching-link = See how needs and offers match
exchange-mine-link = My exchanges
exchange-filters = Filter the posts
exchange-filter-all = All
exchange-filter-apply = Filter
exchange-count-zero = No open post
exchange-count = { $count ->
    [one] { $count } open post
   *[other] { $count } open posts
}
exchange-direction-offer = Offer
exchange-direction-need = Need
exchange-kind-skills = Skills
exchange-kind-premises = Premises
exchange-kind-equipment = Equipment
exchange-kind-volunteering = Volunteering
exchange-kind-funding = Funding
exchange-status-closed = Closed
exchange-dates = Dates
exchange-dates-between = from { $start } to { $end }
exchange-dates-from = from { $start }
exchange-dates-until = until { $end }
exchange-date-time = on { $date } at { $time }
exchange-back = Back to the post
exchange-back-to-list = Back to offers and needs
exchange-published-by = Published by
exchange-edit-link = Edit the post
exchange-close = Close the post
exchange-notice-closed = The post is closed: it no longer appears in lists or matches.

exchange-form-new-title = Publish an offer or a need
exchange-form-edit-title = Edit the post
exchange-form-intro = Describe what you offer or what you need. Your e-mail address is never shown: people contact you through the platform.
exchange-form-required-note = Fields marked "required" must be filled in.
exchange-form-section-what = What
exchange-form-section-where = Where and when
exchange-form-publish = Publish
exchange-form-save = Save
exchange-field-choose = Choose…
exchange-field-direction = Offer or need
exchange-field-kind = Kind
exchange-field-kind-hint = Skills (including skills sponsorship), premises, equipment, volunteering or funding.
exchange-field-title = Title
exchange-field-body = Description
exchange-field-body-hint = Simple Markdown accepted (bold, lists, links).
exchange-field-territory = Territory
exchange-field-territory-hint = A commune, an intercommunality, a département or a région: name or INSEE code (for example "Brest" or "29019").
exchange-field-structure = Publish on behalf of
exchange-field-structure-hint = A structure you manage: its managers will be able to edit the post and answer.
exchange-field-structure-none = Personally
exchange-field-starts = Available from
exchange-field-ends = Until
exchange-field-date-hint = Optional. Format: YYYY-MM-DD.
exchange-field-themes = Themes
exchange-field-themes-hint = The societal challenges concerned, five at most.
exchange-field-message = Your message

exchange-matches-title = Offers that fit
exchange-matches-none = No open offer fits yet.
exchange-needs-title = Needs this offer could answer
exchange-needs-none = No open need fits yet.
exchange-match-why = Why:
exchange-matching-title = Matches between needs and offers
exchange-matching-intro = For each open need, the offers that answer it: same kind, same or neighbouring territory, compatible themes and dates. Best first.
exchange-matching-empty = No open need yet.
exchange-reason-same-kind = same kind
exchange-reason-same-territory = same territory: { $territory }
exchange-reason-same-epci = neighbouring territory, same intercommunality: { $territory }
exchange-reason-same-departement = same département: { $territory }
exchange-reason-neighbouring-departement = neighbouring département: { $territory }
exchange-reason-same-region = same région: { $territory }
exchange-reason-shared-themes = shared themes: { $themes }
exchange-reason-dates-overlap = compatible dates

exchange-contact-title = Get in touch
exchange-contact-intro = Your message goes through the platform: nobody sees the other's e-mail address. Replies are written here, on Essaim.
exchange-contact-send = Send
exchange-contact-closed = This post is closed.
exchange-contact-signin = Sign in to get in touch
exchange-my-conversation = See your exchange about this post
exchange-conversations-none = No exchange yet.
exchange-conversation-with = Exchange with { $name }
exchange-messages-count = { $count ->
    [one] { $count } message
   *[other] { $count } messages
}
exchange-conversation-title = Exchange: { $title }
exchange-conversation-privacy = Only you and the other side see this exchange. E-mail addresses are never shown.
exchange-reply-title = Reply
exchange-mine-title = My exchanges
exchange-mine-conversations = My conversations
exchange-mine-posts = My posts
exchange-mine-posts-none = You have not published any post.

exchange-mail-message-subject = { $sender } wrote to you about "{ $title }"
exchange-mail-message-body =
    Hello { $name },

    { $sender } wrote to you on Essaim about "{ $title }":

    { $message }

    To read the exchange and reply, open this link (your address is not shared):

    { $link }

    The Essaim team

exchange_direction_invalid = Choose "offer" or "need".
exchange_kind_invalid = Choose the kind: skills, premises, equipment, volunteering or funding.
exchange_status_invalid = Unknown status.
exchange_title_required = Give a title of at least 3 characters.
exchange_title_too_long = The title is too long (150 characters at most).
exchange_body_too_long = The description is too long (10,000 characters at most).
exchange_territory_required = Give a territory.
exchange_territory_unknown = This territory cannot be found or is ambiguous: name the commune precisely, or give its INSEE code.
exchange_theme_unknown = One of the themes chosen does not exist.
exchange_too_many_themes = Choose five themes at most.
exchange_date_invalid = This date is not valid (format YYYY-MM-DD).
exchange_dates_reversed = The end date is before the start date.
exchange_structure_not_managed = You can only publish on behalf of a structure you manage.
exchange_structure_has_conversations = This post already has private conversations: it cannot move to another structure, whose managers would read them. Publish a new post for that structure.
exchange_message_required = Write a message.
exchange_message_too_long = The message is too long (5,000 characters at most).
exchange_contact_own_post = You cannot contact yourself: the exchanges about your post are listed on its page.
exchange_post_closed = This post is closed.

exchange-data-title = Mutual aid offers
exchange-data-body = The open offers (skills, premises, equipment, volunteering, funding) with their territory, themes and dates, under the Licence Ouverte 2.0. No personal data: no author, no address.
exchange-data-csv = Offers (CSV)
exchange-data-schema = Schema of the offers (Table Schema)
