//! The fixtures of the Push add-on's batched callbacks (chat-commands.md
//! appendix P, `tests/fixtures/<CallbackCommand>/`), decoded through the
//! public API (`ChatEvent::decode` and `TencentEvent::decode`), written back
//! through `Serialize` as the JSON given here (written out by hand from each
//! file: the batch's `CallbackCommand` at the top, then `Events`), and
//! refused with the right `ErrorCode` when invalid.
//!
//! Every file in these commands' directories must be listed in [`cases`];
//! `every_push_fixture_on_disk_is_listed` fails otherwise.

use std::time::{Duration, UNIX_EPOCH};

use serde_json::json;
use tencent_live_webhook::{
    AllMemberPush, AllMemberPushType, ChatEvent, OfflinePush, OfflinePushType, PushBatch, PushItem,
    TencentEvent, WebhookEvent,
};

mod fixture_files;
use fixture_files::{check_chat_cases, check_every_file_listed, read};

use fixture_files::Expect::{self, Refused, Written};

const OFFLINE: &str = "Push.OfflinePush";
const ALL_MEMBER: &str = "Push.AllMemberPush";

/// Every fixture of the push commands: its command, its file (`invalid/`
/// for the refused ones) and what it must give.
fn cases() -> Vec<(&'static str, &'static str, Expect)> {
    vec![
        (
            OFFLINE,
            "sample.json",
            Written(json!({
                "CallbackCommand": "Push.OfflinePush",
                "Events": [
                    {
                        "CallbackCommand": "Push.OfflinePush", "EventType": 1,
                        "EventTime": 1557481127, "From_Account": "user1", "To_Account": "user2",
                        "PushPlatform": 1, "PushStage": 1,
                        "MsgKey": "48374_2837546_1557481126",
                        "MsgSeq": 48374, "MsgRandom": 2837546, "MsgTime": 1557481126,
                        "PushID": "67120c46_6a4086c0_9bf5fb50_200002d1089b322_2000005d8d46421",
                        "ErrCode": 0, "ErrInfo": "OK"
                    },
                    {
                        "CallbackCommand": "Push.OfflinePush", "EventType": 2,
                        "EventTime": 1557481127, "From_Account": "user2", "To_Account": "user3",
                        "PushPlatform": 1, "PushStage": 1, "GroupID": "@TGS#12DEVUDHQ",
                        "MsgSeq": 48375, "MsgRandom": 2837546, "MsgTime": 1557481126,
                        "PushID": "6710c631_85_392fcbcff_200000b2f2c6820_200002c869bfb81",
                        "ErrCode": 0, "ErrInfo": "OK"
                    }
                ]
            })),
        ),
        (
            OFFLINE,
            "mixed_items.json",
            Written(json!({
                "CallbackCommand": "Push.OfflinePush",
                "Events": [
                    {
                        "CallbackCommand": "Push.OfflinePush", "EventType": 1,
                        "EventTime": 1739956125, "From_Account": "144115233775727695",
                        "To_Account": "144115245353757792", "PushPlatform": 4, "PushStage": 2,
                        "MsgKey": "3000000001_4294967295_1739956120",
                        "MsgSeq": 3000000001_u64, "MsgRandom": 4294967295_u64,
                        "MsgTime": 1739956120, "PushID": "p-1", "ErrCode": 0, "ErrInfo": ""
                    },
                    {
                        "CallbackCommand": "Push.AllMemberPush", "EventType": 2,
                        "To_Account": "user3", "GroupID": "@TGS#12DEVUDHQ", "PushID": "p-2",
                        "ErrCode": -1, "ErrInfo": "token expired"
                    },
                    {"To_Account": "user4", "EventType": 3},
                    {"PushID": "p-4"}
                ]
            })),
        ),
        (
            OFFLINE,
            "empty_events.json",
            Written(json!({"CallbackCommand": "Push.OfflinePush", "Events": []})),
        ),
        (
            OFFLINE,
            "top_level_command.json",
            Written(json!({
                "CallbackCommand": "Push.OfflinePush",
                "Events": [{
                    "CallbackCommand": "Push.OfflinePush", "EventType": 2,
                    "EventTime": 1557481127, "GroupID": "@TGS#12DEVUDHQ", "PushID": "p-5",
                    "ErrCode": 0, "ErrInfo": "OK"
                }]
            })),
        ),
        (OFFLINE, "invalid/missing_events.json", Refused(3005)),
        (OFFLINE, "invalid/events_null.json", Refused(3005)),
        (OFFLINE, "invalid/events_as_object.json", Refused(3005)),
        (
            OFFLINE,
            "invalid/item_event_time_as_fraction.json",
            Refused(3005),
        ),
        (OFFLINE, "invalid/item_as_string.json", Refused(3005)),
        (
            OFFLINE,
            "invalid/top_level_all_member_command.json",
            Refused(3006),
        ),
        (
            ALL_MEMBER,
            "sample.json",
            Written(json!({
                "CallbackCommand": "Push.AllMemberPush",
                "Events": [
                    {
                        "CallbackCommand": "Push.AllMemberPush", "EventType": 1,
                        "TaskId": "657bf434_537529d8_2000005e80aa873_2780d131_bc614e",
                        "TaskTime": 1557481127, "EventTime": 1557481128, "To_Account": "user2",
                        "PushPlatform": 1, "PushStage": 1, "ErrCode": 0, "ErrInfo": "OK"
                    },
                    {
                        "CallbackCommand": "Push.AllMemberPush", "EventType": 2,
                        "TaskId": "657bf434_537529d8_2000005e80aa873_2780d131_9",
                        "TaskTime": 1557481127, "EventTime": 1557481129, "To_Account": "user3",
                        "PushPlatform": 0, "PushStage": 1, "ErrCode": 0, "ErrInfo": "OK"
                    }
                ]
            })),
        ),
        (
            ALL_MEMBER,
            "mixed_items.json",
            Written(json!({
                "CallbackCommand": "Push.AllMemberPush",
                "Events": [
                    {
                        "CallbackCommand": "Push.AllMemberPush", "EventType": 1,
                        "TaskId": "t-1", "TaskTime": 1739956100, "EventTime": 1739956101,
                        "To_Account": "144115233775727695", "PushPlatform": 2, "PushStage": 3,
                        "ErrCode": 0, "ErrInfo": ""
                    },
                    {
                        "CallbackCommand": "Push.OfflinePush", "EventType": 1, "TaskId": "t-1",
                        "To_Account": "viewer-2", "ErrCode": 1, "ErrInfo": "no token"
                    },
                    {"TaskId": "t-1", "EventType": 9},
                    {"To_Account": "user9", "ErrCode": 0}
                ]
            })),
        ),
        (
            ALL_MEMBER,
            "empty_events.json",
            Written(json!({"CallbackCommand": "Push.AllMemberPush", "Events": []})),
        ),
        (ALL_MEMBER, "invalid/missing_events.json", Refused(3005)),
        (ALL_MEMBER, "invalid/events_as_object.json", Refused(3005)),
        (
            ALL_MEMBER,
            "invalid/item_to_account_as_list.json",
            Refused(3005),
        ),
        (
            ALL_MEMBER,
            "invalid/top_level_offline_command.json",
            Refused(3006),
        ),
    ]
}

