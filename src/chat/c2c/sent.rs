//! `C2C.CallbackAfterSendMsg`: a one-to-one message was sent, delivered or
//! not.

use std::time::SystemTime;

use crate::battle::unix_millis;
use crate::message::MsgElement;

event! {
    /// `C2C.CallbackAfterSendMsg`: a one-to-one message was sent. Tencent
    /// sends it also when delivery **failed** (the profanity filter
    /// blocked it, for one): `SendMsgResult` says which, see
    /// [`delivered`](Self::delivered). A message the before-webhook
    /// rejected has none; one it modified arrives modified.
    ///
    /// `SendMsgResult` and `ErrorInfo` are fields of the event, not an
    /// answer. Nothing is required: a capture of real traffic has no
    /// `MsgKey`, `MsgSeq` or `MsgRandom`. A `MsgBody` that is not an array,
    /// or an element whose content cannot be read (see [`MsgElement`]), is
    /// refused.
    ///
    /// ```
    /// use tencent_live_webhook::{decode_json, C2cMessageSent};
    ///
    /// let body = br#"{"CallbackCommand":"C2C.CallbackAfterSendMsg","From_Account":"jared",
    ///     "To_Account":"Jonh","MsgKey":"48374_2837546_1557481126","SendMsgResult":0,
    ///     "ErrorInfo":"send msg succeed","UnreadMsgNum":-1,
    ///     "MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"red packet"}}]}"#;
    /// let message: C2cMessageSent = decode_json(C2cMessageSent::COMMAND, body)?;
    ///
    /// assert_eq!(message.delivered(), Some(true));
    /// assert_eq!(message.error_info.as_deref(), Some("send msg succeed"));
    /// assert_eq!(message.unread_msg_num, Some(-1));
    /// assert_eq!(message.texts().collect::<Vec<_>>(), ["red packet"]);
    /// # Ok::<(), tencent_live_webhook::Rejection>(())
    /// ```
    #[derive(Default, Eq)]
    pub struct C2cMessageSent = "C2C.CallbackAfterSendMsg" {
        /// `From_Account`: the sender.
        pub from_account: Option<String> = "From_Account",
        /// `To_Account`: the recipient.
        pub to_account: Option<String> = "To_Account",
        /// `MsgSeq`: the message's sequence number, a random 32-bit unsigned
        /// number (not a counter).
        pub msg_seq: Option<u64> = "MsgSeq",
        /// `MsgRandom`: the message's random number, 32-bit unsigned.
        pub msg_random: Option<u64> = "MsgRandom",
        /// `MsgTime`: when the message was sent, Unix **seconds**.
        pub msg_time: Option<u64> = "MsgTime",
        /// `MsgKey`: the message's key, to recall it through the REST API.
        /// An opaque string.
        pub msg_key: Option<String> = "MsgKey",
        /// `MsgId`: the message's id given by the sender's client (in the
        /// Chinese field table, in no sample).
        pub msg_id: Option<String> = "MsgId",
        /// `OnlineOnlyFlag`: whether the message is for an online recipient
        /// only (written `1` or `0`).
        #[serde(serialize_with = "crate::message::flag_as_integer")]
        pub online_only: Option<bool> = "OnlineOnlyFlag",
        /// `SendMsgResult`: 0 when the message was delivered; otherwise the
        /// error code of the failure.
        pub send_msg_result: Option<i64> = "SendMsgResult",
        /// `ErrorInfo`: `send msg succeed`, or why delivery failed. A field
        /// of the event, not an answer.
        pub error_info: Option<String> = "ErrorInfo",
        /// `UnreadMsgNum`: the recipient's unread one-to-one messages, over
        /// all conversations; **-1** when delivery failed.
        pub unread_msg_num: Option<i64> = "UnreadMsgNum",
        /// `MsgBody`: the message's elements, in order.
        pub msg_body: Option<Vec<MsgElement>> = "MsgBody",
        /// `CloudCustomData`: the message's custom data.
        pub cloud_custom_data: Option<String> = "CloudCustomData",
        /// `EventTime`: when Tencent fired the event, Unix **milliseconds**
        /// (not in Tencent's samples of this command).
        pub event_time_ms: Option<u64> = "EventTime",
    }
}

impl C2cMessageSent {
    /// Whether the message was delivered: `SendMsgResult` is 0. `None`
    /// when the body has no `SendMsgResult` (old captures have none).
    pub fn delivered(&self) -> Option<bool> {
        self.send_msg_result.map(|result| result == 0)
    }

    /// The texts of the message's text elements, in order.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.msg_body
            .iter()
            .flatten()
            .filter_map(MsgElement::as_text)
    }

    /// When Tencent fired the event; `None` without an `EventTime`.
    pub fn event_time(&self) -> Option<SystemTime> {
        self.event_time_ms.and_then(unix_millis)
    }
}
