//! `Live.CallbackAfterModifyAdmin`.

use serde::{Deserialize, Serialize};

use crate::lenient;

/// `Live.CallbackAfterModifyAdmin`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "CallbackCommand", rename = "Live.CallbackAfterModifyAdmin")]
#[non_exhaustive]
pub struct AdminsModified {
    /// `RoomId`: the room. Required.
    #[serde(rename = "RoomId", deserialize_with = "lenient::id")]
    pub room_id: String,
}

callback!(AdminsModified = "Live.CallbackAfterModifyAdmin");
