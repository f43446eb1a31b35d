//! The decisions that answer for each user a request names (the friend
//! questions' `FriendDecision`, the subscriptions' `SubscriberDecision`), the
//! official-account decisions, and their bytes: completed against the
//! request in both modes, with the layer's fallback rule for the users a
//! decision leaves out, and nobody named when the body cannot be decoded.
//!
//! Time: the deadline test runs on tokio's paused clock (`TokioTimer`).

use std::convert::Infallible;
use std::future::pending;
use std::time::Duration;

use axum::routing::post;
use axum::Router;
use bytes::Bytes;
use http::{Request, Response, StatusCode};
use http_body_util::Full;
use tencent_live_webhook::testing::fixtures::{APP_ID, PATH};
use tencent_live_webhook::testing::{read_answer, Answer, WebhookRequest};
use tencent_live_webhook::{
    ChatEvent, ChatWebhookLayer, ChatbotReply, CreateOfficialAccountDecision, FriendDecision,
    MsgElement, OfficialMessageDecision, Reply, RequestBody, SubscriberDecision, TokioTimer,
    FRIEND_SENDER_CODES, OFFICIAL_ACCOUNT_SENDER_CODES,
};
use tower::{service_fn, BoxError, Layer, ServiceExt};

const ADD: &str = "Sns.CallbackPrevFriendAdd";
const RESPONSE: &str = "Sns.CallbackPrevFriendResponse";
const SUBSCRIBE: &str = "OfficialAccount.CallbackBeforeAddSubscriber";

/// A friend request to two users, `id1` and `id2`.
const FRIEND_REQUEST: &str = r#"{"CallbackCommand":"Sns.CallbackPrevFriendAdd","From_Account":"id","FriendItem":[{"To_Account":"id1"},{"To_Account":"id2"}],"EventTime":1631777344870}"#;
/// Answers to three requests, one of them without its user.
const FRIEND_ANSWERS: &str = r#"{"CallbackCommand":"Sns.CallbackPrevFriendResponse","From_Account":"id","ResponseFriendItem":[{"To_Account":"a"},{"ResponseAction":"Response_Action_Agree"},{"To_Account":144115233775727695}]}"#;
/// Two users subscribing.
const SUBSCRIPTION: &str = r#"{"CallbackCommand":"OfficialAccount.CallbackBeforeAddSubscriber","Official_Account":"@TOA#_news","SubscribeAccountList":[{"Subscriber_Account":"jared"},{"Subscriber_Account":"leckie"}]}"#;

