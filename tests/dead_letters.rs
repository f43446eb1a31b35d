//! Dead letters (issue 16, §2): every authentic webhook the layer refuses,
//! or answers with its fallback, reaches the sink with the bytes that were
//! read, in both modes; nothing that is not Tencent's does; the sink never
//! changes Tencent's answer; and its timing, on tokio's paused clock.

mod wire;

use std::convert::Infallible;
use std::future::{pending, Future};
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use http::{header, Request, Response, StatusCode};
use http_body::{Body, Frame, SizeHint};
use http_body_util::Full;
use tencent_live_webhook::testing::fixtures::{APP_ID, OK_ACK, PATH, TOKEN};
use tencent_live_webhook::testing::{read_answer, Answer};
use tencent_live_webhook::{
    dead_letter_queue, BattleEnded, DeadLetter, DeadLetterReason, GiftDecision, GiftSending,
    KeyStrength, LiveEvent, LiveWebhookLayer, Rejection, Reply, RequestBody, TokioTimer,
    WebhookEvent, WebhookLayer,
};
use tokio::time::Instant;
use tower::{service_fn, BoxError, Layer, Service, ServiceExt};

use wire::{decided, wire, ALLOW, REJECT};

/// The spec's battle-ended sample, as sent.
const BATTLE: &str = r#"{"CallbackCommand":"Live.CallbackAfterEndBattle","BattleId":"4siHsNsWN/T3aub9zKraqPfGQAimPhdFoe6VWhtz9lY=","Duration":30000,"CreateTime":1739956115,"StartTime":1739956115,"EndTime":1739956145,"OpType":0,"FromRoomInfo":{"RoomId":"pk-3","Score":0,"Owner_Account":144115245353757792},"ToRoomList":[{"RoomId":"pk-5","Score":0,"Owner_Account":144115245442327522}],"EventTime":1739956146119}"#;
/// A gift of two roses.
const GIFT: &str = r#"{"CallbackCommand":"Live.CallbackBeforeSendGift","Operator_Account":"viewer-1","RoomId":"pk-3","GiftWater":{"From_Account":"viewer-1","To_Account":["144115245353757792"],"Time":1739956050,"GiftId":"rose","Count":2,"Coins":10}}"#;
const GIFT_REJECTED: &str = r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":1}"#;
const BATTLE_QUERY: &str = "SdkAppid=1400000001&CallbackCommand=Live.CallbackAfterEndBattle&contenttype=json&ClientIP=127.0.0.1&OptPlatform=RESTAPI";
const GIFT_QUERY: &str = "SdkAppid=1400000001&CallbackCommand=Live.CallbackBeforeSendGift&contenttype=json&ClientIP=127.0.0.1&OptPlatform=RESTAPI";
const DEADLINE: Duration = Duration::from_millis(1500);

#[derive(Clone, Copy, Debug, PartialEq)]
enum Mode {
    Handler,
    Forward,
}

const MODES: [Mode; 2] = [Mode::Handler, Mode::Forward];

/// What the app does with an event that reaches it.
#[derive(Clone, Copy, Debug)]
enum App {
    /// A decision for a gift, OK for anything else.
    Decides,
    /// `()`: no decision.
    Unit,
    /// An error (forward mode: the service's `Err`).
    Errs,
    /// A status other than 2xx (forward mode), an error (handler mode).
    Status(u16),
    Panics,
    Stalls,
}

async fn handle(app: App, gift: bool) -> Result<Reply, BoxError> {
    match app {
        App::Decides if gift => Ok(GiftDecision::allow().into()),
        App::Decides | App::Unit => Ok(().into()),
        App::Errs | App::Status(_) => Err("the store is down".into()),
        App::Panics => panic!("the app panicked (expected by this test)"),
        App::Stalls => pending().await,
    }
}

