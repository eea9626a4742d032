//! Review of funding applications and decisions: the rules shared by pages and API.
//!
//! Who may do what:
//! - The call's funder (managers of its funder structure; admins too) names and removes
//!   reviewers, runs the assignment, reads the table of every submitted review, chooses which
//!   shareable comments go to the applicant, records decisions and sends them. Anyone else who
//!   may read the call gets 403 on these; a draft call stays 404 (`funding::managed_call`).
//! - A reviewer (a person named on the call) reads and scores the applications assigned to
//!   them, unless excluded: automatically when they belong to the applicant structure or to
//!   any structure linked to the application's initiative (`domain::review::automatic_exclusion`,
//!   recomputed from the memberships at each request), or by a conflict they declared. Scoring
//!   what is not assigned or excluded is 403. They see the other reviewers' scores of an
//!   application only once they submitted their own.
//! - The applicant structure's managers see the decision and the comments the funder chose to
//!   share, only once the decision was sent.
//!
//! Naming or removing a reviewer, running the assignment, declaring a conflict, recording and
//! sending decisions are audited. Reviewers are mailed when named and when assigned; the
//! applicant's managers when the decision is sent.

use crate::error::AppError;
use crate::funding::{self, Failure};
use crate::i18n::Locale;
use crate::state::AppState;
use essaim_domain::invalid::{FieldErrors, Invalid};
use essaim_domain::review::{
    self as rules, assign, automatic_exclusion, check_comment, check_conflict_reason,
    check_decision, check_scores, review_total, stats, Assignment, Criterion, DecisionInput,
    Exclusion, Stats,
};
use essaim_domain::structure::MemberRole;
use essaim_store::funding::{Application, Call};
use essaim_store::review::{
    conflict, NewConflict, NewDecision, NewReview, Review, Reviewer, Score,
};
use essaim_store::{utc_now, Person, StoreError};
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// Whether an application is in review: submitted, not withdrawn.
pub fn in_review(a: &Application) -> bool {
    a.submitted_at.is_some() && a.status != "withdrawn" && a.status != "draft"
}

/// A store refusal of this context as people see it.
pub fn refusal(e: StoreError) -> AppError {
    match e {
        StoreError::Conflict(conflict::NOT_ASSIGNED) => AppError::Forbidden,
        StoreError::Conflict(code) => AppError::Conflict(code),
        other => other.into(),
    }
}

fn one(field: &'static str, code: &'static str) -> FieldErrors {
    let mut e = FieldErrors::new();
    e.add(field, Invalid::new(code));
    e
}

/// The call if this person runs it: 404 when they may not read it, 403 otherwise.
pub async fn funder_call(state: &AppState, id: Uuid, person: &Person) -> Result<Call, AppError> {
    funding::managed_call(state, id, person).await
}

pub async fn is_reviewer(
    state: &AppState,
    call_id: Uuid,
    person_id: Uuid,
) -> Result<bool, AppError> {
    Ok(state
        .store
        .reviewers(call_id)
        .await?
        .iter()
        .any(|r| r.person_id == person_id))
}

/// Namings a funder may make per hour, pages and API together: each one mails a person.
pub const NAMINGS_PER_FUNDER: crate::throttle::Limit = crate::throttle::Limit {
    name: "review:name",
    max: 60,
    window: chrono::Duration::hours(1),
};

/// Whether this is the first time this person is named to this call: a person named, removed
/// and named again is mailed once. Counted in the throttle table under a window that starts
/// at a fixed far date, which the purge of past windows never reaches.
async fn first_naming(state: &AppState, call: Uuid, person: Uuid) -> Result<bool, AppError> {
    let never_purged = chrono::DateTime::<chrono::Utc>::from_timestamp(253_402_214_400, 0)
        .expect("9999-12-31 is a valid instant");
    let key = format!("review:named:{call}:{person}");
    Ok(state.store.hit(&key, never_purged).await? == 1)
}

