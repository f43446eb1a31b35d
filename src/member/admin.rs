//! `Live.CallbackAfterModifyAdmin`: a room's admins were added or removed.

use std::time::SystemTime;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::battle::unix_millis;
use crate::lenient;

/// `Live.CallbackAfterModifyAdmin`: accounts were made admins of a room, or
/// stopped being admins, from a client or through the REST API.
///
/// Decoding is lenient, because Tencent does not retry: accounts may be JSON
/// strings or numbers and keep every digit; `EventTime` may be a numeric
/// string; the operation is read from `opType` (as documented) or `OpType`, and
/// an unknown one is kept as [`AdminOperation::Other`]; unknown fields are
/// ignored. Only a body without a `RoomId`, with another `CallbackCommand`,
/// with both spellings of the operation, or with a value its field cannot hold
/// (an `Admin_Account` that is not an array of accounts) is refused.
///
/// ```
/// use tencent_live_webhook::{decode_json, AdminOperation, AdminsModified};
///
/// let body = br#"{"CallbackCommand":"Live.CallbackAfterModifyAdmin","RoomId":"pk-3",
///     "EventTime":1739955990300,"Operator_Account":144115245353757792,
///     "Admin_Account":["viewer-2"],"opType":"add"}"#;
/// let modified: AdminsModified = decode_json(AdminsModified::COMMAND, body)?;
///
/// assert_eq!(modified.operation, Some(AdminOperation::Add));
/// assert_eq!(modified.admin_accounts(), ["viewer-2"]);
/// assert_eq!(modified.operator_account(), "144115245353757792");
/// # Ok::<(), tencent_live_webhook::Rejection>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Deserialize)]
#[serde(try_from = "Wire")]
#[non_exhaustive]
pub struct AdminsModified {
    /// `RoomId`: the room. Required.
    pub room_id: String,
    /// `EventTime`: when Tencent fired the event, Unix **milliseconds**;
    /// `None` when the body has none.
    pub event_time_ms: Option<u64>,
    /// `Operator_Account`: who changed the admins (the owner, or the REST
    /// API's administrator account); `None` when the body has none.
    pub operator_account: Option<String>,
    /// `Admin_Account`: the accounts that were added or removed; `None` when
    /// the body has none.
    pub admin_accounts: Option<Vec<String>>,
    /// `opType`, with a lower-case `o` as Tencent documents it: whether the
    /// accounts were added or removed; `None` when the body has none.
    ///
    /// `OpType` is read too, because Tencent spells the same name that way in
    /// other events (`Live.CallbackAfterEndBattle`); a body giving both
    /// spellings is refused as a duplicate field. Serialising writes the
    /// spelling received ([`operation_key`](Self::operation_key)).
    pub operation: Option<AdminOperation>,
    /// Which spelling of the operation's member the body used, so that
    /// serialising writes it back as received: `opType` unless the body gave
    /// a value as `OpType`.
    pub operation_key: OperationKey,
}

/// The member name [`AdminsModified::operation`] was read from, and is
/// written back to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum OperationKey {
    /// `opType`, as Tencent documents it.
    #[default]
    LowerCamel,
    /// `OpType`, as Tencent spells it in other events.
    UpperCamel,
}

/// The body as Tencent writes it: the two spellings of the operation as two
/// members, each `None` when absent and `Some(None)` when `null`.
#[derive(Deserialize)]
#[serde(tag = "CallbackCommand", rename = "Live.CallbackAfterModifyAdmin")]
struct Wire {
    #[serde(rename = "RoomId", deserialize_with = "lenient::id")]
    room_id: String,
    #[serde(
        rename = "EventTime",
        default,
        deserialize_with = "lenient::option_integer"
    )]
    event_time_ms: Option<u64>,
    #[serde(
        rename = "Operator_Account",
        default,
        deserialize_with = "lenient::option_account"
    )]
    operator_account: Option<String>,
    #[serde(
        rename = "Admin_Account",
        default,
        deserialize_with = "lenient::option_accounts"
    )]
    admin_accounts: Option<Vec<String>>,
    #[serde(rename = "opType", default, deserialize_with = "present")]
    lower: Option<Option<AdminOperation>>,
    #[serde(rename = "OpType", default, deserialize_with = "present")]
    upper: Option<Option<AdminOperation>>,
}

