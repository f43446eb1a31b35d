//! Samples of the seat webhooks (placeholders until the types are complete).

use super::*;

impl SeatsChanged {
    /// A sample of this event, from the story of [`testing`](crate::testing).
    pub fn sample() -> Self {
        Self { ..Self::default() }
    }
}
