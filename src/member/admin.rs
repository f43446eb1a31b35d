//! `Live.CallbackAfterModifyAdmin`: a room's admins were added or removed.

use std::time::SystemTime;

use serde::{Deserialize, Serialize};

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
/// assert_eq!(modified.admin_accounts, ["viewer-2"]);
/// assert_eq!(modified.operator_account, "144115245353757792");
/// # Ok::<(), tencent_live_webhook::Rejection>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "CallbackCommand", rename = "Live.CallbackAfterModifyAdmin")]
#[non_exhaustive]
pub struct AdminsModified {
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
    /// `Operator_Account`: who changed the admins (the owner, or the REST
    /// API's administrator account).
    #[serde(
        rename = "Operator_Account",
        default,
        deserialize_with = "lenient::account"
    )]
    pub operator_account: String,
    /// `Admin_Account`: the accounts that were added or removed.
    #[serde(
        rename = "Admin_Account",
        default,
        deserialize_with = "lenient::accounts"
    )]
    pub admin_accounts: Vec<String>,
    /// `opType`, with a lower-case `o` as Tencent documents it: whether the
    /// accounts were added or removed; `None` when the body has none.
    ///
    /// `OpType` is read too, because Tencent spells the same name that way in
    /// other events (`Live.CallbackAfterEndBattle`); a body giving both
    /// spellings is refused as a duplicate field. Serialising writes `opType`.
    #[serde(
        rename = "opType",
        alias = "OpType",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub operation: Option<AdminOperation>,
}

callback!(AdminsModified = "Live.CallbackAfterModifyAdmin");

impl AdminsModified {
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
                operator_account: "admin".into(),
                admin_accounts: vec!["user1".into(), "user2".into()],
                operation: Some(AdminOperation::Add),
            }
        );
    }

    #[test]
    fn both_spellings_of_op_type_are_read_and_op_type_is_written() {
        for (body, operation) in [
            (
                r#"{"RoomId":"r","opType":"delete"}"#,
                AdminOperation::Delete,
            ),
            (
                r#"{"RoomId":"r","OpType":"delete"}"#,
                AdminOperation::Delete,
            ),
            (
                r#"{"RoomId":"r","OpType":"promote"}"#,
                AdminOperation::Other("promote".into()),
            ),
        ] {
            let modified = decode(body).unwrap();
            assert_eq!(modified.operation, Some(operation), "{body}");
            let json = serde_json::to_value(&modified).unwrap();
            assert_eq!(
                json["opType"],
                modified.operation.as_ref().unwrap().as_str()
            );
            assert!(json.get("OpType").is_none(), "{json}");
            assert_eq!(decode(&json.to_string()).unwrap(), modified);
        }
        let modified = decode(r#"{"RoomId":"r","opType":null}"#).unwrap();
        assert_eq!(modified.operation, None);
    }

    #[test]
    fn refuses_what_cannot_be_understood() {
        for body in [
            r#"{"Admin_Account":["a"]}"#,
            r#"{"RoomId":null}"#,
            r#"{"RoomId":"r","Admin_Account":"a"}"#,
            r#"{"RoomId":"r","Admin_Account":[{"Member_Account":"a"}]}"#,
            r#"{"RoomId":"r","opType":"add","OpType":"delete"}"#,
            r#"{"RoomId":"r","CallbackCommand":"Live.CallbackAfterChangeOwner"}"#,
        ] {
            assert!(decode(body).is_err(), "accepted {body}");
        }
    }
}
