//! `Bot.OnC2CMessage`: a one-to-one message was sent to a chatbot.

use std::time::SystemTime;

use crate::battle::unix_millis;
use crate::message::MsgElement;

event! {
    /// `Bot.OnC2CMessage`: a one-to-one message (from a client, or the REST
    /// API's `sendmsg`) was delivered to a user that is a **chatbot**
    /// (`@RBT#` ids). The rules of the one-to-one before-webhook apply: a
    /// message it refused has no such webhook, one it modified arrives
    /// modified.
    ///
    /// `SendMsgResult` and `ErrorInfo` are fields of the event, not an
    /// answer. Nothing is required: `MsgKey` is the message's identity, but
    /// the same fields of [`C2cMessageSent`](crate::C2cMessageSent) were
    /// found missing from real traffic, and a message to a bot without them
    /// still says who wrote what. Tencent's page gives the fields of
    /// `C2C.CallbackAfterSendMsg` without `UnreadMsgNum`, but a capture of
    /// real traffic has one: it is read when sent, as is `MsgId`.
    ///
    /// ```
    /// use tencent_live_webhook::{decode_json, BotMessageReceived};
    ///
    /// let body = br#"{"CallbackCommand":"Bot.OnC2CMessage","From_Account":"jared",
    ///     "To_Account":"@RBT#001","MsgSeq":48374,"MsgRandom":2837546,"MsgTime":1557481126,
    ///     "MsgKey":"48374_2837546_1557481126","OnlineOnlyFlag":1,"SendMsgResult":0,
    ///     "ErrorInfo":"send msg succeed",
    ///     "MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"red packet"}}],
    ///     "EventTime":1670574414123}"#;
    /// let message: BotMessageReceived = decode_json(BotMessageReceived::COMMAND, body)?;
    ///
    /// assert_eq!(message.to_account.as_deref(), Some("@RBT#001"));
    /// assert_eq!(message.msg_key.as_deref(), Some("48374_2837546_1557481126"));
    /// assert_eq!(message.delivered(), Some(true));
    /// assert_eq!(message.texts().collect::<Vec<_>>(), ["red packet"]);
    /// assert_eq!(message.event_time_ms, Some(1670574414123));
    /// # Ok::<(), tencent_live_webhook::Rejection>(())
    /// ```
    #[derive(Default, Eq)]
    pub struct BotMessageReceived = "Bot.OnC2CMessage" {
        /// `From_Account`: the sender.
        pub from_account: Option<String> = "From_Account",
        /// `To_Account`: the chatbot (real ids start with `@RBT#`).
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
        /// one-to-one after-send field table, whose fields this command
        /// shares; in no sample of this one).
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
        /// `UnreadMsgNum`: the chatbot's unread one-to-one messages (not on
        /// Tencent's page; in a capture of real traffic).
        pub unread_msg_num: Option<i64> = "UnreadMsgNum",
        /// `MsgBody`: the message's elements, in order.
        pub msg_body: Option<Vec<MsgElement>> = "MsgBody",
        /// `CloudCustomData`: the message's custom data.
        pub cloud_custom_data: Option<String> = "CloudCustomData",
        /// `EventTime`: when Tencent fired the event, Unix **milliseconds**.
        pub event_time_ms: Option<u64> = "EventTime",
    }
}

impl BotMessageReceived {
    /// Whether the message was delivered: `SendMsgResult` is 0. `None`
    /// when the body has no `SendMsgResult`.
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

    /// When Tencent fired the event; `None` when the body has no
    /// `EventTime` or it is past what `SystemTime` holds.
    pub fn event_time(&self) -> Option<SystemTime> {
        self.event_time_ms.and_then(unix_millis)
    }
}
