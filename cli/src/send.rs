//! `tencent-webhook send`: webhooks to a receiver, as Tencent sends them.
//!
//! The sending itself ([`deliver`]) takes any list of [`Webhook`]s, so that
//! other subcommands (and tests) can drive a receiver the same way.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::str::FromStr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use clap::error::ErrorKind;
use clap::value_parser;
use tencent_live_webhook::testing::WebhookRequest;

use crate::client::{now_seconds, signed_query, Answer, Client};
use crate::report::{progress, Report};
use crate::samples;
use crate::token::TokenArgs;

/// Send webhooks to a receiver: any command's sample, a JSON file, or a directory of them.
///
/// Each webhook is a POST with Tencent's query string (SdkAppid,
/// CallbackCommand, contenttype, ClientIP, OptPlatform; RequestTime and Sign
/// when a token is given, signed when the request leaves). At the end, a
/// summary of the answers by HTTP status and ErrorCode, with p50 and p99
/// latency; with a single webhook, the answer itself too.
///
/// Exit code: 0 when every answer is OK (HTTP 2xx, "ActionStatus":"OK") and
/// matches --expect; 1 when any answer is not, or no answer came; 2 for bad
/// usage.
#[derive(Debug, clap::Args)]
#[command(after_long_help = EXPECT_HELP)]
pub struct Args {
    /// The receiver's URL, such as http://127.0.0.1:3000/tencent/callback;
    /// Tencent's query string is appended to it. Required, except with
    /// --list.
    #[arg(long, value_name = "URL", required_unless_present = "list", value_parser = http_url)]
    pub url: Option<String>,

    /// The SdkAppid put in the query.
    #[arg(long, value_name = "ID", default_value_t = 1_400_000_001)]
    pub app_id: u64,

    #[command(flatten)]
    pub token: TokenArgs,

    /// Send this command's sample event, by the name --list prints
    /// (create, start and end name the battle events too).
    /// [default: battle-ended]
    #[arg(long, value_name = "NAME", conflicts_with = "file")]
    pub event: Option<String>,

    /// Send this JSON file, byte for byte; or, for a directory, every *.json
    /// file in it (not in its subdirectories), in name order.
    #[arg(long, value_name = "PATH")]
    pub file: Option<PathBuf>,

    /// The CallbackCommand put in the query, instead of the file's own
    /// "CallbackCommand" (or the sample's command). Required for a file
    /// without one.
    #[arg(long, value_name = "CMD")]
    pub command: Option<String>,

    /// Print every sample's name and its command, and exit.
    #[arg(long)]
    pub list: bool,

    /// Send each webhook N times (with a directory: N rounds over its files).
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = at_least_one)]
    pub count: u64,

    /// At most C requests in flight at once (1 to 1024).
    #[arg(long, value_name = "C", default_value_t = 1, value_parser = value_parser!(u64).range(1..=1024))]
    pub concurrency: u64,

    /// Give up on an answer after this many seconds (Tencent waits 2 seconds
    /// for a decision).
    #[arg(long, value_name = "SECONDS", default_value_t = 10, value_parser = at_least_one)]
    pub timeout: u64,

    /// What every answer must be: ok, allow, reject, discard, modify,
    /// partial or code=N (see below, in --help).
    #[arg(long, value_name = "DECISION")]
    pub expect: Option<Expect>,
}

const EXPECT_HELP: &str = "\
How --expect reads an answer (all but ok and code=N also need an OK answer):
  ok        HTTP 2xx and \"ActionStatus\":\"OK\": an acknowledgement, or any decision.
            Without --expect, the exit code checks this.
  allow     ErrorCode 0, nothing changed, nobody left out.
            An acknowledgement reads as allow.
  reject    refused as a whole: ErrorCode not 0 (1, or a code passed on to the sender),
            except 2 where it means discard. For a friend request (a ResultItem list):
            every ResultCode not 0 (Tencent ignores ErrorCode there).
  discard   ErrorCode 2 to Group.CallbackBeforeSendMsg or
            OfficialAccount.CallbackBeforeSendMsg, the messages Tencent can drop silently.
            A C2C message has no silent drop: 2 is a reject there.
  modify    ErrorCode 0 with a replacement MsgBody or CloudCustomData.
  partial   some users left out, the others let through: ErrorCode 0 with a non-empty
            RefusedMembers_Account or RefusedSubscribers_Account, or a ResultItem list
            with both ResultCode 0 and others.
  code=N    an OK answer whose ErrorCode is exactly N.";

