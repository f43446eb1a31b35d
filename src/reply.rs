//! What a handler or a route answers: an acknowledgement for an
//! after-webhook, a decision for a before-webhook.

use std::borrow::Cow;
use std::fmt;
use std::ops::RangeInclusive;

use bytes::Bytes;
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use crate::ack::{json_bytes, Ack, OK_JSON};
use crate::message::MsgElement;

/// An `ErrorCode` and its `ErrorInfo`: what every decision writes.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Code {
    error_code: i64,
    error_info: Cow<'static, str>,
}

impl Code {
    const fn of(error_code: i64) -> Self {
        Self {
            error_code,
            error_info: Cow::Borrowed(""),
        }
    }

    fn with(error_code: i64, error_info: impl Into<Cow<'static, str>>) -> Self {
        Self {
            error_code,
            error_info: error_info.into(),
        }
    }

    fn is_plain_allow(&self) -> bool {
        self.error_code == 0 && self.error_info.is_empty()
    }
}

/// The accessors every decision has, over its [`Code`]: the decision type,
/// what `ErrorCode` 0 means for it, and what its `ErrorInfo` is for.
macro_rules! decision_code {
    ($decision:ident, $zero:literal, $info:literal) => {
        impl $decision {
            #[doc = concat!("Whether ", $zero, ": `ErrorCode` 0.")]
            pub fn is_allowed(&self) -> bool {
                self.code().error_code == 0
            }

            #[doc = concat!("The `ErrorCode`: 0 when ", $zero, ".")]
            pub fn error_code(&self) -> i64 {
                self.code().error_code
            }

            #[doc = concat!("The `ErrorInfo`: ", $info, ".")]
            pub fn error_info(&self) -> &str {
                &self.code().error_info
            }

            /// The decision as the JSON bytes Tencent reads.
            pub fn to_bytes(&self) -> Bytes {
                if self.is_plain_allow() {
                    // A plain allow is the OK answer, byte for byte.
                    return Bytes::from_static(OK_JSON);
                }
                json_bytes(self)
            }
        }
    };
}

/// What a webhook is answered with.
///
/// After-webhooks are news: Tencent ignores their answer's codes, and `()` or
/// an [`Ack`] says the event was handled. Before-webhooks are questions: the
/// answer's `ErrorCode` is the decision, so it takes the command's own decision
/// type ([`GiftDecision`] for `Live.CallbackBeforeSendGift`, [`MessageDecision`]
/// for `Group.CallbackBeforeSendMsg`, [`Decision`] for a before-webhook of your
/// own). A before-webhook answered with anything else gets its fallback
/// decision: a handler that logs every event and returns `()` does not approve
/// every gift.
///
/// A handler's response converts into a `Reply` (`()`, [`Ack`] and every
/// decision do); in forward mode, a route puts one into its response's
/// extensions (with the `axum` feature, by returning it).
///
/// ```
/// use tencent_live_webhook::{Ack, GiftDecision, Reply};
///
/// assert_eq!(Reply::from(()), Reply::Ack(Ack::ok()));
/// let reject = Reply::from(GiftDecision::reject());
/// assert_eq!(reject.to_bytes(), r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":1}"#);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Reply {
    /// An acknowledgement, for an after-webhook.
    Ack(Ack),
    /// A decision on `Live.CallbackBeforeSendGift`.
    Gift(GiftDecision),
    /// A decision on `Group.CallbackBeforeSendMsg`.
    Message(MessageDecision),
    /// A decision on a before-webhook of your own.
    Decision(Decision),
}

impl Reply {
    /// The answer as the JSON bytes Tencent reads.
    pub fn to_bytes(&self) -> Bytes {
        match self {
            Self::Ack(ack) => ack.to_bytes(),
            Self::Gift(decision) => decision.to_bytes(),
            Self::Message(decision) => decision.to_bytes(),
            Self::Decision(decision) => decision.to_bytes(),
        }
    }

    /// Whether this is a decision (not an acknowledgement).
    pub fn is_decision(&self) -> bool {
        !matches!(self, Self::Ack(_))
    }

    /// Whether this answer is a decision of the same kind as `other`: what a
    /// before-webhook whose fallback is `other` accepts.
    pub(crate) fn same_kind(&self, other: &Reply) -> bool {
        std::mem::discriminant(self) == std::mem::discriminant(other)
    }
}

impl Serialize for Reply {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Ack(ack) => ack.serialize(serializer),
            Self::Gift(decision) => decision.serialize(serializer),
            Self::Message(decision) => decision.serialize(serializer),
            Self::Decision(decision) => decision.serialize(serializer),
        }
    }
}

impl From<()> for Reply {
    /// Handled: the OK acknowledgement.
    fn from((): ()) -> Self {
        Self::Ack(Ack::ok())
    }
}

impl From<Ack> for Reply {
    fn from(ack: Ack) -> Self {
        Self::Ack(ack)
    }
}

impl From<GiftDecision> for Reply {
    fn from(decision: GiftDecision) -> Self {
        Self::Gift(decision)
    }
}

