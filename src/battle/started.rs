//! `Live.CallbackAfterStartBattle`: the invited rooms accepted and the battle began.

use std::time::{Duration, SystemTime};

use serde::de::{self, Deserialize, Deserializer, MapAccess};
use serde::Serialize;

use super::{require_battle_id, skip, unix_millis, unix_seconds};
use crate::event::{decode_json, deserialize_object, JsonObject, WebhookEvent};
use crate::lenient::{Id, Int, ObjectOrJsonString, OrDefault};
use crate::rejection::Rejection;

/// `Live.CallbackAfterStartBattle`: a battle has started.
///
/// Decoded as leniently as [`BattleEnded`](crate::BattleEnded).
///
/// ```
/// use tencent_live_webhook::BattleStarted;
///
/// let started: BattleStarted = serde_json::from_str(r#"{
///     "CallbackCommand": "Live.CallbackAfterStartBattle", "BattleId": "b-1",
///     "Duration": 30000, "CreateTime": 1739956105, "StartTime": 1739956115,
///     "FromRoomInfo": {"RoomId": "pk-3", "Owner_Account": 144115245353757792},
///     "ToRoomList": [{"RoomId": "pk-5", "Owner_Account": "anchor-5"}],
///     "EventTime": 1739956115200
/// }"#)?;
/// assert_eq!(started.from_room.owner_account, "144115245353757792");
/// assert_eq!(started.rooms().count(), 2);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "CallbackCommand", rename = "Live.CallbackAfterStartBattle")]
pub struct BattleStarted {
    /// `BattleId`: the battle's id, shared by its create and end events.
    #[serde(rename = "BattleId")]
    pub battle_id: String,
    /// `Duration`: how long the battle will run, in **milliseconds**.
    #[serde(rename = "Duration")]
    pub duration_ms: u64,
    /// `CreateTime`: when the battle was created, Unix **seconds**.
    #[serde(rename = "CreateTime")]
    pub create_time: u64,
    /// `StartTime`: when the battle started, Unix **seconds**.
    #[serde(rename = "StartTime")]
    pub start_time: u64,
    /// `FromRoomInfo`: the room that created the battle.
    #[serde(rename = "FromRoomInfo")]
    pub from_room: RoomInfo,
    /// `ToRoomList`: the rooms that joined.
    #[serde(rename = "ToRoomList")]
    pub to_rooms: Vec<RoomInfo>,
    /// `EventTime`: when Tencent fired the event, Unix **milliseconds**.
    #[serde(rename = "EventTime")]
    pub event_time_ms: u64,
}

/// A room in a battle and its owner, as the start event lists them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize)]
pub struct RoomInfo {
    /// `RoomId`: the live room's id.
    #[serde(rename = "RoomId")]
    pub room_id: String,
    /// `Owner_Account`: the room owner's account, every digit kept.
    #[serde(rename = "Owner_Account")]
    pub owner_account: String,
}

impl<'de> Deserialize<'de> for RoomInfo {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_object(deserializer)
    }
}

impl JsonObject for RoomInfo {
    const NAME: &'static str = "room";
    const COMMAND: Option<&'static str> = None;
    const FIELDS: &'static [&'static str] = &["RoomId", "Owner_Account"];

    fn read_field<'de, A: MapAccess<'de>>(
        &mut self,
        field: &'static str,
        map: &mut A,
    ) -> Result<(), A::Error> {
        match field {
            "RoomId" => self.room_id = map.next_value::<Id>()?.0,
            "Owner_Account" => self.owner_account = map.next_value::<Id>()?.0,
            _ => skip(map)?,
        }
        Ok(())
    }
}

impl BattleStarted {
    /// `Live.CallbackAfterStartBattle`, the `CallbackCommand` of this event.
    pub const COMMAND: &'static str = "Live.CallbackAfterStartBattle";

