//! `Group.CallbackBeforeSendMsg`: a room message is about to be delivered,
//! and the app decides whether it goes out, and in what form.

use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use super::{flag_as_integer, MsgElement};
use crate::battle::unix_millis;
use crate::lenient;
use crate::reply::MessageDecision;

/// `Group.CallbackBeforeSendMsg`: a message sent in a live room, before
/// Tencent delivers it. A before-webhook: answer with a
/// [`MessageDecision`] (allow, reject, discard, or deliver a modified
/// `MsgBody`); a handler that answers anything else allows the message, as
/// Tencent does when the webhook fails.
///
/// Decoding is lenient, because Tencent does not retry: unknown fields are
/// ignored; accounts may be JSON strings or numbers and keep every digit;
/// `EventTime` and `Random` may be numeric strings (Tencent's own samples
/// print `EventTime` as a string); `null` reads as absent. Only `GroupId` is
/// required: real traffic often has no `MsgId`. A body without a `GroupId`,
/// with a `MsgBody` that is not an array, or with an element whose content
/// cannot be read (see [`MsgElement`]) is refused. A member the body does not
/// have is `None`, and is not written when the event is serialised; the
/// accessors of the same name ([`from_account`](Self::from_account()),
/// [`random`](Self::random()), ...) read it with the old defaults.
///
/// ```
/// use tencent_live_webhook::{decode_json, MessageSending, MsgElement};
///
/// let body = br#"{"CallbackCommand":"Group.CallbackBeforeSendMsg","GroupId":"pk-3",
///     "Type":"Live","From_Account":144115233775727695,"Operator_Account":"144115233775727695",
///     "Random":123456,"MsgId":"144115233775727695-1739956060-2718281828",
///     "MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"red packet"}}],
///     "CloudCustomData":"","EventTime":"1739956060210"}"#;
/// let message: MessageSending = decode_json(MessageSending::COMMAND, body)?;
///
/// assert_eq!(message.group_id, "pk-3");
/// assert_eq!(message.from_account(), "144115233775727695");
/// assert_eq!(message.msg_id.as_deref(), Some("144115233775727695-1739956060-2718281828"));
/// assert_eq!(message.texts().collect::<Vec<_>>(), ["red packet"]);
/// assert_eq!(message.event_time_ms, Some(1739956060210));
/// assert_eq!(message.msg_body()[0], MsgElement::text("red packet"));
/// # Ok::<(), tencent_live_webhook::Rejection>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "CallbackCommand", rename = "Group.CallbackBeforeSendMsg")]
#[non_exhaustive]
pub struct MessageSending {
    /// `GroupId`: the room (its Chat group id). Required.
    #[serde(rename = "GroupId", deserialize_with = "lenient::id")]
    pub group_id: String,
    /// `Type`: the room's group type, `"Live"` for a live room.
    #[serde(
        rename = "Type",
        default,
        deserialize_with = "lenient::option_account",
        skip_serializing_if = "Option::is_none"
    )]
    pub room_type: Option<String>,
    /// `From_Account`: the sender. Real bodies write `"@TLS#NOT_FOUND"` for a
    /// message sent through the REST API without a sender.
    #[serde(
        rename = "From_Account",
        default,
        deserialize_with = "lenient::option_account",
        skip_serializing_if = "Option::is_none"
    )]
    pub from_account: Option<String>,
    /// `Operator_Account`: who made the request (an admin when the message
    /// was sent through the REST API; `""`, `"@TIM#SYSTEM"` and
    /// `"@TLS#NOT_FOUND"` occur).
    #[serde(
        rename = "Operator_Account",
        default,
        deserialize_with = "lenient::option_account",
        skip_serializing_if = "Option::is_none"
    )]
    pub operator_account: Option<String>,
    /// `Random`: the request's random number (real bodies go above 2^31).
    #[serde(
        rename = "Random",
        default,
        deserialize_with = "lenient::option_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub random: Option<u64>,
    /// `MsgId`: the message's id, given by the sender's client. Only
    /// Tencent's newest samples have it: the captures of real traffic found
    /// so far do not, so a message without one is read.
    #[serde(
        rename = "MsgId",
        default,
        deserialize_with = "lenient::option_account",
        skip_serializing_if = "Option::is_none"
    )]
    pub msg_id: Option<String>,
    /// `MsgBody`: the message's elements, in order.
    #[serde(
        rename = "MsgBody",
        default,
        deserialize_with = "lenient::option_list",
        skip_serializing_if = "Option::is_none"
    )]
    pub msg_body: Option<Vec<MsgElement>>,
    /// `CloudCustomData`: the message's custom data.
    #[serde(
        rename = "CloudCustomData",
        default,
        deserialize_with = "lenient::option_account",
        skip_serializing_if = "Option::is_none"
    )]
    pub cloud_custom_data: Option<String>,
    /// `EventTime`: when Tencent fired the event, Unix **milliseconds**.
    #[serde(
        rename = "EventTime",
        default,
        deserialize_with = "lenient::option_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub event_time_ms: Option<u64>,
    /// `OnlineOnlyFlag`: whether the message is for online members only
    /// (written `1` or `0`). Chat's generic webhook sends it; live rooms
    /// ignore it.
    #[serde(
        rename = "OnlineOnlyFlag",
        default,
        deserialize_with = "lenient::option_flag",
        serialize_with = "flag_as_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub online_only: Option<bool>,
    /// `TopicId`: the topic, in a Chat community with topics; not used by
    /// live rooms.
    #[serde(
        rename = "TopicId",
        default,
        deserialize_with = "lenient::option_account",
        skip_serializing_if = "Option::is_none"
    )]
    pub topic_id: Option<String>,
}

