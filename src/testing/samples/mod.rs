//! Sample events: one for every command, all from one room's story. Room
//! `pk-3`, owned by `144115245353757792`, is created; viewers join; one takes
//! a seat, follows the owner, chats and sends a gift; `pk-3` battles `pk-5`
//! and wins; the room changes hands and is destroyed.
//!
//! Times (Unix seconds; `EventTime`s are milliseconds within them): the room
//! is created at [`ROOM_CREATED_AT`], the battle runs from 1739956115 to
//! 1739956145, and the room is destroyed at [`ROOM_DESTROYED_AT`].

mod battle;
mod c2c;
mod chat;
mod follow;
mod gift;
mod group;
mod group_more;
mod member;
mod message;
mod recording;
mod room;
mod seat;
// region: sample modules (official, bots, push, sns)
mod bot;
mod official;
mod push;
mod sns;
// endregion: sample modules

use crate::table::{ChatEvent, LiveEvent, TencentEvent};
use crate::{
    AdminsModified, BattleCreated, BattleEnded, BattleStarted, CloudRecordingChanged, FollowAdded,
    FollowDeleted, GiftSending, MemberStateChanged, MessageSending, MessageSent, MetadataDeleted,
    MetadataSet, OwnerChanged, RequestRateAlert, RoomCreated, RoomDestroyed, RoomInfoUpdated,
    RoomThresholdReached, SeatsChanged, StateChanged,
};

/// The story's room.
pub(crate) const ROOM: &str = "pk-3";
/// Its owner: an account Tencent sends as a JSON number above 2^53.
pub(crate) const OWNER: &str = "144115245353757792";
/// The room it battles.
pub(crate) const OPPONENT_ROOM: &str = "pk-5";
/// That room's owner.
pub(crate) const OPPONENT_OWNER: &str = "144115245442327522";
/// The viewer who takes a seat, follows, chats and sends a gift (an account
/// above 2^53, as in Tencent's seat sample).
pub(crate) const VIEWER: &str = "144115233775727695";
/// A second viewer, with a string account; the owner makes them an admin,
/// and later the owner.
pub(crate) const SECOND_VIEWER: &str = "viewer-2";
/// The REST API's operator.
pub(crate) const ADMIN: &str = "administrator";
/// When the room is created, Unix seconds.
pub(crate) const ROOM_CREATED_AT: u64 = 1739955900;
/// When the room is destroyed, Unix seconds.
pub(crate) const ROOM_DESTROYED_AT: u64 = 1739956300;

impl LiveEvent {
    /// One sample of every command in the table, in the order of the story
    /// (see [`testing`](crate::testing)): the room is created and its
    /// recording starts, viewers join, a seat is taken, messages and a gift
    /// flow, a battle runs, and the room is destroyed.
    pub fn sample_story() -> Vec<LiveEvent> {
        vec![
            RoomCreated::sample().into(),
            RoomThresholdReached::sample().into(),
            CloudRecordingChanged::sample().into(),
            RoomInfoUpdated::sample().into(),
            MetadataSet::sample().into(),
            MemberStateChanged::sample().into(),
            AdminsModified::sample().into(),
            SeatsChanged::sample().into(),
            FollowAdded::sample().into(),
            MessageSending::sample().into(),
            MessageSent::sample().into(),
            GiftSending::sample().into(),
            BattleCreated::sample().into(),
            BattleStarted::sample().into(),
            BattleEnded::sample().into(),
            MetadataDeleted::sample().into(),
            FollowDeleted::sample().into(),
            OwnerChanged::sample().into(),
            RoomDestroyed::sample().into(),
        ]
    }
}

impl ChatEvent {
    /// One sample of every command of the Chat URL's own (those
    /// [`LiveEvent`]'s table does not share), in the table's order.
    pub fn samples() -> Vec<ChatEvent> {
        vec![
            RequestRateAlert::sample().into(),
            StateChanged::sample().into(),
            // region: profile and sns (§3)
            crate::ProfileChanged::sample().into(),
            crate::FriendRequested::sample().into(),
            crate::FriendResponding::sample().into(),
            crate::FriendsAdded::sample().into(),
            crate::FriendsDeleted::sample().into(),
            crate::BlocklistAdded::sample().into(),
            crate::BlocklistDeleted::sample().into(),
            // endregion: profile and sns
            // C2C (chat-commands.md §4)
            crate::C2cMessageSending::sample().into(),
            crate::C2cMessageSent::sample().into(),
            crate::C2cConversationRead::sample().into(),
            crate::C2cMessageRecalled::sample().into(),
            crate::C2cExtensionChanged::sample().into(),
            crate::C2cReadReceiptSent::sample().into(),
            crate::C2cMessageModified::sample().into(),
            crate::AllMessagesRead::sample().into(),
            // Groups, §5.1-5.12
            crate::GroupCreating::sample().into(),
            crate::GroupCreated::sample().into(),
            crate::JoinRequested::sample().into(),
            crate::InviteRequested::sample().into(),
            crate::MembersJoined::sample().into(),
            crate::MembersExited::sample().into(),
            crate::GroupFull::sample().into(),
            crate::GroupDestroyed::sample().into(),
            crate::GroupInfoChanged::sample().into(),
            crate::GroupMessagesRecalled::sample().into(),
            // Groups, §5.13-5.25, and moderation (§6.1)
            crate::GroupMemberStateChanged::sample().into(),
            crate::GroupMessageFailed::sample().into(),
            crate::TopicCreating::sample().into(),
            crate::TopicCreated::sample().into(),
            crate::TopicsDestroyed::sample().into(),
            crate::TopicInfoChanged::sample().into(),
            crate::GroupMemberFieldChanged::sample().into(),
            crate::GroupAttrsChanged::sample().into(),
            crate::GroupMessagesRead::sample().into(),
            crate::GroupOwnerChanged::sample().into(),
            crate::GroupQuotaAlarm::sample().into(),
            crate::GroupMsgExtensionChanged::sample().into(),
            crate::GroupMessageModified::sample().into(),
            crate::ModerationResult::sample().into(),
            // region: bots (§7)
            crate::BotMessageReceived::sample().into(),
            crate::BotMentioned::sample().into(),
            crate::BotSignalReceived::sample().into(),
            // endregion: bots
            // region: official accounts (§8)
            crate::OfficialAccountCreating::sample().into(),
            crate::OfficialAccountCreated::sample().into(),
            crate::OfficialAccountInfoChanged::sample().into(),
            crate::OfficialAccountDestroyed::sample().into(),
            crate::SubscribersAdding::sample().into(),
            crate::SubscribersAdded::sample().into(),
            crate::OfficialAccountFull::sample().into(),
            crate::SubscribersDeleted::sample().into(),
            crate::OfficialMessageSending::sample().into(),
            crate::OfficialMessageSent::sample().into(),
            crate::OfficialMessagesRecalled::sample().into(),
            // endregion: official accounts
            // region: push (appendix P)
            crate::PushBatch::<crate::OfflinePush>::sample().into(),
            crate::PushBatch::<crate::AllMemberPush>::sample().into(),
            // endregion: push
        ]
    }
}