/// The bytes of a friend answer, one `(user, code, info)` per `ResultItem`.
fn friend_answer(items: &[(&str, i64, &str)]) -> String {
    let items: Vec<String> = items
        .iter()
        .map(|(user, code, info)| {
            format!(r#"{{"To_Account":"{user}","ResultCode":{code},"ResultInfo":"{info}"}}"#)
        })
        .collect();
    format!(
        r#"{{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0,"ResultItem":[{}]}}"#,
        items.join(",")
    )
}

fn request(command: &str, body: &str) -> Request<String> {
    WebhookRequest::raw(command, body).app_id(APP_ID).build()
}

fn layer() -> ChatWebhookLayer {
    ChatWebhookLayer::new(PATH).app_id(APP_ID).timer(TokioTimer)
}

/// What an inner service answers.
type Answered = std::future::Ready<Result<Response<Full<Bytes>>, Infallible>>;

/// An app the webhooks must never reach (handler mode).
fn unreachable_app() -> impl tower::Service<
    Request<RequestBody<String>>,
    Response = Response<Full<Bytes>>,
    Error = Infallible,
    Future = Answered,
> + Clone {
    service_fn(|_: Request<RequestBody<String>>| -> Answered {
        panic!("a webhook reached the app")
    })
}

/// Handler mode: the handler answers `reply` to every event.
async fn answered(
    layer: ChatWebhookLayer,
    request: Request<String>,
    reply: Option<Reply>,
) -> Answer {
    let handler = service_fn(move |_: Request<ChatEvent>| {
        let reply = reply.clone();
        async move {
            match reply {
                Some(reply) => Ok::<_, BoxError>(reply),
                None => Ok(Reply::from(())),
            }
        }
    });
    let service = layer.handler(handler).layer(unreachable_app());
    read_answer(service.oneshot(request).await.unwrap()).await
}

/// A user the decision names gets its verdict; a user it leaves out gets the
/// fallback's rule (allow, by default); a verdict for a user the request
/// does not name is dropped. The answer follows the request's order.
#[tokio::test]
async fn a_friend_decision_answers_every_user_of_the_request_in_its_order() {
    let decision = FriendDecision::new()
        .refuse("id2", 38001, "no thanks")
        .unwrap()
        .allow("stranger");
    let answer = answered(layer(), request(ADD, FRIEND_REQUEST), Some(decision.into())).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(
        answer.body,
        friend_answer(&[("id1", 0, ""), ("id2", 38001, "no thanks")])
    );

    // The decision's own rule covers the users it leaves out.
    let decision = FriendDecision::refuse_all(38002, "closed")
        .unwrap()
        .allow("id2");
    let answer = answered(layer(), request(ADD, FRIEND_REQUEST), Some(decision.into())).await;
    assert_eq!(
        answer.body,
        friend_answer(&[("id1", 38002, "closed"), ("id2", 0, "")])
    );

    // An item without its user is not answered; an account sent as a
    // number is answered as the string it is read as.
    let answer = answered(
        layer(),
        request(RESPONSE, FRIEND_ANSWERS),
        Some(FriendDecision::new().refuse("a", 38000, "").unwrap().into()),
    )
    .await;
    assert_eq!(
        answer.body,
        friend_answer(&[("a", 38000, ""), ("144115233775727695", 0, "")])
    );
}

/// The layer's fallback for the command is the rule for the users a
/// decision leaves out, and the whole answer when the handler decides
/// nothing: every user gets its verdict.
#[tokio::test]
async fn the_fallback_rule_answers_the_users_a_decision_leaves_out() {
    let closed = || layer().fallback(ADD, FriendDecision::refuse_all(38003, "not now").unwrap());
    let answer = answered(closed(), request(ADD, FRIEND_REQUEST), None).await;
    assert_eq!(
        answer.body,
        friend_answer(&[("id1", 38003, "not now"), ("id2", 38003, "not now")])
    );
    let only_id1 = FriendDecision::new().allow("id1");
    let answer = answered(
        closed(),
        request(ADD, FRIEND_REQUEST),
        Some(only_id1.into()),
    )
    .await;
    assert_eq!(
        answer.body,
        friend_answer(&[("id1", 0, ""), ("id2", 38003, "not now")])
    );
    // The default rule: everyone's request goes on, as on Tencent's timeout.
    let answer = answered(layer(), request(ADD, FRIEND_REQUEST), None).await;
    assert_eq!(
        answer.body,
        friend_answer(&[("id1", 0, ""), ("id2", 0, "")])
    );
}

/// A body that cannot be decoded names nobody: its fallback, whatever the
/// rule, is `ErrorCode` 0 with an empty `ResultItem` list, with HTTP 200.
#[tokio::test]
async fn an_undecodable_friend_question_is_answered_with_nobody_named() {
    let without_asker =
        r#"{"CallbackCommand":"Sns.CallbackPrevFriendAdd","FriendItem":[{"To_Account":"id1"}]}"#;
    let closed = layer().fallback(ADD, FriendDecision::refuse_all(38003, "not now").unwrap());
    for service_layer in [layer(), closed] {
        let answer = answered(service_layer, request(ADD, without_asker), None).await;
        assert_eq!(answer.status, StatusCode::OK);
        assert_eq!(answer.body, friend_answer(&[]));
    }
}

/// A handler that misses the deadline: every user of the request gets the
/// rule's verdict, by the deadline.
#[tokio::test(start_paused = true)]
async fn a_friend_question_past_its_deadline_answers_every_user_by_the_rule() {
    let stalled = service_fn(|_: Request<ChatEvent>| async {
        pending::<()>().await;
        Ok::<Reply, BoxError>(FriendDecision::refuse_all(38001, "late").unwrap().into())
    });
    let service = layer()
        .deadline(Duration::from_millis(200))
        .handler(stalled)
        .layer(unreachable_app());
    let started = tokio::time::Instant::now();
    let answer = read_answer(service.oneshot(request(ADD, FRIEND_REQUEST)).await.unwrap()).await;
    assert_eq!(started.elapsed(), Duration::from_millis(200));
    assert_eq!(
        answer.body,
        friend_answer(&[("id1", 0, ""), ("id2", 0, "")])
    );
}

/// Forward mode: a route answers with a bare decision (axum's
/// `IntoResponse`), and the layer completes it as in handler mode.
#[tokio::test]
async fn forward_mode_completes_a_routes_friend_and_subscriber_decisions() {
    let friends = Router::new()
        .route(
            PATH,
            post(|| async { FriendDecision::new().refuse("id1", 38999, "full").unwrap() }),
        )
        .layer(ChatWebhookLayer::new(PATH).app_id(APP_ID));
    let answer = read_answer(friends.oneshot(request(ADD, FRIEND_REQUEST)).await.unwrap()).await;
    assert_eq!(
        answer.body,
        friend_answer(&[("id1", 38999, "full"), ("id2", 0, "")])
    );

    let subscribers = Router::new()
        .route(
            PATH,
            post(|| async { SubscriberDecision::refuse(["leckie", "nobody"]) }),
        )
        .layer(ChatWebhookLayer::new(PATH).app_id(APP_ID));
    let answer = read_answer(
        subscribers
            .oneshot(request(SUBSCRIBE, SUBSCRIPTION))
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(
        answer.body,
        r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0,"RefusedSubscribers_Account":["leckie"]}"#
    );
}

/// A subscriber decision that refuses nobody the request names still goes
/// out as a refusal of nobody; refusing the whole request is `ErrorCode` 1.
#[tokio::test]
async fn a_subscriber_decision_keeps_only_the_users_of_the_request() {
    let answer = answered(
        layer(),
        request(SUBSCRIBE, SUBSCRIPTION),
        Some(SubscriberDecision::refuse(["nobody"]).into()),
    )
    .await;
    assert_eq!(
        answer.body,
        r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0,"RefusedSubscribers_Account":[]}"#
    );
    let answer = answered(
        layer(),
        request(SUBSCRIBE, SUBSCRIPTION),
        Some(SubscriberDecision::reject().into()),
    )
    .await;
    assert_eq!(
        answer.body,
        r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":1}"#
    );
}

