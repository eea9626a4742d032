//! The opinion-mapping part of the store contract (see `contract`): conversations, participants,
//! statements, votes, analyses and imports.

use crate::contract_initiatives::{author, content, publish, structure};
use crate::deliberation::{
    AnalysisRecord, ConversationFields, ImportedConversation, NewStatement, VoteOutcome, VoteRow,
};
use crate::*;
use chrono::Duration;
use essaim_domain::deliberation::fold_statement;
use uuid::Uuid;

fn fields(question: &str) -> ConversationFields {
    ConversationFields {
        question: question.into(),
        description: "Une *carte* des avis.".into(),
        structure_id: None,
        open_for_statements: true,
        moderation: "post".into(),
        anonymous_allowed: true,
        opens_at: None,
        closes_at: None,
        challenge: String::new(),
        territories: String::new(),
        attribution: String::new(),
        initiative_ids: vec![],
    }
}

fn statement(text: &str, status: &str, author: Option<i64>) -> NewStatement {
    NewStatement {
        author_participant: author,
        text: text.into(),
        status: status.into(),
        seed: author.is_none(),
        created_at: utc_now(),
    }
}

async fn add(store: &dyn Store, conversation: Uuid, text: &str, status: &str) -> i32 {
    store
        .add_statement(
            conversation,
            &statement(text, status, None),
            &fold_statement(text),
        )
        .await
        .unwrap()
        .number
}

async fn generation(store: &dyn Store, id: Uuid) -> i64 {
    store.conversation(id).await.unwrap().unwrap().generation
}

fn vote(participant_id: i64, statement: i32, value: i16) -> VoteRow {
    VoteRow {
        participant_id,
        statement,
        value,
    }
}

pub async fn conversations_are_created_updated_and_listed(store: &dyn Store) {
    let who = author(store).await;
    let s = structure(store, who, "Les Ruches").await;
    let garden = content(
        "Jardins",
        "Des jardins.",
        "Brest",
        &["alimentation"],
        "idee",
    );
    let first_initiative = publish(store, who, garden.clone()).await;
    let second_initiative = publish(store, who, garden).await;
    let now = utc_now();
    let mut f = fields("Quelle place pour le vélo à Brest ?");
    f.structure_id = Some(s.id);
    f.moderation = "pre".into();
    f.opens_at = Some(now);
    f.closes_at = Some(now + Duration::days(30));
    f.challenge = "mobilite".into();
    f.territories = "29019 29".into();
    f.initiative_ids = vec![first_initiative.id];
    let older = store.create_conversation(&f, who, now).await.unwrap();
    assert_eq!(older.question, f.question);
    assert_eq!(older.description, f.description);
    assert_eq!(older.created_by, who);
    assert_eq!(older.structure_id, Some(s.id));
    assert!(older.open_for_statements && older.anonymous_allowed);
    assert_eq!(older.moderation, "pre");
    assert_eq!(older.opens_at, Some(now));
    assert_eq!(older.closes_at, Some(now + Duration::days(30)));
    assert_eq!(
        (older.challenge.as_str(), older.territories.as_str()),
        ("mobilite", "29019 29")
    );
    assert_eq!(older.generation, 0);
    assert_eq!((older.created_at, older.updated_at), (now, now));
    assert_eq!(
        store.conversation(older.id).await.unwrap(),
        Some(older.clone())
    );
    assert_eq!(store.conversation(Uuid::now_v7()).await.unwrap(), None);
    assert_eq!(
        store.conversation_initiatives(older.id).await.unwrap(),
        [first_initiative.id]
    );

    // Editing replaces the fields and the links, keeps the creation time.
    let later = now + Duration::minutes(5);
    let mut g = f.clone();
    g.question = "Quelle place pour le vélo dans le Finistère ?".into();
    g.anonymous_allowed = false;
    g.closes_at = None;
    g.attribution = "Pol.is, CC BY 4.0".into();
    g.initiative_ids = vec![second_initiative.id];
    let edited = store
        .update_conversation(older.id, &g, later)
        .await
        .unwrap();
    assert_eq!(edited.question, g.question);
    assert!(!edited.anonymous_allowed);
    assert_eq!(edited.closes_at, None);
    assert_eq!(edited.attribution, "Pol.is, CC BY 4.0");
    assert_eq!((edited.created_at, edited.updated_at), (now, later));
    assert_eq!(store.conversation(older.id).await.unwrap(), Some(edited));
    assert_eq!(
        store.conversation_initiatives(older.id).await.unwrap(),
        [second_initiative.id]
    );
    let err = store
        .update_conversation(Uuid::now_v7(), &g, later)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound), "{err:?}");

    // Counts: participants who voted, accepted statements, votes.
    let newer = store
        .create_conversation(&fields("Et les bus ?"), who, now + Duration::seconds(1))
        .await
        .unwrap();
    let zero = add(store, older.id, "Plus de pistes cyclables", "accepted").await;
    let one = add(store, older.id, "Des parkings à vélos", "accepted").await;
    add(store, older.id, "Un tramway", "pending").await;
    add(store, older.id, "Des voitures partout", "rejected").await;
    let a = store
        .participant_for_person(older.id, who, now)
        .await
        .unwrap();
    let b = store
        .participant_for_key(older.id, "cle-b", now)
        .await
        .unwrap();
    store
        .participant_for_key(older.id, "silencieux", now)
        .await
        .unwrap();
    for (p, n, v) in [(a, zero, 1), (a, one, -1), (b, zero, 0)] {
        assert_eq!(
            store.cast_vote(older.id, p, n, v, now).await.unwrap(),
            VoteOutcome::Recorded
        );
    }
    let list = store.list_conversations(Page::first(10)).await.unwrap();
    let summary: Vec<(Uuid, i64, i64, i64)> = list
        .iter()
        .map(|c| (c.id, c.participants, c.statements, c.votes))
        .collect();
    assert_eq!(summary, [(newer.id, 0, 0, 0), (older.id, 2, 2, 3)]);
    assert_eq!(list[1].question, g.question);
    assert_eq!(list[1].opens_at, Some(now));
    assert_eq!(list[1].created_at, now);
    assert_eq!(
        store
            .list_conversations(Page {
                limit: 1,
                offset: 1
            })
            .await
            .unwrap()
            .iter()
            .map(|c| c.id)
            .collect::<Vec<_>>(),
        [older.id]
    );
    assert_eq!(store.count_conversations().await.unwrap(), 2);
    let linked = store
        .conversations_of_initiative(second_initiative.id)
        .await
        .unwrap();
    assert_eq!(linked.len(), 1);
    assert_eq!((linked[0].id, linked[0].votes), (older.id, 3));
    assert!(store
        .conversations_of_initiative(first_initiative.id)
        .await
        .unwrap()
        .is_empty());
}

