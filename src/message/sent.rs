//! `Group.CallbackAfterSendMsg`.

use serde::{Deserialize, Serialize};

use crate::lenient;

/// `Group.CallbackAfterSendMsg`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "CallbackCommand", rename = "Group.CallbackAfterSendMsg")]
#[non_exhaustive]
pub struct MessageSent {
    /// `GroupId`: the room. Required.
    #[serde(rename = "GroupId", deserialize_with = "lenient::id")]
    pub group_id: String,
}

callback!(MessageSent = "Group.CallbackAfterSendMsg");
