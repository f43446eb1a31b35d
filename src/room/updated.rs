//! `Live.CallbackAfterUpdateRoomInfo`: a live room's information has changed.

use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use super::LiveRoomInfo;
use crate::battle::unix_millis;
use crate::lenient;

/// `Live.CallbackAfterUpdateRoomInfo`: a live room's information has been
/// updated, through the client or the REST API.
///
/// The room is `RoomInfo`, and its `RoomId` is the event's identity: a body
/// without it is refused. Tencent does not say whether `RoomInfo` lists the
/// whole room or only what changed, so every other field of it is optional.
///
/// ```
/// use tencent_live_webhook::{decode_json, RoomInfoUpdated};
///
/// let body = br#"{"CallbackCommand":"Live.CallbackAfterUpdateRoomInfo","Operator_Account":"bob",
///     "RoomInfo":{"RoomId":"live-room","RoomName":"rname-123","Category":[1,2,3]},
///     "EventTime":1670574414123}"#;
/// let updated: RoomInfoUpdated = decode_json(RoomInfoUpdated::COMMAND, body)?;
///
/// assert_eq!(updated.room_id(), "live-room");
/// assert_eq!(updated.room_info.room_name.as_deref(), Some("rname-123"));
/// assert_eq!(updated.room_info.category, Some(vec![1, 2, 3]));
/// assert_eq!(updated.room_info.cover_url, None);
/// # Ok::<(), tencent_live_webhook::Rejection>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "CallbackCommand", rename = "Live.CallbackAfterUpdateRoomInfo")]
#[non_exhaustive]
pub struct RoomInfoUpdated {
    /// `Operator_Account`: who updated the room.
    #[serde(
        rename = "Operator_Account",
        default,
        deserialize_with = "lenient::option_account",
        skip_serializing_if = "Option::is_none"
    )]
    pub operator_account: Option<String>,
    /// `RoomInfo`: the room's information. Required, with its `RoomId`.
    #[serde(rename = "RoomInfo", deserialize_with = "super::room_info_with_id")]
    pub room_info: LiveRoomInfo,
    /// `EventTime`: when Tencent fired the event, Unix **milliseconds**.
    #[serde(
        rename = "EventTime",
        default,
        deserialize_with = "lenient::option_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub event_time_ms: Option<u64>,
}

callback!(RoomInfoUpdated = "Live.CallbackAfterUpdateRoomInfo");

impl RoomInfoUpdated {
    /// `Operator_Account`; empty when the body has none.
    pub fn operator_account(&self) -> &str {
        self.operator_account.as_deref().unwrap_or_default()
    }

    /// The room's id (`RoomInfo.RoomId`).
    pub fn room_id(&self) -> &str {
        self.room_info.room_id.as_deref().unwrap_or_default()
    }

    /// When Tencent fired the event; `None` when `EventTime` is absent.
    pub fn event_time(&self) -> Option<SystemTime> {
        self.event_time_ms.and_then(unix_millis)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode_json;
    use crate::rejection::Rejection;
    use std::time::{Duration, UNIX_EPOCH};

    fn decode(body: &str) -> Result<RoomInfoUpdated, Rejection> {
        decode_json(RoomInfoUpdated::COMMAND, body.as_bytes())
    }

    #[test]
    fn only_the_room_id_is_required() {
        let updated =
            decode(r#"{"RoomInfo":{"RoomId":"r","Notice":"hi"},"EventTime":"9"}"#).unwrap();
        assert_eq!(updated.room_id(), "r");
        assert_eq!(updated.room_info.notice.as_deref(), Some("hi"));
        assert_eq!(
            updated.event_time(),
            Some(UNIX_EPOCH + Duration::from_millis(9))
        );
        let json = serde_json::to_string(&updated).unwrap();
        assert_eq!(
            json,
            r#"{"CallbackCommand":"Live.CallbackAfterUpdateRoomInfo","RoomInfo":{"RoomId":"r","Notice":"hi"},"EventTime":9}"#
        );
        assert_eq!(decode(&json).unwrap(), updated);
    }

    #[test]
    fn refuses_a_room_info_without_its_room_id() {
        for (body, named) in [
            (r#"{"Operator_Account":"bob"}"#, "RoomInfo"),
            (
                r#"{"RoomInfo":{"RoomName":"n"}}"#,
                "`RoomInfo`: missing field `RoomId`",
            ),
            (r#"{"RoomInfo":{"RoomId":""}}"#, "`RoomInfo`"),
            (
                r#"{"RoomInfo":["live-room","rname-123"]}"#,
                "`RoomInfo`: found an array",
            ),
            (r#"{"RoomInfo":"live-room"}"#, "`RoomInfo`"),
        ] {
            let rejection = decode(body).unwrap_err();
            assert_eq!(rejection.error_code(), 3005, "{body}");
            assert!(rejection.to_string().contains(named), "{body}: {rejection}");
        }
    }
}
