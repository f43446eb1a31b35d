//! One receiver for the whole callback URL: `LiveWebhookLayer` claims every
//! command of the table with one query parse and one signature check, apps
//! are paired with their own tokens, and configuration mistakes are found at
//! start-up.

use std::convert::Infallible;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use http::{Request, Response, StatusCode};
use http_body_util::{BodyExt, Full};
use tencent_live_webhook::testing::fixtures::{self, APP_ID, PATH, TOKEN};
use tencent_live_webhook::testing::{read_answer, WebhookRequest};
use tencent_live_webhook::{
    Ack, BattleEvent, ChatEvent, ChatWebhookLayer, ConfigError, InvalidToken, LiveEvent,
    LiveWebhookLayer, RequestBody, TencentEvent, TencentWebhookLayer, WebhookEvent,
};
use tower::{service_fn, Layer, ServiceExt};

/// The app behind the layer: records what reaches it, answers "app".
fn app(
    seen: &Arc<Mutex<Vec<String>>>,
) -> impl tower::Service<
    Request<RequestBody<String>>,
    Response = Response<Full<Bytes>>,
    Error = Infallible,
    Future: Send,
> + Clone {
    let seen = seen.clone();
    service_fn(move |request: Request<RequestBody<String>>| {
        let seen = seen.clone();
        async move {
            let extensions = request.extensions();
            let event = (extensions
                .get::<LiveEvent>()
                .map(LiveEvent::callback_command))
            .or_else(|| {
                extensions
                    .get::<ChatEvent>()
                    .map(ChatEvent::callback_command)
            })
            .or_else(|| {
                extensions
                    .get::<TencentEvent>()
                    .map(TencentEvent::callback_command)
            });
            let what = match event {
                Some(command) => format!("event {command}"),
                None => format!("request {}", request.uri()),
            };
            seen.lock().unwrap().push(what);
            Ok(Response::new(Full::new(Bytes::from_static(b"app"))))
        }
    })
}

/// A clock that counts how often the layer looks at it: once per signature check.
fn counting_clock(count: &Arc<AtomicUsize>) -> impl Fn() -> SystemTime + Send + Sync + 'static {
    let count = count.clone();
    move || {
        count.fetch_add(1, Ordering::SeqCst);
        SystemTime::now()
    }
}

#[tokio::test]
async fn one_layer_receives_the_three_battle_events_with_one_signature_check_each() {
    let checks = Arc::new(AtomicUsize::new(0));
    let received = Arc::new(Mutex::new(Vec::new()));
    let record = received.clone();
    let handler = service_fn(move |request: Request<LiveEvent>| {
        record.lock().unwrap().push(request.into_body());
        async { Ok::<_, Infallible>(()) }
    });
    let service = LiveWebhookLayer::new(PATH)
        .app_id(APP_ID)
        .token(TOKEN)
        .clock(counting_clock(&checks))
        .handler(handler)
        .layer(app(&Arc::default()));

    for (n, event) in BattleEvent::sample_lifecycle().into_iter().enumerate() {
        let request = WebhookRequest::new(&event)
            .app_id(APP_ID)
            .token(TOKEN)
            .build();
        let answer = read_answer(service.clone().oneshot(request).await.unwrap()).await;
        assert!(answer.ack().is_ok(), "{answer:?}");
        assert_eq!(
            checks.load(Ordering::SeqCst),
            n + 1,
            "one signature check per webhook"
        );
    }
    let received = received.lock().unwrap();
    let expected: Vec<LiveEvent> = BattleEvent::sample_lifecycle()
        .into_iter()
        .map(|event| match event {
            BattleEvent::Created(created) => created.into(),
            BattleEvent::Started(started) => started.into(),
            BattleEvent::Ended(ended) => ended.into(),
        })
        .collect();
    assert_eq!(*received, expected);
}

/// Sends a command's body to a service, and says what reached the app.
async fn send<S, B>(
    service: &S,
    command: &str,
    body: &str,
    seen: &Arc<Mutex<Vec<String>>>,
) -> String
where
    S: tower::Service<Request<String>, Response = Response<B>> + Clone,
    S::Error: std::fmt::Debug,
    B: http_body::Body,
    B::Error: std::fmt::Debug,
{
    let request = WebhookRequest::raw(command, body).app_id(APP_ID).build();
    let response = service.clone().oneshot(request).await.unwrap();
    let answer = read_answer(response).await;
    assert_eq!(answer.status, StatusCode::OK, "{command}: {answer:?}");
    seen.lock().unwrap().pop().unwrap()
}

