//! Bodies that other apps captured from Tencent's real traffic (and
//! Tencent's own samples, and copies of them), sent through
//! `TencentWebhookLayer` as Tencent sends them: each gets the outcome recorded
//! for it in `tests/realworld/PROVENANCE.md`. Captures and fixtures that are
//! valid JSON must reach the handler (or, for commands outside both tables,
//! the inner service).
//!
//! The second half checks, one test each, the variations real bodies show
//! (issue 16 §1), with the values written out.

use std::collections::BTreeSet;
use std::convert::Infallible;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use http::{Request, Response, StatusCode};
use http_body_util::{BodyExt, Full};
use serde_json::{json, Value};
use tencent_live_webhook::testing::fixtures::{APP_ID, OK_ACK, PATH, TOKEN};
use tencent_live_webhook::testing::{read_answer, Answer, WebhookRequest};
use tencent_live_webhook::{
    CallbackQuery, CustomElem, MessageSending, MessageSent, MsgElement, Platform, RequestBody,
    RoomDestroyed, TencentEvent, TencentWebhookLayer, WebhookEvent,
};
use tower::{service_fn, Layer, ServiceExt};

// ------------------------------------------------------------ the table

fn folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/realworld")
}

/// One row of the provenance table.
#[derive(Debug)]
struct Row {
    file: String,
    kind: String,
    query: String,
    outcome: Outcome,
}

#[derive(Debug, PartialEq, Eq)]
enum Outcome {
    /// Acknowledged with OK, the handler got this `TencentEvent` variant.
    Handler(String),
    /// Refused with this HTTP status and `ErrorCode`.
    Refused(u16, i64),
    /// A before-webhook answered with its fallback: HTTP status and `ErrorCode`.
    Fallback(u16, i64),
    /// Handed to the inner service untouched.
    Passthrough,
}

fn status_and_code(text: &str) -> (u16, i64) {
    let (status, code) = text
        .split_once('/')
        .unwrap_or_else(|| panic!("not <status>/<code>: {text}"));
    (status.parse().unwrap(), code.parse().unwrap())
}

fn parse_outcome(text: &str) -> Outcome {
    match text.split_once(' ') {
        Some(("handler", variant)) => Outcome::Handler(variant.to_owned()),
        Some(("refused", code)) => {
            let (status, code) = status_and_code(code);
            Outcome::Refused(status, code)
        }
        Some(("fallback", code)) => {
            let (status, code) = status_and_code(code);
            Outcome::Fallback(status, code)
        }
        None if text == "passthrough" => Outcome::Passthrough,
        _ => panic!("not an outcome: {text}"),
    }
}

/// The rows of `PROVENANCE.md`'s table.
fn rows() -> Vec<Row> {
    let table = std::fs::read_to_string(folder().join("PROVENANCE.md")).unwrap();
    table
        .lines()
        .filter(|line| line.starts_with("| `"))
        .map(|line| {
            let cells: Vec<&str> = line.trim_matches('|').split(" | ").map(str::trim).collect();
            assert_eq!(cells.len(), 5, "a row of five cells: {line}");
            Row {
                file: cells[0].trim_matches('`').to_owned(),
                kind: cells[1].to_owned(),
                query: cells[3].to_owned(),
                outcome: parse_outcome(cells[4]),
            }
        })
        .collect()
}

/// The bodies on disk, `live/...` and `chat/...`, without the folders' notes.
fn files_on_disk() -> BTreeSet<String> {
    let mut files = BTreeSet::new();
    for dir in ["live", "chat"] {
        for entry in std::fs::read_dir(folder().join(dir)).unwrap() {
            let name = entry.unwrap().file_name().into_string().unwrap();
            if name != "PROVENANCE.md" {
                files.insert(format!("{dir}/{name}"));
            }
        }
    }
    files
}

/// The `CallbackCommand` a file is named after (`<command>__<source>__<n>`).
fn command_of(file: &str) -> &str {
    let name = file.rsplit('/').next().unwrap();
    name.split("__").next().unwrap()
}

// ------------------------------------------------------------ the layer

#[derive(Clone, Default)]
struct Seen {
    events: Arc<Mutex<Vec<TencentEvent>>>,
    queries: Arc<Mutex<Vec<CallbackQuery>>>,
    passed: Arc<Mutex<Vec<(String, Bytes)>>>,
}