/// Sends `request` through `layer` in `mode`, the app doing `app`; returns
/// the answer (`None`: the inner service's error came back) and the letters.
async fn send<B>(
    layer: LiveWebhookLayer,
    mode: Mode,
    app: App,
    request: Request<B>,
) -> (Option<Answer>, Vec<DeadLetter>)
where
    B: Body<Data = Bytes> + Send + 'static,
    B::Error: Into<BoxError>,
{
    let (sender, mut letters) = dead_letter_queue(16);
    let layer = layer.dead_letters(sender);
    let result = match mode {
        Mode::Handler => {
            let handler = service_fn(move |request: Request<LiveEvent>| {
                handle(app, matches!(request.body(), LiveEvent::GiftSending(_)))
            });
            let inner = service_fn(|_: Request<RequestBody<B>>| async {
                panic!("handler mode reached the inner service");
                #[allow(unreachable_code)]
                Ok::<Response<Full<Bytes>>, BoxError>(Response::new(Full::default()))
            });
            layer.handler(handler).layer(inner).oneshot(request).await
        }
        Mode::Forward => {
            let inner = service_fn(move |request: Request<RequestBody<B>>| async move {
                let gift = matches!(
                    request.extensions().get::<LiveEvent>(),
                    Some(LiveEvent::GiftSending(_))
                );
                let status = match app {
                    App::Status(status) => StatusCode::from_u16(status).unwrap(),
                    _ => StatusCode::OK,
                };
                let reply = match app {
                    App::Status(_) => Reply::from(()),
                    app => handle(app, gift).await?,
                };
                let mut response = Response::new(Full::new(Bytes::from_static(b"app")));
                *response.status_mut() = status;
                response.extensions_mut().insert(reply);
                Ok::<_, BoxError>(response)
            });
            layer.layer(inner).oneshot(request).await
        }
    };
    let answer = match result {
        Ok(response) => Some(read_answer(response).await),
        Err(_) => None,
    };
    let mut kept = Vec::new();
    while let Some(letter) = letters.try_recv() {
        kept.push(letter);
    }
    (answer, kept)
}

fn layer() -> LiveWebhookLayer {
    LiveWebhookLayer::new(PATH).app_id(APP_ID).timer(TokioTimer)
}

fn post<B>(query: &str, body: B) -> Request<B> {
    Request::post(format!("{PATH}?{query}")).body(body).unwrap()
}

fn full(body: &'static str) -> Full<Bytes> {
    Full::new(Bytes::from_static(body.as_bytes()))
}

/// Asserts one letter: its command, query, exact bytes, truncation and reason.
fn assert_letter(
    letters: &[DeadLetter],
    query: &str,
    body: &[u8],
    truncated: bool,
    reason: DeadLetterReason,
) {
    assert_eq!(letters.len(), 1, "{letters:?}");
    let letter = &letters[0];
    let command = if query.contains("BeforeSendGift") {
        GiftSending::COMMAND
    } else {
        BattleEnded::COMMAND
    };
    assert_eq!(letter.callback_command(), command);
    assert_eq!(letter.query(), query);
    assert_eq!(&letter.body()[..], body, "{letter:?}");
    assert_eq!(letter.is_truncated(), truncated, "{letter:?}");
    assert_eq!(letter.reason(), &reason);
}

fn assert_fail(answer: &Option<Answer>, status: u16, code: i64) {
    let answer = answer.as_ref().expect("an answer");
    assert_eq!(answer.status.as_u16(), status, "{answer:?}");
    assert_eq!(answer.ack().error_code(), code, "{answer:?}");
}

fn assert_gift_rejected(answer: &Option<Answer>) {
    let answer = answer.as_ref().expect("an answer");
    assert_eq!(
        (answer.status, &answer.body[..]),
        (StatusCode::OK, GIFT_REJECTED.as_bytes())
    );
}

/// A body that yields its frames, then fails or stalls.
struct Frames {
    frames: Vec<&'static [u8]>,
    then: Then,
}

#[derive(Clone, Copy)]
enum Then {
    Fail,
    Stall,
}

impl Body for Frames {
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        _: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        if !self.frames.is_empty() {
            let frame = self.frames.remove(0);
            return Poll::Ready(Some(Ok(Frame::data(Bytes::from_static(frame)))));
        }
        match self.then {
            Then::Fail => Poll::Ready(Some(Err("connection reset".into()))),
            Then::Stall => Poll::Pending,
        }
    }

    fn size_hint(&self) -> SizeHint {
        SizeHint::default()
    }
}

