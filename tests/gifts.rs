//! `examples/gifts.rs` as users run it, against a real SQLite file in a
//! temporary directory, over loopback: gifts paid from wallets with exact
//! books, under a deadline; room messages rejected, discarded or masked; every
//! answer in Tencent's bytes.
//!
//! The deadline tests hold the example at a point of its own choosing
//! (`TEST_GATE`: it connects to the test and waits until the test closes the
//! connection) or hold SQLite's lock, and wait on the example's answers and
//! log lines: no sleep stands in for "nothing happened later".
//!
//! `cargo test` builds the examples before it runs tests; run `cargo build
//! --example gifts` first when running this file alone.

mod receiver;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use http::StatusCode;
use receiver::{Receiver, Sender, GIFT, STEP};
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::{json, Value};
use tempfile::TempDir;
use tencent_live_webhook::testing::Answer;
use tencent_live_webhook::{
    BattleEnded, GiftSending, MessageSending, MessageSent, GIFT_SENDER_CODES, MESSAGE_SENDER_CODES,
};
use tokio::net::TcpListener;

const VIEWER: &str = "144115233775727695";
const OTHER_VIEWER: &str = "144115233775727696";

const ALLOW: &str = r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}"#;
/// The plain reject: the layer's fallback for a gift.
const REJECT: &str = r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":1}"#;
const NOT_ENOUGH_COINS: &str =
    r#"{"ActionStatus":"OK","ErrorInfo":"not enough coins","ErrorCode":102101}"#;
const NO_WALLET: &str = r#"{"ActionStatus":"OK","ErrorInfo":"no wallet","ErrorCode":102102}"#;
const OUT_OF_RANGE: &str =
    r#"{"ActionStatus":"OK","ErrorInfo":"gift value out of range","ErrorCode":102103}"#;
const BEING_DECIDED: &str =
    r#"{"ActionStatus":"OK","ErrorInfo":"this gift is being decided","ErrorCode":102104}"#;
const AGAINST_THE_RULES: &str =
    r#"{"ActionStatus":"OK","ErrorInfo":"this message breaks the room's rules","ErrorCode":10101}"#;
const DISCARD: &str = r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":2}"#;

/// How late after its deadline a fallback may come on a loaded 2-core machine.
const MARGIN: Duration = Duration::from_secs(5);

/// A temporary directory with the books' file in it.
struct Books {
    _dir: TempDir,
    path: PathBuf,
}

impl Books {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gifts.sqlite3");
        Self { _dir: dir, path }
    }

    /// The inbox rows, by command then in the order they were added: key,
    /// strength, command, body.
    fn inbox(&self) -> Vec<(Option<String>, String, String, Vec<u8>)> {
        let connection = Connection::open(self.path.with_file_name("gifts-inbox.sqlite3")).unwrap();
        connection.busy_timeout(STEP).unwrap();
        let mut statement = connection
            .prepare("SELECT key, strength, command, body FROM inbox ORDER BY command, id")
            .unwrap();
        let rows = statement
            .query_map([], |row| {
                Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
            })
            .unwrap()
            .map(Result::unwrap)
            .collect();
        rows
    }

    /// The dead letters, in the order kept: reason, command, body, truncated.
    fn letters(&self) -> Vec<(String, String, Vec<u8>, bool)> {
        let path = self.path.with_file_name("gifts-dead-letters.sqlite3");
        let connection = Connection::open(path).unwrap();
        connection.busy_timeout(STEP).unwrap();
        let mut statement = connection
            .prepare("SELECT reason, command, body, truncated FROM dead_letters ORDER BY id")
            .unwrap();
        let rows = statement
            .query_map([], |row| {
                Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
            })
            .unwrap()
            .map(Result::unwrap)
            .collect();
        rows
    }

    fn start(&self, env: &[(&str, &str)]) -> Receiver {
        let mut env = env.to_vec();
        env.push(("SQLITE_PATH", self.path.to_str().unwrap()));
        Receiver::start("gifts", &env)
    }

    /// A connection of the test's own to the same file.
    fn open(&self) -> Connection {
        let connection = Connection::open(&self.path).unwrap();
        connection.busy_timeout(STEP).unwrap();
        connection
    }

    fn balance(&self, account: &str) -> Option<i64> {
        self.open()
            .query_row(
                "SELECT coins FROM wallets WHERE account = ?1",
                params![account],
                |row| row.get(0),
            )
            .optional()
            .unwrap()
    }

    /// Every debit, in order: (account, amount).
    fn debits(&self) -> Vec<(String, i64)> {
        self.open()
            .prepare("SELECT account, amount FROM debits ORDER BY id")
            .unwrap()
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    }
}

