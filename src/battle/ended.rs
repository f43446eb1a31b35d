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
/// digit; integers may be numeric strings; a missing or `null` member is
/// `None` (a missing `OpType` is [`EndReason::NotGiven`]), and stays out when
/// the event is written back; accessors of the same names read the old
/// defaults (0, empty). Only a body without a `BattleId`, with another
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
/// assert_eq!(battle.from_room().owner_account(), "144115245353757792");
/// assert_eq!(battle.duration().as_secs(), 30);
/// assert_eq!(battle.winner().map(|room| room.room_id()), Some("pk-3"));
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
    /// `Duration`: how long the battle ran, in **milliseconds**; `None` when
    /// the body has none.
    #[serde(
        rename = "Duration",
        default,
        deserialize_with = "lenient::option_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub duration_ms: Option<u64>,
    /// `CreateTime`: when the battle was created, Unix **seconds**.
    #[serde(
        rename = "CreateTime",
        default,
        deserialize_with = "lenient::option_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub create_time: Option<u64>,
    /// `StartTime`: when the battle started, Unix **seconds**.
    #[serde(
        rename = "StartTime",
        default,
        deserialize_with = "lenient::option_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub start_time: Option<u64>,
    /// `EndTime`: when the battle ended, Unix **seconds**.
    #[serde(
        rename = "EndTime",
        default,
        deserialize_with = "lenient::option_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub end_time: Option<u64>,
    /// `OpType`: why the battle ended; [`EndReason::NotGiven`] when absent
    /// (and then left out when written).
    #[serde(
        rename = "OpType",
        default,
        skip_serializing_if = "EndReason::is_not_given"
    )]
    pub reason: EndReason,
    /// `FromRoomInfo`: the room that started the battle (an object, or a
    /// string holding one: Tencent's table types it as a string; written back
    /// as an object).
    #[serde(
        rename = "FromRoomInfo",
        default,
        deserialize_with = "super::option_object_or_json_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub from_room: Option<BattleRoom>,
    /// `ToRoomList`: the rooms that were invited.
    #[serde(
        rename = "ToRoomList",
        default,
        deserialize_with = "lenient::option_objects",
        skip_serializing_if = "Option::is_none"
    )]
    pub to_rooms: Option<Vec<BattleRoom>>,
    /// `EventTime`: when Tencent fired the event, Unix **milliseconds**.
    #[serde(
        rename = "EventTime",
        default,
        deserialize_with = "lenient::option_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub event_time_ms: Option<u64>,
}

callback!(BattleEnded = "Live.CallbackAfterEndBattle");

impl BattleEnded {
    /// `Duration` in milliseconds; 0 when the body has none.
    pub fn duration_ms(&self) -> u64 {
        self.duration_ms.unwrap_or(0)
    }

    /// `CreateTime` in Unix seconds; 0 when the body has none.
    pub fn create_time(&self) -> u64 {
        self.create_time.unwrap_or(0)
    }

    /// `StartTime` in Unix seconds; 0 when the body has none.
    pub fn start_time(&self) -> u64 {
        self.start_time.unwrap_or(0)
    }

    /// `EndTime` in Unix seconds; 0 when the body has none.
    pub fn end_time(&self) -> u64 {
        self.end_time.unwrap_or(0)
    }

    /// `FromRoomInfo`; a room with nothing set when the body has none.
    pub fn from_room(&self) -> &BattleRoom {
        self.from_room.as_ref().unwrap_or(&BattleRoom::EMPTY)
    }

    /// `ToRoomList`; empty when the body has none.
    pub fn to_rooms(&self) -> &[BattleRoom] {
        self.to_rooms.as_deref().unwrap_or_default()
    }

    /// `EventTime` in Unix milliseconds; 0 when the body has none.
    pub fn event_time_ms(&self) -> u64 {
        self.event_time_ms.unwrap_or(0)
    }

    /// How long the battle ran (zero when the body gives no `Duration`).
    pub fn duration(&self) -> Duration {
        Duration::from_millis(self.duration_ms())
    }

    /// When the battle was created; `None` when `CreateTime` is absent or
    /// past what `SystemTime` holds.
    pub fn created_at(&self) -> Option<SystemTime> {
        self.create_time.and_then(unix_seconds)
    }

    /// When the battle started; `None` when `StartTime` is absent.
    pub fn started_at(&self) -> Option<SystemTime> {
        self.start_time.and_then(unix_seconds)
    }

    /// When the battle ended; `None` when `EndTime` is absent.
    pub fn ended_at(&self) -> Option<SystemTime> {
        self.end_time.and_then(unix_seconds)
    }

    /// When Tencent fired the event; `None` when `EventTime` is absent.
    pub fn event_time(&self) -> Option<SystemTime> {
        self.event_time_ms.and_then(unix_millis)
    }

    /// Every room the body lists: the caller first (when given), then the
    /// invited rooms.
    pub fn rooms(&self) -> impl Iterator<Item = &BattleRoom> {
        self.from_room.iter().chain(self.to_rooms())
    }

    /// The room with the highest score (a room without a `Score` counts as
    /// 0), or `None` when the top score is shared (a draw), the battle never
    /// started, or no invited room is listed.
    pub fn winner(&self) -> Option<&BattleRoom> {
        if self.reason == EndReason::NeverStarted || self.to_rooms().is_empty() {
            return None;
        }
        let top = self.rooms().map(BattleRoom::score).max()?;
        let mut leaders = self.rooms().filter(|room| room.score() == top);
        let winner = leaders.next();
        match leaders.next() {
            Some(_) => None,
            None => winner,
        }
    }
}