// ------------------------------------------------- refusals, after-webhooks

#[tokio::test]
async fn every_refused_body_of_an_after_webhook_is_a_letter_of_the_bytes_read() {
    for mode in MODES {
        // Over the limit by its Content-Length: nothing read.
        let request = Request::post(format!("{PATH}?{BATTLE_QUERY}"))
            .header(header::CONTENT_LENGTH, "101")
            .body(full(BATTLE))
            .unwrap();
        let (answer, letters) = send(layer().body_limit(100), mode, App::Decides, request).await;
        assert_fail(&answer, 413, 3002);
        let too_large = DeadLetterReason::Refused(Rejection::BodyTooLarge { limit: 100 });
        assert_letter(&letters, BATTLE_QUERY, b"", true, too_large.clone());

        // Over the limit while read: the bytes up to the limit.
        let body = Frames {
            frames: vec![b"{\"BattleId\":", b"\"b-1\",\"Duration\":", b"30000}"],
            then: Then::Fail,
        };
        let limit = layer().body_limit(20);
        let (answer, letters) = send(limit, mode, App::Decides, post(BATTLE_QUERY, body)).await;
        assert_fail(&answer, 413, 3002);
        let too_large = DeadLetterReason::Refused(Rejection::BodyTooLarge { limit: 20 });
        assert_letter(
            &letters,
            BATTLE_QUERY,
            b"{\"BattleId\":\"b-1\",\"D",
            true,
            too_large,
        );

        // A stream that fails: what came before the failure.
        let body = Frames {
            frames: vec![b"{\"BattleId\":", b"\"b-1\""],
            then: Then::Fail,
        };
        let (answer, letters) = send(layer(), mode, App::Decides, post(BATTLE_QUERY, body)).await;
        assert_fail(&answer, 400, 3003);
        let unreadable = DeadLetterReason::Refused(Rejection::BodyUnreadable);
        assert_letter(
            &letters,
            BATTLE_QUERY,
            b"{\"BattleId\":\"b-1\"",
            true,
            unreadable,
        );

        // Read whole, and refused.
        let mismatch = r#"{"CallbackCommand":"Live.CallbackAfterStartBattle","BattleId":"b-1"}"#;
        for (body, code) in [
            ("{not json", 3004),
            (r#"{"Duration":30000}"#, 3005),
            ("[1,2]", 3005),
            (mismatch, 3006),
        ] {
            let request = post(BATTLE_QUERY, full(body));
            let (answer, letters) = send(layer(), mode, App::Decides, request).await;
            assert_fail(&answer, 400, code);
            let DeadLetterReason::Refused(rejection) = letters[0].reason().clone() else {
                panic!("{letters:?}");
            };
            assert_eq!(rejection.error_code(), code);
            assert_letter(
                &letters,
                BATTLE_QUERY,
                body.as_bytes(),
                false,
                DeadLetterReason::Refused(rejection),
            );
        }
    }
}

#[tokio::test]
async fn a_repeated_callback_command_is_read_and_lettered() {
    let battle = format!("{BATTLE_QUERY}&CallbackCommand=Live.CallbackAfterStartBattle");
    let gift = format!("{GIFT_QUERY}&CallbackCommand=Live.CallbackAfterEndBattle");
    let repeated = DeadLetterReason::Refused(Rejection::RepeatedCallbackCommand);
    for mode in MODES {
        let (answer, letters) =
            send(layer(), mode, App::Decides, post(&battle, full(BATTLE))).await;
        assert_fail(&answer, 400, 3001);
        assert_letter(
            &letters,
            &battle,
            BATTLE.as_bytes(),
            false,
            repeated.clone(),
        );

        // A before-webhook gets its fallback, not a 400.
        let (answer, letters) = send(layer(), mode, App::Decides, post(&gift, full(GIFT))).await;
        assert_gift_rejected(&answer);
        assert_letter(&letters, &gift, GIFT.as_bytes(), false, repeated.clone());
    }
}

/// What the app does, the answer (`None`: its error), and the letter's reason.
type Case = (App, Option<(u16, i64)>, DeadLetterReason);

#[tokio::test]
async fn a_failing_or_panicking_app_of_an_after_webhook_is_a_letter() {
    for mode in MODES {
        let cases: [Case; 3] = match mode {
            Mode::Handler => [
                (App::Errs, Some((500, 4001)), DeadLetterReason::Failed),
                (
                    App::Status(503),
                    Some((500, 4001)),
                    DeadLetterReason::Failed,
                ),
                (App::Panics, Some((500, 4003)), DeadLetterReason::Panicked),
            ],
            Mode::Forward => [
                (App::Errs, None, DeadLetterReason::Failed),
                (
                    App::Status(503),
                    Some((503, 4002)),
                    DeadLetterReason::Failed,
                ),
                (App::Panics, Some((500, 4003)), DeadLetterReason::Panicked),
            ],
        };
        for (app, expected, reason) in cases {
            let request = post(BATTLE_QUERY, full(BATTLE));
            let (answer, letters) = send(layer(), mode, app, request).await;
            match expected {
                Some((status, code)) => assert_fail(&answer, status, code),
                None => assert!(
                    answer.is_none(),
                    "{mode:?} {app:?}: the error passes through"
                ),
            }
            assert_letter(&letters, BATTLE_QUERY, BATTLE.as_bytes(), false, reason);
        }
    }
}

/// An event type whose `decode` panics.
#[derive(Clone, Debug)]
struct Fragile;

impl WebhookEvent for Fragile {
    const CALLBACK_COMMANDS: &'static [&'static str] = &["Live.CallbackAfterEndBattle"];

    fn decode(_: &str, _: &[u8]) -> Result<Self, Rejection> {
        panic!("decode panicked (expected by this test)")
    }
}