callback!(
    MessageSending = "Group.CallbackBeforeSendMsg",
    fallback = MessageDecision::allow()
);

impl MessageSending {
    /// The sender (`From_Account`); `""` when the body has none.
    pub fn from_account(&self) -> &str {
        self.from_account.as_deref().unwrap_or_default()
    }

    /// Who made the request (`Operator_Account`); `""` when the body has none.
    pub fn operator_account(&self) -> &str {
        self.operator_account.as_deref().unwrap_or_default()
    }

    /// The request's random number (`Random`); `0` when the body has none.
    pub fn random(&self) -> u64 {
        self.random.unwrap_or(0)
    }

    /// The message's id (`MsgId`); `""` when the body has none, as real
    /// traffic often does.
    pub fn msg_id(&self) -> &str {
        self.msg_id.as_deref().unwrap_or_default()
    }

    /// The message's elements (`MsgBody`), in order; empty when the body has
    /// none.
    pub fn msg_body(&self) -> &[MsgElement] {
        self.msg_body.as_deref().unwrap_or_default()
    }

    /// The texts of the message's text elements, in order: what a word
    /// filter reads.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.msg_body().iter().filter_map(MsgElement::as_text)
    }

    /// When Tencent fired the event.
    pub fn event_time(&self) -> Option<SystemTime> {
        self.event_time_ms.and_then(unix_millis)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode_json;
    use crate::rejection::Rejection;
    use crate::{CustomElem, FaceElem, TextElem};
    use serde_json::json;

    const SAMPLE: &str = r#"{"CallbackCommand":"Group.CallbackBeforeSendMsg","GroupId":"@TGS#2J4SZEAEL","Type":"Live","From_Account":"jared","Operator_Account":"admin","Random":123456,"MsgId":"144115233406643804-1727580296-4026038328","MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"red packet"}}],"CloudCustomData":"your cloud custom data","EventTime":"1670574414123"}"#;

    fn decode(body: &str) -> Result<MessageSending, Rejection> {
        decode_json(MessageSending::COMMAND, body.as_bytes())
    }

    #[test]
    fn decodes_the_documented_sample() {
        let message = decode(SAMPLE).unwrap();
        assert_eq!(
            message,
            MessageSending {
                group_id: "@TGS#2J4SZEAEL".into(),
                room_type: Some("Live".into()),
                from_account: Some("jared".into()),
                operator_account: Some("admin".into()),
                random: Some(123456),
                msg_id: Some("144115233406643804-1727580296-4026038328".into()),
                msg_body: Some(vec![MsgElement::text("red packet")]),
                cloud_custom_data: Some("your cloud custom data".into()),
                event_time_ms: Some(1670574414123),
                online_only: None,
                topic_id: None,
            }
        );
        assert_eq!(
            message
                .event_time()
                .unwrap()
                .duration_since(SystemTime::UNIX_EPOCH)
                .unwrap()
                .as_millis(),
            1670574414123
        );
    }

    #[test]
    fn serialises_to_tencent_names_and_back() {
        let mut message = decode(SAMPLE).unwrap();
        message.online_only = Some(false);
        message.topic_id = Some("@TGS#_@TGS#cQVLVHIM62CJ@TOPIC#_TestTopic".into());
        let json = serde_json::to_value(&message).unwrap();
        assert_eq!(json["CallbackCommand"], "Group.CallbackBeforeSendMsg");
        assert_eq!(json["GroupId"], "@TGS#2J4SZEAEL");
        assert_eq!(json["MsgId"], "144115233406643804-1727580296-4026038328");
        assert_eq!(json["EventTime"], 1670574414123_u64);
        assert_eq!(json["OnlineOnlyFlag"], 0);
        assert_eq!(
            json["MsgBody"],
            json!([{"MsgType": "TIMTextElem", "MsgContent": {"Text": "red packet"}}])
        );
        assert_eq!(decode(&json.to_string()).unwrap(), message);
    }

    #[test]
    fn absent_members_are_not_written() {
        let message = decode(r#"{"GroupId":"g"}"#).unwrap();
        assert_eq!(
            serde_json::to_string(&message).unwrap(),
            r#"{"CallbackCommand":"Group.CallbackBeforeSendMsg","GroupId":"g"}"#
        );
        assert_eq!(message.msg_id, None);
        assert_eq!(message.msg_id(), "");
        assert_eq!(message.from_account(), "");
        assert_eq!(message.operator_account(), "");
        assert_eq!(message.random(), 0);
        assert!(message.msg_body().is_empty());
        let empty = decode(r#"{"GroupId":"g","MsgBody":[],"From_Account":""}"#).unwrap();
        assert_eq!(empty.msg_body, Some(vec![]));
        assert_eq!(
            serde_json::to_string(&empty).unwrap(),
            r#"{"CallbackCommand":"Group.CallbackBeforeSendMsg","GroupId":"g","From_Account":"","MsgBody":[]}"#
        );
    }

    #[test]
    fn lenient_where_the_meaning_is_clear() {
        let message = decode(
            r#"{"GroupId":144115233775727695,"MsgId":"m","From_Account":144115233775727695,
                "Random":"42","OnlineOnlyFlag":"1","EventTime":1670574414123,"MsgBody":null,
                "CloudCustomData":null,"Type":null,"Unknown":{"a":[1]}}"#,
        )
        .unwrap();
        assert_eq!(message.group_id, "144115233775727695");
        assert_eq!(message.from_account(), "144115233775727695");
        assert_eq!(message.random, Some(42));
        assert_eq!(message.online_only, Some(true));
        assert_eq!(message.event_time_ms, Some(1670574414123));
        assert_eq!(message.msg_body, None);
        assert_eq!(message.cloud_custom_data, None);
        assert_eq!(message.room_type, None);
    }

    #[test]
    fn texts_reads_only_the_text_elements() {
        let mut message = MessageSending {
            group_id: "g".into(),
            ..MessageSending::default()
        };
        message.msg_body = Some(vec![
            MsgElement::text("one"),
            MsgElement::Custom(CustomElem {
                data: Some("not text".into()),
                ..CustomElem::default()
            }),
            MsgElement::Face(FaceElem::default()),
            TextElem::new("two").into(),
            MsgElement::Other(json!({"MsgType": "TIMRelayElem"})),
        ]);
        assert_eq!(message.texts().collect::<Vec<_>>(), ["one", "two"]);
    }

    #[test]
    fn refuses_what_cannot_be_understood() {
        for (body, path) in [
            (r#"{"MsgId":"m"}"#, None),
            (r#"{"GroupId":"","MsgId":"m"}"#, Some("`GroupId`")),
            (r#"{"GroupId":null,"MsgId":"m"}"#, Some("`GroupId`")),
            (r#"{"GroupId":"g","MsgId":1.5}"#, Some("`MsgId`")),
            (
                r#"{"GroupId":"g","MsgId":"m","MsgBody":{}}"#,
                Some("`MsgBody`"),
            ),
            (
                r#"{"GroupId":"g","MsgId":"m","MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":5}}]}"#,
                Some("`MsgBody[0].MsgContent.Text`"),
            ),
            (
                r#"{"GroupId":"g","MsgId":"m","MsgBody":[{"MsgContent":{"Text":"hi"}}]}"#,
                Some("`MsgBody[0]`"),
            ),
            (
                r#"{"GroupId":"g","MsgId":"m","Random":-1}"#,
                Some("`Random`"),
            ),
            (
                r#"{"GroupId":"g","MsgId":"m","OnlineOnlyFlag":2}"#,
                Some("`OnlineOnlyFlag`"),
            ),
            (r#"[{"GroupId":"g","MsgId":"m"}]"#, None),
        ] {
            let rejection = decode(body).expect_err(body);
            assert_eq!(rejection.error_code(), 3005, "{body}: {rejection}");
            if let Some(path) = path {
                assert!(rejection.to_string().contains(path), "{body}: {rejection}");
            }
        }
        let other =
            decode(r#"{"CallbackCommand":"Group.CallbackAfterSendMsg","GroupId":"g","MsgId":"m"}"#);
        assert_eq!(other.unwrap_err().error_code(), 3006);
    }
}
