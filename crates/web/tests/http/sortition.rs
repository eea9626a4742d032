//! Tirages au sort: creating a panel with its quotas, registering and withdrawing, the
//! organisers' page (import, selection, draw, replacements, erasure), the public page that
//! shows figures and numbers but never a name, the draw redone from its published inputs, and
//! every form's refusals.

use crate::common::{location, Backend, TestApp};
use essaim_domain::sortition::lottery::DrawInputs;
use std::collections::HashMap;
use uuid::Uuid;

crate::on_both_backends!(
    a_panel_is_created_listed_and_shown,
    the_creation_form_refuses_bad_quotas_and_keeps_values,
    editing_keeps_names_once_volunteers_exist,
    registration_checks_features_consent_and_duplicates,
    the_organisers_page_is_for_organisers,
    import_is_all_or_nothing_with_the_line_of_the_error,
    selection_shows_every_chance_or_says_the_pool_is_too_small,
    infeasible_quotas_are_explained,
    a_draw_is_public_reproducible_and_names_no_one,
    a_replacement_keeps_the_quotas_and_erasure_keeps_the_panel,
);

const QUOTAS: &str = "Genre, Femme, 2, 3\nGenre, Homme, 2, 3\nÂge, Jeune, 1, 3\nÂge, Aîné, 1, 3";

/// Ten respondents: five women, five men, young and old in each.
const RESPONDENTS: &str = "nom,courriel,Genre,Âge
Anne Le Bihan,anne@exemple.fr,Femme,Jeune
Bleuenn Kerhervé,bleuenn@exemple.fr,Femme,Aîné
Catherine Morvan,catherine@exemple.fr,Femme,Jeune
Dorothée Guivarc'h,dorothee@exemple.fr,Femme,Aîné
Élise Tanguy,elise@exemple.fr,Femme,Jeune
Fañch Le Goff,fanch@exemple.fr,Homme,Aîné
Gwenaël Pichon,gwenael@exemple.fr,Homme,Jeune
Hervé Cadiou,herve@exemple.fr,Homme,Aîné
Iwan Le Roux,iwan@exemple.fr,Homme,Jeune
Jakez Riou,jakez@exemple.fr,Homme,Aîné
";

async fn create_structure(app: &TestApp, name: &str) -> String {
    let r = app
        .post_form(
            "/structures",
            &[
                ("name", name),
                ("kind", "association"),
                ("territory", "commune:29019"),
            ],
        )
        .await;
    assert_eq!(r.status(), 303, "structure created");
    location(&r).trim_start_matches("/structures/").to_owned()
}

/// An organiser signed in with a structure: (app, structure id).
async fn organiser(backend: Backend) -> Option<(TestApp, String)> {
    let app = TestApp::spawn(backend).await?;
    app.sign_up_and_in("maiwenn@exemple.fr", "Maïwenn Organisatrice")
        .await;
    let structure = create_structure(&app, "Conseil citoyen de Recouvrance").await;
    Some((app, structure))
}

fn panel_fields<'a>(structure: &'a str, size: &'a str, quotas: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("structure", structure),
        ("title", "Convention citoyenne des mobilités"),
        ("purpose", "Un panel pour **repenser** les déplacements."),
        ("panel_size", size),
        ("quotas", quotas),
        ("registration_closes_at", ""),
        ("erase_after_days", "30"),
    ]
}

/// Creates a panel through the form; returns its id.
async fn create_panel(app: &TestApp, structure: &str, size: &str, quotas: &str) -> String {
    let r = app
        .post_form("/tirages", &panel_fields(structure, size, quotas))
        .await;
    let to = location(&r);
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    to.trim_start_matches("/tirages/").to_owned()
}

async fn upload(app: &TestApp, id: &str, csv: &str) -> reqwest::Response {
    let csrf = app.csrf().await;
    let part = reqwest::multipart::Part::bytes(csv.as_bytes().to_vec())
        .file_name("volontaires.csv")
        .mime_str("text/csv")
        .unwrap();
    app.client
        .post(app.at(&format!("/tirages/{id}/import?_csrf={csrf}")))
        .multipart(reqwest::multipart::Form::new().part("file", part))
        .send()
        .await
        .unwrap()
}