/// Each official-account decision, and the friend decision, as Tencent
/// reads it, and what it says it decides.
#[test]
fn the_new_decisions_are_written_exactly() {
    const ALLOW: &str = r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}"#;
    const REJECT: &str = r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":1}"#;
    let cases: Vec<(Reply, &str, i64)> = vec![
        (CreateOfficialAccountDecision::allow().into(), ALLOW, 0),
        (CreateOfficialAccountDecision::reject().into(), REJECT, 1),
        (
            CreateOfficialAccountDecision::reject_with(130000, "name taken")
                .unwrap()
                .into(),
            r#"{"ActionStatus":"OK","ErrorInfo":"name taken","ErrorCode":130000}"#,
            130000,
        ),
        (SubscriberDecision::allow().into(), ALLOW, 0),
        (SubscriberDecision::reject().into(), REJECT, 1),
        (
            SubscriberDecision::refuse(["jared"]).into(),
            r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0,"RefusedSubscribers_Account":["jared"]}"#,
            0,
        ),
        (OfficialMessageDecision::allow().into(), ALLOW, 0),
        (OfficialMessageDecision::reject().into(), REJECT, 1),
        (
            OfficialMessageDecision::discard().into(),
            r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":2}"#,
            2,
        ),
        (
            OfficialMessageDecision::reject_with(120001, "muted")
                .unwrap()
                .into(),
            r#"{"ActionStatus":"OK","ErrorInfo":"muted","ErrorCode":120001}"#,
            120001,
        ),
        (
            OfficialMessageDecision::modify(Some(vec![MsgElement::text("***")]), Some("v".into()))
                .into(),
            r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0,"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"***"}}],"CloudCustomData":"v"}"#,
            0,
        ),
        (
            FriendDecision::allow_all().into(),
            r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0,"ResultItem":[]}"#,
            0,
        ),
    ];
    for (reply, bytes, code) in cases {
        assert_eq!(reply.to_bytes(), bytes);
        assert_eq!(serde_json::to_string(&reply).unwrap(), bytes);
        assert_eq!(reply.error_code(), code, "{bytes}");
        assert!(reply.is_decision());
    }
}

#[test]
fn the_new_decisions_say_what_they_decide() {
    assert!(OfficialMessageDecision::discard().is_discarded());
    assert!(!OfficialMessageDecision::reject().is_discarded());
    assert!(!OfficialMessageDecision::discard().is_allowed());
    let modified = OfficialMessageDecision::modify(None, Some("v".into()));
    assert!(modified.is_allowed());
    assert_eq!(
        (modified.msg_body(), modified.cloud_custom_data()),
        (None, Some("v"))
    );
    let taken = CreateOfficialAccountDecision::reject_with(120001, "taken").unwrap();
    assert_eq!((taken.error_code(), taken.error_info()), (120001, "taken"));
    assert!(!taken.is_allowed() && CreateOfficialAccountDecision::allow().is_allowed());

    let some = SubscriberDecision::refuse(["jared"]);
    assert_eq!(some.refused(), Some(&["jared".to_owned()][..]));
    assert!(some.is_allowed());
    assert_eq!(SubscriberDecision::allow().refused(), None);
    assert!(!SubscriberDecision::reject().is_allowed());

    let friends = FriendDecision::new()
        .refuse("id2", 38001, "no")
        .unwrap()
        .allow("id3");
    let results = friends.results();
    assert_eq!(results.len(), 2);
    assert_eq!(
        (
            results[0].to_account(),
            results[0].result_code(),
            results[0].result_info()
        ),
        ("id2", 38001, "no")
    );
    assert!(!results[0].is_allowed() && results[1].is_allowed());
    assert!(!friends.is_allowed());
    assert_eq!(friends.others(), None);
    assert_eq!(friends.error_code(), 0);
    let everyone = FriendDecision::allow_all();
    assert!(everyone.is_allowed());
    assert_eq!(everyone.others().map(|rule| rule.result_code()), Some(0));
    let nobody = FriendDecision::refuse_all(38000, "closed").unwrap();
    assert!(!nobody.is_allowed());
    assert_eq!(
        nobody.others().map(|rule| rule.result_info()),
        Some("closed")
    );
    assert!(FriendDecision::new().is_allowed());
}

