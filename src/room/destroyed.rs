//! `Live.CallbackAfterDestroyRoom`.

use serde::{Deserialize, Serialize};

use crate::lenient;

/// `Live.CallbackAfterDestroyRoom`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "CallbackCommand", rename = "Live.CallbackAfterDestroyRoom")]
#[non_exhaustive]
pub struct RoomDestroyed {
    /// `RoomId`: the room. Required.
    #[serde(rename = "RoomId", deserialize_with = "lenient::id")]
    pub room_id: String,
}

callback!(RoomDestroyed = "Live.CallbackAfterDestroyRoom");
