//! Samples of the profile and relationship-chain commands: the viewer sets
//! a nickname, befriends the owner, and blocks the second viewer (one sample
//! per command, in the table's order; times within the room's story).

use super::*;
use crate::{
    AddType, BlocklistAdded, BlocklistDeleted, FriendPair, FriendRequest, FriendRequested,
    FriendResponding, FriendResponse, FriendsAdded, FriendsDeleted, ProfileChanged, ProfileItem,
    ResponseAction,
};

/// A pair of the story's users.
fn pair(from: &str, to: &str) -> FriendPair {
    FriendPair {
        from_account: Some(from.to_owned()),
        to_account: Some(to.to_owned()),
        ..Default::default()
    }
}

impl ProfileChanged {
    /// A sample: the viewer sets a nickname before joining the room.
    pub fn sample() -> Self {
        Self {
            from_account: VIEWER.to_owned(),
            operator_account: Some(VIEWER.to_owned()),
            profile_items: Some(vec![ProfileItem {
                tag: Some("Tag_Profile_IM_Nick".to_owned()),
                value: Some(serde_json::Value::from("pk fan")),
            }]),
            event_time_ms: Some((ROOM_CREATED_AT + 10) * 1000 + 120),
        }
    }
}

impl FriendRequested {
    /// A sample: the viewer asks to befriend the room's owner.
    pub fn sample() -> Self {
        Self {
            from_account: VIEWER.to_owned(),
            requester_account: Some(VIEWER.to_owned()),
            friend_items: Some(vec![FriendRequest {
                to_account: Some(OWNER.to_owned()),
                add_source: Some("AddSource_Type_Android".to_owned()),
                add_wording: Some("great battle!".to_owned()),
                ..Default::default()
            }]),
            add_type: Some(AddType::Both),
            force_add_flags: Some(0),
            event_time_ms: Some((ROOM_DESTROYED_AT + 30) * 1000 + 40),
        }
    }
}

impl FriendResponding {
    /// A sample: the owner accepts the viewer's request and adds them back.
    pub fn sample() -> Self {
        Self {
            from_account: OWNER.to_owned(),
            requester_account: Some(OWNER.to_owned()),
            response_items: Some(vec![FriendResponse {
                to_account: Some(VIEWER.to_owned()),
                response_action: Some(ResponseAction::AgreeAndAdd),
                ..Default::default()
            }]),
            event_time_ms: Some((ROOM_DESTROYED_AT + 90) * 1000 + 500),
        }
    }
}

impl FriendsAdded {
    /// A sample: the friendship the owner accepted, both ways.
    pub fn sample() -> Self {
        let mut pairs = vec![pair(OWNER, VIEWER), pair(VIEWER, OWNER)];
        for pair in &mut pairs {
            pair.initiator_account = Some(VIEWER.to_owned());
        }
        Self {
            pairs,
            client_cmd: Some("friend_response".to_owned()),
            admin_account: Some(String::new()),
            force_flag: Some(0),
        }
    }
}

impl FriendsDeleted {
    /// A sample: the second viewer drops the owner from their friends.
    pub fn sample() -> Self {
        Self {
            pairs: vec![pair(SECOND_VIEWER, OWNER)],
        }
    }
}

impl BlocklistAdded {
    /// A sample: the owner blocks the second viewer.
    pub fn sample() -> Self {
        Self {
            pairs: vec![pair(OWNER, SECOND_VIEWER)],
        }
    }
}

impl BlocklistDeleted {
    /// A sample: the owner unblocks the second viewer.
    pub fn sample() -> Self {
        Self {
            pairs: vec![pair(OWNER, SECOND_VIEWER)],
        }
    }
}
