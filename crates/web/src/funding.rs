//! Calls for projects, funds and prizes, and the applications to them: the rules shared by pages
//! and API.
//!
//! Who may do what:
//! - A call is opened, edited and published by the managers of a structure that holds a valid
//!   funder label (`network::holds_label`) when they act. A draft is seen by those managers
//!   only (404 for everyone else); a published or closed call is public.
//! - An application is made by a manager of the applicant structure, with an initiative that
//!   structure takes part in. Its managers read it at every stage; the call's funder managers
//!   read it once submitted (not drafts). Everyone else gets 404: nobody learns that another
//!   structure applied. `can_read_application` is the one place that says so; the review
//!   context extends it for the reviewers assigned to an application.
//! - A submission is refused at or after the call's closing time (the server's clock, checked
//!   again in the store's transaction) and when the structure or initiative is not eligible.
//!   It freezes the initiative (record and recipe) into the application.
//!
//! Every change of a call and every submission or withdrawal is audited; a submission mails a
//! receipt to the applicant structure's managers and a notice to the funder's managers.

use crate::error::AppError;
use crate::i18n::Locale;
use crate::state::AppState;
use essaim_domain::funding::{
    check_answer, check_eligibility, check_pdf, covered_territories, document_name, CallInput,
    Candidate, Eligibility, QuestionKind, Snapshot, ValidCall,
};
use essaim_domain::invalid::FieldErrors;
use essaim_domain::network::LabelKind;
use essaim_domain::structure::MemberRole;
use essaim_store::funding::{
    Answer, Application, Call, CallEdit, DocumentMeta, NewApplication, NewCall, NewCriterion,
    NewDocument, NewQuestion, Question,
};
use essaim_store::{utc_now, Initiative, Person, StoreError, Structure};
use sha2::{Digest, Sha256};
use uuid::Uuid;

/// A store refusal as people see it: a conflict of state with its message.
pub fn refusal(e: StoreError) -> AppError {
    match e {
        StoreError::Conflict(code) => AppError::Conflict(code),
        StoreError::AlreadyExists => AppError::Conflict("funding-application-exists"),
        other => other.into(),
    }
}

/// Why a form was not accepted: field messages, or an error of the request.
pub enum Failure {
    Invalid(FieldErrors),
    App(AppError),
}

impl<E: Into<AppError>> From<E> for Failure {
    fn from(e: E) -> Self {
        Failure::App(e.into())
    }
}

fn one(field: &'static str, code: &'static str) -> FieldErrors {
    let mut e = FieldErrors::new();
    e.add(field, essaim_domain::Invalid::new(code));
    e
}

/// Whether this person manages the structure (admins manage every structure).
pub async fn manages(
    state: &AppState,
    structure_id: Uuid,
    person: &Person,
) -> Result<bool, AppError> {
    crate::pages::structures::can_manage(state, structure_id, person).await
}

/// The structures this person manages that hold a valid funder label now: where they may
/// open calls.
pub async fn funder_structures(
    state: &AppState,
    person: &Person,
) -> Result<Vec<Structure>, AppError> {
    let now = utc_now();
    let mut out = vec![];
    for (s, role) in state.store.structures_of(person.id).await? {
        if role == MemberRole::Manager
            && crate::network::holds_label(state.store.as_ref(), s.id, LabelKind::Funder, now)
                .await?
        {
            out.push(s);
        }
    }
    Ok(out)
}

/// The structures this person manages: those they may apply for.
pub async fn managed_structures(
    state: &AppState,
    person: &Person,
) -> Result<Vec<Structure>, AppError> {
    Ok(state
        .store
        .structures_of(person.id)
        .await?
        .into_iter()
        .filter(|(_, role)| *role == MemberRole::Manager)
        .map(|(s, _)| s)
        .collect())
}

/// Whether this person runs the call: a manager of its funder structure.
pub async fn is_funder(
    state: &AppState,
    call: &Call,
    person: Option<&Person>,
) -> Result<bool, AppError> {
    match person {
        Some(p) => manages(state, call.structure_id, p).await,
        None => Ok(false),
    }
}

