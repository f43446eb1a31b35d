//! `C2C.CallbackAfterModifyMsg`: a one-to-one message was edited.

use std::time::SystemTime;

use crate::battle::unix_millis;
use crate::message::MsgElement;

event! {
    /// `C2C.CallbackAfterModifyMsg`: a one-to-one message was edited, by a
    /// client or through the REST API.
    ///
    /// Required: `MsgKey`, the message edited (an edit means nothing
    /// without it). `MsgBody` and `CloudCustomData` are the message after
    /// the edit; `EventTime` tells one edit of a message from another.
    /// Tencent's page shows a sample and only a few rows of its field
    /// table; the keys come in no fixed order.
    ///
    /// ```
    /// use tencent_live_webhook::{decode_json, C2cMessageModified};
    ///
    /// let body = br#"{"CloudCustomData":"1769772027","MsgBody":[{"MsgType":"TIMTextElem",
    ///     "MsgContent":{"Text":"edited"}}],"CallbackCommand":"C2C.CallbackAfterModifyMsg",
    ///     "Operator_Account":"jared","From_Account":"jared","To_Account":"Jonh",
    ///     "MsgRandom":690,"MsgSeq":609,"MsgTime":1769771529,"MsgKey":"609_690_1769771529",
    ///     "EventTime":1769772027036}"#;
    /// let edited: C2cMessageModified = decode_json(C2cMessageModified::COMMAND, body)?;
    ///
    /// assert_eq!(edited.msg_key, "609_690_1769771529");
    /// assert_eq!(edited.operator_account.as_deref(), Some("jared"));
    /// assert_eq!(edited.texts().collect::<Vec<_>>(), ["edited"]);
    /// # Ok::<(), tencent_live_webhook::Rejection>(())
    /// ```
    #[derive(Default, Eq)]
    pub struct C2cMessageModified = "C2C.CallbackAfterModifyMsg" {
        /// `Operator_Account`: who edited the message.
        pub operator_account: Option<String> = "Operator_Account",
        /// `From_Account`: the message's sender.
        pub from_account: Option<String> = "From_Account",
        /// `To_Account`: its recipient.
        pub to_account: Option<String> = "To_Account",
        /// `MsgSeq`: the message's sequence number, 32-bit unsigned.
        pub msg_seq: Option<u64> = "MsgSeq",
        /// `MsgRandom`: the message's random number, 32-bit unsigned.
        pub msg_random: Option<u64> = "MsgRandom",
        /// `MsgTime`: when the message was first sent, Unix **seconds**.
        pub msg_time: Option<u64> = "MsgTime",
        /// `MsgKey`: the message edited. Required.
        pub msg_key: String = required "MsgKey",
        /// `MsgBody`: the message's elements after the edit.
        pub msg_body: Option<Vec<MsgElement>> = "MsgBody",
        /// `CloudCustomData`: the message's custom data after the edit.
        pub cloud_custom_data: Option<String> = "CloudCustomData",
        /// `EventTime`: when the message was edited, Unix **milliseconds**.
        pub event_time_ms: Option<u64> = "EventTime",
    }
}

impl C2cMessageModified {
    /// The texts of the edited message's text elements, in order.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.msg_body
            .iter()
            .flatten()
            .filter_map(MsgElement::as_text)
    }

    /// When the message was edited; `None` without an `EventTime`.
    pub fn event_time(&self) -> Option<SystemTime> {
        self.event_time_ms.and_then(unix_millis)
    }
}