fn debit(account: &str, amount: i64) -> (String, i64) {
    (account.to_owned(), amount)
}

/// Gift `n` from `from`: `count` gifts worth `coins` each, to the sample's
/// room owner, with a `Time` and an `EventTime` of its own.
fn gift(n: u64, from: &str, count: u64, coins: u64) -> GiftSending {
    let mut gift = GiftSending::sample();
    gift.operator_account = Some(from.to_owned());
    gift.gift_water.from_account = from.to_owned();
    gift.gift_water.count = Some(count);
    gift.gift_water.coins = Some(coins);
    gift.gift_water.time = Some(gift.gift_water.time() + n);
    gift.event_time_ms = gift.event_time_ms.map(|ms| ms + n * 1000);
    gift
}

/// Asserts that an answer is exactly `bytes`, with HTTP 200 and JSON.
#[track_caller]
fn assert_answer(answer: &Result<Answer, String>, bytes: &str) {
    let answer = answer.as_ref().unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(
        (answer.status, answer.content_type.as_deref()),
        (StatusCode::OK, Some("application/json")),
        "{answer:?}"
    );
    assert_eq!(String::from_utf8_lossy(&answer.body), bytes);
}

/// A listener the example's `TEST_GATE` connects to, and the env that says so.
async fn gate(at: &str) -> (TcpListener, String) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let env = format!("{at}@{}", listener.local_addr().unwrap());
    (listener, env)
}

/// Waits for the example to reach its gate; the connection holds it there
/// until dropped.
async fn held_at(gate: &TcpListener) -> tokio::net::TcpStream {
    tokio::time::timeout(STEP, gate.accept())
        .await
        .expect("the debit did not reach the test gate")
        .unwrap()
        .0
}

/// Delivers `gift` on a task of its own; the answer comes with how long it took.
fn deliver_in_background(
    sender: &Sender,
    receiver: &Receiver,
    gift: &GiftSending,
) -> tokio::task::JoinHandle<(Result<Answer, String>, Duration)> {
    let (sender, address, gift) = (sender.clone(), receiver.address(), gift.clone());
    tokio::spawn(async move {
        let started = Instant::now();
        let answer = sender.decide(address, &gift).await;
        (answer, started.elapsed())
    })
}

#[track_caller]
fn assert_within_deadline(took: Duration, deadline: Duration) {
    assert!(
        took >= deadline,
        "answered after {took:?}, before the deadline"
    );
    assert!(took < deadline + MARGIN, "answered after {took:?}");
}

// ----------------------------------------------------------------- gifts

