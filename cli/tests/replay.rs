//! `tencent-webhook replay` from a SQLite store, against a receiver in the
//! test that records every request: exact counts, bodies byte for byte,
//! queries signed fresh, each filter at its boundaries.

mod replay_support;

use std::path::Path;

use replay_support::{
    assert_signed_fresh, form_pairs, now_seconds, sample_rows, sqlite_store, tencent_webhook,
    Receiver, Row, TOKEN,
};
use tencent_live_webhook::testing::WebhookRequest;
use tencent_live_webhook::TencentEvent;

/// 2026-12-06T10:00:00Z, in Unix milliseconds.
const T0: i64 = 1_796_551_200_000;

fn path_str(path: &Path) -> &str {
    path.to_str().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_inbox_row_is_sent_once_in_order_byte_for_byte_signed_fresh() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store.sqlite");
    let rows = sample_rows(T0);
    assert!(rows.len() > 50, "the samples give {} rows", rows.len());
    sqlite_store(&store, &rows, &[]);
    let before = std::fs::read(&store).unwrap();
    let receiver = Receiver::start().await;

    let from = now_seconds();
    let run = tencent_webhook(
        &[
            "replay",
            "--url",
            &receiver.url,
            "--sqlite",
            path_str(&store),
        ],
        Some(TOKEN),
    )
    .await;
    let to = now_seconds();

    assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
    assert_eq!(run.matched(), rows.len() as u64);
    assert!(
        run.stdout.contains(&format!("{} webhooks in ", rows.len())),
        "{}",
        run.stdout
    );
    let received = receiver.received();
    assert_eq!(received.len(), rows.len());
    for (row, request) in rows.iter().zip(&received) {
        assert_eq!(request.path, "/tencent/callback");
        assert_eq!(
            request.body.as_ref(),
            row.body.as_slice(),
            "{}",
            row.command
        );
        assert_signed_fresh(&request.query, &row.query, from, to);
    }
    assert_eq!(
        std::fs::read(&store).unwrap(),
        before,
        "replay wrote the store"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_old_signature_in_the_stored_query_is_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store.sqlite");
    let event = &TencentEvent::samples()[0];
    let mut row = Row::of(event, T0);
    // As a store that kept the query whole would have it: signed in 2020.
    row.query = WebhookRequest::new(event)
        .app_id(replay_support::APP_ID)
        .token("an-old-token")
        .request_time(1_600_000_000)
        .query();
    assert!(row.query.contains("Sign=") && row.query.contains("RequestTime=1600000000"));
    sqlite_store(&store, std::slice::from_ref(&row), &[]);
    let receiver = Receiver::start().await;

    let from = now_seconds();
    let run = tencent_webhook(
        &[
            "replay",
            "--url",
            &receiver.url,
            "--sqlite",
            path_str(&store),
        ],
        Some(TOKEN),
    )
    .await;
    let to = now_seconds();

    assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
    let received = receiver.received();
    assert_eq!(received.len(), 1);
    assert_signed_fresh(&received[0].query, &row.query, from, to);
    let pairs = form_pairs(&received[0].query);
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
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store.sqlite");
    let event = &TencentEvent::samples()[1];
    let mut signed = Row::of(event, T0);
    signed.query = WebhookRequest::new(event)
        .app_id(replay_support::APP_ID)
        .token("an-old-token")
        .request_time(1_600_000_000)
        .query();
    let plain = Row::of(&TencentEvent::samples()[2], T0 + 1);
    sqlite_store(&store, &[signed, plain.clone()], &[]);
    let receiver = Receiver::start().await;

    let run = tencent_webhook(
        &[
            "replay",
            "--url",
            &receiver.url,
            "--sqlite",
            path_str(&store),
        ],
        None,
    )
    .await;

    assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
    let received = receiver.received();
    assert_eq!(received.len(), 2);
    let unsigned = WebhookRequest::new(event)
        .app_id(replay_support::APP_ID)
        .query();
    assert_eq!(
        received[0].query, unsigned,
        "the old Sign/RequestTime removed"
    );
    assert_eq!(received[1].query, plain.query);
}

/// Four rows of four commands at T0 .. T0 + 3 ms; the result of a filter is
/// the list of row indexes it selected, in the order they were sent.
struct FilterCase {
    rows: Vec<Row>,
    store: tempfile::TempDir,
}

impl FilterCase {
    fn new() -> Self {
        let samples = TencentEvent::samples();
        let mut commands = Vec::new();
        let mut rows = Vec::new();
        for event in &samples {
            let row = Row::of(event, T0 + rows.len() as i64);
            if row.key.is_some() && !commands.contains(&row.command) {
                commands.push(row.command.clone());
                rows.push(row);
            }
            if rows.len() == 4 {
                break;
            }
        }
        let store = tempfile::tempdir().unwrap();
        sqlite_store(&store.path().join("store.sqlite"), &rows, &[]);
        Self { rows, store }
    }

    async fn select(&self, filters: &[&str]) -> Vec<usize> {
        let receiver = Receiver::start().await;
        let store = self.store.path().join("store.sqlite");
        let mut args = vec![
            "replay",
            "--url",
            &receiver.url,
            "--sqlite",
            path_str(&store),
        ];
        args.extend_from_slice(filters);
        let run = tencent_webhook(&args, Some(TOKEN)).await;
        assert_eq!(
            run.code,
            Some(0),
            "{filters:?}: {}{}",
            run.stdout,
            run.stderr
        );
        let selected: Vec<usize> = receiver
            .received()
            .iter()
            .map(|request| {
                self.rows
                    .iter()
                    .position(|row| row.body == request.body.as_ref())
                    .expect("a stored body")
            })
            .collect();
        assert_eq!(run.matched(), selected.len() as u64, "{filters:?}");
        selected
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_filter_selects_exactly_its_rows() {
    let case = FilterCase::new();
    let rows = &case.rows;
    let (t1, t2, t3) = (
        (T0 + 1).to_string(),
        (T0 + 2).to_string(),
        (T0 + 3).to_string(),
    );

    assert_eq!(case.select(&[]).await, [0, 1, 2, 3]);
    assert_eq!(
        case.select(&["--command", &rows[2].command]).await,
        [2],
        "--command"
    );
    assert_eq!(
        case.select(&["--command", &rows[3].command, "--command", &rows[1].command])
            .await,
        [1, 3],
        "--command twice: any of them, in id order"
    );
    assert_eq!(
        case.select(&["--command", "No.SuchCommand"]).await,
        Vec::<usize>::new()
    );
    assert_eq!(
        case.select(&["--since", &t1]).await,
        [1, 2, 3],
        "since is inclusive"
    );
    assert_eq!(
        case.select(&["--until", &t2]).await,
        [0, 1],
        "until is exclusive"
    );
    assert_eq!(
        case.select(&["--since", &t1, "--until", &t3]).await,
        [1, 2],
        "both"
    );
    let key = rows[2].key.clone().unwrap();
    let other = rows[0].key.clone().unwrap();
    assert_eq!(case.select(&["--key", &key]).await, [2], "--key");
    assert_eq!(
        case.select(&["--key", &key, "--key", &other]).await,
        [0, 2],
        "--key twice"
    );
    assert_eq!(
        case.select(&["--key", &key, "--command", &rows[0].command])
            .await,
        Vec::<usize>::new(),
        "filters combine with AND"
    );
    assert_eq!(
        case.select(&["--key", &key, "--since", &t2, "--command", &rows[2].command])
            .await,
        [2],
        "filters combine with AND"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rfc3339_times_select_at_the_millisecond() {
    let case = FilterCase::new();
    // T0 + 1 ms, in UTC and in China's time.
    assert_eq!(
        case.select(&["--since", "2026-12-06T10:00:00.001Z"]).await,
        [1, 2, 3]
    );
    assert_eq!(
        case.select(&["--until", "2026-12-06T18:00:00.002+08:00"])
            .await,
        [0, 1]
    );
    // Relative times: all four rows are long before an hour ago.
    assert_eq!(case.select(&["--since", "1h"]).await, Vec::<usize>::new());
    assert_eq!(case.select(&["--until", "1h"]).await, [0, 1, 2, 3]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dead_letters_are_replayed_and_a_truncated_one_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store.sqlite");
    let rows = sample_rows(T0);
    let letters = vec![
        rows[3].clone(),
        rows[4].clone().truncated(10),
        rows[5].clone(),
    ];
    // The inbox holds other rows: they must not be sent.
    sqlite_store(&store, &rows[..3], &letters);
    let receiver = Receiver::start().await;

    let run = tencent_webhook(
        &[
            "replay",
            "--url",
            &receiver.url,
            "--sqlite",
            path_str(&store),
            "--from",
            "dead-letters",
        ],
        Some(TOKEN),
    )
    .await;

    assert_eq!(run.code, Some(1), "a skipped row is not a success");
    assert_eq!(run.matched(), 3);
    let received = receiver.received();
    assert_eq!(received.len(), 2);
    assert_eq!(received[0].body.as_ref(), letters[0].body.as_slice());
    assert_eq!(received[1].body.as_ref(), letters[2].body.as_slice());
    assert!(run.stdout.contains("2 webhooks in "), "{}", run.stdout);
    assert!(
        run.stdout.contains("1  skipped: truncated body (rows 2)"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr.contains("row 2 (") && run.stderr.contains("truncated"),
        "{}",
        run.stderr
    );

    // --include-truncated sends it too, as stored.
    let receiver = Receiver::start().await;
    let run = tencent_webhook(
        &[
            "replay",
            "--url",
            &receiver.url,
            "--sqlite",
            path_str(&store),
            "--from",
            "dead-letters",
            "--include-truncated",
        ],
        Some(TOKEN),
    )
    .await;
    assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
    let received = receiver.received();
    assert_eq!(received.len(), 3);
    assert_eq!(received[1].body.as_ref(), letters[1].body.as_slice());
    assert_eq!(received[1].body.len(), 10);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dry_run_lists_the_rows_and_sends_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store.sqlite");
    let rows = sample_rows(T0);
    let letters = vec![rows[0].clone(), rows[1].clone().truncated(7)];
    sqlite_store(&store, &rows[..5], &letters);
    let receiver = Receiver::start().await;

    let run = tencent_webhook(
        &[
            "replay",
            "--url",
            &receiver.url,
            "--sqlite",
            path_str(&store),
            "--dry-run",
        ],
        Some(TOKEN),
    )
    .await;
    assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
    assert_eq!(run.matched(), 5);
    let listed: Vec<&str> = run
        .stdout
        .lines()
        .filter(|line| line.starts_with("id="))
        .collect();
    assert_eq!(listed.len(), 5, "{}", run.stdout);
    for (index, (line, row)) in listed.iter().zip(&rows).enumerate() {
        assert!(line.starts_with(&format!("id={} command={} ", index + 1, row.command)));
        assert!(
            line.contains(&format!(" bytes={}", row.body.len())),
            "{line}"
        );
        let key = row.key.as_deref().unwrap_or("-");
        assert!(line.contains(&format!(" key={key} ")), "{line}");
    }
    assert!(listed[0].contains(" received=2026-12-06T10:00:00.000Z "));

    let run = tencent_webhook(
        &[
            "replay",
            "--url",
            &receiver.url,
            "--sqlite",
            path_str(&store),
            "--from",
            "dead-letters",
            "--dry-run",
        ],
        Some(TOKEN),
    )
    .await;
    assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
    assert_eq!(run.matched(), 2);
    assert!(
        run.stdout.contains("bytes=7 reason=failed truncated"),
        "{}",
        run.stdout
    );
    assert!(receiver.received().is_empty(), "--dry-run sent something");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fail_answer_exits_1_and_is_counted() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store.sqlite");
    let case = FilterCase::new();
    let rows = case.rows.clone();
    sqlite_store(&store, &rows, &[]);
    let receiver = Receiver::start().await;
    receiver.fail(&rows[1].command);

    let run = tencent_webhook(
        &[
            "replay",
            "--url",
            &receiver.url,
            "--sqlite",
            path_str(&store),
        ],
        Some(TOKEN),
    )
    .await;

    assert_eq!(run.code, Some(1), "{}{}", run.stdout, run.stderr);
    assert_eq!(
        receiver.received().len(),
        4,
        "a FAIL does not stop the replay"
    );
    assert!(run.stdout.contains("4 webhooks in "), "{}", run.stdout);
    assert!(
        run.stdout.contains("       3  HTTP 200, ErrorCode 0"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("       1  HTTP 200, ErrorCode 1"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr.contains(&format!(
            "row 2 ({}): HTTP 200, ErrorCode 1",
            rows[1].command
        )),
        "{}",
        run.stderr
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrency_sends_every_row_once() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store.sqlite");
    let rows = sample_rows(T0);
    sqlite_store(&store, &rows, &[]);
    let receiver = Receiver::start().await;

    let run = tencent_webhook(
        &[
            "replay",
            "--url",
            &receiver.url,
            "--sqlite",
            path_str(&store),
            "--concurrency",
            "8",
        ],
        Some(TOKEN),
    )
    .await;

    assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
    let mut sent: Vec<Vec<u8>> = receiver
        .received()
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
    let receiver = Receiver::start().await;
    let missing = dir.path().join("no-such-store.sqlite");
    let run = tencent_webhook(
        &[
            "replay",
            "--url",
            &receiver.url,
            "--sqlite",
            path_str(&missing),
        ],
        Some(TOKEN),
    )
    .await;
    assert_eq!(run.code, Some(1));
    assert!(run.stderr.contains(path_str(&missing)), "{}", run.stderr);
    assert!(!missing.exists(), "replay created the store");

    // A SQLite file without the tables.
    let empty = dir.path().join("empty.sqlite");
    rusqlite::Connection::open(&empty)
        .unwrap()
        .execute_batch("CREATE TABLE other (id INTEGER)")
        .unwrap();
    let run = tencent_webhook(
        &[
            "replay",
            "--url",
            &receiver.url,
            "--sqlite",
            path_str(&empty),
            "--from",
            "dead-letters",
        ],
        Some(TOKEN),
    )
    .await;
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.contains(path_str(&empty)) && run.stderr.contains("dead_letters"),
        "{}",
        run.stderr
    );
    assert!(receiver.received().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_empty_selection_sends_nothing_and_succeeds() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store.sqlite");
    sqlite_store(&store, &[], &[]);
    let receiver = Receiver::start().await;
    let run = tencent_webhook(
        &[
            "replay",
            "--url",
            &receiver.url,
            "--sqlite",
            path_str(&store),
        ],
        Some(TOKEN),
    )
    .await;
    assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
    assert_eq!(run.matched(), 0);
    assert!(receiver.received().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_usage_exits_2_with_a_clear_message() {
    let url = "http://127.0.0.1:9/tencent/callback";
    let cases: &[(&[&str], &str)] = &[
        (&["replay", "--url", url], "--sqlite"),
        (
            &[
                "replay",
                "--url",
                url,
                "--sqlite",
                "a",
                "--database-url",
                "postgres://u@h/d",
            ],
            "cannot be used with",
        ),
        (&["replay", "--sqlite", "a"], "--url"),
        (
            &[
                "replay",
                "--url",
                url,
                "--sqlite",
                "a",
                "--since",
                "yesterday",
            ],
            "--since",
        ),
        (
            &[
                "replay",
                "--url",
                url,
                "--sqlite",
                "a",
                "--until",
                "2026-12-06",
            ],
            "--until",
        ),
        (
            &[
                "replay", "--url", url, "--sqlite", "a", "--since", "5", "--until", "5",
            ],
            "--since must be before --until",
        ),
        (
            &["replay", "--url", url, "--sqlite", "a", "--from", "outbox"],
            "outbox",
        ),
        (
            &[
                "replay",
                "--url",
                url,
                "--sqlite",
                "a",
                "--concurrency",
                "0",
            ],
            "--concurrency",
        ),
        (
            &["replay", "--url", "https://example.com/cb", "--sqlite", "a"],
            "plain HTTP",
        ),
        (
            &[
                "replay",
                "--url",
                url,
                "--database-url",
                "postgres://u:hunter2@h:port/d",
            ],
            "not a PostgreSQL URL",
        ),
    ];
    for (args, says) in cases {
        let run = tencent_webhook(args, None).await;
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
    let run = tencent_webhook(&["replay", "--help"], None).await;
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
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store.sqlite");
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
    sqlite_store(&store, &rows, &[]);
    let receiver = Receiver::start().await;

    let run = tencent_webhook(
        &[
            "replay",
            "--url",
            &receiver.url,
            "--sqlite",
            path_str(&store),
        ],
        Some(TOKEN),
    )
    .await;

    assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
    assert_eq!(run.matched(), 600);
    let received = receiver.received();
    assert_eq!(received.len(), 600);
    for (row, request) in rows.iter().zip(&received) {
        assert_eq!(request.body.as_ref(), row.body.as_slice());
    }
}
