//! `tencent-webhook listen`: a local receiver for both consoles' commands
//! (`TencentWebhookLayer` in handler mode, in front of a 404), which prints
//! each webhook, answers questions by the rules of its flags (`rules.rs`) and,
//! with `--store`, keeps what it receives in SQLite (`store.rs`).

use std::convert::Infallible;
use std::io::Write as _;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http::{Request, Response, StatusCode};
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use serde_json::{json, Value};
use tencent_live_webhook::{
    dead_letter_queue, CallbackQuery, DeadLetterReceiver, IdempotencyKey, RawBody, Reply,
    RequestBody, TencentEvent, TencentWebhookLayer, WebhookEvent,
};
use tokio::net::TcpListener;
use tower::{service_fn, ServiceBuilder, ServiceExt};

use crate::rules::{Rules, Verdict};
use crate::store::{now_ms, DeadLetterRow, InboxRow, Store};
use crate::token::TokenArgs;

/// Receive webhooks locally, print them, answer decisions by simple rules, and store them.
///
/// A receiver for both consoles' commands on one path (the crate's
/// TencentWebhookLayer): it checks the SdkAppid and, with a token, the
/// signature; prints every webhook that reaches it on stdout as it arrives,
/// with the answer given; answers questions by the rules below (every other
/// question is allowed, news is acknowledged); and prints the webhooks the
/// layer refuses (dead letters) too. Commands outside the crate's tables are
/// received as well, and acknowledged. It serves until Ctrl-C or SIGTERM,
/// then exits 0.
///
/// On start it prints one line on stderr: `listening on
/// http://<address><path>` (with --port 0, the port the OS chose).
#[derive(Debug, clap::Args)]
#[command(after_long_help = AFTER_HELP)]
pub struct Args {
    /// The IP address to listen on. Outside loopback (127.0.0.0/8, ::1) it
    /// needs --public.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    host: IpAddr,

    /// The port to listen on; 0 lets the OS choose one (printed on stderr).
    #[arg(long, value_name = "N", default_value_t = 3000)]
    port: u16,

    /// The path the webhooks are POSTed to; every other path is answered 404.
    #[arg(long, value_name = "P", default_value = "/tencent/callback", value_parser = parse_path)]
    path: String,

    /// An SdkAppid to accept; repeat it to accept several. Others are
    /// refused (403).
    #[arg(
        long = "app-id",
        value_name = "ID",
        default_values_t = [tencent_live_webhook::testing::fixtures::APP_ID]
    )]
    app_ids: Vec<u64>,

    #[command(flatten)]
    token: TokenArgs,

    /// Allow listening on an address outside loopback, where anyone who can
    /// reach it can post webhooks (set a token).
    #[arg(long)]
    public: bool,

    /// Print one JSON object per line instead of readable lines (the shapes
    /// are described below).
    #[arg(long)]
    json: bool,

    /// Reject a gift (Live.CallbackBeforeSendGift) worth more than N coins in
    /// all (Count x Coins); allow the others. Without it, every gift is
    /// allowed.
    #[arg(long, value_name = "N")]
    reject_gifts_over: Option<u64>,

    /// Comma-separated words (case ignored, matched inside the message's
    /// text elements): a room message (Group.CallbackBeforeSendMsg) or an
    /// official account's message (OfficialAccount.CallbackBeforeSendMsg)
    /// containing one is dropped silently; a one-to-one message
    /// (C2C.CallbackBeforeSendMsg) is rejected, as C2C has no silent drop.
    #[arg(long, value_name = "WORDS", value_delimiter = ',')]
    discard_words: Vec<String>,

    /// Fail every webhook of this CallbackCommand, as a broken app's handler
    /// would (repeatable): an after-webhook is answered FAIL (HTTP 500,
    /// ErrorCode 4001), a question gets its fallback decision; either becomes
    /// a dead letter (reason `failed`) and is not written to the inbox. To
    /// rehearse the recovery path: listen with --fail and --store, send,
    /// listen again without --fail, then `replay --from dead-letters`.
    #[arg(long, value_name = "COMMAND")]
    fail: Vec<String>,

    /// A question's time for its decision, in milliseconds; past it, the
    /// command's fallback decision is answered (Tencent waits 2000).
    #[arg(long, value_name = "MS", default_value_t = 1500)]
    deadline_ms: u64,

    /// Keep what arrives in this SQLite file (created when missing; WAL,
    /// synchronous FULL), in the workspace's tables (`schema/sqlite/`):
    /// `inbox`, every webhook that reached the handler, byte for byte, written
    /// before its answer (once per exact or probable IdempotencyKey; a
    /// webhook without a key, each time), and `dead_letters`, every refused
    /// or failed one. Queries are kept without Sign and RequestTime.
    /// `tencent-webhook replay` reads both tables.
    #[arg(long, value_name = "FILE")]
    store: Option<PathBuf>,
}