/// Names a reviewer, found by their e-mail address, and mails them (the first time only);
/// throttled per funder.
pub async fn name_reviewer(
    state: &AppState,
    call: &Call,
    by: &Person,
    email: &str,
    ip: Option<&str>,
) -> Result<Reviewer, Failure> {
    crate::throttle::check(state, NAMINGS_PER_FUNDER, &by.id.to_string()).await?;
    let email = email.trim().to_lowercase();
    if email.is_empty() {
        return Err(Failure::Invalid(one("email", "review_reviewer_required")));
    }
    let Some(person) = state.store.person_by_email(&email).await? else {
        return Err(Failure::Invalid(one("email", "review_reviewer_unknown")));
    };
    let reviewer = match state
        .store
        .add_reviewer(call.id, person.id, by.id, utc_now())
        .await
    {
        Ok(r) => r,
        Err(StoreError::AlreadyExists) => {
            return Err(Failure::Invalid(one("email", "review_reviewer_already")))
        }
        Err(e) => return Err(e.into()),
    };
    crate::audit::record(
        state,
        Some(by.id),
        "review.reviewer_named",
        format!("call:{}", call.id),
        ip,
        format!("person:{}", person.id),
    )
    .await?;
    if crate::mail::mailable(&person.email) && first_naming(state, call.id, person.id).await? {
        let args = [
            ("title", call.title.clone()),
            ("funder", call.structure_name.clone()),
            ("link", format!("{}/evaluations", state.config.base_url)),
        ];
        crate::mail::send(state, Locale::Fr, &person.email, "mail-review-named", &args).await?;
    }
    Ok(reviewer)
}

/// Removes a reviewer (their drafts and assignments go; submitted reviews stay).
pub async fn remove_reviewer(
    state: &AppState,
    call: &Call,
    by: &Person,
    person_id: Uuid,
    ip: Option<&str>,
) -> Result<(), AppError> {
    match state.store.remove_reviewer(call.id, person_id).await {
        Ok(()) => {}
        Err(StoreError::NotFound) => return Err(AppError::NotFound),
        Err(e) => return Err(e.into()),
    }
    crate::audit::record(
        state,
        Some(by.id),
        "review.reviewer_removed",
        format!("call:{}", call.id),
        ip,
        format!("person:{person_id}"),
    )
    .await
}

/// Every excluded (application, reviewer) pair of the call, with why.
pub async fn exclusions(
    state: &AppState,
    call: &Call,
    applications: &[Application],
    reviewers: &[Reviewer],
) -> Result<HashMap<(Uuid, Uuid), Exclusion>, AppError> {
    let facts = state.store.exclusion_facts(call.id).await?;
    let mut out = HashMap::new();
    for a in applications {
        let partners: Vec<Uuid> = facts
            .partners
            .iter()
            .filter(|(app, _)| *app == a.id)
            .map(|(_, s)| *s)
            .collect();
        for r in reviewers {
            let structures: Vec<Uuid> = facts
                .memberships
                .iter()
                .filter(|(p, _)| *p == r.person_id)
                .map(|(_, s)| *s)
                .collect();
            if let Some(x) = automatic_exclusion(&structures, a.structure_id, &partners) {
                out.insert((a.id, r.person_id), x);
            }
        }
    }
    for c in state.store.conflicts(call.id).await? {
        out.entry((c.application_id, c.person_id))
            .or_insert(Exclusion::Declared);
    }
    Ok(out)
}

/// Why this person may not review this application, if they may not.
pub async fn exclusion_of(
    state: &AppState,
    call: &Call,
    a: &Application,
    person_id: Uuid,
) -> Result<Option<Exclusion>, AppError> {
    let reviewers: Vec<Reviewer> = state
        .store
        .reviewers(call.id)
        .await?
        .into_iter()
        .filter(|r| r.person_id == person_id)
        .collect();
    Ok(exclusions(state, call, std::slice::from_ref(a), &reviewers)
        .await?
        .get(&(a.id, person_id))
        .copied())
}

