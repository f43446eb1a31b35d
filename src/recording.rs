//! `Live.CallbackAfterCloudRecordingChanged` (also spelled
//! `Follow.CallbackAfterCloudRecordingChanged`): a room's cloud recording
//! changed state. The body is TRTC's cloud-recording event envelope.

use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use crate::battle::{unix_millis, unix_seconds};
use crate::decode::decode_object;
use crate::lenient;
use crate::{Rejection, WebhookEvent};

/// `Live.CallbackAfterCloudRecordingChanged`: the cloud recording of a live
/// room changed state: it started (a live stream started with recording on),
/// stopped, or uploaded. Tencent's Chinese page names the command
/// `Live.CallbackAfterCloudRecordingChanged`, its English page
/// `Follow.CallbackAfterCloudRecordingChanged`; both are received, and
/// [`callback_command`](WebhookEvent::callback_command) gives the one received
/// (the body's, or the query's when the body has none).
///
/// The body is TRTC's cloud-recording event: `EventGroupId` and `EventType`
/// codes, `CallbackTs`, and an `EventInfo` object whose `Payload` depends on
/// the event type (kept whole as JSON). It has no `EventTime`.
///
/// Decoding is lenient, because Tencent does not retry: ids and accounts may
/// be JSON strings or numbers and keep every digit (TRTC sends numeric room
/// ids as numbers); numbers may be numeric strings; unknown codes are kept as
/// `Other`; unknown fields are ignored. Only a body without an `EventInfo`
/// object holding a `RoomId`, with a `CallbackCommand` that is neither
/// spelling, or with a code or time that is not an integer, is refused.
///
/// ```
/// use tencent_live_webhook::{decode_json, CloudRecordingChanged, RecordingEvent, WebhookEvent};
///
/// let body = br#"{"CallbackCommand":"Follow.CallbackAfterCloudRecordingChanged",
///     "EventGroupId":3,"EventType":301,"CallbackTs":1739955905120,
///     "EventInfo":{"RoomId":"pk-3","EventTs":1739955905,"EventMsTs":1739955905100,
///         "UserId":"144115245353757792","TaskId":"task-1","Payload":{"Status":0}}}"#;
/// let changed: CloudRecordingChanged = decode_json(CloudRecordingChanged::COMMAND, body)?;
///
/// assert_eq!(changed.callback_command(), "Follow.CallbackAfterCloudRecordingChanged");
/// assert_eq!(changed.event_type, Some(RecordingEvent::RecorderStart));
/// assert_eq!(changed.event_info.room_id, "pk-3");
/// assert_eq!(changed.event_info.payload.as_ref().unwrap()["Status"], 0);
/// # Ok::<(), tencent_live_webhook::Rejection>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CloudRecordingChanged {
    /// `CallbackCommand`: the spelling received (the body's, or the query's
    /// when the body has none), written back as received.
    #[serde(rename = "CallbackCommand", default)]
    pub callback_command: RecordingCommand,
    /// `EventGroupId`: the kind of recording; `None` when the body has none.
    #[serde(
        rename = "EventGroupId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub event_group: Option<RecordingEventGroup>,
    /// `EventType`: what happened to the recording; `None` when the body has none.
    #[serde(rename = "EventType", default, skip_serializing_if = "Option::is_none")]
    pub event_type: Option<RecordingEvent>,
    /// `CallbackTs`: when Tencent's callback server sent the request, Unix
    /// **milliseconds**; `None` when the body has none.
    #[serde(
        rename = "CallbackTs",
        default,
        deserialize_with = "lenient::option_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub callback_time_ms: Option<u64>,
    /// `EventInfo`: the event's details. Required (it holds the room id); an
    /// array or `null` in its place is refused.
    #[serde(rename = "EventInfo", deserialize_with = "lenient::required_object")]
    pub event_info: RecordingEventInfo,
}

impl CloudRecordingChanged {
    /// `Live.CallbackAfterCloudRecordingChanged`, the spelling of Tencent's
    /// Chinese documentation and command list.
    pub const COMMAND: &'static str = "Live.CallbackAfterCloudRecordingChanged";

    /// `Follow.CallbackAfterCloudRecordingChanged`, the spelling of Tencent's
    /// English page.
    pub const FOLLOW_COMMAND: &'static str = "Follow.CallbackAfterCloudRecordingChanged";

    /// When Tencent's callback server sent the request; `None` when the body
    /// has no `CallbackTs` or it is past what `SystemTime` holds.
    pub fn callback_time(&self) -> Option<SystemTime> {
        self.callback_time_ms.and_then(unix_millis)
    }
}

impl WebhookEvent for CloudRecordingChanged {
    const CALLBACK_COMMANDS: &'static [&'static str] = &[Self::COMMAND, Self::FOLLOW_COMMAND];

    fn decode(command: &str, body: &[u8]) -> Result<Self, Rejection> {
        decode_object(command, Self::CALLBACK_COMMANDS, body)
    }

    fn callback_command(&self) -> &str {
        self.callback_command.as_str()
    }
}

