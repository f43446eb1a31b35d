//! What the replay tests share: stored rows built from the crate's samples,
//! a SQLite store of them, `replay` run against a source, and the checks
//! that `replay.rs` (SQLite) and `replay_postgres.rs` (PostgreSQL) both make
//! of a store holding the same rows.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use tencent_live_webhook::testing::fixtures::APP_ID;
use tencent_live_webhook::testing::WebhookRequest;
use tencent_live_webhook::{IdempotencyKey, TencentEvent};

use super::receiver::{Receiver, Seen};
use super::{arg, now_seconds, sha256_hex, tool_async, Run, TOKEN};

/// 2026-12-06T10:00:00Z, in Unix milliseconds: when the first stored row
/// was received.
pub const T0: i64 = 1_796_551_200_000;

pub const SQLITE_INBOX: &str = include_str!("../../../schema/sqlite/inbox.sql");
pub const SQLITE_DEAD_LETTERS: &str = include_str!("../../../schema/sqlite/dead_letters.sql");
pub const POSTGRES_INBOX: &str = include_str!("../../../schema/postgres/inbox.sql");
pub const POSTGRES_DEAD_LETTERS: &str = include_str!("../../../schema/postgres/dead_letters.sql");

/// Inserts a [`Row`] into `inbox`, bound as key, strength, command, query,
/// body, received_at_ms. SQLite reads `$1` as a named parameter, numbered in
/// the order it first appears, so the same text binds by position in both
/// databases.
pub const INSERT_INBOX: &str = "INSERT INTO inbox (key, strength, command, query, body, \
     received_at_ms) VALUES ($1, $2, $3, $4, $5, $6)";

/// Inserts a [`Row`] into `dead_letters` as a failed one, bound as command,
/// query, body, truncated, key, strength, received_at_ms.
pub const INSERT_DEAD_LETTER: &str = "INSERT INTO dead_letters (reason, error_code, detail, \
     command, query, body, truncated, key, strength, received_at_ms) \
     VALUES ('failed', NULL, 'the handler failed', $1, $2, $3, $4, $5, $6, $7)";

/// One stored webhook, as the test inserts it.
#[derive(Clone, Debug)]
pub struct Row {
    pub command: String,
    pub key: Option<String>,
    pub strength: &'static str,
    pub query: String,
    pub body: Vec<u8>,
    pub received_at_ms: i64,
    /// Dead letters only.
    pub truncated: bool,
}

impl Row {
    /// The row a receiver would have stored for `event`, received at `at_ms`.
    pub fn of(event: &TencentEvent, at_ms: i64) -> Self {
        let request = WebhookRequest::new(event).app_id(APP_ID);
        let body = serde_json::to_vec(event).expect("a sample serialises");
        let command = event.callback_command().to_owned();
        let key = IdempotencyKey::new(&command, &body);
        Self {
            strength: key.strength().as_str(),
            key: key.as_str().map(str::to_owned),
            command,
            query: request.query(),
            body,
            received_at_ms: at_ms,
            truncated: false,
        }
    }

    /// A dead letter whose body was cut after `kept` bytes.
    pub fn truncated(mut self, kept: usize) -> Self {
        self.body.truncate(kept);
        self.truncated = true;
        self
    }
}

/// Rows of the crate's samples, one per key (the inbox's keys are unique),
/// at `start_ms`, `start_ms + 1`, ...
pub fn sample_rows(start_ms: i64) -> Vec<Row> {
    let mut keys = HashSet::new();
    let mut rows = Vec::new();
    for event in TencentEvent::samples() {
        let row = Row::of(&event, start_ms + rows.len() as i64);
        if let Some(key) = &row.key {
            if !keys.insert(key.clone()) {
                continue;
            }
        }
        rows.push(row);
    }
    rows
}

/// Four rows with keys, of four commands, at T0 .. T0 + 3 ms.
pub fn four_rows() -> Vec<Row> {
    let rows: Vec<Row> = sample_rows(T0)
        .into_iter()
        .filter(|row| row.key.is_some())
        .take(4)
        .enumerate()
        .map(|(index, mut row)| {
            row.received_at_ms = T0 + index as i64;
            row
        })
        .collect();
    let commands: HashSet<&str> = rows.iter().map(|row| row.command.as_str()).collect();
    assert_eq!(commands.len(), 4, "four commands");
    rows
}