/// The call if this visitor may read it: 404 for drafts except to the funder's managers.
pub async fn readable_call(
    state: &AppState,
    id: Uuid,
    person: Option<&Person>,
) -> Result<Call, AppError> {
    let call = state.store.call(id).await?.ok_or(AppError::NotFound)?;
    if call.is_public() || is_funder(state, &call, person).await? {
        Ok(call)
    } else {
        Err(AppError::NotFound)
    }
}

/// The call if this person may change it: 404 when they may not read it, 403 when they read it
/// but do not run it.
pub async fn managed_call(state: &AppState, id: Uuid, person: &Person) -> Result<Call, AppError> {
    let call = readable_call(state, id, Some(person)).await?;
    if !is_funder(state, &call, Some(person)).await? {
        return Err(AppError::Forbidden);
    }
    Ok(call)
}

fn new_call(id: Uuid, structure_id: Uuid, v: ValidCall, person: &Person) -> NewCall {
    NewCall {
        id,
        structure_id,
        kind: v.kind.as_str().into(),
        title: v.title,
        description: v.description,
        currency: v.currency,
        budget_cents: v.budget_cents,
        min_award_cents: v.min_award_cents,
        max_award_cents: v.max_award_cents,
        opens_at: v.opens_at,
        closes_at: v.closes_at,
        decision_on: v.decision_on.map(|d| d.format("%Y-%m-%d").to_string()),
        reviewers_per_application: v.reviewers_per_application,
        publish_awards: v.publish_awards,
        eligibility: v.eligibility,
        criteria: v
            .criteria
            .into_iter()
            .map(|c| NewCriterion {
                name: c.name,
                description: c.description,
                weight: c.weight,
                scale_max: c.scale_max,
            })
            .collect(),
        questions: v
            .questions
            .into_iter()
            .map(|q| NewQuestion {
                label: q.label,
                kind: q.kind.as_str().into(),
                choices: q.choices.join("\n"),
                required: q.required,
            })
            .collect(),
        created_by: person.id,
        at: utc_now(),
    }
}

async fn validate(state: &AppState, input: &CallInput) -> Result<ValidCall, Failure> {
    let codes = crate::pages::names::challenge_codes(state).await?;
    input
        .validate(&|c| codes.iter().any(|k| k == c))
        .map_err(Failure::Invalid)
}

/// Opens a draft call for `structure_id`: its manager, holding the funder label.
pub async fn create_call(
    state: &AppState,
    person: &Person,
    structure_id: Uuid,
    input: &CallInput,
    ip: Option<&str>,
) -> Result<Call, Failure> {
    if !funder_structures(state, person)
        .await?
        .iter()
        .any(|s| s.id == structure_id)
    {
        return Err(Failure::Invalid(one("structure", "funding-not-funder")));
    }
    let v = validate(state, input).await?;
    let call = state
        .store
        .create_call(&new_call(Uuid::now_v7(), structure_id, v, person))
        .await
        .map_err(refusal)?;
    crate::audit::record(
        state,
        Some(person.id),
        "funding_call_created",
        format!("funding_call:{}", call.id),
        ip,
        call.title.clone(),
    )
    .await?;
    Ok(call)
}

/// Rewrites a draft whole; on a published call only the safe edits are taken (wording, a later
/// closing time, the date of decisions): applicants must not find the rules changed under them.
pub async fn update_call(
    state: &AppState,
    person: &Person,
    call: &Call,
    input: &CallInput,
    ip: Option<&str>,
) -> Result<Call, Failure> {
    let v = validate(state, input).await?;
    let updated = if call.status == "draft" {
        state
            .store
            .update_call(&new_call(call.id, call.structure_id, v, person))
            .await
            .map_err(refusal)?
    } else {
        if v.closes_at < call.closes_at {
            return Err(Failure::Invalid(one("closes_at", "funding-closes-earlier")));
        }
        state
            .store
            .edit_published_call(
                call.id,
                &CallEdit {
                    description: v.description,
                    closes_at: v.closes_at,
                    decision_on: v.decision_on.map(|d| d.format("%Y-%m-%d").to_string()),
                    at: utc_now(),
                },
            )
            .await
            .map_err(refusal)?
    };
    crate::audit::record(
        state,
        Some(person.id),
        "funding_call_updated",
        format!("funding_call:{}", call.id),
        ip,
        String::new(),
    )
    .await?;
    Ok(updated)
}

