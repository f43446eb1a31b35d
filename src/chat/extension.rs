//! The key-value extensions of a message, which the one-to-one and the
//! group extension webhooks report alike.

object! {
    /// A message extension's key-value pair and its version: one element of
    /// [`C2cExtensionChanged::extensions`](crate::C2cExtensionChanged::extensions)
    /// and of [`GroupMsgExtensionChanged::extensions`](crate::GroupMsgExtensionChanged::extensions).
    #[derive(Default, Eq, Hash)]
    pub struct ExtensionKv {
        /// `Key`: the pair's key.
        pub key: Option<String> = "Key",
        /// `Value`: its value; `""` when the pair was deleted.
        pub value: Option<String> = "Value",
        /// `Seq`: the pair's version.
        pub seq: Option<u64> = "Seq",
    }
}

code_enum! {
    /// `OperateType` of the message-extension webhooks: what was done to a
    /// message's extensions.
    pub enum ExtensionOperation {
        /// `1`: pairs were set.
        Set = 1,
        /// `2`: pairs were deleted.
        Delete = 2,
        /// `3`: every pair was cleared.
        Clear = 3,
    }
}
