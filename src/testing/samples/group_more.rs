//! Samples of the group commands of `chat-commands.md` §5.13-5.25 and the
//! moderation result (§6.1): the story's room is an audio-video group, and
//! its owner runs a fans' community beside it (one sample per command, in
//! the table's order; times within the room's story).

use serde_json::json;

use super::*;
use crate::message::MsgElement;
use crate::{
    ExtensionKv, ExtensionOperation, GroupAttr, GroupAttrOption, GroupAttrsChanged, GroupMember,
    GroupMemberEventCause, GroupMemberEventType, GroupMemberFieldChanged, GroupMemberRoleChange,
    GroupMemberStateChanged, GroupMessageFailed, GroupMessageModified, GroupMessagesRead,
    GroupMsgExtensionChanged, GroupMsgReceipt, GroupOwnerChanged, GroupQuotaAlarm, GroupType,
    ModerationContact, ModerationContactType, ModerationContentType, ModerationResult,
    ModerationScene, ModerationVerdict, TopicCreated, TopicCreating, TopicDefinedField,
    TopicInfoChanged, TopicsDestroyed,
};

/// The owner's fans' community.
const COMMUNITY: &str = "@TGS#_pk-3-fans";
/// Its topic about battles.
const TOPIC: &str = "@TGS#_pk-3-fans@TOPIC#_battles";

/// Milliseconds `seconds` after the room's creation.
fn at(seconds: u64, ms: u64) -> Option<u64> {
    Some((ROOM_CREATED_AT + seconds) * 1000 + ms)
}

fn member(account: &str) -> GroupMember {
    GroupMember {
        member_account: Some(account.to_owned()),
        ..GroupMember::default()
    }
}

impl GroupMemberStateChanged {
    /// A sample: the viewer enters the room's group for the first time.
    pub fn sample() -> Self {
        Self {
            group_id: ROOM.to_owned(),
            event_type: Some(GroupMemberEventType::Online),
            event_cause: Some(GroupMemberEventCause::Join),
            members: Some(vec![member(VIEWER)]),
            event_time_ms: at(31, 200),
            ..Self::default()
        }
    }
}

impl GroupMessageFailed {
    /// A sample: the second viewer, muted, tries to chat in the room.
    pub fn sample() -> Self {
        Self {
            group_id: ROOM.to_owned(),
            group_type: Some(GroupType::AVChatRoom),
            from_account: Some(SECOND_VIEWER.to_owned()),
            operator_account: Some(SECOND_VIEWER.to_owned()),
            random: Some(2804799576),
            online_only: Some(false),
            msg_body: Some(vec![MsgElement::text("hello?")]),
            error_code: Some(10017),
            error_info: Some("sender is muted".to_owned()),
            event_time_ms: at(95, 400),
            ..Self::default()
        }
    }
}

impl TopicCreating {
    /// A sample: the owner creates a topic about battles in the fans'
    /// community.
    pub fn sample() -> Self {
        Self {
            group_id: Some(COMMUNITY.to_owned()),
            operator_account: Some(OWNER.to_owned()),
            group_type: Some(GroupType::Community),
            name: Some("battles".to_owned()),
            ..Self::default()
        }
    }
}

impl TopicCreated {
    /// A sample: the battles topic was created, with a custom field.
    pub fn sample() -> Self {
        let field = TopicDefinedField {
            key: Some("room".to_owned()),
            value: Some(ROOM.to_owned()),
            ..TopicDefinedField::default()
        };
        Self {
            group_id: COMMUNITY.to_owned(),
            topic_id: TOPIC.to_owned(),
            operator_account: Some(OWNER.to_owned()),
            owner_account: Some(OWNER.to_owned()),
            group_type: Some(GroupType::Community),
            name: Some("battles".to_owned()),
            user_defined_data: Some(vec![field]),
            ..Self::default()
        }
    }
}

impl TopicsDestroyed {
    /// A sample: the battles topic was deleted.
    pub fn sample() -> Self {
        Self {
            group_id: COMMUNITY.to_owned(),
            group_type: Some(GroupType::Community),
            topic_ids: Some(vec![TOPIC.to_owned()]),
            ..Self::default()
        }
    }
}

impl TopicInfoChanged {
    /// A sample: the owner posts the battle's notice in the topic.
    pub fn sample() -> Self {
        Self {
            group_id: COMMUNITY.to_owned(),
            topic_id: Some(TOPIC.to_owned()),
            group_type: Some(GroupType::Community),
            operator_account: Some(OWNER.to_owned()),
            notification: Some("pk-3 battles pk-5 now".to_owned()),
            ..Self::default()
        }
    }
}

