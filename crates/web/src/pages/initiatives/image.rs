//! The cover image of an initiative: upload (multipart), show, remove.

use super::{find_editable, find_visible};
use crate::auth::{MaybeUser, User};
use crate::error::AppError;
use crate::images;
use crate::pages::{see_other, PageCtx};
use crate::state::AppState;
use axum::extract::{Multipart, Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use essaim_domain::invalid::FieldErrors;
use essaim_store::initiatives::StoredImage;
use essaim_store::{utc_now, Initiative};
use minijinja::context;
use uuid::Uuid;

async fn page(
    ctx: &PageCtx,
    state: &AppState,
    i: &Initiative,
    errors: Option<&FieldErrors>,
) -> Result<Response, AppError> {
    let has_image = state.store.initiative_image(i.id).await?.is_some();
    let mut ctx_value = context! { id => i.id.to_string(), title => i.content.title, has_image, max_mb => images::MAX_BYTES / (1024 * 1024) };
    if let Some(errors) = errors {
        ctx_value = context! { errors => crate::pages::form_errors(state, ctx.locale, errors), ..ctx_value };
        let mut r = ctx.render(state, "initiatives/image.html", ctx_value);
        *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
        return Ok(r);
    }
    Ok(ctx.render(state, "initiatives/image.html", ctx_value))
}

pub async fn image_form(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let i = find_editable(&state, id, user.person()).await?;
    page(&ctx, &state, &i, None).await
}

pub async fn upload(
    ctx: PageCtx,
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
    mut form: Multipart,
) -> Result<Response, AppError> {
    let i = find_editable(&state, id, user.person()).await?;
    let mut bytes = None;
    while let Some(field) = form
        .next_field()
        .await
        .map_err(|_| AppError::BadRequest("multipart_invalid"))?
    {
        if field.name() == Some("image") {
            bytes = Some(field.bytes().await.map_err(|_| AppError::PayloadTooLarge)?);
        }
    }
    let bytes = bytes.unwrap_or_default();
    // Decoding is CPU work: keep it off the async workers.
    let clean = tokio::task::spawn_blocking(move || images::sanitise(&bytes))
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    let clean = match clean {
        Ok(c) => c,
        Err(invalid) => {
            let mut errors = FieldErrors::new();
            errors.add("image", invalid);
            return page(&ctx, &state, &i, Some(&errors)).await;
        }
    };
    let stored = StoredImage {
        mime: clean.mime.into(),
        data: clean.bytes,
        width: clean.width as i32,
        height: clean.height as i32,
        updated_at: utc_now(),
    };
    state.store.set_initiative_image(id, &stored).await?;
    Ok(see_other(&format!("/initiatives/{id}")))
}

pub async fn remove(
    State(state): State<AppState>,
    user: User,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    find_editable(&state, id, user.person()).await?;
    if !state.store.delete_initiative_image(id).await? {
        return Err(AppError::NotFound);
    }
    Ok(see_other(&format!("/initiatives/{id}")))
}

pub async fn show(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    find_visible(&state, id, user.as_ref().map(|u| &u.person)).await?;
    let image = state
        .store
        .initiative_image(id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((
        [
            (header::CONTENT_TYPE, image.mime),
            (header::CACHE_CONTROL, "public, max-age=300".to_owned()),
        ],
        image.data,
    )
        .into_response())
}
