//! The whole battle lifecycle on one path, and the test toolkit as a user would use it.

use std::convert::Infallible;
use std::sync::{Arc, Mutex};

use http::{Request, Response, StatusCode};
use http_body_util::BodyExt;
use tencent_live_webhook::testing::{read_ack, WebhookRequest};
use tencent_live_webhook::{
    decode_json, BattleCreated, BattleEnded, BattleEvent, BattleEventsLayer, BattleStarted,
    BattleWebhookLayer, CallbackQuery, RequestBody, WebhookLayer,
};
use tower::{service_fn, Layer, Service, ServiceBuilder, ServiceExt};

const APP_ID: u64 = 1400000001;
const CREATE: &str = include_str!("fixtures/Live.CallbackAfterCreateBattle/story.json");
const START: &str = include_str!("fixtures/Live.CallbackAfterStartBattle/story.json");
const END: &str = include_str!("fixtures/Live.CallbackAfterEndBattle/sample.json");

/// An app behind the layers: answers "app" and counts its calls.
fn app<B: Send + 'static>(
    calls: &Arc<Mutex<Vec<String>>>,
) -> impl Service<Request<B>, Response = Response<String>, Error = Infallible, Future: Send> + Clone
{
    let calls = calls.clone();
    service_fn(move |request: Request<B>| {
        let calls = calls.clone();
        async move {
            let event = request.extensions().get::<BattleEvent>().cloned();
            calls.lock().unwrap().push(match event {
                Some(event) => event.callback_command().to_owned(),
                None => request.uri().to_string(),
            });
            Ok(Response::new("app".to_owned()))
        }
    })
}

fn recorder<E: Clone + Send + 'static>(
    seen: &Arc<Mutex<Vec<E>>>,
) -> impl Service<Request<E>, Response = (), Error = Infallible, Future: Send> + Clone {
    let seen = seen.clone();
    service_fn(move |request: Request<E>| {
        assert!(request.extensions().get::<CallbackQuery>().is_some());
        seen.lock().unwrap().push(request.into_body());
        async { Ok(()) }
    })
}

#[tokio::test]
async fn the_documented_samples_decode() {
    let created: BattleCreated = decode_json(BattleCreated::COMMAND, CREATE.as_bytes()).unwrap();
    assert_eq!(created, BattleCreated::sample());
    let started: BattleStarted = decode_json(BattleStarted::COMMAND, START.as_bytes()).unwrap();
    assert_eq!(started, BattleStarted::sample());
    let ended: BattleEnded = decode_json(BattleEnded::COMMAND, END.as_bytes()).unwrap();
    assert_eq!(ended.battle_id, created.battle_id);
    assert_eq!(started.battle_id, created.battle_id);
    assert_eq!(ended.from_room().room_id(), created.from_room_id());
    assert_eq!(started.to_rooms()[0].room_id(), created.to_room_ids()[0]);
}

#[tokio::test]
async fn one_enum_layer_receives_all_three_on_one_path() {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let calls = Arc::new(Mutex::new(Vec::new()));
    let service = BattleEventsLayer::new("/tencent/callback")
        .app_id(APP_ID)
        .handler(recorder(&seen))
        .layer(app::<RequestBody<String>>(&calls));

    for (command, body) in [
        (BattleCreated::COMMAND, CREATE),
        (BattleStarted::COMMAND, START),
        (BattleEnded::COMMAND, END),
    ] {
        let request = WebhookRequest::raw(command, body).app_id(APP_ID).build();
        let ack = read_ack(service.clone().oneshot(request).await.unwrap()).await;
        assert!(ack.is_ok(), "{command}: {ack:?}");
    }
    let seen = std::mem::take(&mut *seen.lock().unwrap());
    assert_eq!(seen.len(), 3);
    assert!(matches!(&seen[0], BattleEvent::Created(created) if created.to_room_ids() == ["pk-5"]));
    assert!(matches!(&seen[1], BattleEvent::Started(started) if started.rooms().count() == 2));
    assert!(
        matches!(&seen[2], BattleEvent::Ended(ended) if ended.to_rooms()[0].owner_account() == "144115245442327522")
    );

    // Another Live command on the same URL passes through untouched.
    let other = WebhookRequest::raw("Live.CallbackAfterCreateRoom", "{}")
        .app_id(APP_ID)
        .build();
    let response = service.clone().oneshot(other).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(calls.lock().unwrap().len(), 1);
    assert!(calls.lock().unwrap()[0].contains("CallbackAfterCreateRoom"));
}

