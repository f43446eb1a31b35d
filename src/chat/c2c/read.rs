//! What a user has read: a one-to-one conversation read up to a time
//! (`C2C.CallbackAfterMsgReport`), read receipts for single messages
//! (`C2C.CallbackAfterMsgReadReceipt`), and every unread message cleared
//! (`C2C.CallbackAfterMsgReadAll`).

use std::time::SystemTime;

use crate::battle::unix_millis;

event! {
    /// `C2C.CallbackAfterMsgReport`: a user marked a one-to-one conversation
    /// as read, from a client or through the REST API's
    /// `admin_set_msg_read`.
    ///
    /// Required: `Report_Account`, the reader. Not to be confused with
    /// [`C2cReadReceiptSent`] (receipts for single messages).
    ///
    /// ```
    /// use tencent_live_webhook::{decode_json, C2cConversationRead};
    ///
    /// let body = br#"{"CallbackCommand":"C2C.CallbackAfterMsgReport","Report_Account":"jared",
    ///     "Peer_Account":"Jonh","LastReadTime":1614754606,"UnreadMsgNum":7}"#;
    /// let read: C2cConversationRead = decode_json(C2cConversationRead::COMMAND, body)?;
    ///
    /// assert_eq!(read.report_account, "jared");
    /// assert_eq!(read.peer_account.as_deref(), Some("Jonh"));
    /// assert_eq!((read.last_read_time, read.unread_msg_num), (Some(1614754606), Some(7)));
    /// # Ok::<(), tencent_live_webhook::Rejection>(())
    /// ```
    #[derive(Default, Eq, Hash)]
    pub struct C2cConversationRead = "C2C.CallbackAfterMsgReport" {
        /// `Report_Account`: the user who read the conversation. Required.
        pub report_account: String = required "Report_Account",
        /// `Peer_Account`: the other side of the conversation.
        pub peer_account: Option<String> = "Peer_Account",
        /// `LastReadTime`: read up to this time, Unix **seconds**.
        pub last_read_time: Option<u64> = "LastReadTime",
        /// `UnreadMsgNum`: the reader's unread one-to-one messages left,
        /// over all conversations.
        pub unread_msg_num: Option<i64> = "UnreadMsgNum",
        /// `EventTime`: when Tencent fired the event, Unix **milliseconds**
        /// (not in Tencent's samples of this command).
        pub event_time_ms: Option<u64> = "EventTime",
    }
}

impl C2cConversationRead {
    /// When Tencent fired the event; `None` without an `EventTime`.
    pub fn event_time(&self) -> Option<SystemTime> {
        self.event_time_ms.and_then(unix_millis)
    }
}

event! {
    /// `C2C.CallbackAfterMsgReadReceipt`: a user sent read receipts for
    /// one-to-one messages, from a client or through the REST API.
    ///
    /// Required: `Operator_Account`, the reader who sent the receipts.
    /// Tencent's page shows only a sample (no field table): every other
    /// field is read as the sample shows it.
    ///
    /// ```
    /// use tencent_live_webhook::{decode_json, C2cReadReceiptSent};
    ///
    /// let body = br#"{"CallbackCommand":"C2C.CallbackAfterMsgReadReceipt",
    ///     "Operator_Account":"jared","Peer_Account":"Jonh","C2CMsgInfo":[{"From_Account":"Jonh",
    ///     "To_Account":"jared","MsgKey":"33973751_24064952_1769139583",
    ///     "MsgId":"144115433090395387-1769139578-24064952"}],"EventTime":1769139587754}"#;
    /// let receipt: C2cReadReceiptSent = decode_json(C2cReadReceiptSent::COMMAND, body)?;
    ///
    /// assert_eq!(receipt.operator_account, "jared");
    /// let messages = receipt.messages.unwrap();
    /// assert_eq!(messages[0].msg_key.as_deref(), Some("33973751_24064952_1769139583"));
    /// # Ok::<(), tencent_live_webhook::Rejection>(())
    /// ```
    #[derive(Default, Eq, Hash)]
    pub struct C2cReadReceiptSent = "C2C.CallbackAfterMsgReadReceipt" {
        /// `Operator_Account`: who sent the receipts (the reader). Required.
        pub operator_account: String = required "Operator_Account",
        /// `Peer_Account`: the other side of the conversation.
        pub peer_account: Option<String> = "Peer_Account",
        /// `C2CMsgInfo`: the messages read.
        pub messages: Option<Vec<ReceiptMessage>> = "C2CMsgInfo",
        /// `EventTime`: when the receipts were sent, Unix **milliseconds**.
        pub event_time_ms: Option<u64> = "EventTime",
    }
}

