//! Shared by `tests/sqlite.rs` and `tests/postgres.rs`: the storage examples
//! run as the binaries users run, and battles delivered to them over loopback
//! as Tencent would, signed.
//!
//! `cargo test` builds the examples before it runs tests; run `cargo build
//! --examples` first when running one of these files alone.

#![allow(dead_code)] // each test file uses its own part

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{mpsc, Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use http::StatusCode;
use http_body_util::BodyExt;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use tencent_live_webhook::testing::WebhookRequest;
use tencent_live_webhook::{Ack, BattleEnded, BattleRoom, EndReason, IdempotencyKey};

pub const APP_ID: u64 = 1400000001;
pub const TOKEN: &str = "storage-test-token";
/// The longest any one step may take: a start, a request, a query.
pub const STEP: Duration = Duration::from_secs(15);
/// Tencent's budget for an answer.
pub const TENCENT_DEADLINE: Duration = Duration::from_secs(2);

/// A running example binary, killed when dropped.
pub struct Receiver {
    child: Child,
    address: SocketAddr,
    log: Arc<Mutex<Vec<String>>>,
}

impl Receiver {
    /// Starts `target/<profile>/examples/<name>` on a free port, signed
    /// webhooks required, with `env` on top.
    pub fn start(name: &str, env: &[(&str, &str)]) -> Self {
        Self::start_binary(&example_path(name), env, None)
    }

    /// Starts a copy of the example binary as another user: for tests that
    /// need file permissions to hold, which root ignores.
    pub fn start_as(binary: &Path, env: &[(&str, &str)], uid: u32) -> Self {
        Self::start_binary(binary, env, Some(uid))
    }

    fn start_binary(binary: &Path, env: &[(&str, &str)], uid: Option<u32>) -> Self {
        let mut command = Command::new(binary);
        command
            .env("PORT", "0")
            .env("SDKAPPID", APP_ID.to_string())
            .env("TOKEN", TOKEN)
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        if let Some(uid) = uid {
            use std::os::unix::process::CommandExt;
            command.uid(uid).gid(uid);
        }
        let mut child = command.spawn().unwrap_or_else(|error| {
            panic!(
                "could not start {} ({error}): run `cargo build --examples`",
                binary.display()
            )
        });

        // Every stderr line is kept; the listening line is also sent here.
        let log = Arc::new(Mutex::new(Vec::new()));
        let (sender, listening) = mpsc::channel();
        let stderr = child.stderr.take().unwrap();
        let lines = Arc::clone(&log);
        thread::spawn(move || {
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                if let Some((_, address)) = line.split_once("listening on http://") {
                    let _ = sender.send(address.split_whitespace().next().unwrap().to_owned());
                }
                lines.lock().unwrap().push(line);
            }
        });
        let address = match listening.recv_timeout(STEP) {
            Ok(address) => address.parse().unwrap(),
            Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                panic!(
                    "{} did not start listening:\n{}",
                    binary.display(),
                    log.lock().unwrap().join("\n")
                )
            }
        };
        Self {
            child,
            address,
            log,
        }
    }

    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// Kills the process at once (SIGKILL: no shutdown code runs).
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// How many stderr lines so far end with `suffix`.
    pub fn lines_ending_with(&self, suffix: &str) -> usize {
        let log = self.log.lock().unwrap();
        log.iter().filter(|line| line.ends_with(suffix)).count()
    }

    pub fn log(&self) -> String {
        self.log.lock().unwrap().join("\n")
    }

    /// Waits for a stderr line that contains `needle`, and panics with the log
    /// when none comes within [`STEP`].
    pub fn wait_for_line(&self, needle: &str) -> String {
        let started = Instant::now();
        loop {
            let log = self.log.lock().unwrap();
            if let Some(line) = log.iter().find(|line| line.contains(needle)) {
                return line.clone();
            }
            drop(log);
            if started.elapsed() > STEP {
                panic!("no line with {needle:?} within {STEP:?}:\n{}", self.log());
            }
            thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        self.kill();
    }
}

/// How many stderr lines of these receivers end with `suffix`, once there
/// are `count` (their lines are read on other threads), or after [`STEP`].
pub fn count_lines(receivers: &[&Receiver], suffix: &str, count: usize) -> usize {
    let started = Instant::now();
    loop {
        let seen = receivers
            .iter()
            .map(|receiver| receiver.lines_ending_with(suffix))
            .sum();
        if seen >= count || started.elapsed() > STEP {
            return seen;
        }
        thread::sleep(Duration::from_millis(10));
    }
}

pub fn example_path(name: &str) -> PathBuf {
    let mut path = std::env::current_exe().unwrap();
    path.pop(); // the test binary
    if path.ends_with("deps") {
        path.pop();
    }
    path.join("examples")
        .join(format!("{name}{}", std::env::consts::EXE_SUFFIX))
}

