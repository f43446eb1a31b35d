//! The `metrics` feature: what a layer records, counted exactly with a local
//! recorder (`metrics::with_local_recorder` on a current-thread runtime, so
//! that each test sees only its own requests). The expected series are
//! written out by hand from the README's table ("Metrics"), never read from
//! the crate.
#![cfg(feature = "metrics")]

use std::collections::BTreeMap;
use std::convert::Infallible;
use std::future::Future;
use std::time::Duration;

use http::{Request, Response, StatusCode};
use metrics_util::debugging::{DebugValue, DebuggingRecorder};
use tencent_live_webhook::testing::{read_answer, WebhookRequest};
use tencent_live_webhook::{
    dead_letter_queue, BattleEnded, ChatbotReply, FriendDecision, GiftDecision, GiftSending,
    MessageDecision, MessageSending, MsgElement, Reply, RequestBody, TencentEvent,
    TencentWebhookLayer, TokioTimer,
};
use tower::{service_fn, BoxError, Layer, ServiceExt};

const APP: u64 = 1400000001;
const PATH: &str = "/tencent/callback";

/// What a test's recorder saw: counters by `name{label=value,...}` (labels
/// in the order recorded), histograms as their observations.
#[derive(Debug, Default)]
struct Seen {
    counters: BTreeMap<String, u64>,
    histograms: BTreeMap<String, Vec<f64>>,
    described: Vec<String>,
}

/// Runs `test` on a current-thread runtime (its clock paused: deadlines are
/// exact) with a recorder of its own.
fn recorded<F: Future<Output = ()>>(test: impl FnOnce() -> F) -> Seen {
    let recorder = DebuggingRecorder::new();
    let snapshotter = recorder.snapshotter();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .start_paused(true)
        .build()
        .unwrap();
    metrics::with_local_recorder(&recorder, || runtime.block_on(test()));
    let mut seen = Seen::default();
    for (key, _unit, description, value) in snapshotter.snapshot().into_vec() {
        let key = key.key();
        let labels: Vec<String> = key
            .labels()
            .map(|label| format!("{}={}", label.key(), label.value()))
            .collect();
        let name = format!("{}{{{}}}", key.name(), labels.join(","));
        if description.is_some() {
            seen.described.push(key.name().to_owned());
        }
        match value {
            DebugValue::Counter(count) => {
                seen.counters.insert(name, count);
            }
            DebugValue::Histogram(values) => {
                seen.histograms
                    .insert(name, values.into_iter().map(|v| v.into_inner()).collect());
            }
            DebugValue::Gauge(_) => panic!("no gauge is recorded: {name}"),
        }
    }
    seen.described.sort();
    seen
}

/// The series written out: each name with its count (of increments, or of
/// observations).
fn expected<T: Copy>(series: &[(&str, T)]) -> BTreeMap<String, T> {
    series
        .iter()
        .map(|(name, count)| (name.to_string(), *count))
        .collect()
}

fn counters(series: &[(&str, u64)]) -> BTreeMap<String, u64> {
    expected(series)
}

/// The histograms' names and how many observations each has.
fn observed(seen: &Seen) -> BTreeMap<String, usize> {
    seen.histograms
        .iter()
        .map(|(name, values)| (name.clone(), values.len()))
        .collect()
}

