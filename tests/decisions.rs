//! Before-webhooks are questions: `Live.CallbackBeforeSendGift` and
//! `Group.CallbackBeforeSendMsg` are answered with a decision, within a
//! deadline, and every way of not deciding gets the command's fallback with
//! HTTP 200. After-webhooks are news: never cut short, and their failures
//! held past Tencent's timeout only when asked.
//!
//! Time: the deadline tests run on tokio's paused clock ([`TokioTimer`]), so
//! they measure the deadline exactly without waiting for it; one test keeps
//! the default [`ThreadTimer`] and real time over a real socket, with a
//! generous margin.

mod wire;

use std::convert::Infallible;
use std::future::{pending, Future};
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::routing::post;
use axum::{Extension, Router};
use bytes::Bytes;
use http::{header, Request, Response, StatusCode};
use http_body::{Body, Frame, SizeHint};
use http_body_util::Full;
use hyper::server::conn::http1;
use hyper_util::rt::TokioIo;
use hyper_util::service::TowerToHyperService;
use tencent_live_webhook::testing::fixtures::{APP_ID, OK_ACK, PATH, TOKEN};
use tencent_live_webhook::testing::{read_answer, Answer, WebhookRequest};
use tencent_live_webhook::{
    Ack, BattleEnded, C2cMessageDecision, ChatEvent, ChatWebhookLayer, ConfigError,
    CreateGroupDecision, CreateTopicDecision, Deadline, Decision, GiftDecision, GiftSending,
    InviteDecision, JoinGroupDecision, LiveEvent, LiveWebhookLayer, MessageDecision,
    MessageSending, MsgElement, Reply, RequestBody, TencentWebhookLayer, TokioTimer, WebhookEvent,
    WebhookLayer, C2C_SENDER_CODES, GIFT_SENDER_CODES, GROUP_SENDER_CODES, MESSAGE_SENDER_CODES,
};
use tokio::net::TcpListener;
use tokio::time::Instant;
use tower::{service_fn, BoxError, Layer, Service, ServiceBuilder, ServiceExt};

use wire::{decided, wire, ALLOW, DISCARD, REJECT};

/// A gift of two roses from a viewer to the owner of room `pk-3`.
const GIFT: &str = r#"{"CallbackCommand":"Live.CallbackBeforeSendGift","Operator_Account":"viewer-1","RoomId":"pk-3","GiftWater":{"From_Account":"viewer-1","To_Account":["144115245353757792"],"Time":1739956050,"GiftId":"rose","Count":2,"Coins":10}}"#;
/// A room message saying hello.
const MESSAGE: &str = r#"{"CallbackCommand":"Group.CallbackBeforeSendMsg","GroupId":"pk-3","Type":"Live","From_Account":"viewer-1","Operator_Account":"viewer-1","Random":7,"MsgId":"144115233406643804-1739956040-1","MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"hello"}}],"CloudCustomData":"","EventTime":"1739956040000"}"#;
/// The default deadline.
const DEADLINE: Duration = Duration::from_millis(1500);

fn gift() -> Request<String> {
    WebhookRequest::raw(GiftSending::COMMAND, GIFT)
        .app_id(APP_ID)
        .build()
}

