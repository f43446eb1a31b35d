//! The fixtures of the Chat URL's own commands
//! (`tests/fixtures/<CallbackCommand>/`), decoded through the public API
//! (`ChatEvent::decode` and `TencentEvent::decode`), written back through
//! `Serialize` as the JSON given here (written out by hand from each file),
//! and refused with the right `ErrorCode` when invalid.
//!
//! Every file in these commands' directories must be listed in [`cases`];
//! `every_chat_fixture_on_disk_is_listed` fails otherwise.

use std::collections::BTreeSet;

use serde_json::{json, Value};
use tencent_live_webhook::{
    ChatEvent, RequestRateAlert, StateAction, StateChanged, TencentEvent, WebhookEvent,
};

mod fixture_files;
use fixture_files::on_disk;

/// What a fixture must give.
enum Expect {
    /// Decoded, and serialised as this JSON.
    Written(Value),
    /// Refused with this `ErrorCode`.
    Refused(i64),
}

use Expect::{Refused, Written};

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

fn read(command: &str, file: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/{command}/{file}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|error| panic!("{path}: {error}"))
}

/// The commands this file covers (the families have files of their own:
/// `decode_c2c.rs`, `decode_group.rs`, ...).
const COMMANDS: [&str; 2] = [RequestRateAlert::COMMAND, StateChanged::COMMAND];

#[test]
fn every_chat_fixture_decodes_as_written_here() {
    for (command, file, expect) in cases() {
        let body = read(command, file);
        let through_chat = ChatEvent::decode(command, &body);
        let through_both = TencentEvent::decode(command, &body);
        match expect {
            Written(expected) => {
                let event =
                    through_chat.unwrap_or_else(|error| panic!("{command}/{file}: {error}"));
                assert_eq!(event.callback_command(), command, "{file}");
                assert_eq!(
                    serde_json::to_value(&event).unwrap(),
                    expected,
                    "{command}/{file}"
                );
                let both = through_both.unwrap();
                assert_eq!(serde_json::to_value(&both).unwrap(), expected);
            }
            Refused(code) => {
                let error = through_chat.expect_err(file);
                assert_eq!(error.error_code(), code, "{command}/{file}: {error}");
                assert_eq!(through_both.unwrap_err().error_code(), code);
            }
        }
    }
}

#[test]
fn every_chat_fixture_on_disk_is_listed() {
    let listed: BTreeSet<(String, String)> = cases()
        .into_iter()
        .map(|(command, file, _)| (command.to_owned(), file.to_owned()))
        .collect();
    for command in COMMANDS {
        let mut files = on_disk(command);
        assert!(
            files.contains("sample.json"),
            "{command} has no sample.json"
        );
        let invalid = format!("{command}/invalid");
        if std::path::Path::new(&format!(
            "{}/tests/fixtures/{invalid}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .is_dir()
        {
            files.extend(
                on_disk(&invalid)
                    .into_iter()
                    .map(|file| format!("invalid/{file}")),
            );
        }
        for file in files {
            assert!(
                listed.contains(&(command.to_owned(), file.clone())),
                "{command}/{file} is not in cases()"
            );
        }
    }
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
