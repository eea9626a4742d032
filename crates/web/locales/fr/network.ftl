## The network's relations: the banner (charter) signed by structures, labels granted by the labelling committee, and accompaniment of initiatives by labelled support structures.

nav-network = Réseau
role-label_committee = Comité de labellisation

network-title = Le réseau
network-intro = Les structures qui signent la bannière s’engagent sur trois points, chacune avec ses mots. Les structures d’accompagnement, les financeurs et les évaluateurs peuvent demander un label, accordé par le comité de labellisation.
network-committee-link = Ouvrir la file du comité de labellisation
network-choose = Choisir…
network-markdown-hint = Texte simple ; la mise en forme Markdown est acceptée (**gras**, listes, liens).
network-reason-public-hint = Ce motif est public.
network-expired = expiré
network-valid-until = valable jusqu’au { $date }
network-agreed = d’accord pour publier.
network-not-agreed = pas encore d’accord.

network-kind-support = accompagnement
network-kind-funder = financement
network-kind-evaluator = évaluation
# Badges: only a label that counts is shown as “labelled”.
network-badge-support = Structure d’accompagnement labellisée
network-badge-funder = Financeur labellisé
network-badge-evaluator = Évaluateur labellisé
network-status-pending = demande en cours d’examen
network-status-granted = accordé
network-status-refused = refusé
network-status-revoked = retiré
network-status-expired = expiré, remplacé par une nouvelle demande

network-commitment-general_interest = Servir l’intérêt général
network-commitment-general_interest-hint = En quoi votre projet sert-il l’intérêt général ? Au moins 20 caractères.
network-commitment-governance = Gouvernance partagée et partage équitable de la valeur
network-commitment-governance-hint = Comment les décisions sont-elles prises à plusieurs, et comment la valeur créée est-elle partagée ? Au moins 20 caractères.
network-commitment-openness = Ouverture
network-commitment-openness-hint = Innovation ouverte, données ouvertes, logiciel libre : ce que vous ouvrez et comment. Au moins 20 caractères.

network-banner-title = La bannière
network-banner-intro = Les structures signataires et leurs réponses à la charte.
network-banner-none = Aucune structure n’a encore signé la bannière.
network-banner-answers = Lire ses réponses à la charte
network-banner-answers-of = Réponses de { $name } à la charte
network-banner-removed-title = Structures retirées de la bannière
network-banner-removed-notice = Cette structure a été retirée de la bannière par l’administration, pour ce motif :
network-banner-member = Signataire de la bannière
network-banner-not-signed = Cette structure n’a pas signé la bannière.
network-banner-sign = Signer la bannière
network-banner-update = Modifier vos réponses
network-banner-explain = Répondez à chacun des trois engagements avec vos propres mots. Vos réponses seront publiques.
network-banner-submit = Signer la bannière avec ces réponses
network-banner-withdraw = Retirer la signature de la bannière
network-banner-remove-title = Retirer cette structure de la bannière
network-banner-remove-reason = Motif du retrait
network-banner-remove-submit = Retirer de la bannière

network-labelled-title = Structures labellisées
network-labelled-none = Aucun label n’est en cours de validité.
network-labels-title = Labels
network-labels-none = Aucun label.
network-label-open = Suivre la demande : { $kind }
network-label-of = Label « { $kind } » : { $name }
network-label-structure = Structure
network-label-applied = Demande déposée le
network-label-expires = Échéance
network-label-reason = Motif de la dernière décision
network-apply-title = Demander un label
network-apply-intro = Le comité de labellisation examine la demande, peut vous poser des questions en commentaire, puis accorde ou refuse le label en motivant sa décision.
network-apply-kind = Type de label
network-apply-motivation = Motivation
network-apply-submit = Envoyer la demande

network-committee-title = Comité de labellisation
network-committee-pending = Demandes à examiner
network-committee-granted = Labels accordés
network-committee-closed = Demandes refusées et labels retirés
network-committee-empty = Rien ici pour l’instant.
network-decision-title = Décision du comité
network-decision-legend = Décision
network-decision-grant = Accorder le label
network-decision-refuse = Refuser la demande
network-decision-expires = Date d’échéance du label
network-decision-expires-hint = Le label est valable jusqu’à ce jour inclus (au plus cinq ans).
network-decision-reason = Motif
network-decision-submit = Enregistrer la décision
network-decision-closed = Cette demande est close.
network-renew-title = Renouveler le label
network-renew-submit = Renouveler jusqu’à cette date
network-revoke-title = Retirer le label
network-revoke-submit = Retirer le label
network-comments-title = Échanges sur la demande
network-comments-intro = Visibles par le comité et les responsables de la structure seulement.
network-comment-body = Votre message
network-comment-submit = Envoyer le message

network-structure-section = Réseau
network-structure-link = Bannière, labels et accompagnements de la structure
network-structure-title = Réseau : { $name }

