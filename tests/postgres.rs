//! `examples/postgres.rs` as users run it, as two replicas against one real
//! PostgreSQL server: each battle stored once whichever replica gets it, every
//! webhook in the inbox once per key, OK only after the commit, FAIL when the
//! write cannot finish in time.
//!
//! These tests need a server, so plain `cargo test` lists them as ignored;
//! run them with `--include-ignored` and `TENCENT_WEBHOOK_PG_URL` set (they
//! fail without it), as `.ci/run` does:
//!
//! ```sh
//! export TENCENT_WEBHOOK_PG_URL=$(bash scripts/postgres.sh start)
//! cargo build --examples && cargo test --test postgres -- --include-ignored
//! bash scripts/postgres.sh stop
//! ```
//!
//! Each test creates a database of its own on that server and drops it at the end.

mod receiver;

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use receiver::{
    assert_inbox_after_twice, battle, count_lines, interleaved, is_handler_failure, is_ok,
    room_rows, send_two_identical_gifts, stored_query, InboxRow, LetterRow, Receiver, Sender,
    StoredRow, EVERY_KIND_ENV, GIFT, LATE_ENV, STEP, TENCENT_DEADLINE,
};
use tencent_live_webhook::BattleEnded;
use tokio_postgres::{Client, NoTls};

/// The server's URL. A test asked to run without one fails: it never passes
/// having done nothing.
fn server_url() -> String {
    match std::env::var("TENCENT_WEBHOOK_PG_URL") {
        Ok(url) if !url.trim().is_empty() => url.trim().to_owned(),
        _ => panic!(
            "TENCENT_WEBHOOK_PG_URL is not set: this test needs PostgreSQL \
             (`export TENCENT_WEBHOOK_PG_URL=$(bash scripts/postgres.sh start)`)"
        ),
    }
}

async fn connect(url: &str) -> Client {
    let (client, connection) = tokio::time::timeout(STEP, tokio_postgres::connect(url, NoTls))
        .await
        .unwrap_or_else(|_| panic!("no connection to PostgreSQL within {STEP:?}"))
        .unwrap_or_else(|error| panic!("could not connect to PostgreSQL: {error}"));
    tokio::spawn(connection);
    client
}

/// A database of the test's own, dropped by [`TestDatabase::drop_now`].
struct TestDatabase {
    name: String,
    url: String,
    admin: Client,
}

