//! The `tracing` feature: one event per refused webhook and per fallback
//! decision, with its reason; handler errors logged and never sent; nothing
//! of a body or a secret in the log. Alone in its own test binary, so that the subscriber it
//! installs sees only its own requests.
#![cfg(feature = "tracing")]

use std::borrow::Cow;
use std::convert::Infallible;
use std::sync::{Arc, Mutex};

use http::{Request, Response, StatusCode};
use tencent_live_webhook::testing::{read_ack, read_answer, Answer, WebhookRequest};
use tencent_live_webhook::{
    BattleEnded, BattleWebhookLayer, ChatEvent, ChatWebhookLayer, FriendDecision, GiftSending,
    LiveEvent, LiveWebhookLayer, MessageDecision, MessageSending, Reply, RequestBody,
    SubscriberDecision,
};
use tower::{service_fn, BoxError, Layer, ServiceExt};
use tracing_subscriber::fmt::MakeWriter;

/// The decisions as Tencent reads them, written out byte for byte (never
/// computed by the crate): `ErrorCode` 0 allows (the same bytes as an OK
/// acknowledgement), 1 rejects, 2 discards a message.
const REJECT: &str = r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":1}"#;

/// An answer as Tencent reads it: the status, the `Content-Type` and the body.
fn wire(answer: &Answer) -> (StatusCode, Option<&str>, Cow<'_, str>) {
    let body = String::from_utf8_lossy(&answer.body);
    (answer.status, answer.content_type.as_deref(), body)
}

/// A decision's (or an acknowledgement's) answer: HTTP 200, JSON, exactly `body`.
fn decided(body: &str) -> (StatusCode, Option<&str>, Cow<'_, str>) {
    (
        StatusCode::OK,
        Some("application/json"),
        Cow::Borrowed(body),
    )
}

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Captured {
    type Writer = Captured;

    fn make_writer(&'a self) -> Captured {
        self.clone()
    }
}

impl Captured {
    fn lines(&self) -> Vec<String> {
        let text = String::from_utf8(self.0.lock().unwrap().clone()).unwrap();
        text.lines().map(str::to_owned).collect()
    }
}

fn app() -> impl tower::Service<
    Request<RequestBody<String>>,
    Response = Response<String>,
    Error = Infallible,
    Future: Send,
> + Clone {
    service_fn(|_: Request<RequestBody<String>>| async {
        Ok::<_, Infallible>(Response::new("app".to_owned()))
    })
}