pub async fn participants_are_created_once(store: &dyn Store) {
    let who = author(store).await;
    let other = author(store).await;
    let now = utc_now();
    let c = store
        .create_conversation(&fields("Quelle ville voulons-nous ?"), who, now)
        .await
        .unwrap();
    let d = store
        .create_conversation(&fields("Quelle campagne voulons-nous ?"), who, now)
        .await
        .unwrap();
    assert_eq!(
        store.find_participant(c.id, Some(who), None).await.unwrap(),
        None
    );

    let me = store.participant_for_person(c.id, who, now).await.unwrap();
    assert_eq!(
        store.participant_for_person(c.id, who, now).await.unwrap(),
        me
    );
    let key = store
        .participant_for_key(c.id, "hash-1", now)
        .await
        .unwrap();
    assert_eq!(
        store
            .participant_for_key(c.id, "hash-1", now)
            .await
            .unwrap(),
        key
    );
    assert_ne!(me, key);
    let elsewhere = store.participant_for_person(d.id, who, now).await.unwrap();
    assert_ne!(elsewhere, me, "one participant per conversation");
    assert_eq!(
        store.find_participant(c.id, Some(who), None).await.unwrap(),
        Some(me)
    );
    assert_eq!(
        store
            .find_participant(c.id, None, Some("hash-1"))
            .await
            .unwrap(),
        Some(key)
    );
    assert_eq!(
        store
            .find_participant(c.id, Some(who), Some("hash-1"))
            .await
            .unwrap(),
        Some(me),
        "the person first"
    );
    assert_eq!(
        store
            .find_participant(c.id, Some(other), Some("hash-1"))
            .await
            .unwrap(),
        Some(key)
    );
    assert_eq!(
        store
            .find_participant(c.id, None, Some("hash-2"))
            .await
            .unwrap(),
        None
    );
    assert_eq!(
        store.find_participant(c.id, None, None).await.unwrap(),
        None
    );

    // Concurrent first visits make one participant.
    let (x, y) = tokio::join!(
        store.participant_for_person(c.id, other, now),
        store.participant_for_person(c.id, other, now)
    );
    assert_eq!(x.unwrap(), y.unwrap());
    let (x, y) = tokio::join!(
        store.participant_for_key(c.id, "hash-3", now),
        store.participant_for_key(c.id, "hash-3", now)
    );
    assert_eq!(x.unwrap(), y.unwrap());

    let err = store
        .participant_for_key(Uuid::now_v7(), "hash-1", now)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound), "{err:?}");
}

