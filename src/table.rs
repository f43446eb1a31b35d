//! The tables of every command the crate types, and the three enums over
//! them: one per console URL, and one for both.

use crate::battle::{BattleCreated, BattleEnded, BattleStarted};
use crate::chat::*;
use crate::follow::{FollowAdded, FollowDeleted};
use crate::gift::GiftSending;
use crate::member::{AdminsModified, MemberStateChanged, OwnerChanged};
use crate::message::{MessageSending, MessageSent};
use crate::recording::CloudRecordingChanged;
use crate::room::{
    MetadataDeleted, MetadataSet, RoomCreated, RoomDestroyed, RoomInfoUpdated, RoomThresholdReached,
};
use crate::seat::SeatsChanged;

tables! {
    live: {
        /// Any TUILiveKit webhook: one variant per command, named after its
        /// type. This is the Live URL's table of commands;
        /// [`LiveWebhookLayer`](crate::LiveWebhookLayer) receives them all on
        /// one path with one query parse and one signature check.
        ///
        /// The room-message and follow commands are switched on in
        /// TUILiveKit's console but are Tencent Chat callbacks: they are in
        /// [`ChatEvent`]'s table too, as the same types.
        ///
        /// `Live.CallbackBeforeCallBackNotBlock` is a switch in Tencent's
        /// console, not a webhook: with it on, Tencent allows a gift when the
        /// gift decision fails, so configure the layer's gift fallback to match
        /// ([`fallback`](crate::WebhookLayer::fallback)).
    }
    chat: {
        /// Any Tencent Chat webhook the crate types: one variant per command,
        /// named after its type. This is the Chat URL's table of commands;
        /// [`ChatWebhookLayer`](crate::ChatWebhookLayer) receives them all on
        /// one path with one query parse and one signature check.
        ///
        /// The room-message and follow commands are in [`LiveEvent`]'s table
        /// too, as the same types: TUILiveKit's console switches them on, and
        /// Tencent sends them to the Chat URL.
    }
    tencent: {
        /// Any webhook of either console: [`LiveEvent`]'s table and
        /// [`ChatEvent`]'s, each command once. For an app that points both
        /// consoles' URLs at one path;
        /// [`TencentWebhookLayer`](crate::TencentWebhookLayer) receives it.
    }
    every: {
        /// A body without its command's identity fields cannot be tied to
        /// anything and is refused (400, or for a before-webhook its fallback
        /// decision); anything else that can be understood is read.
        ///
        /// Serialising writes the event's own JSON with its `CallbackCommand`.
    }
    live_only: [
        /// `Live.CallbackAfterCreateRoom`.
        RoomCreated(RoomCreated) = "| `Live.CallbackAfterCreateRoom` | [`RoomCreated`] | after | `RoomInfo.RoomId` |",
        /// `Live.CallbackAfterDestroyRoom`.
        RoomDestroyed(RoomDestroyed) = "| `Live.CallbackAfterDestroyRoom` | [`RoomDestroyed`] | after | `RoomId` |",
        /// `Live.CallbackAfterUpdateRoomInfo`.
        RoomInfoUpdated(RoomInfoUpdated) = "| `Live.CallbackAfterUpdateRoomInfo` | [`RoomInfoUpdated`] | after | `RoomInfo.RoomId` |",
        /// `Live.CallbackAfterSetMetadata`.
        MetadataSet(MetadataSet) = "| `Live.CallbackAfterSetMetadata` | [`MetadataSet`] | after | `RoomId` |",
        /// `Live.CallbackAfterDelMetadata`.
        MetadataDeleted(MetadataDeleted) = "| `Live.CallbackAfterDelMetadata` | [`MetadataDeleted`] | after | `RoomId` |",
        /// `Live.CallbackAfterCreateRoomReachingThreshold`.
        RoomThresholdReached(RoomThresholdReached) = "| `Live.CallbackAfterCreateRoomReachingThreshold` | [`RoomThresholdReached`] | after | none |",
        /// `Live.CallbackAfterMemberStateChanged`.
        MemberStateChanged(MemberStateChanged) = "| `Live.CallbackAfterMemberStateChanged` | [`MemberStateChanged`] | after | `RoomId` |",
        /// `Live.CallbackAfterChangeOwner`.
        OwnerChanged(OwnerChanged) = "| `Live.CallbackAfterChangeOwner` | [`OwnerChanged`] | after | `RoomId` |",
        /// `Live.CallbackAfterModifyAdmin`.
        AdminsModified(AdminsModified) = "| `Live.CallbackAfterModifyAdmin` | [`AdminsModified`] | after | `RoomId` |",
        /// `Mic.CallbackAfterSeatInfoChanged`.
        SeatsChanged(SeatsChanged) = "| `Mic.CallbackAfterSeatInfoChanged` | [`SeatsChanged`] | after | `RoomId` |",
        /// `Live.CallbackAfterCreateBattle`.
        BattleCreated(BattleCreated) = "| `Live.CallbackAfterCreateBattle` | [`BattleCreated`] | after | `BattleId` |",
        /// `Live.CallbackAfterStartBattle`.
        BattleStarted(BattleStarted) = "| `Live.CallbackAfterStartBattle` | [`BattleStarted`] | after | `BattleId` |",
        /// `Live.CallbackAfterEndBattle`.
        BattleEnded(BattleEnded) = "| `Live.CallbackAfterEndBattle` | [`BattleEnded`] | after | `BattleId` |",
        /// `Live.CallbackBeforeSendGift`: a decision.
        GiftSending(GiftSending) = "| `Live.CallbackBeforeSendGift` | [`GiftSending`] | **before**: [`GiftDecision`](crate::GiftDecision), fallback reject | `RoomId`, `GiftWater.From_Account` |",
        /// `Live.CallbackAfterCloudRecordingChanged`.
        CloudRecordingChanged(CloudRecordingChanged) = "| `Live.CallbackAfterCloudRecordingChanged` (also spelled `Follow.`) | [`CloudRecordingChanged`] | after | `EventInfo.RoomId` |",
    ]
    shared: [
        /// `Group.CallbackBeforeSendMsg`: a decision.
        MessageSending(MessageSending) = "| `Group.CallbackBeforeSendMsg` | [`MessageSending`] | **before**: [`MessageDecision`](crate::MessageDecision), fallback allow | `GroupId` |",
        /// `Group.CallbackAfterSendMsg`.
        MessageSent(MessageSent) = "| `Group.CallbackAfterSendMsg` | [`MessageSent`] | after | `GroupId` |",
        /// `Follow.CallbackAfterFollowAdd`.
        FollowAdded(FollowAdded) = "| `Follow.CallbackAfterFollowAdd` | [`FollowAdded`] | after | `From_Account` |",
        /// `Follow.CallbackAfterFollowDelete`.
        FollowDeleted(FollowDeleted) = "| `Follow.CallbackAfterFollowDelete` | [`FollowDeleted`] | after | `From_Account` |",
    ]
    chat_only: [
        /// `Alert.RequestOverLimit`.
        RequestRateAlert(RequestRateAlert) = "| `Alert.RequestOverLimit` | [`RequestRateAlert`] | after | none |",
        /// `State.StateChange`.
        StateChanged(StateChanged) = "| `State.StateChange` | [`StateChanged`] | after | `Info.To_Account` |",
        // region: profile and sns (§3)
        /// `Profile.CallbackPortraitSet`.
        ProfileChanged(ProfileChanged) = "| `Profile.CallbackPortraitSet` | [`ProfileChanged`] | after | `From_Account` |",
        /// `Sns.CallbackPrevFriendAdd`: a decision.
        FriendRequested(FriendRequested) = "| `Sns.CallbackPrevFriendAdd` | [`FriendRequested`] | **before**: [`FriendDecision`], fallback allow every user | `From_Account` |",
        /// `Sns.CallbackPrevFriendResponse`: a decision.
        FriendResponding(FriendResponding) = "| `Sns.CallbackPrevFriendResponse` | [`FriendResponding`] | **before**: [`FriendDecision`], fallback allow every user | `From_Account` |",
        /// `Sns.CallbackFriendAdd`.
        FriendsAdded(FriendsAdded) = "| `Sns.CallbackFriendAdd` | [`FriendsAdded`] | after | `PairList` |",
        /// `Sns.CallbackFriendDelete`.
        FriendsDeleted(FriendsDeleted) = "| `Sns.CallbackFriendDelete` | [`FriendsDeleted`] | after | `PairList` |",
        /// `Sns.CallbackBlackListAdd`.
        BlocklistAdded(BlocklistAdded) = "| `Sns.CallbackBlackListAdd` | [`BlocklistAdded`] | after | `PairList` |",
        /// `Sns.CallbackBlackListDelete`.
        BlocklistDeleted(BlocklistDeleted) = "| `Sns.CallbackBlackListDelete` | [`BlocklistDeleted`] | after | `PairList` |",
        // endregion: profile and sns
        /// `C2C.CallbackBeforeSendMsg`: a decision.
        C2cMessageSending(crate::chat::C2cMessageSending) = "| `C2C.CallbackBeforeSendMsg` | [`C2cMessageSending`] | **before**: [`C2cMessageDecision`], fallback allow | none |",
        /// `C2C.CallbackAfterSendMsg`.
        C2cMessageSent(crate::chat::C2cMessageSent) = "| `C2C.CallbackAfterSendMsg` | [`C2cMessageSent`] | after | none |",
        /// `C2C.CallbackAfterMsgReport`.
        C2cConversationRead(crate::chat::C2cConversationRead) = "| `C2C.CallbackAfterMsgReport` | [`C2cConversationRead`] | after | `Report_Account` |",
        /// `C2C.CallbackAfterMsgWithDraw`.
        C2cMessageRecalled(crate::chat::C2cMessageRecalled) = "| `C2C.CallbackAfterMsgWithDraw` | [`C2cMessageRecalled`] | after | `MsgKey` |",
        /// `C2C.CallbackAfterC2CMsgExtension`.
        C2cExtensionChanged(crate::chat::C2cExtensionChanged) = "| `C2C.CallbackAfterC2CMsgExtension` | [`C2cExtensionChanged`] | after | `MsgKey` |",
        /// `C2C.CallbackAfterMsgReadReceipt`.
        C2cReadReceiptSent(crate::chat::C2cReadReceiptSent) = "| `C2C.CallbackAfterMsgReadReceipt` | [`C2cReadReceiptSent`] | after | `Operator_Account` |",
        /// `C2C.CallbackAfterModifyMsg`.
        C2cMessageModified(crate::chat::C2cMessageModified) = "| `C2C.CallbackAfterModifyMsg` | [`C2cMessageModified`] | after | `MsgKey` |",
        /// `C2C.CallbackAfterMsgReadAll`.
        AllMessagesRead(crate::chat::AllMessagesRead) = "| `C2C.CallbackAfterMsgReadAll` | [`AllMessagesRead`] | after | `Report_Account` |",
        /// `Group.CallbackBeforeCreateGroup`: a decision.
        GroupCreating(GroupCreating) = "| `Group.CallbackBeforeCreateGroup` | [`GroupCreating`] | **before**: [`CreateGroupDecision`], fallback allow | none |",
        /// `Group.CallbackAfterCreateGroup`.
        GroupCreated(GroupCreated) = "| `Group.CallbackAfterCreateGroup` | [`GroupCreated`] | after | `GroupId` |",
        /// `Group.CallbackBeforeApplyJoinGroup`: a decision.
        JoinRequested(JoinRequested) = "| `Group.CallbackBeforeApplyJoinGroup` | [`JoinRequested`] | **before**: [`JoinGroupDecision`], fallback allow | `GroupId` |",
        /// `Group.CallbackBeforeInviteJoinGroup`: a decision.
        InviteRequested(InviteRequested) = "| `Group.CallbackBeforeInviteJoinGroup` | [`InviteRequested`] | **before**: [`InviteDecision`], fallback allow | `GroupId` |",
        /// `Group.CallbackAfterNewMemberJoin`.
        MembersJoined(MembersJoined) = "| `Group.CallbackAfterNewMemberJoin` | [`MembersJoined`] | after | `GroupId` |",
        /// `Group.CallbackAfterMemberExit`.
        MembersExited(MembersExited) = "| `Group.CallbackAfterMemberExit` | [`MembersExited`] | after | `GroupId` |",
        /// `Group.CallbackAfterGroupFull`.
        GroupFull(GroupFull) = "| `Group.CallbackAfterGroupFull` | [`GroupFull`] | after | `GroupId` |",
        /// `Group.CallbackAfterGroupDestroyed`.
        GroupDestroyed(GroupDestroyed) = "| `Group.CallbackAfterGroupDestroyed` | [`GroupDestroyed`] | after | `GroupId` |",
        /// `Group.CallbackAfterGroupInfoChanged`.
        GroupInfoChanged(GroupInfoChanged) = "| `Group.CallbackAfterGroupInfoChanged` | [`GroupInfoChanged`] | after | `GroupId` |",
        /// `Group.CallbackAfterRecallMsg`.
        GroupMessagesRecalled(GroupMessagesRecalled) = "| `Group.CallbackAfterRecallMsg` | [`GroupMessagesRecalled`] | after | `GroupId` |",
        /// `Group.CallbackOnMemberStateChange`.
        GroupMemberStateChanged(crate::chat::GroupMemberStateChanged) = "| `Group.CallbackOnMemberStateChange` | [`GroupMemberStateChanged`] | after | `GroupId` |",
        /// `Group.CallbackSendMsgException`.
        GroupMessageFailed(crate::chat::GroupMessageFailed) = "| `Group.CallbackSendMsgException` | [`GroupMessageFailed`] | after | `GroupId` |",
        /// `Group.CallbackBeforeCreateTopic`: a decision.
        TopicCreating(crate::chat::TopicCreating) = "| `Group.CallbackBeforeCreateTopic` | [`TopicCreating`] | **before**: [`CreateTopicDecision`], fallback allow | none |",
        /// `Group.CallbackAfterCreateTopic`.
        TopicCreated(crate::chat::TopicCreated) = "| `Group.CallbackAfterCreateTopic` | [`TopicCreated`] | after | `GroupId`, `TopicId` |",
        /// `Group.CallbackAfterTopicDestroyed`.
        TopicsDestroyed(crate::chat::TopicsDestroyed) = "| `Group.CallbackAfterTopicDestroyed` | [`TopicsDestroyed`] | after | `GroupId` |",
        /// `Group.CallbackAfterTopicInfoChanged`.
        TopicInfoChanged(crate::chat::TopicInfoChanged) = "| `Group.CallbackAfterTopicInfoChanged` | [`TopicInfoChanged`] | after | `GroupId` |",
        /// `Group.CallbackAfterMemberFieldChanged`.
        GroupMemberFieldChanged(crate::chat::GroupMemberFieldChanged) = "| `Group.CallbackAfterMemberFieldChanged` | [`GroupMemberFieldChanged`] | after | `GroupId` |",
        /// `Group.CallbackAfterGroupAttrChanged`.
        GroupAttrsChanged(crate::chat::GroupAttrsChanged) = "| `Group.CallbackAfterGroupAttrChanged` | [`GroupAttrsChanged`] | after | `GroupId` |",
        /// `Group.CallbackAfterReadReceipt`.
        GroupMessagesRead(crate::chat::GroupMessagesRead) = "| `Group.CallbackAfterReadReceipt` | [`GroupMessagesRead`] | after | `GroupId` |",
        /// `Group.CallbackAfterChangeGroupOwner`.
        GroupOwnerChanged(crate::chat::GroupOwnerChanged) = "| `Group.CallbackAfterChangeGroupOwner` | [`GroupOwnerChanged`] | after | `GroupId` |",
        /// `Group.CallbackOnDailyGroupQuotaAlarm`.
        GroupQuotaAlarm(crate::chat::GroupQuotaAlarm) = "| `Group.CallbackOnDailyGroupQuotaAlarm` | [`GroupQuotaAlarm`] | after | none |",
        /// `Group.CallbackAfterGroupMsgExtension`.
        GroupMsgExtensionChanged(crate::chat::GroupMsgExtensionChanged) = "| `Group.CallbackAfterGroupMsgExtension` | [`GroupMsgExtensionChanged`] | after | `GroupId` |",
        /// `Group.CallbackAfterModifyMsg`.
        GroupMessageModified(crate::chat::GroupMessageModified) = "| `Group.CallbackAfterModifyMsg` | [`GroupMessageModified`] | after | none |",
        /// `ContentCallback.ResultNotify`.
        ModerationResult(crate::chat::ModerationResult) = "| `ContentCallback.ResultNotify` | [`ModerationResult`] | after | none |",
        // region: bots (§7)
        /// `Bot.OnC2CMessage`.
        BotMessageReceived(BotMessageReceived) = "| `Bot.OnC2CMessage` | [`BotMessageReceived`] | after | none |",
        /// `Bot.OnGroupMessage`.
        BotMentioned(BotMentioned) = "| `Bot.OnGroupMessage` | [`BotMentioned`] | after | `GroupId` |",
        /// `Chatbot.OnC2CSignalMessage`: a decision whose answer is data.
        BotSignalReceived(BotSignalReceived) = "| `Chatbot.OnC2CSignalMessage` | [`BotSignalReceived`] | **before**: [`ChatbotReply`], fallback OK (no data) | none |",
        // endregion: bots
        // region: official accounts (§8)
        /// `OfficialAccount.CallbackBeforeCreateOfficialAccount`: a decision.
        OfficialAccountCreating(OfficialAccountCreating) = "| `OfficialAccount.CallbackBeforeCreateOfficialAccount` | [`OfficialAccountCreating`] | **before**: [`CreateOfficialAccountDecision`], fallback allow | none |",
        /// `OfficialAccount.CallbackAfterCreateOfficialAccount`.
        OfficialAccountCreated(OfficialAccountCreated) = "| `OfficialAccount.CallbackAfterCreateOfficialAccount` | [`OfficialAccountCreated`] | after | `Official_Account` |",
        /// `OfficialAccount.CallbackAfterOfficialAccountInfoChanged`.
        OfficialAccountInfoChanged(OfficialAccountInfoChanged) = "| `OfficialAccount.CallbackAfterOfficialAccountInfoChanged` | [`OfficialAccountInfoChanged`] | after | `Official_Account` |",
        /// `OfficialAccount.CallbackAfterOfficialAccountDestroyed`.
        OfficialAccountDestroyed(OfficialAccountDestroyed) = "| `OfficialAccount.CallbackAfterOfficialAccountDestroyed` | [`OfficialAccountDestroyed`] | after | `Official_Account` |",
        /// `OfficialAccount.CallbackBeforeAddSubscriber`: a decision.
        SubscribersAdding(SubscribersAdding) = "| `OfficialAccount.CallbackBeforeAddSubscriber` | [`SubscribersAdding`] | **before**: [`SubscriberDecision`], fallback allow | `Official_Account` |",
        /// `OfficialAccount.CallbackAfterAddSubscriber`.
        SubscribersAdded(SubscribersAdded) = "| `OfficialAccount.CallbackAfterAddSubscriber` | [`SubscribersAdded`] | after | `Official_Account` |",
        /// `OfficialAccount.CallbackAfterOfficialAccountFull`.
        OfficialAccountFull(OfficialAccountFull) = "| `OfficialAccount.CallbackAfterOfficialAccountFull` | [`OfficialAccountFull`] | after | `Official_Account` |",
        /// `OfficialAccount.CallbackAfterDeleteSubscriber`.
        SubscribersDeleted(SubscribersDeleted) = "| `OfficialAccount.CallbackAfterDeleteSubscriber` | [`SubscribersDeleted`] | after | `Official_Account` |",
        /// `OfficialAccount.CallbackBeforeSendMsg`: a decision.
        OfficialMessageSending(OfficialMessageSending) = "| `OfficialAccount.CallbackBeforeSendMsg` | [`OfficialMessageSending`] | **before**: [`OfficialMessageDecision`], fallback allow | `Official_Account` |",
        /// `OfficialAccount.CallbackAfterSendMsg`.
        OfficialMessageSent(OfficialMessageSent) = "| `OfficialAccount.CallbackAfterSendMsg` | [`OfficialMessageSent`] | after | `Official_Account` |",
        /// `OfficialAccount.CallbackAfterMsgWithDraw`.
        OfficialMessagesRecalled(OfficialMessagesRecalled) = "| `OfficialAccount.CallbackAfterMsgWithDraw` | [`OfficialMessagesRecalled`] | after | `Official_Account` |",
        // endregion: official accounts
        // region: push (appendix P)
        /// `Push.OfflinePush`: a batch of push results.
        OfflinePushes(PushBatch<OfflinePush>) = "| `Push.OfflinePush` | [`PushBatch`]`<`[`OfflinePush`]`>` | after, batched | `Events` (per item: `PushID`) |",
        /// `Push.AllMemberPush`: a batch of push results.
        AllMemberPushes(PushBatch<AllMemberPush>) = "| `Push.AllMemberPush` | [`PushBatch`]`<`[`AllMemberPush`]`>` | after, batched | `Events` (per item: `TaskId`, `To_Account`) |",
        // endregion: push
    ]
}
