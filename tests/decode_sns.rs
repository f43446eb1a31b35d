//! The fixtures of `Profile.CallbackPortraitSet` and the six `Sns.*`
//! commands (`tests/fixtures/<CallbackCommand>/`), decoded through the public
//! API (`ChatEvent::decode` and `TencentEvent::decode`), written back through
//! `Serialize` as the JSON given here (written out by hand from each file),
//! and refused with the right `ErrorCode` when invalid.

use serde_json::json;
use tencent_live_webhook::{
    AddType, BlocklistAdded, BlocklistDeleted, ChatEvent, FriendDecision, FriendRequested,
    FriendResponding, FriendsAdded, FriendsDeleted, ProfileChanged, Reply, ResponseAction,
    WebhookEvent,
};

mod fixture_files;
use fixture_files::{check_chat_cases, check_every_file_listed, read};

use fixture_files::Expect::{self, Refused, Written};

const PROFILE: &str = "Profile.CallbackPortraitSet";
const ADD: &str = "Sns.CallbackPrevFriendAdd";
const RESPONSE: &str = "Sns.CallbackPrevFriendResponse";
const FRIEND_ADD: &str = "Sns.CallbackFriendAdd";
const PAIR_ONLY: [&str; 3] = [
    "Sns.CallbackFriendDelete",
    "Sns.CallbackBlackListAdd",
    "Sns.CallbackBlackListDelete",
];

