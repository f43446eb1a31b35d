//! `Live.CallbackAfterChangeOwner`.

use serde::{Deserialize, Serialize};

use crate::lenient;

/// `Live.CallbackAfterChangeOwner`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "CallbackCommand", rename = "Live.CallbackAfterChangeOwner")]
#[non_exhaustive]
pub struct OwnerChanged {
    /// `RoomId`: the room. Required.
    #[serde(rename = "RoomId", deserialize_with = "lenient::id")]
    pub room_id: String,
}

callback!(OwnerChanged = "Live.CallbackAfterChangeOwner");
