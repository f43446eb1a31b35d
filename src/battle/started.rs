//! `Live.CallbackAfterStartBattle`: the invited rooms accepted and the battle began.

use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};

use super::{unix_millis, unix_seconds};
use crate::lenient;

/// `Live.CallbackAfterStartBattle`: a battle has started.
///
/// Decoded as leniently as [`BattleEnded`](crate::BattleEnded): only
/// `BattleId` is required; what the body leaves out is `None` and stays out
/// when written back.
///
/// ```
/// use tencent_live_webhook::{decode_json, BattleStarted};
///
/// let started: BattleStarted = decode_json(BattleStarted::COMMAND, br#"{
///     "CallbackCommand": "Live.CallbackAfterStartBattle", "BattleId": "b-1",
///     "Duration": 30000, "CreateTime": 1739956105, "StartTime": 1739956115,
///     "FromRoomInfo": {"RoomId": "pk-3", "Owner_Account": 144115245353757792},
///     "ToRoomList": [{"RoomId": "pk-5", "Owner_Account": "anchor-5"}],
///     "EventTime": 1739956115200
/// }"#)?;
/// assert_eq!(started.from_room().owner_account(), "144115245353757792");
/// assert_eq!(started.rooms().count(), 2);
/// # Ok::<(), tencent_live_webhook::Rejection>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "CallbackCommand", rename = "Live.CallbackAfterStartBattle")]
#[non_exhaustive]
pub struct BattleStarted {
    /// `BattleId`: the battle's id, shared by its create and end events. Required.
    #[serde(rename = "BattleId", deserialize_with = "lenient::id")]
    pub battle_id: String,
    /// `Duration`: how long the battle will run, in **milliseconds**.
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
    /// `FromRoomInfo`: the room that created the battle (an object, or a
    /// string holding one; written back as an object).
    #[serde(
        rename = "FromRoomInfo",
        default,
        deserialize_with = "super::option_object_or_json_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub from_room: Option<BattleRoomInfo>,
    /// `ToRoomList`: the rooms that joined.
    #[serde(
        rename = "ToRoomList",
        default,
        deserialize_with = "lenient::option_objects",
        skip_serializing_if = "Option::is_none"
    )]
    pub to_rooms: Option<Vec<BattleRoomInfo>>,
    /// `EventTime`: when Tencent fired the event, Unix **milliseconds**.
    #[serde(
        rename = "EventTime",
        default,
        deserialize_with = "lenient::option_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub event_time_ms: Option<u64>,
}

callback!(BattleStarted = "Live.CallbackAfterStartBattle");

/// A room in a battle and its owner, as the start event lists them. Both
/// members are optional: what the body left out stays out when written back.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BattleRoomInfo {
    /// `RoomId`: the live room's id.
    #[serde(
        rename = "RoomId",
        default,
        deserialize_with = "lenient::option_account",
        skip_serializing_if = "Option::is_none"
    )]
    pub room_id: Option<String>,
    /// `Owner_Account`: the room owner's account, every digit kept.
    #[serde(
        rename = "Owner_Account",
        default,
        deserialize_with = "lenient::option_account",
        skip_serializing_if = "Option::is_none"
    )]
    pub owner_account: Option<String>,
}

impl BattleRoomInfo {
    /// A room with nothing set: what the accessors of a missing room read.
    const EMPTY: Self = Self {
        room_id: None,
        owner_account: None,
    };

    /// A room and its owner.
    pub fn new(room_id: impl Into<String>, owner_account: impl Into<String>) -> Self {
        Self {
            room_id: Some(room_id.into()),
            owner_account: Some(owner_account.into()),
        }
    }

    /// `RoomId`; empty when the body has none.
    pub fn room_id(&self) -> &str {
        self.room_id.as_deref().unwrap_or_default()
    }

    /// `Owner_Account`; empty when the body has none.
    pub fn owner_account(&self) -> &str {
        self.owner_account.as_deref().unwrap_or_default()
    }
}

/// The battle-start room's old name, from before the room callbacks brought
/// their own `RoomInfo` ([`LiveRoomInfo`](crate::LiveRoomInfo)).
#[deprecated(since = "0.2.0", note = "renamed to `BattleRoomInfo`")]
pub type RoomInfo = BattleRoomInfo;

impl BattleStarted {
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

    /// `FromRoomInfo`; a room with nothing set when the body has none.
    pub fn from_room(&self) -> &BattleRoomInfo {
        self.from_room.as_ref().unwrap_or(&BattleRoomInfo::EMPTY)
    }

    /// `ToRoomList`; empty when the body has none.
    pub fn to_rooms(&self) -> &[BattleRoomInfo] {
        self.to_rooms.as_deref().unwrap_or_default()
    }

    /// `EventTime` in Unix milliseconds; 0 when the body has none.
    pub fn event_time_ms(&self) -> u64 {
        self.event_time_ms.unwrap_or(0)
    }

    /// How long the battle will run (zero when the body gives no `Duration`).
    pub fn duration(&self) -> Duration {
        Duration::from_millis(self.duration_ms())
    }