/// Every fixture of these commands: its command, its file (`invalid/` for
/// the refused ones) and what it must give.
fn cases() -> Vec<(&'static str, &'static str, Expect)> {
    let mut cases = vec![
        (
            PROFILE,
            "sample.json",
            Written(json!({
                "CallbackCommand": PROFILE,
                "From_Account": "id1", "Operator_Account": "id1",
                "ProfileItem": [
                    {"Tag": "Tag_Profile_IM_Nick", "Value": "nick1"},
                    {"Tag": "Tag_Profile_IM_Gender", "Value": "Gender_Type_Male"},
                    {"Tag": "Tag_Profile_IM_AllowType", "Value": "AllowType_Type_NeedConfirm"},
                    {"Tag": "Tag_Profile_Custom_Data", "Value": "your custom data"}
                ],
                "EventTime": 1656921052497_u64
            })),
        ),
        (
            PROFILE,
            "numeric_values_by_admin.json",
            Written(json!({
                "CallbackCommand": PROFILE,
                "From_Account": "144115233775727695", "Operator_Account": "admin",
                "ProfileItem": [
                    {"Tag": "Tag_Profile_IM_Level", "Value": 3},
                    {"Tag": "Tag_Profile_IM_BirthDay", "Value": 19900101},
                    {"Tag": "Tag_Profile_IM_Role", "Value": 0}
                ],
                "EventTime": 1656921152497_u64
            })),
        ),
        (
            PROFILE,
            "without_items_or_time.json",
            Written(json!({"CallbackCommand": PROFILE, "From_Account": "id1"})),
        ),
        (PROFILE, "invalid/missing_from_account.json", Refused(3005)),
        (PROFILE, "invalid/items_as_object.json", Refused(3005)),
        (PROFILE, "invalid/friend_add_command.json", Refused(3006)),
        (
            ADD,
            "sample.json",
            Written(json!({
                "CallbackCommand": ADD,
                "From_Account": "id", "Requester_Account": "id",
                "FriendItem": [
                    {"To_Account": "id1", "Remark": "remark1", "GroupName": "group1",
                     "AddSource": "AddSource_Type_Android", "AddWording": "this is id1!"},
                    {"To_Account": "id2", "Remark": "remark2", "GroupName": "group1",
                     "AddSource": "AddSource_Type_Android", "AddWording": "this is id2!"}
                ],
                "AddType": "Add_Type_Both", "ForceAddFlags": 0, "EventTime": 1631777344870_u64
            })),
        ),
        (
            ADD,
            "one_way_numbers_as_strings.json",
            Written(json!({
                "CallbackCommand": ADD,
                "From_Account": "144115233775727695", "Requester_Account": "admin",
                "FriendItem": [
                    {"To_Account": "144115233775727696", "AddSource": "AddSource_Type_Web"}
                ],
                "AddType": "Add_Type_Single", "ForceAddFlags": 1, "EventTime": 1631777444870_u64
            })),
        ),
        (
            ADD,
            "without_items.json",
            Written(json!({"CallbackCommand": ADD, "From_Account": "id"})),
        ),
        (ADD, "invalid/missing_from_account.json", Refused(3005)),
        (ADD, "invalid/empty_from_account.json", Refused(3005)),
        (ADD, "invalid/items_as_object.json", Refused(3005)),
        (ADD, "invalid/response_command.json", Refused(3006)),
        (
            RESPONSE,
            "sample.json",
            Written(json!({
                "CallbackCommand": RESPONSE,
                "From_Account": "id", "Requester_Account": "id",
                "ResponseFriendItem": [
                    {"To_Account": "id1", "Remark": "remark1", "TagName": "group1",
                     "ResponseAction": "Response_Action_AgreeAndAdd"},
                    {"To_Account": "id2", "Remark": "remark2", "TagName": "group2",
                     "ResponseAction": "Response_Action_Reject"}
                ],
                "EventTime": 1631777645424_u64
            })),
        ),
        (
            RESPONSE,
            "unknown_action_and_number_account.json",
            Written(json!({
                "CallbackCommand": RESPONSE,
                "From_Account": "144115233775727695",
                "ResponseFriendItem": [
                    {"To_Account": "id1", "ResponseAction": "Response_Action_Ignore"},
                    {"ResponseAction": "Response_Action_Agree"}
                ]
            })),
        ),
        (RESPONSE, "invalid/missing_from_account.json", Refused(3005)),
        (RESPONSE, "invalid/items_as_object.json", Refused(3005)),
        (RESPONSE, "invalid/add_command.json", Refused(3006)),
        (
            FRIEND_ADD,
            "sample.json",
            Written(json!({
                "CallbackCommand": FRIEND_ADD,
                "PairList": [
                    {"From_Account": "id", "To_Account": "id1", "Initiator_Account": "id"},
                    {"From_Account": "id", "To_Account": "id2", "Initiator_Account": "id"},
                    {"From_Account": "id", "To_Account": "id3", "Initiator_Account": "id"}
                ],
                "ClientCmd": "friend_add", "Admin_Account": "", "ForceFlag": 1
            })),
        ),
        (
            FRIEND_ADD,
            "response_both_ways.json",
            Written(json!({
                "CallbackCommand": FRIEND_ADD,
                "PairList": [
                    {"From_Account": "id1", "To_Account": "144115233775727695", "Initiator_Account": "id1"},
                    {"From_Account": "144115233775727695", "To_Account": "id1", "Initiator_Account": "id1"}
                ],
                "ClientCmd": "FriendResponse", "ForceFlag": 0
            })),
        ),
        (
            FRIEND_ADD,
            "empty_pair_list.json",
            Written(json!({"CallbackCommand": FRIEND_ADD, "PairList": []})),
        ),
        (FRIEND_ADD, "invalid/missing_pair_list.json", Refused(3005)),
        (
            FRIEND_ADD,
            "invalid/pair_list_as_object.json",
            Refused(3005),
        ),
        (FRIEND_ADD, "invalid/delete_command.json", Refused(3006)),
    ];
    for command in PAIR_ONLY {
        cases.extend([
            (
                command,
                "sample.json",
                Written(json!({
                    "CallbackCommand": command,
                    "PairList": [
                        {"From_Account": "id", "To_Account": "id1"},
                        {"From_Account": "id", "To_Account": "id2"},
                        {"From_Account": "id", "To_Account": "id3"}
                    ]
                })),
            ),
            (
                command,
                "number_accounts_and_extra_members.json",
                Written(json!({
                    "CallbackCommand": command,
                    "PairList": [
                        {"From_Account": "144115233775727695", "To_Account": "id1", "Initiator_Account": "id1"}
                    ]
                })),
            ),
            (command, "invalid/missing_pair_list.json", Refused(3005)),
            (command, "invalid/pair_as_array.json", Refused(3005)),
            (command, "invalid/friend_add_command.json", Refused(3006)),
        ]);
    }
    cases
}

