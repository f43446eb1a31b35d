//! What the fuzz targets share: the layer for the whole table of commands
//! (`TencentWebhookLayer`), driven by polling once (every part is always
//! ready), and the independent model of the rules that decides what every
//! request must get (`tests/model/`, included by path: nothing here decides
//! with the crate's own decoder or query parser).

use std::convert::Infallible;
use std::future::Future;
use std::pin::pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::time::{Duration, UNIX_EPOCH};

use bytes::Bytes;
use http::{header, HeaderValue, Request, Response, StatusCode};
use http_body::Body;
use http_body_util::{BodyExt, Full};
use serde_json::Value;
use tencent_live_webhook::{
    Ack, C2cMessageDecision, ChatbotReply, CreateGroupDecision, CreateOfficialAccountDecision,
    CreateTopicDecision, FriendDecision, GiftDecision, InviteDecision, JoinGroupDecision,
    MessageDecision, OfficialMessageDecision, Reply, RequestBody, SubscriberDecision, TencentEvent,
    TencentWebhookLayer,
};
use tower::{service_fn, Layer, ServiceExt};

#[path = "../../tests/model/mod.rs"]
pub mod model;

use model::decode::{self, Expected};
use model::head;
use model::spec;

pub const PATH: &str = "/tencent/callback";
pub const APP_ID: u64 = 1400000001;
pub const TOKEN: &str = "callback-token";
/// The layers' clock: seeds sign their `RequestTime` at this second.
pub const NOW: u64 = 1_700_000_000;
pub const TOLERANCE: u64 = 60;
/// The layer's default body limit.
pub const LIMIT: usize = 64 * 1024;

/// Every command of the catalogue, by index (as the inputs pick one).
pub fn command(pick: u8) -> &'static spec::Command {
    &spec::COMMANDS[usize::from(pick) % spec::COMMANDS.len()]
}

/// Tencent's query for our app and this command, unsigned.
pub fn plain_query(command: &str) -> String {
    format!(
        "SdkAppid={APP_ID}&CallbackCommand={command}&contenttype=json&ClientIP=127.0.0.1\
         &OptPlatform=RESTAPI"
    )
}

/// Tencent's query for our app and this command, signed at `NOW`.
pub fn signed_query(command: &str) -> String {
    format!(
        "{}&RequestTime={NOW}&Sign={}",
        plain_query(command),
        head::signature(TOKEN, &NOW.to_string())
    )
}

/// The layer for every command, with the fuzzers' fixed clock, optionally
/// signed.
pub fn layer(token: bool) -> TencentWebhookLayer {
    let layer = TencentWebhookLayer::new(PATH)
        .app_id(APP_ID)
        .clock(|| UNIX_EPOCH + Duration::from_secs(NOW))
        .request_time_tolerance(Duration::from_secs(TOLERANCE));
    if token {
        layer.token(TOKEN)
    } else {
        layer
    }
}

/// The model's view of that layer's head.
pub fn head_config(token: bool) -> head::Config<'static> {
    head::Config {
        path: PATH,
        app_id: APP_ID,
        token: token.then_some(TOKEN),
        now: NOW,
        tolerance: TOLERANCE,
        claims: &COMMAND_NAMES,
    }
}

static COMMAND_NAMES: std::sync::LazyLock<Vec<&'static str>> =
    std::sync::LazyLock::new(|| spec::COMMANDS.iter().map(|command| command.name).collect());

/// Polls a future once. Every service and body here is always ready, so a
/// future that is still pending would be lost work: that is a finding.
pub fn now_or_never<F: Future>(future: F) -> F::Output {
    match pin!(future).poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(output) => output,
        Poll::Pending => panic!("pending although every part is ready"),
    }
}

/// What the handler (handler mode) or the app (forward mode) does with an
/// event it is handed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum App {
    /// Decides: a before-webhook's own kind of decision (chosen to differ
    /// from its fallback), `()` for news.
    Decides,
    /// Answers a FAIL acknowledgement with code 77.
    FailAck,
    /// Handler mode: returns an error. Forward mode: answers no reply.
    Error,
}

