//! `Live.CallbackAfterStartBattle`: the invited rooms accepted and the battle began.

use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};

use super::{unix_millis, unix_seconds};
use crate::lenient;

/// `Live.CallbackAfterStartBattle`: a battle has started.
///
/// Decoded as leniently as [`BattleEnded`](crate::BattleEnded).
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
/// assert_eq!(started.from_room.owner_account, "144115245353757792");
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
    #[serde(rename = "Duration", default, deserialize_with = "lenient::integer")]
    pub duration_ms: u64,
    /// `CreateTime`: when the battle was created, Unix **seconds**.
    #[serde(rename = "CreateTime", default, deserialize_with = "lenient::integer")]
    pub create_time: u64,
    /// `StartTime`: when the battle started, Unix **seconds**.
    #[serde(rename = "StartTime", default, deserialize_with = "lenient::integer")]
    pub start_time: u64,
    /// `FromRoomInfo`: the room that created the battle.
    #[serde(
        rename = "FromRoomInfo",
        default,
        deserialize_with = "lenient::object_or_json_string"
    )]
    pub from_room: BattleRoomInfo,
    /// `ToRoomList`: the rooms that joined.
    #[serde(rename = "ToRoomList", default, deserialize_with = "lenient::objects")]
    pub to_rooms: Vec<BattleRoomInfo>,
    /// `EventTime`: when Tencent fired the event, Unix **milliseconds**.
    #[serde(rename = "EventTime", default, deserialize_with = "lenient::integer")]
    pub event_time_ms: u64,
}

callback!(BattleStarted = "Live.CallbackAfterStartBattle");

/// A room in a battle and its owner, as the start event lists them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BattleRoomInfo {
    /// `RoomId`: the live room's id.
    #[serde(rename = "RoomId", default, deserialize_with = "lenient::account")]
    pub room_id: String,
    /// `Owner_Account`: the room owner's account, every digit kept.
    #[serde(
        rename = "Owner_Account",
        default,
        deserialize_with = "lenient::account"
    )]
    pub owner_account: String,
}

impl BattleRoomInfo {
    /// A room and its owner.
    pub fn new(room_id: impl Into<String>, owner_account: impl Into<String>) -> Self {
        Self {
            room_id: room_id.into(),
            owner_account: owner_account.into(),
        }
    }
}

/// The battle-start room's old name, from before the room callbacks brought
/// their own `RoomInfo` ([`LiveRoomInfo`](crate::LiveRoomInfo)).
#[deprecated(since = "0.2.0", note = "renamed to `BattleRoomInfo`")]
pub type RoomInfo = BattleRoomInfo;

impl BattleStarted {
    /// How long the battle will run.
    pub fn duration(&self) -> Duration {
        Duration::from_millis(self.duration_ms)
    }

    /// When the battle started; `None` past what `SystemTime` holds.
    pub fn started_at(&self) -> Option<SystemTime> {
        unix_seconds(self.start_time)
    }

    /// When the battle is due to end: its start plus its duration.
    pub fn ends_at(&self) -> Option<SystemTime> {
        self.started_at()?.checked_add(self.duration())
    }

    /// When Tencent fired the event.
    pub fn event_time(&self) -> Option<SystemTime> {
        unix_millis(self.event_time_ms)
    }

    /// Every room in the battle: the caller first, then the others.
    pub fn rooms(&self) -> impl Iterator<Item = &BattleRoomInfo> {
        std::iter::once(&self.from_room).chain(&self.to_rooms)
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
                duration_ms: 30000,
                create_time: 1739956105,
                start_time: 1739956115,
                from_room: BattleRoomInfo::new("pk-3", "144115245353757792"),
                to_rooms: vec![BattleRoomInfo::new("pk-5", "144115245442327522")],
                event_time_ms: 1739956115200,
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
            BattleRoomInfo::new("pk-3", "144115245353757792")
        );
        assert_eq!(
            started.to_rooms,
            [BattleRoomInfo::new("5", "18446744073709551615")]
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