impl TencentEvent {
    /// One sample of every command of both tables: [`LiveEvent`]'s story,
    /// then [`ChatEvent::samples`].
    pub fn samples() -> Vec<TencentEvent> {
        fn both<E: crate::WebhookEvent + serde::Serialize>(event: E) -> TencentEvent {
            let json = serde_json::to_vec(&event).expect("a sample serialises");
            <TencentEvent as crate::WebhookEvent>::decode(event.callback_command(), &json)
                .expect("a sample decodes")
        }
        let live = LiveEvent::sample_story().into_iter().map(both);
        live.chain(ChatEvent::samples().into_iter().map(both))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::WebhookEvent;

    #[test]
    fn the_story_has_every_command_once() {
        let story = LiveEvent::sample_story();
        let mut commands: Vec<&str> = story.iter().map(LiveEvent::callback_command).collect();
        commands.sort_unstable();
        let mut table: Vec<&str> = LiveEvent::CALLBACK_COMMANDS
            .iter()
            .copied()
            .filter(|command| !command.starts_with("Follow.CallbackAfterCloud"))
            .collect();
        table.sort_unstable();
        assert_eq!(commands, table);
    }

    /// When an event happened, from its JSON: `EventTime`, or where a command
    /// keeps its time instead.
    fn happened_at_ms(event: &LiveEvent) -> u64 {
        let json = serde_json::to_value(event).unwrap();
        let seconds = |value: &serde_json::Value| value.as_u64().map(|s| s * 1000);
        json["EventTime"]
            .as_u64()
            .or_else(|| json["RoomInfo"]["EventTime"].as_u64())
            .or_else(|| json["CallbackTs"].as_u64())
            .or_else(|| seconds(&json["GiftWater"]["Time"]))
            .unwrap_or_else(|| panic!("{}: no time", event.name()))
    }

    #[test]
    fn the_story_happens_in_its_order() {
        let story = LiveEvent::sample_story();
        let times: Vec<u64> = story.iter().map(happened_at_ms).collect();
        for (pair, events) in times.windows(2).zip(story.windows(2)) {
            assert!(
                pair[0] <= pair[1],
                "{} ({}) after {} ({})",
                events[1].name(),
                pair[1],
                events[0].name(),
                pair[0]
            );
        }
        assert!(times[0] / 1000 >= ROOM_CREATED_AT);
        assert!(times[times.len() - 1] / 1000 <= ROOM_DESTROYED_AT);
    }

    #[test]
    fn the_samples_have_every_command_of_both_tables_once() {
        let mut commands: Vec<&str> = Vec::new();
        let samples = TencentEvent::samples();
        commands.extend(samples.iter().map(TencentEvent::callback_command));
        commands.sort_unstable();
        let mut table: Vec<&str> = TencentEvent::CALLBACK_COMMANDS
            .iter()
            .copied()
            .filter(|command| !command.starts_with("Follow.CallbackAfterCloud"))
            .collect();
        table.sort_unstable();
        assert_eq!(commands, table);
        for event in ChatEvent::samples() {
            let json = serde_json::to_string(&event).unwrap();
            let again = ChatEvent::decode(event.callback_command(), json.as_bytes())
                .unwrap_or_else(|rejection| panic!("{}: {rejection}", event.callback_command()));
            assert_eq!(again, event, "{json}");
        }
    }

    #[test]
    fn every_sample_round_trips_through_its_json() {
        for event in LiveEvent::sample_story() {
            let json = serde_json::to_string(&event).unwrap();
            let again = LiveEvent::decode(event.callback_command(), json.as_bytes())
                .unwrap_or_else(|rejection| panic!("{}: {rejection}", event.callback_command()));
            assert_eq!(again, event, "{json}");
        }
    }
}