const COMMANDS: [&str; 2] = [OfflinePush::COMMAND, AllMemberPush::COMMAND];

#[test]
fn the_commands_are_the_catalogues() {
    assert_eq!(COMMANDS, [OFFLINE, ALL_MEMBER]);
    assert_eq!(
        PushBatch::<OfflinePush>::CALLBACK_COMMANDS,
        [<OfflinePush as PushItem>::COMMAND]
    );
    assert_eq!(
        PushBatch::<AllMemberPush>::CALLBACK_COMMANDS,
        [<AllMemberPush as PushItem>::COMMAND]
    );
}

#[test]
fn every_push_fixture_decodes_as_written_here() {
    check_chat_cases(cases());
}

#[test]
fn every_push_fixture_on_disk_is_listed() {
    let cases = cases();
    check_every_file_listed(
        COMMANDS,
        cases.iter().map(|(command, file, _)| (*command, *file)),
    );
}

#[test]
fn push_batches_are_news_without_a_decision() {
    for command in COMMANDS {
        assert_eq!(ChatEvent::fallback(command), None, "{command}");
        assert_eq!(TencentEvent::fallback(command), None, "{command}");
        let event = ChatEvent::decode(command, &read(command, "sample.json")).unwrap();
        assert_eq!(event.decision_accounts(), None, "{command}");
        assert_eq!(event.callback_command(), command);
    }
}

fn offline(file: &str) -> PushBatch<OfflinePush> {
    let ChatEvent::OfflinePushes(batch) = ChatEvent::decode(OFFLINE, &read(OFFLINE, file))
        .unwrap_or_else(|error| panic!("{file}: {error}"))
    else {
        panic!("another variant");
    };
    batch
}

fn all_member(file: &str) -> PushBatch<AllMemberPush> {
    let ChatEvent::AllMemberPushes(batch) = ChatEvent::decode(ALL_MEMBER, &read(ALL_MEMBER, file))
        .unwrap_or_else(|error| panic!("{file}: {error}"))
    else {
        panic!("another variant");
    };
    batch
}