#[tokio::test]
async fn a_panicking_decoder_is_a_letter() {
    let (sender, mut letters) = dead_letter_queue(4);
    let handler = service_fn(|_: Request<Fragile>| async { Ok::<_, Infallible>(()) });
    let service = WebhookLayer::<Fragile>::new(PATH)
        .app_id(APP_ID)
        .dead_letters(sender)
        .handler(handler)
        .layer(service_fn(|_: Request<RequestBody<Full<Bytes>>>| async {
            Ok::<_, Infallible>(Response::new(Full::<Bytes>::default()))
        }));
    let answer = read_answer(
        service
            .oneshot(post(BATTLE_QUERY, full(BATTLE)))
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        (answer.status.as_u16(), answer.ack().error_code()),
        (500, 4004)
    );
    let letter = letters.try_recv().unwrap();
    assert_eq!(&letter.body()[..], BATTLE.as_bytes());
    assert!(!letter.is_truncated());
    assert_eq!(
        letter.reason(),
        &DeadLetterReason::Refused(Rejection::DecoderPanicked)
    );
}

// ------------------------------------------------ fallbacks, before-webhooks

#[tokio::test(start_paused = true)]
async fn every_fallback_of_a_before_webhook_is_a_letter() {
    for mode in MODES {
        let not_json = DeadLetterReason::Refused(Rejection::InvalidJson(
            "EOF while parsing an object (line 1, column 9)".to_owned(),
        ));
        let (answer, letters) = send(
            layer(),
            mode,
            App::Decides,
            post(GIFT_QUERY, full("{\"RoomId\"")),
        )
        .await;
        assert_gift_rejected(&answer);
        assert_letter(&letters, GIFT_QUERY, b"{\"RoomId\"", false, not_json);

        for (app, reason) in [
            (App::Unit, DeadLetterReason::NoDecision),
            (App::Errs, DeadLetterReason::Failed),
            (App::Status(500), DeadLetterReason::Failed),
            (App::Panics, DeadLetterReason::Panicked),
            (App::Stalls, DeadLetterReason::Deadline),
        ] {
            let started = Instant::now();
            let (answer, letters) = send(layer(), mode, app, post(GIFT_QUERY, full(GIFT))).await;
            assert_gift_rejected(&answer);
            assert_letter(&letters, GIFT_QUERY, GIFT.as_bytes(), false, reason);
            let took = started.elapsed();
            match app {
                App::Stalls => assert_eq!(took, DEADLINE),
                _ => assert_eq!(took, Duration::ZERO, "{mode:?} {app:?}"),
            }
        }

        // The deadline while the body is read: what was read by then.
        let body = Frames {
            frames: vec![b"{\"RoomId\":\"pk-3\","],
            then: Then::Stall,
        };
        let (answer, letters) = send(layer(), mode, App::Decides, post(GIFT_QUERY, body)).await;
        assert_gift_rejected(&answer);
        assert_letter(
            &letters,
            GIFT_QUERY,
            b"{\"RoomId\":\"pk-3\",",
            true,
            DeadLetterReason::Deadline,
        );
    }
}

