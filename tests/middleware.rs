//! Every rule of the middleware, driven with `tower::ServiceExt::oneshot`.

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use http::{header, Method, Request, Response, StatusCode};
use http_body::{Body, Frame, SizeHint};
use http_body_util::{BodyExt, Full};
use tencent_live_webhook::testing::fixtures::{APP_ID, OK_ACK, PATH};
use tencent_live_webhook::{
    sign, Ack, BattleEnded, BattleWebhookLayer, CallbackQuery, EndReason, Platform, RawBody,
    RequestBody, ResponseBody,
};
use tower::{service_fn, BoxError, Layer, Service, ServiceExt};

const QUERY: &str = "SdkAppid=1400000001&CallbackCommand=Live.CallbackAfterEndBattle\
                     &contenttype=json&ClientIP=10.1.2.3&OptPlatform=iOS";
/// The documented sample of `Live.CallbackAfterEndBattle`.
const SAMPLE: &str = include_str!("fixtures/Live.CallbackAfterEndBattle/sample.json");

type TestBody = RequestBody<Full<Bytes>>;

fn post(query: &str, body: &str) -> Request<Full<Bytes>> {
    Request::post(format!("{PATH}?{query}"))
        .body(Full::new(Bytes::copy_from_slice(body.as_bytes())))
        .unwrap()
}

fn sample() -> Request<Full<Bytes>> {
    post(QUERY, SAMPLE)
}

/// What an inner service saw of the requests that reached it.
#[derive(Clone, Default)]
struct Seen {
    calls: Arc<AtomicUsize>,
    battles: Arc<Mutex<Vec<BattleEnded>>>,
    queries: Arc<Mutex<Vec<CallbackQuery>>>,
    bodies: Arc<Mutex<Vec<Bytes>>>,
}

impl Seen {
    fn calls(&self) -> usize {
        self.calls.load(Ordering::SeqCst)
    }
}

/// An inner service that records what it gets and answers `status` with body "inner".
fn inner(
    seen: &Seen,
    status: StatusCode,
) -> impl Service<
    Request<TestBody>,
    Response = Response<Full<Bytes>>,
    Error = Infallible,
    Future = impl Future + Send,
> + Clone {
    let seen = seen.clone();
    service_fn(move |request: Request<TestBody>| {
        let seen = seen.clone();
        async move {
            seen.calls.fetch_add(1, Ordering::SeqCst);
            if let Some(battle) = request.extensions().get::<BattleEnded>() {
                seen.battles.lock().unwrap().push(battle.clone());
            }
            if let Some(query) = request.extensions().get::<CallbackQuery>() {
                seen.queries.lock().unwrap().push(query.clone());
            }
            let body = request.into_body().collect().await.unwrap().to_bytes();
            seen.bodies.lock().unwrap().push(body);
            let mut response = Response::new(Full::new(Bytes::from_static(b"inner")));
            *response.status_mut() = status;
            Ok(response)
        }
    })
}

fn layer() -> BattleWebhookLayer {
    BattleWebhookLayer::new(PATH).app_id(APP_ID)
}

async fn send(layer: BattleWebhookLayer, request: Request<Full<Bytes>>) -> (Response<Bytes>, Seen) {
    let seen = Seen::default();
    let response = layer
        .layer(inner(&seen, StatusCode::OK))
        .oneshot(request)
        .await
        .unwrap();
    (collect(response).await, seen)
}

async fn collect<B>(response: Response<ResponseBody<B>>) -> Response<Bytes>
where
    B: Body<Data = Bytes>,
    B::Error: std::fmt::Debug,
{
    let (parts, body) = response.into_parts();
    Response::from_parts(parts, body.collect().await.unwrap().to_bytes())
}

/// Asserts a FAIL acknowledgement with this status and code, and returns its ErrorInfo.
fn assert_fail(response: &Response<Bytes>, status: StatusCode, code: i64) -> String {
    assert_eq!(response.status(), status, "body: {:?}", response.body());
    assert_eq!(response.headers()[header::CONTENT_TYPE], "application/json");
    let ack: Ack = serde_json::from_slice(response.body()).unwrap();
    assert!(!ack.is_ok());
    assert_eq!(ack.error_code(), code, "{}", ack.error_info());
    assert!(!ack.error_info().is_empty());
    ack.error_info().to_owned()
}

fn assert_ok(response: &Response<Bytes>) {
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[header::CONTENT_TYPE], "application/json");
    assert_eq!(response.body(), OK_ACK);
}

fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

fn fixed_clock(secs: u64) -> impl Fn() -> SystemTime + Send + Sync + 'static {
    move || UNIX_EPOCH + Duration::from_secs(secs)
}

fn signed_query(token: &str, request_time: u64) -> String {
    format!(
        "{QUERY}&RequestTime={request_time}&Sign={}",
        sign(token, request_time)
    )
}

// ---------------------------------------------------------------- passthrough

