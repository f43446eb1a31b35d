//! The three uses of `replay`, end to end against `tencent-webhook listen
//! --store`, with exact row counts before and after:
//!
//! 1. an inbox replayed into the receiver that stored it adds only the
//!    webhooks without a key (strength `none`);
//! 2. an inbox replayed into a receiver with a new, empty store rebuilds it;
//! 3. dead letters replayed after the handler is fixed land in the inbox.
//!
//! The webhooks first reach `listen` by a replay of a store the test writes
//! (every sample of the crate, once per key), signed with the token both
//! processes are given.

mod replay_support;

use std::path::{Path, PathBuf};
use std::process::Stdio;

use replay_support::{sample_rows, sqlite_store, tencent_webhook, Row, Run, STEP, TOKEN};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

/// 2026-12-06T10:00:00Z, in Unix milliseconds.
const T0: i64 = 1_796_551_200_000;

/// `tencent-webhook listen --port 0 --store FILE [--fail COMMAND]`, killed
/// when dropped.
struct Listen {
    child: Child,
    url: String,
}

impl Listen {
    async fn start(store: &Path, fail: Option<&str>) -> Self {
        let mut command = Command::new(env!("CARGO_BIN_EXE_tencent-webhook"));
        command
            .args(["listen", "--port", "0", "--store"])
            .arg(store)
            .env("TENCENT_WEBHOOK_TOKEN", TOKEN)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .kill_on_drop(true);
        if let Some(fail) = fail {
            command.args(["--fail", fail]);
        }
        let mut child = command.spawn().unwrap();
        let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
        let url = tokio::time::timeout(STEP, async {
            while let Some(line) = lines.next_line().await.unwrap() {
                if let Some(url) = line.strip_prefix("listening on ") {
                    return url.to_owned();
                }
            }
            panic!("listen ended without a 'listening on' line");
        })
        .await
        .expect("listen prints where it listens");
        // Keep reading its stderr, so that it never blocks on a full pipe.
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        Self { child, url }
    }

