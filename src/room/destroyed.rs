//! `Live.CallbackAfterDestroyRoom`: a live room has been destroyed, with its
//! final statistics.

use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use super::LiveRoomInfo;
use crate::battle::unix_millis;
use crate::lenient;

/// `Live.CallbackAfterDestroyRoom`: a live room has been destroyed, by a user,
/// by the app's administrator, or by Tencent once the room was empty.
///
/// `RoomId` is the event's identity: a body without it is refused. `RoomInfo`
/// and `Statistic` are newer than the first documented version, and Tencent's
/// real payload for a system destruction has `RoomInfo` without `Statistic`,
/// so both are optional.
///
/// ```
/// use tencent_live_webhook::{decode_json, DestroyReason, RoomDestroyed};
///
/// let body = br#"{"CallbackCommand":"Live.CallbackAfterDestroyRoom","Operator_Account":"@TIM#SYSTEM",
///     "RoomId":"436","EventType":"DestroyBySystem","EventTime":1756986061775,
///     "RoomInfo":{"RoomId":"436","Owner_Account":"10100015411","ViewCount":1}}"#;
/// let destroyed: RoomDestroyed = decode_json(RoomDestroyed::COMMAND, body)?;
///
/// assert_eq!(destroyed.room_id, "436");
/// assert_eq!(destroyed.reason, Some(DestroyReason::BySystem));
/// assert_eq!(destroyed.room_info.and_then(|room| room.view_count), Some(1));
/// assert!(destroyed.statistic.is_none());
/// # Ok::<(), tencent_live_webhook::Rejection>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "CallbackCommand", rename = "Live.CallbackAfterDestroyRoom")]
#[non_exhaustive]
pub struct RoomDestroyed {
    /// `Operator_Account`: who destroyed the room; `"@TIM#SYSTEM"` when Tencent
    /// did.
    #[serde(
        rename = "Operator_Account",
        default,
        deserialize_with = "lenient::option_account",
        skip_serializing_if = "Option::is_none"
    )]
    pub operator_account: Option<String>,
    /// `RoomId`: the room. Required.
    #[serde(rename = "RoomId", deserialize_with = "lenient::id")]
    pub room_id: String,
    /// `EventType`: who destroyed the room, a user or the system.
    #[serde(rename = "EventType", default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<DestroyReason>,
    /// `EventTime`: when Tencent fired the event, Unix **milliseconds**.
    #[serde(
        rename = "EventTime",
        default,
        deserialize_with = "lenient::option_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub event_time_ms: Option<u64>,
    /// `RoomInfo`: the room as it was; absent from the first documented
    /// version.
    #[serde(
        rename = "RoomInfo",
        default,
        deserialize_with = "lenient::option_object",
        skip_serializing_if = "Option::is_none"
    )]
    pub room_info: Option<LiveRoomInfo>,
    /// `Statistic`: the room's totals over its life; absent from the first
    /// documented version and from Tencent's real payload.
    #[serde(
        rename = "Statistic",
        default,
        deserialize_with = "lenient::option_object",
        skip_serializing_if = "Option::is_none"
    )]
    pub statistic: Option<RoomStatistic>,
}

callback!(RoomDestroyed = "Live.CallbackAfterDestroyRoom");

impl RoomDestroyed {
    /// `Operator_Account`; empty when the body has none.
    pub fn operator_account(&self) -> &str {
        self.operator_account.as_deref().unwrap_or_default()
    }

    /// When Tencent fired the event; `None` when `EventTime` is absent.
    pub fn event_time(&self) -> Option<SystemTime> {
        self.event_time_ms.and_then(unix_millis)
    }
}

/// `Statistic` of [`RoomDestroyed`]: the room's totals over its life. Every
/// count is optional: Tencent's real payload has none.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RoomStatistic {
    /// `TotalViewers`: how many times users entered the room (a user who
    /// entered three times counts three times).
    #[serde(
        rename = "TotalViewers",
        default,
        deserialize_with = "lenient::option_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub total_viewers: Option<u64>,
    /// `TotalGiftsSent`: how many gifts were sent.
    #[serde(
        rename = "TotalGiftsSent",
        default,
        deserialize_with = "lenient::option_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub total_gifts_sent: Option<u64>,
    /// `TotalGiftCoins`: the gifts' total value, in the app's gift coins.
    #[serde(
        rename = "TotalGiftCoins",
        default,
        deserialize_with = "lenient::option_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub total_gift_coins: Option<u64>,
    /// `TotalUniqueGiftSenders`: how many different users sent gifts.
    #[serde(
        rename = "TotalUniqueGiftSenders",
        default,
        deserialize_with = "lenient::option_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub total_unique_gift_senders: Option<u64>,
    /// `TotalLikesReceived`: how many likes the room received.
    #[serde(
        rename = "TotalLikesReceived",
        default,
        deserialize_with = "lenient::option_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub total_likes_received: Option<u64>,
}

