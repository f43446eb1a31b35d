//! The chat of the story: the viewer says hello in `pk-3`, with their level
//! in a custom element; the message is checked, then delivered.

use super::{MessageSending, MessageSent, ROOM, VIEWER};
use crate::{CustomElem, MsgElement};

/// When the viewer sends the message, Unix seconds.
const MESSAGE_SENT_AT: u64 = 1739956060;
/// The request's random number.
const RANDOM: u64 = 2718281828;

fn msg_id() -> String {
    format!("{VIEWER}-{MESSAGE_SENT_AT}-{RANDOM}")
}

fn msg_body() -> Vec<MsgElement> {
    vec![
        MsgElement::text("hello pk-3, go go go!"),
        MsgElement::Custom(CustomElem {
            data: Some(r#"{"level":12}"#.to_owned()),
            desc: Some("CustomElement.MemberLevel".to_owned()),
            ext: Some("badge:silver".to_owned()),
            sound: Some("dingdong.aiff".to_owned()),
            ..CustomElem::default()
        }),
    ]
}

impl MessageSending {
    /// A sample: viewer `144115233775727695` says hello in `pk-3`, with their
    /// level in a custom element. `TopicId` (a community field, unused by
    /// live rooms) is filled so that a round trip covers it.
    pub fn sample() -> Self {
        Self {
            group_id: ROOM.to_owned(),
            room_type: Some("Live".to_owned()),
            from_account: Some(VIEWER.to_owned()),
            operator_account: Some(VIEWER.to_owned()),
            random: Some(RANDOM),
            msg_id: Some(msg_id()),
            msg_body: Some(msg_body()),
            cloud_custom_data: Some(r#"{"nick":"viewer one"}"#.to_owned()),
            event_time_ms: Some(MESSAGE_SENT_AT * 1000 + 210),
            online_only: Some(false),
            topic_id: Some(format!("@TGS#_{ROOM}@TOPIC#_chat")),
        }
    }
}

impl MessageSent {
    /// A sample: the message of [`MessageSending::sample`], delivered as
    /// message 18 of the room.
    pub fn sample() -> Self {
        let sending = MessageSending::sample();
        Self {
            group_id: sending.group_id,
            room_type: sending.room_type,
            from_account: sending.from_account,
            operator_account: sending.operator_account,
            random: sending.random,
            msg_id: sending.msg_id,
            msg_seq: Some(18),
            msg_time: Some(MESSAGE_SENT_AT),
            msg_body: sending.msg_body,
            cloud_custom_data: sending.cloud_custom_data,
            event_time_ms: Some(MESSAGE_SENT_AT * 1000 + 350),
            online_only: sending.online_only,
            topic_id: sending.topic_id,
        }
    }
}
