//! `Live.CallbackAfterSetMetadata` and `Live.CallbackAfterDelMetadata`: a
//! room's metadata (its key-value pairs) has been set or deleted.

use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use crate::battle::unix_millis;
use crate::lenient;

/// `Live.CallbackAfterSetMetadata`: key-value pairs of a room's metadata have
/// been set, through the client or the REST API.
///
/// `RoomId` is the event's identity: a body without it is refused.
///
/// ```
/// use tencent_live_webhook::{decode_json, MetadataSet};
///
/// let body = br#"{"CallbackCommand":"Live.CallbackAfterSetMetadata","Operator_Account":"brennanli",
///     "RoomId":"live-room1111","Metadata":[{"Key":"key1","Value":"value1"},
///     {"Key":"key2","Value":"value2"}],"EventTime":1739965885831}"#;
/// let set: MetadataSet = decode_json(MetadataSet::COMMAND, body)?;
///
/// assert_eq!(set.room_id, "live-room1111");
/// assert_eq!(set.metadata().len(), 2);
/// assert_eq!(set.value("key2"), Some("value2"));
/// # Ok::<(), tencent_live_webhook::Rejection>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "CallbackCommand", rename = "Live.CallbackAfterSetMetadata")]
#[non_exhaustive]
pub struct MetadataSet {
    /// `Operator_Account`: who set the metadata.
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
    /// `Metadata`: the pairs that were set, in Tencent's order.
    #[serde(
        rename = "Metadata",
        default,
        deserialize_with = "lenient::option_objects",
        skip_serializing_if = "Option::is_none"
    )]
    pub metadata: Option<Vec<MetadataItem>>,
    /// `EventTime`: when Tencent fired the event, Unix **milliseconds**.
    #[serde(
        rename = "EventTime",
        default,
        deserialize_with = "lenient::option_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub event_time_ms: Option<u64>,
}

callback!(MetadataSet = "Live.CallbackAfterSetMetadata");

impl MetadataSet {
    /// `Operator_Account`; empty when the body has none.
    pub fn operator_account(&self) -> &str {
        self.operator_account.as_deref().unwrap_or_default()
    }

    /// `Metadata`; empty when the body has none.
    pub fn metadata(&self) -> &[MetadataItem] {
        self.metadata.as_deref().unwrap_or_default()
    }

    /// The value set for `key` (`""` when its element has no `Value`); the
    /// last one when the key is listed twice.
    pub fn value(&self, key: &str) -> Option<&str> {
        self.metadata()
            .iter()
            .rev()
            .find(|item| item.key.as_deref() == Some(key))
            .map(MetadataItem::value)
    }

    /// When Tencent fired the event; `None` when `EventTime` is absent.
    pub fn event_time(&self) -> Option<SystemTime> {
        self.event_time_ms.and_then(unix_millis)
    }
}

/// One key-value pair of a room's metadata (an element of `Metadata`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MetadataItem {
    /// `Key`: the metadata key.
    #[serde(
        rename = "Key",
        default,
        deserialize_with = "lenient::option_account",
        skip_serializing_if = "Option::is_none"
    )]
    pub key: Option<String>,
    /// `Value`: its value.
    #[serde(
        rename = "Value",
        default,
        deserialize_with = "lenient::option_account",
        skip_serializing_if = "Option::is_none"
    )]
    pub value: Option<String>,
}

impl MetadataItem {
    /// A key and its value.
    pub fn new(key: impl Into<String>, value: impl Into<String>) -> Self {
        Self {
            key: Some(key.into()),
            value: Some(value.into()),
        }
    }

    /// `Key`; empty when the element has none.
    pub fn key(&self) -> &str {
        self.key.as_deref().unwrap_or_default()
    }

    /// `Value`; empty when the element has none.
    pub fn value(&self) -> &str {
        self.value.as_deref().unwrap_or_default()
    }
}

/// `Live.CallbackAfterDelMetadata`: keys of a room's metadata have been
/// deleted.
///
/// `RoomId` is the event's identity: a body without it is refused. (Tencent's
/// parameter table names the command `Live.CallbackAfterSetMetadata`; its
/// sample body, and this type, use `Live.CallbackAfterDelMetadata`.)
///
/// ```
/// use tencent_live_webhook::{decode_json, MetadataDeleted};
///
/// let body = br#"{"CallbackCommand":"Live.CallbackAfterDelMetadata","Operator_Account":"brennanli",
///     "RoomId":"live-room1111","Keys":["key1","key2"],"EventTime":1739966441121}"#;
/// let deleted: MetadataDeleted = decode_json(MetadataDeleted::COMMAND, body)?;
///
/// assert_eq!(deleted.room_id, "live-room1111");
/// assert_eq!(deleted.keys(), ["key1", "key2"]);
/// # Ok::<(), tencent_live_webhook::Rejection>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "CallbackCommand", rename = "Live.CallbackAfterDelMetadata")]
#[non_exhaustive]
pub struct MetadataDeleted {
    /// `Operator_Account`: who deleted the keys.
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
    /// `Keys`: the keys that were deleted.
    #[serde(
        rename = "Keys",
        default,
        deserialize_with = "lenient::option_accounts",
        skip_serializing_if = "Option::is_none"
    )]
    pub keys: Option<Vec<String>>,
    /// `EventTime`: when Tencent fired the event, Unix **milliseconds**.
    #[serde(
        rename = "EventTime",
        default,
        deserialize_with = "lenient::option_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub event_time_ms: Option<u64>,
}

