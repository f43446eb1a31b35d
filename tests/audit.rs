//! Decisions go out as written, and the audit's defects (issue 16, §3): each
//! test here failed before its fix. Deadlines and holds run on tokio's paused
//! clock ([`TokioTimer`]).

mod wire;

use std::convert::Infallible;
use std::future::{pending, Future};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant as StdInstant};

use bytes::Bytes;
use http::{Request, Response, StatusCode};
use http_body_util::Full;
use serde::Deserialize;
use tencent_live_webhook::testing::fixtures::{APP_ID, OK_ACK, PATH};
use tencent_live_webhook::testing::{read_answer, Answer, WebhookRequest};
use tencent_live_webhook::{
    decode_json, Ack, BattleEnded, Deadline, Decision, GiftDecision, GiftSending, LiveEvent,
    LiveWebhookLayer, MessageDecision, Rejection, Reply, RequestBody, Sleep, Timer, TokioTimer,
    WebhookEvent, WebhookLayer,
};
use tokio::time::Instant;
use tower::{service_fn, BoxError, Layer, Service, ServiceExt};

use wire::{decided, wire, ALLOW, REJECT};

/// A gift of two roses.
const GIFT: &str = r#"{"CallbackCommand":"Live.CallbackBeforeSendGift","Operator_Account":"viewer-1","RoomId":"pk-3","GiftWater":{"From_Account":"viewer-1","To_Account":["144115245353757792"],"Time":1739956050,"GiftId":"rose","Count":2,"Coins":10}}"#;
/// A before-webhook Tencent Chat may add one day (a before-webhook by its
/// name): in none of the crate's tables. (`Group.CallbackBeforeApplyJoinGroup`
/// served here until the Chat table typed it.)
const APPLY: &str = "Group.CallbackBeforeApplyJoinWaitlist";
const APPLICATION: &str = r#"{"CallbackCommand":"Group.CallbackBeforeApplyJoinWaitlist","GroupId":"@TGS#2J4SZEAEL","Requestor_Account":"jared"}"#;
/// An after-webhook in none of the crate's tables.
const JOINED: &str = "Group.CallbackAfterWaitlistJoin";
const REJECT_1: &str = r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":1}"#;
const DEADLINE: Duration = Duration::from_millis(1500);
const HOLD: Duration = Duration::from_millis(2500);

fn request(command: &str, body: &str) -> Request<String> {
    WebhookRequest::raw(command, body).app_id(APP_ID).build()
}

fn gift() -> Request<String> {
    request(GiftSending::COMMAND, GIFT)
}

fn battle_ended() -> Request<String> {
    WebhookRequest::new(&BattleEnded::sample())
        .app_id(APP_ID)
        .build()
}

fn layer() -> LiveWebhookLayer {
    LiveWebhookLayer::new(PATH).app_id(APP_ID).timer(TokioTimer)
}

/// An app the webhooks must never reach.
fn unreachable_app() -> impl Service<
    Request<RequestBody<String>>,
    Response = Response<Full<Bytes>>,
    Error = Infallible,
    Future = impl Future<Output = Result<Response<Full<Bytes>>, Infallible>> + Send,
> + Clone {
    service_fn(|_: Request<RequestBody<String>>| async {
        panic!("a webhook reached the app");
        #[allow(unreachable_code)]
        Ok::<_, Infallible>(Response::new(Full::new(Bytes::new())))
    })
}

/// Handler mode, with a handler that answers `reply` whatever the event.
async fn handled<E>(layer: WebhookLayer<E>, request: Request<String>, reply: Reply) -> Answer
where
    E: WebhookEvent,
{
    let handler = service_fn(move |_: Request<E>| {
        let reply = reply.clone();
        async move { Ok::<_, Infallible>(reply) }
    });
    let service = layer.handler(handler).layer(unreachable_app());
    read_answer(service.oneshot(request).await.unwrap()).await
}

/// Forward mode, with a route that answers `status` and inserts `insert`.
async fn forwarded<E, F>(layer: WebhookLayer<E>, request: Request<String>, route: F) -> Answer
where
    E: WebhookEvent,
    F: Fn() -> Result<Response<Full<Bytes>>, &'static str> + Clone + Send + Sync + 'static,
{
    let inner = service_fn(move |_: Request<RequestBody<String>>| {
        let route = route.clone();
        async move { route() }
    });
    match layer.layer(inner).oneshot(request).await {
        Ok(response) => read_answer(response).await,
        Err(error) => panic!("the route's error escaped: {error}"),
    }
}

