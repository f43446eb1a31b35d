//! The topics of a community: `Group.CallbackBeforeCreateTopic`,
//! `Group.CallbackAfterCreateTopic`, `Group.CallbackAfterTopicDestroyed` and
//! `Group.CallbackAfterTopicInfoChanged`.

use super::GroupType;
use crate::chat::CreateTopicDecision;

event! {
    /// `Group.CallbackBeforeCreateTopic`: a topic is about to be created in
    /// a community. A before-webhook: answer with a [`CreateTopicDecision`];
    /// when no decision is made, the topic is created (Tencent proceeds when
    /// the webhook times out). A refusal stops the topic and the caller gets
    /// error 10016, or the app's own code in
    /// [`GROUP_SENDER_CODES`](crate::GROUP_SENDER_CODES). Tencent sends it
    /// when the console's switch of `Group.CallbackBeforeCreateGroup` is on
    /// and the app uses topics.
    ///
    /// Tencent's only copy of the sample has no `GroupId` (which community)
    /// and no `EventTime`; both are read when present. Nothing is required:
    /// a body without a community still says who creates which topic.
    ///
    /// ```
    /// use tencent_live_webhook::{decode_json, TopicCreating};
    ///
    /// let body = br#"{"CallbackCommand":"Group.CallbackBeforeCreateTopic",
    ///     "Operator_Account":"leckie","Type":"Community","Name":"MyFirstTopic"}"#;
    /// let creating: TopicCreating = decode_json(TopicCreating::COMMAND, body)?;
    ///
    /// assert_eq!(creating.operator_account.as_deref(), Some("leckie"));
    /// assert_eq!(creating.name.as_deref(), Some("MyFirstTopic"));
    /// assert_eq!(creating.group_id, None);
    /// # Ok::<(), tencent_live_webhook::Rejection>(())
    /// ```
    #[derive(Default, Eq, Hash)]
    pub struct TopicCreating = "Group.CallbackBeforeCreateTopic",
        fallback(CreateTopicDecision::allow()) {
        /// `GroupId`: the community, when the body names it (Tencent's
        /// sample does not).
        pub group_id: Option<String> = "GroupId",
        /// `Operator_Account`: who creates the topic.
        pub operator_account: Option<String> = "Operator_Account",
        /// `Type`: the group's type, `Community`.
        pub group_type: Option<GroupType> = "Type",
        /// `Name`: the topic's name.
        pub name: Option<String> = "Name",
        /// `EventTime`: when the request came, Unix **milliseconds**; not
        /// in Tencent's sample.
        pub event_time_ms: Option<u64> = "EventTime",
    }
}

event! {
    /// `Group.CallbackAfterCreateTopic`: a topic was created in a community.
    ///
    /// Tencent's sample has a `GroupId` that is not the community part of
    /// its own `TopicId`: the two are kept as sent, neither derived from the
    /// other. No `EventTime` in the sample. Required: `GroupId` and
    /// `TopicId`.
    ///
    /// ```
    /// use tencent_live_webhook::{decode_json, TopicCreated};
    ///
    /// let body = br#"{"CallbackCommand":"Group.CallbackAfterCreateTopic",
    ///     "GroupId":"@TGS#2J4SZEAEL","TopicId":"@TGS#_@TGS#cQVLVHIM62CJ@TOPIC#_@TOPIC#cRTE3HIM62C5",
    ///     "Operator_Account":"group_root","Owner_Account":"leckie","Type":"Community",
    ///     "Name":"MyFirstTopic","UserDefinedDataList":[{"Key":"UserDefined1","Value":"hello"}]}"#;
    /// let created: TopicCreated = decode_json(TopicCreated::COMMAND, body)?;
    ///
    /// assert_eq!(created.topic_id, "@TGS#_@TGS#cQVLVHIM62CJ@TOPIC#_@TOPIC#cRTE3HIM62C5");
    /// assert_eq!(created.user_defined_data.unwrap()[0].value.as_deref(), Some("hello"));
    /// # Ok::<(), tencent_live_webhook::Rejection>(())
    /// ```
    #[derive(Default, Eq, Hash)]
    pub struct TopicCreated = "Group.CallbackAfterCreateTopic" {
        /// `GroupId`: the community. Required.
        pub group_id: String = required "GroupId",
        /// `TopicId`: the new topic. Required.
        pub topic_id: String = required "TopicId",
        /// `Operator_Account`: who created it.
        pub operator_account: Option<String> = "Operator_Account",
        /// `Owner_Account`: the community's owner.
        pub owner_account: Option<String> = "Owner_Account",
        /// `Type`: the group's type, `Community`.
        pub group_type: Option<GroupType> = "Type",
        /// `Name`: the topic's name.
        pub name: Option<String> = "Name",
        /// `UserDefinedDataList`: the custom fields given at creation (off
        /// unless enabled in Tencent's console).
        pub user_defined_data: Option<Vec<TopicDefinedField>> = "UserDefinedDataList",
        /// `EventTime`: when the topic was created, Unix **milliseconds**;
        /// not in Tencent's sample.
        pub event_time_ms: Option<u64> = "EventTime",
    }
}

object! {
    /// One element of [`TopicCreated::user_defined_data`]: `{Key, Value}`.
    #[derive(Default, Eq, Hash)]
    pub struct TopicDefinedField {
        /// `Key`: the field's name.
        pub key: Option<String> = "Key",
        /// `Value`: its value.
        pub value: Option<String> = "Value",
    }
}