/// A SQLite file with both tables, holding `inbox` and `dead_letters`.
pub fn sqlite_store(path: &Path, inbox: &[Row], dead_letters: &[Row]) {
    let connection = rusqlite::Connection::open(path).unwrap();
    connection.execute_batch(SQLITE_INBOX).unwrap();
    connection.execute_batch(SQLITE_DEAD_LETTERS).unwrap();
    for row in inbox {
        let inserted = connection
            .execute(
                INSERT_INBOX,
                rusqlite::params![
                    row.key,
                    row.strength,
                    row.command,
                    row.query,
                    row.body,
                    row.received_at_ms
                ],
            )
            .unwrap();
        assert_eq!(inserted, 1);
    }
    for row in dead_letters {
        connection
            .execute(
                INSERT_DEAD_LETTER,
                rusqlite::params![
                    row.command,
                    row.query,
                    row.body,
                    row.truncated,
                    row.key,
                    row.strength,
                    row.received_at_ms
                ],
            )
            .unwrap();
    }
}

/// A [`sqlite_store`] in a directory of its own, removed when dropped.
pub struct SqliteStore {
    pub dir: tempfile::TempDir,
    /// `store.sqlite` in `dir`.
    pub path: PathBuf,
}

impl SqliteStore {
    pub fn new(inbox: &[Row], dead_letters: &[Row]) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("store.sqlite");
        sqlite_store(&path, inbox, dead_letters);
        Self { dir, path }
    }

    pub fn source(&self) -> Source {
        Source::sqlite(&self.path)
    }
}

/// Where `replay` reads: its `--sqlite FILE` or `--database-url URL`.
pub struct Source(Vec<String>);

impl Source {
    pub fn sqlite(path: &Path) -> Self {
        Self(vec!["--sqlite".to_owned(), arg(path).to_owned()])
    }

    pub fn postgres(url: &str) -> Self {
        Self(vec!["--database-url".to_owned(), url.to_owned()])
    }

    /// `replay --url URL <source> <extra>`, signed with [`TOKEN`].
    pub async fn replay(&self, url: &str, extra: &[&str]) -> Run {
        self.replay_with(Some(TOKEN), url, extra).await
    }

    /// `replay --url URL <source> <extra>`, signed with `token` (when given).
    pub async fn replay_with(&self, token: Option<&str>, url: &str, extra: &[&str]) -> Run {
        let mut args = vec!["replay", "--url", url];
        args.extend(self.0.iter().map(String::as_str));
        args.extend_from_slice(extra);
        tool_async(&args, token).await
    }
}

/// Asserts that `received` is `stored` (without any Sign/RequestTime) with a
/// fresh `RequestTime` (within `[from, to]`, Unix seconds) and its `Sign`
/// for [`TOKEN`] appended: nothing else added, removed or reordered.
pub fn assert_signed_fresh(received: &str, stored: &str, from: u64, to: u64) {
    let kept: Vec<&str> = stored
        .split('&')
        .filter(|pair| !pair.starts_with("Sign=") && !pair.starts_with("RequestTime="))
        .collect();
    let pairs: Vec<&str> = received.split('&').collect();
    assert!(pairs.len() >= 2, "no signature in {received}");
    let (head, signature) = pairs.split_at(pairs.len() - 2);
    assert_eq!(head, kept.as_slice(), "the stored query, as it was");
    let time: u64 = signature[0]
        .strip_prefix("RequestTime=")
        .unwrap_or_else(|| panic!("no RequestTime last but one in {received}"))
        .parse()
        .unwrap();
    assert!(
        (from..=to).contains(&time),
        "RequestTime {time} is not the send time ({from}..={to})"
    );
    let sign = signature[1]
        .strip_prefix("Sign=")
        .unwrap_or_else(|| panic!("no Sign last in {received}"));
    assert_eq!(
        sign,
        sha256_hex(&format!("{TOKEN}{time}")),
        "Sign is sha256(token + RequestTime)"
    );
}

// The checks both databases pass: each takes the source of a store holding
// the rows it names.

