//! `C2C.CallbackBeforeSendMsg`: a one-to-one message is about to be
//! delivered, and the app decides whether it goes out, and in what form.

use std::time::SystemTime;

use crate::battle::unix_millis;
use crate::chat::C2cMessageDecision;
use crate::message::MsgElement;

event! {
    /// `C2C.CallbackBeforeSendMsg`: a one-to-one message (sent by a client
    /// or through the REST API's `sendmsg`), before Tencent delivers it. A
    /// before-webhook: answer with a [`C2cMessageDecision`] (allow, reject,
    /// reject with a reason for the sender, or deliver a modified `MsgBody`
    /// or `CloudCustomData`); a handler that answers anything else allows
    /// the message, as Tencent does when the webhook times out.
    ///
    /// Nothing is required: a load test's body captured in the wild has no
    /// `From_Account` and no `To_Account`, and old captures have no
    /// `MsgKey`; a body that cannot be read is answered with the fallback,
    /// which delivers the message. A `MsgBody` that is not an array, or an
    /// element whose content cannot be read (see [`MsgElement`]), is
    /// refused. The body has no `EventTime` in Tencent's samples; one is
    /// read if sent.
    ///
    /// ```
    /// use tencent_live_webhook::{decode_json, C2cMessageSending, MsgElement};
    ///
    /// let body = br#"{"CallbackCommand":"C2C.CallbackBeforeSendMsg","From_Account":"jared",
    ///     "To_Account":"Jonh","MsgSeq":48374,"MsgRandom":2837546,"MsgTime":1557481126,
    ///     "MsgKey":"48374_2837546_1557481126","OnlineOnlyFlag":1,
    ///     "MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"red packet"}}]}"#;
    /// let message: C2cMessageSending = decode_json(C2cMessageSending::COMMAND, body)?;
    ///
    /// assert_eq!(message.from_account.as_deref(), Some("jared"));
    /// assert_eq!(message.msg_key.as_deref(), Some("48374_2837546_1557481126"));
    /// assert_eq!(message.online_only, Some(true));
    /// assert_eq!(message.texts().collect::<Vec<_>>(), ["red packet"]);
    /// assert_eq!(message.msg_body.unwrap()[0], MsgElement::text("red packet"));
    /// # Ok::<(), tencent_live_webhook::Rejection>(())
    /// ```
    #[derive(Default, Eq)]
    pub struct C2cMessageSending = "C2C.CallbackBeforeSendMsg",
        fallback(C2cMessageDecision::allow()) {
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
        /// field table of the after-send webhook, in no sample).
        pub msg_id: Option<String> = "MsgId",
        /// `OnlineOnlyFlag`: whether the message is for an online recipient
        /// only (written `1` or `0`).
        #[serde(serialize_with = "crate::message::flag_as_integer")]
        pub online_only: Option<bool> = "OnlineOnlyFlag",
        /// `MsgBody`: the message's elements, in order.
        pub msg_body: Option<Vec<MsgElement>> = "MsgBody",
        /// `CloudCustomData`: the message's custom data.
        pub cloud_custom_data: Option<String> = "CloudCustomData",
        /// `EventTime`: when Tencent fired the event, Unix **milliseconds**
        /// (not in Tencent's samples of this command).
        pub event_time_ms: Option<u64> = "EventTime",
    }
}

impl C2cMessageSending {
    /// The texts of the message's text elements, in order: what a word
    /// filter reads.
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