fn uuid(id: &str) -> Uuid {
    id.parse().unwrap()
}

async fn html(r: reqwest::Response) -> (u16, String) {
    (r.status().as_u16(), r.text().await.unwrap())
}

/// A panel of four drawn from the ten respondents, its selection computed.
async fn panel_with_selection(app: &TestApp, structure: &str) -> String {
    let id = create_panel(app, structure, "4", QUOTAS).await;
    assert_eq!(upload(app, &id, RESPONDENTS).await.status(), 303);
    let r = app
        .post_form(&format!("/tirages/{id}/selection"), &[])
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    id
}

async fn a_panel_is_created_listed_and_shown(backend: Backend) {
    let Some((app, structure)) = organiser(backend).await else {
        return;
    };
    let visitor = app.other_browser();
    let r = visitor.get("/tirages/nouveau").await;
    assert_eq!(r.status(), 303, "signing in first");
    let (status, form) = app.get_html("/tirages/nouveau").await;
    assert_eq!(status, 200);
    assert!(
        form.contains("Conseil citoyen de Recouvrance"),
        "the managed structure is offered"
    );
    let id = create_panel(&app, &structure, "4", QUOTAS).await;
    let (status, page) = visitor.get_html(&format!("/tirages/{id}")).await;
    assert_eq!(status, 200);
    assert!(page.contains("Convention citoyenne des mobilités"));
    assert!(
        page.contains("<strong>repenser</strong>"),
        "Markdown rendered"
    );
    assert!(
        page.contains("Aîné") && page.contains("Femme"),
        "the quotas are public"
    );
    assert!(
        page.contains("/connexion?suivant="),
        "visitors are invited to sign in"
    );
    assert!(
        !page.contains("/gestion"),
        "no organisers' link for visitors"
    );
    let (_, mine) = app.get_html(&format!("/tirages/{id}")).await;
    assert!(mine.contains(&format!("/tirages/{id}/gestion")));
    assert!(mine.contains(&format!("/tirages/{id}/modifier")));
    let (status, list) = visitor.get_html("/tirages").await;
    assert_eq!(status, 200);
    assert!(list.contains(&format!("/tirages/{id}")) && list.contains("Inscriptions ouvertes"));
    assert!(!list.contains("/tirages/nouveau"), "no button for visitors");
    let (_, home) = app.get_html("/").await;
    assert!(home.contains("href=\"/tirages\""), "in the menu");
    let panel = app.store.get_panel(uuid(&id)).await.unwrap().unwrap();
    assert_eq!(panel.panel_size, 4);
    assert_eq!(panel.erase_after_days, 30);
    assert_eq!(panel.categories[0]["name"], "Genre");
}

async fn the_creation_form_refuses_bad_quotas_and_keeps_values(backend: Backend) {
    let Some((app, structure)) = organiser(backend).await else {
        return;
    };
    let bad_line = "Genre, Femme, 2, 3\nGenre, Homme, 5, 3";
    let (status, page) = html(
        app.post_form("/tirages", &panel_fields(&structure, "4", bad_line))
            .await,
    )
    .await;
    assert_eq!(status, 422);
    assert!(
        page.contains("Ligne 2\u{a0}: le minimum dépasse le maximum"),
        "{page}"
    );
    assert!(
        page.contains("value=\"Convention citoyenne des mobilités\""),
        "values kept"
    );
    assert!(page.contains("Genre, Homme, 5, 3"), "the quotas as typed");

    let (status, page) = html(
        app.post_form("/tirages", &panel_fields(&structure, "3", QUOTAS))
            .await,
    )
    .await;
    assert_eq!(status, 422);
    assert!(
        page.contains("la somme des minimums (4) dépasse la taille du panel (3)"),
        "{page}"
    );
    let (status, page) = html(
        app.post_form("/tirages", &panel_fields(&structure, "7", QUOTAS))
            .await,
    )
    .await;
    assert_eq!(status, 422);
    assert!(page.contains("la somme des maximums (6) n’atteint pas la taille du panel (7)"));

    let mut fields = panel_fields(&structure, "0", "Genre, Femme, deux, 3");
    fields[1].1 = "";
    fields[6].1 = "400";
    let (status, page) = html(app.post_form("/tirages", &fields).await).await;
    assert_eq!(status, 422);
    for message in [
        "Écrivez le titre du tirage au sort.",
        "Écrivez un nombre entier de 1 à 1 000.",
        "Écrivez un nombre de jours de 0 à 365.",
        "Ligne 1\u{a0}: le minimum et le maximum doivent être des nombres entiers\u{a0}: deux",
    ] {
        assert!(page.contains(message), "{message}");
    }

    // Someone else's structure is refused.
    let other = app.other_browser();
    other.sign_up_and_in("yann@exemple.fr", "Yann").await;
    let (status, page) = html(
        other
            .post_form("/tirages", &panel_fields(&structure, "4", QUOTAS))
            .await,
    )
    .await;
    assert_eq!(status, 422);
    assert!(page.contains("Choisissez une structure dont vous êtes gestionnaire."));
    assert_eq!(
        app.store.count_panels().await.unwrap(),
        0,
        "nothing created"
    );
}