/// Runs the assignment over the call's applications in review and its reviewers, keeping the
/// pairs still allowed; mails every reviewer who received new applications.
pub async fn run_assignment(
    state: &AppState,
    call: &Call,
    actor: Option<Uuid>,
    ip: Option<&str>,
) -> Result<Assignment, AppError> {
    let applications: Vec<Application> = state
        .store
        .applications_of_call(call.id)
        .await?
        .into_iter()
        .filter(in_review)
        .collect();
    let reviewers = state.store.reviewers(call.id).await?;
    let excluded: HashSet<(Uuid, Uuid)> = exclusions(state, call, &applications, &reviewers)
        .await?
        .into_keys()
        .collect();
    let existing = state.store.assignments(call.id).await?;
    let app_ids: Vec<Uuid> = applications.iter().map(|a| a.id).collect();
    let reviewer_ids: Vec<Uuid> = reviewers.iter().map(|r| r.person_id).collect();
    let k = call.reviewers_per_application.max(0) as usize;
    let out = assign(&app_ids, &reviewer_ids, k, &excluded, &existing);
    let added = state
        .store
        .replace_assignments(call.id, &out.pairs, utc_now())
        .await?;
    crate::audit::record(
        state,
        actor,
        "review.assigned",
        format!("call:{}", call.id),
        ip,
        format!(
            "pairs:{} new:{} shortfalls:{}",
            out.pairs.len(),
            added.len(),
            out.shortfalls.len()
        ),
    )
    .await?;
    for r in &reviewers {
        let count = added.iter().filter(|(_, p)| *p == r.person_id).count();
        if count > 0 && crate::mail::mailable(&r.email) {
            let args = [
                ("title", call.title.clone()),
                ("count", count.to_string()),
                ("link", format!("{}/evaluations", state.config.base_url)),
            ];
            crate::mail::send(state, Locale::Fr, &r.email, "mail-review-assigned", &args).await?;
        }
    }
    Ok(out)
}

/// A reviewer declares a conflict of interest on an application of a call they review; the
/// pair's assignment and review go, and the assignment runs again to replace them.
pub async fn declare_conflict(
    state: &AppState,
    call: &Call,
    a: &Application,
    person: &Person,
    reason: &str,
    ip: Option<&str>,
) -> Result<(), Failure> {
    if !is_reviewer(state, call.id, person.id).await? {
        return Err(AppError::Forbidden.into());
    }
    let reason = match check_conflict_reason(reason) {
        Ok(r) => r,
        Err(i) => return Err(Failure::Invalid(one("reason", i.code))),
    };
    state
        .store
        .declare_conflict(&NewConflict {
            application_id: a.id,
            person_id: person.id,
            reason,
            at: utc_now(),
        })
        .await?;
    crate::audit::record(
        state,
        Some(person.id),
        "review.conflict_declared",
        format!("application:{}", a.id),
        ip,
        String::new(),
    )
    .await?;
    run_assignment(state, call, Some(person.id), ip).await?;
    Ok(())
}

