//! The fixtures of the one-to-one (C2C) commands
//! (`tests/fixtures/C2C.*/`, chat-commands.md §4), decoded through the public
//! API (`ChatEvent::decode` and `TencentEvent::decode`), written back through
//! `Serialize` as the JSON given here (written out by hand from each file),
//! and refused with the right `ErrorCode` when invalid.
//!
//! Every file in a C2C command's directory must be listed in [`cases`];
//! `every_c2c_fixture_on_disk_is_listed` fails otherwise.

use serde_json::{json, Value};
use tencent_live_webhook::{
    AllMessagesRead, C2cConversationRead, C2cExtensionChanged, C2cMessageDecision,
    C2cMessageModified, C2cMessageRecalled, C2cMessageSending, C2cMessageSent, C2cReadReceiptSent,
    ChatEvent, CustomElem, ExtensionOperation, LiveEvent, MsgElement, Reply, TencentEvent,
    WebhookEvent,
};

mod fixture_files;
use fixture_files::{check_chat_cases, check_every_file_listed, read};

use fixture_files::Expect::{self, Refused, Written};

const BEFORE: &str = "C2C.CallbackBeforeSendMsg";
const AFTER: &str = "C2C.CallbackAfterSendMsg";
const REPORT: &str = "C2C.CallbackAfterMsgReport";
const WITHDRAW: &str = "C2C.CallbackAfterMsgWithDraw";
const EXTENSION: &str = "C2C.CallbackAfterC2CMsgExtension";
const RECEIPT: &str = "C2C.CallbackAfterMsgReadReceipt";
const MODIFY: &str = "C2C.CallbackAfterModifyMsg";
const READ_ALL: &str = "C2C.CallbackAfterMsgReadAll";

/// The text element `{"MsgType":"TIMTextElem","MsgContent":{"Text":..}}`.
fn text(text: &str) -> Value {
    json!({"MsgType": "TIMTextElem", "MsgContent": {"Text": text}})
}

