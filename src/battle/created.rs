//! `Live.CallbackAfterCreateBattle`: a room has invited others to a battle.

use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};

use super::unix_millis;
use crate::lenient;

/// `Live.CallbackAfterCreateBattle`: a room owner has created a battle and
/// invited other rooms; it starts when they accept, or ends unstarted when
/// none does within the timeout.
///
/// Decoded as leniently as [`BattleEnded`](crate::BattleEnded): ids and
/// accounts as strings or numbers with every digit kept, integers as numeric
/// strings, `NeedResponse` as a boolean, `0`/`1` or either as a string, `null`
/// and missing fields as `None` (left out when written back; accessors of the
/// same names read `""`, `0`, `false` or an empty list), unknown fields
/// ignored. Only `BattleId` is required.
///
/// ```
/// use tencent_live_webhook::{decode_json, BattleCreated};
///
/// let created: BattleCreated = decode_json(BattleCreated::COMMAND, br#"{
///     "CallbackCommand": "Live.CallbackAfterCreateBattle",
///     "Operator_Account": 144115245353757792, "BattleId": "b-1",
///     "FromRoomId": "pk-3", "ToRoomIdList": ["pk-5"],
///     "Timeout": 10000, "Duration": 30000, "NeedResponse": true,
///     "ExtensionInfo": "", "EventTime": 1739956105000
/// }"#)?;
/// assert_eq!(created.operator_account(), "144115245353757792");
/// assert_eq!(created.to_room_ids(), ["pk-5"]);
/// assert_eq!(created.timeout().as_secs(), 10);
/// # Ok::<(), tencent_live_webhook::Rejection>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "CallbackCommand", rename = "Live.CallbackAfterCreateBattle")]
#[non_exhaustive]
pub struct BattleCreated {
    /// `Operator_Account`: the account that created the battle.
    #[serde(
        rename = "Operator_Account",
        default,
        deserialize_with = "lenient::option_account",
        skip_serializing_if = "Option::is_none"
    )]
    pub operator_account: Option<String>,
    /// `BattleId`: the battle's id, shared by its start and end events. Required.
    #[serde(rename = "BattleId", deserialize_with = "lenient::id")]
    pub battle_id: String,
    /// `FromRoomId`: the room that created the battle.
    #[serde(
        rename = "FromRoomId",
        default,
        deserialize_with = "lenient::option_account",
        skip_serializing_if = "Option::is_none"
    )]
    pub from_room_id: Option<String>,
    /// `ToRoomIdList`: the rooms invited.
    #[serde(
        rename = "ToRoomIdList",
        default,
        deserialize_with = "lenient::option_accounts",
        skip_serializing_if = "Option::is_none"
    )]
    pub to_room_ids: Option<Vec<String>>,
    /// `Timeout`: how long the invited owners have to accept, in **milliseconds**.
    #[serde(
        rename = "Timeout",
        default,
        deserialize_with = "lenient::option_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub timeout_ms: Option<u64>,
    /// `Duration`: how long the battle will run once started, in **milliseconds**.
    #[serde(
        rename = "Duration",
        default,
        deserialize_with = "lenient::option_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub duration_ms: Option<u64>,
    /// `NeedResponse`: whether the invited owners must accept.
    #[serde(
        rename = "NeedResponse",
        default,
        deserialize_with = "lenient::option_flag",
        skip_serializing_if = "Option::is_none"
    )]
    pub need_response: Option<bool>,
    /// `ExtensionInfo`: the app's own data attached to the battle.
    #[serde(
        rename = "ExtensionInfo",
        default,
        deserialize_with = "lenient::option_account",
        skip_serializing_if = "Option::is_none"
    )]
    pub extension_info: Option<String>,
    /// `EventTime`: when Tencent fired the event, Unix **milliseconds**.
    #[serde(
        rename = "EventTime",
        default,
        deserialize_with = "lenient::option_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub event_time_ms: Option<u64>,
}

callback!(BattleCreated = "Live.CallbackAfterCreateBattle");

impl BattleCreated {
    /// `Operator_Account`; empty when the body has none.
    pub fn operator_account(&self) -> &str {
        self.operator_account.as_deref().unwrap_or_default()
    }

    /// `FromRoomId`; empty when the body has none.
    pub fn from_room_id(&self) -> &str {
        self.from_room_id.as_deref().unwrap_or_default()
    }

    /// `ToRoomIdList`; empty when the body has none.
    pub fn to_room_ids(&self) -> &[String] {
        self.to_room_ids.as_deref().unwrap_or_default()
    }

