//! The fixtures of the group webhooks of chat-commands.md §5.1-5.12 but
//! §5.7-5.8 (`tests/fixtures/<CallbackCommand>/`; the two message webhooks
//! are in `tests/decode_message.rs`), decoded through the public API
//! (`ChatEvent::decode` and `TencentEvent::decode`), written back through
//! `Serialize` as the JSON given here (written out by hand from each file),
//! and refused with the right `ErrorCode` when invalid.
//!
//! Every file in these commands' directories must be listed in [`cases`];
//! `every_group_fixture_on_disk_is_listed` fails otherwise.

use std::time::{Duration, UNIX_EPOCH};

use serde_json::json;
use tencent_live_webhook::{
    ChatEvent, CreateGroupDecision, ExitType, GroupCreated, GroupCreating, GroupDestroyed,
    GroupFull, GroupInfoChanged, GroupMember, GroupMessagesRecalled, GroupType, InviteDecision,
    InviteRequested, JoinGroupDecision, JoinRequested, JoinType, MembersExited, MembersJoined,
    Reply, WebhookEvent,
};

mod fixture_files;
use fixture_files::{check_chat_cases, check_every_file_listed, read};

use fixture_files::Expect::{self, Refused, Written};

/// The commands of this file, in the spec's order.
const COMMANDS: &[&str] = &[
    "Group.CallbackBeforeCreateGroup",
    "Group.CallbackAfterCreateGroup",
    "Group.CallbackBeforeApplyJoinGroup",
    "Group.CallbackBeforeInviteJoinGroup",
    "Group.CallbackAfterNewMemberJoin",
    "Group.CallbackAfterMemberExit",
    "Group.CallbackAfterGroupFull",
    "Group.CallbackAfterGroupDestroyed",
    "Group.CallbackAfterGroupInfoChanged",
    "Group.CallbackAfterRecallMsg",
];

