//! The battle of the story: `pk-3` invites `pk-5`, and wins.

use super::{OPPONENT_OWNER, OPPONENT_ROOM, OWNER, ROOM};
use crate::battle::{
    BattleCreated, BattleEnded, BattleEvent, BattleRoom, BattleRoomInfo, BattleStarted,
};
use crate::EndReason;

/// The battle every sample belongs to.
pub(crate) const SAMPLE_BATTLE_ID: &str = "4siHsNsWN/T3aub9zKraqPfGQAimPhdFoe6VWhtz9lY=";
pub(crate) const SAMPLE_CREATED_AT: u64 = 1739956105;
pub(crate) const SAMPLE_STARTED_AT: u64 = 1739956115;
pub(crate) const SAMPLE_DURATION_MS: u64 = 30_000;

impl BattleCreated {
    /// A sample: room `pk-3` (owner `144115245353757792`) invites `pk-5`
    /// (owner `144115245442327522`) to a 30-second battle. The same battle as
    /// [`BattleStarted::sample`] and [`BattleEnded::sample`].
    pub fn sample() -> Self {
        Self {
            operator_account: Some(OWNER.to_owned()),
            battle_id: SAMPLE_BATTLE_ID.to_owned(),
            from_room_id: Some(ROOM.to_owned()),
            to_room_ids: Some(vec![OPPONENT_ROOM.to_owned()]),
            timeout_ms: Some(10_000),
            duration_ms: Some(SAMPLE_DURATION_MS),
            need_response: Some(true),
            extension_info: Some(String::new()),
            event_time_ms: Some(SAMPLE_CREATED_AT * 1000 + 120),
        }
    }
}

impl BattleStarted {
    /// A sample: the battle of [`BattleCreated::sample`] starts ten seconds later.
    pub fn sample() -> Self {
        Self {
            battle_id: SAMPLE_BATTLE_ID.to_owned(),
            duration_ms: Some(SAMPLE_DURATION_MS),
            create_time: Some(SAMPLE_CREATED_AT),
            start_time: Some(SAMPLE_STARTED_AT),
            from_room: Some(BattleRoomInfo::new(ROOM, OWNER)),
            to_rooms: Some(vec![BattleRoomInfo::new(OPPONENT_ROOM, OPPONENT_OWNER)]),
            event_time_ms: Some(SAMPLE_STARTED_AT * 1000 + 80),
        }
    }
}

impl BattleEnded {
    /// A sample: the battle of [`BattleStarted::sample`] runs its 30 seconds,
    /// and `pk-3` wins 120 to 80.
    pub fn sample() -> Self {
        let end_time = SAMPLE_STARTED_AT + SAMPLE_DURATION_MS / 1000;
        Self {
            battle_id: SAMPLE_BATTLE_ID.to_owned(),
            duration_ms: Some(SAMPLE_DURATION_MS),
            create_time: Some(SAMPLE_CREATED_AT),
            start_time: Some(SAMPLE_STARTED_AT),
            end_time: Some(end_time),
            reason: EndReason::TimeUp,
            from_room: Some(BattleRoom::new(ROOM, 120, OWNER)),
            to_rooms: Some(vec![BattleRoom::new(OPPONENT_ROOM, 80, OPPONENT_OWNER)]),
            event_time_ms: Some(end_time * 1000 + 1119),
        }
    }
}

impl BattleEvent {
    /// One battle's three events, in the order Tencent sends them.
    pub fn sample_lifecycle() -> [Self; 3] {
        [
            Self::Created(BattleCreated::sample()),
            Self::Started(BattleStarted::sample()),
            Self::Ended(BattleEnded::sample()),
        ]
    }
}
