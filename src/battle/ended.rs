//! `Live.CallbackAfterEndBattle`: a battle has ended, with every room's score.

use std::time::{Duration, SystemTime};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{unix_millis, unix_seconds};
use crate::lenient;

/// `Live.CallbackAfterEndBattle`: a battle (PK) between live rooms has ended,
/// with every room's score.
///
/// Decoding is lenient, because Tencent does not retry: unknown fields are
/// ignored; ids and accounts may be JSON strings or numbers and keep every
/// digit; integers may be numeric strings; a missing or `null` number is 0, a
/// missing list is empty, and a missing `OpType` is
/// [`EndReason::NotGiven`]. Only a body without a `BattleId`, with another
/// `CallbackCommand`, or with a value that cannot be read exactly (a
/// fractional score, a negative time) is refused. Serialising writes Tencent's
/// field names and the `CallbackCommand`, ids and accounts as strings.
///
/// ```
/// use tencent_live_webhook::{decode_json, BattleEnded, EndReason};
///
/// let body = br#"{"CallbackCommand":"Live.CallbackAfterEndBattle","BattleId":"b-1",
///     "Duration":30000,"CreateTime":1739956115,"StartTime":1739956115,"EndTime":1739956145,
///     "OpType":0,"FromRoomInfo":{"RoomId":"pk-3","Score":12,"Owner_Account":144115245353757792},
///     "ToRoomList":[{"RoomId":"pk-5","Score":7,"Owner_Account":"anchor-5"}],
///     "EventTime":1739956146119}"#;
/// let battle: BattleEnded = decode_json(BattleEnded::COMMAND, body)?;
///
/// assert_eq!(battle.reason, EndReason::TimeUp);
/// assert_eq!(battle.from_room.owner_account, "144115245353757792");
/// assert_eq!(battle.duration().as_secs(), 30);
/// assert_eq!(battle.winner().map(|room| room.room_id.as_str()), Some("pk-3"));
/// # Ok::<(), tencent_live_webhook::Rejection>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "CallbackCommand", rename = "Live.CallbackAfterEndBattle")]
#[non_exhaustive]
pub struct BattleEnded {
    /// `BattleId`: the battle's id, base64-looking (`/`, `+` and `=` occur).
    /// Required: a battle without one cannot be tied to anything.
    #[serde(rename = "BattleId", deserialize_with = "lenient::id")]
    pub battle_id: String,
    /// `Duration`: how long the battle ran, in **milliseconds**.
    #[serde(rename = "Duration", default, deserialize_with = "lenient::integer")]
    pub duration_ms: u64,
    /// `CreateTime`: when the battle was created, Unix **seconds**.
    #[serde(rename = "CreateTime", default, deserialize_with = "lenient::integer")]
    pub create_time: u64,
    /// `StartTime`: when the battle started, Unix **seconds**.
    #[serde(rename = "StartTime", default, deserialize_with = "lenient::integer")]
    pub start_time: u64,
    /// `EndTime`: when the battle ended, Unix **seconds**.
    #[serde(rename = "EndTime", default, deserialize_with = "lenient::integer")]
    pub end_time: u64,
    /// `OpType`: why the battle ended; [`EndReason::NotGiven`] when absent.
    #[serde(
        rename = "OpType",
        default,
        skip_serializing_if = "EndReason::is_not_given"
    )]
    pub reason: EndReason,
    /// `FromRoomInfo`: the room that started the battle (an object, or a
    /// string holding one: Tencent's table types it as a string).
    #[serde(
        rename = "FromRoomInfo",
        default,
        deserialize_with = "lenient::object_or_json_string"
    )]
    pub from_room: BattleRoom,
    /// `ToRoomList`: the rooms that were invited.
    #[serde(rename = "ToRoomList", default, deserialize_with = "lenient::objects")]
    pub to_rooms: Vec<BattleRoom>,
    /// `EventTime`: when Tencent fired the event, Unix **milliseconds**.
    #[serde(rename = "EventTime", default, deserialize_with = "lenient::integer")]
    pub event_time_ms: u64,
}

callback!(BattleEnded = "Live.CallbackAfterEndBattle");

impl BattleEnded {
    /// How long the battle ran.
    pub fn duration(&self) -> Duration {
        Duration::from_millis(self.duration_ms)
    }

    /// When the battle was created; `None` when the time is past what
    /// `SystemTime` holds.
    pub fn created_at(&self) -> Option<SystemTime> {
        unix_seconds(self.create_time)
    }

    /// When the battle started.
    pub fn started_at(&self) -> Option<SystemTime> {
        unix_seconds(self.start_time)
    }