/// For clap: an `http://` URL with a host (the client speaks plain HTTP).
fn http_url(text: &str) -> Result<String, String> {
    let uri: http::Uri = text
        .parse()
        .map_err(|error| format!("not a URL: {error}"))?;
    match uri.scheme_str() {
        Some("http") if uri.host().is_some() => Ok(text.to_owned()),
        Some("http") => Err("no host in it".to_owned()),
        Some("https") => Err(
            "https is not supported: this tool speaks plain HTTP (put a TLS proxy in front, \
             or send to the receiver's http:// address)"
                .to_owned(),
        ),
        _ => Err("expected http://HOST[:PORT]/PATH".to_owned()),
    }
}

/// For clap: a whole number, 1 or more.
fn at_least_one(text: &str) -> Result<u64, String> {
    match text.parse::<u64>() {
        Ok(0) => Err("must be 1 or more".to_owned()),
        Ok(number) => Ok(number),
        Err(error) => Err(format!("not a whole number: {error}")),
    }
}

/// What every answer must be, given with `--expect`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expect {
    /// Any OK answer.
    Ok,
    /// [`Verdict::Allow`].
    Allow,
    /// [`Verdict::Reject`].
    Reject,
    /// [`Verdict::Discard`].
    Discard,
    /// [`Verdict::Modify`].
    Modify,
    /// [`Verdict::Partial`].
    Partial,
    /// An OK answer with exactly this `ErrorCode`.
    Code(i64),
}

impl FromStr for Expect {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Ok(match text {
            "ok" => Self::Ok,
            "allow" => Self::Allow,
            "reject" => Self::Reject,
            "discard" => Self::Discard,
            "modify" => Self::Modify,
            "partial" => Self::Partial,
            _ => match text.strip_prefix("code=") {
                Some(code) => Self::Code(
                    code.parse()
                        .map_err(|_| format!("code={code}: not an integer ErrorCode"))?,
                ),
                None => {
                    return Err(
                        "expected ok, allow, reject, discard, modify, partial or code=N".to_owned(),
                    )
                }
            },
        })
    }
}

impl fmt::Display for Expect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Ok => f.write_str("ok"),
            Self::Allow => f.write_str("allow"),
            Self::Reject => f.write_str("reject"),
            Self::Discard => f.write_str("discard"),
            Self::Modify => f.write_str("modify"),
            Self::Partial => f.write_str("partial"),
            Self::Code(code) => write!(f, "code={code}"),
        }
    }
}

impl Expect {
    /// Whether `answer`, to a webhook of `command`, is what was expected.
    pub fn matches(self, command: &str, answer: &Answer) -> bool {
        match self {
            Self::Ok => answer.is_ok(),
            Self::Code(code) => answer.is_ok() && answer.error_code() == Some(code),
            Self::Allow => verdict(command, answer) == Verdict::Allow,
            Self::Reject => matches!(verdict(command, answer), Verdict::Reject(_)),
            Self::Discard => verdict(command, answer) == Verdict::Discard,
            Self::Modify => verdict(command, answer) == Verdict::Modify,
            Self::Partial => verdict(command, answer) == Verdict::Partial,
        }
    }
}

/// What an answer says, read as `--expect` reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Not an OK answer: why.
    Fail(String),
    /// Let through as sent (or acknowledged).
    Allow,
    /// Refused as a whole, with this `ErrorCode` (or `ResultCode`).
    Reject(i64),
    /// Dropped silently.
    Discard,
    /// Let through, changed.
    Modify,
    /// Some users left out.
    Partial,
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Fail(why) => write!(f, "not OK ({why})"),
            Self::Allow => f.write_str("allow"),
            Self::Reject(code) => write!(f, "reject (code {code})"),
            Self::Discard => f.write_str("discard"),
            Self::Modify => f.write_str("modify"),
            Self::Partial => f.write_str("partial"),
        }
    }
}

/// The commands whose `ErrorCode` 2 drops the message silently.
const SILENT_DROP: [&str; 2] = [
    "Group.CallbackBeforeSendMsg",
    "OfficialAccount.CallbackBeforeSendMsg",
];

