//! `Group.CallbackAfterReadReceipt`: group messages were read.

use std::time::SystemTime;

use super::GroupMember;
use super::GroupType;
use crate::battle::unix_millis;

event! {
    /// `Group.CallbackAfterReadReceipt`: a member sent a read receipt for
    /// group messages (or the admin did, by the REST API). Communities are
    /// not supported.
    ///
    /// The reader is not named at the top level: each message's
    /// `ReadReceiptMembers` lists readers, and its counts are snapshots.
    /// Tencent's printed sample misses a comma; the fixture is the corrected
    /// body. Required: `GroupId`.
    ///
    /// ```
    /// use tencent_live_webhook::{decode_json, GroupMessagesRead};
    ///
    /// let body = br#"{"CallbackCommand":"Group.CallbackAfterReadReceipt",
    ///     "GroupId":"@TGS#2TTV7VSII","Type":"Public","GroupMsgReceiptList":[{"MsgSeq":1,
    ///     "ReadNum":1,"UnreadNum":6,"ReadReceiptMembers":[{"Member_Account":"user0"}]}],
    ///     "EventTime":"1670574414123"}"#;
    /// let read: GroupMessagesRead = decode_json(GroupMessagesRead::COMMAND, body)?;
    ///
    /// let receipt = &read.receipts.unwrap()[0];
    /// assert_eq!((receipt.msg_seq, receipt.unread_num), (Some(1), Some(6)));
    /// # Ok::<(), tencent_live_webhook::Rejection>(())
    /// ```
    #[derive(Default, Eq, Hash)]
    pub struct GroupMessagesRead = "Group.CallbackAfterReadReceipt" {
        /// `GroupId`: the group. Required.
        pub group_id: String = required "GroupId",
        /// `Type`: the group's type, as sent.
        pub group_type: Option<GroupType> = "Type",
        /// `GroupMsgReceiptList`: one entry per message.
        pub receipts: Option<Vec<GroupMsgReceipt>> = "GroupMsgReceiptList",
        /// `EventTime`: when the receipt came, Unix **milliseconds**.
        pub event_time_ms: Option<u64> = "EventTime",
    }
}

impl GroupMessagesRead {
    /// When the receipt came; `None` when the body has no `EventTime` or it
    /// is past what `SystemTime` holds.
    pub fn event_time(&self) -> Option<SystemTime> {
        self.event_time_ms.and_then(unix_millis)
    }
}

object! {
    /// One element of [`GroupMessagesRead::receipts`]: a message and who
    /// read it.
    #[derive(Default, Eq, Hash)]
    pub struct GroupMsgReceipt {
        /// `MsgSeq`: the message's sequence number in the group.
        pub msg_seq: Option<u64> = "MsgSeq",
        /// `ReadNum`: how many members have read it.
        pub read_num: Option<u64> = "ReadNum",
        /// `UnreadNum`: how many have not.
        pub unread_num: Option<u64> = "UnreadNum",
        /// `ReadReceiptMembers`: the readers this receipt reports.
        pub readers: Option<Vec<GroupMember>> = "ReadReceiptMembers",
    }
}
