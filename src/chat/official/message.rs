//! An official account's messages to its subscribers:
//! `OfficialAccount.CallbackBeforeSendMsg` (before delivery; the app may
//! stop or change the message), `OfficialAccount.CallbackAfterSendMsg`
//! (delivered) and `OfficialAccount.CallbackAfterMsgWithDraw` (recalled).

use crate::message::MsgElement;
use crate::OfficialMessageDecision;

event! {
    /// `OfficialAccount.CallbackBeforeSendMsg`: an official account's message
    /// (sent from a client or through the REST API), before Tencent delivers
    /// it to the subscribers. A before-webhook: answer with an
    /// [`OfficialMessageDecision`] (deliver, reject, discard silently, reject
    /// with a reason for the sender, or deliver a modified `MsgBody` or
    /// `CloudCustomData`); a handler that answers anything else delivers the
    /// message, as Tencent does when the webhook times out.
    ///
    /// Required: `Official_Account`, the sender. The message has no key, no
    /// random number and no sender account yet: the account and `EventTime`
    /// are all that tell two messages apart.
    ///
    /// ```
    /// use tencent_live_webhook::{decode_json, OfficialMessageSending};
    ///
    /// let body = br#"{"CallbackCommand":"OfficialAccount.CallbackBeforeSendMsg",
    ///     "Official_Account":"@TOA#_2J4SZEAEL","OnlineOnlyFlag":1,
    ///     "MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"red packet"}}],
    ///     "CloudCustomData":"your cloud custom data","EventTime":1670574414123}"#;
    /// let message: OfficialMessageSending = decode_json(OfficialMessageSending::COMMAND, body)?;
    ///
    /// assert_eq!(message.official_account, "@TOA#_2J4SZEAEL");
    /// assert_eq!(message.online_only, Some(true));
    /// assert_eq!(message.texts().collect::<Vec<_>>(), ["red packet"]);
    /// # Ok::<(), tencent_live_webhook::Rejection>(())
    /// ```
    #[derive(Default, Eq)]
    pub struct OfficialMessageSending = "OfficialAccount.CallbackBeforeSendMsg",
        fallback(OfficialMessageDecision::allow()) {
        /// `Official_Account`: the account that sends. Required.
        pub official_account: String = required "Official_Account",
        /// `OnlineOnlyFlag`: whether the message is for online subscribers
        /// only (written `1` or `0`).
        #[serde(serialize_with = "crate::message::flag_as_integer")]
        pub online_only: Option<bool> = "OnlineOnlyFlag",
        /// `MsgBody`: the message's elements, in order.
        pub msg_body: Option<Vec<MsgElement>> = "MsgBody",
        /// `CloudCustomData`: the message's custom data.
        pub cloud_custom_data: Option<String> = "CloudCustomData",
        /// `EventTime`: when Tencent fired the event, Unix **milliseconds**.
        pub event_time_ms: Option<u64> = "EventTime",
    }
}

event! {
    /// `OfficialAccount.CallbackAfterSendMsg`: an official account's message
    /// was delivered to its subscribers.
    ///
    /// Required: `Official_Account`. `MsgKey` is the message's key (the one
    /// the REST API recalls it by); it is read when sent, not required.
    ///
    /// ```
    /// use tencent_live_webhook::{decode_json, OfficialMessageSent};
    ///
    /// let body = br#"{"CallbackCommand":"OfficialAccount.CallbackAfterSendMsg",
    ///     "Official_Account":"@TOA#_2J4SZEAEL","MsgKey":"71_1_1698741698",
    ///     "MsgTime":1490686222,"OnlineOnlyFlag":0,
    ///     "MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"red packet"}}],
    ///     "EventTime":1670574414123}"#;
    /// let sent: OfficialMessageSent = decode_json(OfficialMessageSent::COMMAND, body)?;
    ///
    /// assert_eq!(sent.msg_key.as_deref(), Some("71_1_1698741698"));
    /// assert_eq!(sent.msg_time, Some(1490686222));
    /// assert_eq!(sent.online_only, Some(false));
    /// # Ok::<(), tencent_live_webhook::Rejection>(())
    /// ```
    #[derive(Default, Eq)]
    pub struct OfficialMessageSent = "OfficialAccount.CallbackAfterSendMsg" {
        /// `Official_Account`: the account that sent it. Required.
        pub official_account: String = required "Official_Account",
        /// `MsgKey`: the message's key, to recall it through the REST API.
        /// An opaque string.
        pub msg_key: Option<String> = "MsgKey",
        /// `MsgTime`: when the message was sent, Unix **seconds**.
        pub msg_time: Option<u64> = "MsgTime",
        /// `OnlineOnlyFlag`: whether the message was for online subscribers
        /// only (written `1` or `0`).
        #[serde(serialize_with = "crate::message::flag_as_integer")]
        pub online_only: Option<bool> = "OnlineOnlyFlag",
        /// `MsgBody`: the message's elements, in order.
        pub msg_body: Option<Vec<MsgElement>> = "MsgBody",
        /// `CloudCustomData`: the message's custom data.
        pub cloud_custom_data: Option<String> = "CloudCustomData",
        /// `EventTime`: when Tencent fired the event, Unix **milliseconds**.
        pub event_time_ms: Option<u64> = "EventTime",
    }
}

