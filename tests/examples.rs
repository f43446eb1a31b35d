//! Runs the example binaries as a user would and talks to them over loopback.
//!
//! `cargo test` builds the examples before it runs tests; run `cargo build
//! --examples` first when running this file alone.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, ChildStderr, ChildStdout, Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tencent_live_webhook::testing::fixtures;
use tencent_live_webhook::{sign, BattleEnded, LiveEvent};

const OK_ACK: &str = r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}"#;
const WAIT: Duration = Duration::from_secs(20);

/// A running example, killed when dropped.
struct Example {
    child: Child,
    stderr: mpsc::Receiver<String>,
    stdout: mpsc::Receiver<String>,
}

impl Example {
    fn start(name: &str, env: &[(&str, &str)]) -> Self {
        let mut command = Command::new(example_path(name));
        command
            .env("PORT", "0")
            .env_remove("TOKEN")
            .env_remove("SDKAPPID")
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = command.spawn().unwrap_or_else(|error| {
            panic!("could not start example {name} ({error}): run `cargo build --examples`")
        });
        let stderr = lines(child.stderr.take().unwrap());
        let stdout = lines(child.stdout.take().unwrap());
        Self {
            child,
            stderr,
            stdout,
        }
    }

    /// The next stderr line that contains `needle`.
    fn stderr_line(&self, needle: &str) -> String {
        loop {
            let line = self
                .stderr
                .recv_timeout(WAIT)
                .unwrap_or_else(|_| panic!("no stderr line with {needle:?}"));
            if line.contains(needle) {
                return line;
            }
        }
    }

    fn address(&self) -> String {
        let line = self.stderr_line("listening on http://");
        let after = line.split_once("http://").unwrap().1;
        after.split_whitespace().next().unwrap().to_owned()
    }

    fn stdout_line(&self) -> String {
        self.stdout.recv_timeout(WAIT).expect("no line on stdout")
    }
}

impl Drop for Example {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

trait Lines: Read + Send + 'static {}
impl Lines for ChildStderr {}
impl Lines for ChildStdout {}

fn lines(stream: impl Lines) -> mpsc::Receiver<String> {
    let (sender, receiver) = mpsc::channel();
    thread::spawn(move || {
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { break };
            if sender.send(line).is_err() {
                break;
            }
        }
    });
    receiver
}

fn example_path(name: &str) -> PathBuf {
    let mut path = std::env::current_exe().unwrap();
    path.pop(); // the test binary
    if path.ends_with("deps") {
        path.pop();
    }
    path.join("examples")
        .join(format!("{name}{}", std::env::consts::EXE_SUFFIX))
}