/// Every fixture of the C2C commands: its command, its file (`invalid/` for
/// the refused ones) and what it must give.
fn cases() -> Vec<(&'static str, &'static str, Expect)> {
    let cos_url = "https://cos.ap-shanghai.myqcloud.com/6244-shanghai-007-shared-01-1256635546/2690-1400560394/e078-user1/582eef3bb1e6439cd842ae0bd6a16cae-101935?imageMogr2/";
    vec![
        // ---------------------------------------------- C2C.CallbackBeforeSendMsg
        (
            BEFORE,
            "sample.json",
            Written(json!({
                "CallbackCommand": BEFORE,
                "From_Account": "jared", "To_Account": "Jonh",
                "MsgSeq": 48374, "MsgRandom": 2837546, "MsgTime": 1557481126,
                "MsgKey": "48374_2837546_1557481126", "OnlineOnlyFlag": 1,
                "MsgBody": [text("red packet")],
                "CloudCustomData": "your cloud custom data"
            })),
        ),
        (
            BEFORE,
            "realworld_cos_text.json",
            Written(json!({
                "CallbackCommand": BEFORE,
                "From_Account": "user1", "To_Account": "user0",
                "MsgSeq": 1234567, "MsgRandom": 123, "MsgTime": 1629439393,
                "MsgKey": "1234567_123456_123456789", "OnlineOnlyFlag": 0,
                "MsgBody": [text("asdad")]
            })),
        ),
        (
            BEFORE,
            "realworld_cos_image.json",
            Written(json!({
                "CallbackCommand": BEFORE,
                "From_Account": "user1", "To_Account": "user0",
                "MsgSeq": 1234567, "MsgRandom": 123, "MsgTime": 1629357746,
                "MsgKey": "1234567_123456_123456789", "OnlineOnlyFlag": 0,
                "MsgBody": [{
                    "MsgType": "TIMImageElem",
                    "MsgContent": {
                        "UUID": "123456-user1-abcdefghd",
                        "ImageFormat": 3,
                        "ImageInfoArray": [
                            {"Type": 1, "Size": 43599, "Width": 1156, "Height": 582, "URL": cos_url},
                            {"Type": 2, "Size": 0, "Width": 0, "Height": 0, "URL": cos_url},
                            {"Type": 3, "Size": 0, "Width": 394, "Height": 198,
                             "URL": format!("{cos_url}&imageView2/3/w/198/h/198")}
                        ]
                    }
                }]
            })),
        ),
        (
            BEFORE,
            "realworld_go_mock.json",
            Written(json!({
                "CallbackCommand": BEFORE,
                "From_Account": "jared", "To_Account": "Jonh",
                "MsgBody": [text("red packet")]
            })),
        ),
        (
            BEFORE,
            "realworld_java_load_test.json",
            // No accounts; the merged query parameters and app keys are
            // dropped; the custom element is kept member for member (its
            // 3.7 KB `Data` is checked in `the_typed_fields_hold_what_the_samples_say`).
            Written(json!({
                "CallbackCommand": BEFORE,
                "MsgBody": [{
                    "MsgType": "TIMCustomElem",
                    "MsgContent": {
                        "Ext": "", "Desc": "您收到了一条新消息", "Sound": "",
                        "Data": sent(BEFORE, "realworld_java_load_test.json", "/MsgBody/0/MsgContent/Data")
                    }
                }]
            })),
        ),
        (
            BEFORE,
            "lenient.json",
            Written(json!({
                "CallbackCommand": BEFORE,
                "From_Account": "144115233775727695", "To_Account": "viewer-2",
                "MsgSeq": 3000000001_u64, "MsgRandom": 4294967295_u64, "MsgTime": 1739956070,
                "MsgKey": "3000000001_4294967295_1739956070",
                "MsgId": "144115233775727695-1739956070-4294967295",
                "OnlineOnlyFlag": 0,
                "MsgBody": [
                    text("hi"),
                    {"MsgType": "TIMCustomElem", "MsgContent": {"Desc": "gift", "Data": "{\"id\":7}"}}
                ],
                "EventTime": 1739956070120_u64
            })),
        ),
        (BEFORE, "invalid/msg_body_as_object.json", Refused(3005)),
        (BEFORE, "invalid/msg_random_negative.json", Refused(3005)),
        (BEFORE, "invalid/after_send_command.json", Refused(3006)),
        // ----------------------------------------------- C2C.CallbackAfterSendMsg
        (
            AFTER,
            "sample.json",
            Written(json!({
                "CallbackCommand": AFTER,
                "From_Account": "jared", "To_Account": "Jonh",
                "MsgSeq": 48374, "MsgRandom": 2837546, "MsgTime": 1557481126,
                "MsgKey": "48374_2837546_1557481126", "OnlineOnlyFlag": 1,
                "SendMsgResult": 0, "ErrorInfo": "send msg succeed", "UnreadMsgNum": 7,
                "MsgBody": [text("red packet")],
                "CloudCustomData": "your cloud custom data"
            })),
        ),
        (
            AFTER,
            "realworld_csharp_capture.json",
            Written(json!({
                "CallbackCommand": AFTER,
                "From_Account": "VISITOR_11", "To_Account": "TXUSER_235500",
                "MsgTime": 1495788601,
                "MsgBody": [
                    text("fasdfdsfdsf"),
                    {"MsgType": "TIMFaceElem", "MsgContent": {"Index": 3, "Data": "[发呆]"}},
                    text("nexid = 2 & brandid = 2 & dialogid = ")
                ]
            })),
        ),
        (
            AFTER,
            "delivery_failed.json",
            Written(json!({
                "CallbackCommand": AFTER,
                "From_Account": "viewer-2", "To_Account": "144115245353757792",
                "MsgSeq": 2804799576_u64, "MsgRandom": 2804799577_u64, "MsgTime": 1739956080,
                "MsgKey": "2804799576_2804799577_1739956080",
                "MsgId": "viewer-2-1739956080-2804799577",
                "OnlineOnlyFlag": 0,
                "SendMsgResult": 80001, "ErrorInfo": "msg has dirty words", "UnreadMsgNum": -1,
                "MsgBody": [text("****")],
                "EventTime": 1739956080400_u64
            })),
        ),
        (AFTER, "invalid/msg_body_as_object.json", Refused(3005)),
        (AFTER, "invalid/unread_as_fraction.json", Refused(3005)),
        (AFTER, "invalid/before_send_command.json", Refused(3006)),
        // --------------------------------------------- C2C.CallbackAfterMsgReport
        (
            REPORT,
            "sample.json",
            Written(json!({
                "CallbackCommand": REPORT,
                "Report_Account": "jared", "Peer_Account": "Jonh",
                "LastReadTime": 1614754606, "UnreadMsgNum": 7
            })),
        ),
        (
            REPORT,
            "numbers_as_strings.json",
            Written(json!({
                "CallbackCommand": REPORT,
                "Report_Account": "144115233775727695",
                "LastReadTime": 1739956090, "UnreadMsgNum": 0,
                "EventTime": 1739956090500_u64
            })),
        ),
        (REPORT, "invalid/missing_report_account.json", Refused(3005)),
        (REPORT, "invalid/empty_report_account.json", Refused(3005)),
        (REPORT, "invalid/withdraw_command.json", Refused(3006)),
        // ------------------------------------------- C2C.CallbackAfterMsgWithDraw
        (
            WITHDRAW,
            "sample.json",
            Written(json!({
                "CallbackCommand": WITHDRAW,
                "From_Account": "jared", "To_Account": "Jonh",
                "MsgKey": "48374_2837546_1557481126", "UnreadMsgNum": 7
            })),
        ),
        (
            WITHDRAW,
            "key_only.json",
            Written(json!({
                "CallbackCommand": WITHDRAW,
                "MsgKey": "48374_2837546_1557481126", "EventTime": 1557481200000_u64
            })),
        ),
        (WITHDRAW, "invalid/missing_msg_key.json", Refused(3005)),
        (WITHDRAW, "invalid/empty_msg_key.json", Refused(3005)),
        (WITHDRAW, "invalid/msg_report_command.json", Refused(3006)),
        // --------------------------------------- C2C.CallbackAfterC2CMsgExtension
        (
            EXTENSION,
            "sample.json",
            Written(json!({
                "CallbackCommand": EXTENSION,
                "From_Account": "user1", "To_Account": "user2",
                "MsgKey": "93847636_1287657_1764688415", "OperateType": 1,
                "ExtensionList": [
                    {"Key": "k1", "Value": "v1", "Seq": 1},
                    {"Key": "k2", "Value": "v2", "Seq": 1},
                    {"Key": "k3", "Value": "v3", "Seq": 1}
                ],
                "Seq": 1, "EventTime": 1764688540182_u64
            })),
        ),
        (
            EXTENSION,
            "delete.json",
            Written(json!({
                "CallbackCommand": EXTENSION,
                "From_Account": "user1", "To_Account": "user2",
                "MsgKey": "93847636_1287657_1764688415", "OperateType": 2,
                "ExtensionList": [
                    {"Key": "k1", "Value": "", "Seq": 2},
                    {"Key": "k2", "Value": "", "Seq": 2},
                    {"Key": "k3", "Value": "", "Seq": 2}
                ],
                "Seq": 2, "EventTime": 1764688641499_u64
            })),
        ),
        (
            EXTENSION,
            "clear.json",
            Written(json!({
                "CallbackCommand": EXTENSION,
                "From_Account": "user1", "To_Account": "user2",
                "MsgKey": "93847636_1287657_1764688415", "OperateType": 3,
                "ExtensionList": [], "Seq": 3, "EventTime": 1764688662721_u64
            })),
        ),
        (
            EXTENSION,
            "lenient.json",
            Written(json!({
                "CallbackCommand": EXTENSION,
                "MsgKey": "93847636_1287657_1764688415", "OperateType": 4,
                "ExtensionList": [{"Key": "k4", "Seq": 5}],
                "Seq": 5, "EventTime": 1764688700000_u64
            })),
        ),
        (EXTENSION, "invalid/missing_msg_key.json", Refused(3005)),
        (
            EXTENSION,
            "invalid/extension_list_as_object.json",
            Refused(3005),
        ),
        (
            EXTENSION,
            "invalid/group_extension_command.json",
            Refused(3006),
        ),
        // ---------------------------------------- C2C.CallbackAfterMsgReadReceipt
        (
            RECEIPT,
            "sample.json",
            Written(json!({
                "CallbackCommand": RECEIPT,
                "Operator_Account": "jared", "Peer_Account": "Jonh",
                "C2CMsgInfo": [{
                    "From_Account": "Jonh", "To_Account": "jared",
                    "MsgKey": "33973751_24064952_1769139583",
                    "MsgId": "144115433090395387-1769139578-24064952"
                }],
                "EventTime": 1769139587754_u64
            })),
        ),
        (
            RECEIPT,
            "two_messages_lenient.json",
            Written(json!({
                "CallbackCommand": RECEIPT,
                "Operator_Account": "144115233775727695",
                "C2CMsgInfo": [
                    {"From_Account": "viewer-2", "To_Account": "144115233775727695",
                     "MsgId": "viewer-2-1739956100-17"},
                    {"From_Account": "viewer-2", "To_Account": "144115233775727695",
                     "MsgKey": "18_17_1739956101"}
                ],
                "EventTime": 1739956102000_u64
            })),
        ),
        (
            RECEIPT,
            "invalid/missing_operator_account.json",
            Refused(3005),
        ),
        (
            RECEIPT,
            "invalid/empty_operator_account.json",
            Refused(3005),
        ),
        (RECEIPT, "invalid/msg_info_as_object.json", Refused(3005)),
        (RECEIPT, "invalid/group_receipt_command.json", Refused(3006)),
        // --------------------------------------------- C2C.CallbackAfterModifyMsg
        (
            MODIFY,
            "sample.json",
            Written(json!({
                "CallbackCommand": MODIFY,
                "Operator_Account": "jared", "From_Account": "jared", "To_Account": "Jonh",
                "MsgSeq": 609, "MsgRandom": 690, "MsgTime": 1769771529,
                "MsgKey": "609_690_1769771529",
                "MsgBody": [text("2026-01-30T11:20:26.548Z")],
                "CloudCustomData": "1769772027",
                "EventTime": 1769772027036_u64
            })),
        ),
        (
            MODIFY,
            "custom_element_by_admin.json",
            Written(json!({
                "CallbackCommand": MODIFY,
                "Operator_Account": "administrator", "From_Account": "viewer-2",
                "To_Account": "144115245353757792",
                "MsgSeq": 2804799576_u64, "MsgRandom": 2804799577_u64, "MsgTime": 1739956080,
                "MsgKey": "2804799576_2804799577_1739956080",
                "MsgBody": [
                    {"MsgType": "TIMCustomElem",
                     "MsgContent": {"Desc": "notice", "Data": "{\"masked\":true}", "Ext": ""}},
                    {"MsgType": "TIMNewElem", "MsgContent": {"Foo": 1}}
                ],
                "EventTime": 1739956110000_u64
            })),
        ),
        (MODIFY, "invalid/missing_msg_key.json", Refused(3005)),
        (MODIFY, "invalid/msg_body_as_object.json", Refused(3005)),
        (MODIFY, "invalid/group_modify_command.json", Refused(3006)),
        // -------------------------------------------- C2C.CallbackAfterMsgReadAll
        (
            READ_ALL,
            "sample.json",
            Written(json!({
                "CallbackCommand": READ_ALL,
                "Report_Account": "Jonh",
                "GroupReadInfo": [{"GroupId": "groupid", "MsgSeq": 100}],
                "EventTime": 1769773302575_u64
            })),
        ),
        (
            READ_ALL,
            "without_groups.json",
            Written(json!({
                "CallbackCommand": READ_ALL,
                "Report_Account": "144115233775727695",
                "EventTime": 1739956290000_u64
            })),
        ),
        (
            READ_ALL,
            "topic_and_empty_element.json",
            Written(json!({
                "CallbackCommand": READ_ALL,
                "Report_Account": "viewer-2",
                "GroupReadInfo": [
                    {"GroupId": "@TGS#_@TGS#cQVLVHIM62CJ@TOPIC#_TestTopic", "MsgSeq": 7},
                    {}
                ],
                "EventTime": 1739956291000_u64
            })),
        ),
        (
            READ_ALL,
            "invalid/missing_report_account.json",
            Refused(3005),
        ),
        (READ_ALL, "invalid/empty_report_account.json", Refused(3005)),
        (
            READ_ALL,
            "invalid/group_read_info_as_object.json",
            Refused(3005),
        ),
        (READ_ALL, "invalid/msg_report_command.json", Refused(3006)),
    ]
}