#[tokio::test]
async fn requests_that_are_not_the_webhook_pass_through_untouched() {
    let other_command = QUERY.replace("AfterEndBattle", "AfterStartBattle");
    let cases: Vec<Request<Full<Bytes>>> = vec![
        Request::get(format!("{PATH}?{QUERY}"))
            .body(Full::new(Bytes::from_static(b"raw")))
            .unwrap(),
        Request::put(format!("{PATH}?{QUERY}"))
            .body(Full::new(Bytes::from_static(b"raw")))
            .unwrap(),
        Request::post(format!("/other?{QUERY}"))
            .body(Full::new(Bytes::from_static(b"raw")))
            .unwrap(),
        Request::post(format!("{PATH}/?{QUERY}"))
            .body(Full::new(Bytes::from_static(b"raw")))
            .unwrap(),
        Request::post(format!("/TENCENT/callback?{QUERY}"))
            .body(Full::new(Bytes::from_static(b"raw")))
            .unwrap(),
        Request::post(PATH)
            .body(Full::new(Bytes::from_static(b"raw")))
            .unwrap(),
        post(&other_command, "raw"),
        post("SdkAppid=1400000001", "raw"),
        post(
            "SdkAppid=1&CallbackCommand=live.callbackafterendbattle",
            "raw",
        ),
    ];
    for request in cases {
        let description = format!("{} {}", request.method(), request.uri());
        let (response, seen) = send(layer(), request).await;
        assert_eq!(response.status(), StatusCode::OK, "{description}");
        assert_eq!(response.body(), "inner", "{description}");
        assert!(response.headers().get(header::CONTENT_TYPE).is_none());
        assert_eq!(seen.calls(), 1, "{description}");
        assert!(seen.battles.lock().unwrap().is_empty(), "{description}");
        assert!(seen.queries.lock().unwrap().is_empty(), "{description}");
        assert_eq!(seen.bodies.lock().unwrap()[0], "raw", "{description}");
    }
}

#[tokio::test]
async fn passthrough_keeps_the_original_body_unread_and_streaming() {
    let seen_body = Arc::new(Mutex::new(None));
    let recorder = seen_body.clone();
    let service = layer().layer(service_fn(
        move |request: Request<RequestBody<Full<Bytes>>>| {
            let recorder = recorder.clone();
            async move {
                *recorder.lock().unwrap() = Some(format!("{:?}", request.body()));
                Ok::<_, Infallible>(Response::new(Full::new(Bytes::new())))
            }
        },
    ));
    service
        .oneshot(post("CallbackCommand=Other", "x"))
        .await
        .unwrap();
    assert_eq!(
        seen_body.lock().unwrap().as_deref(),
        Some("RequestBody::Original")
    );
}

#[tokio::test]
async fn layers_for_different_commands_stack_on_one_path() {
    // An outer layer for another command must let this one through, and the reverse.
    let seen = Seen::default();
    let service = tower::ServiceBuilder::new()
        .layer(
            tencent_live_webhook::WebhookLayer::<OtherEvent>::new(PATH)
                .app_id(APP_ID)
                .handler(service_fn(|_: Request<OtherEvent>| async {
                    Ok::<_, Infallible>(Ack::fail(9, "other"))
                })),
        )
        .layer(layer())
        .service(inner_for_stack(&seen));
    let response = collect(service.clone().oneshot(sample()).await.unwrap()).await;
    assert_ok(&response);
    assert_eq!(seen.battles.lock().unwrap().len(), 1);

    let other = post(
        "SdkAppid=1400000001&CallbackCommand=Live.CallbackAfterOther",
        "{}",
    );
    let response = collect(service.oneshot(other).await.unwrap()).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.body().starts_with(br#"{"ActionStatus":"FAIL""#));
    assert_eq!(
        seen.calls(),
        1,
        "the other command never reached the inner service"
    );
}

#[derive(Clone, Debug, serde::Deserialize)]
struct OtherEvent {}

impl tencent_live_webhook::WebhookEvent for OtherEvent {
    const CALLBACK_COMMANDS: &'static [&'static str] = &["Live.CallbackAfterOther"];

    fn decode(command: &str, body: &[u8]) -> Result<Self, tencent_live_webhook::Rejection> {
        tencent_live_webhook::decode_json(command, body)
    }
}

/// The inner service below two layers sees `RequestBody<RequestBody<_>>`.
fn inner_for_stack(
    seen: &Seen,
) -> impl Service<
    Request<RequestBody<TestBody>>,
    Response = Response<Full<Bytes>>,
    Error = Infallible,
    Future = impl Future + Send,
> + Clone {
    let seen = seen.clone();
    service_fn(move |request: Request<RequestBody<TestBody>>| {
        let seen = seen.clone();
        async move {
            seen.calls.fetch_add(1, Ordering::SeqCst);
            if let Some(battle) = request.extensions().get::<BattleEnded>() {
                seen.battles.lock().unwrap().push(battle.clone());
            }
            Ok(Response::new(Full::new(Bytes::new())))
        }
    })
}