#[test]
fn the_typed_fields_hold_what_the_samples_say() {
    let batch = offline("sample.json");
    let [one, group] = &batch.events[..] else {
        panic!("two items");
    };
    assert_eq!(one.event_type, Some(OfflinePushType::C2c));
    assert_eq!(group.event_type, Some(OfflinePushType::Group));
    assert_eq!(group.group_id.as_deref(), Some("@TGS#12DEVUDHQ"));
    assert_eq!(one.msg_key.as_deref(), Some("48374_2837546_1557481126"));
    // Seconds, not milliseconds.
    assert_eq!(one.event_time_s, Some(1557481127));
    assert_eq!(
        one.event_time(),
        Some(UNIX_EPOCH + Duration::from_secs(1557481127))
    );
    assert_eq!(one.succeeded(), Some(true));

    let batch = all_member("sample.json");
    assert_eq!(batch.events[0].event_type, Some(AllMemberPushType::Offline));
    assert_eq!(batch.events[1].event_type, Some(AllMemberPushType::Online));
    assert_eq!(batch.events[1].task_time, Some(1557481127));
    assert_eq!(
        batch.events[1].event_time(),
        Some(UNIX_EPOCH + Duration::from_secs(1557481129))
    );

    let batch = offline("mixed_items.json");
    assert_eq!(batch.events[2].event_type, Some(OfflinePushType::Other(3)));
    assert_eq!(batch.events[1].succeeded(), Some(false));
    assert_eq!(batch.events[0].msg_random, Some(u64::from(u32::MAX)));
}

#[test]
fn items_of_another_command_are_kept_and_listed() {
    let batch = offline("mixed_items.json");
    assert_eq!(batch.events.len(), 4);
    let odd: Vec<_> = batch.mismatched().collect();
    assert_eq!(odd, [&batch.events[1]]);
    assert_eq!(odd[0].callback_command(), Some(ALL_MEMBER));
    // Without a command (absent or null), an item is not flagged.
    assert_eq!(batch.events[2].callback_command, None);
    assert_eq!(batch.events[3].callback_command, None);

    let batch = all_member("mixed_items.json");
    let odd: Vec<_> = batch.mismatched().collect();
    assert_eq!(odd, [&batch.events[1]]);
    assert_eq!(odd[0].callback_command(), Some(OFFLINE));

    assert_eq!(offline("sample.json").mismatched().count(), 0);
    assert_eq!(all_member("sample.json").mismatched().count(), 0);
}

#[test]
fn each_item_has_its_own_exact_key() {
    let keys = |batch: &PushBatch<OfflinePush>| -> Vec<Option<String>> {
        batch.events.iter().map(PushItem::idempotency_key).collect()
    };
    assert_eq!(
        keys(&offline("sample.json")),
        [
            Some(
                "Push.OfflinePush:67120c46_6a4086c0_9bf5fb50_200002d1089b322_2000005d8d46421"
                    .to_owned()
            ),
            Some(
                "Push.OfflinePush:6710c631_85_392fcbcff_200000b2f2c6820_200002c869bfb81".to_owned()
            ),
        ]
    );
    assert_eq!(
        keys(&offline("mixed_items.json")),
        [
            Some("Push.OfflinePush:p-1".to_owned()),
            // The key names the batch's command, whatever the item says.
            Some("Push.OfflinePush:p-2".to_owned()),
            None,
            Some("Push.OfflinePush:p-4".to_owned()),
        ]
    );
    let keys: Vec<_> = all_member("mixed_items.json")
        .events
        .iter()
        .map(PushItem::idempotency_key)
        .collect();
    assert_eq!(
        keys,
        [
            Some("Push.AllMemberPush:t-1:144115233775727695".to_owned()),
            Some("Push.AllMemberPush:t-1:viewer-2".to_owned()),
            None,
            None,
        ]
    );
    assert_eq!(
        all_member("sample.json").events[0]
            .idempotency_key()
            .as_deref(),
        Some("Push.AllMemberPush:657bf434_537529d8_2000005e80aa873_2780d131_bc614e:user2")
    );
}

#[test]
fn a_batch_has_no_whole_body_key() {
    use tencent_live_webhook::IdempotencyKey;
    for command in COMMANDS {
        let key = IdempotencyKey::new(command, &read(command, "sample.json"));
        assert_eq!(key.as_str(), None, "{command}");
    }
}

#[test]
fn a_batch_written_back_decodes_to_itself() {
    let batch = offline("mixed_items.json");
    let written = serde_json::to_vec(&batch).unwrap();
    assert_eq!(
        PushBatch::<OfflinePush>::decode(OFFLINE, &written).unwrap(),
        batch
    );
    let built = PushBatch::new(vec![AllMemberPush::default()]);
    assert_eq!(
        serde_json::to_value(&built).unwrap(),
        json!({"CallbackCommand": "Push.AllMemberPush", "Events": [{}]})
    );
}
