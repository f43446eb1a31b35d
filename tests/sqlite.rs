//! `examples/sqlite.rs` as users run it, against a real SQLite file in a
//! temporary directory: each battle stored once, every webhook in the inbox
//! once per key, OK only after the commit,
//! FAIL when the file cannot be written in time (and the webhook kept as a
//! dead letter in a file of their own), every authentic webhook of every kind
//! an inbox row or a dead letter exactly once, nothing acknowledged lost
//! when the process is killed and restarted. A process kill leaves the OS's
//! file cache as it was: it shows that the commit came before the OK, and
//! says nothing about a power loss.

mod receiver;

use std::collections::{BTreeMap, HashSet};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long the example holds a FAIL (`.hold_failures()`).
const HELD_UNTIL: Duration = Duration::from_millis(2500);

use receiver::{
    assert_inbox_after_twice, battle, count_lines, example_path, interleaved, is_handler_failure,
    is_ok, room_rows, send_two_identical_gifts, stored_query, InboxRow, LetterRow, Receiver,
    Sender, StoredRow, EVERY_KIND_ENV, GIFT, LATE_ENV, STEP, TENCENT_DEADLINE,
};
use rusqlite::{params, Connection, OptionalExtension};
use tempfile::TempDir;
use tencent_live_webhook::BattleEnded;

/// A temporary directory with the database file's path in it, and the
/// dead letters' file the example puts beside it by default.
struct Database {
    dir: TempDir,
    path: PathBuf,
    letters_path: PathBuf,
}

impl Database {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("battles.sqlite3");
        let letters_path = dir.path().join("battles.dead-letters.sqlite3");
        Self {
            dir,
            path,
            letters_path,
        }
    }

    fn start(&self, env: &[(&str, &str)]) -> Receiver {
        let mut env = env.to_vec();
        env.push(("SQLITE_PATH", self.path.to_str().unwrap()));
        Receiver::start("sqlite", &env)
    }

    /// A connection of the test's own to the same file.
    fn open(&self) -> Connection {
        let connection = Connection::open(&self.path).unwrap();
        connection.busy_timeout(STEP).unwrap();
        connection
    }
}

/// Every stored battle: its id, with its rooms in position order.
fn stored(connection: &Connection) -> BTreeMap<String, Vec<(String, i64, String)>> {
    let mut battles: BTreeMap<_, Vec<_>> = connection
        .prepare("SELECT battle_id FROM battles")
        .unwrap()
        .query_map([], |row| row.get::<_, String>(0))
        .unwrap()
        .map(|id| (id.unwrap(), Vec::new()))
        .collect();
    let mut rooms = connection
        .prepare(
            "SELECT battle_id, room_id, score, owner_account FROM battle_rooms
             ORDER BY battle_id, position",
        )
        .unwrap();
    let rows = rooms
        .query_map([], |row| {
            Ok((
                row.get::<_, String>(0)?,
                (row.get(1)?, row.get(2)?, row.get(3)?),
            ))
        })
        .unwrap();
    for row in rows {
        let (battle_id, room) = row.unwrap();
        battles
            .get_mut(&battle_id)
            .expect("a room row belongs to a stored battle")
            .push(room);
    }
    battles
}

/// The battle's row as the example wrote it, decoded back from `raw_body`,
/// with its times; `None` when it is not stored.
fn stored_battle(connection: &Connection, battle_id: &str) -> Option<(BattleEnded, i64, i64)> {
    connection
        .query_row(
            "SELECT raw_body, end_time, event_time_ms FROM battles WHERE battle_id = ?1",
            params![battle_id],
            |row| Ok((row.get::<_, String>(0)?, row.get(1)?, row.get(2)?)),
        )
        .optional()
        .unwrap()
        .map(|(raw, end_time, event_time_ms)| {
            (serde_json::from_str(&raw).unwrap(), end_time, event_time_ms)
        })
}

fn assert_stored_exactly(connection: &Connection, battles: &[BattleEnded]) {
    let expected: BTreeMap<_, _> = battles
        .iter()
        .map(|battle| (battle.battle_id.clone(), room_rows(battle)))
        .collect();
    assert_eq!(stored(connection), expected);
    for battle in battles {
        let (raw, end_time, event_time_ms) = stored_battle(connection, &battle.battle_id).unwrap();
        assert_eq!(&raw, battle);
        assert_eq!(end_time, battle.end_time() as i64);
        assert_eq!(event_time_ms, battle.event_time_ms() as i64);
    }
}