/// An HTTP client for many concurrent deliveries; clones share its pool.
#[derive(Clone)]
pub struct Sender {
    client: Client<HttpConnector, String>,
}

/// What a delivery got back: the HTTP status and the acknowledgement, or
/// why there was none.
pub type Answer = Result<(StatusCode, Ack), String>;

impl Sender {
    pub fn new() -> Self {
        Self {
            client: Client::builder(TokioExecutor::new()).build_http(),
        }
    }

    /// Delivers `battle` to a receiver as Tencent would, signed now.
    pub async fn deliver(&self, address: SocketAddr, battle: &BattleEnded) -> Answer {
        let request = WebhookRequest::new(battle)
            .uri(format!("http://{address}/tencent/callback"))
            .app_id(APP_ID)
            .token(TOKEN)
            .build();
        let exchange = async {
            let response = self
                .client
                .request(request)
                .await
                .map_err(|error| format!("request: {error:?}"))?;
            let status = response.status();
            let body = response
                .into_body()
                .collect()
                .await
                .map_err(|error| format!("answer: {error}"))?
                .to_bytes();
            let ack = serde_json::from_slice(&body).map_err(|error| {
                format!(
                    "HTTP {status}, not an ack ({error}): {}",
                    String::from_utf8_lossy(&body)
                )
            })?;
            Ok((status, ack))
        };
        tokio::time::timeout(STEP, exchange)
            .await
            .unwrap_or_else(|_| Err(format!("no answer within {STEP:?}")))
    }
}

/// Whether an answer is Tencent's OK: HTTP 200 and `ActionStatus` OK.
pub fn is_ok(answer: &Answer) -> bool {
    matches!(answer, Ok((StatusCode::OK, ack)) if ack.is_ok())
}

/// Whether an answer is the handler's failure: HTTP 500, FAIL, ErrorCode 4001.
pub fn is_handler_failure(answer: &Answer) -> bool {
    matches!(answer, Ok((StatusCode::INTERNAL_SERVER_ERROR, ack))
        if !ack.is_ok() && ack.error_code() == 4001)
}

/// Battle number `n`, distinct from every other: an id with base64's `/`,
/// `+` and `=`, owner accounts above 2^53 (near `u64::MAX`, every digit
/// must survive), and every third battle with a third room.
pub fn battle(n: u64) -> BattleEnded {
    let mut battle = BattleEnded::sample();
    battle.battle_id = format!("storage/{n:05}+test=");
    if n % 5 == 1 {
        // Tencent gave no `OpType`: stored as NULL, never guessed.
        battle.reason = EndReason::NotGiven;
    }
    battle.end_time = Some(battle.end_time() + n);
    battle.event_time_ms = Some(battle.event_time_ms() + n * 1000);
    let from_room = battle.from_room.as_mut().unwrap();
    from_room.score = Some(100 + n as i64);
    from_room.owner_account = Some((u64::MAX - n).to_string());
    let to_rooms = battle.to_rooms.as_mut().unwrap();
    to_rooms[0].score = Some(90 + (n as i64 % 20));
    to_rooms[0].owner_account = Some((u64::MAX - 1_000_000 - n).to_string());
    if n % 3 == 0 {
        to_rooms.push(BattleRoom::new(
            format!("pk-{n}-third"),
            -(n as i64),
            format!("@TIM#{n}"),
        ));
    }
    battle
}

/// The rows a stored battle should have in `battle_rooms`, in position order:
/// (room id, score, owner account).
pub fn room_rows(battle: &BattleEnded) -> Vec<(String, i64, String)> {
    battle
        .rooms()
        .map(|room| {
            (
                room.room_id().to_owned(),
                room.score(),
                room.owner_account().to_owned(),
            )
        })
        .collect()
}

/// Every delivery of `battles`, `copies` times each, in an order that mixes
/// them: no two neighbours carry the same battle.
pub fn interleaved(battles: &[BattleEnded], copies: usize) -> Vec<(usize, BattleEnded)> {
    let mut deliveries = Vec::new();
    for copy in 0..copies {
        for battle in battles {
            deliveries.push((copy, battle.clone()));
        }
    }
    deliveries
}

// ------------------------------------------ decisions (tests/gifts.rs)

impl Sender {
    /// Delivers any event to a receiver as Tencent would, signed now, and
    /// reads the answer as Tencent does: status, `Content-Type` and bytes.
    pub async fn decide<E>(
        &self,
        address: SocketAddr,
        event: &E,
    ) -> Result<tencent_live_webhook::testing::Answer, String>
    where
        E: tencent_live_webhook::WebhookEvent + serde::Serialize,
    {
        self.exchange(WebhookRequest::new(event), address).await
    }

    /// [`decide`](Self::decide) with a body of its own, sent as it is.
    pub async fn decide_raw(
        &self,
        address: SocketAddr,
        callback_command: &str,
        body: &str,
    ) -> Result<tencent_live_webhook::testing::Answer, String> {
        self.exchange(WebhookRequest::raw(callback_command, body), address)
            .await
    }