/// The two spellings of the recording command.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RecordingCommand {
    /// `Live.CallbackAfterCloudRecordingChanged`.
    #[default]
    #[serde(rename = "Live.CallbackAfterCloudRecordingChanged")]
    Live,
    /// `Follow.CallbackAfterCloudRecordingChanged`.
    #[serde(rename = "Follow.CallbackAfterCloudRecordingChanged")]
    Follow,
}

impl RecordingCommand {
    /// The spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Live => CloudRecordingChanged::COMMAND,
            Self::Follow => CloudRecordingChanged::FOLLOW_COMMAND,
        }
    }
}

/// `EventInfo` of [`CloudRecordingChanged`]: which room and recording task
/// the event is about, and its details.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RecordingEventInfo {
    /// `RoomId`: the room recorded, a JSON string or number (kept digit for
    /// digit). Required.
    #[serde(rename = "RoomId", deserialize_with = "lenient::id")]
    pub room_id: String,
    /// `EventTs`: when the event happened, Unix **seconds**; `None` when the
    /// body has none.
    #[serde(
        rename = "EventTs",
        default,
        deserialize_with = "lenient::option_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub event_time_s: Option<u64>,
    /// `EventMsTs`: when the event happened, Unix **milliseconds**; `None`
    /// when the body has none.
    #[serde(
        rename = "EventMsTs",
        default,
        deserialize_with = "lenient::option_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub event_time_ms: Option<u64>,
    /// `UserId`: the user whose stream is recorded; `None` when absent.
    #[serde(
        rename = "UserId",
        default,
        deserialize_with = "lenient::option_account",
        skip_serializing_if = "Option::is_none"
    )]
    pub user_id: Option<String>,
    /// `TaskId`: the recording task's id; `None` when absent.
    #[serde(
        rename = "TaskId",
        default,
        deserialize_with = "lenient::option_account",
        skip_serializing_if = "Option::is_none"
    )]
    pub task_id: Option<String>,
    /// `Payload`: the details of this event type (for example `{"Status":0}`),
    /// kept as JSON because its fields depend on `EventType`; `None` when the
    /// body has none or it is `null`.
    #[serde(rename = "Payload", default, skip_serializing_if = "Option::is_none")]
    pub payload: Option<serde_json::Value>,
}

impl RecordingEventInfo {
    /// `UserId`; empty when the body has none.
    pub fn user_id(&self) -> &str {
        self.user_id.as_deref().unwrap_or_default()
    }

    /// `TaskId`; empty when the body has none.
    pub fn task_id(&self) -> &str {
        self.task_id.as_deref().unwrap_or_default()
    }

    /// When the event happened: from `EventMsTs`, or from `EventTs` (seconds)
    /// when it is absent; `None` when both are absent or past what
    /// `SystemTime` holds.
    pub fn event_time(&self) -> Option<SystemTime> {
        match self.event_time_ms {
            Some(millis) => unix_millis(millis),
            None => self.event_time_s.and_then(unix_seconds),
        }
    }
}

code_enum! {
    /// `EventGroupId` of [`CloudRecordingChanged`]: the kind of recording.
    ///
    /// ```
    /// use tencent_live_webhook::RecordingEventGroup;
    ///
    /// assert_eq!(RecordingEventGroup::from_code(3), RecordingEventGroup::CloudRecording);
    /// assert_eq!(RecordingEventGroup::from_code(4), RecordingEventGroup::Other(4));
    /// ```
    pub enum RecordingEventGroup {
        /// `3`: cloud recording.
        CloudRecording = 3,
        /// `8`: page (web) recording.
        PageRecording = 8,
    }
}