/// Every fixture of these commands: its command, its file (`invalid/` for
/// the refused ones) and what it must give.
fn cases() -> Vec<(&'static str, &'static str, Expect)> {
    vec![
        // §5.1
        (
            "Group.CallbackBeforeCreateGroup",
            "sample.json",
            Written(json!({
                "CallbackCommand": "Group.CallbackBeforeCreateGroup",
                "Operator_Account": "leckie", "Owner_Account": "leckie", "Type": "Public",
                "Name": "MyFirstGroup", "CreateGroupNum": 123,
                "MemberList": [{"Member_Account": "bob"}, {"Member_Account": "peter"}],
                "EventTime": 1670574414123_u64
            })),
        ),
        (
            "Group.CallbackBeforeCreateGroup",
            "older_doc_created_num.json",
            Written(json!({
                "CallbackCommand": "Group.CallbackBeforeCreateGroup",
                "Operator_Account": "leckie", "Owner_Account": "leckie", "Type": "Public",
                "Name": "MyFirstGroup", "CreatedNum": 123,
                "MemberList": [{"Member_Account": "bob"}, {"Member_Account": "peter"}]
            })),
        ),
        (
            "Group.CallbackBeforeCreateGroup",
            "numbers_and_unknown_members.json",
            Written(json!({
                "CallbackCommand": "Group.CallbackBeforeCreateGroup",
                "Operator_Account": "144115245353757792", "Owner_Account": "144115245353757792",
                "Type": "Community", "Name": "pk-3 fans", "CreateGroupNum": 3,
                "MemberList": [{"Member_Account": "144115233775727695"}, {}],
                "EventTime": 1739955930100_u64
            })),
        ),
        (
            "Group.CallbackBeforeCreateGroup",
            "nothing_but_the_command.json",
            Written(json!({"CallbackCommand": "Group.CallbackBeforeCreateGroup"})),
        ),
        (
            "Group.CallbackBeforeCreateGroup",
            "invalid/member_list_as_object.json",
            Refused(3005),
        ),
        (
            "Group.CallbackBeforeCreateGroup",
            "invalid/negative_create_group_num.json",
            Refused(3005),
        ),
        (
            "Group.CallbackBeforeCreateGroup",
            "invalid/after_create_group_command.json",
            Refused(3006),
        ),
        // §5.2
        (
            "Group.CallbackAfterCreateGroup",
            "sample.json",
            Written(json!({
                "CallbackCommand": "Group.CallbackAfterCreateGroup",
                "GroupId": "@TGS#2J4SZEAEL", "Operator_Account": "group_root",
                "Owner_Account": "leckie", "Type": "Public", "Name": "MyFirstGroup",
                "Introduction": "introduction", "Notification": "notification",
                "MemberList": [{"Member_Account": "bob"}, {"Member_Account": "peter"}],
                "UserDefinedDataList": [
                    {"Key": "UserDefined1", "Value": "hello"},
                    {"Key": "UserDefined2", "Value": "world"}
                ],
                "EventTime": 1670574414123_u64
            })),
        ),
        (
            "Group.CallbackAfterCreateGroup",
            "numbers_and_unknown_members.json",
            Written(json!({
                "CallbackCommand": "Group.CallbackAfterCreateGroup",
                "GroupId": "1001555", "Operator_Account": "administrator",
                "Owner_Account": "144115245353757792", "Type": "Private", "Name": "pk-3 crew",
                "MemberList": [
                    {"Member_Account": "144115233775727695"},
                    {"Member_Account": "viewer-2"}
                ],
                "UserDefinedDataList": [{"Key": "Level", "Value": "3"}],
                "EventTime": 1739955931200_u64
            })),
        ),
        (
            "Group.CallbackAfterCreateGroup",
            "only_group_id.json",
            Written(json!({
                "CallbackCommand": "Group.CallbackAfterCreateGroup",
                "GroupId": "@TGS#_@TGS#cQVLVHIM62CJ"
            })),
        ),
        (
            "Group.CallbackAfterCreateGroup",
            "invalid/c2c_body_mock.json",
            Refused(3005),
        ),
        (
            "Group.CallbackAfterCreateGroup",
            "invalid/empty_group_id.json",
            Refused(3005),
        ),
        (
            "Group.CallbackAfterCreateGroup",
            "invalid/user_defined_data_as_object.json",
            Refused(3005),
        ),
        (
            "Group.CallbackAfterCreateGroup",
            "invalid/before_create_group_command.json",
            Refused(3006),
        ),
        // §5.3
        (
            "Group.CallbackBeforeApplyJoinGroup",
            "sample.json",
            Written(json!({
                "CallbackCommand": "Group.CallbackBeforeApplyJoinGroup",
                "GroupId": "@TGS#2J4SZEAEL", "Type": "Public", "Requestor_Account": "jared",
                "EventTime": 1670574414123_u64
            })),
        ),
        (
            "Group.CallbackBeforeApplyJoinGroup",
            "older_doc_without_event_time.json",
            Written(json!({
                "CallbackCommand": "Group.CallbackBeforeApplyJoinGroup",
                "GroupId": "@TGS#2J4SZEAEL", "Type": "Public", "Requestor_Account": "jared"
            })),
        ),
        (
            "Group.CallbackBeforeApplyJoinGroup",
            "numbers_and_unknown_members.json",
            Written(json!({
                "CallbackCommand": "Group.CallbackBeforeApplyJoinGroup",
                "GroupId": "pk-3-fans", "Type": "ChatRoom",
                "Requestor_Account": "144115233775727695", "EventTime": 1739955940300_u64
            })),
        ),
        (
            "Group.CallbackBeforeApplyJoinGroup",
            "invalid/missing_group_id.json",
            Refused(3005),
        ),
        (
            "Group.CallbackBeforeApplyJoinGroup",
            "invalid/empty_group_id.json",
            Refused(3005),
        ),
        (
            "Group.CallbackBeforeApplyJoinGroup",
            "invalid/group_id_as_list.json",
            Refused(3005),
        ),
        (
            "Group.CallbackBeforeApplyJoinGroup",
            "invalid/invite_join_group_command.json",
            Refused(3006),
        ),
        // §5.4
        (
            "Group.CallbackBeforeInviteJoinGroup",
            "sample.json",
            Written(json!({
                "CallbackCommand": "Group.CallbackBeforeInviteJoinGroup",
                "GroupId": "@TGS#2J4SZEAEL", "Type": "Public", "Operator_Account": "leckie",
                "DestinationMembers": [{"Member_Account": "jared"}, {"Member_Account": "leckie"}],
                "EventTime": 1670574414123_u64
            })),
        ),
        (
            "Group.CallbackBeforeInviteJoinGroup",
            "rest_add_numbers.json",
            Written(json!({
                "CallbackCommand": "Group.CallbackBeforeInviteJoinGroup",
                "GroupId": "pk-3-fans", "Type": "Private", "Operator_Account": "administrator",
                "DestinationMembers": [
                    {"Member_Account": "144115233775727695"},
                    {"Member_Account": "viewer-2"}
                ],
                "EventTime": 1739955950400_u64
            })),
        ),
        (
            "Group.CallbackBeforeInviteJoinGroup",
            "invalid/missing_group_id.json",
            Refused(3005),
        ),
        (
            "Group.CallbackBeforeInviteJoinGroup",
            "invalid/empty_group_id.json",
            Refused(3005),
        ),
        (
            "Group.CallbackBeforeInviteJoinGroup",
            "invalid/destination_members_as_object.json",
            Refused(3005),
        ),
        (
            "Group.CallbackBeforeInviteJoinGroup",
            "invalid/apply_join_group_command.json",
            Refused(3006),
        ),
        // §5.5
        (
            "Group.CallbackAfterNewMemberJoin",
            "sample.json",
            Written(json!({
                "CallbackCommand": "Group.CallbackAfterNewMemberJoin",
                "GroupId": "@TGS#2J4SZEAEL", "Type": "Public", "JoinType": "Apply",
                "Operator_Account": "leckie",
                "NewMemberList": [{"Member_Account": "jared"}, {"Member_Account": "tommy"}],
                "EventTime": 1670574414123_u64
            })),
        ),
        (
            "Group.CallbackAfterNewMemberJoin",
            "py_kafka_capture_invited.json",
            Written(json!({
                "CallbackCommand": "Group.CallbackAfterNewMemberJoin",
                "GroupId": "1001555", "JoinType": "Invited",
                "NewMemberList": [{"Member_Account": "161388184"}],
                "Operator_Account": "hxtest-q110", "Type": "Public"
            })),
        ),
        (
            "Group.CallbackAfterNewMemberJoin",
            "py_kafka_capture_hyphen.json",
            Written(json!({
                "CallbackCommand": "Group.CallbackAfterNewMemberJoin",
                "GroupId": "1001555", "JoinType": "Invited",
                "NewMemberList": [{"Member_Account": "hxtest-q118"}],
                "Operator_Account": "hxtest-q110", "Type": "Public"
            })),
        ),
        (
            "Group.CallbackAfterNewMemberJoin",
            "souyue_groovy_capture.json",
            Written(json!({
                "CallbackCommand": "Group.CallbackAfterNewMemberJoin",
                "GroupId": "1000688", "JoinType": "Apply",
                "NewMemberList": [{"Member_Account": "3230937"}],
                "Operator_Account": "3230937", "Type": "AVChatRoom"
            })),
        ),
        (
            "Group.CallbackAfterNewMemberJoin",
            "numbers_and_unknown_join_type.json",
            Written(json!({
                "CallbackCommand": "Group.CallbackAfterNewMemberJoin",
                "GroupId": "1001555", "Type": "AVChatRoom", "JoinType": "Added",
                "Operator_Account": "administrator",
                "NewMemberList": [{"Member_Account": "144115233775727695"}],
                "EventTime": 1739955960500_u64
            })),
        ),
        (
            "Group.CallbackAfterNewMemberJoin",
            "invalid/missing_group_id.json",
            Refused(3005),
        ),
        (
            "Group.CallbackAfterNewMemberJoin",
            "invalid/empty_group_id.json",
            Refused(3005),
        ),
        (
            "Group.CallbackAfterNewMemberJoin",
            "invalid/new_member_list_as_object.json",
            Refused(3005),
        ),
        (
            "Group.CallbackAfterNewMemberJoin",
            "invalid/member_exit_command.json",
            Refused(3006),
        ),
        // §5.6
        (
            "Group.CallbackAfterMemberExit",
            "sample.json",
            Written(json!({
                "CallbackCommand": "Group.CallbackAfterMemberExit",
                "GroupId": "@TGS#2J4SZEAEL", "Type": "Public", "ExitType": "Kicked",
                "Operator_Account": "leckie",
                "ExitMemberList": [{"Member_Account": "jared"}, {"Member_Account": "tommy"}]
            })),
        ),
        (
            "Group.CallbackAfterMemberExit",
            "quit_with_event_time.json",
            Written(json!({
                "CallbackCommand": "Group.CallbackAfterMemberExit",
                "GroupId": "@TGS#_@TGS#cQVLVHIM62CJ", "Type": "Community", "ExitType": "Quit",
                "Operator_Account": "viewer-2",
                "ExitMemberList": [{"Member_Account": "viewer-2"}],
                "EventTime": 1739956200600_u64
            })),
        ),
        (
            "Group.CallbackAfterMemberExit",
            "java_onlinenum_capture.json",
            Written(json!({
                "CallbackCommand": "Group.CallbackAfterMemberExit",
                "ExitMemberList": [{"Member_Account": "22951"}],
                "ExitType": "Quit", "GroupId": "22097", "Operator_Account": "22951",
                "Type": "AVChatRoom"
            })),
        ),
        (
            "Group.CallbackAfterMemberExit",
            "unknown_exit_type.json",
            Written(json!({
                "CallbackCommand": "Group.CallbackAfterMemberExit",
                "GroupId": "pk-3-fans", "Type": "Private", "ExitType": "AccountDeleted",
                "ExitMemberList": [{"Member_Account": "144115233775727695"}],
                "EventTime": 1739956210700_u64
            })),
        ),
        (
            "Group.CallbackAfterMemberExit",
            "invalid/missing_group_id.json",
            Refused(3005),
        ),
        (
            "Group.CallbackAfterMemberExit",
            "invalid/empty_group_id.json",
            Refused(3005),
        ),
        (
            "Group.CallbackAfterMemberExit",
            "invalid/exit_member_list_as_object.json",
            Refused(3005),
        ),
        (
            "Group.CallbackAfterMemberExit",
            "invalid/new_member_join_command.json",
            Refused(3006),
        ),
        // §5.9
        (
            "Group.CallbackAfterGroupFull",
            "sample.json",
            Written(json!({
                "CallbackCommand": "Group.CallbackAfterGroupFull",
                "GroupId": "@TGS#2J4SZEAEL", "EventTime": 1670574414123_u64
            })),
        ),
        (
            "Group.CallbackAfterGroupFull",
            "without_event_time.json",
            Written(json!({
                "CallbackCommand": "Group.CallbackAfterGroupFull", "GroupId": "@TGS#2J4SZEAEL"
            })),
        ),
        (
            "Group.CallbackAfterGroupFull",
            "numbers_and_unknown_members.json",
            Written(json!({
                "CallbackCommand": "Group.CallbackAfterGroupFull",
                "GroupId": "1001555", "EventTime": 1739956000800_u64
            })),
        ),
        (
            "Group.CallbackAfterGroupFull",
            "invalid/missing_group_id.json",
            Refused(3005),
        ),
        (
            "Group.CallbackAfterGroupFull",
            "invalid/empty_group_id.json",
            Refused(3005),
        ),
        (
            "Group.CallbackAfterGroupFull",
            "invalid/group_id_as_object.json",
            Refused(3005),
        ),
        (
            "Group.CallbackAfterGroupFull",
            "invalid/group_destroyed_command.json",
            Refused(3006),
        ),
        // §5.10
        (
            "Group.CallbackAfterGroupDestroyed",
            "sample.json",
            Written(json!({
                "CallbackCommand": "Group.CallbackAfterGroupDestroyed",
                "GroupId": "@TGS#2J4SZEAEL", "Type": "Public", "Owner_Account": "leckie",
                "Name": "MyFirstGroup",
                "MemberList": [
                    {"Member_Account": "leckie"},
                    {"Member_Account": "peter"},
                    {"Member_Account": "bob"}
                ],
                "EventTime": 1670574414123_u64
            })),
        ),
        (
            "Group.CallbackAfterGroupDestroyed",
            "community_without_member_list.json",
            Written(json!({
                "CallbackCommand": "Group.CallbackAfterGroupDestroyed",
                "GroupId": "@TGS#_@TGS#cQVLVHIM62CJ", "Type": "Community",
                "Owner_Account": "144115245353757792", "Name": "pk-3 community",
                "EventTime": 1739956290900_u64
            })),
        ),
        (
            "Group.CallbackAfterGroupDestroyed",
            "invalid/missing_group_id.json",
            Refused(3005),
        ),
        (
            "Group.CallbackAfterGroupDestroyed",
            "invalid/empty_group_id.json",
            Refused(3005),
        ),
        (
            "Group.CallbackAfterGroupDestroyed",
            "invalid/member_list_as_object.json",
            Refused(3005),
        ),
        (
            "Group.CallbackAfterGroupDestroyed",
            "invalid/group_full_command.json",
            Refused(3006),
        ),
        // §5.11
        (
            "Group.CallbackAfterGroupInfoChanged",
            "sample.json",
            Written(json!({
                "CallbackCommand": "Group.CallbackAfterGroupInfoChanged",
                "GroupId": "@TGS#2J4SZEAEL", "Type": "Public", "Operator_Account": "leckie",
                "Notification": "NewNotification", "EventTime": 1670574414123_u64
            })),
        ),
        (
            "Group.CallbackAfterGroupInfoChanged",
            "koa_capture.json",
            Written(json!({
                "CallbackCommand": "Group.CallbackAfterGroupInfoChanged",
                "EventTime": 1657389765743_u64,
                "GroupId": "e6a954aa-2419-4743-b968-a971f8077bf1",
                "Introduction": "test update group", "Name": "test update",
                "Operator_Account": "administrator", "Type": "AVChatRoom"
            })),
        ),
        (
            "Group.CallbackAfterGroupInfoChanged",
            "face_url_cleared.json",
            Written(json!({
                "CallbackCommand": "Group.CallbackAfterGroupInfoChanged",
                "GroupId": "pk-3-fans", "Type": "Private",
                "Operator_Account": "144115245353757792", "FaceUrl": "",
                "EventTime": 1739956100100_u64
            })),
        ),
        (
            "Group.CallbackAfterGroupInfoChanged",
            "invalid/missing_group_id.json",
            Refused(3005),
        ),
        (
            "Group.CallbackAfterGroupInfoChanged",
            "invalid/empty_group_id.json",
            Refused(3005),
        ),
        (
            "Group.CallbackAfterGroupInfoChanged",
            "invalid/name_as_object.json",
            Refused(3005),
        ),
        (
            "Group.CallbackAfterGroupInfoChanged",
            "invalid/recall_msg_command.json",
            Refused(3006),
        ),
        // §5.12
        (
            "Group.CallbackAfterRecallMsg",
            "sample.json",
            Written(json!({
                "CallbackCommand": "Group.CallbackAfterRecallMsg",
                "Operator_Account": "admin", "Type": "Community", "GroupId": "1213456",
                "MsgSeqList": [{"MsgSeq": 130}],
                "TopicId": "@TGS#_@TGS#cQVLVHIM62CJ@TOPIC#_TestTopic",
                "EventTime": 1670574414123_u64
            })),
        ),
        (
            "Group.CallbackAfterRecallMsg",
            "with_msg_id.json",
            Written(json!({
                "CallbackCommand": "Group.CallbackAfterRecallMsg",
                "Operator_Account": "admin", "Type": "Community", "GroupId": "1213456",
                "MsgSeqList": [{"MsgSeq": 130, "MsgId": "144115213033478435-1739361321-2512805311"}],
                "TopicId": "@TGS#_@TGS#cQVLVHIM62CJ@TOPIC#_TestTopic",
                "EventTime": 1670574414123_u64
            })),
        ),
        (
            "Group.CallbackAfterRecallMsg",
            "older_copy_without_topic.json",
            Written(json!({
                "CallbackCommand": "Group.CallbackAfterRecallMsg",
                "Operator_Account": "admin", "Type": "Public", "GroupId": "1213456",
                "MsgSeqList": [{"MsgSeq": 130}, {"MsgSeq": 131}]
            })),
        ),
        (
            "Group.CallbackAfterRecallMsg",
            "numbers_as_strings.json",
            Written(json!({
                "CallbackCommand": "Group.CallbackAfterRecallMsg",
                "Operator_Account": "144115245353757792", "Type": "ChatRoom",
                "GroupId": "1001555", "MsgSeqList": [{"MsgSeq": 19}, {}],
                "EventTime": 1739956120200_u64
            })),
        ),
        (
            "Group.CallbackAfterRecallMsg",
            "invalid/missing_group_id.json",
            Refused(3005),
        ),
        (
            "Group.CallbackAfterRecallMsg",
            "invalid/empty_group_id.json",
            Refused(3005),
        ),
        (
            "Group.CallbackAfterRecallMsg",
            "invalid/msg_seq_list_as_object.json",
            Refused(3005),
        ),
        (
            "Group.CallbackAfterRecallMsg",
            "invalid/negative_msg_seq.json",
            Refused(3005),
        ),
        (
            "Group.CallbackAfterRecallMsg",
            "invalid/group_info_changed_command.json",
            Refused(3006),
        ),
    ]
}

