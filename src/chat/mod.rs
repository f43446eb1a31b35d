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
// Groups, §5.1-5.12
// Groups, §5.13-5.25, and moderation (§6.1)
#[path = "group/attributes.rs"]
mod group_attributes;
#[path = "group/exception.rs"]
mod group_exception;
#[path = "group/extension.rs"]
mod group_extension;
#[path = "group/member_field.rs"]
mod group_member_field;
#[path = "group/member_state.rs"]
mod group_member_state;
#[path = "group/modified.rs"]
mod group_modified;
#[path = "group/owner.rs"]
mod group_owner;
#[path = "group/quota.rs"]
mod group_quota;
#[path = "group/read_receipt.rs"]
mod group_read_receipt;
#[path = "group/topic.rs"]
mod group_topic;
mod moderation;

pub use self::alert::RequestRateAlert;
pub use self::decision::{
    C2cMessageDecision, CreateGroupDecision, CreateTopicDecision, InviteDecision,
    JoinGroupDecision, C2C_SENDER_CODES, GROUP_SENDER_CODES,
};
pub use self::state::{KickedDevice, StateAction, StateChanged, StateInfo, StateReason};
// Groups, §5.13-5.25, and moderation (§6.1)
pub use self::group_attributes::{GroupAttr, GroupAttrOption, GroupAttrsChanged};
pub use self::group_exception::GroupMessageFailed;
pub use self::group_extension::{ExtensionOperation, GroupMsgExtensionChanged, MsgExtension};
pub use self::group_member_field::{GroupMemberFieldChanged, GroupMemberRoleChange};
pub use self::group_member_state::{
    GroupMemberAccount, GroupMemberEventCause, GroupMemberEventType, GroupMemberStateChanged,
};
pub use self::group_modified::GroupMessageModified;
pub use self::group_owner::GroupOwnerChanged;
pub use self::group_quota::GroupQuotaAlarm;
pub use self::group_read_receipt::{GroupMessagesRead, GroupMsgReceipt};
pub use self::group_topic::{
    TopicCreated, TopicCreating, TopicDefinedField, TopicInfoChanged, TopicsDestroyed,
};
pub use self::moderation::{
    ModerationContact, ModerationContactType, ModerationContentType, ModerationResult,
    ModerationScene, ModerationVerdict,
};
