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
/// and missing fields as their defaults, unknown fields ignored.
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
/// assert_eq!(created.operator_account, "144115245353757792");
/// assert_eq!(created.to_room_ids, ["pk-5"]);
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
        deserialize_with = "lenient::account"
    )]
    pub operator_account: String,
    /// `BattleId`: the battle's id, shared by its start and end events. Required.
    #[serde(rename = "BattleId", deserialize_with = "lenient::id")]
    pub battle_id: String,
    /// `FromRoomId`: the room that created the battle.
    #[serde(rename = "FromRoomId", default, deserialize_with = "lenient::account")]
    pub from_room_id: String,
    /// `ToRoomIdList`: the rooms invited.
    #[serde(
        rename = "ToRoomIdList",
        default,
        deserialize_with = "lenient::accounts"
    )]
    pub to_room_ids: Vec<String>,
    /// `Timeout`: how long the invited owners have to accept, in **milliseconds**.
    #[serde(rename = "Timeout", default, deserialize_with = "lenient::integer")]
    pub timeout_ms: u64,
    /// `Duration`: how long the battle will run once started, in **milliseconds**.
    #[serde(rename = "Duration", default, deserialize_with = "lenient::integer")]
    pub duration_ms: u64,
    /// `NeedResponse`: whether the invited owners must accept.
    #[serde(rename = "NeedResponse", default, deserialize_with = "lenient::flag")]
    pub need_response: bool,
    /// `ExtensionInfo`: the app's own data attached to the battle.
    #[serde(
        rename = "ExtensionInfo",
        default,
        deserialize_with = "lenient::account"
    )]
    pub extension_info: String,
    /// `EventTime`: when Tencent fired the event, Unix **milliseconds**.
    #[serde(rename = "EventTime", default, deserialize_with = "lenient::integer")]
    pub event_time_ms: u64,
}

callback!(BattleCreated = "Live.CallbackAfterCreateBattle");

impl BattleCreated {
    /// How long the invited owners have to accept.
    pub fn timeout(&self) -> Duration {
        Duration::from_millis(self.timeout_ms)
    }

    /// How long the battle will run once started.
    pub fn duration(&self) -> Duration {
        Duration::from_millis(self.duration_ms)
    }

    /// When Tencent fired the event; `None` past what `SystemTime` holds.
    pub fn event_time(&self) -> Option<SystemTime> {
        unix_millis(self.event_time_ms)
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
            assert!(decode(body).is_err(), "{body}");
        }
    }
}