// ------------------------------------------------------------- no letters

#[tokio::test]
async fn what_is_not_tencents_or_was_handled_is_no_letter() {
    for mode in MODES {
        let signed = layer().token(TOKEN);
        for (layer, request, status) in [
            (
                layer(),
                post(&BATTLE_QUERY.replace("1400000001", "7"), full(BATTLE)),
                403,
            ),
            (signed.clone(), post(BATTLE_QUERY, full("{not json")), 401),
            (
                signed.clone(),
                post(&format!("{GIFT_QUERY}&Sign=00&RequestTime=1"), full(GIFT)),
                401,
            ),
        ] {
            let (answer, letters) = send(layer, mode, App::Decides, request).await;
            assert_eq!(answer.unwrap().status.as_u16(), status);
            assert!(letters.is_empty(), "{letters:?}");
        }
        // Accepted, decided, and an after-webhook's own FAIL answer.
        let (answer, letters) = send(
            layer(),
            mode,
            App::Decides,
            post(BATTLE_QUERY, full(BATTLE)),
        )
        .await;
        assert_eq!(answer.unwrap().body, OK_ACK);
        assert!(letters.is_empty());
        let (answer, letters) =
            send(layer(), mode, App::Decides, post(GIFT_QUERY, full(GIFT))).await;
        assert_eq!(wire(&answer.unwrap()), decided(ALLOW));
        assert!(letters.is_empty());
        // Passed through: not a webhook of the layer's.
        let other = "SdkAppid=1400000001&CallbackCommand=C2C.CallbackAfterSendMsg";
        let (_, letters) = send(
            layer(),
            Mode::Forward,
            App::Decides,
            post(other, full("{}")),
        )
        .await;
        assert!(letters.is_empty());
    }
}

// ---------------------------------------------------------- the sink's part

/// A sink that counts its calls and does `then` with each letter.
#[derive(Clone)]
struct Sink {
    calls: Arc<AtomicUsize>,
    then: SinkDoes,
}

#[derive(Clone, Copy)]
enum SinkDoes {
    NeverFinishes,
    TakesMillis(u64),
    Fails,
    PanicsInCall,
    PanicsInFuture,
}

impl Service<DeadLetter> for Sink {
    type Response = ();
    type Error = BoxError;
    type Future = Pin<Box<dyn Future<Output = Result<(), BoxError>> + Send>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), BoxError>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, letter: DeadLetter) -> Self::Future {
        self.calls.fetch_add(1, Ordering::SeqCst);
        let then = self.then;
        if let SinkDoes::PanicsInCall = then {
            panic!("the sink panicked in call (expected by this test)");
        }
        Box::pin(async move {
            let _letter = letter;
            match then {
                SinkDoes::NeverFinishes => pending().await,
                SinkDoes::TakesMillis(millis) => {
                    tokio::time::sleep(Duration::from_millis(millis)).await;
                    Ok(())
                }
                SinkDoes::Fails => Err("the letter store is down".into()),
                SinkDoes::PanicsInCall => unreachable!(),
                SinkDoes::PanicsInFuture => panic!("the sink panicked (expected by this test)"),
            }
        })
    }
}

