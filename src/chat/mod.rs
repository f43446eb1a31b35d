//! The Tencent Chat callbacks the crate types, beyond the room messages and
//! follows that TUILiveKit shares (their table is [`ChatEvent`](crate::ChatEvent)).
//!
//! Tencent's Chat console has its own callback URL and token, apart from the
//! Live one: room messages, follows, and every other Chat callback the app
//! switches on go there. [`ChatWebhookLayer`](crate::ChatWebhookLayer)
//! receives that URL; [`TencentWebhookLayer`](crate::TencentWebhookLayer)
//! receives both tables on one path.

mod alert;
mod bot;
mod c2c;
mod decision;
mod extension;
mod group;
mod moderation;
mod official;
mod profile;
mod sns;
mod state;
// region: more modules (profile, push)
mod push;
// endregion: more modules

pub use self::alert::RequestRateAlert;
pub use self::bot::*;
pub use self::c2c::{
    AllMessagesRead, C2cConversationRead, C2cExtensionChanged, C2cMessageModified,
    C2cMessageRecalled, C2cMessageSending, C2cMessageSent, C2cReadReceiptSent, GroupReadInfo,
    ReceiptMessage,
};
pub use self::decision::{
    C2cMessageDecision, CreateGroupDecision, CreateTopicDecision, InviteDecision,
    JoinGroupDecision, C2C_SENDER_CODES, GROUP_SENDER_CODES,
};
pub use self::extension::{ExtensionKv, ExtensionOperation};
pub use self::group::*;
pub use self::moderation::{
    ModerationContact, ModerationContactType, ModerationContentType, ModerationResult,
    ModerationScene, ModerationVerdict,
};
pub use self::official::*;
pub use self::profile::{ProfileChanged, ProfileItem};
pub use self::sns::*;
pub use self::state::{KickedDevice, StateAction, StateChanged, StateInfo, StateReason};
// region: more re-exports (profile, push)
pub use self::push::{
    AllMemberPush, AllMemberPushType, OfflinePush, OfflinePushType, PushBatch, PushItem,
};
// endregion: more re-exports
