//! `Group.CallbackAfterChangeGroupOwner`: a group changed hands.

use std::time::SystemTime;

use super::GroupType;
use crate::battle::unix_millis;

event! {
    /// `Group.CallbackAfterChangeGroupOwner`: a group's ownership was
    /// transferred (by a client or the REST API). Required: `GroupId`.
    ///
    /// ```
    /// use tencent_live_webhook::{decode_json, GroupOwnerChanged};
    ///
    /// let body = br#"{"CallbackCommand":"Group.CallbackAfterChangeGroupOwner",
    ///     "GroupId":"@TGS#2TTV7VSII","Type":"Public","Operator_Account":"admin",
    ///     "OldOwner_Account":"user1","NewOwner_Account":"user2","EventTime":"1670574414123"}"#;
    /// let changed: GroupOwnerChanged = decode_json(GroupOwnerChanged::COMMAND, body)?;
    ///
    /// assert_eq!(changed.new_owner_account.as_deref(), Some("user2"));
    /// # Ok::<(), tencent_live_webhook::Rejection>(())
    /// ```
    #[derive(Default, Eq, Hash)]
    pub struct GroupOwnerChanged = "Group.CallbackAfterChangeGroupOwner" {
        /// `GroupId`: the group. Required.
        pub group_id: String = required "GroupId",
        /// `Type`: the group's type, as sent.
        pub group_type: Option<GroupType> = "Type",
        /// `Operator_Account`: who transferred it.
        pub operator_account: Option<String> = "Operator_Account",
        /// `OldOwner_Account`: the previous owner.
        pub old_owner_account: Option<String> = "OldOwner_Account",
        /// `NewOwner_Account`: the new owner.
        pub new_owner_account: Option<String> = "NewOwner_Account",
        /// `EventTime`: when it changed hands, Unix **milliseconds**.
        pub event_time_ms: Option<u64> = "EventTime",
    }
}

impl GroupOwnerChanged {
    /// When it changed hands; `None` when the body has no `EventTime` or it
    /// is past what `SystemTime` holds.
    pub fn event_time(&self) -> Option<SystemTime> {
        self.event_time_ms.and_then(unix_millis)
    }
}
