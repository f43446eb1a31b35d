//! `Group.CallbackAfterRecallMsg`: group messages were recalled.

use super::GroupType;

event! {
    /// `Group.CallbackAfterRecallMsg`: messages of a group (or of one of a
    /// community's topics) were recalled, by a client or through the REST
    /// API.
    ///
    /// Required: `GroupId`. The messages are named by their `MsgSeq`, a
    /// counter of the group (or of the topic, with `TopicId`); newer copies
    /// of Tencent's page add each message's `MsgId`.
    ///
    /// ```
    /// use tencent_live_webhook::{decode_json, GroupMessagesRecalled};
    ///
    /// let body = br#"{"CallbackCommand":"Group.CallbackAfterRecallMsg",
    ///     "Operator_Account":"admin","Type":"Community","GroupId":"1213456",
    ///     "MsgSeqList":[{"MsgSeq":130}],
    ///     "TopicId":"@TGS#_@TGS#cQVLVHIM62CJ@TOPIC#_TestTopic","EventTime":"1670574414123"}"#;
    /// let recalled: GroupMessagesRecalled = decode_json(GroupMessagesRecalled::COMMAND, body)?;
    ///
    /// assert_eq!(recalled.group_id, "1213456");
    /// assert_eq!(recalled.messages.unwrap()[0].msg_seq, Some(130));
    /// assert!(recalled.topic_id.unwrap().ends_with("@TOPIC#_TestTopic"));
    /// # Ok::<(), tencent_live_webhook::Rejection>(())
    /// ```
    #[derive(Default, Eq, Hash)]
    pub struct GroupMessagesRecalled = "Group.CallbackAfterRecallMsg" {
        /// `Operator_Account`: who recalled them.
        pub operator_account: Option<String> = "Operator_Account",
        /// `Type`: the group's type.
        pub group_type: Option<GroupType> = "Type",
        /// `GroupId`: the group. Required.
        pub group_id: String = required "GroupId",
        /// `MsgSeqList`: the recalled messages.
        pub messages: Option<Vec<RecalledMessage>> = "MsgSeqList",
        /// `TopicId`: the topic, in a community with topics.
        pub topic_id: Option<String> = "TopicId",
        /// `EventTime`: when they were recalled, Unix **milliseconds**.
        pub event_time_ms: Option<u64> = "EventTime",
    }
}

object! {
    /// One element of [`GroupMessagesRecalled::messages`].
    #[derive(Default, Eq, Hash)]
    pub struct RecalledMessage {
        /// `MsgSeq`: the message's sequence number in the group (or topic).
        pub msg_seq: Option<u64> = "MsgSeq",
        /// `MsgId`: the message's client-side id, in newer bodies.
        pub msg_id: Option<String> = "MsgId",
    }
}
