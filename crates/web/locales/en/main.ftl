# Essaim — English messages (French is the reference language).
# Every id here also exists in locales/fr/main.ftl (a test checks it).
# Error codes (snake_case) are also the `code` of the JSON API.

## Shared layout

skip-link = Skip to content
nav-label = Main menu
nav-structures = Structures
nav-territories = Territories
nav-account = My account
nav-admin = Administration
nav-signin = Sign in
nav-signup = Create an account
nav-signout = Sign out
footer-accessibility = Accessibility: not compliant
footer-legal = Legal notice
footer-note = Essaim, free software for the social innovation ecosystem of a territory.
unconfirmed-notice-title = Your e-mail address is not confirmed yet.
unconfirmed-notice-body = Open the link sent to { $email } to be able to create structures and invite members.
unconfirmed-notice-resend = Send the confirmation link again
title-error-prefix = Error:
error-prefix = Error:
error-summary-title =
    { $count ->
        [one] There is a problem with 1 field
       *[other] There are problems with { $count } fields
    }
form-all-required = All fields are required.
form-cancel = Cancel
search-submit = Search
yes = Yes
no = No
value-none = not given
pagination-label = Pagination
pagination-previous = Previous page
pagination-next = Next page
pagination-page-of = Page { $page } of { $pages }
error-status = HTTP error code: { $status }
error-back-home = Back to the home page

## Home

home-title = Home
home-heading = Essaim, the social innovation network of the territory
home-lead = Associations, cooperatives, local authorities, funders and residents: Essaim brings together the people who make social innovation happen in the territory.
home-intro = Each structure keeps its own page up to date and invites its members. Anyone can browse the directory, look a structure up by name, type or commune, and find whom to talk to.
home-cta-browse = Browse structures
home-cta-create = List a structure
home-cta-signup = Create an account
home-numbers-title = Essaim in numbers
home-numbers-structures = Structures listed
home-numbers-people = People registered
home-recent-title = Latest structures
home-recent-empty = No structure is listed yet: yours could be the first!
home-recent-all = See all structures
home-how-title = How does it work?
home-how-step-1 = Create your account with your e-mail address and confirm it.
home-how-step-2 = List your structure: its type, its commune, its SIRET or RNA numbers, its presentation.
home-how-step-3 = Invite your colleagues to manage it with you.
home-how-open = Essaim is free software: its code is open and its data on territories comes from public sources.

## Accounts: sign-up, sign-in, password

field-email = E-mail address
field-display-name = Display name
field-display-name-hint = Your first and last name, or the name people know you by. It is shown on the pages of the structures you belong to.
field-password = Password
field-current-password = Current password
field-new-password = New password
field-new-email = New e-mail address
password-hint = At least 12 characters. A sentence of a few words is easy to remember and hard to guess.
signup-title = Create an account
signup-intro = An account lets you list a structure, keep it up to date and invite its members. Browsing the directory needs none.
signup-email-hint = We will send a link there to check that it is yours. It is never shown publicly.
signup-submit = Create my account
signup-have-account = Already have an account?
signup-signin-link = Sign in
signin-title = Sign in
signin-submit = Sign in
signin-forgot = Forgot your password?
signin-no-account = No account yet?
signin-signup-link = Create an account
reset-request-title = Forgotten password
reset-request-intro = Enter the e-mail address of your account: we will send it a link to choose a new password.
reset-request-submit = Send me the link
reset-back-to-signin = Back to sign-in
reset-form-title = Choose a new password
reset-form-intro = This new password will replace the old one and end all your open sessions.
reset-form-submit = Save the password

## End-of-flow pages (title and text)

signup-done-title = Check your mailbox
signup-done-body = An e-mail has just been sent to the address you gave. Open the link it contains to continue; it is valid for 2 days. If it does not arrive, look in your spam folder.
confirm-title = Confirm your e-mail address
email-change-confirm-title = Confirm your new e-mail address
confirm-body = Press the button to complete the confirmation.
confirm-button = Confirm the address
confirmed-title = Address confirmed
confirmed-body = Thank you! Your e-mail address is confirmed: you can now list structures and invite members.
email-changed-title = Address changed
email-changed-body = Your new e-mail address is saved; it is now the one you sign in with.
email-change-sent-title = Confirm your new address
email-change-sent-body = An e-mail has just been sent to the new address. The change will take effect when you open the link it contains, valid for 24 hours.
reset-sent-title = Check your mailbox
reset-sent-body = If an account exists with this address, an e-mail has just been sent to it with a link to choose a new password. The link is valid for one hour.
reset-done-title = Password changed
reset-done-body = Your new password is saved and your other sessions have been ended. You can sign in.
token-problem-title = This link cannot be used
check_your_mailbox = Check your mailbox: if the operation is possible, an e-mail has just been sent.

## My account

account-title = My account
account-toc-label = Sections of the page
account-profile-title = Profile
account-profiles-legend = You are…
account-profiles-hint = Tick what describes you; you may choose several.
account-profile-submit = Save the profile
account-email-title = E-mail address
account-email-current = Current address: { $email }
account-email-confirmed = confirmed
account-email-unconfirmed = not confirmed
account-email-intro = To change your address, enter the new one and your password. A confirmation link will be sent to the new address: the change takes effect when you open it.
account-current-password-hint = It confirms that you are the one making this change.
account-email-submit = Change address
account-password-title = Password
account-password-intro = Changing your password ends your other open sessions.
account-password-submit = Change password
account-tokens-title = API tokens
account-tokens-intro = An API token lets a program use the Essaim API on your behalf. Give each one a name that says where it is used, and revoke it as soon as it is no longer needed.
account-tokens-empty = You have no API token.
account-token-created = Token “{ $name }” created
account-token-once = Copy it now: it will never be shown again.
account-token-created-at = Created on { $date }
account-token-last-used = last used on { $date }
account-token-never-used = never used
account-token-revoke = Revoke
account-token-new-title = Create a token
account-token-submit = Create the token
field-token-name = Token name
field-token-name-hint = For example: “Sync with our website”. 80 characters at most.
account-structures-title = My structures
account-structures-empty = You are not a member of any structure yet.
account-structure-role = Your role: { $role }

## Structures

structures-title = Structures
structures-intro = The directory of the social innovation structures of the territory.
structures-create = Create a structure
structures-search-label = Search for a structure
structures-search-q = Name or keyword
structures-search-q-hint = For example: community garden, third place, Brest.
structures-search-kind = Type of structure
structures-search-kind-all = All types
structures-count-zero = No structure
structures-count-one = 1 structure
structures-count =
    { $count ->
        [one] { $count } structure
       *[other] { $count } structures
    }
