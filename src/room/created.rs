//! `Live.CallbackAfterCreateRoom`: a live room has been created.

use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use super::LiveRoomInfo;
use crate::battle::unix_millis;
use crate::lenient;

/// `Live.CallbackAfterCreateRoom`: a live room has been created, by a user
/// through the client or by the app's administrator through the REST API.
///
/// The room is `RoomInfo`, and its `RoomId` is the event's identity: a body
/// without it is refused. Tencent's documented copies disagree about
/// `EventTime` (absent, at the top level, or inside `RoomInfo`); both places
/// are kept, and [`event_time_ms`](Self::event_time_ms()) reads either.
///
/// ```
/// use tencent_live_webhook::{decode_json, RoomCreated, TakeSeatMode};
///
/// let body = br#"{"CallbackCommand":"Live.CallbackAfterCreateRoom","Operator_Account":"admin",
///     "RoomInfo":{"RoomId":"pk-3","Owner_Account":144115245353757792,
///     "TakeSeatMode":"ApplyToTake","CreateTime":1739955900,"EventTime":1739955900780}}"#;
/// let created: RoomCreated = decode_json(RoomCreated::COMMAND, body)?;
///
/// assert_eq!(created.room_id(), "pk-3");
/// assert_eq!(created.room_info.owner_account.as_deref(), Some("144115245353757792"));
/// assert_eq!(created.room_info.take_seat_mode, Some(TakeSeatMode::ApplyToTake));
/// assert_eq!(created.event_time_ms(), Some(1739955900780));
/// # Ok::<(), tencent_live_webhook::Rejection>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "CallbackCommand", rename = "Live.CallbackAfterCreateRoom")]
#[non_exhaustive]
pub struct RoomCreated {
    /// `Operator_Account`: who created the room (`"admin"` or another
    /// administrator account for the REST API).
    #[serde(
        rename = "Operator_Account",
        default,
        deserialize_with = "lenient::option_account",
        skip_serializing_if = "Option::is_none"
    )]
    pub operator_account: Option<String>,
    /// `RoomInfo`: the new room. Required, with its `RoomId`.
    #[serde(rename = "RoomInfo", deserialize_with = "super::room_info_with_id")]
    pub room_info: LiveRoomInfo,
    /// `EventTime`: when Tencent fired the event, Unix **milliseconds**, when
    /// given at the top level (see [`event_time_ms`](Self::event_time_ms())).
    #[serde(
        rename = "EventTime",
        default,
        deserialize_with = "lenient::option_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub event_time_ms: Option<u64>,
}

callback!(RoomCreated = "Live.CallbackAfterCreateRoom");

impl RoomCreated {
    /// `Operator_Account`; empty when the body has none.
    pub fn operator_account(&self) -> &str {
        self.operator_account.as_deref().unwrap_or_default()
    }

    /// The new room's id (`RoomInfo.RoomId`).
    pub fn room_id(&self) -> &str {
        self.room_info.room_id.as_deref().unwrap_or_default()
    }

    /// When Tencent fired the event, Unix milliseconds: the top-level
    /// `EventTime`, or else the one inside `RoomInfo`.
    pub fn event_time_ms(&self) -> Option<u64> {
        self.event_time_ms.or(self.room_info.event_time_ms)
    }

    /// When Tencent fired the event (see [`event_time_ms`](Self::event_time_ms())).
    pub fn event_time(&self) -> Option<SystemTime> {
        self.event_time_ms().and_then(unix_millis)
    }

    /// When the room was created (`RoomInfo.CreateTime`).
    pub fn created_at(&self) -> Option<SystemTime> {
        self.room_info.created_at()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode_json;
    use crate::rejection::Rejection;
    use std::time::{Duration, UNIX_EPOCH};

    fn decode(body: &str) -> Result<RoomCreated, Rejection> {
        decode_json(RoomCreated::COMMAND, body.as_bytes())
    }

    #[test]
    fn event_time_is_read_from_either_place() {
        let top = decode(r#"{"RoomInfo":{"RoomId":"r"},"EventTime":"1703589922780"}"#).unwrap();
        assert_eq!(top.event_time_ms, Some(1703589922780));
        assert_eq!(top.event_time_ms(), Some(1703589922780));
        assert_eq!(
            top.event_time(),
            Some(UNIX_EPOCH + Duration::from_millis(1703589922780))
        );

        let inside = decode(r#"{"RoomInfo":{"RoomId":"r","EventTime":1703589922780}}"#).unwrap();
        assert_eq!(inside.event_time_ms, None);
        assert_eq!(inside.event_time_ms(), Some(1703589922780));

        let both = decode(r#"{"RoomInfo":{"RoomId":"r","EventTime":1},"EventTime":2}"#).unwrap();
        assert_eq!(both.event_time_ms(), Some(2), "the top level wins");

        let neither = decode(r#"{"RoomInfo":{"RoomId":"r"}}"#).unwrap();
        assert_eq!(neither.event_time_ms(), None);
        assert_eq!(neither.event_time(), None);
    }

    #[test]
    fn the_room_id_inside_room_info_is_required() {
        for (body, named) in [
            (r#"{"Operator_Account":"admin"}"#, "RoomInfo"),
            (r#"{"RoomInfo":null}"#, "`RoomInfo`"),
            (r#"{"RoomInfo":{}}"#, "`RoomInfo`: missing field `RoomId`"),
            (r#"{"RoomInfo":{"RoomId":""}}"#, "`RoomInfo`"),
            (r#"{"RoomInfo":{"RoomId":null}}"#, "missing field `RoomId`"),
            (
                r#"{"RoomInfo":["tandy-test-rest"]}"#,
                "`RoomInfo`: found an array",
            ),
            (
                r#"{"RoomInfo":{"RoomId":"r","Category":[1.5]}}"#,
                "`RoomInfo.Category[0]`",
            ),
        ] {
            let rejection = decode(body).unwrap_err();
            assert_eq!(rejection.error_code(), 3005, "{body}");
            assert!(rejection.to_string().contains(named), "{body}: {rejection}");
        }
    }

    #[test]
    fn accessors_read_the_room() {
        let created = decode(r#"{"RoomInfo":{"RoomId":436,"CreateTime":1703589922}}"#).unwrap();
        assert_eq!(created.room_id(), "436");
        assert_eq!(
            created.created_at(),
            Some(UNIX_EPOCH + Duration::from_secs(1703589922))
        );
        assert_eq!(RoomCreated::default().room_id(), "");
    }
}
