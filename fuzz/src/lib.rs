//! What the fuzz targets share: a layered service whose every part is always
//! ready, driven by polling once, and the checks every answer must pass.

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
use tencent_live_webhook::{sign, Ack, ActionStatus, BattleEnded, BattleWebhookLayer, RequestBody};
use tower::{service_fn, Layer, ServiceExt};

pub const PATH: &str = "/tencent/callback";
pub const COMMAND: &str = "Live.CallbackAfterEndBattle";
pub const APP_ID: u64 = 1400000001;
pub const TOKEN: &str = "callback-token";
/// The layers' clock: seeds sign their `RequestTime` at this second.
pub const NOW: u64 = 1_700_000_000;
pub const SAMPLE: &str = r#"{"CallbackCommand":"Live.CallbackAfterEndBattle","BattleId":"4siHsNsWN/T3aub9zKraqPfGQAimPhdFoe6VWhtz9lY=","Duration":30000,"CreateTime":1739956115,"StartTime":1739956115,"EndTime":1739956145,"OpType":0,"FromRoomInfo":{"RoomId":"pk-3","Score":120,"Owner_Account":144115245353757792},"ToRoomList":[{"RoomId":"pk-5","Score":80,"Owner_Account":144115245442327522}],"EventTime":1739956146119}"#;

/// Tencent's query for our app, unsigned.
pub fn plain_query() -> String {
    format!(
        "SdkAppid={APP_ID}&CallbackCommand={COMMAND}&contenttype=json&ClientIP=127.0.0.1\
         &OptPlatform=RESTAPI"
    )
}

/// Tencent's query for our app, signed at `NOW` with `TOKEN`.
pub fn signed_query() -> String {
    format!(
        "{}&RequestTime={NOW}&Sign={}",
        plain_query(),
        sign(TOKEN, NOW)
    )
}

/// A layer for our app with the fuzzers' fixed clock, optionally signed.
pub fn layer(token: bool) -> BattleWebhookLayer {
    let layer = BattleWebhookLayer::new(PATH)
        .app_id(APP_ID)
        .clock(|| UNIX_EPOCH + Duration::from_secs(NOW));
    if token {
        layer.token(TOKEN)
    } else {
        layer
    }
}

/// Polls a future once. Every service and body here is always ready, so a
/// future that is still pending would be lost work: that is a finding.
pub fn now_or_never<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    match future
        .as_mut()
        .poll(&mut Context::from_waker(Waker::noop()))
    {
        Poll::Ready(output) => output,
        Poll::Pending => panic!("pending although every part is ready"),
    }
}

/// What the handler does with an event (service target only).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HandlerOutcome {
    Ok,
    Fail,
    Error,
}

/// What became of one request.
#[derive(Debug)]
pub struct Outcome {
    pub status: StatusCode,
    pub content_type: Option<HeaderValue>,
    pub body: Bytes,
    pub passthrough: bool,
    pub inner_calls: usize,
    pub handler_calls: usize,
    /// The event the handler or the inner service got.
    pub event: Option<BattleEnded>,
}

#[derive(Clone, Default)]
struct Record {
    inner_calls: Arc<Mutex<usize>>,
    handler_calls: Arc<Mutex<usize>>,
    event: Arc<Mutex<Option<BattleEnded>>>,
}