structures-none-matching = No structure matches this search.
structures-show-all = See all structures
structures-empty = No structure is listed yet.
structures-back-to-list = Back to the list of structures
structure-back = Back to the structure’s page
structure-kind = Type
structure-territory = Territory
structure-siret-long = French establishment identification number
structure-rna-long = French national register of associations
structure-website = Website
structure-description = Presentation
structure-no-description = This structure has no presentation yet.
structure-members-title = Members
structure-no-members = No members.
structure-edit-link = Edit the structure
structure-members-link = Manage members
structure-form-new-title = Create a structure
structure-form-new-intro = You will become its manager: you will be able to edit it and invite other members.
structure-form-edit-title = Edit “{ $name }”
structure-form-edit-title-plain = Edit the structure
structure-form-required-note = The name and the type are required; the other fields are optional.
structure-form-create = Create the structure
structure-form-save = Save the changes
field-structure-name = Name of the structure
field-structure-kind = Type of structure
field-structure-kind-choose = Choose a type
field-siret = SIRET number (optional)
field-siret-hint = 14 digits, spaces allowed. It appears on the INSEE registration notice or on annuaire-entreprises.data.gouv.fr.
field-rna = RNA number (optional)
field-rna-hint = For an association: the letter W followed by 9 digits, for example W291234567.
field-territory = Territory (optional)
field-territory-hint = The name or code of a commune, département, region or intercommunality, for example “Brest” or “commune:29019”.
field-territory-lookup = Look up the code of a territory
field-territory-suggestions = This name designates several territories or none exactly. Copy the reference of the one you mean:
field-description = Presentation (optional)
field-description-hint = What the structure does, for whom, where. Markdown formatting is possible: **bold**, *italics*, lists with dashes, links. 10,000 characters at most.
field-website = Website (optional)
field-website-hint = For example: https://www.example.org
members-title = Members of “{ $name }”
members-list-title = Current members
members-list-intro = Managers can edit the structure and manage its members; members appear on its page.
members-table-caption = Members of “{ $name }”
members-col-name = Name
members-col-role = Role
members-col-since = Member since
members-col-action = Action
members-remove = Remove
members-invite-title = Invite someone
members-invite-intro = They will receive by e-mail a link valid for 7 days. To accept, they will have to sign in with this address, or create an account with it.
members-invite-submit = Send the invitation
members-invited = Invitation sent to { $email }.
field-member-role = Role
field-member-role-hint = A manager can edit the structure and manage its members.
invitation-title = Invitation to join “{ $name }”
invitation-body = This invitation offers you to join the structure “{ $structure }” with the role “{ $role }”.
invitation-email = It was sent to the address { $email }; it can be accepted with that address, once confirmed.
invitation-other-account = You are signed in with the address { $email }, which is not the one invited. Sign out, then sign in with the invited address.
invitation-confirm-first = Your address is not confirmed yet: first open the confirmation link you received by e-mail.
invitation-accept = Accept the invitation
invitation-signin-needed = To accept the invitation, sign in with this address or create an account with it.
invitation-signin = Sign in to accept
invitation-signup = Create an account
invitation-signup-then = Once you have created your account and confirmed your address, open the invitation link again.
invitation-see-structure = See the structure’s page

## Territories

territories-title = Territories
territories-intro = Find the code of a commune, intercommunality, département or region, to enter on a structure’s page.
territories-search-label = Search for a territory
territories-search-q = Name, postcode or INSEE code
territories-search-q-hint = For example: Brest, 29200 or 29019.
territories-caption = Territories matching “{ $q }”
territories-col-name = Name
territories-col-level = Level
territories-col-code = Code
territories-col-reference = Reference to enter
territories-col-postal = Postcodes
territories-col-population = Population
territories-none = No territory matches “{ $q }”.
territories-source = Data: French administrative divisions by Etalab, Licence Ouverte 2.0.
territories-source-link = See the credits

## Administration

admin-nav-label = Administration
admin-nav-people = People
admin-nav-outbox = E-mails
admin-nav-audit = Log
admin-people-title = People
admin-people-total = People registered: { $total }.
admin-backend = Database: { $backend }.
admin-people-search-label = Search for a person
admin-people-search-q = Name or e-mail address
admin-people-search-q-hint = Leave empty to see the latest 200 sign-ups.
admin-people-caption = Registered people
admin-people-caption-search = People matching “{ $q }”
admin-people-none = Nobody matches.
admin-col-name = Name
admin-col-email = E-mail address
admin-col-confirmed = Address confirmed
admin-col-created = Signed up
admin-col-roles = Roles
admin-roles-legend = Roles of { $name }
admin-roles-of = of { $name }
admin-roles-submit = Save the roles
admin-outbox-title = E-mails
admin-outbox-intro = The latest 100 e-mails written by the platform, newest first.
admin-outbox-smtp-on = An SMTP server is configured: pending e-mails are sent automatically.
admin-outbox-smtp-off = No SMTP server is configured: e-mails are not sent and stay here. You can pass a link on by hand.
admin-outbox-empty = No e-mail yet.
admin-mail-to = Recipient
admin-mail-created = Written on
admin-mail-status = Status
admin-mail-sent = Sent on { $date }
admin-mail-pending = Pending (attempts: { $attempts })
admin-mail-last-error = Last error
admin-mail-body = Show the text of the e-mail
admin-audit-title = Log
admin-audit-intro = The latest 200 security events: sign-ins, failed sign-ins, changes of password, address, roles and members.
admin-audit-filter-label = Filter the log
admin-audit-filter-action = Action
admin-audit-filter-hint = For example: sign_in_failed, role_changed, member_removed.
admin-audit-filter-submit = Filter
admin-audit-caption = Latest events
admin-audit-caption-action = Latest “{ $action }” events
admin-audit-empty = No event.
admin-audit-col-at = Date
admin-audit-col-action = Action
admin-audit-col-subject = Subject
admin-audit-col-actor = Actor
admin-audit-col-ip = IP address
admin-audit-col-detail = Detail

## Information pages

accessibility-title = Accessibility statement
legal-title = Legal notice

## Values: structure types, roles, profiles, territory levels

kind-association = Association (non-profit)
kind-cooperative = Cooperative (SCOP, SCIC…)
kind-entreprise = Business
kind-fondation = Foundation or endowment fund
kind-collectivite = Local authority
kind-etat = State service
kind-reseau = Network or federation
kind-autre = Other
role-manager = Manager
role-member = Member
role-admin = Administration
role-moderator = Moderation
profile-citizen = Citizen
profile-project_holder = Project holder
profile-support_structure = Support organisation
profile-funder = Funder
profile-evaluator = Evaluator
profile-public_authority = Local authority or public administration
level-region = Region
level-departement = Département
level-epci = Intercommunality (EPCI)
level-commune = Commune

## Input errors (one message per validation code)

email_required = Enter your e-mail address.
email_invalid = Enter a valid e-mail address, for example firstname.lastname@example.org.
password_required = Enter a password.
password_too_short = The password must be at least 12 characters long.
password_too_long = The password must be at most 256 characters long.
password_common = This password is too common and easy to guess: choose another one, for example a sentence of a few words.
password_like_email = The password must not repeat your e-mail address.
name_required = Enter your name.
name_too_long = The name must be at most 80 characters long.
structure_name_required = Enter the name of the structure.
structure_name_too_short = The name of the structure must be at least 2 characters long.
structure_name_too_long = The name of the structure must be at most 150 characters long.
structure_kind_invalid = Choose the type of the structure from the list.
siret_invalid = The SIRET number must have 14 digits.
siret_checksum = This SIRET number does not exist: check the digits.
rna_invalid = The RNA number must be the letter W followed by 9 digits, for example W291234567.
territory_unknown = Territory not found or ambiguous: give its reference, for example commune:29019; the Territories page helps you find it.
territory_malformed = This territory reference is malformed: it is written level:code, for example commune:29019.
description_too_long = This text is too long: 10,000 characters at most for a structure’s presentation, 50,000 for an initiative’s description.
url_invalid = Enter the full address of a website, for example https://www.example.org.
field_control_characters = This field contains invisible characters that are not allowed: type it again.
field_required = This field is required.
field_too_short = This text is too short.
field_too_long = This text is too long.
member_role_invalid = Choose the role from the list: manager or member.
signin_failed = Incorrect e-mail address or password.
current_password_wrong = The current password is incorrect.
token_name_required = Give the token a name.
profile_invalid = This profile does not exist: choose among the boxes offered.
role_invalid = This role does not exist.

## Page and API errors

