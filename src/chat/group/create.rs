//! `Group.CallbackBeforeCreateGroup` and `Group.CallbackAfterCreateGroup`: a
//! group is about to be created, and has been.

use super::{GroupMember, GroupType, UserDefinedData};
use crate::CreateGroupDecision;

event! {
    /// `Group.CallbackBeforeCreateGroup`: a user (or the REST API) asks to
    /// create a group. A before-webhook: answer with a
    /// [`CreateGroupDecision`]; a handler that answers anything else allows
    /// the group, as Tencent does when the webhook fails.
    ///
    /// The group does not exist yet, so there is no `GroupId` (not even a
    /// custom one the client asked for), and nothing is required. Tencent's
    /// current pages name the count of the user's groups `CreateGroupNum`;
    /// its older pages name it `CreatedNum`: both are read, each into its
    /// own field.
    ///
    /// ```
    /// use tencent_live_webhook::{decode_json, GroupCreating, GroupType};
    ///
    /// let body = br#"{"CallbackCommand":"Group.CallbackBeforeCreateGroup",
    ///     "Operator_Account":"leckie","Owner_Account":"leckie","Type":"Public",
    ///     "Name":"MyFirstGroup","CreateGroupNum":123,
    ///     "MemberList":[{"Member_Account":"bob"},{"Member_Account":"peter"}],
    ///     "EventTime":"1670574414123"}"#;
    /// let creating: GroupCreating = decode_json(GroupCreating::COMMAND, body)?;
    ///
    /// assert_eq!(creating.owner_account.as_deref(), Some("leckie"));
    /// assert_eq!(creating.group_type, Some(GroupType::Public));
    /// assert_eq!(creating.create_group_num, Some(123));
    /// assert_eq!(creating.members.unwrap()[1].member_account.as_deref(), Some("peter"));
    /// assert_eq!(creating.event_time_ms, Some(1670574414123));
    /// # Ok::<(), tencent_live_webhook::Rejection>(())
    /// ```
    #[derive(Default, Eq, Hash)]
    pub struct GroupCreating = "Group.CallbackBeforeCreateGroup", fallback(CreateGroupDecision::allow()) {
        /// `Operator_Account`: who asks to create the group.
        pub operator_account: Option<String> = "Operator_Account",
        /// `Owner_Account`: the owner of the group to be created.
        pub owner_account: Option<String> = "Owner_Account",
        /// `Type`: the group's type.
        pub group_type: Option<GroupType> = "Type",
        /// `Name`: the group's name.
        pub name: Option<String> = "Name",
        /// `CreateGroupNum`: how many groups of this type the user has
        /// already created.
        pub create_group_num: Option<u64> = "CreateGroupNum",
        /// `CreatedNum`: the same count, under the name of Tencent's older
        /// pages.
        pub created_num: Option<u64> = "CreatedNum",
        /// `MemberList`: the initial members.
        pub members: Option<Vec<GroupMember>> = "MemberList",
        /// `EventTime`: when the request was made, Unix **milliseconds**.
        pub event_time_ms: Option<u64> = "EventTime",
    }
}

event! {
    /// `Group.CallbackAfterCreateGroup`: a group was created, by a client or
    /// through the REST API. Tencent also sends it, under the same console
    /// switch, when a topic is created.
    ///
    /// Required: `GroupId`, the new group.
    ///
    /// ```
    /// use tencent_live_webhook::{decode_json, GroupCreated};
    ///
    /// let body = br#"{"CallbackCommand":"Group.CallbackAfterCreateGroup",
    ///     "GroupId":"@TGS#2J4SZEAEL","Operator_Account":"group_root","Owner_Account":"leckie",
    ///     "Type":"Public","Name":"MyFirstGroup","MemberList":[{"Member_Account":"bob"}],
    ///     "UserDefinedDataList":[{"Key":"UserDefined1","Value":"hello"}],
    ///     "EventTime":"1670574414123"}"#;
    /// let created: GroupCreated = decode_json(GroupCreated::COMMAND, body)?;
    ///
    /// assert_eq!(created.group_id, "@TGS#2J4SZEAEL");
    /// assert_eq!(created.operator_account.as_deref(), Some("group_root"));
    /// let fields = created.user_defined_data.unwrap();
    /// assert_eq!(fields[0].value.as_deref(), Some("hello"));
    /// # Ok::<(), tencent_live_webhook::Rejection>(())
    /// ```
    #[derive(Default, Eq, Hash)]
    pub struct GroupCreated = "Group.CallbackAfterCreateGroup" {
        /// `GroupId`: the new group. Required.
        pub group_id: String = required "GroupId",
        /// `Operator_Account`: who created it (`group_root` or an admin
        /// through the REST API).
        pub operator_account: Option<String> = "Operator_Account",
        /// `Owner_Account`: its owner.
        pub owner_account: Option<String> = "Owner_Account",
        /// `Type`: its type.
        pub group_type: Option<GroupType> = "Type",
        /// `Name`: its name.
        pub name: Option<String> = "Name",
        /// `Introduction`: its introduction.
        pub introduction: Option<String> = "Introduction",
        /// `Notification`: its notice.
        pub notification: Option<String> = "Notification",
        /// `MemberList`: the initial members.
        pub members: Option<Vec<GroupMember>> = "MemberList",
        /// `UserDefinedDataList`: the custom group fields given at creation.
        pub user_defined_data: Option<Vec<UserDefinedData>> = "UserDefinedDataList",
        /// `EventTime`: when the group was created, Unix **milliseconds**.
        pub event_time_ms: Option<u64> = "EventTime",
    }
}
