//! Samples of the Push add-on's batched callbacks (chat-commands.md
//! appendix P): the owner's offline phone gets the viewer's message pushed,
//! and the app's "room is live" push task reaches two viewers. Times are in
//! **seconds** here, as Tencent sends them.

use super::*;
use crate::{AllMemberPush, AllMemberPushType, OfflinePush, OfflinePushType, PushBatch};

impl PushBatch<OfflinePush> {
    /// A sample: the viewer's one-to-one message and a room message are
    /// pushed to the owner's offline phone; the second push names the room.
    pub fn sample() -> Self {
        let at = ROOM_CREATED_AT + 221;
        let c2c = OfflinePush {
            callback_command: Some(OfflinePush::COMMAND.to_owned()),
            event_type: Some(OfflinePushType::C2c),
            event_time_s: Some(at),
            from_account: Some(VIEWER.to_owned()),
            to_account: Some(OWNER.to_owned()),
            push_platform: Some(1),
            push_stage: Some(1),
            msg_key: Some(format!("3000000001_4294967295_{}", at - 1)),
            msg_seq: Some(3_000_000_001),
            msg_random: Some(4_294_967_295),
            msg_time: Some(at - 1),
            push_id: Some("67120c46_6a4086c0_9bf5fb50_2000a1".to_owned()),
            err_code: Some(0),
            err_info: Some("OK".to_owned()),
            ..OfflinePush::default()
        };
        let group = OfflinePush {
            callback_command: Some(OfflinePush::COMMAND.to_owned()),
            event_type: Some(OfflinePushType::Group),
            event_time_s: Some(at + 9),
            from_account: Some(SECOND_VIEWER.to_owned()),
            to_account: Some(OWNER.to_owned()),
            push_platform: Some(1),
            push_stage: Some(1),
            group_id: Some(ROOM.to_owned()),
            msg_seq: Some(42),
            msg_random: Some(2_804_799_576),
            msg_time: Some(at + 8),
            push_id: Some("6710c631_85_392fcbcff_2000a2".to_owned()),
            err_code: Some(0),
            err_info: Some("OK".to_owned()),
            ..OfflinePush::default()
        };
        Self {
            events: vec![c2c, group],
        }
    }
}

impl PushBatch<AllMemberPush> {
    /// A sample: the administrator's "room is live" push task reaches the
    /// viewer offline and the second viewer online.
    pub fn sample() -> Self {
        let task_time = ROOM_CREATED_AT + 5;
        let task_id = "657bf434_537529d8_2000005e80aa873_2780d131_pk3";
        let item = |account: &str, kind, platform, delay| AllMemberPush {
            callback_command: Some(AllMemberPush::COMMAND.to_owned()),
            event_type: Some(kind),
            task_id: Some(task_id.to_owned()),
            task_time: Some(task_time),
            event_time_s: Some(task_time + delay),
            to_account: Some(account.to_owned()),
            push_platform: Some(platform),
            push_stage: Some(1),
            err_code: Some(0),
            err_info: Some("OK".to_owned()),
        };
        Self {
            events: vec![
                item(VIEWER, AllMemberPushType::Offline, 1, 1),
                item(SECOND_VIEWER, AllMemberPushType::Online, 0, 2),
            ],
        }
    }
}