event! {
    /// `OfficialAccount.CallbackAfterMsgWithDraw` (capital D): official
    /// account messages were recalled (from a client, or by the admin).
    ///
    /// Required: `Official_Account`. The messages are named by their keys
    /// in `WithdrawMsgList`; each is read when there, none is required (one
    /// odd element would otherwise lose the whole recall). Tencent's sample
    /// writes the account `#TOA#_123`: ids are kept as sent. The body names
    /// no operator.
    ///
    /// ```
    /// use tencent_live_webhook::{decode_json, OfficialMessagesRecalled};
    ///
    /// let body = br##"{"CallbackCommand":"OfficialAccount.CallbackAfterMsgWithDraw",
    ///     "Official_Account":"#TOA#_123","WithdrawMsgList":[{"MsgKey":"71_1_1698741698"}],
    ///     "EventTime":1670574414123}"##;
    /// let recalled: OfficialMessagesRecalled =
    ///     decode_json(OfficialMessagesRecalled::COMMAND, body)?;
    ///
    /// assert_eq!(recalled.official_account, "#TOA#_123");
    /// assert_eq!(recalled.msg_keys().collect::<Vec<_>>(), ["71_1_1698741698"]);
    /// # Ok::<(), tencent_live_webhook::Rejection>(())
    /// ```
    #[derive(Default, Eq, Hash)]
    pub struct OfficialMessagesRecalled = "OfficialAccount.CallbackAfterMsgWithDraw" {
        /// `Official_Account`: the account whose messages were recalled.
        /// Required.
        pub official_account: String = required "Official_Account",
        /// `WithdrawMsgList`: the messages recalled.
        pub withdrawn: Option<Vec<WithdrawnMessage>> = "WithdrawMsgList",
        /// `EventTime`: when they were recalled, Unix **milliseconds**.
        pub event_time_ms: Option<u64> = "EventTime",
    }
}

object! {
    /// One element of [`OfficialMessagesRecalled::withdrawn`].
    #[derive(Default, Eq, Hash)]
    pub struct WithdrawnMessage {
        /// `MsgKey`: the key of the message recalled (the
        /// [`OfficialMessageSent::msg_key`] it was delivered with).
        pub msg_key: Option<String> = "MsgKey",
    }
}

impl OfficialMessageSending {
    /// The texts of the message's text elements, in order: what a word
    /// filter reads.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.msg_body
            .iter()
            .flatten()
            .filter_map(MsgElement::as_text)
    }
}

impl OfficialMessageSent {
    /// The texts of the message's text elements, in order.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.msg_body
            .iter()
            .flatten()
            .filter_map(MsgElement::as_text)
    }
}

impl OfficialMessagesRecalled {
    /// The keys of the messages recalled, in order (elements without a
    /// `MsgKey` left out).
    pub fn msg_keys(&self) -> impl Iterator<Item = &str> {
        self.withdrawn
            .iter()
            .flatten()
            .filter_map(|message| message.msg_key.as_deref())
    }
}

event_time!(
    OfficialMessageSending,
    OfficialMessageSent,
    OfficialMessagesRecalled
);
