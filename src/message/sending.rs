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
/// print `EventTime` as a string); `null` reads as absent. A body without a
/// `GroupId` or a `MsgId`, with a `MsgBody` that is not an array, or with an
/// element whose content cannot be read (see [`MsgElement`]) is refused.
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
/// assert_eq!(message.from_account, "144115233775727695");
/// assert_eq!(message.texts().collect::<Vec<_>>(), ["red packet"]);
/// assert_eq!(message.event_time_ms, Some(1739956060210));
/// assert_eq!(message.msg_body[0], MsgElement::text("red packet"));
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
    /// `From_Account`: the sender.
    #[serde(
        rename = "From_Account",
        default,
        deserialize_with = "lenient::account"
    )]
    pub from_account: String,
    /// `Operator_Account`: who made the request (an admin when the message
    /// was sent through the REST API).
    #[serde(
        rename = "Operator_Account",
        default,
        deserialize_with = "lenient::account"
    )]
    pub operator_account: String,
    /// `Random`: the request's 32-bit random number.
    #[serde(rename = "Random", default, deserialize_with = "lenient::integer")]
    pub random: u64,
    /// `MsgId`: the message's id, given by the sender's client. Required.
    #[serde(rename = "MsgId", deserialize_with = "lenient::id")]
    pub msg_id: String,
    /// `MsgBody`: the message's elements, in order.
    #[serde(rename = "MsgBody", default, deserialize_with = "lenient::list")]
    pub msg_body: Vec<MsgElement>,
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
    /// The texts of the message's text elements, in order: what a word
    /// filter reads.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.msg_body.iter().filter_map(MsgElement::as_text)
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
                from_account: "jared".into(),
                operator_account: "admin".into(),
                random: 123456,
                msg_id: "144115233406643804-1727580296-4026038328".into(),
                msg_body: vec![MsgElement::text("red packet")],
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
    fn absent_options_are_not_written() {
        let message = decode(r#"{"GroupId":"g","MsgId":"m"}"#).unwrap();
        let json = serde_json::to_value(&message).unwrap();
        for absent in [
            "Type",
            "CloudCustomData",
            "EventTime",
            "OnlineOnlyFlag",
            "TopicId",
        ] {
            assert!(json.get(absent).is_none(), "{absent} in {json}");
        }
        assert_eq!(json["MsgBody"], json!([]));
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
        assert_eq!(message.from_account, "144115233775727695");
        assert_eq!(message.random, 42);
        assert_eq!(message.online_only, Some(true));
        assert_eq!(message.event_time_ms, Some(1670574414123));
        assert!(message.msg_body.is_empty());
        assert_eq!(message.cloud_custom_data, None);
        assert_eq!(message.room_type, None);
    }

    #[test]
    fn texts_reads_only_the_text_elements() {
        let mut message = MessageSending {
            group_id: "g".into(),
            msg_id: "m".into(),
            ..MessageSending::default()
        };
        message.msg_body = vec![
            MsgElement::text("one"),
            MsgElement::Custom(CustomElem {
                data: Some("not text".into()),
                ..CustomElem::default()
            }),
            MsgElement::Face(FaceElem::default()),
            TextElem::new("two").into(),
            MsgElement::Other(json!({"MsgType": "TIMRelayElem"})),
        ];
        assert_eq!(message.texts().collect::<Vec<_>>(), ["one", "two"]);
    }

    #[test]
    fn refuses_what_cannot_be_understood() {
        for (body, path) in [
            (r#"{"MsgId":"m"}"#, None),
            (r#"{"GroupId":"","MsgId":"m"}"#, Some("`GroupId`")),
            (r#"{"GroupId":"g"}"#, None),
            (r#"{"GroupId":"g","MsgId":null}"#, Some("`MsgId`")),
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