async fn through_sink(
    layer: LiveWebhookLayer,
    sink: SinkDoes,
    app: App,
    request: Request<Full<Bytes>>,
) -> (Answer, Duration, usize, u64) {
    let calls = Arc::new(AtomicUsize::new(0));
    let layer = layer.dead_letters(Sink {
        calls: calls.clone(),
        then: sink,
    });
    let handler = service_fn(move |request: Request<LiveEvent>| {
        handle(app, matches!(request.body(), LiveEvent::GiftSending(_)))
    });
    let service = layer.clone().handler(handler).layer(service_fn(
        |_: Request<RequestBody<Full<Bytes>>>| async {
            Ok::<_, Infallible>(Response::new(Full::<Bytes>::default()))
        },
    ));
    let started = Instant::now();
    let answer = read_answer(service.oneshot(request).await.unwrap()).await;
    let took = started.elapsed();
    (
        answer,
        took,
        calls.load(Ordering::SeqCst),
        layer.dead_letters_dropped(),
    )
}

#[tokio::test(start_paused = true)]
async fn a_before_webhooks_answer_comes_by_its_deadline_with_a_sink_that_never_finishes() {
    // No decision at once: the sink has until the deadline.
    let (answer, took, calls, dropped) = through_sink(
        layer(),
        SinkDoes::NeverFinishes,
        App::Unit,
        post(GIFT_QUERY, full(GIFT)),
    )
    .await;
    assert_eq!(wire(&answer), decided(REJECT));
    assert_eq!((took, calls, dropped), (DEADLINE, 1, 1));
    // The deadline itself: no time is left for the sink.
    let (answer, took, calls, dropped) = through_sink(
        layer(),
        SinkDoes::NeverFinishes,
        App::Stalls,
        post(GIFT_QUERY, full(GIFT)),
    )
    .await;
    assert_eq!(wire(&answer), decided(REJECT));
    assert_eq!((took, calls, dropped), (DEADLINE, 1, 1));
}

#[tokio::test(start_paused = true)]
async fn an_after_webhooks_answer_waits_for_the_sink_at_most_the_dead_letter_timeout() {
    let refused = || post(BATTLE_QUERY, full("{not json"));
    let (answer, took, _, dropped) =
        through_sink(layer(), SinkDoes::NeverFinishes, App::Decides, refused()).await;
    assert_eq!(answer.ack().error_code(), 3004);
    assert_eq!((took, dropped), (Duration::from_secs(1), 1));

    let quick = layer().dead_letter_timeout(Duration::from_millis(200));
    let (_, took, _, dropped) =
        through_sink(quick, SinkDoes::NeverFinishes, App::Decides, refused()).await;
    assert_eq!((took, dropped), (Duration::from_millis(200), 1));

    // A sink that finishes in time is waited for, and nothing is dropped.
    let (answer, took, _, dropped) =
        through_sink(layer(), SinkDoes::TakesMillis(300), App::Decides, refused()).await;
    assert_eq!(answer.ack().error_code(), 3004);
    assert_eq!((took, dropped), (Duration::from_millis(300), 0));

    // With held failures: the later of the hold and the sink's time.
    let battle = || post(BATTLE_QUERY, full(BATTLE));
    let held = layer().hold_failures();
    let (answer, took, _, dropped) =
        through_sink(held.clone(), SinkDoes::NeverFinishes, App::Errs, battle()).await;
    assert_eq!(answer.ack().error_code(), 4001);
    assert_eq!((took, dropped), (Duration::from_millis(2500), 1));
    let patient = held.dead_letter_timeout(Duration::from_secs(4));
    let (_, took, _, dropped) = through_sink(
        patient.clone(),
        SinkDoes::NeverFinishes,
        App::Errs,
        battle(),
    )
    .await;
    assert_eq!((took, dropped), (Duration::from_secs(4), 1));
    let (_, took, _, dropped) =
        through_sink(patient, SinkDoes::TakesMillis(3000), App::Errs, battle()).await;
    assert_eq!((took, dropped), (Duration::from_secs(3), 0));
}

