//! `Group.CallbackAfterModifyMsg`: a group message was edited. Tencent's
//! page for it was not found: the fields are inferred.

use std::time::SystemTime;

use super::GroupType;
use crate::battle::unix_millis;
use crate::message::MsgElement;

event! {
    /// `Group.CallbackAfterModifyMsg`: a group message was edited.
    ///
    /// Tencent lists this command, but its page (fields, sample) was not
    /// found. The fields read here are **inferred** from the one-to-one edit
    /// callback (`C2C.CallbackAfterModifyMsg`) and the other group message
    /// callbacks: `GroupId`, `TopicId` (communities), `Type`,
    /// `Operator_Account`, `From_Account`, `MsgSeq`, `MsgTime`, `MsgBody`
    /// (after the edit), `CloudCustomData` and `EventTime`. Nothing is
    /// required, not even `GroupId`, until a page or a capture confirms
    /// them; members not named here are ignored, as everywhere. A handler
    /// that must keep the body whole as it came finds it in its request's
    /// [`RawBody`](crate::RawBody).
    ///
    /// ```
    /// use tencent_live_webhook::{decode_json, GroupMessageModified, MsgElement};
    ///
    /// let body = br#"{"CallbackCommand":"Group.CallbackAfterModifyMsg",
    ///     "GroupId":"@TGS#2J4SZEAEL","MsgSeq":123,
    ///     "MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"edited"}}]}"#;
    /// let modified: GroupMessageModified = decode_json(GroupMessageModified::COMMAND, body)?;
    ///
    /// assert_eq!(modified.group_id.as_deref(), Some("@TGS#2J4SZEAEL"));
    /// assert_eq!(modified.msg_seq, Some(123));
    /// assert_eq!(modified.msg_body.unwrap(), [MsgElement::text("edited")]);
    /// # Ok::<(), tencent_live_webhook::Rejection>(())
    /// ```
    #[derive(Default, Eq)]
    pub struct GroupMessageModified = "Group.CallbackAfterModifyMsg" {
        /// `GroupId`: the group (inferred).
        pub group_id: Option<String> = "GroupId",
        /// `TopicId`: the topic, in a community (inferred).
        pub topic_id: Option<String> = "TopicId",
        /// `Type`: the group's type, as sent (inferred).
        pub group_type: Option<GroupType> = "Type",
        /// `Operator_Account`: who edited the message (inferred).
        pub operator_account: Option<String> = "Operator_Account",
        /// `From_Account`: the message's sender (inferred).
        pub from_account: Option<String> = "From_Account",
        /// `MsgSeq`: the message's sequence number in the group (inferred).
        pub msg_seq: Option<u64> = "MsgSeq",
        /// `MsgTime`: when the message was first sent, Unix **seconds**
        /// (inferred).
        pub msg_time: Option<u64> = "MsgTime",
        /// `MsgBody`: the message's elements after the edit (inferred).
        pub msg_body: Option<Vec<MsgElement>> = "MsgBody",
        /// `CloudCustomData`: the message's custom data after the edit
        /// (inferred).
        pub cloud_custom_data: Option<String> = "CloudCustomData",
        /// `EventTime`: when the message was edited, Unix **milliseconds**
        /// (inferred).
        pub event_time_ms: Option<u64> = "EventTime",
    }
}

impl GroupMessageModified {
    /// When the message was edited; `None` when the body has no `EventTime`
    /// or it is past what `SystemTime` holds.
    pub fn event_time(&self) -> Option<SystemTime> {
        self.event_time_ms.and_then(unix_millis)
    }
}