not_found = Page not found
forbidden = You are not allowed to access this page.
unauthenticated = Sign in to continue.
email_not_confirmed = First confirm your e-mail address: open the link we sent you.
csrf_failed = The form has expired or does not come from this site. Go back, reload the page and send it again.
too_many_requests = Too many attempts. Wait a few minutes before trying again.
method_not_allowed = This address does not accept this kind of request.
payload_too_large = The data sent is too large.
unsupported_media_type = This data format is not accepted.
bad_request = The request is incorrect.
internal_error = An unexpected error occurred. Try again in a moment; if it persists, tell the platform’s team.
invalid_input = Some of the data is invalid.
invalid_json = The request body is not valid JSON.
invalid_body = The request body does not have the expected format.
language_unknown = This language is not offered.
token_expired = This link has expired. Start again to receive a new one.
token_used = This link has already been used.
token_unknown = This link is not valid. Check that it was copied in full.
invitation_other_email = This invitation was sent to another address. Sign in with the invited address, once confirmed, to accept it.
email_taken_now = This address already belongs to another account. Your address has not changed.
last_manager = A structure must keep at least one manager: appoint another one before leaving.
cannot_remove_own_admin = You cannot remove your own administration role.

## E-mails (plain text)

mail-confirm-subject = Confirm your e-mail address on Essaim
mail-confirm-body =
    Hello { $name },

    You have just created an account on Essaim. To confirm your e-mail address, open this link (valid for 2 days):

    { $link }

    If you did not sign up, ignore this message: the account will stay inactive.

    The Essaim team
mail-already-registered-subject = Your Essaim account
mail-already-registered-body =
    Hello,

    Someone, maybe you, tried to create an account on Essaim with this address. It already has an account.

    If you have forgotten your password, choose a new one here:

    { $link }

    Otherwise, ignore this message: nothing has changed.

    The Essaim team
mail-reset-subject = Choose a new Essaim password
mail-reset-body =
    Hello { $name },

    A new password was requested for your Essaim account. To choose it, open this link (valid for one hour):

    { $link }

    If you did not ask for anything, ignore this message: your current password remains valid.

    The Essaim team
mail-email-change-subject = Confirm your new e-mail address on Essaim
mail-email-change-body =
    Hello { $name },

    You asked to use this address for your Essaim account. To confirm the change, open this link (valid for 24 hours):

    { $link }

    If you did not ask for this, ignore this message: nothing will change.

    The Essaim team
mail-invitation-subject = { $inviter } invites you to join “{ $structure }” on Essaim
mail-invitation-body =
    Hello,

    { $inviter } invites you to join the structure “{ $structure }” on Essaim, the social innovation platform of the territory.

    To see the invitation and accept it, open this link (valid for 7 days):

    { $link }

    You will have to sign in with this e-mail address, or create an account with it.

    If this invitation means nothing to you, ignore this message.

    The Essaim team

## Initiatives: menu and home page

nav-initiatives = Initiatives
home-initiatives-title = Initiatives that spread
home-initiatives-intro = Shared gardens, repair cafés, community grocery shops… Each initiative is written up like a recipe: its ingredients, its steps, its pitfalls. Find one near you, or take one up to start it in your own commune.
home-initiatives-browse = Browse initiatives
home-initiatives-create = Publish an initiative
home-initiatives-signin-note = Reading initiatives needs no account; publishing or taking one up does.

## Initiatives: catalogue

initiatives-title = Initiatives
initiatives-create = Publish an initiative
catalogue-intro = The social innovation initiatives of the territory, written up as recipes that anyone can take up at home.
catalogue-title-search = search “{ $q }”
catalogue-search-label = Search initiatives
catalogue-search-q = Search
catalogue-search-q-hint = All words are searched together; the search understands French words. You can also type: jardin OR potager (either one), "jardin partagé" (exact phrase), -vélo (without this word).
catalogue-sort = Sort by
sort-pertinence = Relevance
sort-recent = Most recent
sort-titre = Title, A to Z
catalogue-search-keeps-filters = The search keeps the filters you chose.
catalogue-count =
    { $count ->
        [0] No initiatives
        [one] { $count } initiative
       *[other] { $count } initiatives
    }
catalogue-clear = Clear the search and filters
catalogue-feed = Follow this list (Atom feed)
catalogue-ignored-search = Your search “{ $q }” only holds very common French words (le, la, des, pour…): it was ignored and every initiative is shown.
catalogue-places = Territories:
catalogue-updated = updated { $date }
catalogue-none-matching = No initiative matches this search.
catalogue-show-all = See all initiatives
catalogue-empty = No initiative is published yet: yours could be the first!
pagination-page = Page
facets-label = Narrow the list
facets-intro = Narrow the list: choices add up; choose a ticked filter again to remove it.
facet-challenges = Challenges
facet-regions = Regions
facet-departements = Départements
facet-stages = Stages
facet-roles = Role of structures
facet-count =
    { $count ->
        [one] { $count } initiative
       *[other] { $count } initiatives
    }
facet-remove = remove the filter
catalogue-map-title = Map of initiatives
catalogue-map-intro = Each département is a link that filters the list. The darker its colour, the more initiatives are published there; each link’s name gives the exact number.
map-title = Initiatives of this selection by département
map-label = { $name }: { $count ->
        [0] no initiatives
        [one] { $count } initiative
       *[other] { $count } initiatives
    }
map-locator-title = Map of France showing the initiative’s départements
map-legend-none = no initiatives
map-legend-scale = from light to dark: from a few initiatives to the most
map-overseas = Overseas départements, whose shapes the base map does not give, are the squares on the left of the map, next to their names.
map-credit-label = Base map:
map-credit-work = “France departments”
map-credit-by = by Victor Cazanave after MapSVG, licence
map-credit-licence-url = https://creativecommons.org/licenses/by/4.0/deed.en
locator-caption = In blue: the initiative’s départements. Overseas départements are not drawn; all the initiative’s territories are listed in its details.
feed-title = Essaim — initiatives

## Initiatives: values (stages, statuses, roles, budgets, licences)

stage-idee = Idea
stage-experimentation = Experiment
stage-consolidation = Consolidation
stage-essaimage = Spreading
status-draft = Draft
status-published = Published
status-archived = Archived
structure-role-porteur = Lead
structure-role-partenaire = Partner
structure-role-financeur = Funder
structure-role-accompagnateur = Support
budget-moins_5k = Under €5,000
budget-5k_20k = €5,000 to €20,000
budget-20k_100k = €20,000 to €100,000
budget-plus_100k = Over €100,000
# Fluent ids cannot hold a dot: “CC-BY-SA-4.0” becomes licence-CC-BY-SA-4_0.
licence-CC-BY-SA-4_0 = CC BY-SA 4.0 (Attribution-ShareAlike)
licence-CC-BY-4_0 = CC BY 4.0 (Attribution)
licence-CC0-1_0 = CC0 1.0 (public domain)
revision-created = Initiative created
revision-edited = Edit
revision-restored = Restored version { $number }
revision-forked = Taken up from “{ $source }”

## Initiatives: form fields (also the headings of the history)

