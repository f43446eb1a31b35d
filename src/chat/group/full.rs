//! `Group.CallbackAfterGroupFull`: a group reached its member limit.

event! {
    /// `Group.CallbackAfterGroupFull`: a join (application, invitation, or
    /// REST add) filled a group, or failed because it was already full; the
    /// app may, for instance, remove inactive members.
    ///
    /// Required: `GroupId`. The body has nothing else but `EventTime`: no
    /// group type, no user who failed to join. It may come again for every
    /// failed join.
    ///
    /// ```
    /// use tencent_live_webhook::{decode_json, GroupFull};
    ///
    /// let body = br#"{"CallbackCommand":"Group.CallbackAfterGroupFull",
    ///     "GroupId":"@TGS#2J4SZEAEL","EventTime":"1670574414123"}"#;
    /// let full: GroupFull = decode_json(GroupFull::COMMAND, body)?;
    ///
    /// assert_eq!(full.group_id, "@TGS#2J4SZEAEL");
    /// assert_eq!(full.event_time_ms, Some(1670574414123));
    /// # Ok::<(), tencent_live_webhook::Rejection>(())
    /// ```
    #[derive(Default, Eq, Hash)]
    pub struct GroupFull = "Group.CallbackAfterGroupFull" {
        /// `GroupId`: the full group. Required.
        pub group_id: String = required "GroupId",
        /// `EventTime`: when it filled, Unix **milliseconds**.
        pub event_time_ms: Option<u64> = "EventTime",
    }
}