/// `source`'s inbox holds `rows`: replayed whole, every row is sent once, in
/// order, to the path, byte for byte, its query signed fresh. What the
/// receiver got.
pub async fn assert_every_row_is_sent_once(source: &Source, rows: &[Row]) -> Vec<Seen> {
    let receiver = Receiver::ok().await;
    let from = now_seconds();
    let run = source.replay(&receiver.url, &[]).await;
    let to = now_seconds();

    run.assert_ok();
    assert_eq!(run.matched(), rows.len() as u64);
    run.assert_stdout_has(&format!("{} webhooks in ", rows.len()));
    let received = receiver.seen();
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
    received
}

/// `source`'s inbox holds [`four_rows`]: each filter selects exactly its
/// rows, in `id` order, and `matched` counts them.
pub async fn assert_each_filter_selects_its_rows(source: &Source, rows: &[Row]) {
    let (t1, t2, t3) = (
        (T0 + 1).to_string(),
        (T0 + 2).to_string(),
        (T0 + 3).to_string(),
    );
    let key = rows[2].key.as_deref().unwrap();
    let other = rows[0].key.as_deref().unwrap();
    let (c0, c1, c2, c3) = (
        rows[0].command.as_str(),
        rows[1].command.as_str(),
        rows[2].command.as_str(),
        rows[3].command.as_str(),
    );
    let cases: &[(&[&str], &[usize], &str)] = &[
        (&[], &[0, 1, 2, 3], "no filter"),
        (&["--command", c2], &[2], "--command"),
        (
            &["--command", c3, "--command", c1],
            &[1, 3],
            "--command twice: any of them, in id order",
        ),
        (&["--command", "No.SuchCommand"], &[], "no such command"),
        (&["--since", &t1], &[1, 2, 3], "since is inclusive"),
        (&["--until", &t2], &[0, 1], "until is exclusive"),
        (&["--since", &t1, "--until", &t3], &[1, 2], "both"),
        (&["--key", key], &[2], "--key"),
        (&["--key", key, "--key", other], &[0, 2], "--key twice"),
        (
            &["--key", key, "--command", c0],
            &[],
            "filters combine with AND",
        ),
        (
            &["--key", key, "--since", &t2, "--command", c2],
            &[2],
            "filters combine with AND",
        ),
        // T0 + 1 ms and T0 + 2 ms, in UTC and in China's time.
        (
            &["--since", "2026-12-06T10:00:00.001Z"],
            &[1, 2, 3],
            "RFC 3339, UTC",
        ),
        (
            &["--until", "2026-12-06T18:00:00.002+08:00"],
            &[0, 1],
            "RFC 3339, +08:00",
        ),
        (
            &["--since", "2026-12-06T18:00:00.002+08:00"],
            &[2, 3],
            "RFC 3339, +08:00",
        ),
        // Relative times: all four rows are long before an hour ago.
        (&["--since", "1h"], &[], "relative"),
        (&["--until", "1h"], &[0, 1, 2, 3], "relative"),
    ];
    for (filters, expected, why) in cases {
        let receiver = Receiver::ok().await;
        let run = source.replay(&receiver.url, filters).await;
        assert_eq!(
            run.code,
            Some(0),
            "{filters:?}: {}{}",
            run.stdout,
            run.stderr
        );
        let selected: Vec<usize> = receiver
            .seen()
            .iter()
            .map(|request| {
                rows.iter()
                    .position(|row| row.body == request.body.as_ref())
                    .expect("a stored body")
            })
            .collect();
        assert_eq!(run.matched(), selected.len() as u64, "{filters:?}");
        assert_eq!(selected, *expected, "{why}: {filters:?}");
    }
}

/// The inbox and the dead letters of [`assert_dead_letters_are_replayed`]:
/// three letters, the second cut after 10 bytes, and other rows in the inbox.
pub fn dead_letter_rows() -> (Vec<Row>, Vec<Row>) {
    let rows = sample_rows(T0);
    let letters = vec![
        rows[3].clone(),
        rows[4].clone().truncated(10),
        rows[5].clone(),
    ];
    (rows[..3].to_vec(), letters)
}