/// A member that is there, even as `null` (`Some(None)`).
fn present<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Option<AdminOperation>>, D::Error> {
    Option::<AdminOperation>::deserialize(deserializer).map(Some)
}

impl TryFrom<Wire> for AdminsModified {
    type Error = &'static str;

    fn try_from(wire: Wire) -> Result<Self, Self::Error> {
        let (operation, operation_key) = match (wire.lower, wire.upper) {
            (Some(_), Some(_)) => return Err("duplicate field `opType` (also given as `OpType`)"),
            // `OpType: null` is no operation, written as none: its spelling
            // is not kept.
            (None, Some(Some(upper))) => (Some(upper), OperationKey::UpperCamel),
            (lower, upper) => (lower.or(upper).flatten(), OperationKey::LowerCamel),
        };
        Ok(Self {
            room_id: wire.room_id,
            event_time_ms: wire.event_time_ms,
            operator_account: wire.operator_account,
            admin_accounts: wire.admin_accounts,
            operation,
            operation_key,
        })
    }
}

/// What serialising writes: every member the event has, the operation under
/// the spelling received.
#[derive(Serialize)]
#[serde(tag = "CallbackCommand", rename = "Live.CallbackAfterModifyAdmin")]
struct Written<'a> {
    #[serde(rename = "RoomId")]
    room_id: &'a str,
    #[serde(rename = "EventTime", skip_serializing_if = "Option::is_none")]
    event_time_ms: Option<u64>,
    #[serde(rename = "Operator_Account", skip_serializing_if = "Option::is_none")]
    operator_account: Option<&'a str>,
    #[serde(rename = "Admin_Account", skip_serializing_if = "Option::is_none")]
    admin_accounts: Option<&'a [String]>,
    #[serde(rename = "opType", skip_serializing_if = "Option::is_none")]
    lower: Option<&'a AdminOperation>,
    #[serde(rename = "OpType", skip_serializing_if = "Option::is_none")]
    upper: Option<&'a AdminOperation>,
}

impl Serialize for AdminsModified {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let operation = self.operation.as_ref();
        let (lower, upper) = match self.operation_key {
            OperationKey::UpperCamel => (None, operation),
            OperationKey::LowerCamel => (operation, None),
        };
        Written {
            room_id: &self.room_id,
            event_time_ms: self.event_time_ms,
            operator_account: self.operator_account.as_deref(),
            admin_accounts: self.admin_accounts.as_deref(),
            lower,
            upper,
        }
        .serialize(serializer)
    }
}

callback!(AdminsModified = "Live.CallbackAfterModifyAdmin");

