## Events: meetups, World Cafés, collectes and hackathons; registration with a waiting list, reminders, iCalendar files and Atom feeds.

nav-events = Events
events-title = Events
events-past-title = Past events
events-intro = Meetups, World Cafés, collectes and hackathons organised by the network's structures. Register: beyond the places, you join the waiting list and move up automatically as soon as a place is freed.
events-see-upcoming = See upcoming events
events-see-past = See past events
events-new = Organise an event
events-feed-title = Upcoming events on Essaim
events-feed-link = Subscribe to the Atom feed of upcoming events
events-territory-ics = Add the events of { $name } to my calendar (iCalendar)
events-filters = Filter the events
events-field-kind = Kind
events-kind-all = All kinds
events-kind-meetup = Meetup
events-kind-world_cafe = World Café
events-kind-collecte = Collecte
events-kind-hackathon = Hackathon
events-filter-territory = Territory
events-filter-territory-hint = A département or a région, for example departement:29 or region:53.
events-filter-submit = Filter
events-count-zero = No events
events-count = { $count ->
    [one] 1 event
   *[other] { $count } events
}
events-online = Online
events-cancelled-badge = Cancelled
events-full = Full
events-back-to-list = All events
events-cancelled-notice = This event is cancelled.
events-when = When
events-from-to = From { $start } to { $end }
events-paris-time = Paris time
events-where = Where
events-online-link = Online meeting link
events-organisers = Organised by
events-places = Places
events-unlimited = Unlimited places ({ $confirmed } registered)
events-places-taken = { $confirmed } registered out of { $capacity } places
events-waiting-count = { $count ->
    [one] 1 person on the waiting list
   *[other] { $count } people on the waiting list
}
events-ics-link = Add to my calendar (iCalendar file)
events-registration = Registration
events-you-are-registered = You are registered.
events-you-are-waiting = You are on the waiting list, in position { $position }. You will receive an e-mail if a place is freed.
events-unregister = Cancel my registration
events-registration-cancelled = Registration is closed: the event is cancelled.
events-registration-past = Registration is closed: the event has started.
events-registration-closed-note = Registration is closed.
events-sign-in-to-register = Sign in to register
events-register = Register
events-join-waiting-list = Join the waiting list
events-manage = Organisation
events-attendees-link = Attendee list
events-edit = Edit the event
events-cancel-event = Cancel the event (registrants are told by e-mail)
events-attendees-title = Attendees
events-attendees-csv = Download the list (CSV)
events-confirmed-title = { $count ->
    [one] 1 registered
   *[other] { $count } registered
}
events-waiting-title = { $count ->
    [one] Waiting list: 1 person
   *[other] Waiting list: { $count } people
}
events-col-name = Name
events-col-email = E-mail
events-col-registered = Registered
events-nobody = Nobody yet.
events-new-title = Organise an event
events-edit-title = Edit the event
events-need-structure = To organise an event you need to manage a structure. Create one or ask its managers to appoint you.
events-section-what = The event
events-section-when = When
events-section-where = Where
events-section-registration = Registration
events-field-title = Title
events-field-description = Description
events-field-markdown-hint = Markdown formatting: **bold**, lists, links.
events-field-organisers = Organising structures
events-field-organisers-hint = Tick one or more structures you manage: their managers will be able to edit the event and read the attendee list.
events-field-starts = Start
events-field-ends = End
events-place-or-link = Give a place (address and commune), an online meeting link, or both.
events-field-address = Address
events-field-commune = Commune
events-field-commune-hint = The commune's name or INSEE code, for example Brest or 29019.
events-field-online-url = Online meeting link
events-field-online-url-hint = An address starting with https://
events-field-capacity = Number of places
events-field-capacity-hint = Leave empty for unlimited places.
events-field-registration-open = Registration open
events-save = Save
events-create = Publish the event

## Error messages
events_kind_invalid = Choose a kind of event from the list.
events_title_required = Give the event a title.
events_title_too_long = The title must be at most 200 characters.
events_title_one_line = The title must fit on one line.
events_description_too_long = The description must be at most 10,000 characters.
events_start_required = Give the start date and time.
events_end_required = Give the end date and time.
events_datetime_invalid = Write the date and time as 2026-06-10T18:30.
events_end_before_start = The end must be after the start.
events_address_invalid = The address must fit on one line of at most 300 characters.
events_commune_unknown = This commune cannot be found: choose one from the list offered or write its INSEE code.
events_address_needs_commune = Give the commune of this address.
events_place_or_link_required = Give a place (commune) or an online meeting link.
events_link_https = The meeting link must be a full https:// address.
events_link_invalid = This link is too long.
events_capacity_positive = The number of places must be at least 1 (leave empty for unlimited).
events_capacity_invalid = Write the number of places in digits, for example 30.
events_capacity_below_confirmed = More people are already registered than this number of places: choose at least the number of confirmed registrations.
events_organiser_required = Choose the organising structure.
events_organiser_not_manager = You can only organise on behalf of a structure you manage.
events_territory_invalid = This territory cannot be found: give a département or a région (departement:29, region:53).
events-cancelled = This event is cancelled: registration is closed.
events-started = This event has already started: registrations can no longer be made or cancelled.
events-registration-closed = Registration for this event is closed.
events-already-registered = You are already registered for this event (or on its waiting list).
events-not-registered = You are not registered for this event.
events-capacity-below-confirmed = More people are already registered than this number of places.
events-registration-throttled = Too many registrations in a short time. Try again a little later.

## Mails
mail-events-registered-subject = Registration confirmed: { $title }
mail-events-registered-body =
    Hello,

    You are registered for “{ $title }”, on { $start } (Paris time).

    If you can no longer come, cancel your registration to free your seat:
    { $link }
mail-events-waiting-subject = Waiting list: { $title }
mail-events-waiting-body =
    Hello,

    “{ $title }”, on { $start } (Paris time), is full: you are on the waiting list. If a seat is freed, it goes to the waiting list in order of registration and you receive a message.

    { $link }
mail-events-promoted-subject = A place was freed: { $title }
mail-events-promoted-body =
    Hello,

    A place was freed and you leave the waiting list: you are registered for “{ $title }”, on { $start } (Paris time).

    If you can no longer come, cancel your registration to leave the place to the next person:
    { $link }
mail-events-cancelled-subject = Event cancelled: { $title }
mail-events-cancelled-body =
    Hello,

    The event “{ $title }”, planned on { $start } (Paris time), is cancelled by its organisers.

    { $link }
mail-events-reminder-subject = Reminder: { $title }, tomorrow
mail-events-reminder-body =
    Hello,

    Reminder: you are registered for “{ $title }”, on { $start } (Paris time).

    If you can no longer come, cancel your registration to leave your place:
    { $link }