event! {
    /// `Group.CallbackAfterTopicDestroyed`: topics of a community were
    /// deleted.
    ///
    /// Tencent's table calls `TopicIdList` a string; its sample, an array of
    /// strings, which is what is read. No operator, no `EventTime`.
    /// Required: `GroupId`.
    ///
    /// ```
    /// use tencent_live_webhook::{decode_json, TopicsDestroyed};
    ///
    /// let body = br#"{"CallbackCommand":"Group.CallbackAfterTopicDestroyed",
    ///     "GroupId":"@TGS#_@TGS#cQVLVHIM62CJ","Type":"Community",
    ///     "TopicIdList":["@TGS#_@TGS#cQVLVHIM62CJ@TOPIC#_TestTopic"]}"#;
    /// let destroyed: TopicsDestroyed = decode_json(TopicsDestroyed::COMMAND, body)?;
    ///
    /// assert_eq!(destroyed.topic_ids.unwrap(), ["@TGS#_@TGS#cQVLVHIM62CJ@TOPIC#_TestTopic"]);
    /// # Ok::<(), tencent_live_webhook::Rejection>(())
    /// ```
    #[derive(Default, Eq, Hash)]
    pub struct TopicsDestroyed = "Group.CallbackAfterTopicDestroyed" {
        /// `GroupId`: the community. Required.
        pub group_id: String = required "GroupId",
        /// `Type`: the group's type, `Community`.
        pub group_type: Option<GroupType> = "Type",
        /// `TopicIdList`: the deleted topics.
        pub topic_ids: Option<Vec<String>> = "TopicIdList",
        /// `EventTime`: when the topics were deleted, Unix **milliseconds**;
        /// not in Tencent's sample.
        pub event_time_ms: Option<u64> = "EventTime",
    }
}

event! {
    /// `Group.CallbackAfterTopicInfoChanged`: a topic's name, introduction,
    /// notice or face URL changed. Only the changed fields are sent.
    ///
    /// Tencent's only copy of the sample has no `TopicId`, so it does not say
    /// which topic changed; it is read when present. No `EventTime` in the
    /// sample. Required: `GroupId`.
    ///
    /// ```
    /// use tencent_live_webhook::{decode_json, TopicInfoChanged};
    ///
    /// let body = br#"{"CallbackCommand":"Group.CallbackAfterTopicInfoChanged",
    ///     "GroupId":"@TGS#2J4SZEAEL","Type":"Community","Operator_Account":"leckie",
    ///     "Notification":"NewNotification"}"#;
    /// let changed: TopicInfoChanged = decode_json(TopicInfoChanged::COMMAND, body)?;
    ///
    /// assert_eq!(changed.notification.as_deref(), Some("NewNotification"));
    /// assert_eq!((changed.name, changed.topic_id), (None, None));
    /// # Ok::<(), tencent_live_webhook::Rejection>(())
    /// ```
    #[derive(Default, Eq, Hash)]
    pub struct TopicInfoChanged = "Group.CallbackAfterTopicInfoChanged" {
        /// `GroupId`: the community. Required.
        pub group_id: String = required "GroupId",
        /// `TopicId`: the topic, when the body names it (Tencent's sample
        /// does not).
        pub topic_id: Option<String> = "TopicId",
        /// `Type`: the group's type, `Community`.
        pub group_type: Option<GroupType> = "Type",
        /// `Operator_Account`: who changed it.
        pub operator_account: Option<String> = "Operator_Account",
        /// `Name`: the new name.
        pub name: Option<String> = "Name",
        /// `Introduction`: the new introduction.
        pub introduction: Option<String> = "Introduction",
        /// `Notification`: the new notice.
        pub notification: Option<String> = "Notification",
        /// `FaceUrl`: the new face (profile photo) URL.
        pub face_url: Option<String> = "FaceUrl",
        /// `EventTime`: when it changed, Unix **milliseconds**; not in
        /// Tencent's sample.
        pub event_time_ms: Option<u64> = "EventTime",
    }
}

impl TopicCreating {
    /// When the request came; `None` when the body has no `EventTime` or it
    /// is past what `SystemTime` holds.
    pub fn event_time(&self) -> Option<std::time::SystemTime> {
        self.event_time_ms.and_then(crate::battle::unix_millis)
    }
}

impl TopicCreated {
    /// When the topic was created; `None` when the body has no `EventTime`
    /// or it is past what `SystemTime` holds.
    pub fn event_time(&self) -> Option<std::time::SystemTime> {
        self.event_time_ms.and_then(crate::battle::unix_millis)
    }
}

impl TopicsDestroyed {
    /// When the topics were deleted; `None` when the body has no
    /// `EventTime` or it is past what `SystemTime` holds.
    pub fn event_time(&self) -> Option<std::time::SystemTime> {
        self.event_time_ms.and_then(crate::battle::unix_millis)
    }
}

impl TopicInfoChanged {
    /// When the topic changed; `None` when the body has no `EventTime` or it
    /// is past what `SystemTime` holds.
    pub fn event_time(&self) -> Option<std::time::SystemTime> {
        self.event_time_ms.and_then(crate::battle::unix_millis)
    }
}