    /// `Timeout` in milliseconds; 0 when the body has none.
    pub fn timeout_ms(&self) -> u64 {
        self.timeout_ms.unwrap_or(0)
    }

    /// `Duration` in milliseconds; 0 when the body has none.
    pub fn duration_ms(&self) -> u64 {
        self.duration_ms.unwrap_or(0)
    }

    /// `NeedResponse`; `false` when the body has none.
    pub fn need_response(&self) -> bool {
        self.need_response.unwrap_or(false)
    }

    /// `ExtensionInfo`; empty when the body has none.
    pub fn extension_info(&self) -> &str {
        self.extension_info.as_deref().unwrap_or_default()
    }

    /// `EventTime` in Unix milliseconds; 0 when the body has none.
    pub fn event_time_ms(&self) -> u64 {
        self.event_time_ms.unwrap_or(0)
    }

    /// How long the invited owners have to accept (zero when the body gives
    /// no `Timeout`).
    pub fn timeout(&self) -> Duration {
        Duration::from_millis(self.timeout_ms())
    }

    /// How long the battle will run once started (zero when the body gives
    /// no `Duration`).
    pub fn duration(&self) -> Duration {
        Duration::from_millis(self.duration_ms())
    }

    /// When Tencent fired the event; `None` when `EventTime` is absent or
    /// past what `SystemTime` holds.
    pub fn event_time(&self) -> Option<SystemTime> {
        self.event_time_ms.and_then(unix_millis)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode_json;
    use crate::rejection::Rejection;
    use std::time::UNIX_EPOCH;

    const SAMPLE: &str = r#"{"CallbackCommand":"Live.CallbackAfterCreateBattle","Operator_Account":"anchor-3","BattleId":"4siHsNsWN/T3aub9zKraqPfGQAimPhdFoe6VWhtz9lY=","FromRoomId":"pk-3","ToRoomIdList":["pk-5","pk-7"],"Timeout":10000,"Duration":30000,"NeedResponse":true,"ExtensionInfo":"season-2","EventTime":1739956105000}"#;

    fn decode(body: &str) -> Result<BattleCreated, Rejection> {
        decode_json(BattleCreated::COMMAND, body.as_bytes())
    }

    #[test]
    fn decodes_every_field() {
        let created = decode(SAMPLE).unwrap();
        assert_eq!(
            created,
            BattleCreated {
                operator_account: Some("anchor-3".into()),
                battle_id: "4siHsNsWN/T3aub9zKraqPfGQAimPhdFoe6VWhtz9lY=".into(),
                from_room_id: Some("pk-3".into()),
                to_room_ids: Some(vec!["pk-5".into(), "pk-7".into()]),
                timeout_ms: Some(10000),
                duration_ms: Some(30000),
                need_response: Some(true),
                extension_info: Some("season-2".into()),
                event_time_ms: Some(1739956105000),
            }
        );
        assert_eq!(created.duration(), Duration::from_secs(30));
        assert_eq!(
            created.event_time(),
            Some(UNIX_EPOCH + Duration::from_millis(1739956105000))
        );
    }

    #[test]
    fn round_trips_through_tencents_names() {
        let created = decode(SAMPLE).unwrap();
        let json = serde_json::to_string(&created).unwrap();
        assert_eq!(json, SAMPLE);
    }

    #[test]
    fn lenient_variants() {
        let created = decode(
            r#"{"BattleId":"b","Operator_Account":144115245353757792,"ToRoomIdList":[7,"x"],
                "NeedResponse":"0","Timeout":"5000","ExtensionInfo":null,"New":[1]}"#,
        )
        .unwrap();
        assert_eq!(created.operator_account(), "144115245353757792");
        assert_eq!(created.to_room_ids(), ["7", "x"]);
        assert_eq!(created.need_response, Some(false));
        assert_eq!(created.timeout_ms, Some(5000));
        assert_eq!(created.extension_info, None);
        assert_eq!(created.extension_info(), "");
    }

    #[test]
    fn absent_members_stay_absent() {
        let created = decode(r#"{"BattleId":"b","ToRoomIdList":[]}"#).unwrap();
        assert_eq!(created.to_room_ids, Some(vec![]));
        assert_eq!(created.operator_account(), "");
        assert_eq!(created.from_room_id(), "");
        assert_eq!(created.timeout(), Duration::ZERO);
        assert!(!created.need_response());
        assert_eq!(created.event_time(), None);
        assert_eq!(
            serde_json::to_string(&created).unwrap(),
            r#"{"CallbackCommand":"Live.CallbackAfterCreateBattle","BattleId":"b","ToRoomIdList":[]}"#
        );
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
            assert!(decode(body).is_err(), "{body}");
        }
    }
}
