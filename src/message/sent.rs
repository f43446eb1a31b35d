//! `Group.CallbackAfterSendMsg`: a room message has been delivered.

use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use super::{flag_as_integer, MsgElement};
use crate::battle::{unix_millis, unix_seconds};
use crate::lenient;

/// `Group.CallbackAfterSendMsg`: a message was delivered in a live room.
/// The same fields as [`MessageSending`](crate::MessageSending), plus the
/// message's sequence number and time.
///
/// Decoding is lenient, because Tencent does not retry: unknown fields are
/// ignored; accounts may be JSON strings or numbers and keep every digit;
/// integers may be numeric strings (Tencent's own samples print `EventTime`
/// as a string); `null` reads as absent. Only `GroupId` is required: real
/// traffic often has no `MsgId`. A body without a `GroupId`, with a `MsgBody`
/// that is not an array, or with an element whose content cannot be read
/// (see [`MsgElement`]) is refused. A member the body does not have is
/// `None`, and is not written when the event is serialised; the accessors of
/// the same name ([`msg_seq`](Self::msg_seq()), [`from_account`](Self::from_account()),
/// ...) read it with the old defaults.
///
/// ```
/// use tencent_live_webhook::{decode_json, MessageSent};
///
/// let body = br#"{"CallbackCommand":"Group.CallbackAfterSendMsg","GroupId":"pk-3",
///     "Type":"Live","From_Account":"viewer-2","Operator_Account":"viewer-2","Random":7,
///     "MsgId":"viewer-2-1739956061-7","MsgSeq":18,"MsgTime":1739956061,
///     "MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"hello"}}],
///     "EventTime":1739956061350}"#;
/// let message: MessageSent = decode_json(MessageSent::COMMAND, body)?;
///
/// assert_eq!(message.msg_seq, Some(18));
/// assert_eq!(message.msg_seq(), 18);
/// assert_eq!(message.texts().collect::<Vec<_>>(), ["hello"]);
/// let sent = message.sent_at().unwrap().duration_since(std::time::UNIX_EPOCH).unwrap();
/// assert_eq!(sent.as_secs(), 1739956061);
/// # Ok::<(), tencent_live_webhook::Rejection>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "CallbackCommand", rename = "Group.CallbackAfterSendMsg")]
#[non_exhaustive]
pub struct MessageSent {
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
    /// `MsgSeq`: the message's sequence number in the room; room messages
    /// are ordered by it.
    #[serde(
        rename = "MsgSeq",
        default,
        deserialize_with = "lenient::option_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub msg_seq: Option<u64>,
    /// `MsgTime`: when the message was sent (Tencent's server time), Unix
    /// **seconds**.
    #[serde(
        rename = "MsgTime",
        default,
        deserialize_with = "lenient::option_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub msg_time: Option<u64>,
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
    /// `OnlineOnlyFlag`: whether the message was for online members only
    /// (written `1` or `0`). Live rooms ignore it.
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

callback!(MessageSent = "Group.CallbackAfterSendMsg");

impl MessageSent {
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

    /// The message's sequence number in the room (`MsgSeq`); `0` when the
    /// body has none.
    pub fn msg_seq(&self) -> u64 {
        self.msg_seq.unwrap_or(0)
    }

    /// When the message was sent (`MsgTime`), Unix seconds; `0` when the body
    /// has none.
    pub fn msg_time(&self) -> u64 {
        self.msg_time.unwrap_or(0)
    }

    /// The message's elements (`MsgBody`), in order; empty when the body has
    /// none.
    pub fn msg_body(&self) -> &[MsgElement] {
        self.msg_body.as_deref().unwrap_or_default()
    }

    /// The texts of the message's text elements, in order.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.msg_body().iter().filter_map(MsgElement::as_text)
    }