#[tokio::test]
async fn every_command_of_the_tables_is_claimed_and_decoded_by_its_layers() {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let live = LiveWebhookLayer::new(PATH).app_id(APP_ID).layer(app(&seen));
    let chat = ChatWebhookLayer::new(PATH).app_id(APP_ID).layer(app(&seen));
    let both = TencentWebhookLayer::new(PATH)
        .app_id(APP_ID)
        .layer(app(&seen));
    let (mut live_claimed, mut chat_claimed) = (0, 0);
    for (command, body) in fixtures::DOCUMENTED {
        let in_live = LiveEvent::claims(command);
        let in_chat = ChatEvent::claims(command);
        assert!(in_live || in_chat, "{command} is in neither table");
        live_claimed += usize::from(in_live);
        chat_claimed += usize::from(in_chat);
        let seen_by = [
            (send(&live, command, body, &seen).await, in_live),
            (send(&chat, command, body, &seen).await, in_chat),
            (send(&both, command, body, &seen).await, true),
        ];
        for (last, claims) in seen_by {
            if claims {
                assert_eq!(last, format!("event {command}"));
            } else {
                assert!(last.starts_with("request /tencent/callback?"), "{last}");
            }
        }
    }
    assert_eq!(
        fixtures::DOCUMENTED.len(),
        TencentEvent::CALLBACK_COMMANDS.len()
    );
    assert_eq!(live_claimed, LiveEvent::CALLBACK_COMMANDS.len());
    assert_eq!(chat_claimed, ChatEvent::CALLBACK_COMMANDS.len());
}

#[tokio::test]
async fn commands_outside_the_table_pass_through_untouched_by_default() {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let service = LiveWebhookLayer::new(PATH).app_id(APP_ID).layer(app(&seen));
    // Tencent Chat's callbacks share the URL when the app uses Chat too; a
    // wrong app id does not matter for what the layer does not claim.
    let request = WebhookRequest::raw("C2C.CallbackAfterSendMsg", "not even json")
        .app_id(7)
        .build();
    let response = service.oneshot(request).await.unwrap();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    assert_eq!(body, "app");
    assert!(seen.lock().unwrap()[0].starts_with("request /tencent/callback?"));
}

#[tokio::test]
async fn receive_unknown_checks_and_hands_on_every_command() {
    let received = Arc::new(Mutex::new(Vec::new()));
    let record = received.clone();
    let handler = service_fn(move |request: Request<LiveEvent>| {
        record.lock().unwrap().push(request.into_body());
        async { Ok::<_, Infallible>(Ack::fail(5, "not for us")) }
    });
    let service = LiveWebhookLayer::new(PATH)
        .app_id(APP_ID)
        .token(TOKEN)
        .receive_unknown()
        .handler(handler)
        .layer(app(&Arc::default()));

    let body =
        r#"{"CallbackCommand":"C2C.CallbackAfterSendMsg","From_Account":144115245353757792}"#;
    let request = WebhookRequest::raw("C2C.CallbackAfterSendMsg", body)
        .app_id(APP_ID)
        .token(TOKEN)
        .build();
    let answer = read_answer(service.clone().oneshot(request).await.unwrap()).await;
    assert_eq!(
        (answer.status, answer.ack().error_code()),
        (StatusCode::OK, 5)
    );
    let LiveEvent::Unknown { command, body } = received.lock().unwrap().pop().unwrap() else {
        panic!("not the unknown arm");
    };
    assert_eq!(command, "C2C.CallbackAfterSendMsg");
    assert_eq!(body["From_Account"].as_u64(), Some(144115245353757792));

    // Checked like the others: an unsigned one is refused, and not JSON is 400.
    let unsigned = WebhookRequest::raw("C2C.CallbackAfterSendMsg", body.to_string())
        .app_id(APP_ID)
        .build();
    let answer = read_answer(service.clone().oneshot(unsigned).await.unwrap()).await;
    assert_eq!(
        (answer.status, answer.ack().error_code()),
        (StatusCode::UNAUTHORIZED, 2001)
    );
    let garbage = WebhookRequest::raw("C2C.CallbackAfterSendMsg", "{")
        .app_id(APP_ID)
        .token(TOKEN)
        .build();
    let answer = read_answer(service.oneshot(garbage).await.unwrap()).await;
    assert_eq!(
        (answer.status, answer.ack().error_code()),
        (StatusCode::BAD_REQUEST, 3004)
    );
    assert_eq!(received.lock().unwrap().len(), 0);
}

