//! `Group.CallbackAfterMemberFieldChanged`: a member's role or name card
//! changed.

use std::time::SystemTime;

use super::GroupType;
use crate::battle::unix_millis;

event! {
    /// `Group.CallbackAfterMemberFieldChanged`: a member's profile in a
    /// group changed: made admin or no longer admin (`Role`), or a new name
    /// card (`NameCard`). Only the changed fields are likely sent.
    ///
    /// Numeric-looking accounts are strings (`"123456"`); JSON numbers are
    /// read digit for digit. Required: `GroupId`.
    ///
    /// ```
    /// use tencent_live_webhook::{decode_json, GroupMemberFieldChanged, GroupMemberRoleChange};
    ///
    /// let body = br#"{"CallbackCommand":"Group.CallbackAfterMemberFieldChanged",
    ///     "GroupId":"@TGS#xxxx","Type":"Community","Operator_Account":"admin",
    ///     "Member_Account":"123456","Role":"Admin","NameCard":"jacky","EventTime":"1670574414123"}"#;
    /// let changed: GroupMemberFieldChanged = decode_json(GroupMemberFieldChanged::COMMAND, body)?;
    ///
    /// assert_eq!(changed.member_account.as_deref(), Some("123456"));
    /// assert_eq!(changed.role, Some(GroupMemberRoleChange::Admin));
    /// # Ok::<(), tencent_live_webhook::Rejection>(())
    /// ```
    #[derive(Default, Eq, Hash)]
    pub struct GroupMemberFieldChanged = "Group.CallbackAfterMemberFieldChanged" {
        /// `GroupId`: the group. Required.
        pub group_id: String = required "GroupId",
        /// `Type`: the group's type, as sent.
        pub group_type: Option<GroupType> = "Type",
        /// `Operator_Account`: who changed it.
        pub operator_account: Option<String> = "Operator_Account",
        /// `Member_Account`: whose profile changed.
        pub member_account: Option<String> = "Member_Account",
        /// `Role`: the member's new role, when it changed.
        pub role: Option<GroupMemberRoleChange> = "Role",
        /// `NameCard`: the member's new name card, when it changed.
        pub name_card: Option<String> = "NameCard",
        /// `EventTime`: when it changed, Unix **milliseconds**.
        pub event_time_ms: Option<u64> = "EventTime",
    }
}

impl GroupMemberFieldChanged {
    /// When it changed; `None` when the body has no `EventTime` or it is
    /// past what `SystemTime` holds.
    pub fn event_time(&self) -> Option<SystemTime> {
        self.event_time_ms.and_then(unix_millis)
    }
}

string_enum! {
    /// [`GroupMemberFieldChanged::role`]: the member's new role.
    pub enum GroupMemberRoleChange {
        /// `Admin`: made an admin.
        Admin = "Admin",
        /// `Member`: no longer an admin.
        Member = "Member",
    }
}