fn message() -> Request<String> {
    WebhookRequest::raw(MessageSending::COMMAND, MESSAGE)
        .app_id(APP_ID)
        .build()
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
fn unreachable_app<B: Send + 'static>() -> impl Service<
    Request<B>,
    Response = Response<Full<Bytes>>,
    Error = Infallible,
    Future = impl Future<Output = Result<Response<Full<Bytes>>, Infallible>> + Send,
> + Clone {
    service_fn(|_: Request<B>| async {
        panic!("a webhook reached the app");
        #[allow(unreachable_code)]
        Ok::<_, Infallible>(Response::new(Full::new(Bytes::new())))
    })
}

/// Sends `request` through a handler-mode layer whose handler answers with `answer`.
async fn decide<F, Fut>(layer: LiveWebhookLayer, request: Request<String>, answer: F) -> Answer
where
    F: Fn(LiveEvent) -> Fut + Clone + Send + 'static,
    Fut: Future<Output = Result<Reply, BoxError>> + Send,
{
    let handler = service_fn(move |request: Request<LiveEvent>| {
        let answer = answer.clone();
        async move { answer(request.into_body()).await }
    });
    let service = layer
        .handler(handler)
        .layer(unreachable_app::<RequestBody<String>>());
    read_answer(service.oneshot(request).await.unwrap()).await
}

fn replying(
    reply: impl Into<Reply>,
) -> impl Fn(LiveEvent) -> std::future::Ready<Result<Reply, BoxError>> + Clone {
    let reply = reply.into();
    move |_| std::future::ready(Ok(reply.clone()))
}

// ------------------------------------------------------------- the decisions

#[tokio::test]
async fn gift_decisions_are_written_exactly_with_200() {
    for (decision, bytes) in [
        (GiftDecision::allow(), OK_ACK),
        (
            GiftDecision::reject(),
            r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":1}"#,
        ),
        (
            GiftDecision::reject_with(102101, "not enough coins").unwrap(),
            r#"{"ActionStatus":"OK","ErrorInfo":"not enough coins","ErrorCode":102101}"#,
        ),
    ] {
        let answer = decide(layer(), gift(), replying(decision.clone())).await;
        assert_eq!(answer.status, StatusCode::OK);
        assert_eq!(answer.content_type.as_deref(), Some("application/json"));
        assert_eq!(answer.body, bytes, "{decision:?}");
    }
}

#[tokio::test]
async fn message_decisions_are_written_exactly_with_200() {
    let masked = MessageDecision::modify(Some(vec![MsgElement::text("h*llo")]), None);
    let tagged = MessageDecision::modify(None, Some("vip".to_owned()));
    let both = MessageDecision::modify(
        Some(vec![MsgElement::text("***")]),
        Some(r#"{"vip":1}"#.to_owned()),
    );
    for (decision, bytes) in [
        (MessageDecision::allow(), OK_ACK.to_owned()),
        (
            MessageDecision::reject(),
            r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":1}"#.to_owned(),
        ),
        (
            MessageDecision::discard(),
            r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":2}"#.to_owned(),
        ),
        (
            MessageDecision::reject_with(10100, "muted").unwrap(),
            r#"{"ActionStatus":"OK","ErrorInfo":"muted","ErrorCode":10100}"#.to_owned(),
        ),
        (
            masked,
            r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0,"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"h*llo"}}]}"#.to_owned(),
        ),
        (
            tagged,
            r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0,"CloudCustomData":"vip"}"#
                .to_owned(),
        ),
        (
            both,
            r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0,"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"***"}}],"CloudCustomData":"{\"vip\":1}"}"#
                .to_owned(),
        ),
    ] {
        let answer = decide(layer(), message(), replying(decision.clone())).await;
        assert_eq!(answer.status, StatusCode::OK);
        assert_eq!(answer.body, bytes, "{decision:?}");
    }
}

#[test]
fn a_decision_says_what_it_decides() {
    let masked = vec![MsgElement::text("h*llo")];
    let modified = MessageDecision::modify(Some(masked.clone()), Some("vip".to_owned()));
    assert_eq!(modified.msg_body(), Some(&masked[..]));
    assert_eq!(modified.cloud_custom_data(), Some("vip"));
    assert!(modified.is_allowed() && !modified.is_discarded());
    let tagged = MessageDecision::modify(None, Some("vip".to_owned()));
    assert_eq!(tagged.msg_body(), None);
    assert_eq!(tagged.cloud_custom_data(), Some("vip"));
    for (decision, discarded) in [
        (MessageDecision::allow(), false),
        (MessageDecision::reject(), false),
        (MessageDecision::discard(), true),
        (MessageDecision::reject_with(10100, "muted").unwrap(), false),
    ] {
        assert_eq!(decision.is_discarded(), discarded, "{decision:?}");
        assert_eq!(decision.msg_body(), None);
        assert_eq!(decision.cloud_custom_data(), None);
    }
    for (reply, is_decision) in [
        (Reply::from(()), false),
        (Reply::from(Ack::fail(4001, "no")), false),
        (Reply::from(GiftDecision::allow()), true),
        (Reply::from(MessageDecision::discard()), true),
        (Reply::from(Decision::reject()), true),
    ] {
        assert_eq!(reply.is_decision(), is_decision, "{reply:?}");
    }
}

#[test]
fn codes_outside_the_senders_range_are_refused() {
    for code in [102099, 102201, 0, 1, -102100] {
        assert!(GiftDecision::reject_with(code, "x").is_err(), "{code}");
    }
    for code in [*GIFT_SENDER_CODES.start(), *GIFT_SENDER_CODES.end()] {
        assert_eq!(
            GiftDecision::reject_with(code, "x").unwrap().error_code(),
            code
        );
    }
    for code in [10099, 10201, 0, 2] {
        assert!(MessageDecision::reject_with(code, "x").is_err(), "{code}");
    }
    for code in [*MESSAGE_SENDER_CODES.start(), *MESSAGE_SENDER_CODES.end()] {
        assert_eq!(
            MessageDecision::reject_with(code, "x")
                .unwrap()
                .error_code(),
            code
        );
    }
    assert!(Decision::reject_with(0, "no").is_err());
    let error = GiftDecision::reject_with(5, "x").unwrap_err();
    assert!(error.to_string().contains("[102100, 102200]"), "{error}");
}

/// Every Chat decision, as the bytes Tencent reads (written out here, never
/// computed by the crate), with what it says it decides.
#[test]
fn chat_decisions_are_written_exactly() {
    const ALLOW: &str = r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}"#;
    const REJECT: &str = r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":1}"#;
    let masked = vec![MsgElement::text("***")];
    let cases: Vec<(Reply, &str, i64)> = vec![
        (C2cMessageDecision::allow().into(), ALLOW, 0),
        (C2cMessageDecision::reject().into(), REJECT, 1),
        (
            C2cMessageDecision::reject_with(120001, "slow down")
                .unwrap()
                .into(),
            r#"{"ActionStatus":"OK","ErrorInfo":"slow down","ErrorCode":120001}"#,
            120001,
        ),
        (
            C2cMessageDecision::modify(Some(masked.clone()), Some("vip".to_owned())).into(),
            r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0,"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"***"}}],"CloudCustomData":"vip"}"#,
            0,
        ),
        (
            C2cMessageDecision::modify(None, Some("vip".to_owned())).into(),
            r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0,"CloudCustomData":"vip"}"#,
            0,
        ),
        (CreateGroupDecision::allow().into(), ALLOW, 0),
        (CreateGroupDecision::reject().into(), REJECT, 1),
        (
            CreateGroupDecision::reject_with(10200, "full")
                .unwrap()
                .into(),
            r#"{"ActionStatus":"OK","ErrorInfo":"full","ErrorCode":10200}"#,
            10200,
        ),
        (CreateTopicDecision::allow().into(), ALLOW, 0),
        (CreateTopicDecision::reject().into(), REJECT, 1),
        (
            CreateTopicDecision::reject_with(10100, "no topics")
                .unwrap()
                .into(),
            r#"{"ActionStatus":"OK","ErrorInfo":"no topics","ErrorCode":10100}"#,
            10100,
        ),
        (JoinGroupDecision::allow().into(), ALLOW, 0),
        (JoinGroupDecision::reject().into(), REJECT, 1),
        (InviteDecision::allow().into(), ALLOW, 0),
        (InviteDecision::reject().into(), REJECT, 1),
        (
            InviteDecision::reject_with(10150, "invitations closed")
                .unwrap()
                .into(),
            r#"{"ActionStatus":"OK","ErrorInfo":"invitations closed","ErrorCode":10150}"#,
            10150,
        ),
        (
            InviteDecision::refuse(["jared", "144115233775727695"]).into(),
            r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0,"RefusedMembers_Account":["jared","144115233775727695"]}"#,
            0,
        ),
        (
            InviteDecision::refuse(Vec::<String>::new()).into(),
            r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0,"RefusedMembers_Account":[]}"#,
            0,
        ),
    ];
    for (reply, bytes, code) in cases {
        assert_eq!(reply.to_bytes(), bytes, "{reply:?}");
        assert_eq!(serde_json::to_string(&reply).unwrap(), bytes, "{reply:?}");
        assert_eq!(reply.error_code(), code, "{reply:?}");
        assert!(reply.is_decision(), "{reply:?}");
    }
}