const AFTER_HELP: &str = "\
Printed on stdout, one line per webhook (readable), or with --json one JSON object per line:
  a webhook that reached the handler:
    {\"received_at_ms\": <Unix ms>, \"command\": <CallbackCommand>, \"key\": <IdempotencyKey or null>,
     \"strength\": \"exact\"|\"probable\"|\"none\", \"event\": <the event's JSON>,
     \"answer\": <the answer's JSON>, \"decision\": \"ok\"|\"allow\"|\"reject\"|\"discard\"|\"fail\",
     \"why\": <the rule's reason or null>, \"inbox\": \"new\"|\"already\"|null}
    (\"inbox\": \"already\" is a retry: its key was stored before; null without --store)
  a dead letter (a webhook the layer refused, or answered with a FAIL or a fallback):
    {\"received_at_ms\": <Unix ms>, \"command\": <CallbackCommand>, \"key\": ..., \"strength\": ...,
     \"dead_letter\": {\"reason\": \"refused\"|\"deadline\"|\"failed\"|\"panicked\"|\"no_decision\"|\"other\",
     \"error_code\": <ErrorCode or null>, \"detail\": <in words>, \"truncated\": <bool>},
     \"body\": <the bytes read, as text>, \"stored\": <bool, null without --store>}
Readable times are UTC, HH:MM:SS.mmm. Tokens are never printed.

Examples:
  tencent-webhook listen --port 3000 --reject-gifts-over 100 --discard-words spam,scam
  tencent-webhook listen --store inbox.sqlite3 --json
  tencent-webhook listen --store inbox.sqlite3 --fail Live.CallbackAfterEndBattle";

fn parse_path(path: &str) -> Result<String, String> {
    if path.starts_with('/') && !path.contains(['?', '#']) {
        Ok(path.to_owned())
    } else {
        Err("a path starts with '/' and has no '?' or '#'".to_owned())
    }
}

/// What the handler and the dead letters' task share.
struct Shared {
    rules: Rules,
    store: Option<Store>,
    json: bool,
}

/// Runs `listen`.
pub async fn run(args: Args) -> Result<ExitCode, String> {
    if !args.host.is_loopback() && !args.public {
        crate::usage_error(
            "listen",
            clap::error::ErrorKind::ArgumentConflict,
            format!(
                "--host {} is outside loopback (127.0.0.0/8, ::1): anyone who can reach it could \
             post webhooks; pass --public to listen there anyway",
                args.host
            ),
        );
    }
    for command in &args.fail {
        if !<TencentEvent as WebhookEvent>::claims(command) {
            eprintln!(
                "tencent-webhook: warning: --fail {command}: not a command of the crate's tables \
                 (it fails all the same when it arrives)"
            );
        }
    }
    let token = args.token.resolve()?;
    let store = match &args.store {
        Some(path) => Some(Store::open(path)?),
        None => None,
    };
    let shared = Arc::new(Shared {
        rules: Rules::new(args.reject_gifts_over, &args.discard_words, &args.fail),
        store,
        json: args.json,
    });

    let (sink, letters) = dead_letter_queue(1024);
    let keeping = tokio::spawn(keep_dead_letters(letters, Arc::clone(&shared)));

    let mut webhook = TencentWebhookLayer::new(args.path.clone())
        .app_ids(args.app_ids.iter().copied())
        .receive_unknown()
        .deadline(Duration::from_millis(args.deadline_ms))
        .timer(tencent_live_webhook::TokioTimer)
        .dead_letters(sink);
    match &token {
        Some(token) => {
            webhook = webhook
                .try_token(token)
                .map_err(|error| format!("the token cannot be used: {error}"))?;
        }
        None => eprintln!(
            "tencent-webhook: no token (--token-file, $TENCENT_WEBHOOK_TOKEN): \
             signatures are not checked"
        ),
    }
    let handler = Arc::clone(&shared);
    let webhook = webhook.handler(service_fn(move |request: Request<TencentEvent>| {
        handle(Arc::clone(&handler), request)
    }));
    let service = ServiceBuilder::new().layer(webhook).service_fn(not_found);

    // The signals are caught from here on: a SIGTERM right after the
    // listening line ends the loop, not the process.
    let shutdown = shutdown_signal()?;
    let address = SocketAddr::new(args.host, args.port);
    let listener = TcpListener::bind(address)
        .await
        .map_err(|error| format!("cannot listen on {address}: {error}"))?;
    let bound = listener
        .local_addr()
        .map_err(|error| format!("cannot read the address listened on: {error}"))?;
    eprintln!("listening on http://{bound}{}", args.path);

    let graceful = GracefulShutdown::new();
    let connections = &graceful;
    let serve = async move {
        loop {
            let stream = match listener.accept().await {
                Ok((stream, _)) => stream,
                Err(error) => {
                    // Out of file descriptors, say: wait a little, go on.
                    eprintln!("tencent-webhook: accepting a connection: {error}");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            };
            let service = service.clone();
            let json = args.json;
            // hyper's Service, around a fresh clone of the tower one per request.
            let service = hyper::service::service_fn(move |request: Request<Incoming>| {
                answer_and_print(service.clone(), request, json)
            });
            let connection = http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(Duration::from_secs(10))
                .serve_connection(TokioIo::new(stream), service);
            let connection = connections.watch(connection);
            tokio::spawn(async move {
                let _ = connection.await;
            });
        }
    };
    tokio::select! {
        () = serve => {}
        () = shutdown => {}
    }
    // The listener is closed. The webhooks in flight are answered (and
    // stored), and their dead letters written, each for at most DRAIN.
    if tokio::time::timeout(DRAIN, graceful.shutdown())
        .await
        .is_err()
    {
        eprintln!(
            "tencent-webhook: connections still open {} s after the signal: closed",
            DRAIN.as_secs()
        );
    }
    // Every sender of the dead-letter queue is gone with the connections'
    // services: the task writes what is queued, and ends.
    if tokio::time::timeout(DRAIN, keeping).await.is_err() {
        eprintln!(
            "tencent-webhook: dead letters still being written {} s after the signal: \
             not waited for",
            DRAIN.as_secs()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// How long a signal waits for the webhooks in flight, and then for their
/// dead letters.
const DRAIN: Duration = Duration::from_secs(5);

/// Resolves on Ctrl-C (SIGINT) or SIGTERM; the handlers are installed now.
fn shutdown_signal() -> Result<impl std::future::Future<Output = ()>, String> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let failed = |error: std::io::Error| format!("cannot catch signals: {error}");
        let mut interrupt = signal(SignalKind::interrupt()).map_err(failed)?;
        let mut terminate = signal(SignalKind::terminate()).map_err(failed)?;
        Ok(async move {
            tokio::select! {
                _ = interrupt.recv() => {}
                _ = terminate.recv() => {}
            }
        })
    }
    #[cfg(not(unix))]
    {
        Ok(async {
            let _ = tokio::signal::ctrl_c().await;
        })
    }
}

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// One webhook that reached the handler: decided, stored, printed, answered.
async fn handle(shared: Arc<Shared>, request: Request<TencentEvent>) -> Result<Reply, BoxError> {
    let received_at_ms = now_ms();
    let event = request.body();
    let command = match request.extensions().get::<CallbackQuery>() {
        Some(query) => query.callback_command.clone(),
        None => event.callback_command().to_owned(),
    };
    let body = request
        .extensions()
        .get::<RawBody>()
        .map(|raw| raw.0.clone());
    let key = IdempotencyKey::new(&command, body.as_deref().unwrap_or_default());
    let slot = request.extensions().get::<PrintSlot>().cloned();
    let mut line = EventLine {
        received_at_ms,
        event: serde_json::to_value(event).unwrap_or(Value::Null),
        command: command.clone(),
        key,
        label: "fail",
        why: None,
        inbox: None,
    };

    let (reply, label, why) = match shared.rules.decide(event) {
        Verdict::Fail => {
            let why = format!("--fail {command}");
            line.why = Some(why.clone());
            print_later(slot, line, None, shared.json);
            return Err(why.into());
        }
        Verdict::Answer { reply, label, why } => (reply, label, why),
    };

    if let Some(store) = &shared.store {
        let Some(body) = body else {
            return Err("no RawBody in the request: nothing to store".into());
        };
        let query = request.uri().query().unwrap_or_default();
        let row = InboxRow::new(&command, query, body, received_at_ms);
        let store = store.clone();
        let written = tokio::task::spawn_blocking(move || store.insert_inbox(&row))
            .await
            .unwrap_or_else(|error| Err(format!("the inbox's write ended: {error}")));
        match written {
            Ok(new) => line.inbox = Some(new),
            Err(error) => {
                eprintln!("tencent-webhook: {command}: not stored: {error}");
                line.why = Some("not stored in the inbox".to_owned());
                print_later(slot, line, None, shared.json);
                return Err(error.into());
            }
        }
    }
    line.label = label;
    line.why = why;
    print_later(slot, line, Some(&reply), shared.json);
    Ok(reply)
}

/// Where the handler leaves its line, for [`answer_and_print`] to print
/// with the answer the layer actually sent (a friend decision completed, a
/// fallback, a FAIL).
#[derive(Clone, Default)]
struct PrintSlot(Arc<std::sync::Mutex<Option<EventLine>>>);

impl PrintSlot {
    fn take(&self) -> Option<EventLine> {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take()
    }
}

/// Leaves `line` in the slot; without one, prints it now with `reply`.
fn print_later(slot: Option<PrintSlot>, line: EventLine, reply: Option<&Reply>, json: bool) {
    match slot {
        Some(slot) => {
            *slot
                .0
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(line);
        }
        None => {
            let answer = reply.map(|reply| reply.to_bytes()).unwrap_or_default();
            print(&line.render(None, &answer, json));
        }
    }
}

/// One request through the service; the line the handler left (if the
/// request reached it) is printed with the answer, once it is made.
async fn answer_and_print<S, B>(
    service: S,
    mut request: Request<Incoming>,
    json: bool,
) -> Result<Response<Full<Bytes>>, Infallible>
where
    S: tower::Service<Request<Incoming>, Response = Response<B>, Error = Infallible>,
    B: hyper::body::Body<Data = Bytes>,
    B::Error: std::fmt::Display,
{
    let slot = PrintSlot::default();
    request.extensions_mut().insert(slot.clone());
    let response = service.oneshot(request).await?;
    let (parts, body) = response.into_parts();
    let body = match body.collect().await {
        Ok(body) => body.to_bytes(),
        Err(error) => {
            eprintln!("tencent-webhook: the answer could not be made: {error}");
            Bytes::new()
        }
    };
    if let Some(line) = slot.take() {
        print(&line.render(Some(parts.status), &body, json));
    }
    Ok(Response::from_parts(parts, Full::new(body)))
}

/// Everything that is not the webhook.
async fn not_found(_: Request<RequestBody<Incoming>>) -> Result<Response<Full<Bytes>>, Infallible> {
    let mut response = Response::new(Full::new(Bytes::from_static(b"not found\n")));
    *response.status_mut() = StatusCode::NOT_FOUND;
    Ok(response)
}

/// Takes the layer's dead letters off the queue (each with every other
/// letter queued at that moment), stores them with `--store`, prints them.
async fn keep_dead_letters(mut letters: DeadLetterReceiver, shared: Arc<Shared>) {
    let mut dropped = 0;
    while let Some(letter) = letters.recv().await {
        let taken_at_ms = now_ms();
        let mut rows = vec![DeadLetterRow::of(&letter, taken_at_ms)];
        while let Some(letter) = letters.try_recv() {
            rows.push(DeadLetterRow::of(&letter, taken_at_ms));
        }
        let mut stored = None;
        if let Some(store) = &shared.store {
            let store = store.clone();
            let batch = rows.clone();
            let written = tokio::task::spawn_blocking(move || store.insert_dead_letters(&batch))
                .await
                .unwrap_or_else(|error| Err(format!("the dead letters' write ended: {error}")));
            if let Err(error) = &written {
                eprintln!(
                    "tencent-webhook: {} dead letter(s) not stored: {error}",
                    rows.len()
                );
            }
            stored = Some(written.is_ok());
        }
        for row in &rows {
            print(&letter_line(row, stored, shared.json));
        }
        if letters.dropped() > dropped {
            dropped = letters.dropped();
            eprintln!(
                "tencent-webhook: {dropped} dead letter(s) dropped so far, the queue being full"
            );
        }
    }
}

/// One line on stdout; a closed stdout is not an error worth stopping for.
fn print(line: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(stdout, "{line}");
    let _ = stdout.flush();
}

/// A webhook that reached the handler, as printed.
struct EventLine {
    received_at_ms: i64,
    command: String,
    key: IdempotencyKey,
    /// The event's JSON.
    event: Value,
    /// `ok`, `allow`, `reject`, `discard` or `fail`.
    label: &'static str,
    why: Option<String>,
    /// With `--store`: whether the inbox row was new.
    inbox: Option<bool>,
}

impl EventLine {
    /// The line, with the answer sent (its HTTP status, when known, and body).
    fn render(&self, status: Option<StatusCode>, answer: &[u8], json: bool) -> String {
        let answer: Value = serde_json::from_slice(answer)
            .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(answer).into_owned()));
        if json {
            let inbox = self.inbox.map(|new| if new { "new" } else { "already" });
            return json!({
                "received_at_ms": self.received_at_ms,
                "command": self.command,
                "key": self.key.as_str(),
                "strength": self.key.strength().as_str(),
                "event": self.event,
                "answer": answer,
                "decision": self.label,
                "why": self.why,
                "inbox": inbox,
            })
            .to_string();
        }
        let mut line = format!("{} {}", clock(self.received_at_ms), self.command);
        let fields = key_fields(&self.event);
        if !fields.is_empty() {
            line.push_str("  ");
            line.push_str(&fields);
        }
        line.push_str(" -> ");
        line.push_str(self.label);
        if let Some(why) = &self.why {
            line.push_str(&format!(" ({why})"));
        }
        line.push_str(" [");
        if let Some(status) = status.filter(|status| *status != StatusCode::OK) {
            line.push_str(&format!("HTTP {}, ", status.as_u16()));
        }
        match (&answer["ActionStatus"], &answer["ErrorCode"]) {
            (Value::String(action), Value::Number(code)) => {
                line.push_str(&format!("{action} {code}"));
            }
            _ => line.push_str("no answer"),
        }
        line.push(']');
        match self.inbox {
            Some(true) => line.push_str(" [inbox: new row]"),
            Some(false) => line.push_str(" [inbox: already there, a retry]"),
            None => {}
        }
        line
    }
}

/// A dead letter, as printed.
fn letter_line(row: &DeadLetterRow, stored: Option<bool>, json: bool) -> String {
    if json {
        return json!({
            "received_at_ms": row.received_at_ms,
            "command": row.command,
            "key": row.key.as_str(),
            "strength": row.key.strength().as_str(),
            "dead_letter": {
                "reason": row.reason,
                "error_code": row.error_code,
                "detail": row.detail,
                "truncated": row.truncated,
            },
            "body": String::from_utf8_lossy(&row.body),
            "stored": stored,
        })
        .to_string();
    }
    let code = row
        .error_code
        .map(|code| format!(" {code}"))
        .unwrap_or_default();
    let truncated = if row.truncated { ", truncated" } else { "" };
    let command = if row.command.is_empty() {
        "(no CallbackCommand)"
    } else {
        &row.command
    };
    let mut line = format!(
        "{} {command} dead letter: {}{code} ({}{truncated})",
        clock(row.received_at_ms),
        row.reason,
        row.detail
    );
    match stored {
        Some(true) => line.push_str("  [stored]"),
        Some(false) => line.push_str("  [NOT stored]"),
        None => {}
    }
    line
}

/// `HH:MM:SS.mmm`, UTC.
fn clock(unix_ms: i64) -> String {
    let ms = unix_ms.rem_euclid(86_400_000);
    format!(
        "{:02}:{:02}:{:02}.{:03}",
        ms / 3_600_000,
        ms / 60_000 % 60,
        ms / 1000 % 60,
        ms % 1000
    )
}

/// The fields a reader looks for first, wherever they are in the event.
const KEY_FIELDS: &[&str] = &[
    "RoomId",
    "BattleId",
    "GroupId",
    "TopicId",
    "Official_Account",
    "From_Account",
    "To_Account",
    "Operator_Account",
    "Member_Account",
    "Report_Account",
    "GiftId",
    "Count",
    "Coins",
    "MsgKey",
];

/// `Name=value` for each of [`KEY_FIELDS`] the event has (its first
/// occurrence), then the message texts; or, when it has none of them, its
/// JSON, cut short.
fn key_fields(event: &Value) -> String {
    let mut parts = Vec::new();
    for name in KEY_FIELDS {
        if let Some(value) = find(event, name) {
            if let Some(value) = scalar(value) {
                parts.push(format!("{name}={}", cut(&value, 60)));
            }
        }
    }
    let mut texts = Vec::new();
    collect_texts(event, &mut texts);
    for text in texts.iter().take(3) {
        parts.push(format!("text={:?}", cut(text, 80)));
    }
    if parts.is_empty() {
        return cut(&event.to_string(), 160);
    }
    parts.join(" ")
}

/// The first member named `name`, depth first.
fn find<'a>(value: &'a Value, name: &str) -> Option<&'a Value> {
    match value {
        Value::Object(map) => map
            .get(name)
            .or_else(|| map.values().find_map(|value| find(value, name))),
        Value::Array(items) => items.iter().find_map(|item| find(item, name)),
        _ => None,
    }
}

/// A string, number or boolean as text; an array of them joined by commas.
fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        Value::Bool(flag) => Some(flag.to_string()),
        Value::Array(items) => {
            let items: Option<Vec<String>> = items.iter().map(scalar).collect();
            items.map(|items| items.join(","))
        }
        _ => None,
    }
}

