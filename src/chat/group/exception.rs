//! `Group.CallbackSendMsgException`: a group message could not be delivered.

use std::time::SystemTime;

use super::GroupType;
use crate::battle::unix_millis;
use crate::message::MsgElement;

event! {
    /// `Group.CallbackSendMsgException`: Tencent failed to deliver a group
    /// message (bad parameters such as a group that does not exist, a rate
    /// limit, a content filter, a muted sender).
    ///
    /// `ErrorCode` and `ErrorInfo` are fields of this **request**, the
    /// failure's reason, not a reply envelope. The message was never stored,
    /// so it has no `MsgSeq`. Required: `GroupId`.
    ///
    /// ```
    /// use tencent_live_webhook::{decode_json, GroupMessageFailed};
    ///
    /// let body = br#"{"CallbackCommand":"Group.CallbackSendMsgException",
    ///     "GroupId":"@TGS#2J4SZEAEL","Type":"Public","From_Account":"jared",
    ///     "Random":2804799576,"OnlineOnlyFlag":1,
    ///     "MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"red packet"}}],
    ///     "ErrorCode":10023,"ErrorInfo":"msg count exceeds limit,please retry later",
    ///     "EventTime":"1670574414123"}"#;
    /// let failed: GroupMessageFailed = decode_json(GroupMessageFailed::COMMAND, body)?;
    ///
    /// assert_eq!(failed.group_id, "@TGS#2J4SZEAEL");
    /// assert_eq!(failed.random, Some(2804799576));
    /// assert_eq!(failed.error_code, Some(10023));
    /// assert_eq!(failed.online_only, Some(true));
    /// # Ok::<(), tencent_live_webhook::Rejection>(())
    /// ```
    #[derive(Default, Eq)]
    pub struct GroupMessageFailed = "Group.CallbackSendMsgException" {
        /// `GroupId`: the group. Required.
        pub group_id: String = required "GroupId",
        /// `Type`: the group's type (`Public`, `Private`, `ChatRoom`,
        /// `AVChatRoom`, `Community`, ...), as sent.
        pub group_type: Option<GroupType> = "Type",
        /// `From_Account`: the sender.
        pub from_account: Option<String> = "From_Account",
        /// `Operator_Account`: who made the request (`admin` for the REST
        /// API).
        pub operator_account: Option<String> = "Operator_Account",
        /// `Random`: the send request's random number, a 32-bit unsigned
        /// integer.
        pub random: Option<u64> = "Random",
        /// `OnlineOnlyFlag`: a message for online members only (written `1`
        /// or `0`); audio-video groups ignore it.
        #[serde(serialize_with = "crate::message::flag_as_integer")]
        pub online_only: Option<bool> = "OnlineOnlyFlag",
        /// `MsgBody`: the message's elements.
        pub msg_body: Option<Vec<MsgElement>> = "MsgBody",
        /// `CloudCustomData`: the message's custom data.
        pub cloud_custom_data: Option<String> = "CloudCustomData",
        /// `ErrorCode`: why delivery failed (a group error code; 10023 is
        /// the rate limit).
        pub error_code: Option<i64> = "ErrorCode",
        /// `ErrorInfo`: the failure, in words.
        pub error_info: Option<String> = "ErrorInfo",
        /// `EventTime`: when delivery failed, Unix **milliseconds**.
        pub event_time_ms: Option<u64> = "EventTime",
    }
}

impl GroupMessageFailed {
    /// When delivery failed; `None` when the body has no `EventTime` or it
    /// is past what `SystemTime` holds.
    pub fn event_time(&self) -> Option<SystemTime> {
        self.event_time_ms.and_then(unix_millis)
    }
}