/// Reads `answer`, to a webhook of `command`, as a decision.
pub fn verdict(command: &str, answer: &Answer) -> Verdict {
    if !answer.status.is_success() {
        return Verdict::Fail(format!("HTTP {}", answer.status.as_u16()));
    }
    let Some(json) = answer.json() else {
        return Verdict::Fail("not JSON".to_owned());
    };
    match json.get("ActionStatus").and_then(|status| status.as_str()) {
        Some("OK") => {}
        Some(status) => return Verdict::Fail(format!("ActionStatus {status}")),
        None => return Verdict::Fail("no ActionStatus".to_owned()),
    }
    // Friend requests: one verdict per user, and Tencent ignores ErrorCode.
    if let Some(items) = json.get("ResultItem").and_then(|items| items.as_array()) {
        if !items.is_empty() {
            let codes: Vec<i64> = items
                .iter()
                .map(|item| {
                    item.get("ResultCode")
                        .and_then(|code| code.as_i64())
                        .unwrap_or(0)
                })
                .collect();
            let refused = codes.iter().filter(|code| **code != 0).count();
            return match refused {
                0 => Verdict::Allow,
                all if all == codes.len() => Verdict::Reject(codes[0]),
                _ => Verdict::Partial,
            };
        }
    }
    let Some(code) = json.get("ErrorCode").and_then(|code| code.as_i64()) else {
        return Verdict::Fail("no ErrorCode".to_owned());
    };
    if code == 2 && SILENT_DROP.contains(&command) {
        return Verdict::Discard;
    }
    if code != 0 {
        return Verdict::Reject(code);
    }
    if json.get("MsgBody").is_some() || json.get("CloudCustomData").is_some() {
        return Verdict::Modify;
    }
    let leaves_out = |field: &str| {
        json.get(field)
            .and_then(|list| list.as_array())
            .is_some_and(|list| !list.is_empty())
    };
    if leaves_out("RefusedMembers_Account") || leaves_out("RefusedSubscribers_Account") {
        return Verdict::Partial;
    }
    Verdict::Allow
}

/// One webhook to send: its body, and Tencent's query without a signature.
#[derive(Clone, Debug)]
pub struct Webhook {
    /// Where it came from, for messages: `sample gift` or a file's path.
    pub source: String,
    /// The `CallbackCommand` in the query.
    pub command: String,
    /// Tencent's query string, without `Sign` and `RequestTime`.
    pub query: String,
    /// The body, byte for byte.
    pub body: Bytes,
}

impl Webhook {
    /// A webhook of `command` with `body`, for the receiver of `app_id`.
    pub fn new(source: String, command: String, app_id: u64, body: Bytes) -> Self {
        let query = WebhookRequest::raw(command.as_str(), "")
            .app_id(app_id)
            .query();
        Self {
            source,
            command,
            query,
            body,
        }
    }
}

/// How [`deliver`] sends.
#[derive(Clone, Debug)]
pub struct Delivery {
    /// The receiver.
    pub url: String,
    /// Signs each request at the time it leaves, when given.
    pub token: Option<String>,
    /// Each webhook is sent this many times (in rounds over the list).
    pub rounds: u64,
    /// At most this many requests in flight.
    pub concurrency: usize,
    /// How long to wait for an answer.
    pub timeout: Duration,
}

/// Sends every webhook `delivery.rounds` times, at most
/// `delivery.concurrency` at once, and calls `each` with every webhook and
/// its answer (or why none came) as they arrive.
pub async fn deliver(
    webhooks: Arc<[Webhook]>,
    delivery: &Delivery,
    mut each: impl FnMut(&Webhook, Result<Answer, String>),
) {
    let total = webhooks.len() as u64 * delivery.rounds;
    if total == 0 {
        return;
    }
    let workers = (delivery.concurrency.max(1) as u64).min(total);
    let client = Client::new(workers as usize);
    let next = Arc::new(AtomicU64::new(0));
    let (sender, mut receiver) = tokio::sync::mpsc::unbounded_channel();
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..workers {
        let (client, next, sender, webhooks) = (
            client.clone(),
            Arc::clone(&next),
            sender.clone(),
            Arc::clone(&webhooks),
        );
        let (url, token, timeout) = (
            delivery.url.clone(),
            delivery.token.clone(),
            delivery.timeout,
        );
        tasks.spawn(async move {
            loop {
                let at = next.fetch_add(1, Ordering::Relaxed);
                if at >= total {
                    break;
                }
                let index = (at % webhooks.len() as u64) as usize;
                let webhook = &webhooks[index];
                let query = signed_query(&webhook.query, token.as_deref(), now_seconds());
                let answer =
                    tokio::time::timeout(timeout, client.post(&url, &query, webhook.body.clone()))
                        .await
                        .unwrap_or_else(|_| {
                            Err(format!("{url}: no answer within {}s", timeout.as_secs()))
                        });
                if sender.send((index, answer)).is_err() {
                    break;
                }
            }
        });
    }
    drop(sender);
    while let Some((index, answer)) = receiver.recv().await {
        each(&webhooks[index], answer);
    }
    while tasks.join_next().await.is_some() {}
}

