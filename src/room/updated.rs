//! `Live.CallbackAfterUpdateRoomInfo`.

use serde::{Deserialize, Serialize};

use super::LiveRoomInfo;
use crate::lenient;

/// `Live.CallbackAfterUpdateRoomInfo`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "CallbackCommand", rename = "Live.CallbackAfterUpdateRoomInfo")]
#[non_exhaustive]
pub struct RoomInfoUpdated {
    /// `RoomInfo`: the room. Its `RoomId` is required.
    #[serde(rename = "RoomInfo", deserialize_with = "lenient::object")]
    pub room_info: LiveRoomInfo,
}

callback!(RoomInfoUpdated = "Live.CallbackAfterUpdateRoomInfo");