string_enum! {
    /// `EventType` of [`RoomDestroyed`]: who destroyed the room.
    ///
    /// ```
    /// use tencent_live_webhook::DestroyReason;
    ///
    /// assert_eq!(DestroyReason::parse("DestroyBySystem"), DestroyReason::BySystem);
    /// assert_eq!(DestroyReason::ByUser.as_str(), "DestroyByUser");
    /// assert_eq!(DestroyReason::parse("DestroyByAdmin").as_str(), "DestroyByAdmin");
    /// ```
    pub enum DestroyReason {
        /// `DestroyByUser`: a user through the client, or the app's
        /// administrator through the REST API.
        ByUser = "DestroyByUser",
        /// `DestroyBySystem`: Tencent, once the room was empty.
        BySystem = "DestroyBySystem",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode_json;
    use crate::rejection::Rejection;
    use std::time::{Duration, UNIX_EPOCH};

    fn decode(body: &str) -> Result<RoomDestroyed, Rejection> {
        decode_json(RoomDestroyed::COMMAND, body.as_bytes())
    }

    #[test]
    fn only_the_room_id_is_required() {
        let destroyed = decode(r#"{"RoomId":"r"}"#).unwrap();
        assert_eq!(
            destroyed,
            RoomDestroyed {
                room_id: "r".into(),
                ..RoomDestroyed::default()
            }
        );
        assert_eq!(destroyed.event_time(), None);
        let json = serde_json::to_string(&destroyed).unwrap();
        assert_eq!(
            json,
            r#"{"CallbackCommand":"Live.CallbackAfterDestroyRoom","RoomId":"r"}"#
        );
    }

    #[test]
    fn nulls_read_as_absent() {
        let destroyed = decode(
            r#"{"RoomId":"r","EventType":null,"EventTime":null,"RoomInfo":null,"Statistic":null}"#,
        )
        .unwrap();
        assert_eq!(destroyed.reason, None);
        assert_eq!(destroyed.room_info, None);
        assert_eq!(destroyed.statistic, None);
    }

    #[test]
    fn reasons_keep_unknown_values() {
        for (value, reason) in [
            ("DestroyByUser", DestroyReason::ByUser),
            ("DestroyBySystem", DestroyReason::BySystem),
            (
                "DestroyByAdmin",
                DestroyReason::Other("DestroyByAdmin".into()),
            ),
        ] {
            let body = format!(r#"{{"RoomId":"r","EventType":"{value}","EventTime":"5"}}"#);
            let destroyed = decode(&body).unwrap();
            assert_eq!(destroyed.reason, Some(reason), "{value}");
            assert_eq!(
                destroyed.event_time(),
                Some(UNIX_EPOCH + Duration::from_millis(5))
            );
            let json = serde_json::to_value(&destroyed).unwrap();
            assert_eq!(json["EventType"], value);
        }
    }

    #[test]
    fn refuses_what_cannot_be_understood() {
        for (body, named) in [
            (r#"{"Operator_Account":"admin"}"#, "RoomId"),
            (r#"{"RoomId":""}"#, "`RoomId`"),
            (r#"{"RoomId":null}"#, "`RoomId`"),
            (r#"{"RoomId":"r","RoomInfo":["r"]}"#, "`RoomInfo`"),
            (r#"{"RoomId":"r","Statistic":[0,0,0,0,0]}"#, "`Statistic`"),
            (
                r#"{"RoomId":"r","Statistic":{"TotalViewers":-1}}"#,
                "`Statistic.TotalViewers`",
            ),
            (r#"{"RoomId":"r","EventTime":1.5}"#, "`EventTime`"),
        ] {
            let rejection = decode(body).unwrap_err();
            assert_eq!(rejection.error_code(), 3005, "{body}");
            assert!(rejection.to_string().contains(named), "{body}: {rejection}");
        }
    }
}