// ------------------------------------------------------------------ app ids

#[tokio::test]
async fn sdk_app_id_is_checked_first() {
    let cases = [
        ("CallbackCommand=Live.CallbackAfterEndBattle", 1001),
        (
            "SdkAppid=1400000001&SdkAppId=1400000001&CallbackCommand=Live.CallbackAfterEndBattle",
            1001,
        ),
        (
            "SdkAppid=abc&CallbackCommand=Live.CallbackAfterEndBattle",
            1002,
        ),
        (
            "SdkAppid=-1&CallbackCommand=Live.CallbackAfterEndBattle",
            1002,
        ),
        (
            "SdkAppid=&CallbackCommand=Live.CallbackAfterEndBattle",
            1002,
        ),
        (
            "SdkAppid=1400000002&CallbackCommand=Live.CallbackAfterEndBattle",
            1003,
        ),
    ];
    for (query, code) in cases {
        // With a token and a body that would also fail: the app id decides.
        let (response, seen) = send(layer().token("t"), post(query, "not json")).await;
        assert_fail(&response, StatusCode::FORBIDDEN, code);
        assert_eq!(seen.calls(), 0, "{query}");
    }
}

#[tokio::test]
async fn app_id_key_is_case_insensitive_and_several_ids_are_accepted() {
    let query = QUERY.replace("SdkAppid=1400000001", "SDKAPPID=20000001");
    let (response, seen) = send(
        BattleWebhookLayer::new(PATH).app_ids([1400000001, 20000001]),
        post(&query, SAMPLE),
    )
    .await;
    assert_ok(&response);
    assert_eq!(seen.queries.lock().unwrap()[0].sdk_app_id, 20000001);
}

#[tokio::test]
async fn a_layer_without_app_ids_fails_closed() {
    let (response, seen) = send(BattleWebhookLayer::new(PATH), sample()).await;
    assert_fail(&response, StatusCode::FORBIDDEN, 1003);
    assert_eq!(seen.calls(), 0);
}

// ---------------------------------------------------------------- signature

#[tokio::test]
async fn signed_request_is_accepted_and_sign_is_optional_without_token() {
    let (response, _) = send(
        layer().token("tok"),
        post(&signed_query("tok", now_secs()), SAMPLE),
    )
    .await;
    assert_ok(&response);
    // No token configured: a request without Sign, or with a wrong one, is fine.
    let (response, _) = send(layer(), sample()).await;
    assert_ok(&response);
    let (response, _) = send(
        layer(),
        post(&format!("{QUERY}&Sign=zz&RequestTime=1"), SAMPLE),
    )
    .await;
    assert_ok(&response);
}

#[tokio::test]
async fn signature_failures_are_401() {
    let now = 1_700_000_000;
    let good = sign("tok", now);
    let cases = [
        (QUERY.to_owned(), 2001),
        (format!("{QUERY}&RequestTime={now}"), 2001),
        (format!("{QUERY}&Sign={good}"), 2001),
        (
            format!("{QUERY}&Sign={good}&RequestTime={now}&requesttime={now}"),
            2001,
        ),
        (format!("{QUERY}&Sign={good}&RequestTime=soon"), 2002),
        (format!("{QUERY}&Sign={good}&RequestTime=-5"), 2002),
        (signed_query("tok", now - 61), 2003),
        (signed_query("tok", now + 61), 2003),
        (signed_query("other", now), 2004),
        (
            format!("{QUERY}&Sign={}&RequestTime={now}", sign("tok", now + 1)),
            2004,
        ),
        (format!("{QUERY}&Sign=&RequestTime={now}"), 2004),
    ];
    for (query, code) in cases {
        let layer = layer().token("tok").clock(fixed_clock(now));
        let (response, seen) = send(layer, post(&query, SAMPLE)).await;
        assert_fail(&response, StatusCode::UNAUTHORIZED, code);
        assert_eq!(seen.calls(), 0, "{query}");
    }
}

#[tokio::test]
async fn tolerance_edges_hold_in_both_directions() {
    let now: u64 = 1_700_000_000;
    for (tolerance, offset, accepted) in [
        (60, 60, true),
        (60, -60, true),
        (60, 61, false),
        (60, -61, false),
        (5, 5, true),
        (5, 6, false),
        (0, 0, true),
        (0, 1, false),
    ] {
        let request_time = now.checked_add_signed(offset).unwrap();
        let layer = layer()
            .token("tok")
            .clock(fixed_clock(now))
            .request_time_tolerance(Duration::from_secs(tolerance));
        let (response, _) = send(layer, post(&signed_query("tok", request_time), SAMPLE)).await;
        if accepted {
            assert_ok(&response);
        } else {
            assert_fail(&response, StatusCode::UNAUTHORIZED, 2003);
        }
    }
}

