//! The group webhooks of Tencent Chat (`chat-commands.md` §5), and the small
//! types their bodies share: the group [`GroupType`], the member lists
//! ([`GroupMember`]) and the custom fields given at creation
//! ([`UserDefinedData`]).
//!
//! Every group webhook names its group by `GroupId`, which is required (but
//! in `Group.CallbackBeforeCreateGroup`: the group does not exist yet);
//! everything else is optional, because Tencent's samples and its real
//! traffic leave out fields its tables list. `EventTime` is milliseconds,
//! sent as a JSON string in the samples and as a number elsewhere: both are
//! read.

use std::time::SystemTime;

use crate::battle::unix_millis;

mod attributes;
mod create;
mod destroyed;
mod exception;
mod exit;
mod extension;
mod full;
mod info;
mod join;
mod member_field;
mod member_state;
mod modified;
mod owner;
mod quota;
mod read_receipt;
mod recall;
mod topic;

pub use self::attributes::{GroupAttr, GroupAttrOption, GroupAttrsChanged};
pub use self::create::{GroupCreated, GroupCreating};
pub use self::destroyed::GroupDestroyed;
pub use self::exception::GroupMessageFailed;
pub use self::exit::{ExitType, MembersExited};
pub use self::extension::GroupMsgExtensionChanged;
pub use self::full::GroupFull;
pub use self::info::GroupInfoChanged;
pub use self::join::{InviteRequested, JoinRequested, JoinType, MembersJoined};
pub use self::member_field::{GroupMemberFieldChanged, GroupMemberRoleChange};
pub use self::member_state::{
    GroupMemberEventCause, GroupMemberEventType, GroupMemberStateChanged,
};
pub use self::modified::GroupMessageModified;
pub use self::owner::GroupOwnerChanged;
pub use self::quota::GroupQuotaAlarm;
pub use self::read_receipt::{GroupMessagesRead, GroupMsgReceipt};
pub use self::recall::{GroupMessagesRecalled, RecalledMessage};
pub use self::topic::{
    TopicCreated, TopicCreating, TopicDefinedField, TopicInfoChanged, TopicsDestroyed,
};

string_enum! {
    /// `Type`: a group's type, as Tencent Chat writes it. Unknown types are
    /// kept as [`Other`](GroupType::Other).
    pub enum GroupType {
        /// `Public`: anyone may apply to join; an admin may approve.
        Public = "Public",
        /// `Private` (Work): members join by invitation.
        Private = "Private",
        /// `ChatRoom` (Meeting): anyone may join.
        ChatRoom = "ChatRoom",
        /// `AVChatRoom`: an audio-video group, with no member limit.
        AVChatRoom = "AVChatRoom",
        /// `Community`: a large group, with topics when they are enabled.
        Community = "Community",
        /// `Live`: a TUILiveKit live room.
        Live = "Live",
    }
}

object! {
    /// One element of a group member list (`MemberList`, `NewMemberList`,
    /// `ExitMemberList`, `DestinationMembers`): `{"Member_Account": ...}`.
    #[derive(Default, Eq, Hash)]
    pub struct GroupMember {
        /// `Member_Account`: the member's account (a string, or a JSON
        /// integer kept digit for digit).
        pub member_account: Option<String> = "Member_Account",
    }
}

impl GroupMember {
    /// A member with this account.
    pub fn new(account: impl Into<String>) -> Self {
        Self {
            member_account: Some(account.into()),
        }
    }
}

object! {
    /// One element of `UserDefinedDataList`: a custom group field given at
    /// creation, `{"Key": ..., "Value": ...}`.
    #[derive(Default, Eq, Hash)]
    pub struct UserDefinedData {
        /// `Key`: the field's name.
        pub key: Option<String> = "Key",
        /// `Value`: its value.
        pub value: Option<String> = "Value",
    }
}

impl UserDefinedData {
    /// A field with this key and value.
    pub fn new(key: impl Into<String>, value: impl Into<String>) -> Self {
        Self {
            key: Some(key.into()),
            value: Some(value.into()),
        }
    }
}

/// `event_time()` for group events with an `event_time_ms`: one line, under
/// each region's marker below, lists a region's types.
macro_rules! event_time {
    ($($ty:ident),+ $(,)?) => {
        $(
            impl $ty {
                /// When the event happened, from `EventTime`; `None` when the
                /// body has none or it is past what `SystemTime` holds.
                pub fn event_time(&self) -> Option<SystemTime> {
                    self.event_time_ms.and_then(unix_millis)
                }
            }
        )+
    };
}

// Groups, §5.1-5.12
event_time!(
    GroupCreating,
    GroupCreated,
    JoinRequested,
    InviteRequested,
    MembersJoined,
    MembersExited,
    GroupFull,
    GroupDestroyed,
    GroupInfoChanged,
    GroupMessagesRecalled,
);
// Groups, §5.13-5.25