    /// When the battle ended.
    pub fn ended_at(&self) -> Option<SystemTime> {
        unix_seconds(self.end_time)
    }

    /// When Tencent fired the event.
    pub fn event_time(&self) -> Option<SystemTime> {
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
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BattleRoom {
    /// `RoomId`: the live room's id.
    #[serde(rename = "RoomId", default, deserialize_with = "lenient::account")]
    pub room_id: String,
    /// `Score`: the room's score in the battle.
    #[serde(rename = "Score", default, deserialize_with = "lenient::integer")]
    pub score: i64,
    /// `Owner_Account`: the room owner's account. Tencent sends it as a JSON
    /// string or as a JSON number (above 2^53 in its own sample); either way
    /// every digit is kept here.
    #[serde(
        rename = "Owner_Account",
        default,
        deserialize_with = "lenient::account"
    )]
    pub owner_account: String,
}

impl BattleRoom {
    /// A room with its score and owner.
    pub fn new(room_id: impl Into<String>, score: i64, owner_account: impl Into<String>) -> Self {
        Self {
            room_id: room_id.into(),
            score,
            owner_account: owner_account.into(),
        }
    }
}

/// `OpType`: why a battle ended.
///
/// ```
/// use tencent_live_webhook::EndReason;
///
/// assert_eq!(EndReason::from_code(2), EndReason::NeverStarted);
/// assert_eq!(EndReason::from_code(9), EndReason::Other(9));
/// assert_eq!(EndReason::Other(9).code(), Some(9));
/// assert_eq!(EndReason::NotGiven.code(), None);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum EndReason {
    /// `0`: the battle's time was up.
    TimeUp,
    /// `1`: every room owner left after the battle started.
    AllOwnersExited,
    /// `2`: the battle was created, but no invited owner joined, so it never started.
    NeverStarted,
    /// A value Tencent may add later, kept as its number.
    Other(i64),
    /// The body has no `OpType` (or `null`): the reason is not guessed.
    #[default]
    NotGiven,
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

    /// The `OpType` value; `None` when none was given.
    pub fn code(self) -> Option<i64> {
        match self {
            Self::TimeUp => Some(0),
            Self::AllOwnersExited => Some(1),
            Self::NeverStarted => Some(2),
            Self::Other(code) => Some(code),
            Self::NotGiven => None,
        }
    }

    /// Whether the body gave no `OpType`.
    pub fn is_not_given(&self) -> bool {
        *self == Self::NotGiven
    }
}

impl Serialize for EndReason {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.code().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for EndReason {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        lenient::option_integer(deserializer)
            .map(|code| code.map_or(Self::NotGiven, Self::from_code))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode_json;
    use crate::rejection::Rejection;
    use std::time::UNIX_EPOCH;

    const SAMPLE: &str = r#"{"CallbackCommand":"Live.CallbackAfterEndBattle","BattleId":"4siHsNsWN/T3aub9zKraqPfGQAimPhdFoe6VWhtz9lY=","Duration":30000,"CreateTime":1739956115,"StartTime":1739956115,"EndTime":1739956145,"OpType":0,"FromRoomInfo":{"RoomId":"pk-3","Score":0,"Owner_Account":144115245353757792},"ToRoomList":[{"RoomId":"pk-5","Score":0,"Owner_Account":144115245442327522}],"EventTime":1739956146119}"#;

    fn decode(body: &str) -> Result<BattleEnded, Rejection> {
        decode_json(BattleEnded::COMMAND, body.as_bytes())
    }

    #[test]
    fn decodes_the_documented_sample() {
        let battle = decode(SAMPLE).unwrap();
        assert_eq!(
            battle,
            BattleEnded {
                battle_id: "4siHsNsWN/T3aub9zKraqPfGQAimPhdFoe6VWhtz9lY=".into(),
                duration_ms: 30000,
                create_time: 1739956115,
                start_time: 1739956115,
                end_time: 1739956145,
                reason: EndReason::TimeUp,
                from_room: BattleRoom::new("pk-3", 0, "144115245353757792"),
                to_rooms: vec![BattleRoom::new("pk-5", 0, "144115245442327522")],
                event_time_ms: 1739956146119,
            }
        );
        assert_eq!(battle.duration(), Duration::from_secs(30));
        assert_eq!(
            battle
                .ended_at()
                .unwrap()
                .duration_since(battle.started_at().unwrap())
                .unwrap(),
            battle.duration()
        );
        assert_eq!(
            battle
                .event_time()
                .unwrap()
                .duration_since(UNIX_EPOCH)
                .unwrap(),
            Duration::from_millis(1739956146119)
        );
        assert_eq!(battle.winner(), None, "0:0 is a draw");
    }

