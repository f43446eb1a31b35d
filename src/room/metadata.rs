//! `Live.CallbackAfterSetMetadata`.

use serde::{Deserialize, Serialize};

use crate::lenient;

/// `Live.CallbackAfterSetMetadata`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "CallbackCommand", rename = "Live.CallbackAfterSetMetadata")]
#[non_exhaustive]
pub struct MetadataSet {
    /// `RoomId`: the room. Required.
    #[serde(rename = "RoomId", deserialize_with = "lenient::id")]
    pub room_id: String,
}

callback!(MetadataSet = "Live.CallbackAfterSetMetadata");

/// `Live.CallbackAfterDelMetadata`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "CallbackCommand", rename = "Live.CallbackAfterDelMetadata")]
#[non_exhaustive]
pub struct MetadataDeleted {
    /// `RoomId`: the room. Required.
    #[serde(rename = "RoomId", deserialize_with = "lenient::id")]
    pub room_id: String,
}

callback!(MetadataDeleted = "Live.CallbackAfterDelMetadata");