pub async fn statements_are_numbered_and_duplicates_refused(store: &dyn Store) {
    let who = author(store).await;
    let now = utc_now();
    let c = store
        .create_conversation(&fields("Quelle ville voulons-nous ?"), who, now)
        .await
        .unwrap();
    let p = store.participant_for_person(c.id, who, now).await.unwrap();
    let first = store
        .add_statement(
            c.id,
            &statement("Plus de vélos !", "accepted", None),
            &fold_statement("Plus de vélos !"),
        )
        .await
        .unwrap();
    assert_eq!(first.number, 0);
    assert_eq!(first.conversation_id, c.id);
    assert_eq!(
        (first.text.as_str(), first.status.as_str()),
        ("Plus de vélos !", "accepted")
    );
    assert!(first.seed && !first.featured);
    assert_eq!(first.author_participant, None);
    let second = store
        .add_statement(
            c.id,
            &statement("Moins de voitures", "pending", Some(p)),
            &fold_statement("Moins de voitures"),
        )
        .await
        .unwrap();
    assert_eq!((second.number, second.author_participant), (1, Some(p)));
    assert!(!second.seed);
    assert_eq!(add(store, c.id, "Des bancs", "accepted").await, 2);
    assert_eq!(generation(store, c.id).await, 3);

    // The same statement written differently is refused, and takes no number.
    let err = store
        .add_statement(
            c.id,
            &statement("plus de velos", "accepted", Some(p)),
            &fold_statement("plus de velos"),
        )
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::AlreadyExists), "{err:?}");
    assert_eq!(generation(store, c.id).await, 3);
    let err = store
        .add_statement(
            Uuid::now_v7(),
            &statement("Ailleurs", "accepted", None),
            "ailleurs",
        )
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound), "{err:?}");
    // Another conversation numbers from 0 and may say the same.
    let d = store
        .create_conversation(&fields("Quelle campagne voulons-nous ?"), who, now)
        .await
        .unwrap();
    assert_eq!(add(store, d.id, "Plus de vélos", "accepted").await, 0);

    // Concurrent statements get distinct numbers.
    let (trees, fountains) = (
        statement("Des arbres", "accepted", None),
        statement("Des fontaines", "accepted", None),
    );
    let (x, y) = tokio::join!(
        store.add_statement(c.id, &trees, "des arbres"),
        store.add_statement(c.id, &fountains, "des fontaines")
    );
    let mut numbers = [x.unwrap().number, y.unwrap().number];
    numbers.sort();
    assert_eq!(numbers, [3, 4]);

    // Moderation.
    let accepted = store
        .moderate_statement(c.id, 1, "accepted", true)
        .await
        .unwrap();
    assert_eq!(
        (accepted.number, accepted.status.as_str(), accepted.featured),
        (1, "accepted", true)
    );
    assert_eq!(generation(store, c.id).await, 6);
    let err = store
        .moderate_statement(c.id, 99, "rejected", false)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound), "{err:?}");
    let err = store
        .moderate_statement(d.id, 1, "rejected", false)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound), "{err:?}");
    let listed = store.statements(c.id).await.unwrap();
    assert_eq!(
        listed.iter().map(|s| s.number).collect::<Vec<_>>(),
        [0, 1, 2, 3, 4]
    );
    assert_eq!(listed[0], first);
    assert_eq!(listed[1], accepted);
}