/// A value of a fixture's body, at a JSON pointer: for values too long to
/// write out here.
fn sent(command: &str, file: &str, pointer: &str) -> Value {
    let body: Value = serde_json::from_slice(&read(command, file)).unwrap();
    body.pointer(pointer)
        .unwrap_or_else(|| panic!("{command}/{file}: no {pointer}"))
        .clone()
}

/// The C2C commands: in `ChatEvent`'s table, not in `LiveEvent`'s.
fn c2c_commands() -> Vec<&'static str> {
    ChatEvent::CALLBACK_COMMANDS
        .iter()
        .copied()
        .filter(|command| command.starts_with("C2C.") && !LiveEvent::claims(command))
        .collect()
}

#[test]
fn the_table_has_the_eight_c2c_commands_in_the_catalogue_order() {
    assert_eq!(
        c2c_commands(),
        [BEFORE, AFTER, REPORT, WITHDRAW, EXTENSION, RECEIPT, MODIFY, READ_ALL]
    );
    assert!(c2c_commands()
        .iter()
        .all(|command| TencentEvent::claims(command)));
}

#[test]
fn every_c2c_fixture_decodes_as_written_here() {
    check_chat_cases(cases());
}

#[test]
fn every_c2c_fixture_on_disk_is_listed() {
    let cases = cases();
    check_every_file_listed(
        c2c_commands(),
        cases.iter().map(|(command, file, _)| (*command, *file)),
    );
}

