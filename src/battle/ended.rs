//! `Live.CallbackAfterEndBattle`: a battle has ended, with every room's score.

use std::time::{Duration, SystemTime};

use serde::de::{self, Deserialize, Deserializer, MapAccess};
use serde::{Serialize, Serializer};

use super::{require_battle_id, skip, unix_millis, unix_seconds};
use crate::event::{decode_json, deserialize_object, JsonObject, WebhookEvent};
use crate::lenient::{Id, Int, ObjectOrJsonString, OrDefault};
use crate::rejection::Rejection;

/// `Live.CallbackAfterEndBattle`: a battle (PK) between live rooms has ended,
/// with every room's score.
///
/// Decoding is lenient, because Tencent does not retry after-event webhooks:
/// unknown fields are ignored; ids and accounts may be JSON strings or numbers
/// and keep every digit; integers may be numeric strings; a missing or `null`
/// number is 0 and a missing list is empty. Only a body without a `BattleId`,
/// with another `CallbackCommand`, or with a value that cannot be read
/// exactly (a fractional score, a negative time) is refused.
/// Serialising writes Tencent's field names, ids and accounts as strings.
///
/// ```
/// use tencent_live_webhook::{BattleEnded, EndReason};
///
/// let body = r#"{"CallbackCommand":"Live.CallbackAfterEndBattle","BattleId":"b-1",
///     "Duration":30000,"CreateTime":1739956115,"StartTime":1739956115,"EndTime":1739956145,
///     "OpType":0,"FromRoomInfo":{"RoomId":"pk-3","Score":12,"Owner_Account":144115245353757792},
///     "ToRoomList":[{"RoomId":"pk-5","Score":7,"Owner_Account":"anchor-5"}],
///     "EventTime":1739956146119}"#;
/// let battle: BattleEnded = serde_json::from_str(body)?;
///
/// assert_eq!(battle.reason, EndReason::TimeUp);
/// assert_eq!(battle.from_room.owner_account, "144115245353757792");
/// assert_eq!(battle.duration().as_secs(), 30);
/// assert_eq!(battle.winner().map(|room| room.room_id.as_str()), Some("pk-3"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "CallbackCommand", rename = "Live.CallbackAfterEndBattle")]
pub struct BattleEnded {
    /// `BattleId`: the battle's id, base64-looking (`/`, `+` and `=` occur).
    #[serde(rename = "BattleId")]
    pub battle_id: String,
    /// `Duration`: how long the battle ran, in **milliseconds**.
    #[serde(rename = "Duration")]
    pub duration_ms: u64,
    /// `CreateTime`: when the battle was created, Unix **seconds**.
    #[serde(rename = "CreateTime")]
    pub create_time: u64,
    /// `StartTime`: when the battle started, Unix **seconds**.
    #[serde(rename = "StartTime")]
    pub start_time: u64,
    /// `EndTime`: when the battle ended, Unix **seconds**.
    #[serde(rename = "EndTime")]
    pub end_time: u64,
    /// `OpType`: why the battle ended.
    #[serde(rename = "OpType")]
    pub reason: EndReason,
    /// `FromRoomInfo`: the room that started the battle.
    #[serde(rename = "FromRoomInfo")]
    pub from_room: BattleRoom,
    /// `ToRoomList`: the rooms that were invited.
    #[serde(rename = "ToRoomList")]
    pub to_rooms: Vec<BattleRoom>,
    /// `EventTime`: when Tencent fired the event, Unix **milliseconds**.
    #[serde(rename = "EventTime")]
    pub event_time_ms: u64,
}

impl WebhookEvent for BattleEnded {
    const CALLBACK_COMMANDS: &'static [&'static str] = &[Self::COMMAND];

    fn decode(_: &str, body: &[u8]) -> Result<Self, Rejection> {
        decode_json(body)
    }
}

impl BattleEnded {
    /// `Live.CallbackAfterEndBattle`, the `CallbackCommand` of this event.
    pub const COMMAND: &'static str = "Live.CallbackAfterEndBattle";

