//! Samples of the follow webhooks (placeholders until the types are complete).

use super::*;

impl FollowAdded {
    /// A sample of this event, from the story of [`testing`](crate::testing).
    pub fn sample() -> Self {
        Self { ..Self::default() }
    }
}

impl FollowDeleted {
    /// A sample of this event, from the story of [`testing`](crate::testing).
    pub fn sample() -> Self {
        Self { ..Self::default() }
    }
}
