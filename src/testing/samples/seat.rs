//! The seats of the story: the viewer takes seat 1 of `pk-3`; seat 2 is locked.

use super::*;
use crate::Seat;

/// When the viewer takes a seat, Unix milliseconds.
pub(crate) const SEAT_TAKEN_AT_MS: u64 = (ROOM_CREATED_AT + 120) * 1000 + 500;

impl SeatsChanged {
    /// A sample: the owner on seat 0, the viewer takes seat 1 with audio and
    /// video prohibited, and seat 2 is empty and locked. `Operator_Account` (sent by
    /// the Conference product only) is the viewer.
    pub fn sample() -> Self {
        let viewer_seat = Seat {
            is_video_disabled: Some(true),
            is_audio_disabled: Some(true),
            ..Seat::new(1).taken_by(VIEWER)
        };
        let locked_seat = Seat {
            is_taken_disabled: Some(true),
            ..Seat::new(2)
        };
        Self {
            room_id: ROOM.to_owned(),
            seats: Some(vec![Seat::new(0).taken_by(OWNER), viewer_seat, locked_seat]),
            operator_account: Some(VIEWER.to_owned()),
            event_time_ms: Some(SEAT_TAKEN_AT_MS),
        }
    }
}