#[tokio::test]
async fn forward_mode_puts_unknown_commands_in_the_extensions_when_asked() {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let service = LiveWebhookLayer::new(PATH)
        .app_id(APP_ID)
        .receive_unknown()
        .layer(app(&seen));
    let request = WebhookRequest::raw("State.StateChange", r#"{"Info":{"Action":"Login"}}"#)
        .app_id(APP_ID)
        .build();
    let answer = read_answer(service.oneshot(request).await.unwrap()).await;
    assert!(answer.ack().is_ok());
    assert_eq!(seen.lock().unwrap()[0], "event State.StateChange");
}

// ------------------------------------------------------------ apps and tokens

#[tokio::test]
async fn apps_paired_with_their_tokens_accept_only_their_own() {
    const A: u64 = 1400000001;
    const B: u64 = 1400000002;
    const C: u64 = 1400000003;
    let service = LiveWebhookLayer::new(PATH)
        .app(A, "token-of-a")
        .app(B, "token-of-b")
        .app(B, "new-token-of-b")
        .app_id(C)
        .token("shared-token")
        .layer(app(&Arc::default()));
    let send = |app_id: u64, token: &str| {
        let request = WebhookRequest::new(&tencent_live_webhook::BattleEnded::sample())
            .app_id(app_id)
            .token(token)
            .build();
        let service = service.clone();
        async move { read_answer(service.oneshot(request).await.unwrap()).await }
    };
    for (app_id, token, status, code) in [
        (A, "token-of-a", 200, 0),
        (A, "token-of-b", 401, 2004),
        (A, "shared-token", 401, 2004),
        (B, "token-of-b", 200, 0),
        (B, "new-token-of-b", 200, 0),
        (B, "token-of-a", 401, 2004),
        (C, "shared-token", 200, 0),
        (C, "token-of-a", 401, 2004),
        (1400000004, "shared-token", 403, 1003),
    ] {
        let answer = send(app_id, token).await;
        assert_eq!(
            (answer.status.as_u16(), answer.error_code()),
            (status, code),
            "app {app_id} signed with {token}"
        );
    }
    // A paired app needs its signature even without any shared token.
    let unsigned = WebhookRequest::new(&tencent_live_webhook::BattleEnded::sample())
        .app_id(A)
        .build();
    let answer = read_answer(service.oneshot(unsigned).await.unwrap()).await;
    assert_eq!(answer.error_code(), 2001);
}

#[test]
fn tokens_tencent_would_not_issue_are_configuration_errors() {
    let layer = || LiveWebhookLayer::new(PATH).app_id(APP_ID);
    assert_eq!(
        layer().try_token("").unwrap_err(),
        ConfigError::InvalidToken(InvalidToken::Empty)
    );
    assert_eq!(
        layer().try_token("x".repeat(129)).unwrap_err(),
        ConfigError::InvalidToken(InvalidToken::TooLong { chars: 129 })
    );
    assert!(layer().try_app(APP_ID, "").is_err());
    assert!(layer().try_token("x".repeat(128)).is_ok());
    let panic = std::panic::catch_unwind(|| layer().token(""));
    let message = *panic.unwrap_err().downcast::<String>().unwrap();
    assert!(message.contains("empty"), "{message}");
    assert!(!format!("{:?}", layer().token("super-secret")).contains("super-secret"));
}

#[tokio::test]
async fn the_time_window_is_compared_at_full_precision() {
    const SIGNED_AT: u64 = 1_700_000_000;
    let at = |offset_ms: i64| {
        let signed_at = UNIX_EPOCH + Duration::from_secs(SIGNED_AT);
        let now = if offset_ms >= 0 {
            signed_at + Duration::from_millis(offset_ms as u64)
        } else {
            signed_at - Duration::from_millis(offset_ms.unsigned_abs())
        };
        move || now
    };
    for (offset_ms, accepted) in [
        (0, true),
        (60_000, true),
        (-60_000, true),
        (60_001, false),
        (60_999, false),
        (-60_999, false),
    ] {
        let service = LiveWebhookLayer::new(PATH)
            .app_id(APP_ID)
            .token(TOKEN)
            .clock(at(offset_ms))
            .layer(app(&Arc::default()));
        let request = WebhookRequest::new(&tencent_live_webhook::BattleEnded::sample())
            .app_id(APP_ID)
            .token(TOKEN)
            .request_time(SIGNED_AT)
            .build();
        let answer = read_answer(service.oneshot(request).await.unwrap()).await;
        let expected = if accepted { 0 } else { 2003 };
        assert_eq!(
            answer.error_code(),
            expected,
            "now = RequestTime + {offset_ms} ms"
        );
    }
}

/// The Chat URL's layer and the layer of both tables receive unknown
/// commands too, as their own `Unknown` variant; the Chat layer hands a Live
/// command on as unknown, since it is not in its table.
#[tokio::test]
async fn every_table_layer_can_receive_unknown_commands() {
    let body = r#"{"CallbackCommand":"Sns.CallbackFriendNudge","PairList":[]}"#;
    let unknown = || {
        WebhookRequest::raw("Sns.CallbackFriendNudge", body)
            .app_id(APP_ID)
            .build()
    };

    let chat_seen = Arc::new(Mutex::new(Vec::new()));
    let record = chat_seen.clone();
    let chat = ChatWebhookLayer::new(PATH)
        .app_id(APP_ID)
        .receive_unknown()
        .handler(service_fn(move |request: Request<ChatEvent>| {
            record.lock().unwrap().push(request.into_body());
            async { Ok::<_, Infallible>(()) }
        }))
        .layer(app(&Arc::default()));
    let answer = read_answer(chat.clone().oneshot(unknown()).await.unwrap()).await;
    assert_eq!(answer.status, StatusCode::OK);
    let battle = fixtures::documented("Live.CallbackAfterEndBattle").unwrap();
    let live_command = WebhookRequest::raw("Live.CallbackAfterEndBattle", battle)
        .app_id(APP_ID)
        .build();
    read_answer(chat.oneshot(live_command).await.unwrap()).await;
    let seen = std::mem::take(&mut *chat_seen.lock().unwrap());
    assert!(
        matches!(&seen[0], ChatEvent::Unknown { command, body }
            if command == "Sns.CallbackFriendNudge" && body["PairList"].is_array()),
        "{seen:?}"
    );
    assert!(
        matches!(&seen[1], ChatEvent::Unknown { command, .. } if command == "Live.CallbackAfterEndBattle"),
        "{seen:?}"
    );

    let both_seen = Arc::new(Mutex::new(Vec::new()));
    let record = both_seen.clone();
    let both = TencentWebhookLayer::new(PATH)
        .app_id(APP_ID)
        .receive_unknown()
        .handler(service_fn(move |request: Request<TencentEvent>| {
            record.lock().unwrap().push(request.into_body());
            async { Ok::<_, Infallible>(()) }
        }))
        .layer(app(&Arc::default()));
    read_answer(both.oneshot(unknown()).await.unwrap()).await;
    assert!(
        matches!(&both_seen.lock().unwrap()[0], TencentEvent::Unknown { command, .. }
            if command == "Sns.CallbackFriendNudge")
    );
}

/// Handler mode: every documented sample of the Chat table reaches the
/// handler as its own `ChatEvent` variant (not `Unknown`), and a news
/// command is answered with exactly Tencent's OK.
#[tokio::test]
async fn every_chat_command_reaches_a_handler_as_its_own_variant() {
    let received = Arc::new(Mutex::new(Vec::new()));
    let record = received.clone();
    let service = ChatWebhookLayer::new(PATH)
        .app_id(APP_ID)
        .handler(service_fn(move |request: Request<ChatEvent>| {
            record.lock().unwrap().push(request.into_body());
            async { Ok::<_, Infallible>(()) }
        }))
        .layer(app(&Arc::default()));
    for command in ChatEvent::CALLBACK_COMMANDS {
        let body = fixtures::documented(command).unwrap();
        let request = WebhookRequest::raw(*command, body).app_id(APP_ID).build();
        let answer = read_answer(service.clone().oneshot(request).await.unwrap()).await;
        assert_eq!(answer.status, StatusCode::OK, "{command}");
        if ChatEvent::fallback(command).is_none() {
            assert_eq!(answer.body, fixtures::OK_ACK, "{command}");
        }
        let event = received.lock().unwrap().pop().expect(command);
        assert_eq!(event.callback_command(), *command);
        assert!(!matches!(event, ChatEvent::Unknown { .. }), "{command}");
        assert_eq!(
            event.name(),
            TencentEvent::decode(command, body.as_bytes())
                .unwrap()
                .name()
        );
    }
}
