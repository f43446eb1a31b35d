//! The fixtures of the official-account commands
//! (`tests/fixtures/OfficialAccount.*/`, chat-commands.md §8), decoded
//! through the public API (`ChatEvent::decode` and `TencentEvent::decode`),
//! written back through `Serialize` as the JSON given here (written out by
//! hand from each file), and refused with the right `ErrorCode` when invalid.
//!
//! Every file in an official-account command's directory must be listed in
//! [`cases`]; `every_official_fixture_on_disk_is_listed` fails otherwise.

use serde_json::{json, Value};
use tencent_live_webhook::{
    ChatEvent, CreateOfficialAccountDecision, LiveEvent, MsgElement, OfficialAccountCreated,
    OfficialAccountCreating, OfficialAccountDestroyed, OfficialAccountFull,
    OfficialAccountInfoChanged, OfficialMessageDecision, OfficialMessageSending,
    OfficialMessageSent, OfficialMessagesRecalled, Reply, SubscriberDecision, SubscribersAdded,
    SubscribersAdding, SubscribersDeleted, TencentEvent, WebhookEvent,
};

mod fixture_files;
use fixture_files::{check_chat_cases, check_every_file_listed, read};

use fixture_files::Expect::{self, Refused, Written};

const BEFORE_CREATE: &str = "OfficialAccount.CallbackBeforeCreateOfficialAccount";
const AFTER_CREATE: &str = "OfficialAccount.CallbackAfterCreateOfficialAccount";
const INFO_CHANGED: &str = "OfficialAccount.CallbackAfterOfficialAccountInfoChanged";
const DESTROYED: &str = "OfficialAccount.CallbackAfterOfficialAccountDestroyed";
const BEFORE_ADD: &str = "OfficialAccount.CallbackBeforeAddSubscriber";
const AFTER_ADD: &str = "OfficialAccount.CallbackAfterAddSubscriber";
const FULL: &str = "OfficialAccount.CallbackAfterOfficialAccountFull";
const DELETE: &str = "OfficialAccount.CallbackAfterDeleteSubscriber";
const BEFORE_SEND: &str = "OfficialAccount.CallbackBeforeSendMsg";
const AFTER_SEND: &str = "OfficialAccount.CallbackAfterSendMsg";
const WITHDRAW: &str = "OfficialAccount.CallbackAfterMsgWithDraw";

/// The commands, in the catalogue's order (§8.1-8.11).
const COMMANDS: [&str; 11] = [
    BEFORE_CREATE,
    AFTER_CREATE,
    INFO_CHANGED,
    DESTROYED,
    BEFORE_ADD,
    AFTER_ADD,
    FULL,
    DELETE,
    BEFORE_SEND,
    AFTER_SEND,
    WITHDRAW,
];

/// The text element `{"MsgType":"TIMTextElem","MsgContent":{"Text":..}}`.
fn text(text: &str) -> Value {
    json!({"MsgType": "TIMTextElem", "MsgContent": {"Text": text}})
}

/// The subscriber list of the subscriber commands' `sample.json`.
fn jared_and_leckie() -> Value {
    json!([{"Subscriber_Account": "jared"}, {"Subscriber_Account": "leckie"}])
}

/// What a subscriber command's `numbers_as_strings.json` gives.
fn subscribers_numbers(command: &str) -> Value {
    json!({
        "CallbackCommand": command,
        "Official_Account": "@TOA#pk-3-news",
        "Operator_Account": "administrator",
        "SubscribeAccountList": [
            {"Subscriber_Account": "144115233775727695"},
            {"Subscriber_Account": "viewer-2"},
            {}
        ],
        "EventTime": 1739955950000_u64
    })
}

/// The refusals every subscriber command's `invalid/` has.
fn subscribers_invalid(command: &'static str) -> Vec<(&'static str, &'static str, Expect)> {
    vec![
        (
            command,
            "invalid/missing_official_account.json",
            Refused(3005),
        ),
        (
            command,
            "invalid/empty_official_account.json",
            Refused(3005),
        ),
        (command, "invalid/list_as_object.json", Refused(3005)),
        (command, "invalid/other_command.json", Refused(3006)),
    ]
}

