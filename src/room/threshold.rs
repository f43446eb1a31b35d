//! `Live.CallbackAfterCreateRoomReachingThreshold`.

use serde::{Deserialize, Serialize};

use crate::lenient;

/// `Live.CallbackAfterCreateRoomReachingThreshold`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "CallbackCommand",
    rename = "Live.CallbackAfterCreateRoomReachingThreshold"
)]
#[non_exhaustive]
pub struct RoomThresholdReached {
    /// `CurRoomCount`.
    #[serde(
        rename = "CurRoomCount",
        default,
        deserialize_with = "lenient::option_integer"
    )]
    pub cur_room_count: Option<u64>,
}

callback!(RoomThresholdReached = "Live.CallbackAfterCreateRoomReachingThreshold");
