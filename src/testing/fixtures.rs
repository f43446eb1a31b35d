//! What the crate's own tests, benchmarks and fuzz targets share, and yours
//! may too: the path and app id of the examples, Tencent's OK answer, and the
//! documented sample body of every command in the table.

/// The path the crate's examples receive webhooks on, and the default of
/// [`WebhookRequest`](super::WebhookRequest).
pub const PATH: &str = "/tencent/callback";

/// The `SdkAppid` of the examples.
pub const APP_ID: u64 = 1400000001;

/// The callback token of the examples' signed requests.
pub const TOKEN: &str = "callback-token";

/// Tencent's success answer, byte for byte.
pub const OK_ACK: &str = r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}"#;

macro_rules! documented {
    ($($command:literal => $file:literal),+ $(,)?) => {
        /// The documented sample body of every command in the tables, by
        /// `CallbackCommand` (both spellings of the recording command), as
        /// Tencent's documentation prints it, fixed only where it is not valid
        /// JSON (each fixture directory's `README.md` says what was fixed).
        pub const DOCUMENTED: &[(&str, &str)] = &[$((
            $command,
            include_str!(concat!("../../tests/fixtures/", $file)),
        )),+];
    };
}

documented! {
    "Live.CallbackAfterCreateRoom" => "Live.CallbackAfterCreateRoom/sample.json",
    "Live.CallbackAfterDestroyRoom" => "Live.CallbackAfterDestroyRoom/sample.json",
    "Live.CallbackAfterUpdateRoomInfo" => "Live.CallbackAfterUpdateRoomInfo/sample.json",
    "Live.CallbackAfterSetMetadata" => "Live.CallbackAfterSetMetadata/sample.json",
    "Live.CallbackAfterDelMetadata" => "Live.CallbackAfterDelMetadata/sample.json",
    "Live.CallbackAfterCreateRoomReachingThreshold" => "Live.CallbackAfterCreateRoomReachingThreshold/sample.json",
    "Live.CallbackAfterMemberStateChanged" => "Live.CallbackAfterMemberStateChanged/sample.json",
    "Live.CallbackAfterChangeOwner" => "Live.CallbackAfterChangeOwner/sample.json",
    "Live.CallbackAfterModifyAdmin" => "Live.CallbackAfterModifyAdmin/sample.json",
    "Mic.CallbackAfterSeatInfoChanged" => "Mic.CallbackAfterSeatInfoChanged/sample.json",
    "Live.CallbackAfterCreateBattle" => "Live.CallbackAfterCreateBattle/sample.json",
    "Live.CallbackAfterStartBattle" => "Live.CallbackAfterStartBattle/sample.json",
    "Live.CallbackAfterEndBattle" => "Live.CallbackAfterEndBattle/sample.json",
    "Live.CallbackBeforeSendGift" => "Live.CallbackBeforeSendGift/sample.json",
    "Live.CallbackAfterCloudRecordingChanged" => "Live.CallbackAfterCloudRecordingChanged/sample.json",
    "Follow.CallbackAfterCloudRecordingChanged" => "Live.CallbackAfterCloudRecordingChanged/sample_follow_spelling.json",
    "Group.CallbackBeforeSendMsg" => "Group.CallbackBeforeSendMsg/sample.json",
    "Group.CallbackAfterSendMsg" => "Group.CallbackAfterSendMsg/sample.json",
    "Follow.CallbackAfterFollowAdd" => "Follow.CallbackAfterFollowAdd/sample.json",
    "Follow.CallbackAfterFollowDelete" => "Follow.CallbackAfterFollowDelete/sample.json",
    "Alert.RequestOverLimit" => "Alert.RequestOverLimit/sample.json",
    "State.StateChange" => "State.StateChange/sample.json",
    // region: profile and sns (§3)
    "Profile.CallbackPortraitSet" => "Profile.CallbackPortraitSet/sample.json",
    "Sns.CallbackPrevFriendAdd" => "Sns.CallbackPrevFriendAdd/sample.json",
    "Sns.CallbackPrevFriendResponse" => "Sns.CallbackPrevFriendResponse/sample.json",
    "Sns.CallbackFriendAdd" => "Sns.CallbackFriendAdd/sample.json",
    "Sns.CallbackFriendDelete" => "Sns.CallbackFriendDelete/sample.json",
    "Sns.CallbackBlackListAdd" => "Sns.CallbackBlackListAdd/sample.json",
    "Sns.CallbackBlackListDelete" => "Sns.CallbackBlackListDelete/sample.json",
    // endregion: profile and sns
    // C2C (chat-commands.md §4)
    "C2C.CallbackBeforeSendMsg" => "C2C.CallbackBeforeSendMsg/sample.json",
    "C2C.CallbackAfterSendMsg" => "C2C.CallbackAfterSendMsg/sample.json",
    "C2C.CallbackAfterMsgReport" => "C2C.CallbackAfterMsgReport/sample.json",
    "C2C.CallbackAfterMsgWithDraw" => "C2C.CallbackAfterMsgWithDraw/sample.json",
    "C2C.CallbackAfterC2CMsgExtension" => "C2C.CallbackAfterC2CMsgExtension/sample.json",
    "C2C.CallbackAfterMsgReadReceipt" => "C2C.CallbackAfterMsgReadReceipt/sample.json",
    "C2C.CallbackAfterModifyMsg" => "C2C.CallbackAfterModifyMsg/sample.json",
    "C2C.CallbackAfterMsgReadAll" => "C2C.CallbackAfterMsgReadAll/sample.json",
    // Groups, §5.1-5.12
    "Group.CallbackBeforeCreateGroup" => "Group.CallbackBeforeCreateGroup/sample.json",
    "Group.CallbackAfterCreateGroup" => "Group.CallbackAfterCreateGroup/sample.json",
    "Group.CallbackBeforeApplyJoinGroup" => "Group.CallbackBeforeApplyJoinGroup/sample.json",
    "Group.CallbackBeforeInviteJoinGroup" => "Group.CallbackBeforeInviteJoinGroup/sample.json",
    "Group.CallbackAfterNewMemberJoin" => "Group.CallbackAfterNewMemberJoin/sample.json",
    "Group.CallbackAfterMemberExit" => "Group.CallbackAfterMemberExit/sample.json",
    "Group.CallbackAfterGroupFull" => "Group.CallbackAfterGroupFull/sample.json",
    "Group.CallbackAfterGroupDestroyed" => "Group.CallbackAfterGroupDestroyed/sample.json",
    "Group.CallbackAfterGroupInfoChanged" => "Group.CallbackAfterGroupInfoChanged/sample.json",
    "Group.CallbackAfterRecallMsg" => "Group.CallbackAfterRecallMsg/sample.json",
    // Groups, §5.13-5.25, and moderation (§6.1)
    "Group.CallbackOnMemberStateChange" => "Group.CallbackOnMemberStateChange/sample.json",
    "Group.CallbackSendMsgException" => "Group.CallbackSendMsgException/sample.json",
    "Group.CallbackBeforeCreateTopic" => "Group.CallbackBeforeCreateTopic/sample.json",
    "Group.CallbackAfterCreateTopic" => "Group.CallbackAfterCreateTopic/sample.json",
    "Group.CallbackAfterTopicDestroyed" => "Group.CallbackAfterTopicDestroyed/sample.json",
    "Group.CallbackAfterTopicInfoChanged" => "Group.CallbackAfterTopicInfoChanged/sample.json",
    "Group.CallbackAfterMemberFieldChanged" => "Group.CallbackAfterMemberFieldChanged/sample.json",
    "Group.CallbackAfterGroupAttrChanged" => "Group.CallbackAfterGroupAttrChanged/sample.json",
    "Group.CallbackAfterReadReceipt" => "Group.CallbackAfterReadReceipt/sample.json",
    "Group.CallbackAfterChangeGroupOwner" => "Group.CallbackAfterChangeGroupOwner/sample.json",
    "Group.CallbackOnDailyGroupQuotaAlarm" => "Group.CallbackOnDailyGroupQuotaAlarm/sample.json",
    "Group.CallbackAfterGroupMsgExtension" => "Group.CallbackAfterGroupMsgExtension/sample.json",
    "Group.CallbackAfterModifyMsg" => "Group.CallbackAfterModifyMsg/sample.json",
    "ContentCallback.ResultNotify" => "ContentCallback.ResultNotify/sample.json",
    // region: bots (§7)
    "Bot.OnC2CMessage" => "Bot.OnC2CMessage/sample.json",
    "Bot.OnGroupMessage" => "Bot.OnGroupMessage/sample.json",
    "Chatbot.OnC2CSignalMessage" => "Chatbot.OnC2CSignalMessage/sample.json",
    // endregion: bots
    // region: official accounts (§8)
    "OfficialAccount.CallbackBeforeCreateOfficialAccount" => "OfficialAccount.CallbackBeforeCreateOfficialAccount/sample.json",
    "OfficialAccount.CallbackAfterCreateOfficialAccount" => "OfficialAccount.CallbackAfterCreateOfficialAccount/sample.json",
    "OfficialAccount.CallbackAfterOfficialAccountInfoChanged" => "OfficialAccount.CallbackAfterOfficialAccountInfoChanged/sample.json",
    "OfficialAccount.CallbackAfterOfficialAccountDestroyed" => "OfficialAccount.CallbackAfterOfficialAccountDestroyed/sample.json",
    "OfficialAccount.CallbackBeforeAddSubscriber" => "OfficialAccount.CallbackBeforeAddSubscriber/sample.json",
    "OfficialAccount.CallbackAfterAddSubscriber" => "OfficialAccount.CallbackAfterAddSubscriber/sample.json",
    "OfficialAccount.CallbackAfterOfficialAccountFull" => "OfficialAccount.CallbackAfterOfficialAccountFull/sample.json",
    "OfficialAccount.CallbackAfterDeleteSubscriber" => "OfficialAccount.CallbackAfterDeleteSubscriber/sample.json",
    "OfficialAccount.CallbackBeforeSendMsg" => "OfficialAccount.CallbackBeforeSendMsg/sample.json",
    "OfficialAccount.CallbackAfterSendMsg" => "OfficialAccount.CallbackAfterSendMsg/sample.json",
    "OfficialAccount.CallbackAfterMsgWithDraw" => "OfficialAccount.CallbackAfterMsgWithDraw/sample.json",
    // endregion: official accounts
    // region: push (appendix P)
    "Push.OfflinePush" => "Push.OfflinePush/sample.json",
    "Push.AllMemberPush" => "Push.AllMemberPush/sample.json",
    // endregion: push
}

/// The documented sample body of `callback_command` (see [`DOCUMENTED`]).
///
/// ```
/// use tencent_live_webhook::testing::fixtures;
///
/// let body = fixtures::documented("Live.CallbackAfterEndBattle").unwrap();
/// assert!(body.contains("144115245353757792"));
/// assert!(fixtures::documented("Live.CallbackAfterNothing").is_none());
/// ```
pub fn documented(callback_command: &str) -> Option<&'static str> {
    DOCUMENTED
        .iter()
        .find(|(command, _)| *command == callback_command)
        .map(|(_, body)| body.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{TencentEvent, WebhookEvent};

    #[test]
    fn every_command_of_the_tables_has_its_documented_sample() {
        let listed: Vec<&str> = DOCUMENTED.iter().map(|(command, _)| *command).collect();
        assert_eq!(listed, TencentEvent::CALLBACK_COMMANDS);
    }

    #[test]
    fn every_documented_sample_decodes_as_its_command() {
        for (command, body) in DOCUMENTED {
            let event = TencentEvent::decode(command, body.as_bytes())
                .unwrap_or_else(|rejection| panic!("{command}: {rejection}"));
            assert_eq!(event.callback_command(), *command);
        }
    }
}
