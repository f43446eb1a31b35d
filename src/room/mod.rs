//! The room webhooks: a room is created, updated, destroyed; its metadata
//! set and deleted; the app nears its room limit.

mod created;
mod destroyed;
mod metadata;
mod threshold;
mod updated;

use serde::{Deserialize, Serialize};

pub use self::created::RoomCreated;
pub use self::destroyed::RoomDestroyed;
pub use self::metadata::{MetadataDeleted, MetadataSet};
pub use self::threshold::RoomThresholdReached;
pub use self::updated::RoomInfoUpdated;
use crate::lenient;

/// `RoomInfo` of the room webhooks: the room as Tencent describes it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LiveRoomInfo {
    /// `RoomId`.
    #[serde(
        rename = "RoomId",
        default,
        deserialize_with = "lenient::option_account",
        skip_serializing_if = "Option::is_none"
    )]
    pub room_id: Option<String>,
}
