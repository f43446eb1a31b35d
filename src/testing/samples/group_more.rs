//! Samples of the group commands of `chat-commands.md` §5.13-5.25 and the
//! moderation result (§6.1): the story's room is an audio-video group, and
//! its owner runs a fans' community beside it (one sample per command, in
//! the table's order; times within the room's story).

use serde_json::{json, Map};

use super::*;
use crate::message::MsgElement;
use crate::{
    ExtensionOperation, GroupAttr, GroupAttrOption, GroupAttrsChanged, GroupMemberAccount,
    GroupMemberEventCause, GroupMemberEventType, GroupMemberFieldChanged, GroupMemberRoleChange,
    GroupMemberStateChanged, GroupMessageFailed, GroupMessageModified, GroupMessagesRead,
    GroupMsgExtensionChanged, GroupMsgReceipt, GroupOwnerChanged, GroupQuotaAlarm,
    ModerationContact, ModerationContactType, ModerationContentType, ModerationResult,
    ModerationScene, ModerationVerdict, MsgExtension, TopicCreated, TopicCreating,
    TopicDefinedField, TopicInfoChanged, TopicsDestroyed,
};

/// The owner's fans' community.
const COMMUNITY: &str = "@TGS#_pk-3-fans";
/// Its topic about battles.
const TOPIC: &str = "@TGS#_pk-3-fans@TOPIC#_battles";

/// Milliseconds `seconds` after the room's creation.
fn at(seconds: u64, ms: u64) -> Option<u64> {
    Some((ROOM_CREATED_AT + seconds) * 1000 + ms)
}

fn member(account: &str) -> GroupMemberAccount {
    let mut member = GroupMemberAccount::default();
    member.member_account = Some(account.to_owned());
    member
}

impl GroupMemberStateChanged {
    /// A sample: the viewer enters the room's group for the first time.
    pub fn sample() -> Self {
        let mut changed = Self::default();
        changed.group_id = ROOM.to_owned();
        changed.event_type = Some(GroupMemberEventType::Online);
        changed.event_cause = Some(GroupMemberEventCause::Join);
        changed.members = Some(vec![member(VIEWER)]);
        changed.event_time_ms = at(31, 200);
        changed
    }
}

impl GroupMessageFailed {
    /// A sample: the second viewer, muted, tries to chat in the room.
    pub fn sample() -> Self {
        let mut failed = Self::default();
        failed.group_id = ROOM.to_owned();
        failed.group_type = Some("AVChatRoom".to_owned());
        failed.from_account = Some(SECOND_VIEWER.to_owned());
        failed.operator_account = Some(SECOND_VIEWER.to_owned());
        failed.random = Some(2804799576);
        failed.online_only = Some(false);
        failed.msg_body = Some(vec![MsgElement::text("hello?")]);
        failed.error_code = Some(10017);
        failed.error_info = Some("sender is muted".to_owned());
        failed.event_time_ms = at(95, 400);
        failed
    }
}

impl TopicCreating {
    /// A sample: the owner creates a topic about battles in the fans'
    /// community.
    pub fn sample() -> Self {
        let mut creating = Self::default();
        creating.group_id = Some(COMMUNITY.to_owned());
        creating.operator_account = Some(OWNER.to_owned());
        creating.group_type = Some("Community".to_owned());
        creating.name = Some("battles".to_owned());
        creating
    }
}

impl TopicCreated {
    /// A sample: the battles topic was created, with a custom field.
    pub fn sample() -> Self {
        let mut field = TopicDefinedField::default();
        field.key = Some("room".to_owned());
        field.value = Some(ROOM.to_owned());
        let mut created = Self::default();
        created.group_id = COMMUNITY.to_owned();
        created.topic_id = TOPIC.to_owned();
        created.operator_account = Some(OWNER.to_owned());
        created.owner_account = Some(OWNER.to_owned());
        created.group_type = Some("Community".to_owned());
        created.name = Some("battles".to_owned());
        created.user_defined_data = Some(vec![field]);
        created
    }
}

impl TopicsDestroyed {
    /// A sample: the battles topic was deleted.
    pub fn sample() -> Self {
        let mut destroyed = Self::default();
        destroyed.group_id = COMMUNITY.to_owned();
        destroyed.group_type = Some("Community".to_owned());
        destroyed.topic_ids = Some(vec![TOPIC.to_owned()]);
        destroyed
    }
}

impl TopicInfoChanged {
    /// A sample: the owner posts the battle's notice in the topic.
    pub fn sample() -> Self {
        let mut changed = Self::default();
        changed.group_id = COMMUNITY.to_owned();
        changed.topic_id = Some(TOPIC.to_owned());
        changed.group_type = Some("Community".to_owned());
        changed.operator_account = Some(OWNER.to_owned());
        changed.notification = Some("pk-3 battles pk-5 now".to_owned());
        changed
    }
}

