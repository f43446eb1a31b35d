//! Samples of the Chat URL's own commands: the story's viewer and owner use
//! Tencent Chat around the room (one sample per command, in the table's
//! order; times within the room's story).

use super::*;
use crate::{KickedDevice, RequestRateAlert, StateAction, StateChanged, StateInfo, StateReason};

impl RequestRateAlert {
    /// A sample: the app's batch sends run at 170 of their 200 requests a
    /// second.
    pub fn sample() -> Self {
        let mut alert = Self::default();
        alert.service_name = Some("openim".to_owned());
        alert.command = Some("batchsendmsg".to_owned());
        alert.request = Some(170);
        alert.limit = Some(200);
        alert
    }
}

impl StateChanged {
    /// A sample: the viewer logs in before joining the room, pushing an
    /// older Android session off.
    pub fn sample() -> Self {
        let mut info = StateInfo::default();
        info.to_account = VIEWER.to_owned();
        info.action = Some(StateAction::Login);
        info.reason = Some(StateReason::Register);
        let mut kicked = KickedDevice::default();
        kicked.platform = Some("Android".to_owned());
        let mut changed = Self::default();
        changed.info = info;
        changed.kicked_devices = Some(vec![kicked]);
        changed.event_time_ms = Some((ROOM_CREATED_AT + 20) * 1000 + 300);
        changed
    }
}