field-required = { $label } (required)
field-title = Title
field-title-hint = 3 to 150 characters, for example “Kerinou neighbourhood repair café”.
field-summary = Summary
field-summary-hint = One or two sentences with the essentials: what, for whom, where. 280 characters at most.
field-initiative-description = Description
field-description-markdown-hint = The initiative’s story, its results, what makes it useful. Markdown formatting is possible: **bold**, *italics*, lists with dashes, links. 50,000 characters at most.
field-stage = Stage
field-stage-hint = How far the initiative has come: an idea, a first experiment, an established action being consolidated, or one already taken up elsewhere (spreading).
field-challenges = Challenges
field-challenges-hint = The social challenges the initiative takes on; several choices are possible. Each is linked to the United Nations Sustainable Development Goals (SDGs).
field-licence = Licence
field-licence-hint = The free licence under which others may take up the text and the recipe. CC BY-SA (recommended): anyone may reuse and adapt it with credit, and copies keep the same licence. CC BY: free reuse with credit. CC0: public domain, no credit required.
field-territories = Territories
field-territories-hint = One per line: commune, intercommunality, département or region, by name or code, for example “Brest”, “29” or “commune:29019”. 20 at most.
field-publics = Audiences
field-publics-hint = Whom the initiative is for, one audience per line, for example: families, isolated elderly people.
field-links = Links
field-links-hint = Website, article, video… One address per line, for example https://www.example.org
field-structure = Lead structure
field-structure-hint = Members of the lead structure will also be able to edit the initiative. Only structures you are a member of are offered.
field-structure-none = None
field-structure-current = The current lead structure (kept)
field-structure-no-membership = You are not a member of any structure yet.
field-structures = Structures
field-resources = Material resources
field-resources-hint = Premises, equipment, tools… One resource per line.
field-skills = Skills
field-skills-hint = Useful know-how, one per line, for example: running a group, basic mechanics.
field-partners = Partners
field-partners-hint = Partners to involve, one per line, for example: town hall, social landlord, neighbourhood association.
field-budget_range = Budget
field-budget_range-hint = A rough idea of the yearly or start-up budget.
field-budget_range-none = Not given
field-duration = Duration
field-duration-hint = How long it takes to get started, for example “6 months”. 200 characters at most.
field-steps = Steps
field-steps-hint = One step per line, in order. 50 lines at most, each of 1,000 characters at most.
field-pitfalls = Pitfalls
field-pitfalls-hint = Traps and difficulties met along the way, one per line.
field-success_factors = Key success factors
field-success_factors-hint = What made the difference, one factor per line.
field-message = What changes (optional)
field-message-hint = A few words for the history, for example “Added the steps”. If left empty, the message will be “Initiative created” or “Edit”.
field-fork-territory = Your territory
field-fork-territory-hint = Your commune, by name or INSEE code, for example “Quimper” or “29232”.
field-fork-title = Title of your copy (optional)
field-fork-title-hint = By default, the same title: “{ $source }”. 150 characters at most.

## Initiatives: form

form-section-initiative = The initiative
form-section-territories = Territories
form-section-publics = Audiences and links
form-section-structure = Lead structure
form-section-recipe = The recipe
form-section-recipe-intro = What one needs to know to do it again elsewhere. Lists take one item per line; everything is optional and can be filled in later.
form-section-message = Version message
initiative-form-new-title = Publish an initiative
initiative-form-new-intro = Describe the initiative as a recipe others can take up. You can save it as a draft, visible only to you, and publish it later.
initiative-form-edit-title = Edit the initiative
initiative-form-edit-intro = Each save creates a new version; the history keeps the earlier ones, which can be restored.
initiative-form-required-note = The title, summary, stage and at least one territory are required; everything else is optional.
initiative-form-save = Save
initiative-form-save-draft = Save as a draft
initiative-form-publish = Publish
initiative-form-draft-note = A draft is visible only to you and to members of the lead structure. “Publish” makes it visible to everyone and adds it to the catalogue.

## Initiatives: initiative page

initiative-back-to-catalogue = Back to the catalogue of initiatives
initiative-back = Back to the initiative
initiative-status-note-draft = This draft is visible only to the people who can edit it.
initiative-status-note-archived = This initiative is archived: it can still be read but no longer appears in the catalogue.
initiative-fork-link = Take up this initiative
initiative-edit-link = Edit
initiative-publish = Publish
initiative-archive = Archive
initiative-unpublish = Turn back into a draft
initiative-republish = Publish again
initiative-history-link = History
initiative-lineage-link = Lineage
initiative-source-before = Based on “
initiative-source-after = ”, under the licence { $licence }.
initiative-version = Version
initiative-version-detail = Version { $number }, updated { $updated }; created { $created }.
sdg-short = SDG
sdg-long = Sustainable Development Goals
initiative-no-description = The initiative has no description yet.
recipe-title = The recipe
recipe-intro = What it takes to do this initiative again elsewhere.
recipe-ingredients = Ingredients
recipe-no-ingredients = The ingredients are not given yet.
recipe-no-steps = The steps are not described yet.
recipe-no-pitfalls = No pitfall is noted yet.
recipe-no-success-factors = No key success factor is given yet.
initiative-spread-title = Where it has spread
initiative-spread-count =
    { $count ->
        [0] It has not been taken up elsewhere yet.
        [one] It has been taken up once:
       *[other] It has been taken up { $count } times:
    }
initiative-lineage-more = See the initiative’s whole lineage
initiative-spread-invite = Would you like to start it where you live?

## Initiatives: history

history-title = History of “{ $title }”
history-intro = Each save creates a version, newest first. Under each one, what it changed: removed lines start with a − sign, added lines with a + sign.
history-restore-intro = Restoring a version creates a new version with its content: nothing is lost.
history-version = Version { $number }
history-current = current version
history-by = By { $author }, { $date }
history-author-unknown = a deleted account
history-message = Message:
history-first = First version.
history-no-change = The content did not change in this version.
history-restore = Restore this version
history-restore-context = (version { $number })
diff-removed = removed:
diff-added = added:

## Initiatives: taking up and lineage

fork-title = Take up “{ $source }”
fork-intro = Taking up an initiative creates a copy of it, to start it in your territory:
fork-fact-draft = the copy is created as a draft, at the “Idea” stage: nobody else sees it until you publish it;
fork-fact-copied = it takes the text and the recipe, which you can adapt; the structures of the original initiative are not copied;
fork-fact-licence = it keeps the source’s licence, { $licence }, and its page credits the original initiative;
fork-fact-lineage = it stays linked to its source and takes its place in the initiative’s lineage; its title shows there only once the copy is published.
fork-submit = Create my draft copy
lineage-title = Lineage of “{ $title }”
lineage-summary = This lineage holds { $size } initiatives over { $generations ->
        [one] one generation of copies
       *[other] { $generations } generations of copies
    }.
lineage-alone = This initiative has not been taken up yet.
lineage-intro = The tree starts from the original initiative; under each one, the initiatives that took it up.
lineage-origin = original initiative
lineage-generation = generation { $generation }
lineage-hidden = Private draft
lineage-you-are-here = you are here

## Initiatives: input and request errors

title_required = Enter the title of the initiative.
title_too_short = The title must be at least 3 characters long.
title_too_long = The title must be at most 150 characters long.
summary_required = Enter a summary of the initiative, in one or two sentences.
summary_too_long = The summary must be at most 280 characters long.
challenge_unknown = This challenge does not exist: tick among the challenges offered.
territories_required = Give at least one territory.
stage_invalid = Choose the stage from the list: idea, experiment, consolidation or spreading.
status_invalid = This status does not exist: draft, published or archived.
licence_invalid = Choose the licence from the list: CC BY-SA 4.0, CC BY 4.0 or CC0 1.0.
budget_range_invalid = Choose the budget from the list.
structure_role_invalid = This structure role does not exist: lead, partner, funder or support.
list_too_long = This list is too long: 50 lines at most, 20 for territories.
list_item_too_long = One of the lines is too long: 1,000 characters at most per line.
structure_not_yours = Choose a structure you are a member of: you cannot commit the others.
sort_invalid = This sort order does not exist: choose pertinence, recent or titre.
territory_filter_invalid = A territory filter is written region:CODE or departement:CODE, for example departement:29.