type Service = tower::util::BoxCloneService<
    Request<String>,
    Response<tencent_live_webhook::ResponseBody<Full<Bytes>>>,
    Infallible,
>;

/// `TencentWebhookLayer` in handler mode, for the test app with its token: the
/// handler records the events (and acknowledges them, or allows a
/// before-webhook), the inner service records what passes through.
fn layer(seen: &Seen) -> Service {
    build(seen, false)
}

/// [`layer`], that also receives commands outside the table when
/// `receive_unknown`.
fn build(seen: &Seen, receive_unknown: bool) -> Service {
    let events = seen.events.clone();
    let queries = seen.queries.clone();
    let handler = service_fn(move |request: Request<TencentEvent>| {
        if let Some(query) = request.extensions().get::<CallbackQuery>() {
            queries.lock().unwrap().push(query.clone());
        }
        events.lock().unwrap().push(request.into_body());
        async { Ok::<_, Infallible>(()) }
    });
    let passed = seen.passed.clone();
    let inner = service_fn(move |request: Request<RequestBody<String>>| {
        let passed = passed.clone();
        async move {
            let uri = request.uri().to_string();
            let body = request.into_body().collect().await.unwrap().to_bytes();
            passed.lock().unwrap().push((uri, body));
            Ok::<_, Infallible>(Response::new(Full::new(Bytes::from_static(b"inner"))))
        }
    });
    let layer = TencentWebhookLayer::new(PATH).app_id(APP_ID).token(TOKEN);
    let layer = if receive_unknown {
        layer.receive_unknown()
    } else {
        layer
    };
    tower::util::BoxCloneService::new(layer.handler(handler).layer(inner))
}

/// The request Tencent would send for `file` with `query` (see the table's
/// "query" column).
fn request(file: &str, query: &str, body: &str) -> Request<String> {
    request_as(command_of(file), query, body)
}

/// [`request`], under `command` whatever the file's.
fn request_as(command: &str, query: &str, body: &str) -> Request<String> {
    if query == "none" {
        return Request::post(PATH)
            .header(http::header::CONTENT_TYPE, "application/json")
            .body(body.to_owned())
            .unwrap();
    }
    let mut request = WebhookRequest::raw(command, body)
        .app_id(APP_ID)
        .token(TOKEN);
    if let Some(extra) = query.strip_prefix("RequestID=").map(|_| query) {
        let mut uri_extra = Vec::new();
        for pair in extra.split('&') {
            let (key, value) = pair.split_once('=').unwrap();
            match key {
                "ClientIP" => request = request.client_ip(value),
                "OptPlatform" => request = request.platform(Platform::parse(value)),
                _ => uri_extra.push(pair),
            }
        }
        request = request.uri(format!("{PATH}?{}", uri_extra.join("&")));
    } else {
        assert_eq!(query, "tencent", "{command}: an unknown query");
    }
    request.build()
}

async fn send(service: &Service, request: Request<String>) -> Answer {
    read_answer(service.clone().oneshot(request).await.unwrap()).await
}

// ------------------------------------------------------------ every file

#[test]
fn every_file_has_one_provenance_row() {
    let rows = rows();
    let listed: BTreeSet<String> = rows.iter().map(|row| row.file.clone()).collect();
    assert_eq!(listed.len(), rows.len(), "a file listed twice");
    assert_eq!(listed, files_on_disk());
    for row in &rows {
        assert!(
            ["capture", "fixture", "mock", "doc", "doc-copy"].contains(&row.kind.as_str()),
            "{}: kind {}",
            row.file,
            row.kind
        );
    }
}

#[test]
fn captures_and_fixtures_that_are_json_are_received() {
    for row in rows() {
        let body = std::fs::read(folder().join(&row.file)).unwrap();
        let is_json = serde_json::from_slice::<Value>(&body).is_ok();
        if is_json && ["capture", "fixture"].contains(&row.kind.as_str()) {
            assert!(
                matches!(row.outcome, Outcome::Handler(_) | Outcome::Passthrough),
                "{}: a capture that is JSON must reach the app, not {:?}",
                row.file,
                row.outcome
            );
        }
        if !is_json {
            assert!(
                !matches!(row.outcome, Outcome::Handler(_)),
                "{}: not JSON, yet recorded as reaching the handler",
                row.file
            );
        }
    }
}

