//! Samples of the recording webhooks (placeholders until the types are complete).

use super::*;

impl CloudRecordingChanged {
    /// A sample of this event, from the story of [`testing`](crate::testing).
    pub fn sample() -> Self {
        Self { ..Self::default() }
    }
}
