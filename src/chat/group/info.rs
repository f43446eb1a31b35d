//! `Group.CallbackAfterGroupInfoChanged`: a group's name, introduction,
//! notice or face URL changed.

use super::GroupType;

event! {
    /// `Group.CallbackAfterGroupInfoChanged`: a group's name, introduction,
    /// notice or face URL was changed, by a client or through the REST API
    /// (no other field, and no custom field, triggers it). Tencent also sends
    /// it, under the same console switch, when a topic's info changes.
    ///
    /// Required: `GroupId`. Only the fields that changed are sent; an empty
    /// string may mean the field was cleared.
    ///
    /// ```
    /// use tencent_live_webhook::{decode_json, GroupInfoChanged, GroupType};
    ///
    /// let body = br#"{"CallbackCommand":"Group.CallbackAfterGroupInfoChanged",
    ///     "EventTime":1657389765743,"GroupId":"e6a954aa-2419-4743-b968-a971f8077bf1",
    ///     "Introduction":"test update group","Name":"test update",
    ///     "Operator_Account":"administrator","Type":"AVChatRoom"}"#;
    /// let changed: GroupInfoChanged = decode_json(GroupInfoChanged::COMMAND, body)?;
    ///
    /// assert_eq!(changed.group_type, Some(GroupType::AVChatRoom));
    /// assert_eq!(changed.name.as_deref(), Some("test update"));
    /// assert_eq!(changed.notification, None);
    /// # Ok::<(), tencent_live_webhook::Rejection>(())
    /// ```
    #[derive(Default, Eq, Hash)]
    pub struct GroupInfoChanged = "Group.CallbackAfterGroupInfoChanged" {
        /// `GroupId`: the group. Required.
        pub group_id: String = required "GroupId",
        /// `Type`: its type.
        pub group_type: Option<GroupType> = "Type",
        /// `Operator_Account`: who changed it.
        pub operator_account: Option<String> = "Operator_Account",
        /// `Name`: the new name, when it changed.
        pub name: Option<String> = "Name",
        /// `Introduction`: the new introduction, when it changed.
        pub introduction: Option<String> = "Introduction",
        /// `Notification`: the new notice, when it changed.
        pub notification: Option<String> = "Notification",
        /// `FaceUrl`: the new face URL, when it changed.
        pub face_url: Option<String> = "FaceUrl",
        /// `EventTime`: when it changed, Unix **milliseconds**.
        pub event_time_ms: Option<u64> = "EventTime",
    }
}