#[test]
fn codes_outside_the_callers_range_are_refused() {
    assert_eq!(FRIEND_SENDER_CODES, 38_000..=39_000);
    assert_eq!(OFFICIAL_ACCOUNT_SENDER_CODES, 120_001..=130_000);
    for code in [37_999, 39_001, 0, 1] {
        let error = FriendDecision::refuse_all(code, "x").unwrap_err();
        assert_eq!(
            error.to_string(),
            format!("ErrorCode {code} is outside [38000, 39000], the codes Tencent passes on to the sender")
        );
        assert!(FriendDecision::new().refuse("id", code, "x").is_err());
    }
    for code in [38_000, 39_000] {
        assert!(FriendDecision::refuse_all(code, "x").is_ok());
        assert!(FriendDecision::new().refuse("id", code, "x").is_ok());
    }
    for code in [120_000, 130_001, 10_100] {
        assert!(CreateOfficialAccountDecision::reject_with(code, "x").is_err());
        assert!(OfficialMessageDecision::reject_with(code, "x").is_err());
    }
    for code in [120_001, 130_000] {
        assert!(CreateOfficialAccountDecision::reject_with(code, "x").is_ok());
        assert!(OfficialMessageDecision::reject_with(code, "x").is_ok());
    }
}

/// `Chatbot.OnC2CSignalMessage`: the data a handler answers goes out as
/// `RspData`; a handler that answers anything else gets the fallback, the
/// plain OK without data.
#[tokio::test]
async fn a_chatbot_gets_the_data_answered_or_the_plain_ok() {
    const SIGNAL: &str = "Chatbot.OnC2CSignalMessage";
    let body = r#"{"CallbackCommand":"Chatbot.OnC2CSignalMessage","From_Account":"jared","To_Account":"@RBT#001","Data":"ping"}"#;
    let pong = ChatbotReply::data(serde_json::json!({"text": "pong", "n": 1}));
    assert_eq!(
        pong.rsp_data(),
        Some(&serde_json::json!({"text": "pong", "n": 1}))
    );
    assert_eq!(ChatbotReply::ok().rsp_data(), None);
    assert_eq!((pong.error_code(), ChatbotReply::ok().error_code()), (0, 0));
    let answer = answered(layer(), request(SIGNAL, body), Some(pong.into())).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(
        answer.body,
        r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0,"RspData":{"n":1,"text":"pong"}}"#
    );
    let answer = answered(layer(), request(SIGNAL, body), None).await;
    assert_eq!(
        answer.body,
        r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}"#
    );
}

/// A question of an app's own type, answered with a per-user decision.
#[derive(Clone, Debug, serde::Deserialize)]
struct OwnQuestion {}

impl tencent_live_webhook::WebhookEvent for OwnQuestion {
    const CALLBACK_COMMANDS: &'static [&'static str] = &["Example.CallbackPrevSomething"];

    fn decode(_: &str, body: &[u8]) -> Result<Self, tencent_live_webhook::Rejection> {
        serde_json::from_slice(body)
            .map_err(|_| tencent_live_webhook::Rejection::InvalidEvent("not JSON".into()))
    }

    fn fallback(_: &str) -> Option<Reply> {
        Some(FriendDecision::allow_all().into())
    }
}

/// An event type that names no users (`decision_accounts`' default, `None`)
/// gets its decisions as written: nothing is completed, nothing dropped.
#[tokio::test]
async fn a_type_that_names_no_users_gets_its_decision_as_written() {
    let decision = FriendDecision::new().refuse("x", 38001, "no").unwrap();
    let handler = service_fn(move |_: Request<OwnQuestion>| {
        let decision = decision.clone();
        async move { Ok::<_, Infallible>(decision) }
    });
    let service = tencent_live_webhook::WebhookLayer::<OwnQuestion>::new(PATH)
        .app_id(APP_ID)
        .handler(handler)
        .layer(unreachable_app());
    let request = WebhookRequest::raw("Example.CallbackPrevSomething", "{}")
        .app_id(APP_ID)
        .build();
    let answer = read_answer(service.oneshot(request).await.unwrap()).await;
    assert_eq!(answer.body, friend_answer(&[("x", 38001, "no")]));
}
