//! The attack matrix: hostile requests, each with the answer it must get.
//!
//! Every entry of [`attacks`] is sent twice through `tower::ServiceExt::oneshot`:
//! once in forward mode (counting calls of the inner service) and once in
//! handler mode (counting calls of the handler and of the inner service). A
//! refused request must get its documented status and `ErrorCode` as a JSON
//! FAIL acknowledgement, and must reach neither the inner service nor the
//! handler. A look-alike that the layer must not claim must reach the inner
//! service untouched and never the handler. Where the behaviour is a choice
//! (something odd that is accepted), the entry pins it as [`Expect::Accepted`]
//! and `SECURITY.md` says why.
//!
//! The tests at the end send what only a real socket can carry (a lying
//! `Content-Length`, a query of megabytes) to a hyper server on 127.0.0.1.

use std::collections::BTreeSet;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, UNIX_EPOCH};

use bytes::Bytes;
use http::{header, HeaderName, HeaderValue, Method, Request, Response, StatusCode};
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::TokioIo;
use hyper_util::service::TowerToHyperService;
use tencent_live_webhook::{sign, Ack, ActionStatus, BattleEnded, BattleWebhookLayer, RequestBody};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;
use tokio::time::timeout;
use tower::{service_fn, Layer, ServiceBuilder, ServiceExt};

const PATH: &str = "/tencent/callback";
const COMMAND: &str = "Live.CallbackAfterEndBattle";
const APP_ID: u64 = 1400000001;
const TOKEN: &str = "callback-token";
/// The layer's clock: every `RequestTime` below is measured against it.
const NOW: u64 = 1_700_000_000;
const SAMPLE: &str = r#"{"CallbackCommand":"Live.CallbackAfterEndBattle","BattleId":"4siHsNsWN/T3aub9zKraqPfGQAimPhdFoe6VWhtz9lY=","Duration":30000,"CreateTime":1739956115,"StartTime":1739956115,"EndTime":1739956145,"OpType":0,"FromRoomInfo":{"RoomId":"pk-3","Score":120,"Owner_Account":144115245353757792},"ToRoomList":[{"RoomId":"pk-5","Score":80,"Owner_Account":144115245442327522}],"EventTime":1739956146119}"#;
const OK_ACK: &str = r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}"#;
/// Put into hostile values: no `ErrorInfo` may ever quote it.
const MARKER: &str = "zz-secret";
/// The bound on every network step of the socket tests.
const STEP: Duration = Duration::from_secs(10);

/// What an attack must get.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Expect {
    /// A FAIL acknowledgement with this status and `ErrorCode`; nothing is called.
    Refused(u16, i64),
    /// Not claimed: the inner service gets the request untouched, the handler nothing.
    Passthrough,
    /// A pinned choice: the request is accepted and handed on once.
    Accepted,
}

use Expect::{Accepted, Passthrough, Refused};

struct Attack {
    name: &'static str,
    method: Method,
    target: String,
    headers: Vec<(HeaderName, String)>,
    body: Bytes,
    expect: Expect,
}

