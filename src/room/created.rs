//! `Live.CallbackAfterCreateRoom`.

use serde::{Deserialize, Serialize};

use super::LiveRoomInfo;
use crate::lenient;

/// `Live.CallbackAfterCreateRoom`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "CallbackCommand", rename = "Live.CallbackAfterCreateRoom")]
#[non_exhaustive]
pub struct RoomCreated {
    /// `RoomInfo`: the room. Its `RoomId` is required.
    #[serde(rename = "RoomInfo", deserialize_with = "lenient::object")]
    pub room_info: LiveRoomInfo,
}

callback!(RoomCreated = "Live.CallbackAfterCreateRoom");