/// One HTTP/1.1 exchange over a fresh connection: (status, body).
fn http(address: &str, method: &str, target: &str, body: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(address).unwrap();
    stream.set_read_timeout(Some(WAIT)).unwrap();
    write!(
        stream,
        "{method} {target} HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let status = response[9..12].parse().unwrap();
    let body = response.split_once("\r\n\r\n").unwrap().1.to_owned();
    (status, body)
}

/// Splits the printed `curl` line into its JSON body and its URL's path and query.
fn parse_curl(line: &str) -> (String, String) {
    let body = line
        .split_once("-d '")
        .unwrap()
        .1
        .split_once('\'')
        .unwrap()
        .0;
    let url = line.rsplit("http://").next().unwrap();
    let target = &url[url.find('/').unwrap()..];
    let target = target.trim_end_matches(['\'', '"']);
    (body.to_owned(), target.to_owned())
}

#[test]
fn axum_example_accepts_its_own_curl_line() {
    let example = Example::start("axum", &[]);
    let address = example.address();
    let curl = example.stderr_line("curl ");
    let (body, target) = parse_curl(&curl);

    assert_eq!(
        http(&address, "POST", &target, &body),
        (200, OK_ACK.to_owned())
    );
    let battle: BattleEnded = serde_json::from_str(&example.stdout_line()).unwrap();
    assert_eq!(battle.from_room().owner_account(), "144115245353757792");
    assert_eq!(battle, serde_json::from_str::<BattleEnded>(&body).unwrap());

    // Its ordinary route still answers, and a wrong app id is refused.
    let (status, text) = http(&address, "GET", "/", "");
    assert_eq!(status, 200);
    assert!(text.contains("ordinary"));
    let (status, _) = http(&address, "POST", &target.replace("1400000001", "1"), &body);
    assert_eq!(status, 403);
}

#[test]
fn axum_example_with_a_token_signs_in_the_shell_and_never_prints_the_token() {
    let token = "example-secret-token";
    let example = Example::start("axum", &[("TOKEN", token), ("SDKAPPID", "20000077")]);
    let address = example.address();
    let curl = example.stderr_line("curl ");
    assert!(!curl.contains(token), "the token was printed");
    assert!(curl.contains("$TOKEN"));
    let (body, target) = parse_curl(&curl);
    let unsigned = target.split("&RequestTime=").next().unwrap().to_owned();
    assert!(unsigned.contains("SdkAppid=20000077"));

    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let signed = format!("{unsigned}&RequestTime={now}&Sign={}", sign(token, now));
    assert_eq!(
        http(&address, "POST", &signed, &body),
        (200, OK_ACK.to_owned())
    );
    assert!(example
        .stdout_line()
        .contains("Live.CallbackAfterEndBattle"));

    let (status, text) = http(&address, "POST", &unsigned, &body);
    assert_eq!(status, 401);
    assert!(text.contains("2001"));
}

const SAMPLE: &str = include_str!("fixtures/Live.CallbackAfterEndBattle/sample.json");
const WEBHOOK: &str = "/tencent/callback?SdkAppid=1400000001\
                       &CallbackCommand=Live.CallbackAfterEndBattle&contenttype=json";

#[test]
fn hyper_example_acknowledges_the_sample_and_serves_its_routes() {
    let example = Example::start("hyper", &[]);
    let address = example.address();
    assert_eq!(
        http(&address, "POST", WEBHOOK, SAMPLE),
        (200, OK_ACK.to_owned())
    );
    let battle: BattleEnded = serde_json::from_str(&example.stdout_line()).unwrap();
    assert_eq!(battle, serde_json::from_str::<BattleEnded>(SAMPLE).unwrap());
    assert_eq!(http(&address, "GET", "/", ""), (200, "hello".to_owned()));
    assert_eq!(http(&address, "GET", "/missing", "").0, 404);
}

#[test]
fn tonic_example_acknowledges_the_sample_beside_grpc() {
    let token = "tonic-token";
    let example = Example::start("tonic", &[("TOKEN", token)]);
    let address = example.address();
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let signed = format!("{WEBHOOK}&RequestTime={now}&Sign={}", sign(token, now));
    assert_eq!(
        http(&address, "POST", &signed, SAMPLE),
        (200, OK_ACK.to_owned())
    );
    let battle: BattleEnded = serde_json::from_str(&example.stdout_line()).unwrap();
    assert_eq!(battle.to_rooms()[0].owner_account(), "144115245442327522");
    assert_eq!(http(&address, "POST", WEBHOOK, SAMPLE).0, 401);
}

/// Runs an example to completion (killed after [`WAIT`]): its exit code and stdout.
fn run(name: &str, args: &[&str]) -> (Option<i32>, String) {
    let mut child = Command::new(example_path(name))
        .args(args)
        .env_remove("TOKEN")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|error| panic!("could not start example {name}: {error}"));
    let stdout = lines(child.stdout.take().unwrap());
    let deadline = std::time::Instant::now() + WAIT;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("example {name} did not finish");
        }
        thread::sleep(Duration::from_millis(20));
    };
    let output: Vec<String> = stdout.iter().collect();
    (status.code(), output.join("\n"))
}

/// The sender moved to the CLI (`cli/`, whose tests send every command to
/// `tencent-webhook listen`): the example says where, with the options it
/// was given, and exits 2.
#[test]
fn send_example_points_to_the_cli() {
    let output = Command::new(example_path("send"))
        .args([
            "--url",
            "http://127.0.0.1:9/tencent/callback",
            "--event",
            "end",
        ])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let message = String::from_utf8(output.stderr).unwrap();
    for line in [
        "cargo install --locked --path cli",
        "tencent-webhook send --url http://127.0.0.1:9/tencent/callback --event end",
        "cargo run -p tencent-webhook-cli -- send --url",
    ] {
        assert!(message.contains(line), "{line:?} in {message}");
    }
}

