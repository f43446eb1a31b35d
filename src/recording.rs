//! `Live.CallbackAfterCloudRecordingChanged`.

use serde::{Deserialize, Serialize};

use crate::decode::decode_object;
use crate::{Rejection, WebhookEvent};

/// `Live.CallbackAfterCloudRecordingChanged`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CloudRecordingChanged {
    /// `CallbackCommand`: the spelling received.
    #[serde(rename = "CallbackCommand", default)]
    pub callback_command: RecordingCommand,
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
            Self::Follow => "Follow.CallbackAfterCloudRecordingChanged",
        }
    }
}

impl CloudRecordingChanged {
    /// `Live.CallbackAfterCloudRecordingChanged`.
    pub const COMMAND: &'static str = "Live.CallbackAfterCloudRecordingChanged";
}

impl WebhookEvent for CloudRecordingChanged {
    const CALLBACK_COMMANDS: &'static [&'static str] = &[
        "Live.CallbackAfterCloudRecordingChanged",
        "Follow.CallbackAfterCloudRecordingChanged",
    ];

    fn decode(command: &str, body: &[u8]) -> Result<Self, Rejection> {
        decode_object(command, Self::CALLBACK_COMMANDS, body)
    }

    fn callback_command(&self) -> &str {
        self.callback_command.as_str()
    }
}
