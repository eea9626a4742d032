//! E-mail: messages are written to the outbox table in the same request that causes them;
//! a worker sends them through SMTP when one is configured. Without SMTP they stay in the
//! outbox, which admins read in the admin area (and tests read through the store).

use crate::config::SmtpConfig;
use crate::i18n::Locale;
use crate::state::AppState;
use chrono::Duration;
use essaim_store::{utc_now, OutgoingMail, Store};
use lettre::message::{header::ContentType, Mailbox, Message};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use std::sync::Arc;
use uuid::Uuid;

/// Whether an address can receive mail: an erased account keeps an address ending in
/// ".invalid" (and an empty one is nobody's).
pub fn mailable(email: &str) -> bool {
    !email.is_empty() && !email.ends_with(".invalid")
}

/// The text with every control character (CR, LF, tab…) turned into a space, so that it
/// stays one header line.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// Writes a message to the outbox; `id` names a Fluent message with `-subject` and `-body`
/// attributes-as-messages (`mail-confirm-subject`, `mail-confirm-body`).
pub async fn send(
    state: &AppState,
    locale: Locale,
    to: &str,
    id: &str,
    args: &[(&str, String)],
) -> Result<(), crate::error::AppError> {
    // Names and titles go into subjects: a line break there would start a new header.
    let subject = one_line(&state.i18n.message(locale, &format!("{id}-subject"), args));
    let body = state.i18n.message(locale, &format!("{id}-body"), args);
    state
        .store
        .enqueue_mail(OutgoingMail {
            id: Uuid::now_v7(),
            to_address: to.to_owned(),
            subject,
            body,
            created_at: utc_now(),
            sent_at: None,
            attempts: 0,
            last_error: None,
        })
        .await?;
    Ok(())
}

/// Sends what the outbox holds, forever, every few seconds. Several processes may run it: the
/// store's claim gives each message to one worker at a time.
pub async fn run_worker(store: Arc<dyn Store>, smtp: SmtpConfig, from: String) {
    let mut builder =
        AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&smtp.host).port(smtp.port);
    if let (Some(user), Some(password)) = (&smtp.username, &smtp.password) {
        builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
    }
    let transport = builder.build();
    let from: Mailbox = match from.parse() {
        Ok(m) => m,
        Err(e) => {
            tracing::error!(%e, "mail_from is not a valid address; mail worker stopped");
            return;
        }
    };
    loop {
        if let Err(e) = send_pending(store.as_ref(), &transport, &from).await {
            tracing::warn!(error = %e, "mail worker could not read the outbox");
        }
        tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    }
}

/// An SMTP client for the relay. Plain SMTP: the relay is expected on the same host or a
/// private network (TLS to a remote relay is future work, noted in the README).
pub fn smtp_transport(smtp: &SmtpConfig) -> AsyncSmtpTransport<Tokio1Executor> {
    let mut builder =
        AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&smtp.host).port(smtp.port);
    if let (Some(user), Some(password)) = (&smtp.username, &smtp.password) {
        builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
    }
    builder.build()
}

pub async fn send_pending(
    store: &dyn Store,
    transport: &AsyncSmtpTransport<Tokio1Executor>,
    from: &Mailbox,
) -> Result<usize, essaim_store::StoreError> {
    let now = utc_now();
    let batch = store
        .claim_mail(now, now + Duration::minutes(2), 20)
        .await?;
    let count = batch.len();
    for mail in batch {
        let outcome = match build(from, &mail) {
            Ok(message) => transport
                .send(message)
                .await
                .map(|_| ())
                .map_err(|e| e.to_string()),
            Err(e) => Err(e),
        };
        match outcome {
            Ok(()) => store.mark_mail_sent(mail.id, utc_now()).await?,
            Err(error) => {
                tracing::warn!(to = %mail.to_address, %error, "mail not sent, will retry");
                let backoff = Duration::minutes(1 << mail.attempts.clamp(0, 6));
                store
                    .mark_mail_failed(mail.id, &error, utc_now() + backoff)
                    .await?;
            }
        }
    }
    Ok(count)
}

fn build(from: &Mailbox, mail: &OutgoingMail) -> Result<Message, String> {
    let to: Mailbox = mail
        .to_address
        .parse()
        .map_err(|e| format!("bad address: {e}"))?;
    Message::builder()
        .from(from.clone())
        .to(to)
        .subject(mail.subject.clone())
        .header(ContentType::TEXT_PLAIN)
        .body(mail.body.clone())
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subjects_stay_one_line_and_keep_their_spaces() {
        assert_eq!(one_line("Bonjour\r\nBcc: x@y.fr"), "Bonjour  Bcc: x@y.fr");
        assert_eq!(
            one_line("Blocage signalé\u{a0}: A\tB"),
            "Blocage signalé\u{a0}: A B"
        );
    }

    #[test]
    fn erased_and_empty_addresses_are_not_mailable() {
        assert!(mailable("claire@exemple.fr"));
        assert!(!mailable(""));
        assert!(!mailable("efface-0190@essaim.invalid"));
    }
}