/// What a message command's `custom_and_unknown_elements.json` gives.
fn custom_and_unknown(command: &str, sent: bool) -> Value {
    let mut expected = json!({
        "CallbackCommand": command,
        "Official_Account": "@TOA#pk-3-news",
        "OnlineOnlyFlag": 0,
        "MsgBody": [
            {"MsgType": "TIMCustomElem", "MsgContent": {"Desc": "battle", "Data": "{\"room\":\"pk-3\"}", "Ext": ""}},
            {"MsgType": "TIMRelayElem", "MsgContent": {"Title": "history", "MsgNum": 2}}
        ],
        "EventTime": 1739956100500_u64
    });
    if sent {
        expected["MsgKey"] = json!("3000000001_4294967295_1739956100");
        expected["MsgTime"] = json!(1739956100_u64);
    }
    expected
}

/// The refusals every message command's `invalid/` has.
fn message_invalid(command: &'static str) -> Vec<(&'static str, &'static str, Expect)> {
    vec![
        (
            command,
            "invalid/missing_official_account.json",
            Refused(3005),
        ),
        (
            command,
            "invalid/empty_official_account.json",
            Refused(3005),
        ),
        (command, "invalid/msg_body_as_object.json", Refused(3005)),
        (command, "invalid/other_command.json", Refused(3006)),
    ]
}