/// The application and its call, if this person may score it: 404 when they may not know it
/// exists, 403 when they know it (a reviewer of the call, its funder, its applicant) but it is
/// not assigned to them or they are excluded from it.
pub async fn scorable(
    state: &AppState,
    id: Uuid,
    person: &Person,
) -> Result<(Application, Call), AppError> {
    let a = state
        .store
        .application(id)
        .await?
        .ok_or(AppError::NotFound)?;
    let call = state
        .store
        .call(a.call_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let reviewer = is_reviewer(state, call.id, person.id).await?;
    if !reviewer {
        return Err(if funding::can_read_application(state, &a, person).await? {
            AppError::Forbidden
        } else {
            AppError::NotFound
        });
    }
    if !in_review(&a)
        || exclusion_of(state, &call, &a, person.id).await?.is_some()
        || !state.store.is_assigned(a.id, person.id).await?
    {
        return Err(AppError::Forbidden);
    }
    Ok((a, call))
}

pub async fn criteria(state: &AppState, call: &Call) -> Result<Vec<Criterion>, AppError> {
    Ok(state
        .store
        .call_criteria(call.id)
        .await?
        .into_iter()
        .map(|c| Criterion {
            id: c.id,
            weight: f64::from(c.weight),
            scale_max: i64::from(c.scale_max),
        })
        .collect())
}

/// A review as typed: one score per criterion ("" for none yet).
#[derive(Debug, Clone, Default)]
pub struct ReviewInput {
    pub scores: Vec<(Uuid, String)>,
    pub private_comment: String,
    pub shared_comment: String,
    pub submit: bool,
}

/// Why a review was not saved: messages per criterion and per field, or a refusal.
pub enum ReviewFailure {
    Invalid {
        scores: Vec<(Uuid, &'static str)>,
        fields: FieldErrors,
    },
    App(AppError),
}

impl<E: Into<AppError>> From<E> for ReviewFailure {
    fn from(e: E) -> Self {
        ReviewFailure::App(e.into())
    }
}

/// Saves a draft or submits a review (see `scorable` for who may).
pub async fn save_review(
    state: &AppState,
    call: &Call,
    a: &Application,
    person: &Person,
    input: &ReviewInput,
) -> Result<Review, ReviewFailure> {
    let criteria = criteria(state, call).await?;
    let mut score_errors: Vec<(Uuid, &'static str)> = vec![];
    let mut scores: HashMap<Uuid, i64> = HashMap::new();
    for (id, typed) in &input.scores {
        let typed = typed.trim();
        if typed.is_empty() {
            continue;
        }
        match typed.parse::<i64>() {
            Ok(n) => {
                scores.insert(*id, n);
            }
            Err(_) => score_errors.push((*id, "review_score_not_a_number")),
        }
    }
    if let Err(errors) = check_scores(&criteria, &scores, input.submit) {
        for (id, i) in errors {
            if !score_errors.iter().any(|(x, _)| *x == id) {
                score_errors.push((id, i.code));
            }
        }
    }
    let mut fields = FieldErrors::new();
    let private = fields.check("private_comment", check_comment(&input.private_comment));
    let shared = fields.check("shared_comment", check_comment(&input.shared_comment));
    if !score_errors.is_empty() {
        fields.add("scores", Invalid::new(score_errors[0].1));
    }
    let (Some(private_comment), Some(shared_comment)) = (private, shared) else {
        return Err(ReviewFailure::Invalid {
            scores: score_errors,
            fields,
        });
    };
    if !fields.is_empty() {
        return Err(ReviewFailure::Invalid {
            scores: score_errors,
            fields,
        });
    }
    let mut scores: Vec<(Uuid, i64)> = scores.into_iter().collect();
    scores.sort();
    state
        .store
        .save_review(&NewReview {
            id: Uuid::now_v7(),
            application_id: a.id,
            reviewer_id: person.id,
            private_comment,
            shared_comment,
            scores,
            submit: input.submit,
            at: utc_now(),
        })
        .await
        .map_err(|e| ReviewFailure::App(refusal(e)))
}

/// One review's scores by criterion.
pub fn scores_map(scores: &[Score], review: Uuid) -> HashMap<Uuid, i64> {
    scores
        .iter()
        .filter(|s| s.review_id == review)
        .map(|s| (s.criterion_id, s.score))
        .collect()
}

/// The reviews of an application this person may read, with their scores: every submitted
/// review for the funder; for an assigned reviewer their own, and the others' submitted ones
/// once theirs is submitted, without their private comments. 403/404 for anyone else (see
/// `scorable`).
pub async fn readable_reviews(
    state: &AppState,
    id: Uuid,
    person: &Person,
) -> Result<(Application, Call, Vec<(Review, Vec<Score>)>), AppError> {
    let a = state
        .store
        .application(id)
        .await?
        .ok_or(AppError::NotFound)?;
    let call = state
        .store
        .call(a.call_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let funder = funding::is_funder(state, &call, Some(person)).await? && a.submitted_at.is_some();
    let reviews = state.store.reviews_of_application(a.id).await?;
    let keep: Vec<Review> = if funder {
        reviews.into_iter().filter(Review::is_submitted).collect()
    } else {
        scorable(state, id, person).await?;
        let own_done = reviews
            .iter()
            .any(|r| r.reviewer_id == person.id && r.is_submitted());
        reviews
            .into_iter()
            .filter(|r| r.reviewer_id == person.id || (own_done && r.is_submitted()))
            .map(|mut r| {
                // Private comments are for the funder: another reviewer never reads them.
                if r.reviewer_id != person.id {
                    r.private_comment.clear();
                    r.share_comment = false;
                }
                r
            })
            .collect()
    };
    let mut out = vec![];
    for r in keep {
        let scores = state.store.scores_of_review(r.id).await?;
        out.push((r, scores));
    }
    Ok((a, call, out))
}

/// One row of the funder's table.
#[derive(Debug, Clone)]
pub struct TableRow {
    pub application: Application,
    pub stats: Stats,
    /// Each assigned or reviewing reviewer: name, their total (submitted reviews only).
    pub reviewers: Vec<(String, Option<f64>)>,
}

/// The funder's table: every application in review with the stats of its submitted reviews.
pub async fn table(state: &AppState, call: &Call) -> Result<Vec<TableRow>, AppError> {
    let criteria = criteria(state, call).await?;
    let reviews = state.store.reviews_of_call(call.id).await?;
    let scores = state.store.scores_of_call(call.id).await?;
    let assignments = state.store.assignments(call.id).await?;
    let names: HashMap<Uuid, String> = state
        .store
        .reviewers(call.id)
        .await?
        .into_iter()
        .map(|r| (r.person_id, r.name))
        .collect();
    let mut rows = vec![];
    for a in state.store.applications_of_call(call.id).await? {
        if !in_review(&a) {
            continue;
        }
        let mut reviewers: Vec<(String, Option<f64>)> = vec![];
        let mut totals = vec![];
        for r in reviews.iter().filter(|r| r.application_id == a.id) {
            let total = if r.is_submitted() {
                review_total(&criteria, &scores_map(&scores, r.id))
            } else {
                None
            };
            if let Some(t) = total {
                totals.push(t);
            }
            reviewers.push((r.reviewer_name.clone(), total));
        }
        for (_, p) in assignments.iter().filter(|(x, _)| *x == a.id) {
            if !reviews
                .iter()
                .any(|r| r.application_id == a.id && r.reviewer_id == *p)
            {
                reviewers.push((names.get(p).cloned().unwrap_or_default(), None));
            }
        }
        rows.push(TableRow {
            stats: stats(&totals),
            application: a,
            reviewers,
        });
    }
    Ok(rows)
}

pub fn sort_table(rows: &mut [TableRow], sort: rules::TableSort) {
    rules::sort_rows(rows, sort, |r| {
        (r.application.structure_name.as_str(), &r.stats)
    });
}

/// Records a decision on an application of the call (see the store for the budget).
pub async fn decide(
    state: &AppState,
    call: &Call,
    a: &Application,
    by: &Person,
    input: &DecisionInput,
    ip: Option<&str>,
) -> Result<Application, Failure> {
    if a.call_id != call.id {
        return Err(AppError::NotFound.into());
    }
    let decision = check_decision(
        input,
        Some(call.min_award_cents),
        Some(call.max_award_cents),
    )
    .map_err(Failure::Invalid)?;
    let (conditions, reason) = match &decision {
        rules::Decision::Granted { conditions, .. } => {
            ((!conditions.is_empty()).then(|| conditions.clone()), None)
        }
        rules::Decision::Refused { reason } => (None, Some(reason.clone())),
        rules::Decision::Waitlisted => (None, None),
    };
    let done = state
        .store
        .record_decision(&NewDecision {
            application_id: a.id,
            status: decision.status().into(),
            amount_cents: decision.amount_cents(),
            conditions,
            reason,
            by: by.id,
            at: utc_now(),
        })
        .await
        .map_err(|e| Failure::App(refusal(e)))?;
    crate::audit::record(
        state,
        Some(by.id),
        "review.decision_recorded",
        format!("application:{}", a.id),
        ip,
        format!(
            "{} {}",
            decision.status(),
            decision.amount_cents().unwrap_or(0)
        ),
    )
    .await?;
    Ok(done)
}

/// Sends every decided, unsent decision of the call: mails the applicants' managers.
pub async fn send_decisions(
    state: &AppState,
    call: &Call,
    by: &Person,
    ip: Option<&str>,
) -> Result<Vec<Application>, AppError> {
    let sent = state.store.send_decisions(call.id, utc_now()).await?;
    crate::audit::record(
        state,
        Some(by.id),
        "review.decisions_sent",
        format!("call:{}", call.id),
        ip,
        format!("count:{}", sent.len()),
    )
    .await?;
    for a in &sent {
        let outcome = state
            .i18n
            .t(Locale::Fr, &format!("review-outcome-{}", a.status));
        let args = [
            ("title", call.title.clone()),
            ("structure", a.structure_name.clone()),
            ("outcome", outcome),
            (
                "link",
                format!("{}/candidatures/{}/decision", state.config.base_url, a.id),
            ),
        ];
        for m in state.store.members(a.structure_id).await? {
            if m.role != MemberRole::Manager {
                continue;
            }
            if let Some(p) = state.store.person(m.person_id).await? {
                if crate::mail::mailable(&p.email) {
                    crate::mail::send(state, Locale::Fr, &p.email, "mail-review-decision", &args)
                        .await?;
                }
            }
        }
    }
    Ok(sent)
}

/// What the applicant sees of a sent decision: the application and the comments the funder
/// shared. 404 before it is sent and to anyone but the applicant's managers and the funder.
pub async fn sent_decision(
    state: &AppState,
    id: Uuid,
    person: Option<&Person>,
) -> Result<(Application, Call, Vec<String>), AppError> {
    let a = funding::readable_application(state, id, person).await?;
    let call = state
        .store
        .call(a.call_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let Some(p) = person else {
        return Err(AppError::NotFound);
    };
    let applicant = funding::manages(state, a.structure_id, p).await?;
    let funder = funding::is_funder(state, &call, Some(p)).await?;
    if a.decision_sent_at.is_none() || !(applicant || funder) {
        return Err(AppError::NotFound);
    }
    let comments = state
        .store
        .reviews_of_application(a.id)
        .await?
        .into_iter()
        .filter(|r| r.is_submitted() && r.share_comment && !r.shared_comment.is_empty())
        .map(|r| r.shared_comment)
        .collect();
    Ok((a, call, comments))
}

/// An amount in cents as the language writes it ("12 000,50 €").
pub fn money(cents: i64, currency: &str, locale: Locale) -> String {
    let units = cents / 100;
    let rest = (cents % 100).abs();
    let digits = units.abs().to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(match locale {
                Locale::Fr => '\u{202f}',
                Locale::En => ',',
            });
        }
        grouped.push(c);
    }
    let sign = if cents < 0 { "-" } else { "" };
    let symbol = if currency == "EUR" { "€" } else { currency };
    match (locale, rest) {
        (Locale::Fr, 0) => format!("{sign}{grouped}\u{a0}{symbol}"),
        (Locale::Fr, r) => format!("{sign}{grouped},{r:02}\u{a0}{symbol}"),
        (Locale::En, 0) => format!("{sign}{symbol}{grouped}"),
        (Locale::En, r) => format!("{sign}{symbol}{grouped}.{r:02}"),
    }
}

/// A total on 0..=100, rounded to one decimal, written the language's way.
pub fn points(x: Option<f64>, locale: Locale) -> String {
    match x {
        None => "—".into(),
        Some(x) => {
            let s = format!("{:.1}", (x * 10.0).round() / 10.0);
            match locale {
                Locale::Fr => s.replace('.', ","),
                Locale::En => s,
            }
        }
    }
}

/// The decision block of an application page (`appels/_decision.html` reads it as
/// `review_decision`): the decision and the shared comments once sent, for the applicant's
/// managers and the funder; `None` otherwise.
pub async fn decision_block(
    state: &AppState,
    a: &Application,
    person: Option<&Person>,
    locale: Locale,
) -> Result<Option<minijinja::Value>, AppError> {
    match sent_decision(state, a.id, person).await {
        Ok((a, call, comments)) => Ok(Some(minijinja::context! {
            status => a.status,
            amount => a.decision_amount_cents.map(|c| money(c, &call.currency, locale)),
            conditions => a.decision_conditions,
            reason => a.decision_reason,
            sent => a.decision_sent_at.map(|d| d.format("%Y-%m-%d").to_string()),
            comments,
        })),
        Err(AppError::NotFound | AppError::Forbidden) => Ok(None),
        Err(e) => Err(e),
    }
}