/// The decision an app that decides gives this event.
pub fn decision(event: &Value) -> Reply {
    match event["CallbackCommand"].as_str() {
        Some("Live.CallbackBeforeSendGift") => GiftDecision::allow().into(),
        Some("Group.CallbackBeforeSendMsg") => MessageDecision::discard().into(),
        Some("C2C.CallbackBeforeSendMsg") => C2cMessageDecision::reject().into(),
        Some("Group.CallbackBeforeCreateGroup") => CreateGroupDecision::reject().into(),
        Some("Group.CallbackBeforeCreateTopic") => CreateTopicDecision::reject().into(),
        Some("Group.CallbackBeforeApplyJoinGroup") => JoinGroupDecision::reject().into(),
        Some("Group.CallbackBeforeInviteJoinGroup") => InviteDecision::refuse(["jared"]).into(),
        Some("OfficialAccount.CallbackBeforeCreateOfficialAccount") => {
            CreateOfficialAccountDecision::reject().into()
        }
        Some("OfficialAccount.CallbackBeforeAddSubscriber") => SubscriberDecision::reject().into(),
        Some("OfficialAccount.CallbackBeforeSendMsg") => OfficialMessageDecision::discard().into(),
        Some("Chatbot.OnC2CSignalMessage") => ChatbotReply::data("pong").into(),
        Some("Sns.CallbackPrevFriendAdd" | "Sns.CallbackPrevFriendResponse") => {
            FriendDecision::refuse_all(38001, "no").unwrap().into()
        }
        _ => ().into(),
    }
}

fn reply_of(app: App, event: &Value) -> Option<Reply> {
    match app {
        App::Decides => Some(decision(event)),
        App::FailAck => Some(Ack::fail(77, "not stored").into()),
        App::Error => None,
    }
}

/// What became of one request.
#[derive(Debug)]
pub struct Outcome {
    pub status: u16,
    pub body: Bytes,
    pub passthrough: bool,
    /// Calls of the inner service and of the handler.
    pub calls: (usize, usize),
    /// The event handed on, as the crate writes it.
    pub event: Option<Value>,
}

#[derive(Clone, Default)]
struct Record {
    calls: Arc<Mutex<(usize, usize)>>,
    event: Arc<Mutex<Option<Value>>>,
}

/// Sends one request through the layer, in handler mode or forward mode; the
/// inner service answers `inner_status`.
pub fn send<B>(
    layer: TencentWebhookLayer,
    handler_mode: bool,
    app: App,
    inner_status: StatusCode,
    request: Request<B>,
) -> Outcome
where
    B: Body<Data = Bytes> + Send + 'static,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    let record = Record::default();
    let seen = record.clone();
    let inner = service_fn(move |request: Request<RequestBody<B>>| {
        seen.calls.lock().unwrap().0 += 1;
        let handed = request
            .extensions()
            .get::<TencentEvent>()
            .map(|event| serde_json::to_value(event).unwrap());
        let mut response = Response::new(Full::new(Bytes::from_static(b"inner")));
        *response.status_mut() = inner_status;
        response
            .headers_mut()
            .insert("x-inner", HeaderValue::from_static("1"));
        if let Some(reply) = handed.as_ref().and_then(|event| reply_of(app, event)) {
            response.extensions_mut().insert(reply);
        }
        *seen.event.lock().unwrap() = handed;
        std::future::ready(Ok::<_, Infallible>(response))
    });
    let response = if handler_mode {
        let seen = record.clone();
        let handler = service_fn(move |request: Request<TencentEvent>| {
            seen.calls.lock().unwrap().1 += 1;
            let handed = serde_json::to_value(request.body()).unwrap();
            let reply = reply_of(app, &handed);
            *seen.event.lock().unwrap() = Some(handed);
            std::future::ready(reply.ok_or("the store is down"))
        });
        now_or_never(layer.handler(handler).layer(inner).oneshot(request))
    } else {
        now_or_never(layer.layer(inner).oneshot(request))
    };
    let (parts, body) = response
        .expect("the inner service never fails")
        .into_parts();
    let body = now_or_never(body.collect())
        .expect("the answer's body never fails")
        .to_bytes();
    let passthrough = parts.headers.contains_key("x-inner");
    if !passthrough {
        assert_eq!(
            parts
                .headers
                .get(header::CONTENT_TYPE)
                .map(HeaderValue::as_bytes),
            Some(&b"application/json"[..]),
            "an answer that is not JSON"
        );
    }
    let calls = *record.calls.lock().unwrap();
    let event = record.event.lock().unwrap().take();
    Outcome {
        status: parts.status.as_u16(),
        body,
        passthrough,
        calls,
        event,
    }
}