pub async fn votes_are_cast_replaced_and_read(store: &dyn Store) {
    let who = author(store).await;
    let now = utc_now();
    let c = store
        .create_conversation(&fields("Quelle ville voulons-nous ?"), who, now)
        .await
        .unwrap();
    let d = store
        .create_conversation(&fields("Quelle campagne voulons-nous ?"), who, now)
        .await
        .unwrap();
    for (text, status) in [
        ("Zéro", "accepted"),
        ("Un", "accepted"),
        ("Deux", "pending"),
        ("Trois", "rejected"),
        ("Quatre", "accepted"),
    ] {
        add(store, c.id, text, status).await;
    }
    add(store, d.id, "Ailleurs", "accepted").await;
    let a = store.participant_for_person(c.id, who, now).await.unwrap();
    let b = store.participant_for_key(c.id, "cle-b", now).await.unwrap();
    let outsider = store.participant_for_key(d.id, "cle-d", now).await.unwrap();
    let start = generation(store, c.id).await;

    let cast = |p, n, v| store.cast_vote(c.id, p, n, v, now);
    assert_eq!(cast(a, 9, 1).await.unwrap(), VoteOutcome::UnknownStatement);
    assert_eq!(cast(a, 2, 1).await.unwrap(), VoteOutcome::NotVotable);
    assert_eq!(cast(a, 3, 1).await.unwrap(), VoteOutcome::NotVotable);
    let err = cast(outsider, 0, 1).await.unwrap_err();
    assert!(matches!(err, StoreError::NotFound), "{err:?}");
    assert_eq!(generation(store, c.id).await, start, "nothing recorded");
    assert!(store.votes(c.id).await.unwrap().is_empty());

    // Voted out of order; a change of mind replaces the vote.
    for (p, n, v) in [
        (b, 4, -1),
        (a, 4, 1),
        (a, 0, 1),
        (b, 0, 0),
        (a, 1, -1),
        (a, 0, -1),
    ] {
        assert_eq!(cast(p, n, v).await.unwrap(), VoteOutcome::Recorded);
    }
    assert_eq!(generation(store, c.id).await, start + 6);
    assert_eq!(
        store.votes_of(c.id, a).await.unwrap(),
        [vote(a, 0, -1), vote(a, 1, -1), vote(a, 4, 1)]
    );
    let mut expected = vec![
        vote(a, 0, -1),
        vote(a, 1, -1),
        vote(a, 4, 1),
        vote(b, 0, 0),
        vote(b, 4, -1),
    ];
    expected.sort_by_key(|v| (v.participant_id, v.statement));
    assert_eq!(store.votes(c.id).await.unwrap(), expected);

    // Concurrent identical votes leave one.
    let (x, y) = tokio::join!(cast(b, 1, 1), cast(b, 1, 1));
    assert_eq!(
        (x.unwrap(), y.unwrap()),
        (VoteOutcome::Recorded, VoteOutcome::Recorded)
    );
    assert_eq!(
        store.votes_of(c.id, b).await.unwrap(),
        [vote(b, 0, 0), vote(b, 1, 1), vote(b, 4, -1)]
    );
    assert_eq!(store.votes(c.id).await.unwrap().len(), 6);
    assert!(store.votes_of(c.id, outsider).await.unwrap().is_empty());

    // A statement rejected later keeps its votes but takes no more.
    store
        .moderate_statement(c.id, 4, "rejected", false)
        .await
        .unwrap();
    assert_eq!(cast(b, 4, 1).await.unwrap(), VoteOutcome::NotVotable);
    assert!(store.votes(c.id).await.unwrap().contains(&vote(b, 4, -1)));
    assert!(store.votes(d.id).await.unwrap().is_empty());
}

