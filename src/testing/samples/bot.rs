//! Samples of the chatbot commands (chat-commands.md §7): the room's quiz
//! bot answers the viewer, is mentioned in the room, and receives a
//! pass-through ping.

use super::*;
use crate::{BotMentioned, BotMessageReceived, BotSignalReceived, GroupType, MsgElement};

/// The room's chatbot.
const QUIZ_BOT: &str = "@RBT#quiz";
/// When the viewer writes to the bot, Unix seconds.
const VIEWER_ASKS_AT: u64 = ROOM_CREATED_AT + 180;

impl BotMessageReceived {
    /// A sample: the viewer asks the room's quiz bot for today's question.
    pub fn sample() -> Self {
        let (seq, random) = (3_000_000_011_u64, 4_000_000_001_u64);
        Self {
            from_account: Some(VIEWER.to_owned()),
            to_account: Some(QUIZ_BOT.to_owned()),
            msg_seq: Some(seq),
            msg_random: Some(random),
            msg_time: Some(VIEWER_ASKS_AT),
            msg_key: Some(format!("{seq}_{random}_{VIEWER_ASKS_AT}")),
            online_only: Some(false),
            send_msg_result: Some(0),
            error_info: Some("send msg succeed".to_owned()),
            msg_body: Some(vec![MsgElement::text("today's question?")]),
            event_time_ms: Some(VIEWER_ASKS_AT * 1000 + 210),
            ..Self::default()
        }
    }
}

impl BotMentioned {
    /// A sample: the second viewer mentions the quiz bot in the room.
    pub fn sample() -> Self {
        let at = VIEWER_ASKS_AT + 30;
        Self {
            group_id: ROOM.to_owned(),
            group_type: Some(GroupType::AVChatRoom),
            from_account: Some(SECOND_VIEWER.to_owned()),
            operator_account: Some(SECOND_VIEWER.to_owned()),
            random: Some(3_456_789_012),
            msg_seq: Some(41),
            msg_time: Some(at),
            online_only: Some(false),
            msg_body: Some(vec![MsgElement::text(format!("@{QUIZ_BOT} score?"))]),
            at_robots_account: Some(vec![QUIZ_BOT.to_owned()]),
            event_time_ms: Some(at * 1000 + 640),
            ..Self::default()
        }
    }
}

impl BotSignalReceived {
    /// A sample: the viewer's client pings the quiz bot with pass-through
    /// content.
    pub fn sample() -> Self {
        let at = VIEWER_ASKS_AT + 40;
        let (seq, random) = (3_000_000_012_u64, 17_u64);
        Self {
            from_account: Some(VIEWER.to_owned()),
            to_account: Some(QUIZ_BOT.to_owned()),
            msg_seq: Some(seq),
            msg_random: Some(random),
            msg_key: Some(format!("{seq}_{random}_{at}")),
            data: Some(serde_json::Value::from(r#"{"cmd":"ping"}"#)),
            event_time_ms: Some(at * 1000 + 5),
        }
    }
}
