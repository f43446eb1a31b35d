//! The answers to the official-account before-webhooks.

use std::borrow::Cow;
use std::ops::RangeInclusive;

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use crate::chat::decision::creation_decision;
use crate::code::{
    check_range, decision_code, message_decision, Code, DecisionError, MessageChange,
};

/// The `ErrorCode`s of a refused official-account creation or message that
/// Tencent passes on to the caller, with their `ErrorInfo`.
pub const OFFICIAL_ACCOUNT_SENDER_CODES: RangeInclusive<i64> = 120_001..=130_000;

creation_decision!(
    /// The answer to `OfficialAccount.CallbackBeforeCreateOfficialAccount`: may
    /// this official account be created?
    ///
    /// `ErrorCode` 0 creates it; 1 refuses, and the caller gets error 20006; a
    /// code in [`OFFICIAL_ACCOUNT_SENDER_CODES`] (120001 to 130000) refuses with
    /// the reason passed on to the caller.
    ///
    /// ```
    /// use tencent_live_webhook::CreateOfficialAccountDecision;
    ///
    /// let taken = CreateOfficialAccountDecision::reject_with(120001, "name taken")?;
    /// assert_eq!(
    ///     taken.to_bytes(),
    ///     r#"{"ActionStatus":"OK","ErrorInfo":"name taken","ErrorCode":120001}"#
    /// );
    /// assert!(CreateOfficialAccountDecision::reject_with(10100, "no").is_err());
    /// # Ok::<(), tencent_live_webhook::DecisionError>(())
    /// ```
    CreateOfficialAccountDecision,
    "official account",
    "the official account is created",
    "20006",
    OFFICIAL_ACCOUNT_SENDER_CODES,
    "120001 to 130000"
);

/// The answer to `OfficialAccount.CallbackBeforeAddSubscriber`: may these
/// users subscribe?
///
/// [`allow`](Self::allow) subscribes them all; [`refuse`](Self::refuse)
/// leaves out the users it names (`RefusedSubscribers_Account`, with
/// `ErrorCode` 0) and subscribes the others; [`reject`](Self::reject)
/// refuses the whole request (`ErrorCode` 1). Tencent documents no code
/// passed on to the caller.
///
/// The layer completes the decision against the request: a refused user the
/// request's `SubscribeAccountList` does not name is dropped and logged.
///
/// ```
/// use tencent_live_webhook::SubscriberDecision;
///
/// assert_eq!(
///     SubscriberDecision::refuse(["jared"]).to_bytes(),
///     r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0,"RefusedSubscribers_Account":["jared"]}"#
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SubscriberDecision {
    code: Code,
    refused: Option<Vec<String>>,
}

impl SubscriberDecision {
    /// Every user subscribes: `ErrorCode` 0.
    pub const fn allow() -> Self {
        Self {
            code: Code::of(0),
            refused: None,
        }
    }

    /// The users named do not subscribe, and the others do:
    /// `RefusedSubscribers_Account`, with `ErrorCode` 0.
    pub fn refuse<I>(subscribers: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<String>,
    {
        Self {
            refused: Some(subscribers.into_iter().map(Into::into).collect()),
            ..Self::allow()
        }
    }

    /// Nobody subscribes: `ErrorCode` 1.
    pub const fn reject() -> Self {
        Self {
            code: Code::of(1),
            refused: None,
        }
    }

    /// The users left out (`RefusedSubscribers_Account`), when some are.
    pub fn refused(&self) -> Option<&[String]> {
        self.refused.as_deref()
    }

    /// The decision without the refused users `subscribers` does not name,
    /// and how many were dropped.
    pub(crate) fn complete(&self, subscribers: &[String]) -> (Self, usize) {
        let Some(refused) = &self.refused else {
            return (self.clone(), 0);
        };
        let kept: Vec<String> = refused
            .iter()
            .filter(|account| subscribers.contains(account))
            .cloned()
            .collect();
        let dropped = refused.len() - kept.len();
        let decision = Self {
            code: self.code.clone(),
            refused: Some(kept),
        };
        (decision, dropped)
    }

    fn code(&self) -> &Code {
        &self.code
    }

    fn is_plain_allow(&self) -> bool {
        self.code.is_plain_allow() && self.refused.is_none()
    }
}

decision_code!(
    SubscriberDecision,
    "the users subscribe (perhaps not all of them)",
    "empty: the command documents no reason"
);

impl Serialize for SubscriberDecision {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let len = 3 + usize::from(self.refused.is_some());
        let mut answer = serializer.serialize_struct("SubscriberDecision", len)?;
        answer.serialize_field("ActionStatus", "OK")?;
        answer.serialize_field("ErrorInfo", &*self.code.error_info)?;
        answer.serialize_field("ErrorCode", &self.code.error_code)?;
        if let Some(refused) = &self.refused {
            answer.serialize_field("RefusedSubscribers_Account", refused)?;
        }
        answer.end()
    }
}

/// The answer to `OfficialAccount.CallbackBeforeSendMsg`: may this official
/// account's message go out to its subscribers, and in what form?
///
/// `ErrorCode` 0 delivers the message (as sent, or with the replacement
/// `MsgBody` and/or `CloudCustomData` given to [`modify`](Self::modify)); 1
/// rejects it, and the sender gets error 10016; 2 discards it silently (the
/// sender sees success); a code in [`OFFICIAL_ACCOUNT_SENDER_CODES`] (120001
/// to 130000) rejects it with the reason shown to the sender.
///
/// ```
/// use tencent_live_webhook::{MsgElement, OfficialMessageDecision};
///
/// assert_eq!(OfficialMessageDecision::discard().error_code(), 2);
/// let masked = OfficialMessageDecision::modify(Some(vec![MsgElement::text("***")]), None);
/// assert_eq!(
///     masked.to_bytes(),
///     r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0,"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"***"}}]}"#
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OfficialMessageDecision(MessageChange);

message_decision!(OfficialMessageDecision, "10016");

impl OfficialMessageDecision {
    /// The message is dropped silently: the sender sees success, and no
    /// subscriber gets it. `ErrorCode` 2.
    pub const fn discard() -> Self {
        Self(MessageChange::of(Code::of(2)))
    }

    /// The message is not delivered, and the sender is told why: `error_code`
    /// must be in [`OFFICIAL_ACCOUNT_SENDER_CODES`] (120001 to 130000).
    ///
    /// Never put secrets in `error_info`: it reaches the sender's app.
    pub fn reject_with(
        error_code: i64,
        error_info: impl Into<Cow<'static, str>>,
    ) -> Result<Self, DecisionError> {
        check_range(error_code, &OFFICIAL_ACCOUNT_SENDER_CODES)?;
        Ok(Self(MessageChange::of(Code::with(error_code, error_info))))
    }

    /// Whether the message is dropped silently.
    pub fn is_discarded(&self) -> bool {
        self.0.code.error_code == 2
    }
}
