//! Samples of the member webhooks (placeholders until the types are complete).

use super::*;

impl MemberStateChanged {
    /// A sample of this event, from the story of [`testing`](crate::testing).
    pub fn sample() -> Self {
        Self { ..Self::default() }
    }
}

impl OwnerChanged {
    /// A sample of this event, from the story of [`testing`](crate::testing).
    pub fn sample() -> Self {
        Self { ..Self::default() }
    }
}

impl AdminsModified {
    /// A sample of this event, from the story of [`testing`](crate::testing).
    pub fn sample() -> Self {
        Self { ..Self::default() }
    }
}