/// One room in a battle, with its score. Every member is optional: what the
/// body left out stays out when the room is written back.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BattleRoom {
    /// `RoomId`: the live room's id.
    #[serde(
        rename = "RoomId",
        default,
        deserialize_with = "lenient::option_account",
        skip_serializing_if = "Option::is_none"
    )]
    pub room_id: Option<String>,
    /// `Score`: the room's score in the battle.
    #[serde(
        rename = "Score",
        default,
        deserialize_with = "lenient::option_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub score: Option<i64>,
    /// `Owner_Account`: the room owner's account. Tencent sends it as a JSON
    /// string or as a JSON number (above 2^53 in its own sample); either way
    /// every digit is kept here.
    #[serde(
        rename = "Owner_Account",
        default,
        deserialize_with = "lenient::option_account",
        skip_serializing_if = "Option::is_none"
    )]
    pub owner_account: Option<String>,
}

impl BattleRoom {
    /// A room with nothing set: what the accessors of a missing room read.
    const EMPTY: Self = Self {
        room_id: None,
        score: None,
        owner_account: None,
    };

    /// A room with its score and owner.
    pub fn new(room_id: impl Into<String>, score: i64, owner_account: impl Into<String>) -> Self {
        Self {
            room_id: Some(room_id.into()),
            score: Some(score),
            owner_account: Some(owner_account.into()),
        }
    }

    /// `RoomId`; empty when the body has none.
    pub fn room_id(&self) -> &str {
        self.room_id.as_deref().unwrap_or_default()
    }

    /// `Score`; 0 when the body has none.
    pub fn score(&self) -> i64 {
        self.score.unwrap_or(0)
    }

    /// `Owner_Account`; empty when the body has none.
    pub fn owner_account(&self) -> &str {
        self.owner_account.as_deref().unwrap_or_default()
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
                duration_ms: Some(30000),
                create_time: Some(1739956115),
                start_time: Some(1739956115),
                end_time: Some(1739956145),
                reason: EndReason::TimeUp,
                from_room: Some(BattleRoom::new("pk-3", 0, "144115245353757792")),
                to_rooms: Some(vec![BattleRoom::new("pk-5", 0, "144115245442327522")]),
                event_time_ms: Some(1739956146119),
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
        assert_eq!(battle.duration_ms, Some(1000));
        assert_eq!(battle.reason, EndReason::Other(7));
        let from_room = battle.from_room.as_ref().unwrap();
        assert_eq!(from_room.room_id.as_deref(), Some("r1"));
        assert_eq!(from_room.score, Some(5));
        assert_eq!(from_room.owner_account, None);
        assert_eq!(battle.to_rooms, None);
        assert!(battle.to_rooms().is_empty());
        assert_eq!(battle.event_time_ms, None);
        assert_eq!(battle.event_time_ms(), 0);
        assert_eq!(battle.create_time, None);
        assert_eq!(battle.create_time(), 0);
        assert_eq!(battle.event_time(), None);
    }

    #[test]
    fn absent_members_stay_absent() {
        let battle =
            decode(r#"{"BattleId":"b","FromRoomInfo":{"RoomId":"r"},"ToRoomList":[{}]}"#).unwrap();
        assert_eq!(
            serde_json::to_string(&battle).unwrap(),
            r#"{"CallbackCommand":"Live.CallbackAfterEndBattle","BattleId":"b","FromRoomInfo":{"RoomId":"r"},"ToRoomList":[{}]}"#
        );
        assert_eq!(battle.from_room().score(), 0);
        assert_eq!(battle.from_room().owner_account(), "");
        assert_eq!(battle.to_rooms()[0].room_id(), "");
        let bare = decode(r#"{"BattleId":"b","ToRoomList":[]}"#).unwrap();
        assert_eq!(bare.from_room, None);
        assert_eq!(bare.from_room(), &BattleRoom::default());
        assert_eq!(bare.to_rooms, Some(vec![]));
        assert_eq!(bare.duration(), Duration::ZERO);
        assert_eq!(bare.started_at(), None);
        assert_eq!(
            serde_json::to_string(&bare).unwrap(),
            r#"{"CallbackCommand":"Live.CallbackAfterEndBattle","BattleId":"b","ToRoomList":[]}"#
        );
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
        assert_eq!(battle.end_time, Some(u64::MAX));
        assert_eq!(battle.ended_at(), None);
        battle.event_time_ms = Some(u64::MAX);
        let _ = battle.event_time();
        battle.create_time = Some(1 << 63);
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
            from_room: Some(BattleRoom::new("a", 3, "x")),
            to_rooms: Some(vec![
                BattleRoom::new("b", 9, "y"),
                BattleRoom::new("c", 1, "z"),
            ]),
            ..BattleEnded::default()
        };
        assert_eq!(battle.winner().unwrap().room_id(), "b");
        assert_eq!(battle.rooms().count(), 3);
        battle.from_room.as_mut().unwrap().score = Some(9);
        assert_eq!(battle.winner(), None);
        battle.from_room.as_mut().unwrap().score = Some(10);
        assert_eq!(battle.winner().unwrap().room_id(), "a");
        battle.reason = EndReason::NeverStarted;
        assert_eq!(battle.winner(), None);
        battle.reason = EndReason::TimeUp;
        battle.from_room = None;
        assert_eq!(battle.rooms().count(), 2, "a missing caller is not listed");
        assert_eq!(battle.winner().unwrap().room_id(), "b");
        battle.to_rooms = Some(vec![]);
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
