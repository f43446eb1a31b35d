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
        let mut message = Self::default();
        message.from_account = Some(VIEWER.to_owned());
        message.to_account = Some(OWNER.to_owned());
        message.msg_seq = Some(VIEWER_SEQ);
        message.msg_random = Some(VIEWER_RANDOM);
        message.msg_time = Some(VIEWER_WRITES_AT);
        message.msg_key = Some(viewer_msg_key());
        message.online_only = Some(false);
        message.msg_body = Some(vec![MsgElement::text("great battle, good luck!")]);
        message.cloud_custom_data = Some(r#"{"from_room":"pk-3"}"#.to_owned());
        message
    }
}

impl C2cMessageSent {
    /// A sample: the message of [`C2cMessageSending::sample`], delivered;
    /// the owner has one unread message.
    pub fn sample() -> Self {
        let sending = C2cMessageSending::sample();
        let mut message = Self::default();
        message.from_account = sending.from_account;
        message.to_account = sending.to_account;
        message.msg_seq = sending.msg_seq;
        message.msg_random = sending.msg_random;
        message.msg_time = sending.msg_time;
        message.msg_key = sending.msg_key;
        message.online_only = sending.online_only;
        message.send_msg_result = Some(0);
        message.error_info = Some("send msg succeed".to_owned());
        message.unread_msg_num = Some(1);
        message.msg_body = sending.msg_body;
        message.cloud_custom_data = sending.cloud_custom_data;
        message
    }
}

impl C2cConversationRead {
    /// A sample: the owner reads the conversation with the viewer.
    pub fn sample() -> Self {
        let mut read = Self::default();
        read.report_account = OWNER.to_owned();
        read.peer_account = Some(VIEWER.to_owned());
        read.last_read_time = Some(VIEWER_WRITES_AT + 5);
        read.unread_msg_num = Some(0);
        read
    }
}

impl C2cMessageRecalled {
    /// A sample: the viewer recalls their message.
    pub fn sample() -> Self {
        let mut recalled = Self::default();
        recalled.from_account = Some(VIEWER.to_owned());
        recalled.to_account = Some(OWNER.to_owned());
        recalled.msg_key = viewer_msg_key();
        recalled.unread_msg_num = Some(0);
        recalled
    }
}

impl C2cExtensionChanged {
    /// A sample: the owner's answer to the viewer gets a "like" extension.
    pub fn sample() -> Self {
        let mut like = ExtensionKv::default();
        like.key = Some("like".to_owned());
        like.value = Some("1".to_owned());
        like.seq = Some(1);
        let mut changed = Self::default();
        changed.from_account = Some(OWNER.to_owned());
        changed.to_account = Some(VIEWER.to_owned());
        changed.msg_key = owner_msg_key();
        changed.operate_type = Some(ExtensionOperation::Set);
        changed.extensions = Some(vec![like]);
        changed.seq = Some(1);
        changed.event_time_ms = Some((OWNER_ANSWERS_AT + 5) * 1000 + 120);
        changed
    }
}

impl C2cReadReceiptSent {
    /// A sample: the viewer sends a read receipt for the owner's answer.
    pub fn sample() -> Self {
        let mut message = ReceiptMessage::default();
        message.from_account = Some(OWNER.to_owned());
        message.to_account = Some(VIEWER.to_owned());
        message.msg_key = Some(owner_msg_key());
        message.msg_id = Some(format!("{OWNER}-{OWNER_ANSWERS_AT}-52"));
        let mut receipt = Self::default();
        receipt.operator_account = VIEWER.to_owned();
        receipt.peer_account = Some(OWNER.to_owned());
        receipt.messages = Some(vec![message]);
        receipt.event_time_ms = Some((OWNER_ANSWERS_AT + 6) * 1000 + 40);
        receipt
    }
}

impl C2cMessageModified {
    /// A sample: the owner edits their answer.
    pub fn sample() -> Self {
        let mut edited = Self::default();
        edited.operator_account = Some(OWNER.to_owned());
        edited.from_account = Some(OWNER.to_owned());
        edited.to_account = Some(VIEWER.to_owned());
        edited.msg_seq = Some(51);
        edited.msg_random = Some(52);
        edited.msg_time = Some(OWNER_ANSWERS_AT);
        edited.msg_key = owner_msg_key();
        edited.msg_body = Some(vec![MsgElement::text("thanks, see you after the battle!")]);
        edited.cloud_custom_data = Some(String::new());
        edited.event_time_ms = Some((OWNER_ANSWERS_AT + 10) * 1000 + 5);
        edited
    }
}

impl AllMessagesRead {
    /// A sample: the viewer clears all their unread messages, the room's
    /// included.
    pub fn sample() -> Self {
        let mut room = GroupReadInfo::default();
        room.group_id = Some(ROOM.to_owned());
        room.msg_seq = Some(18);
        let mut read = Self::default();
        read.report_account = VIEWER.to_owned();
        read.groups = Some(vec![room]);
        read.event_time_ms = Some((OWNER_ANSWERS_AT + 20) * 1000 + 700);
        read
    }
}
