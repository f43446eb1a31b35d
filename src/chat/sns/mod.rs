//! The relationship chain: friend requests and their answers (decisions),
//! friends and blocklists changed.

mod decision;

pub use self::decision::{FriendDecision, FriendResult, FRIEND_SENDER_CODES};

// region: sns types
// endregion: sns types