pub async fn analyses_are_saved_and_staleness_follows_generation(store: &dyn Store) {
    let who = author(store).await;
    let now = utc_now();
    let quiet = store
        .create_conversation(&fields("Personne ne vote ?"), who, now)
        .await
        .unwrap();
    add(store, quiet.id, "Rien", "accepted").await;
    let c = store
        .create_conversation(&fields("Quelle ville voulons-nous ?"), who, now)
        .await
        .unwrap();
    let d = store
        .create_conversation(&fields("Quelle campagne voulons-nous ?"), who, now)
        .await
        .unwrap();
    assert!(
        store.stale_analyses(10).await.unwrap().is_empty(),
        "no votes, nothing to analyse"
    );
    for id in [c.id, d.id] {
        add(store, id, "Zéro", "accepted").await;
        let p = store.participant_for_key(id, "cle", now).await.unwrap();
        store.cast_vote(id, p, 0, 1, now).await.unwrap();
    }
    let gc = generation(store, c.id).await;
    let gd = generation(store, d.id).await;
    let mut stale = store.stale_analyses(10).await.unwrap();
    stale.sort();
    let mut both = vec![(c.id, gc), (d.id, gd)];
    both.sort();
    assert_eq!(stale, both);
    assert_eq!(store.stale_analyses(1).await.unwrap().len(), 1);

    assert_eq!(store.analysis(c.id).await.unwrap(), None);
    let record = AnalysisRecord {
        conversation_id: c.id,
        generation: gc,
        computed_at: now,
        body: r#"{"groups":[]}"#.into(),
    };
    store.save_analysis(&record).await.unwrap();
    assert_eq!(store.analysis(c.id).await.unwrap(), Some(record.clone()));
    assert_eq!(store.stale_analyses(10).await.unwrap(), [(d.id, gd)]);

    // A new vote makes it stale again; the never analysed come first.
    let p = store.participant_for_key(c.id, "autre", now).await.unwrap();
    store.cast_vote(c.id, p, 0, -1, now).await.unwrap();
    assert_eq!(
        store.stale_analyses(10).await.unwrap(),
        [(d.id, gd), (c.id, gc + 1)]
    );
    let newer = AnalysisRecord {
        generation: gc + 1,
        computed_at: now + Duration::seconds(1),
        body: r#"{"groups":[1]}"#.into(),
        ..record.clone()
    };
    store.save_analysis(&newer).await.unwrap();
    assert_eq!(store.analysis(c.id).await.unwrap(), Some(newer.clone()));
    // A slower worker finishing an older generation does not overwrite it.
    store.save_analysis(&record).await.unwrap();
    assert_eq!(store.analysis(c.id).await.unwrap(), Some(newer));
    assert_eq!(store.stale_analyses(10).await.unwrap(), [(d.id, gd)]);
}

pub async fn imports_keep_numbers_duplicates_and_votes(store: &dyn Store) {
    let who = author(store).await;
    let garden = publish(
        store,
        who,
        content(
            "Jardins",
            "Des jardins.",
            "Brest",
            &["alimentation"],
            "idee",
        ),
    )
    .await;
    let now = utc_now();
    let mut f = fields("Comment vivre ensemble ?");
    f.attribution = "Pol.is, CC BY 4.0".into();
    f.initiative_ids = vec![garden.id];
    // Numbers with a gap, duplicate texts (three times the same, once differently written).
    let texts = [
        "Plus de vélos",
        "Des bancs",
        "plus de velos !",
        "Des arbres",
        "Plus de vélos",
    ];
    let numbers = [0, 1, 2, 3, 7];
    let statements: Vec<(i32, Option<i64>, String, String)> = numbers
        .iter()
        .zip(texts)
        .map(|(&n, text)| {
            let author = if n == 1 {
                None
            } else {
                Some(1000 + i64::from(n))
            };
            let status = if n == 3 { "rejected" } else { "accepted" };
            (n, author, text.to_owned(), status.to_owned())
        })
        .collect();
    // Enough votes for several multi-row statements, each voter on every statement.
    let mut votes = Vec::new();
    for voter in 0..2_500i64 {
        for (k, &n) in numbers.iter().enumerate() {
            let value = ((voter + k as i64) % 3 - 1) as i16;
            votes.push((voter, n, value));
        }
    }
    // A repeated vote: the last one counts.
    votes.push((0, 0, 1));
    let expected_first = (0, 0, 1);
    let imported = ImportedConversation {
        fields: f.clone(),
        created_by: who,
        created_at: now,
        statements: statements.clone(),
        votes: votes.clone(),
    };

    // Votes on a statement the import lacks: an error naming it, and nothing created.
    let mut broken = imported.clone();
    broken.votes.push((3, 5, 1));
    let err = store.import_conversation(&broken).await.unwrap_err();
    assert!(
        matches!(&err, StoreError::Corrupt(m) if m.contains("statement 5")),
        "{err:?}"
    );
    assert_eq!(store.count_conversations().await.unwrap(), 0);

    let id = store.import_conversation(&imported).await.unwrap();
    let c = store.conversation(id).await.unwrap().unwrap();
    assert_eq!(
        (c.question.as_str(), c.attribution.as_str()),
        (f.question.as_str(), "Pol.is, CC BY 4.0")
    );
    assert_eq!((c.created_by, c.created_at), (who, now));
    assert!(c.generation > 0);
    assert_eq!(
        store.conversation_initiatives(id).await.unwrap(),
        [garden.id]
    );
    let listed = store.statements(id).await.unwrap();
    assert_eq!(listed.iter().map(|s| s.number).collect::<Vec<_>>(), numbers);
    assert_eq!(
        listed.iter().map(|s| s.text.as_str()).collect::<Vec<_>>(),
        texts
    );
    assert_eq!(listed[3].status, "rejected");
    assert!(listed[1].seed && listed[1].author_participant.is_none());
    assert!(!listed[0].seed && listed[0].author_participant.is_some());
    assert_ne!(listed[0].author_participant, listed[2].author_participant);

    let read = store.votes(id).await.unwrap();
    assert_eq!(read.len(), 2_500 * numbers.len());
    let summary = &store.list_conversations(Page::first(1)).await.unwrap()[0];
    assert_eq!(
        (summary.participants, summary.statements, summary.votes),
        (2_500, 4, read.len() as i64)
    );
    // Participants numbered as imported: ordered like the external ids here.
    let mut ids: Vec<i64> = read.iter().map(|v| v.participant_id).collect();
    ids.dedup();
    assert_eq!(ids.len(), 2_500);
    let first = read[0];
    assert_eq!((0, first.statement, first.value), expected_first);
    for (k, v) in read.iter().enumerate().skip(1) {
        let voter = (k / numbers.len()) as i64;
        let n = numbers[k % numbers.len()];
        assert_eq!(v.participant_id, ids[voter as usize]);
        assert_eq!(v.statement, n);
        let position = numbers.iter().position(|&m| m == n).unwrap() as i64;
        assert_eq!(i64::from(v.value), (voter + position) % 3 - 1);
    }

    // Life goes on after the import: the next number follows the largest, and a duplicate of
    // an imported text is refused.
    assert_eq!(add(store, id, "Des fontaines", "accepted").await, 8);
    let err = store
        .add_statement(
            id,
            &statement("Des bancs", "accepted", None),
            &fold_statement("Des bancs"),
        )
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::AlreadyExists), "{err:?}");
    let voter = store.participant_for_key(id, "nouveau", now).await.unwrap();
    assert_eq!(
        store.cast_vote(id, voter, 7, 1, now).await.unwrap(),
        VoteOutcome::Recorded
    );
}

