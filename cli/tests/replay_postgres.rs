//! `tencent-webhook replay --database-url` against a real PostgreSQL server:
//! the core cases of `replay.rs`, from the tables of `schema/postgres/`.
//!
//! They need a server, so plain `cargo test` lists them as ignored; run them
//! with `--include-ignored` and `TENCENT_WEBHOOK_PG_URL` set (they fail
//! without it, never passing having done nothing):
//!
//! ```sh
//! export TENCENT_WEBHOOK_PG_URL=$(bash scripts/postgres.sh start)
//! cargo test -p tencent-webhook-cli --test replay_postgres -- --include-ignored
//! bash scripts/postgres.sh stop
//! ```
//!
//! Each test has a schema of its own on that server (the binary reaches it
//! through the URL's `options=-c search_path=...`), dropped at the end.

mod replay_support;

use std::sync::atomic::{AtomicUsize, Ordering};

use replay_support::{
    assert_signed_fresh, now_seconds, sample_rows, tencent_webhook, Receiver, Row,
    POSTGRES_DEAD_LETTERS, POSTGRES_INBOX, STEP, TOKEN,
};
use tokio_postgres::{Client, NoTls};

/// 2026-12-06T10:00:00Z, in Unix milliseconds.
const T0: i64 = 1_796_551_200_000;

/// The server's URL, from `$TENCENT_WEBHOOK_PG_URL`.
fn server_url() -> String {
    match std::env::var("TENCENT_WEBHOOK_PG_URL") {
        Ok(url) if !url.trim().is_empty() => url.trim().to_owned(),
        _ => panic!(
            "TENCENT_WEBHOOK_PG_URL is not set: this test needs PostgreSQL \
             (`export TENCENT_WEBHOOK_PG_URL=$(bash scripts/postgres.sh start)`)"
        ),
    }
}

/// A schema of the test's own, holding both tables.
struct Store {
    schema: String,
    /// The URL the binary is given: the server's, with the schema first in
    /// its search path.
    url: String,
    client: Client,
}

impl Store {
    async fn create(inbox: &[Row], dead_letters: &[Row]) -> Self {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let schema = format!(
            "replay_test_{}_{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        let server = server_url();
        let (client, connection) =
            tokio::time::timeout(STEP, tokio_postgres::connect(&server, NoTls))
                .await
                .expect("PostgreSQL answers")
                .expect("a connection to PostgreSQL");
        tokio::spawn(connection);
        client
            .batch_execute(&format!(
                "DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}; \
                 SET search_path TO {schema}; {POSTGRES_INBOX} {POSTGRES_DEAD_LETTERS}"
            ))
            .await
            .unwrap();
        for row in inbox {
            let inserted = client
                .execute(
                    "INSERT INTO inbox (key, strength, command, query, body, received_at_ms)
                     VALUES ($1, $2, $3, $4, $5, $6)",
                    &[
                        &row.key,
                        &row.strength,
                        &row.command,
                        &row.query,
                        &row.body,
                        &row.received_at_ms,
                    ],
                )
                .await
                .unwrap();
            assert_eq!(inserted, 1);
        }
        for row in dead_letters {
            client
                .execute(
                    "INSERT INTO dead_letters (reason, error_code, detail, command, query, body,
                         truncated, key, strength, received_at_ms)
                     VALUES ('failed', NULL, 'the handler failed', $1, $2, $3, $4, $5, $6, $7)",
                    &[
                        &row.command,
                        &row.query,
                        &row.body,
                        &row.truncated,
                        &row.key,
                        &row.strength,
                        &row.received_at_ms,
                    ],
                )
                .await
                .unwrap();
        }
        let separator = if server.contains('?') { '&' } else { '?' };
        let url = format!("{server}{separator}options=-c%20search_path%3D{schema}");
        Self {
            schema,
            url,
            client,
        }
    }

    async fn count(&self, table: &str) -> i64 {
        self.client
            .query_one(&format!("SELECT COUNT(*) FROM {table}"), &[])
            .await
            .unwrap()
            .get(0)
    }