async fn editing_keeps_names_once_volunteers_exist(backend: Backend) {
    let Some((app, structure)) = organiser(backend).await else {
        return;
    };
    let id = create_panel(&app, &structure, "4", QUOTAS).await;
    let (status, form) = app.get_html(&format!("/tirages/{id}/modifier")).await;
    assert_eq!(status, 200);
    assert!(
        form.contains("Genre,Femme,2,3"),
        "the quotas, one line each"
    );
    let mut fields = panel_fields(
        &structure,
        "5",
        "Genre, Femme, 2, 3\nGenre, Homme, 2, 3\nÂge, Jeune, 1, 4\nÂge, Aîné, 1, 4",
    );
    fields[1].1 = "Convention citoyenne, deuxième session";
    let r = app
        .post_form(&format!("/tirages/{id}/modifier"), &fields)
        .await;
    assert_eq!(r.status(), 303);
    let p = app.store.get_panel(uuid(&id)).await.unwrap().unwrap();
    assert_eq!(
        (p.panel_size, p.title.as_str()),
        (5, "Convention citoyenne, deuxième session")
    );

    assert_eq!(upload(&app, &id, RESPONDENTS).await.status(), 303);
    let renamed = panel_fields(
        &structure,
        "5",
        "Sexe, Femme, 2, 3\nSexe, Homme, 2, 3\nÂge, Jeune, 1, 4\nÂge, Aîné, 1, 4",
    );
    let (status, page) = html(
        app.post_form(&format!("/tirages/{id}/modifier"), &renamed)
            .await,
    )
    .await;
    assert_eq!(status, 422);
    assert!(page.contains("gardez les mêmes catégories et caractéristiques"));
    let tighter = panel_fields(&structure, "4", QUOTAS);
    let r = app
        .post_form(&format!("/tirages/{id}/modifier"), &tighter)
        .await;
    assert_eq!(r.status(), 303, "minima and maxima may change");
}

