//! The Tencent Chat callbacks the crate types, beyond the room messages and
//! follows that TUILiveKit shares (their table is [`ChatEvent`](crate::ChatEvent)).
//!
//! Tencent's Chat console has its own callback URL and token, apart from the
//! Live one: room messages, follows, and every other Chat callback the app
//! switches on go there. [`ChatWebhookLayer`](crate::ChatWebhookLayer)
//! receives that URL; [`TencentWebhookLayer`](crate::TencentWebhookLayer)
//! receives both tables on one path.

mod alert;
mod decision;
mod state;
// C2C (chat-commands.md §4)
mod c2c;
pub use self::c2c::{
    AllMessagesRead, C2cConversationRead, C2cExtensionChanged, C2cMessageModified,
    C2cMessageRecalled, C2cMessageSending, C2cMessageSent, C2cReadReceiptSent, ExtensionKv,
    ExtensionOperation, GroupReadInfo, ReceiptMessage,
};
// Groups, §5.1-5.12
mod group;
// Groups, §5.13-5.25, and moderation (§6.1)

pub use self::alert::RequestRateAlert;
pub use self::decision::{
    C2cMessageDecision, CreateGroupDecision, CreateTopicDecision, InviteDecision,
    JoinGroupDecision, C2C_SENDER_CODES, GROUP_SENDER_CODES,
};
pub use self::state::{KickedDevice, StateAction, StateChanged, StateInfo, StateReason};
// Groups, §5.1-5.12
pub use self::group::{
    ExitType, GroupCreated, GroupCreating, GroupDestroyed, GroupFull, GroupInfoChanged,
    GroupMember, GroupMessagesRecalled, GroupType, InviteRequested, JoinRequested, JoinType,
    MembersExited, MembersJoined, RecalledMessage, UserDefinedData,
};
