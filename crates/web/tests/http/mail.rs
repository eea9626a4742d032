use crate::common::{Backend, TestApp, PASSWORD};
use essaim_testkit::smtp::SmtpSink;
use essaim_web::mail::{send_pending, smtp_transport};
use essaim_web::SmtpConfig;

crate::on_both_backends!(
    mail_goes_through_smtp_when_configured,
    failed_mail_is_kept_and_retried_later
);

async fn mail_goes_through_smtp_when_configured(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    let sink = SmtpSink::start().await;
    app.post_form(
        "/inscription",
        &[
            ("email", "claire@exemple.fr"),
            ("name", "Claire"),
            ("password", PASSWORD),
        ],
    )
    .await;
    let smtp = SmtpConfig {
        host: "127.0.0.1".into(),
        port: sink.port(),
        username: None,
        password: None,
    };
    let from = "Essaim <essaim@exemple.fr>".parse().unwrap();
    let sent = send_pending(app.store.as_ref(), &smtp_transport(&smtp), &from)
        .await
        .unwrap();
    assert_eq!(sent, 1);
    let received = sink.wait_for(1).await;
    assert_eq!(received[0].to, vec!["claire@exemple.fr".to_owned()]);
    assert!(
        received[0].data.contains("/confirmation?jeton="),
        "{}",
        received[0].data
    );
    assert!(app.outbox().await[0].sent_at.is_some());
    assert_eq!(
        send_pending(app.store.as_ref(), &smtp_transport(&smtp), &from)
            .await
            .unwrap(),
        0,
        "sent once"
    );
}

async fn failed_mail_is_kept_and_retried_later(backend: Backend) {
    let Some(app) = TestApp::spawn(backend).await else {
        return;
    };
    app.post_form(
        "/inscription",
        &[
            ("email", "claire@exemple.fr"),
            ("name", "Claire"),
            ("password", PASSWORD),
        ],
    )
    .await;
    // A port where nothing listens.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let smtp = SmtpConfig {
        host: "127.0.0.1".into(),
        port,
        username: None,
        password: None,
    };
    let from = "Essaim <essaim@exemple.fr>".parse().unwrap();
    assert_eq!(
        send_pending(app.store.as_ref(), &smtp_transport(&smtp), &from)
            .await
            .unwrap(),
        1
    );
    let mail = &app.outbox().await[0];
    assert!(mail.sent_at.is_none());
    assert!(mail.last_error.is_some());
    assert_eq!(mail.attempts, 1);
    assert_eq!(
        send_pending(app.store.as_ref(), &smtp_transport(&smtp), &from)
            .await
            .unwrap(),
        0,
        "not before its retry time"
    );
}