#[test]
fn every_sns_fixture_decodes_as_written_here() {
    check_chat_cases(cases());
}

#[test]
fn every_sns_fixture_on_disk_is_listed() {
    let cases = cases();
    check_every_file_listed(
        [PROFILE, ADD, RESPONSE, FRIEND_ADD]
            .into_iter()
            .chain(PAIR_ONLY),
        cases.iter().map(|(command, file, _)| (*command, *file)),
    );
}

#[test]
fn each_command_is_its_own_type() {
    assert_eq!(ProfileChanged::COMMAND, PROFILE);
    assert_eq!(FriendRequested::COMMAND, ADD);
    assert_eq!(FriendResponding::COMMAND, RESPONSE);
    assert_eq!(FriendsAdded::COMMAND, FRIEND_ADD);
    assert_eq!(
        [
            FriendsDeleted::COMMAND,
            BlocklistAdded::COMMAND,
            BlocklistDeleted::COMMAND
        ],
        PAIR_ONLY
    );
}

#[test]
fn the_typed_fields_hold_what_the_samples_say() {
    let ChatEvent::FriendRequested(request) =
        ChatEvent::decode(ADD, &read(ADD, "sample.json")).unwrap()
    else {
        panic!("another variant");
    };
    assert_eq!(request.add_type, Some(AddType::Both));
    assert_eq!(request.force_add_flags, Some(0));
    let items = request.friend_items.as_deref().unwrap();
    assert_eq!(items[1].add_wording.as_deref(), Some("this is id2!"));

    let ChatEvent::FriendResponding(answer) =
        ChatEvent::decode(RESPONSE, &read(RESPONSE, "sample.json")).unwrap()
    else {
        panic!("another variant");
    };
    let items = answer.response_items.as_deref().unwrap();
    assert_eq!(items[0].response_action, Some(ResponseAction::AgreeAndAdd));
    assert_eq!(items[1].response_action, Some(ResponseAction::Reject));
    assert_eq!(items[1].tag_name.as_deref(), Some("group2"));
    assert_eq!(
        answer.event_time(),
        Some(std::time::UNIX_EPOCH + std::time::Duration::from_millis(1631777645424))
    );

    let ChatEvent::ProfileChanged(profile) =
        ChatEvent::decode(PROFILE, &read(PROFILE, "numeric_values_by_admin.json")).unwrap()
    else {
        panic!("another variant");
    };
    assert_eq!(profile.from_account, "144115233775727695");
    assert_eq!(
        profile.profile_items.unwrap()[1].value,
        Some(json!(19900101))
    );
}

/// The two friend-request questions answer per user: their fallback is the
/// rule "allow every user", and they name the users a decision covers, in
/// the body's order, leaving out an item without its user.
#[test]
fn the_friend_questions_name_their_users_and_allow_by_default() {
    for command in [ADD, RESPONSE] {
        assert_eq!(
            ChatEvent::fallback(command),
            Some(Reply::Friend(FriendDecision::allow_all())),
            "{command}"
        );
    }
    let request = ChatEvent::decode(ADD, &read(ADD, "sample.json")).unwrap();
    assert_eq!(
        request.decision_accounts(),
        Some(vec!["id1".to_owned(), "id2".to_owned()])
    );
    let answer = ChatEvent::decode(
        RESPONSE,
        &read(RESPONSE, "unknown_action_and_number_account.json"),
    )
    .unwrap();
    assert_eq!(answer.decision_accounts(), Some(vec!["id1".to_owned()]));
    let added = ChatEvent::decode(FRIEND_ADD, &read(FRIEND_ADD, "sample.json")).unwrap();
    assert_eq!(added.decision_accounts(), None);
    assert_eq!(ChatEvent::fallback(FRIEND_ADD), None);
}