#[tokio::test(start_paused = true)]
async fn a_failing_or_panicking_sink_never_changes_the_answer() {
    for sink in [
        SinkDoes::Fails,
        SinkDoes::PanicsInCall,
        SinkDoes::PanicsInFuture,
    ] {
        let (answer, took, calls, dropped) =
            through_sink(layer(), sink, App::Unit, post(GIFT_QUERY, full(GIFT))).await;
        assert_eq!(answer.body, GIFT_REJECTED);
        assert_eq!((took, calls, dropped), (Duration::ZERO, 1, 1));
        let (answer, took, calls, dropped) =
            through_sink(layer(), sink, App::Decides, post(BATTLE_QUERY, full("[]"))).await;
        assert_eq!(
            (answer.status.as_u16(), answer.ack().error_code()),
            (400, 3005)
        );
        assert_eq!((took, calls, dropped), (Duration::ZERO, 1, 1));
        // An accepted webhook never calls the sink.
        let (answer, _, calls, _) = through_sink(
            layer(),
            sink,
            App::Decides,
            post(BATTLE_QUERY, full(BATTLE)),
        )
        .await;
        assert_eq!(answer.body, OK_ACK);
        assert_eq!(calls, 0);
    }
}

#[tokio::test]
async fn a_full_queue_drops_counts_and_answers_the_same() {
    let (sender, mut letters) = dead_letter_queue(1);
    let layer = layer().dead_letters(sender);
    let service = layer
        .clone()
        .layer(service_fn(|_: Request<RequestBody<Full<Bytes>>>| async {
            Ok::<_, Infallible>(Response::new(Full::<Bytes>::default()))
        }));
    for body in ["{first", "{second"] {
        let response = service
            .clone()
            .oneshot(post(BATTLE_QUERY, full(body)))
            .await
            .unwrap();
        let answer = read_answer(response).await;
        assert_eq!(
            (answer.status.as_u16(), answer.ack().error_code()),
            (400, 3004)
        );
    }
    assert_eq!((letters.dropped(), layer.dead_letters_dropped()), (1, 1));
    assert_eq!(&letters.try_recv().unwrap().body()[..], b"{first");
    assert!(letters.try_recv().is_none());
}

#[test]
fn a_letters_debug_never_shows_its_bytes() {
    let (sender, mut letters) = dead_letter_queue(1);
    let service = LiveWebhookLayer::new(PATH)
        .app_id(APP_ID)
        .dead_letters(sender)
        .layer(service_fn(|_: Request<RequestBody<Full<Bytes>>>| async {
            Ok::<_, Infallible>(Response::new(Full::<Bytes>::default()))
        }));
    let waker = std::task::Waker::noop();
    let future = service.oneshot(post(BATTLE_QUERY, full("{\"secret-in-body\"")));
    // Runtime-free: the answer and the letter, in one poll, with no executor.
    let Poll::Ready(Ok(_)) = std::pin::pin!(future).poll(&mut Context::from_waker(waker)) else {
        panic!("not answered at once");
    };
    let letter = letters.try_recv().unwrap();
    let debug = format!("{letter:?}");
    assert!(!debug.contains("secret"), "{debug}");
    assert!(
        debug.contains("Live.CallbackAfterEndBattle") && debug.contains("len: 17"),
        "{debug}"
    );
}

#[tokio::test]
async fn a_letter_has_the_key_of_what_was_read() {
    // A battle whose score cannot be read: refused, and keyed by its BattleId.
    let body = r#"{"BattleId":"b-7","FromRoomInfo":{"RoomId":"pk-3","Score":1.5}}"#;
    let (_, letters) = send(
        layer(),
        Mode::Handler,
        App::Decides,
        post(BATTLE_QUERY, full(body)),
    )
    .await;
    let key = letters[0].idempotency_key();
    assert_eq!(key.as_str(), Some("Live.CallbackAfterEndBattle:b-7"));
    assert_eq!(key.strength(), KeyStrength::Exact);

    // Not JSON: no id and no time in reach, so no key.
    let (_, letters) = send(
        layer(),
        Mode::Handler,
        App::Decides,
        post(BATTLE_QUERY, full("{not json")),
    )
    .await;
    let key = letters[0].idempotency_key();
    assert_eq!(key.as_str(), None);
    assert_eq!(key.strength(), KeyStrength::None);
}