/// Publishes a draft (the funder label must still hold) or closes a published call.
pub async fn move_call(
    state: &AppState,
    person: &Person,
    call: &Call,
    to: &str,
    ip: Option<&str>,
) -> Result<Call, AppError> {
    let from = match to {
        "published" => "draft",
        "closed" => "published",
        _ => return Err(AppError::Unprocessable("funding-status-invalid")),
    };
    if to == "published"
        && !crate::network::holds_label(
            state.store.as_ref(),
            call.structure_id,
            LabelKind::Funder,
            utc_now(),
        )
        .await?
    {
        return Err(AppError::Conflict("funding-not-funder"));
    }
    let moved = state
        .store
        .set_call_status(call.id, from, to, utc_now())
        .await
        .map_err(refusal)?;
    crate::audit::record(
        state,
        Some(person.id),
        "funding_call_status",
        format!("funding_call:{}", call.id),
        ip,
        format!("{from} -> {to}"),
    )
    .await?;
    Ok(moved)
}

/// The form values of a call, for editing.
pub fn call_input(
    call: &Call,
    e: &Eligibility,
    criteria: &[essaim_store::funding::Criterion],
    questions: &[Question],
) -> CallInput {
    let amount = |c: i64| essaim_domain::funding::decimal_amount(c);
    CallInput {
        kind: call.kind.clone(),
        title: call.title.clone(),
        description: call.description.clone(),
        currency: call.currency.clone(),
        budget: amount(call.budget_cents),
        min_award: amount(call.min_award_cents),
        max_award: amount(call.max_award_cents),
        opens_at: essaim_domain::funding::paris_input(call.opens_at),
        closes_at: essaim_domain::funding::paris_input(call.closes_at),
        decision_on: call.decision_on.clone().unwrap_or_default(),
        reviewers_per_application: call.reviewers_per_application.to_string(),
        publish_awards: call.publish_awards,
        eligibility: e.clone(),
        criteria: criteria
            .iter()
            .map(|c| essaim_domain::funding::CriterionInput {
                name: c.name.clone(),
                description: c.description.clone(),
                weight: c.weight.to_string(),
                scale_max: c.scale_max.to_string(),
            })
            .collect(),
        questions: questions
            .iter()
            .map(|q| essaim_domain::funding::QuestionInput {
                label: q.label.clone(),
                kind: q.kind.clone(),
                choices: q.choices.clone(),
                required: q.required,
            })
            .collect(),
    }
}

/// What eligibility is checked against for this structure and initiative.
pub fn candidate(state: &AppState, structure: &Structure, i: &Initiative) -> Candidate {
    Candidate {
        structure_kind: structure.kind.as_str().into(),
        challenges: i.content.challenges.clone(),
        territories: covered_territories(&i.content.territories, state.territories),
        stage: i.content.stage.as_str().into(),
    }
}