/// The axum example decides: gifts approved, spam dropped silently (with or
/// without a `MsgId`), and a
/// command outside the table answered in JSON, never with a plain-text error.
#[test]
fn axum_example_answers_every_command_in_json() {
    let example = Example::start("axum", &[]);
    let address = example.address();
    let target = |command: &str| {
        format!("/tencent/callback?SdkAppid=1400000001&CallbackCommand={command}&contenttype=json")
    };
    let gift = fixtures::documented("Live.CallbackBeforeSendGift").unwrap();
    assert_eq!(
        http(
            &address,
            "POST",
            &target("Live.CallbackBeforeSendGift"),
            gift
        ),
        (200, OK_ACK.to_owned())
    );
    assert!(example
        .stdout_line()
        .contains("Live.CallbackBeforeSendGift"));

    let message = fixtures::documented("Group.CallbackBeforeSendMsg").unwrap();
    let spam = message.replace("red packet", "buy spam now");
    assert_ne!(spam, message, "the sample's text changed: update this test");
    assert_eq!(
        http(
            &address,
            "POST",
            &target("Group.CallbackBeforeSendMsg"),
            &spam
        ),
        (
            200,
            r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":2}"#.to_owned()
        )
    );
    assert!(example.stdout_line().contains("buy spam now"));
    // Real traffic has no MsgId: the same spam without one is dropped too,
    // not delivered past the filter (issue 16).
    let without_msg_id = r#"{"CallbackCommand":"Group.CallbackBeforeSendMsg","EventTime":1739956050123,"From_Account":"viewer-3","GroupId":"pk-3","MsgBody":[{"MsgContent":{"Text":"cheap spam here"},"MsgType":"TIMTextElem"}],"MsgPriority":"Normal","OnlineOnlyFlag":0,"Operator_Account":"viewer-3","Random":3000000001,"Type":"AVChatRoom"}"#;
    assert_eq!(
        http(
            &address,
            "POST",
            &target("Group.CallbackBeforeSendMsg"),
            without_msg_id
        ),
        (
            200,
            r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":2}"#.to_owned()
        )
    );
    assert!(example.stdout_line().contains("cheap spam here"));

    // A one-to-one message has no silent drop: spam is rejected.
    let c2c = fixtures::documented("C2C.CallbackBeforeSendMsg").unwrap();
    let c2c_spam = c2c.replace("red packet", "more spam");
    assert_ne!(c2c_spam, c2c, "the sample's text changed: update this test");
    assert_eq!(
        http(
            &address,
            "POST",
            &target("C2C.CallbackBeforeSendMsg"),
            &c2c_spam
        ),
        (
            200,
            r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":1}"#.to_owned()
        )
    );
    assert!(example.stdout_line().contains("more spam"));

    let (status, body) = http(
        &address,
        "POST",
        &target("C2C.CallbackAfterSendMsg"),
        r#"{"CallbackCommand":"C2C.CallbackAfterSendMsg"}"#,
    );
    assert_eq!((status, body.as_str()), (200, OK_ACK));
    assert!(example.stdout_line().contains("C2C.CallbackAfterSendMsg"));
    // A command outside both tables passes through to the route: OK, in JSON.
    let (status, body) = http(
        &address,
        "POST",
        &target("Sns.CallbackFriendNudge"),
        r#"{"CallbackCommand":"Sns.CallbackFriendNudge"}"#,
    );
    assert_eq!((status, body.as_str()), (200, OK_ACK));
}

/// A client that sends its request headers too slowly is disconnected.
#[test]
fn axum_example_disconnects_slow_request_headers() {
    let example = Example::start("axum", &[("HEADER_READ_TIMEOUT_MS", "300")]);
    let address = example.address();
    let mut stream = TcpStream::connect(&address).unwrap();
    stream.set_read_timeout(Some(WAIT)).unwrap();
    let started = std::time::Instant::now();
    write!(
        stream,
        "POST /tencent/callback HTTP/1.1\r\nHost: {address}\r\n"
    )
    .unwrap();
    // The rest of the headers never comes.
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let took = started.elapsed();
    assert!(took >= Duration::from_millis(300), "closed after {took:?}");
    assert!(took < Duration::from_secs(10), "still open after {took:?}");
    let answer = String::from_utf8_lossy(&answer);
    assert!(
        answer.is_empty() || answer.starts_with("HTTP/1.1 408"),
        "{answer}"
    );
}