#[tokio::test]
async fn the_queue_counts_what_it_holds_and_drops_and_ends_with_its_last_sender() {
    let (sender, mut letters) = dead_letter_queue(2);
    assert_eq!(
        format!("{sender:?}"),
        "DeadLetterSender { capacity: 2, .. }"
    );
    assert_eq!(
        (letters.len(), letters.is_empty(), letters.dropped()),
        (0, true, 0)
    );
    assert_eq!(
        format!("{letters:?}"),
        "DeadLetterReceiver { capacity: 2, len: 0, dropped: 0 }"
    );
    let layer = layer().dead_letters(sender);
    assert!(
        format!("{layer:?}").contains("DeadLetters { dropped: 0, .. }"),
        "{layer:?}"
    );
    let service = layer
        .clone()
        .layer(service_fn(|_: Request<RequestBody<Full<Bytes>>>| async {
            Ok::<_, Infallible>(Response::new(Full::<Bytes>::default()))
        }));
    for (sent, held, dropped) in [(1, 1, 0), (2, 2, 0), (3, 2, 1), (4, 2, 2)] {
        let body = Full::new(Bytes::from(format!("{{letter {sent}")));
        service
            .clone()
            .oneshot(post(BATTLE_QUERY, body))
            .await
            .unwrap();
        assert_eq!(
            (letters.len(), letters.is_empty(), letters.dropped()),
            (held, false, dropped),
            "after {sent}"
        );
    }
    assert_eq!(
        format!("{letters:?}"),
        "DeadLetterReceiver { capacity: 2, len: 2, dropped: 2 }"
    );
    assert!(
        format!("{layer:?}").contains("DeadLetters { dropped: 2, .. }"),
        "{layer:?}"
    );
    let letter = letters.recv().await.unwrap();
    assert_eq!(&letter.body()[..], b"{letter 1");
    assert_eq!(
        letter.reason().to_string(),
        "the webhook was not understood: body is not JSON: key must be a string (line 1, column 2)"
    );
    assert_eq!((letters.len(), letters.is_empty()), (1, false));
    assert_eq!(&letters.recv().await.unwrap().body()[..], b"{letter 2");
    assert_eq!((letters.len(), letters.is_empty()), (0, true));

    // A task waiting for a letter is woken when the last sender goes: the
    // layer's clones, the service's.
    let waiting = tokio::spawn(async move { letters.recv().await.is_none() });
    tokio::task::yield_now().await;
    assert!(!waiting.is_finished(), "recv ended with a sender alive");
    drop((layer, service));
    let ended = tokio::time::timeout(Duration::from_secs(5), waiting).await;
    assert!(matches!(ended, Ok(Ok(true))), "{ended:?}");
}

#[test]
fn a_full_queue_says_so() {
    let (mut sender, _letters) = dead_letter_queue(0);
    let letter_of = |body: &'static str| {
        let (sink, mut letters) = dead_letter_queue(1);
        let service = LiveWebhookLayer::new(PATH)
            .app_id(APP_ID)
            .dead_letters(sink)
            .layer(service_fn(|_: Request<RequestBody<Full<Bytes>>>| async {
                Ok::<_, Infallible>(Response::new(Full::<Bytes>::default()))
            }));
        let waker = std::task::Waker::noop();
        let future = service.oneshot(post(BATTLE_QUERY, full(body)));
        let Poll::Ready(Ok(_)) = std::pin::pin!(future).poll(&mut Context::from_waker(waker))
        else {
            panic!("not answered at once");
        };
        letters.try_recv().unwrap()
    };
    let full_error = sender.call(letter_of("{x")).into_inner().unwrap_err();
    assert_eq!(
        full_error.to_string(),
        "the dead-letter queue is full: the letter was dropped"
    );
}