/// Sends one request through the layer, in handler mode or forward mode.
pub fn send<B>(
    layer: BattleWebhookLayer,
    handler_mode: bool,
    handler_outcome: HandlerOutcome,
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
        *seen.inner_calls.lock().unwrap() += 1;
        if let Some(event) = request.extensions().get::<BattleEnded>() {
            *seen.event.lock().unwrap() = Some(event.clone());
        }
        let mut response = Response::new(Full::new(Bytes::from_static(b"inner")));
        *response.status_mut() = inner_status;
        response
            .headers_mut()
            .insert("x-inner", HeaderValue::from_static("1"));
        std::future::ready(Ok::<_, Infallible>(response))
    });
    let response = if handler_mode {
        let seen = record.clone();
        let handler = service_fn(move |request: Request<BattleEnded>| {
            *seen.handler_calls.lock().unwrap() += 1;
            *seen.event.lock().unwrap() = Some(request.into_body());
            std::future::ready(match handler_outcome {
                HandlerOutcome::Ok => Ok(Ack::ok()),
                HandlerOutcome::Fail => Ok(Ack::fail(77, "not stored")),
                HandlerOutcome::Error => Err("the store is down"),
            })
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
    let event = record.event.lock().unwrap().take();
    let inner_calls = *record.inner_calls.lock().unwrap();
    let handler_calls = *record.handler_calls.lock().unwrap();
    Outcome {
        status: parts.status,
        content_type: parts.headers.get(header::CONTENT_TYPE).cloned(),
        passthrough: parts.headers.contains_key("x-inner"),
        body,
        inner_calls,
        handler_calls,
        event,
    }
}

/// How a request ended, once its outcome has passed every check.
#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Not claimed: the inner service answered.
    Passthrough,
    /// Handed on and acknowledged OK.
    Accepted(BattleEnded),
    /// Handed on, and the handler or the app said no.
    Failed,
    /// Refused before anything was called, with this `ErrorCode`.
    Refused(i64),
}

/// The documented refusals: `(HTTP status, ErrorCode)`.
pub const REFUSALS: [(u16, i64); 13] = [
    (403, 1001),
    (403, 1002),
    (403, 1003),
    (401, 2001),
    (401, 2002),
    (401, 2003),
    (401, 2004),
    (400, 3001),
    (413, 3002),
    (400, 3003),
    (400, 3004),
    (400, 3005),
    (400, 3006),
];

/// Checks everything the crate promises about one answer, and says how it ended.
pub fn verdict(outcome: &Outcome, handler_mode: bool) -> Verdict {
    if outcome.passthrough {
        assert_eq!(outcome.inner_calls, 1, "{outcome:?}");
        assert_eq!(outcome.handler_calls, 0, "{outcome:?}");
        assert!(
            outcome.event.is_none(),
            "an event passed through: {outcome:?}"
        );
        return Verdict::Passthrough;
    }
    assert_eq!(
        outcome.content_type.as_ref().map(HeaderValue::as_bytes),
        Some(&b"application/json"[..]),
        "{outcome:?}"
    );
    let ack: Ack = serde_json::from_slice(&outcome.body)
        .unwrap_or_else(|error| panic!("not a JSON ack ({error}): {outcome:?}"));
    let status = outcome.status.as_u16();
    let calls = (outcome.inner_calls, outcome.handler_calls);
    let handed_on = if handler_mode { (0, 1) } else { (1, 0) };
    if ack.action_status() == ActionStatus::Ok {
        assert_eq!(status, 200, "{outcome:?}");
        assert_eq!(ack.error_code(), 0, "{outcome:?}");
        assert!(ack.error_info().is_empty(), "{outcome:?}");
        assert_eq!(
            calls, handed_on,
            "an OK for what was not handled: {outcome:?}"
        );
        let event = outcome
            .event
            .clone()
            .expect("an accepted event was handed on");
        assert!(!event.battle_id.is_empty(), "{outcome:?}");
        return Verdict::Accepted(event);
    }
    assert!(
        !ack.error_info().is_empty(),
        "a FAIL without a reason: {outcome:?}"
    );
    if calls == (0, 0) {
        assert!(
            REFUSALS.contains(&(status, ack.error_code())),
            "an undocumented refusal: {outcome:?}"
        );
        assert!(outcome.event.is_none());
        return Verdict::Refused(ack.error_code());
    }
    // Handed on, and the handler or the app refused it.
    assert_eq!(calls, handed_on, "{outcome:?}");
    match (handler_mode, status, ack.error_code()) {
        (true, 500, 4001) | (true, 200, 77) => {}
        (false, _, 4002) => assert!(!outcome.status.is_success(), "{outcome:?}"),
        _ => panic!("an undocumented failure: {outcome:?}"),
    }
    Verdict::Failed
}

/// The body without one leading UTF-8 byte-order mark, as the layer reads it.
pub fn without_bom(body: &[u8]) -> &[u8] {
    body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body)
}

/// An accepted event is what `serde_json` makes of the body, and it survives
/// a round trip through its own `Serialize`.
pub fn check_event(event: &BattleEnded, body: &[u8]) {
    let direct: BattleEnded =
        serde_json::from_slice(without_bom(body)).expect("serde_json accepts what the layer did");
    assert_eq!(&direct, event);
    let json = serde_json::to_vec(event).expect("an event serialises");
    let again: BattleEnded = serde_json::from_slice(&json).expect("a serialised event decodes");
    assert_eq!(&again, event);
}