#[tokio::test]
async fn decisions_are_tencents_bytes_and_the_books_follow_them() {
    let books = Books::new();
    let wallets = format!("{VIEWER}:1000,{OTHER_VIEWER}:40");
    let receiver = books.start(&[("WALLETS", &wallets)]);
    let sender = Sender::new();
    let address = receiver.address();

    // Three gifts worth 100 each: 300 debited, allowed.
    assert_answer(
        &sender.decide(address, &gift(1, VIEWER, 3, 100)).await,
        ALLOW,
    );
    assert_eq!(books.balance(VIEWER), Some(700));
    assert_eq!(books.debits(), [debit(VIEWER, 300)]);

    // 50 from a wallet of 40: rejected, with the reason for the sender.
    let short = sender.decide(address, &gift(2, OTHER_VIEWER, 1, 50)).await;
    assert_answer(&short, NOT_ENOUGH_COINS);
    assert_eq!(books.balance(OTHER_VIEWER), Some(40));
    // Exactly the balance is enough.
    let exact = sender.decide(address, &gift(3, OTHER_VIEWER, 2, 20)).await;
    assert_answer(&exact, ALLOW);
    assert_eq!(books.balance(OTHER_VIEWER), Some(0));

    // A sender without a wallet: rejected, and no wallet appears.
    let stranger = sender.decide(address, &gift(4, "stranger", 1, 1)).await;
    assert_answer(&stranger, NO_WALLET);
    assert_eq!(books.balance("stranger"), None);
    assert_eq!(
        books.debits(),
        [debit(VIEWER, 300), debit(OTHER_VIEWER, 40)]
    );

    // The codes are ones Tencent passes on to the sender.
    for bytes in [NOT_ENOUGH_COINS, NO_WALLET, OUT_OF_RANGE, BEING_DECIDED] {
        let code = serde_json::from_str::<Value>(bytes).unwrap()["ErrorCode"]
            .as_i64()
            .unwrap();
        assert!(GIFT_SENDER_CODES.contains(&code), "{bytes}");
    }
    let line = receiver.line_with(&["gift #1 ", "allowed"]).await;
    assert!(
        line.ends_with("300 coins debited (debit 1), balance 700"),
        "{line}"
    );
    receiver
        .line_with(&["gift #2 ", "rejected: not enough coins (40 < 50)"])
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hundred_concurrent_gifts_against_sixty_gifts_worth_of_coins_allow_sixty() {
    let books = Books::new();
    // A generous deadline: this test is about exactness, not speed.
    let wallets = format!("{VIEWER}:6000");
    let receiver = books.start(&[("WALLETS", &wallets), ("DEADLINE_MS", "30000")]);
    let sender = Sender::new();

    let deliveries: Vec<_> = (0..100)
        .map(|n| deliver_in_background(&sender, &receiver, &gift(n, VIEWER, 2, 50)))
        .collect();
    let (mut allowed, mut short) = (0, 0);
    for delivery in deliveries {
        let (answer, _) = delivery.await.unwrap();
        let answer = answer.unwrap_or_else(|error| panic!("unanswered: {error}"));
        assert_eq!(answer.status, StatusCode::OK, "{answer:?}");
        match std::str::from_utf8(&answer.body).unwrap() {
            ALLOW => allowed += 1,
            NOT_ENOUGH_COINS => short += 1,
            other => panic!("neither allowed nor short: {other}"),
        }
    }
    assert_eq!((allowed, short), (60, 40));
    assert_eq!(books.balance(VIEWER), Some(0));
    let debits = books.debits();
    assert_eq!(debits.len(), 60);
    assert!(debits.iter().all(|entry| *entry == debit(VIEWER, 100)));
    let lines = receiver
        .count_containing("allowed: 100 coins debited", 60)
        .await;
    assert_eq!(lines, 60);
    let lines = receiver
        .count_containing("rejected: not enough coins", 40)
        .await;
    assert_eq!(lines, 40);
}

#[tokio::test]
async fn an_overflowing_gift_is_rejected_and_nothing_is_debited() {
    let books = Books::new();
    let wallets = format!("{VIEWER}:1000");
    let receiver = books.start(&[("WALLETS", &wallets)]);
    let sender = Sender::new();

    for (n, (count, coins)) in [
        (u64::MAX, 2),      // over u64
        (1 << 32, 1 << 32), // over u64: 2^64, which wraps to 0
        (1 << 32, 1 << 31), // 2^63: fits u64, not SQLite's i64
        (u64::MAX, 1),      // u64::MAX itself
        (1 << 63, 0),       // a count past i64, for free
    ]
    .into_iter()
    .enumerate()
    {
        let answer = sender
            .decide(receiver.address(), &gift(n as u64, VIEWER, count, coins))
            .await;
        assert_answer(&answer, OUT_OF_RANGE);
    }
    assert_eq!(books.balance(VIEWER), Some(1000));
    assert_eq!(books.debits(), []);

    // The wallet itself pays: a gift that fits is debited.
    let fits = sender
        .decide(receiver.address(), &gift(9, VIEWER, 2, 500))
        .await;
    assert_answer(&fits, ALLOW);
    assert_eq!(books.balance(VIEWER), Some(0));
}

#[tokio::test]
async fn a_repeated_delivery_is_debited_once_when_event_time_tells_the_gift_apart() {
    let books = Books::new();
    let wallets = format!("{VIEWER}:1000");
    let receiver = books.start(&[("WALLETS", &wallets)]);
    let sender = Sender::new();

    // With EventTime: the same gift twice is paid once, and allowed twice.
    let told_apart = gift(1, VIEWER, 1, 100);
    assert!(told_apart.event_time_ms.is_some());
    for _ in 0..2 {
        assert_answer(&sender.decide(receiver.address(), &told_apart).await, ALLOW);
    }
    assert_eq!(books.balance(VIEWER), Some(900));
    assert_eq!(books.debits(), [debit(VIEWER, 100)]);
    receiver
        .line_with(&[
            "gift #2 ",
            "allowed: already paid (debit 1): nothing debited",
        ])
        .await;

    // Without EventTime, a second delivery cannot be told from a second gift
    // sent in the same second: each is paid.
    let mut alike = gift(2, VIEWER, 1, 100);
    alike.event_time_ms = None;
    for _ in 0..2 {
        assert_answer(&sender.decide(receiver.address(), &alike).await, ALLOW);
    }
    assert_eq!(books.balance(VIEWER), Some(700));
    assert_eq!(books.debits().len(), 3);
}

// -------------------------------------------------------- the deadline

#[tokio::test]
async fn a_store_locked_past_the_deadline_gets_the_fallback_and_debits_nothing() {
    let books = Books::new();
    let deadline = Duration::from_millis(500);
    let wallets = format!("{VIEWER}:1000");
    let receiver = books.start(&[("WALLETS", &wallets), ("DEADLINE_MS", "500")]);
    let sender = Sender::new();
    assert_answer(
        &sender
            .decide(receiver.address(), &gift(1, VIEWER, 1, 100))
            .await,
        ALLOW,
    );

    // Another writer holds the file past the deadline.
    let locker = books.open();
    locker.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let started = Instant::now();
    let answer = sender
        .decide(receiver.address(), &gift(2, VIEWER, 1, 100))
        .await;
    let took = started.elapsed();
    assert_answer(&answer, REJECT);
    assert_within_deadline(took, deadline);

    // The lock goes; the example's work on the gift ends and says so, after
    // which nothing of it can land.
    locker.execute_batch("COMMIT").unwrap();
    receiver
        .line_with(&["gift #2 from", "nothing debited"])
        .await;
    assert_eq!(books.balance(VIEWER), Some(900));
    assert_eq!(books.debits(), [debit(VIEWER, 100)]);
    // The gift answered with the fallback is a dead letter, whole.
    assert_eq!(receiver.count_containing(": kept", 1).await, 1);
    let body = serde_json::to_vec(&gift(2, VIEWER, 1, 100)).unwrap();
    let letter = (
        "deadline".to_owned(),
        GiftSending::COMMAND.to_owned(),
        body,
        false,
    );
    assert_eq!(books.letters(), [letter]);
    // And in the inbox too, as gift 1 is: the handler had its row.
    assert_eq!(receiver.count_containing(": in the inbox", 2).await, 2);
    let gifts: Vec<_> = books
        .inbox()
        .into_iter()
        .map(|(_, _, command, body)| (command, body))
        .collect();
    let body = |n| serde_json::to_vec(&gift(n, VIEWER, 1, 100)).unwrap();
    let command = GiftSending::COMMAND.to_owned();
    assert_eq!(gifts, [(command.clone(), body(1)), (command, body(2))]);

    // The store works again.
    assert_answer(
        &sender
            .decide(receiver.address(), &gift(3, VIEWER, 1, 100))
            .await,
        ALLOW,
    );
    assert_eq!(books.balance(VIEWER), Some(800));
}

#[tokio::test]
async fn a_commit_that_lands_after_the_fallback_is_undone() {
    let books = Books::new();
    let deadline = Duration::from_millis(2000);
    let (gate, at) = gate("before-commit").await;
    let wallets = format!("{VIEWER}:1000");
    let receiver = books.start(&[
        ("WALLETS", &wallets),
        ("DEADLINE_MS", "2000"),
        ("TEST_GATE", &at),
    ]);
    let sender = Sender::new();

    let delivery = deliver_in_background(&sender, &receiver, &gift(1, VIEWER, 1, 100));
    // Written, checked with time to spare, not committed yet.
    let held = held_at(&gate).await;
    assert_eq!(books.balance(VIEWER), Some(1000));
    let (answer, took) = delivery.await.unwrap();
    assert_answer(&answer, REJECT);
    assert_within_deadline(took, deadline);

    // Only now does the example commit: after the fallback was answered.
    drop(held);
    let line = receiver.line_with(&["gift #1 ", "undone"]).await;
    assert!(
        line.contains("committed, but the layer answered its fallback first: debit 1 of 100"),
        "{line}"
    );
    assert_eq!(books.balance(VIEWER), Some(1000));
    assert_eq!(books.debits(), []);
    assert_eq!(
        receiver.lines_containing("allowed"),
        0,
        "{}",
        receiver.log()
    );
}

#[tokio::test]
async fn a_debit_committed_but_not_answered_by_the_deadline_is_undone() {
    let books = Books::new();
    let deadline = Duration::from_millis(2000);
    let (gate, at) = gate("after-commit").await;
    let wallets = format!("{VIEWER}:1000");
    let receiver = books.start(&[
        ("WALLETS", &wallets),
        ("DEADLINE_MS", "2000"),
        ("TEST_GATE", &at),
    ]);
    let sender = Sender::new();
    let rocket = gift(1, VIEWER, 1, 100);

    let delivery = deliver_in_background(&sender, &receiver, &rocket);
    // Committed and handed over; the handler has not taken it.
    let held = held_at(&gate).await;
    assert_eq!(books.balance(VIEWER), Some(900));
    assert_eq!(books.debits(), [debit(VIEWER, 100)]);

    // The same gift again, meanwhile: its debit is not settled, so the
    // repeat is not allowed on the strength of it.
    let repeat = sender.decide(receiver.address(), &rocket).await;
    assert_answer(&repeat, BEING_DECIDED);

    let (answer, took) = delivery.await.unwrap();
    assert_answer(&answer, REJECT);
    assert_within_deadline(took, deadline);
    let line = receiver.line_with(&["gift #1 ", "undone"]).await;
    assert!(line.contains("debit 1 of 100 coins undone"), "{line}");
    assert_eq!(books.balance(VIEWER), Some(1000));
    assert_eq!(books.debits(), []);
    drop(held);

    // Undone, it is an unpaid gift: delivered again, it is paid.
    let again = deliver_in_background(&sender, &receiver, &rocket);
    drop(held_at(&gate).await);
    assert_answer(&again.await.unwrap().0, ALLOW);
    assert_eq!(books.balance(VIEWER), Some(900));
    assert_eq!(books.debits(), [debit(VIEWER, 100)]);
}

#[tokio::test]
async fn a_gift_without_time_to_commit_is_rejected_and_not_debited() {
    let books = Books::new();
    let wallets = format!("{VIEWER}:1000");
    // The margin is the whole deadline: no commit ever has time to spare.
    let receiver = books.start(&[
        ("WALLETS", &wallets),
        ("DEADLINE_MS", "5000"),
        ("COMMIT_MARGIN_MS", "5000"),
    ]);
    let sender = Sender::new();
    let started = Instant::now();
    let answer = sender
        .decide(receiver.address(), &gift(1, VIEWER, 1, 100))
        .await;
    // The example's own reject, before the layer's deadline.
    assert!(started.elapsed() < Duration::from_millis(5000));
    assert_answer(&answer, REJECT);
    receiver
        .line_with(&[
            "gift #1 ",
            "rejected: too close to the deadline to commit: nothing debited",
        ])
        .await;
    assert_eq!(books.balance(VIEWER), Some(1000));
    assert_eq!(books.debits(), []);
}

// -------------------------------------------------------------- messages

fn message(msg_id: &str, msg_body: Value) -> String {
    json!({
        "CallbackCommand": MessageSending::COMMAND,
        "GroupId": "pk-3",
        "Type": "Live",
        "From_Account": VIEWER,
        "Operator_Account": VIEWER,
        "Random": 7,
        "MsgId": msg_id,
        "MsgBody": msg_body,
        "CloudCustomData": "{\"nick\":\"viewer one\"}",
        "EventTime": 1739956060210_u64,
    })
    .to_string()
}

fn text(text: &str) -> Value {
    json!({"MsgType": "TIMTextElem", "MsgContent": {"Text": text}})
}

#[tokio::test]
async fn messages_are_rejected_discarded_or_masked_keeping_every_other_element() {
    let books = Books::new();
    let receiver = books.start(&[(
        "BLOCKED_WORDS",
        "reject:scam, drop:free coins, mask:damn, mask:heck",
    )]);
    let sender = Sender::new();
    let decide = |msg_id: &str, body: Value| {
        let (sender, address) = (sender.clone(), receiver.address());
        let body = message(msg_id, body);
        async move {
            sender
                .decide_raw(address, MessageSending::COMMAND, &body)
                .await
        }
    };
    assert!(MESSAGE_SENDER_CODES.contains(&10101));

    assert_answer(
        &decide("m-1", json!([text("this is not a SCAM, promise")])).await,
        AGAINST_THE_RULES,
    );
    // The strictest word wins, in any text element.
    assert_answer(
        &decide(
            "m-2",
            json!([text("damn"), text("free coins! it's a scam")]),
        )
        .await,
        AGAINST_THE_RULES,
    );
    assert_answer(
        &decide("m-3", json!([text("damn: FREE Coins at example.com")])).await,
        DISCARD,
    );
    assert_answer(&decide("m-4", json!([text("what a battle")])).await, ALLOW);
    // Only text is read: a word in another element is left alone.
    let custom_only = json!([{"MsgType": "TIMCustomElem", "MsgContent": {"Data": "scam"}}]);
    assert_answer(&decide("m-5", custom_only).await, ALLOW);

    // Masked: the words become stars, in the text only; every other element
    // and member is sent back as it came.
    let sent = json!([
        {"MsgType": "TIMTextElem", "MsgContent": {"Text": "Damn, what a HECK of a battle 💥 damn!", "Font": "bold"}},
        {"MsgType": "TIMCustomElem", "MsgContent": {"Data": "{\"level\":12}", "Desc": "CustomElement.MemberLevel", "Ext": "badge:silver", "Sound": "dingdong.aiff"}},
        {"MsgType": "TIMFaceElem", "MsgContent": {"Index": 3, "Data": "damn-face"}},
        text("good game"),
    ]);
    let masked = decide("m-6", sent.clone()).await;
    assert_answer(
        &masked,
        concat!(
            r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0,"MsgBody":["#,
            r#"{"MsgType":"TIMTextElem","MsgContent":{"Text":"****, what a **** of a battle 💥 ****!","Font":"bold"}},"#,
            r#"{"MsgType":"TIMCustomElem","MsgContent":{"Data":"{\"level\":12}","Desc":"CustomElement.MemberLevel","Ext":"badge:silver","Sound":"dingdong.aiff"}},"#,
            r#"{"MsgType":"TIMFaceElem","MsgContent":{"Index":3,"Data":"damn-face"}},"#,
            r#"{"MsgType":"TIMTextElem","MsgContent":{"Text":"good game"}}]}"#,
        ),
    );

    // Elements the crate does not type, and members it does not know, too:
    // the masked body equals the sent one but for the masked text.
    let sent = json!([
        {"MsgType": "TIMRelayElem", "MsgContent": {"Title": "damn history", "MsgNum": 2, "MsgList": [{"Text": "heck"}]}},
        {"MsgType": "TIMLocationElem", "MsgContent": {"Desc": "the arena", "Latitude": 22.5430960, "Longitude": 113.9339770}},
        {"MsgType": "TIMTextElem", "MsgContent": {"Text": "oh heck", "Emphasis": {"from": 3, "to": 7}}},
    ]);
    let masked = decide("m-7", sent.clone()).await.unwrap();
    assert_eq!(masked.status, StatusCode::OK);
    let masked = masked.json();
    let mut expected = sent;
    expected[2]["MsgContent"]["Text"] = json!("oh ****");
    assert_eq!(masked["MsgBody"], expected);
    assert_eq!(masked["ErrorCode"], 0);
    assert!(masked.get("CloudCustomData").is_none(), "{masked}");

    for (msg_id, outcome) in [
        ("m-1", "rejected"),
        ("m-3", "discarded"),
        ("m-4", "allowed"),
        ("m-6", "masked"),
    ] {
        let line = receiver.line_with(&[&format!("message {msg_id} ")]).await;
        assert!(line.ends_with(outcome), "{line}");
    }
}

#[tokio::test]
async fn every_other_command_is_acknowledged_ok() {
    let books = Books::new();
    let receiver = books.start(&[]);
    let sender = Sender::new();
    assert_answer(
        &sender
            .decide(receiver.address(), &BattleEnded::sample())
            .await,
        ALLOW,
    );
    assert_answer(
        &sender
            .decide(receiver.address(), &MessageSent::sample())
            .await,
        ALLOW,
    );
    receiver
        .line_with(&["Live.CallbackAfterEndBattle: acknowledged"])
        .await;
    // Nothing reached the books.
    assert_eq!(books.debits(), []);
}

#[tokio::test]
async fn every_webhook_is_kept_in_the_inbox_and_two_identical_gifts_are_two_rows() {
    let books = Books::new();
    let receiver = books.start(&[]);
    let sender = Sender::new();
    for _ in 0..2 {
        // Tencent's documented gift, from a viewer without a wallet.
        let gift = sender
            .decide_raw(receiver.address(), "Live.CallbackBeforeSendGift", GIFT)
            .await;
        assert_answer(&gift, NO_WALLET);
        let battle = sender
            .decide(receiver.address(), &BattleEnded::sample())
            .await;
        assert_answer(&battle, ALLOW);
    }
    // The gifts' rows come after their answers.
    let gifts = "inbox Live.CallbackBeforeSendGift (no key): in the inbox";
    assert_eq!(
        receiver.count_containing(gifts, 2).await,
        2,
        "{}",
        receiver.log()
    );
    let battle =
        "inbox Live.CallbackAfterEndBattle:4siHsNsWN/T3aub9zKraqPfGQAimPhdFoe6VWhtz9lY= (exact): ";
    receiver
        .line_with(&[battle, ": already in the inbox"])
        .await;

    let gift = (
        None,
        "none".to_owned(),
        "Live.CallbackBeforeSendGift".to_owned(),
        GIFT.as_bytes().to_vec(),
    );
    let rows = books.inbox();
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert_eq!(
        (&rows[0].0, rows[0].1.as_str(), rows[0].2.as_str()),
        (
            &Some(
                "Live.CallbackAfterEndBattle:4siHsNsWN/T3aub9zKraqPfGQAimPhdFoe6VWhtz9lY="
                    .to_owned()
            ),
            "exact",
            "Live.CallbackAfterEndBattle"
        )
    );
    assert_eq!(rows[1..], [gift.clone(), gift]);
    // Nothing reached the books.
    assert_eq!(books.debits(), []);
}