impl Attack {
    fn request(&self) -> Request<Full<Bytes>> {
        let mut request = Request::builder()
            .method(self.method.clone())
            .uri(&self.target)
            .body(Full::new(self.body.clone()))
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
}

fn signature(request_time: impl std::fmt::Display) -> String {
    sign(TOKEN, request_time)
}

/// Tencent's query for our app, signed at `NOW`.
fn good_query() -> String {
    format!(
        "SdkAppid={APP_ID}&CallbackCommand={COMMAND}&contenttype=json&ClientIP=127.0.0.1\
         &OptPlatform=RESTAPI&RequestTime={NOW}&Sign={}",
        signature(NOW)
    )
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
fn query(name: &'static str, query: String, expect: Expect) -> Attack {
    target(name, Method::POST, format!("{PATH}?{query}"), expect)
}

/// A request to this target (path and query) with the sample body.
fn target(name: &'static str, method: Method, target: String, expect: Expect) -> Attack {
    Attack {
        name,
        method,
        target,
        headers: Vec::new(),
        body: Bytes::from_static(SAMPLE.as_bytes()),
        expect,
    }
}

/// A correctly signed webhook with this body.
fn body(name: &'static str, body: impl Into<Bytes>, expect: Expect) -> Attack {
    Attack {
        name,
        method: Method::POST,
        target: format!("{PATH}?{}", good_query()),
        headers: Vec::new(),
        body: body.into(),
        expect,
    }
}

/// The sample with one top-level field's JSON value replaced.
fn field(name: &str, json: &str) -> String {
    let mut object: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(SAMPLE).unwrap();
    let marker = format!("@@{name}@@");
    object.insert(name.to_owned(), serde_json::Value::String(marker.clone()));
    serde_json::to_string(&object)
        .unwrap()
        .replace(&format!("\"{marker}\""), json)
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
        // -------------------------------------------------- Content-Length
        body("content_length_over_the_limit_with_a_tiny_body", SAMPLE, Refused(TOO_LARGE, 3002))
            .header(header::CONTENT_LENGTH, "65537"),
        body("content_length_u64_max", SAMPLE, Refused(TOO_LARGE, 3002))
            .header(header::CONTENT_LENGTH, u64::MAX.to_string()),
        body(
            "content_length_past_u64_over_a_long_stream",
            " ".repeat(70_000),
            Refused(TOO_LARGE, 3002),
        )
        .header(header::CONTENT_LENGTH, "99999999999999999999999"),
        body(
            "content_length_zero_over_a_long_stream",
            " ".repeat(70_000),
            Refused(TOO_LARGE, 3002),
        )
        .header(header::CONTENT_LENGTH, "0"),
        body(
            "content_length_negative_over_a_long_stream",
            " ".repeat(70_000),
            Refused(TOO_LARGE, 3002),
        )
        .header(header::CONTENT_LENGTH, "-1"),
        body(
            "body_one_byte_over_the_limit",
            format!("{SAMPLE}{}", " ".repeat(64 * 1024 + 1 - SAMPLE.len())),
            Refused(TOO_LARGE, 3002),
        ),
        body(
            "body_of_a_megabyte",
            vec![b'['; 1 << 20],
            Refused(TOO_LARGE, 3002),
        ),
        // ------------------------------------------------ not JSON at all
        body("body_empty", "", Refused(BAD_REQUEST, 3004)),
        body("body_only_whitespace", " \r\n\t ", Refused(BAD_REQUEST, 3004)),
        body("body_with_a_trailing_comma", r#"{"BattleId":"b-1",}"#, Refused(BAD_REQUEST, 3004)),
        body(
            "body_with_comments",
            "{\"BattleId\":\"b-1\" // zz-secret\n}",
            Refused(BAD_REQUEST, 3004),
        ),
        body("body_with_single_quotes", "{'BattleId':'b-1'}", Refused(BAD_REQUEST, 3004)),
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
        body("body_with_nan", with(r#""Duration":NaN"#), Refused(BAD_REQUEST, 3004)),
        body("body_with_infinity", with(r#""Duration":Infinity"#), Refused(BAD_REQUEST, 3004)),
        body("body_with_a_hex_number", with(r#""Duration":0x10"#), Refused(BAD_REQUEST, 3004)),
        body("body_with_a_leading_zero", with(r#""Duration":007"#), Refused(BAD_REQUEST, 3004)),
        body("body_with_a_plus_number", with(r#""Duration":+1"#), Refused(BAD_REQUEST, 3004)),
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
            field("Duration", &format!("{}{}", "[".repeat(30_000), "]".repeat(30_000))),
            Refused(BAD_REQUEST, 3005),
        ),
        body(
            "body_nested_deep_under_from_room",
            field("FromRoomInfo", &format!("{}{}", "[".repeat(30_000), "]".repeat(30_000))),
            Refused(BAD_REQUEST, 3005),
        ),
        body(
            "body_nested_deep_under_to_rooms",
            field("ToRoomList", &format!("{}{}", "[".repeat(30_000), "]".repeat(30_000))),
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
        body("body_a_number", "144115245353757792", Refused(BAD_REQUEST, 3005)),
        body("body_a_string", format!("\"{MARKER}\""), Refused(BAD_REQUEST, 3005)),
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
        body("battle_id_an_object", field("BattleId", "{}"), Refused(BAD_REQUEST, 3005)),
        body("battle_id_an_array", field("BattleId", "[]"), Refused(BAD_REQUEST, 3005)),
        body("battle_id_a_boolean", field("BattleId", "true"), Refused(BAD_REQUEST, 3005)),
        body("battle_id_a_float", field("BattleId", "1.5"), Refused(BAD_REQUEST, 3005)),
        body(
            "battle_id_an_integral_float",
            field("BattleId", "1e3"),
            Refused(BAD_REQUEST, 3005),
        ),
        body("battle_id_empty", field("BattleId", r#""""#), Refused(BAD_REQUEST, 3005)),
        body("battle_id_null", field("BattleId", "null"), Refused(BAD_REQUEST, 3005)),
        body(
            "battle_id_past_u64",
            field("BattleId", "18446744073709551616"),
            Refused(BAD_REQUEST, 3005),
        ),
        // -------------------------------------------- ... at the numbers
        body("duration_an_object", field("Duration", "{}"), Refused(BAD_REQUEST, 3005)),
        body("duration_an_array", field("Duration", "[30000]"), Refused(BAD_REQUEST, 3005)),
        body("duration_a_boolean", field("Duration", "true"), Refused(BAD_REQUEST, 3005)),
        body(
            "duration_a_word",
            field("Duration", &format!("\"{MARKER}\"")),
            Refused(BAD_REQUEST, 3005),
        ),
        body("duration_a_fraction", field("Duration", "1.5"), Refused(BAD_REQUEST, 3005)),
        body(
            "duration_a_fraction_in_a_string",
            field("Duration", r#""30000.0""#),
            Refused(BAD_REQUEST, 3005),
        ),
        body("duration_negative", field("Duration", "-1"), Refused(BAD_REQUEST, 3005)),
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
        body("create_time_negative", field("CreateTime", "-1"), Refused(BAD_REQUEST, 3005)),
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
        body("end_time_1e20", field("EndTime", "1e20"), Refused(BAD_REQUEST, 3005)),
        body("op_type_a_fraction", field("OpType", "1.5"), Refused(BAD_REQUEST, 3005)),
        body("op_type_an_object", field("OpType", "{}"), Refused(BAD_REQUEST, 3005)),
        body(
            "op_type_past_i64",
            field("OpType", "9223372036854775808"),
            Refused(BAD_REQUEST, 3005),
        ),
        // ---------------------------------------- ... at FromRoomInfo
        body("from_room_an_array", field("FromRoomInfo", "[]"), Refused(BAD_REQUEST, 3005)),
        body("from_room_a_number", field("FromRoomInfo", "5"), Refused(BAD_REQUEST, 3005)),
        body("from_room_a_boolean", field("FromRoomInfo", "true"), Refused(BAD_REQUEST, 3005)),
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
            field("FromRoomInfo", r#"{"RoomId":"r","Score":9223372036854775808}"#),
            Refused(BAD_REQUEST, 3005),
        ),
        body(
            "from_room_owner_a_float",
            field("FromRoomInfo", r#"{"RoomId":"r","Owner_Account":1.44115245353757792e17}"#),
            Refused(BAD_REQUEST, 3005),
        ),
        body(
            "from_room_owner_past_u64",
            field("FromRoomInfo", r#"{"RoomId":"r","Owner_Account":18446744073709551616}"#),
            Refused(BAD_REQUEST, 3005),
        ),
        // ------------------------------------------ ... at ToRoomList
        body("to_rooms_an_object", field("ToRoomList", "{}"), Refused(BAD_REQUEST, 3005)),
        body(
            "to_rooms_a_string_holding_a_list",
            field("ToRoomList", r#""[]""#),
            Refused(BAD_REQUEST, 3005),
        ),
        body("to_rooms_a_number", field("ToRoomList", "5"), Refused(BAD_REQUEST, 3005)),
        body("to_rooms_of_numbers", field("ToRoomList", "[1]"), Refused(BAD_REQUEST, 3005)),
        body("to_rooms_of_nulls", field("ToRoomList", "[null]"), Refused(BAD_REQUEST, 3005)),
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
            good.replace(COMMAND, "Live.CallbackAfterStartBattle")
                + "&CallbackCommand=Live.CallbackAfterCreateBattle",
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
            Accepted,
        ),
        query(
            "pinned_keys_in_any_case",
            good.replace("SdkAppid=", "SDKAPPID=")
                .replace("CallbackCommand=", "callbackcommand=")
                .replace("Sign=", "SIGN=")
                .replace("RequestTime=", "requesttime="),
            Accepted,
        ),
        query(
            "pinned_sdk_app_id_key_percent_encoded",
            good.replace("SdkAppid=", "%53dkAppid="),
            Accepted,
        ),
        query(
            "pinned_sdk_app_id_with_leading_zeros",
            good.replace("SdkAppid=", "SdkAppid=000"),
            Accepted,
        ),
        query(
            "pinned_sign_in_upper_case",
            good.replace(&sign_now, &sign_now.to_uppercase()),
            Accepted,
        ),
        query(
            "pinned_informational_keys_repeated",
            format!("{good}&ClientIP=10.0.0.1&OptPlatform=zz&contenttype=xml&Extra=1&Extra=2"),
            Accepted,
        ),
        query(
            "pinned_request_time_at_the_edge_of_the_window",
            replace("RequestTime", &format!("RequestTime={}", NOW - 60))
                .replace(&sign_now, &signature(NOW - 60)),
            Accepted,
        ),
        target(
            "pinned_absolute_form_uri_with_any_host",
            Method::POST,
            format!("http://attacker.example{PATH}?{good}"),
            Accepted,
        ),
        body(
            "pinned_a_signed_url_with_another_body",
            with(r#""FromRoomInfo":{"RoomId":"attacker","Score":999999}"#),
            Accepted,
        ),
        body(
            "pinned_one_byte_order_mark",
            format!("\u{feff}{SAMPLE}"),
            Accepted,
        ),
        body(
            "pinned_integral_float",
            field("Duration", "30000.0"),
            Accepted,
        ),
        body(
            "pinned_integral_exponent",
            field("Duration", "3e4"),
            Accepted,
        ),
        body("pinned_negative_zero", field("Duration", "-0"), Accepted),
        body(
            "pinned_numeric_string",
            field("Duration", r#""30000""#),
            Accepted,
        ),
        body(
            "pinned_nulls_as_absent",
            field("ToRoomList", "null"),
            Accepted,
        ),
        body(
            "pinned_unknown_key_repeated",
            with(r#""Extra":1,"Extra":{"a":2}"#),
            Accepted,
        ),
        body(
            "pinned_id_with_an_escaped_nul",
            field("BattleId", r#""b\u0000-1""#),
            Accepted,
        ),
        body(
            "pinned_deep_nesting_in_an_unknown_field",
            nested(30_000),
            Accepted,
        ),
        body(
            "pinned_deep_objects_in_an_unknown_field",
            format!(
                r#"{{"BattleId":"b-1","Deep":{}1{}}}"#,
                r#"{"a":"#.repeat(10_000),
                "}".repeat(10_000)
            ),
            Accepted,
        ),
        body(
            "pinned_lone_surrogate_in_an_unknown_field",
            with(r#""Note":"\ud800""#),
            Accepted,
        ),
        body(
            "pinned_body_exactly_at_the_limit",
            format!("{SAMPLE}{}", " ".repeat(64 * 1024 - SAMPLE.len())),
            Accepted,
        ),
        body(
            "pinned_content_length_smaller_than_the_body",
            SAMPLE,
            Accepted,
        )
        .header(header::CONTENT_LENGTH, "10"),
    ]);
    list
}

fn layer() -> BattleWebhookLayer {
    BattleWebhookLayer::new(PATH)
        .app_id(APP_ID)
        .token(TOKEN)
        .clock(|| UNIX_EPOCH + Duration::from_secs(NOW))
}

/// Calls of the inner service and of the handler, and what the inner service saw.
#[derive(Clone, Default)]
struct Calls {
    inner: Arc<AtomicUsize>,
    handler: Arc<AtomicUsize>,
    inner_saw_event: Arc<AtomicUsize>,
    inner_bodies: Arc<Mutex<Vec<Bytes>>>,
}

impl Calls {
    fn inner(&self) -> usize {
        self.inner.load(Ordering::SeqCst)
    }

    fn handler(&self) -> usize {
        self.handler.load(Ordering::SeqCst)
    }
}

fn inner_service(
    calls: &Calls,
) -> impl tower::Service<
    Request<RequestBody<Full<Bytes>>>,
    Response = Response<Full<Bytes>>,
    Error = Infallible,
    Future = impl Send,
> + Clone {
    let calls = calls.clone();
    service_fn(move |request: Request<RequestBody<Full<Bytes>>>| {
        let calls = calls.clone();
        async move {
            calls.inner.fetch_add(1, Ordering::SeqCst);
            if request.extensions().get::<BattleEnded>().is_some() {
                calls.inner_saw_event.fetch_add(1, Ordering::SeqCst);
            }
            let body = request.into_body().collect().await.unwrap().to_bytes();
            calls.inner_bodies.lock().unwrap().push(body);
            Ok::<_, Infallible>(Response::new(Full::new(Bytes::from_static(b"inner"))))
        }
    })
}

/// The answer of one attack in one mode, read whole.
struct Answer {
    status: StatusCode,
    content_type: Option<HeaderValue>,
    body: Bytes,
}

async fn run(attack: &Attack, handler_mode: bool) -> (Answer, Calls) {
    let calls = Calls::default();
    let response = if handler_mode {
        let counter = calls.handler.clone();
        let handler = service_fn(move |_: Request<BattleEnded>| {
            counter.fetch_add(1, Ordering::SeqCst);
            async { Ok::<_, Infallible>(()) }
        });
        layer()
            .handler(handler)
            .layer(inner_service(&calls))
            .oneshot(attack.request())
            .await
    } else {
        layer()
            .layer(inner_service(&calls))
            .oneshot(attack.request())
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
    (answer, calls)
}

/// Why an attack's answer is wrong, or `None` when it is right.
fn check(attack: &Attack, handler_mode: bool, answer: &Answer, calls: &Calls) -> Option<String> {
    let mode = if handler_mode { "handler" } else { "forward" };
    let status = answer.status.as_u16();
    let fail = |why: String| Some(format!("{} ({mode}): {why}", attack.name));
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
            if answer
                .content_type
                .as_ref()
                .is_none_or(|v| v != "application/json")
            {
                return fail("no application/json content type".into());
            }
            if ack.error_info().contains(MARKER) || ack.error_info().contains(TOKEN) {
                return fail(format!(
                    "ErrorInfo quotes the request: {}",
                    ack.error_info()
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
        Accepted => {
            if status != 200 || answer.body != OK_ACK {
                return fail(format!("not accepted: {status} {:?}", answer.body));
            }
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
        }
    }
    None
}

#[tokio::test]
async fn every_attack_gets_its_documented_answer_and_reaches_nothing() {
    let mut failures = Vec::new();
    for attack in attacks() {
        for handler_mode in [false, true] {
            let (answer, calls) = run(&attack, handler_mode).await;
            failures.extend(check(&attack, handler_mode, &answer, &calls));
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
fn the_matrix_is_large_and_its_names_are_unique() {
    let attacks = attacks();
    let names: BTreeSet<_> = attacks.iter().map(|attack| attack.name).collect();
    assert_eq!(names.len(), attacks.len(), "a name is used twice");
    let refused = attacks
        .iter()
        .filter(|attack| matches!(attack.expect, Refused(..)))
        .count();
    assert!(refused >= 40, "only {refused} refused attacks");
    // Every refusal code the layer can give before a handler runs is exercised.
    let codes: BTreeSet<i64> = attacks
        .iter()
        .filter_map(|attack| match attack.expect {
            Refused(_, code) => Some(code),
            _ => None,
        })
        .collect();
    for code in [
        1001, 1002, 1003, 2001, 2002, 2003, 2004, 3001, 3002, 3004, 3005, 3006,
    ] {
        assert!(codes.contains(&code), "no attack for ErrorCode {code}");
    }
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
    ] {
        let attack = attacks()
            .into_iter()
            .find(|attack| attack.name == name)
            .unwrap();
        let (answer, _) = run(&attack, true).await;
        let ack: Ack = serde_json::from_slice(&answer.body).unwrap();
        assert!(
            ack.error_info().contains(mentions),
            "{name}: {}",
            ack.error_info()
        );
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
            name: "rooms_given_as_arrays",
            method: Method::POST,
            target: format!("{PATH}?{}", good_query()),
            headers: Vec::new(),
            body: body.into(),
            expect: Refused(BAD_REQUEST, 3005),
        };
        for handler_mode in [false, true] {
            let (answer, calls) = run(&attack, handler_mode).await;
            assert_eq!(
                check(&attack, handler_mode, &answer, &calls),
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
        .layer(layer().handler(handler))
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
