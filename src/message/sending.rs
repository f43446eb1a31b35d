//! `Group.CallbackBeforeSendMsg`.

use serde::{Deserialize, Serialize};

use crate::lenient;
use crate::reply::MessageDecision;

/// `Group.CallbackBeforeSendMsg`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "CallbackCommand", rename = "Group.CallbackBeforeSendMsg")]
#[non_exhaustive]
pub struct MessageSending {
    /// `GroupId`: the room. Required.
    #[serde(rename = "GroupId", deserialize_with = "lenient::id")]
    pub group_id: String,
}

callback!(
    MessageSending = "Group.CallbackBeforeSendMsg",
    fallback = MessageDecision::allow()
);