async fn registration_checks_features_consent_and_duplicates(backend: Backend) {
    let Some((app, structure)) = organiser(backend).await else {
        return;
    };
    let id = create_panel(&app, &structure, "4", QUOTAS).await;
    let volunteer = app.other_browser();
    volunteer
        .sign_up_and_in("nolwenn@exemple.fr", "Nolwenn")
        .await;
    let (_, page) = volunteer.get_html(&format!("/tirages/{id}")).await;
    assert!(page.contains("name=\"f0\"") && page.contains("name=\"consent\""));
    assert!(
        !page.contains("name=\"household\""),
        "no household without the rule"
    );
    let path = format!("/tirages/{id}/inscription");

    let (status, page) = html(
        volunteer
            .post_form(
                &path,
                &[("f0", "Femme"), ("f1", "Centenaire"), ("consent", "on")],
            )
            .await,
    )
    .await;
    assert_eq!(status, 422);
    assert!(page.contains("Cette caractéristique n’existe pas dans cette catégorie."));
    assert!(
        page.contains("<option value=\"Femme\" selected>"),
        "values kept"
    );

    let (status, page) = html(
        volunteer
            .post_form(&path, &[("f0", "Femme"), ("f1", "Jeune")])
            .await,
    )
    .await;
    assert_eq!(status, 422);
    assert!(page.contains("Cochez la case pour accepter"));
    let (status, page) = html(
        volunteer
            .post_form(&path, &[("f1", "Jeune"), ("consent", "on")])
            .await,
    )
    .await;
    assert_eq!(status, 422);
    assert!(page.contains("Choisissez une caractéristique dans cette catégorie."));
    assert_eq!(app.store.count_volunteers(uuid(&id)).await.unwrap(), 0);

    let ok = [("f0", "Femme"), ("f1", "Jeune"), ("consent", "on")];
    let r = volunteer.post_form(&path, &ok).await;
    assert_eq!(r.status(), 303);
    let (status, page) = html(volunteer.post_form(&path, &ok).await).await;
    assert_eq!(status, 409);
    assert!(page.contains("Vous êtes déjà inscrit·e"));
    let all = app.store.list_volunteers(uuid(&id)).await.unwrap();
    assert_eq!(all.len(), 1, "nothing duplicated");
    assert_eq!(all[0].name, "Nolwenn");
    assert_eq!(all[0].features["Genre"], "Femme");
    let (_, page) = volunteer.get_html(&format!("/tirages/{id}")).await;
    assert!(page.contains("numéro 1"), "one's number");
    assert!(page.contains(&format!("/tirages/{id}/retrait")));

    let r = volunteer
        .post_form(&format!("/tirages/{id}/retrait"), &[])
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(app.store.count_volunteers(uuid(&id)).await.unwrap(), 0);
    let (status, _) = html(
        volunteer
            .post_form(&format!("/tirages/{id}/retrait"), &[])
            .await,
    )
    .await;
    assert_eq!(status, 409, "nothing left to withdraw");

    // One per household: the address is asked, and folded.
    let mut fields = panel_fields(&structure, "4", QUOTAS);
    fields.push(("one_per_household", "on"));
    let r = app.post_form("/tirages", &fields).await;
    let household = location(&r).trim_start_matches("/tirages/").to_owned();
    let path = format!("/tirages/{household}/inscription");
    let (status, page) = html(volunteer.post_form(&path, &ok).await).await;
    assert_eq!(status, 422);
    assert!(page.contains("Indiquez votre adresse"));
    let mut with_address = ok.to_vec();
    with_address.push(("household", "  12, Rue de la Porte "));
    assert_eq!(
        volunteer.post_form(&path, &with_address).await.status(),
        303
    );
    let v = &app.store.list_volunteers(uuid(&household)).await.unwrap()[0];
    assert_eq!(
        v.household,
        essaim_domain::sortition::instance::household_key("12 rue de la porte")
    );
}

async fn the_organisers_page_is_for_organisers(backend: Backend) {
    let Some((app, structure)) = organiser(backend).await else {
        return;
    };
    let id = create_panel(&app, &structure, "4", QUOTAS).await;
    let other = app.other_browser();
    other.sign_up_and_in("yann@exemple.fr", "Yann").await;
    for path in ["gestion", "modifier"] {
        let r = other.get(&format!("/tirages/{id}/{path}")).await;
        assert_eq!(r.status(), 403, "{path}");
    }
    for path in ["selection", "effacement", "modifier"] {
        let r = other.post_form(&format!("/tirages/{id}/{path}"), &[]).await;
        assert_eq!(r.status(), 403, "{path}");
    }
    let r = other
        .post_form(&format!("/tirages/{id}/tirage"), &[("seed", "1 2 3")])
        .await;
    assert_eq!(r.status(), 403);
    assert_eq!(upload(&other, &id, RESPONDENTS).await.status(), 403);
    let anonymous = app.other_browser();
    let r = anonymous.get(&format!("/tirages/{id}/gestion")).await;
    assert_eq!(r.status(), 303);
    assert!(location(&r).starts_with("/connexion"));
    let (status, page) = app.get_html(&format!("/tirages/{id}/gestion")).await;
    assert_eq!(status, 200);
    assert!(page.contains("Calculer la sélection (LEXIMIN)"));
    assert_eq!(app.store.count_volunteers(uuid(&id)).await.unwrap(), 0);
}