/// Whether this person may read the application: the applicant structure's managers always;
/// the call's funder managers once it was submitted. The review context adds the reviewers
/// assigned to it (see crates/web/src/review.rs).
pub async fn can_read_application(
    state: &AppState,
    a: &Application,
    person: &Person,
) -> Result<bool, AppError> {
    if manages(state, a.structure_id, person).await? {
        return Ok(true);
    }
    if a.submitted_at.is_some() {
        let Some(call) = state.store.call(a.call_id).await? else {
            return Ok(false);
        };
        if manages(state, call.structure_id, person).await? {
            return Ok(true);
        }
        // A reviewer reads what is assigned to them, unless excluded since (a membership of
        // the applicant or a partner taken after the assignment); a declared conflict removes
        // the assignment.
        if state.store.is_assigned(a.id, person.id).await?
            && crate::review::exclusion_of(state, &call, a, person.id)
                .await?
                .is_none()
        {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The status an applicant sees: a decision stays "submitted" until the funder sends it.
pub fn shown_status(a: &Application, as_funder: bool) -> &str {
    if !as_funder
        && a.decision_sent_at.is_none()
        && matches!(a.status.as_str(), "granted" | "refused" | "waitlisted")
    {
        "submitted"
    } else {
        &a.status
    }
}

/// The application if this person may read it; 404 otherwise (its existence is private).
pub async fn readable_application(
    state: &AppState,
    id: Uuid,
    person: Option<&Person>,
) -> Result<Application, AppError> {
    let a = state
        .store
        .application(id)
        .await?
        .ok_or(AppError::NotFound)?;
    match person {
        Some(p) if can_read_application(state, &a, p).await? => Ok(a),
        _ => Err(AppError::NotFound),
    }
}

/// The application if this person applies with it (a manager of the applicant structure):
/// 404 when they may not read it, 403 when they read it as the funder.
pub async fn own_application(
    state: &AppState,
    id: Uuid,
    person: &Person,
) -> Result<Application, AppError> {
    let a = readable_application(state, id, Some(person)).await?;
    if !manages(state, a.structure_id, person).await? {
        return Err(AppError::Forbidden);
    }
    Ok(a)
}

/// The initiatives a structure may apply with: those it takes part in, not drafts.
pub async fn initiatives_of(
    state: &AppState,
    structure_id: Uuid,
) -> Result<Vec<Initiative>, AppError> {
    Ok(state
        .store
        .initiatives_of_structure(structure_id)
        .await?
        .into_iter()
        .map(|(i, _)| i)
        .filter(|i| i.status != essaim_domain::initiative::Status::Draft)
        .collect())
}

/// Checks that the structure may apply to the call with the initiative (its manager, its
/// initiative, the call open and the pair eligible); the field of the form and the message
/// otherwise.
async fn check_candidate(
    state: &AppState,
    person: &Person,
    call: &Call,
    structure_id: Uuid,
    initiative_id: Uuid,
) -> Result<(Structure, Initiative), Failure> {
    if !call.is_public() {
        return Err(Failure::App(AppError::NotFound));
    }
    let now = utc_now();
    if now >= call.closes_at {
        return Err(Failure::Invalid(one(
            "structure",
            "funding-deadline-passed",
        )));
    }
    if !call.is_open(now) {
        return Err(Failure::Invalid(one("structure", "funding-call-not-open")));
    }
    let Some(structure) = state.store.structure(structure_id).await? else {
        return Err(Failure::Invalid(one(
            "structure",
            "funding-structure-not-managed",
        )));
    };
    if !manages(state, structure_id, person).await? {
        return Err(Failure::Invalid(one(
            "structure",
            "funding-structure-not-managed",
        )));
    }
    let Some(initiative) = initiatives_of(state, structure_id)
        .await?
        .into_iter()
        .find(|i| i.id == initiative_id)
    else {
        return Err(Failure::Invalid(one(
            "initiative",
            "funding-initiative-not-of-structure",
        )));
    };
    let e = state.store.call_eligibility(call.id).await?;
    check_eligibility(&e, &candidate(state, &structure, &initiative))
        .map_err(|i| Failure::Invalid(one("initiative", i.code)))?;
    Ok((structure, initiative))
}

/// Starts a draft application.
pub async fn start_application(
    state: &AppState,
    person: &Person,
    call: &Call,
    structure_id: Uuid,
    initiative_id: Uuid,
) -> Result<Application, Failure> {
    check_candidate(state, person, call, structure_id, initiative_id).await?;
    let a = state
        .store
        .create_application(&NewApplication {
            id: Uuid::now_v7(),
            call_id: call.id,
            structure_id,
            initiative_id,
            created_by: person.id,
            at: utc_now(),
        })
        .await
        .map_err(|e| match e {
            StoreError::AlreadyExists => {
                Failure::Invalid(one("initiative", "funding-application-exists"))
            }
            other => Failure::App(refusal(other)),
        })?;
    Ok(a)
}

/// Checks and saves the answers of a draft (by question id); blank answers are kept blank.
pub async fn save_answers(
    state: &AppState,
    a: &Application,
    given: &[(Uuid, String)],
) -> Result<(), Failure> {
    let questions = state.store.call_questions(a.call_id).await?;
    let mut errors = FieldErrors::new();
    let mut answers = vec![];
    for q in &questions {
        let kind = QuestionKind::parse(&q.kind).unwrap_or(QuestionKind::Text);
        if kind == QuestionKind::File {
            continue;
        }
        let value = given
            .iter()
            .find(|(id, _)| *id == q.id)
            .map(|(_, v)| v.as_str())
            .unwrap_or("");
        match check_answer(kind, &q.choice_list(), value) {
            Ok(v) => answers.push(Answer {
                question_id: q.id,
                value: v,
            }),
            Err(i) => errors.add(question_field(q), i),
        }
    }
    if !errors.is_empty() {
        return Err(Failure::Invalid(errors));
    }
    state
        .store
        .save_answers(a.id, &answers, utc_now())
        .await
        .map_err(refusal)?;
    Ok(())
}

/// The form field of a question: `q-<position>` (a field name must be `'static`; ten at most).
pub fn question_field(q: &Question) -> &'static str {
    const NAMES: [&str; 10] = [
        "q-0", "q-1", "q-2", "q-3", "q-4", "q-5", "q-6", "q-7", "q-8", "q-9",
    ];
    NAMES.get(q.position as usize).copied().unwrap_or("q-9")
}

/// Uploads a person may make per hour, pages and API together: each stores up to 10 MB.
pub const UPLOADS_PER_PERSON: crate::throttle::Limit = crate::throttle::Limit {
    name: "funding:upload",
    max: 30,
    window: chrono::Duration::hours(1),
};

/// Checks a PDF and adds it to a draft application (throttled per person; the store refuses
/// it past the documents' limits of an application).
pub async fn add_document(
    state: &AppState,
    person: &Person,
    a: &Application,
    question_id: Option<Uuid>,
    name: &str,
    bytes: Vec<u8>,
) -> Result<DocumentMeta, Failure> {
    crate::throttle::check(state, UPLOADS_PER_PERSON, &person.id.to_string()).await?;
    if a.status != "draft" {
        return Err(Failure::App(AppError::Conflict(
            "funding-application-not-draft",
        )));
    }
    check_pdf(&bytes).map_err(|i| {
        let mut e = FieldErrors::new();
        e.add("document", i);
        Failure::Invalid(e)
    })?;
    let question_id = match question_id {
        Some(q) => {
            let questions = state.store.call_questions(a.call_id).await?;
            questions
                .iter()
                .find(|x| x.id == q && x.kind == "file")
                .map(|x| x.id)
        }
        None => None,
    };
    let sha = hex(&Sha256::digest(&bytes));
    let meta = state
        .store
        .add_document(&NewDocument {
            id: Uuid::now_v7(),
            application_id: a.id,
            question_id,
            name: document_name(name),
            sha256: sha,
            data: bytes,
            uploaded_by: person.id,
            at: utc_now(),
        })
        .await
        .map_err(refusal)?;
    Ok(meta)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Submits a draft: required questions answered, the pair still eligible, the initiative
/// frozen; the store refuses it at or after the closing time. Mails the applicant's managers
/// (receipt) and the funder's managers (notice).
pub async fn submit(
    state: &AppState,
    person: &Person,
    a: &Application,
    ip: Option<&str>,
) -> Result<Application, Failure> {
    if a.status != "draft" {
        return Err(Failure::App(AppError::Conflict(
            "funding-application-not-draft",
        )));
    }
    let call = state
        .store
        .call(a.call_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if utc_now() >= call.closes_at {
        return Err(Failure::App(AppError::Conflict("funding-deadline-passed")));
    }
    let (_, initiative) =
        check_candidate(state, person, &call, a.structure_id, a.initiative_id).await?;
    let questions = state.store.call_questions(a.call_id).await?;
    let answers = state.store.answers(a.id).await?;
    let documents = state.store.documents(a.id).await?;
    let mut errors = FieldErrors::new();
    for q in questions.iter().filter(|q| q.required) {
        let answered = if q.kind == "file" {
            documents.iter().any(|d| d.question_id == Some(q.id))
        } else {
            answers
                .iter()
                .any(|x| x.question_id == q.id && !x.value.is_empty())
        };
        if !answered {
            errors.add(
                question_field(q),
                essaim_domain::Invalid::new("funding-answer-required"),
            );
        }
    }
    if !errors.is_empty() {
        return Err(Failure::Invalid(errors));
    }
    let now = utc_now();
    let snapshot = Snapshot {
        initiative_id: initiative.id,
        revision: initiative.revision,
        frozen_at: now,
        content: initiative.content.clone(),
    };
    let submitted = state
        .store
        .submit_application(a.id, &snapshot.to_json(), now)
        .await
        .map_err(refusal)?;
    crate::audit::record(
        state,
        Some(person.id),
        "funding_application_submitted",
        format!("funding_application:{}", a.id),
        ip,
        format!("funding_call:{}", call.id),
    )
    .await?;
    let args = [
        ("call", call.title.clone()),
        ("structure", a.structure_name.clone()),
        ("initiative", initiative.content.title.clone()),
        (
            "url",
            format!("{}/candidatures/{}", state.config.base_url, a.id),
        ),
    ];
    notify_managers(state, a.structure_id, None, "mail-funding-receipt", &args).await?;
    notify_managers(
        state,
        call.structure_id,
        Some(person.id),
        "mail-funding-notice",
        &args,
    )
    .await?;
    Ok(submitted)
}

/// Mails the managers of a structure (but `skip`), in French, the platform's first language.
async fn notify_managers(
    state: &AppState,
    structure_id: Uuid,
    skip: Option<Uuid>,
    id: &str,
    args: &[(&str, String)],
) -> Result<(), AppError> {
    for m in state.store.members(structure_id).await? {
        if m.role != MemberRole::Manager || Some(m.person_id) == skip {
            continue;
        }
        if let Some(p) = state.store.person(m.person_id).await? {
            if p.email_confirmed_at.is_some() && crate::mail::mailable(&p.email) {
                crate::mail::send(state, Locale::Fr, &p.email, id, args).await?;
            }
        }
    }
    Ok(())
}

/// Withdraws an application before any decision.
pub async fn withdraw(
    state: &AppState,
    person: &Person,
    a: &Application,
    ip: Option<&str>,
) -> Result<Application, AppError> {
    let done = state
        .store
        .withdraw_application(a.id, utc_now())
        .await
        .map_err(refusal)?;
    crate::audit::record(
        state,
        Some(person.id),
        "funding_application_withdrawn",
        format!("funding_application:{}", a.id),
        ip,
        String::new(),
    )
    .await?;
    Ok(done)
}

/// The open calls this initiative is eligible to, for one of the structures it involves: the
/// block "Appels qui vous correspondent" of its page.
pub async fn matching_calls(state: &AppState, i: &Initiative) -> Result<Vec<Call>, AppError> {
    let now = utc_now();
    let calls = state
        .store
        .list_calls(&essaim_store::funding::CallFilter {
            open_at: Some(now),
            ..Default::default()
        })
        .await?;
    if calls.is_empty() {
        return Ok(vec![]);
    }
    let mut structures = vec![];
    for (id, _) in &i.content.structures {
        if let Some(s) = state.store.structure(*id).await? {
            structures.push(s);
        }
    }
    let mut out = vec![];
    for call in calls {
        let e = state.store.call_eligibility(call.id).await?;
        let fits = if structures.is_empty() {
            false
        } else {
            structures
                .iter()
                .any(|s| check_eligibility(&e, &candidate(state, s, i)).is_ok())
        };
        if fits {
            out.push(call);
        }
    }
    Ok(out)
}