## Administration: societal challenges
admin-nav-challenges = Challenges
admin-challenges-title = Societal challenges
admin-challenges-caption = The challenges offered to initiatives
admin-challenges-code = Code
admin-challenges-code-hint = Lowercase letters, digits and hyphens, for example "sport-sante".
admin-challenges-name-fr = Name in French
admin-challenges-name-en = Name in English
admin-challenges-sdgs = Sustainable Development Goals
admin-challenges-sdgs-hint = SDG numbers (1 to 17), separated by commas, for example "3, 10".
admin-challenges-add = Add a challenge
admin-challenges-submit = Add the challenge
challenge_code_invalid = The code must have 2 to 60 characters: lowercase letters without accents, digits and hyphens.
challenge_code_taken = Another challenge already uses this code.
sdg_invalid = Give at least one Sustainable Development Goal number, from 1 to 17.

## Open data
data-title = Open data
data-intro = The initiatives published on Essaim are open data: anyone may download them, reuse them and combine them with other data.
data-initiatives-title = Initiatives
data-initiatives-body = Every published initiative, with its recipe, its territories (INSEE codes) and its lineage.
data-csv = Initiatives as CSV
data-json = Initiatives as JSON
data-jsonld = Initiatives as JSON-LD (schema.org)
data-schema = Data schema (Table Schema)
data-licences = Each initiative has its own free licence ("licence" column): respect it when reusing, crediting the source when the licence asks for it.
data-catalogue-title = DCAT catalogue
data-catalogue-body = The description of these datasets in DCAT (JSON-LD), for open data portals:

## File import
file_empty = The file is empty.
csv_invalid = The file is not a readable CSV.
column_missing = A required column is missing.
column_unknown = This column is unknown.
column_duplicate = This column appears twice.
field_count_invalid = This row does not have the right number of columns.
id_invalid = The identifier must be a UUID.
id_duplicate = This identifier already appears earlier in the file.
date_invalid = The date must be in RFC 3339 format (for example 2026-11-24T06:05:00Z).
source_id_invalid = The source identifier must be a UUID other than the initiative's own.
source_unknown = The source initiative is neither in the file nor in the database.
list_invalid = This column must hold a JSON list, for example ["a", "b"].
structure_invalid = Each structure is written "identifier:role".
licence_required = Give the initiative's licence.
invalid_utf8 = This row is not encoded in UTF-8.

## Cover image
image-title = Cover image
image-back = Back to "{ $title }"
image-intro = A PNG, JPEG or WebP image of { $max } MB at most. It is decoded and saved again: only the pixels are kept, without metadata (where it was taken, camera…).
image-current = The current image
image-current-alt = Cover image of "{ $title }"
image-remove = Remove the image
image-label = New image
image-hint = PNG, JPEG or WebP, { $max } MB at most. SVG images are not accepted.
image-submit = Save the image
image_required = Choose an image.
image_too_large = This image is too heavy: 5 MB at most.
image_format = This file is not a PNG, JPEG or WebP image.
image_unreadable = This image is damaged or unreadable.
multipart_invalid = The upload failed; try again.

## Administration: importing initiatives
admin-nav-import = Import
admin-import-title = Import initiatives
admin-import-intro = A CSV file with the columns of the open data export. An initiative whose identifier already exists is updated (new version); the others are created.
admin-import-report = Import result
admin-import-blocked = { $count ->
    [one] One row has errors: nothing was imported.
   *[other] { $count } rows have errors: nothing was imported.
}
admin-import-dry-run = Check only: { $valid } valid initiative(s), { $refused } row(s) refused; nothing was written.
admin-import-done = { $created } initiative(s) created, { $updated } updated, { $refused } row(s) refused.
admin-import-line = Line { $line }
admin-import-column = column "{ $column }"
colon = :
admin-import-file = CSV file
admin-import-file-hint = UTF-8 encoded, { $max } MB at most. For larger files, use the command essaim import initiatives.
admin-import-dry-run-label = Check only, write nothing
admin-import-skip-label = Import the valid rows even if others have errors
admin-import-submit = Import

## Proposed edits
proposals-link = Proposed edits
proposals-title = Proposals for "{ $title }"
proposals-intro = Anyone may propose an edit; members of the carrying structure accept or reject it.
proposals-none = No proposal yet.
proposal-new-link = Propose an edit
proposal-heading = Proposal by { $author }, on { $date }
proposal-status-pending = Pending
proposal-status-accepted = Accepted
proposal-status-rejected = Rejected
proposal-decision-note = Answer
proposal-outdated = The initiative has changed since this proposal: accepting it would also replace those changes.
proposal-note-label = Answer to the person (optional)
proposal-note-hint = For example, why you accept or reject it.
proposal-accept = Accept
proposal-reject = Reject
proposal-form-title = Propose an edit
proposal-form-intro = Change what needs changing and say why: the members of the carrying structure will see your changes and decide.
proposal-submit = Send the proposal
proposal_message_required = Explain your proposal in a few words.
proposal_changes_nothing = This proposal changes nothing in the initiative.
proposal_already_decided = This proposal has already been answered.
decision_invalid = This decision does not exist.
revision-proposal-accepted = Proposal accepted: { $message }

map-spread-title = The départements where the recipe was taken up
map-spread-caption = In blue: the départements where this initiative was taken up, across all generations.

# Personal data: privacy page, download, account deletion
privacy-title = Privacy
account-back = Back to my account
account-data-title = Your data
account-data-intro = Download everything the platform keeps about you, or delete your account. What is kept and why:
account-data-export = Download my data
account-delete-link = Delete my account
data-export-title = Download my data
data-export-ready = Your link is ready. It works once, for { $minutes } minutes, and only while you are signed in to this account.
data-export-download = Download the JSON file
data-export-contents = The file holds your account, your structures, your sessions and tokens (without their secrets), your contributions and the entries of the security log that concern you.
account-delete-title = Delete my account
account-delete-intro = Deletion is immediate and final:
account-delete-erased = your address, name, password, profiles and roles are erased, and every session and token ends;
account-delete-kept = your published contributions (initiatives, revisions, proposals) stay, signed “compte supprimé” (deleted account);
account-delete-structures = you leave the structures you belong to; if you are the only manager of one, name another first.
account-delete-export-first = To keep a copy of your data, download it first:
account-delete-understood = I understand that deletion is final.
account-delete-submit = Delete my account for good
delete_not_confirmed = Tick the box to confirm the deletion.
account-deleted-title = Account deleted
account-deleted-body = Your account is deleted: your personal data are erased and you are signed out. Your published contributions stay, signed “compte supprimé” (deleted account).
delete_last_manager = You are the only manager of one of your structures: name another manager (members page) before deleting your account.
nul_character = The text sent holds a NUL character, which no field accepts.

## Debates: opinion mapping, in the manner of Pol.is

nav-debats = Debates
debats-title = Debates
debats-intro = Everyone gives their view on short statements: agree, disagree or pass. The opinion map shows the groups that emerge, what sets them apart and what brings everyone together. You can add statements of your own.
debats-create = New debate
debats-count-zero = No debate yet
debats-count =
    { $count ->
        [one] One debate
       *[other] { $count } debates
    }
debats-empty = No debate is open yet.
debats-card-counts = { $participants ->
        [one] one participant
       *[other] { $participants } participants
    }, { $statements ->
        [one] one statement
       *[other] { $statements } statements
    }, { $votes ->
        [one] one vote
       *[other] { $votes } votes
    }
initiative-debates-title = Debates

debat-phase-open = Open
debat-phase-upcoming = Upcoming
debat-phase-closed = Closed
debat-opens-at = opens on { $date } at { $time } (Paris time)
debat-closes-at = until { $date } at { $time } (Paris time)
debat-closed-at = since { $date } at { $time } (Paris time)
debat-back-to-list = Back to debates
debat-back = Back to the debate
debat-back-to-results = Back to the results
debat-results-link = See the results
debat-take-part-link = Take part
debat-report-link = Printable report
debat-edit-link = Edit the debate
debat-moderation-link =
    { $count ->
        [0] Moderation
        [one] Moderation (one statement waiting)
       *[other] Moderation ({ $count } statements waiting)
    }