#[test]
fn story_example_follows_one_room_through_every_command() {
    let (code, output) = run("story", &[]);
    assert_eq!(code, Some(0), "{output}");
    let lines: Vec<&str> = output.lines().collect();
    assert_eq!(lines.len(), LiveEvent::sample_story().len(), "{output}");
    for (line, event) in lines.iter().zip(LiveEvent::sample_story()) {
        assert!(line.starts_with(event.name()), "{line}");
        assert!(line.ends_with("=> ErrorCode 0"), "{line}");
    }
    assert!(
        output.contains("room pk-3 created for 144115245353757792"),
        "{output}"
    );
    assert!(
        output.contains("battle won by pk-3; 1 won so far"),
        "{output}"
    );
    assert!(
        output.contains("room pk-3 destroyed: 1500 coins, 1 messages, 1 battles won"),
        "{output}"
    );
}

#[test]
fn scoreboard_example_follows_one_battle() {
    let (code, output) = run("scoreboard", &[]);
    assert_eq!(code, Some(0), "{output}");
    let lines: Vec<&str> = output.lines().collect();
    assert_eq!(lines.len(), 5, "{output}");
    assert!(lines[0].contains("created: room pk-3 invites pk-5"));
    assert!(lines[1].contains("started:") && lines[1].contains("2 of 2 invited rooms"));
    assert!(lines[2].contains("pk-3 120 : pk-5 80; pk-3 wins"));
    assert!(lines[3].contains("already recorded"));
    assert_eq!(lines[4], "scoreboard: pk-3 has 1 win(s)");
}

/// The metrics example: what the layer recorded, as Prometheus scrapes it
/// from `/metrics`, with the example's buckets around the deadline.
#[cfg(feature = "metrics")]
#[test]
fn metrics_example_serves_each_outcome_on_its_metrics_route() {
    use tencent_live_webhook::testing::WebhookRequest;
    use tencent_live_webhook::GiftSending;

    let example = Example::start("metrics", &[("MAX_COINS", "100")]);
    let address = example.address();
    let post = |body: String, query: String| {
        http(
            &address,
            "POST",
            &format!("/tencent/callback?{query}"),
            &body,
        )
    };
    for coins in [10, 10, 1000] {
        let mut gift = GiftSending::sample();
        gift.gift_water.coins = Some(coins);
        gift.gift_water.count = Some(1);
        let request = WebhookRequest::new(&gift).app_id(1400000001);
        let (status, _) = post(serde_json::to_string(&gift).unwrap(), request.query());
        assert_eq!(status, 200);
    }
    let battle = BattleEnded::sample();
    let request = WebhookRequest::new(&battle).app_id(1400000001);
    let (status, answer) = post(serde_json::to_string(&battle).unwrap(), request.query());
    assert_eq!((status, answer.as_str()), (200, OK_ACK));
    let (status, _) = post(
        serde_json::to_string(&battle).unwrap(),
        WebhookRequest::new(&battle).app_id(5).query(),
    );
    assert_eq!(status, 403);

    let (status, text) = http(&address, "GET", "/metrics", "");
    assert_eq!(status, 200);
    let value = |series: &str| -> Option<String> {
        text.lines()
            .find(|line| line.starts_with(series) && line[series.len()..].starts_with(' '))
            .map(|line| line[series.len()..].trim().to_owned())
    };
    let gift = r#"command="Live.CallbackBeforeSendGift""#;
    let battle = r#"command="Live.CallbackAfterEndBattle""#;
    for (series, expected) in [
        (format!(r#"tencent_webhook_requests_total{{{gift},outcome="allow"}}"#), "2"),
        (format!(r#"tencent_webhook_requests_total{{{gift},outcome="reject"}}"#), "1"),
        (format!(r#"tencent_webhook_requests_total{{{battle},outcome="ok"}}"#), "1"),
        (format!(r#"tencent_webhook_requests_total{{{battle},outcome="refused"}}"#), "1"),
        (r#"tencent_webhook_refusals_total{error_code="1003"}"#.to_owned(), "1"),
        (
            format!(r#"tencent_webhook_decision_time_left_seconds_count{{{gift}}}"#),
            "3",
        ),
        (
            r#"tencent_webhook_handler_duration_seconds_bucket{kind="before",outcome="allow",le="2.5"}"#.to_owned(),
            "2",
        ),
    ] {
        assert_eq!(value(&series).as_deref(), Some(expected), "{series} in:\n{text}");
    }
    // The example's buckets, from 5 ms (whatever this machine's timing put in it).
    let first = r#"tencent_webhook_handler_duration_seconds_bucket{kind="before",outcome="allow",le="0.005"}"#;
    assert!(value(first).is_some(), "{text}");
    assert!(
        text.contains("# HELP tencent_webhook_requests_total"),
        "{text}"
    );
}