#[tokio::test]
async fn every_configured_token_is_accepted_during_rotation() {
    let layer = layer().token("old").token("new");
    for token in ["old", "new"] {
        let (response, _) = send(
            layer.clone(),
            post(&signed_query(token, now_secs()), SAMPLE),
        )
        .await;
        assert_ok(&response);
    }
    let (response, _) = send(layer, post(&signed_query("neither", now_secs()), SAMPLE)).await;
    assert_fail(&response, StatusCode::UNAUTHORIZED, 2004);
}

#[tokio::test]
async fn a_token_configured_twice_still_signs() {
    // Every configured token is compared, and one match is enough: a token
    // given twice (a rotation that repeats the current one, an app paired
    // with it twice) matches twice and is still accepted.
    for layer in [
        layer().token("new").token("new"),
        layer().token("old").token("new").token("new"),
        BattleWebhookLayer::new(PATH)
            .app(APP_ID, "new")
            .app(APP_ID, "new"),
    ] {
        let (response, seen) = send(
            layer.clone(),
            post(&signed_query("new", now_secs()), SAMPLE),
        )
        .await;
        assert_ok(&response);
        assert_eq!(seen.calls(), 1);
        let (response, _) = send(layer, post(&signed_query("old?", now_secs()), SAMPLE)).await;
        assert_fail(&response, StatusCode::UNAUTHORIZED, 2004);
    }
}

#[tokio::test]
async fn keys_as_long_as_the_known_ones_are_not_read_as_them() {
    // Keys are recognised by name, not by length: `CallbackCommand` has 15
    // characters, `Sign` 4, `SdkAppid` and `ClientIP` 8, `RequestTime`,
    // `contenttype` and `OptPlatform` 11.
    let signed = signed_query("tok", now_secs());
    for (name, query) in [
        (
            "a 15-character key",
            format!("CallbackCommanX=Live.CallbackAfterStartBattle&{signed}"),
        ),
        (
            "a 15-character key after",
            format!("{signed}&XallbackCommand=Live.CallbackAfterEndBattle"),
        ),
        ("a 4-character key", format!("Sigm=00&{signed}")),
        ("a 4-character key after", format!("{signed}&Size=00")),
        (
            "8-character keys",
            format!("SdkAppix=7&ClientIX=1&{signed}&SdkAppiX=7"),
        ),
        (
            "11-character keys",
            format!("RequestTimx=1&OptPlatforX=Web&contenttypX=xml&{signed}"),
        ),
    ] {
        let (response, seen) = send(layer().token("tok"), post(&query, SAMPLE)).await;
        assert_ok(&response);
        assert_eq!(seen.calls(), 1, "{name}");
        let query = seen.queries.lock().unwrap()[0].clone();
        assert_eq!(
            query.callback_command, "Live.CallbackAfterEndBattle",
            "{name}"
        );
        assert_eq!(query.client_ip.as_deref(), Some("10.1.2.3"), "{name}");
        assert_eq!(query.opt_platform, Some(Platform::Ios), "{name}");
        assert_eq!(query.content_type.as_deref(), Some("json"), "{name}");
    }
    // A key as long as `CallbackCommand` naming our command does not claim a
    // request: it passes through untouched, unsigned as it is.
    let look_alike = "SdkAppid=1400000001&CallbackCommanX=Live.CallbackAfterEndBattle";
    let (response, seen) = send(layer().token("tok"), post(look_alike, SAMPLE)).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.body(), "inner");
    assert_eq!(seen.calls(), 1);
    assert!(seen.queries.lock().unwrap().is_empty());
}

#[tokio::test]
async fn spec_test_vector_is_accepted_at_its_time() {
    let query = format!(
        "{QUERY}&RequestTime=1669872112&Sign=17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061"
    );
    let layer = layer().token("xxxxyyyy").clock(fixed_clock(1669872112));
    let (response, _) = send(layer, post(&query, SAMPLE)).await;
    assert_ok(&response);
}

#[tokio::test]
async fn repeated_callback_command_is_refused() {
    let query = format!("{QUERY}&CallbackCommand=Live.CallbackAfterStartBattle");
    let (response, seen) = send(layer(), post(&query, SAMPLE)).await;
    assert_fail(&response, StatusCode::BAD_REQUEST, 3001);
    assert_eq!(seen.calls(), 0);
}

// --------------------------------------------------------------------- body

/// A body that must never be polled: proves a rejection happened before reading.
struct Untouchable(u64);

impl Body for Untouchable {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        self: Pin<&mut Self>,
        _: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        panic!("the body was read")
    }

    fn size_hint(&self) -> SizeHint {
        SizeHint::with_exact(self.0)
    }
}

/// A body that yields `chunks` frames of `size` bytes each, counting what was pulled.
struct Chunks {
    left: usize,
    size: usize,
    pulled: Arc<AtomicUsize>,
    fail_at_end: bool,
}