code_enum! {
    /// `EventType` of [`CloudRecordingChanged`]: TRTC's cloud-recording event
    /// code. Only the codes Tencent's Live page names have variants; the others
    /// TRTC defines (the documented sample sends `305`) are kept as `Other`.
    ///
    /// ```
    /// use tencent_live_webhook::RecordingEvent;
    ///
    /// assert_eq!(RecordingEvent::from_code(302), RecordingEvent::RecorderStop);
    /// assert_eq!(RecordingEvent::from_code(305), RecordingEvent::Other(305));
    /// assert_eq!(RecordingEvent::UploadStart.code(), 303);
    /// ```
    pub enum RecordingEvent {
        /// `301`: the recorder started.
        RecorderStart = 301,
        /// `302`: the recorder stopped.
        RecorderStop = 302,
        /// `303`: the upload of the recording started.
        UploadStart = 303,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode_json;
    use serde_json::json;
    use std::time::{Duration, UNIX_EPOCH};

    const SAMPLE: &str = r#"{"CallbackCommand":"Live.CallbackAfterCloudRecordingChanged",
        "EventGroupId":3,"EventType":305,"CallbackTs":1752580150082,
        "EventInfo":{"RoomId":"635055","EventTs":1752580150,"EventMsTs":1752580150081,
        "UserId":"user1","TaskId":"-m9-bVVU7id***K-m928oZWQndiborbEWH3zY-lIXlprc-gQvQE",
        "Payload":{"Status":0}}}"#;

    fn decode(command: &str, body: &str) -> Result<CloudRecordingChanged, Rejection> {
        CloudRecordingChanged::decode(command, body.as_bytes())
    }

    #[test]
    fn decodes_the_documented_sample() {
        let changed = decode(CloudRecordingChanged::COMMAND, SAMPLE).unwrap();
        assert_eq!(
            changed,
            CloudRecordingChanged {
                callback_command: RecordingCommand::Live,
                event_group: Some(RecordingEventGroup::CloudRecording),
                event_type: Some(RecordingEvent::Other(305)),
                callback_time_ms: Some(1752580150082),
                event_info: RecordingEventInfo {
                    room_id: "635055".into(),
                    event_time_s: Some(1752580150),
                    event_time_ms: Some(1752580150081),
                    user_id: Some("user1".into()),
                    task_id: Some("-m9-bVVU7id***K-m928oZWQndiborbEWH3zY-lIXlprc-gQvQE".into()),
                    payload: Some(json!({"Status": 0})),
                },
            }
        );
        assert_eq!(
            changed
                .callback_time()
                .unwrap()
                .duration_since(UNIX_EPOCH)
                .unwrap(),
            Duration::from_millis(1752580150082)
        );
        assert_eq!(
            changed
                .event_info
                .event_time()
                .unwrap()
                .duration_since(UNIX_EPOCH)
                .unwrap(),
            Duration::from_millis(1752580150081)
        );
    }

    #[test]
    fn the_received_spelling_is_kept_and_written_back() {
        let follow = CloudRecordingChanged::FOLLOW_COMMAND;
        let live = CloudRecordingChanged::COMMAND;
        for (query, body, expected) in [
            (
                live,
                format!(r#"{{"CallbackCommand":"{follow}","EventInfo":{{"RoomId":"r"}}}}"#),
                follow,
            ),
            (
                follow,
                format!(r#"{{"CallbackCommand":"{live}","EventInfo":{{"RoomId":"r"}}}}"#),
                live,
            ),
            (follow, r#"{"EventInfo":{"RoomId":"r"}}"#.to_owned(), follow),
            (live, r#"{"EventInfo":{"RoomId":"r"}}"#.to_owned(), live),
            (
                follow,
                r#"{"CallbackCommand":null,"EventInfo":{"RoomId":"r"}}"#.to_owned(),
                follow,
            ),
        ] {
            let changed = decode(query, &body).unwrap();
            assert_eq!(changed.callback_command(), expected, "{query} {body}");
            let json = serde_json::to_value(&changed).unwrap();
            assert_eq!(json["CallbackCommand"], expected);
            assert_eq!(decode(live, &json.to_string()).unwrap(), changed);
        }
    }

    #[test]
    fn event_time_falls_back_to_seconds() {
        let changed = decode(
            CloudRecordingChanged::COMMAND,
            r#"{"EventInfo":{"RoomId":635055,"EventTs":"1752580150","Payload":null}}"#,
        )
        .unwrap();
        assert_eq!(changed.event_info.room_id, "635055");
        assert_eq!(changed.event_info.payload, None);
        assert_eq!(changed.event_info.user_id, None);
        assert_eq!(changed.event_info.task_id(), "");
        assert_eq!(
            serde_json::to_string(&changed).unwrap(),
            r#"{"CallbackCommand":"Live.CallbackAfterCloudRecordingChanged","EventInfo":{"RoomId":"635055","EventTs":1752580150}}"#
        );
        assert_eq!(
            changed.event_info.event_time(),
            UNIX_EPOCH.checked_add(Duration::from_secs(1752580150))
        );
        assert_eq!(changed.callback_time(), None);
        let mut far = changed.event_info.clone();
        far.event_time_s = Some(u64::MAX);
        assert_eq!(far.event_time(), None);
    }

    #[test]
    fn refuses_what_cannot_be_understood() {
        for body in [
            r#"{}"#,
            r#"{"EventInfo":null}"#,
            r#"{"EventInfo":{}}"#,
            r#"{"EventInfo":{"RoomId":""}}"#,
            r#"{"EventInfo":["r"]}"#,
            r#"{"EventInfo":"{\"RoomId\":\"r\"}"}"#,
            r#"{"EventInfo":{"RoomId":"r"},"EventType":"start"}"#,
            r#"{"EventInfo":{"RoomId":"r"},"CallbackCommand":"Live.CallbackAfterCreateRoom"}"#,
            r#"{"EventInfo":{"RoomId":"r"},"CallbackCommand":"Call.CallbackAfterRecordChanged"}"#,
        ] {
            assert!(
                decode(CloudRecordingChanged::COMMAND, body).is_err(),
                "accepted {body}"
            );
        }
        let mismatch = decode_json::<CloudRecordingChanged>(
            CloudRecordingChanged::COMMAND,
            br#"{"CallbackCommand":"Live.CallbackAfterCreateRoom","EventInfo":{"RoomId":"r"}}"#,
        );
        assert_eq!(mismatch, Err(Rejection::CommandMismatch));
    }
}
