//! The attack matrix: hostile requests, each with the answer it must get.
//!
//! The matrix covers every command of the table, parameterised over it (not
//! copied), with its counts computed from the table:
//!
//! - head attacks, command-independent, carried by `Live.CallbackAfterEndBattle`:
//!   the query (app id, signature, command), the path and the method;
//! - per command (each of `TencentEvent::CALLBACK_COMMANDS`): its documented
//!   sample and the accepted variants, look-alike queries, head refusals, and
//!   body refusals (another command in the body, the body as an array, not
//!   JSON, over the limit declared, streamed or failing to read);
//! - per identity field of every command (from the model's field
//!   specification, `tests/model/spec.rs`): missing, `null`, empty, and every
//!   wrong type, and given as a large integer (accepted);
//! - per message command: message elements of a known type whose content
//!   cannot be read, and the ones that are kept;
//! - the battle end's own field-level attacks (numbers, rooms, duplicates).
//!
//! Every entry is sent twice through `tower::ServiceExt::oneshot` to a
//! `TencentWebhookLayer`: once in forward mode (counting calls of the inner
//! service) and once in handler mode (counting calls of the handler and of
//! the inner service). A refused request must get its documented status and
//! `ErrorCode` as a JSON FAIL acknowledgement, or, for a before-webhook whose
//! body is refused, its fallback decision with HTTP 200; it must reach
//! neither the inner service nor the handler. A look-alike must reach the
//! inner service untouched and never the handler. An accepted entry must be
//! handed on once, with the event the independent model (`tests/model/`)
//! computes from its body, and with the decoded values it pins. Every
//! entry's answer is also what the model gives it. Where the behaviour is a
//! choice (something odd that is accepted), the entry pins it and
//! `SECURITY.md` says why.
//!
//! The tests at the end send what only a real socket can carry (a lying
//! `Content-Length`, a query of megabytes) to a hyper server on 127.0.0.1.

mod model;

use std::collections::{BTreeSet, VecDeque};
use std::convert::Infallible;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, UNIX_EPOCH};

use bytes::Bytes;
use http::{header, HeaderName, HeaderValue, Method, Request, Response, StatusCode};
use http_body::{Body, Frame, SizeHint};
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::TokioIo;
use hyper_util::service::TowerToHyperService;
use serde_json::Value;
use tencent_live_webhook::testing::fixtures;
use tencent_live_webhook::{
    sign, Ack, ActionStatus, BattleEnded, BattleWebhookLayer, C2cMessageDecision, ChatbotReply,
    CreateGroupDecision, CreateOfficialAccountDecision, CreateTopicDecision, FriendDecision,
    GiftDecision, InviteDecision, JoinGroupDecision, MessageDecision, OfficialMessageDecision,
    Reply, RequestBody, SubscriberDecision, TencentEvent, TencentWebhookLayer, WebhookEvent,
};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;
use tokio::time::timeout;
use tower::{service_fn, Layer, ServiceBuilder, ServiceExt};

use model::decode::{self, Expected};
use model::head::{self, Head};
use model::spec::{self, Kind};

const PATH: &str = "/tencent/callback";
const COMMAND: &str = "Live.CallbackAfterEndBattle";
const APP_ID: u64 = 1400000001;
const TOKEN: &str = "callback-token";
/// The layer's clock: every `RequestTime` below is measured against it.
const NOW: u64 = 1_700_000_000;
const SAMPLE: &str = r#"{"CallbackCommand":"Live.CallbackAfterEndBattle","BattleId":"4siHsNsWN/T3aub9zKraqPfGQAimPhdFoe6VWhtz9lY=","Duration":30000,"CreateTime":1739956115,"StartTime":1739956115,"EndTime":1739956145,"OpType":0,"FromRoomInfo":{"RoomId":"pk-3","Score":120,"Owner_Account":144115245353757792},"ToRoomList":[{"RoomId":"pk-5","Score":80,"Owner_Account":144115245442327522}],"EventTime":1739956146119}"#;
const OK_ACK: &str = r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}"#;
/// The default body limit.
const LIMIT: usize = 64 * 1024;
/// Put into hostile values: no `ErrorInfo` may ever quote it.
const MARKER: &str = "zz-secret";
/// The bound on every network step of the socket tests.
const STEP: Duration = Duration::from_secs(10);

/// What an attack must get.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Expect {
    /// A FAIL acknowledgement with this status and `ErrorCode`; nothing is called.
    Refused(u16, i64),
    /// A before-webhook's body refused with this `ErrorCode`: its fallback
    /// decision with HTTP 200; nothing is called.
    Fallback(i64),
    /// Not claimed: the inner service gets the request untouched, the handler nothing.
    Passthrough,
    /// Accepted and handed on once; the event is the model's, and these JSON
    /// pointers into it hold these values (JSON text), or nothing ([`ABSENT`]).
    Accepted(&'static [(&'static str, &'static str)]),
}

/// A pinned value that says the event has no member there: what the body
/// left out (or sent as `null`) is not written back.
const ABSENT: &str = "(absent)";

use Expect::{Passthrough, Refused};

/// Accepted, with no value pinned beyond the model's event.
const ACCEPTED: Expect = Expect::Accepted(&[]);

/// How the body is delivered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Framing {
    /// All at once, with an exact size hint (as `Full`).
    Whole,
    /// A body that must never be polled (a poll is recorded and fails),
    /// with its length as its size hint, or no hint at all.
    Unread { hint: bool },
    /// In frames of 1 KiB, without a size hint.
    Stream,
    /// Whole, without a size hint, then a read error.
    FailsAtEnd,
}

struct Attack {
    name: String,
    /// The command whose webhook it is (or resembles).
    command: &'static str,
    method: Method,
    target: String,
    headers: Vec<(HeaderName, String)>,
    body: Bytes,
    framing: Framing,
    expect: Expect,
}

/// The body an attack is sent with.
struct AttackBody {
    frames: VecDeque<Bytes>,
    hint: Option<u64>,
    fail_at_end: bool,
    /// `Some` for a body that must never be polled.
    unread: Option<Arc<AtomicBool>>,
    polled: Arc<AtomicUsize>,
}

impl Body for AttackBody {
    type Data = Bytes;
    type Error = &'static str;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        _: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, &'static str>>> {
        self.polled.fetch_add(1, Ordering::SeqCst);
        if let Some(unread) = &self.unread {
            unread.store(true, Ordering::SeqCst);
            return Poll::Ready(Some(Err("polled a body refused by its size")));
        }
        if let Some(frame) = self.frames.pop_front() {
            return Poll::Ready(Some(Ok(Frame::data(frame))));
        }
        if std::mem::take(&mut self.fail_at_end) {
            return Poll::Ready(Some(Err("connection reset")));
        }
        Poll::Ready(None)
    }

    fn is_end_stream(&self) -> bool {
        self.unread.is_none() && self.frames.is_empty() && !self.fail_at_end
    }

    fn size_hint(&self) -> SizeHint {
        match self.hint {
            Some(exact) => SizeHint::with_exact(exact),
            None => SizeHint::new(),
        }
    }
}

/// What the body did while the request was answered.
#[derive(Clone, Default)]
struct Polls {
    frames: Arc<AtomicUsize>,
    unread_polled: Arc<AtomicBool>,
}

impl Attack {
    fn request(&self, polls: &Polls) -> Request<AttackBody> {
        let (frames, hint, fail_at_end, unread) = match self.framing {
            Framing::Whole => (
                VecDeque::from([self.body.clone()]),
                Some(self.body.len() as u64),
                false,
                None,
            ),
            Framing::Unread { hint } => (
                VecDeque::new(),
                hint.then_some(self.body.len() as u64),
                false,
                Some(polls.unread_polled.clone()),
            ),
            Framing::Stream => (
                self.body
                    .chunks(1024)
                    .map(|chunk| self.body.slice_ref(chunk))
                    .collect(),
                None,
                false,
                None,
            ),
            Framing::FailsAtEnd => (VecDeque::from([self.body.clone()]), None, true, None),
        };
        let mut request = Request::builder()
            .method(self.method.clone())
            .uri(&self.target)
            .body(AttackBody {
                frames,
                hint,
                fail_at_end,
                unread,
                polled: polls.frames.clone(),
            })
            .unwrap_or_else(|error| panic!("{}: {error}", self.name));
        for (name, value) in &self.headers {
            request
                .headers_mut()
                .append(name.clone(), HeaderValue::from_str(value).unwrap());
        }
        request
    }

    fn header(mut self, name: HeaderName, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }

    fn framing(mut self, framing: Framing) -> Self {
        self.framing = framing;
        self
    }
}

fn signature(request_time: impl std::fmt::Display) -> String {
    sign(TOKEN, request_time)
}

/// Tencent's query for our app and this command, signed at `NOW`.
fn query_for(command: &str) -> String {
    format!(
        "SdkAppid={APP_ID}&CallbackCommand={command}&contenttype=json&ClientIP=127.0.0.1\
         &OptPlatform=RESTAPI&RequestTime={NOW}&Sign={}",
        signature(NOW)
    )
}

/// Tencent's query for our app, signed at `NOW`, for the battle end.
fn good_query() -> String {
    query_for(COMMAND)
}

/// The good query with one `key=value` pair replaced (matched by its exact key).
fn replace(key: &str, pair: &str) -> String {
    good_query()
        .split('&')
        .map(|part| {
            if part.split('=').next() == Some(key) {
                pair.to_owned()
            } else {
                part.to_owned()
            }
        })
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("&")
}

/// A POST to the webhook path with this query and the sample body.
fn query(name: &str, query: String, expect: Expect) -> Attack {
    target(name, Method::POST, format!("{PATH}?{query}"), expect)
}

/// A request to this target (path and query) with the sample body.
fn target(name: &str, method: Method, target: String, expect: Expect) -> Attack {
    Attack {
        name: name.to_owned(),
        command: COMMAND,
        method,
        target,
        headers: Vec::new(),
        body: Bytes::from_static(SAMPLE.as_bytes()),
        framing: Framing::Whole,
        expect,
    }
}

/// A correctly signed battle-end webhook with this body.
fn body(name: &str, body: impl Into<Bytes>, expect: Expect) -> Attack {
    Attack {
        name: name.to_owned(),
        command: COMMAND,
        method: Method::POST,
        target: format!("{PATH}?{}", good_query()),
        headers: Vec::new(),
        body: body.into(),
        framing: Framing::Whole,
        expect,
    }
}

/// The sample with one top-level field's JSON value replaced.
fn field(name: &str, json: &str) -> String {
    edit(SAMPLE, &[name], Some(json))
}

/// A JSON text with the value at `path` replaced by this JSON text, or
/// removed (`None`).
fn edit(sample: &str, path: &[&str], json: Option<&str>) -> String {
    let mut value: Value = serde_json::from_str(sample).unwrap();
    let marker = format!("@@{}@@", path.join("."));
    let (last, parents) = path.split_last().unwrap();
    let mut at = &mut value;
    for parent in parents {
        at = at.get_mut(*parent).unwrap();
    }
    let object = at.as_object_mut().unwrap();
    match json {
        Some(_) => {
            object.insert((*last).to_owned(), Value::String(marker.clone()));
        }
        None => {
            object.remove(*last);
        }
    }
    let text = serde_json::to_string(&value).unwrap();
    match json {
        Some(json) => text.replace(&format!("\"{marker}\""), json),
        None => text,
    }
}

