//! `Live.CallbackAfterMemberStateChanged`.

use serde::{Deserialize, Serialize};

use crate::lenient;

/// `Live.CallbackAfterMemberStateChanged`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "CallbackCommand",
    rename = "Live.CallbackAfterMemberStateChanged"
)]
#[non_exhaustive]
pub struct MemberStateChanged {
    /// `RoomId`: the room. Required.
    #[serde(rename = "RoomId", deserialize_with = "lenient::id")]
    pub room_id: String,
}

callback!(MemberStateChanged = "Live.CallbackAfterMemberStateChanged");
