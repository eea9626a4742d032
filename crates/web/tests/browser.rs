//! The site in a real browser: Debian's Chromium, driven by `e2e/journeys.mjs` (playwright-core),
//! walks the user journeys, checks every page type with axe-core (WCAG 2.1 A and AA), at 320 px
//! and by keyboard. The script prints each failure; this test fails when it does.
//!
//! Alone: `cargo test -p essaim-web --test browser -- --nocapture`.

#[path = "http/common.rs"]
mod common;

use common::{Backend, TestApp, PASSWORD};
use essaim_domain::person::PlatformRole;

const ADMIN_EMAIL: &str = "admin@exemple.fr";

#[tokio::test]
async fn journeys_and_accessibility_in_chromium() {
    let Some(kit) = essaim_testkit::browser::kit() else {
        return;
    };
    let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
    // The admin who reads confirmation mails in /admin/courriels and whose pages are checked.
    app.sign_up_and_in(ADMIN_EMAIL, "Camille Admin").await;
    let admin = app
        .store
        .person_by_email(ADMIN_EMAIL)
        .await
        .unwrap()
        .unwrap();
    app.store
        .set_roles(admin.id, &[PlatformRole::Admin])
        .await
        .unwrap();

    let mut command = std::process::Command::new(&kit.node);
    command
        .arg("journeys.mjs")
        .current_dir(&kit.e2e_dir)
        .env("ESSAIM_URL", &app.url)
        .env("ESSAIM_ADMIN_EMAIL", ADMIN_EMAIL)
        .env("ESSAIM_ADMIN_PASSWORD", PASSWORD)
        .env("ESSAIM_CHROMIUM", &kit.chromium);
    // The server runs on this test's runtime: wait for the script off it.
    let out = tokio::task::spawn_blocking(move || command.output())
        .await
        .unwrap()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    println!("{stdout}\n{stderr}");
    assert!(
        out.status.success(),
        "browser journeys failed:\n{stdout}\n{stderr}"
    );
    // The script's own count, so a script that silently checked nothing fails too.
    assert!(
        stdout.contains("pages checked with axe-core"),
        "the script did not report its checks:\n{stdout}"
    );
}