debat-notice-pending = Thank you! Your statement waits for a moderator to read it before it is put to the vote.
debat-notice-published = Thank you! Your statement is published; it counts as an “agree” vote of yours.

debat-vote-title = Your view
debat-closed-notice = This debate is closed: votes and new statements are no longer taken. Its results stay available.
debat-upcoming-notice = This debate opens on { $date } at { $time } (Paris time).
debat-sign-in-needed = This debate is for signed-in people only.
debat-sign-in-to-take-part = Sign in to take part
debat-progress = Statements voted on: { $voted } of { $total }.
debat-vote-card-question = Do you agree with this statement?
debat-vote-agree = Agree
debat-vote-disagree = Disagree
debat-vote-pass = Pass
debat-vote-recorded-agree = “Agree” vote recorded.
debat-vote-recorded-disagree = “Disagree” vote recorded.
debat-vote-recorded-pass = You passed on this statement.
debat-vote-done = You have voted on every statement. Thank you! Come back later: others may add some.
debat-no-statements = No statement is put to the vote yet.
debat-my-votes-title = Your votes
debat-my-votes-none = You have not voted yet.
debat-my-vote = Your vote: { $vote }
debat-my-vote-withdrawn = (statement withdrawn by moderation)
debat-change-vote = Change to:
debat-propose-title = Add a statement
debat-propose-label = Your statement
debat-propose-hint = One idea per statement, in one sentence others can agree with or not; 280 characters at most.
debat-propose-hint-pre = One idea per statement, in one sentence others can agree with or not; 280 characters at most. A moderator reads it before it is put to the vote.
debat-propose-submit = Propose
debat-mine-pending =
    { $count ->
        [one] Your statement waiting to be read:
       *[other] Your statements waiting to be read:
    }
debat-about-title = About this debate
debat-about-participation = Taking part
debat-about-anonymous-yes = Open to all, no account needed.
debat-about-anonymous-no = For signed-in people only.
debat-about-moderation-pre = Anyone can add statements, read before they are published.
debat-about-moderation-post = Anyone can add statements, published at once and moderated afterwards.
debat-about-statements-closed = The statements are the organisers’.
debat-about-structure = Organised by
debat-about-initiatives = Initiatives concerned
debat-attribution = Source:

debat-results-title = Results
debat-analysis-none = The results will show as soon as the first votes come in.
debat-computed-at = Analysis computed on { $date } at { $time } (Paris time).
debat-analysis-stale = Being updated with the latest votes.
debat-not-enough-data = Not enough data yet to draw opinion groups.
debat-not-enough-data-detail = It takes at least three participants who voted on seven statements (or on all of them, if there are fewer) and views that differ.
debat-map-heading = Opinion map
debat-map-title = Opinion map
debat-map-desc = Each circle gathers participants who voted alike; its size says how many they are. The circles form { $groups } opinion groups, out of { $clustered } participants placed.
debat-map-desc-me = You are marked “you”, nearest to group { $group }.
debat-map-caption = The closer two circles, the more alike their participants voted. Groups are told apart by their letter, colour and pattern.
debat-map-legend-you = You
debat-map-you = you
debat-map-you-near = From your votes, you are nearest to group { $group }.
debat-map-you-soon = Your position will show at the next update of the analysis.
debat-map-vote-to-appear = Vote to see your position on the map.
debat-groups-table-caption = The opinion groups of the map
debat-groups-table-group = Group
debat-groups-table-size = Participants
debat-groups-table-share = Share
debat-groups-table-you = You
debat-groups-table-you-here = nearest to you
debat-group-name = Group { $letter }
debat-group-size = { $count ->
        [one] one participant
       *[other] { $count } participants
    } ({ $share }%)
debat-group-yours = The group nearest to you
debat-groups-heading = Opinion groups
debat-groups-intro = What sets each group apart: the statements on which it votes most differently from the others.
debat-group-repr-intro = This group stands out by:
debat-group-no-repr = No statement clearly sets this group apart.
debat-repr-agree = { $percent }% agree ({ $successes } of { $trials })
debat-repr-disagree = { $percent }% disagree ({ $successes } of { $trials })
debat-repness = { $value } times as much as the others
debat-statement-number = statement no. { $number }
debat-consensus-heading = What brings people together
debat-consensus-overall = Consensus
debat-consensus-overall-intro = The statements on which a large majority votes the same way.
debat-consensus-agree = Broad agreement
debat-consensus-disagree = Broad disagreement
debat-consensus-none = No statement clearly brings people together yet.
debat-group-aware-heading = Consensus across groups
debat-group-aware-intro = The statements every group agrees with, even groups that differ elsewhere.
debat-group-aware-figure = Chance that a member of every group agrees: { $percent }%
debat-shares = { $agree }% agree, { $disagree }% disagree, { $pass }% pass, out of { $seen } votes
debat-percent = { $value }%
debat-participation-heading = Participation
debat-stat-participants = Participants
debat-stat-statements = Statements
debat-stat-votes = Votes
debat-stat-clustered = Placed on the map
debat-exports-heading = Open data
debat-exports-intro = This debate’s votes, in the format of Pol.is exports. Participants appear only by a number.
debat-export-comments = Statements and their counts
debat-export-votes = Votes
debat-export-participants-votes = Votes by participant, with their group
debat-export-summary = Summary

debat-report-title = Report
debat-report-print-hint = This page is made to be printed, or saved as PDF, from your browser.
debat-report-all-heading = All statements
debat-report-all-caption = The statements put to the vote, from most to least agreed with
debat-report-col-number = No.
debat-report-col-statement = Statement
debat-report-col-seen = Votes
debat-report-seed = starting statement

debat-moderation-title = Moderation
debat-moderation-intro-pre = Participants’ statements wait for your decision before they are put to the vote.
debat-moderation-intro-post = Participants’ statements are published at once; withdraw those that break the rules.
debat-moderation-queue =
    { $count ->
        [0] Waiting
        [one] Waiting (one)
       *[other] Waiting ({ $count })
    }
debat-moderation-queue-empty = No statement waits for a decision.
debat-moderation-decided =
    { $count ->
        [0] Decided
        [one] Decided (one)
       *[other] Decided ({ $count })
    }
debat-moderation-decided-none = No statement decided yet.
debat-moderation-counts = { $agree } agree, { $disagree } disagree, { $pass } pass
debat-status-pending = Waiting
debat-status-accepted = Accepted
debat-status-rejected = Rejected
debat-featured = Featured
debat-decision-accept = Accept
debat-decision-reject = Reject
debat-decision-feature = Feature
debat-decision-unfeature = Stop featuring
debat-decision-pending = Put back in the queue

