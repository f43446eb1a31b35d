//! `Live.CallbackAfterCreateRoomReachingThreshold`: the app nears its room limit.

use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use crate::battle::unix_millis;
use crate::lenient;

/// `Live.CallbackAfterCreateRoomReachingThreshold`: a room was created, and
/// the app's rooms have reached 70% of its limit.
///
/// An alert about the app, not about one room: there is no identity field,
/// and no body is refused for a missing one. Tencent's table types
/// `CurRoomCount` as a string and `MaxRoomCount` as an array, while its sample
/// sends integers; both are read as integers or numeric strings.
///
/// ```
/// use tencent_live_webhook::{decode_json, RoomThresholdReached};
///
/// let body = br#"{"CallbackCommand":"Live.CallbackAfterCreateRoomReachingThreshold",
///     "Operator_Account":"brennanli","EventTime":1739966441121,
///     "CurRoomCount":"400","MaxRoomCount":500}"#;
/// let alert: RoomThresholdReached = decode_json(RoomThresholdReached::COMMAND, body)?;
///
/// assert_eq!(alert.cur_room_count, Some(400));
/// assert_eq!(alert.rooms_left(), Some(100));
/// # Ok::<(), tencent_live_webhook::Rejection>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "CallbackCommand",
    rename = "Live.CallbackAfterCreateRoomReachingThreshold"
)]
#[non_exhaustive]
pub struct RoomThresholdReached {
    /// `Operator_Account`: who made the room-creating request that crossed
    /// the threshold.
    #[serde(
        rename = "Operator_Account",
        default,
        deserialize_with = "lenient::option_account",
        skip_serializing_if = "Option::is_none"
    )]
    pub operator_account: Option<String>,
    /// `CurRoomCount`: how many rooms the app has now.
    #[serde(
        rename = "CurRoomCount",
        default,
        deserialize_with = "lenient::option_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub cur_room_count: Option<u64>,
    /// `MaxRoomCount`: how many rooms the app may have.
    #[serde(
        rename = "MaxRoomCount",
        default,
        deserialize_with = "lenient::option_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub max_room_count: Option<u64>,
    /// `EventTime`: when Tencent fired the event, Unix **milliseconds**.
    #[serde(
        rename = "EventTime",
        default,
        deserialize_with = "lenient::option_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub event_time_ms: Option<u64>,
}

callback!(RoomThresholdReached = "Live.CallbackAfterCreateRoomReachingThreshold");

impl RoomThresholdReached {
    /// `Operator_Account`; empty when the body has none.
    pub fn operator_account(&self) -> &str {
        self.operator_account.as_deref().unwrap_or_default()
    }

    /// How many more rooms the app may create: `MaxRoomCount` less
    /// `CurRoomCount` (0 when over); `None` when either is absent.
    pub fn rooms_left(&self) -> Option<u64> {
        Some(self.max_room_count?.saturating_sub(self.cur_room_count?))
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

    fn decode(body: &str) -> Result<RoomThresholdReached, Rejection> {
        decode_json(RoomThresholdReached::COMMAND, body.as_bytes())
    }

    #[test]
    fn counts_are_integers_or_numeric_strings() {
        for body in [
            r#"{"CurRoomCount":400,"MaxRoomCount":500,"EventTime":1739966441121}"#,
            r#"{"CurRoomCount":"400","MaxRoomCount":"500","EventTime":"1739966441121"}"#,
        ] {
            let alert = decode(body).unwrap();
            assert_eq!(alert.cur_room_count, Some(400), "{body}");
            assert_eq!(alert.max_room_count, Some(500), "{body}");
            assert_eq!(alert.rooms_left(), Some(100), "{body}");
            assert_eq!(
                alert.event_time(),
                Some(UNIX_EPOCH + Duration::from_millis(1739966441121))
            );
        }
    }

    #[test]
    fn nothing_is_required() {
        let alert = decode("{}").unwrap();
        assert_eq!(alert, RoomThresholdReached::default());
        assert_eq!(alert.rooms_left(), None);
        assert_eq!(alert.event_time(), None);
        let over = RoomThresholdReached {
            cur_room_count: Some(501),
            max_room_count: Some(500),
            ..RoomThresholdReached::default()
        };
        assert_eq!(over.rooms_left(), Some(0));
    }

    #[test]
    fn refuses_counts_that_are_not_integers() {
        for (body, named) in [
            (r#"{"CurRoomCount":"many"}"#, "`CurRoomCount`"),
            (r#"{"MaxRoomCount":[500]}"#, "`MaxRoomCount`"),
            (r#"{"CurRoomCount":400.5}"#, "`CurRoomCount`"),
            (r#"{"MaxRoomCount":-1}"#, "`MaxRoomCount`"),
        ] {
            let rejection = decode(body).unwrap_err();
            assert_eq!(rejection.error_code(), 3005, "{body}");
            assert!(rejection.to_string().contains(named), "{body}: {rejection}");
        }
    }
}