#[test]
fn a_chat_decision_says_what_it_decides() {
    let masked = vec![MsgElement::text("***")];
    let modified = C2cMessageDecision::modify(Some(masked.clone()), None);
    assert_eq!(modified.msg_body(), Some(&masked[..]));
    assert_eq!(modified.cloud_custom_data(), None);
    assert!(modified.is_allowed());
    let tagged = C2cMessageDecision::modify(None, Some("vip".to_owned()));
    assert_eq!(
        (tagged.msg_body(), tagged.cloud_custom_data()),
        (None, Some("vip"))
    );
    let slow = C2cMessageDecision::reject_with(130000, "slow down").unwrap();
    assert!(!slow.is_allowed());
    assert_eq!(
        (slow.error_code(), slow.error_info()),
        (130000, "slow down")
    );
    assert_eq!(slow.msg_body(), None);
    for (allowed, decision) in [
        (true, C2cMessageDecision::allow()),
        (false, C2cMessageDecision::reject()),
    ] {
        assert_eq!(decision.is_allowed(), allowed);
        assert_eq!(
            (decision.msg_body(), decision.cloud_custom_data()),
            (None, None)
        );
    }

    let full = CreateGroupDecision::reject_with(10101, "full").unwrap();
    assert_eq!(
        (full.is_allowed(), full.error_code(), full.error_info()),
        (false, 10101, "full")
    );
    assert!(CreateGroupDecision::allow().is_allowed());
    let closed = CreateTopicDecision::reject_with(10102, "closed").unwrap();
    assert_eq!(
        (
            closed.is_allowed(),
            closed.error_code(),
            closed.error_info()
        ),
        (false, 10102, "closed")
    );
    assert!(CreateTopicDecision::allow().is_allowed());
    assert!(!CreateTopicDecision::reject().is_allowed());
    assert!(JoinGroupDecision::allow().is_allowed());
    let refused = JoinGroupDecision::reject();
    assert_eq!(
        (
            refused.is_allowed(),
            refused.error_code(),
            refused.error_info()
        ),
        (false, 1, "")
    );

    let some = InviteDecision::refuse(["jared"]);
    assert!(some.is_allowed());
    assert_eq!(some.refused(), Some(&["jared".to_owned()][..]));
    assert_eq!(InviteDecision::allow().refused(), None);
    let none = InviteDecision::reject_with(10100, "closed").unwrap();
    assert_eq!(
        (none.is_allowed(), none.error_code(), none.error_info()),
        (false, 10100, "closed")
    );
    assert_eq!(none.refused(), None);
}

#[test]
fn chat_codes_outside_the_callers_range_are_refused() {
    for code in [120000, 130001, 0, 1, 10100] {
        assert!(
            C2cMessageDecision::reject_with(code, "x").is_err(),
            "{code}"
        );
    }
    for code in [*C2C_SENDER_CODES.start(), *C2C_SENDER_CODES.end()] {
        assert_eq!(
            C2cMessageDecision::reject_with(code, "x")
                .unwrap()
                .error_code(),
            code
        );
    }
    assert_eq!(
        (*C2C_SENDER_CODES.start(), *C2C_SENDER_CODES.end()),
        (120001, 130000)
    );
    assert_eq!(
        (*GROUP_SENDER_CODES.start(), *GROUP_SENDER_CODES.end()),
        (10100, 10200)
    );
    for code in [10099, 10201, 0, 1, 120001] {
        assert!(
            CreateGroupDecision::reject_with(code, "x").is_err(),
            "{code}"
        );
        assert!(
            CreateTopicDecision::reject_with(code, "x").is_err(),
            "{code}"
        );
        assert!(InviteDecision::reject_with(code, "x").is_err(), "{code}");
    }
    for code in [10100, 10200] {
        assert_eq!(
            CreateGroupDecision::reject_with(code, "x")
                .unwrap()
                .error_code(),
            code
        );
        assert_eq!(
            CreateTopicDecision::reject_with(code, "x")
                .unwrap()
                .error_code(),
            code
        );
        assert_eq!(
            InviteDecision::reject_with(code, "x").unwrap().error_code(),
            code
        );
    }
    let error = C2cMessageDecision::reject_with(20006, "x").unwrap_err();
    assert_eq!(
        error.to_string(),
        "ErrorCode 20006 is outside [120001, 130000], the codes Tencent passes on to the sender"
    );
}

// ------------------------------------------------------------- fallbacks

#[tokio::test]
async fn anything_but_the_commands_own_decision_gets_its_fallback() {
    let not_decisions: [Reply; 4] = [
        ().into(),
        Ack::ok().into(),
        Ack::fail(9, "no").into(),
        Decision::allow().into(),
    ];
    for reply in not_decisions {
        let answer = decide(layer(), gift(), replying(reply.clone())).await;
        assert_eq!(wire(&answer), decided(REJECT), "{reply:?}");
        let answer = decide(layer(), message(), replying(reply.clone())).await;
        assert_eq!(wire(&answer), decided(ALLOW), "{reply:?}");
    }
    // Another command's decision is not this one's.
    let answer = decide(layer(), gift(), replying(MessageDecision::allow())).await;
    assert_eq!(wire(&answer), decided(REJECT));
    let answer = decide(layer(), message(), replying(GiftDecision::reject())).await;
    assert_eq!(wire(&answer), decided(ALLOW));
}

#[tokio::test]
async fn a_handler_error_or_panic_gets_the_fallback_with_200() {
    let failing = |_: LiveEvent| async { Err::<Reply, BoxError>("the wallet is down".into()) };
    let answer = decide(layer(), gift(), failing).await;
    assert_eq!(wire(&answer), decided(REJECT));
    assert!(!String::from_utf8_lossy(&answer.body).contains("wallet"));

    let panicking = |_: LiveEvent| async {
        panic!("the handler panicked (expected by this test)");
        #[allow(unreachable_code)]
        Ok::<Reply, BoxError>(().into())
    };
    let answer = decide(layer(), gift(), panicking).await;
    assert_eq!(wire(&answer), decided(REJECT));
    let answer = decide(layer(), message(), panicking).await;
    assert_eq!(wire(&answer), decided(ALLOW));
}

/// A body that yields `first`, then fails or never ends.
struct Broken {
    first: Option<Bytes>,
    then: Then,
}

#[derive(Clone, Copy)]
enum Then {
    Fail,
    Stall,
}

