//! `Live.CallbackBeforeSendGift`.

use serde::{Deserialize, Serialize};

use crate::lenient;
use crate::reply::GiftDecision;

/// `Live.CallbackBeforeSendGift`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "CallbackCommand", rename = "Live.CallbackBeforeSendGift")]
#[non_exhaustive]
pub struct GiftSending {
    /// `RoomId`: the room. Required.
    #[serde(rename = "RoomId", deserialize_with = "lenient::id")]
    pub room_id: String,
}

callback!(
    GiftSending = "Live.CallbackBeforeSendGift",
    fallback = GiftDecision::reject()
);
