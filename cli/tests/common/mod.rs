//! What the CLI's tests share: the binary cargo built, run to its end
//! ([`tool`], [`tool_async`]) or kept running as `listen` ([`Listener`], on a
//! port the OS chose, read from its `listening on` line, killed when
//! dropped), a plain HTTP/1.1 client over loopback, and SQLite counts;
//! [`receiver`] is a receiver inside the test that records what it is sent,
//! and [`replay`] what the replay tests store and check. Every wait has a
//! timeout.
#![allow(dead_code)] // each test file uses its part

pub mod receiver;
pub mod replay;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Output, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::thread;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde_json::Value;
use sha2::{Digest, Sha256};
use tencent_live_webhook::testing::fixtures::{APP_ID, OK_ACK};
use tencent_live_webhook::testing::WebhookRequest;
use tencent_live_webhook::TencentEvent;

pub const BIN: &str = env!("CARGO_BIN_EXE_tencent-webhook");
pub const PATH: &str = "/tencent/callback";
/// The token the tests sign with, and give the binary.
pub const TOKEN: &str = "cli-test-token";
/// The longest any one wait may take.
pub const WAIT: Duration = Duration::from_secs(60);

/// `tencent-webhook <args>`, with `token` in $TENCENT_WEBHOOK_TOKEN (and no
/// token otherwise) and nothing on stdin.
fn command(args: &[&str], token: Option<&str>) -> Command {
    let mut command = Command::new(BIN);
    command
        .args(args)
        .env_remove("TENCENT_WEBHOOK_TOKEN")
        .stdin(Stdio::null());
    if let Some(token) = token {
        command.env("TENCENT_WEBHOOK_TOKEN", token);
    }
    command
}

/// What a run of the binary gave.
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn of(output: Output) -> Self {
        Self {
            code: output.status.code(),
            stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
        }
    }

    /// Asserts that it exited with `code`.
    #[track_caller]
    pub fn assert_exit(&self, code: i32) {
        assert_eq!(
            self.code,
            Some(code),
            "stdout:\n{}\nstderr:\n{}",
            self.stdout,
            self.stderr
        );
    }

    /// Asserts that it exited with 0.
    #[track_caller]
    pub fn assert_ok(&self) {
        self.assert_exit(0);
    }

    /// Asserts that stdout contains `text`.
    #[track_caller]
    pub fn assert_stdout_has(&self, text: &str) {
        assert!(
            self.stdout.contains(text),
            "no {text:?} on stdout:\n{}",
            self.stdout
        );
    }

    /// Asserts that stderr contains `text`.
    #[track_caller]
    pub fn assert_stderr_has(&self, text: &str) {
        assert!(
            self.stderr.contains(text),
            "no {text:?} on stderr:\n{}",
            self.stderr
        );
    }

    /// The `N` of stdout's `N rows matched ...` line (`replay`).
    pub fn matched(&self) -> u64 {
        let line = self
            .stdout
            .lines()
            .find(|line| line.contains(" matched in "))
            .unwrap_or_else(|| panic!("no 'matched' line in:\n{}", self.stdout));
        line.split(' ').next().unwrap().parse().unwrap()
    }
}

/// Runs `tencent-webhook <args>` (see [`command`]) to its end, killed when
/// it takes longer than [`WAIT`].
pub fn tool(args: &[&str], token: Option<&str>) -> Run {
    let mut child = command(args, token)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let read = |mut reader: Box<dyn Read + Send>| {
        thread::spawn(move || {
            let mut bytes = Vec::new();
            reader.read_to_end(&mut bytes).map(|_| bytes)
        })
    };
    let stdout = read(Box::new(child.stdout.take().expect("stdout is piped")));
    let stderr = read(Box::new(child.stderr.take().expect("stderr is piped")));
    let status = wait(&mut child);
    Run::of(Output {
        status,
        stdout: stdout.join().unwrap().expect("stdout is read"),
        stderr: stderr.join().unwrap().expect("stderr is read"),
    })
}