impl Body for Broken {
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        _: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        if let Some(first) = self.first.take() {
            return Poll::Ready(Some(Ok(Frame::data(first))));
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

async fn decide_body<B>(layer: LiveWebhookLayer, request: Request<B>) -> (Answer, usize)
where
    B: Body<Data = Bytes> + Send + 'static,
    B::Error: Into<BoxError>,
{
    let calls = Arc::new(AtomicUsize::new(0));
    let counter = calls.clone();
    let handler = service_fn(move |_: Request<LiveEvent>| {
        counter.fetch_add(1, Ordering::SeqCst);
        async { Ok::<_, Infallible>(GiftDecision::allow()) }
    });
    let service = layer
        .handler(handler)
        .layer(unreachable_app::<RequestBody<B>>());
    let answer = read_answer(service.oneshot(request).await.unwrap()).await;
    (answer, calls.load(Ordering::SeqCst))
}

fn with_body<B>(request: Request<String>, body: B) -> Request<B> {
    let (mut parts, _) = request.into_parts();
    parts.headers.remove(header::CONTENT_LENGTH);
    Request::from_parts(parts, body)
}

#[tokio::test]
async fn an_authentic_before_webhook_that_cannot_be_read_gets_the_fallback() {
    let cases: Vec<(&str, Request<Full<Bytes>>)> = vec![
        (
            "not JSON",
            with_body(gift(), Full::new(Bytes::from_static(b"{not json"))),
        ),
        (
            "no RoomId",
            with_body(
                gift(),
                Full::new(Bytes::from(GIFT.replace(r#""RoomId":"pk-3","#, ""))),
            ),
        ),
        (
            "an array",
            with_body(gift(), Full::new(Bytes::from_static(b"[]"))),
        ),
        (
            "another command in the body",
            with_body(
                gift(),
                Full::new(Bytes::from(
                    GIFT.replace("BeforeSendGift", "AfterEndBattle"),
                )),
            ),
        ),
        (
            "over the limit",
            with_body(gift(), Full::new(Bytes::from(vec![b' '; 70 * 1024]))),
        ),
    ];
    for (name, request) in cases {
        let (answer, calls) = decide_body(layer(), request).await;
        assert_eq!(wire(&answer), decided(REJECT), "{name}");
        assert_eq!(calls, 0, "{name}: the handler was called");
    }
    let failing = Broken {
        first: Some(Bytes::from_static(b"{")),
        then: Then::Fail,
    };
    let (answer, calls) = decide_body(layer(), with_body(gift(), failing)).await;
    assert_eq!(wire(&answer), decided(REJECT), "a failing body");
    assert_eq!(calls, 0);
}

#[tokio::test]
async fn a_before_webhook_not_known_to_be_tencents_is_refused_not_decided() {
    let signed = || {
        WebhookRequest::raw(GiftSending::COMMAND, GIFT)
            .app_id(APP_ID)
            .token("not the token")
            .build()
    };
    for (name, layer, request, status, code) in [
        (
            "unknown app",
            layer(),
            WebhookRequest::raw(GiftSending::COMMAND, GIFT)
                .app_id(7)
                .build(),
            403,
            1003,
        ),
        ("bad signature", layer().token(TOKEN), signed(), 401, 2004),
        ("no signature", layer().token(TOKEN), gift(), 401, 2001),
    ] {
        let (answer, calls) = decide_body(layer, request).await;
        assert_eq!(answer.status.as_u16(), status, "{name}");
        let ack = answer.ack();
        assert!(!ack.is_ok(), "{name}");
        assert_eq!(ack.error_code(), code, "{name}");
        assert_eq!(calls, 0, "{name}");
    }
}

#[tokio::test]
async fn fallbacks_are_configurable_per_command() {
    let layer = layer()
        .fallback(GiftSending::COMMAND, GiftDecision::allow())
        .fallback(MessageSending::COMMAND, MessageDecision::discard());
    let answer = decide(layer.clone(), gift(), replying(())).await;
    assert_eq!(wire(&answer), decided(ALLOW));
    let answer = decide(layer, message(), replying(())).await;
    assert_eq!(wire(&answer), decided(DISCARD));
}

#[test]
fn a_fallback_of_another_kind_or_for_an_after_webhook_is_a_configuration_error() {
    assert_eq!(
        layer()
            .try_fallback(GiftSending::COMMAND, MessageDecision::allow())
            .unwrap_err(),
        ConfigError::WrongDecisionKind(GiftSending::COMMAND.to_owned())
    );
    assert_eq!(
        layer()
            .try_fallback(BattleEnded::COMMAND, GiftDecision::allow())
            .unwrap_err(),
        ConfigError::NotABeforeWebhook(BattleEnded::COMMAND.to_owned())
    );
    assert!(WebhookLayer::<BattleEnded>::new(PATH)
        .try_fallback(GiftSending::COMMAND, GiftDecision::allow())
        .is_err());
    let panic = std::panic::catch_unwind(|| layer().fallback(GiftSending::COMMAND, ()));
    assert!(panic.is_err());
    // The errors say what is wrong, for the one who configured the layer.
    for (error, text) in [
        (
            ConfigError::WrongDecisionKind(GiftSending::COMMAND.to_owned()),
            "the fallback for `Live.CallbackBeforeSendGift` is not a decision of its kind",
        ),
        (
            ConfigError::NotABeforeWebhook(BattleEnded::COMMAND.to_owned()),
            "`Live.CallbackAfterEndBattle` is not a before-webhook of this layer: it has no fallback decision",
        ),
        (
            layer().try_token("").unwrap_err(),
            "the callback token is empty",
        ),
        (
            layer().try_token("x".repeat(129)).unwrap_err(),
            "the callback token has 129 characters; Tencent's have 1 to 128",
        ),
    ] {
        assert_eq!(error.to_string(), text);
    }
}

// -------------------------------------------------------------- deadlines

/// Sets a flag when dropped: shows that the layer dropped the handler's future.
struct DropFlag(Arc<AtomicBool>);

impl Drop for DropFlag {
    fn drop(&mut self) {
        self.0.store(true, Ordering::SeqCst);
    }
}

#[tokio::test(start_paused = true)]
async fn a_stalled_decision_gets_the_fallback_at_the_deadline_and_is_dropped() {
    for (request, fallback) in [(gift(), REJECT), (message(), ALLOW)] {
        let dropped = Arc::new(AtomicBool::new(false));
        let flag = dropped.clone();
        let stalled = move |_: LiveEvent| {
            let guard = DropFlag(flag.clone());
            async move {
                pending::<()>().await;
                drop(guard);
                Ok::<Reply, BoxError>(GiftDecision::allow().into())
            }
        };
        let started = Instant::now();
        let answer = decide(layer(), request, stalled).await;
        let took = started.elapsed();
        assert_eq!(wire(&answer), decided(fallback));
        assert!(
            took >= DEADLINE,
            "answered after {took:?}, before the deadline"
        );
        assert!(
            took < DEADLINE + Duration::from_millis(100),
            "answered after {took:?}"
        );
        assert!(
            dropped.load(Ordering::SeqCst),
            "the handler's future was not dropped"
        );
    }
}

#[tokio::test(start_paused = true)]
async fn the_deadline_is_configurable_and_a_decision_in_time_is_kept() {
    let layer = layer().deadline(Duration::from_millis(300));
    let slow = |delay: u64| {
        move |_: LiveEvent| async move {
            tokio::time::sleep(Duration::from_millis(delay)).await;
            Ok::<Reply, BoxError>(GiftDecision::allow().into())
        }
    };
    let started = Instant::now();
    let answer = decide(layer.clone(), gift(), slow(250)).await;
    assert_eq!(wire(&answer), decided(ALLOW));
    assert!(started.elapsed() >= Duration::from_millis(250));

    let started = Instant::now();
    let answer = decide(layer, gift(), slow(350)).await;
    assert_eq!(wire(&answer), decided(REJECT));
    let took = started.elapsed();
    assert!(
        took >= Duration::from_millis(300) && took < Duration::from_millis(350),
        "{took:?}"
    );
}

/// The work in flight is polled before the deadline's timer: a decision that
/// is ready at the deadline's instant is sent, not replaced by the fallback.
#[tokio::test(start_paused = true)]
async fn a_decision_ready_at_the_deadline_is_sent() {
    let at_the_deadline = |_: LiveEvent| async {
        tokio::time::sleep(DEADLINE).await;
        Ok::<Reply, BoxError>(GiftDecision::allow().into())
    };
    let started = Instant::now();
    let answer = decide(layer(), gift(), at_the_deadline).await;
    assert_eq!(started.elapsed(), DEADLINE);
    assert_eq!(wire(&answer), decided(ALLOW));
}

#[tokio::test(start_paused = true)]
async fn a_body_stalled_past_the_deadline_gets_the_fallback() {
    let stalled = Broken {
        first: Some(Bytes::from_static(b"{\"RoomId\":")),
        then: Then::Stall,
    };
    let started = Instant::now();
    let (answer, calls) = decide_body(layer(), with_body(gift(), stalled)).await;
    assert_eq!(wire(&answer), decided(REJECT));
    assert!(started.elapsed() >= DEADLINE);
    assert_eq!(calls, 0);
}

#[tokio::test(start_paused = true)]
async fn an_after_webhook_is_never_cut_short() {
    let slow = |_: LiveEvent| async {
        tokio::time::sleep(Duration::from_secs(5)).await;
        Ok::<Reply, BoxError>(().into())
    };
    let started = Instant::now();
    let answer = decide(layer(), battle_ended(), slow).await;
    assert_eq!(wire(&answer), decided(OK_ACK));
    assert!(started.elapsed() >= Duration::from_secs(5));
}

#[tokio::test(start_paused = true)]
async fn the_handler_sees_the_deadline_of_a_before_webhook_only() {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = seen.clone();
    let handler = service_fn(move |request: Request<LiveEvent>| {
        record.lock().unwrap().push((
            request.body().callback_command().to_owned(),
            request.extensions().get::<Deadline>().copied(),
        ));
        async { Ok::<_, Infallible>(()) }
    });
    let service = layer()
        .handler(handler)
        .layer(unreachable_app::<RequestBody<String>>());
    let before = Instant::now().into_std();
    service.clone().oneshot(gift()).await.unwrap();
    let after = Instant::now().into_std();
    service.oneshot(battle_ended()).await.unwrap();

    let seen = seen.lock().unwrap();
    let (command, deadline) = &seen[0];
    assert_eq!(command, GiftSending::COMMAND);
    let deadline = deadline.expect("a before-webhook has its deadline").0;
    assert!(deadline >= before + DEADLINE && deadline <= after + DEADLINE);
    assert_eq!(seen[1], (BattleEnded::COMMAND.to_owned(), None));
}

#[tokio::test(start_paused = true)]
async fn failures_are_held_past_tencents_timeout_only_when_asked() {
    let failing = |_: LiveEvent| async { Err::<Reply, BoxError>("disk full".into()) };
    let started = Instant::now();
    let answer = decide(layer(), battle_ended(), failing).await;
    assert_eq!(
        (answer.status, answer.ack().error_code()),
        (StatusCode::INTERNAL_SERVER_ERROR, 4001)
    );
    assert!(
        started.elapsed() < Duration::from_millis(10),
        "held without being asked"
    );

    let held = layer().hold_failures();
    let started = Instant::now();
    let answer = decide(held.clone(), battle_ended(), failing).await;
    assert_eq!(answer.status, StatusCode::INTERNAL_SERVER_ERROR);
    let took = started.elapsed();
    assert!(
        took >= Duration::from_millis(2500),
        "answered after {took:?}: Tencent would not retry"
    );

    // A FAIL answer is a failure too; success is never held, nor a decision.
    let started = Instant::now();
    let answer = decide(
        held.clone(),
        battle_ended(),
        replying(Ack::fail(7, "later")),
    )
    .await;
    assert_eq!(answer.ack().error_code(), 7);
    assert!(started.elapsed() >= Duration::from_millis(2500));
    let started = Instant::now();
    let answer = decide(held.clone(), battle_ended(), replying(())).await;
    assert_eq!(wire(&answer), decided(OK_ACK));
    assert!(started.elapsed() < Duration::from_millis(10));
    let started = Instant::now();
    let answer = decide(held, gift(), failing).await;
    assert_eq!(wire(&answer), decided(REJECT));
    assert!(started.elapsed() < Duration::from_millis(10));
}

// ----------------------------------------------------------- forward mode

/// An inner service answering as `route` says, with the event in its extensions.
async fn forward<F, Fut>(request: Request<String>, route: F) -> Answer
where
    F: Fn(LiveEvent) -> Fut + Clone + Send + 'static,
    Fut: Future<Output = Result<Response<Full<Bytes>>, &'static str>> + Send,
{
    let inner = service_fn(move |request: Request<RequestBody<String>>| {
        let event = request.extensions().get::<LiveEvent>().cloned().unwrap();
        let before = matches!(
            event,
            LiveEvent::GiftSending(_) | LiveEvent::MessageSending(_)
        );
        assert_eq!(
            request.extensions().get::<Deadline>().is_some(),
            before,
            "forward mode carries a before-webhook's deadline too"
        );
        route.clone()(event)
    });
    match layer().layer(inner).oneshot(request).await {
        Ok(response) => read_answer(response).await,
        Err(error) => panic!("the route's error escaped: {error}"),
    }
}

fn respond(status: StatusCode, reply: Option<Reply>) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::from_static(b"route")));
    *response.status_mut() = status;
    if let Some(reply) = reply {
        response.extensions_mut().insert(reply);
    }
    response
}

#[tokio::test(start_paused = true)]
async fn forward_mode_answers_the_routes_decision_or_the_fallback() {
    let answer = forward(gift(), |_| async {
        Ok(respond(StatusCode::OK, Some(GiftDecision::allow().into())))
    })
    .await;
    assert_eq!(wire(&answer), decided(ALLOW));
    for (name, status, reply) in [
        ("a 200 without a decision", StatusCode::OK, None),
        ("an acknowledgement", StatusCode::OK, Some(Reply::from(()))),
        ("a 500", StatusCode::INTERNAL_SERVER_ERROR, None),
        (
            "another command's decision",
            StatusCode::OK,
            Some(MessageDecision::allow().into()),
        ),
    ] {
        let answer = forward(gift(), move |_| {
            let reply = reply.clone();
            async move { Ok(respond(status, reply)) }
        })
        .await;
        assert_eq!(wire(&answer), decided(REJECT), "{name}");
    }
    let answer = forward(gift(), |_| async { Err("the route failed") }).await;
    assert_eq!(wire(&answer), decided(REJECT), "an error");
    let answer = forward(gift(), |_| async {
        panic!("the route panicked (expected by this test)");
        #[allow(unreachable_code)]
        Ok(respond(StatusCode::OK, None))
    })
    .await;
    assert_eq!(wire(&answer), decided(REJECT), "a panic");
    let started = Instant::now();
    let answer = forward(gift(), |_| async {
        pending::<()>().await;
        Ok(respond(StatusCode::OK, Some(GiftDecision::allow().into())))
    })
    .await;
    assert_eq!(wire(&answer), decided(REJECT), "a stalled route");
    assert!(started.elapsed() >= DEADLINE);
}

#[tokio::test]
async fn forward_mode_after_webhooks_keep_their_rules() {
    let answer = forward(battle_ended(), |_| async {
        Ok(respond(StatusCode::NO_CONTENT, None))
    })
    .await;
    assert_eq!(wire(&answer), decided(OK_ACK));
    let answer = forward(battle_ended(), |_| async {
        Ok(respond(
            StatusCode::OK,
            Some(Ack::fail(12, "duplicate").into()),
        ))
    })
    .await;
    assert_eq!(
        (answer.status, answer.ack().error_code()),
        (StatusCode::OK, 12)
    );
    let answer = forward(battle_ended(), |_| async {
        Ok(respond(StatusCode::CONFLICT, None))
    })
    .await;
    assert_eq!(
        (answer.status, answer.ack().error_code()),
        (StatusCode::CONFLICT, 4002)
    );
}

/// The axum one-liner: a route returns the decision (feature `axum`).
#[tokio::test]
async fn an_axum_route_returns_its_decision() {
    async fn callback(
        Extension(event): Extension<LiveEvent>,
        deadline: Option<Extension<Deadline>>,
    ) -> Reply {
        match event {
            LiveEvent::GiftSending(_) if deadline.is_some() => {
                GiftDecision::reject_with(102150, "daily limit reached")
                    .unwrap()
                    .into()
            }
            LiveEvent::MessageSending(_) => MessageDecision::discard().into(),
            _ => ().into(),
        }
    }
    let app = Router::new().route(PATH, post(callback)).layer(layer());
    let answer = read_answer(app.clone().oneshot(gift()).await.unwrap()).await;
    assert_eq!(
        answer.body,
        r#"{"ActionStatus":"OK","ErrorInfo":"daily limit reached","ErrorCode":102150}"#
    );
    let answer = read_answer(app.clone().oneshot(message()).await.unwrap()).await;
    assert_eq!(wire(&answer), decided(DISCARD));
    let answer = read_answer(app.oneshot(battle_ended()).await.unwrap()).await;
    assert_eq!(wire(&answer), decided(OK_ACK));
}

// ------------------------------------------------------------- readiness

/// An app that is never ready.
#[derive(Clone)]
struct Saturated;

impl Service<Request<RequestBody<String>>> for Saturated {
    type Response = Response<Full<Bytes>>;
    type Error = Infallible;
    type Future = std::future::Ready<Result<Self::Response, Infallible>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Pending
    }

    fn call(&mut self, _: Request<RequestBody<String>>) -> Self::Future {
        panic!("called without being ready")
    }
}

#[tokio::test]
async fn in_handler_mode_a_saturated_app_does_not_hold_up_a_decision() {
    let handler =
        service_fn(|_: Request<LiveEvent>| async { Ok::<_, Infallible>(GiftDecision::allow()) });
    let mut service = layer().handler(handler).layer(Saturated);
    // Ready although the app is not: the app is readied for its own requests.
    std::future::poll_fn(|cx| service.poll_ready(cx))
        .await
        .unwrap();
    let answer = read_answer(service.call(gift()).await.unwrap()).await;
    assert_eq!(wire(&answer), decided(ALLOW));

    let mut passthrough =
        std::pin::pin!(service.call(Request::get("/").body(String::new()).unwrap()));
    let waker = std::task::Waker::noop();
    assert!(
        passthrough
            .as_mut()
            .poll(&mut Context::from_waker(waker))
            .is_pending(),
        "a request for the app waits for the app"
    );
}

// ----------------------------------------------------- over a real socket

async fn serve<S>(service: S) -> SocketAddr
where
    S: Service<
            Request<hyper::body::Incoming>,
            Response = Response<tencent_live_webhook::ResponseBody<Full<Bytes>>>,
            Error = Infallible,
        > + Clone
        + Send
        + 'static,
    S::Future: Send,
{
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let service = TowerToHyperService::new(service.clone());
            tokio::spawn(async move {
                let _ = http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    addr
}

/// Real time, the default timer, a real socket: the stalled gift is answered
/// no earlier than its deadline, and no later than the deadline plus a margin
/// wide enough for a loaded 2-core machine.
#[tokio::test]
async fn over_a_socket_a_stalled_gift_is_rejected_within_its_deadline() {
    let deadline = Duration::from_millis(400);
    let handler = service_fn(|request: Request<LiveEvent>| async move {
        if matches!(request.body(), LiveEvent::GiftSending(_)) {
            pending::<()>().await;
        }
        Ok::<_, Infallible>(MessageDecision::reject())
    });
    let service = ServiceBuilder::new()
        .layer(
            LiveWebhookLayer::new(PATH)
                .app_id(APP_ID)
                .deadline(deadline)
                .handler(handler),
        )
        .service(service_fn(
            |_: Request<RequestBody<hyper::body::Incoming>>| async {
                Ok::<_, Infallible>(Response::new(Full::new(Bytes::from_static(b"app"))))
            },
        ));
    let addr = serve(service).await;
    let client = hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
        .build_http::<String>();

    let request = WebhookRequest::raw(GiftSending::COMMAND, GIFT)
        .uri(format!("http://{addr}{PATH}"))
        .app_id(APP_ID)
        .build();
    let started = std::time::Instant::now();
    let response = tokio::time::timeout(Duration::from_secs(10), client.request(request))
        .await
        .expect("an answer")
        .unwrap();
    let took = started.elapsed();
    let answer = read_answer(response).await;
    assert_eq!(wire(&answer), decided(REJECT));
    assert!(
        took >= deadline,
        "answered after {took:?}, before the deadline"
    );
    assert!(
        took < deadline + Duration::from_secs(5),
        "answered after {took:?}"
    );

    let request = WebhookRequest::raw(MessageSending::COMMAND, MESSAGE)
        .uri(format!("http://{addr}{PATH}"))
        .app_id(APP_ID)
        .build();
    let answer = read_answer(client.request(request).await.unwrap()).await;
    assert_eq!(wire(&answer), decided(REJECT));
    assert_eq!(
        answer.body,
        r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":1}"#
    );
}

// ------------------------------------------------ serde formats that count

/// A serde format that trusts the number of fields a struct declares, as
/// MessagePack and CBOR do: it records that number and the fields written.
struct FieldCount;

#[derive(Debug)]
struct NotAStruct;

impl std::fmt::Display for NotAStruct {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("only a struct is expected")
    }
}

impl std::error::Error for NotAStruct {}

impl serde::ser::Error for NotAStruct {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        NotAStruct
    }
}

/// The number of fields a struct declared, and the fields it wrote.
type Counted = (usize, Vec<&'static str>);

struct Fields(Counted);

impl serde::ser::SerializeStruct for Fields {
    type Ok = Counted;
    type Error = NotAStruct;

    fn serialize_field<T: ?Sized + serde::Serialize>(
        &mut self,
        key: &'static str,
        _: &T,
    ) -> Result<(), NotAStruct> {
        self.0 .1.push(key);
        Ok(())
    }

    fn end(self) -> Result<Counted, NotAStruct> {
        Ok(self.0)
    }
}

macro_rules! not_a_struct {
    ($($method:ident($($ty:ty),*);)*) => {
        $(fn $method(self, $(_: $ty),*) -> Result<Counted, NotAStruct> {
            Err(NotAStruct)
        })*
    };
}

impl serde::Serializer for FieldCount {
    type Ok = Counted;
    type Error = NotAStruct;
    type SerializeSeq = serde::ser::Impossible<Counted, NotAStruct>;
    type SerializeTuple = serde::ser::Impossible<Counted, NotAStruct>;
    type SerializeTupleStruct = serde::ser::Impossible<Counted, NotAStruct>;
    type SerializeTupleVariant = serde::ser::Impossible<Counted, NotAStruct>;
    type SerializeMap = serde::ser::Impossible<Counted, NotAStruct>;
    type SerializeStruct = Fields;
    type SerializeStructVariant = serde::ser::Impossible<Counted, NotAStruct>;

    fn serialize_struct(self, _: &'static str, len: usize) -> Result<Fields, NotAStruct> {
        Ok(Fields((len, Vec::new())))
    }

    not_a_struct! {
        serialize_bool(bool); serialize_i8(i8); serialize_i16(i16); serialize_i32(i32);
        serialize_i64(i64); serialize_u8(u8); serialize_u16(u16); serialize_u32(u32);
        serialize_u64(u64); serialize_f32(f32); serialize_f64(f64); serialize_char(char);
        serialize_str(&str); serialize_bytes(&[u8]); serialize_none(); serialize_unit();
        serialize_unit_struct(&'static str);
        serialize_unit_variant(&'static str, u32, &'static str);
    }

    fn serialize_some<T: ?Sized + serde::Serialize>(self, _: &T) -> Result<Counted, NotAStruct> {
        Err(NotAStruct)
    }

    fn serialize_newtype_struct<T: ?Sized + serde::Serialize>(
        self,
        _: &'static str,
        _: &T,
    ) -> Result<Counted, NotAStruct> {
        Err(NotAStruct)
    }

    fn serialize_newtype_variant<T: ?Sized + serde::Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<Counted, NotAStruct> {
        Err(NotAStruct)
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, NotAStruct> {
        Err(NotAStruct)
    }

    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, NotAStruct> {
        Err(NotAStruct)
    }

    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, NotAStruct> {
        Err(NotAStruct)
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, NotAStruct> {
        Err(NotAStruct)
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, NotAStruct> {
        Err(NotAStruct)
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, NotAStruct> {
        Err(NotAStruct)
    }
}

#[test]
fn a_decision_declares_exactly_the_fields_it_writes() {
    // A format that writes the count first (MessagePack, CBOR) would be
    // corrupted by a wrong one; serde_json ignores it.
    use serde::Serialize;
    let code = ["ActionStatus", "ErrorInfo", "ErrorCode"];
    let text = || Some(vec![MsgElement::text("***")]);
    let data = || Some("vip".to_owned());
    for (reply, extra) in [
        (Reply::from(GiftDecision::reject()), &[][..]),
        (Reply::from(Decision::reject_with(7, "no").unwrap()), &[]),
        (Reply::from(MessageDecision::discard()), &[]),
        (
            Reply::from(MessageDecision::modify(text(), None)),
            &["MsgBody"],
        ),
        (
            Reply::from(MessageDecision::modify(None, data())),
            &["CloudCustomData"],
        ),
        (
            Reply::from(MessageDecision::modify(text(), data())),
            &["MsgBody", "CloudCustomData"],
        ),
        (Reply::from(C2cMessageDecision::reject()), &[]),
        (
            Reply::from(C2cMessageDecision::modify(text(), None)),
            &["MsgBody"],
        ),
        (
            Reply::from(C2cMessageDecision::modify(None, data())),
            &["CloudCustomData"],
        ),
        (
            Reply::from(C2cMessageDecision::modify(text(), data())),
            &["MsgBody", "CloudCustomData"],
        ),
        (Reply::from(CreateGroupDecision::reject()), &[]),
        (Reply::from(CreateTopicDecision::reject()), &[]),
        (Reply::from(JoinGroupDecision::reject()), &[]),
        (Reply::from(InviteDecision::reject()), &[]),
        (
            Reply::from(InviteDecision::refuse(["jared"])),
            &["RefusedMembers_Account"],
        ),
    ] {
        let fields: Vec<&str> = code.iter().chain(extra).copied().collect();
        assert_eq!(
            reply.serialize(FieldCount).unwrap(),
            (fields.len(), fields),
            "{reply:?}"
        );
    }
}

#[tokio::test(start_paused = true)]
async fn a_deadline_tells_the_time_left_by_the_layers_clock_and_by_std() {
    use tencent_live_webhook::{ThreadTimer, Timer};
    // tokio's clock stands still: the answers are exact.
    let due = Deadline(TokioTimer.now() + Duration::from_millis(1500));
    assert!(!due.has_passed_on(&TokioTimer));
    assert_eq!(due.remaining_on(&TokioTimer), Duration::from_millis(1500));
    tokio::time::advance(Duration::from_millis(1500)).await;
    assert!(due.has_passed_on(&TokioTimer));
    assert_eq!(due.remaining_on(&TokioTimer), Duration::ZERO);
    tokio::time::advance(Duration::from_millis(1)).await;
    assert!(due.has_passed_on(&TokioTimer));
    assert_eq!(due.remaining_on(&TokioTimer), Duration::ZERO);
    // std's clock: a deadline reached has passed, one a minute away has not.
    let now = ThreadTimer.now();
    assert!(Deadline(now).has_passed());
    assert!(Deadline(now).has_passed_on(&ThreadTimer));
    let later = Deadline(now + Duration::from_secs(60));
    assert!(!later.has_passed());
    assert!(!later.has_passed_on(&ThreadTimer));
    let left = later.remaining_on(&ThreadTimer);
    assert!(
        left > Duration::from_secs(50) && left <= Duration::from_secs(60),
        "{left:?}"
    );
}

#[tokio::test(start_paused = true)]
async fn a_repeated_command_is_answered_without_reading_the_body() {
    // The query alone decides it: a body that never comes does not hold the
    // answer (without a dead-letter sink, nothing needs the body).
    let repeated = |request: Request<String>| {
        let (mut parts, body) = request.into_parts();
        let uri = format!(
            "{}&CallbackCommand=Live.CallbackAfterStartBattle",
            parts.uri
        );
        parts.uri = uri.parse().unwrap();
        Request::from_parts(parts, body)
    };
    let stalled = || Broken {
        first: None,
        then: Then::Stall,
    };
    let started = Instant::now();
    let answered = tokio::time::timeout(
        Duration::from_secs(10),
        decide_body(layer(), with_body(repeated(battle_ended()), stalled())),
    )
    .await;
    let Ok((answer, calls)) = answered else {
        panic!("not answered: the body was waited for");
    };
    assert_eq!(
        (answer.status, answer.ack().error_code(), calls),
        (StatusCode::BAD_REQUEST, 3001, 0)
    );
    assert_eq!(started.elapsed(), Duration::ZERO);
    // A before-webhook: its fallback, at once rather than at the deadline.
    let (answer, calls) = decide_body(layer(), with_body(repeated(gift()), stalled())).await;
    assert_eq!(wire(&answer), decided(REJECT));
    assert_eq!(calls, 0);
    assert_eq!(started.elapsed(), Duration::ZERO);
}

/// A one-to-one message from the story's viewer to the owner.
const C2C_MESSAGE: &str = r#"{"CallbackCommand":"C2C.CallbackBeforeSendMsg","From_Account":"viewer-1","To_Account":"144115245353757792","MsgSeq":48374,"MsgRandom":2837546,"MsgTime":1739956040,"MsgKey":"48374_2837546_1739956040","MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"hello"}}]}"#;

fn c2c_message() -> Request<String> {
    WebhookRequest::raw("C2C.CallbackBeforeSendMsg", C2C_MESSAGE)
        .app_id(APP_ID)
        .build()
}

/// Handler mode on any layer: the handler answers `reply` to every event.
async fn answered<E: WebhookEvent>(layer: WebhookLayer<E>, reply: Reply) -> Answer {
    let handler = service_fn(move |_: Request<E>| {
        let reply = reply.clone();
        async move { Ok::<_, Infallible>(reply) }
    });
    let service = layer
        .timer(TokioTimer)
        .handler(handler)
        .layer(unreachable_app::<RequestBody<String>>());
    read_answer(service.oneshot(c2c_message()).await.unwrap()).await
}

/// A Chat decision goes out as written through the Chat URL's layer and
/// through the layer of both tables, and so does it through the Live URL's
/// layer that receives it as unknown: the crate's tables know the command
/// is a question, so an answer of another kind gets its fallback (allow)
/// there too, never an acknowledgement read as an allow.
#[tokio::test]
async fn a_chat_decision_goes_out_as_written_through_every_layer() {
    let reject = r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":1}"#;
    let slow = C2cMessageDecision::reject_with(120002, "slow down").unwrap();
    let slow_bytes = r#"{"ActionStatus":"OK","ErrorInfo":"slow down","ErrorCode":120002}"#;
    let chat = || ChatWebhookLayer::new(PATH).app_id(APP_ID);
    let both = || TencentWebhookLayer::new(PATH).app_id(APP_ID);
    let live = || LiveWebhookLayer::new(PATH).app_id(APP_ID).receive_unknown();
    for (answer, expected) in [
        (
            answered(chat(), C2cMessageDecision::reject().into()).await,
            reject,
        ),
        (answered(both(), slow.clone().into()).await, slow_bytes),
        (answered(live(), slow.clone().into()).await, slow_bytes),
        // Another kind of decision: the fallback, an allow.
        (
            answered(chat(), MessageDecision::discard().into()).await,
            ALLOW,
        ),
        (answered(live(), Decision::reject().into()).await, ALLOW),
        (answered(live(), Ack::fail(5, "no").into()).await, ALLOW),
    ] {
        assert_eq!(wire(&answer), decided(expected));
    }
}

/// Forward mode: a bare Chat decision in the route's response extensions is
/// the answer.
#[tokio::test]
async fn forward_mode_takes_a_bare_chat_decision() {
    for (decision, bytes) in [
        (
            Reply::from(C2cMessageDecision::reject()),
            r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":1}"#,
        ),
        (
            Reply::from(C2cMessageDecision::modify(None, Some("vip".to_owned()))),
            r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0,"CloudCustomData":"vip"}"#,
        ),
    ] {
        let inner = service_fn(move |request: Request<RequestBody<String>>| {
            assert!(request.extensions().get::<ChatEvent>().is_some());
            assert!(request.extensions().get::<Deadline>().is_some());
            let mut response = Response::new(Full::new(Bytes::new()));
            match decision.clone() {
                Reply::C2cMessage(bare) => {
                    response.extensions_mut().insert(bare);
                }
                other => panic!("{other:?}"),
            }
            async move { Ok::<_, Infallible>(response) }
        });
        let service = ChatWebhookLayer::new(PATH).app_id(APP_ID).layer(inner);
        let answer = read_answer(service.oneshot(c2c_message()).await.unwrap()).await;
        assert_eq!(wire(&answer), decided(bytes));
    }
}