impl GroupMemberFieldChanged {
    /// A sample: the owner makes the second viewer an admin of the room's
    /// group.
    pub fn sample() -> Self {
        Self {
            group_id: ROOM.to_owned(),
            group_type: Some(GroupType::AVChatRoom),
            operator_account: Some(OWNER.to_owned()),
            member_account: Some(SECOND_VIEWER.to_owned()),
            role: Some(GroupMemberRoleChange::Admin),
            event_time_ms: at(60, 100),
            ..Self::default()
        }
    }
}

impl GroupAttrsChanged {
    /// A sample: the owner records the battle's opponent in the group's
    /// attributes.
    pub fn sample() -> Self {
        let attr = GroupAttr {
            key: Some("battle".to_owned()),
            value: Some(OPPONENT_ROOM.to_owned()),
            ..GroupAttr::default()
        };
        Self {
            group_id: ROOM.to_owned(),
            group_type: Some(GroupType::AVChatRoom),
            operator_account: Some(OWNER.to_owned()),
            option_type: Some(GroupAttrOption::Modify),
            attributes: Some(vec![attr]),
            event_time_ms: at(214, 0),
            ..Self::default()
        }
    }
}

impl GroupMessagesRead {
    /// A sample: the viewer read the owner's welcome message.
    pub fn sample() -> Self {
        let receipt = GroupMsgReceipt {
            msg_seq: Some(7),
            read_num: Some(1),
            unread_num: Some(1),
            readers: Some(vec![member(VIEWER)]),
            ..GroupMsgReceipt::default()
        };
        Self {
            group_id: ROOM.to_owned(),
            group_type: Some(GroupType::AVChatRoom),
            receipts: Some(vec![receipt]),
            event_time_ms: at(90, 0),
            ..Self::default()
        }
    }
}

impl GroupOwnerChanged {
    /// A sample: the REST API hands the room's group to the second viewer.
    pub fn sample() -> Self {
        Self {
            group_id: ROOM.to_owned(),
            group_type: Some(GroupType::AVChatRoom),
            operator_account: Some(ADMIN.to_owned()),
            old_owner_account: Some(OWNER.to_owned()),
            new_owner_account: Some(SECOND_VIEWER.to_owned()),
            event_time_ms: at(390, 0),
            ..Self::default()
        }
    }
}

impl GroupQuotaAlarm {
    /// A sample: the app's net new groups of the day reach 7321 of 10000.
    pub fn sample() -> Self {
        Self {
            quota_used: Some(7321),
            quota: Some(10000),
            event_time_ms: at(0, 500),
            ..Self::default()
        }
    }
}

impl GroupMsgExtensionChanged {
    /// A sample: the viewer's message in the room gets a like.
    pub fn sample() -> Self {
        let extension = ExtensionKv {
            key: Some("likes".to_owned()),
            value: Some("1".to_owned()),
            seq: Some(1),
            ..ExtensionKv::default()
        };
        Self {
            group_id: ROOM.to_owned(),
            msg_seq: Some(8),
            operate_type: Some(ExtensionOperation::Set),
            extensions: Some(vec![extension]),
            seq: Some(1),
            event_time_ms: at(102, 0),
            ..Self::default()
        }
    }
}

impl GroupMessageModified {
    /// A sample: the viewer edits a message in the room.
    pub fn sample() -> Self {
        Self {
            group_id: Some(ROOM.to_owned()),
            group_type: Some(GroupType::AVChatRoom),
            operator_account: Some(VIEWER.to_owned()),
            from_account: Some(VIEWER.to_owned()),
            msg_seq: Some(8),
            msg_time: Some(ROOM_CREATED_AT + 101),
            msg_body: Some(vec![MsgElement::text("go pk-3!")]),
            event_time_ms: at(103, 0),
            ..Self::default()
        }
    }
}

impl ModerationResult {
    /// A sample: cloud moderation blocked a message the second viewer sent
    /// to the room.
    pub fn sample() -> Self {
        let contact = ModerationContact {
            contact_type: Some(ModerationContactType::Group),
            to_group_id: Some(ROOM.to_owned()),
            ..ModerationContact::default()
        };
        Self {
            scene: Some(ModerationScene::Group),
            sdk_app_id: Some(crate::testing::fixtures::APP_ID),
            from_account: Some(SECOND_VIEWER.to_owned()),
            contact: Some(contact),
            content_type: Some(ModerationContentType::Text),
            text_content: Some(json!(["buy followers here"])),
            msg_id: Some("9".to_owned()),
            verdict: Some(ModerationVerdict::Blocked),
            request_id: Some("5b9b7c2e-0000-4000-8000-0000000000a1".to_owned()),
            keywords: Some(vec!["buy followers".to_owned()]),
            suggestion: Some("Block".to_owned()),
            label: Some("Ad".to_owned()),
            ..Self::default()
        }
    }
}
