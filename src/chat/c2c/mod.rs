//! The one-to-one (C2C) message webhooks (chat-commands.md §4): a message
//! about to be sent and sent, recalled, edited, its extensions changed, and
//! the reads a user reports.
//!
//! Tencent identifies a one-to-one message by its `MsgKey`
//! (`"{MsgSeq}_{MsgRandom}_{MsgTime}"` in every sample, but read it as an
//! opaque key: it is what the recall API takes). The webhooks about one
//! existing message (recalled, edited, extensions changed) require it; those
//! about a message being sent do not, since real bodies of both were found
//! without one.

mod extension;
mod modified;
mod read;
mod recalled;
mod sending;
mod sent;

pub use self::extension::C2cExtensionChanged;
pub use self::modified::C2cMessageModified;
pub use self::read::{
    AllMessagesRead, C2cConversationRead, C2cReadReceiptSent, GroupReadInfo, ReceiptMessage,
};
pub use self::recalled::C2cMessageRecalled;
pub use self::sending::C2cMessageSending;
pub use self::sent::C2cMessageSent;