fn respond(
    status: StatusCode,
    insert: impl FnOnce(&mut http::Extensions),
) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::from_static(b"route")));
    *response.status_mut() = status;
    insert(response.extensions_mut());
    response
}

// ------------------------------------------------- decisions as written

#[tokio::test]
async fn a_decision_for_a_command_outside_the_table_goes_out_as_written() {
    let unknown = || layer().receive_unknown();
    let answer = handled(
        unknown(),
        request(APPLY, APPLICATION),
        Decision::reject().into(),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.body, REJECT_1);
    let closed = Decision::reject_with(10004, "closed").unwrap();
    let answer = handled(unknown(), request(APPLY, APPLICATION), closed.into()).await;
    assert_eq!(
        answer.body,
        r#"{"ActionStatus":"OK","ErrorInfo":"closed","ErrorCode":10004}"#
    );
    // Forward mode, as a `Reply` and as a bare decision.
    for insert in [
        (|extensions: &mut http::Extensions| {
            extensions.insert(Reply::from(Decision::reject()));
        }) as fn(&mut http::Extensions),
        |extensions| {
            extensions.insert(Decision::reject());
        },
    ] {
        let answer = forwarded(unknown(), request(APPLY, APPLICATION), move || {
            Ok(respond(StatusCode::OK, insert))
        })
        .await;
        assert_eq!(
            (answer.status, &answer.body[..]),
            (StatusCode::OK, REJECT_1.as_bytes())
        );
    }
    // Without an answer of its own, OK.
    let answer = handled(unknown(), request(APPLY, APPLICATION), ().into()).await;
    assert_eq!(answer.body, OK_ACK);
}

/// An after-webhook of the app's own, without a fallback.
#[derive(Clone, Debug, Deserialize)]
struct MemberJoined {}

impl WebhookEvent for MemberJoined {
    const CALLBACK_COMMANDS: &'static [&'static str] = &[JOINED];

    fn decode(command: &str, body: &[u8]) -> Result<Self, Rejection> {
        decode_json(command, body)
    }
}

#[tokio::test]
async fn an_own_event_without_a_fallback_gets_its_decision_as_written() {
    let own = || WebhookLayer::<MemberJoined>::new(PATH).app_id(APP_ID);
    let joined = || request(JOINED, "{}");
    let answer = handled(own(), joined(), Decision::reject().into()).await;
    assert_eq!(
        (answer.status, &answer.body[..]),
        (StatusCode::OK, REJECT_1.as_bytes())
    );
    let answer = handled(own(), joined(), GiftDecision::reject().into()).await;
    assert_eq!(answer.body, REJECT_1);
    let answer = forwarded(own(), joined(), || {
        Ok(respond(StatusCode::OK, |extensions| {
            extensions.insert(MessageDecision::discard());
        }))
    })
    .await;
    assert_eq!(
        answer.body,
        r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":2}"#
    );
}

#[tokio::test]
async fn an_after_webhook_of_the_table_keeps_its_acknowledgement() {
    let answer = handled(layer(), battle_ended(), Decision::reject().into()).await;
    assert_eq!(wire(&answer), decided(OK_ACK));
    let answer = handled(layer(), battle_ended(), Ack::fail(7, "later").into()).await;
    assert_eq!(answer.ack().error_code(), 7);
}

// ------------------------------------------------------ forward mode

#[tokio::test]
async fn forward_mode_takes_a_bare_decision_from_the_extensions() {
    let answer = forwarded(layer(), gift(), || {
        Ok(respond(StatusCode::OK, |extensions| {
            extensions.insert(GiftDecision::allow());
        }))
    })
    .await;
    assert_eq!(wire(&answer), decided(ALLOW));
    let answer = forwarded(layer(), battle_ended(), || {
        Ok(respond(StatusCode::OK, |extensions| {
            extensions.insert(Ack::fail(12, "duplicate"));
        }))
    })
    .await;
    assert_eq!(
        answer.body,
        r#"{"ActionStatus":"FAIL","ErrorInfo":"duplicate","ErrorCode":12}"#
    );
}