async fn import_is_all_or_nothing_with_the_line_of_the_error(backend: Backend) {
    let Some((app, structure)) = organiser(backend).await else {
        return;
    };
    let id = create_panel(&app, &structure, "4", QUOTAS).await;
    let unknown = "nom,Genre,Âge\nAnne,Femme,Jeune\nBob,Homme,Centenaire\n";
    let (status, page) = html(upload(&app, &id, unknown).await).await;
    assert_eq!(status, 422);
    assert!(
        page.contains("Ligne 3\u{a0}: caractéristique inconnue dans cette catégorie"),
        "{page}"
    );
    assert!(page.contains("Centenaire"));
    let missing = "nom,Genre\nAnne,Femme\n";
    let (status, page) = html(upload(&app, &id, missing).await).await;
    assert_eq!(status, 422);
    assert!(
        page.contains("Ligne 1\u{a0}: colonnes manquantes\u{a0}: Âge"),
        "{page}"
    );
    let bad_email = "nom,courriel,Genre,Âge\nAnne,anne@exemple.fr,Femme,Jeune\nBob,pas-une-adresse,Homme,Aîné\n";
    let (status, page) = html(upload(&app, &id, bad_email).await).await;
    assert_eq!(status, 422);
    assert!(page.contains("Ligne 3\u{a0}: adresse de courriel non reconnue"));
    assert_eq!(
        app.store.count_volunteers(uuid(&id)).await.unwrap(),
        0,
        "nothing imported"
    );

    let r = upload(&app, &id, RESPONDENTS).await;
    assert_eq!(r.status(), 303);
    assert!(location(&r).contains("fait=import&n=10"));
    let all = app.store.list_volunteers(uuid(&id)).await.unwrap();
    assert_eq!(all.len(), 10);
    assert_eq!(all[0].name, "Anne Le Bihan");
    assert_eq!(all[0].email, "anne@exemple.fr");
    assert_eq!(all[1].features["Âge"], "Aîné");
    assert!(all
        .iter()
        .all(|v| v.source == "import" && v.status == "pool"));
    let (_, page) = app
        .get_html(&format!("/tirages/{id}/gestion?fait=import&n=10"))
        .await;
    assert!(page.contains("10 volontaires importés."));
    assert!(page.contains("Dorothée Guivarc&#x27;h") || page.contains("Dorothée Guivarc'h"));
    // The same e-mails again: refused, nothing added.
    let (status, page) = html(upload(&app, &id, RESPONDENTS).await).await;
    assert_eq!(status, 409);
    assert!(page.contains("rien n’a été importé"));
    assert_eq!(app.store.count_volunteers(uuid(&id)).await.unwrap(), 10);
}