impl Body for Chunks {
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        _: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        if self.left == 0 {
            return Poll::Ready(self.fail_at_end.then(|| Err("connection reset".into())));
        }
        self.left -= 1;
        self.pulled.fetch_add(1, Ordering::SeqCst);
        Poll::Ready(Some(Ok(Frame::data(Bytes::from(vec![b' '; self.size])))))
    }
}

async fn send_any<B>(layer: BattleWebhookLayer, request: Request<B>) -> (Response<Bytes>, usize)
where
    B: Body<Data = Bytes> + Send + 'static,
    B::Error: Into<BoxError>,
{
    let calls = Arc::new(AtomicUsize::new(0));
    let counter = calls.clone();
    let service = layer.layer(service_fn(move |_: Request<RequestBody<B>>| {
        counter.fetch_add(1, Ordering::SeqCst);
        async { Ok::<_, Infallible>(Response::new(Full::new(Bytes::new()))) }
    }));
    let response = collect(service.oneshot(request).await.unwrap()).await;
    let calls = calls.load(Ordering::SeqCst);
    (response, calls)
}

fn uri() -> String {
    format!("{PATH}?{QUERY}")
}

#[tokio::test]
async fn declared_length_over_the_limit_is_refused_before_reading() {
    let request = Request::post(uri())
        .header(header::CONTENT_LENGTH, "1025")
        .body(Untouchable(0))
        .unwrap();
    let (response, calls) = send_any(layer().body_limit(1024), request).await;
    let info = assert_fail(&response, StatusCode::PAYLOAD_TOO_LARGE, 3002);
    assert!(info.contains("1024"), "{info}");
    assert_eq!(calls, 0);

    let request = Request::post(uri()).body(Untouchable(65 * 1024)).unwrap();
    let (response, _) = send_any(layer(), request).await;
    assert_fail(&response, StatusCode::PAYLOAD_TOO_LARGE, 3002);
}

#[tokio::test]
async fn a_stream_past_the_limit_is_cut_off() {
    let pulled = Arc::new(AtomicUsize::new(0));
    let body = Chunks {
        left: 1000,
        size: 100,
        pulled: pulled.clone(),
        fail_at_end: false,
    };
    let request = Request::post(uri()).body(body).unwrap();
    let (response, calls) = send_any(layer().body_limit(1000), request).await;
    assert_fail(&response, StatusCode::PAYLOAD_TOO_LARGE, 3002);
    assert_eq!(calls, 0);
    assert_eq!(
        pulled.load(Ordering::SeqCst),
        11,
        "reading stops at the first chunk past the limit"
    );
}

#[tokio::test]
async fn a_body_exactly_at_the_limit_is_read() {
    let body = format!("{SAMPLE}{}", " ".repeat(100));
    let (response, _) = send(layer().body_limit(body.len()), post(QUERY, &body)).await;
    assert_ok(&response);
    let (response, _) = send(layer().body_limit(body.len() - 1), post(QUERY, &body)).await;
    assert_fail(&response, StatusCode::PAYLOAD_TOO_LARGE, 3002);
}

#[tokio::test]
async fn a_body_that_fails_to_read_is_400() {
    let body = Chunks {
        left: 2,
        size: 10,
        pulled: Arc::default(),
        fail_at_end: true,
    };
    let (response, calls) = send_any(layer(), Request::post(uri()).body(body).unwrap()).await;
    assert_fail(&response, StatusCode::BAD_REQUEST, 3003);
    assert_eq!(calls, 0);
}