callback!(MetadataDeleted = "Live.CallbackAfterDelMetadata");

impl MetadataDeleted {
    /// `Keys`; empty when the body has none.
    pub fn keys(&self) -> &[String] {
        self.keys.as_deref().unwrap_or_default()
    }

    /// `Operator_Account`; empty when the body has none.
    pub fn operator_account(&self) -> &str {
        self.operator_account.as_deref().unwrap_or_default()
    }

    /// When Tencent fired the event; `None` when `EventTime` is absent.
    pub fn event_time(&self) -> Option<SystemTime> {
        self.event_time_ms.and_then(unix_millis)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rejection::Rejection;
    use crate::{decode_json, WebhookEvent};
    use std::time::{Duration, UNIX_EPOCH};

    fn set(body: &str) -> Result<MetadataSet, Rejection> {
        decode_json(MetadataSet::COMMAND, body.as_bytes())
    }

    fn deleted(body: &str) -> Result<MetadataDeleted, Rejection> {
        decode_json(MetadataDeleted::COMMAND, body.as_bytes())
    }

    #[test]
    fn lenient_where_the_meaning_is_clear() {
        let event = set(
            r#"{"RoomId":1,"Metadata":[{"Key":"k","Value":7},{"Key":"k","Value":"last"},{}],
                "EventTime":"12","Extra":null}"#,
        )
        .unwrap();
        assert_eq!(event.room_id, "1");
        assert_eq!(
            event.metadata(),
            [
                MetadataItem::new("k", "7"),
                MetadataItem::new("k", "last"),
                MetadataItem::default()
            ]
        );
        assert_eq!(event.value("k"), Some("last"));
        assert_eq!(event.value("absent"), None);
        assert_eq!(
            event.event_time(),
            Some(UNIX_EPOCH + Duration::from_millis(12))
        );

        let event = deleted(r#"{"RoomId":"r","Keys":null,"EventTime":null}"#).unwrap();
        assert_eq!(event.keys, None);
        assert!(event.keys().is_empty());
        assert_eq!(event.event_time(), None);
        let event = deleted(r#"{"RoomId":"r","Keys":["a",2]}"#).unwrap();
        assert_eq!(event.keys(), ["a", "2"]);
    }

    #[test]
    fn absent_members_stay_absent() {
        let event = set(r#"{"RoomId":"r","Metadata":[{"Key":"k"},{}]}"#).unwrap();
        assert_eq!(event.value("k"), Some(""));
        assert_eq!(event.metadata()[1].key(), "");
        assert_eq!(event.operator_account, None);
        assert_eq!(event.operator_account(), "");
        assert_eq!(
            serde_json::to_string(&event).unwrap(),
            r#"{"CallbackCommand":"Live.CallbackAfterSetMetadata","RoomId":"r","Metadata":[{"Key":"k"},{}]}"#
        );
        let event = deleted(r#"{"RoomId":"r","Keys":[]}"#).unwrap();
        assert_eq!(
            serde_json::to_string(&event).unwrap(),
            r#"{"CallbackCommand":"Live.CallbackAfterDelMetadata","RoomId":"r","Keys":[]}"#
        );
    }

    #[test]
    fn refuses_what_cannot_be_understood() {
        for (body, named) in [
            (r#"{"Metadata":[]}"#, "RoomId"),
            (r#"{"RoomId":""}"#, "`RoomId`"),
            (
                r#"{"RoomId":"r","Metadata":[["key1","value1"]]}"#,
                "`Metadata[0]`",
            ),
            (r#"{"RoomId":"r","Metadata":{"Key":"k"}}"#, "`Metadata`"),
            (
                r#"{"RoomId":"r","Metadata":[{"Key":1.5}]}"#,
                "`Metadata[0].Key`",
            ),
        ] {
            let rejection = set(body).unwrap_err();
            assert_eq!(rejection.error_code(), 3005, "{body}");
            assert!(rejection.to_string().contains(named), "{body}: {rejection}");
        }
        for (body, named) in [
            (r#"{"Keys":["k"]}"#, "RoomId"),
            (r#"{"RoomId":"r","Keys":"k"}"#, "`Keys`"),
            (r#"{"RoomId":"r","Keys":["k",null]}"#, "`Keys[1]`"),
        ] {
            let rejection = deleted(body).unwrap_err();
            assert_eq!(rejection.error_code(), 3005, "{body}");
            assert!(rejection.to_string().contains(named), "{body}: {rejection}");
        }
    }

    #[test]
    fn set_and_delete_are_two_commands() {
        let body = br#"{"CallbackCommand":"Live.CallbackAfterSetMetadata","RoomId":"r"}"#;
        assert_eq!(
            MetadataDeleted::decode(MetadataDeleted::COMMAND, body),
            Err(Rejection::CommandMismatch)
        );
        let json = serde_json::to_value(MetadataDeleted {
            room_id: "r".into(),
            ..MetadataDeleted::default()
        })
        .unwrap();
        assert_eq!(json["CallbackCommand"], "Live.CallbackAfterDelMetadata");
        assert!(json.get("Keys").is_none(), "{json}");
    }
}