#[tokio::test]
async fn the_same_battle_delivered_twice_is_stored_once_and_acknowledged_twice() {
    let database = Database::new();
    let receiver = database.start(&[]);
    let sender = Sender::new();
    let battle = battle(3); // three rooms, accounts near u64::MAX

    for delivery in ["first", "second"] {
        let answer = sender.deliver(receiver.address(), &battle).await;
        assert!(is_ok(&answer), "{delivery} delivery: {answer:?}");
        // Acknowledged, so committed: the test's own connection sees it.
        assert_stored_exactly(&database.open(), std::slice::from_ref(&battle));
    }
    assert_eq!(count_lines(&[&receiver], ": stored", 1), 1);
    assert_eq!(count_lines(&[&receiver], ": already stored", 1), 1);
    assert_eq!(
        stored(&database.open())[&battle.battle_id][0].2,
        "18446744073709551612"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_concurrent_deliveries_of_fifty_battles_store_fifty() {
    let database = Database::new();
    // A generous deadline: this test is about exactly-once, not speed.
    let receiver = database.start(&[("STORE_DEADLINE_MS", "10000")]);
    let sender = Sender::new();
    let battles: Vec<_> = (0..50).map(battle).collect();
    let reader = Arc::new(Mutex::new(database.open()));

    let mut deliveries = Vec::new();
    for (copy, battle) in interleaved(&battles, 4) {
        let (sender, reader, address) = (sender.clone(), reader.clone(), receiver.address());
        deliveries.push(tokio::spawn(async move {
            let answer = sender.deliver(address, &battle).await;
            // An OK comes only after the commit: the battle is there now.
            let visible = is_ok(&answer)
                && tokio::task::spawn_blocking(move || {
                    stored_battle(&reader.lock().unwrap(), &battle.battle_id).is_some()
                })
                .await
                .unwrap();
            (copy, answer, visible)
        }));
    }
    assert_eq!(deliveries.len(), 200);
    for delivery in deliveries {
        let (copy, answer, visible) = delivery.await.unwrap();
        assert!(is_ok(&answer), "delivery {copy}: {answer:?}");
        assert!(visible, "acknowledged before it could be read back");
    }
    assert_stored_exactly(&database.open(), &battles);
    assert_eq!(count_lines(&[&receiver], ": stored", 50), 50);
    assert_eq!(count_lines(&[&receiver], ": already stored", 150), 150);
    // And one inbox row per battle, under its id.
    let mut keys: Vec<_> = inbox(&database.open())
        .into_iter()
        .map(|(key, strength, ..)| (key.unwrap(), strength))
        .collect();
    keys.sort();
    let expected: Vec<_> = battles
        .iter()
        .map(|battle| {
            let key = format!("Live.CallbackAfterEndBattle:{}", battle.battle_id);
            (key, "exact".to_owned())
        })
        .collect();
    assert_eq!(keys, expected);
}

/// Whether this process runs as root, for whom file permissions do not hold.
fn running_as_root(dir: &Path) -> bool {
    std::fs::metadata(dir).unwrap().uid() == 0
}

fn set_mode(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[tokio::test]
async fn a_read_only_database_answers_fail_and_never_ok() {
    let database = Database::new();
    let sender = Sender::new();
    let mut receiver = database.start(&[]);
    assert!(is_ok(&sender.deliver(receiver.address(), &battle(1)).await));
    receiver.kill();
    // The last connection to close folds the WAL into the file and removes it.
    assert_stored_exactly(&database.open(), &[battle(1)]);
    for leftover in ["battles.sqlite3-wal", "battles.sqlite3-shm"] {
        assert!(!database.dir.path().join(leftover).exists(), "{leftover}");
    }

    set_mode(&database.path, 0o444);
    let path = database.path.to_str().unwrap();
    // The letters in a new file, which the example (perhaps as `nobody`) can write.
    let letters_path = database.dir.path().join("read-only.dead-letters.sqlite3");
    // Failures answered at once: this test sends ten of them in a row.
    let env = [
        ("SQLITE_PATH", path),
        ("DEAD_LETTERS_PATH", letters_path.to_str().unwrap()),
        ("HOLD_FAILURES", "0"),
    ];
    let receiver = if running_as_root(database.dir.path()) {
        // Root writes to read-only files: run the example as `nobody`, from a
        // copy it can reach, in a directory where it may make SQLite's
        // -wal and -shm files (the database file itself stays read-only).
        set_mode(database.dir.path(), 0o777);
        let binary = database.dir.path().join("sqlite-example");
        std::fs::copy(example_path("sqlite"), &binary).unwrap();
        set_mode(&binary, 0o755);
        Receiver::start_as(&binary, &env, 65534)
    } else {
        Receiver::start("sqlite", &env)
    };

    for battle in (2..12).map(battle) {
        let answer = sender.deliver(receiver.address(), &battle).await;
        assert!(
            is_handler_failure(&answer),
            "{answer:?}\n{}",
            receiver.log()
        );
    }
    assert!(receiver.log().contains("readonly"), "{}", receiver.log());
    // Each refused battle is a dead letter, in the letters' own file.
    assert_eq!(count_lines(&[&receiver], ": kept", 10), 10);
    let mut failed: Vec<_> = letters(&letters_path)
        .into_iter()
        .map(|(reason, code, command, _, body, truncated, ..)| {
            (reason, code, command, body, truncated)
        })
        .collect();
    let mut expected: Vec<_> = (2..12)
        .map(|n| {
            let body = serde_json::to_vec(&battle(n)).unwrap();
            let command = "Live.CallbackAfterEndBattle".to_owned();
            ("failed".to_owned(), None, command, body, false)
        })
        .collect();
    failed.sort();
    expected.sort();
    assert_eq!(failed, expected);
    drop(receiver);

    // Writable again: the same file takes the battles it refused.
    set_mode(&database.path, 0o644);
    assert_stored_exactly(&database.open(), &[battle(1)]);
    let receiver = database.start(&[]);
    assert!(is_ok(&sender.deliver(receiver.address(), &battle(2)).await));
    assert_stored_exactly(&database.open(), &[battle(1), battle(2)]);
}

// Two worker threads: the delivery runs while the test blocks on a log line.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_database_locked_past_the_deadline_answers_fail_after_tencents_timeout_then_a_retry_is_stored(
) {
    let database = Database::new();
    let receiver = database.start(&[("STORE_DEADLINE_MS", "300")]);
    let sender = Sender::new();
    assert!(is_ok(&sender.deliver(receiver.address(), &battle(1)).await));

    // Another writer holds the lock for longer than the deadline.
    let locker = database.open();
    locker.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let started = Instant::now();
    let delivery = {
        let (sender, address) = (sender.clone(), receiver.address());
        tokio::spawn(async move {
            let answer = sender.deliver(address, &battle(2)).await;
            (answer, started.elapsed())
        })
    };

    // The abandoned write gives up on the lock by itself, its busy timeout
    // being the time left to the deadline, and says so, long before the FAIL
    // is answered. Once it has, with the lock still held, nothing of it is
    // left to commit when the lock goes.
    let id = battle(2).battle_id;
    receiver.wait_for_line(&format!("battle {id}: write ended, nothing committed"));
    let gave_up = started.elapsed();
    assert!(
        gave_up < TENCENT_DEADLINE,
        "waited for the lock {gave_up:?}"
    );

    let (answer, waited) = delivery.await.unwrap();
    assert!(is_handler_failure(&answer), "{answer:?}");
    // The FAIL is held past Tencent's 2 s (the example's default), so that
    // Tencent retries: no earlier than 2.5 s after the layer's `call`, which
    // comes after `started`; the upper bound is wide for a loaded machine.
    assert!(
        waited >= HELD_UNTIL,
        "answered after {waited:?}: Tencent would not retry"
    );
    assert!(waited < HELD_UNTIL + STEP, "answered after {waited:?}");
    assert!(stored_battle(&locker, &battle(2).battle_id).is_none());
    locker.execute_batch("COMMIT").unwrap();
    assert_stored_exactly(&database.open(), &[battle(1)]);

    // The retry is what stores it: had the abandoned write committed at any
    // time before, the retry would have found the battle already stored.
    let retry = sender.deliver(receiver.address(), &battle(2)).await;
    assert!(is_ok(&retry), "{retry:?}");
    assert_eq!(count_lines(&[&receiver], &format!("{id}: stored"), 1), 1);
    assert_eq!(
        receiver.lines_ending_with(&format!("{id}: already stored")),
        0
    );
    assert_stored_exactly(&database.open(), &[battle(1), battle(2)]);
}

/// Kills the example (SIGKILL) in the middle of 100 concurrent deliveries,
/// restarts it on the same file, and checks that every acknowledged battle is
/// there, whole, and that no battle is there in part.
///
/// The kill leaves the OS's file cache as it was, so this shows that each
/// commit came before its OK, not that the commit reached the disk: it says
/// nothing about a power loss.
///
/// The kill comes as soon as 30 deliveries are acknowledged; about 70 are then
/// usually unanswered, some of them with their write under way (the test
/// prints how many). That cannot be guaranteed: if this test is held up long
/// enough while the example finishes every write, the kill finds nothing in
/// flight and the test proves less. So the count is printed, not asserted.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_a_kill_and_restart_nothing_acknowledged_is_missing() {
    let database = Database::new();
    // A generous deadline, so that an answer other than OK is the kill's doing.
    let mut receiver = database.start(&[("STORE_DEADLINE_MS", "10000")]);
    let sender = Sender::new();
    let battles: Vec<_> = (0..100).map(battle).collect();

    let acknowledged = Arc::new(AtomicUsize::new(0));
    let enough = Arc::new(tokio::sync::Notify::new());
    let mut deliveries = Vec::new();
    for battle in battles.clone() {
        let (sender, address) = (sender.clone(), receiver.address());
        let (acknowledged, enough) = (acknowledged.clone(), enough.clone());
        deliveries.push(tokio::spawn(async move {
            let answer = sender.deliver(address, &battle).await;
            if is_ok(&answer) && acknowledged.fetch_add(1, Ordering::SeqCst) + 1 == 30 {
                enough.notify_one();
            }
            (battle.battle_id, answer)
        }));
    }
    tokio::time::timeout(STEP, enough.notified())
        .await
        .expect("30 acknowledgements");
    receiver.kill();
    let mut acked = HashSet::new();
    let mut unanswered = HashSet::new();
    for delivery in deliveries {
        match delivery.await.unwrap() {
            (battle_id, answer) if is_ok(&answer) => assert!(acked.insert(battle_id)),
            // No answer at all: the connection died with the process.
            (battle_id, Err(_)) => assert!(unanswered.insert(battle_id)),
            (battle_id, answer) => panic!("{battle_id}: neither OK nor cut off: {answer:?}"),
        }
    }

    // Restarted on the same file: every acknowledged battle is there, whole.
    let receiver = database.start(&[]);
    {
        let stored = stored(&database.open());
        for battle in &battles {
            let rooms = stored.get(&battle.battle_id);
            if acked.contains(&battle.battle_id) {
                assert!(
                    rooms.is_some(),
                    "acknowledged, then lost: {}",
                    battle.battle_id
                );
            }
            if let Some(rooms) = rooms {
                assert_eq!(
                    rooms,
                    &room_rows(battle),
                    "stored in part: {}",
                    battle.battle_id
                );
            }
        }
        eprintln!(
            "at the kill: {} acknowledged, {} unanswered, of which {} were stored",
            acked.len(),
            unanswered.len(),
            unanswered
                .iter()
                .filter(|id| stored.contains_key(*id))
                .count()
        );
    }
    // Delivering everything again fills the gaps and duplicates nothing.
    for battle in &battles {
        let answer = sender.deliver(receiver.address(), battle).await;
        assert!(is_ok(&answer), "{answer:?}");
    }
    assert_stored_exactly(&database.open(), &battles);
}

/// Every inbox row, in the order they were added.
fn inbox(connection: &Connection) -> Vec<InboxRow> {
    connection
        .prepare("SELECT key, strength, command, query, body FROM inbox ORDER BY id")
        .unwrap()
        .query_map([], |row| {
            Ok((
                row.get(0)?,
                row.get(1)?,
                row.get(2)?,
                row.get(3)?,
                row.get(4)?,
            ))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[tokio::test]
async fn every_webhook_delivered_twice_is_in_the_inbox_once_per_key() {
    let database = Database::new();
    let receiver = database.start(&[]);
    Sender::new().deliver_twice(&[&receiver]).await;

    let connection = database.open();
    assert_inbox_after_twice(&inbox(&connection));
    // The battle's own rows, from the same transactions.
    let battles: i64 = connection
        .query_row(
            "SELECT count(*) FROM battle_rooms WHERE battle_id = 'inbox/1+x='",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(battles, 2);
}

#[tokio::test]
async fn two_identical_gifts_are_two_rows() {
    let database = Database::new();
    let receiver = database.start(&[]);
    send_two_identical_gifts(&receiver).await;

    let row = (
        None,
        "none".to_owned(),
        "Live.CallbackBeforeSendGift".to_owned(),
        stored_query("Live.CallbackBeforeSendGift"),
        GIFT.as_bytes().to_vec(),
    );
    assert_eq!(inbox(&database.open()), vec![row.clone(), row]);
}

/// Every dead letter in the example's file of them, in the order kept.
fn letters(path: &Path) -> Vec<LetterRow> {
    let connection = Connection::open(path).unwrap();
    connection.busy_timeout(STEP).unwrap();
    let letters = connection
        .prepare(
            "SELECT reason, error_code, command, query, body, truncated, key, strength
             FROM dead_letters ORDER BY id",
        )
        .unwrap()
        .query_map([], |row| {
            Ok((
                row.get(0)?,
                row.get(1)?,
                row.get(2)?,
                row.get(3)?,
                row.get(4)?,
                row.get(5)?,
                row.get(6)?,
                row.get(7)?,
            ))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    letters
}

// Two worker threads: the deliveries run while the test waits on log lines.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_authentic_webhook_is_an_inbox_row_or_a_dead_letter_exactly_once() {
    let database = Database::new();
    // Two processes on the same files; the second answers every
    // before-webhook with its fallback, the deadline having passed.
    let receiver = database.start(EVERY_KIND_ENV);
    let late = database.start(LATE_ENV);
    let started = unix_ms();
    let expected = Sender::new().deliver_every_kind(&receiver, &late).await;
    let ended = unix_ms();

    let mut inbox: Vec<StoredRow> = inbox(&database.open())
        .into_iter()
        .map(|(_, _, command, query, body)| (command, query, body))
        .collect();
    inbox.sort();
    let mut letters = letters(&database.letters_path);
    letters.sort();
    // Every documented sample of the tables, and 3 rounds of 3 commands the
    // example's layer receives as unknown; 3 rounds of 12 refusals; 6 forged
    // webhooks, kept nowhere.
    let documented = tencent_live_webhook::testing::fixtures::DOCUMENTED.len();
    assert_eq!((expected.sent, expected.forged), (documented + 9 + 36, 6));
    assert_eq!((inbox.len(), letters.len()), (documented + 9, 36));
    assert_eq!(inbox.len() + letters.len(), expected.sent);
    assert_eq!(inbox, expected.inbox);
    assert_eq!(letters, expected.letters);
    let deadline = letters.iter().filter(|letter| letter.0 == "deadline");
    assert_eq!(deadline.count(), 6);
    let truncated = letters.iter().filter(|letter| letter.5);
    assert_eq!(truncated.count(), 6);
    // Each letter's time and words.
    let connection = Connection::open(&database.letters_path).unwrap();
    let (first, last, details): (i64, i64, String) = connection
        .query_row(
            "SELECT min(received_at_ms), max(received_at_ms),
                    (SELECT group_concat(DISTINCT detail) FROM dead_letters
                     WHERE reason = 'deadline')
             FROM dead_letters",
            [],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .unwrap();
    assert!(
        started <= first && last <= ended,
        "{started} {first} {last} {ended}"
    );
    assert_eq!(details, "no decision by the deadline");
}

fn unix_ms() -> i64 {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
    now.unwrap().as_millis() as i64
}