impl From<MessageDecision> for Reply {
    fn from(decision: MessageDecision) -> Self {
        Self::Message(decision)
    }
}

impl From<Decision> for Reply {
    fn from(decision: Decision) -> Self {
        Self::Decision(decision)
    }
}

/// The `ErrorCode`s of a gift rejection that Tencent passes on to the sender.
pub const GIFT_SENDER_CODES: RangeInclusive<i64> = 102_100..=102_200;
/// The `ErrorCode`s of a message rejection that Tencent passes on to the sender.
pub const MESSAGE_SENDER_CODES: RangeInclusive<i64> = 10_100..=10_200;

/// The answer to `Live.CallbackBeforeSendGift`: may this gift be sent?
///
/// Written as `{"ActionStatus":"OK","ErrorInfo":...,"ErrorCode":...}` with HTTP
/// 200: `ErrorCode` 0 allows the gift, any other value blocks it. Only a code
/// in [`GIFT_SENDER_CODES`] (102100 to 102200) reaches the sender with its
/// `ErrorInfo`.
///
/// ```
/// use tencent_live_webhook::GiftDecision;
///
/// assert!(GiftDecision::allow().is_allowed());
/// assert_eq!(GiftDecision::reject().error_code(), 1);
/// let short = GiftDecision::reject_with(102101, "not enough coins")?;
/// assert_eq!(short.error_info(), "not enough coins");
/// assert!(GiftDecision::reject_with(5, "x").is_err());
/// # Ok::<(), tencent_live_webhook::DecisionError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct GiftDecision(Code);

impl GiftDecision {
    /// The gift may be sent: `ErrorCode` 0.
    pub const fn allow() -> Self {
        Self(Code::of(0))
    }

    /// The gift is blocked: `ErrorCode` 1. The sender sees a generic failure.
    pub const fn reject() -> Self {
        Self(Code::of(1))
    }

    /// The gift is blocked, and the sender is told why: `error_code` must be
    /// in [`GIFT_SENDER_CODES`] (102100 to 102200), the codes Tencent passes on.
    ///
    /// Never put secrets in `error_info`: it reaches the sender's app.
    pub fn reject_with(
        error_code: i64,
        error_info: impl Into<Cow<'static, str>>,
    ) -> Result<Self, DecisionError> {
        check_range(error_code, &GIFT_SENDER_CODES)?;
        Ok(Self(Code::with(error_code, error_info)))
    }
}

decision_code!(
    GiftDecision,
    "the gift may be sent",
    "why the gift was blocked, for the sender"
);

impl Serialize for GiftDecision {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_decision(serializer, &self.0, None, None)
    }
}

/// The answer to `Group.CallbackBeforeSendMsg`: may this room message go
/// out, and in what form?
///
/// Written with HTTP 200 and `"ActionStatus":"OK"`: `ErrorCode` 0 delivers the
/// message (as sent, or with the replacement `MsgBody` and/or `CloudCustomData`
/// given to [`modify`](Self::modify)), 1 rejects it (the sender gets error
/// 10016), 2 discards it silently (the sender sees success), and a code in
/// [`MESSAGE_SENDER_CODES`] (10100 to 10200) rejects it with the reason shown
/// to the sender. A modified message always has code 0: no other combination
/// can be built.
///
/// ```
/// use tencent_live_webhook::{MessageDecision, MsgElement};
///
/// assert!(MessageDecision::allow().is_allowed());
/// assert_eq!(MessageDecision::discard().error_code(), 2);
/// let masked = MessageDecision::modify(Some(vec![MsgElement::text("***")]), None);
/// assert_eq!(
///     masked.to_bytes(),
///     r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0,"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"***"}}]}"#
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MessageDecision {
    code: Code,
    msg_body: Option<Vec<MsgElement>>,
    cloud_custom_data: Option<String>,
}

impl MessageDecision {
    /// The message is delivered as it was sent: `ErrorCode` 0.
    pub const fn allow() -> Self {
        Self::of(Code::of(0))
    }

    /// The message is not delivered, and the sender gets error 10016:
    /// `ErrorCode` 1.
    pub const fn reject() -> Self {
        Self::of(Code::of(1))
    }

    /// The message is dropped silently: the sender sees success, nobody else
    /// sees the message. `ErrorCode` 2.
    pub const fn discard() -> Self {
        Self::of(Code::of(2))
    }

    /// The message is not delivered, and the sender is told why: `error_code`
    /// must be in [`MESSAGE_SENDER_CODES`] (10100 to 10200).
    ///
    /// Never put secrets in `error_info`: it reaches the sender's app.
    pub fn reject_with(
        error_code: i64,
        error_info: impl Into<Cow<'static, str>>,
    ) -> Result<Self, DecisionError> {
        check_range(error_code, &MESSAGE_SENDER_CODES)?;
        Ok(Self::of(Code::with(error_code, error_info)))
    }

