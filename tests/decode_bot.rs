//! The fixtures of the chatbot commands (chat-commands.md §7,
//! `tests/fixtures/<CallbackCommand>/`), decoded through the public API
//! (`ChatEvent::decode` and `TencentEvent::decode`), written back through
//! `Serialize` as the JSON given here (written out by hand from each file),
//! and refused with the right `ErrorCode` when invalid.
//!
//! Every file in these commands' directories must be listed in [`cases`];
//! `every_bot_fixture_on_disk_is_listed` fails otherwise.

use serde_json::json;
use tencent_live_webhook::{
    BotMentioned, BotMessageReceived, BotSignalReceived, ChatEvent, ChatbotReply, GroupType, Reply,
    TencentEvent, WebhookEvent,
};

mod fixture_files;
use fixture_files::{check_chat_cases, check_every_file_listed, read};

use fixture_files::Expect::{self, Refused, Written};

const C2C: &str = "Bot.OnC2CMessage";
const GROUP: &str = "Bot.OnGroupMessage";
const SIGNAL: &str = "Chatbot.OnC2CSignalMessage";

/// Every fixture of the chatbot commands: its command, its file (`invalid/`
/// for the refused ones) and what it must give.
fn cases() -> Vec<(&'static str, &'static str, Expect)> {
    vec![
        (
            C2C,
            "sample.json",
            Written(json!({
                "CallbackCommand": "Bot.OnC2CMessage",
                "From_Account": "jared", "To_Account": "Jonh",
                "MsgSeq": 48374, "MsgRandom": 2837546, "MsgTime": 1557481126,
                "MsgKey": "48374_2837546_1557481126", "OnlineOnlyFlag": 1,
                "SendMsgResult": 0, "ErrorInfo": "send msg succeed",
                "MsgBody": [{"MsgType": "TIMTextElem", "MsgContent": {"Text": "red packet"}}],
                "CloudCustomData": "your cloud custom data",
                "EventTime": 1670574414123_u64
            })),
        ),
        (
            C2C,
            "realworld_vue_mock.json",
            Written(json!({
                "CallbackCommand": "Bot.OnC2CMessage",
                "MsgBody": [{"MsgType": "TIMTextElem", "MsgContent": {"Text": "hello bot"}}],
                "From_Account": "user1", "To_Account": "@RBT#001",
                "MsgRandom": 707438945, "MsgSeq": 350821200, "MsgTime": 1686709194,
                "MsgKey": "1349190009_53349086_1698387209", "OnlineOnlyFlag": 0,
                "SendMsgResult": 0, "ErrorInfo": "send msg succeed", "UnreadMsgNum": 1
            })),
        ),
        (
            C2C,
            "numbers_as_strings.json",
            Written(json!({
                "CallbackCommand": "Bot.OnC2CMessage",
                "From_Account": "144115233775727695", "To_Account": "@RBT#001",
                "MsgSeq": 3000000001_u64, "MsgRandom": 4294967295_u64, "MsgTime": 1739956120,
                "MsgKey": "3000000001_4294967295_1739956120",
                "MsgId": "144115233775727695-1739956120-4294967295", "OnlineOnlyFlag": 0,
                "SendMsgResult": 0, "ErrorInfo": "send msg succeed",
                "MsgBody": [{"MsgType": "TIMCustomElem",
                    "MsgContent": {"Data": "{\"cmd\":\"menu\"}", "Desc": "menu"}}],
                "EventTime": 1739956120456_u64
            })),
        ),
        (
            C2C,
            "empty.json",
            Written(json!({"CallbackCommand": "Bot.OnC2CMessage"})),
        ),
        (C2C, "invalid/msg_body_as_object.json", Refused(3005)),
        (C2C, "invalid/msg_random_negative.json", Refused(3005)),
        (C2C, "invalid/group_bot_command.json", Refused(3006)),
        (
            GROUP,
            "sample.json",
            Written(json!({
                "CallbackCommand": "Bot.OnGroupMessage",
                "GroupId": "@TGS#2J4SZEAEL", "Type": "Public",
                "From_Account": "jared", "Operator_Account": "admin",
                "Random": 123456, "MsgSeq": 123, "MsgTime": 1490686222, "OnlineOnlyFlag": 1,
                "MsgBody": [{"MsgType": "TIMTextElem", "MsgContent": {"Text": "@@RBT#001 hello"}}],
                "AtRobots_Account": ["@RBT#001"],
                "CloudCustomData": "your cloud custom data",
                "EventTime": 1670574414123_u64
            })),
        ),
        (
            GROUP,
            "topic_two_bots_strings.json",
            Written(json!({
                "CallbackCommand": "Bot.OnGroupMessage",
                "GroupId": "@TGS#_@TGS#cQVLVHIM62CJ@TOPIC#_TestTopic",
                "TopicId": "@TGS#_@TGS#cQVLVHIM62CJ@TOPIC#_TestTopic",
                "Type": "Community", "From_Account": "144115233775727695",
                "Random": 2804799576_u64, "MsgSeq": 57, "MsgTime": 1739956130,
                "OnlineOnlyFlag": 0,
                "MsgBody": [{"MsgType": "TIMTextElem",
                    "MsgContent": {"Text": "@@RBT#001 @@RBT#002 score?"}}],
                "AtRobots_Account": ["@RBT#001", "@RBT#002"],
                "EventTime": 1739956130789_u64
            })),
        ),
        (
            GROUP,
            "group_only.json",
            Written(json!({"CallbackCommand": "Bot.OnGroupMessage", "GroupId": "pk-3"})),
        ),
        (GROUP, "invalid/missing_group_id.json", Refused(3005)),
        (GROUP, "invalid/empty_group_id.json", Refused(3005)),
        (GROUP, "invalid/at_robots_as_object.json", Refused(3005)),
        (GROUP, "invalid/c2c_bot_command.json", Refused(3006)),
        (
            SIGNAL,
            "sample.json",
            Written(json!({
                "CallbackCommand": "Chatbot.OnC2CSignalMessage",
                "From_Account": "jared", "To_Account": "@RBT#001",
                "MsgSeq": 48374, "MsgRandom": 2837546,
                "MsgKey": "48374_2837546_1557481126",
                "Data": "{\"cmd\":\"ping\"}",
                "EventTime": 1670574414123_u64
            })),
        ),
        (
            SIGNAL,
            "data_as_object_strings.json",
            Written(json!({
                "CallbackCommand": "Chatbot.OnC2CSignalMessage",
                "From_Account": "144115233775727695", "To_Account": "@RBT#001",
                "MsgSeq": 4294967295_u64, "MsgRandom": 3000000001_u64,
                "Data": {"cmd": "ping", "n": [1, 2]}
            })),
        ),
        (
            SIGNAL,
            "empty.json",
            Written(json!({"CallbackCommand": "Chatbot.OnC2CSignalMessage"})),
        ),
        (SIGNAL, "invalid/msg_seq_as_fraction.json", Refused(3005)),
        (SIGNAL, "invalid/from_account_as_list.json", Refused(3005)),
        (SIGNAL, "invalid/bot_c2c_command.json", Refused(3006)),
    ]
}

