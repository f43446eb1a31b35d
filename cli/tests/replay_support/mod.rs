//! What the replay tests share: stored rows built from the crate's samples,
//! a recording receiver on 127.0.0.1, and the binary run with a timeout.

#![allow(dead_code)] // each test file uses its own part

use std::collections::HashSet;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::path::Path;
use std::process::Output;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use sha2::{Digest, Sha256};
use tencent_live_webhook::testing::WebhookRequest;
use tencent_live_webhook::{IdempotencyKey, TencentEvent};
use tokio::net::TcpListener;

/// Every wait of these tests, at most.
pub const STEP: Duration = Duration::from_secs(60);

/// The token the tests sign with.
pub const TOKEN: &str = "replay-test-token";

/// The app id of the stored queries.
pub const APP_ID: u64 = 1400000001;

pub const SQLITE_INBOX: &str = include_str!("../../../schema/sqlite/inbox.sql");
pub const SQLITE_DEAD_LETTERS: &str = include_str!("../../../schema/sqlite/dead_letters.sql");
pub const POSTGRES_INBOX: &str = include_str!("../../../schema/postgres/inbox.sql");
pub const POSTGRES_DEAD_LETTERS: &str = include_str!("../../../schema/postgres/dead_letters.sql");

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

/// A SQLite file with both tables, holding `inbox` and `dead_letters`.
pub fn sqlite_store(path: &Path, inbox: &[Row], dead_letters: &[Row]) {
    let connection = rusqlite::Connection::open(path).unwrap();
    connection.execute_batch(SQLITE_INBOX).unwrap();
    connection.execute_batch(SQLITE_DEAD_LETTERS).unwrap();
    for row in inbox {
        let inserted = connection
            .execute(
                "INSERT INTO inbox (key, strength, command, query, body, received_at_ms)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
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
                "INSERT INTO dead_letters (reason, error_code, detail, command, query, body,
                     truncated, key, strength, received_at_ms)
                 VALUES ('failed', NULL, 'the handler failed', ?1, ?2, ?3, ?4, ?5, ?6, ?7)",
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

/// One request as the receiver got it.
#[derive(Clone, Debug)]
pub struct Received {
    pub path: String,
    pub query: String,
    pub body: Bytes,
}

impl Received {
    /// The `CallbackCommand` of its query.
    pub fn command(&self) -> String {
        form_pairs(&self.query)
            .into_iter()
            .find(|(name, _)| name == "CallbackCommand")
            .map(|(_, value)| value)
            .unwrap_or_default()
    }
}

/// A receiver on 127.0.0.1 that records every request and answers an
/// acknowledgement: OK, or FAIL for the commands it is told to fail.
pub struct Receiver {
    pub url: String,
    received: Arc<Mutex<Vec<Received>>>,
    fail: Arc<Mutex<HashSet<String>>>,
    task: tokio::task::JoinHandle<()>,
}

impl Receiver {
    pub async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address: SocketAddr = listener.local_addr().unwrap();
        let received = Arc::new(Mutex::new(Vec::new()));
        let fail = Arc::new(Mutex::new(HashSet::new()));
        let (log, failing) = (Arc::clone(&received), Arc::clone(&fail));
        let task = tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    return;
                };
                let (log, failing) = (Arc::clone(&log), Arc::clone(&failing));
                tokio::spawn(async move {
                    let service = service_fn(move |request: Request<Incoming>| {
                        let (log, failing) = (Arc::clone(&log), Arc::clone(&failing));
                        async move { Ok::<_, Infallible>(answer(request, &log, &failing).await) }
                    });
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        Self {
            url: format!("http://{address}/tencent/callback"),
            received,
            fail,
            task,
        }
    }

    /// Answers FAIL to every webhook of `command` from now on.
    pub fn fail(&self, command: &str) {
        self.fail.lock().unwrap().insert(command.to_owned());
    }

    /// Every request so far, in the order they arrived.
    pub fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn answer(
    request: Request<Incoming>,
    log: &Mutex<Vec<Received>>,
    failing: &Mutex<HashSet<String>>,
) -> Response<Full<Bytes>> {
    let path = request.uri().path().to_owned();
    let query = request.uri().query().unwrap_or_default().to_owned();
    let body = match request.into_body().collect().await {
        Ok(body) => body.to_bytes(),
        Err(_) => Bytes::new(),
    };
    let received = Received { path, query, body };
    let fails = failing.lock().unwrap().contains(&received.command());
    log.lock().unwrap().push(received);
    let json = if fails {
        r#"{"ActionStatus":"FAIL","ErrorCode":1,"ErrorInfo":"told to fail"}"#
    } else {
        r#"{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""}"#
    };
    Response::builder()
        .header("content-type", "application/json")
        .body(Full::new(Bytes::from_static(json.as_bytes())))
        .unwrap()
}

/// The query's pairs, decoded, in order.
pub fn form_pairs(query: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(query.as_bytes())
        .map(|(name, value)| (name.into_owned(), value.into_owned()))
        .collect()
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
    let expected = hex::encode(Sha256::digest(format!("{TOKEN}{time}").as_bytes()));
    assert_eq!(sign, expected, "Sign is sha256(token + RequestTime)");
}

pub fn now_seconds() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// The binary's output, with the exit code.
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// The `N` of stdout's `N rows matched ...` line.
    pub fn matched(&self) -> u64 {
        let line = self
            .stdout
            .lines()
            .find(|line| line.contains(" matched in "))
            .unwrap_or_else(|| panic!("no 'matched' line in:\n{}", self.stdout));
        line.split(' ').next().unwrap().parse().unwrap()
    }
}

/// Runs `tencent-webhook` with `args`, the token in its environment (or
/// none), killed when it takes longer than [`STEP`].
pub async fn tencent_webhook(args: &[&str], token: Option<&str>) -> Run {
    let mut command = tokio::process::Command::new(env!("CARGO_BIN_EXE_tencent-webhook"));
    command
        .args(args)
        .env_remove("TENCENT_WEBHOOK_TOKEN")
        .kill_on_drop(true)
        .stdin(std::process::Stdio::null());
    if let Some(token) = token {
        command.env("TENCENT_WEBHOOK_TOKEN", token);
    }
    let output: Output = tokio::time::timeout(STEP, command.output())
        .await
        .unwrap_or_else(|_| panic!("tencent-webhook {args:?} ran longer than {STEP:?}"))
        .unwrap();
    Run {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}
