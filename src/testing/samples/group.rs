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
        let mut creating = Self::default();
        creating.operator_account = Some(OWNER.to_owned());
        creating.owner_account = Some(OWNER.to_owned());
        creating.group_type = Some(GroupType::Public);
        creating.name = Some(FANS_GROUP_NAME.to_owned());
        creating.create_group_num = Some(0);
        creating.members = Some(vec![GroupMember::new(OWNER)]);
        creating.event_time_ms = Some(GROUP_CREATED_AT_MS);
        creating
    }
}

impl GroupCreated {
    /// A sample: the fans group of [`GroupCreating::sample`] is created,
    /// tied to its room by a custom field.
    pub fn sample() -> Self {
        let mut created = Self::default();
        created.group_id = FANS_GROUP.to_owned();
        created.operator_account = Some(OWNER.to_owned());
        created.owner_account = Some(OWNER.to_owned());
        created.group_type = Some(GroupType::Public);
        created.name = Some(FANS_GROUP_NAME.to_owned());
        created.introduction = Some("Fans of the pk-3 live room".to_owned());
        created.notification = Some("Welcome!".to_owned());
        created.members = Some(vec![GroupMember::new(OWNER)]);
        created.user_defined_data = Some(vec![UserDefinedData::new("Room", ROOM)]);
        created.event_time_ms = Some(GROUP_CREATED_AT_MS + 150);
        created
    }
}

impl JoinRequested {
    /// A sample: the viewer applies to join the fans group.
    pub fn sample() -> Self {
        let mut request = Self::default();
        request.group_id = FANS_GROUP.to_owned();
        request.group_type = Some(GroupType::Public);
        request.requestor_account = Some(VIEWER.to_owned());
        request.event_time_ms = Some(at(40, 300));
        request
    }
}

impl InviteRequested {
    /// A sample: the owner invites the second viewer into the fans group.
    pub fn sample() -> Self {
        let mut invite = Self::default();
        invite.group_id = FANS_GROUP.to_owned();
        invite.group_type = Some(GroupType::Public);
        invite.operator_account = Some(OWNER.to_owned());
        invite.destination_members = Some(vec![GroupMember::new(SECOND_VIEWER)]);
        invite.event_time_ms = Some(at(95, 400));
        invite
    }
}

impl MembersJoined {
    /// A sample: the viewer's application of [`JoinRequested::sample`] is
    /// accepted.
    pub fn sample() -> Self {
        let mut joined = Self::default();
        joined.group_id = FANS_GROUP.to_owned();
        joined.group_type = Some(GroupType::Public);
        joined.join_type = Some(JoinType::Apply);
        joined.operator_account = Some(VIEWER.to_owned());
        joined.new_members = Some(vec![GroupMember::new(VIEWER)]);
        joined.event_time_ms = Some(at(41, 500));
        joined
    }
}

impl MembersExited {
    /// A sample: the viewer leaves the fans group as the room winds down.
    pub fn sample() -> Self {
        let mut exited = Self::default();
        exited.group_id = FANS_GROUP.to_owned();
        exited.group_type = Some(GroupType::Public);
        exited.exit_type = Some(ExitType::Quit);
        exited.operator_account = Some(VIEWER.to_owned());
        exited.exit_members = Some(vec![GroupMember::new(VIEWER)]);
        exited.event_time_ms = Some((ROOM_DESTROYED_AT - 30) * 1000 + 600);
        exited
    }
}

impl GroupFull {
    /// A sample: the second viewer's arrival fills the fans group.
    pub fn sample() -> Self {
        let mut full = Self::default();
        full.group_id = FANS_GROUP.to_owned();
        full.event_time_ms = Some(at(96, 700));
        full
    }
}

impl GroupDestroyed {
    /// A sample: the fans group is disbanded before the room closes.
    pub fn sample() -> Self {
        let mut destroyed = Self::default();
        destroyed.group_id = FANS_GROUP.to_owned();
        destroyed.group_type = Some(GroupType::Public);
        destroyed.owner_account = Some(OWNER.to_owned());
        destroyed.name = Some(FANS_GROUP_NAME.to_owned());
        destroyed.members = Some(vec![
            GroupMember::new(OWNER),
            GroupMember::new(SECOND_VIEWER),
        ]);
        destroyed.event_time_ms = Some((ROOM_DESTROYED_AT - 10) * 1000 + 800);
        destroyed
    }
}

impl GroupInfoChanged {
    /// A sample: the administrator announces the battle in the fans group's
    /// notice, and changes its face.
    pub fn sample() -> Self {
        let mut changed = Self::default();
        changed.group_id = FANS_GROUP.to_owned();
        changed.group_type = Some(GroupType::Public);
        changed.operator_account = Some(ADMIN.to_owned());
        changed.name = Some(FANS_GROUP_NAME.to_owned());
        changed.introduction = Some("Fans of the pk-3 live room".to_owned());
        changed.notification = Some("pk-3 battles pk-5 now!".to_owned());
        changed.face_url = Some("https://cos.example.com/pk-3-fans.png".to_owned());
        changed.event_time_ms = Some(at(200, 100));
        changed
    }
}

impl GroupMessagesRecalled {
    /// A sample: the owner recalls the viewer's message of
    /// [`MessageSent::sample`] in `pk-3`.
    pub fn sample() -> Self {
        let sent = MessageSent::sample();
        let mut message = RecalledMessage::default();
        message.msg_seq = sent.msg_seq;
        message.msg_id = sent.msg_id;
        let mut recalled = Self::default();
        recalled.operator_account = Some(OWNER.to_owned());
        recalled.group_type = Some(GroupType::Live);
        recalled.group_id = sent.group_id;
        recalled.messages = Some(vec![message]);
        recalled.topic_id = sent.topic_id;
        recalled.event_time_ms = sent.event_time_ms.map(|ms| ms + 10_000);
        recalled
    }
}