const COMMANDS: [&str; 3] = [
    BotMessageReceived::COMMAND,
    BotMentioned::COMMAND,
    BotSignalReceived::COMMAND,
];

#[test]
fn the_commands_are_the_catalogues() {
    assert_eq!(COMMANDS, [C2C, GROUP, SIGNAL]);
}

#[test]
fn every_bot_fixture_decodes_as_written_here() {
    check_chat_cases(cases());
}

#[test]
fn every_bot_fixture_on_disk_is_listed() {
    let cases = cases();
    check_every_file_listed(
        COMMANDS,
        cases.iter().map(|(command, file, _)| (*command, *file)),
    );
}

#[test]
fn only_the_signal_is_answered_and_its_fallback_is_a_plain_ok() {
    assert_eq!(
        ChatEvent::fallback(SIGNAL),
        Some(Reply::from(ChatbotReply::ok()))
    );
    assert_eq!(
        TencentEvent::fallback(SIGNAL).map(|reply| reply.to_bytes()),
        Some(bytes::Bytes::from_static(
            br#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}"#
        ))
    );
    assert_eq!(ChatEvent::fallback(C2C), None);
    assert_eq!(ChatEvent::fallback(GROUP), None);
    for command in COMMANDS {
        let event = ChatEvent::decode(command, &read(command, "sample.json")).unwrap();
        assert_eq!(event.decision_accounts(), None, "{command}");
    }
}

fn decode<T: WebhookEvent>(command: &str, file: &str) -> T {
    T::decode(command, &read(command, file)).unwrap_or_else(|error| panic!("{file}: {error}"))
}

#[test]
fn the_typed_fields_hold_what_the_samples_say() {
    let message: BotMessageReceived = decode(C2C, "sample.json");
    assert_eq!(message.to_account.as_deref(), Some("Jonh"));
    assert_eq!(message.delivered(), Some(true));
    assert_eq!(message.online_only, Some(true));
    assert_eq!(message.texts().collect::<Vec<_>>(), ["red packet"]);
    assert_eq!(
        message.event_time(),
        Some(std::time::UNIX_EPOCH + std::time::Duration::from_millis(1670574414123))
    );
    let message: BotMessageReceived = decode(C2C, "numbers_as_strings.json");
    assert_eq!(
        (message.msg_seq, message.msg_random),
        (Some(3_000_000_001), Some(u64::from(u32::MAX)))
    );
    assert_eq!(message.unread_msg_num, None);
    assert_eq!(
        message.msg_id.as_deref(),
        Some("144115233775727695-1739956120-4294967295")
    );
    let message: BotMessageReceived = decode(C2C, "realworld_vue_mock.json");
    assert_eq!(message.unread_msg_num, Some(1));
    assert_eq!(message.event_time(), None);

    let mention: BotMentioned = decode(GROUP, "topic_two_bots_strings.json");
    assert_eq!(mention.group_type, Some(GroupType::Community));
    assert_eq!(mention.random, Some(2_804_799_576));
    assert_eq!(
        mention.at_robots_account.as_deref(),
        Some(&["@RBT#001".to_owned(), "@RBT#002".to_owned()][..])
    );
    assert_eq!(
        mention.topic_id.as_deref(),
        Some("@TGS#_@TGS#cQVLVHIM62CJ@TOPIC#_TestTopic")
    );

    let signal: BotSignalReceived = decode(SIGNAL, "sample.json");
    assert_eq!(signal.data_text(), Some("{\"cmd\":\"ping\"}"));
    assert_eq!(signal.msg_key.as_deref(), Some("48374_2837546_1557481126"));
    let signal: BotSignalReceived = decode(SIGNAL, "data_as_object_strings.json");
    assert_eq!(signal.data_text(), None);
    assert_eq!(signal.data, Some(json!({"cmd": "ping", "n": [1, 2]})));
}