/// `source` holds [`dead_letter_rows`]: `--from dead-letters` sends the
/// letters, not the inbox, and skips the truncated one unless
/// `--include-truncated`.
pub async fn assert_dead_letters_are_replayed(source: &Source, letters: &[Row]) {
    let receiver = Receiver::ok().await;
    let run = source
        .replay(&receiver.url, &["--from", "dead-letters"])
        .await;
    assert_eq!(run.code, Some(1), "a skipped row is not a success");
    assert_eq!(run.matched(), 3);
    let received = receiver.seen();
    assert_eq!(received.len(), 2);
    assert_eq!(received[0].body.as_ref(), letters[0].body.as_slice());
    assert_eq!(received[1].body.as_ref(), letters[2].body.as_slice());
    run.assert_stdout_has("2 webhooks in ");
    run.assert_stdout_has("1  skipped: truncated body (rows 2)");
    assert!(
        run.stderr.contains("row 2 (") && run.stderr.contains("truncated"),
        "{}",
        run.stderr
    );

    // --include-truncated sends it too, as stored.
    let receiver = Receiver::ok().await;
    let run = source
        .replay(
            &receiver.url,
            &["--from", "dead-letters", "--include-truncated"],
        )
        .await;
    run.assert_ok();
    let received = receiver.seen();
    assert_eq!(received.len(), 3);
    assert_eq!(received[1].body.as_ref(), letters[1].body.as_slice());
    assert_eq!(received[1].body.len(), 10);
}

/// The inbox and the dead letters of [`assert_dry_run_lists_the_rows`]:
/// five rows, and two letters, the second cut after 7 bytes.
pub fn dry_run_rows() -> (Vec<Row>, Vec<Row>) {
    let rows = sample_rows(T0);
    let letters = vec![rows[0].clone(), rows[1].clone().truncated(7)];
    (rows[..5].to_vec(), letters)
}

/// `source` holds [`dry_run_rows`]: `--dry-run` lists the rows of either
/// table, one line each, and sends nothing.
pub async fn assert_dry_run_lists_the_rows(source: &Source, inbox: &[Row]) {
    let receiver = Receiver::ok().await;
    let run = source.replay(&receiver.url, &["--dry-run"]).await;
    run.assert_ok();
    assert_eq!(run.matched(), 5);
    let listed: Vec<&str> = run
        .stdout
        .lines()
        .filter(|line| line.starts_with("id="))
        .collect();
    assert_eq!(listed.len(), 5, "{}", run.stdout);
    for (index, (line, row)) in listed.iter().zip(inbox).enumerate() {
        assert!(line.starts_with(&format!("id={} command={} ", index + 1, row.command)));
        assert!(
            line.contains(&format!(" bytes={}", row.body.len())),
            "{line}"
        );
        let key = row.key.as_deref().unwrap_or("-");
        assert!(line.contains(&format!(" key={key} ")), "{line}");
    }
    assert!(listed[0].contains(" received=2026-12-06T10:00:00.000Z "));

    let run = source
        .replay(&receiver.url, &["--from", "dead-letters", "--dry-run"])
        .await;
    run.assert_ok();
    assert_eq!(run.matched(), 2);
    run.assert_stdout_has("bytes=7 reason=failed truncated");
    assert!(receiver.seen().is_empty(), "--dry-run sent something");
}

/// `source`'s inbox holds [`four_rows`]: a FAIL answer (to the second) does
/// not stop the replay, is counted in the summary, named on stderr, and
/// makes the exit code 1.
pub async fn assert_a_fail_answer_is_counted(source: &Source, rows: &[Row]) {
    let receiver = Receiver::failing(&rows[1].command).await;
    let run = source.replay(&receiver.url, &[]).await;

    run.assert_exit(1);
    assert_eq!(receiver.seen().len(), 4, "a FAIL does not stop the replay");
    run.assert_stdout_has("4 webhooks in ");
    run.assert_stdout_has("       3  HTTP 200, ErrorCode 0");
    run.assert_stdout_has("       1  HTTP 200, ErrorCode 1");
    run.assert_stderr_has(&format!(
        "row 2 ({}): HTTP 200, ErrorCode 1",
        rows[1].command
    ));
}