impl TestDatabase {
    async fn create(server_url: &str) -> Self {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let name = format!(
            "tencent_webhook_test_{}_{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        let admin = connect(server_url).await;
        admin
            .batch_execute(&format!("DROP DATABASE IF EXISTS {name}"))
            .await
            .unwrap();
        admin
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .await
            .unwrap();
        // A later `dbname` overrides the URL's, in both of libpq's formats.
        let url =
            if server_url.starts_with("postgres://") || server_url.starts_with("postgresql://") {
                let separator = if server_url.contains('?') { '&' } else { '?' };
                format!("{server_url}{separator}dbname={name}")
            } else {
                format!("{server_url} dbname={name}")
            };
        Self { name, url, admin }
    }

    async fn drop_now(self) {
        self.admin
            .batch_execute(&format!("DROP DATABASE {} WITH (FORCE)", self.name))
            .await
            .unwrap();
    }
}

/// Every stored battle: its id, with its rooms in position order.
async fn stored(client: &Client) -> BTreeMap<String, Vec<(String, i64, String)>> {
    let mut battles: BTreeMap<String, Vec<_>> = BTreeMap::new();
    for row in client
        .query("SELECT battle_id FROM battles", &[])
        .await
        .unwrap()
    {
        battles.insert(row.get(0), Vec::new());
    }
    let rooms = client
        .query(
            "SELECT battle_id, room_id, score, owner_account FROM battle_rooms
             ORDER BY battle_id, position",
            &[],
        )
        .await
        .unwrap();
    for row in rooms {
        battles
            .get_mut(row.get::<_, &str>(0))
            .expect("a room row belongs to a stored battle")
            .push((row.get(1), row.get(2), row.get(3)));
    }
    battles
}

/// How many rows the battle has: (in `battles`, in `battle_rooms`).
async fn rows_of(client: &Client, battle_id: &str) -> (i64, i64) {
    let row = client
        .query_one(
            "SELECT (SELECT count(*) FROM battles WHERE battle_id = $1),
                    (SELECT count(*) FROM battle_rooms WHERE battle_id = $1)",
            &[&battle_id],
        )
        .await
        .unwrap();
    (row.get(0), row.get(1))
}

/// Waits until no other client session on this database is inside a
/// transaction, as the server sees it; panics after [`STEP`].
async fn wait_until_no_other_transaction(client: &Client) {
    let started = Instant::now();
    loop {
        let open: i64 = client
            .query_one(
                "SELECT count(*) FROM pg_stat_activity
                 WHERE datname = current_database() AND pid <> pg_backend_pid()
                   AND backend_type = 'client backend' AND xact_start IS NOT NULL",
                &[],
            )
            .await
            .unwrap()
            .get(0);
        if open == 0 {
            return;
        }
        assert!(
            started.elapsed() < STEP,
            "{open} transactions still open after {STEP:?}"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

async fn assert_stored_exactly(client: &Client, battles: &[BattleEnded]) {
    let expected: BTreeMap<_, _> = battles
        .iter()
        .map(|battle| (battle.battle_id.clone(), room_rows(battle)))
        .collect();
    assert_eq!(stored(client).await, expected);
    for battle in battles {
        let row = client
            .query_one(
                "SELECT raw_body, end_time, event_time_ms FROM battles WHERE battle_id = $1",
                &[&battle.battle_id],
            )
            .await
            .unwrap();
        let raw: BattleEnded = serde_json::from_str(row.get(0)).unwrap();
        assert_eq!(&raw, battle);
        assert_eq!(row.get::<_, i64>(1), battle.end_time() as i64);
        assert_eq!(row.get::<_, i64>(2), battle.event_time_ms() as i64);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs PostgreSQL: set TENCENT_WEBHOOK_PG_URL, see scripts/postgres.sh"]
async fn two_replicas_store_each_battle_exactly_once() {
    let database = TestDatabase::create(&server_url()).await;
    // A generous deadline: this test is about exactly-once, not speed.
    let env = [
        ("DATABASE_URL", database.url.as_str()),
        ("POOL_SIZE", "8"),
        ("STORE_DEADLINE_MS", "10000"),
    ];
    // Both start at once, and both create the schema if it is missing.
    let (first, second) = thread::scope(|scope| {
        let first = scope.spawn(|| Receiver::start("postgres", &env));
        let second = scope.spawn(|| Receiver::start("postgres", &env));
        (first.join().unwrap(), second.join().unwrap())
    });
    let replicas = [first.address(), second.address()];
    assert_ne!(replicas[0], replicas[1]);

    let client = Arc::new(connect(&database.url).await);
    let sender = Sender::new();
    let battles: Vec<_> = (0..50).map(battle).collect();
    // Each battle four times: first, second, first, second replica; all 200 at once.
    let mut deliveries = Vec::new();
    for (copy, battle) in interleaved(&battles, 4) {
        let (sender, client, replica) = (sender.clone(), client.clone(), replicas[copy % 2]);
        deliveries.push(tokio::spawn(async move {
            let answer = sender.deliver(replica, &battle).await;
            // An OK comes only after the commit: a new query sees it all.
            let rows = match is_ok(&answer) {
                true => Some(rows_of(&client, &battle.battle_id).await),
                false => None,
            };
            let expected = (1, battle.rooms().count() as i64);
            (copy, answer, rows, expected)
        }));
    }
    assert_eq!(deliveries.len(), 200);
    for delivery in deliveries {
        let (copy, answer, rows, expected) = delivery.await.unwrap();
        assert!(
            is_ok(&answer),
            "delivery {copy} to replica {}: {answer:?}",
            copy % 2
        );
        assert_eq!(rows, Some(expected), "acknowledged before it was committed");
    }
    assert_stored_exactly(&client, &battles).await;
    // And one inbox row per battle, under its id.
    let mut keys: Vec<_> = inbox(&client)
        .await
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

    // The replicas' logs agree: one insert per battle, whichever replica made it.
    let replicas = [&first, &second];
    assert_eq!(count_lines(&replicas, ": stored", 50), 50);
    assert_eq!(count_lines(&replicas, ": already stored", 150), 150);
    eprintln!(
        "stored by each replica: {:?}",
        replicas.map(|replica| replica.lines_ending_with(": stored"))
    );

    drop((first, second));
    drop(client);
    database.drop_now().await;
}

#[tokio::test]
#[ignore = "needs PostgreSQL: set TENCENT_WEBHOOK_PG_URL, see scripts/postgres.sh"]
async fn a_table_locked_past_the_deadline_answers_fail_then_a_retry_is_stored() {
    let database = TestDatabase::create(&server_url()).await;
    let deadline = Duration::from_millis(300);
    let receiver = Receiver::start(
        "postgres",
        &[
            ("DATABASE_URL", database.url.as_str()),
            ("STORE_DEADLINE_MS", "300"),
            // Answered at once: this test times the store's deadline.
            ("HOLD_FAILURES", "0"),
        ],
    );
    let sender = Sender::new();
    assert!(is_ok(&sender.deliver(receiver.address(), &battle(1)).await));

    // Another session keeps every writer out for longer than the deadline.
    let mut locker = connect(&database.url).await;
    let lock = locker.transaction().await.unwrap();
    lock.batch_execute("LOCK TABLE battles IN EXCLUSIVE MODE")
        .await
        .unwrap();
    let started = Instant::now();
    let answer = sender.deliver(receiver.address(), &battle(2)).await;
    let waited = started.elapsed();
    assert!(is_handler_failure(&answer), "{answer:?}");
    // The deadline starts in the handler, after `started`, so load can only
    // lengthen `waited`. The upper bound leaves 1.7 s for scheduling.
    assert!(waited >= deadline - Duration::from_millis(50), "{waited:?}");
    assert!(waited < TENCENT_DEADLINE, "answered after {waited:?}");
    lock.rollback().await.unwrap();

    // The abandoned write must not be committed once the lock is gone: wait
    // for the server to end its transaction, then nothing of it can commit.
    let client = connect(&database.url).await;
    wait_until_no_other_transaction(&client).await;
    assert_stored_exactly(&client, &[battle(1)]).await;

    // The retry is what stores it: had the abandoned write committed at any
    // time before, the retry would have found the battle already stored.
    let retry = sender.deliver(receiver.address(), &battle(2)).await;
    assert!(is_ok(&retry), "{retry:?}");
    let id = battle(2).battle_id;
    assert_eq!(count_lines(&[&receiver], &format!("{id}: stored"), 1), 1);
    assert_eq!(
        receiver.lines_ending_with(&format!("{id}: already stored")),
        0
    );
    assert_stored_exactly(&client, &[battle(1), battle(2)]).await;

    drop(receiver);
    drop((client, locker));
    database.drop_now().await;
}

/// Every inbox row, in the order they were added.
async fn inbox(client: &Client) -> Vec<InboxRow> {
    client
        .query(
            "SELECT key, strength, command, query, body FROM inbox ORDER BY id",
            &[],
        )
        .await
        .unwrap()
        .into_iter()
        .map(|row| (row.get(0), row.get(1), row.get(2), row.get(3), row.get(4)))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs PostgreSQL: set TENCENT_WEBHOOK_PG_URL, see scripts/postgres.sh"]
async fn every_webhook_delivered_twice_to_two_replicas_is_in_the_inbox_once_per_key() {
    let database = TestDatabase::create(&server_url()).await;
    let env = [("DATABASE_URL", database.url.as_str())];
    let first = Receiver::start("postgres", &env);
    let second = Receiver::start("postgres", &env);
    // Each webhook's first delivery to one replica, its second to the other.
    Sender::new().deliver_twice(&[&first, &second]).await;

    let client = connect(&database.url).await;
    assert_inbox_after_twice(&inbox(&client).await);
    // The battle's own rows, from the same transactions.
    assert_eq!(rows_of(&client, "inbox/1+x=").await, (1, 2));

    drop((first, second));
    drop(client);
    database.drop_now().await;
}

#[tokio::test]
#[ignore = "needs PostgreSQL: set TENCENT_WEBHOOK_PG_URL, see scripts/postgres.sh"]
async fn two_identical_gifts_are_two_rows() {
    let database = TestDatabase::create(&server_url()).await;
    let receiver = Receiver::start("postgres", &[("DATABASE_URL", database.url.as_str())]);
    send_two_identical_gifts(&receiver).await;

    let client = connect(&database.url).await;
    let row = (
        None,
        "none".to_owned(),
        "Live.CallbackBeforeSendGift".to_owned(),
        stored_query("Live.CallbackBeforeSendGift"),
        GIFT.as_bytes().to_vec(),
    );
    assert_eq!(inbox(&client).await, vec![row.clone(), row]);

    drop(receiver);
    drop(client);
    database.drop_now().await;
}

/// Every dead letter, in the order kept.
async fn letters(client: &Client) -> Vec<LetterRow> {
    client
        .query(
            "SELECT reason, error_code, command, query, body, truncated, key, strength
             FROM dead_letters ORDER BY id",
            &[],
        )
        .await
        .unwrap()
        .into_iter()
        .map(|row| {
            (
                row.get(0),
                row.get(1),
                row.get(2),
                row.get(3),
                row.get(4),
                row.get(5),
                row.get(6),
                row.get(7),
            )
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs PostgreSQL: set TENCENT_WEBHOOK_PG_URL, see scripts/postgres.sh"]
async fn every_authentic_webhook_is_an_inbox_row_or_a_dead_letter_exactly_once() {
    let database = TestDatabase::create(&server_url()).await;
    let url = ("DATABASE_URL", database.url.as_str());
    // Two replicas; the second answers every before-webhook with its
    // fallback, the deadline having passed.
    let receiver = Receiver::start("postgres", &[EVERY_KIND_ENV, &[url]].concat());
    let late = Receiver::start("postgres", &[LATE_ENV, &[url]].concat());
    let expected = Sender::new().deliver_every_kind(&receiver, &late).await;

    let client = connect(&database.url).await;
    let mut inbox: Vec<StoredRow> = inbox(&client)
        .await
        .into_iter()
        .map(|(_, _, command, query, body)| (command, query, body))
        .collect();
    inbox.sort();
    let mut letters = letters(&client).await;
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

    drop((receiver, late));
    drop(client);
    database.drop_now().await;
}
