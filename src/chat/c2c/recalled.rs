//! `C2C.CallbackAfterMsgWithDraw`: a one-to-one message was recalled.

use std::time::SystemTime;

use crate::battle::unix_millis;

event! {
    /// `C2C.CallbackAfterMsgWithDraw` (capital D): a one-to-one message was
    /// recalled.
    ///
    /// Required: `MsgKey`, the message recalled (a recall means nothing
    /// without it). Who recalled it is not in the body.
    ///
    /// ```
    /// use tencent_live_webhook::{decode_json, C2cMessageRecalled};
    ///
    /// let body = br#"{"CallbackCommand":"C2C.CallbackAfterMsgWithDraw","From_Account":"jared",
    ///     "To_Account":"Jonh","MsgKey":"48374_2837546_1557481126","UnreadMsgNum":7}"#;
    /// let recalled: C2cMessageRecalled = decode_json(C2cMessageRecalled::COMMAND, body)?;
    ///
    /// assert_eq!(recalled.msg_key, "48374_2837546_1557481126");
    /// assert_eq!(recalled.unread_msg_num, Some(7));
    /// # Ok::<(), tencent_live_webhook::Rejection>(())
    /// ```
    #[derive(Default, Eq, Hash)]
    pub struct C2cMessageRecalled = "C2C.CallbackAfterMsgWithDraw" {
        /// `From_Account`: the sender of the message recalled.
        pub from_account: Option<String> = "From_Account",
        /// `To_Account`: its recipient.
        pub to_account: Option<String> = "To_Account",
        /// `MsgKey`: the message recalled. Required.
        pub msg_key: String = required "MsgKey",
        /// `UnreadMsgNum`: the recipient's unread one-to-one messages, over
        /// all conversations.
        pub unread_msg_num: Option<i64> = "UnreadMsgNum",
        /// `EventTime`: when Tencent fired the event, Unix **milliseconds**
        /// (not in Tencent's samples of this command).
        pub event_time_ms: Option<u64> = "EventTime",
    }
}

impl C2cMessageRecalled {
    /// When Tencent fired the event; `None` without an `EventTime`.
    pub fn event_time(&self) -> Option<SystemTime> {
        self.event_time_ms.and_then(unix_millis)
    }
}