    /// When the battle started; `None` when `StartTime` is absent or past
    /// what `SystemTime` holds.
    pub fn started_at(&self) -> Option<SystemTime> {
        self.start_time.and_then(unix_seconds)
    }

    /// When the battle is due to end: its start plus its duration; `None`
    /// when either is absent.
    pub fn ends_at(&self) -> Option<SystemTime> {
        self.started_at()?
            .checked_add(Duration::from_millis(self.duration_ms?))
    }

    /// When Tencent fired the event; `None` when `EventTime` is absent.
    pub fn event_time(&self) -> Option<SystemTime> {
        self.event_time_ms.and_then(unix_millis)
    }

    /// Every room the body lists: the caller first (when given), then the
    /// others.
    pub fn rooms(&self) -> impl Iterator<Item = &BattleRoomInfo> {
        self.from_room.iter().chain(self.to_rooms())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode_json;
    use crate::rejection::Rejection;
    use std::time::UNIX_EPOCH;

    const SAMPLE: &str = r#"{"CallbackCommand":"Live.CallbackAfterStartBattle","BattleId":"4siHsNsWN/T3aub9zKraqPfGQAimPhdFoe6VWhtz9lY=","Duration":30000,"CreateTime":1739956105,"StartTime":1739956115,"FromRoomInfo":{"RoomId":"pk-3","Owner_Account":"144115245353757792"},"ToRoomList":[{"RoomId":"pk-5","Owner_Account":"144115245442327522"}],"EventTime":1739956115200}"#;

    fn decode(body: &str) -> Result<BattleStarted, Rejection> {
        decode_json(BattleStarted::COMMAND, body.as_bytes())
    }

    #[test]
    fn decodes_every_field_and_round_trips() {
        let started = decode(SAMPLE).unwrap();
        assert_eq!(
            started,
            BattleStarted {
                battle_id: "4siHsNsWN/T3aub9zKraqPfGQAimPhdFoe6VWhtz9lY=".into(),
                duration_ms: Some(30000),
                create_time: Some(1739956105),
                start_time: Some(1739956115),
                from_room: Some(BattleRoomInfo::new("pk-3", "144115245353757792")),
                to_rooms: Some(vec![BattleRoomInfo::new("pk-5", "144115245442327522")]),
                event_time_ms: Some(1739956115200),
            }
        );
        assert_eq!(serde_json::to_string(&started).unwrap(), SAMPLE);
        assert_eq!(
            started.ends_at(),
            Some(UNIX_EPOCH + Duration::from_secs(1739956145))
        );
        assert_eq!(
            started.event_time(),
            Some(UNIX_EPOCH + Duration::from_millis(1739956115200))
        );
    }

    #[test]
    fn accounts_as_numbers_keep_every_digit() {
        let started = decode(
            r#"{"BattleId":"b","FromRoomInfo":{"RoomId":"pk-3","Owner_Account":144115245353757792,"Score":0},
                "ToRoomList":[{"RoomId":5,"Owner_Account":18446744073709551615}],"Extra":true}"#,
        )
        .unwrap();
        assert_eq!(
            started.from_room,
            Some(BattleRoomInfo::new("pk-3", "144115245353757792"))
        );
        assert_eq!(
            started.to_rooms(),
            [BattleRoomInfo::new("5", "18446744073709551615")]
        );
    }

    #[test]
    fn absent_members_stay_absent() {
        let started =
            decode(r#"{"BattleId":"b","StartTime":5,"ToRoomList":[{"RoomId":"r"}]}"#).unwrap();
        assert_eq!(started.from_room, None);
        assert_eq!(started.from_room().room_id(), "");
        assert_eq!(started.to_rooms()[0].owner_account, None);
        assert_eq!(started.to_rooms()[0].owner_account(), "");
        assert_eq!(started.ends_at(), None, "no Duration, no end");
        assert_eq!(started.event_time(), None);
        assert_eq!(started.event_time_ms(), 0);
        assert_eq!(started.rooms().count(), 1);
        assert_eq!(
            serde_json::to_string(&started).unwrap(),
            r#"{"CallbackCommand":"Live.CallbackAfterStartBattle","BattleId":"b","StartTime":5,"ToRoomList":[{"RoomId":"r"}]}"#
        );
    }

    #[test]
    fn time_accessors_never_panic() {
        let started =
            decode(r#"{"BattleId":"b","StartTime":18446744073709551615,"Duration":5}"#).unwrap();
        assert_eq!(started.started_at(), None);
        assert_eq!(started.ends_at(), None);
    }

    #[test]
    fn refuses_what_cannot_be_understood() {
        for body in [
            r#"{"Duration":1}"#,
            r#"{"BattleId":"b","StartTime":1.5}"#,
            r#"{"BattleId":"b","FromRoomInfo":{"Owner_Account":1.5}}"#,
            r#"{"BattleId":"b","ToRoomList":[1]}"#,
            r#"{"BattleId":"b","CallbackCommand":"Live.CallbackAfterCreateBattle"}"#,
        ] {
            assert!(decode(body).is_err(), "{body}");
        }
    }
}
