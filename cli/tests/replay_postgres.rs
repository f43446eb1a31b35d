//! `tencent-webhook replay --database-url` against a real PostgreSQL server:
//! the core cases of `replay.rs`, the same checks of the same rows, from the
//! tables of `schema/postgres/`.
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

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};

use common::receiver::Receiver;
use common::replay::*;
use common::WAIT;
use tokio_postgres::{Client, NoTls};

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
            tokio::time::timeout(WAIT, tokio_postgres::connect(&server, NoTls))
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
                    INSERT_INBOX,
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
                    INSERT_DEAD_LETTER,
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

    fn source(&self) -> Source {
        Source::postgres(&self.url)
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

    let received = assert_every_row_is_sent_once(&store.source(), &rows).await;
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
    let rows = four_rows();
    let store = Store::create(&rows, &[]).await;
    assert_each_filter_selects_its_rows(&store.source(), &rows).await;
    store.drop_now().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs PostgreSQL: TENCENT_WEBHOOK_PG_URL and --include-ignored"]
async fn dead_letters_are_replayed_and_a_truncated_one_is_skipped() {
    let (inbox, letters) = dead_letter_rows();
    let store = Store::create(&inbox, &letters).await;
    assert_dead_letters_are_replayed(&store.source(), &letters).await;
    store.drop_now().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs PostgreSQL: TENCENT_WEBHOOK_PG_URL and --include-ignored"]
async fn dry_run_lists_the_rows_and_sends_nothing() {
    let (inbox, letters) = dry_run_rows();
    let store = Store::create(&inbox, &letters).await;
    assert_dry_run_lists_the_rows(&store.source(), &inbox).await;
    store.drop_now().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs PostgreSQL: TENCENT_WEBHOOK_PG_URL and --include-ignored"]
async fn a_fail_answer_exits_1_and_is_counted() {
    let rows = four_rows();
    let store = Store::create(&rows, &[]).await;
    assert_a_fail_answer_is_counted(&store.source(), &rows).await;
    store.drop_now().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs PostgreSQL: TENCENT_WEBHOOK_PG_URL and --include-ignored"]
async fn a_database_that_cannot_be_read_exits_1_without_its_password() {
    let server = server_url();
    let receiver = Receiver::ok().await;
    // The server's URL with a password and another database's name.
    let (scheme, rest) = server.split_once("://").unwrap();
    let (user, rest) = rest.split_once('@').unwrap();
    let host = rest.split('/').next().unwrap();
    let url = format!("{scheme}://{user}:hunter2@{host}/no_such_database_for_replay");
    let run = Source::postgres(&url).replay(&receiver.url, &[]).await;
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(!run.stderr.contains("hunter2"), "{}", run.stderr);
    run.assert_stderr_has(&format!("{user}:***@{host}/no_such_database_for_replay"));

    // A database without the tables: the table is named.
    let store = Store::create(&[], &[]).await;
    store
        .client
        .batch_execute("DROP TABLE dead_letters")
        .await
        .unwrap();
    let run = store
        .source()
        .replay(&receiver.url, &["--from", "dead-letters"])
        .await;
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    run.assert_stderr_has("dead_letters");
    assert!(receiver.seen().is_empty());
    store.drop_now().await;
}