    /// When the message was sent; `None` when the body has no `MsgTime`, or
    /// the time is past what `SystemTime` holds.
    pub fn sent_at(&self) -> Option<SystemTime> {
        self.msg_time.and_then(unix_seconds)
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
    use std::time::{Duration, UNIX_EPOCH};

    const SAMPLE: &str = r#"{"CallbackCommand":"Group.CallbackAfterSendMsg","GroupId":"@TGS#2J4SZEAEL","Type":"Live","From_Account":"jared","Operator_Account":"admin","Random":123456,"MsgId":"144115233406643804-1727580296-4026038328","MsgSeq":123,"MsgTime":1490686222,"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"red packet"}}],"CloudCustomData":"your cloud custom data","EventTime":"1670574414123"}"#;

    fn decode(body: &str) -> Result<MessageSent, Rejection> {
        decode_json(MessageSent::COMMAND, body.as_bytes())
    }

    #[test]
    fn decodes_the_documented_sample() {
        let message = decode(SAMPLE).unwrap();
        assert_eq!(
            message,
            MessageSent {
                group_id: "@TGS#2J4SZEAEL".into(),
                room_type: Some("Live".into()),
                from_account: Some("jared".into()),
                operator_account: Some("admin".into()),
                random: Some(123456),
                msg_id: Some("144115233406643804-1727580296-4026038328".into()),
                msg_seq: Some(123),
                msg_time: Some(1490686222),
                msg_body: Some(vec![MsgElement::text("red packet")]),
                cloud_custom_data: Some("your cloud custom data".into()),
                event_time_ms: Some(1670574414123),
                online_only: None,
                topic_id: None,
            }
        );
        assert_eq!(
            message
                .sent_at()
                .unwrap()
                .duration_since(UNIX_EPOCH)
                .unwrap(),
            Duration::from_secs(1490686222)
        );
        assert_eq!(
            message
                .event_time()
                .unwrap()
                .duration_since(UNIX_EPOCH)
                .unwrap(),
            Duration::from_millis(1670574414123)
        );
    }

    #[test]
    fn serialises_to_tencent_names_and_back() {
        let mut message = decode(SAMPLE).unwrap();
        message.online_only = Some(true);
        let json = serde_json::to_value(&message).unwrap();
        assert_eq!(json["CallbackCommand"], "Group.CallbackAfterSendMsg");
        assert_eq!(json["MsgSeq"], 123);
        assert_eq!(json["MsgTime"], 1490686222);
        assert_eq!(json["OnlineOnlyFlag"], 1);
        assert_eq!(decode(&json.to_string()).unwrap(), message);
    }

    #[test]
    fn time_accessors_never_panic() {
        let mut message =
            decode(r#"{"GroupId":"g","MsgId":"m","MsgTime":"18446744073709551615"}"#).unwrap();
        assert_eq!(message.msg_time, Some(u64::MAX));
        assert_eq!(message.sent_at(), None);
        message.event_time_ms = Some(u64::MAX);
        let _ = message.event_time();
        message.event_time_ms = None;
        assert_eq!(message.event_time(), None);
        message.msg_time = None;
        assert_eq!(message.sent_at(), None);
    }

    #[test]
    fn a_message_without_msg_id_is_read_and_written_as_it_came() {
        let body = r#"{"CallbackCommand":"Group.CallbackAfterSendMsg","GroupId":"@TGS#1","Type":"Public","MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"hi"}}]}"#;
        let message = decode(body).unwrap();
        assert_eq!(message.msg_id, None);
        assert_eq!(message.msg_seq, None);
        assert_eq!(message.msg_seq(), 0);
        assert_eq!(message.msg_time(), 0);
        assert_eq!(message.sent_at(), None);
        assert_eq!(message.texts().collect::<Vec<_>>(), ["hi"]);
        assert_eq!(serde_json::to_string(&message).unwrap(), body);
    }

    #[test]
    fn refuses_what_cannot_be_understood() {
        for body in [
            r#"{"MsgId":"m"}"#,
            r#"{"GroupId":"","MsgId":"m"}"#,
            r#"{"GroupId":"g","MsgId":"m","MsgSeq":1.5}"#,
            r#"{"GroupId":"g","MsgId":"m","MsgTime":-1}"#,
            r#"{"GroupId":"g","MsgId":"m","MsgBody":"hello"}"#,
            r#"{"GroupId":"g","MsgId":"m","MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":{"t":"x"}}}]}"#,
        ] {
            assert_eq!(decode(body).expect_err(body).error_code(), 3005, "{body}");
        }
    }
}