    #[test]
    fn serialises_to_tencent_names_and_back() {
        let battle = decode(SAMPLE).unwrap();
        let json = serde_json::to_value(&battle).unwrap();
        assert_eq!(json["CallbackCommand"], "Live.CallbackAfterEndBattle");
        assert_eq!(json["FromRoomInfo"]["Owner_Account"], "144115245353757792");
        assert_eq!(json["OpType"], 0);
        assert_eq!(json["Duration"], 30000);
        let again = decode(&json.to_string()).unwrap();
        assert_eq!(again, battle);
    }

    #[test]
    fn lenient_where_the_meaning_is_clear() {
        let battle = decode(
            r#"{"BattleId":12345678901234567890,"Duration":"1000","OpType":"7","Extra":{"a":[1]},
                "FromRoomInfo":"{\"RoomId\":\"r1\",\"Score\":\"5\"}","ToRoomList":null,"EventTime":null}"#,
        )
        .unwrap();
        assert_eq!(battle.battle_id, "12345678901234567890");
        assert_eq!(battle.duration_ms, 1000);
        assert_eq!(battle.reason, EndReason::Other(7));
        assert_eq!(battle.from_room, BattleRoom::new("r1", 5, ""));
        assert!(battle.to_rooms.is_empty());
        assert_eq!(battle.event_time_ms, 0);
        assert_eq!(battle.create_time, 0);
    }

    #[test]
    fn a_missing_op_type_is_not_time_up() {
        for body in [r#"{"BattleId":"b"}"#, r#"{"BattleId":"b","OpType":null}"#] {
            let battle = decode(body).unwrap();
            assert_eq!(battle.reason, EndReason::NotGiven, "{body}");
            let json = serde_json::to_value(&battle).unwrap();
            assert!(json.get("OpType").is_none(), "{json}");
            assert_eq!(decode(&json.to_string()).unwrap(), battle);
        }
    }

    #[test]
    fn time_accessors_never_panic() {
        let mut battle = decode(r#"{"BattleId":"b","EndTime":18446744073709551615}"#).unwrap();
        assert_eq!(battle.end_time, u64::MAX);
        assert_eq!(battle.ended_at(), None);
        battle.event_time_ms = u64::MAX;
        let _ = battle.event_time();
        battle.create_time = 1 << 63;
        assert_eq!(battle.created_at(), None);
    }

    #[test]
    fn refuses_what_cannot_be_understood() {
        for body in [
            r#"{}"#,
            r#"{"BattleId":""}"#,
            r#"{"BattleId":null}"#,
            r#"[]"#,
            r#"["b"]"#,
            r#""BattleId""#,
            r#"{"BattleId":"b","BattleId":"c"}"#,
            r#"{"BattleId":"b","CallbackCommand":"Live.CallbackAfterStartBattle"}"#,
            r#"{"BattleId":"b","CallbackCommand":5}"#,
            r#"{"BattleId":"b","EndTime":-1}"#,
            r#"{"BattleId":"b","FromRoomInfo":{"Score":1.5}}"#,
            r#"{"BattleId":"b","FromRoomInfo":["pk-3",1,"o"]}"#,
            r#"{"BattleId":"b","ToRoomList":[["pk-5",1,"o"]]}"#,
            r#"{"BattleId":"b","ToRoomList":{}}"#,
            r#"{"BattleId":1.5}"#,
            r#"{"BattleId":"b","Duration":9007199254740993e0}"#,
        ] {
            assert!(decode(body).is_err(), "accepted {body}");
        }
    }

    #[test]
    fn command_may_be_absent_or_null() {
        for body in [
            r#"{"BattleId":"b"}"#,
            r#"{"BattleId":"b","CallbackCommand":null}"#,
        ] {
            assert_eq!(decode(body).unwrap().battle_id, "b");
        }
    }

    #[test]
    fn winner_is_the_unique_top_score() {
        let mut battle = BattleEnded {
            battle_id: "b".into(),
            reason: EndReason::TimeUp,
            from_room: BattleRoom::new("a", 3, "x"),
            to_rooms: vec![BattleRoom::new("b", 9, "y"), BattleRoom::new("c", 1, "z")],
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
            assert_eq!(reason.code(), Some(code));
            let json = serde_json::to_string(&reason).unwrap();
            assert_eq!(serde_json::from_str::<EndReason>(&json).unwrap(), reason);
        }
        assert_eq!(serde_json::to_string(&EndReason::NotGiven).unwrap(), "null");
        assert_eq!(
            serde_json::from_str::<EndReason>("null").unwrap(),
            EndReason::NotGiven
        );
    }
}
