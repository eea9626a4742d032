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
territory_unknown = Territory not found: choose one from the suggestions or look its code up on the Territories page.
territory_malformed = This territory reference is malformed: it is written level:code, for example commune:29019.
description_too_long = The presentation must be at most 10,000 characters long.
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
