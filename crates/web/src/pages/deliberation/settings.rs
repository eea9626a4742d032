//! Creating a conversation (with its seed statements) and editing its settings.

use super::find;
use crate::auth::User;
use crate::deliberation::can_moderate;
use crate::error::AppError;
use crate::pages::{see_other, FieldMessage, PageCtx};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Form;
use essaim_domain::deliberation::conversation::{
    parse_seeds, ConversationInput, ConversationSettings, SeedProblem,
};
use essaim_domain::deliberation::{fold_statement, Moderation, StatementStatus};
use essaim_domain::initiative::Status;
use essaim_domain::invalid::FieldErrors;
use essaim_domain::structure::MemberRole;
use essaim_domain::Invalid;
use essaim_store::deliberation::{Conversation, NewStatement};
use essaim_store::{utc_now, Person};
use minijinja::{context, Value};
use uuid::Uuid;

/// The form's fields. The initiatives' addresses are typed one per line.
pub struct ConversationForm {
    pub input: ConversationInput,
    pub structure: String,
    pub seeds: String,
}

fn read_form(pairs: &[(String, String)]) -> ConversationForm {
    let get = |k: &str| {
        pairs
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let ticked = |k: &str| pairs.iter().any(|(key, v)| key == k && !v.is_empty());
    ConversationForm {
        input: ConversationInput {
            question: get("question"),
            description: get("description"),
            challenge: get("challenge"),
            territories: get("territories"),
            initiatives: get("initiatives")
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect(),
            open_for_statements: ticked("open_for_statements"),
            moderation: get("moderation"),
            anonymous_allowed: ticked("anonymous_allowed"),
            opens_at: get("opens_at"),
            closes_at: get("closes_at"),
        },
        structure: get("structure"),
        seeds: get("seeds"),
    }
}

/// The settings of a stored conversation, as the form shows them.
async fn stored_settings(
    state: &AppState,
    c: &Conversation,
) -> Result<ConversationSettings, AppError> {
    Ok(ConversationSettings {
        question: c.question.clone(),
        description: c.description.clone(),
        challenge: c.challenge.clone(),
        territories: c.territories.clone(),
        initiative_ids: state.store.conversation_initiatives(c.id).await?,
        open_for_statements: c.open_for_statements,
        moderation: Moderation::parse(&c.moderation).unwrap_or(Moderation::Pre),
        anonymous_allowed: c.anonymous_allowed,
        opens_at: c.opens_at,
        closes_at: c.closes_at,
    })
}

/// What the form needs besides the values: challenges and the structures the person manages.
async fn form_context(
    state: &AppState,
    ctx: &PageCtx,
    person: &Person,
    form: &ConversationForm,
) -> Result<Value, AppError> {
    let challenges = state.store.challenges().await?;
    let challenges: Vec<(String, String)> = challenges
        .iter()
        .map(|c| {
            (
                c.code.clone(),
                crate::pages::initiatives::challenge_name(c, ctx.locale).to_owned(),
            )
        })
        .collect();
    let structures: Vec<(String, String)> = state
        .store
        .structures_of(person.id)
        .await?
        .into_iter()
        .filter(|(_, role)| *role == MemberRole::Manager)
        .map(|(s, _)| (s.id.to_string(), s.name))
        .collect();
    Ok(context! {
        values => form.input,
        initiatives => form.input.initiatives.join("\n"),
        structure => form.structure,
        seeds => form.seeds,
        challenges,
        structures,
    })
}

/// Every check of the form: the domain's, then those that need the store (initiatives that
/// exist and are public, a structure the person manages). A refused seed gets a message that
/// names its line.
async fn validate(
    state: &AppState,
    ctx: &PageCtx,
    person: &Person,
    form: &ConversationForm,
    current_structure: Option<Uuid>,
    with_seeds: bool,
) -> Result<(ConversationSettings, Option<Uuid>, Vec<String>), Value> {
    let codes: Vec<String> = state
        .store
        .challenges()
        .await
        .map(|all| all.into_iter().map(|c| c.code).collect())
        .unwrap_or_default();
    let (mut settings, mut errors) = match form.input.validate(state.territories, &codes) {
        Ok(s) => (Some(s), FieldErrors::new()),
        Err(e) => (None, e),
    };
    if let Some(s) = &settings {
        for id in &s.initiative_ids {
            let public = matches!(
                state.store.initiative(*id).await,
                Ok(Some(i)) if i.status != Status::Draft
            );
            if !public {
                errors.add("initiatives", Invalid::new("initiative_unknown"));
            }
        }
    }
    let structure = match form.structure.trim() {
        "" => None,
        s => match s.parse::<Uuid>() {
            Ok(id) if Some(id) == current_structure => Some(id),
            Ok(id) => match crate::pages::structures::can_manage(state, id, person).await {
                Ok(true) if state.store.structure(id).await.ok().flatten().is_some() => Some(id),
                _ => {
                    errors.add("structure", Invalid::new("structure_not_managed"));
                    None
                }
            },
            Err(_) => {
                errors.add("structure", Invalid::new("structure_not_managed"));
                None
            }
        },
    };
    let mut seed_message = None;
    let seeds = if with_seeds {
        match parse_seeds(&form.seeds) {
            Ok(seeds) => seeds,
            Err(problem) => {
                errors.add("seeds", problem.invalid);
                seed_message = Some(seed_problem_message(state, ctx, &problem));
                vec![]
            }
        }
    } else {
        vec![]
    };
    if errors.is_empty() {
        if let Some(s) = settings.take() {
            return Ok((s, structure, seeds));
        }
    }
    // The messages in form order, the seed's own message in place of its code's.
    let list: Vec<FieldMessage> = errors
        .0
        .iter()
        .map(|(field, invalid)| FieldMessage {
            field,
            message: match (*field, &seed_message) {
                ("seeds", Some(m)) => m.clone(),
                _ => ctx.t(state, invalid.code),
            },
        })
        .collect();
    let by_field: std::collections::BTreeMap<&str, String> =
        list.iter().map(|m| (m.field, m.message.clone())).collect();
    Err(context! { list, by_field })
}

fn seed_problem_message(state: &AppState, ctx: &PageCtx, p: &SeedProblem) -> String {
    let line = p.line.to_string();
    match p.first {
        Some(first) => state.i18n.message(
            ctx.locale,
            "seed_duplicate",
            &[("line", line), ("first", first.to_string())],
        ),
        None => state.i18n.message(
            ctx.locale,
            "seed-line-problem",
            &[("line", line), ("problem", ctx.t(state, p.invalid.code))],
        ),
    }
}

fn invalid_page(ctx: &PageCtx, state: &AppState, errors: Value, page: Value) -> Response {
    let page = ctx.render(state, "debats/form.html", context! { errors, ..page });
    (StatusCode::UNPROCESSABLE_ENTITY, page).into_response()
}

pub async fn new_form(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let form = ConversationForm {
        input: ConversationInput::new_form(),
        structure: String::new(),
        seeds: String::new(),
    };
    let extra = form_context(&state, &ctx, person, &form).await?;
    Ok(ctx.render(
        &state,
        "debats/form.html",
        context! { action => "/debats", ..extra },
    ))
}

pub async fn create(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let person = user.confirmed()?;
    let form = read_form(&pairs);
    let (settings, structure, seeds) = match validate(&state, &ctx, person, &form, None, true).await
    {
        Ok(v) => v,
        Err(errors) => {
            let extra = form_context(&state, &ctx, person, &form).await?;
            return Ok(invalid_page(
                &ctx,
                &state,
                errors,
                context! { action => "/debats", ..extra },
            ));
        }
    };
    let now = utc_now();
    let c = state
        .store
        .create_conversation(
            &crate::deliberation::fields(settings, structure, String::new()),
            person.id,
            now,
        )
        .await?;
    for text in seeds {
        let folded = fold_statement(&text);
        let statement = NewStatement {
            author_participant: None,
            text,
            status: StatementStatus::Accepted.as_str().into(),
            seed: true,
            created_at: now,
        };
        state.store.add_statement(c.id, &statement, &folded).await?;
    }
    Ok(see_other(&format!("/debats/{}", c.id)))
}

/// The conversation, if this person may change it.
async fn find_editable(
    state: &AppState,
    id: Uuid,
    person: &Person,
) -> Result<Conversation, AppError> {
    let c = find(state, id).await?;
    if !can_moderate(state, &c, person).await? {
        return Err(AppError::Forbidden);
    }
    Ok(c)
}

fn edit_context(c: &Conversation) -> Value {
    context! {
        action => format!("/debats/{}/modifier", c.id),
        editing => true,
        id => c.id.to_string(),
        question => c.question,
    }
}

pub async fn edit_form(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let c = find_editable(&state, id, user.person()).await?;
    let mut input = ConversationInput::from_settings(&stored_settings(&state, &c).await?);
    // Initiatives are shown by their address, as they are typed.
    let base = state.config.base_url.trim_end_matches('/');
    input.initiatives = input
        .initiatives
        .iter()
        .map(|i| format!("{base}/initiatives/{i}"))
        .collect();
    let form = ConversationForm {
        input,
        structure: c.structure_id.map(|s| s.to_string()).unwrap_or_default(),
        seeds: String::new(),
    };
    let extra = form_context(&state, &ctx, user.person(), &form).await?;
    let current = current_structure(&state, &c).await?;
    Ok(ctx.render(
        &state,
        "debats/form.html",
        context! { current_structure => current, ..context! { ..edit_context(&c), ..extra } },
    ))
}

/// The conversation's structure, kept in the form even when the editor does not manage it
/// (a platform moderator, the creator who left it).
async fn current_structure(state: &AppState, c: &Conversation) -> Result<Value, AppError> {
    Ok(match c.structure_id {
        Some(id) => state
            .store
            .structure(id)
            .await?
            .map(|s| Value::from(vec![s.id.to_string(), s.name]))
            .unwrap_or_default(),
        None => Value::default(),
    })
}

pub async fn update(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let c = find_editable(&state, id, user.person()).await?;
    let form = read_form(&pairs);
    let (settings, structure, _) = match validate(
        &state,
        &ctx,
        user.person(),
        &form,
        c.structure_id,
        false,
    )
    .await
    {
        Ok(v) => v,
        Err(errors) => {
            let extra = form_context(&state, &ctx, user.person(), &form).await?;
            let current = current_structure(&state, &c).await?;
            return Ok(invalid_page(
                &ctx,
                &state,
                errors,
                context! { current_structure => current, ..context! { ..edit_context(&c), ..extra } },
            ));
        }
    };
    state
        .store
        .update_conversation(
            id,
            &crate::deliberation::fields(settings, structure, c.attribution.clone()),
            utc_now(),
        )
        .await?;
    state.analyses.poke(&state.store);
    Ok(see_other(&format!("/debats/{id}")))
}