fn histograms(series: &[(&str, usize)]) -> BTreeMap<String, usize> {
    expected(series)
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

/// Both tables on one path, each webhook answered by `answer`.
async fn send<F, Fut>(request: Request<String>, layer: TencentWebhookLayer, answer: F) -> StatusCode
where
    F: Fn(TencentEvent) -> Fut + Clone + Send + 'static,
    Fut: Future<Output = Result<Reply, BoxError>> + Send + 'static,
{
    let service = layer
        .handler(service_fn(move |request: Request<TencentEvent>| {
            answer.clone()(request.into_body())
        }))
        .layer(app());
    let response = service.oneshot(request).await.unwrap();
    let status = response.status();
    let _ = read_answer(response).await;
    status
}

fn layer() -> TencentWebhookLayer {
    TencentWebhookLayer::new(PATH).app_id(APP).timer(TokioTimer)
}

async fn ok(_: TencentEvent) -> Result<Reply, BoxError> {
    Ok(Reply::from(()))
}

fn webhook<E: tencent_live_webhook::WebhookEvent + serde::Serialize>(event: &E) -> Request<String> {
    WebhookRequest::new(event).uri(PATH).app_id(APP).build()
}

#[test]
fn an_acknowledged_after_webhook_counts_once_with_its_handlers_time() {
    let seen = recorded(|| async {
        let status = send(webhook(&BattleEnded::sample()), layer(), ok).await;
        assert_eq!(status, StatusCode::OK);
    });
    assert_eq!(
        seen.counters,
        counters(&[(
            "tencent_webhook_requests_total{command=Live.CallbackAfterEndBattle,outcome=ok}",
            1
        )])
    );
    assert_eq!(
        observed(&seen),
        histograms(&[(
            "tencent_webhook_handler_duration_seconds{kind=after,outcome=ok}",
            1
        )])
    );
}

#[test]
fn passthrough_is_not_counted() {
    let seen = recorded(|| async {
        for request in [
            Request::get(PATH).body(String::new()).unwrap(),
            Request::post("/elsewhere?CallbackCommand=Live.CallbackAfterEndBattle")
                .body("{}".to_owned())
                .unwrap(),
            Request::post(PATH).body("{}".to_owned()).unwrap(),
        ] {
            send(request, layer(), ok).await;
        }
    });
    assert_eq!(seen.counters, BTreeMap::new());
    assert_eq!(observed(&seen), BTreeMap::new());
}

/// Each decision is counted by what it decides, with the time it had left.
#[test]
fn decisions_count_by_what_they_decide() {
    let friends = r#"{"CallbackCommand":"Sns.CallbackPrevFriendAdd","From_Account":"id","FriendItem":[{"To_Account":"id1"},{"To_Account":"id2"}],"EventTime":1631777344870}"#;
    let cases: Vec<(Request<String>, Reply, &str, &str)> = vec![
        (
            webhook(&GiftSending::sample()),
            GiftDecision::allow().into(),
            "Live.CallbackBeforeSendGift",
            "allow",
        ),
        (
            webhook(&GiftSending::sample()),
            GiftDecision::reject().into(),
            "Live.CallbackBeforeSendGift",
            "reject",
        ),
        (
            webhook(&MessageSending::sample()),
            MessageDecision::discard().into(),
            "Group.CallbackBeforeSendMsg",
            "discard",
        ),
        (
            webhook(&MessageSending::sample()),
            MessageDecision::modify(Some(vec![MsgElement::text("***")]), None).into(),
            "Group.CallbackBeforeSendMsg",
            "modify",
        ),
        (
            WebhookRequest::raw("Sns.CallbackPrevFriendAdd", friends)
                .uri(PATH)
                .app_id(APP)
                .build(),
            FriendDecision::new()
                .allow("id1")
                .refuse("id2", 38001, "no")
                .unwrap()
                .into(),
            "Sns.CallbackPrevFriendAdd",
            "partial",
        ),
        (
            WebhookRequest::raw("Sns.CallbackPrevFriendAdd", friends)
                .uri(PATH)
                .app_id(APP)
                .build(),
            FriendDecision::refuse_all(38001, "no").unwrap().into(),
            "Sns.CallbackPrevFriendAdd",
            "reject",
        ),
    ];
    for (request, reply, command, outcome) in cases {
        let seen = recorded(|| async move {
            let status = send(request, layer(), move |_| {
                let reply = reply.clone();
                async move { Ok(reply) }
            })
            .await;
            assert_eq!(status, StatusCode::OK);
        });
        let requests =
            format!("tencent_webhook_requests_total{{command={command},outcome={outcome}}}");
        assert_eq!(
            seen.counters,
            counters(&[(&requests, 1)]),
            "{command} {outcome}"
        );
        let handler =
            format!("tencent_webhook_handler_duration_seconds{{kind=before,outcome={outcome}}}");
        let left = format!("tencent_webhook_decision_time_left_seconds{{command={command}}}");
        assert_eq!(
            observed(&seen),
            histograms(&[(&handler, 1), (&left, 1)]),
            "{command} {outcome}"
        );
    }
}

/// The clock is tokio's, paused: the time left is exactly the deadline less
/// the handler's time.
#[test]
fn the_time_left_is_the_deadline_less_the_handlers_time() {
    let seen = recorded(|| async {
        let layer = layer().deadline(Duration::from_millis(1500));
        send(webhook(&GiftSending::sample()), layer, |_| async {
            tokio::time::sleep(Duration::from_millis(200)).await;
            Ok(GiftDecision::allow().into())
        })
        .await;
    });
    let left = &seen.histograms
        ["tencent_webhook_decision_time_left_seconds{command=Live.CallbackBeforeSendGift}"];
    assert_eq!(left, &[1.3]);
}

#[test]
fn a_handler_dropped_at_the_deadline_is_a_fallback_and_a_deadline() {
    let seen = recorded(|| async {
        let (sink, mut letters) = dead_letter_queue(8);
        let layer = layer()
            .deadline(Duration::from_millis(1500))
            .dead_letters(sink);
        let status = send(webhook(&GiftSending::sample()), layer, |_| async {
            tokio::time::sleep(Duration::from_secs(10)).await;
            Ok(GiftDecision::reject().into())
        })
        .await;
        assert_eq!(status, StatusCode::OK);
        assert!(letters.try_recv().is_some());
    });
    assert_eq!(
        seen.counters,
        counters(&[
            (
                "tencent_webhook_requests_total{command=Live.CallbackBeforeSendGift,outcome=fallback}",
                1
            ),
            (
                "tencent_webhook_fallbacks_total{command=Live.CallbackBeforeSendGift,reason=deadline}",
                1
            ),
            ("tencent_webhook_dead_letters_total{reason=deadline}", 1),
        ])
    );
    assert_eq!(
        observed(&seen),
        histograms(&[(
            "tencent_webhook_handler_duration_seconds{kind=before,outcome=deadline}",
            1
        )])
    );
}

#[test]
fn a_failed_after_webhook_counts_a_fail_its_code_and_its_dead_letter() {
    let seen = recorded(|| async {
        let (sink, _letters) = dead_letter_queue(8);
        let status = send(
            webhook(&BattleEnded::sample()),
            layer().dead_letters(sink),
            |_| async { Err::<Reply, BoxError>("the database is down".into()) },
        )
        .await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    });
    assert_eq!(
        seen.counters,
        counters(&[
            (
                "tencent_webhook_requests_total{command=Live.CallbackAfterEndBattle,outcome=fail}",
                1
            ),
            ("tencent_webhook_refusals_total{error_code=4001}", 1),
            ("tencent_webhook_dead_letters_total{reason=failed}", 1),
        ])
    );
    assert_eq!(
        observed(&seen),
        histograms(&[(
            "tencent_webhook_handler_duration_seconds{kind=after,outcome=fail}",
            1
        )])
    );
}

/// A body that is not JSON: an after-webhook is refused (400, 3004); a
/// before-webhook gets its fallback, and the refusal is counted too.
#[test]
fn an_unreadable_body_is_a_refusal_or_a_fallback() {
    let seen = recorded(|| async {
        let battle = WebhookRequest::raw("Live.CallbackAfterEndBattle", "not json")
            .uri(PATH)
            .app_id(APP)
            .build();
        assert_eq!(send(battle, layer(), ok).await, StatusCode::BAD_REQUEST);
        let gift = WebhookRequest::raw("Live.CallbackBeforeSendGift", "not json")
            .uri(PATH)
            .app_id(APP)
            .build();
        assert_eq!(send(gift, layer(), ok).await, StatusCode::OK);
    });
    assert_eq!(
        seen.counters,
        counters(&[
            (
                "tencent_webhook_requests_total{command=Live.CallbackAfterEndBattle,outcome=refused}",
                1
            ),
            (
                "tencent_webhook_requests_total{command=Live.CallbackBeforeSendGift,outcome=fallback}",
                1
            ),
            (
                "tencent_webhook_fallbacks_total{command=Live.CallbackBeforeSendGift,reason=refused}",
                1
            ),
            ("tencent_webhook_refusals_total{error_code=3004}", 2),
        ])
    );
    // The handler was never called.
    assert_eq!(observed(&seen), BTreeMap::new());
}

#[test]
fn a_refused_head_counts_its_error_code() {
    let seen = recorded(|| async {
        let stranger = WebhookRequest::new(&BattleEnded::sample())
            .uri(PATH)
            .app_id(1400000999)
            .build();
        assert_eq!(send(stranger, layer(), ok).await, StatusCode::FORBIDDEN);
        let unsigned = webhook(&BattleEnded::sample());
        let status = send(unsigned, layer().token("secret"), ok).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    });
    assert_eq!(
        seen.counters,
        counters(&[
            (
                "tencent_webhook_requests_total{command=Live.CallbackAfterEndBattle,outcome=refused}",
                2
            ),
            ("tencent_webhook_refusals_total{error_code=1003}", 1),
            ("tencent_webhook_refusals_total{error_code=2001}", 1),
        ])
    );
}

/// Commands outside the tables share one series, `other`, however many
/// names a caller makes up; the app's own codes are never labels.
#[test]
fn made_up_commands_and_the_apps_codes_add_no_series() {
    let seen = recorded(|| async {
        for n in 0..20 {
            let request = WebhookRequest::raw(format!("Made.Up{n}"), r#"{"x":1}"#)
                .uri(PATH)
                .app_id(APP)
                .build();
            assert_eq!(
                send(request, layer().receive_unknown(), ok).await,
                StatusCode::OK
            );
        }
        for code in [102100, 102101, 102150, 102200] {
            let status = send(
                webhook(&GiftSending::sample()),
                layer(),
                move |_| async move { Ok(GiftDecision::reject_with(code, "no").unwrap().into()) },
            )
            .await;
            assert_eq!(status, StatusCode::OK);
        }
    });
    assert_eq!(
        seen.counters,
        counters(&[
            ("tencent_webhook_requests_total{command=other,outcome=ok}", 20),
            (
                "tencent_webhook_requests_total{command=Live.CallbackBeforeSendGift,outcome=reject}",
                4
            ),
        ])
    );
}

/// A push batch is one webhook, and as many events as its `Events` list has
/// (counted here from the JSON sent, not from the crate's decoding).
#[test]
fn a_push_batch_counts_once_plus_its_events() {
    let sample = TencentEvent::samples()
        .into_iter()
        .find(|event| event.callback_command() == "Push.OfflinePush")
        .unwrap();
    let body: serde_json::Value = serde_json::to_value(&sample).unwrap();
    let events = body["Events"].as_array().unwrap().len() as u64;
    assert!(events > 1);
    let seen = recorded(|| async move {
        let status = send(webhook(&sample), layer(), ok).await;
        assert_eq!(status, StatusCode::OK);
    });
    assert_eq!(
        seen.counters,
        counters(&[
            (
                "tencent_webhook_requests_total{command=Push.OfflinePush,outcome=ok}",
                1
            ),
            (
                "tencent_webhook_batch_events_total{command=Push.OfflinePush}",
                events
            ),
        ])
    );
}

/// A full dead-letter queue: the letter it drops is counted.
#[test]
fn dropped_dead_letters_are_counted() {
    let seen = recorded(|| async {
        let (sink, letters) = dead_letter_queue(1);
        for _ in 0..2 {
            let request = WebhookRequest::raw("Live.CallbackAfterEndBattle", "not json")
                .uri(PATH)
                .app_id(APP)
                .build();
            send(request, layer().dead_letters(sink.clone()), ok).await;
        }
        assert_eq!(letters.len(), 1);
    });
    assert_eq!(
        seen.counters,
        counters(&[
            (
                "tencent_webhook_requests_total{command=Live.CallbackAfterEndBattle,outcome=refused}",
                2
            ),
            ("tencent_webhook_refusals_total{error_code=3004}", 2),
            ("tencent_webhook_dead_letters_total{reason=refused}", 2),
            ("tencent_webhook_dead_letters_dropped_total{reason=sink_failed}", 1),
        ])
    );
}

#[test]
fn a_chatbots_data_is_a_modify_and_its_plain_ok_an_allow() {
    let sample = TencentEvent::samples()
        .into_iter()
        .find(|event| event.callback_command() == "Chatbot.OnC2CSignalMessage")
        .unwrap();
    for (reply, outcome) in [
        (ChatbotReply::data("hello"), "modify"),
        (ChatbotReply::ok(), "allow"),
    ] {
        let request = webhook(&sample);
        let seen = recorded(|| async move {
            send(request, layer(), move |_| {
                let reply = reply.clone();
                async move { Ok(reply.into()) }
            })
            .await;
        });
        let requests =
            format!("tencent_webhook_requests_total{{command=Chatbot.OnC2CSignalMessage,outcome={outcome}}}");
        assert_eq!(seen.counters, counters(&[(&requests, 1)]));
    }
}

#[test]
fn describe_metrics_gives_each_metric_its_help() {
    let seen = recorded(|| async {
        tencent_live_webhook::describe_metrics();
        send(webhook(&BattleEnded::sample()), layer(), ok).await;
    });
    assert_eq!(
        seen.described,
        [
            "tencent_webhook_handler_duration_seconds",
            "tencent_webhook_requests_total"
        ]
    );
}