pub async fn erasure_unlinks_participants(store: &dyn Store) {
    let who = author(store).await;
    let other = author(store).await;
    let now = utc_now();
    let c = store
        .create_conversation(&fields("Quelle ville voulons-nous ?"), other, now)
        .await
        .unwrap();
    let mine = store.participant_for_person(c.id, who, now).await.unwrap();
    let theirs = store
        .participant_for_person(c.id, other, now)
        .await
        .unwrap();
    let written = store
        .add_statement(
            c.id,
            &statement("Plus de vélos", "accepted", Some(mine)),
            "plus de velos",
        )
        .await
        .unwrap();
    add(store, c.id, "Des bancs", "accepted").await;
    for (p, n) in [(mine, 0), (mine, 1), (theirs, 1)] {
        store.cast_vote(c.id, p, n, 1, now).await.unwrap();
    }
    let contributions = store.contributions_of(who).await.unwrap();
    assert_eq!(contributions.votes, 2);
    assert_eq!(contributions.statements.len(), 1);
    let s = &contributions.statements[0];
    assert_eq!(
        (s.conversation_id, s.number, s.text.as_str(), s.created_at),
        (c.id, 0, "Plus de vélos", written.created_at)
    );

    assert!(store.erase_person(who, now).await.unwrap());
    assert_eq!(
        store.find_participant(c.id, Some(who), None).await.unwrap(),
        None
    );
    assert_eq!(
        store
            .find_participant(c.id, Some(other), None)
            .await
            .unwrap(),
        Some(theirs)
    );
    let after = store.contributions_of(who).await.unwrap();
    assert!(after.statements.is_empty());
    assert_eq!(after.votes, 0);
    // What they said stays, unsigned.
    assert_eq!(store.statements(c.id).await.unwrap()[0], written);
    assert_eq!(
        store.votes(c.id).await.unwrap(),
        [vote(mine, 0, 1), vote(mine, 1, 1), vote(theirs, 1, 1)]
    );
}
