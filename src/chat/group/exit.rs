//! `Group.CallbackAfterMemberExit`: members left a group, or were removed.

use super::{GroupMember, GroupType};

event! {
    /// `Group.CallbackAfterMemberExit`: members quit a group, were removed
    /// by a member with the right to, or were removed through the REST API.
    ///
    /// Required: `GroupId`. The only full copy of Tencent's page has no
    /// `EventTime`; it is read when sent.
    ///
    /// ```
    /// use tencent_live_webhook::{decode_json, ExitType, MembersExited};
    ///
    /// let body = br#"{"CallbackCommand":"Group.CallbackAfterMemberExit",
    ///     "GroupId":"@TGS#2J4SZEAEL","Type":"Public","ExitType":"Kicked",
    ///     "Operator_Account":"leckie",
    ///     "ExitMemberList":[{"Member_Account":"jared"},{"Member_Account":"tommy"}]}"#;
    /// let exited: MembersExited = decode_json(MembersExited::COMMAND, body)?;
    ///
    /// assert_eq!(exited.exit_type, Some(ExitType::Kicked));
    /// assert_eq!(exited.exit_members.unwrap().len(), 2);
    /// # Ok::<(), tencent_live_webhook::Rejection>(())
    /// ```
    #[derive(Default, Eq, Hash)]
    pub struct MembersExited = "Group.CallbackAfterMemberExit" {
        /// `GroupId`: the group. Required.
        pub group_id: String = required "GroupId",
        /// `Type`: its type.
        pub group_type: Option<GroupType> = "Type",
        /// `ExitType`: how they left.
        pub exit_type: Option<ExitType> = "ExitType",
        /// `Operator_Account`: who acted (the member who quit, or who
        /// removed them).
        pub operator_account: Option<String> = "Operator_Account",
        /// `ExitMemberList`: the users who left.
        pub exit_members: Option<Vec<GroupMember>> = "ExitMemberList",
        /// `EventTime`: when they left, Unix **milliseconds**.
        pub event_time_ms: Option<u64> = "EventTime",
    }
}

string_enum! {
    /// [`MembersExited::exit_type`]: how the members left. Other ways (a
    /// deleted account, say) are not documented and kept as sent.
    pub enum ExitType {
        /// `Kicked`: removed by the owner or an admin.
        Kicked = "Kicked",
        /// `Quit`: they left.
        Quit = "Quit",
    }
}
