//! `Live.CallbackAfterCreateBattle`: a room has invited others to a battle.

use std::time::{Duration, SystemTime};

use serde::de::{self, Deserialize, Deserializer, MapAccess};
use serde::Serialize;

use super::{require_battle_id, skip, unix_millis};
use crate::event::{decode_json, deserialize_object, JsonObject, WebhookEvent};
use crate::lenient::{Flag, Id, Ids, Int};
use crate::rejection::Rejection;

/// `Live.CallbackAfterCreateBattle`: a room owner has created a battle and
/// invited other rooms; it starts when they accept, or ends unstarted when
/// none does within the timeout.
///
/// Decoded as leniently as [`BattleEnded`](crate::BattleEnded): ids and
/// accounts as strings or numbers with every digit kept, integers as numeric
/// strings, `NeedResponse` as a boolean, `0`/`1` or either as a string, `null`
/// and missing fields as their defaults, unknown fields ignored.
///
/// ```
/// use tencent_live_webhook::BattleCreated;
///
/// let created: BattleCreated = serde_json::from_str(r#"{
///     "CallbackCommand": "Live.CallbackAfterCreateBattle",
///     "Operator_Account": 144115245353757792, "BattleId": "b-1",
///     "FromRoomId": "pk-3", "ToRoomIdList": ["pk-5"],
///     "Timeout": 10000, "Duration": 30000, "NeedResponse": true,
///     "ExtensionInfo": "", "EventTime": 1739956105000
/// }"#)?;
/// assert_eq!(created.operator_account, "144115245353757792");
/// assert_eq!(created.to_room_ids, ["pk-5"]);
/// assert_eq!(created.timeout().as_secs(), 10);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "CallbackCommand", rename = "Live.CallbackAfterCreateBattle")]
pub struct BattleCreated {
    /// `Operator_Account`: the account that created the battle.
    #[serde(rename = "Operator_Account")]
    pub operator_account: String,
    /// `BattleId`: the battle's id, shared by its start and end events.
    #[serde(rename = "BattleId")]
    pub battle_id: String,
    /// `FromRoomId`: the room that created the battle.
    #[serde(rename = "FromRoomId")]
    pub from_room_id: String,
    /// `ToRoomIdList`: the rooms invited.
    #[serde(rename = "ToRoomIdList")]
    pub to_room_ids: Vec<String>,
    /// `Timeout`: how long the invited owners have to accept, in **milliseconds**.
    #[serde(rename = "Timeout")]
    pub timeout_ms: u64,
    /// `Duration`: how long the battle will run once started, in **milliseconds**.
    #[serde(rename = "Duration")]
    pub duration_ms: u64,
    /// `NeedResponse`: whether the invited owners must accept.
    #[serde(rename = "NeedResponse")]
    pub need_response: bool,
    /// `ExtensionInfo`: the app's own data attached to the battle.
    #[serde(rename = "ExtensionInfo")]
    pub extension_info: String,
    /// `EventTime`: when Tencent fired the event, Unix **milliseconds**.
    #[serde(rename = "EventTime")]
    pub event_time_ms: u64,
}

impl BattleCreated {
    /// `Live.CallbackAfterCreateBattle`, the `CallbackCommand` of this event.
    pub const COMMAND: &'static str = "Live.CallbackAfterCreateBattle";

    /// How long the invited owners have to accept.
    pub fn timeout(&self) -> Duration {
        Duration::from_millis(self.timeout_ms)
    }

    /// How long the battle will run once started.
    pub fn duration(&self) -> Duration {
        Duration::from_millis(self.duration_ms)
    }

    /// When Tencent fired the event.
    pub fn event_time(&self) -> SystemTime {
        unix_millis(self.event_time_ms)
    }
}

impl WebhookEvent for BattleCreated {
    const CALLBACK_COMMANDS: &'static [&'static str] = &[Self::COMMAND];

    fn decode(_: &str, body: &[u8]) -> Result<Self, Rejection> {
        decode_json(body)
    }
}

impl<'de> Deserialize<'de> for BattleCreated {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_object(deserializer)
    }
}

