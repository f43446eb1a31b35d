//! `Group.CallbackAfterGroupMsgExtension`: a group message's extensions
//! were set, deleted or cleared.

use std::time::SystemTime;

use crate::battle::unix_millis;
use crate::chat::{ExtensionKv, ExtensionOperation};

event! {
    /// `Group.CallbackAfterGroupMsgExtension`: extensions (key/value pairs
    /// with versions) of a group message were set, deleted or cleared.
    ///
    /// `EventTime` is a JSON number here, unlike the other group commands;
    /// either is read. No `Type`, `TopicId` or operator. Required: `GroupId`.
    ///
    /// ```
    /// use tencent_live_webhook::{decode_json, ExtensionOperation, GroupMsgExtensionChanged};
    ///
    /// let body = br#"{"CallbackCommand":"Group.CallbackAfterGroupMsgExtension",
    ///     "GroupId":"test","MsgSeq":10,"OperateType":1,
    ///     "ExtensionList":[{"Key":"key2","Value":"value2","Seq":56}],
    ///     "Seq":56,"EventTime":1764688294360}"#;
    /// let changed: GroupMsgExtensionChanged = decode_json(GroupMsgExtensionChanged::COMMAND, body)?;
    ///
    /// assert_eq!(changed.operate_type, Some(ExtensionOperation::Set));
    /// assert_eq!(changed.extensions.unwrap()[0].seq, Some(56));
    /// # Ok::<(), tencent_live_webhook::Rejection>(())
    /// ```
    #[derive(Default, Eq, Hash)]
    pub struct GroupMsgExtensionChanged = "Group.CallbackAfterGroupMsgExtension" {
        /// `GroupId`: the group. Required.
        pub group_id: String = required "GroupId",
        /// `MsgSeq`: the message's sequence number in the group.
        pub msg_seq: Option<u64> = "MsgSeq",
        /// `OperateType`: 1 set, 2 delete, 3 clear all.
        pub operate_type: Option<ExtensionOperation> = "OperateType",
        /// `ExtensionList`: the extensions concerned (empty on a clear;
        /// values empty on a delete).
        pub extensions: Option<Vec<ExtensionKv>> = "ExtensionList",
        /// `Seq`: the latest version of the message's extension set.
        pub seq: Option<u64> = "Seq",
        /// `EventTime`: when they changed, Unix **milliseconds**.
        pub event_time_ms: Option<u64> = "EventTime",
    }
}

impl GroupMsgExtensionChanged {
    /// When they changed; `None` when the body has no `EventTime` or it is
    /// past what `SystemTime` holds.
    pub fn event_time(&self) -> Option<SystemTime> {
        self.event_time_ms.and_then(unix_millis)
    }
}
