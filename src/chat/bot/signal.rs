//! `Chatbot.OnC2CSignalMessage`: pass-through content sent to a chatbot,
//! answered with data.

use std::time::SystemTime;

use super::ChatbotReply;
use crate::battle::unix_millis;

event! {
    /// `Chatbot.OnC2CSignalMessage`: a client sent custom pass-through
    /// content to a chatbot; the app answers with content returned to the
    /// chatbot, a [`ChatbotReply`] (its fallback, when the handler gives
    /// none or is late, is [`ChatbotReply::ok`], with no data). It has the
    /// before-webhooks' deadline: Tencent waits for the answer.
    ///
    /// **Unverified:** Tencent's page of this command shows no sample and
    /// no field table. The fields here come from third-party code (an SDK
    /// model), not from Tencent; so nothing is required, not even `MsgKey`,
    /// and `Data` is kept as any JSON (a string in that code).
    ///
    /// ```
    /// use tencent_live_webhook::{decode_json, BotSignalReceived, ChatbotReply, WebhookEvent};
    ///
    /// let body = br#"{"CallbackCommand":"Chatbot.OnC2CSignalMessage","From_Account":"jared",
    ///     "To_Account":"@RBT#001","MsgSeq":3000000001,"MsgRandom":2837546,
    ///     "MsgKey":"3000000001_2837546_1557481126","Data":"ping","EventTime":1670574414123}"#;
    /// let signal: BotSignalReceived = decode_json(BotSignalReceived::COMMAND, body)?;
    ///
    /// assert_eq!(signal.data_text(), Some("ping"));
    /// assert_eq!(signal.msg_seq, Some(3000000001));
    /// assert_eq!(
    ///     BotSignalReceived::fallback(BotSignalReceived::COMMAND),
    ///     Some(ChatbotReply::ok().into())
    /// );
    /// # Ok::<(), tencent_live_webhook::Rejection>(())
    /// ```
    #[derive(Default, Eq)]
    pub struct BotSignalReceived = "Chatbot.OnC2CSignalMessage", fallback(ChatbotReply::ok()) {
        /// `From_Account`: the sender of the content (third-party code).
        pub from_account: Option<String> = "From_Account",
        /// `To_Account`: the chatbot (third-party code).
        pub to_account: Option<String> = "To_Account",
        /// `MsgSeq`: a 32-bit unsigned number (third-party code).
        pub msg_seq: Option<u64> = "MsgSeq",
        /// `MsgRandom`: a 32-bit unsigned number (third-party code).
        pub msg_random: Option<u64> = "MsgRandom",
        /// `MsgKey`: the content's key, an opaque string (third-party code).
        pub msg_key: Option<String> = "MsgKey",
        /// `Data`: the `data` of the pass-through content, as sent: a string
        /// in third-party code, kept as any JSON.
        pub data: Option<serde_json::Value> = "Data",
        /// `EventTime`: when Tencent fired the event, Unix **milliseconds**
        /// (third-party code).
        pub event_time_ms: Option<u64> = "EventTime",
    }
}

impl BotSignalReceived {
    /// The `Data` when it is a JSON string.
    pub fn data_text(&self) -> Option<&str> {
        self.data.as_ref().and_then(serde_json::Value::as_str)
    }

    /// When Tencent fired the event; `None` when the body has no
    /// `EventTime` or it is past what `SystemTime` holds.
    pub fn event_time(&self) -> Option<SystemTime> {
        self.event_time_ms.and_then(unix_millis)
    }
}