impl JsonObject for BattleCreated {
    const NAME: &'static str = Self::COMMAND;
    const COMMAND: Option<&'static str> = Some(Self::COMMAND);
    const FIELDS: &'static [&'static str] = &[
        "Operator_Account",
        "BattleId",
        "FromRoomId",
        "ToRoomIdList",
        "Timeout",
        "Duration",
        "NeedResponse",
        "ExtensionInfo",
        "EventTime",
    ];

    fn read_field<'de, A: MapAccess<'de>>(
        &mut self,
        field: &'static str,
        map: &mut A,
    ) -> Result<(), A::Error> {
        match field {
            "Operator_Account" => self.operator_account = map.next_value::<Id>()?.0,
            "BattleId" => self.battle_id = map.next_value::<Id>()?.0,
            "FromRoomId" => self.from_room_id = map.next_value::<Id>()?.0,
            "ToRoomIdList" => self.to_room_ids = map.next_value::<Ids>()?.0,
            "Timeout" => self.timeout_ms = map.next_value::<Int<u64>>()?.0,
            "Duration" => self.duration_ms = map.next_value::<Int<u64>>()?.0,
            "NeedResponse" => self.need_response = map.next_value::<Flag>()?.0,
            "ExtensionInfo" => self.extension_info = map.next_value::<Id>()?.0,
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

    const SAMPLE: &str = r#"{"CallbackCommand":"Live.CallbackAfterCreateBattle","Operator_Account":"anchor-3","BattleId":"4siHsNsWN/T3aub9zKraqPfGQAimPhdFoe6VWhtz9lY=","FromRoomId":"pk-3","ToRoomIdList":["pk-5","pk-7"],"Timeout":10000,"Duration":30000,"NeedResponse":true,"ExtensionInfo":"season-2","EventTime":1739956105000}"#;

    #[test]
    fn decodes_every_field() {
        let created: BattleCreated = serde_json::from_str(SAMPLE).unwrap();
        assert_eq!(
            created,
            BattleCreated {
                operator_account: "anchor-3".into(),
                battle_id: "4siHsNsWN/T3aub9zKraqPfGQAimPhdFoe6VWhtz9lY=".into(),
                from_room_id: "pk-3".into(),
                to_room_ids: vec!["pk-5".into(), "pk-7".into()],
                timeout_ms: 10000,
                duration_ms: 30000,
                need_response: true,
                extension_info: "season-2".into(),
                event_time_ms: 1739956105000,
            }
        );
        assert_eq!(created.duration(), Duration::from_secs(30));
        assert_eq!(
            created.event_time(),
            UNIX_EPOCH + Duration::from_millis(1739956105000)
        );
    }

    #[test]
    fn round_trips_through_tencents_names() {
        let created: BattleCreated = serde_json::from_str(SAMPLE).unwrap();
        let json = serde_json::to_string(&created).unwrap();
        assert_eq!(json, SAMPLE);
    }

    #[test]
    fn lenient_variants() {
        let created: BattleCreated = serde_json::from_str(
            r#"{"BattleId":"b","Operator_Account":144115245353757792,"ToRoomIdList":[7,"x"],
                "NeedResponse":"0","Timeout":"5000","ExtensionInfo":null,"New":[1]}"#,
        )
        .unwrap();
        assert_eq!(created.operator_account, "144115245353757792");
        assert_eq!(created.to_room_ids, ["7", "x"]);
        assert!(!created.need_response);
        assert_eq!(created.timeout_ms, 5000);
        assert_eq!(created.extension_info, "");
    }

    #[test]
    fn refuses_what_cannot_be_understood() {
        for body in [
            r#"{}"#,
            r#"{"BattleId":"b","NeedResponse":2}"#,
            r#"{"BattleId":"b","Timeout":-1}"#,
            r#"{"BattleId":"b","ToRoomIdList":"pk-5"}"#,
            r#"{"BattleId":"b","BattleId":"c"}"#,
            r#"{"BattleId":"b","CallbackCommand":"Live.CallbackAfterEndBattle"}"#,
        ] {
            assert!(
                serde_json::from_str::<BattleCreated>(body).is_err(),
                "{body}"
            );
        }
    }
}