/// Every fixture of the official-account commands: its command, its file
/// (`invalid/` for the refused ones) and what it must give.
fn cases() -> Vec<(&'static str, &'static str, Expect)> {
    let mut cases = vec![
        // §8.1
        (
            BEFORE_CREATE,
            "sample.json",
            Written(json!({
                "CallbackCommand": BEFORE_CREATE,
                "Operator_Account": "107867", "Owner_Account": "107867",
                "Name": "TestOfficialAccount", "EventTime": 1670574414123_u64
            })),
        ),
        (
            BEFORE_CREATE,
            "numbers_as_strings.json",
            Written(json!({
                "CallbackCommand": BEFORE_CREATE,
                "Operator_Account": "administrator", "Owner_Account": "144115245353757792",
                "Name": "pk-3 news", "EventTime": 1739955910000_u64
            })),
        ),
        (
            BEFORE_CREATE,
            "bare.json",
            Written(json!({"CallbackCommand": BEFORE_CREATE})),
        ),
        (BEFORE_CREATE, "invalid/owner_as_object.json", Refused(3005)),
        (
            BEFORE_CREATE,
            "invalid/event_time_as_fraction.json",
            Refused(3005),
        ),
        (
            BEFORE_CREATE,
            "invalid/after_create_command.json",
            Refused(3006),
        ),
        // §8.2
        (
            AFTER_CREATE,
            "sample.json",
            Written(json!({
                "CallbackCommand": AFTER_CREATE,
                "Official_Account": "@TOA#_test_OA_for_penn",
                "Operator_Account": "107867", "Owner_Account": "107867",
                "Name": "TestOfficialAccount", "EventTime": 1670574414123_u64
            })),
        ),
        (
            AFTER_CREATE,
            "numbers_as_strings.json",
            Written(json!({
                "CallbackCommand": AFTER_CREATE,
                "Official_Account": "@TOA#pk-3-news",
                "Operator_Account": "administrator", "Owner_Account": "144115245353757792",
                "Name": "pk-3 news", "EventTime": 1739955911000_u64
            })),
        ),
        (
            AFTER_CREATE,
            "id_only.json",
            Written(json!({
                "CallbackCommand": AFTER_CREATE,
                "Official_Account": "@TOA#_test_OA_for_penn"
            })),
        ),
        (
            AFTER_CREATE,
            "invalid/missing_official_account.json",
            Refused(3005),
        ),
        (
            AFTER_CREATE,
            "invalid/empty_official_account.json",
            Refused(3005),
        ),
        (
            AFTER_CREATE,
            "invalid/official_account_as_array.json",
            Refused(3005),
        ),
        (
            AFTER_CREATE,
            "invalid/before_create_command.json",
            Refused(3006),
        ),
        // §8.3
        (
            INFO_CHANGED,
            "sample.json",
            Written(json!({
                "CallbackCommand": INFO_CHANGED,
                "Official_Account": "@TOA#_test_OA_for_penn",
                "Operator_Account": "leckie",
                "Introduction": "NewNotification",
                "Name": "NewName",
                "FaceUrl": "http://this.is.newface.url",
                "Organization": "NewOrganization",
                "EventTime": 1670574414123_u64
            })),
        ),
        (
            INFO_CHANGED,
            "name_only.json",
            Written(json!({
                "CallbackCommand": INFO_CHANGED,
                "Official_Account": "@TOA#pk-3-news",
                "Operator_Account": "administrator",
                "Name": "pk-3 battles",
                "EventTime": 1739956000000_u64
            })),
        ),
        (
            INFO_CHANGED,
            "invalid/missing_official_account.json",
            Refused(3005),
        ),
        (
            INFO_CHANGED,
            "invalid/empty_official_account.json",
            Refused(3005),
        ),
        (
            INFO_CHANGED,
            "invalid/destroyed_command.json",
            Refused(3006),
        ),
        // §8.4
        (
            DESTROYED,
            "sample.json",
            Written(json!({
                "CallbackCommand": DESTROYED,
                "Official_Account": "@TOA#_test_OA_for_penn",
                "Owner_Account": "107867", "Name": "TestOfficialAccount",
                "EventTime": 1670574414123_u64
            })),
        ),
        (
            DESTROYED,
            "owner_as_number.json",
            Written(json!({
                "CallbackCommand": DESTROYED,
                "Official_Account": "@TOA#pk-3-news",
                "Owner_Account": "144115245353757792"
            })),
        ),
        (
            DESTROYED,
            "invalid/missing_official_account.json",
            Refused(3005),
        ),
        (
            DESTROYED,
            "invalid/empty_official_account.json",
            Refused(3005),
        ),
        (DESTROYED, "invalid/full_command.json", Refused(3006)),
        // §8.5
        (
            BEFORE_ADD,
            "sample.json",
            Written(json!({
                "CallbackCommand": BEFORE_ADD,
                "Official_Account": "@TOA#_test_for_penn",
                "Operator_Account": "107867",
                "SubscribeAccountList": jared_and_leckie(),
                "EventTime": 1670574414123_u64
            })),
        ),
        (
            BEFORE_ADD,
            "numbers_as_strings.json",
            Written(subscribers_numbers(BEFORE_ADD)),
        ),
        (
            BEFORE_ADD,
            "account_only.json",
            Written(json!({"CallbackCommand": BEFORE_ADD, "Official_Account": "@TOA#pk-3-news"})),
        ),
        // §8.6
        (
            AFTER_ADD,
            "sample.json",
            Written(json!({
                "CallbackCommand": AFTER_ADD,
                "Official_Account": "@TOA#_test_for_penn",
                "Operator_Account": "107867",
                "SubscribeAccountList": jared_and_leckie(),
                "EventTime": 1670574414123_u64
            })),
        ),
        (
            AFTER_ADD,
            "numbers_as_strings.json",
            Written(subscribers_numbers(AFTER_ADD)),
        ),
        (
            AFTER_ADD,
            "account_only.json",
            Written(json!({"CallbackCommand": AFTER_ADD, "Official_Account": "@TOA#pk-3-news"})),
        ),
        // §8.7
        (
            FULL,
            "sample.json",
            Written(json!({
                "CallbackCommand": FULL,
                "Official_Account": "@TOA#_test_OA_for_penn",
                "EventTime": 1670574414123_u64
            })),
        ),
        (
            FULL,
            "time_as_string.json",
            Written(json!({
                "CallbackCommand": FULL,
                "Official_Account": "@TOA#pk-3-news",
                "EventTime": 1739955960000_u64
            })),
        ),
        (
            FULL,
            "account_only.json",
            Written(json!({"CallbackCommand": FULL, "Official_Account": "@TOA#pk-3-news"})),
        ),
        (FULL, "invalid/missing_official_account.json", Refused(3005)),
        (FULL, "invalid/empty_official_account.json", Refused(3005)),
        (
            FULL,
            "invalid/official_account_as_object.json",
            Refused(3005),
        ),
        (FULL, "invalid/add_subscriber_command.json", Refused(3006)),
        // §8.8
        (
            DELETE,
            "sample.json",
            Written(json!({
                "CallbackCommand": DELETE,
                "Official_Account": "@TOA#_test_OA_for_penn",
                "Operator_Account": "leckie",
                "SubscribeAccountList": jared_and_leckie(),
                "EventTime": 1670574414123_u64
            })),
        ),
        (
            DELETE,
            "numbers_as_strings.json",
            Written(subscribers_numbers(DELETE)),
        ),
        (
            DELETE,
            "account_only.json",
            Written(json!({"CallbackCommand": DELETE, "Official_Account": "@TOA#pk-3-news"})),
        ),
        // §8.9
        (
            BEFORE_SEND,
            "sample.json",
            Written(json!({
                "CallbackCommand": BEFORE_SEND,
                "Official_Account": "@TOA#_2J4SZEAEL",
                "OnlineOnlyFlag": 1,
                "MsgBody": [text("red packet")],
                "CloudCustomData": "your cloud custom data",
                "EventTime": 1670574414123_u64
            })),
        ),
        (
            BEFORE_SEND,
            "custom_and_unknown_elements.json",
            Written(custom_and_unknown(BEFORE_SEND, false)),
        ),
        (
            BEFORE_SEND,
            "account_only.json",
            Written(json!({"CallbackCommand": BEFORE_SEND, "Official_Account": "@TOA#pk-3-news"})),
        ),
        // §8.10
        (
            AFTER_SEND,
            "sample.json",
            Written(json!({
                "CallbackCommand": AFTER_SEND,
                "Official_Account": "@TOA#_2J4SZEAEL",
                "MsgKey": "71_1_1698741698",
                "MsgTime": 1490686222,
                "OnlineOnlyFlag": 1,
                "MsgBody": [text("red packet")],
                "CloudCustomData": "your cloud custom data",
                "EventTime": 1670574414123_u64
            })),
        ),
        (
            AFTER_SEND,
            "custom_and_unknown_elements.json",
            Written(custom_and_unknown(AFTER_SEND, true)),
        ),
        (
            AFTER_SEND,
            "account_only.json",
            Written(json!({"CallbackCommand": AFTER_SEND, "Official_Account": "@TOA#pk-3-news"})),
        ),
        // §8.11
        (
            WITHDRAW,
            "sample.json",
            Written(json!({
                "CallbackCommand": WITHDRAW,
                "Official_Account": "#TOA#_123",
                "WithdrawMsgList": [{"MsgKey": "71_1_1698741698"}],
                "EventTime": 1670574414123_u64
            })),
        ),
        (
            WITHDRAW,
            "several_keys.json",
            Written(json!({
                "CallbackCommand": WITHDRAW,
                "Official_Account": "@TOA#pk-3-news",
                "WithdrawMsgList": [
                    {"MsgKey": "3000000001_4294967295_1739956100"},
                    {"MsgKey": "72_2_1739956110"},
                    {}
                ],
                "EventTime": 1739956120000_u64
            })),
        ),
        (
            WITHDRAW,
            "account_only.json",
            Written(json!({"CallbackCommand": WITHDRAW, "Official_Account": "@TOA#pk-3-news"})),
        ),
        (
            WITHDRAW,
            "invalid/missing_official_account.json",
            Refused(3005),
        ),
        (
            WITHDRAW,
            "invalid/empty_official_account.json",
            Refused(3005),
        ),
        (WITHDRAW, "invalid/list_as_object.json", Refused(3005)),
        (WITHDRAW, "invalid/c2c_withdraw_command.json", Refused(3006)),
    ];
    for command in [BEFORE_ADD, AFTER_ADD, DELETE] {
        cases.extend(subscribers_invalid(command));
    }
    for command in [BEFORE_SEND, AFTER_SEND] {
        cases.extend(message_invalid(command));
    }
    cases
}