#[tokio::test]
async fn forward_mode_puts_the_enum_in_the_extensions() {
    let calls = Arc::new(Mutex::new(Vec::new()));
    let service = BattleEventsLayer::new("/tencent/callback")
        .app_id(APP_ID)
        .layer(app::<RequestBody<String>>(&calls));
    for event in BattleEvent::sample_lifecycle() {
        let request = WebhookRequest::new(&event).app_id(APP_ID).build();
        assert!(read_ack(service.clone().oneshot(request).await.unwrap())
            .await
            .is_ok());
    }
    assert_eq!(
        *calls.lock().unwrap(),
        [
            BattleCreated::COMMAND,
            BattleStarted::COMMAND,
            BattleEnded::COMMAND
        ]
    );
}

#[tokio::test]
async fn a_body_of_another_battle_command_is_refused() {
    let service = BattleEventsLayer::new("/tencent/callback")
        .app_id(APP_ID)
        .layer(app::<RequestBody<String>>(&Arc::default()));
    let request = WebhookRequest::raw(BattleStarted::COMMAND, END)
        .app_id(APP_ID)
        .build();
    let response = service.oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(read_ack(response).await.error_code(), 3006);
}

#[tokio::test]
async fn three_stacked_layers_share_one_path() {
    let created = Arc::new(Mutex::new(Vec::<BattleCreated>::new()));
    let started = Arc::new(Mutex::new(Vec::<BattleStarted>::new()));
    let ended = Arc::new(Mutex::new(Vec::<BattleEnded>::new()));
    let calls = Arc::new(Mutex::new(Vec::new()));
    let path = "/tencent/callback";
    let service = ServiceBuilder::new()
        .layer(
            WebhookLayer::<BattleCreated>::new(path)
                .app_id(APP_ID)
                .handler(recorder(&created)),
        )
        .layer(
            WebhookLayer::<BattleStarted>::new(path)
                .app_id(APP_ID)
                .handler(recorder(&started)),
        )
        .layer(
            BattleWebhookLayer::new(path)
                .app_id(APP_ID)
                .handler(recorder(&ended)),
        )
        .service(app::<RequestBody<RequestBody<RequestBody<String>>>>(&calls));

    for event in BattleEvent::sample_lifecycle() {
        let request = WebhookRequest::new(&event).app_id(APP_ID).build();
        assert!(read_ack(service.clone().oneshot(request).await.unwrap())
            .await
            .is_ok());
    }
    assert_eq!(*created.lock().unwrap(), [BattleCreated::sample()]);
    assert_eq!(*started.lock().unwrap(), [BattleStarted::sample()]);
    assert_eq!(*ended.lock().unwrap(), [BattleEnded::sample()]);

    let other = WebhookRequest::raw("Live.CallbackAfterDestroyRoom", "{}")
        .app_id(APP_ID)
        .build();
    let response = service.oneshot(other).await.unwrap();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    assert_eq!(body, "app");
    assert_eq!(calls.lock().unwrap().len(), 1);
}

/// The README's promise: a user's test of their own handler is three lines.
#[tokio::test]
async fn a_users_test_is_three_lines() {
    let app = BattleWebhookLayer::new("/tencent/callback")
        .app_id(APP_ID)
        .token("token")
        .handler(service_fn(|_: Request<BattleEnded>| async {
            Ok::<_, Infallible>(())
        }))
        .layer(app::<RequestBody<String>>(&Arc::default()));

    let request = WebhookRequest::new(&BattleEnded::sample())
        .app_id(APP_ID)
        .token("token")
        .build();
    let response = app.oneshot(request).await.unwrap();
    assert!(read_ack(response).await.is_ok());
}
