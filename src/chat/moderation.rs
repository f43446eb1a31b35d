//! `ContentCallback.ResultNotify`: Tencent's cloud moderation judged some
//! content.

use serde_json::Value;

event! {
    /// `ContentCallback.ResultNotify`: Tencent's cloud moderation ("Content
    /// Understanding") judged a message, a profile or a group's info. By
    /// default only violations are reported.
    ///
    /// The body has **no `CallbackCommand`**: the query's names the command.
    /// Its spellings differ from the rest of Chat: `MsgID` (capital D),
    /// `ToGroupId` (in [`ModerationContact`]), and `SdkAppId` (capital I, a
    /// JSON number; the query's `SdkAppid` is a string). `MsgID` is a C2C
    /// message's `MsgKey`, or a group message's `MsgSeq` as a string (with
    /// the group in `ContactItem.ToGroupId`). Nothing is required: non-message
    /// scenes have no message id, and a result is read whatever it holds.
    ///
    /// ```
    /// use tencent_live_webhook::{decode_json, ModerationResult, ModerationScene, ModerationVerdict};
    ///
    /// let body = br#"{"Scene":"C2C","SdkAppId":1400187352,"From_Account":"jared",
    ///     "ContactItem":{"ContactType":1,"To_Account":"Jonh"},"ContentType":"Text",
    ///     "TextContent":["aaabbbccc"],"MsgID":"1434460578_4137340972_1661154487",
    ///     "CtxcbResult":1,"CtxcbRequestId":"241ed925-4c56-4357-95dd-1e6e7798f214"}"#;
    /// let result: ModerationResult = decode_json(ModerationResult::COMMAND, body)?;
    ///
    /// assert_eq!(result.scene, Some(ModerationScene::C2c));
    /// assert_eq!(result.verdict, Some(ModerationVerdict::Blocked));
    /// assert_eq!(result.texts(), ["aaabbbccc"]);
    /// # Ok::<(), tencent_live_webhook::Rejection>(())
    /// ```
    #[derive(Default, Eq)]
    pub struct ModerationResult = "ContentCallback.ResultNotify" {
        /// `Scene`: what was moderated.
        pub scene: Option<ModerationScene> = "Scene",
        /// `SdkAppId`: the app, inside the body.
        pub sdk_app_id: Option<u64> = "SdkAppId",
        /// `From_Account`: the content's author.
        pub from_account: Option<String> = "From_Account",
        /// `ContactItem`: the recipient, for messages.
        pub contact: Option<ModerationContact> = "ContactItem",
        /// `ContentType`: `Text`, `Image`, `Audio` or `Video`.
        pub content_type: Option<ModerationContentType> = "ContentType",
        /// `TextContent`: the text, when `ContentType` is `Text`: an array of
        /// strings in Tencent's sample, a string in an older table; kept as
        /// sent (read it with [`texts`](Self::texts)).
        pub text_content: Option<Value> = "TextContent",
        /// `FileURL`: the file, for an image, audio or video.
        pub file_url: Option<String> = "FileURL",
        /// `MsgID`: the message: a C2C `MsgKey`, or a group `MsgSeq` as a
        /// string.
        pub msg_id: Option<String> = "MsgID",
        /// `CtxcbResult`: blocked (1) or passed (0).
        pub verdict: Option<ModerationVerdict> = "CtxcbResult",
        /// `CtxcbRequestId`: the moderation request's id.
        pub request_id: Option<String> = "CtxcbRequestId",
        /// `CtxcbKeywords`: the keywords matched, for text.
        pub keywords: Option<Vec<String>> = "CtxcbKeywords",
        /// `CtxcbSuggestion`: the moderation's suggestion (`Review` in
        /// Tencent's sample), as sent.
        pub suggestion: Option<String> = "CtxcbSuggestion",
        /// `CtxcbLabel`: the violation's label (`Sexy`, ...).
        pub label: Option<String> = "CtxcbLabel",
        /// `CtxcbSubLabel`: its sub-label (`InsinuationPorn`, ...).
        pub sub_label: Option<String> = "CtxcbSubLabel",
        /// `CtxcbSubLabelDesc`: the sub-label, in words.
        pub sub_label_desc: Option<String> = "CtxcbSubLabelDesc",
        /// `CtxcbLibName`: the custom library matched.
        pub lib_name: Option<String> = "CtxcbLibName",
        /// `CloudCustomData`: the message's custom data.
        pub cloud_custom_data: Option<String> = "CloudCustomData",
    }
}

impl ModerationResult {
    /// The strings of `TextContent`: its elements when it is an array (those
    /// that are strings), itself when it is a string, none otherwise.
    pub fn texts(&self) -> Vec<&str> {
        match &self.text_content {
            Some(Value::String(text)) => vec![text.as_str()],
            Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        }
    }
}

object! {
    /// [`ModerationResult::contact`]: to whom the message went.
    #[derive(Default, Eq, Hash)]
    pub struct ModerationContact {
        /// `ContactType`: one-to-one (1) or group (2).
        pub contact_type: Option<ModerationContactType> = "ContactType",
        /// `To_Account`: the recipient, for a one-to-one message.
        pub to_account: Option<String> = "To_Account",
        /// `ToGroupId` (sic): the group, for a group message.
        pub to_group_id: Option<String> = "ToGroupId",
    }
}

code_enum! {
    /// [`ModerationContact::contact_type`]: a one-to-one or a group message.
    pub enum ModerationContactType {
        /// `1`: one-to-one.
        C2c = 1,
        /// `2`: group.
        Group = 2,
    }
}

code_enum! {
    /// [`ModerationResult::verdict`]: the moderation's result.
    pub enum ModerationVerdict {
        /// `0`: passed.
        Passed = 0,
        /// `1`: blocked.
        Blocked = 1,
    }
}

string_enum! {
    /// [`ModerationResult::scene`]: what was moderated.
    pub enum ModerationScene {
        /// `C2C`: a one-to-one message.
        C2c = "C2C",
        /// `C2CCustom`: a one-to-one custom message.
        C2cCustom = "C2CCustom",
        /// `Group`: a group message.
        Group = "Group",
        /// `GroupCustom`: a group custom message.
        GroupCustom = "GroupCustom",
        /// `GroupInfo`: a group's profile.
        GroupInfo = "GroupInfo",
        /// `GroupMemberInfo`: a group member's profile.
        GroupMemberInfo = "GroupMemberInfo",
        /// `RelationChain`: the relationship chain (friend remarks, ...).
        RelationChain = "RelationChain",
        /// `UserInfo`: a user's profile.
        UserInfo = "UserInfo",
    }
}

string_enum! {
    /// [`ModerationResult::content_type`]: the kind of content.
    pub enum ModerationContentType {
        /// `Text`.
        Text = "Text",
        /// `Image`.
        Image = "Image",
        /// `Audio`.
        Audio = "Audio",
        /// `Video`.
        Video = "Video",
    }
}