#[tokio::test]
async fn undecodable_bodies_are_400_and_name_the_problem_without_echoing() {
    let cases = [
        ("", 3004, "EOF"),
        ("{\"BattleId\":", 3004, "line 1"),
        ("not json at all", 3004, "line 1, column 2"),
        ("[1,2,3]", 3005, "found an array"),
        ("\"secret-token-in-body\"", 3005, "found a string"),
        (r#"{"Duration":30000}"#, 3005, "BattleId"),
        (
            r#"{"BattleId":"b","FromRoomInfo":{"Score":"secret-value"}}"#,
            3005,
            "FromRoomInfo.Score",
        ),
        (
            r#"{"BattleId":"b","ToRoomList":[{},{"Score":1.5}]}"#,
            3005,
            "ToRoomList[1].Score",
        ),
        (r#"{"BattleId":"b","EndTime":-1}"#, 3005, "EndTime"),
        (
            r#"{"BattleId":"b","CallbackCommand":"Live.CallbackAfterStartBattle"}"#,
            3006,
            "CallbackCommand",
        ),
    ];
    for (body, code, mentions) in cases {
        let (response, seen) = send(layer(), post(QUERY, body)).await;
        let info = assert_fail(&response, StatusCode::BAD_REQUEST, code);
        assert!(info.contains(mentions), "{body}: {info}");
        assert!(!info.contains("secret"), "{body}: {info}");
        assert_eq!(seen.calls(), 0, "{body}");
    }
}

#[tokio::test]
async fn a_utf8_byte_order_mark_is_skipped() {
    let (response, seen) = send(layer(), post(QUERY, &format!("\u{feff}{SAMPLE}"))).await;
    assert_ok(&response);
    assert_eq!(seen.battles.lock().unwrap()[0].to_rooms().len(), 1);
    // Only one, and only at the start.
    let (response, _) = send(layer(), post(QUERY, &format!("\u{feff}\u{feff}{SAMPLE}"))).await;
    assert_fail(&response, StatusCode::BAD_REQUEST, 3004);
}

// ------------------------------------------------------------- forward mode

#[tokio::test]
async fn forward_mode_hands_the_event_query_and_raw_body_to_the_inner_service() {
    let (response, seen) = send(layer(), sample()).await;
    assert_ok(&response);
    assert_eq!(seen.calls(), 1);
    let battle = seen.battles.lock().unwrap()[0].clone();
    assert_eq!(battle, serde_json::from_str::<BattleEnded>(SAMPLE).unwrap());
    assert_eq!(battle.from_room().owner_account(), "144115245353757792");
    assert_eq!(battle.to_rooms()[0].owner_account(), "144115245442327522");
    assert_eq!(battle.reason, EndReason::TimeUp);
    let query = seen.queries.lock().unwrap()[0].clone();
    assert_eq!(query.sdk_app_id, APP_ID);
    assert_eq!(query.callback_command, "Live.CallbackAfterEndBattle");
    assert_eq!(query.client_ip.as_deref(), Some("10.1.2.3"));
    assert_eq!(query.opt_platform, Some(Platform::Ios));
    assert_eq!(query.content_type.as_deref(), Some("json"));
    assert_eq!(seen.bodies.lock().unwrap()[0], SAMPLE);
}

#[tokio::test]
async fn forward_mode_turns_the_inner_status_into_the_ack() {
    for (status, expected) in [
        (StatusCode::OK, None),
        (StatusCode::NO_CONTENT, None),
        (StatusCode::NOT_FOUND, Some(StatusCode::NOT_FOUND)),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            Some(StatusCode::UNPROCESSABLE_ENTITY),
        ),
        (
            StatusCode::INTERNAL_SERVER_ERROR,
            Some(StatusCode::INTERNAL_SERVER_ERROR),
        ),
        (StatusCode::SEE_OTHER, Some(StatusCode::SEE_OTHER)),
    ] {
        let seen = Seen::default();
        let service = layer().layer(inner(&seen, status));
        let response = collect(service.oneshot(sample()).await.unwrap()).await;
        match expected {
            None => assert_ok(&response),
            Some(expected) => {
                let info = assert_fail(&response, expected, 4002);
                assert!(info.contains(&status.as_u16().to_string()));
            }
        }
        assert_eq!(seen.calls(), 1);
    }
}

#[derive(Debug, PartialEq)]
struct InnerError;

#[tokio::test]
async fn forward_mode_passes_the_inner_error_through() {
    let service = layer().layer(service_fn(|_: Request<TestBody>| async {
        Err::<Response<Full<Bytes>>, _>(InnerError)
    }));
    assert_eq!(
        service.clone().oneshot(sample()).await.unwrap_err(),
        InnerError
    );
    // Rejections are answers, not errors, even when the inner service fails.
    let response = service
        .oneshot(post(
            "SdkAppid=9&CallbackCommand=Live.CallbackAfterEndBattle",
            "",
        ))
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
}

// ------------------------------------------------------------- handler mode

#[tokio::test]
async fn handler_mode_gets_the_request_parts_the_event_and_the_query() {
    let received = Arc::new(Mutex::new(Vec::new()));
    let recorder = received.clone();
    let handler = service_fn(move |request: Request<BattleEnded>| {
        let recorder = recorder.clone();
        async move {
            recorder.lock().unwrap().push(request);
            Ok::<_, Infallible>(())
        }
    });
    let seen = Seen::default();
    let service = layer().handler(handler).layer(inner(&seen, StatusCode::OK));

    let mut request = sample();
    request
        .headers_mut()
        .insert("x-trace", "abc".parse().unwrap());
    request.extensions_mut().insert(7u32);
    let response = collect(service.oneshot(request).await.unwrap()).await;
    assert_ok(&response);
    assert_eq!(
        seen.calls(),
        0,
        "handler mode never calls the inner service"
    );

    let request = received.lock().unwrap().pop().unwrap();
    assert_eq!(request.method(), Method::POST);
    assert_eq!(request.uri().path(), PATH);
    assert_eq!(request.headers()["x-trace"], "abc");
    assert_eq!(request.extensions().get::<u32>(), Some(&7));
    assert_eq!(
        request
            .extensions()
            .get::<CallbackQuery>()
            .unwrap()
            .sdk_app_id,
        APP_ID
    );
    assert_eq!(request.extensions().get::<RawBody>().unwrap().0, SAMPLE);
    assert_eq!(
        request.body().battle_id,
        "4siHsNsWN/T3aub9zKraqPfGQAimPhdFoe6VWhtz9lY="
    );
}

#[tokio::test]
async fn handler_mode_writes_the_handlers_ack_with_200() {
    let handler = service_fn(|_: Request<BattleEnded>| async {
        Ok::<_, Infallible>(Ack::fail(77, "duplicate battle"))
    });
    let seen = Seen::default();
    let service = layer().handler(handler).layer(inner(&seen, StatusCode::OK));
    let response = collect(service.oneshot(sample()).await.unwrap()).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.body(),
        r#"{"ActionStatus":"FAIL","ErrorInfo":"duplicate battle","ErrorCode":77}"#
    );
}