    /// SIGTERM, and its exit.
    async fn stop(mut self) {
        let pid = self.child.id().expect("listen is running");
        let status = std::process::Command::new("kill")
            .args(["-TERM", &pid.to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        let exit = tokio::time::timeout(STEP, self.child.wait())
            .await
            .expect("listen stops on SIGTERM")
            .unwrap();
        assert!(exit.success(), "listen exited with {exit}");
    }
}

/// An inbox row's key, strength, command, query and body.
type InboxRow = (Option<String>, String, String, String, Vec<u8>);

/// What a store holds, read while or after `listen` writes it.
struct Counts {
    path: PathBuf,
}

impl Counts {
    fn of(path: &Path) -> Self {
        Self {
            path: path.to_owned(),
        }
    }

    fn query(&self, sql: &str) -> i64 {
        let connection = rusqlite::Connection::open_with_flags(
            &self.path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
        )
        .unwrap();
        connection.query_row(sql, [], |row| row.get(0)).unwrap()
    }

    fn inbox(&self) -> i64 {
        self.query("SELECT COUNT(*) FROM inbox")
    }

    fn dead_letters(&self) -> i64 {
        self.query("SELECT COUNT(*) FROM dead_letters")
    }

    /// The inbox's rows without their id and time, in id order.
    fn inbox_rows(&self) -> Vec<InboxRow> {
        let connection = rusqlite::Connection::open_with_flags(
            &self.path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
        )
        .unwrap();
        let mut statement = connection
            .prepare("SELECT key, strength, command, query, body FROM inbox ORDER BY id")
            .unwrap();
        let rows = statement
            .query_map([], |row| {
                Ok((
                    row.get(0)?,
                    row.get(1)?,
                    row.get(2)?,
                    row.get(3)?,
                    row.get(4)?,
                ))
            })
            .unwrap();
        rows.map(Result::unwrap).collect()
    }

    /// Waits (at most [`STEP`]) until `count` gives `expected`, the dead
    /// letters being written after their answer.
    async fn wait_for(&self, expected: i64, count: impl Fn(&Self) -> i64) {
        let deadline = tokio::time::Instant::now() + STEP;
        while count(self) != expected && tokio::time::Instant::now() < deadline {
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        assert_eq!(count(self), expected);
    }
}

/// Replays `table` of the SQLite file `store` to `url`, with the token; the
/// exit code must be `code`.
async fn replay(url: &str, store: &Path, table: &str, code: i32) -> Run {
    let run = tencent_webhook(
        &[
            "replay",
            "--url",
            url,
            "--sqlite",
            store.to_str().unwrap(),
            "--from",
            table,
        ],
        Some(TOKEN),
    )
    .await;
    assert_eq!(run.code, Some(code), "{}{}", run.stdout, run.stderr);
    run
}

/// Every sample, once per key, in a store of the test's own (`seed.sqlite`).
fn seed(dir: &Path) -> (PathBuf, Vec<Row>) {
    let path = dir.join("seed.sqlite");
    let rows = sample_rows(T0);
    sqlite_store(&path, &rows, &[]);
    (path, rows)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_inbox_replayed_into_its_own_receiver_adds_only_keyless_webhooks() {
    let dir = tempfile::tempdir().unwrap();
    let (seed, rows) = seed(dir.path());
    let keyless = rows.iter().filter(|row| row.key.is_none()).count() as i64;
    assert!(keyless > 0 && keyless < rows.len() as i64);
    let store = dir.path().join("store.sqlite");
    let listen = Listen::start(&store, None).await;
    let counts = Counts::of(&store);
    replay(&listen.url, &seed, "inbox", 0).await;
    assert_eq!(counts.inbox(), rows.len() as i64);
    let before = counts.inbox();

    let run = replay(&listen.url, &store, "inbox", 0).await;
    assert_eq!(run.matched(), before as u64);
    listen.stop().await;

    assert_eq!(
        counts.inbox(),
        before + keyless,
        "Exact and Probable keys are there already; keyless webhooks are stored again"
    );
    assert_eq!(counts.dead_letters(), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_inbox_replayed_into_a_new_store_rebuilds_it() {
    let dir = tempfile::tempdir().unwrap();
    let (seed, rows) = seed(dir.path());
    let first = dir.path().join("first.sqlite");
    let listen = Listen::start(&first, None).await;
    replay(&listen.url, &seed, "inbox", 0).await;
    listen.stop().await;
    let first = Counts::of(&first);
    assert_eq!(first.inbox(), rows.len() as i64);

    let second = dir.path().join("second.sqlite");
    let listen = Listen::start(&second, None).await;
    let second = Counts::of(&second);
    assert_eq!(second.inbox(), 0, "a new, empty store");
    let run = replay(&listen.url, &first.path, "inbox", 0).await;
    assert_eq!(run.matched(), rows.len() as u64);
    listen.stop().await;

    assert_eq!(second.inbox(), rows.len() as i64);
    assert_eq!(
        second.inbox_rows(),
        first.inbox_rows(),
        "every row again, in order"
    );
    assert_eq!(second.dead_letters(), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dead_letters_replayed_after_the_fix_reach_the_inbox() {
    let dir = tempfile::tempdir().unwrap();
    let (seed, rows) = seed(dir.path());
    // An after-webhook whose handler is "broken".
    let broken = rows
        .iter()
        .find(|row| row.command.contains(".CallbackAfter") && row.key.is_some())
        .expect("an after-webhook with a key")
        .command
        .clone();
    let failing = rows.iter().filter(|row| row.command == broken).count() as i64;
    let store = dir.path().join("store.sqlite");
    let counts = Counts::of(&store);

    let listen = Listen::start(&store, Some(&broken)).await;
    let run = replay(&listen.url, &seed, "inbox", 1).await;
    assert!(run.stdout.contains("HTTP 500"), "{}", run.stdout);
    counts.wait_for(failing, Counts::dead_letters).await;
    listen.stop().await;
    assert_eq!(counts.inbox(), rows.len() as i64 - failing);
    assert_eq!(counts.dead_letters(), failing);
    assert_eq!(
        counts.query(&format!(
            "SELECT COUNT(*) FROM dead_letters WHERE reason = 'failed' AND command = '{broken}'"
        )),
        failing
    );

    // The handler fixed: the same store, no --fail.
    let listen = Listen::start(&store, None).await;
    let run = replay(&listen.url, &store, "dead-letters", 0).await;
    assert_eq!(run.matched(), failing as u64);
    listen.stop().await;
    assert_eq!(
        counts.inbox(),
        rows.len() as i64,
        "every webhook in the inbox"
    );
    assert_eq!(
        counts.dead_letters(),
        failing,
        "the letters stay, as evidence"
    );
}