/// What the model says a request must get.
#[derive(Debug, Clone, PartialEq)]
pub enum Want {
    Pass,
    /// A FAIL acknowledgement with one of these codes, nothing called.
    Fail(Vec<i64>),
    /// A before-webhook's fallback decision, byte for byte, nothing called.
    Fallback(&'static str),
    /// Handed on once with this event, then answered as the app's answer
    /// makes it.
    Handled(Value),
}

/// A refusal after the head: a FAIL acknowledgement for news, the fallback
/// decision for a question.
pub fn refusal(command: &str, codes: Vec<i64>) -> Want {
    match spec::command(command).and_then(|command| command.fallback) {
        Some(fallback) => Want::Fallback(fallback),
        None => Want::Fail(codes),
    }
}

/// What a webhook of `command` whose body was read whole must get.
pub fn want_body(command: &str, body: &[u8]) -> Want {
    let verdict = decode::expect(command, body);
    match verdict.expected {
        Expected::Accepted(event) => Want::Handled(event),
        Expected::Refused(codes) => refusal(command, codes),
    }
}

/// Checks an outcome against the model, panicking with both on a difference.
pub fn check(
    outcome: &Outcome,
    want: &Want,
    command: Option<&str>,
    handler_mode: bool,
    app: App,
    inner_status: StatusCode,
) {
    let handed_on = if handler_mode { (0, 1) } else { (1, 0) };
    let fail = |why: &str| -> ! { panic!("{why}: wanted {want:?}, got {outcome:?}") };
    match want {
        Want::Pass => {
            if !outcome.passthrough || outcome.calls != (1, 0) || outcome.event.is_some() {
                fail("not passed through untouched");
            }
        }
        Want::Fail(codes) => {
            let refused = codes.iter().any(|code| {
                head::is_fail(&outcome.body, *code) && outcome.status == head::status_of(*code)
            });
            if !refused {
                fail("not the FAIL acknowledgement");
            }
            if outcome.calls != (0, 0) || outcome.passthrough {
                fail("a refused request reached the app");
            }
        }
        Want::Fallback(fallback) => {
            if outcome.status != 200 || outcome.body != fallback.as_bytes() {
                fail("not the fallback decision");
            }
            if outcome.calls != (0, 0) || outcome.passthrough {
                fail("an undecodable question reached the app");
            }
        }
        Want::Handled(event) => {
            if outcome.calls != handed_on || outcome.passthrough {
                fail("not handed on once");
            }
            if outcome.event.as_ref() != Some(event) {
                fail("not the event the model computes");
            }
            let command = command.expect("a handled request has a command");
            let question = spec::command(command).filter(|command| command.fallback.is_some());
            match (question, app, handler_mode) {
                // A question: the app's decision, or the fallback (for a
                // per-user question, a verdict for each user the event
                // names). In forward mode a status other than 2xx is a
                // failure whatever the response carries.
                (Some(question), _, false) if !inner_status.is_success() => {
                    let fallback = question.fallback_for(Some(event)).unwrap();
                    if outcome.status != 200 || outcome.body != fallback.as_bytes() {
                        fail("not the fallback for an app that answered a failure");
                    }
                }
                (Some(question), App::Decides, _) => {
                    let decided = question.decided_for(event).unwrap();
                    if outcome.status != 200 || outcome.body != decided.as_bytes() {
                        fail("not the app's decision");
                    }
                }
                (Some(question), _, _) => {
                    let fallback = question.fallback_for(Some(event)).unwrap();
                    if outcome.status != 200 || outcome.body != fallback.as_bytes() {
                        fail("not the fallback for an app that did not decide");
                    }
                }
                // News, handler mode: OK, the handler's FAIL, or 500/4001.
                (None, App::Decides, true) => {
                    if outcome.status != 200 || outcome.body != spec::OK.as_bytes() {
                        fail("not the OK acknowledgement");
                    }
                }
                (None, App::FailAck, true) => {
                    if outcome.status != 200 || !head::is_fail(&outcome.body, 77) {
                        fail("not the handler's FAIL acknowledgement");
                    }
                }
                (None, App::Error, true) => {
                    if outcome.status != 500 || !head::is_fail(&outcome.body, 4001) {
                        fail("not 500/4001 for a handler error");
                    }
                }
                // News, forward mode: the app's status decides.
                (None, _, false) if !inner_status.is_success() => {
                    if outcome.status != inner_status.as_u16()
                        || !head::is_fail(&outcome.body, 4002)
                    {
                        fail("not a FAIL with the app's status");
                    }
                }
                (None, App::FailAck, false) => {
                    if outcome.status != 200 || !head::is_fail(&outcome.body, 77) {
                        fail("not the app's FAIL acknowledgement");
                    }
                }
                (None, _, false) => {
                    if outcome.status != 200 || outcome.body != spec::OK.as_bytes() {
                        fail("not the OK acknowledgement for a 2xx");
                    }
                }
            }
        }
    }
}

/// The command a body names, when it names one of the catalogue's.
pub fn named_command(body: &[u8]) -> Option<&'static spec::Command> {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    let Ok(model::json::Json::Obj(members)) = model::json::parse(body) else {
        return None;
    };
    members.iter().find_map(|(key, value)| match value {
        model::json::Json::Str(name) if key.is("CallbackCommand") => {
            spec::command(name.text.as_deref()?)
        }
        _ => None,
    })
}
