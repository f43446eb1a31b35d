//! `Follow.CallbackAfterFollowAdd` and `Follow.CallbackAfterFollowDelete`.

use serde::{Deserialize, Serialize};

use crate::lenient;

/// `Follow.CallbackAfterFollowAdd`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "CallbackCommand", rename = "Follow.CallbackAfterFollowAdd")]
#[non_exhaustive]
pub struct FollowAdded {
    /// `From_Account`: who follows. Required.
    #[serde(rename = "From_Account", deserialize_with = "lenient::id")]
    pub from_account: String,
}

callback!(FollowAdded = "Follow.CallbackAfterFollowAdd");

/// `Follow.CallbackAfterFollowDelete`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "CallbackCommand", rename = "Follow.CallbackAfterFollowDelete")]
#[non_exhaustive]
pub struct FollowDeleted {
    /// `From_Account`: who unfollows. Required.
    #[serde(rename = "From_Account", deserialize_with = "lenient::id")]
    pub from_account: String,
}

callback!(FollowDeleted = "Follow.CallbackAfterFollowDelete");