    /// The message is delivered with changes: a replacement `MsgBody`, a
    /// replacement `CloudCustomData`, or both (`None` keeps what was sent).
    /// `ErrorCode` 0, as Tencent requires for a modified message.
    pub fn modify(msg_body: Option<Vec<MsgElement>>, cloud_custom_data: Option<String>) -> Self {
        Self {
            msg_body,
            cloud_custom_data,
            ..Self::allow()
        }
    }

    const fn of(code: Code) -> Self {
        Self {
            code,
            msg_body: None,
            cloud_custom_data: None,
        }
    }

    /// Whether the message is dropped silently.
    pub fn is_discarded(&self) -> bool {
        self.code.error_code == 2
    }

    /// The replacement `MsgBody`, when the message is modified.
    pub fn msg_body(&self) -> Option<&[MsgElement]> {
        self.msg_body.as_deref()
    }

    /// The replacement `CloudCustomData`, when it is modified.
    pub fn cloud_custom_data(&self) -> Option<&str> {
        self.cloud_custom_data.as_deref()
    }

    fn is_plain_allow(&self) -> bool {
        self.code.is_plain_allow() && self.msg_body.is_none() && self.cloud_custom_data.is_none()
    }
}

decision_code!(
    MessageDecision,
    "the message is delivered (perhaps modified)",
    "why the message was rejected, for the sender"
);

impl Serialize for MessageDecision {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_decision(
            serializer,
            &self.code,
            self.msg_body.as_deref(),
            self.cloud_custom_data.as_deref(),
        )
    }
}

/// The answer to a before-webhook of your own (Tencent Chat has several):
/// `ErrorCode` 0 allows, any other value refuses.
///
/// ```
/// use tencent_live_webhook::Decision;
///
/// assert!(Decision::allow().is_allowed());
/// assert_eq!(Decision::reject_with(120001, "closed")?.error_code(), 120001);
/// assert!(Decision::reject_with(0, "no").is_err());
/// # Ok::<(), tencent_live_webhook::DecisionError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Decision(Code);

impl Decision {
    /// Allowed: `ErrorCode` 0.
    pub const fn allow() -> Self {
        Self(Code::of(0))
    }

    /// Refused: `ErrorCode` 1.
    pub const fn reject() -> Self {
        Self(Code::of(1))
    }

    /// Refused with a code of the command's own documentation, which must not be 0.
    pub fn reject_with(
        error_code: i64,
        error_info: impl Into<Cow<'static, str>>,
    ) -> Result<Self, DecisionError> {
        if error_code == 0 {
            return Err(DecisionError {
                error_code,
                allowed: None,
            });
        }
        Ok(Self(Code::with(error_code, error_info)))
    }
}

decision_code!(Decision, "it is allowed", "why it was refused");

impl Serialize for Decision {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_decision(serializer, &self.0, None, None)
    }
}

/// A rejection code outside the range its command passes on to the sender.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecisionError {
    error_code: i64,
    allowed: Option<RangeInclusive<i64>>,
}

impl fmt::Display for DecisionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.allowed {
            Some(range) => write!(
                f,
                "ErrorCode {} is outside [{}, {}], the codes Tencent passes on to the sender",
                self.error_code,
                range.start(),
                range.end()
            ),
            None => write!(f, "ErrorCode {} does not refuse", self.error_code),
        }
    }
}

impl std::error::Error for DecisionError {}

fn check_range(error_code: i64, range: &RangeInclusive<i64>) -> Result<(), DecisionError> {
    if range.contains(&error_code) {
        Ok(())
    } else {
        Err(DecisionError {
            error_code,
            allowed: Some(range.clone()),
        })
    }
}

impl GiftDecision {
    fn code(&self) -> &Code {
        &self.0
    }

    fn is_plain_allow(&self) -> bool {
        self.0.is_plain_allow()
    }
}

impl MessageDecision {
    fn code(&self) -> &Code {
        &self.code
    }
}

impl Decision {
    fn code(&self) -> &Code {
        &self.0
    }

    fn is_plain_allow(&self) -> bool {
        self.0.is_plain_allow()
    }
}

fn serialize_decision<S: Serializer>(
    serializer: S,
    code: &Code,
    msg_body: Option<&[MsgElement]>,
    cloud_custom_data: Option<&str>,
) -> Result<S::Ok, S::Error> {
    let (error_code, error_info) = (code.error_code, &*code.error_info);
    let len = 3 + usize::from(msg_body.is_some()) + usize::from(cloud_custom_data.is_some());
    let mut answer = serializer.serialize_struct("Decision", len)?;
    answer.serialize_field("ActionStatus", "OK")?;
    answer.serialize_field("ErrorInfo", error_info)?;
    answer.serialize_field("ErrorCode", &error_code)?;
    if let Some(msg_body) = msg_body {
        answer.serialize_field("MsgBody", msg_body)?;
    }
    if let Some(cloud_custom_data) = cloud_custom_data {
        answer.serialize_field("CloudCustomData", cloud_custom_data)?;
    }
    answer.end()
}
