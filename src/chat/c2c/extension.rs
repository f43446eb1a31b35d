//! `C2C.CallbackAfterC2CMsgExtension`: the extensions (key-value pairs) of
//! a one-to-one message were set, deleted or cleared.

use std::time::SystemTime;

use crate::battle::unix_millis;
use crate::chat::{ExtensionKv, ExtensionOperation};

event! {
    /// `C2C.CallbackAfterC2CMsgExtension`: a one-to-one message's extensions
    /// were set, deleted or cleared, by a client or through the REST API.
    ///
    /// Required: `MsgKey`, the message. `Seq` is the version of the
    /// message's whole set of extensions: `MsgKey` and `Seq` tell one change
    /// from another. Who made the change is not in the body; a deleted pair
    /// arrives with an empty `Value`, and a clear with an empty list.
    ///
    /// ```
    /// use tencent_live_webhook::{decode_json, C2cExtensionChanged, ExtensionOperation};
    ///
    /// let body = br#"{"CallbackCommand":"C2C.CallbackAfterC2CMsgExtension",
    ///     "From_Account":"user1","To_Account":"user2","MsgKey":"93847636_1287657_1764688415",
    ///     "OperateType":1,"ExtensionList":[{"Key":"k1","Value":"v1","Seq":1}],"Seq":1,
    ///     "EventTime":1764688540182}"#;
    /// let changed: C2cExtensionChanged = decode_json(C2cExtensionChanged::COMMAND, body)?;
    ///
    /// assert_eq!(changed.msg_key, "93847636_1287657_1764688415");
    /// assert_eq!(changed.operate_type, Some(ExtensionOperation::Set));
    /// assert_eq!(changed.extensions.unwrap()[0].value.as_deref(), Some("v1"));
    /// assert_eq!(changed.seq, Some(1));
    /// # Ok::<(), tencent_live_webhook::Rejection>(())
    /// ```
    #[derive(Default, Eq, Hash)]
    pub struct C2cExtensionChanged = "C2C.CallbackAfterC2CMsgExtension" {
        /// `From_Account`: the sender of the message.
        pub from_account: Option<String> = "From_Account",
        /// `To_Account`: its recipient.
        pub to_account: Option<String> = "To_Account",
        /// `MsgKey`: the message. Required.
        pub msg_key: String = required "MsgKey",
        /// `OperateType`: set, delete, or clear.
        pub operate_type: Option<ExtensionOperation> = "OperateType",
        /// `ExtensionList`: the pairs changed, each with its own version.
        pub extensions: Option<Vec<ExtensionKv>> = "ExtensionList",
        /// `Seq`: the latest version of the message's whole set of
        /// extensions (it only grows).
        pub seq: Option<u64> = "Seq",
        /// `EventTime`: when Tencent fired the event, Unix **milliseconds**.
        pub event_time_ms: Option<u64> = "EventTime",
    }
}

impl C2cExtensionChanged {
    /// When Tencent fired the event; `None` without an `EventTime`.
    pub fn event_time(&self) -> Option<SystemTime> {
        self.event_time_ms.and_then(unix_millis)
    }
}
