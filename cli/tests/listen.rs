//! `tencent-webhook listen`, run as a process: the binary cargo built, on a
//! port the OS chose (`--port 0`, read from its `listening on` line), sent
//! webhooks over loopback with a plain HTTP/1.1 client. Every wait has a
//! timeout; every child is killed when its test ends.

use std::collections::{HashMap, HashSet};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use tencent_live_webhook::testing::fixtures::{APP_ID, OK_ACK};
use tencent_live_webhook::testing::WebhookRequest;
use tencent_live_webhook::{IdempotencyKey, KeyStrength, TencentEvent};

const BIN: &str = env!("CARGO_BIN_EXE_tencent-webhook");
const PATH: &str = "/tencent/callback";
const TOKEN: &str = "listen-test-token";
/// The longest any one wait may take.
const WAIT: Duration = Duration::from_secs(30);

/// A running `listen`, killed when dropped.
struct Listener {
    child: Child,
    /// `127.0.0.1:port`.
    address: String,
    stdout: Receiver<String>,
    /// The stderr lines before the `listening on` line.
    preamble: Vec<String>,
}

impl Listener {
    /// Starts `listen --port 0 <args>`, with `token` in $TENCENT_WEBHOOK_TOKEN.
    fn start(args: &[&str], token: Option<&str>) -> Self {
        let mut command = Command::new(BIN);
        command
            .args(["listen", "--port", "0"])
            .args(args)
            .env_remove("TENCENT_WEBHOOK_TOKEN")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        if let Some(token) = token {
            command.env("TENCENT_WEBHOOK_TOKEN", token);
        }
        let mut child = command.spawn().expect("the binary starts");
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

    /// The next line on stdout.
    fn line(&self) -> String {
        self.stdout
            .recv_timeout(WAIT)
            .expect("a line on stdout in time")
    }

    /// The next line on stdout, as JSON.
    fn json_line(&self) -> Value {
        let line = self.line();
        serde_json::from_str(&line).unwrap_or_else(|error| panic!("{error}: {line}"))
    }

    /// POSTs `body` to the callback path with `query`.
    fn post(&self, query: &str, body: &[u8]) -> (u16, Value) {
        let (status, body) = post(&self.address, &format!("{PATH}?{query}"), body);
        let json = serde_json::from_slice(&body).unwrap_or_else(|error| {
            panic!("{error}: {}", String::from_utf8_lossy(&body));
        });
        (status, json)
    }

    /// POSTs `event` as Tencent would, signed with `token` when given; the
    /// body sent and the answer.
    fn send(&self, event: &TencentEvent, token: Option<&str>) -> (Vec<u8>, u16, Value) {
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

/// Tencent's query for `command`, signed with `token` when given.
fn query(command: &str, token: Option<&str>) -> String {
    let request = WebhookRequest::raw(command, "").app_id(APP_ID);
    match token {
        Some(token) => request.token(token).query(),
        None => request.query(),
    }
}

/// The lines of `reader`, through a thread.
fn lines(reader: impl Read + Send + 'static) -> Receiver<String> {
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
fn post(address: &str, target: &str, body: &[u8]) -> (u16, Vec<u8>) {
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

fn dechunk(mut data: &[u8]) -> Vec<u8> {
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
fn wait(child: &mut Child) -> ExitStatus {
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

fn count(store: &Path, sql: &str) -> i64 {
    let connection = rusqlite::Connection::open(store).expect("the store opens");
    connection
        .query_row(sql, [], |row| row.get(0))
        .unwrap_or_else(|error| panic!("{sql}: {error}"))
}

fn ok_ack() -> Value {
    serde_json::from_str(OK_ACK).unwrap()
}

#[test]
fn a_sample_is_answered_ok_and_printed_readably() {
    let listener = Listener::start(&[], None);
    assert!(
        listener
            .preamble
            .iter()
            .any(|line| line.contains("signatures are not checked")),
        "without a token, start-up says so: {:?}",
        listener.preamble
    );
    let battle = TencentEvent::samples()
        .into_iter()
        .find(|event| event.name() == "BattleEnded")
        .expect("a battle sample");
    let (_, status, answer) = listener.send(&battle, None);
    assert_eq!((status, answer), (200, ok_ack()));
    let line = listener.line();
    assert!(line.contains("Live.CallbackAfterEndBattle"), "{line}");
    let TencentEvent::BattleEnded(ended) = &battle else {
        unreachable!()
    };
    assert!(
        line.contains(&format!("BattleId={}", ended.battle_id)),
        "{line}"
    );
    assert!(line.contains("-> ok"), "{line}");
    assert!(!line.contains("inbox"), "no store, no inbox: {line}");

    let gift = TencentEvent::samples()
        .into_iter()
        .find(|event| event.name() == "GiftSending")
        .expect("a gift sample");
    let (_, status, answer) = listener.send(&gift, None);
    assert_eq!((status, answer), (200, ok_ack()));
    let line = listener.line();
    assert!(line.contains("Live.CallbackBeforeSendGift"), "{line}");
    assert!(line.contains("-> allow"), "{line}");
}

/// Every command's sample, signed, sent once and then again: answered OK
/// with its acknowledgement or allow decision, one JSON line each, and the
/// inbox keyed as `IdempotencyKey` says.
#[test]
fn every_sample_is_answered_printed_and_stored() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("listen.sqlite3");
    let store_arg = store.to_str().unwrap();
    let listener = Listener::start(&["--json", "--store", store_arg], Some(TOKEN));
    let samples = TencentEvent::samples();

    let mut bodies: HashMap<String, Vec<u8>> = HashMap::new();
    let mut keys = HashSet::new();
    let mut keyed = 0;
    let mut unkeyed = 0;
    for round in 0..2 {
        for event in &samples {
            let command = event.callback_command();
            let (body, status, answer) = listener.send(event, Some(TOKEN));
            assert_eq!(status, 200, "{command}: {answer}");
            assert_eq!(answer["ActionStatus"], "OK", "{command}: {answer}");
            assert_eq!(answer["ErrorCode"], 0, "{command}: {answer}");

            let key = IdempotencyKey::new(command, &body);
            let new = match key.as_str() {
                Some(key) => keys.insert(key.to_owned()),
                None => true,
            };
            if round == 0 {
                let earlier = bodies.insert(command.to_owned(), body.clone());
                assert!(earlier.is_none(), "one sample per command: {command}");
                if key.strength() == KeyStrength::None {
                    unkeyed += 1;
                } else {
                    keyed += 1;
                }
            }

            let line = listener.json_line();
            assert_eq!(line["command"], command, "{line}");
            assert_eq!(line["answer"], answer, "{line}");
            assert_eq!(line["key"], json!(key.as_str()), "{line}");
            assert_eq!(line["strength"], key.strength().as_str(), "{line}");
            assert!(
                line["decision"] == "ok" || line["decision"] == "allow",
                "{line}"
            );
            assert_eq!(line["inbox"], if new { "new" } else { "already" }, "{line}");
            assert!(line["event"].is_object(), "{line}");
        }
        let rows = count(&store, "SELECT count(*) FROM inbox");
        let expected = keys.len() as i64 + (round + 1) * unkeyed;
        assert_eq!(rows, expected, "round {round}");
    }
    assert_eq!(keyed + unkeyed, samples.len() as i64);
    assert!(keyed > 0 && unkeyed > 0, "both kinds are exercised");

    let connection = rusqlite::Connection::open(&store).unwrap();
    let mut rows = connection
        .prepare("SELECT command, query, body, key, strength FROM inbox")
        .unwrap();
    let rows = rows
        .query_map([], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, Vec<u8>>(2)?,
                row.get::<_, Option<String>>(3)?,
                row.get::<_, String>(4)?,
            ))
        })
        .unwrap();
    for row in rows {
        let (command, stored_query, body, key, strength) = row.unwrap();
        assert_eq!(
            Some(&body),
            bodies.get(&command),
            "{command}: the body as sent"
        );
        assert_eq!(
            stored_query,
            query(&command, None),
            "{command}: no signature"
        );
        assert!(
            stored_query
                .split('&')
                .all(|pair| !pair.starts_with("Sign=") && !pair.starts_with("RequestTime=")),
            "{stored_query}"
        );
        let expected = IdempotencyKey::new(&command, &body);
        assert_eq!(key.as_deref(), expected.as_str(), "{command}");
        assert_eq!(strength, expected.strength().as_str(), "{command}");
    }
    assert_eq!(count(&store, "SELECT count(*) FROM dead_letters"), 0);
    // The token is never printed.
    assert!(listener.stdout.try_iter().all(|line| !line.contains(TOKEN)));
}

#[test]
fn the_rules_decide_gifts_and_messages() {
    let listener = Listener::start(
        &[
            "--json",
            "--reject-gifts-over",
            "100",
            "--discard-words",
            "Spam,scam",
        ],
        None,
    );
    let gift = |count: u64, coins: u64| {
        json!({"CallbackCommand": "Live.CallbackBeforeSendGift", "Operator_Account": "op",
               "RoomId": "room-1", "GiftWater": {"From_Account": "from", "To_Account": ["to"],
               "Time": 1703589922, "GiftId": "rose", "Count": count, "Coins": coins}})
    };
    let room_message = |text: &str| {
        json!({"CallbackCommand": "Group.CallbackBeforeSendMsg", "GroupId": "@TGS#1",
               "Type": "Live", "From_Account": "jared", "Random": 1,
               "MsgBody": [{"MsgType": "TIMTextElem", "MsgContent": {"Text": text}}]})
    };
    let c2c_message = |text: &str| {
        json!({"CallbackCommand": "C2C.CallbackBeforeSendMsg", "From_Account": "jared",
               "To_Account": "jonh", "MsgSeq": 1, "MsgRandom": 2, "MsgTime": 1557481126,
               "MsgKey": "1_2_1557481126",
               "MsgBody": [{"MsgType": "TIMTextElem", "MsgContent": {"Text": text}}]})
    };
    let allow = json!({"ActionStatus": "OK", "ErrorInfo": "", "ErrorCode": 0});
    let reject = json!({"ActionStatus": "OK", "ErrorInfo": "", "ErrorCode": 1});
    let discard = json!({"ActionStatus": "OK", "ErrorInfo": "", "ErrorCode": 2});
    let cases = [
        ("gift over", gift(2, 51), &reject, "reject"),
        ("gift at the limit", gift(1, 100), &allow, "allow"),
        (
            "room message with a word",
            room_message("no SPAM here"),
            &discard,
            "discard",
        ),
        (
            "room message without",
            room_message("hello"),
            &allow,
            "allow",
        ),
        (
            "c2c message with a word",
            c2c_message("a scam!"),
            &reject,
            "reject",
        ),
        ("c2c message without", c2c_message("hello"), &allow, "allow"),
    ];
    for (case, body, answer, decision) in cases {
        let command = body["CallbackCommand"].as_str().unwrap();
        let body = serde_json::to_vec(&body).unwrap();
        let (status, got) = listener.post(&query(command, None), &body);
        assert_eq!((status, &got), (200, answer), "{case}");
        let line = listener.json_line();
        assert_eq!(line["command"], command, "{case}: {line}");
        assert_eq!(&line["answer"], answer, "{case}: {line}");
        assert_eq!(line["decision"], decision, "{case}: {line}");
        assert_eq!(
            line["why"].is_string(),
            decision != "allow",
            "{case}: {line}"
        );
    }
}

/// `--fail`: a FAIL answer, a `failed` dead letter and no inbox row; a body
/// the layer refuses: a `refused` dead letter with its ErrorCode.
#[test]
fn failures_and_refusals_are_dead_letters() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("letters.sqlite3");
    let store_arg = store.to_str().unwrap();
    let listener = Listener::start(
        &[
            "--json",
            "--store",
            store_arg,
            "--fail",
            "Live.CallbackAfterEndBattle",
        ],
        None,
    );
    let samples = TencentEvent::samples();
    let sample = |name: &str| {
        samples
            .iter()
            .find(|event| event.name() == name)
            .expect("a sample")
    };

    let (body, status, answer) = listener.send(sample("BattleEnded"), None);
    assert_eq!(status, 500, "{answer}");
    assert_eq!(answer["ActionStatus"], "FAIL");
    assert_eq!(answer["ErrorCode"], 4001);
    // The event's line (printed with its answer) and the letter's, in
    // either order.
    let (first, second) = (listener.json_line(), listener.json_line());
    let (line, letter) = if first.get("dead_letter").is_some() {
        (second, first)
    } else {
        (first, second)
    };
    assert_eq!(line["decision"], "fail", "{line}");
    assert_eq!(line["answer"], answer, "{line}");
    assert_eq!(line["inbox"], Value::Null, "{line}");
    assert_eq!(letter["command"], "Live.CallbackAfterEndBattle", "{letter}");
    assert_eq!(letter["dead_letter"]["reason"], "failed", "{letter}");
    assert_eq!(letter["stored"], true, "{letter}");
    // Printed once stored: the row is there.
    assert_eq!(count(&store, "SELECT count(*) FROM inbox"), 0);
    let connection = rusqlite::Connection::open(&store).unwrap();
    let (reason, code, stored): (String, Option<i64>, Vec<u8>) = connection
        .query_row(
            "SELECT reason, error_code, body FROM dead_letters WHERE command = 'Live.CallbackAfterEndBattle'",
            [],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .unwrap();
    assert_eq!((reason.as_str(), code), ("failed", None));
    assert_eq!(stored, body);

    // Another command is handled and stored.
    let (_, status, answer) = listener.send(sample("BattleStarted"), None);
    assert_eq!((status, answer), (200, ok_ack()));
    assert_eq!(listener.json_line()["inbox"], "new");
    assert_eq!(count(&store, "SELECT count(*) FROM inbox"), 1);

    // Refused by the layer: a missing identity field, then not JSON.
    for (body, code) in [
        (
            &br#"{"CallbackCommand":"Live.CallbackAfterStartBattle"}"#[..],
            3005,
        ),
        (&b"not json"[..], 3004),
    ] {
        let (status, answer) = listener.post(&query("Live.CallbackAfterStartBattle", None), body);
        assert_eq!(
            (status, &answer["ErrorCode"]),
            (400, &json!(code)),
            "{answer}"
        );
        let letter = listener.json_line();
        assert_eq!(letter["dead_letter"]["reason"], "refused", "{letter}");
        assert_eq!(letter["dead_letter"]["error_code"], code, "{letter}");
        assert_eq!(letter["body"], String::from_utf8_lossy(body).as_ref());
        let rows = count(
            &store,
            &format!("SELECT count(*) FROM dead_letters WHERE reason = 'refused' AND error_code = {code}"),
        );
        assert_eq!(rows, 1, "{code}");
    }
    assert_eq!(count(&store, "SELECT count(*) FROM dead_letters"), 3);
    assert_eq!(count(&store, "SELECT count(*) FROM inbox"), 1);
}

#[test]
fn a_token_requires_the_signature() {
    let listener = Listener::start(&["--json"], Some(TOKEN));
    assert!(
        listener
            .preamble
            .iter()
            .all(|line| !line.contains("not checked")),
        "{:?}",
        listener.preamble
    );
    let battle = &TencentEvent::samples()[0];
    let body = serde_json::to_vec(battle).unwrap();
    let command = battle.callback_command();

    let (status, answer) = listener.post(&query(command, None), &body);
    assert_eq!(
        (status, &answer["ErrorCode"]),
        (401, &json!(2001)),
        "{answer}"
    );
    let (status, answer) = listener.post(&query(command, Some("another token")), &body);
    assert_eq!(
        (status, &answer["ErrorCode"]),
        (401, &json!(2004)),
        "{answer}"
    );
    let (status, answer) = listener.post(&query(command, Some(TOKEN)), &body);
    assert_eq!((status, answer), (200, ok_ack()));
    // Only the signed one reached the handler.
    assert_eq!(listener.json_line()["command"], command);
    assert!(listener.stdout.try_recv().is_err());
}

#[test]
fn outside_loopback_needs_public() {
    for host in ["0.0.0.0", "::", "192.0.2.1"] {
        let mut child = Command::new(BIN)
            .args(["listen", "--port", "0", "--host", host])
            .env_remove("TENCENT_WEBHOOK_TOKEN")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let status = wait(&mut child);
        let mut stderr = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut stderr)
            .unwrap();
        assert_eq!(status.code(), Some(2), "{host}: {stderr}");
        assert!(stderr.contains("--public"), "{host}: {stderr}");
        assert!(!stderr.contains("listening on"), "{host}: {stderr}");
    }
    // Loopback is all of 127.0.0.0/8.
    let listener = Listener::start(&["--host", "127.0.0.2"], None);
    assert!(
        listener.address.starts_with("127.0.0.2:"),
        "{}",
        listener.address
    );
    let listener = Listener::start(&["--host", "0.0.0.0", "--public"], None);
    assert!(
        listener.address.starts_with("0.0.0.0:"),
        "{}",
        listener.address
    );
}

#[test]
fn bad_options_exit_2() {
    for args in [
        &["--path", "no-slash"][..],
        &["--port", "65536"],
        &["--host", "localhost"],
        &["--reject-gifts-over", "-1"],
    ] {
        let mut child = Command::new(BIN)
            .arg("listen")
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        assert_eq!(wait(&mut child).code(), Some(2), "{args:?}");
    }
}

#[test]
fn sigterm_ends_it_with_0() {
    let mut listener = Listener::start(&[], None);
    let pid = listener.child.id().to_string();
    let status = Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("kill runs");
    assert!(status.success());
    assert_eq!(wait(&mut listener.child).code(), Some(0));
}