/// A minimal event with this extra JSON text spliced in after `BattleId`.
fn with(extra: &str) -> String {
    format!(r#"{{"BattleId":"b-1",{extra}}}"#)
}

fn nested(depth: usize) -> String {
    format!(
        r#"{{"BattleId":"b-1","Deep":{}1{}}}"#,
        "[".repeat(depth),
        "]".repeat(depth)
    )
}

const BAD_REQUEST: u16 = 400;
const UNAUTHORIZED: u16 = 401;
const FORBIDDEN: u16 = 403;
const TOO_LARGE: u16 = 413;

/// The matrix. Names are unique; `SECURITY.md` refers to them.
fn attacks() -> Vec<Attack> {
    let mut list = head_attacks();
    list.extend(battle_attacks());
    for command in spec::COMMANDS {
        list.extend(command_attacks(command));
        list.extend(identity_attacks(command));
        if has_messages(command) {
            list.extend(message_attacks(command));
        }
    }
    list
}

// ------------------------------------------------------------ head attacks

/// The query, the path and the method, carried by the battle end: the same
/// for every command.
fn head_attacks() -> Vec<Attack> {
    let sign_now = signature(NOW);
    let mut list = vec![
        // ------------------------------------------------ SdkAppid pollution
        query(
            "sdk_app_id_twice",
            format!("{}&SdkAppid={APP_ID}", good_query()),
            Refused(FORBIDDEN, 1001),
        ),
        query(
            "sdk_app_id_twice_in_another_case",
            format!("{}&sdkappid={APP_ID}", good_query()),
            Refused(FORBIDDEN, 1001),
        ),
        query(
            "sdk_app_id_twice_ours_then_foreign",
            format!("{}&SDKAPPID=1400000002", good_query()),
            Refused(FORBIDDEN, 1001),
        ),
        query(
            "sdk_app_id_twice_foreign_first",
            format!("SdkAppId=1400000002&{}", good_query()),
            Refused(FORBIDDEN, 1001),
        ),
        query(
            "sdk_app_id_twice_via_a_percent_encoded_key",
            format!("{}&Sdk%41ppid={APP_ID}", good_query()),
            Refused(FORBIDDEN, 1001),
        ),
        query(
            "sdk_app_id_absent",
            replace("SdkAppid", ""),
            Refused(FORBIDDEN, 1001),
        ),
        query(
            "sdk_app_id_key_with_a_nul",
            replace("SdkAppid", &format!("SdkAppid%00={APP_ID}")),
            Refused(FORBIDDEN, 1001),
        ),
        query(
            "sdk_app_id_key_with_a_plus",
            replace("SdkAppid", &format!("SdkAppid+={APP_ID}")),
            Refused(FORBIDDEN, 1001),
        ),
        query(
            "sdk_app_id_empty",
            replace("SdkAppid", "SdkAppid="),
            Refused(FORBIDDEN, 1002),
        ),
        query(
            "sdk_app_id_without_equals",
            replace("SdkAppid", "SdkAppid"),
            Refused(FORBIDDEN, 1002),
        ),
        query(
            "sdk_app_id_negative",
            replace("SdkAppid", "SdkAppid=-1400000001"),
            Refused(FORBIDDEN, 1002),
        ),
        query(
            "sdk_app_id_with_an_encoded_plus",
            replace("SdkAppid", "SdkAppid=%2B1400000001"),
            Refused(FORBIDDEN, 1002),
        ),
        query(
            "sdk_app_id_with_a_plus_that_means_space",
            replace("SdkAppid", "SdkAppid=+1400000001"),
            Refused(FORBIDDEN, 1002),
        ),
        query(
            "sdk_app_id_with_a_nul",
            replace("SdkAppid", "SdkAppid=1400000001%00"),
            Refused(FORBIDDEN, 1002),
        ),
        query(
            "sdk_app_id_with_a_truncated_escape",
            replace("SdkAppid", "SdkAppid=1400000001%"),
            Refused(FORBIDDEN, 1002),
        ),
        query(
            "sdk_app_id_with_an_invalid_escape",
            replace("SdkAppid", "SdkAppid=1400000001%zz"),
            Refused(FORBIDDEN, 1002),
        ),
        query(
            "sdk_app_id_with_an_overlong_utf8_digit",
            replace("SdkAppid", "SdkAppid=%C0%B1400000001"),
            Refused(FORBIDDEN, 1002),
        ),
        query(
            "sdk_app_id_in_fullwidth_digits",
            replace(
                "SdkAppid",
                "SdkAppid=%EF%BC%91%EF%BC%94%EF%BC%90%EF%BC%90%EF%BC%90%EF%BC%90%EF%BC%90%EF%BC%90%EF%BC%90%EF%BC%91",
            ),
            Refused(FORBIDDEN, 1002),
        ),
        query(
            "sdk_app_id_past_u64",
            replace("SdkAppid", "SdkAppid=18446744073709551617"),
            Refused(FORBIDDEN, 1002),
        ),
        query(
            "sdk_app_id_in_hex",
            replace("SdkAppid", "SdkAppid=0x5371E481"),
            Refused(FORBIDDEN, 1002),
        ),
        query(
            "sdk_app_id_as_a_float",
            replace("SdkAppid", "SdkAppid=1400000001.0"),
            Refused(FORBIDDEN, 1002),
        ),
        query(
            "sdk_app_id_with_an_exponent",
            replace("SdkAppid", "SdkAppid=14e8"),
            Refused(FORBIDDEN, 1002),
        ),
        query(
            "sdk_app_id_foreign",
            replace("SdkAppid", "SdkAppid=1400000002"),
            Refused(FORBIDDEN, 1003),
        ),
        query(
            "sdk_app_id_zero",
            replace("SdkAppid", "SdkAppid=0"),
            Refused(FORBIDDEN, 1003),
        ),
        query(
            "sdk_app_id_u64_max",
            replace("SdkAppid", "SdkAppid=18446744073709551615"),
            Refused(FORBIDDEN, 1003),
        ),
        query(
            "sdk_app_id_foreign_decides_before_a_repeated_command",
            format!(
                "SdkAppid=1400000002&CallbackCommand={COMMAND}&CallbackCommand={COMMAND}"
            ),
            Refused(FORBIDDEN, 1003),
        ),
        // ------------------------------------------------------- signature
        query(
            "sign_absent",
            replace("Sign", ""),
            Refused(UNAUTHORIZED, 2001),
        ),
        query(
            "request_time_absent",
            replace("RequestTime", ""),
            Refused(UNAUTHORIZED, 2001),
        ),
        query(
            "sign_twice",
            format!("{}&Sign={sign_now}", good_query()),
            Refused(UNAUTHORIZED, 2001),
        ),
        query(
            "sign_twice_in_another_case",
            format!("{}&SIGN={sign_now}", good_query()),
            Refused(UNAUTHORIZED, 2001),
        ),
        query(
            "request_time_twice_in_another_case",
            format!("{}&requesttime={NOW}", good_query()),
            Refused(UNAUTHORIZED, 2001),
        ),
        query(
            "request_time_negative",
            replace("RequestTime", "RequestTime=-1"),
            Refused(UNAUTHORIZED, 2002),
        ),
        query(
            "request_time_as_a_float",
            replace("RequestTime", &format!("RequestTime={NOW}.0")),
            Refused(UNAUTHORIZED, 2002),
        ),
        query(
            "request_time_with_an_encoded_plus",
            replace("RequestTime", &format!("RequestTime=%2B{NOW}")),
            Refused(UNAUTHORIZED, 2002),
        ),
        query(
            "request_time_with_a_nul",
            replace("RequestTime", &format!("RequestTime={NOW}%00")),
            Refused(UNAUTHORIZED, 2002),
        ),
        query(
            "request_time_past_u64",
            replace("RequestTime", "RequestTime=18446744073709551616"),
            Refused(UNAUTHORIZED, 2002),
        ),
        query(
            "request_time_in_milliseconds",
            replace(
                "RequestTime",
                &format!("RequestTime={}", NOW * 1000),
            )
            .replace(&sign_now, &signature(NOW * 1000)),
            Refused(UNAUTHORIZED, 2003),
        ),
        query(
            "request_time_zero",
            replace("RequestTime", "RequestTime=0").replace(&sign_now, &signature(0)),
            Refused(UNAUTHORIZED, 2003),
        ),
        query(
            "request_time_u64_max",
            replace("RequestTime", &format!("RequestTime={}", u64::MAX))
                .replace(&sign_now, &signature(u64::MAX)),
            Refused(UNAUTHORIZED, 2003),
        ),
        query(
            "request_time_just_too_old",
            replace("RequestTime", &format!("RequestTime={}", NOW - 61))
                .replace(&sign_now, &signature(NOW - 61)),
            Refused(UNAUTHORIZED, 2003),
        ),
        query(
            "request_time_just_too_new",
            replace("RequestTime", &format!("RequestTime={}", NOW + 61))
                .replace(&sign_now, &signature(NOW + 61)),
            Refused(UNAUTHORIZED, 2003),
        ),
        query(
            "request_time_with_a_leading_zero_reusing_the_sign",
            replace("RequestTime", &format!("RequestTime=0{NOW}")),
            Refused(UNAUTHORIZED, 2004),
        ),
        query(
            "sign_replayed_at_another_time",
            replace("RequestTime", &format!("RequestTime={}", NOW - 1)),
            Refused(UNAUTHORIZED, 2004),
        ),
        query(
            "sign_of_another_token",
            replace("Sign", &format!("Sign={}", sign("another-token", NOW))),
            Refused(UNAUTHORIZED, 2004),
        ),
        query(
            "sign_truncated",
            replace("Sign", &format!("Sign={}", &sign_now[..63])),
            Refused(UNAUTHORIZED, 2004),
        ),
        query(
            "sign_with_a_nul",
            replace("Sign", &format!("Sign={sign_now}%00")),
            Refused(UNAUTHORIZED, 2004),
        ),
        query(
            "sign_with_a_plus_that_means_space",
            replace("Sign", &format!("Sign={sign_now}+")),
            Refused(UNAUTHORIZED, 2004),
        ),
        query(
            "sign_empty",
            replace("Sign", "Sign="),
            Refused(UNAUTHORIZED, 2004),
        ),
        query(
            "sign_not_hex",
            replace("Sign", &format!("Sign={MARKER}{}", "z".repeat(55))),
            Refused(UNAUTHORIZED, 2004),
        ),
        query(
            "sign_of_the_token_alone",
            replace("Sign", &format!("Sign={}", sign(TOKEN, ""))),
            Refused(UNAUTHORIZED, 2004),
        ),
        // ------------------------------------------------ CallbackCommand
        query(
            "callback_command_twice",
            format!("{}&CallbackCommand={COMMAND}", good_query()),
            Refused(BAD_REQUEST, 3001),
        ),
        query(
            "callback_command_twice_in_another_case",
            format!(
                "{}&callbackcommand=Live.CallbackAfterStartBattle",
                good_query()
            ),
            Refused(BAD_REQUEST, 3001),
        ),
        query(
            "callback_command_twice_once_percent_encoded",
            format!(
                "{}&CallbackCommand=Live%2ECallbackAfterEndBattle",
                good_query()
            ),
            Refused(BAD_REQUEST, 3001),
        ),
        query(
            "callback_command_twice_once_empty",
            format!("{}&CallbackCommand=", good_query()),
            Refused(BAD_REQUEST, 3001),
        ),
        // ---------------------------------------------- megabyte-ish queries
        // http's `Uri` holds at most 65534 bytes (see
        // `a_uri_past_64_kib_cannot_even_be_built`): these are near that.
        query(
            "query_of_60_kib_of_repeated_sdk_app_id",
            format!("{}{}", good_query(), "&SdkAppid=1".repeat(5000)),
            Refused(FORBIDDEN, 1001),
        ),
        query(
            "query_of_60_kib_of_repeated_sign",
            format!("{}{}", good_query(), "&Sign=0".repeat(8500)),
            Refused(UNAUTHORIZED, 2001),
        ),
        query(
            "query_of_60_kib_of_repeated_command",
            format!("{}{}", good_query(), format!("&CallbackCommand={COMMAND}").repeat(1300)),
            Refused(BAD_REQUEST, 3001),
        ),
        query(
            "query_of_60_kib_of_escapes_around_a_foreign_app",
            format!(
                "{}&SdkAppid=1400000002&CallbackCommand={COMMAND}",
                "%41%42=%43%44&".repeat(4000)
            ),
            Refused(FORBIDDEN, 1003),
        ),
    ];

    // ----------------------------------------- look-alikes: never claimed
    let good = good_query();
    for (name, path) in [
        ("path_with_a_trailing_slash", "/tencent/callback/"),
        ("path_with_a_doubled_leading_slash", "//tencent/callback"),
        ("path_with_a_doubled_inner_slash", "/tencent//callback"),
        ("path_in_upper_case", "/TENCENT/CALLBACK"),
        ("path_in_mixed_case", "/Tencent/Callback"),
        ("path_with_an_encoded_slash", "/tencent%2Fcallback"),
        (
            "path_with_an_encoded_lower_case_slash",
            "/tencent%2fcallback",
        ),
        ("path_with_an_encoded_letter", "/tencent/c%61llback"),
        ("path_with_a_dot_segment", "/tencent/./callback"),
        ("path_with_a_dot_dot_segment", "/tencent/x/../callback"),
        ("path_with_an_encoded_nul", "/tencent/callback%00"),
        ("path_with_a_matrix_parameter", "/tencent/callback;a=b"),
        ("path_with_a_trailing_dot", "/tencent/callback."),
        ("path_with_a_suffix", "/tencent/callbackx"),
        ("path_a_prefix", "/tencent/callbac"),
        ("path_with_an_encoded_space", "/tencent/callback%20"),
    ] {
        list.push(target(
            name,
            Method::POST,
            format!("{path}?{good}"),
            Passthrough,
        ));
    }
    for (name, method) in [
        ("method_get", Method::GET),
        ("method_put", Method::PUT),
        ("method_patch", Method::PATCH),
        ("method_head", Method::HEAD),
        ("method_options", Method::OPTIONS),
        (
            "method_post_in_lower_case",
            Method::from_bytes(b"post").unwrap(),
        ),
    ] {
        list.push(target(name, method, format!("{PATH}?{good}"), Passthrough));
    }
    list.extend([
        query(
            "command_in_lower_case",
            good.replace(COMMAND, "live.callbackafterendbattle"),
            Passthrough,
        ),
        query(
            "command_with_a_nul",
            good.replace(COMMAND, "Live.CallbackAfterEndBattle%00"),
            Passthrough,
        ),
        query(
            "command_with_a_plus_that_means_space",
            good.replace(COMMAND, "Live.CallbackAfterEndBattle+"),
            Passthrough,
        ),
        query(
            "command_with_an_invalid_escape",
            good.replace(COMMAND, "Live.CallbackAfterEndBattle%zz"),
            Passthrough,
        ),
        query(
            "command_with_an_overlong_utf8_dot",
            good.replace(COMMAND, "Live%C0%AECallbackAfterEndBattle"),
            Passthrough,
        ),
        query(
            "command_with_a_fullwidth_dot",
            good.replace(COMMAND, "Live%EF%BC%8ECallbackAfterEndBattle"),
            Passthrough,
        ),
        query(
            "command_key_with_a_nul",
            good.replace("CallbackCommand=", "CallbackCommand%00="),
            Passthrough,
        ),
        query(
            "command_key_with_a_suffix",
            good.replace("CallbackCommand=", "CallbackCommandX="),
            Passthrough,
        ),
        query(
            "command_twice_neither_ours",
            good.replace(COMMAND, "Live.CallbackAfterNothing")
                + "&CallbackCommand=Group.CallbackAfterNothing",
            Passthrough,
        ),
        query("separator_a_semicolon", good.replace('&', ";"), Passthrough),
        query(
            "separator_percent_encoded",
            format!("SdkAppid={APP_ID}%26CallbackCommand%3D{COMMAND}"),
            Passthrough,
        ),
        query(
            "command_only_in_the_body",
            replace("CallbackCommand", ""),
            Passthrough,
        ),
        target(
            "no_query_at_all",
            Method::POST,
            PATH.to_owned(),
            Passthrough,
        ),
        target("empty_query", Method::POST, format!("{PATH}?"), Passthrough),
    ]);

    // ------------------------------------------- pinned choices: accepted
    list.extend([
        query(
            "pinned_command_fully_percent_encoded",
            good.replace(
                COMMAND,
                &COMMAND
                    .bytes()
                    .map(|b| format!("%{b:02X}"))
                    .collect::<String>(),
            ),
            ACCEPTED,
        ),
        query(
            "pinned_keys_in_any_case",
            good.replace("SdkAppid=", "SDKAPPID=")
                .replace("CallbackCommand=", "callbackcommand=")
                .replace("Sign=", "SIGN=")
                .replace("RequestTime=", "requesttime="),
            ACCEPTED,
        ),
        query(
            "pinned_sdk_app_id_key_percent_encoded",
            good.replace("SdkAppid=", "%53dkAppid="),
            ACCEPTED,
        ),
        query(
            "pinned_sdk_app_id_with_leading_zeros",
            good.replace("SdkAppid=", "SdkAppid=000"),
            ACCEPTED,
        ),
        query(
            "pinned_sign_in_upper_case",
            good.replace(&sign_now, &sign_now.to_uppercase()),
            ACCEPTED,
        ),
        query(
            "pinned_informational_keys_repeated",
            format!("{good}&ClientIP=10.0.0.1&OptPlatform=zz&contenttype=xml&Extra=1&Extra=2"),
            ACCEPTED,
        ),
        query(
            "pinned_request_time_at_the_edge_of_the_window",
            replace("RequestTime", &format!("RequestTime={}", NOW - 60))
                .replace(&sign_now, &signature(NOW - 60)),
            ACCEPTED,
        ),
        target(
            "pinned_absolute_form_uri_with_any_host",
            Method::POST,
            format!("http://attacker.example{PATH}?{good}"),
            ACCEPTED,
        ),
    ]);
    list
}

// ------------------------------------------------- the battle end's fields

/// The battle end's own attacks: the body's framing and size, JSON that is
/// not JSON, and every field of the event, with the decoded values of the
/// pinned choices.
fn battle_attacks() -> Vec<Attack> {
    let mut list = vec![
        // -------------------------------------------------- Content-Length
        body(
            "content_length_over_the_limit_with_a_tiny_body",
            SAMPLE,
            Refused(TOO_LARGE, 3002),
        )
        .header(header::CONTENT_LENGTH, "65537")
        .framing(Framing::Unread { hint: false }),
        body("content_length_u64_max", SAMPLE, Refused(TOO_LARGE, 3002))
            .header(header::CONTENT_LENGTH, u64::MAX.to_string())
            .framing(Framing::Unread { hint: false }),
        body(
            "content_length_past_u64_over_a_long_stream",
            " ".repeat(70_000),
            Refused(TOO_LARGE, 3002),
        )
        .header(header::CONTENT_LENGTH, "99999999999999999999999")
        .framing(Framing::Stream),
        body(
            "content_length_zero_over_a_long_stream",
            " ".repeat(70_000),
            Refused(TOO_LARGE, 3002),
        )
        .header(header::CONTENT_LENGTH, "0")
        .framing(Framing::Stream),
        body(
            "content_length_negative_over_a_long_stream",
            " ".repeat(70_000),
            Refused(TOO_LARGE, 3002),
        )
        .header(header::CONTENT_LENGTH, "-1")
        .framing(Framing::Stream),
        body(
            "body_one_byte_over_the_limit",
            format!("{SAMPLE}{}", " ".repeat(64 * 1024 + 1 - SAMPLE.len())),
            Refused(TOO_LARGE, 3002),
        )
        .framing(Framing::Unread { hint: true }),
        body(
            "body_one_byte_over_the_limit_streamed",
            format!("{SAMPLE}{}", " ".repeat(64 * 1024 + 1 - SAMPLE.len())),
            Refused(TOO_LARGE, 3002),
        )
        .framing(Framing::Stream),
        body(
            "body_of_a_megabyte",
            vec![b'['; 1 << 20],
            Refused(TOO_LARGE, 3002),
        )
        .framing(Framing::Stream),
        // ------------------------------------------------ not JSON at all
        body("body_empty", "", Refused(BAD_REQUEST, 3004)),
        body(
            "body_only_whitespace",
            " \r\n\t ",
            Refused(BAD_REQUEST, 3004),
        ),
        body(
            "body_with_a_trailing_comma",
            r#"{"BattleId":"b-1",}"#,
            Refused(BAD_REQUEST, 3004),
        ),
        body(
            "body_with_comments",
            "{\"BattleId\":\"b-1\" // zz-secret\n}",
            Refused(BAD_REQUEST, 3004),
        ),
        body(
            "body_with_single_quotes",
            "{'BattleId':'b-1'}",
            Refused(BAD_REQUEST, 3004),
        ),
        body(
            "body_with_trailing_garbage",
            format!("{SAMPLE} {MARKER}"),
            Refused(BAD_REQUEST, 3004),
        ),
        body(
            "body_of_two_documents",
            format!("{SAMPLE}{SAMPLE}"),
            Refused(BAD_REQUEST, 3004),
        ),
        body(
            "body_with_nan",
            with(r#""Duration":NaN"#),
            Refused(BAD_REQUEST, 3004),
        ),
        body(
            "body_with_infinity",
            with(r#""Duration":Infinity"#),
            Refused(BAD_REQUEST, 3004),
        ),
        body(
            "body_with_a_hex_number",
            with(r#""Duration":0x10"#),
            Refused(BAD_REQUEST, 3004),
        ),
        body(
            "body_with_a_leading_zero",
            with(r#""Duration":007"#),
            Refused(BAD_REQUEST, 3004),
        ),
        body(
            "body_with_a_plus_number",
            with(r#""Duration":+1"#),
            Refused(BAD_REQUEST, 3004),
        ),
        body(
            "body_with_a_number_past_f64",
            with(r#""Duration":1e400"#),
            Refused(BAD_REQUEST, 3004),
        ),
        body(
            "body_with_a_lone_surrogate",
            field("BattleId", r#""\ud800""#),
            Refused(BAD_REQUEST, 3004),
        ),
        body(
            "body_with_invalid_utf8",
            [&br#"{"BattleId":"b-"#[..], b"\xff\xfe", b"\"}"].concat(),
            Refused(BAD_REQUEST, 3004),
        ),
        body(
            "body_with_a_nul_before",
            format!("\0{SAMPLE}"),
            Refused(BAD_REQUEST, 3004),
        ),
        body(
            "body_with_a_nul_after",
            format!("{SAMPLE}\0"),
            Refused(BAD_REQUEST, 3004),
        ),
        body(
            "body_with_a_raw_nul_in_a_string",
            with("\"RoomId\":\"a\0b\""),
            Refused(BAD_REQUEST, 3004),
        ),
        body(
            "body_with_two_byte_order_marks",
            format!("\u{feff}\u{feff}{SAMPLE}"),
            Refused(BAD_REQUEST, 3004),
        ),
        body(
            "body_with_a_byte_order_mark_after_whitespace",
            format!(" \u{feff}{SAMPLE}"),
            Refused(BAD_REQUEST, 3004),
        ),
        body(
            "body_with_a_utf16_byte_order_mark",
            [&b"\xfe\xff"[..], SAMPLE.as_bytes()].concat(),
            Refused(BAD_REQUEST, 3004),
        ),
        body(
            "body_in_utf16le",
            SAMPLE
                .encode_utf16()
                .flat_map(u16::to_le_bytes)
                .collect::<Vec<u8>>(),
            Refused(BAD_REQUEST, 3004),
        ),
        // No known field takes a container more than three levels deep, so
        // deep nesting under one is refused at once, long before serde_json's
        // recursion limit; deep nesting under an unknown field is skipped
        // without recursion (see the pinned cases below).
        body(
            "body_nested_deep_under_duration",
            field(
                "Duration",
                &format!("{}{}", "[".repeat(30_000), "]".repeat(30_000)),
            ),
            Refused(BAD_REQUEST, 3005),
        ),
        body(
            "body_nested_deep_under_from_room",
            field(
                "FromRoomInfo",
                &format!("{}{}", "[".repeat(30_000), "]".repeat(30_000)),
            ),
            Refused(BAD_REQUEST, 3005),
        ),
        body(
            "body_nested_deep_under_to_rooms",
            field(
                "ToRoomList",
                &format!("{}{}", "[".repeat(30_000), "]".repeat(30_000)),
            ),
            Refused(BAD_REQUEST, 3005),
        ),
        body(
            "body_nested_deep_objects_under_from_room",
            field(
                "FromRoomInfo",
                &format!("{}1{}", r#"{"RoomId":"#.repeat(5000), "}".repeat(5000)),
            ),
            Refused(BAD_REQUEST, 3005),
        ),
        // ---------------------------------- JSON of the wrong shape: the top
        body("body_null", "null", Refused(BAD_REQUEST, 3005)),
        body("body_true", "true", Refused(BAD_REQUEST, 3005)),
        body(
            "body_a_number",
            "144115245353757792",
            Refused(BAD_REQUEST, 3005),
        ),
        body(
            "body_a_string",
            format!("\"{MARKER}\""),
            Refused(BAD_REQUEST, 3005),
        ),
        body("body_an_empty_array", "[]", Refused(BAD_REQUEST, 3005)),
        body(
            "body_an_array_holding_the_event",
            format!("[{SAMPLE}]"),
            Refused(BAD_REQUEST, 3005),
        ),
        body("body_an_empty_object", "{}", Refused(BAD_REQUEST, 3005)),
        body(
            "body_a_string_holding_the_event",
            serde_json::to_string(SAMPLE).unwrap(),
            Refused(BAD_REQUEST, 3005),
        ),
        body(
            "body_nested_deep_under_an_array",
            format!("{}{}", "[".repeat(30_000), "]".repeat(30_000)),
            Refused(BAD_REQUEST, 3005),
        ),
        // -------------------------------------------- ... at BattleId
        body(
            "battle_id_an_object",
            field("BattleId", "{}"),
            Refused(BAD_REQUEST, 3005),
        ),
        body(
            "battle_id_an_array",
            field("BattleId", "[]"),
            Refused(BAD_REQUEST, 3005),
        ),
        body(
            "battle_id_a_boolean",
            field("BattleId", "true"),
            Refused(BAD_REQUEST, 3005),
        ),
        body(
            "battle_id_a_float",
            field("BattleId", "1.5"),
            Refused(BAD_REQUEST, 3005),
        ),
        body(
            "battle_id_an_integral_float",
            field("BattleId", "1e3"),
            Refused(BAD_REQUEST, 3005),
        ),
        body(
            "battle_id_empty",
            field("BattleId", r#""""#),
            Refused(BAD_REQUEST, 3005),
        ),
        body(
            "battle_id_null",
            field("BattleId", "null"),
            Refused(BAD_REQUEST, 3005),
        ),
        body(
            "battle_id_past_u64",
            field("BattleId", "18446744073709551616"),
            Refused(BAD_REQUEST, 3005),
        ),
        // -------------------------------------------- ... at the numbers
        body(
            "duration_an_object",
            field("Duration", "{}"),
            Refused(BAD_REQUEST, 3005),
        ),
        body(
            "duration_an_array",
            field("Duration", "[30000]"),
            Refused(BAD_REQUEST, 3005),
        ),
        body(
            "duration_a_boolean",
            field("Duration", "true"),
            Refused(BAD_REQUEST, 3005),
        ),
        body(
            "duration_a_word",
            field("Duration", &format!("\"{MARKER}\"")),
            Refused(BAD_REQUEST, 3005),
        ),
        body(
            "duration_a_fraction",
            field("Duration", "1.5"),
            Refused(BAD_REQUEST, 3005),
        ),
        body(
            "duration_a_fraction_in_a_string",
            field("Duration", r#""30000.0""#),
            Refused(BAD_REQUEST, 3005),
        ),
        body(
            "duration_negative",
            field("Duration", "-1"),
            Refused(BAD_REQUEST, 3005),
        ),
        body(
            "duration_past_u64",
            field("Duration", "18446744073709551616"),
            Refused(BAD_REQUEST, 3005),
        ),
        body(
            "duration_a_float_past_2_pow_53",
            field("Duration", "9007199254740994.0"),
            Refused(BAD_REQUEST, 3005),
        ),
        body(
            "duration_a_string_with_a_space",
            field("Duration", r#"" 30000""#),
            Refused(BAD_REQUEST, 3005),
        ),
        body(
            "create_time_negative",
            field("CreateTime", "-1"),
            Refused(BAD_REQUEST, 3005),
        ),
        body(
            "start_time_negative_in_a_string",
            field("StartTime", r#""-5""#),
            Refused(BAD_REQUEST, 3005),
        ),
        body(
            "event_time_a_negative_float",
            field("EventTime", "-1.0"),
            Refused(BAD_REQUEST, 3005),
        ),
        body(
            "end_time_1e20",
            field("EndTime", "1e20"),
            Refused(BAD_REQUEST, 3005),
        ),
        body(
            "op_type_a_fraction",
            field("OpType", "1.5"),
            Refused(BAD_REQUEST, 3005),
        ),
        body(
            "op_type_an_object",
            field("OpType", "{}"),
            Refused(BAD_REQUEST, 3005),
        ),
        body(
            "op_type_past_i64",
            field("OpType", "9223372036854775808"),
            Refused(BAD_REQUEST, 3005),
        ),
        // ---------------------------------------- ... at FromRoomInfo
        body(
            "from_room_an_array",
            field("FromRoomInfo", "[]"),
            Refused(BAD_REQUEST, 3005),
        ),
        body(
            "from_room_a_number",
            field("FromRoomInfo", "5"),
            Refused(BAD_REQUEST, 3005),
        ),
        body(
            "from_room_a_boolean",
            field("FromRoomInfo", "true"),
            Refused(BAD_REQUEST, 3005),
        ),
        body(
            "from_room_a_string_that_is_not_json",
            field("FromRoomInfo", &format!("\"{MARKER}\"")),
            Refused(BAD_REQUEST, 3005),
        ),
        body(
            "from_room_a_string_holding_deep_nesting",
            field(
                "FromRoomInfo",
                &serde_json::to_string(&format!("{}{}", "[".repeat(5000), "]".repeat(5000)))
                    .unwrap(),
            ),
            Refused(BAD_REQUEST, 3005),
        ),
        body(
            "from_room_room_id_an_object",
            field("FromRoomInfo", r#"{"RoomId":{}}"#),
            Refused(BAD_REQUEST, 3005),
        ),
        body(
            "from_room_score_a_fraction",
            field("FromRoomInfo", r#"{"RoomId":"r","Score":0.5}"#),
            Refused(BAD_REQUEST, 3005),
        ),
        body(
            "from_room_score_past_i64",
            field(
                "FromRoomInfo",
                r#"{"RoomId":"r","Score":9223372036854775808}"#,
            ),
            Refused(BAD_REQUEST, 3005),
        ),
        body(
            "from_room_owner_a_float",
            field(
                "FromRoomInfo",
                r#"{"RoomId":"r","Owner_Account":1.44115245353757792e17}"#,
            ),
            Refused(BAD_REQUEST, 3005),
        ),
        body(
            "from_room_owner_past_u64",
            field(
                "FromRoomInfo",
                r#"{"RoomId":"r","Owner_Account":18446744073709551616}"#,
            ),
            Refused(BAD_REQUEST, 3005),
        ),
        // ------------------------------------------ ... at ToRoomList
        body(
            "to_rooms_an_object",
            field("ToRoomList", "{}"),
            Refused(BAD_REQUEST, 3005),
        ),
        body(
            "to_rooms_a_string_holding_a_list",
            field("ToRoomList", r#""[]""#),
            Refused(BAD_REQUEST, 3005),
        ),
        body(
            "to_rooms_a_number",
            field("ToRoomList", "5"),
            Refused(BAD_REQUEST, 3005),
        ),
        body(
            "to_rooms_of_numbers",
            field("ToRoomList", "[1]"),
            Refused(BAD_REQUEST, 3005),
        ),
        body(
            "to_rooms_of_nulls",
            field("ToRoomList", "[null]"),
            Refused(BAD_REQUEST, 3005),
        ),
        body(
            "to_rooms_score_a_fraction_in_a_string",
            field("ToRoomList", r#"[{"RoomId":"r","Score":"1.5"}]"#),
            Refused(BAD_REQUEST, 3005),
        ),
        // ------------------------------------------- duplicate JSON keys
        body(
            "duplicate_battle_id",
            format!(r#"{{"BattleId":"b-1",{}"#, &SAMPLE[1..]),
            Refused(BAD_REQUEST, 3005),
        ),
        body(
            "duplicate_duration",
            with(r#""Duration":1,"Duration":2"#),
            Refused(BAD_REQUEST, 3005),
        ),
        body(
            "duplicate_from_room",
            with(r#""FromRoomInfo":{"RoomId":"a"},"FromRoomInfo":{"RoomId":"b"}"#),
            Refused(BAD_REQUEST, 3005),
        ),
        body(
            "duplicate_callback_command_even_when_both_match",
            format!(r#"{{"CallbackCommand":"{COMMAND}",{}"#, &SAMPLE[1..]),
            Refused(BAD_REQUEST, 3005),
        ),
        body(
            "duplicate_room_id_inside_a_room",
            with(r#""ToRoomList":[{"RoomId":"a","RoomId":"b"}]"#),
            Refused(BAD_REQUEST, 3005),
        ),
        body(
            "duplicate_score_inside_from_room",
            with(r#""FromRoomInfo":{"Score":1,"Score":100}"#),
            Refused(BAD_REQUEST, 3005),
        ),
        // ------------------------------------ another command in the body
        body(
            "body_command_another_command",
            field("CallbackCommand", r#""Live.CallbackAfterStartBattle""#),
            Refused(BAD_REQUEST, 3006),
        ),
        body(
            "body_command_in_another_case",
            field("CallbackCommand", r#""live.callbackafterendbattle""#),
            Refused(BAD_REQUEST, 3006),
        ),
        body(
            "body_command_with_a_nul",
            field("CallbackCommand", r#""Live.CallbackAfterEndBattle\u0000""#),
            Refused(BAD_REQUEST, 3006),
        ),
        body(
            "body_command_a_number",
            field("CallbackCommand", "5"),
            Refused(BAD_REQUEST, 3006),
        ),
        body(
            "body_command_an_object",
            field("CallbackCommand", "{}"),
            Refused(BAD_REQUEST, 3006),
        ),
    ];

    list.extend([
        body(
            "pinned_a_signed_url_with_another_body",
            with(r#""FromRoomInfo":{"RoomId":"attacker","Score":999999}"#),
            Expect::Accepted(&[
                ("/FromRoomInfo/RoomId", r#""attacker""#),
                ("/FromRoomInfo/Score", "999999"),
            ]),
        ),
        body(
            "pinned_one_byte_order_mark",
            format!("\u{feff}{SAMPLE}"),
            Expect::Accepted(&[(
                "/BattleId",
                r#""4siHsNsWN/T3aub9zKraqPfGQAimPhdFoe6VWhtz9lY=""#,
            )]),
        ),
        body(
            "pinned_integral_float",
            field("Duration", "30000.0"),
            Expect::Accepted(&[("/Duration", "30000")]),
        ),
        body(
            "pinned_integral_exponent",
            field("Duration", "3e4"),
            Expect::Accepted(&[("/Duration", "30000")]),
        ),
        body(
            "pinned_negative_zero",
            field("Duration", "-0"),
            Expect::Accepted(&[("/Duration", "0")]),
        ),
        body(
            "pinned_numeric_string",
            field("Duration", r#""30000""#),
            Expect::Accepted(&[("/Duration", "30000")]),
        ),
        body(
            "pinned_nulls_as_absent",
            field("ToRoomList", "null"),
            Expect::Accepted(&[("/ToRoomList", ABSENT)]),
        ),
        body(
            "pinned_unknown_key_repeated",
            with(r#""Extra":1,"Extra":{"a":2}"#),
            Expect::Accepted(&[("/BattleId", r#""b-1""#)]),
        ),
        body(
            "pinned_id_with_an_escaped_nul",
            field("BattleId", r#""b\u0000-1""#),
            Expect::Accepted(&[("/BattleId", r#""b\u0000-1""#)]),
        ),
        body(
            "pinned_deep_nesting_in_an_unknown_field",
            nested(30_000),
            Expect::Accepted(&[("/BattleId", r#""b-1""#)]),
        ),
        body(
            "pinned_deep_objects_in_an_unknown_field",
            format!(
                r#"{{"BattleId":"b-1","Deep":{}1{}}}"#,
                r#"{"a":"#.repeat(10_000),
                "}".repeat(10_000)
            ),
            Expect::Accepted(&[("/BattleId", r#""b-1""#)]),
        ),
        body(
            "pinned_lone_surrogate_in_an_unknown_field",
            with(r#""Note":"\ud800""#),
            Expect::Accepted(&[("/BattleId", r#""b-1""#)]),
        ),
        body(
            "pinned_body_exactly_at_the_limit",
            format!("{SAMPLE}{}", " ".repeat(64 * 1024 - SAMPLE.len())),
            Expect::Accepted(&[("/Duration", "30000")]),
        ),
        body(
            "pinned_content_length_smaller_than_the_body",
            SAMPLE,
            Expect::Accepted(&[("/Duration", "30000")]),
        )
        .header(header::CONTENT_LENGTH, "10"),
    ]);
    list
}

// --------------------------------------------------------- every command

/// A before-webhook's body refusal is answered with its fallback decision;
/// an after-webhook's with a FAIL acknowledgement.
fn body_refused(command: &spec::Command, status: u16, code: i64) -> Expect {
    match command.fallback {
        Some(_) => Expect::Fallback(code),
        None => Refused(status, code),
    }
}

/// The documented sample of a command, as its fixture holds it.
fn sample_of(command: &spec::Command) -> String {
    fixtures::documented(command.name).unwrap().to_owned()
}

/// An attack on `command`, named `name@command`.
fn on(
    command: &'static spec::Command,
    name: &str,
    body: impl Into<Bytes>,
    expect: Expect,
) -> Attack {
    Attack {
        name: format!("{name}@{}", command.name),
        command: command.name,
        method: Method::POST,
        target: format!("{PATH}?{}", query_for(command.name)),
        headers: Vec::new(),
        body: body.into(),
        framing: Framing::Whole,
        expect,
    }
}

/// An attack on `command`'s query, with its sample as the body.
fn on_query(command: &'static spec::Command, name: &str, query: String, expect: Expect) -> Attack {
    let mut attack = on(command, name, sample_of(command), expect);
    attack.target = format!("{PATH}?{query}");
    attack
}

/// Another command of the table, not a spelling of this one.
fn another(command: &spec::Command) -> &'static str {
    let at = spec::COMMANDS
        .iter()
        .position(|other| other.name == command.name)
        .unwrap();
    spec::COMMANDS
        .iter()
        .cycle()
        .skip(at + 1)
        .find(|other| !command.spellings.contains(&other.name))
        .unwrap()
        .name
}

/// How many attacks each command gets from [`command_attacks`], by answer.
const PER_COMMAND: Tally = Tally {
    refused_in_the_head: 4,
    refused_in_the_body: 19,
    passthrough: 2,
    accepted: 8,
};

/// The attacks every command gets: its sample and the accepted variants,
/// look-alike queries, head refusals, and body refusals.
fn command_attacks(command: &'static spec::Command) -> Vec<Attack> {
    let sample = sample_of(command);
    let name = command.name;
    let sign_now = signature(NOW);
    let refused = |code| {
        body_refused(
            command,
            if code == 3002 { TOO_LARGE } else { BAD_REQUEST },
            code,
        )
    };
    let padded = |length: usize| format!("{sample}{}", " ".repeat(length - sample.len()));
    vec![
        // ------------------------------------------------------ accepted
        on(command, "sample", sample.clone(), ACCEPTED),
        on(
            command,
            "sample_with_a_byte_order_mark",
            format!("\u{feff}{sample}"),
            ACCEPTED,
        ),
        on(
            command,
            "sample_without_its_callback_command",
            edit(&sample, &["CallbackCommand"], None),
            ACCEPTED,
        ),
        on(
            command,
            "sample_with_a_null_callback_command",
            edit(&sample, &["CallbackCommand"], Some("null")),
            ACCEPTED,
        ),
        on(
            command,
            "sample_with_a_lone_surrogate_in_an_unknown_field",
            edit(&sample, &["Note"], Some(r#""\ud800""#)),
            ACCEPTED,
        ),
        on(
            command,
            "sample_with_deep_nesting_in_an_unknown_field",
            edit(
                &sample,
                &["Deep"],
                Some(&format!("{}1{}", "[".repeat(30_000), "]".repeat(30_000))),
            ),
            ACCEPTED,
        ),
        on(
            command,
            "sample_with_an_unknown_field_repeated",
            edit(&sample, &["Extra"], Some(r#"1,"Extra":{"a":2}"#)),
            ACCEPTED,
        ),
        on(
            command,
            "sample_padded_to_the_limit",
            padded(LIMIT),
            ACCEPTED,
        ),
        // -------------------------------------------- look-alike queries
        on_query(
            command,
            "query_command_in_lower_case",
            query_for(&name.to_lowercase()),
            Passthrough,
        ),
        on_query(
            command,
            "query_command_with_a_nul",
            query_for(&format!("{name}%00")),
            Passthrough,
        ),
        // ------------------------------------------------ head refusals
        on_query(
            command,
            "query_command_repeated",
            format!("{}&CallbackCommand={name}", query_for(name)),
            body_refused(command, 400, 3001),
        ),
        on_query(
            command,
            "query_app_id_foreign",
            query_for(name).replace(&format!("SdkAppid={APP_ID}"), "SdkAppid=1400000002"),
            Refused(FORBIDDEN, 1003),
        ),
        on_query(
            command,
            "query_signed_with_another_token",
            query_for(name).replace(&sign_now, &sign("another-token", NOW)),
            Refused(UNAUTHORIZED, 2004),
        ),
        on_query(
            command,
            "query_request_time_stale",
            query_for(name)
                .replace(
                    &format!("RequestTime={NOW}"),
                    &format!("RequestTime={}", NOW - 61),
                )
                .replace(&sign_now, &signature(NOW - 61)),
            Refused(UNAUTHORIZED, 2003),
        ),
        // ------------------------------------------------ body refusals
        on(
            command,
            "body_command_another_command",
            edit(
                &sample,
                &["CallbackCommand"],
                Some(&format!("\"{}\"", another(command))),
            ),
            refused(3006),
        ),
        on(
            command,
            "body_command_in_lower_case",
            edit(
                &sample,
                &["CallbackCommand"],
                Some(&format!("\"{}\"", name.to_lowercase())),
            ),
            refused(3006),
        ),
        on(
            command,
            "body_command_with_a_nul",
            edit(
                &sample,
                &["CallbackCommand"],
                Some(&format!("\"{name}\\u0000\"")),
            ),
            refused(3006),
        ),
        on(
            command,
            "body_command_a_number",
            edit(&sample, &["CallbackCommand"], Some("5")),
            refused(3006),
        ),
        on(
            command,
            "body_command_an_object",
            edit(
                &sample,
                &["CallbackCommand"],
                Some(&format!(r#"{{"{MARKER}":1}}"#)),
            ),
            refused(3006),
        ),
        on(
            command,
            "body_command_repeated",
            format!(
                r#"{{"CallbackCommand":"{name}",{}"#,
                edit(&sample, &["CallbackCommand"], Some(&format!("\"{name}\"")))[1..].to_owned()
            ),
            refused(3005),
        ),
        on(
            command,
            "body_an_array_holding_the_sample",
            format!("[{sample}]"),
            refused(3005),
        ),
        on(
            command,
            "body_a_string_holding_the_sample",
            serde_json::to_string(&sample).unwrap(),
            refused(3005),
        ),
        on(command, "body_null", "null", refused(3005)),
        on(
            command,
            "body_nested_deep",
            format!("{}{}", "[".repeat(30_000), "]".repeat(30_000)),
            refused(3005),
        ),
        on(command, "body_empty", "", refused(3004)),
        on(
            command,
            "body_with_trailing_garbage",
            format!("{sample} {MARKER}"),
            refused(3004),
        ),
        on(
            command,
            "body_of_two_samples",
            format!("{sample}{sample}"),
            refused(3004),
        ),
        on(
            command,
            "body_with_two_byte_order_marks",
            format!("\u{feff}\u{feff}{sample}"),
            refused(3004),
        ),
        on(
            command,
            "body_with_a_comment",
            format!("// {MARKER}\n{sample}"),
            refused(3004),
        ),
        on(
            command,
            "content_length_over_the_limit_unread",
            sample.clone(),
            refused(3002),
        )
        .header(header::CONTENT_LENGTH, (LIMIT + 1).to_string())
        .framing(Framing::Unread { hint: false }),
        on(
            command,
            "size_hint_over_the_limit_unread",
            padded(LIMIT + 1),
            refused(3002),
        )
        .framing(Framing::Unread { hint: true }),
        on(
            command,
            "stream_over_the_limit",
            padded(LIMIT + 1),
            refused(3002),
        )
        .framing(Framing::Stream),
        on(
            command,
            "body_that_fails_to_read",
            sample.clone(),
            refused(3003),
        )
        .framing(Framing::FailsAtEnd),
    ]
}

/// How many attacks an identity field gets from [`identity_attacks`]: an id,
/// and an object that holds one (or a required list of objects).
const PER_ID: Tally = Tally {
    refused_in_the_head: 0,
    refused_in_the_body: 8,
    passthrough: 0,
    accepted: 1,
};
const PER_REQUIRED_OBJECT: Tally = Tally {
    refused_in_the_head: 0,
    refused_in_the_body: 6,
    passthrough: 0,
    accepted: 0,
};

/// Each identity field of the command (the model's spec): missing, `null`,
/// empty and of every wrong type, refused; an id as a large integer, kept
/// digit for digit.
fn identity_attacks(command: &'static spec::Command) -> Vec<Attack> {
    let sample = sample_of(command);
    let mut list = Vec::new();
    for (path, kind) in spec::identity_paths(command) {
        let at = path.join(".");
        let refused = body_refused(command, BAD_REQUEST, 3005);
        let mut wrong = |what: &str, json: Option<&str>| {
            list.push(on(
                command,
                &format!("identity_{at}_{what}"),
                edit(&sample, &path, json),
                refused,
            ));
        };
        match kind {
            Kind::Id => {
                wrong("missing", None);
                wrong("null", Some("null"));
                wrong("empty", Some(r#""""#));
                wrong("an_array", Some(r#"["id"]"#));
                wrong("an_object", Some(r#"{"id":1}"#));
                wrong("a_float", Some("1.5"));
                wrong("a_boolean", Some("true"));
                wrong("past_u64", Some("18446744073709551616"));
                let pointer: &'static str =
                    Box::leak(format!("/{}", path.join("/")).into_boxed_str());
                list.push(on(
                    command,
                    &format!("identity_{at}_a_large_integer"),
                    edit(&sample, &path, Some("144115245353757792")),
                    Expect::Accepted(Box::leak(Box::new([(pointer, r#""144115245353757792""#)]))),
                ));
            }
            Kind::Object(_) => {
                wrong("missing", None);
                wrong("null", Some("null"));
                wrong("an_empty_array", Some("[]"));
                wrong("a_string", Some(&format!("\"{MARKER}\"")));
                wrong("a_number", Some("5"));
                let object = serde_json::from_str::<Value>(&sample).unwrap();
                let inner = path
                    .iter()
                    .fold(&object, |value, key| &value[*key])
                    .to_string();
                wrong("an_array_holding_it", Some(&format!("[{inner}]")));
            }
            Kind::Objects(_) => {
                wrong("missing", None);
                wrong("null", Some("null"));
                wrong("an_object", Some(r#"{"id":1}"#));
                wrong("a_string", Some(&format!("\"{MARKER}\"")));
                wrong("a_number", Some("5"));
                wrong("an_array_of_strings", Some(r#"["id"]"#));
            }
            other => panic!("an identity of kind {other:?}"),
        }
    }
    list
}

fn has_messages(command: &spec::Command) -> bool {
    command
        .shape
        .fields
        .iter()
        .any(|field| matches!(field.kind, Kind::Messages))
}

/// How many attacks a message command gets from [`message_attacks`].
const PER_MESSAGE_COMMAND: Tally = Tally {
    refused_in_the_head: 0,
    refused_in_the_body: 16,
    passthrough: 0,
    accepted: 6,
};

/// A message command's elements: a known type whose content cannot be read
/// is refused (never kept as another type, where a filter would not see
/// it); another type is kept whole.
fn message_attacks(command: &'static spec::Command) -> Vec<Attack> {
    let sample = sample_of(command);
    let refused = |code| body_refused(command, BAD_REQUEST, code);
    let with_elements = |elements: &str| edit(&sample, &["MsgBody"], Some(elements));
    let text = |content: &str| format!(r#"[{{"MsgType":"TIMTextElem","MsgContent":{content}}}]"#);
    let mut list = Vec::new();
    for (name, elements, expect) in [
        ("element_text_a_number", text(r#"{"Text":5}"#), refused(3005)),
        ("element_text_an_object", text(r#"{"Text":{"zz":1}}"#), refused(3005)),
        ("element_text_a_lone_surrogate", text(r#"{"Text":"\ud800"}"#), refused(3004)),
        ("element_text_repeated", text(r#"{"Text":"a","Text":"b"}"#), refused(3005)),
        ("element_unknown_member_repeated", text(r#"{"Text":"a","X":1,"X":2}"#), refused(3005)),
        ("element_content_an_array", text(r#"["red packet"]"#), refused(3005)),
        ("element_content_a_string", text(r#""red packet""#), refused(3005)),
        (
            "element_text_a_number_content_first",
            r#"[{"MsgContent":{"Text":5},"MsgType":"TIMTextElem"}]"#.to_owned(),
            refused(3005),
        ),
        (
            "element_custom_data_a_number",
            r#"[{"MsgType":"TIMCustomElem","MsgContent":{"Data":5}}]"#.to_owned(),
            refused(3005),
        ),
        (
            "element_location_latitude_a_string",
            r#"[{"MsgType":"TIMLocationElem","MsgContent":{"Latitude":"1.5"}}]"#.to_owned(),
            refused(3005),
        ),
        (
            "element_image_info_by_position",
            r#"[{"MsgType":"TIMImageElem","MsgContent":{"ImageInfoArray":[[1,2,"u"]]}}]"#.to_owned(),
            refused(3005),
        ),
        (
            "element_face_index_a_fraction",
            r#"[{"MsgType":"TIMFaceElem","MsgContent":{"Index":1.5}}]"#.to_owned(),
            refused(3005),
        ),
        ("element_without_msg_type", r#"[{"MsgContent":{"Text":"a"}}]"#.to_owned(), refused(3005)),
        (
            "element_msg_type_repeated",
            r#"[{"MsgType":"TIMRelayElem","MsgType":"TIMTextElem","MsgContent":{"Text":"a"}}]"#.to_owned(),
            refused(3005),
        ),
        ("element_null", "[null]".to_owned(), refused(3005)),
        ("msg_body_an_object", text(r#"{"Text":"a"}"#)[1..].trim_end_matches(']').to_owned(), refused(3005)),
        (
            "element_of_another_type_kept_whole",
            r#"[{"MsgType":"TIMRelayElem","MsgContent":{"Title":"history","MsgNum":2},"Extra":[1]}]"#.to_owned(),
            Expect::Accepted(&[
                ("/MsgBody/0/MsgType", r#""TIMRelayElem""#),
                ("/MsgBody/0/MsgContent/MsgNum", "2"),
                ("/MsgBody/0/Extra", "[1]"),
            ]),
        ),
        (
            "element_content_before_its_type",
            r#"[{"MsgContent":{"Text":"red packet"},"MsgType":"TIMTextElem"}]"#.to_owned(),
            Expect::Accepted(&[("/MsgBody/0/MsgContent/Text", r#""red packet""#)]),
        ),
        (
            "element_unknown_member_kept",
            text(r#"{"Text":"a","Extra":[1]}"#),
            Expect::Accepted(&[("/MsgBody/0/MsgContent/Extra", "[1]")]),
        ),
        (
            "element_text_null_is_left_out",
            text(r#"{"Text":null}"#),
            Expect::Accepted(&[("/MsgBody/0/MsgContent", "{}")]),
        ),
        (
            "element_level_member_repeated_is_ignored",
            r#"[{"MsgType":"TIMTextElem","Seq":1,"Seq":2,"MsgContent":{"Text":"red packet"}}]"#.to_owned(),
            Expect::Accepted(&[(
                "/MsgBody/0",
                r#"{"MsgType":"TIMTextElem","MsgContent":{"Text":"red packet"}}"#,
            )]),
        ),
        (
            "element_of_a_typed_type_without_content_kept_whole",
            r#"[{"MsgType":"TIMTextElem","Seq":1}]"#.to_owned(),
            Expect::Accepted(&[("/MsgBody/0", r#"{"MsgType":"TIMTextElem","Seq":1}"#)]),
        ),
    ] {
        list.push(on(command, name, with_elements(&elements), expect));
    }
    list
}

// --------------------------------------------------------------- counting

/// Attacks by the answer they must get: refused by the head (1001 to 3001),
/// refused for the body (3002 to 3006, or a before-webhook's fallback
/// decision, a repeated command's included), passed through, accepted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Tally {
    refused_in_the_head: usize,
    refused_in_the_body: usize,
    passthrough: usize,
    accepted: usize,
}

impl Tally {
    fn of(attacks: &[Attack]) -> Self {
        let mut tally = Self::default();
        for attack in attacks {
            match attack.expect {
                Refused(_, code) if code <= 3001 => tally.refused_in_the_head += 1,
                Refused(..) | Expect::Fallback(_) => tally.refused_in_the_body += 1,
                Passthrough => tally.passthrough += 1,
                Expect::Accepted(_) => tally.accepted += 1,
            }
        }
        tally
    }

    fn plus(self, other: Self) -> Self {
        Self {
            refused_in_the_head: self.refused_in_the_head + other.refused_in_the_head,
            refused_in_the_body: self.refused_in_the_body + other.refused_in_the_body,
            passthrough: self.passthrough + other.passthrough,
            accepted: self.accepted + other.accepted,
        }
    }

    fn total(self) -> usize {
        self.refused_in_the_head + self.refused_in_the_body + self.passthrough + self.accepted
    }
}

/// The head attacks, by answer (a fixed list).
const HEAD_ATTACKS: Tally = Tally {
    refused_in_the_head: 58,
    refused_in_the_body: 0,
    passthrough: 36,
    accepted: 8,
};

/// The battle end's own attacks, by answer (a fixed list).
const BATTLE_ATTACKS: Tally = Tally {
    refused_in_the_head: 0,
    refused_in_the_body: 95,
    passthrough: 0,
    accepted: 14,
};

/// What the matrix must hold, computed from the command table: the fixed
/// lists, plus each command's share, each identity field's and each message
/// command's. Also the number of body refusals answered with a fallback
/// decision (those of the before-webhooks).
fn expected_counts() -> (Tally, usize) {
    let mut tally = HEAD_ATTACKS.plus(BATTLE_ATTACKS);
    let mut fallbacks = 0;
    for name in TencentEvent::CALLBACK_COMMANDS {
        let command = spec::command(name).expect("the model covers the table");
        let mut share = PER_COMMAND;
        for (_, kind) in spec::identity_paths(command) {
            share = share.plus(match kind {
                Kind::Id => PER_ID,
                _ => PER_REQUIRED_OBJECT,
            });
        }
        if has_messages(command) {
            share = share.plus(PER_MESSAGE_COMMAND);
        }
        if command.fallback.is_some() {
            // A repeated command is authentic: a before-webhook's gets its
            // fallback, as its body refusals do.
            share.refused_in_the_head -= 1;
            share.refused_in_the_body += 1;
            fallbacks += share.refused_in_the_body;
        }
        tally = tally.plus(share);
    }
    (tally, fallbacks)
}

// --------------------------------------------------------------- running

fn layer() -> TencentWebhookLayer {
    TencentWebhookLayer::new(PATH)
        .app_id(APP_ID)
        .token(TOKEN)
        .clock(|| UNIX_EPOCH + Duration::from_secs(NOW))
}

/// The battle end alone, for the socket tests.
fn battle_layer() -> BattleWebhookLayer {
    BattleWebhookLayer::new(PATH)
        .app_id(APP_ID)
        .token(TOKEN)
        .clock(|| UNIX_EPOCH + Duration::from_secs(NOW))
}

/// The decision the handler and the app give: a before-webhook's own kind
/// of decision, chosen to differ from its fallback; `()` for news.
fn decide(event: &Value) -> Reply {
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

/// The bytes of [`decide`]'s answer, written out in the model (never
/// computed by the crate): its `decided` for a before-webhook, OK for news.
fn decided(event: &Value) -> String {
    event["CallbackCommand"]
        .as_str()
        .and_then(spec::command)
        .and_then(|command| command.decided_for(event))
        .unwrap_or_else(|| spec::OK.to_owned())
}

/// Calls of the inner service and of the handler, and what they saw.
#[derive(Clone, Default)]
struct Calls {
    inner: Arc<AtomicUsize>,
    handler: Arc<AtomicUsize>,
    inner_saw_event: Arc<AtomicUsize>,
    inner_bodies: Arc<Mutex<Vec<Bytes>>>,
    /// The event handed on, as the crate writes it.
    event: Arc<Mutex<Option<Value>>>,
}

impl Calls {
    fn inner(&self) -> usize {
        self.inner.load(Ordering::SeqCst)
    }

    fn handler(&self) -> usize {
        self.handler.load(Ordering::SeqCst)
    }
}

fn inner_service<B>(
    calls: &Calls,
) -> impl tower::Service<
    Request<RequestBody<B>>,
    Response = Response<Full<Bytes>>,
    Error = Infallible,
    Future = impl Send,
> + Clone
where
    B: Body<Data = Bytes> + Send + 'static,
    B::Error: std::fmt::Debug,
{
    let calls = calls.clone();
    service_fn(move |request: Request<RequestBody<B>>| {
        let calls = calls.clone();
        async move {
            calls.inner.fetch_add(1, Ordering::SeqCst);
            let event = request
                .extensions()
                .get::<TencentEvent>()
                .map(|event| serde_json::to_value(event).unwrap());
            if event.is_some() {
                calls.inner_saw_event.fetch_add(1, Ordering::SeqCst);
            }
            let body = request
                .into_body()
                .collect()
                .await
                .map(|body| body.to_bytes())
                .unwrap_or_default();
            calls.inner_bodies.lock().unwrap().push(body);
            let mut response = Response::new(Full::new(Bytes::from_static(b"inner")));
            if let Some(event) = &event {
                response.extensions_mut().insert(decide(event));
            }
            *calls.event.lock().unwrap() = event;
            Ok::<_, Infallible>(response)
        }
    })
}

/// The answer of one attack in one mode, read whole.
struct Answer {
    status: StatusCode,
    content_type: Option<HeaderValue>,
    body: Bytes,
}

async fn run(attack: &Attack, handler_mode: bool) -> (Answer, Calls, Polls) {
    let calls = Calls::default();
    let polls = Polls::default();
    let response = if handler_mode {
        let (counter, seen) = (calls.handler.clone(), calls.event.clone());
        let handler = service_fn(move |request: Request<TencentEvent>| {
            counter.fetch_add(1, Ordering::SeqCst);
            let event = serde_json::to_value(request.body()).unwrap();
            let reply = decide(&event);
            *seen.lock().unwrap() = Some(event);
            async move { Ok::<_, Infallible>(reply) }
        });
        layer()
            .handler(handler)
            .layer(inner_service(&calls))
            .oneshot(attack.request(&polls))
            .await
    } else {
        layer()
            .layer(inner_service(&calls))
            .oneshot(attack.request(&polls))
            .await
    };
    let (parts, body) = response.unwrap().into_parts();
    let body = timeout(STEP, body.collect())
        .await
        .unwrap()
        .unwrap()
        .to_bytes();
    let answer = Answer {
        status: parts.status,
        content_type: parts.headers.get(header::CONTENT_TYPE).cloned(),
        body,
    };
    (answer, calls, polls)
}

/// Why an attack's answer is wrong, or `None` when it is right.
fn check(
    attack: &Attack,
    handler_mode: bool,
    answer: &Answer,
    calls: &Calls,
    polls: &Polls,
) -> Option<String> {
    let mode = if handler_mode { "handler" } else { "forward" };
    let status = answer.status.as_u16();
    let fail = |why: String| Some(format!("{} ({mode}): {why}", attack.name));
    if polls.unread_polled.load(Ordering::SeqCst) {
        return fail("a body refused by its declared size was polled".into());
    }
    if attack.framing == Framing::Stream
        && matches!(attack.expect, Refused(_, 3002) | Expect::Fallback(3002))
        && polls.frames.load(Ordering::SeqCst) > LIMIT / 1024 + 1
    {
        return fail("the stream was read past the frame that crossed the limit".into());
    }
    let json = answer
        .content_type
        .as_ref()
        .is_some_and(|value| value == "application/json");
    match attack.expect {
        Refused(expected_status, expected_code) => {
            if calls.inner() != 0 || calls.handler() != 0 {
                return fail(format!(
                    "reached the app: inner {}, handler {}",
                    calls.inner(),
                    calls.handler()
                ));
            }
            let Ok(ack) = serde_json::from_slice::<Ack>(&answer.body) else {
                return fail(format!("{status}, not a JSON ack: {:?}", answer.body));
            };
            if (status, ack.error_code()) != (expected_status, expected_code) {
                return fail(format!(
                    "got {status}/{}, expected {expected_status}/{expected_code}: {}",
                    ack.error_code(),
                    ack.error_info()
                ));
            }
            if ack.action_status() != ActionStatus::Fail || ack.error_info().is_empty() {
                return fail(format!("not a FAIL ack with a reason: {ack:?}"));
            }
            if !json {
                return fail("no application/json content type".into());
            }
            if ack.error_info().contains(MARKER) || ack.error_info().contains(TOKEN) {
                return fail(format!(
                    "ErrorInfo quotes the request: {}",
                    ack.error_info()
                ));
            }
        }
        Expect::Fallback(_) => {
            if calls.inner() != 0 || calls.handler() != 0 {
                return fail(format!(
                    "reached the app: inner {}, handler {}",
                    calls.inner(),
                    calls.handler()
                ));
            }
            let fallback = spec::command(attack.command).unwrap().fallback.unwrap();
            if status != 200 || answer.body != fallback.as_bytes() || !json {
                return fail(format!(
                    "not the fallback decision: {status} {:?}",
                    answer.body
                ));
            }
        }
        Passthrough => {
            let untouched = calls.inner_bodies.lock().unwrap().first() == Some(&attack.body);
            if status != 200 || answer.body != "inner" || calls.inner() != 1 || !untouched {
                return fail(format!(
                    "not passed through untouched: {status} {:?}, inner {}",
                    answer.body,
                    calls.inner()
                ));
            }
            if calls.handler() != 0 || calls.inner_saw_event.load(Ordering::SeqCst) != 0 {
                return fail("an event was handed on".into());
            }
        }
        Expect::Accepted(pinned) => {
            let (inner, handler, saw) = (
                calls.inner(),
                calls.handler(),
                calls.inner_saw_event.load(Ordering::SeqCst),
            );
            let expected = if handler_mode { (0, 1, 0) } else { (1, 0, 1) };
            if (inner, handler, saw) != expected {
                return fail(format!(
                    "handed on wrongly: inner {inner}, handler {handler}, events {saw}"
                ));
            }
            let Some(event) = calls.event.lock().unwrap().clone() else {
                return fail("no event handed on".into());
            };
            if status != 200 || answer.body != decided(&event) || !json {
                return fail(format!("not accepted: {status} {:?}", answer.body));
            }
            match decode::expect(attack.command, &attack.body).expected {
                Expected::Accepted(model) if model == event => {}
                other => {
                    return fail(format!("the event is {event}, the model's {other:?}"));
                }
            }
            for (pointer, value) in pinned {
                if *value == ABSENT {
                    if let Some(found) = event.pointer(pointer) {
                        return fail(format!("{pointer} is {found}, not absent"));
                    }
                    continue;
                }
                let value: Value = serde_json::from_str(value).unwrap();
                if event.pointer(pointer) != Some(&value) {
                    return fail(format!(
                        "{pointer} is {:?}, not {value}",
                        event.pointer(pointer)
                    ));
                }
            }
        }
    }
    None
}

#[tokio::test]
async fn every_attack_gets_its_documented_answer_and_reaches_nothing() {
    let mut failures = Vec::new();
    for attack in attacks() {
        for handler_mode in [false, true] {
            let (answer, calls, polls) = run(&attack, handler_mode).await;
            failures.extend(check(&attack, handler_mode, &answer, &calls, &polls));
        }
    }
    assert!(
        failures.is_empty(),
        "{} wrong answers:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn the_matrix_counts_are_computed_from_the_table() {
    let attacks = attacks();
    let names: BTreeSet<_> = attacks.iter().map(|attack| attack.name.as_str()).collect();
    assert_eq!(names.len(), attacks.len(), "a name is used twice");
    assert_eq!(Tally::of(&head_attacks()), HEAD_ATTACKS);
    assert_eq!(Tally::of(&battle_attacks()), BATTLE_ATTACKS);
    let (expected, fallbacks) = expected_counts();
    let tally = Tally::of(&attacks);
    assert_eq!(tally, expected);
    assert_eq!(tally.total(), attacks.len());
    let fallback_entries = attacks
        .iter()
        .filter(|attack| matches!(attack.expect, Expect::Fallback(_)))
        .count();
    assert_eq!(fallback_entries, fallbacks);
    // Every command of the table is attacked.
    let attacked: BTreeSet<&str> = attacks.iter().map(|attack| attack.command).collect();
    for command in TencentEvent::CALLBACK_COMMANDS {
        assert!(attacked.contains(command), "{command} is not attacked");
    }
    // Every refusal code the layer can give before a handler runs is exercised.
    let codes: BTreeSet<i64> = attacks
        .iter()
        .filter_map(|attack| match attack.expect {
            Refused(_, code) | Expect::Fallback(code) => Some(code),
            _ => None,
        })
        .collect();
    for code in [
        1001, 1002, 1003, 2001, 2002, 2003, 2004, 3001, 3002, 3003, 3004, 3005, 3006,
    ] {
        assert!(codes.contains(&code), "no attack for ErrorCode {code}");
    }
    println!(
        "the matrix: {} requests: {} refused ({} by the head, {} for the body, {} of those with a \
         fallback decision), {} look-alikes, {} accepted",
        tally.total(),
        tally.refused_in_the_head + tally.refused_in_the_body,
        tally.refused_in_the_head,
        tally.refused_in_the_body,
        fallbacks,
        tally.passthrough,
        tally.accepted,
    );
}

/// The matrix's expectations are also the model's (`tests/model/`): the
/// head by the README's rules, the body by the decoding rules, the size by
/// the limit. The matrix pins the model as much as the crate.
#[test]
fn the_model_gives_every_attack_its_answer() {
    let config = head::Config {
        path: PATH,
        app_id: APP_ID,
        token: Some(TOKEN),
        now: NOW,
        tolerance: 60,
        claims: TencentEvent::CALLBACK_COMMANDS,
    };
    let mut disagreements = Vec::new();
    for attack in attacks() {
        let uri: http::Uri = attack.target.parse().unwrap();
        let head = head::head(attack.method.as_str(), uri.path(), uri.query(), &config);
        let agrees = match (&head, attack.expect) {
            (Head::Pass, Passthrough) => true,
            (Head::Refused(code), Refused(status, expected)) => {
                *code == expected && head::status_of(*code) == status
            }
            (Head::Repeated(first), expect) => match spec::command(first) {
                Some(command) if command.fallback.is_some() => expect == Expect::Fallback(3001),
                _ => expect == Refused(400, 3001),
            },
            (Head::Webhook(command), expect) if command == attack.command => {
                let declared = attack
                    .headers
                    .iter()
                    .filter(|(name, _)| name == header::CONTENT_LENGTH)
                    .filter_map(|(_, value)| value.parse::<u64>().ok())
                    .max()
                    .unwrap_or(0);
                let over = attack.body.len() > LIMIT
                    || (declared > LIMIT as u64
                        && matches!(attack.framing, Framing::Unread { .. }));
                let code = match expect {
                    Refused(_, code) | Expect::Fallback(code) => Some(code),
                    _ => None,
                };
                match code {
                    Some(3002) => over,
                    Some(3003) => attack.framing == Framing::FailsAtEnd,
                    _ if over || attack.framing == Framing::FailsAtEnd => false,
                    Some(code) => matches!(
                        decode::expect(command, &attack.body).expected,
                        Expected::Refused(codes) if codes.contains(&code)
                    ),
                    None => matches!(
                        decode::expect(command, &attack.body).expected,
                        Expected::Accepted(_)
                    ),
                }
            }
            _ => false,
        };
        if !agrees {
            disagreements.push(format!("{}: the model's head says {head:?}", attack.name));
        }
    }
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}

/// The 3005 answers name the field path, so a sender can find its mistake.
#[tokio::test]
async fn wrong_shapes_are_named_by_their_field_path() {
    for (name, mentions) in [
        ("duration_a_fraction", "`Duration`"),
        ("from_room_score_a_fraction", "`FromRoomInfo.Score`"),
        (
            "to_rooms_score_a_fraction_in_a_string",
            "`ToRoomList[0].Score`",
        ),
        ("duplicate_battle_id", "duplicate field `BattleId`"),
        (
            "duplicate_room_id_inside_a_room",
            "duplicate field `RoomId`",
        ),
        (
            "battle_id_empty",
            "`BattleId`: found a string, expected a non-empty id",
        ),
        (
            "body_nested_deep_under_duration",
            "`Duration`: found an array",
        ),
        (
            "identity_GiftWater.From_Account_a_float@Live.CallbackBeforeSendGift",
            "`GiftWater.From_Account`",
        ),
        (
            "element_text_a_number@Group.CallbackAfterSendMsg",
            "`MsgBody[0].MsgContent.Text`",
        ),
    ] {
        let attack = attacks()
            .into_iter()
            .find(|attack| attack.name == name)
            .unwrap_or_else(|| panic!("no attack {name}"));
        let body = &attack.body;
        let rejection = TencentEvent::decode(attack.command, body).unwrap_err();
        assert!(
            rejection.to_string().contains(mentions),
            "{name}: {rejection}"
        );
        if attack.command == COMMAND {
            let (answer, _, _) = run(&attack, true).await;
            let ack: Ack = serde_json::from_slice(&answer.body).unwrap();
            assert!(
                ack.error_info().contains(mentions),
                "{name}: {}",
                ack.error_info()
            );
        }
    }
}

/// A room is an object (or a string holding one), never an array read by
/// position: `[["pk-5",80,"1"]]` would be values taken by guessing. (serde's
/// derived `Deserialize` reads arrays by position; this test caught it when
/// the rooms still used the derive.)
#[tokio::test]
async fn rooms_given_as_arrays_are_refused() {
    for (name, body) in [
        ("to_rooms_of_empty_arrays", field("ToRoomList", "[[]]")),
        (
            "to_rooms_by_position",
            field("ToRoomList", r#"[["pk-5",80,"144115245442327522"]]"#),
        ),
        (
            "from_room_a_string_holding_an_array",
            field("FromRoomInfo", r#""[1]""#),
        ),
    ] {
        let attack = Attack {
            name: "rooms_given_as_arrays".into(),
            command: COMMAND,
            method: Method::POST,
            target: format!("{PATH}?{}", good_query()),
            headers: Vec::new(),
            body: body.into(),
            framing: Framing::Whole,
            expect: Refused(BAD_REQUEST, 3005),
        };
        for handler_mode in [false, true] {
            let (answer, calls, polls) = run(&attack, handler_mode).await;
            assert_eq!(
                check(&attack, handler_mode, &answer, &calls, &polls),
                None,
                "{name}"
            );
        }
    }
}

/// http's `Uri` holds at most 65534 bytes, so a query of megabytes can never
/// reach the layer through `http` 1 types: a server must refuse it first.
#[test]
fn a_uri_past_64_kib_cannot_even_be_built() {
    let long = format!("{PATH}?{}&{}", good_query(), "a=b&".repeat(17_000));
    assert!(long.len() > 65_534);
    assert!(http::Uri::try_from(long.as_str()).is_err());
    let fits = format!("{PATH}?{}", "a".repeat(65_534 - PATH.len() - 1));
    assert!(http::Uri::try_from(fits.as_str()).is_ok());
}

// ------------------------------------------------ over a real socket (hyper)

/// A bare hyper HTTP/1.1 server with the layer in handler mode in front of an
/// app that counts its calls.
struct Server {
    addr: SocketAddr,
    calls: Calls,
    task: JoinHandle<()>,
}

impl Drop for Server {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn start() -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let calls = Calls::default();
    let counter = calls.handler.clone();
    let handler = service_fn(move |_: Request<BattleEnded>| {
        counter.fetch_add(1, Ordering::SeqCst);
        async { Ok::<_, Infallible>(()) }
    });
    let inner = calls.inner.clone();
    let service = ServiceBuilder::new()
        .layer(battle_layer().handler(handler))
        .service(service_fn(move |_: Request<RequestBody<Incoming>>| {
            inner.fetch_add(1, Ordering::SeqCst);
            async { Ok::<_, Infallible>(Response::new(Full::new(Bytes::from_static(b"inner")))) }
        }));
    let task = tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let service = TowerToHyperService::new(service.clone());
            tokio::spawn(async move {
                let _ = http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    Server { addr, calls, task }
}

/// Writes raw bytes, then reads until the server closes the connection or
/// `STEP` passes; returns everything read. Write errors are ignored: a
/// server may close before it has read everything.
async fn exchange(addr: SocketAddr, bytes: &[u8], shutdown: bool) -> Vec<u8> {
    let mut stream = timeout(STEP, TcpStream::connect(addr))
        .await
        .unwrap()
        .unwrap();
    let _ = stream.write_all(bytes).await;
    if shutdown {
        let _ = stream.shutdown().await;
    }
    let mut read = Vec::new();
    let _ = timeout(STEP, stream.read_to_end(&mut read)).await;
    read
}

/// The status and body of each response in a raw HTTP/1.1 byte stream.
fn responses(bytes: &[u8]) -> Vec<(u16, Vec<u8>)> {
    let mut found = Vec::new();
    let mut rest = bytes;
    while let Some(end) = rest.windows(4).position(|w| w == b"\r\n\r\n") {
        let head = String::from_utf8_lossy(&rest[..end]).into_owned();
        let status: u16 = head
            .split(' ')
            .nth(1)
            .and_then(|code| code.parse().ok())
            .unwrap_or(0);
        let length = head
            .lines()
            .find_map(|line| {
                let (name, value) = line.split_once(':')?;
                name.eq_ignore_ascii_case("content-length")
                    .then(|| value.trim().parse::<usize>().ok())?
            })
            .unwrap_or(0);
        let start = end + 4;
        let stop = (start + length).min(rest.len());
        found.push((status, rest[start..stop].to_vec()));
        rest = &rest[stop..];
    }
    found
}

/// A request line and `Host`; the caller adds its headers, the blank line and the body.
fn head(target: &str) -> String {
    format!("POST {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n")
}

fn ack_code(body: &[u8]) -> Option<i64> {
    serde_json::from_slice::<Ack>(body)
        .ok()
        .map(|ack| ack.error_code())
}

#[tokio::test]
async fn a_content_length_that_lies_short_reads_only_what_it_declares() {
    // Content-Length 10 in front of the whole sample: the layer gets the 10
    // bytes it was promised (not JSON), and hyper then refuses the rest of
    // the bytes as a malformed second request.
    let server = start().await;
    let target = format!("{PATH}?{}", good_query());
    let request = format!("{}Content-Length: 10\r\n\r\n{SAMPLE}", head(&target));
    let answers = responses(&exchange(server.addr, request.as_bytes(), false).await);
    assert_eq!(answers[0].0, 400, "{answers:?}");
    assert_eq!(ack_code(&answers[0].1), Some(3004));
    assert!(answers.len() <= 2, "{answers:?}");
    if let Some((status, body)) = answers.get(1) {
        assert_eq!(*status, 400, "hyper's answer to the leftover bytes");
        assert_eq!(ack_code(body), None, "the leftover never reached the layer");
    }
    assert_eq!((server.calls.inner(), server.calls.handler()), (0, 0));
}

#[tokio::test]
async fn a_content_length_that_lies_long_ends_when_the_client_does() {
    // Content-Length 5000 and only the sample, then the client shuts its
    // sending side: the body can never be complete. hyper reports the
    // incomplete body as a body error, so the layer answers 400/3003 and
    // nothing is handed on. A client that keeps the connection open instead
    // is the slow body of tests/limits.rs: bounded by a body timeout.
    let server = start().await;
    let target = format!("{PATH}?{}", good_query());
    let request = format!("{}Content-Length: 5000\r\n\r\n{SAMPLE}", head(&target));
    let answers = responses(&exchange(server.addr, request.as_bytes(), true).await);
    assert_eq!(answers.len(), 1, "{answers:?}");
    assert_eq!(answers[0].0, 400);
    assert_eq!(ack_code(&answers[0].1), Some(3003));
    assert_eq!((server.calls.inner(), server.calls.handler()), (0, 0));
}

#[tokio::test]
async fn conflicting_framing_is_refused_by_hyper_before_the_layer() {
    let server = start().await;
    let target = format!("{PATH}?{}", good_query());
    for (name, framing) in [
        (
            "two_different_content_lengths",
            "Content-Length: 10\r\nContent-Length: 20\r\n",
        ),
        ("content_length_not_a_number", "Content-Length: ten\r\n"),
        ("content_length_negative", "Content-Length: -1\r\n"),
        (
            "content_length_past_u64",
            "Content-Length: 99999999999999999999999\r\n",
        ),
        ("transfer_encoding_unknown", "Transfer-Encoding: gzip\r\n"),
    ] {
        let request = format!("{}{framing}\r\n{SAMPLE}", head(&target));
        let answers = responses(&exchange(server.addr, request.as_bytes(), false).await);
        assert_eq!(answers.len(), 1, "{name}: {answers:?}");
        assert_eq!(answers[0].0, 400, "{name}");
        assert_eq!(
            ack_code(&answers[0].1),
            None,
            "{name}: hyper answered, not the layer"
        );
    }
    assert_eq!((server.calls.inner(), server.calls.handler()), (0, 0));
}

#[tokio::test]
async fn queries_too_long_for_a_uri_are_refused_by_hyper_before_the_layer() {
    let server = start().await;
    for (name, padding, expected) in [
        // Longer than a `Uri` may be, but within hyper's read buffer: 414.
        ("query_of_100_kib", 100 * 1024, 414),
        // Longer than hyper's read buffer (about 400 KiB): 431.
        ("query_of_2_mib", 2 * 1024 * 1024, 431),
    ] {
        let target = format!("{PATH}?{}&pad={}", good_query(), "x".repeat(padding));
        let request = format!(
            "{}Content-Length: {}\r\n\r\n{SAMPLE}",
            head(&target),
            SAMPLE.len()
        );
        let answers = responses(&exchange(server.addr, request.as_bytes(), false).await);
        assert_eq!(answers.len(), 1, "{name}: {answers:?}");
        assert_eq!(answers[0].0, expected, "{name}");
        assert_eq!(
            ack_code(&answers[0].1),
            None,
            "{name}: hyper answered, not the layer"
        );
    }
    assert_eq!((server.calls.inner(), server.calls.handler()), (0, 0));
    // And the server still answers a real webhook afterwards.
    let target = format!("{PATH}?{}", good_query());
    let request = format!(
        "{}Content-Length: {}\r\n\r\n{SAMPLE}",
        head(&target),
        SAMPLE.len()
    );
    let answers = responses(&exchange(server.addr, request.as_bytes(), false).await);
    assert_eq!(answers, vec![(200, OK_ACK.as_bytes().to_vec())]);
    assert_eq!(server.calls.handler(), 1);
}
