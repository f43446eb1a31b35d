//! The relationship chain: friend requests and their answers (decisions),
//! friends and blocklists changed.

mod decision;
mod pairs;
mod request;

pub use self::decision::{FriendDecision, FriendResult, FRIEND_SENDER_CODES};

pub use self::pairs::{BlocklistAdded, BlocklistDeleted, FriendPair, FriendsAdded, FriendsDeleted};
pub use self::request::{
    AddType, FriendRequest, FriendRequested, FriendResponding, FriendResponse, ResponseAction,
};
