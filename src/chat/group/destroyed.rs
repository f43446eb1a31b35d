//! `Group.CallbackAfterGroupDestroyed`: a group was disbanded.

use super::{GroupMember, GroupType};

event! {
    /// `Group.CallbackAfterGroupDestroyed`: a group was disbanded, by a
    /// client or through the REST API. Tencent also sends it, under the same
    /// console switch, when a topic is deleted.
    ///
    /// Required: `GroupId`. The body does not say who disbanded the group;
    /// `MemberList` is not sent for communities, and may be long.
    ///
    /// ```
    /// use tencent_live_webhook::{decode_json, GroupDestroyed};
    ///
    /// let body = br#"{"CallbackCommand":"Group.CallbackAfterGroupDestroyed",
    ///     "GroupId":"@TGS#2J4SZEAEL","Type":"Public","Owner_Account":"leckie",
    ///     "Name":"MyFirstGroup","MemberList":[{"Member_Account":"leckie"}],
    ///     "EventTime":"1670574414123"}"#;
    /// let destroyed: GroupDestroyed = decode_json(GroupDestroyed::COMMAND, body)?;
    ///
    /// assert_eq!(destroyed.name.as_deref(), Some("MyFirstGroup"));
    /// assert_eq!(destroyed.members.unwrap().len(), 1);
    /// # Ok::<(), tencent_live_webhook::Rejection>(())
    /// ```
    #[derive(Default, Eq, Hash)]
    pub struct GroupDestroyed = "Group.CallbackAfterGroupDestroyed" {
        /// `GroupId`: the disbanded group. Required.
        pub group_id: String = required "GroupId",
        /// `Type`: its type.
        pub group_type: Option<GroupType> = "Type",
        /// `Owner_Account`: its owner.
        pub owner_account: Option<String> = "Owner_Account",
        /// `Name`: its name.
        pub name: Option<String> = "Name",
        /// `MemberList`: its members when it was disbanded (not sent for
        /// communities).
        pub members: Option<Vec<GroupMember>> = "MemberList",
        /// `EventTime`: when it was disbanded, Unix **milliseconds**.
        pub event_time_ms: Option<u64> = "EventTime",
    }
}
