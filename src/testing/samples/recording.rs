//! The recording of the story: the cloud recorder of `pk-3` starts as soon as
//! the owner goes live.

use super::*;
use crate::{RecordingCommand, RecordingEvent, RecordingEventGroup, RecordingEventInfo};

/// When the recorder starts, Unix seconds.
pub(crate) const RECORDING_STARTED_AT: u64 = ROOM_CREATED_AT + 5;

impl CloudRecordingChanged {
    /// A sample: the cloud recorder of `pk-3` starts recording the owner's
    /// stream (`EventType` 301), spelled as Tencent's command list spells it.
    pub fn sample() -> Self {
        let event_info = RecordingEventInfo {
            room_id: ROOM.to_owned(),
            event_time_s: Some(RECORDING_STARTED_AT),
            event_time_ms: Some(RECORDING_STARTED_AT * 1000 + 81),
            user_id: Some(OWNER.to_owned()),
            task_id: Some("-m9-bVVU7idpk3K-m928oZWQndiborbEWH3zY-lIXlprc-gQvQE".to_owned()),
            payload: Some(serde_json::json!({ "Status": 0 })),
        };
        Self {
            callback_command: RecordingCommand::Live,
            event_group: Some(RecordingEventGroup::CloudRecording),
            event_type: Some(RecordingEvent::RecorderStart),
            callback_time_ms: Some(RECORDING_STARTED_AT * 1000 + 82),
            event_info,
        }
    }
}
