//! `Live.CallbackAfterChangeOwner`: a room has a new owner.

use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use crate::battle::unix_millis;
use crate::lenient;

/// `Live.CallbackAfterChangeOwner`: a room's ownership passed to another
/// member, from a client or through the REST API.
///
/// Decoding is lenient, because Tencent does not retry: accounts may be JSON
/// strings or numbers and keep every digit (a missing or `null` account is
/// `None`, left out when written back; the accessors of the same names read
/// it as `""`); `EventTime` may be a numeric string; unknown fields are
/// ignored.
/// Only a body without a `RoomId`, with another `CallbackCommand`, or with a
/// value its field cannot hold (an account given as an object) is refused.
///
/// ```
/// use tencent_live_webhook::{decode_json, OwnerChanged};
///
/// let body = br#"{"CallbackCommand":"Live.CallbackAfterChangeOwner","RoomId":"pk-3",
///     "EventTime":1739956250400,"Operator_Account":"administrator",
///     "CurrentOwner_Account":"viewer-2","OriginalOwner_Account":144115245353757792}"#;
/// let changed: OwnerChanged = decode_json(OwnerChanged::COMMAND, body)?;
///
/// assert_eq!(changed.original_owner_account(), "144115245353757792");
/// assert_eq!(changed.current_owner_account(), "viewer-2");
/// # Ok::<(), tencent_live_webhook::Rejection>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "CallbackCommand", rename = "Live.CallbackAfterChangeOwner")]
#[non_exhaustive]
pub struct OwnerChanged {
    /// `RoomId`: the room. Required.
    #[serde(rename = "RoomId", deserialize_with = "lenient::id")]
    pub room_id: String,
    /// `EventTime`: when Tencent fired the event, Unix **milliseconds**;
    /// `None` when the body has none.
    #[serde(
        rename = "EventTime",
        default,
        deserialize_with = "lenient::option_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub event_time_ms: Option<u64>,
    /// `Operator_Account`: who changed the owner (a member, or the REST API's
    /// administrator account). The Chinese field table omits it, but both
    /// documented samples carry it.
    #[serde(
        rename = "Operator_Account",
        default,
        deserialize_with = "lenient::option_account",
        skip_serializing_if = "Option::is_none"
    )]
    pub operator_account: Option<String>,
    /// `CurrentOwner_Account`: the new owner.
    #[serde(
        rename = "CurrentOwner_Account",
        default,
        deserialize_with = "lenient::option_account",
        skip_serializing_if = "Option::is_none"
    )]
    pub current_owner_account: Option<String>,
    /// `OriginalOwner_Account`: the previous owner.
    #[serde(
        rename = "OriginalOwner_Account",
        default,
        deserialize_with = "lenient::option_account",
        skip_serializing_if = "Option::is_none"
    )]
    pub original_owner_account: Option<String>,
}

callback!(OwnerChanged = "Live.CallbackAfterChangeOwner");

impl OwnerChanged {
    /// `CurrentOwner_Account`; empty when the body has none.
    pub fn current_owner_account(&self) -> &str {
        self.current_owner_account.as_deref().unwrap_or_default()
    }

    /// `OriginalOwner_Account`; empty when the body has none.
    pub fn original_owner_account(&self) -> &str {
        self.original_owner_account.as_deref().unwrap_or_default()
    }

    /// `Operator_Account`; empty when the body has none.
    pub fn operator_account(&self) -> &str {
        self.operator_account.as_deref().unwrap_or_default()
    }

    /// When Tencent fired the event; `None` when the body has no `EventTime`
    /// or it is past what `SystemTime` holds.
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

    fn decode(body: &str) -> Result<OwnerChanged, Rejection> {
        decode_json(OwnerChanged::COMMAND, body.as_bytes())
    }

    #[test]
    fn decodes_the_documented_sample() {
        let changed = decode(
            r#"{"CallbackCommand":"Live.CallbackAfterChangeOwner","RoomId":"room_id",
                "EventTime":1703589922780,"Operator_Account":"admin",
                "CurrentOwner_Account":"user2","OriginalOwner_Account":"user1"}"#,
        )
        .unwrap();
        assert_eq!(
            changed,
            OwnerChanged {
                room_id: "room_id".into(),
                event_time_ms: Some(1703589922780),
                operator_account: Some("admin".into()),
                current_owner_account: Some("user2".into()),
                original_owner_account: Some("user1".into()),
            }
        );
        assert_eq!(
            changed
                .event_time()
                .unwrap()
                .duration_since(UNIX_EPOCH)
                .unwrap(),
            Duration::from_millis(1703589922780)
        );
    }

    #[test]
    fn missing_accounts_stay_absent_and_round_trip() {
        let changed = decode(r#"{"RoomId":7,"Operator_Account":null,"EventTime":"12"}"#).unwrap();
        assert_eq!(changed.room_id, "7");
        assert_eq!(changed.operator_account, None);
        assert_eq!(changed.operator_account(), "");
        assert_eq!(changed.current_owner_account(), "");
        assert_eq!(changed.original_owner_account(), "");
        assert_eq!(changed.event_time_ms, Some(12));
        let json = serde_json::to_value(&changed).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "CallbackCommand": OwnerChanged::COMMAND,
                "RoomId": "7",
                "EventTime": 12,
            })
        );
        assert_eq!(decode(&json.to_string()).unwrap(), changed);
    }

    #[test]
    fn refuses_what_cannot_be_understood() {
        for body in [
            r#"{}"#,
            r#"{"RoomId":""}"#,
            r#"{"RoomId":"r","CurrentOwner_Account":{"id":"a"}}"#,
            r#"{"RoomId":"r","CallbackCommand":"Live.CallbackAfterModifyAdmin"}"#,
        ] {
            assert!(decode(body).is_err(), "accepted {body}");
        }
    }
}
