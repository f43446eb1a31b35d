//! What a handler or a route answers: an acknowledgement for an
//! after-webhook, a decision for a before-webhook.

use std::borrow::Cow;
use std::ops::RangeInclusive;

use bytes::Bytes;
use serde::{Serialize, Serializer};

use crate::ack::Ack;
use crate::chat::{
    C2cMessageDecision, ChatbotReply, CreateGroupDecision, CreateOfficialAccountDecision,
    CreateTopicDecision, FriendDecision, InviteDecision, JoinGroupDecision,
    OfficialMessageDecision, SubscriberDecision,
};
use crate::code::{
    check_range, decision_code, message_decision, serialize_decision, Code, DecisionError,
    MessageChange,
};

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
    /// A decision on `C2C.CallbackBeforeSendMsg`.
    C2cMessage(C2cMessageDecision),
    /// A decision on `Group.CallbackBeforeCreateGroup`.
    CreateGroup(CreateGroupDecision),
    /// A decision on `Group.CallbackBeforeCreateTopic`.
    CreateTopic(CreateTopicDecision),
    /// A decision on `Group.CallbackBeforeApplyJoinGroup`.
    JoinGroup(JoinGroupDecision),
    /// A decision on `Group.CallbackBeforeInviteJoinGroup`.
    Invite(InviteDecision),
    /// A decision on `Sns.CallbackPrevFriendAdd` or
    /// `Sns.CallbackPrevFriendResponse`: a verdict per user.
    Friend(FriendDecision),
    /// A decision on `OfficialAccount.CallbackBeforeCreateOfficialAccount`.
    CreateOfficialAccount(CreateOfficialAccountDecision),
    /// A decision on `OfficialAccount.CallbackBeforeAddSubscriber`.
    Subscriber(SubscriberDecision),
    /// A decision on `OfficialAccount.CallbackBeforeSendMsg`.
    OfficialMessage(OfficialMessageDecision),
    /// The data answered to `Chatbot.OnC2CSignalMessage`.
    Chatbot(ChatbotReply),
}

impl Reply {
    /// The answer as the JSON bytes Tencent reads.
    pub fn to_bytes(&self) -> Bytes {
        match self {
            Self::Ack(ack) => ack.to_bytes(),
            Self::Gift(decision) => decision.to_bytes(),
            Self::Message(decision) => decision.to_bytes(),
            Self::Decision(decision) => decision.to_bytes(),
            Self::C2cMessage(decision) => decision.to_bytes(),
            Self::CreateGroup(decision) => decision.to_bytes(),
            Self::CreateTopic(decision) => decision.to_bytes(),
            Self::JoinGroup(decision) => decision.to_bytes(),
            Self::Invite(decision) => decision.to_bytes(),
            Self::Friend(decision) => decision.to_bytes(),
            Self::CreateOfficialAccount(decision) => decision.to_bytes(),
            Self::Subscriber(decision) => decision.to_bytes(),
            Self::OfficialMessage(decision) => decision.to_bytes(),
            Self::Chatbot(reply) => reply.to_bytes(),
        }
    }