    /// How long the battle will run.
    pub fn duration(&self) -> Duration {
        Duration::from_millis(self.duration_ms)
    }

    /// When the battle started.
    pub fn started_at(&self) -> SystemTime {
        unix_seconds(self.start_time)
    }

    /// When the battle is due to end: its start plus its duration.
    pub fn ends_at(&self) -> SystemTime {
        self.started_at() + self.duration()
    }

    /// When Tencent fired the event.
    pub fn event_time(&self) -> SystemTime {
        unix_millis(self.event_time_ms)
    }

    /// Every room in the battle: the caller first, then the others.
    pub fn rooms(&self) -> impl Iterator<Item = &RoomInfo> {
        std::iter::once(&self.from_room).chain(&self.to_rooms)
    }
}

impl WebhookEvent for BattleStarted {
    const CALLBACK_COMMANDS: &'static [&'static str] = &[Self::COMMAND];

    fn decode(_: &str, body: &[u8]) -> Result<Self, Rejection> {
        decode_json(body)
    }
}

impl<'de> Deserialize<'de> for BattleStarted {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_object(deserializer)
    }
}

impl JsonObject for BattleStarted {
    const NAME: &'static str = Self::COMMAND;
    const COMMAND: Option<&'static str> = Some(Self::COMMAND);
    const FIELDS: &'static [&'static str] = &[
        "BattleId",
        "Duration",
        "CreateTime",
        "StartTime",
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
            "FromRoomInfo" => {
                self.from_room = map.next_value::<ObjectOrJsonString<_>>()?.0;
            }
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

    const SAMPLE: &str = r#"{"CallbackCommand":"Live.CallbackAfterStartBattle","BattleId":"4siHsNsWN/T3aub9zKraqPfGQAimPhdFoe6VWhtz9lY=","Duration":30000,"CreateTime":1739956105,"StartTime":1739956115,"FromRoomInfo":{"RoomId":"pk-3","Owner_Account":"144115245353757792"},"ToRoomList":[{"RoomId":"pk-5","Owner_Account":"144115245442327522"}],"EventTime":1739956115200}"#;

    fn room(room_id: &str, owner_account: &str) -> RoomInfo {
        RoomInfo {
            room_id: room_id.into(),
            owner_account: owner_account.into(),
        }
    }

    #[test]
    fn decodes_every_field_and_round_trips() {
        let started: BattleStarted = serde_json::from_str(SAMPLE).unwrap();
        assert_eq!(
            started,
            BattleStarted {
                battle_id: "4siHsNsWN/T3aub9zKraqPfGQAimPhdFoe6VWhtz9lY=".into(),
                duration_ms: 30000,
                create_time: 1739956105,
                start_time: 1739956115,
                from_room: room("pk-3", "144115245353757792"),
                to_rooms: vec![room("pk-5", "144115245442327522")],
                event_time_ms: 1739956115200,
            }
        );
        assert_eq!(serde_json::to_string(&started).unwrap(), SAMPLE);
        assert_eq!(
            started.ends_at(),
            UNIX_EPOCH + Duration::from_secs(1739956145)
        );
        assert_eq!(
            started.event_time(),
            UNIX_EPOCH + Duration::from_millis(1739956115200)
        );
    }

    #[test]
    fn accounts_as_numbers_keep_every_digit() {
        let started: BattleStarted = serde_json::from_str(
            r#"{"BattleId":"b","FromRoomInfo":{"RoomId":"pk-3","Owner_Account":144115245353757792,"Score":0},
                "ToRoomList":[{"RoomId":5,"Owner_Account":18446744073709551615}],"Extra":true}"#,
        )
        .unwrap();
        assert_eq!(started.from_room, room("pk-3", "144115245353757792"));
        assert_eq!(started.to_rooms, [room("5", "18446744073709551615")]);
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
            assert!(
                serde_json::from_str::<BattleStarted>(body).is_err(),
                "{body}"
            );
        }
    }
}