debat-form-new-title = New debate
debat-form-new-intro = Ask a question, add a few starting statements: everyone will vote, and may propose their own if you allow it.
debat-form-edit-title = Edit the debate
debat-form-required-note = Only the question is required.
debat-form-section-question = The question
debat-form-section-participation = Taking part
debat-form-section-context = Context
debat-field-question = Question
debat-field-question-hint = What everyone gives their view on, in 5 to 200 characters.
debat-field-description = Presentation
debat-field-description-hint = The context, what will become of the results. Markdown formatting allowed: **bold**, *italics*, lists with dashes, links. 5,000 characters at most.
debat-field-seeds = Starting statements
debat-field-seeds-hint = One per line, 280 characters at most each; 100 at most. Short statements one can agree with or not.
debat-field-open-for-statements = Participants may add statements
debat-field-anonymous-allowed = Taking part without an account (a cookie keeps the votes on this device)
debat-field-moderation = Participants’ statements
debat-field-moderation-post = Published at once, moderated afterwards
debat-field-moderation-pre = Read by a moderator before they are published
debat-field-opens-at = Opening
debat-field-opens-at-hint = Paris time. Empty: open from now.
debat-field-closes-at = Closing
debat-field-closes-at-hint = Paris time. Empty: no end date.
debat-field-challenge = Societal challenge
debat-field-challenge-none = None
debat-field-territories-hint = One per line, optional: commune, intercommunality, département or region, by name or code, for example “Brest”, “29” or “commune:29019”. 20 at most.
debat-field-initiatives = Initiatives concerned
debat-field-initiatives-hint = Optional: the address of each published initiative, one per line; the debate will show on their page.
debat-field-structure = Organising structure
debat-field-structure-hint = Optional: a structure you manage; its managers will be able to moderate the debate.
debat-form-create = Create the debate
debat-form-save = Save

question_required = Write the debate’s question.
question_too_short = The question is too short: 5 characters at least.
question_too_long = The question is too long: 200 characters at most.
conversation_description_too_long = The presentation is too long: 5,000 characters at most.
datetime_invalid = Date not recognised: pick it in the calendar, or write it as 2026-05-01 14:30.
closes_before_opens = The closing must come after the opening.
initiative_reference_invalid = Initiative address not recognised: copy the address of its page, for example https://…/initiatives/0190a5c8-….
initiative_unknown = This initiative does not exist or is not published.
structure_not_managed = Choose a structure you manage.
moderation_invalid = Choose how statements are moderated.
statement_required = Write your statement.
statement_too_long = This statement is too long: 280 characters at most.
statement_duplicate = This statement is already in this debate: vote on it instead.
statement_status_invalid = This statement status does not exist.
seed_duplicate = Line { $line }: this statement repeats the one on line { $first }.
seed-line-problem = Line { $line }: { $problem }
seeds_too_many = Too many starting statements: 100 at most.
vote_invalid = This vote does not exist: choose agree, disagree or pass.
statement_unknown = This statement does not exist in this debate.
statement_not_votable = This statement is not put to the vote (waiting to be read, or withdrawn).
conversation_closed = This debate is closed: votes and new statements are no longer taken.
conversation_not_open_yet = This debate is not open yet.
statements_closed = This debate takes no new statements.
moderation_decision_invalid = This moderation decision does not exist.

## Sortition: citizens' panels

nav-tirages = Sortition
tirages-title = Sortition
tirages-intro = A citizens’ panel is drawn by lot from volunteers, with quotas so that it looks like the population: age, gender, neighbourhood… The selection gives every volunteer as equal a chance as the quotas allow (the LEXIMIN method), and the draw uses a public seed: anyone can redo it.
tirages-create = New sortition
tirages-count-zero = No sortition yet
tirages-count =
    { $count ->
        [one] One sortition
       *[other] { $count } sortitions
    }
tirages-empty = No panel is being organised yet.
tirages-card-counts = { $size ->
        [one] Panel of one person
       *[other] Panel of { $size } people
    }, { $volunteers ->
        [0] no volunteer
        [one] one volunteer
       *[other] { $volunteers } volunteers
    }
tirage-phase-open = Registration open
tirage-phase-closed = Registration closed
tirage-phase-formed = Panel formed
tirage-closes-at = until { $date } at { $time } (Paris time)
tirage-formed-at = on { $date } at { $time } (Paris time)
tirage-date-time = on { $date } at { $time } (Paris time)
tirage-organised-by = Organised by
tirage-back-to-list = Back to sortitions
tirage-back = Back to the sortition
tirage-manage-link = Manage the sortition
tirage-edit-link = Edit the sortition
tirage-yes = yes
tirage-no = no
tirage-percent = { $value }%

tirage-form-new-title = New sortition
tirage-form-edit-title = Edit the sortition
tirage-form-new-intro = Describe the panel, its size and its quotas. Volunteers register on the sortition’s page, or you import their answers; you then compute the selection, and draw the panel with a public seed.
tirage-form-no-structure = A sortition is organised by a structure you manage.
tirage-form-create-structure = Create a structure
tirage-form-required-note = Fields marked “required” must be filled in.
tirage-form-section-panel = The panel
tirage-form-section-quotas = The quotas
tirage-form-section-dates = Registration and erasure
tirage-form-names-locked = Volunteers have registered: the names of categories and features can no longer change, only the minima and maxima can.
tirage-field-structure = Organising structure
tirage-field-structure-hint = A structure you manage; its managers organise the sortition with you.
tirage-field-structure-choose = Choose a structure
tirage-field-title = Title
tirage-field-title-hint = For example: Brest citizens’ assembly on transport; 200 characters at most.
tirage-field-purpose = Purpose of the panel
tirage-field-purpose-hint = Optional: what the panel will do, when, and what the people drawn will receive. Markdown formatting.
tirage-field-size = Panel size
tirage-field-size-hint = How many people to draw, from 1 to 1,000.
tirage-field-household = One person per household
tirage-field-household-hint = Two people of the same household cannot be drawn together; volunteers give their address or household name.
tirage-field-quotas = Quotas
tirage-field-quotas-hint = One line per feature: category, feature, minimum, maximum. For example: “Gender, Woman, 5, 7”. Each volunteer has one feature per category.
tirage-field-closes = Registration closes
tirage-field-closes-hint = Optional: registration stays open until the end of this day (Paris time), and closes at the draw in any case.
tirage-field-erase = Erasure of the pool (in days)
tirage-field-erase-hint = How many days, from 0 to 365, after the draw the volunteers not drawn are erased. 30 if empty.
tirage-form-create = Create the sortition
tirage-form-save = Save
sortition-line-problem = Line { $line }: { $problem }
sortition-quota-minima-above-size = Category “{ $category }”: the minima add up to { $sum }, more than the panel size ({ $size }).
sortition-quota-maxima-below-size = Category “{ $category }”: the maxima add up to { $sum }, less than the panel size ({ $size }).

tirage-about-title = In brief
tirage-about-size = Panel size
tirage-about-volunteers = Volunteers
tirage-about-closes = Registration closes
tirage-about-formed = Draw
tirage-about-household = One person per household
tirage-quotas-caption = The panel’s quotas: how many people of each feature
tirage-col-category = Category
tirage-col-feature = Feature
tirage-col-min = Minimum
tirage-col-max = Maximum
tirage-col-panel = In the panel
tirage-col-met = Quota
tirage-col-chance = Chance of being drawn
tirage-col-volunteers = Volunteers
tirage-col-number = Number
tirage-col-name = Name
tirage-col-email = E-mail
tirage-col-source = Source
tirage-col-status = Status
tirage-quota-met = met
tirage-quota-not-met = not met
tirage-privacy = Your features are used for this sortition only; only the organisers see them. Volunteers not drawn are erased { $days } days after the draw. This page shows numbers and totals only, never a name.

tirage-register-title = Volunteer
tirage-register-intro = Give one feature per category: they are used to meet the quotas.
tirage-choose = Choose
tirage-field-household-address = Address or household name
tirage-field-household-address-hint = Used only so that two people of one household are not drawn.
tirage-consent = I agree that my features are used for this sortition.
tirage-consent-hint = They are used for this selection only, seen by the organisers only, and erased { $days } days after the draw if you are not drawn.
tirage-register-submit = Register as a volunteer
tirage-sign-in-needed = Sign in to volunteer.
tirage-sign-in-to-register = Sign in to register
tirage-registration-closed = Registration is closed.
tirage-me = You are registered as number { $number }.
tirage-me-status-pool = You are in the pool of volunteers.
tirage-me-status-selected = You have been drawn: the organisers will contact you.
tirage-me-status-declined = You declined your seat on the panel.
tirage-withdraw = Withdraw my registration
tirage-notice-registered = Thank you! Your registration is recorded.
tirage-notice-withdrawn = Your registration is withdrawn.