/// Runs `send`.
pub async fn run(args: Args) -> Result<ExitCode, String> {
    if args.list {
        list();
        return Ok(ExitCode::SUCCESS);
    }
    let Some(url) = args.url.clone() else {
        return Err("--url is required".to_owned());
    };
    let webhooks = webhooks(&args)?;
    let token = args.token.resolve()?;
    let delivery = Delivery {
        url,
        token,
        rounds: args.count,
        concurrency: args.concurrency as usize,
        timeout: Duration::from_secs(args.timeout),
    };
    let total = webhooks.len() as u64 * args.count;
    let bar = progress(total);
    let mut report = Report::new();
    let mut single = None;
    let mut differ: BTreeMap<(String, String, String), u64> = BTreeMap::new();
    let mut unanswered = None;
    deliver(webhooks.into(), &delivery, |webhook, answer| {
        report.record(&answer);
        bar.inc(1);
        match &answer {
            Ok(answer) => {
                if let Some(expect) = args.expect {
                    if !expect.matches(&webhook.command, answer) {
                        let seen = verdict(&webhook.command, answer).to_string();
                        let key = (webhook.source.clone(), webhook.command.clone(), seen);
                        *differ.entry(key).or_default() += 1;
                    }
                }
            }
            Err(error) => {
                unanswered.get_or_insert_with(|| error.clone());
            }
        }
        if total == 1 {
            single = Some(answer);
        }
    })
    .await;
    bar.finish_and_clear();

    if let Some(Ok(answer)) = &single {
        println!("HTTP {}", answer.status);
        println!("{}", String::from_utf8_lossy(&answer.body));
    }
    print!("{}", report.summary());

    let mut problems = Vec::new();
    if let Some(error) = unanswered {
        problems.push(format!("no answer: {error}"));
    }
    if report.not_ok() > 0 {
        problems.push(format!(
            "{} of {total} webhooks got no OK answer",
            report.not_ok()
        ));
    }
    if let Some(expect) = args.expect {
        let count: u64 = differ.values().sum();
        if count > 0 {
            let which: Vec<String> = differ
                .iter()
                .map(|((source, command, seen), count)| {
                    format!("{count} of {source} ({command}) answered {seen}")
                })
                .collect();
            problems.push(format!(
                "{count} of {total} answers differ from --expect {expect}: {}",
                which.join(", ")
            ));
        }
    }
    if problems.is_empty() {
        Ok(ExitCode::SUCCESS)
    } else {
        Err(problems.join("\ntencent-webhook: "))
    }
}

/// `--list`: every sample's name and command, aligned.
fn list() {
    let samples = samples::all();
    let width = samples
        .iter()
        .map(|(name, _)| name.len())
        .max()
        .unwrap_or(0);
    for (name, event) in &samples {
        println!("{name:<width$}  {}", event.callback_command());
    }
}

/// What `args` says to send, each once.
fn webhooks(args: &Args) -> Result<Vec<Webhook>, String> {
    let Some(path) = &args.file else {
        let name = args.event.as_deref().unwrap_or(samples::DEFAULT);
        let Some(event) = samples::find(name) else {
            crate::usage_error(
                "send",
                ErrorKind::InvalidValue,
                format!("--event {name}: no sample has this name; `tencent-webhook send --list` prints them"),
            );
        };
        let body = serde_json::to_string(&event)
            .map_err(|error| format!("--event {name}: the sample cannot be written: {error}"))?;
        let command = args
            .command
            .clone()
            .unwrap_or_else(|| event.callback_command().to_owned());
        return Ok(vec![Webhook::new(
            format!("sample {name}"),
            command,
            args.app_id,
            Bytes::from(body),
        )]);
    };
    let files = if path.is_dir() {
        json_files(path)?
    } else {
        vec![path.clone()]
    };
    files
        .into_iter()
        .map(|file| {
            let body =
                std::fs::read(&file).map_err(|error| format!("{}: {error}", file.display()))?;
            let command = match &args.command {
                Some(command) => command.clone(),
                None => command_in(&file, &body)?,
            };
            Ok(Webhook::new(
                file.display().to_string(),
                command,
                args.app_id,
                Bytes::from(body),
            ))
        })
        .collect()
}

/// The `*.json` files directly in `directory`, in name order.
fn json_files(directory: &Path) -> Result<Vec<PathBuf>, String> {
    let entries = std::fs::read_dir(directory)
        .map_err(|error| format!("{}: {error}", directory.display()))?;
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|error| format!("{}: {error}", directory.display()))?;
        let path = entry.path();
        if path
            .extension()
            .is_some_and(|extension| extension == "json")
            && path.is_file()
        {
            files.push(path);
        }
    }
    files.sort();
    if files.is_empty() {
        return Err(format!("{}: no *.json file in it", directory.display()));
    }
    Ok(files)
}