#[tokio::test]
async fn one_event_per_rejection_and_handler_errors_are_logged_not_sent() {
    let captured = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(captured.clone())
        .with_ansi(false)
        .finish();
    tracing::subscriber::set_global_default(subscriber).unwrap();
    let layer = BattleWebhookLayer::new("/tencent/callback").app_id(1400000001);

    let foreign = WebhookRequest::new(&BattleEnded::sample())
        .app_id(5)
        .build();
    let response = layer.layer(app()).oneshot(foreign).await.unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(read_ack(response).await.error_code(), 1003);
    let lines = captured.lines();
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].contains("WARN"), "{}", lines[0]);
    assert!(lines[0].contains("error_code=1003"), "{}", lines[0]);
    assert!(
        lines[0].contains("SdkAppid is not accepted"),
        "{}",
        lines[0]
    );

    let failing = service_fn(|_: Request<BattleEnded>| async {
        Err::<(), BoxError>("disk full on /var/battles".into())
    });
    let request = WebhookRequest::new(&BattleEnded::sample())
        .app_id(1400000001)
        .build();
    let response = layer
        .clone()
        .handler(failing)
        .layer(app())
        .oneshot(request)
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let ack = read_ack(response).await;
    assert_eq!(ack.error_code(), 4001);
    assert!(!ack.error_info().contains("disk full"));
    let lines = captured.lines();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines[1].contains("ERROR") && lines[1].contains("disk full on /var/battles"));

    // Accepted webhooks and passthrough requests log nothing.
    let accepted = WebhookRequest::new(&BattleEnded::sample())
        .app_id(1400000001)
        .build();
    assert!(
        read_ack(layer.layer(app()).oneshot(accepted).await.unwrap())
            .await
            .is_ok()
    );
    let other = Request::post("/elsewhere").body(String::new()).unwrap();
    layer.layer(app()).oneshot(other).await.unwrap();
    assert_eq!(captured.lines().len(), 2);

    // A before-webhook answered with its fallback: one event, with the reason.
    let gift = r#"{"RoomId":"pk-3","GiftWater":{"From_Account":"viewer-1","GiftId":"secret-gift-in-body","Count":1,"Coins":1}}"#;
    let live = LiveWebhookLayer::new("/tencent/callback")
        .app_id(1400000001)
        .token("a-callback-token");
    let logs_only = service_fn(|_: Request<LiveEvent>| async { Ok::<_, Infallible>(()) });
    for (body, reason) in [
        (
            gift.to_owned(),
            "reason=the answer was not a decision of this command's kind",
        ),
        (
            "{broken".to_owned(),
            "reason=the webhook was not understood: body is not JSON",
        ),
    ] {
        let request = WebhookRequest::raw(GiftSending::COMMAND, body)
            .app_id(1400000001)
            .token("a-callback-token")
            .build();
        let response = live
            .clone()
            .handler(logs_only)
            .layer(app())
            .oneshot(request)
            .await
            .unwrap();
        let answer = read_answer(response).await;
        assert_eq!(wire(&answer), decided(REJECT));
        let lines = captured.lines();
        let last = lines.last().unwrap();
        assert!(
            last.contains("WARN") && last.contains("fallback decision"),
            "{last}"
        );
        assert!(last.contains(reason), "{last}");
        assert!(last.contains("error_code=1"), "{last}");
    }
    assert_eq!(captured.lines().len(), 4);

    // A route that fails in forward mode, and a before-webhook's failing
    // handler: one event each, the second with the handler's error.
    let failing_route = service_fn(|_: Request<RequestBody<String>>| async {
        let mut response = Response::new("busy".to_owned());
        *response.status_mut() = StatusCode::SERVICE_UNAVAILABLE;
        Ok::<_, Infallible>(response)
    });
    let request = WebhookRequest::new(&BattleEnded::sample())
        .app_id(1400000001)
        .build();
    let response = layer.layer(failing_route).oneshot(request).await.unwrap();
    assert_eq!(read_ack(response).await.error_code(), 4002);
    let lines = captured.lines();
    assert_eq!(lines.len(), 5, "{lines:?}");
    assert!(lines[4].contains("error_code=4002"), "{}", lines[4]);
    // A failure of the app is an error, a refusal of the request a warning.
    assert!(lines[4].contains("ERROR"), "{}", lines[4]);
    assert!(
        lines[0].contains("WARN") && !lines[0].contains("ERROR"),
        "{}",
        lines[0]
    );

    let failing = service_fn(|_: Request<LiveEvent>| async {
        Err::<(), BoxError>("the wallet is down".into())
    });
    let request = WebhookRequest::raw(GiftSending::COMMAND, gift)
        .app_id(1400000001)
        .token("a-callback-token")
        .build();
    let response = live
        .clone()
        .handler(failing)
        .layer(app())
        .oneshot(request)
        .await
        .unwrap();
    let answer = read_answer(response).await;
    assert_eq!(wire(&answer), decided(REJECT));
    let lines = captured.lines();
    assert_eq!(lines.len(), 6, "{lines:?}");
    assert!(
        lines[5].contains("fallback decision") && lines[5].contains("the wallet is down"),
        "{}",
        lines[5]
    );
    // A dead letter the sink does not take in time: logged, with its command,
    // before the refusal's own event.
    let never = service_fn(|_: tencent_live_webhook::DeadLetter| {
        std::future::pending::<Result<(), Infallible>>()
    });
    let lettered = BattleWebhookLayer::new("/tencent/callback")
        .app_id(1400000001)
        .dead_letters(never)
        .dead_letter_timeout(std::time::Duration::from_millis(10));
    let request = WebhookRequest::raw(BattleEnded::COMMAND, "{secret-in-a-letter")
        .app_id(1400000001)
        .build();
    let response = lettered.layer(app()).oneshot(request).await.unwrap();
    assert_eq!(read_ack(response).await.error_code(), 3004);
    assert_eq!(lettered.dead_letters_dropped(), 1);
    let lines = captured.lines();
    assert_eq!(lines.len(), 8, "{lines:?}");
    assert!(
        lines[6].contains("WARN")
            && lines[6].contains("dropped a dead letter")
            && lines[6].contains("callback_command=Live.CallbackAfterEndBattle"),
        "{}",
        lines[6]
    );
    assert!(lines[7].contains("error_code=3004"), "{}", lines[7]);

    // The fallback's event names the decision's own code: 0 for a message
    // delivered, 2 for one discarded (a gift's is 1, above).
    for (fallback, code, bytes) in [
        (
            MessageDecision::allow(),
            "error_code=0",
            r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}"#,
        ),
        (
            MessageDecision::discard(),
            "error_code=2",
            r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":2}"#,
        ),
    ] {
        let request = WebhookRequest::raw(MessageSending::COMMAND, "{broken")
            .app_id(1400000001)
            .token("a-callback-token")
            .build();
        let response = live
            .clone()
            .fallback(MessageSending::COMMAND, fallback.clone())
            .handler(logs_only)
            .layer(app())
            .oneshot(request)
            .await
            .unwrap();
        let answer = read_answer(response).await;
        assert_eq!(wire(&answer), decided(bytes));
        let lines = captured.lines();
        let last = lines.last().unwrap();
        assert!(
            last.contains("fallback decision") && last.contains(code),
            "{last}"
        );
    }
    assert_eq!(captured.lines().len(), 10);
    let log = captured.lines().join("\n");
    assert!(!log.contains("secret-gift-in-body"), "{log}");
    assert!(!log.contains("secret-in-a-letter"), "{log}");
    assert!(!log.contains("a-callback-token"), "{log}");

    // A per-user decision's verdicts for users the request does not name are
    // dropped and logged, in one event; a decision that names only the
    // request's users logs nothing. The friend questions and the
    // subscribers refused alike.
    let chat = ChatWebhookLayer::new("/tencent/callback").app_id(1400000001);
    let friend_request = r#"{"CallbackCommand":"Sns.CallbackPrevFriendAdd","From_Account":"id","FriendItem":[{"To_Account":"id1"}]}"#;
    let subscription = r#"{"CallbackCommand":"OfficialAccount.CallbackBeforeAddSubscriber","Official_Account":"@TOA#_news","SubscribeAccountList":[{"Subscriber_Account":"jared"},{"Subscriber_Account":"leckie"}]}"#;
    let strangers = FriendDecision::new()
        .refuse("stranger", 38001, "no")
        .unwrap()
        .allow("other");
    let cases: [(&str, &str, Reply, Option<&str>); 4] = [
        (
            "Sns.CallbackPrevFriendAdd",
            friend_request,
            FriendDecision::new()
                .refuse("id1", 38001, "no")
                .unwrap()
                .into(),
            None,
        ),
        (
            "Sns.CallbackPrevFriendAdd",
            friend_request,
            strangers.into(),
            Some("dropped=2"),
        ),
        (
            "OfficialAccount.CallbackBeforeAddSubscriber",
            subscription,
            SubscriberDecision::refuse(["jared", "leckie"]).into(),
            None,
        ),
        (
            "OfficialAccount.CallbackBeforeAddSubscriber",
            subscription,
            SubscriberDecision::refuse(["jared", "nobody"]).into(),
            Some("dropped=1"),
        ),
    ];
    for (command, body, decision, logged) in cases {
        let before = captured.lines().len();
        let handler = service_fn(move |_: Request<ChatEvent>| {
            let decision = decision.clone();
            async move { Ok::<_, Infallible>(decision) }
        });
        let request = WebhookRequest::raw(command, body)
            .app_id(1400000001)
            .build();
        let service = chat.clone().handler(handler).layer(app());
        let answer = read_answer(service.oneshot(request).await.unwrap()).await;
        assert_eq!(answer.status, StatusCode::OK);
        let lines = captured.lines();
        assert_eq!(
            lines.len(),
            before + usize::from(logged.is_some()),
            "{lines:?}"
        );
        if let Some(dropped) = logged {
            let last = lines.last().unwrap();
            assert!(
                last.contains("WARN") && last.contains(dropped) && last.contains("does not name"),
                "{last}"
            );
        }
    }
}