impl C2cReadReceiptSent {
    /// When the receipts were sent; `None` without an `EventTime`.
    pub fn event_time(&self) -> Option<SystemTime> {
        self.event_time_ms.and_then(unix_millis)
    }
}

object! {
    /// One element of [`C2cReadReceiptSent::messages`]: a message read.
    #[derive(Default, Eq, Hash)]
    pub struct ReceiptMessage {
        /// `From_Account`: the message's sender.
        pub from_account: Option<String> = "From_Account",
        /// `To_Account`: its recipient (the reader).
        pub to_account: Option<String> = "To_Account",
        /// `MsgKey`: the message's key.
        pub msg_key: Option<String> = "MsgKey",
        /// `MsgId`: the message's id given by the sender's client.
        pub msg_id: Option<String> = "MsgId",
    }
}

event! {
    /// `C2C.CallbackAfterMsgReadAll`: a user cleared all their unread
    /// messages from a client, one-to-one and group alike.
    ///
    /// Required: `Report_Account`, the user. Tencent's sample lists the
    /// groups cleared (`GroupReadInfo`) and nothing about one-to-one
    /// conversations: all of the user's are implied.
    ///
    /// ```
    /// use tencent_live_webhook::{decode_json, AllMessagesRead};
    ///
    /// let body = br#"{"CallbackCommand":"C2C.CallbackAfterMsgReadAll","Report_Account":"Jonh",
    ///     "EventTime":1769773302575,"GroupReadInfo":[{"GroupId":"groupid","MsgSeq":100}]}"#;
    /// let read: AllMessagesRead = decode_json(AllMessagesRead::COMMAND, body)?;
    ///
    /// assert_eq!(read.report_account, "Jonh");
    /// let groups = read.groups.unwrap();
    /// assert_eq!((groups[0].group_id.as_deref(), groups[0].msg_seq), (Some("groupid"), Some(100)));
    /// # Ok::<(), tencent_live_webhook::Rejection>(())
    /// ```
    #[derive(Default, Eq, Hash)]
    pub struct AllMessagesRead = "C2C.CallbackAfterMsgReadAll" {
        /// `Report_Account`: the user who cleared their unread messages.
        /// Required.
        pub report_account: String = required "Report_Account",
        /// `GroupReadInfo`: the groups whose unread messages were cleared.
        pub groups: Option<Vec<GroupReadInfo>> = "GroupReadInfo",
        /// `EventTime`: when they were cleared, Unix **milliseconds**.
        pub event_time_ms: Option<u64> = "EventTime",
    }
}

impl AllMessagesRead {
    /// When the unread messages were cleared; `None` without an
    /// `EventTime`.
    pub fn event_time(&self) -> Option<SystemTime> {
        self.event_time_ms.and_then(unix_millis)
    }
}

object! {
    /// One element of [`AllMessagesRead::groups`]: a group read.
    #[derive(Default, Eq, Hash)]
    pub struct GroupReadInfo {
        /// `GroupId`: the group.
        pub group_id: Option<String> = "GroupId",
        /// `MsgSeq`: the group message sequence number (a per-group counter)
        /// given in the request that cleared it.
        pub msg_seq: Option<u64> = "MsgSeq",
    }
}
