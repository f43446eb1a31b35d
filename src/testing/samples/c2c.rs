//! Samples of the one-to-one (C2C) commands: during the battle, the viewer
//! writes to the owner privately, recalls it, and the owner answers (one
//! sample per command, in the table's order; times within the room's
//! story).

use super::*;
use crate::{
    AllMessagesRead, C2cConversationRead, C2cExtensionChanged, C2cMessageModified,
    C2cMessageRecalled, C2cMessageSending, C2cMessageSent, C2cReadReceiptSent, ExtensionKv,
    ExtensionOperation, GroupReadInfo, MsgElement, ReceiptMessage,
};

/// When the viewer's message is sent, Unix seconds.
const VIEWER_WRITES_AT: u64 = ROOM_CREATED_AT + 220;
/// Its sequence number and random number: above 2^31, as 32-bit unsigned
/// numbers may be.
const VIEWER_SEQ: u64 = 3_000_000_001;
const VIEWER_RANDOM: u64 = 4_294_967_295;
/// When the owner's answer is sent, Unix seconds.
const OWNER_ANSWERS_AT: u64 = ROOM_CREATED_AT + 240;

fn viewer_msg_key() -> String {
    format!("{VIEWER_SEQ}_{VIEWER_RANDOM}_{VIEWER_WRITES_AT}")
}

fn owner_msg_key() -> String {
    format!("51_52_{OWNER_ANSWERS_AT}")
}

impl C2cMessageSending {
    /// A sample: the viewer writes to the owner, before Tencent delivers it.
    pub fn sample() -> Self {
        Self {
            from_account: Some(VIEWER.to_owned()),
            to_account: Some(OWNER.to_owned()),
            msg_seq: Some(VIEWER_SEQ),
            msg_random: Some(VIEWER_RANDOM),
            msg_time: Some(VIEWER_WRITES_AT),
            msg_key: Some(viewer_msg_key()),
            online_only: Some(false),
            msg_body: Some(vec![MsgElement::text("great battle, good luck!")]),
            cloud_custom_data: Some(r#"{"from_room":"pk-3"}"#.to_owned()),
            ..Self::default()
        }
    }
}

impl C2cMessageSent {
    /// A sample: the message of [`C2cMessageSending::sample`], delivered;
    /// the owner has one unread message.
    pub fn sample() -> Self {
        let sending = C2cMessageSending::sample();
        Self {
            from_account: sending.from_account,
            to_account: sending.to_account,
            msg_seq: sending.msg_seq,
            msg_random: sending.msg_random,
            msg_time: sending.msg_time,
            msg_key: sending.msg_key,
            online_only: sending.online_only,
            send_msg_result: Some(0),
            error_info: Some("send msg succeed".to_owned()),
            unread_msg_num: Some(1),
            msg_body: sending.msg_body,
            cloud_custom_data: sending.cloud_custom_data,
            ..Self::default()
        }
    }
}

impl C2cConversationRead {
    /// A sample: the owner reads the conversation with the viewer.
    pub fn sample() -> Self {
        Self {
            report_account: OWNER.to_owned(),
            peer_account: Some(VIEWER.to_owned()),
            last_read_time: Some(VIEWER_WRITES_AT + 5),
            unread_msg_num: Some(0),
            ..Self::default()
        }
    }
}

impl C2cMessageRecalled {
    /// A sample: the viewer recalls their message.
    pub fn sample() -> Self {
        Self {
            from_account: Some(VIEWER.to_owned()),
            to_account: Some(OWNER.to_owned()),
            msg_key: viewer_msg_key(),
            unread_msg_num: Some(0),
            ..Self::default()
        }
    }
}

impl C2cExtensionChanged {
    /// A sample: the owner's answer to the viewer gets a "like" extension.
    pub fn sample() -> Self {
        let like = ExtensionKv {
            key: Some("like".to_owned()),
            value: Some("1".to_owned()),
            seq: Some(1),
            ..ExtensionKv::default()
        };
        Self {
            from_account: Some(OWNER.to_owned()),
            to_account: Some(VIEWER.to_owned()),
            msg_key: owner_msg_key(),
            operate_type: Some(ExtensionOperation::Set),
            extensions: Some(vec![like]),
            seq: Some(1),
            event_time_ms: Some((OWNER_ANSWERS_AT + 5) * 1000 + 120),
            ..Self::default()
        }
    }
}

impl C2cReadReceiptSent {
    /// A sample: the viewer sends a read receipt for the owner's answer.
    pub fn sample() -> Self {
        let message = ReceiptMessage {
            from_account: Some(OWNER.to_owned()),
            to_account: Some(VIEWER.to_owned()),
            msg_key: Some(owner_msg_key()),
            msg_id: Some(format!("{OWNER}-{OWNER_ANSWERS_AT}-52")),
            ..ReceiptMessage::default()
        };
        Self {
            operator_account: VIEWER.to_owned(),
            peer_account: Some(OWNER.to_owned()),
            messages: Some(vec![message]),
            event_time_ms: Some((OWNER_ANSWERS_AT + 6) * 1000 + 40),
            ..Self::default()
        }
    }
}

impl C2cMessageModified {
    /// A sample: the owner edits their answer.
    pub fn sample() -> Self {
        Self {
            operator_account: Some(OWNER.to_owned()),
            from_account: Some(OWNER.to_owned()),
            to_account: Some(VIEWER.to_owned()),
            msg_seq: Some(51),
            msg_random: Some(52),
            msg_time: Some(OWNER_ANSWERS_AT),
            msg_key: owner_msg_key(),
            msg_body: Some(vec![MsgElement::text("thanks, see you after the battle!")]),
            cloud_custom_data: Some(String::new()),
            event_time_ms: Some((OWNER_ANSWERS_AT + 10) * 1000 + 5),
            ..Self::default()
        }
    }
}

impl AllMessagesRead {
    /// A sample: the viewer clears all their unread messages, the room's
    /// included.
    pub fn sample() -> Self {
        let room = GroupReadInfo {
            group_id: Some(ROOM.to_owned()),
            msg_seq: Some(18),
            ..GroupReadInfo::default()
        };
        Self {
            report_account: VIEWER.to_owned(),
            groups: Some(vec![room]),
            event_time_ms: Some((OWNER_ANSWERS_AT + 20) * 1000 + 700),
            ..Self::default()
        }
    }
}
