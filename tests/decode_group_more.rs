//! The fixtures of the group commands of `chat-commands.md` §5.13-5.25 and
//! the moderation result (§6.1) (`tests/fixtures/<CallbackCommand>/`),
//! decoded through the public API (`ChatEvent::decode` and
//! `TencentEvent::decode`), written back through `Serialize` as the JSON
//! given here (written out by hand from each file), and refused with the
//! right `ErrorCode` when invalid.
//!
//! Every file in these commands' directories must be listed in [`cases`];
//! `every_fixture_of_these_commands_on_disk_is_listed` fails otherwise.

use serde_json::json;
use tencent_live_webhook::{
    ChatEvent, ExtensionOperation, GroupAttrOption, GroupMemberEventCause, GroupMemberEventType,
    GroupMemberRoleChange, ModerationContactType, ModerationContentType, ModerationScene,
    ModerationVerdict, MsgElement, TencentEvent, WebhookEvent,
};

mod fixture_files;
use fixture_files::{check_chat_cases, check_every_file_listed, read};

/// The commands of this file, in the table's order.
const COMMANDS: &[&str] = &[
    "Group.CallbackOnMemberStateChange",
    "Group.CallbackSendMsgException",
    "Group.CallbackBeforeCreateTopic",
    "Group.CallbackAfterCreateTopic",
    "Group.CallbackAfterTopicDestroyed",
    "Group.CallbackAfterTopicInfoChanged",
    "Group.CallbackAfterMemberFieldChanged",
    "Group.CallbackAfterGroupAttrChanged",
    "Group.CallbackAfterReadReceipt",
    "Group.CallbackAfterChangeGroupOwner",
    "Group.CallbackOnDailyGroupQuotaAlarm",
    "Group.CallbackAfterGroupMsgExtension",
    "Group.CallbackAfterModifyMsg",
    "ContentCallback.ResultNotify",
];

use fixture_files::Expect::{self, Refused, Written};

const MEMBER_STATE: &str = "Group.CallbackOnMemberStateChange";
const EXCEPTION: &str = "Group.CallbackSendMsgException";
const BEFORE_TOPIC: &str = "Group.CallbackBeforeCreateTopic";
const AFTER_TOPIC: &str = "Group.CallbackAfterCreateTopic";
const TOPIC_DESTROYED: &str = "Group.CallbackAfterTopicDestroyed";
const TOPIC_INFO: &str = "Group.CallbackAfterTopicInfoChanged";
const MEMBER_FIELD: &str = "Group.CallbackAfterMemberFieldChanged";
const ATTR: &str = "Group.CallbackAfterGroupAttrChanged";
const RECEIPT: &str = "Group.CallbackAfterReadReceipt";
const OWNER: &str = "Group.CallbackAfterChangeGroupOwner";
const QUOTA: &str = "Group.CallbackOnDailyGroupQuotaAlarm";
const EXTENSION: &str = "Group.CallbackAfterGroupMsgExtension";
const MODIFY: &str = "Group.CallbackAfterModifyMsg";
const MODERATION: &str = "ContentCallback.ResultNotify";

