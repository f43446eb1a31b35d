//! Samples of the Chat URL's own commands: the story's viewer and owner use
//! Tencent Chat around the room (one sample per command, in the table's
//! order; times within the room's story).

use super::*;
use crate::{KickedDevice, RequestRateAlert, StateAction, StateChanged, StateInfo, StateReason};

impl RequestRateAlert {
    /// A sample: the app's batch sends run at 170 of their 200 requests a
    /// second.
    pub fn sample() -> Self {
        Self {
            service_name: Some("openim".to_owned()),
            command: Some("batchsendmsg".to_owned()),
            request: Some(170),
            limit: Some(200),
        }
    }
}

impl StateChanged {
    /// A sample: the viewer logs in before joining the room, pushing an
    /// older Android session off.
    pub fn sample() -> Self {
        Self {
            info: StateInfo {
                to_account: VIEWER.to_owned(),
                action: Some(StateAction::Login),
                reason: Some(StateReason::Register),
            },
            custom_status: None,
            kicked_devices: Some(vec![KickedDevice {
                platform: Some("Android".to_owned()),
            }]),
            event_time_ms: Some((ROOM_CREATED_AT + 20) * 1000 + 300),
        }
    }
}