#[tokio::test]
async fn every_file_gets_its_recorded_outcome() {
    let mut wrong = Vec::new();
    for row in rows() {
        let body = std::fs::read_to_string(folder().join(&row.file)).unwrap();
        let seen = Seen::default();
        let service = layer(&seen);
        let answer = send(&service, request(&row.file, &row.query, &body)).await;
        let events = std::mem::take(&mut *seen.events.lock().unwrap());
        let passed = std::mem::take(&mut *seen.passed.lock().unwrap());
        let got = match (&events[..], &passed[..]) {
            // The handler answers `()`: news is acknowledged, a question
            // gets its fallback, which lets it go on (`ErrorCode` 0; a
            // friend question answers each of its users).
            ([event], [])
                if answer.status == StatusCode::OK
                    && (answer.body == OK_ACK
                        || (<TencentEvent as WebhookEvent>::fallback(
                            event.callback_command(),
                        )
                        .is_some()
                            && answer.error_code() == 0)) =>
            {
                Outcome::Handler(event.name().to_owned())
            }
            ([], [(_, passed_body)]) if answer.body == "inner" => {
                if passed_body != body.as_bytes() {
                    wrong.push(format!("{}: the body passed on changed", row.file));
                }
                Outcome::Passthrough
            }
            ([], []) => match row.outcome {
                Outcome::Fallback(..) => {
                    Outcome::Fallback(answer.status.as_u16(), answer.error_code())
                }
                _ => Outcome::Refused(answer.status.as_u16(), answer.error_code()),
            },
            _ => {
                wrong.push(format!(
                    "{}: {} events, {} passed on, answer {answer:?}",
                    row.file,
                    events.len(),
                    passed.len()
                ));
                continue;
            }
        };
        if got != row.outcome {
            wrong.push(format!(
                "{}: recorded {:?}, got {got:?} ({} {})",
                row.file,
                row.outcome,
                answer.status,
                String::from_utf8_lossy(&answer.body)
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

/// A command the tables do not type, for the test below.
const UNTYPED: &str = "Example.CallbackAfterSomethingNew";

/// With `.receive_unknown()`, a command outside the tables reaches the
/// handler with its body whole: every JSON body here, sent under a command
/// the tables do not type (Tencent adds commands every few months), arrives
/// as `TencentEvent::Unknown`, equal to the JSON sent. Without it, each
/// passes through untouched.
#[tokio::test]
async fn bodies_outside_the_table_reach_a_handler_that_asks_for_them() {
    let mut checked = 0;
    for row in rows() {
        let body = std::fs::read_to_string(folder().join(&row.file)).unwrap();
        let Ok(json) = serde_json::from_str::<Value>(&body) else {
            continue;
        };
        if row.query == "none" {
            continue;
        }
        let seen = Seen::default();
        let answer = send(&build(&seen, true), request_as(UNTYPED, &row.query, &body)).await;
        assert_eq!(answer.body, OK_ACK, "{}", row.file);
        let events = std::mem::take(&mut *seen.events.lock().unwrap());
        match &events[..] {
            [TencentEvent::Unknown { command, body }] => {
                assert_eq!(command, UNTYPED, "{}", row.file);
                assert_eq!(body, &json, "{}", row.file);
            }
            other => panic!("{}: {other:?}", row.file),
        }
        let answer = send(&build(&seen, false), request_as(UNTYPED, &row.query, &body)).await;
        assert_eq!(answer.body, "inner", "{}", row.file);
        assert_eq!(seen.passed.lock().unwrap().len(), 1, "{}", row.file);
        checked += 1;
    }
    // Every JSON body but the TRTC room event (no query to send it with).
    let json_files = rows()
        .iter()
        .filter(|row| row.query != "none")
        .filter(|row| {
            let body = std::fs::read_to_string(folder().join(&row.file)).unwrap();
            serde_json::from_str::<Value>(&body).is_ok()
        })
        .count();
    assert!(json_files > 40, "{json_files}");
    assert_eq!(checked, json_files);
}

// ------------------------------------------------------------ the variations

/// Sends `body` as `command` with Tencent's query, and returns the one event
/// the handler got.
async fn received(command: &str, body: &str) -> TencentEvent {
    let seen = Seen::default();
    let request = WebhookRequest::raw(command, body)
        .app_id(APP_ID)
        .token(TOKEN)
        .build();
    let answer = send(&layer(&seen), request).await;
    assert_eq!(answer.status, StatusCode::OK, "{body}: {answer:?}");
    assert_eq!(answer.body, OK_ACK, "{body}");
    let mut events = seen.events.lock().unwrap();
    assert_eq!(events.len(), 1, "{body}");
    events.pop().unwrap()
}

async fn sent(body: &str) -> MessageSent {
    match received("Group.CallbackAfterSendMsg", body).await {
        TencentEvent::MessageSent(message) => message,
        other => panic!("not a MessageSent: {other:?}"),
    }
}

async fn sending(body: &str) -> MessageSending {
    match received("Group.CallbackBeforeSendMsg", body).await {
        TencentEvent::MessageSending(message) => message,
        other => panic!("not a MessageSending: {other:?}"),
    }
}

#[tokio::test]
async fn event_time_as_a_number_a_string_or_missing() {
    for (body, expected) in [
        (
            r#"{"GroupId":"@TGS#1","EventTime":1657612269059}"#,
            Some(1657612269059),
        ),
        (
            r#"{"GroupId":"@TGS#1","EventTime":"1670574414123"}"#,
            Some(1670574414123),
        ),
        (r#"{"GroupId":"@TGS#1"}"#, None),
    ] {
        assert_eq!(sent(body).await.event_time_ms, expected, "{body}");
        assert_eq!(sending(body).await.event_time_ms, expected, "{body}");
    }
}

#[tokio::test]
async fn random_above_two_to_the_31() {
    let message = sent(r#"{"GroupId":"@TGS#2FLGX67FD","Random":2804799576}"#).await;
    assert_eq!(message.random, Some(2804799576));
    assert_eq!(message.random(), 2804799576);
    let message = sending(r#"{"GroupId":"g","Random":4294967295}"#).await;
    assert_eq!(message.random, Some(4294967295));
}

#[tokio::test]
async fn undocumented_members_are_ignored() {
    let message = sent(
        r#"{"GroupId":"g","MsgPriority":"Normal","NickName":"teacher8316","GroupAtInfo":[],
            "MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"hi"}}]}"#,
    )
    .await;
    assert_eq!(message.texts().collect::<Vec<_>>(), ["hi"]);
    // Not kept, so not written back either.
    assert_eq!(
        serde_json::to_string(&message).unwrap(),
        r#"{"CallbackCommand":"Group.CallbackAfterSendMsg","GroupId":"g","MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"hi"}}]}"#
    );
    let message = sending(
        r#"{"GroupId":"g","MsgPriority":"Normal","GroupAtInfo":[{"GroupAt_Account":"a"}]}"#,
    )
    .await;
    assert_eq!(message.group_id, "g");
}

#[tokio::test]
async fn operator_account_empty_system_or_not_found() {
    for account in ["", "@TIM#SYSTEM", "@TLS#NOT_FOUND"] {
        let body = json!({"GroupId": "g", "Operator_Account": account, "From_Account": account})
            .to_string();
        let message = sent(&body).await;
        assert_eq!(message.operator_account.as_deref(), Some(account));
        assert_eq!(message.from_account.as_deref(), Some(account));
        let message = sending(&body).await;
        assert_eq!(message.operator_account(), account);
    }
    let destroyed = received(
        "Live.CallbackAfterDestroyRoom",
        r#"{"CallbackCommand":"Live.CallbackAfterDestroyRoom","Operator_Account":"@TIM#SYSTEM","RoomId":"436"}"#,
    )
    .await;
    let json = serde_json::to_value(&destroyed).unwrap();
    assert_eq!(json["Operator_Account"], "@TIM#SYSTEM");
}

#[tokio::test]
async fn every_group_type_with_topic_id() {
    for group_type in ["AVChatRoom", "ChatRoom", "Public", "Community", "Live"] {
        let body = json!({"GroupId": "@TGS#2J4SZEAEL", "Type": group_type}).to_string();
        assert_eq!(sent(&body).await.room_type.as_deref(), Some(group_type));
        assert_eq!(sending(&body).await.room_type.as_deref(), Some(group_type));
    }
    let topic = sending(
        r#"{"GroupId":"@TGS#2J4SZEAEL","Type":"Community","TopicId":"@TGS#_@TGS#cQVLVHIM62CJ@TOPIC#_TestTopic"}"#,
    )
    .await;
    assert_eq!(topic.room_type.as_deref(), Some("Community"));
    assert_eq!(
        topic.topic_id.as_deref(),
        Some("@TGS#_@TGS#cQVLVHIM62CJ@TOPIC#_TestTopic")
    );
}

#[tokio::test]
async fn a_destroyed_room_with_its_room_id_in_room_info_and_no_statistic() {
    let body = r#"{"CallbackCommand":"Live.CallbackAfterDestroyRoom","Operator_Account":"@TIM#SYSTEM","RoomId":"436","EventType":"DestroyBySystem","EventTime":1756986061775,"RoomInfo":{"RoomId":"436","Owner_Account":"10100015411"}}"#;
    let TencentEvent::RoomDestroyed(destroyed) = received(RoomDestroyed::COMMAND, body).await
    else {
        panic!("not a RoomDestroyed");
    };
    assert_eq!(destroyed.room_id, "436");
    assert_eq!(destroyed.event_time_ms, Some(1756986061775));
    let json = serde_json::to_value(&destroyed).unwrap();
    assert_eq!(json["RoomInfo"]["RoomId"], "436");
    assert_eq!(json["RoomInfo"]["Owner_Account"], "10100015411");
    assert!(json.get("Statistic").is_none(), "{json}");
}

#[tokio::test]
async fn an_undocumented_request_id_in_the_query() {
    let seen = Seen::default();
    let body = r#"{"CallbackCommand":"Group.CallbackAfterSendMsg","GroupId":"e6a954aa-2419-4743-b968-a971f8077bf1"}"#;
    let request = WebhookRequest::raw("Group.CallbackAfterSendMsg", body)
        .uri(format!(
            "{PATH}?RequestID=c637d5f9-1d0a-4f51-acca-905a47362c3d"
        ))
        .app_id(APP_ID)
        .token(TOKEN)
        .client_ip("106.52.172.126")
        .build();
    assert!(request.uri().query().unwrap().starts_with(
        "RequestID=c637d5f9-1d0a-4f51-acca-905a47362c3d&SdkAppid=1400000001&CallbackCommand=Group.CallbackAfterSendMsg&"
    ));
    let answer = send(&layer(&seen), request).await;
    assert_eq!(answer.body, OK_ACK);
    let events = seen.events.lock().unwrap();
    let [TencentEvent::MessageSent(message)] = &events[..] else {
        panic!("{events:?}");
    };
    assert_eq!(message.group_id, "e6a954aa-2419-4743-b968-a971f8077bf1");
    let queries = seen.queries.lock().unwrap();
    assert_eq!(queries[0].callback_command, "Group.CallbackAfterSendMsg");
    assert_eq!(queries[0].client_ip.as_deref(), Some("106.52.172.126"));
}

#[tokio::test]
async fn a_custom_element_whose_data_is_json_inside_a_string() {
    let body = r#"{"CallbackCommand":"Group.CallbackAfterSendMsg","From_Account":"2900261","GroupId":"34","MsgBody":[{"MsgContent":{"Data":"{\n  \"userAction\" : 4\n}","Desc":"","Ext":""},"MsgType":"TIMCustomElem"}],"Type":"AVChatRoom"}"#;
    let message = sent(body).await;
    let MsgElement::Custom(custom) = &message.msg_body()[0] else {
        panic!("not a custom element: {message:?}");
    };
    // The string is kept as it came: the app reads its own JSON.
    assert_eq!(custom.data.as_deref(), Some("{\n  \"userAction\" : 4\n}"));
    assert_eq!(custom.desc.as_deref(), Some(""));
    assert_eq!(custom.ext.as_deref(), Some(""));
    assert_eq!(custom.sound, None);
    let data: Value = serde_json::from_str(custom.data.as_deref().unwrap()).unwrap();
    assert_eq!(data, json!({"userAction": 4}));
    let mut expected = CustomElem::default();
    expected.data = Some("{\n  \"userAction\" : 4\n}".to_owned());
    expected.desc = Some(String::new());
    expected.ext = Some(String::new());
    assert_eq!(message.msg_body(), [MsgElement::Custom(expected)]);
    assert_eq!(message.texts().count(), 0);
}

#[tokio::test]
async fn a_repeated_element_level_member_still_reaches_the_filter() {
    let body = r#"{"CallbackCommand":"Group.CallbackBeforeSendMsg","GroupId":"g","MsgBody":[{"MsgType":"TIMTextElem","Seq":1,"Seq":2,"MsgContent":{"Text":"spam"}}]}"#;
    let message = sending(body).await;
    assert_eq!(message.texts().collect::<Vec<_>>(), ["spam"]);
}