tirage-selection-title = Selection
tirage-selection-intro = Before the draw, the selection computes each volunteer’s chance of being drawn, as equal as the quotas allow. Here are its figures.
tirage-selection-explain = The selection (LEXIMIN) gives every volunteer the highest possible chance of being drawn while meeting the quotas. It is computed again after every change of the pool.
tirage-selection-submit = Compute the selection (LEXIMIN)
tirage-figure-min = Lowest chance
tirage-figure-max = Highest chance
tirage-figure-gini = Gini coefficient
tirage-figure-gini-hint = The Gini coefficient is 0 when everyone has the same chance, and nears 1 when a few have all the chances.
tirage-figure-panels = Possible panels
tirage-figure-pool = Volunteers in the pool
tirage-histogram-title = Spread of the chances of being drawn
tirage-histogram-desc = Histogram: number of volunteers per range of chance, from { $min }% to { $max }%, out of { $pool } volunteers.
tirage-histogram-caption = Each bar counts the volunteers of a range of chance, from 0% to { $top }%.
tirage-histogram-data = The histogram’s data
tirage-chance-range = from { $from }% to { $to }%
tirage-fingerprint-announced = Fingerprint of the draw’s data, published before the seed is chosen:
tirage-announced-inputs = Download the announced data of the draw (JSON)

tirage-result-title = Result of the draw
tirage-quotas-met-caption = The quotas against the panel drawn
tirage-draw-title = Draw of the panel
tirage-replacement-title = Replacement no. { $round }
tirage-draw-seed = Seed
tirage-draw-date = Date
tirage-draw-numbers = { $count ->
        [one] Number drawn:
       *[other] Numbers drawn ({ $count }):
    }
tirage-draw-declined = Numbers replaced:
tirage-verify-intro = To check this draw:
tirage-verify-download = download its data (tirage-{ $round }.json);
tirage-verify-run = then run, with the Essaim software:

tirage-manage-title = Managing the sortition
tirage-volunteers-title = { $count ->
        [0] Volunteers
        [one] One volunteer
       *[other] { $count } volunteers
    }
tirage-volunteers-caption = The volunteers, their features and their chance of being drawn
tirage-volunteers-none = No volunteer yet.
tirage-source-registration = registration
tirage-source-import = import
tirage-status-pool = pool
tirage-status-selected = drawn
tirage-status-declined = declined
tirage-import-title = Import volunteers
tirage-import-intro = A CSV file, one row per person: one column per category ({ $columns }), and if you have them, “name”, “email” and “household”. The whole file is imported, or nothing.
tirage-import-file = CSV file of volunteers
tirage-import-file-hint = Encoded in UTF-8, the first row naming the columns.
tirage-import-submit = Import
tirage-import-refused = The file was not imported
tirage-done-import = { $count ->
        [one] One volunteer imported.
       *[other] { $count } volunteers imported.
    }
tirage-done-selection = The selection is computed.
tirage-done-tirage = The panel is drawn, with the seed “{ $seed }”.
tirage-done-remplacement = The replacements are drawn.
tirage-done-effacement = { $count ->
        [0] The pool is erased.
        [one] The pool is erased: one volunteer deleted.
       *[other] The pool is erased: { $count } volunteers deleted.
    }
tirage-infeasible-quota = { $category }: { $feature } asks for { $min } to { $max } people; the pool has { $pool }; the closest possible panel has { $closest }.
tirage-infeasible-unfilled = { $count ->
        [one] Even so, one seat would stay empty.
       *[other] Even so, { $count } seats would stay empty.
    }
tirage-draw-section = Draw
tirage-draw-explain = Choose a public seed nobody knows in advance, for example the numbers of a coming lottery draw, announced with the fingerprint above. The same draw, redone with the same seed, gives the same panel.
tirage-draw-needs-selection = Compute the selection first.
tirage-field-seed = Seed
tirage-field-seed-hint = Letters and digits; spaces and punctuation do not count. For example: 07 12 33 41 49 (5).
tirage-draw-submit = Draw the panel
tirage-replace-title = Replacements
tirage-replace-explain = Tick the people drawn who declined: their seats are drawn among the volunteers never drawn, meeting the quotas.
tirage-replace-legend = People drawn who decline
tirage-replace-volunteer = No. { $number } { $name }
tirage-replace-submit = Draw the replacements
tirage-erase-title = Erasure of the pool
tirage-erase-explain = The volunteers not drawn and those who declined will be erased on { $date } at { $time } (Paris time). You can erase them now; the people drawn stay.
tirage-erase-submit = Erase the pool now
tirage-erased-at = Pool erased on { $date } at { $time } (Paris time).

sortition_panel_larger_than_pool = The panel is larger than the pool: it needs more volunteers than seats.
sortition_empty_panel = The panel must have at least one person.
sortition_infeasible = The quotas cannot be met with this pool.
sortition_solver_failed = Computing the selection failed. Try again; if it happens again, tell the Essaim team.
sortition_legacy_failed = The greedy draw failed too many times: the quotas are too tight for it.
sortition_seed_empty = Write a seed: at least one letter or digit.
sortition_seed_too_long = This seed is too long: 200 characters at most.
sortition_no_selection = Compute the selection first.
sortition_nobody_declined = Tick at least one person who declines.
sortition_feature_missing = Choose a feature in this category.
sortition_feature_unknown = This feature does not exist in this category.
sortition_csv_malformed = unreadable CSV file
sortition_csv_missing_columns = missing columns
sortition_csv_empty = No rows: write at least one feature.
sortition_csv_empty_name = a category or feature name is empty
sortition_csv_number = minimum and maximum must be whole numbers
sortition_csv_min_above_max = the minimum is above the maximum
sortition_csv_duplicate_feature = this feature is listed twice
sortition_csv_unknown_feature = unknown feature in this category
sortition_csv_duplicate_id = this id is listed twice
sortition_csv_email_invalid = e-mail address not recognised
sortition_csv_not_utf8 = The file is not UTF-8: save it as “CSV UTF-8”.
sortition_import_duplicate = An e-mail address of the file is already registered for this sortition, or appears twice: nothing was imported.
sortition_import_size = Too many volunteers at once.
sortition_panel_formed = The panel is already drawn: the selection and the quotas no longer change.
sortition_pool_changed = The pool changed during the computation: compute the selection again.
sortition_pool_erased = The pool is erased.
sortition_panel_not_formed = The panel is not drawn yet.
sortition_draw_out_of_order = Another draw was just recorded: reload the page.
sortition_draw_mismatch = One of the people ticked is not on the panel.
sortition_not_in_pool = Only registrations still in the pool can be withdrawn.
sortition_title_required = Write the sortition’s title.
sortition_title_too_long = The title is too long: 200 characters at most.
sortition_purpose_too_long = The purpose is too long: 20,000 characters at most.
sortition_size_invalid = Write a whole number from 1 to 1,000.
sortition_erase_days_invalid = Write a number of days from 0 to 365.
sortition_quota_names_locked = Volunteers have registered: keep the same categories and features, only the minima and maxima can change.
sortition_household_required = Give your address or your household’s name.
sortition_household_too_long = This address is too long: 300 characters at most.
sortition_consent_required = Tick the box to agree to the use of your features; without it, you cannot register.
sortition_registration_closed = Registration for this sortition is closed.
sortition_already_registered = You are already registered for this sortition.
sortition_not_registered = You are not registered for this sortition.