impl GroupMemberFieldChanged {
    /// A sample: the owner makes the second viewer an admin of the room's
    /// group.
    pub fn sample() -> Self {
        let mut changed = Self::default();
        changed.group_id = ROOM.to_owned();
        changed.group_type = Some("AVChatRoom".to_owned());
        changed.operator_account = Some(OWNER.to_owned());
        changed.member_account = Some(SECOND_VIEWER.to_owned());
        changed.role = Some(GroupMemberRoleChange::Admin);
        changed.event_time_ms = at(60, 100);
        changed
    }
}

impl GroupAttrsChanged {
    /// A sample: the owner records the battle's opponent in the group's
    /// attributes.
    pub fn sample() -> Self {
        let mut attr = GroupAttr::default();
        attr.key = Some("battle".to_owned());
        attr.value = Some(OPPONENT_ROOM.to_owned());
        let mut changed = Self::default();
        changed.group_id = ROOM.to_owned();
        changed.group_type = Some("AVChatRoom".to_owned());
        changed.operator_account = Some(OWNER.to_owned());
        changed.option_type = Some(GroupAttrOption::Modify);
        changed.attributes = Some(vec![attr]);
        changed.event_time_ms = at(214, 0);
        changed
    }
}

impl GroupMessagesRead {
    /// A sample: the viewer read the owner's welcome message.
    pub fn sample() -> Self {
        let mut receipt = GroupMsgReceipt::default();
        receipt.msg_seq = Some(7);
        receipt.read_num = Some(1);
        receipt.unread_num = Some(1);
        receipt.readers = Some(vec![member(VIEWER)]);
        let mut read = Self::default();
        read.group_id = ROOM.to_owned();
        read.group_type = Some("AVChatRoom".to_owned());
        read.receipts = Some(vec![receipt]);
        read.event_time_ms = at(90, 0);
        read
    }
}

impl GroupOwnerChanged {
    /// A sample: the REST API hands the room's group to the second viewer.
    pub fn sample() -> Self {
        let mut changed = Self::default();
        changed.group_id = ROOM.to_owned();
        changed.group_type = Some("AVChatRoom".to_owned());
        changed.operator_account = Some(ADMIN.to_owned());
        changed.old_owner_account = Some(OWNER.to_owned());
        changed.new_owner_account = Some(SECOND_VIEWER.to_owned());
        changed.event_time_ms = at(390, 0);
        changed
    }
}

impl GroupQuotaAlarm {
    /// A sample: the app's net new groups of the day reach 7321 of 10000.
    pub fn sample() -> Self {
        let mut alarm = Self::default();
        alarm.quota_used = Some(7321);
        alarm.quota = Some(10000);
        alarm.event_time_ms = at(0, 500);
        alarm
    }
}

impl GroupMsgExtensionChanged {
    /// A sample: the viewer's message in the room gets a like.
    pub fn sample() -> Self {
        let mut extension = MsgExtension::default();
        extension.key = Some("likes".to_owned());
        extension.value = Some("1".to_owned());
        extension.seq = Some(1);
        let mut changed = Self::default();
        changed.group_id = ROOM.to_owned();
        changed.msg_seq = Some(8);
        changed.operate_type = Some(ExtensionOperation::Set);
        changed.extensions = Some(vec![extension]);
        changed.seq = Some(1);
        changed.event_time_ms = at(102, 0);
        changed
    }
}

impl GroupMessageModified {
    /// A sample: the viewer edits a message in the room (the body kept
    /// whole, as the group analogue of the C2C edit callback would send it).
    pub fn sample() -> Self {
        let body = json!({
            "GroupId": ROOM,
            "Type": "AVChatRoom",
            "Operator_Account": VIEWER,
            "From_Account": VIEWER,
            "MsgSeq": 8,
            "MsgTime": ROOM_CREATED_AT + 101,
            "MsgBody": [{"MsgType": "TIMTextElem", "MsgContent": {"Text": "go pk-3!"}}],
            "EventTime": (ROOM_CREATED_AT + 103) * 1000,
        });
        let mut modified = Self::default();
        modified.body = match body {
            serde_json::Value::Object(map) => map,
            _ => Map::new(),
        };
        modified
    }
}

impl ModerationResult {
    /// A sample: cloud moderation blocked a message the second viewer sent
    /// to the room.
    pub fn sample() -> Self {
        let mut contact = ModerationContact::default();
        contact.contact_type = Some(ModerationContactType::Group);
        contact.to_group_id = Some(ROOM.to_owned());
        let mut result = Self::default();
        result.scene = Some(ModerationScene::Group);
        result.sdk_app_id = Some(crate::testing::fixtures::APP_ID);
        result.from_account = Some(SECOND_VIEWER.to_owned());
        result.contact = Some(contact);
        result.content_type = Some(ModerationContentType::Text);
        result.text_content = Some(json!(["buy followers here"]));
        result.msg_id = Some("9".to_owned());
        result.verdict = Some(ModerationVerdict::Blocked);
        result.request_id = Some("5b9b7c2e-0000-4000-8000-0000000000a1".to_owned());
        result.keywords = Some(vec!["buy followers".to_owned()]);
        result.suggestion = Some("Block".to_owned());
        result.label = Some("Ad".to_owned());
        result
    }
}