/// Every `MsgContent.Text` string, in order.
fn collect_texts(value: &Value, texts: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(text)) = map.get("MsgContent").and_then(|c| c.get("Text")) {
                texts.push(text.clone());
            }
            for value in map.values() {
                collect_texts(value, texts);
            }
        }
        Value::Array(items) => items.iter().for_each(|item| collect_texts(item, texts)),
        _ => {}
    }
}

/// At most `chars` characters, with `...` when cut.
fn cut(text: &str, chars: usize) -> String {
    match text.char_indices().nth(chars) {
        Some((at, _)) => format!("{}...", &text[..at]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_clock_is_utc() {
        assert_eq!(clock(0), "00:00:00.000");
        assert_eq!(clock(1_739_956_146_119), "09:09:06.119");
    }

    #[test]
    fn key_fields_name_the_gift_and_the_text() {
        let event = json!({"RoomId": "r-1", "GiftWater": {"From_Account": "a", "To_Account": ["b", "c"], "Count": 2},
                           "MsgBody": [{"MsgType": "TIMTextElem", "MsgContent": {"Text": "hello"}}]});
        assert_eq!(
            key_fields(&event),
            "RoomId=r-1 From_Account=a To_Account=b,c Count=2 text=\"hello\""
        );
        assert_eq!(key_fields(&json!({"Other": 1})), "{\"Other\":1}");
        assert_eq!(cut("abcdef", 3), "abc...");
    }
}