/// Every fixture of these commands: its command, its file (`invalid/` for
/// the refused ones) and what it must give.
fn cases() -> Vec<(&'static str, &'static str, Expect)> {
    vec![
        // §5.13
        (
            MEMBER_STATE,
            "sample.json",
            Written(json!({
                "CallbackCommand": MEMBER_STATE, "GroupId": "@TGS#2J4SZEAEL",
                "EventType": "Offline", "EventCause": "HeartbeatInterrupt",
                "MemberList": [{"Member_Account": "jared"}, {"Member_Account": "tommy"}],
                "EventTime": 1670574414123_u64
            })),
        ),
        (
            MEMBER_STATE,
            "as_printed_without_event_cause.json",
            Written(json!({
                "CallbackCommand": MEMBER_STATE, "GroupId": "@TGS#2J4SZEAEL",
                "EventType": "Offline",
                "MemberList": [{"Member_Account": "jared"}, {"Member_Account": "tommy"}],
                "EventTime": 1670574414123_u64
            })),
        ),
        (
            MEMBER_STATE,
            "join_numbers_and_unknown_members.json",
            Written(json!({
                "CallbackCommand": MEMBER_STATE, "GroupId": "@TGS#aV6ZA2LOP",
                "EventType": "Online", "EventCause": "Join",
                "MemberList": [{"Member_Account": "144115233775727695"}],
                "EventTime": 1670574415000_u64
            })),
        ),
        (
            MEMBER_STATE,
            "only_group_id.json",
            Written(json!({
                "CallbackCommand": MEMBER_STATE, "GroupId": "@TGS#2J4SZEAEL",
                "EventType": "Reconnected", "MemberList": []
            })),
        ),
        (MEMBER_STATE, "invalid/missing_group_id.json", Refused(3005)),
        (MEMBER_STATE, "invalid/empty_group_id.json", Refused(3005)),
        (
            MEMBER_STATE,
            "invalid/member_list_as_object.json",
            Refused(3005),
        ),
        (
            MEMBER_STATE,
            "invalid/live_member_state_command.json",
            Refused(3006),
        ),
        // §5.14
        (
            EXCEPTION,
            "sample.json",
            Written(json!({
                "CallbackCommand": EXCEPTION, "GroupId": "@TGS#2J4SZEAEL", "Type": "Public",
                "From_Account": "jared", "Operator_Account": "admin", "Random": 123456,
                "OnlineOnlyFlag": 1,
                "MsgBody": [{"MsgType": "TIMTextElem", "MsgContent": {"Text": "red packet"}}],
                "CloudCustomData": "your cloud custom data", "ErrorCode": 10023,
                "ErrorInfo": "msg count exceeds limit,please retry later",
                "EventTime": 1670574414123_u64
            })),
        ),
        (
            EXCEPTION,
            "strings_and_big_random.json",
            Written(json!({
                "CallbackCommand": EXCEPTION, "GroupId": "@TGS#aV6ZA2LOP", "Type": "AVChatRoom",
                "From_Account": "144115233775727695", "Random": 2804799576_u64,
                "OnlineOnlyFlag": 0,
                "MsgBody": [{"MsgType": "TIMCustomElem", "MsgContent": {"Data": "{\"gift\":1}"}}],
                "ErrorCode": 10017, "ErrorInfo": "sender is muted",
                "EventTime": 1670574414123_u64
            })),
        ),
        (
            EXCEPTION,
            "without_msg_body.json",
            Written(json!({
                "CallbackCommand": EXCEPTION, "GroupId": "nonexistent", "ErrorCode": 10010
            })),
        ),
        (EXCEPTION, "invalid/missing_group_id.json", Refused(3005)),
        (EXCEPTION, "invalid/empty_group_id.json", Refused(3005)),
        (EXCEPTION, "invalid/msg_body_as_object.json", Refused(3005)),
        (EXCEPTION, "invalid/negative_random.json", Refused(3005)),
        (
            EXCEPTION,
            "invalid/after_send_msg_command.json",
            Refused(3006),
        ),
        // §5.15
        (
            BEFORE_TOPIC,
            "sample.json",
            Written(json!({
                "CallbackCommand": BEFORE_TOPIC, "Operator_Account": "leckie",
                "Type": "Community", "Name": "MyFirstTopic"
            })),
        ),
        (
            BEFORE_TOPIC,
            "with_group_id_and_event_time.json",
            Written(json!({
                "CallbackCommand": BEFORE_TOPIC, "GroupId": "@TGS#_@TGS#cQVLVHIM62CJ",
                "Operator_Account": "144115233775727695", "Type": "Community",
                "Name": "Battles", "EventTime": 1670574414123_u64
            })),
        ),
        (
            BEFORE_TOPIC,
            "empty.json",
            Written(json!({"CallbackCommand": BEFORE_TOPIC})),
        ),
        (BEFORE_TOPIC, "invalid/name_as_array.json", Refused(3005)),
        (
            BEFORE_TOPIC,
            "invalid/group_id_as_object.json",
            Refused(3005),
        ),
        (
            BEFORE_TOPIC,
            "invalid/before_create_group_command.json",
            Refused(3006),
        ),
        // §5.16
        (
            AFTER_TOPIC,
            "sample.json",
            Written(json!({
                "CallbackCommand": AFTER_TOPIC, "GroupId": "@TGS#2J4SZEAEL",
                "TopicId": "@TGS#_@TGS#cQVLVHIM62CJ@TOPIC#_@TOPIC#cRTE3HIM62C5",
                "Operator_Account": "group_root", "Owner_Account": "leckie",
                "Type": "Community", "Name": "MyFirstTopic",
                "UserDefinedDataList": [
                    {"Key": "UserDefined1", "Value": "hello"},
                    {"Key": "UserDefined2", "Value": "world"}
                ]
            })),
        ),
        (
            AFTER_TOPIC,
            "without_custom_fields_event_time_number.json",
            Written(json!({
                "CallbackCommand": AFTER_TOPIC, "GroupId": "@TGS#_@TGS#cQVLVHIM62CJ",
                "TopicId": "@TGS#_@TGS#cQVLVHIM62CJ@TOPIC#_TestTopic",
                "Operator_Account": "144115233775727695", "Type": "Community",
                "Name": "TestTopic", "EventTime": 1670574414123_u64
            })),
        ),
        (AFTER_TOPIC, "invalid/missing_topic_id.json", Refused(3005)),
        (AFTER_TOPIC, "invalid/empty_group_id.json", Refused(3005)),
        (
            AFTER_TOPIC,
            "invalid/user_defined_data_as_object.json",
            Refused(3005),
        ),
        (
            AFTER_TOPIC,
            "invalid/before_create_topic_command.json",
            Refused(3006),
        ),
        // §5.17
        (
            TOPIC_DESTROYED,
            "sample.json",
            Written(json!({
                "CallbackCommand": TOPIC_DESTROYED, "GroupId": "@TGS#_@TGS#cQVLVHIM62CJ",
                "Type": "Community",
                "TopicIdList": [
                    "@TGS#_@TGS#cQVLVHIM62CJ@TOPIC#_TestTopic",
                    "@TGS#_@TGS#cQVLVHIM62CJ@TOPIC#_TestTopic_1"
                ]
            })),
        ),
        (
            TOPIC_DESTROYED,
            "without_topic_list.json",
            Written(json!({
                "CallbackCommand": TOPIC_DESTROYED, "GroupId": "@TGS#_@TGS#cQVLVHIM62CJ",
                "EventTime": 1670574414123_u64
            })),
        ),
        (
            TOPIC_DESTROYED,
            "invalid/missing_group_id.json",
            Refused(3005),
        ),
        (
            TOPIC_DESTROYED,
            "invalid/topic_id_list_as_string.json",
            Refused(3005),
        ),
        (
            TOPIC_DESTROYED,
            "invalid/group_destroyed_command.json",
            Refused(3006),
        ),
        // §5.18
        (
            TOPIC_INFO,
            "sample.json",
            Written(json!({
                "CallbackCommand": TOPIC_INFO, "GroupId": "@TGS#2J4SZEAEL", "Type": "Community",
                "Operator_Account": "leckie", "Name": "TestTopic",
                "Introduction": "TestIntroduction", "Notification": "NewNotification",
                "FaceUrl": "http://this.is.face.url"
            })),
        ),
        (
            TOPIC_INFO,
            "only_notice_with_topic_id.json",
            Written(json!({
                "CallbackCommand": TOPIC_INFO, "GroupId": "@TGS#_@TGS#cQVLVHIM62CJ",
                "TopicId": "@TGS#_@TGS#cQVLVHIM62CJ@TOPIC#_TestTopic",
                "Operator_Account": "144115233775727695", "Notification": "",
                "EventTime": 1670574414123_u64
            })),
        ),
        (TOPIC_INFO, "invalid/missing_group_id.json", Refused(3005)),
        (TOPIC_INFO, "invalid/group_id_null.json", Refused(3005)),
        (TOPIC_INFO, "invalid/name_as_object.json", Refused(3005)),
        (
            TOPIC_INFO,
            "invalid/group_info_changed_command.json",
            Refused(3006),
        ),
        // §5.19
        (
            MEMBER_FIELD,
            "sample.json",
            Written(json!({
                "CallbackCommand": MEMBER_FIELD, "GroupId": "@TGS#xxxx", "Type": "Community",
                "Operator_Account": "admin", "Member_Account": "123456", "Role": "Admin",
                "NameCard": "jacky", "EventTime": 1670574414123_u64
            })),
        ),
        (
            MEMBER_FIELD,
            "name_card_only_numbers.json",
            Written(json!({
                "CallbackCommand": MEMBER_FIELD, "GroupId": "@TGS#aV6ZA2LOP", "Type": "Public",
                "Operator_Account": "144115233775727695",
                "Member_Account": "144115233775727695", "NameCard": "",
                "EventTime": 1670574414123_u64
            })),
        ),
        (
            MEMBER_FIELD,
            "role_member_unknown_type.json",
            Written(json!({
                "CallbackCommand": MEMBER_FIELD, "GroupId": "@TGS#xxxx", "Type": "Live",
                "Member_Account": "123456", "Role": "Member"
            })),
        ),
        (MEMBER_FIELD, "invalid/missing_group_id.json", Refused(3005)),
        (MEMBER_FIELD, "invalid/empty_group_id.json", Refused(3005)),
        (
            MEMBER_FIELD,
            "invalid/member_account_as_array.json",
            Refused(3005),
        ),
        (
            MEMBER_FIELD,
            "invalid/owner_changed_command.json",
            Refused(3006),
        ),
        // §5.20
        (
            ATTR,
            "sample.json",
            Written(json!({
                "CallbackCommand": ATTR, "GroupId": "@TGS#2J4SZEAEL", "Type": "Public",
                "Operator_Account": "leckie", "OptionType": "set",
                "GroupAttr": [{"key": "key1", "value": "value1"}, {"key": "key2", "value": "values"}],
                "EventTime": 1670574414123_u64
            })),
        ),
        (
            ATTR,
            "clear_without_attributes.json",
            Written(json!({
                "CallbackCommand": ATTR, "GroupId": "@TGS#2J4SZEAEL", "Type": "Public",
                "Operator_Account": "administrator", "OptionType": "clear", "GroupAttr": [],
                "EventTime": 1670574414123_u64
            })),
        ),
        (
            ATTR,
            "upper_case_keys_ignored.json",
            Written(json!({
                "CallbackCommand": ATTR, "GroupId": "@TGS#2J4SZEAEL", "OptionType": "rename",
                "GroupAttr": [{"key": "key1", "value": "7"}]
            })),
        ),
        (ATTR, "invalid/missing_group_id.json", Refused(3005)),
        (ATTR, "invalid/group_attr_as_object.json", Refused(3005)),
        (ATTR, "invalid/key_given_twice.json", Refused(3005)),
        (
            ATTR,
            "invalid/group_info_changed_command.json",
            Refused(3006),
        ),
        // §5.21
        (
            RECEIPT,
            "sample.json",
            Written(json!({
                "CallbackCommand": RECEIPT, "GroupId": "@TGS#2TTV7VSII", "Type": "Public",
                "GroupMsgReceiptList": [
                    {"MsgSeq": 1, "ReadNum": 1, "UnreadNum": 6,
                     "ReadReceiptMembers": [{"Member_Account": "user0"}]},
                    {"MsgSeq": 2, "ReadNum": 1, "UnreadNum": 6,
                     "ReadReceiptMembers": [{"Member_Account": "user0"}]}
                ],
                "EventTime": 1670574414123_u64
            })),
        ),
        (
            RECEIPT,
            "counts_as_strings_without_members.json",
            Written(json!({
                "CallbackCommand": RECEIPT, "GroupId": "@TGS#2TTV7VSII",
                "GroupMsgReceiptList": [{"MsgSeq": 3, "ReadNum": 2, "UnreadNum": 0}],
                "EventTime": 1670574414123_u64
            })),
        ),
        (RECEIPT, "invalid/doc_sample_as_printed.txt", Refused(3004)),
        (RECEIPT, "invalid/missing_group_id.json", Refused(3005)),
        (
            RECEIPT,
            "invalid/receipt_list_as_object.json",
            Refused(3005),
        ),
        (RECEIPT, "invalid/negative_unread_num.json", Refused(3005)),
        (
            RECEIPT,
            "invalid/c2c_read_receipt_command.json",
            Refused(3006),
        ),
        // §5.22
        (
            OWNER,
            "sample.json",
            Written(json!({
                "CallbackCommand": OWNER, "GroupId": "@TGS#2TTV7VSII", "Type": "Public",
                "Operator_Account": "admin", "OldOwner_Account": "user1",
                "NewOwner_Account": "user2", "EventTime": 1670574414123_u64
            })),
        ),
        (
            OWNER,
            "numbers_without_old_owner.json",
            Written(json!({
                "CallbackCommand": OWNER, "GroupId": "@TGS#aV6ZA2LOP", "Type": "Community",
                "Operator_Account": "144115245353757792",
                "NewOwner_Account": "144115233775727695", "EventTime": 1670574414123_u64
            })),
        ),
        (OWNER, "invalid/missing_group_id.json", Refused(3005)),
        (OWNER, "invalid/empty_group_id.json", Refused(3005)),
        (OWNER, "invalid/new_owner_as_object.json", Refused(3005)),
        (
            OWNER,
            "invalid/live_change_owner_command.json",
            Refused(3006),
        ),
        // §5.23
        (
            QUOTA,
            "sample.json",
            Written(json!({
                "CallbackCommand": QUOTA, "QuotaUsed": 7321, "Quota": 10000,
                "EventTime": 1670574414123_u64
            })),
        ),
        (
            QUOTA,
            "numbers_as_strings.json",
            Written(json!({
                "CallbackCommand": QUOTA, "QuotaUsed": 8001, "Quota": 10000,
                "EventTime": 1670574514123_u64
            })),
        ),
        (
            QUOTA,
            "empty.json",
            Written(json!({"CallbackCommand": QUOTA})),
        ),
        (QUOTA, "invalid/quota_as_fraction.json", Refused(3005)),
        (QUOTA, "invalid/body_as_array.json", Refused(3005)),
        (
            QUOTA,
            "invalid/request_over_limit_command.json",
            Refused(3006),
        ),
        // §5.24
        (
            EXTENSION,
            "sample.json",
            Written(json!({
                "CallbackCommand": EXTENSION, "GroupId": "test", "MsgSeq": 10, "OperateType": 1,
                "ExtensionList": [
                    {"Key": "key2", "Value": "value2", "Seq": 56},
                    {"Key": "key3", "Value": "12122", "Seq": 56}
                ],
                "Seq": 56, "EventTime": 1764688294360_u64
            })),
        ),
        (
            EXTENSION,
            "delete.json",
            Written(json!({
                "CallbackCommand": EXTENSION, "GroupId": "test", "MsgSeq": 10, "OperateType": 2,
                "ExtensionList": [
                    {"Key": "key2", "Value": "", "Seq": 57},
                    {"Key": "key3", "Value": "", "Seq": 57}
                ],
                "Seq": 57, "EventTime": 1764688312045_u64
            })),
        ),
        (
            EXTENSION,
            "clear.json",
            Written(json!({
                "CallbackCommand": EXTENSION, "GroupId": "test", "MsgSeq": 10, "OperateType": 3,
                "ExtensionList": [], "Seq": 58, "EventTime": 1764688329047_u64
            })),
        ),
        (
            EXTENSION,
            "strings_and_unknown_operation.json",
            Written(json!({
                "CallbackCommand": EXTENSION, "GroupId": "@TGS#_@TGS#cQVLVHIM62CJ",
                "MsgSeq": 11, "OperateType": 4,
                "ExtensionList": [{"Key": "likes", "Value": "12", "Seq": 59}],
                "Seq": 59, "EventTime": 1764688329047_u64
            })),
        ),
        (EXTENSION, "invalid/missing_group_id.json", Refused(3005)),
        (EXTENSION, "invalid/empty_group_id.json", Refused(3005)),
        (
            EXTENSION,
            "invalid/extension_list_as_object.json",
            Refused(3005),
        ),
        (
            EXTENSION,
            "invalid/c2c_extension_command.json",
            Refused(3006),
        ),
        // §5.25: the fields inferred.
        (
            MODIFY,
            "sample.json",
            Written(json!({
                "CallbackCommand": MODIFY, "GroupId": "@TGS#2J4SZEAEL", "Type": "Public",
                "Operator_Account": "jared", "From_Account": "jared", "MsgSeq": 123,
                "MsgTime": 1670574414,
                "MsgBody": [{"MsgType": "TIMTextElem", "MsgContent": {"Text": "red packet (edited)"}}],
                "CloudCustomData": "your cloud custom data", "EventTime": 1670574414123_u64
            })),
        ),
        (
            MODIFY,
            "topic_numbers_and_unknown_element.json",
            Written(json!({
                "CallbackCommand": MODIFY, "GroupId": "@TGS#_@TGS#cQVLVHIM62CJ",
                "TopicId": "@TGS#_@TGS#cQVLVHIM62CJ@TOPIC#_TestTopic", "Type": "Community",
                "From_Account": "144115233775727695", "MsgSeq": 124,
                "MsgBody": [{"MsgType": "TIMNewElem", "MsgContent": {"Whatever": [1, {"a": null}]}}],
                "EventTime": 1670574414123_u64
            })),
        ),
        (
            MODIFY,
            "empty.json",
            Written(json!({"CallbackCommand": MODIFY})),
        ),
        (
            MODIFY,
            "without_callback_command.json",
            Written(json!({
                "CallbackCommand": MODIFY, "GroupId": "@TGS#2J4SZEAEL", "MsgSeq": 125
            })),
        ),
        (MODIFY, "invalid/body_as_array.json", Refused(3005)),
        (MODIFY, "invalid/member_given_twice.json", Refused(3005)),
        (MODIFY, "invalid/msg_body_as_object.json", Refused(3005)),
        (MODIFY, "invalid/c2c_modify_command.json", Refused(3006)),
        // §6.1: no CallbackCommand in the body.
        (
            MODERATION,
            "sample.json",
            Written(json!({
                "CallbackCommand": MODERATION, "Scene": "C2C", "SdkAppId": 1400187352,
                "From_Account": "jared", "ContactItem": {"ContactType": 1, "To_Account": "Jonh"},
                "ContentType": "Text", "TextContent": ["aaabbbccc", "1234567"],
                "MsgID": "1434460578_4137340972_1661154487", "CtxcbResult": 1,
                "CtxcbRequestId": "241ed925-4c56-4357-95dd-1e6e7798f214",
                "CtxcbKeywords": ["aaabbbccc", "1234567"], "CtxcbSuggestion": "Review",
                "CtxcbLabel": "Sexy", "CtxcbSubLabel": "InsinuationPorn",
                "CtxcbSubLabelDesc": "影射XX", "CtxcbLibName": "test",
                "CloudCustomData": "aaabbbccc"
            })),
        ),
        (
            MODERATION,
            "en_copy.json",
            Written(json!({
                "CallbackCommand": MODERATION, "Scene": "C2C", "SdkAppId": 1400187352,
                "From_Account": "jared", "ContactItem": {"ContactType": 1, "To_Account": "Jonh"},
                "ContentType": "Text", "TextContent": ["aaabbbccc", "1234567"],
                "MsgID": "1434460578_4137340972_1661154487", "CtxcbResult": 1,
                "CtxcbRequestId": "241ed925-4c56-4357-95dd-1e6e7798f214",
                "CtxcbKeywords": ["aaabbbccc", "1234567"], "CtxcbSuggestion": "Review",
                "CtxcbLabel": "Sexy", "CtxcbSubLabel": "InsinuationPorn",
                "CtxcbSubLabelDesc": "XXXX", "CtxcbLibName": "test",
                "CloudCustomData": "aaabbbccc"
            })),
        ),
        (
            MODERATION,
            "older_copy_cut.json",
            Written(json!({
                "CallbackCommand": MODERATION, "Scene": "C2C", "SdkAppId": 1400187352,
                "From_Account": "jared", "ContactItem": {"ContactType": 1, "To_Account": "Jonh"},
                "ContentType": "Text", "TextContent": ["aaabbbccc", "1234567"],
                "MsgID": "1434460578_4137340972_1661154487", "CtxcbResult": 1,
                "CtxcbRequestId": "241ed925-4c56-4357-95dd-1e6e7798f214"
            })),
        ),
        (
            MODERATION,
            "group_image.json",
            Written(json!({
                "CallbackCommand": MODERATION, "Scene": "Group", "SdkAppId": 1400187352,
                "From_Account": "144115233775727695",
                "ContactItem": {"ContactType": 2, "ToGroupId": "@TGS#2J4SZEAEL"},
                "ContentType": "Image",
                "FileURL": "https://example.cos.ap-guangzhou.myqcloud.com/image.jpg",
                "MsgID": "123", "CtxcbResult": 1,
                "CtxcbRequestId": "5b9b7c2e-0000-4000-8000-000000000001",
                "CtxcbSuggestion": "Block", "CtxcbLabel": "Porn"
            })),
        ),
        (
            MODERATION,
            "text_content_as_string.json",
            Written(json!({
                "CallbackCommand": MODERATION, "Scene": "UserInfo", "From_Account": "jared",
                "ContentType": "Text", "TextContent": "my nickname", "CtxcbResult": 0,
                "CtxcbRequestId": "5b9b7c2e-0000-4000-8000-000000000002",
                "CtxcbSuggestion": "Pass"
            })),
        ),
        (
            MODERATION,
            "invalid/contact_item_as_array.json",
            Refused(3005),
        ),
        (
            MODERATION,
            "invalid/sdk_app_id_negative.json",
            Refused(3005),
        ),
        (MODERATION, "invalid/keywords_as_string.json", Refused(3005)),
        (
            MODERATION,
            "invalid/state_change_command.json",
            Refused(3006),
        ),
    ]
}

