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
    /// | `CallbackCommand` | variant | kind |
    /// |---|---|---|
    /// | `Live.CallbackAfterCreateRoom` | [`RoomCreated`] | after |
    /// | `Live.CallbackAfterDestroyRoom` | [`RoomDestroyed`] | after |
    /// | `Live.CallbackAfterUpdateRoomInfo` | [`RoomInfoUpdated`] | after |
    /// | `Live.CallbackAfterSetMetadata` | [`MetadataSet`] | after |
    /// | `Live.CallbackAfterDelMetadata` | [`MetadataDeleted`] | after |
    /// | `Live.CallbackAfterCreateRoomReachingThreshold` | [`RoomThresholdReached`] | after |
    /// | `Live.CallbackAfterMemberStateChanged` | [`MemberStateChanged`] | after |
    /// | `Live.CallbackAfterChangeOwner` | [`OwnerChanged`] | after |
    /// | `Live.CallbackAfterModifyAdmin` | [`AdminsModified`] | after |
    /// | `Mic.CallbackAfterSeatInfoChanged` | [`SeatsChanged`] | after |
    /// | `Live.CallbackAfterCreateBattle` | [`BattleCreated`] | after |
    /// | `Live.CallbackAfterStartBattle` | [`BattleStarted`] | after |
    /// | `Live.CallbackAfterEndBattle` | [`BattleEnded`] | after |
    /// | `Live.CallbackBeforeSendGift` | [`GiftSending`] | **before**: [`GiftDecision`](crate::GiftDecision), fallback reject |
    /// | `Group.CallbackBeforeSendMsg` | [`MessageSending`] | **before**: [`MessageDecision`](crate::MessageDecision), fallback allow |
    /// | `Group.CallbackAfterSendMsg` | [`MessageSent`] | after |
    /// | `Follow.CallbackAfterFollowAdd` | [`FollowAdded`] | after |
    /// | `Follow.CallbackAfterFollowDelete` | [`FollowDeleted`] | after |
    /// | `Live.CallbackAfterCloudRecordingChanged` (also spelled `Follow.`) | [`CloudRecordingChanged`] | after |
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