#[tokio::test]
async fn handler_errors_are_500_without_their_text() {
    let handler = service_fn(|_: Request<BattleEnded>| async {
        Err::<(), BoxError>("db password=hunter2 rejected".into())
    });
    let seen = Seen::default();
    let service = layer().handler(handler).layer(inner(&seen, StatusCode::OK));
    let response = collect(service.oneshot(sample()).await.unwrap()).await;
    let info = assert_fail(&response, StatusCode::INTERNAL_SERVER_ERROR, 4001);
    assert!(!info.contains("hunter2"));
    assert_eq!(seen.calls(), 0);
}

#[tokio::test]
async fn handler_is_not_called_for_refused_requests() {
    let called = Arc::new(AtomicUsize::new(0));
    let counter = called.clone();
    let handler = service_fn(move |_: Request<BattleEnded>| {
        counter.fetch_add(1, Ordering::SeqCst);
        async { Ok::<_, Infallible>(()) }
    });
    let service = layer().token("tok").handler(handler);
    for request in [
        post(
            "SdkAppid=2&CallbackCommand=Live.CallbackAfterEndBattle",
            SAMPLE,
        ),
        post(QUERY, SAMPLE),
        post(&signed_query("tok", now_secs()), "{}"),
    ] {
        let seen = Seen::default();
        let response = service
            .layer(inner(&seen, StatusCode::OK))
            .oneshot(request)
            .await
            .unwrap();
        assert!(!response.status().is_success());
        assert_eq!(seen.calls(), 0);
    }
    assert_eq!(called.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn the_ack_waits_for_the_handler_to_finish() {
    let (release, released) = tokio::sync::oneshot::channel::<()>();
    let released = Arc::new(Mutex::new(Some(released)));
    let handler = service_fn(move |_: Request<BattleEnded>| {
        let released = released.lock().unwrap().take().unwrap();
        async move {
            released.await.unwrap();
            Ok::<_, Infallible>(())
        }
    });
    let seen = Seen::default();
    let service = layer().handler(handler).layer(inner(&seen, StatusCode::OK));
    let mut answer = tokio_test_task(service.oneshot(sample()));
    assert!(
        answer.poll_once().is_pending(),
        "answered before the handler finished"
    );
    release.send(()).unwrap();
    let response = collect(answer.await.unwrap()).await;
    assert_ok(&response);
}

/// A pinned future that can be polled once by hand, then awaited.
struct Task<F>(Pin<Box<F>>);

fn tokio_test_task<F: Future>(future: F) -> Task<F> {
    Task(Box::pin(future))
}

impl<F: Future> Task<F> {
    fn poll_once(&mut self) -> Poll<F::Output> {
        let waker = futures_noop_waker();
        self.0.as_mut().poll(&mut Context::from_waker(&waker))
    }
}

impl<F: Future> Future for Task<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        self.0.as_mut().poll(cx)
    }
}

fn futures_noop_waker() -> std::task::Waker {
    std::task::Waker::noop().clone()
}

/// A handler that is never ready fails the webhook with 500 rather than hanging.
#[derive(Clone)]
struct Broken;

impl Service<Request<BattleEnded>> for Broken {
    type Response = ();
    type Error = BoxError;
    type Future = std::future::Ready<Result<(), BoxError>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), BoxError>> {
        Poll::Ready(Err("closed".into()))
    }

    fn call(&mut self, _: Request<BattleEnded>) -> Self::Future {
        panic!("called a handler that was not ready")
    }
}

#[tokio::test]
async fn a_handler_that_fails_poll_ready_is_500() {
    let seen = Seen::default();
    let service = layer().handler(Broken).layer(inner(&seen, StatusCode::OK));
    let response = collect(service.oneshot(sample()).await.unwrap()).await;
    assert_fail(&response, StatusCode::INTERNAL_SERVER_ERROR, 4001);
}

// ---------------------------------------------------------------- tower contract

/// An inner service that is ready only after it has been polled `delay` times,
/// and that refuses to be called unless this very instance was readied.
struct Strict {
    delay: usize,
    ready: bool,
    calls: Arc<AtomicUsize>,
}

impl Clone for Strict {
    fn clone(&self) -> Self {
        Self {
            delay: self.delay,
            ready: false,
            calls: self.calls.clone(),
        }
    }
}

