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
use tencent_live_webhook::{Ack, BattleEnded, BattleRoom, EndReason};

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
/// without a key twice.
pub const TWICE: &[Twice] = &[
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

/// Tencent's documented gift: no id and no millisecond time. Two taps
/// within one second send it twice, and they are two gifts.
pub const GIFT: &str = r#"{"CallbackCommand":"Live.CallbackBeforeSendGift","Operator_Account":"brennanli","RoomId":"room_id","GiftWater":{"From_Account":"from","To_Account":["to1"],"Time":1703589922,"GiftId":"gift1","Count":1,"Coins":1000}}"#;

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
    /// Delivers every webhook of [`TWICE`] twice, one after the other (the
    /// first to the first receiver, the second to the last), and checks that
    /// each was answered OK (a before-webhook: allowed); returns once the
    /// receivers have logged both inbox writes of each (those of the
    /// before-webhooks come after their answers).
    pub async fn deliver_twice(&self, receivers: &[&Receiver]) {
        let log = || {
            let logs: Vec<_> = receivers.iter().map(|receiver| receiver.log()).collect();
            logs.join("\n")
        };
        for webhook in TWICE {
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
        for webhook in TWICE {
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
    for webhook in TWICE {
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
    assert_eq!(rows.len(), 7);
    assert_eq!(rows, expected);
}
