//! `Bot.OnGroupMessage`: a user mentioned chatbots in a group message.

use std::time::SystemTime;

use crate::battle::unix_millis;
use crate::chat::GroupType;
use crate::message::MsgElement;

event! {
    /// `Bot.OnGroupMessage`: a user @-mentioned one or more chatbots in a
    /// group message (the console's "chatbot event callback" switch). An
    /// @all mention does **not** fire it; one message mentioning two bots
    /// fires it once, with both in
    /// [`at_robots_account`](Self::at_robots_account).
    ///
    /// Required: `GroupId`. `MsgSeq`, the group's counter, is the message's
    /// other key, but a group message is known by its group without it, as
    /// for the room messages.
    ///
    /// ```
    /// use tencent_live_webhook::{decode_json, BotMentioned};
    ///
    /// let body = br#"{"CallbackCommand":"Bot.OnGroupMessage","GroupId":"@TGS#2J4SZEAEL",
    ///     "Type":"Public","From_Account":"jared","Operator_Account":"admin",
    ///     "Random":2804799576,"MsgSeq":123,"MsgTime":1490686222,"OnlineOnlyFlag":1,
    ///     "MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"@@RBT#001 hello"}}],
    ///     "AtRobots_Account":["@RBT#001"],"EventTime":1670574414123}"#;
    /// let mention: BotMentioned = decode_json(BotMentioned::COMMAND, body)?;
    ///
    /// assert_eq!(mention.group_id, "@TGS#2J4SZEAEL");
    /// assert_eq!(mention.random, Some(2804799576));
    /// assert_eq!(mention.at_robots_account.as_deref(), Some(&["@RBT#001".to_owned()][..]));
    /// assert_eq!(mention.texts().collect::<Vec<_>>(), ["@@RBT#001 hello"]);
    /// # Ok::<(), tencent_live_webhook::Rejection>(())
    /// ```
    #[derive(Default, Eq)]
    pub struct BotMentioned = "Bot.OnGroupMessage" {
        /// `GroupId`: the group. Required.
        pub group_id: String = required "GroupId",
        /// `Type`: the group's type (`Public`, `Private`, `ChatRoom`,
        /// `AVChatRoom`, `Community`, ...), as sent.
        pub group_type: Option<GroupType> = "Type",
        /// `From_Account`: the sender.
        pub from_account: Option<String> = "From_Account",
        /// `Operator_Account`: who made the request (`admin` for the REST
        /// API).
        pub operator_account: Option<String> = "Operator_Account",
        /// `Random`: the message's random number, a 32-bit unsigned integer.
        pub random: Option<u64> = "Random",
        /// `MsgSeq`: the message's sequence number in the group.
        pub msg_seq: Option<u64> = "MsgSeq",
        /// `MsgTime`: when the message was sent, Unix **seconds**.
        pub msg_time: Option<u64> = "MsgTime",
        /// `OnlineOnlyFlag`: a message for online members only (written `1`
        /// or `0`); audio-video groups ignore it.
        #[serde(serialize_with = "crate::message::flag_as_integer")]
        pub online_only: Option<bool> = "OnlineOnlyFlag",
        /// `MsgBody`: the message's elements; its text starts with `@` and
        /// the bot's id (`@@RBT#001 hello`).
        pub msg_body: Option<Vec<MsgElement>> = "MsgBody",
        /// `AtRobots_Account`: the chatbots mentioned, one or more.
        pub at_robots_account: Option<Vec<String>> = "AtRobots_Account",
        /// `CloudCustomData`: the message's custom data.
        pub cloud_custom_data: Option<String> = "CloudCustomData",
        /// `TopicId`: the topic, in a community with topics (in Tencent's
        /// field table, not its sample).
        pub topic_id: Option<String> = "TopicId",
        /// `EventTime`: when Tencent fired the event, Unix **milliseconds**.
        pub event_time_ms: Option<u64> = "EventTime",
    }
}

impl BotMentioned {
    /// The texts of the message's text elements, in order.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.msg_body
            .iter()
            .flatten()
            .filter_map(MsgElement::as_text)
    }

    /// When Tencent fired the event; `None` when the body has no
    /// `EventTime` or it is past what `SystemTime` holds.
    pub fn event_time(&self) -> Option<SystemTime> {
        self.event_time_ms.and_then(unix_millis)
    }
}