impl Service<Request<TestBody>> for Strict {
    type Response = Response<Full<Bytes>>;
    type Error = &'static str;
    type Future = std::future::Ready<Result<Self::Response, &'static str>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), &'static str>> {
        if self.delay > 0 {
            self.delay -= 1;
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        self.ready = true;
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, _: Request<TestBody>) -> Self::Future {
        if !std::mem::replace(&mut self.ready, false) {
            return std::future::ready(Err("called without poll_ready"));
        }
        self.calls.fetch_add(1, Ordering::SeqCst);
        std::future::ready(Ok(Response::new(Full::new(Bytes::new()))))
    }
}

#[tokio::test]
async fn poll_ready_is_delegated_and_the_readied_service_is_called() {
    let calls = Arc::new(AtomicUsize::new(0));
    let mut service = layer().layer(Strict {
        delay: 3,
        ready: false,
        calls: calls.clone(),
    });
    let waker = futures_noop_waker();
    let mut cx = Context::from_waker(&waker);
    for _ in 0..3 {
        assert!(service.poll_ready(&mut cx).is_pending());
    }
    assert!(service.poll_ready(&mut cx).is_ready());

    // Forward mode moves the readied instance into the future and keeps a clone.
    let response = collect(service.call(sample()).await.unwrap()).await;
    assert_ok(&response);
    // A passthrough request is called on the service itself, which must be readied again.
    service.ready().await.unwrap();
    let response = service
        .call(post("CallbackCommand=Other", ""))
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(calls.load(Ordering::SeqCst), 2);
}

#[test]
fn layer_service_and_future_are_send_sync_and_clone() {
    fn assert_send_sync_clone<T: Send + Sync + Clone>(_: &T) {}
    fn assert_send<T: Send>(_: &T) {}

    let layer = layer().token("t");
    assert_send_sync_clone(&layer);
    let seen = Seen::default();
    let service = layer.layer(inner(&seen, StatusCode::OK));
    assert_send_sync_clone(&service);
    assert_send(&service.clone().oneshot(sample()));

    let handler = service_fn(|_: Request<BattleEnded>| async { Ok::<_, Infallible>(()) });
    let service = layer.handler(handler).layer(inner(&seen, StatusCode::OK));
    assert_send_sync_clone(&service);
    assert_send(&service.oneshot(sample()));
}

#[test]
fn debug_output_never_shows_tokens() {
    let layer = layer().token("super-secret-token");
    let debug = format!("{layer:?}");
    assert!(!debug.contains("super-secret-token"), "{debug}");
    assert!(debug.contains("/tencent/callback"), "{debug}");
    // The configuration says what it is made of: how many tokens, which
    // clock; the service names its event type.
    assert!(debug.contains("tokens: 1,"), "{debug}");
    assert!(debug.contains("clock: system,"), "{debug}");
    let custom = format!("{:?}", self::layer().clock(fixed_clock(7)));
    assert!(custom.contains("clock: custom,"), "{custom}");
    let service = format!("{:?}", layer.layer(Named));
    assert!(!service.contains("super-secret-token"), "{service}");
    assert!(
        service.starts_with("Webhook { inner: Named, event: "),
        "{service}"
    );
    assert!(service.contains("BattleEnded"), "{service}");
    assert!(
        service.contains("config: Config { path: \"/tencent/callback\""),
        "{service}"
    );
}

/// An inner service that is only formatted.
#[derive(Clone, Debug)]
struct Named;

/// The layer's own answer is one frame, then the end, and says so before
/// and after it is read; the inner service's body is handed through as it
/// is. Both say which they are when formatted.
#[tokio::test]
async fn the_response_body_tells_its_end_and_what_it_is() {
    let seen = Seen::default();
    let service = layer().layer(inner(&seen, StatusCode::OK));

    let refused = Request::post(format!("{PATH}?{QUERY}"))
        .body(Full::new(Bytes::from_static(b"not json")))
        .unwrap();
    let mut answer = service.clone().oneshot(refused).await.unwrap().into_body();
    assert_eq!(format!("{answer:?}"), "ResponseBody::Answer");
    assert!(!answer.is_end_stream());
    let frame = answer.frame().await.unwrap().unwrap();
    assert!(frame
        .data_ref()
        .is_some_and(|data| data.starts_with(b"{\"ActionStatus\":\"FAIL\"")));
    assert!(answer.is_end_stream());
    assert!(answer.frame().await.is_none());

    let passed = Request::post("/elsewhere")
        .body(Full::new(Bytes::new()))
        .unwrap();
    let mut inner_body = service.oneshot(passed).await.unwrap().into_body();
    assert_eq!(format!("{inner_body:?}"), "ResponseBody::Inner");
    assert!(!inner_body.is_end_stream());
    let frame = inner_body.frame().await.unwrap().unwrap();
    assert_eq!(frame.into_data().unwrap(), "inner");
    assert!(inner_body.is_end_stream());
}
