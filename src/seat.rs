//! `Mic.CallbackAfterSeatInfoChanged`.

use serde::{Deserialize, Serialize};

use crate::lenient;

/// `Mic.CallbackAfterSeatInfoChanged`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "CallbackCommand", rename = "Mic.CallbackAfterSeatInfoChanged")]
#[non_exhaustive]
pub struct SeatsChanged {
    /// `RoomId`: the room. Required.
    #[serde(rename = "RoomId", deserialize_with = "lenient::id")]
    pub room_id: String,
}

callback!(SeatsChanged = "Mic.CallbackAfterSeatInfoChanged");
