//! Samples of the group webhooks of chat-commands.md §5.1-5.12: the owner of
//! `pk-3` creates a fans group; the viewer applies and joins, the second
//! viewer is invited, the group fills up and gets a new notice; a room
//! message is recalled; the viewer leaves and the group is disbanded before
//! the room closes. One sample per command, in the table's order.

use super::*;
use crate::{
    ExitType, GroupCreated, GroupCreating, GroupDestroyed, GroupFull, GroupInfoChanged,
    GroupMember, GroupMessagesRecalled, GroupType, InviteRequested, JoinRequested, JoinType,
    MembersExited, MembersJoined, RecalledMessage, UserDefinedData,
};

/// The fans group of the story's room.
const FANS_GROUP: &str = "pk-3-fans";
/// Its name.
const FANS_GROUP_NAME: &str = "pk-3 fans";
/// When the owner asks to create it, Unix milliseconds.
const GROUP_CREATED_AT_MS: u64 = (ROOM_CREATED_AT + 30) * 1000 + 100;

/// The story's time `seconds` after the room was created, plus `millis`.
const fn at(seconds: u64, millis: u64) -> u64 {
    (ROOM_CREATED_AT + seconds) * 1000 + millis
}

impl GroupCreating {
    /// A sample: the owner of `pk-3` asks to create its fans group, their
    /// first public group.
    pub fn sample() -> Self {
        Self {
            operator_account: Some(OWNER.to_owned()),
            owner_account: Some(OWNER.to_owned()),
            group_type: Some(GroupType::Public),
            name: Some(FANS_GROUP_NAME.to_owned()),
            create_group_num: Some(0),
            members: Some(vec![GroupMember::new(OWNER)]),
            event_time_ms: Some(GROUP_CREATED_AT_MS),
            ..Self::default()
        }
    }
}

impl GroupCreated {
    /// A sample: the fans group of [`GroupCreating::sample`] is created,
    /// tied to its room by a custom field.
    pub fn sample() -> Self {
        Self {
            group_id: FANS_GROUP.to_owned(),
            operator_account: Some(OWNER.to_owned()),
            owner_account: Some(OWNER.to_owned()),
            group_type: Some(GroupType::Public),
            name: Some(FANS_GROUP_NAME.to_owned()),
            introduction: Some("Fans of the pk-3 live room".to_owned()),
            notification: Some("Welcome!".to_owned()),
            members: Some(vec![GroupMember::new(OWNER)]),
            user_defined_data: Some(vec![UserDefinedData::new("Room", ROOM)]),
            event_time_ms: Some(GROUP_CREATED_AT_MS + 150),
            ..Self::default()
        }
    }
}

impl JoinRequested {
    /// A sample: the viewer applies to join the fans group.
    pub fn sample() -> Self {
        Self {
            group_id: FANS_GROUP.to_owned(),
            group_type: Some(GroupType::Public),
            requestor_account: Some(VIEWER.to_owned()),
            event_time_ms: Some(at(40, 300)),
            ..Self::default()
        }
    }
}

impl InviteRequested {
    /// A sample: the owner invites the second viewer into the fans group.
    pub fn sample() -> Self {
        Self {
            group_id: FANS_GROUP.to_owned(),
            group_type: Some(GroupType::Public),
            operator_account: Some(OWNER.to_owned()),
            destination_members: Some(vec![GroupMember::new(SECOND_VIEWER)]),
            event_time_ms: Some(at(95, 400)),
            ..Self::default()
        }
    }
}

impl MembersJoined {
    /// A sample: the viewer's application of [`JoinRequested::sample`] is
    /// accepted.
    pub fn sample() -> Self {
        Self {
            group_id: FANS_GROUP.to_owned(),
            group_type: Some(GroupType::Public),
            join_type: Some(JoinType::Apply),
            operator_account: Some(VIEWER.to_owned()),
            new_members: Some(vec![GroupMember::new(VIEWER)]),
            event_time_ms: Some(at(41, 500)),
            ..Self::default()
        }
    }
}

impl MembersExited {
    /// A sample: the viewer leaves the fans group as the room winds down.
    pub fn sample() -> Self {
        Self {
            group_id: FANS_GROUP.to_owned(),
            group_type: Some(GroupType::Public),
            exit_type: Some(ExitType::Quit),
            operator_account: Some(VIEWER.to_owned()),
            exit_members: Some(vec![GroupMember::new(VIEWER)]),
            event_time_ms: Some((ROOM_DESTROYED_AT - 30) * 1000 + 600),
            ..Self::default()
        }
    }
}

impl GroupFull {
    /// A sample: the second viewer's arrival fills the fans group.
    pub fn sample() -> Self {
        Self {
            group_id: FANS_GROUP.to_owned(),
            event_time_ms: Some(at(96, 700)),
            ..Self::default()
        }
    }
}

impl GroupDestroyed {
    /// A sample: the fans group is disbanded before the room closes.
    pub fn sample() -> Self {
        Self {
            group_id: FANS_GROUP.to_owned(),
            group_type: Some(GroupType::Public),
            owner_account: Some(OWNER.to_owned()),
            name: Some(FANS_GROUP_NAME.to_owned()),
            members: Some(vec![
                GroupMember::new(OWNER),
                GroupMember::new(SECOND_VIEWER),
            ]),
            event_time_ms: Some((ROOM_DESTROYED_AT - 10) * 1000 + 800),
            ..Self::default()
        }
    }
}

impl GroupInfoChanged {
    /// A sample: the administrator announces the battle in the fans group's
    /// notice, and changes its face.
    pub fn sample() -> Self {
        Self {
            group_id: FANS_GROUP.to_owned(),
            group_type: Some(GroupType::Public),
            operator_account: Some(ADMIN.to_owned()),
            name: Some(FANS_GROUP_NAME.to_owned()),
            introduction: Some("Fans of the pk-3 live room".to_owned()),
            notification: Some("pk-3 battles pk-5 now!".to_owned()),
            face_url: Some("https://cos.example.com/pk-3-fans.png".to_owned()),
            event_time_ms: Some(at(200, 100)),
            ..Self::default()
        }
    }
}

impl GroupMessagesRecalled {
    /// A sample: the owner recalls the viewer's message of
    /// [`MessageSent::sample`] in `pk-3`.
    pub fn sample() -> Self {
        let sent = MessageSent::sample();
        let message = RecalledMessage {
            msg_seq: sent.msg_seq,
            msg_id: sent.msg_id,
        };
        Self {
            operator_account: Some(OWNER.to_owned()),
            group_type: Some(GroupType::Live),
            group_id: sent.group_id,
            messages: Some(vec![message]),
            topic_id: sent.topic_id,
            event_time_ms: sent.event_time_ms.map(|ms| ms + 10_000),
            ..Self::default()
        }
    }
}
