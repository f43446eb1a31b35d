//! The table of every command the crate types, and the one enum over them.

use crate::battle::{BattleCreated, BattleEnded, BattleStarted};
use crate::follow::{FollowAdded, FollowDeleted};
use crate::gift::GiftSending;
use crate::member::{AdminsModified, MemberStateChanged, OwnerChanged};
use crate::message::{MessageSending, MessageSent};
use crate::recording::CloudRecordingChanged;
use crate::room::{
    MetadataDeleted, MetadataSet, RoomCreated, RoomDestroyed, RoomInfoUpdated, RoomThresholdReached,
};
use crate::seat::SeatsChanged;

events! {
    /// Any TUILiveKit webhook: one variant per command, named after its type.
    /// This is the table of commands; [`LiveWebhookLayer`](crate::LiveWebhookLayer)
    /// receives them all on one path with one query parse and one signature
    /// check.
    ///
    /// | `CallbackCommand` | variant | kind | identity |
    /// |---|---|---|---|
    /// | `Live.CallbackAfterCreateRoom` | [`RoomCreated`] | after | `RoomInfo.RoomId` |
    /// | `Live.CallbackAfterDestroyRoom` | [`RoomDestroyed`] | after | `RoomId` |
    /// | `Live.CallbackAfterUpdateRoomInfo` | [`RoomInfoUpdated`] | after | `RoomInfo.RoomId` |
    /// | `Live.CallbackAfterSetMetadata` | [`MetadataSet`] | after | `RoomId` |
    /// | `Live.CallbackAfterDelMetadata` | [`MetadataDeleted`] | after | `RoomId` |
    /// | `Live.CallbackAfterCreateRoomReachingThreshold` | [`RoomThresholdReached`] | after | none |
    /// | `Live.CallbackAfterMemberStateChanged` | [`MemberStateChanged`] | after | `RoomId` |
    /// | `Live.CallbackAfterChangeOwner` | [`OwnerChanged`] | after | `RoomId` |
    /// | `Live.CallbackAfterModifyAdmin` | [`AdminsModified`] | after | `RoomId` |
    /// | `Mic.CallbackAfterSeatInfoChanged` | [`SeatsChanged`] | after | `RoomId` |
    /// | `Live.CallbackAfterCreateBattle` | [`BattleCreated`] | after | `BattleId` |
    /// | `Live.CallbackAfterStartBattle` | [`BattleStarted`] | after | `BattleId` |
    /// | `Live.CallbackAfterEndBattle` | [`BattleEnded`] | after | `BattleId` |
    /// | `Live.CallbackBeforeSendGift` | [`GiftSending`] | **before**: [`GiftDecision`](crate::GiftDecision), fallback reject | `RoomId`, `GiftWater.From_Account` |
    /// | `Group.CallbackBeforeSendMsg` | [`MessageSending`] | **before**: [`MessageDecision`](crate::MessageDecision), fallback allow | `GroupId` |
    /// | `Group.CallbackAfterSendMsg` | [`MessageSent`] | after | `GroupId` |
    /// | `Follow.CallbackAfterFollowAdd` | [`FollowAdded`] | after | `From_Account` |
    /// | `Follow.CallbackAfterFollowDelete` | [`FollowDeleted`] | after | `From_Account` |
    /// | `Live.CallbackAfterCloudRecordingChanged` (also spelled `Follow.`) | [`CloudRecordingChanged`] | after | `EventInfo.RoomId` |
    ///
    /// A body without its command's identity fields cannot be tied to
    /// anything and is refused (400, or for a before-webhook its fallback
    /// decision); anything else that can be understood is read.
    ///
    /// `Live.CallbackBeforeCallBackNotBlock` is a switch in Tencent's console,
    /// not a webhook: with it on, Tencent allows a gift when the gift decision
    /// fails, so configure the layer's gift fallback to match
    /// ([`fallback`](crate::WebhookLayer::fallback)).
    ///
    /// Serialising writes the event's own JSON with its `CallbackCommand`.
    #[derive(Clone, Debug, PartialEq, Eq)]
    #[non_exhaustive]
    pub enum LiveEvent {
        /// `Live.CallbackAfterCreateRoom`.
        RoomCreated(RoomCreated),
        /// `Live.CallbackAfterDestroyRoom`.
        RoomDestroyed(RoomDestroyed),
        /// `Live.CallbackAfterUpdateRoomInfo`.
        RoomInfoUpdated(RoomInfoUpdated),
        /// `Live.CallbackAfterSetMetadata`.
        MetadataSet(MetadataSet),
        /// `Live.CallbackAfterDelMetadata`.
        MetadataDeleted(MetadataDeleted),
        /// `Live.CallbackAfterCreateRoomReachingThreshold`.
        RoomThresholdReached(RoomThresholdReached),
        /// `Live.CallbackAfterMemberStateChanged`.
        MemberStateChanged(MemberStateChanged),
        /// `Live.CallbackAfterChangeOwner`.
        OwnerChanged(OwnerChanged),
        /// `Live.CallbackAfterModifyAdmin`.
        AdminsModified(AdminsModified),
        /// `Mic.CallbackAfterSeatInfoChanged`.
        SeatsChanged(SeatsChanged),
        /// `Live.CallbackAfterCreateBattle`.
        BattleCreated(BattleCreated),
        /// `Live.CallbackAfterStartBattle`.
        BattleStarted(BattleStarted),
        /// `Live.CallbackAfterEndBattle`.
        BattleEnded(BattleEnded),
        /// `Live.CallbackBeforeSendGift`: a decision.
        GiftSending(GiftSending),
        /// `Group.CallbackBeforeSendMsg`: a decision.
        MessageSending(MessageSending),
        /// `Group.CallbackAfterSendMsg`.
        MessageSent(MessageSent),
        /// `Follow.CallbackAfterFollowAdd`.
        FollowAdded(FollowAdded),
        /// `Follow.CallbackAfterFollowDelete`.
        FollowDeleted(FollowDeleted),
        /// `Live.CallbackAfterCloudRecordingChanged`.
        CloudRecordingChanged(CloudRecordingChanged),
    }
    unknown:
        /// A command outside the table, received only by a layer with
        /// [`receive_unknown`](crate::WebhookLayer::receive_unknown).
        Unknown,
}