/// [`tool`] for async tests: the runtime goes on while the binary runs.
pub async fn tool_async(args: &[&str], token: Option<&str>) -> Run {
    let mut command = tokio::process::Command::from(command(args, token));
    command.kill_on_drop(true);
    let output = tokio::time::timeout(WAIT, command.output())
        .await
        .unwrap_or_else(|_| panic!("tencent-webhook {args:?} ran longer than {WAIT:?}"))
        .expect("the binary runs");
    Run::of(output)
}

/// A running `listen`, killed when dropped.
pub struct Listener {
    pub child: Child,
    /// `127.0.0.1:port`.
    pub address: String,
    pub stdout: Receiver<String>,
    /// The stderr lines before the `listening on` line.
    pub preamble: Vec<String>,
}

impl Listener {
    /// Starts `listen --port 0 <args>`, with `token` in $TENCENT_WEBHOOK_TOKEN.
    pub fn start(args: &[&str], token: Option<&str>) -> Self {
        let mut child = command(&["listen", "--port", "0"], token)
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary starts");
        let stdout = lines(child.stdout.take().expect("stdout is piped"));
        let stderr = lines(child.stderr.take().expect("stderr is piped"));
        let mut preamble = Vec::new();
        let address = loop {
            let line = match stderr.recv_timeout(WAIT) {
                Ok(line) => line,
                Err(error) => {
                    let _ = child.kill();
                    panic!("no listening line ({error}); stderr so far: {preamble:?}");
                }
            };
            if let Some(url) = line.strip_prefix("listening on http://") {
                let address = url
                    .strip_suffix(PATH)
                    .unwrap_or_else(|| panic!("the line ends with the path: {line}"));
                break address.to_owned();
            }
            preamble.push(line);
        };
        // Whatever stderr says later is drained by its thread.
        Self {
            child,
            address,
            stdout,
            preamble,
        }
    }

    /// Its callback URL.
    pub fn url(&self) -> String {
        format!("http://{}{PATH}", self.address)
    }

    /// Sends it SIGTERM and asserts that it exits with 0.
    pub fn stop(mut self) {
        self.terminate();
        assert_eq!(wait(&mut self.child).code(), Some(0), "listen on SIGTERM");
    }

    /// Sends it SIGTERM, and returns.
    pub fn terminate(&self) {
        let status = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(status.success());
    }

    /// The next line on stdout.
    pub fn line(&self) -> String {
        self.stdout
            .recv_timeout(WAIT)
            .expect("a line on stdout in time")
    }

    /// The next line on stdout, as JSON.
    pub fn json_line(&self) -> Value {
        let line = self.line();
        serde_json::from_str(&line).unwrap_or_else(|error| panic!("{error}: {line}"))
    }

    /// POSTs `body` to the callback path with `query`.
    pub fn post(&self, query: &str, body: &[u8]) -> (u16, Value) {
        let (status, body) = post(&self.address, &format!("{PATH}?{query}"), body);
        let json = serde_json::from_slice(&body).unwrap_or_else(|error| {
            panic!("{error}: {}", String::from_utf8_lossy(&body));
        });
        (status, json)
    }