network-accompaniments-title = Initiatives accompagnées
network-accompaniments-none = Aucun accompagnement.
network-accompaniment-proposed = proposé
network-accompaniment-active = en cours
network-accompaniment-declined = décliné
network-accompaniment-ended = terminé
network-accompaniment-open = Ouvrir le suivi de « { $title } »
network-accompaniment-title = Accompagnement de « { $title } » par { $structure }
network-accompaniment-private = Le suivi n’est visible que par la structure d’accompagnement et l’équipe de l’initiative.
network-accompaniment-structure = Structure d’accompagnement
network-accompaniment-initiative = Initiative
network-accompaniment-proposed-at = Proposé le
network-accompaniments-public = Accompagnement
network-accompaniment-by = Accompagnée par
network-propose-title = Proposer d’accompagner une initiative
network-propose-initiative = Adresse de l’initiative
network-propose-initiative-hint = Collez l’adresse de sa page, par exemple https://…/initiatives/…
network-propose-message = Message à l’équipe de l’initiative
network-propose-submit = Proposer l’accompagnement
network-propose-needs-label = Pour proposer un accompagnement, la structure doit détenir un label de structure d’accompagnement en cours de validité.
network-answer-title = Votre réponse
network-answer-accept = Accepter l’accompagnement
network-answer-decline = Décliner
network-log-title = Journal de suivi
network-log-empty = Le journal est vide.
network-log-add = Ajouter au journal
network-log-kind = Type
network-log-kind-meeting = Rencontre
network-log-kind-advice = Conseil
network-log-kind-milestone = Étape franchie
network-log-kind-next_step = Prochaine étape
network-log-date = Date
network-log-body = Compte rendu
network-log-submit = Ajouter au journal
network-summary-title = Résumé public
network-summary-intro = Le résumé n’est publié sur la page de l’initiative que si les deux parties sont d’accord. Modifier le texte annule l’accord de l’autre partie.
network-summary-structure = Structure d’accompagnement :
network-summary-initiative = Équipe de l’initiative :
network-summary-text = Résumé
network-summary-hint = Quelques phrases sur l’accompagnement, publiques si les deux parties sont d’accord.
network-summary-agree = J’accepte que ce résumé soit publié
network-summary-submit = Enregistrer
network-end-title = Mettre fin à l’accompagnement
network-end-submit = Mettre fin à l’accompagnement

network_banner_removed = Cette structure a été retirée de la bannière par l’administration : elle ne peut pas la signer de nouveau.
network_banner_not_signed = Cette structure n’a pas signé la bannière.
network_label_state = Cette demande de label a déjà changé d’état : rechargez la page.
network_label_conflict_of_interest = Vous appartenez à cette structure : un autre membre du comité de labellisation décide de son label.
network_label_already_open = Cette structure a déjà une demande en cours ou un label valable de ce type.
network_not_labelled = Seule une structure d’accompagnement labellisée peut proposer un accompagnement.
network_initiative_unknown = Aucune initiative publiée ne correspond à cette adresse.
network_accompaniment_exists = Cette structure accompagne déjà cette initiative, ou le lui a déjà proposé.
network_accompaniment_state = Cet accompagnement n’est pas dans un état qui permet cette action.
network_publication_changed = Le résumé ou l’accord d’une partie a changé depuis que vous avez ouvert la page : relisez-les, puis enregistrez de nouveau.
network_decision_invalid = Choisissez une décision.
network_answer_too_short = Répondez en au moins 20 caractères.
network_answer_too_long = Répondez en 3 000 caractères au plus.
network_reason_too_short = Écrivez un motif d’au moins 5 caractères.
network_reason_too_long = Le motif fait au plus 2 000 caractères.
network_text_missing = Écrivez un texte.
network_text_too_long = Le texte fait au plus 10 000 caractères.
network_date_invalid = Saisissez une date au format AAAA-MM-JJ.
network_date_too_far = La date est à plus d’un an d’aujourd’hui.
network_expiry_past = L’échéance doit être postérieure à aujourd’hui.
network_expiry_too_far = L’échéance est au plus dans cinq ans.
network_kind_invalid = Choisissez un type dans la liste.
network_invalid_value = Cette valeur n’est pas dans la liste.

network-data-title = Le réseau : labels et bannière
network-data-body = Les labels en cours de validité et les structures signataires de la bannière avec leurs réponses, sous Licence Ouverte. Aucune donnée personnelle.
network-data-labels-csv = Labels (CSV)
network-data-labels-schema = Schéma des labels (Table Schema)
network-data-banner-csv = Signataires de la bannière (CSV)
network-data-banner-schema = Schéma de la bannière (Table Schema)

network-mail-proposed-subject = { $structure } propose d’accompagner « { $initiative } »
network-mail-proposed-body =
    Bonjour,

    { $structure }, structure d’accompagnement labellisée, propose d’accompagner votre initiative « { $initiative } » sur Essaim.

    Pour lire la proposition, l’accepter ou la décliner, ouvrez ce lien :

    { $link }

    L’équipe d’Essaim
network-mail-label-subject = Label « { $kind } » de { $structure } : { $status }
network-mail-label-body =
    Bonjour,

    Le comité de labellisation a examiné la demande de label « { $kind } » de { $structure }. État : { $status }.

    Pour lire la décision et son motif, ouvrez ce lien :

    { $link }

    L’équipe d’Essaim
network-mail-label-comment-subject = Label « { $kind } » de { $structure } : un commentaire du comité
network-mail-label-comment-body =
    Bonjour,

    Le comité de labellisation a commenté la demande de label « { $kind } » de { $structure }.

    Pour le lire et répondre, ouvrez ce lien :

    { $link }

    L’équipe d’Essaim
network-mail-answered-subject = Accompagnement de « { $initiative } » : { $status }
network-mail-answered-body =
    Bonjour,

    L’équipe de l’initiative « { $initiative } » a répondu à votre proposition d’accompagnement. État : { $status }.

    Pour ouvrir le suivi, suivez ce lien :

    { $link }

    L’équipe d’Essaim