impl AdminsModified {
    /// `Admin_Account`; empty when the body has none.
    pub fn admin_accounts(&self) -> &[String] {
        self.admin_accounts.as_deref().unwrap_or_default()
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

string_enum! {
    /// `opType` of [`AdminsModified`]: what was done to the accounts.
    ///
    /// ```
    /// use tencent_live_webhook::AdminOperation;
    ///
    /// assert_eq!(AdminOperation::parse("delete"), AdminOperation::Delete);
    /// assert_eq!(AdminOperation::Add.as_str(), "add");
    /// assert_eq!(AdminOperation::parse("Add"), AdminOperation::Other("Add".into()));
    /// ```
    pub enum AdminOperation {
        /// `add`: the accounts were made admins.
        Add = "add",
        /// `delete`: the accounts are no longer admins.
        Delete = "delete",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode_json;
    use crate::rejection::Rejection;

    fn decode(body: &str) -> Result<AdminsModified, Rejection> {
        decode_json(AdminsModified::COMMAND, body.as_bytes())
    }

    #[test]
    fn decodes_the_documented_sample() {
        let modified = decode(
            r#"{"CallbackCommand":"Live.CallbackAfterModifyAdmin","RoomId":"room_id",
                "EventTime":1703589922780,"Operator_Account":"admin",
                "Admin_Account":["user1","user2"],"opType":"add"}"#,
        )
        .unwrap();
        assert_eq!(
            modified,
            AdminsModified {
                room_id: "room_id".into(),
                event_time_ms: Some(1703589922780),
                operator_account: Some("admin".into()),
                admin_accounts: Some(vec!["user1".into(), "user2".into()]),
                operation: Some(AdminOperation::Add),
                operation_key: OperationKey::LowerCamel,
            }
        );
    }

    #[test]
    fn both_spellings_of_op_type_are_read_and_written_back_as_received() {
        for (body, operation, key, written) in [
            (
                r#"{"RoomId":"r","opType":"delete"}"#,
                AdminOperation::Delete,
                OperationKey::LowerCamel,
                r#"{"CallbackCommand":"Live.CallbackAfterModifyAdmin","RoomId":"r","opType":"delete"}"#,
            ),
            (
                r#"{"RoomId":"r","OpType":"delete"}"#,
                AdminOperation::Delete,
                OperationKey::UpperCamel,
                r#"{"CallbackCommand":"Live.CallbackAfterModifyAdmin","RoomId":"r","OpType":"delete"}"#,
            ),
            (
                r#"{"RoomId":"r","OpType":"promote"}"#,
                AdminOperation::Other("promote".into()),
                OperationKey::UpperCamel,
                r#"{"CallbackCommand":"Live.CallbackAfterModifyAdmin","RoomId":"r","OpType":"promote"}"#,
            ),
        ] {
            let modified = decode(body).unwrap();
            assert_eq!(modified.operation, Some(operation), "{body}");
            assert_eq!(modified.operation_key, key, "{body}");
            let json = serde_json::to_string(&modified).unwrap();
            assert_eq!(json, written);
            assert_eq!(decode(&json).unwrap(), modified);
        }
        for body in [
            r#"{"RoomId":"r","opType":null}"#,
            r#"{"RoomId":"r","OpType":null}"#,
        ] {
            let modified = decode(body).unwrap();
            assert_eq!(modified.operation, None, "{body}");
            assert_eq!(modified.operation_key, OperationKey::LowerCamel, "{body}");
            let json = serde_json::to_string(&modified).unwrap();
            assert_eq!(
                json,
                r#"{"CallbackCommand":"Live.CallbackAfterModifyAdmin","RoomId":"r"}"#
            );
        }
    }

    #[test]
    fn absent_members_stay_absent() {
        let modified = decode(r#"{"RoomId":"r","Admin_Account":[]}"#).unwrap();
        assert_eq!(modified.admin_accounts, Some(vec![]));
        assert_eq!(modified.operator_account(), "");
        assert_eq!(
            serde_json::to_string(&modified).unwrap(),
            r#"{"CallbackCommand":"Live.CallbackAfterModifyAdmin","RoomId":"r","Admin_Account":[]}"#
        );
        let bare = decode(r#"{"RoomId":"r"}"#).unwrap();
        assert_eq!(bare.admin_accounts, None);
        assert!(bare.admin_accounts().is_empty());
    }

    #[test]
    fn refuses_what_cannot_be_understood() {
        for body in [
            r#"{"Admin_Account":["a"]}"#,
            r#"{"RoomId":null}"#,
            r#"{"RoomId":"r","Admin_Account":"a"}"#,
            r#"{"RoomId":"r","Admin_Account":[{"Member_Account":"a"}]}"#,
            r#"{"RoomId":"r","opType":"add","OpType":"delete"}"#,
            r#"{"RoomId":"r","opType":null,"OpType":"delete"}"#,
            r#"{"RoomId":"r","OpType":"add","opType":null}"#,
            r#"{"RoomId":"r","opType":"add","opType":"add"}"#,
            r#"{"RoomId":"r","CallbackCommand":"Live.CallbackAfterChangeOwner"}"#,
        ] {
            assert!(decode(body).is_err(), "accepted {body}");
        }
    }
}