/// A decision on a response that is not 2xx is not trusted: the app failed.
#[tokio::test]
async fn a_failed_route_response_is_a_failure_whatever_it_carries() {
    let allow_on_500 = || {
        Ok(respond(StatusCode::INTERNAL_SERVER_ERROR, |extensions| {
            extensions.insert(Reply::from(GiftDecision::allow()));
        }))
    };
    let answer = forwarded(layer(), gift(), allow_on_500).await;
    assert_eq!(wire(&answer), decided(REJECT));
    let answer = forwarded(
        layer().receive_unknown(),
        request(APPLY, APPLICATION),
        || {
            Ok(respond(StatusCode::SERVICE_UNAVAILABLE, |extensions| {
                extensions.insert(Decision::allow());
            }))
        },
    )
    .await;
    assert_eq!(answer.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(
        answer.body,
        r#"{"ActionStatus":"FAIL","ErrorInfo":"the application answered HTTP 503","ErrorCode":4002}"#
    );
    let answer = forwarded(layer(), battle_ended(), || {
        Ok(respond(StatusCode::CONFLICT, |extensions| {
            extensions.insert(Ack::ok());
        }))
    })
    .await;
    assert_eq!(
        (answer.status, answer.ack().error_code()),
        (StatusCode::CONFLICT, 4002)
    );
}

#[tokio::test(start_paused = true)]
async fn hold_failures_holds_a_forward_mode_error_of_an_after_webhook() {
    let inner = service_fn(|_: Request<RequestBody<String>>| async {
        Err::<Response<Full<Bytes>>, _>("the database is down")
    });
    let service = layer().hold_failures().layer(inner);
    let started = Instant::now();
    let error = service.clone().oneshot(battle_ended()).await.unwrap_err();
    assert_eq!(error, "the database is down");
    assert_eq!(started.elapsed(), HOLD, "the error was not held");
    // Not held without being asked.
    let started = Instant::now();
    let inner = service_fn(|_: Request<RequestBody<String>>| async {
        Err::<Response<Full<Bytes>>, _>("the database is down")
    });
    layer()
        .layer(inner)
        .oneshot(battle_ended())
        .await
        .unwrap_err();
    assert_eq!(started.elapsed(), Duration::ZERO);
}

// ------------------------------------------------------- hold_failures

#[tokio::test(start_paused = true)]
async fn a_before_webhook_by_its_name_is_never_held() {
    let failing = service_fn(|_: Request<LiveEvent>| async {
        Err::<Reply, BoxError>("the group store is down".into())
    });
    // Outside the tables, a before-webhook by its name gets a FAIL at once;
    // a before-webhook of the tables received as unknown gets its fallback
    // (`C2C.CallbackBeforeSendMsg`: allow), at once too.
    for (command, error_code) in [
        (APPLY, 4001),
        ("Sns.CallbackPrevFriendNudge", 4001),
        ("C2C.CallbackBeforeSendMsg", 0),
    ] {
        let service = layer()
            .receive_unknown()
            .hold_failures()
            .handler(failing)
            .layer(unreachable_app());
        let started = Instant::now();
        let answer = read_answer(
            service
                .oneshot(request(command, r#"{"GroupId":"g"}"#))
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(answer.ack().error_code(), error_code, "{command}");
        assert_eq!(started.elapsed(), Duration::ZERO, "{command} was held");
    }
    // An after-webhook outside the table is held.
    let service = layer()
        .receive_unknown()
        .hold_failures()
        .handler(failing)
        .layer(unreachable_app());
    let started = Instant::now();
    let answer = read_answer(service.oneshot(request(JOINED, "{}")).await.unwrap()).await;
    assert_eq!(answer.ack().error_code(), 4001);
    assert_eq!(started.elapsed(), HOLD);
}

// ---------------------------------------------------------------- panics

/// An event type whose methods panic on the commands named after them.
#[derive(Clone, Debug)]
struct Fragile;

impl WebhookEvent for Fragile {
    const CALLBACK_COMMANDS: &'static [&'static str] = &[
        "X.CallbackAfterDecodePanics",
        "X.CallbackBeforeDecodePanics",
        "X.CallbackBeforeFallbackPanics",
        "X.CallbackAfterClaimsPanics",
    ];

    fn claims(command: &str) -> bool {
        if command == "X.CallbackAfterClaimsPanics" {
            panic!("claims panicked (expected by this test)");
        }
        Self::CALLBACK_COMMANDS.contains(&command)
    }

    fn decode(command: &str, _: &[u8]) -> Result<Self, Rejection> {
        if command.ends_with("DecodePanics") {
            panic!("decode panicked (expected by this test)");
        }
        Ok(Self)
    }

    fn fallback(command: &str) -> Option<Reply> {
        match command {
            "X.CallbackBeforeDecodePanics" => Some(Decision::reject().into()),
            "X.CallbackBeforeFallbackPanics" => panic!("fallback panicked (expected by this test)"),
            _ => None,
        }
    }
}

const DECODER_PANICKED: &str =
    r#"{"ActionStatus":"FAIL","ErrorInfo":"the event decoder panicked","ErrorCode":4004}"#;

#[tokio::test]
async fn a_panicking_event_type_is_500_and_a_before_webhooks_decode_gets_its_fallback() {
    let fragile = || WebhookLayer::<Fragile>::new(PATH).app_id(APP_ID);
    for mode in ["handler", "forward"] {
        for (command, status, body) in [
            ("X.CallbackAfterDecodePanics", 500, DECODER_PANICKED),
            ("X.CallbackBeforeDecodePanics", 200, REJECT_1),
            ("X.CallbackBeforeFallbackPanics", 500, DECODER_PANICKED),
            ("X.CallbackAfterClaimsPanics", 500, DECODER_PANICKED),
        ] {
            let answer = match mode {
                "handler" => {
                    handled(fragile(), request(command, "{}"), Decision::allow().into()).await
                }
                _ => {
                    forwarded(fragile(), request(command, "{}"), || {
                        panic!("the route was called")
                    })
                    .await
                }
            };
            assert_eq!(answer.status.as_u16(), status, "{mode} {command}");
            assert_eq!(answer.body, body, "{mode} {command}");
        }
    }
}

thread_local! {
    /// How often `Fickle::claims` was asked on this thread.
    static ASKED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// An event type that claims its command when the head asks, and not when
/// the body is decoded: the body then goes to its `unknown`, which panics.
#[derive(Clone, Debug)]
struct Fickle;

impl WebhookEvent for Fickle {
    const CALLBACK_COMMANDS: &'static [&'static str] = &["X.CallbackAfterFickle"];

    fn claims(command: &str) -> bool {
        let asked = ASKED.with(|asked| asked.replace(asked.get() + 1));
        asked == 0 && command == "X.CallbackAfterFickle"
    }

    fn decode(_: &str, _: &[u8]) -> Result<Self, Rejection> {
        Ok(Self)
    }

    fn unknown(_: &str, _: &[u8]) -> Option<Result<Self, Rejection>> {
        panic!("unknown panicked (expected by this test)")
    }
}

#[tokio::test(flavor = "current_thread")]
async fn a_panicking_unknown_is_500() {
    ASKED.with(|asked| asked.set(0));
    let fickle = WebhookLayer::<Fickle>::new(PATH).app_id(APP_ID);
    let answer = handled(fickle, request("X.CallbackAfterFickle", "{}"), ().into()).await;
    assert_eq!(answer.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(answer.body, DECODER_PANICKED);
}

/// A timer that panics, in `now`, `sleep_until`, or its sleep's `poll`.
#[derive(Clone, Copy)]
enum Broken {
    Now,
    SleepUntil,
    Poll,
}

impl Timer for Broken {
    fn sleep_until(&self, _: std::time::Instant) -> Sleep {
        match self {
            Self::SleepUntil => panic!("sleep_until panicked (expected by this test)"),
            _ => Box::pin(async { panic!("the sleep panicked (expected by this test)") }),
        }
    }

    fn now(&self) -> std::time::Instant {
        match self {
            Self::Now => panic!("now panicked (expected by this test)"),
            _ => StdInstant::now(),
        }
    }
}

#[tokio::test]
async fn a_panicking_timer_gives_the_fallback() {
    let stalled = service_fn(|_: Request<LiveEvent>| async {
        pending::<()>().await;
        Ok::<_, Infallible>(GiftDecision::allow())
    });
    for timer in [Broken::Now, Broken::SleepUntil, Broken::Poll] {
        let service = LiveWebhookLayer::new(PATH)
            .app_id(APP_ID)
            .timer(timer)
            .handler(stalled)
            .layer(unreachable_app());
        let answer = tokio::time::timeout(Duration::from_secs(10), service.oneshot(gift()))
            .await
            .expect("an answer")
            .unwrap();
        let answer = read_answer(answer).await;
        assert_eq!(wire(&answer), decided(REJECT));
    }
    // The letter of a gift whose timer panics: the whole body, `Panicked`.
    for timer in [Broken::Now, Broken::SleepUntil, Broken::Poll] {
        let (sender, mut letters) = tencent_live_webhook::dead_letter_queue(1);
        let service = LiveWebhookLayer::new(PATH)
            .app_id(APP_ID)
            .timer(timer)
            .dead_letters(sender)
            .handler(stalled)
            .layer(unreachable_app());
        let answer = read_answer(service.oneshot(gift()).await.unwrap()).await;
        assert_eq!(wire(&answer), decided(REJECT));
        let letter = letters.try_recv().expect("a letter");
        assert_eq!(&letter.body()[..], GIFT.as_bytes());
        assert_eq!(
            letter.reason(),
            &tencent_live_webhook::DeadLetterReason::Panicked
        );
    }
    // An after-webhook's failure held by a panicking timer is answered at once.
    let failing =
        service_fn(|_: Request<LiveEvent>| async { Err::<(), BoxError>("disk full".into()) });
    for timer in [Broken::Now, Broken::SleepUntil, Broken::Poll] {
        let service = LiveWebhookLayer::new(PATH)
            .app_id(APP_ID)
            .timer(timer)
            .hold_failures()
            .handler(failing)
            .layer(unreachable_app());
        let answer = read_answer(service.oneshot(battle_ended()).await.unwrap()).await;
        assert_eq!(answer.ack().error_code(), 4001);
    }
}

/// Panics when dropped.
struct PanicOnDrop(Arc<AtomicBool>);

impl Drop for PanicOnDrop {
    fn drop(&mut self) {
        self.0.store(true, Ordering::SeqCst);
        panic!("the handler's future panicked when dropped (expected by this test)");
    }
}

#[tokio::test(start_paused = true)]
async fn a_handler_future_that_panics_when_dropped_at_the_deadline_gives_the_fallback() {
    let dropped = Arc::new(AtomicBool::new(false));
    let flag = dropped.clone();
    let stalled = service_fn(move |_: Request<LiveEvent>| {
        let guard = PanicOnDrop(flag.clone());
        async move {
            pending::<()>().await;
            drop(guard);
            Ok::<_, Infallible>(GiftDecision::allow())
        }
    });
    let service = layer().handler(stalled).layer(unreachable_app());
    let started = Instant::now();
    let answer = read_answer(service.oneshot(gift()).await.unwrap()).await;
    assert_eq!(wire(&answer), decided(REJECT));
    assert_eq!(started.elapsed(), DEADLINE);
    assert!(dropped.load(Ordering::SeqCst));
}

// -------------------------------------------------------------- deadline

#[tokio::test(start_paused = true)]
async fn a_deadline_already_passed_gives_the_fallback_without_calling_the_handler() {
    let calls = Arc::new(AtomicUsize::new(0));
    let counter = calls.clone();
    let allow = service_fn(move |_: Request<LiveEvent>| {
        counter.fetch_add(1, Ordering::SeqCst);
        async { Ok::<_, Infallible>(GiftDecision::allow()) }
    });
    let service = layer()
        .deadline(Duration::ZERO)
        .handler(allow)
        .layer(unreachable_app());
    let answer = read_answer(service.oneshot(gift()).await.unwrap()).await;
    assert_eq!(wire(&answer), decided(REJECT));
    assert_eq!(calls.load(Ordering::SeqCst), 0);
    // Forward mode too.
    let answer = forwarded(layer().deadline(Duration::ZERO), gift(), || {
        panic!("the route was called")
    })
    .await;
    assert_eq!(wire(&answer), decided(REJECT));
}

#[tokio::test(start_paused = true)]
async fn the_deadline_is_asked_on_the_timers_clock() {
    let deadline = Deadline(TokioTimer.now() + Duration::from_secs(1));
    assert!(!deadline.has_passed_on(&TokioTimer));
    assert_eq!(deadline.remaining_on(&TokioTimer), Duration::from_secs(1));
    tokio::time::advance(Duration::from_secs(2)).await;
    assert!(deadline.has_passed_on(&TokioTimer));
    assert_eq!(deadline.remaining_on(&TokioTimer), Duration::ZERO);
    // std's clock did not move two seconds.
    assert!(!deadline.has_passed());

    // The handler's deadline is on the layer's timer: 1.5 s on tokio's clock.
    let handler = service_fn(|request: Request<LiveEvent>| async move {
        let deadline = *request.extensions().get::<Deadline>().unwrap();
        assert_eq!(deadline.remaining_on(&TokioTimer), DEADLINE);
        tokio::time::sleep(DEADLINE).await;
        assert!(deadline.has_passed_on(&TokioTimer));
        Ok::<_, Infallible>(GiftDecision::allow())
    });
    let service = layer().handler(handler).layer(unreachable_app());
    let answer = read_answer(service.oneshot(gift()).await.unwrap()).await;
    assert_eq!(wire(&answer), decided(ALLOW));
}