fn decode(command: &str, file: &str) -> ChatEvent {
    ChatEvent::decode(command, &read(command, file))
        .unwrap_or_else(|error| panic!("{command}/{file}: {error}"))
}

#[test]
fn these_commands_are_in_the_chat_table_only() {
    for command in COMMANDS {
        assert!(ChatEvent::claims(command), "{command}");
        assert!(TencentEvent::claims(command), "{command}");
        assert!(
            !tencent_live_webhook::LiveEvent::claims(command),
            "{command}"
        );
    }
}

#[test]
fn every_fixture_decodes_as_written_here() {
    check_chat_cases(cases());
}

#[test]
fn every_fixture_of_these_commands_on_disk_is_listed() {
    let cases = cases();
    check_every_file_listed(
        COMMANDS.iter().copied(),
        cases.iter().map(|(command, file, _)| (*command, *file)),
    );
}

#[test]
fn the_typed_fields_hold_what_the_samples_say() {
    let ChatEvent::GroupMemberStateChanged(state) = decode(MEMBER_STATE, "sample.json") else {
        panic!("another variant");
    };
    assert_eq!(state.event_type, Some(GroupMemberEventType::Offline));
    assert_eq!(
        state.event_cause,
        Some(GroupMemberEventCause::HeartbeatInterrupt)
    );
    assert_eq!(
        state.event_time(),
        Some(std::time::UNIX_EPOCH + std::time::Duration::from_millis(1670574414123))
    );

    let ChatEvent::GroupMessageFailed(failed) = decode(EXCEPTION, "strings_and_big_random.json")
    else {
        panic!("another variant");
    };
    assert_eq!(failed.random, Some(2804799576));
    assert_eq!(failed.online_only, Some(false));
    assert_eq!(failed.error_code, Some(10017));

    let ChatEvent::TopicCreating(creating) = decode(BEFORE_TOPIC, "sample.json") else {
        panic!("another variant");
    };
    assert_eq!(creating.group_id, None);
    assert_eq!(creating.name.as_deref(), Some("MyFirstTopic"));

    let ChatEvent::GroupMemberFieldChanged(field) =
        decode(MEMBER_FIELD, "role_member_unknown_type.json")
    else {
        panic!("another variant");
    };
    assert_eq!(field.role, Some(GroupMemberRoleChange::Member));
    assert_eq!(
        field.group_type,
        Some(tencent_live_webhook::GroupType::Live)
    );

    let ChatEvent::GroupAttrsChanged(attrs) = decode(ATTR, "upper_case_keys_ignored.json") else {
        panic!("another variant");
    };
    assert_eq!(
        attrs.option_type,
        Some(GroupAttrOption::Other("rename".into()))
    );

    let ChatEvent::GroupMsgExtensionChanged(extension) =
        decode(EXTENSION, "strings_and_unknown_operation.json")
    else {
        panic!("another variant");
    };
    assert_eq!(extension.operate_type, Some(ExtensionOperation::Other(4)));
    let ChatEvent::GroupMsgExtensionChanged(extension) = decode(EXTENSION, "clear.json") else {
        panic!("another variant");
    };
    assert_eq!(extension.operate_type, Some(ExtensionOperation::Clear));
    assert_eq!(extension.extensions, Some(vec![]));

    let ChatEvent::GroupMessageModified(modified) = decode(MODIFY, "sample.json") else {
        panic!("another variant");
    };
    assert_eq!(modified.group_id.as_deref(), Some("@TGS#2J4SZEAEL"));
    assert_eq!(modified.msg_time, Some(1670574414));
    assert_eq!(
        modified.msg_body,
        Some(vec![MsgElement::text("red packet (edited)")])
    );

    let ChatEvent::ModerationResult(result) = decode(MODERATION, "group_image.json") else {
        panic!("another variant");
    };
    assert_eq!(result.scene, Some(ModerationScene::Group));
    assert_eq!(result.content_type, Some(ModerationContentType::Image));
    assert_eq!(result.verdict, Some(ModerationVerdict::Blocked));
    let contact = result.contact.unwrap();
    assert_eq!(contact.contact_type, Some(ModerationContactType::Group));
    assert_eq!(contact.to_group_id.as_deref(), Some("@TGS#2J4SZEAEL"));
    assert_eq!(result.sdk_app_id, Some(1400187352));
    let ChatEvent::ModerationResult(result) = decode(MODERATION, "text_content_as_string.json")
    else {
        panic!("another variant");
    };
    assert_eq!(result.texts(), ["my nickname"]);
    assert_eq!(result.verdict, Some(ModerationVerdict::Passed));
}