async fn selection_shows_every_chance_or_says_the_pool_is_too_small(backend: Backend) {
    let Some((app, structure)) = organiser(backend).await else {
        return;
    };
    let id = create_panel(&app, &structure, "4", QUOTAS).await;
    let two = "Genre,Âge\nFemme,Jeune\nHomme,Aîné\n";
    assert_eq!(upload(&app, &id, two).await.status(), 303);
    let (status, page) = html(
        app.post_form(&format!("/tirages/{id}/selection"), &[])
            .await,
    )
    .await;
    assert_eq!(status, 422);
    assert!(
        page.contains("Le panel est plus grand que le vivier"),
        "{page}"
    );

    let id = panel_with_selection(&app, &structure).await;
    let (status, page) = app.get_html(&format!("/tirages/{id}/gestion")).await;
    assert_eq!(status, 200);
    let chances = page.matches("<td class=\"probability\">").count();
    let shown = page.matches("\u{a0}%</td>").count();
    assert_eq!((chances, shown), (10, 10), "every volunteer's chance");
    // Four seats out of ten, quotas that every mix of two and two meets: 40 % each.
    assert!(
        page.contains("<td class=\"probability\">40,0\u{a0}%</td>"),
        "{page}"
    );
    assert!(
        page.contains("role=\"img\"") && page.contains("<title id="),
        "an accessible histogram"
    );
    let (_, public) = app
        .other_browser()
        .get_html(&format!("/tirages/{id}"))
        .await;
    assert!(public.contains("Coefficient de Gini") && public.contains("role=\"img\""));
    let p = app.store.get_panel(uuid(&id)).await.unwrap().unwrap();
    let fingerprint = p.selection.unwrap()["fingerprint"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        public.contains(&fingerprint),
        "the fingerprint announced before the draw"
    );
    assert!(!public.contains("Anne Le Bihan") && !public.contains("anne@exemple.fr"));
    // The announced inputs are downloadable before the draw; round 1 is not.
    let r = app
        .other_browser()
        .get(&format!("/tirages/{id}/tirages/0.json"))
        .await;
    assert_eq!(r.status(), 200);
    let inputs: DrawInputs = r.json().await.unwrap();
    assert_eq!(inputs.fingerprint(), fingerprint);
    let r = app.get(&format!("/tirages/{id}/tirages/1.json")).await;
    assert_eq!(r.status(), 404);
}

async fn infeasible_quotas_are_explained(backend: Backend) {
    let Some((app, structure)) = organiser(backend).await else {
        return;
    };
    let quotas = "Genre, Femme, 3, 4\nGenre, Homme, 0, 4\nÂge, Jeune, 0, 4\nÂge, Aîné, 0, 4";
    let id = create_panel(&app, &structure, "4", quotas).await;
    let pool = "Genre,Âge\nFemme,Jeune\nHomme,Aîné\nHomme,Jeune\nHomme,Aîné\nHomme,Jeune\n";
    assert_eq!(upload(&app, &id, pool).await.status(), 303);
    let (status, page) = html(
        app.post_form(&format!("/tirages/{id}/selection"), &[])
            .await,
    )
    .await;
    assert_eq!(status, 422);
    assert!(
        page.contains("Les quotas ne peuvent pas être respectés avec ce vivier."),
        "{page}"
    );
    assert!(
        page.contains("Genre\u{a0}: Femme demande de 3 à 4 personnes\u{a0}; le vivier en compte 1"),
        "{page}"
    );
    let p = app.store.get_panel(uuid(&id)).await.unwrap().unwrap();
    assert!(p.selection.is_none(), "no selection stored");
}