    /// POSTs `event` as Tencent would, signed with `token` when given; the
    /// body sent and the answer.
    pub fn send(&self, event: &TencentEvent, token: Option<&str>) -> (Vec<u8>, u16, Value) {
        let body = serde_json::to_vec(event).expect("a sample serialises");
        let (status, answer) = self.post(&query(event.callback_command(), token), &body);
        (body, status, answer)
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The crate's sample of the event type `name` (`BattleEnded`).
pub fn sample(name: &str) -> TencentEvent {
    TencentEvent::samples()
        .into_iter()
        .find(|event| event.name() == name)
        .unwrap_or_else(|| panic!("no sample {name}"))
}

/// Tencent's query for `command`, signed with `token` when given.
pub fn query(command: &str, token: Option<&str>) -> String {
    let request = WebhookRequest::raw(command, "").app_id(APP_ID);
    match token {
        Some(token) => request.token(token).query(),
        None => request.query(),
    }
}

/// The lines of `reader`, through a thread.
pub fn lines(reader: impl Read + Send + 'static) -> Receiver<String> {
    let (sender, receiver) = mpsc::channel();
    thread::spawn(move || {
        for line in BufReader::new(reader).lines() {
            let Ok(line) = line else { break };
            if sender.send(line).is_err() {
                break;
            }
        }
    });
    receiver
}

/// One HTTP/1.1 POST on a connection of its own: the status and the body.
pub fn post(address: &str, target: &str, body: &[u8]) -> (u16, Vec<u8>) {
    let mut stream = TcpStream::connect(address).expect("the listener accepts");
    stream.set_read_timeout(Some(WAIT)).unwrap();
    stream.set_write_timeout(Some(WAIT)).unwrap();
    let head = format!(
        "POST {target} HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(body).unwrap();
    let mut response = Vec::new();
    stream
        .read_to_end(&mut response)
        .expect("an answer in time");
    let split = response
        .windows(4)
        .position(|window| window == b"\r\n\r\n")
        .expect("a complete head");
    let head = String::from_utf8_lossy(&response[..split]).to_ascii_lowercase();
    let body = &response[split + 4..];
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|status| status.parse().ok())
        .expect("a status line");
    let body = if head.contains("transfer-encoding: chunked") {
        dechunk(body)
    } else {
        body.to_vec()
    };
    (status, body)
}

pub fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut body = Vec::new();
    loop {
        let end = data
            .windows(2)
            .position(|window| window == b"\r\n")
            .expect("a chunk size");
        let size = usize::from_str_radix(std::str::from_utf8(&data[..end]).unwrap().trim(), 16)
            .expect("a hexadecimal chunk size");
        if size == 0 {
            return body;
        }
        body.extend_from_slice(&data[end + 2..end + 2 + size]);
        data = &data[end + 2 + size + 2..];
    }
}

/// Waits for `child` to exit, at most `WAIT`.
pub fn wait(child: &mut Child) -> ExitStatus {
    let deadline = Instant::now() + WAIT;
    loop {
        if let Some(status) = child.try_wait().expect("the child can be waited for") {
            return status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("the child did not exit in time");
        }
        thread::sleep(Duration::from_millis(20));
    }
}

/// The one number `sql` selects from the SQLite file `store`.
pub fn count(store: &Path, sql: &str) -> i64 {
    let connection =
        rusqlite::Connection::open_with_flags(store, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("the store opens");
    connection
        .query_row(sql, [], |row| row.get(0))
        .unwrap_or_else(|error| panic!("{sql}: {error}"))
}

/// An `inbox` row without its id and time.
#[derive(Debug, PartialEq, Eq)]
pub struct InboxRow {
    pub key: Option<String>,
    pub strength: String,
    pub command: String,
    pub query: String,
    pub body: Vec<u8>,
}

/// The `inbox` rows of the SQLite file `store`, in `id` order.
pub fn inbox_rows(store: &Path) -> Vec<InboxRow> {
    let connection =
        rusqlite::Connection::open_with_flags(store, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("the store opens");
    let mut statement = connection
        .prepare("SELECT key, strength, command, query, body FROM inbox ORDER BY id")
        .unwrap();
    let rows = statement
        .query_map([], |row| {
            Ok(InboxRow {
                key: row.get(0)?,
                strength: row.get(1)?,
                command: row.get(2)?,
                query: row.get(3)?,
                body: row.get(4)?,
            })
        })
        .unwrap();
    rows.map(Result::unwrap).collect()
}

pub fn ok_ack() -> Value {
    serde_json::from_str(OK_ACK).unwrap()
}

pub fn sha256_hex(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))
}

/// Unix seconds.
pub fn now_seconds() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("after 1970")
        .as_secs()
}

/// The path as a `&str` argument.
pub fn arg(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}