    /// The answer's `ErrorCode`: for a decision, the decision itself (0
    /// allows).
    ///
    /// ```
    /// use tencent_live_webhook::{Ack, InviteDecision, Reply};
    ///
    /// assert_eq!(Reply::from(InviteDecision::reject()).error_code(), 1);
    /// assert_eq!(Reply::from(Ack::ok()).error_code(), 0);
    /// ```
    pub fn error_code(&self) -> i64 {
        match self {
            Self::Ack(ack) => ack.error_code(),
            Self::Gift(decision) => decision.error_code(),
            Self::Message(decision) => decision.error_code(),
            Self::Decision(decision) => decision.error_code(),
            Self::C2cMessage(decision) => decision.error_code(),
            Self::CreateGroup(decision) => decision.error_code(),
            Self::CreateTopic(decision) => decision.error_code(),
            Self::JoinGroup(decision) => decision.error_code(),
            Self::Invite(decision) => decision.error_code(),
            Self::Friend(decision) => decision.error_code(),
            Self::CreateOfficialAccount(decision) => decision.error_code(),
            Self::Subscriber(decision) => decision.error_code(),
            Self::OfficialMessage(decision) => decision.error_code(),
            Self::Chatbot(reply) => reply.error_code(),
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

    /// The decision completed against the users its request names (see
    /// [`WebhookEvent::decision_accounts`](crate::WebhookEvent::decision_accounts)),
    /// with `fallback` giving the users it leaves out their verdict, and the
    /// number of verdicts dropped for users the request does not name.
    /// Other answers are returned as they are.
    pub(crate) fn complete(self, accounts: &[String], fallback: &Reply) -> (Reply, usize) {
        match (self, fallback) {
            (Self::Friend(decision), Self::Friend(fallback)) => {
                let (decision, dropped) = decision.complete(accounts, fallback);
                (Self::Friend(decision), dropped)
            }
            (Self::Friend(decision), _) => {
                let (decision, dropped) = decision.complete(accounts, &FriendDecision::allow_all());
                (Self::Friend(decision), dropped)
            }
            (Self::Subscriber(decision), _) => {
                let (decision, dropped) = decision.complete(accounts);
                (Self::Subscriber(decision), dropped)
            }
            (reply, _) => (reply, 0),
        }
    }
}

impl Serialize for Reply {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Ack(ack) => ack.serialize(serializer),
            Self::Gift(decision) => decision.serialize(serializer),
            Self::Message(decision) => decision.serialize(serializer),
            Self::Decision(decision) => decision.serialize(serializer),
            Self::C2cMessage(decision) => decision.serialize(serializer),
            Self::CreateGroup(decision) => decision.serialize(serializer),
            Self::CreateTopic(decision) => decision.serialize(serializer),
            Self::JoinGroup(decision) => decision.serialize(serializer),
            Self::Invite(decision) => decision.serialize(serializer),
            Self::Friend(decision) => decision.serialize(serializer),
            Self::CreateOfficialAccount(decision) => decision.serialize(serializer),
            Self::Subscriber(decision) => decision.serialize(serializer),
            Self::OfficialMessage(decision) => decision.serialize(serializer),
            Self::Chatbot(reply) => reply.serialize(serializer),
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

impl From<C2cMessageDecision> for Reply {
    fn from(decision: C2cMessageDecision) -> Self {
        Self::C2cMessage(decision)
    }
}

impl From<CreateGroupDecision> for Reply {
    fn from(decision: CreateGroupDecision) -> Self {
        Self::CreateGroup(decision)
    }
}

impl From<CreateTopicDecision> for Reply {
    fn from(decision: CreateTopicDecision) -> Self {
        Self::CreateTopic(decision)
    }
}

impl From<JoinGroupDecision> for Reply {
    fn from(decision: JoinGroupDecision) -> Self {
        Self::JoinGroup(decision)
    }
}

impl From<InviteDecision> for Reply {
    fn from(decision: InviteDecision) -> Self {
        Self::Invite(decision)
    }
}

impl From<FriendDecision> for Reply {
    fn from(decision: FriendDecision) -> Self {
        Self::Friend(decision)
    }
}

impl From<CreateOfficialAccountDecision> for Reply {
    fn from(decision: CreateOfficialAccountDecision) -> Self {
        Self::CreateOfficialAccount(decision)
    }
}

impl From<SubscriberDecision> for Reply {
    fn from(decision: SubscriberDecision) -> Self {
        Self::Subscriber(decision)
    }
}

impl From<OfficialMessageDecision> for Reply {
    fn from(decision: OfficialMessageDecision) -> Self {
        Self::OfficialMessage(decision)
    }
}

impl From<ChatbotReply> for Reply {
    fn from(reply: ChatbotReply) -> Self {
        Self::Chatbot(reply)
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
pub struct MessageDecision(MessageChange);

message_decision!(MessageDecision, "10016");

impl MessageDecision {
    /// The message is dropped silently: the sender sees success, nobody else
    /// sees the message. `ErrorCode` 2.
    pub const fn discard() -> Self {
        Self(MessageChange::of(Code::of(2)))
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
        Ok(Self(MessageChange::of(Code::with(error_code, error_info))))
    }

    /// Whether the message is dropped silently.
    pub fn is_discarded(&self) -> bool {
        self.0.code.error_code == 2
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

impl GiftDecision {
    fn code(&self) -> &Code {
        &self.0
    }

    fn is_plain_allow(&self) -> bool {
        self.0.is_plain_allow()
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