/// The official-account commands: in `ChatEvent`'s table, not in
/// `LiveEvent`'s.
fn official_commands() -> Vec<&'static str> {
    ChatEvent::CALLBACK_COMMANDS
        .iter()
        .copied()
        .filter(|command| command.starts_with("OfficialAccount.") && !LiveEvent::claims(command))
        .collect()
}

#[test]
fn the_table_has_the_eleven_official_commands_in_the_catalogue_order() {
    assert_eq!(official_commands(), COMMANDS);
    assert!(COMMANDS.iter().all(|command| TencentEvent::claims(command)));
}

#[test]
fn every_official_fixture_decodes_as_written_here() {
    check_chat_cases(cases());
}

#[test]
fn every_official_fixture_on_disk_is_listed() {
    let cases = cases();
    check_every_file_listed(
        COMMANDS,
        cases.iter().map(|(command, file, _)| (*command, *file)),
    );
}

#[test]
fn the_three_decisions_fall_back_to_allow_as_tencent_does_on_a_time_out() {
    let fallback = |command: &str| ChatEvent::fallback(command).map(|reply| reply.to_bytes());
    assert_eq!(
        fallback(BEFORE_CREATE),
        Some(Reply::from(CreateOfficialAccountDecision::allow()).to_bytes())
    );
    assert_eq!(
        fallback(BEFORE_ADD),
        Some(Reply::from(SubscriberDecision::allow()).to_bytes())
    );
    assert_eq!(
        fallback(BEFORE_SEND),
        Some(Reply::from(OfficialMessageDecision::allow()).to_bytes())
    );
    for command in [BEFORE_CREATE, BEFORE_ADD, BEFORE_SEND] {
        assert_eq!(
            fallback(command).as_deref(),
            Some(&br#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}"#[..]),
            "{command}"
        );
    }
    for command in [
        AFTER_CREATE,
        INFO_CHANGED,
        DESTROYED,
        AFTER_ADD,
        FULL,
        DELETE,
        AFTER_SEND,
        WITHDRAW,
    ] {
        assert_eq!(fallback(command), None, "{command}");
    }
}

fn decode<T: WebhookEvent>(command: &str, file: &str) -> T {
    T::decode(command, &read(command, file)).unwrap_or_else(|error| panic!("{file}: {error}"))
}

#[test]
fn only_the_subscription_decision_names_its_users_those_present_in_order() {
    let event =
        ChatEvent::decode(BEFORE_ADD, &read(BEFORE_ADD, "numbers_as_strings.json")).unwrap();
    assert_eq!(
        event.decision_accounts(),
        Some(vec!["144115233775727695".to_owned(), "viewer-2".to_owned()])
    );
    let sample: SubscribersAdding = decode(BEFORE_ADD, "sample.json");
    assert_eq!(
        sample.decision_accounts(),
        Some(vec!["jared".to_owned(), "leckie".to_owned()])
    );
    let bare: SubscribersAdding = decode(BEFORE_ADD, "account_only.json");
    assert_eq!(bare.decision_accounts(), Some(vec![]));

    for command in COMMANDS.iter().filter(|command| **command != BEFORE_ADD) {
        let event = ChatEvent::decode(command, &read(command, "sample.json")).unwrap();
        assert_eq!(event.decision_accounts(), None, "{command}");
    }
}

#[test]
fn the_typed_fields_hold_what_the_samples_say() {
    let creating: OfficialAccountCreating = decode(BEFORE_CREATE, "numbers_as_strings.json");
    assert_eq!(
        creating.owner_account.as_deref(),
        Some("144115245353757792")
    );
    assert_eq!(
        creating.event_time(),
        Some(std::time::UNIX_EPOCH + std::time::Duration::from_millis(1739955910000))
    );

    let created: OfficialAccountCreated = decode(AFTER_CREATE, "sample.json");
    assert_eq!(created.official_account, "@TOA#_test_OA_for_penn");
    assert_eq!(created.name.as_deref(), Some("TestOfficialAccount"));

    let changed: OfficialAccountInfoChanged = decode(INFO_CHANGED, "name_only.json");
    assert_eq!(changed.name.as_deref(), Some("pk-3 battles"));
    assert_eq!(
        (changed.introduction, changed.face_url, changed.organization),
        (None, None, None)
    );

    let destroyed: OfficialAccountDestroyed = decode(DESTROYED, "owner_as_number.json");
    assert_eq!(destroyed.event_time(), None);

    let added: SubscribersAdded = decode(AFTER_ADD, "numbers_as_strings.json");
    assert_eq!(added.subscribers(), ["144115233775727695", "viewer-2"]);
    assert_eq!(added.subscribe_accounts.unwrap().len(), 3);

    let full: OfficialAccountFull = decode(FULL, "time_as_string.json");
    assert_eq!(full.event_time_ms, Some(1739955960000));

    let deleted: SubscribersDeleted = decode(DELETE, "sample.json");
    assert_eq!(deleted.operator_account.as_deref(), Some("leckie"));
    assert_eq!(deleted.subscribers(), ["jared", "leckie"]);

    let sending: OfficialMessageSending = decode(BEFORE_SEND, "sample.json");
    assert_eq!(sending.online_only, Some(true));
    assert_eq!(sending.texts().collect::<Vec<_>>(), ["red packet"]);
    let custom: OfficialMessageSending = decode(BEFORE_SEND, "custom_and_unknown_elements.json");
    assert_eq!(custom.online_only, Some(false));
    let body = custom.msg_body.unwrap();
    assert!(matches!(&body[0], MsgElement::Custom(_)));
    assert!(matches!(&body[1], MsgElement::Other(json) if json["MsgType"] == "TIMRelayElem"));

    let sent: OfficialMessageSent = decode(AFTER_SEND, "sample.json");
    assert_eq!(sent.msg_key.as_deref(), Some("71_1_1698741698"));
    assert_eq!(sent.msg_time, Some(1490686222));
    let sent_later: OfficialMessageSent = decode(AFTER_SEND, "custom_and_unknown_elements.json");
    assert_eq!(sent_later.msg_time, Some(1739956100));

    let recalled: OfficialMessagesRecalled = decode(WITHDRAW, "several_keys.json");
    assert_eq!(
        recalled.msg_keys().collect::<Vec<_>>(),
        ["3000000001_4294967295_1739956100", "72_2_1739956110"]
    );
    let sample: OfficialMessagesRecalled = decode(WITHDRAW, "sample.json");
    assert_eq!(sample.official_account, "#TOA#_123");
}

/// Sends `body` as `command` through a handler-mode `ChatWebhookLayer`
/// whose handler answers `reply`; the answer's status and body.
async fn answered(command: &str, body: &[u8], reply: Reply) -> (u16, String) {
    use std::convert::Infallible;
    use tencent_live_webhook::testing::fixtures::{APP_ID, PATH};
    use tencent_live_webhook::testing::{read_answer, WebhookRequest};
    use tencent_live_webhook::ChatWebhookLayer;
    use tower::{service_fn, BoxError, Layer, ServiceExt};

    let handler = service_fn(move |_: http::Request<ChatEvent>| {
        let reply = reply.clone();
        async move { Ok::<_, BoxError>(reply) }
    });
    let app = service_fn(|_: http::Request<_>| async {
        panic!("a webhook reached the app");
        #[allow(unreachable_code)]
        Ok::<_, Infallible>(http::Response::new(http_body_util::Full::new(
            bytes::Bytes::new(),
        )))
    });
    let service = ChatWebhookLayer::new(PATH)
        .app_id(APP_ID)
        .handler(handler)
        .layer(app);
    let request = WebhookRequest::raw(command, String::from_utf8(body.to_vec()).unwrap())
        .app_id(APP_ID)
        .build();
    let answer = read_answer(service.oneshot(request).await.unwrap()).await;
    (
        answer.status.as_u16(),
        String::from_utf8(answer.body.to_vec()).unwrap(),
    )
}

#[tokio::test]
async fn a_subscriber_refusal_keeps_only_the_users_the_request_names() {
    let body = read(BEFORE_ADD, "sample.json");
    assert_eq!(
        answered(
            BEFORE_ADD,
            &body,
            SubscriberDecision::refuse(["leckie", "nobody"]).into()
        )
        .await,
        (
            200,
            r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0,"RefusedSubscribers_Account":["leckie"]}"#
                .to_owned()
        )
    );
    // A body that cannot be read gets the fallback: everyone subscribes.
    let unreadable = read(BEFORE_ADD, "invalid/list_as_object.json");
    assert_eq!(
        answered(BEFORE_ADD, &unreadable, SubscriberDecision::reject().into()).await,
        (
            200,
            r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}"#.to_owned()
        )
    );
    // The other two decisions go out as given.
    let create = read(BEFORE_CREATE, "sample.json");
    assert_eq!(
        answered(
            BEFORE_CREATE,
            &create,
            CreateOfficialAccountDecision::reject_with(120001, "name taken")
                .unwrap()
                .into()
        )
        .await,
        (
            200,
            r#"{"ActionStatus":"OK","ErrorInfo":"name taken","ErrorCode":120001}"#.to_owned()
        )
    );
    let send = read(BEFORE_SEND, "sample.json");
    assert_eq!(
        answered(
            BEFORE_SEND,
            &send,
            OfficialMessageDecision::discard().into()
        )
        .await,
        (
            200,
            r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":2}"#.to_owned()
        )
    );
}