    /// How long the battle ran.
    pub fn duration(&self) -> Duration {
        Duration::from_millis(self.duration_ms)
    }

    /// When the battle was created.
    pub fn created_at(&self) -> SystemTime {
        unix_seconds(self.create_time)
    }

    /// When the battle started.
    pub fn started_at(&self) -> SystemTime {
        unix_seconds(self.start_time)
    }

    /// When the battle ended.
    pub fn ended_at(&self) -> SystemTime {
        unix_seconds(self.end_time)
    }

    /// When Tencent fired the event.
    pub fn event_time(&self) -> SystemTime {
        unix_millis(self.event_time_ms)
    }

    /// Every room in the battle: the caller first, then the invited rooms.
    pub fn rooms(&self) -> impl Iterator<Item = &BattleRoom> {
        std::iter::once(&self.from_room).chain(&self.to_rooms)
    }

    /// The room with the highest score, or `None` when the top score is shared
    /// (a draw), the battle never started, or no invited room is listed.
    pub fn winner(&self) -> Option<&BattleRoom> {
        if self.reason == EndReason::NeverStarted || self.to_rooms.is_empty() {
            return None;
        }
        let top = self.rooms().map(|room| room.score).max()?;
        let mut leaders = self.rooms().filter(|room| room.score == top);
        let winner = leaders.next();
        match leaders.next() {
            Some(_) => None,
            None => winner,
        }
    }
}

/// One room in a battle, with its score.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize)]
pub struct BattleRoom {
    /// `RoomId`: the live room's id.
    #[serde(rename = "RoomId")]
    pub room_id: String,
    /// `Score`: the room's score in the battle.
    #[serde(rename = "Score")]
    pub score: i64,
    /// `Owner_Account`: the room owner's account. Tencent sends it as a JSON
    /// string or as a JSON number (above 2^53 in its own sample); either way
    /// every digit is kept here.
    #[serde(rename = "Owner_Account")]
    pub owner_account: String,
}

impl<'de> Deserialize<'de> for BattleRoom {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_object(deserializer)
    }
}

impl JsonObject for BattleRoom {
    const NAME: &'static str = "room";
    const COMMAND: Option<&'static str> = None;
    const FIELDS: &'static [&'static str] = &["RoomId", "Score", "Owner_Account"];

    fn read_field<'de, A: MapAccess<'de>>(
        &mut self,
        field: &'static str,
        map: &mut A,
    ) -> Result<(), A::Error> {
        match field {
            "RoomId" => self.room_id = map.next_value::<Id>()?.0,
            "Score" => self.score = map.next_value::<Int<i64>>()?.0,
            "Owner_Account" => self.owner_account = map.next_value::<Id>()?.0,
            _ => skip(map)?,
        }
        Ok(())
    }
}

/// `OpType`: why a battle ended.
///
/// ```
/// use tencent_live_webhook::EndReason;
///
/// assert_eq!(EndReason::from_code(2), EndReason::NeverStarted);
/// assert_eq!(EndReason::from_code(9), EndReason::Other(9));
/// assert_eq!(EndReason::Other(9).code(), 9);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum EndReason {
    /// `0`: the battle's time was up.
    #[default]
    TimeUp,
    /// `1`: every room owner left after the battle started.
    AllOwnersExited,
    /// `2`: the battle was created, but no invited owner joined, so it never started.
    NeverStarted,
    /// A value Tencent may add later, kept as its number.
    Other(i64),
}

impl EndReason {
    /// The reason for an `OpType` value.
    pub fn from_code(code: i64) -> Self {
        match code {
            0 => Self::TimeUp,
            1 => Self::AllOwnersExited,
            2 => Self::NeverStarted,
            other => Self::Other(other),
        }
    }

    /// The `OpType` value.
    pub fn code(self) -> i64 {
        match self {
            Self::TimeUp => 0,
            Self::AllOwnersExited => 1,
            Self::NeverStarted => 2,
            Self::Other(code) => code,
        }
    }
}

