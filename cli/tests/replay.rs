//! `tencent-webhook replay` from a SQLite store, against a receiver in the
//! test that records every request: exact counts, bodies byte for byte,
//! queries signed fresh, each filter at its boundaries.

mod common;

use common::receiver::Receiver;
use common::replay::*;
use common::{arg, now_seconds, tool_async};
use tencent_live_webhook::testing::fixtures::APP_ID;
use tencent_live_webhook::testing::WebhookRequest;
use tencent_live_webhook::TencentEvent;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_inbox_row_is_sent_once_in_order_byte_for_byte_signed_fresh() {
    let rows = sample_rows(T0);
    assert!(rows.len() > 50, "the samples give {} rows", rows.len());
    let store = SqliteStore::new(&rows, &[]);
    let before = std::fs::read(&store.path).unwrap();

    assert_every_row_is_sent_once(&store.source(), &rows).await;
    assert_eq!(
        std::fs::read(&store.path).unwrap(),
        before,
        "replay wrote the store"
    );
}

/// The query as a store that kept it whole would have it: signed in 2020.
fn signed_in_2020(event: &TencentEvent) -> String {
    WebhookRequest::new(event)
        .app_id(APP_ID)
        .token("an-old-token")
        .request_time(1_600_000_000)
        .query()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_old_signature_in_the_stored_query_is_replaced() {
    let event = &TencentEvent::samples()[0];
    let mut row = Row::of(event, T0);
    row.query = signed_in_2020(event);
    assert!(row.query.contains("Sign=") && row.query.contains("RequestTime=1600000000"));
    let store = SqliteStore::new(std::slice::from_ref(&row), &[]);
    let receiver = Receiver::ok().await;

    let from = now_seconds();
    let run = store.source().replay(&receiver.url, &[]).await;
    let to = now_seconds();

    run.assert_ok();
    let received = receiver.seen();
    assert_eq!(received.len(), 1);
    assert_signed_fresh(&received[0].query, &row.query, from, to);
    let pairs = received[0].pairs();
    assert_eq!(pairs.iter().filter(|(name, _)| name == "Sign").count(), 1);
    assert_eq!(
        pairs
            .iter()
            .filter(|(name, _)| name == "RequestTime")
            .count(),
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_token_the_stored_query_goes_unsigned() {
    let event = &TencentEvent::samples()[1];
    let mut signed = Row::of(event, T0);
    signed.query = signed_in_2020(event);
    let plain = Row::of(&TencentEvent::samples()[2], T0 + 1);
    let store = SqliteStore::new(&[signed, plain.clone()], &[]);
    let receiver = Receiver::ok().await;

    let run = store.source().replay_with(None, &receiver.url, &[]).await;

    run.assert_ok();
    let received = receiver.seen();
    assert_eq!(received.len(), 2);
    let unsigned = WebhookRequest::new(event).app_id(APP_ID).query();
    assert_eq!(
        received[0].query, unsigned,
        "the old Sign/RequestTime removed"
    );
    assert_eq!(received[1].query, plain.query);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_filter_selects_exactly_its_rows() {
    let rows = four_rows();
    let store = SqliteStore::new(&rows, &[]);
    assert_each_filter_selects_its_rows(&store.source(), &rows).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dead_letters_are_replayed_and_a_truncated_one_is_skipped() {
    let (inbox, letters) = dead_letter_rows();
    let store = SqliteStore::new(&inbox, &letters);
    assert_dead_letters_are_replayed(&store.source(), &letters).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dry_run_lists_the_rows_and_sends_nothing() {
    let (inbox, letters) = dry_run_rows();
    let store = SqliteStore::new(&inbox, &letters);
    assert_dry_run_lists_the_rows(&store.source(), &inbox).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fail_answer_exits_1_and_is_counted() {
    let rows = four_rows();
    let store = SqliteStore::new(&rows, &[]);
    assert_a_fail_answer_is_counted(&store.source(), &rows).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrency_sends_every_row_once() {
    let rows = sample_rows(T0);
    let store = SqliteStore::new(&rows, &[]);
    let receiver = Receiver::ok().await;

    let run = store
        .source()
        .replay(&receiver.url, &["--concurrency", "8"])
        .await;

    run.assert_ok();
    let mut sent: Vec<Vec<u8>> = receiver
        .seen()
        .iter()
        .map(|request| request.body.to_vec())
        .collect();
    let mut stored: Vec<Vec<u8>> = rows.iter().map(|row| row.body.clone()).collect();
    sent.sort();
    stored.sort();
    assert_eq!(sent, stored);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_missing_or_foreign_store_exits_1_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let receiver = Receiver::ok().await;
    let missing = dir.path().join("no-such-store.sqlite");
    let run = Source::sqlite(&missing).replay(&receiver.url, &[]).await;
    run.assert_exit(1);
    run.assert_stderr_has(arg(&missing));
    assert!(!missing.exists(), "replay created the store");

    // A SQLite file without the tables.
    let empty = dir.path().join("empty.sqlite");
    rusqlite::Connection::open(&empty)
        .unwrap()
        .execute_batch("CREATE TABLE other (id INTEGER)")
        .unwrap();
    let run = Source::sqlite(&empty)
        .replay(&receiver.url, &["--from", "dead-letters"])
        .await;
    run.assert_exit(1);
    run.assert_stderr_has(arg(&empty));
    run.assert_stderr_has("dead_letters");
    assert!(receiver.seen().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_empty_selection_sends_nothing_and_succeeds() {
    let store = SqliteStore::new(&[], &[]);
    let receiver = Receiver::ok().await;
    let run = store.source().replay(&receiver.url, &[]).await;
    run.assert_ok();
    assert_eq!(run.matched(), 0);
    assert!(receiver.seen().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_usage_exits_2_with_a_clear_message() {
    let url = "http://127.0.0.1:9/tencent/callback";
    let sqlite = ["--url", url, "--sqlite", "a"];
    let cases: &[(&[&str], &[&str], &str)] = &[
        (&["--url", url], &[], "--sqlite"),
        (
            &sqlite,
            &["--database-url", "postgres://u@h/d"],
            "cannot be used with",
        ),
        (&["--sqlite", "a"], &[], "--url"),
        (&sqlite, &["--since", "yesterday"], "--since"),
        (&sqlite, &["--until", "2026-12-06"], "--until"),
        (
            &sqlite,
            &["--since", "5", "--until", "5"],
            "--since must be before --until",
        ),
        (&sqlite, &["--from", "outbox"], "outbox"),
        (&sqlite, &["--concurrency", "0"], "--concurrency"),
        (
            &["--url", "https://example.com/cb", "--sqlite", "a"],
            &[],
            "plain HTTP",
        ),
        (
            &["--url", url],
            &["--database-url", "postgres://u:hunter2@h:port/d"],
            "not a PostgreSQL URL",
        ),
    ];
    for (options, more, says) in cases {
        let args = [&["replay"][..], *options, *more].concat();
        let run = tool_async(&args, None).await;
        assert_eq!(run.code, Some(2), "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains(says), "{args:?}: {}", run.stderr);
        assert!(
            !run.stderr.contains("hunter2"),
            "a password printed: {}",
            run.stderr
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn help_names_the_three_uses_and_every_option() {
    let run = tool_async(&["replay", "--help"], None).await;
    assert_eq!(run.code, Some(0));
    let help = words(&run.stdout);
    for says in [
        "no-op for webhooks with an Exact or Probable",
        "rebuilds",
        "recovery path",
        "--url <URL>",
        "--token-file <FILE>",
        "--from <TABLE>",
        "dead-letters",
        "--sqlite <FILE>",
        "--database-url <URL>",
        "no TLS",
        "--command <CMD>",
        "--since <TIME>",
        "--until <TIME>",
        "--key <KEY>",
        "--concurrency <C>",
        "--dry-run",
        "--include-truncated",
    ] {
        assert!(
            help.contains(says),
            "--help does not say {says:?}:\n{}",
            run.stdout
        );
    }
}

/// The text with every run of whitespace as one space.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn more_rows_than_a_page_are_all_sent_in_order() {
    // 600 rows (the source reads 256 at a time), without keys as webhooks of
    // strength `none` are stored, each body made unique by a trailing space count.
    let samples = sample_rows(T0);
    let rows: Vec<Row> = (0..600)
        .map(|index| {
            let mut row = samples[index % samples.len()].clone();
            row.key = None;
            row.strength = "none";
            row.body
                .extend(std::iter::repeat_n(b' ', index / samples.len()));
            row.received_at_ms = T0 + index as i64;
            row
        })
        .collect();
    let store = SqliteStore::new(&rows, &[]);
    let receiver = Receiver::ok().await;

    let run = store.source().replay(&receiver.url, &[]).await;

    run.assert_ok();
    assert_eq!(run.matched(), 600);
    let received = receiver.seen();
    assert_eq!(received.len(), 600);
    for (row, request) in rows.iter().zip(&received) {
        assert_eq!(request.body.as_ref(), row.body.as_slice());
    }
}