    async fn exchange(
        &self,
        webhook: WebhookRequest,
        address: SocketAddr,
    ) -> Result<tencent_live_webhook::testing::Answer, String> {
        let request = webhook
            .uri(format!("http://{address}/tencent/callback"))
            .app_id(APP_ID)
            .token(TOKEN)
            .build();
        self.send(request).await
    }

    /// Sends a request as it is, and reads the answer as Tencent does.
    pub async fn send(
        &self,
        request: http::Request<String>,
    ) -> Result<tencent_live_webhook::testing::Answer, String> {
        let exchange = async {
            let response = self
                .client
                .request(request)
                .await
                .map_err(|error| format!("request: {error:?}"))?;
            let status = response.status();
            let content_type = response
                .headers()
                .get(http::header::CONTENT_TYPE)
                .and_then(|value| value.to_str().ok())
                .map(str::to_owned);
            let body = response
                .into_body()
                .collect()
                .await
                .map_err(|error| format!("answer: {error}"))?
                .to_bytes();
            Ok(tencent_live_webhook::testing::Answer {
                status,
                content_type,
                body,
            })
        };
        tokio::time::timeout(STEP, exchange)
            .await
            .unwrap_or_else(|_| Err(format!("no answer within {STEP:?}")))
    }
}

impl Receiver {
    /// The first stderr line that contains every one of `needles`, waiting
    /// for it up to [`STEP`] (lines are read on another thread); panics with
    /// the log when none comes.
    pub async fn line_with(&self, needles: &[&str]) -> String {
        let started = Instant::now();
        loop {
            let found = self
                .log
                .lock()
                .unwrap()
                .iter()
                .find(|line| needles.iter().all(|needle| line.contains(needle)))
                .cloned();
            if let Some(line) = found {
                return line;
            }
            if started.elapsed() > STEP {
                panic!("no line with {needles:?} in:\n{}", self.log());
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    /// How many stderr lines so far contain `needle`.
    pub fn lines_containing(&self, needle: &str) -> usize {
        let log = self.log.lock().unwrap();
        log.iter().filter(|line| line.contains(needle)).count()
    }

    /// How many stderr lines contain `needle`, once there are `count`, or
    /// after [`STEP`].
    pub async fn count_containing(&self, needle: &str, count: usize) -> usize {
        let started = Instant::now();
        loop {
            let seen = self.lines_containing(needle);
            if seen >= count || started.elapsed() > STEP {
                return seen;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }
}

// ------------------------------------------------ the inbox (tests/sqlite.rs, tests/postgres.rs)

/// A webhook sent twice to a storage example, and what the inbox holds of it
/// afterwards: `rows` rows, each with this key and strength.
#[derive(Clone)]
pub struct Twice {
    pub command: &'static str,
    pub body: &'static str,
    /// The `IdempotencyKey`; each Probable digest computed with
    /// `printf '%s' BODY | sha256sum`.
    pub key: Option<&'static str>,
    pub strength: &'static str,
    pub rows: usize,
}

/// Several commands, each delivered twice: keyed ones stored once, the one
/// without a key twice. See [`twice`] for the whole list.
const TWICE: &[Twice] = &[
    Twice {
        command: "Live.CallbackAfterEndBattle",
        body: r#"{"CallbackCommand":"Live.CallbackAfterEndBattle","BattleId":"inbox/1+x=","Duration":30000,"CreateTime":1739956115,"StartTime":1739956115,"EndTime":1739956145,"OpType":0,"FromRoomInfo":{"RoomId":"pk-3","Score":2,"Owner_Account":144115245353757792},"ToRoomList":[{"RoomId":"pk-5","Score":1,"Owner_Account":"144115245442327522"}],"EventTime":1739956146119}"#,
        key: Some("Live.CallbackAfterEndBattle:inbox/1+x="),
        strength: "exact",
        rows: 1,
    },
    Twice {
        command: "Group.CallbackAfterSendMsg",
        body: r#"{"CallbackCommand":"Group.CallbackAfterSendMsg","GroupId":"@TGS#2J4SZEAEL","Type":"Live","From_Account":"jared","MsgId":"144115233406643804-1727580296-4026038328","MsgSeq":123,"MsgTime":1490686222,"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"red packet"}}],"EventTime":"1670574414123"}"#,
        key: Some("Group.CallbackAfterSendMsg:144115233406643804-1727580296-4026038328"),
        strength: "exact",
        rows: 1,
    },
    Twice {
        command: "Group.CallbackBeforeSendMsg",
        body: r#"{"CallbackCommand":"Group.CallbackBeforeSendMsg","GroupId":"@TGS#2J4SZEAEL","Type":"Live","From_Account":"jared","MsgId":"144115233406643804-1727580296-4026038329","MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"red packet"}}],"EventTime":"1670574414124"}"#,
        key: Some("Group.CallbackBeforeSendMsg:144115233406643804-1727580296-4026038329"),
        strength: "exact",
        rows: 1,
    },
    Twice {
        command: "Follow.CallbackAfterFollowAdd",
        body: r#"{"CallbackCommand":"Follow.CallbackAfterFollowAdd","From_Account":"UserID_001","FollowList":[{"To_Account":"UserID_002"},{"To_Account":"UserID_003"}],"EventTime":1702018343678}"#,
        key: Some("Follow.CallbackAfterFollowAdd:f5a11de86611e8bf5695b90c807448797d1975fce5c2a4f3f494785ef065fbaa"),
        strength: "probable",
        rows: 1,
    },
    Twice {
        command: "Group.CallbackAfterGroupDestroyed",
        body: r#"{"CallbackCommand":"Group.CallbackAfterGroupDestroyed","GroupId":"@TGS#2J4SZEAEL","Type":"Public","Owner_Account":"leckie","EventTime":1670574414123}"#,
        key: Some("Group.CallbackAfterGroupDestroyed:846c26211341e99f77350f2786244f145f79b2eca6247c4a7badfd1aad95c6e6"),
        strength: "probable",
        rows: 1,
    },
    Twice {
        // Tencent's English sample: no EventTime, and a room id is no event id.
        command: "Live.CallbackAfterCreateRoom",
        body: r#"{"CallbackCommand":"Live.CallbackAfterCreateRoom","Operator_Account":"admin","RoomInfo":{"RoomId":"tandy-test-rest","RoomName":"tandy-test-rest","RoomType":"Live","Owner_Account":"user3","MaxMemberCount":300,"CreateTime":1703589922}}"#,
        key: None,
        strength: "none",
        rows: 2,
    },
];

/// [`TWICE`], and a real capture of a room message from `tests/realworld/`
/// (no `MsgId`: the group, `MsgSeq` and `MsgTime` tell it apart). That folder
/// is left out of the crate's package: there, the capture is left out too.
pub fn twice() -> Vec<Twice> {
    let mut twice: Vec<Twice> = TWICE.iter().map(Twice::clone).collect();
    if let Some(body) = koa_message() {
        twice.push(Twice {
            command: "Group.CallbackAfterSendMsg",
            body,
            key: Some(
                "Group.CallbackAfterSendMsg:e6a954aa-2419-4743-b968-a971f8077bf1:4:1657612269",
            ),
            strength: "exact",
            rows: 1,
        });
    }
    twice
}

/// The koa capture of `Group.CallbackAfterSendMsg`, read once; `None` only
/// in the crate's package, which has no `tests/realworld/`.
fn koa_message() -> Option<&'static str> {
    static BODY: std::sync::OnceLock<Option<&'static str>> = std::sync::OnceLock::new();
    *BODY.get_or_init(|| {
        let tests = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
        let path = tests.join("realworld/live/Group.CallbackAfterSendMsg__koa-tms-ts__1.json");
        match std::fs::read_to_string(&path) {
            Ok(body) => Some(Box::leak(body.into_boxed_str())),
            // The repository has tests/realworld.rs, and must have the capture.
            Err(error) if tests.join("realworld.rs").exists() => {
                panic!("{}: {error}", path.display())
            }
            Err(_) => None,
        }
    })
}

/// Tencent's documented gift: no id and no millisecond time. Two taps
/// within one second send it twice, and they are two gifts.
pub const GIFT: &str = r#"{"CallbackCommand":"Live.CallbackBeforeSendGift","Operator_Account":"brennanli","RoomId":"room_id","GiftWater":{"From_Account":"from","To_Account":["to1"],"Time":1703589922,"GiftId":"gift1","Count":1,"Coins":1000}}"#;

/// Sends [`GIFT`] twice to an example that allows every gift, checks both
/// answers, and waits for its two inbox rows (no key: two gifts) in its log.
pub async fn send_two_identical_gifts(receiver: &Receiver) {
    let sender = Sender::new();
    for tap in ["first", "second"] {
        let answer = sender
            .decide_raw(receiver.address(), "Live.CallbackBeforeSendGift", GIFT)
            .await
            .unwrap();
        // Allowed: the storage examples make no decisions.
        assert_eq!(
            (answer.status, answer.error_code()),
            (http::StatusCode::OK, 0),
            "{tap}: {answer:?}"
        );
    }
    let label = "inbox Live.CallbackBeforeSendGift (no key): in the inbox";
    assert_eq!(
        receiver.count_containing(label, 2).await,
        2,
        "{}",
        receiver.log()
    );
}

/// The query the inbox keeps of a webhook `WebhookRequest::raw` sent: all
/// but `Sign` and `RequestTime`.
pub fn stored_query(command: &str) -> String {
    format!(
        "SdkAppid={APP_ID}&CallbackCommand={command}&contenttype=json&ClientIP=127.0.0.1&OptPlatform=RESTAPI"
    )
}

/// The label the example logs for a webhook's inbox row.
fn inbox_label(webhook: &Twice) -> String {
    match webhook.key {
        Some(key) => format!("inbox {key} ({})", webhook.strength),
        None => format!("inbox {} (no key)", webhook.command),
    }
}

impl Sender {
    /// Delivers every webhook of [`twice`] twice, one after the other (the
    /// first to the first receiver, the second to the last), and checks that
    /// each was answered OK (a before-webhook: allowed); returns once the
    /// receivers have logged both inbox writes of each (those of the
    /// before-webhooks come after their answers).
    pub async fn deliver_twice(&self, receivers: &[&Receiver]) {
        let log = || {
            let logs: Vec<_> = receivers.iter().map(|receiver| receiver.log()).collect();
            logs.join("\n")
        };
        let webhooks = twice();
        for webhook in &webhooks {
            for (delivery, receiver) in [
                ("first", receivers[0]),
                ("second", receivers[receivers.len() - 1]),
            ] {
                let answer = self
                    .decide_raw(receiver.address(), webhook.command, webhook.body)
                    .await
                    .unwrap_or_else(|error| panic!("{}: {error}", webhook.command));
                assert_eq!(
                    (answer.status, answer.error_code()),
                    (StatusCode::OK, 0),
                    "{} ({delivery}): {answer:?}\n{}",
                    webhook.command,
                    log()
                );
            }
        }
        for webhook in &webhooks {
            let label = inbox_label(webhook);
            let started = Instant::now();
            let seen = loop {
                let seen: usize = receivers
                    .iter()
                    .map(|receiver| receiver.lines_containing(&label))
                    .sum();
                if seen >= 2 || started.elapsed() > STEP {
                    break seen;
                }
                tokio::time::sleep(Duration::from_millis(10)).await;
            };
            assert_eq!(seen, 2, "{label}:\n{}", log());
        }
    }
}

/// An inbox row as the tests read it back: key, strength, command, query, body.
pub type InboxRow = (Option<String>, String, String, String, Vec<u8>);

/// Checks the inbox after [`Sender::deliver_twice`]: the rows of each
/// webhook, each with its key, strength, command, query and body.
pub fn assert_inbox_after_twice(rows: &[InboxRow]) {
    let mut expected = Vec::new();
    let webhooks = twice();
    for webhook in &webhooks {
        for _ in 0..webhook.rows {
            expected.push((
                webhook.key.map(str::to_owned),
                webhook.strength.to_owned(),
                webhook.command.to_owned(),
                stored_query(webhook.command),
                webhook.body.as_bytes().to_vec(),
            ));
        }
    }
    let mut rows = rows.to_vec();
    rows.sort();
    expected.sort();
    // 7, and the real capture's row in the repository.
    let count = if koa_message().is_some() { 8 } else { 7 };
    assert_eq!(rows.len(), count);
    assert_eq!(rows, expected);
}

// ------------------------------------- every kind, counted (tests/sqlite.rs, tests/postgres.rs)

/// The body limit of the receivers [`Sender::deliver_every_kind`] sends to.
pub const EVERY_KIND_LIMIT: usize = 4096;

/// The environment of the first receiver of [`Sender::deliver_every_kind`].
pub const EVERY_KIND_ENV: &[(&str, &str)] =
    &[("BODY_LIMIT", "4096"), ("STORE_DEADLINE_MS", "10000")];

/// The environment of its second receiver: every before-webhook is past its
/// deadline when it is decoded, so it gets its fallback without the handler.
pub const LATE_ENV: &[(&str, &str)] = &[
    ("BODY_LIMIT", "4096"),
    ("STORE_DEADLINE_MS", "10000"),
    ("DEADLINE_MS", "0"),
];

/// How many times each kind of refused webhook is sent, each time with a
/// body of its own.
pub const ROUNDS: usize = 3;

/// An inbox row as the every-kind test reads it back: command, query, body.
pub type StoredRow = (String, String, Vec<u8>);

/// A dead letter as the tests read it back: reason, error code, command,
/// query, body, truncated, key, strength.
pub type LetterRow = (
    String,
    Option<i64>,
    String,
    String,
    Vec<u8>,
    bool,
    Option<String>,
    String,
);

/// What the storage holds after [`Sender::deliver_every_kind`]: an inbox
/// row for each webhook the layer accepted, a dead letter for each it
/// refused after authentication; together, every authentic webhook sent.
#[derive(Debug, Default)]
pub struct EveryKind {
    /// Authentic webhooks sent.
    pub sent: usize,
    /// Unauthentic ones sent (a wrong token or app id): stored nowhere.
    pub forged: usize,
    pub inbox: Vec<StoredRow>,
    pub letters: Vec<LetterRow>,
}

/// How a delivery goes out.
enum Framing {
    /// Signed with this token, for this app id; the query given
    /// `CallbackCommand` twice when `repeated`.
    Signed {
        app_id: u64,
        token: &'static str,
        repeated: bool,
    },
    /// `Content-Length` of the body, and no byte of it sent.
    Declared,
    /// `Transfer-Encoding: chunked`, the body in one chunk, never ended: the
    /// layer stops reading at its limit, and when it answers, every byte
    /// sent has been read, so that closing does not reset the connection
    /// before the answer is read.
    Chunked,
}

/// What a delivery should leave behind.
enum Outcome {
    Inbox,
    /// A letter with this reason and code, and the whole body, or only its
    /// first `kept` bytes (truncated).
    Letter {
        reason: &'static str,
        code: Option<i64>,
        kept: Option<usize>,
    },
    Nothing,
}

struct Delivery {
    late: bool,
    command: String,
    body: Vec<u8>,
    framing: Framing,
    /// The status and `ErrorCode` Tencent gets.
    answer: (u16, i64),
    outcome: Outcome,
}

impl Delivery {
    fn new(command: &str, body: impl Into<Vec<u8>>, answer: (u16, i64), outcome: Outcome) -> Self {
        Self {
            late: false,
            command: command.to_owned(),
            body: body.into(),
            framing: Framing::Signed {
                app_id: APP_ID,
                token: TOKEN,
                repeated: false,
            },
            answer,
            outcome,
        }
    }

    fn framing(self, framing: Framing) -> Self {
        Self { framing, ..self }
    }

    fn late(self) -> Self {
        Self { late: true, ..self }
    }
}

fn refused(code: i64, kept: Option<usize>) -> Outcome {
    Outcome::Letter {
        reason: "refused",
        code: Some(code),
        kept,
    }
}

/// Every kind of webhook, each with a body of its own.
fn every_kind() -> Vec<Delivery> {
    use tencent_live_webhook::testing::fixtures::DOCUMENTED;
    const BATTLE: &str = "Live.CallbackAfterEndBattle";
    const GIFT_COMMAND: &str = "Live.CallbackBeforeSendGift";
    const MESSAGE: &str = "Group.CallbackBeforeSendMsg";
    const C2C: &str = "C2C.CallbackAfterSendMsg";
    let mut deliveries = Vec::new();
    // Accepted: every command of the table, as documented (allowed, for the
    // two before-webhooks: the example makes no decisions).
    for (command, body) in DOCUMENTED {
        deliveries.push(Delivery::new(command, *body, (200, 0), Outcome::Inbox));
    }
    let limit = EVERY_KIND_LIMIT;
    for r in 0..ROUNDS {
        // Accepted: commands outside the table (`.receive_unknown()`), an
        // after-webhook of them to either receiver.
        let c2c = format!(
            r#"{{"CallbackCommand":"C2C.CallbackAfterSendMsg","From_Account":"a-{r}","To_Account":"b","MsgSeq":{r},"MsgRandom":7,"MsgTime":1702018343,"MsgKey":"every-kind-{r}","MsgBody":[],"EventTime":1702018343{r:03}}}"#
        );
        let c2c = Delivery::new(C2C, c2c, (200, 0), Outcome::Inbox);
        deliveries.push(if r % 2 == 1 { c2c.late() } else { c2c });
        let join = format!(
            r#"{{"CallbackCommand":"Group.CallbackBeforeApplyJoinGroup","GroupId":"@TGS#every-{r}","Type":"Public","Requestor_Account":"viewer-{r}"}}"#
        );
        deliveries.push(Delivery::new(
            "Group.CallbackBeforeApplyJoinGroup",
            join,
            (200, 0),
            Outcome::Inbox,
        ));
        let state = format!(
            r#"{{"CallbackCommand":"State.StateChange","Info":{{"Action":"Login","To_Account":"viewer-{r}","Reason":"Register"}},"EventTime":1702018344{r:03}}}"#
        );
        deliveries.push(Delivery::new(
            "State.StateChange",
            state,
            (200, 0),
            Outcome::Inbox,
        ));

        // Refused after authentication: dead letters.
        let text = format!("not JSON, round {r}");
        deliveries.push(Delivery::new(
            BATTLE,
            text,
            (400, 3004),
            refused(3004, None),
        ));
        let text = format!("a gift, not JSON, round {r}");
        deliveries.push(Delivery::new(
            GIFT_COMMAND,
            text,
            (200, 1),
            refused(3004, None),
        ));
        let text = format!("a message outside the table, not JSON, round {r}");
        deliveries.push(Delivery::new(C2C, text, (400, 3004), refused(3004, None)));
        let not_event = format!(r#"{{"CallbackCommand":"{BATTLE}","Duration":{r}}}"#);
        deliveries.push(Delivery::new(
            BATTLE,
            not_event,
            (400, 3005),
            refused(3005, None),
        ));
        let not_event = format!(r#"{{"CallbackCommand":"{MESSAGE}","From_Account":"round-{r}"}}"#);
        deliveries.push(Delivery::new(
            MESSAGE,
            not_event,
            (200, 0),
            refused(3005, None),
        ));
        let other = format!(r#"{{"CallbackCommand":"{BATTLE}","BattleId":"mismatch-{r}"}}"#);
        deliveries.push(Delivery::new(
            "Live.CallbackAfterStartBattle",
            other,
            (400, 3006),
            refused(3006, None),
        ));
        let repeated = Framing::Signed {
            app_id: APP_ID,
            token: TOKEN,
            repeated: true,
        };
        let follow = format!(
            r#"{{"CallbackCommand":"Follow.CallbackAfterFollowAdd","From_Account":"repeat-{r}","FollowList":[{{"To_Account":"x"}}],"EventTime":1702018345{r:03}}}"#
        );
        deliveries.push(
            Delivery::new(
                "Follow.CallbackAfterFollowAdd",
                follow,
                (400, 3001),
                refused(3001, None),
            )
            .framing(repeated),
        );
        let repeated = Framing::Signed {
            app_id: APP_ID,
            token: TOKEN,
            repeated: true,
        };
        deliveries.push(
            Delivery::new(
                GIFT_COMMAND,
                gift(&format!("repeat-{r}")),
                (200, 1),
                refused(3001, None),
            )
            .framing(repeated),
        );
        let padding = "x".repeat(limit + r);
        let over = format!(
            r#"{{"CallbackCommand":"{BATTLE}","BattleId":"declared-{r}","Pad":"{padding}"}}"#
        );
        deliveries.push(
            Delivery::new(BATTLE, over, (413, 3002), refused(3002, Some(0)))
                .framing(Framing::Declared),
        );
        let over = format!(
            r#"{{"CallbackCommand":"{BATTLE}","BattleId":"stream-{r}","Pad":"{padding}"}}"#
        );
        deliveries.push(
            Delivery::new(BATTLE, over, (413, 3002), refused(3002, Some(limit)))
                .framing(Framing::Chunked),
        );
        let deadline = Outcome::Letter {
            reason: "deadline",
            code: None,
            kept: None,
        };
        deliveries.push(
            Delivery::new(GIFT_COMMAND, gift(&format!("late-{r}")), (200, 1), deadline).late(),
        );
        let message = format!(
            r#"{{"CallbackCommand":"{MESSAGE}","GroupId":"@TGS#late-{r}","Type":"Live","From_Account":"jared","MsgBody":[{{"MsgType":"TIMTextElem","MsgContent":{{"Text":"late {r}"}}}}]}}"#
        );
        let deadline = Outcome::Letter {
            reason: "deadline",
            code: None,
            kept: None,
        };
        deliveries.push(Delivery::new(MESSAGE, message, (200, 0), deadline).late());

        // Not Tencent's: refused before authentication, kept nowhere.
        let battle = format!(r#"{{"CallbackCommand":"{BATTLE}","BattleId":"forged-{r}"}}"#);
        let forged = Framing::Signed {
            app_id: APP_ID,
            token: "a-wrong-token",
            repeated: false,
        };
        deliveries.push(
            Delivery::new(BATTLE, battle.clone(), (401, 2004), Outcome::Nothing).framing(forged),
        );
        let other_app = Framing::Signed {
            app_id: APP_ID + 1,
            token: TOKEN,
            repeated: false,
        };
        deliveries
            .push(Delivery::new(BATTLE, battle, (403, 1003), Outcome::Nothing).framing(other_app));
    }
    deliveries
}

/// A gift whose `GiftId` is `gift_id`.
fn gift(gift_id: &str) -> String {
    format!(
        r#"{{"CallbackCommand":"Live.CallbackBeforeSendGift","Operator_Account":"viewer-1","RoomId":"pk-3","GiftWater":{{"From_Account":"viewer-1","To_Account":["144115245353757792"],"Time":1739956050,"GiftId":"{gift_id}","Count":2,"Coins":10}}}}"#
    )
}

impl Sender {
    /// Sends every kind of webhook at once, to `receiver` (run with
    /// [`EVERY_KIND_ENV`]) and `late` (run with [`LATE_ENV`]), on the same
    /// storage; checks each answer, waits until the receivers have logged
    /// every inbox row and every letter, and returns what the storage should
    /// hold.
    pub async fn deliver_every_kind(&self, receiver: &Receiver, late: &Receiver) -> EveryKind {
        let mut expected = EveryKind::default();
        let mut sent = Vec::new();
        for delivery in every_kind() {
            let address = match delivery.late {
                true => late.address(),
                false => receiver.address(),
            };
            let query = stored_query(&delivery.command);
            let query = match &delivery.framing {
                Framing::Signed { repeated: true, .. } => {
                    format!("CallbackCommand={}&{query}", delivery.command)
                }
                _ => query,
            };
            match delivery.outcome {
                Outcome::Inbox => {
                    expected.sent += 1;
                    expected
                        .inbox
                        .push((delivery.command.clone(), query, delivery.body.clone()));
                }
                Outcome::Letter { reason, code, kept } => {
                    expected.sent += 1;
                    let body = delivery.body[..kept.unwrap_or(delivery.body.len())].to_vec();
                    let key = IdempotencyKey::new(&delivery.command, &body);
                    expected.letters.push((
                        reason.to_owned(),
                        code,
                        delivery.command.clone(),
                        query,
                        body,
                        kept.is_some(),
                        key.as_str().map(str::to_owned),
                        key.strength().as_str().to_owned(),
                    ));
                }
                Outcome::Nothing => expected.forged += 1,
            }
            let sender = self.clone();
            sent.push(tokio::spawn(async move {
                let answer = sender.deliver_framed(address, &delivery).await;
                (delivery.command, delivery.answer, answer)
            }));
        }
        for delivery in sent {
            let (command, expected, answer) = delivery.await.unwrap();
            assert_eq!(
                answer,
                Ok(expected),
                "{command}:\n{}\n{}",
                receiver.log(),
                late.log()
            );
        }
        let receivers = [receiver, late];
        let inbox = expected.inbox.len();
        assert_eq!(count_lines(&receivers, ": in the inbox", inbox), inbox);
        let letters = expected.letters.len();
        assert_eq!(count_lines(&receivers, ": kept", letters), letters);
        expected.inbox.sort();
        expected.letters.sort();
        expected
    }

    /// Sends one delivery as it says; returns the status and `ErrorCode`.
    async fn deliver_framed(
        &self,
        address: SocketAddr,
        delivery: &Delivery,
    ) -> Result<(u16, i64), String> {
        let body = String::from_utf8(delivery.body.clone()).unwrap();
        let signed = WebhookRequest::raw(&delivery.command, body)
            .app_id(APP_ID)
            .token(TOKEN);
        match delivery.framing {
            Framing::Signed {
                app_id,
                token,
                repeated,
            } => {
                let path = match repeated {
                    true => format!("/tencent/callback?CallbackCommand={}", delivery.command),
                    false => "/tencent/callback".to_owned(),
                };
                let request = signed
                    .uri(format!("http://{address}{path}"))
                    .app_id(app_id)
                    .token(token)
                    .build();
                let answer = self.send(request).await?;
                Ok((answer.status.as_u16(), answer.error_code()))
            }
            Framing::Declared => {
                let framing = format!("Content-Length: {}\r\n", delivery.body.len());
                send_head(address, &signed.query(), &framing, b"").await
            }
            Framing::Chunked => {
                let mut chunk = format!("{:x}\r\n", delivery.body.len()).into_bytes();
                chunk.extend_from_slice(&delivery.body);
                send_head(
                    address,
                    &signed.query(),
                    "Transfer-Encoding: chunked\r\n",
                    &chunk,
                )
                .await
            }
        }
    }
}

/// A webhook written by hand over a connection of its own: the head with
/// `framing`, then `then`; returns the answer's status and `ErrorCode`.
async fn send_head(
    address: SocketAddr,
    query: &str,
    framing: &str,
    then: &[u8],
) -> Result<(u16, i64), String> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut request = format!(
        "POST /tencent/callback?{query} HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\n{framing}\r\n"
    )
    .into_bytes();
    request.extend_from_slice(then);
    let exchange = async {
        let mut stream = tokio::net::TcpStream::connect(address)
            .await
            .map_err(|error| format!("connect: {error}"))?;
        stream
            .write_all(&request)
            .await
            .map_err(|error| format!("write: {error}"))?;
        // The answer: its head, then as many bytes as its Content-Length.
        let mut answer = Vec::new();
        loop {
            if let Some(end) = answer.windows(4).position(|window| window == b"\r\n\r\n") {
                let head = String::from_utf8_lossy(&answer[..end]).to_ascii_lowercase();
                let length: usize = head
                    .lines()
                    .find_map(|line| line.strip_prefix("content-length:"))
                    .ok_or_else(|| format!("no Content-Length in {head}"))?
                    .trim()
                    .parse()
                    .map_err(|error| format!("Content-Length: {error}"))?;
                if answer.len() >= end + 4 + length {
                    let status = head[9..12].parse().map_err(|_| format!("status: {head}"))?;
                    let json: serde_json::Value = serde_json::from_slice(&answer[end + 4..])
                        .map_err(|error| format!("not JSON: {error}"))?;
                    return Ok((status, json["ErrorCode"].as_i64().unwrap_or(-1)));
                }
            }
            let mut buffer = [0; 4096];
            let read = stream
                .read(&mut buffer)
                .await
                .map_err(|error| format!("read: {error}"))?;
            if read == 0 {
                return Err(format!(
                    "closed after {:?}",
                    String::from_utf8_lossy(&answer)
                ));
            }
            answer.extend_from_slice(&buffer[..read]);
        }
    };
    tokio::time::timeout(STEP, exchange)
        .await
        .unwrap_or_else(|_| Err(format!("no answer within {STEP:?}")))
}