async fn a_draw_is_public_reproducible_and_names_no_one(backend: Backend) {
    let Some((app, structure)) = organiser(backend).await else {
        return;
    };
    let id = panel_with_selection(&app, &structure).await;
    let (status, page) = html(
        app.post_form(&format!("/tirages/{id}/tirage"), &[("seed", "  ")])
            .await,
    )
    .await;
    assert_eq!(status, 422);
    assert!(page.contains("Écrivez une graine"));
    let r = app
        .post_form(
            &format!("/tirages/{id}/tirage"),
            &[("seed", " 07 12  33 / 41-49 (5) ")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let (_, page) = app.get_html(&location(&r)).await;
    assert!(
        page.contains("Le panel est tiré, avec la graine «\u{a0}7-12-33-41-49-5\u{a0}»."),
        "{page}"
    );
    let (status, _) = html(
        app.post_form(&format!("/tirages/{id}/tirage"), &[("seed", "1")])
            .await,
    )
    .await;
    assert_eq!(status, 409, "drawn once");

    let visitor = app.other_browser();
    let (_, public) = visitor.get_html(&format!("/tirages/{id}")).await;
    assert!(public.contains("Panel formé"));
    assert!(public.contains("7-12-33-41-49-5"), "the seed");
    assert!(
        public.matches(">respecté<").count() == 4 && !public.contains("non respecté"),
        "quotas met"
    );
    for v in app.store.list_volunteers(uuid(&id)).await.unwrap() {
        assert!(
            !public.contains(&v.name) && !public.contains(&v.email),
            "{} on the public page",
            v.name
        );
    }
    let draws = app.store.list_draws(uuid(&id)).await.unwrap();
    let fingerprint = &draws[0].fingerprint;
    assert!(public.contains(&format!(
        "--seed \"7-12-33-41-49-5\" --fingerprint {fingerprint}"
    )));
    let r = visitor.get(&format!("/tirages/{id}/tirages/0.json")).await;
    assert_eq!(r.status(), 200);
    let inputs: DrawInputs = r.json().await.unwrap();
    assert_eq!(&inputs.fingerprint(), fingerprint);
    let again: Vec<i32> = inputs
        .draw("7-12-33-41-49-5")
        .unwrap()
        .into_iter()
        .map(|n| n as i32)
        .collect();
    assert_eq!(
        again, draws[0].selected,
        "the same panel, redone from the published inputs"
    );
    for n in &again {
        assert!(public.contains(&n.to_string()));
    }
}

/// How many of the selected volunteers have each feature.
async fn panel_counts(app: &TestApp, id: &str) -> HashMap<String, u32> {
    let mut counts = HashMap::new();
    for v in app.store.list_volunteers(uuid(id)).await.unwrap() {
        if v.status == "selected" {
            for (_, f) in v.features.as_object().unwrap() {
                *counts.entry(f.as_str().unwrap().to_owned()).or_default() += 1;
            }
        }
    }
    counts
}

async fn a_replacement_keeps_the_quotas_and_erasure_keeps_the_panel(backend: Backend) {
    let Some((app, structure)) = organiser(backend).await else {
        return;
    };
    let id = panel_with_selection(&app, &structure).await;
    let r = app
        .post_form(&format!("/tirages/{id}/tirage"), &[("seed", "42")])
        .await;
    assert_eq!(r.status(), 303);
    let draws = app.store.list_draws(uuid(&id)).await.unwrap();
    let declined = draws[0].selected[0].to_string();
    let (status, page) = html(
        app.post_form(&format!("/tirages/{id}/remplacements"), &[("seed", "43")])
            .await,
    )
    .await;
    assert_eq!(status, 422);
    assert!(page.contains("Cochez au moins une personne qui décline."));
    let r = app
        .post_form(
            &format!("/tirages/{id}/remplacements"),
            &[("declined", &declined), ("seed", "43")],
        )
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let draws = app.store.list_draws(uuid(&id)).await.unwrap();
    assert_eq!(draws.len(), 2);
    assert_eq!(draws[1].declined, vec![declined.parse::<i32>().unwrap()]);
    let counts = panel_counts(&app, &id).await;
    assert_eq!(
        counts.values().sum::<u32>(),
        8,
        "four people, two features each"
    );
    for (feature, lo, hi) in [
        ("Femme", 2, 3),
        ("Homme", 2, 3),
        ("Jeune", 1, 3),
        ("Aîné", 1, 3),
    ] {
        let n = counts.get(feature).copied().unwrap_or(0);
        assert!(lo <= n && n <= hi, "{feature}: {n}");
    }
    let (_, public) = app
        .other_browser()
        .get_html(&format!("/tirages/{id}"))
        .await;
    assert!(public.contains("Remplacement n°\u{a0}1") && public.contains("/tirages/1.json"));
    assert!(!public.contains("non respecté"));

    let r = app
        .post_form(&format!("/tirages/{id}/effacement"), &[])
        .await;
    assert_eq!(r.status(), 303);
    assert!(location(&r).contains("n=6"), "{}", location(&r));
    let left = app.store.list_volunteers(uuid(&id)).await.unwrap();
    assert_eq!(left.len(), 4);
    assert!(
        left.iter().all(|v| v.status == "selected"),
        "the panel stays"
    );
    let p = app.store.get_panel(uuid(&id)).await.unwrap().unwrap();
    assert!(p.pool_erased_at.is_some());
    let (status, _) = html(
        app.post_form(
            &format!("/tirages/{id}/remplacements"),
            &[("declined", &left[0].number.to_string()), ("seed", "44")],
        )
        .await,
    )
    .await;
    assert_eq!(status, 409, "no replacement once the pool is erased");
}
