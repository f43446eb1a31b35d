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

mod common;

use std::path::{Path, PathBuf};

use common::replay::{sample_rows, sqlite_store, Row, Source, T0};
use common::{count, inbox_rows, InboxRow, Listener, Run, TOKEN, WAIT};

/// `listen --store FILE`, failing `fail` when given, with the token.
fn start_listen(store: &Path, fail: Option<&str>) -> Listener {
    let mut args = vec!["--store", common::arg(store)];
    args.extend(fail.into_iter().flat_map(|command| ["--fail", command]));
    Listener::start(&args, Some(TOKEN))
}

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
        count(&self.path, sql)
    }

    fn inbox(&self) -> i64 {
        self.query("SELECT COUNT(*) FROM inbox")
    }

    fn dead_letters(&self) -> i64 {
        self.query("SELECT COUNT(*) FROM dead_letters")
    }

    /// The inbox's rows without their id and time, in id order.
    fn inbox_rows(&self) -> Vec<InboxRow> {
        inbox_rows(&self.path)
    }

    /// Waits (at most [`WAIT`]) until `count` gives `expected`, the dead
    /// letters being written after their answer.
    async fn wait_for(&self, expected: i64, count: impl Fn(&Self) -> i64) {
        let deadline = tokio::time::Instant::now() + WAIT;
        while count(self) != expected && tokio::time::Instant::now() < deadline {
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        assert_eq!(count(self), expected);
    }
}

/// Replays `table` of the SQLite file `store` to `url`, with the token; the
/// exit code must be `code`.
async fn replay(url: &str, store: &Path, table: &str, code: i32) -> Run {
    let run = Source::sqlite(store).replay(url, &["--from", table]).await;
    run.assert_exit(code);
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
    let listen = start_listen(&store, None);
    let counts = Counts::of(&store);
    replay(&listen.url(), &seed, "inbox", 0).await;
    assert_eq!(counts.inbox(), rows.len() as i64);
    let before = counts.inbox();

    let run = replay(&listen.url(), &store, "inbox", 0).await;
    assert_eq!(run.matched(), before as u64);
    listen.stop();

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
    let listen = start_listen(&first, None);
    replay(&listen.url(), &seed, "inbox", 0).await;
    listen.stop();
    let first = Counts::of(&first);
    assert_eq!(first.inbox(), rows.len() as i64);

    let second = dir.path().join("second.sqlite");
    let listen = start_listen(&second, None);
    let second = Counts::of(&second);
    assert_eq!(second.inbox(), 0, "a new, empty store");
    let run = replay(&listen.url(), &first.path, "inbox", 0).await;
    assert_eq!(run.matched(), rows.len() as u64);
    listen.stop();

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

    let listen = start_listen(&store, Some(&broken));
    let run = replay(&listen.url(), &seed, "inbox", 1).await;
    assert!(run.stdout.contains("HTTP 500"), "{}", run.stdout);
    counts.wait_for(failing, Counts::dead_letters).await;
    listen.stop();
    assert_eq!(counts.inbox(), rows.len() as i64 - failing);
    assert_eq!(counts.dead_letters(), failing);
    assert_eq!(
        counts.query(&format!(
            "SELECT COUNT(*) FROM dead_letters WHERE reason = 'failed' AND command = '{broken}'"
        )),
        failing
    );

    // The handler fixed: the same store, no --fail.
    let listen = start_listen(&store, None);
    let run = replay(&listen.url(), &store, "dead-letters", 0).await;
    assert_eq!(run.matched(), failing as u64);
    listen.stop();
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
