//! The fixtures of the Chat URL's own commands
//! (`tests/fixtures/<CallbackCommand>/`), decoded through the public API
//! (`ChatEvent::decode` and `TencentEvent::decode`), written back through
//! `Serialize` as the JSON given here (written out by hand from each file),
//! and refused with the right `ErrorCode` when invalid.
//!
//! Every file in these commands' directories must be listed in [`cases`];
//! `every_chat_fixture_on_disk_is_listed` fails otherwise.

use serde_json::json;
use tencent_live_webhook::{ChatEvent, RequestRateAlert, StateAction, StateChanged, WebhookEvent};

mod fixture_files;
use fixture_files::{check_chat_cases, check_every_file_listed, read};

use fixture_files::Expect::{self, Refused, Written};

/// Every fixture of the Chat URL's own commands: its command, its file
/// (`invalid/` for the refused ones) and what it must give.
fn cases() -> Vec<(&'static str, &'static str, Expect)> {
    vec![
        (
            "Alert.RequestOverLimit",
            "sample.json",
            Written(json!({
                "CallbackCommand": "Alert.RequestOverLimit",
                "ServiceName": "openim", "Command": "batchsendmsg", "Request": 510, "Limit": 200
            })),
        ),
        (
            "Alert.RequestOverLimit",
            "numbers_as_strings.json",
            Written(json!({
                "CallbackCommand": "Alert.RequestOverLimit",
                "ServiceName": "openim", "Command": "sendmsg", "Request": 170, "Limit": 200
            })),
        ),
        (
            "Alert.RequestOverLimit",
            "empty.json",
            Written(json!({"CallbackCommand": "Alert.RequestOverLimit"})),
        ),
        (
            "Alert.RequestOverLimit",
            "invalid/request_as_fraction.json",
            Refused(3005),
        ),
        (
            "Alert.RequestOverLimit",
            "invalid/state_change_command.json",
            Refused(3006),
        ),
        (
            "State.StateChange",
            "sample.json",
            Written(json!({
                "CallbackCommand": "State.StateChange",
                "Info": {"To_Account": "testuser316", "Action": "Login", "Reason": "Register"},
                "KickedDevice": [{"Platform": "Windows"}, {"Platform": "Android"}],
                "EventTime": 1629883332497_u64
            })),
        ),
        (
            "State.StateChange",
            "disconnect_without_kicked_devices.json",
            Written(json!({
                "CallbackCommand": "State.StateChange",
                "Info": {"To_Account": "144115233775727695", "Action": "Disconnect", "Reason": "TimeOut"},
                "EventTime": 1629883432497_u64
            })),
        ),
        (
            "State.StateChange",
            "custom_status.json",
            Written(json!({
                "CallbackCommand": "State.StateChange",
                "Info": {"To_Account": "testuser316", "Action": "CustomStatusChange", "Reason": "SetCustomStatus"},
                "CustomStatus": "in a battle",
                "EventTime": 1629883532497_u64
            })),
        ),
        (
            "State.StateChange",
            "invalid/missing_info.json",
            Refused(3005),
        ),
        (
            "State.StateChange",
            "invalid/empty_to_account.json",
            Refused(3005),
        ),
        (
            "State.StateChange",
            "invalid/info_as_array.json",
            Refused(3005),
        ),
    ]
}

/// The commands this file covers (the families have files of their own:
/// `decode_c2c.rs`, `decode_group.rs`, ...).
const COMMANDS: [&str; 2] = [RequestRateAlert::COMMAND, StateChanged::COMMAND];

#[test]
fn every_chat_fixture_decodes_as_written_here() {
    check_chat_cases(cases());
}

#[test]
fn every_chat_fixture_on_disk_is_listed() {
    let cases = cases();
    check_every_file_listed(
        COMMANDS,
        cases.iter().map(|(command, file, _)| (*command, *file)),
    );
}

#[test]
fn the_typed_fields_hold_what_the_samples_say() {
    let ChatEvent::RequestRateAlert(alert) = ChatEvent::decode(
        RequestRateAlert::COMMAND,
        &read(RequestRateAlert::COMMAND, "sample.json"),
    )
    .unwrap() else {
        panic!("another variant");
    };
    assert_eq!(alert.service_name.as_deref(), Some("openim"));
    assert_eq!((alert.request, alert.limit), (Some(510), Some(200)));

    let ChatEvent::StateChanged(state) = ChatEvent::decode(
        StateChanged::COMMAND,
        &read(StateChanged::COMMAND, "custom_status.json"),
    )
    .unwrap() else {
        panic!("another variant");
    };
    assert_eq!(state.info.action, Some(StateAction::CustomStatusChange));
    assert_eq!(state.custom_status.as_deref(), Some("in a battle"));
    assert_eq!(
        state.event_time(),
        Some(std::time::UNIX_EPOCH + std::time::Duration::from_millis(1629883532497))
    );
}
