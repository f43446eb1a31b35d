//! Samples of the room webhooks (placeholders until the types are complete).

use super::*;

impl RoomCreated {
    /// A sample of this event, from the story of [`testing`](crate::testing).
    pub fn sample() -> Self {
        Self { ..Self::default() }
    }
}

impl RoomDestroyed {
    /// A sample of this event, from the story of [`testing`](crate::testing).
    pub fn sample() -> Self {
        Self { ..Self::default() }
    }
}

impl RoomInfoUpdated {
    /// A sample of this event, from the story of [`testing`](crate::testing).
    pub fn sample() -> Self {
        Self { ..Self::default() }
    }
}

impl MetadataSet {
    /// A sample of this event, from the story of [`testing`](crate::testing).
    pub fn sample() -> Self {
        Self { ..Self::default() }
    }
}

impl MetadataDeleted {
    /// A sample of this event, from the story of [`testing`](crate::testing).
    pub fn sample() -> Self {
        Self { ..Self::default() }
    }
}

impl RoomThresholdReached {
    /// A sample of this event, from the story of [`testing`](crate::testing).
    pub fn sample() -> Self {
        Self { ..Self::default() }
    }
}