/// The file's own `"CallbackCommand"`.
fn command_in(file: &Path, body: &[u8]) -> Result<String, String> {
    let json: serde_json::Value = serde_json::from_slice(body).map_err(|error| {
        format!(
            "{}: not JSON ({error}); to send it anyway, give its command with --command",
            file.display()
        )
    })?;
    json.get("CallbackCommand")
        .and_then(|command| command.as_str())
        .map(str::to_owned)
        .ok_or_else(|| {
            format!(
                "{}: no \"CallbackCommand\" in it; give one with --command",
                file.display()
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::StatusCode;

    fn answer(status: u16, body: &str) -> Answer {
        Answer::new(
            StatusCode::from_u16(status).expect("a status"),
            Bytes::from(body.to_owned()),
            Duration::ZERO,
        )
    }

    const ROOM: &str = "Group.CallbackBeforeSendMsg";
    const C2C: &str = "C2C.CallbackBeforeSendMsg";

    #[test]
    fn verdicts_follow_the_spec() {
        let ok =
            |code: i64| format!(r#"{{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":{code}}}"#);
        assert_eq!(verdict(ROOM, &answer(200, &ok(0))), Verdict::Allow);
        assert_eq!(verdict(ROOM, &answer(200, &ok(1))), Verdict::Reject(1));
        assert_eq!(verdict(ROOM, &answer(200, &ok(2))), Verdict::Discard);
        assert_eq!(verdict(C2C, &answer(200, &ok(2))), Verdict::Reject(2));
        assert_eq!(
            verdict(ROOM, &answer(200, &ok(10100))),
            Verdict::Reject(10100)
        );
        let modified = r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0,"MsgBody":[]}"#;
        assert_eq!(verdict(ROOM, &answer(200, modified)), Verdict::Modify);
        let invite = r#"{"ActionStatus":"OK","ErrorCode":0,"RefusedMembers_Account":["a"]}"#;
        assert_eq!(verdict("x", &answer(200, invite)), Verdict::Partial);
        let friends = |a: i64, b: i64| {
            format!(
                r#"{{"ActionStatus":"OK","ErrorCode":0,"ResultItem":[{{"To_Account":"a","ResultCode":{a}}},{{"To_Account":"b","ResultCode":{b}}}]}}"#
            )
        };
        assert_eq!(verdict("x", &answer(200, &friends(0, 0))), Verdict::Allow);
        assert_eq!(
            verdict("x", &answer(200, &friends(0, 38001))),
            Verdict::Partial
        );
        assert_eq!(
            verdict("x", &answer(200, &friends(38001, 38001))),
            Verdict::Reject(38001)
        );
        let fail = r#"{"ActionStatus":"FAIL","ErrorCode":0}"#;
        assert!(matches!(
            verdict(ROOM, &answer(200, fail)),
            Verdict::Fail(_)
        ));
        assert!(matches!(
            verdict(ROOM, &answer(500, &ok(0))),
            Verdict::Fail(_)
        ));
        assert!(matches!(
            verdict(ROOM, &answer(200, "nope")),
            Verdict::Fail(_)
        ));
    }

    #[test]
    fn expectations_parse_and_match() {
        assert_eq!("code=10100".parse(), Ok(Expect::Code(10100)));
        assert!("code=x".parse::<Expect>().is_err());
        assert!("maybe".parse::<Expect>().is_err());
        for name in [
            "ok", "allow", "reject", "discard", "modify", "partial", "code=-3",
        ] {
            let expect: Expect = name.parse().expect("a known expectation");
            assert_eq!(expect.to_string(), name);
        }
        let rejected = answer(200, r#"{"ActionStatus":"OK","ErrorCode":1}"#);
        assert!(Expect::Ok.matches(ROOM, &rejected));
        assert!(Expect::Reject.matches(ROOM, &rejected));
        assert!(Expect::Code(1).matches(ROOM, &rejected));
        assert!(!Expect::Code(0).matches(ROOM, &rejected));
        assert!(!Expect::Allow.matches(ROOM, &rejected));
        let failed = answer(500, r#"{"ActionStatus":"OK","ErrorCode":1}"#);
        assert!(!Expect::Code(1).matches(ROOM, &failed));
        assert!(!Expect::Ok.matches(ROOM, &failed));
    }
}