impl Serialize for EndReason {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_i64(self.code())
    }
}

impl<'de> Deserialize<'de> for EndReason {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Int::deserialize(deserializer).map(|code| Self::from_code(code.0))
    }
}

impl<'de> Deserialize<'de> for BattleEnded {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_object(deserializer)
    }
}

impl JsonObject for BattleEnded {
    const NAME: &'static str = Self::COMMAND;
    const COMMAND: Option<&'static str> = Some(Self::COMMAND);
    const FIELDS: &'static [&'static str] = &[
        "BattleId",
        "Duration",
        "CreateTime",
        "StartTime",
        "EndTime",
        "OpType",
        "FromRoomInfo",
        "ToRoomList",
        "EventTime",
    ];

    fn read_field<'de, A: MapAccess<'de>>(
        &mut self,
        field: &'static str,
        map: &mut A,
    ) -> Result<(), A::Error> {
        match field {
            "BattleId" => self.battle_id = map.next_value::<Id>()?.0,
            "Duration" => self.duration_ms = map.next_value::<Int<u64>>()?.0,
            "CreateTime" => self.create_time = map.next_value::<Int<u64>>()?.0,
            "StartTime" => self.start_time = map.next_value::<Int<u64>>()?.0,
            "EndTime" => self.end_time = map.next_value::<Int<u64>>()?.0,
            "OpType" => self.reason = map.next_value()?,
            "FromRoomInfo" => self.from_room = map.next_value::<ObjectOrJsonString<_>>()?.0,
            "ToRoomList" => self.to_rooms = map.next_value::<OrDefault<_>>()?.0,
            "EventTime" => self.event_time_ms = map.next_value::<Int<u64>>()?.0,
            _ => skip(map)?,
        }
        Ok(())
    }

    fn validate<E: de::Error>(&self) -> Result<(), E> {
        require_battle_id(&self.battle_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::UNIX_EPOCH;

    const SAMPLE: &str = r#"{"CallbackCommand":"Live.CallbackAfterEndBattle","BattleId":"4siHsNsWN/T3aub9zKraqPfGQAimPhdFoe6VWhtz9lY=","Duration":30000,"CreateTime":1739956115,"StartTime":1739956115,"EndTime":1739956145,"OpType":0,"FromRoomInfo":{"RoomId":"pk-3","Score":0,"Owner_Account":144115245353757792},"ToRoomList":[{"RoomId":"pk-5","Score":0,"Owner_Account":144115245442327522}],"EventTime":1739956146119}"#;

    fn room(room_id: &str, score: i64, owner_account: &str) -> BattleRoom {
        BattleRoom {
            room_id: room_id.into(),
            score,
            owner_account: owner_account.into(),
        }
    }

    #[test]
    fn decodes_the_documented_sample() {
        let battle: BattleEnded = serde_json::from_str(SAMPLE).unwrap();
        assert_eq!(
            battle,
            BattleEnded {
                battle_id: "4siHsNsWN/T3aub9zKraqPfGQAimPhdFoe6VWhtz9lY=".into(),
                duration_ms: 30000,
                create_time: 1739956115,
                start_time: 1739956115,
                end_time: 1739956145,
                reason: EndReason::TimeUp,
                from_room: room("pk-3", 0, "144115245353757792"),
                to_rooms: vec![room("pk-5", 0, "144115245442327522")],
                event_time_ms: 1739956146119,
            }
        );
        assert_eq!(battle.duration(), Duration::from_secs(30));
        assert_eq!(
            battle
                .ended_at()
                .duration_since(battle.started_at())
                .unwrap(),
            battle.duration()
        );
        assert_eq!(
            battle.event_time().duration_since(UNIX_EPOCH).unwrap(),
            Duration::from_millis(1739956146119)
        );
        assert_eq!(battle.winner(), None, "0:0 is a draw");
    }

    #[test]
    fn serialises_to_tencent_names_and_back() {
        let battle: BattleEnded = serde_json::from_str(SAMPLE).unwrap();
        let json = serde_json::to_value(&battle).unwrap();
        assert_eq!(json["CallbackCommand"], "Live.CallbackAfterEndBattle");
        assert_eq!(json["FromRoomInfo"]["Owner_Account"], "144115245353757792");
        assert_eq!(json["OpType"], 0);
        assert_eq!(json["Duration"], 30000);
        let again: BattleEnded = serde_json::from_value(json).unwrap();
        assert_eq!(again, battle);
    }

    #[test]
    fn lenient_where_the_meaning_is_clear() {
        let battle: BattleEnded = serde_json::from_str(
            r#"{"BattleId":12345678901234567890,"Duration":"1000","OpType":"7","Extra":{"a":[1]},
                "FromRoomInfo":"{\"RoomId\":\"r1\",\"Score\":\"5\"}","ToRoomList":null,"EventTime":null}"#,
        )
        .unwrap();
        assert_eq!(battle.battle_id, "12345678901234567890");
        assert_eq!(battle.duration_ms, 1000);
        assert_eq!(battle.reason, EndReason::Other(7));
        assert_eq!(battle.from_room, room("r1", 5, ""));
        assert!(battle.to_rooms.is_empty());
        assert_eq!(battle.event_time_ms, 0);
        assert_eq!(battle.create_time, 0);
    }

    #[test]
    fn refuses_what_cannot_be_understood() {
        for body in [
            r#"{}"#,
            r#"{"BattleId":""}"#,
            r#"{"BattleId":null}"#,
            r#"[]"#,
            r#""BattleId""#,
            r#"{"BattleId":"b","BattleId":"c"}"#,
            r#"{"BattleId":"b","CallbackCommand":"Live.CallbackAfterStartBattle"}"#,
            r#"{"BattleId":"b","CallbackCommand":5}"#,
            r#"{"BattleId":"b","EndTime":-1}"#,
            r#"{"BattleId":"b","FromRoomInfo":{"Score":1.5}}"#,
            r#"{"BattleId":"b","ToRoomList":{}}"#,
            r#"{"BattleId":1.5}"#,
        ] {
            assert!(
                serde_json::from_str::<BattleEnded>(body).is_err(),
                "accepted {body}"
            );
        }
    }

    #[test]
    fn command_may_be_absent_or_null() {
        for body in [
            r#"{"BattleId":"b"}"#,
            r#"{"BattleId":"b","CallbackCommand":null}"#,
        ] {
            assert_eq!(
                serde_json::from_str::<BattleEnded>(body).unwrap().battle_id,
                "b"
            );
        }
    }

    #[test]
    fn winner_is_the_unique_top_score() {
        let mut battle = BattleEnded {
            battle_id: "b".into(),
            from_room: room("a", 3, "x"),
            to_rooms: vec![room("b", 9, "y"), room("c", 1, "z")],
            ..BattleEnded::default()
        };
        assert_eq!(battle.winner().unwrap().room_id, "b");
        assert_eq!(battle.rooms().count(), 3);
        battle.from_room.score = 9;
        assert_eq!(battle.winner(), None);
        battle.from_room.score = 10;
        assert_eq!(battle.winner().unwrap().room_id, "a");
        battle.reason = EndReason::NeverStarted;
        assert_eq!(battle.winner(), None);
        battle.reason = EndReason::TimeUp;
        battle.to_rooms.clear();
        assert_eq!(battle.winner(), None, "no opponent, no winner");
    }

    #[test]
    fn end_reason_codes_round_trip() {
        for code in [-1, 0, 1, 2, 3, i64::MAX] {
            let reason = EndReason::from_code(code);
            assert_eq!(reason.code(), code);
            let json = serde_json::to_string(&reason).unwrap();
            assert_eq!(serde_json::from_str::<EndReason>(&json).unwrap(), reason);
        }
    }
}
