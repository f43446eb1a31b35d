//! The follows of the story: the viewer follows the owner of `pk-3` after
//! taking a seat, and unfollows after the battle.

use super::*;
use crate::FollowedUser;

/// When the viewer follows the owner, Unix milliseconds.
pub(crate) const FOLLOWED_AT_MS: u64 = (ROOM_CREATED_AT + 130) * 1000 + 700;
/// When the viewer unfollows the owner, Unix milliseconds.
pub(crate) const UNFOLLOWED_AT_MS: u64 = (ROOM_DESTROYED_AT - 100) * 1000 + 800;

impl FollowAdded {
    /// A sample: the viewer follows the owner and the second viewer.
    pub fn sample() -> Self {
        Self {
            from_account: VIEWER.to_owned(),
            follow_list: Some(vec![
                FollowedUser::new(OWNER),
                FollowedUser::new(SECOND_VIEWER),
            ]),
            event_time_ms: Some(FOLLOWED_AT_MS),
        }
    }
}

impl FollowDeleted {
    /// A sample: the viewer unfollows the owner.
    pub fn sample() -> Self {
        Self {
            from_account: VIEWER.to_owned(),
            to_accounts: Some(vec![OWNER.to_owned()]),
            event_time_ms: Some(UNFOLLOWED_AT_MS),
        }
    }
}