#[test]
fn only_the_message_before_send_is_a_decision_and_it_falls_back_to_delivery() {
    assert_eq!(
        ChatEvent::fallback(BEFORE),
        Some(Reply::from(C2cMessageDecision::allow()))
    );
    for command in &c2c_commands()[1..] {
        assert_eq!(ChatEvent::fallback(command), None, "{command}");
    }
}

fn decode<T: WebhookEvent>(command: &str, file: &str) -> T {
    T::decode(command, &read(command, file)).unwrap_or_else(|error| panic!("{file}: {error}"))
}

#[test]
fn the_typed_fields_hold_what_the_samples_say() {
    let load_test: C2cMessageSending = decode(BEFORE, "realworld_java_load_test.json");
    assert_eq!((load_test.from_account, load_test.to_account), (None, None));
    let body = load_test.msg_body.unwrap();
    let [MsgElement::Custom(CustomElem { data, sound, .. })] = body.as_slice() else {
        panic!("not one custom element");
    };
    assert!(data.as_deref().unwrap().len() > 3000);
    assert_eq!(sound.as_deref(), Some(""));

    let failed: C2cMessageSent = decode(AFTER, "delivery_failed.json");
    assert_eq!(failed.delivered(), Some(false));
    assert_eq!(failed.send_msg_result, Some(80001));
    assert_eq!(failed.unread_msg_num, Some(-1));
    assert_eq!(failed.online_only, Some(false));
    let capture: C2cMessageSent = decode(AFTER, "realworld_csharp_capture.json");
    assert_eq!(capture.delivered(), None);
    assert_eq!(capture.msg_key, None);
    assert_eq!(
        capture.texts().collect::<Vec<_>>(),
        ["fasdfdsfdsf", "nexid = 2 & brandid = 2 & dialogid = "]
    );

    let report: C2cConversationRead = decode(REPORT, "numbers_as_strings.json");
    assert_eq!(report.report_account, "144115233775727695");
    assert_eq!(report.last_read_time, Some(1739956090));
    assert_eq!(
        report.event_time(),
        Some(std::time::UNIX_EPOCH + std::time::Duration::from_millis(1739956090500))
    );

    let recalled: C2cMessageRecalled = decode(WITHDRAW, "sample.json");
    assert_eq!(recalled.msg_key, "48374_2837546_1557481126");

    let cleared: C2cExtensionChanged = decode(EXTENSION, "clear.json");
    assert_eq!(cleared.operate_type, Some(ExtensionOperation::Clear));
    assert_eq!(cleared.extensions, Some(vec![]));
    let unknown: C2cExtensionChanged = decode(EXTENSION, "lenient.json");
    assert_eq!(unknown.operate_type, Some(ExtensionOperation::Other(4)));
    assert_eq!(unknown.extensions.unwrap()[0].value, None);

    let receipt: C2cReadReceiptSent = decode(RECEIPT, "two_messages_lenient.json");
    let messages = receipt.messages.unwrap();
    assert_eq!(messages[0].msg_key, None);
    assert_eq!(messages[1].msg_key.as_deref(), Some("18_17_1739956101"));

    let edited: C2cMessageModified = decode(MODIFY, "sample.json");
    assert_eq!(
        edited.texts().collect::<Vec<_>>(),
        ["2026-01-30T11:20:26.548Z"]
    );
    assert_eq!(edited.cloud_custom_data.as_deref(), Some("1769772027"));

    let read_all: AllMessagesRead = decode(READ_ALL, "without_groups.json");
    assert_eq!(read_all.groups, None);
}
