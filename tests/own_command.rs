//! A command the crate does not type, typed by a user with the public
//! `lenient` helpers: an after-webhook in under 40 lines, and a before-webhook
//! of the user's own whose fallback rule holds in both modes.

mod wire;

use std::convert::Infallible;

use bytes::Bytes;
use http::{Request, Response, StatusCode};
use http_body_util::Full;
use serde::{Deserialize, Serialize};
use tencent_live_webhook::testing::fixtures::{APP_ID, PATH};
use tencent_live_webhook::testing::{read_answer, WebhookRequest};
use tencent_live_webhook::{
    decode_json, lenient, Decision, Rejection, Reply, RequestBody, WebhookEvent, WebhookLayer,
};
use tower::{service_fn, Layer, ServiceExt};

use wire::{decided, wire, ALLOW, REJECT};

// BEGIN own command: Tencent Chat's "a member joined a group", typed by a user.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(tag = "CallbackCommand", rename = "Group.CallbackAfterNewMemberJoin")]
struct MemberJoined {
    #[serde(rename = "GroupId", deserialize_with = "lenient::id")]
    group_id: String,
    #[serde(
        rename = "Operator_Account",
        default,
        deserialize_with = "lenient::account"
    )]
    operator: String,
    #[serde(
        rename = "NewMemberList",
        default,
        deserialize_with = "lenient::objects"
    )]
    members: Vec<NewMember>,
    #[serde(
        rename = "EventTime",
        default,
        deserialize_with = "lenient::option_integer"
    )]
    event_time_ms: Option<u64>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
struct NewMember {
    #[serde(rename = "Member_Account", deserialize_with = "lenient::id")]
    account: String,
}

impl WebhookEvent for MemberJoined {
    const CALLBACK_COMMANDS: &'static [&'static str] = &["Group.CallbackAfterNewMemberJoin"];

    fn decode(command: &str, body: &[u8]) -> Result<Self, Rejection> {
        decode_json(command, body)
    }
}
// END own command

const JOINED: &str = r#"{"CallbackCommand":"Group.CallbackAfterNewMemberJoin","GroupId":"@TGS#2J4SZEAEL","Type":"Public","JoinType":"Apply","Operator_Account":"leader","NewMemberList":[{"Member_Account":144115245353757792},{"Member_Account":"jared"}],"EventTime":"1670574414123"}"#;

#[test]
fn the_users_command_takes_under_40_lines() {
    let source = include_str!("own_command.rs");
    let start = source.find("// BEGIN own command").unwrap();
    let end = source.find("// END own command").unwrap();
    let lines = source[start..end].lines().count();
    assert!(lines < 40, "{lines} lines");
}