    async fn drop_now(self) {
        self.client
            .batch_execute(&format!("DROP SCHEMA {} CASCADE", self.schema))
            .await
            .unwrap();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs PostgreSQL: TENCENT_WEBHOOK_PG_URL and --include-ignored"]
async fn every_inbox_row_is_sent_once_in_order_byte_for_byte_signed_fresh() {
    let mut rows = sample_rows(T0);
    // One stored query still carrying an old signature: replaced.
    rows[0]
        .query
        .push_str("&Sign=0123abcd&RequestTime=1600000000");
    let store = Store::create(&rows, &[]).await;
    let receiver = Receiver::start().await;

    let from = now_seconds();
    let run = tencent_webhook(
        &[
            "replay",
            "--url",
            &receiver.url,
            "--database-url",
            &store.url,
        ],
        Some(TOKEN),
    )
    .await;
    let to = now_seconds();

    assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
    assert_eq!(run.matched(), rows.len() as u64);
    let received = receiver.received();
    assert_eq!(received.len(), rows.len());
    for (row, request) in rows.iter().zip(&received) {
        assert_eq!(
            request.body.as_ref(),
            row.body.as_slice(),
            "{}",
            row.command
        );
        assert_signed_fresh(&request.query, &row.query, from, to);
    }
    assert!(!received[0].query.contains("1600000000"));
    assert_eq!(
        store.count("inbox").await,
        rows.len() as i64,
        "replay wrote the store"
    );
    store.drop_now().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs PostgreSQL: TENCENT_WEBHOOK_PG_URL and --include-ignored"]
async fn each_filter_selects_exactly_its_rows() {
    let rows: Vec<Row> = sample_rows(T0)
        .into_iter()
        .filter(|row| row.key.is_some())
        .take(4)
        .collect();
    let rows: Vec<Row> = rows
        .into_iter()
        .enumerate()
        .map(|(index, mut row)| {
            row.received_at_ms = T0 + index as i64;
            row
        })
        .collect();
    let store = Store::create(&rows, &[]).await;
    let select = |filters: Vec<String>| {
        let (url, rows) = (store.url.clone(), rows.clone());
        async move {
            let receiver = Receiver::start().await;
            let mut args = vec!["replay", "--url", &receiver.url, "--database-url", &url];
            args.extend(filters.iter().map(String::as_str));
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
                    rows.iter()
                        .position(|row| row.body == request.body.as_ref())
                        .expect("a stored body")
                })
                .collect();
            assert_eq!(run.matched(), selected.len() as u64, "{filters:?}");
            selected
        }
    };
    let args = |list: &[&str]| list.iter().map(|arg| arg.to_string()).collect::<Vec<_>>();
    let (t1, t2, t3) = (
        (T0 + 1).to_string(),
        (T0 + 2).to_string(),
        (T0 + 3).to_string(),
    );
    let key = rows[2].key.clone().unwrap();

    assert_eq!(select(args(&[])).await, [0, 1, 2, 3]);
    assert_eq!(select(args(&["--command", &rows[2].command])).await, [2]);
    assert_eq!(
        select(args(&[
            "--command",
            &rows[3].command,
            "--command",
            &rows[1].command
        ]))
        .await,
        [1, 3]
    );
    assert_eq!(
        select(args(&["--since", &t1])).await,
        [1, 2, 3],
        "since is inclusive"
    );
    assert_eq!(
        select(args(&["--until", &t2])).await,
        [0, 1],
        "until is exclusive"
    );
    assert_eq!(
        select(args(&["--since", &t1, "--until", &t3])).await,
        [1, 2]
    );
    assert_eq!(
        select(args(&["--since", "2026-12-06T18:00:00.002+08:00"])).await,
        [2, 3]
    );
    assert_eq!(select(args(&["--key", &key])).await, [2]);
    assert_eq!(
        select(args(&["--key", &key, "--command", &rows[0].command])).await,
        Vec::<usize>::new(),
        "filters combine with AND"
    );
    store.drop_now().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs PostgreSQL: TENCENT_WEBHOOK_PG_URL and --include-ignored"]
async fn dead_letters_are_replayed_and_a_truncated_one_is_skipped() {
    let rows = sample_rows(T0);
    let letters = vec![
        rows[3].clone(),
        rows[4].clone().truncated(10),
        rows[5].clone(),
    ];
    let store = Store::create(&rows[..3], &letters).await;

    let receiver = Receiver::start().await;
    let args = [
        "replay",
        "--url",
        &receiver.url,
        "--database-url",
        &store.url,
        "--from",
        "dead-letters",
    ];
    let run = tencent_webhook(&args, Some(TOKEN)).await;
    assert_eq!(run.code, Some(1), "a skipped row is not a success");
    assert_eq!(run.matched(), 3);
    let received = receiver.received();
    assert_eq!(received.len(), 2);
    assert_eq!(received[0].body.as_ref(), letters[0].body.as_slice());
    assert_eq!(received[1].body.as_ref(), letters[2].body.as_slice());
    assert!(
        run.stdout.contains("1  skipped: truncated body (rows 2)"),
        "{}",
        run.stdout
    );

    let receiver = Receiver::start().await;
    let args = [
        "replay",
        "--url",
        &receiver.url,
        "--database-url",
        &store.url,
        "--from",
        "dead-letters",
        "--include-truncated",
    ];
    let run = tencent_webhook(&args, Some(TOKEN)).await;
    assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
    let received = receiver.received();
    assert_eq!(received.len(), 3);
    assert_eq!(received[1].body.as_ref(), letters[1].body.as_slice());
    store.drop_now().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs PostgreSQL: TENCENT_WEBHOOK_PG_URL and --include-ignored"]
async fn dry_run_sends_nothing_and_a_fail_exits_1() {
    let rows = sample_rows(T0);
    let store = Store::create(&rows[..4], &[]).await;
    let receiver = Receiver::start().await;

    let args = [
        "replay",
        "--url",
        &receiver.url,
        "--database-url",
        &store.url,
        "--dry-run",
    ];
    let run = tencent_webhook(&args, Some(TOKEN)).await;
    assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
    assert_eq!(run.matched(), 4);
    assert_eq!(
        run.stdout
            .lines()
            .filter(|line| line.starts_with("id="))
            .count(),
        4
    );
    assert!(receiver.received().is_empty(), "--dry-run sent something");

    receiver.fail(&rows[0].command);
    let args = [
        "replay",
        "--url",
        &receiver.url,
        "--database-url",
        &store.url,
    ];
    let run = tencent_webhook(&args, Some(TOKEN)).await;
    assert_eq!(run.code, Some(1), "{}{}", run.stdout, run.stderr);
    assert_eq!(receiver.received().len(), 4);
    assert!(
        run.stdout.contains("       1  HTTP 200, ErrorCode 1"),
        "{}",
        run.stdout
    );
    store.drop_now().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs PostgreSQL: TENCENT_WEBHOOK_PG_URL and --include-ignored"]
async fn a_database_that_cannot_be_read_exits_1_without_its_password() {
    let server = server_url();
    let receiver = Receiver::start().await;
    // The server's URL with a password and another database's name.
    let (scheme, rest) = server.split_once("://").unwrap();
    let (user, rest) = rest.split_once('@').unwrap();
    let host = rest.split('/').next().unwrap();
    let url = format!("{scheme}://{user}:hunter2@{host}/no_such_database_for_replay");
    let run = tencent_webhook(
        &["replay", "--url", &receiver.url, "--database-url", &url],
        Some(TOKEN),
    )
    .await;
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(!run.stderr.contains("hunter2"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains(&format!("{user}:***@{host}/no_such_database_for_replay")),
        "{}",
        run.stderr
    );

    // A database without the tables: the table is named.
    let store = Store::create(&[], &[]).await;
    store
        .client
        .batch_execute("DROP TABLE dead_letters")
        .await
        .unwrap();
    let run = tencent_webhook(
        &[
            "replay",
            "--url",
            &receiver.url,
            "--database-url",
            &store.url,
            "--from",
            "dead-letters",
        ],
        Some(TOKEN),
    )
    .await;
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(run.stderr.contains("dead_letters"), "{}", run.stderr);
    assert!(receiver.received().is_empty());
    store.drop_now().await;
}