fn decode(command: &str, file: &str) -> ChatEvent {
    ChatEvent::decode(command, &read(command, file))
        .unwrap_or_else(|error| panic!("{command}/{file}: {error}"))
}

#[test]
fn every_group_fixture_decodes_as_written_here() {
    check_chat_cases(cases());
}

#[test]
fn every_group_fixture_on_disk_is_listed() {
    let cases = cases();
    check_every_file_listed(
        COMMANDS.iter().copied(),
        cases.iter().map(|(command, file, _)| (*command, *file)),
    );
}

#[test]
fn the_typed_fields_hold_what_the_samples_say() {
    let ChatEvent::GroupCreating(creating) = decode(GroupCreating::COMMAND, "sample.json") else {
        panic!("another variant");
    };
    assert_eq!(creating.group_type, Some(GroupType::Public));
    assert_eq!(creating.create_group_num, Some(123));
    assert_eq!(
        creating.members,
        Some(vec![GroupMember::new("bob"), GroupMember::new("peter")])
    );
    assert_eq!(
        creating.event_time(),
        Some(UNIX_EPOCH + Duration::from_millis(1670574414123))
    );

    let ChatEvent::GroupCreated(created) = decode(GroupCreated::COMMAND, "sample.json") else {
        panic!("another variant");
    };
    let fields = created.user_defined_data.unwrap();
    assert_eq!(fields[1].key.as_deref(), Some("UserDefined2"));
    assert_eq!(fields[1].value.as_deref(), Some("world"));

    let ChatEvent::JoinRequested(request) = decode(JoinRequested::COMMAND, "sample.json") else {
        panic!("another variant");
    };
    assert_eq!(request.requestor_account.as_deref(), Some("jared"));

    let ChatEvent::InviteRequested(invite) =
        decode(InviteRequested::COMMAND, "rest_add_numbers.json")
    else {
        panic!("another variant");
    };
    assert_eq!(
        invite.destination_members.unwrap()[0]
            .member_account
            .as_deref(),
        Some("144115233775727695")
    );

    let ChatEvent::MembersJoined(joined) =
        decode(MembersJoined::COMMAND, "numbers_and_unknown_join_type.json")
    else {
        panic!("another variant");
    };
    assert_eq!(joined.join_type, Some(JoinType::Other("Added".to_owned())));
    assert_eq!(joined.group_type, Some(GroupType::AVChatRoom));

    let ChatEvent::MembersExited(exited) = decode(MembersExited::COMMAND, "sample.json") else {
        panic!("another variant");
    };
    assert_eq!(exited.exit_type, Some(ExitType::Kicked));
    assert_eq!(exited.event_time(), None);

    let ChatEvent::GroupFull(full) = decode(GroupFull::COMMAND, "numbers_and_unknown_members.json")
    else {
        panic!("another variant");
    };
    assert_eq!(full.group_id, "1001555");

    let ChatEvent::GroupDestroyed(destroyed) = decode(
        GroupDestroyed::COMMAND,
        "community_without_member_list.json",
    ) else {
        panic!("another variant");
    };
    assert_eq!(destroyed.group_type, Some(GroupType::Community));
    assert_eq!(destroyed.members, None);

    let ChatEvent::GroupInfoChanged(changed) =
        decode(GroupInfoChanged::COMMAND, "face_url_cleared.json")
    else {
        panic!("another variant");
    };
    assert_eq!(changed.face_url.as_deref(), Some(""));
    assert_eq!(changed.name, None);

    let ChatEvent::GroupMessagesRecalled(recalled) =
        decode(GroupMessagesRecalled::COMMAND, "with_msg_id.json")
    else {
        panic!("another variant");
    };
    let message = &recalled.messages.unwrap()[0];
    assert_eq!(message.msg_seq, Some(130));
    assert_eq!(
        message.msg_id.as_deref(),
        Some("144115213033478435-1739361321-2512805311")
    );
}

#[test]
fn the_group_decisions_fall_back_to_allow() {
    let fallback = |command: &str| ChatEvent::fallback(command).map(|reply| reply.to_bytes());
    assert_eq!(
        fallback(GroupCreating::COMMAND),
        Some(Reply::from(CreateGroupDecision::allow()).to_bytes())
    );
    assert_eq!(
        fallback(JoinRequested::COMMAND),
        Some(Reply::from(JoinGroupDecision::allow()).to_bytes())
    );
    assert_eq!(
        fallback(InviteRequested::COMMAND),
        Some(Reply::from(InviteDecision::allow()).to_bytes())
    );
    for command in &COMMANDS[4..] {
        assert_eq!(fallback(command), None, "{command}");
    }
    assert_eq!(fallback(GroupCreated::COMMAND), None);
}