#[test]
fn the_users_command_decodes_as_leniently_as_the_crates() {
    let joined: MemberJoined =
        decode_json(MemberJoined::CALLBACK_COMMANDS[0], JOINED.as_bytes()).unwrap();
    assert_eq!(joined.group_id, "@TGS#2J4SZEAEL");
    assert_eq!(joined.operator, "leader");
    assert_eq!(
        joined.members,
        [
            NewMember {
                account: "144115245353757792".into()
            },
            NewMember {
                account: "jared".into()
            }
        ]
    );
    assert_eq!(joined.event_time_ms, Some(1670574414123));
    let command = MemberJoined::CALLBACK_COMMANDS[0];
    for (body, code) in [
        (r#"{"Operator_Account":"leader"}"#, 3005),
        (r#"{"GroupId":"g","NewMemberList":[["jared"]]}"#, 3005),
        (r#"["g"]"#, 3005),
        (r#"{"GroupId":"g","GroupId":"h"}"#, 3005),
        (
            r#"{"CallbackCommand":"Group.CallbackAfterGroupDestroyed","GroupId":"g"}"#,
            3006,
        ),
    ] {
        let rejection = decode_json::<MemberJoined>(command, body.as_bytes()).unwrap_err();
        assert_eq!(rejection.error_code(), code, "{body}: {rejection}");
    }
    let json = serde_json::to_value(&joined).unwrap();
    assert_eq!(json["CallbackCommand"], command);
    assert_eq!(
        json["NewMemberList"][0]["Member_Account"],
        "144115245353757792"
    );
}

#[tokio::test]
async fn the_users_command_goes_through_a_layer() {
    let handler = service_fn(|request: Request<MemberJoined>| async move {
        assert_eq!(request.body().members.len(), 2);
        Ok::<_, Infallible>(())
    });
    let service = WebhookLayer::<MemberJoined>::new(PATH)
        .app_id(APP_ID)
        .handler(handler)
        .layer(service_fn(|_: Request<RequestBody<String>>| async {
            Ok::<_, Infallible>(Response::new(Full::new(Bytes::new())))
        }));
    let request = WebhookRequest::raw(MemberJoined::CALLBACK_COMMANDS[0], JOINED)
        .app_id(APP_ID)
        .build();
    let answer = read_answer(service.oneshot(request).await.unwrap()).await;
    assert!(answer.ack().is_ok());
}

/// A before-webhook of the user's own: Chat asks whether a user may apply to
/// join a group. This app wants "no decision" to mean "no".
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
struct JoinApplication {
    #[serde(rename = "GroupId", deserialize_with = "lenient::id")]
    group_id: String,
    #[serde(rename = "Requestor_Account", deserialize_with = "lenient::id")]
    requestor: String,
}

impl WebhookEvent for JoinApplication {
    const CALLBACK_COMMANDS: &'static [&'static str] = &["Group.CallbackBeforeApplyJoinGroup"];

    fn decode(command: &str, body: &[u8]) -> Result<Self, Rejection> {
        decode_json(command, body)
    }

    fn fallback(_: &str) -> Option<Reply> {
        Some(Decision::reject().into())
    }
}

const APPLICATION: &str = r#"{"CallbackCommand":"Group.CallbackBeforeApplyJoinGroup","GroupId":"@TGS#2J4SZEAEL","Requestor_Account":"jared"}"#;

fn application() -> Request<String> {
    application_of("jared")
}

fn application_of(requestor: &str) -> Request<String> {
    let body = APPLICATION.replace("jared", requestor);
    WebhookRequest::raw(JoinApplication::CALLBACK_COMMANDS[0], body)
        .app_id(APP_ID)
        .build()
}

fn app() -> impl tower::Service<
    Request<RequestBody<String>>,
    Response = Response<Full<Bytes>>,
    Error = Infallible,
    Future: Send,
> + Clone {
    service_fn(|request: Request<RequestBody<String>>| async move {
        let application = request.extensions().get::<JoinApplication>().unwrap();
        let mut response = Response::new(Full::new(Bytes::new()));
        // Forward mode: a decision in the response's extensions.
        if application.requestor == "jared" {
            response
                .extensions_mut()
                .insert(Reply::from(Decision::allow()));
        }
        Ok(response)
    })
}

#[tokio::test]
async fn a_users_before_webhook_answered_with_unit_gets_its_fallback_in_handler_mode() {
    let logs_everything =
        service_fn(|_: Request<JoinApplication>| async { Ok::<_, Infallible>(()) });
    let service = WebhookLayer::<JoinApplication>::new(PATH)
        .app_id(APP_ID)
        .handler(logs_everything)
        .layer(app());
    let answer = read_answer(service.oneshot(application()).await.unwrap()).await;
    assert_eq!(wire(&answer), decided(REJECT));

    let decides = service_fn(|request: Request<JoinApplication>| async move {
        Ok::<_, Infallible>(if request.body().requestor == "jared" {
            Decision::allow()
        } else {
            Decision::reject_with(120001, "closed").unwrap()
        })
    });
    let service = WebhookLayer::<JoinApplication>::new(PATH)
        .app_id(APP_ID)
        .handler(decides)
        .layer(app());
    let answer = read_answer(service.clone().oneshot(application()).await.unwrap()).await;
    assert_eq!(wire(&answer), decided(ALLOW));
    let answer = read_answer(service.oneshot(application_of("tommy")).await.unwrap()).await;
    assert_eq!(
        wire(&answer),
        decided(r#"{"ActionStatus":"OK","ErrorInfo":"closed","ErrorCode":120001}"#)
    );
}

#[tokio::test]
async fn every_decision_of_a_users_before_webhook_is_written_exactly() {
    // Handler mode and forward mode write the same bytes: HTTP 200, and the
    // decision's ErrorCode and ErrorInfo.
    for (decision, bytes) in [
        (Decision::allow(), ALLOW),
        (Decision::reject(), REJECT),
        (
            Decision::reject_with(1, "").unwrap(),
            r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":1}"#,
        ),
        (
            Decision::reject_with(0x7fff_ffff, "full").unwrap(),
            r#"{"ActionStatus":"OK","ErrorInfo":"full","ErrorCode":2147483647}"#,
        ),
        (
            Decision::reject_with(-1, "\"quoted\" \u{4e0d}").unwrap(),
            r#"{"ActionStatus":"OK","ErrorInfo":"\"quoted\" 不","ErrorCode":-1}"#,
        ),
    ] {
        let handler = {
            let decision = decision.clone();
            service_fn(move |_: Request<JoinApplication>| {
                let decision = decision.clone();
                async move { Ok::<_, Infallible>(decision) }
            })
        };
        let service = WebhookLayer::<JoinApplication>::new(PATH)
            .app_id(APP_ID)
            .handler(handler)
            .layer(app());
        let answer = read_answer(service.oneshot(application()).await.unwrap()).await;
        assert_eq!(wire(&answer), decided(bytes), "handler mode: {decision:?}");

        let route = {
            let decision = decision.clone();
            service_fn(move |_: Request<RequestBody<String>>| {
                let mut response = Response::new(Full::new(Bytes::new()));
                response
                    .extensions_mut()
                    .insert(Reply::from(decision.clone()));
                async move { Ok::<_, Infallible>(response) }
            })
        };
        let service = WebhookLayer::<JoinApplication>::new(PATH)
            .app_id(APP_ID)
            .layer(route);
        let answer = read_answer(service.oneshot(application()).await.unwrap()).await;
        assert_eq!(wire(&answer), decided(bytes), "forward mode: {decision:?}");
    }
}

#[tokio::test]
async fn a_users_before_webhook_answered_without_a_decision_gets_its_fallback_in_forward_mode() {
    let service = WebhookLayer::<JoinApplication>::new(PATH)
        .app_id(APP_ID)
        .layer(app());
    let answer = read_answer(service.clone().oneshot(application()).await.unwrap()).await;
    assert_eq!(wire(&answer), decided(ALLOW));

    // Another requestor: the route answers 200 without a decision.
    let answer = read_answer(service.oneshot(application_of("tommy")).await.unwrap()).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(wire(&answer), decided(REJECT));
}
