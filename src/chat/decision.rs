//! The answers to the Chat URL's before-webhooks: one decision type per
//! command, each able to say only what Tencent documents for it.

use std::borrow::Cow;
use std::ops::RangeInclusive;

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use crate::code::{
    check_range, decision_code, message_decision, serialize_decision, Code, DecisionError,
    MessageChange,
};

/// The `ErrorCode`s of a one-to-one message rejection that Tencent passes on
/// to the sender, with their `ErrorInfo`.
pub const C2C_SENDER_CODES: RangeInclusive<i64> = 120_001..=130_000;
/// The `ErrorCode`s of a group or topic creation, or an invitation, refused
/// with a reason that Tencent passes on to the caller.
pub const GROUP_SENDER_CODES: RangeInclusive<i64> = 10_100..=10_200;

/// The answer to `C2C.CallbackBeforeSendMsg`: may this one-to-one message
/// go out, and in what form?
///
/// `ErrorCode` 0 delivers the message (as sent, or with the replacement
/// `MsgBody` and/or `CloudCustomData` given to [`modify`](Self::modify)); 1
/// rejects it, and the sender gets error 20006; a code in
/// [`C2C_SENDER_CODES`] (120001 to 130000) rejects it with the reason shown
/// to the sender. There is no silent drop: Tencent documents none for
/// one-to-one messages (unlike room messages,
/// [`MessageDecision`](crate::MessageDecision)).
/// Rich-media elements cannot be edited in place; replace them with text or
/// custom elements.
///
/// ```
/// use tencent_live_webhook::{C2cMessageDecision, MsgElement};
///
/// assert_eq!(C2cMessageDecision::reject().error_code(), 1);
/// assert!(C2cMessageDecision::reject_with(10101, "too fast").is_err());
/// let masked = C2cMessageDecision::modify(Some(vec![MsgElement::text("***")]), None);
/// assert_eq!(
///     masked.to_bytes(),
///     r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0,"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"***"}}]}"#
/// );
/// # Ok::<(), tencent_live_webhook::DecisionError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct C2cMessageDecision(MessageChange);

message_decision!(C2cMessageDecision, "20006");

impl C2cMessageDecision {
    /// The message is not delivered, and the sender is told why: `error_code`
    /// must be in [`C2C_SENDER_CODES`] (120001 to 130000).
    ///
    /// Never put secrets in `error_info`: it reaches the sender's app.
    pub fn reject_with(
        error_code: i64,
        error_info: impl Into<Cow<'static, str>>,
    ) -> Result<Self, DecisionError> {
        check_range(error_code, &C2C_SENDER_CODES)?;
        Ok(Self(MessageChange::of(Code::with(error_code, error_info))))
    }
}

/// A decision that creates, or refuses (the caller gets `$rejected`), or
/// refuses with a reason in `$codes`: the group, topic and official-account
/// creations.
macro_rules! creation_decision {
    ($(#[$meta:meta])* $name:ident, $what:literal, $created:literal, $rejected:literal, $codes:ident, $range:literal) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub struct $name($crate::code::Code);

        impl $name {
            #[doc = concat!("The ", $what, " is created: `ErrorCode` 0.")]
            pub const fn allow() -> Self {
                Self($crate::code::Code::of(0))
            }

            #[doc = concat!("The ", $what, " is not created, and the caller gets error ", $rejected, ": `ErrorCode` 1.")]
            pub const fn reject() -> Self {
                Self($crate::code::Code::of(1))
            }

            #[doc = concat!("The ", $what, " is not created, and the caller is told why: `error_code`")]
            #[doc = concat!("must be in [`", stringify!($codes), "`] (", $range, ").")]
            ///
            /// Never put secrets in `error_info`: it reaches the caller's app.
            pub fn reject_with(
                error_code: i64,
                error_info: impl Into<std::borrow::Cow<'static, str>>,
            ) -> Result<Self, $crate::code::DecisionError> {
                $crate::code::check_range(error_code, &$codes)?;
                Ok(Self($crate::code::Code::with(error_code, error_info)))
            }

            fn code(&self) -> &$crate::code::Code {
                &self.0
            }

            fn is_plain_allow(&self) -> bool {
                self.0.is_plain_allow()
            }
        }

        $crate::code::decision_code!($name, $created, "why it was refused, for the caller");

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                $crate::code::serialize_decision(serializer, &self.0, None, None)
            }
        }
    };
}

pub(crate) use creation_decision;

creation_decision!(
    /// The answer to `Group.CallbackBeforeCreateGroup`: may this group be
    /// created? Tencent lets the app allow or refuse only; it cannot change
    /// the group's settings.
    ///
    /// ```
    /// use tencent_live_webhook::CreateGroupDecision;
    ///
    /// let full = CreateGroupDecision::reject_with(10100, "too many groups")?;
    /// assert_eq!(
    ///     full.to_bytes(),
    ///     r#"{"ActionStatus":"OK","ErrorInfo":"too many groups","ErrorCode":10100}"#
    /// );
    /// assert!(CreateGroupDecision::reject_with(120001, "no").is_err());
    /// # Ok::<(), tencent_live_webhook::DecisionError>(())
    /// ```
    CreateGroupDecision,
    "group",
    "the group is created",
    "10016",
    GROUP_SENDER_CODES,
    "10100 to 10200"
);

creation_decision!(
    /// The answer to `Group.CallbackBeforeCreateTopic`: may this topic be
    /// created in a community group?
    ///
    /// ```
    /// use tencent_live_webhook::CreateTopicDecision;
    ///
    /// assert_eq!(
    ///     CreateTopicDecision::reject().to_bytes(),
    ///     r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":1}"#
    /// );
    /// ```
    CreateTopicDecision,
    "topic",
    "the topic is created",
    "10016",
    GROUP_SENDER_CODES,
    "10100 to 10200"
);

/// The answer to `Group.CallbackBeforeApplyJoinGroup`: may this user's
/// application to join go on?
///
/// [`allow`](Self::allow) lets the application go on; where the group
/// requires approval, it still waits for an admin. [`reject`](Self::reject)
/// refuses it, and the user gets error 10016. Tencent documents no other
/// code for this command.
///
/// ```
/// use tencent_live_webhook::JoinGroupDecision;
///
/// assert_eq!(
///     JoinGroupDecision::reject().to_bytes(),
///     r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":1}"#
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct JoinGroupDecision(Code);

impl JoinGroupDecision {
    /// The application goes on (to an admin, where the group requires
    /// approval): `ErrorCode` 0.
    pub const fn allow() -> Self {
        Self(Code::of(0))
    }

    /// The application is refused, and the user gets error 10016:
    /// `ErrorCode` 1.
    pub const fn reject() -> Self {
        Self(Code::of(1))
    }

    fn code(&self) -> &Code {
        &self.0
    }

    fn is_plain_allow(&self) -> bool {
        self.0.is_plain_allow()
    }
}

decision_code!(
    JoinGroupDecision,
    "the application goes on",
    "empty: the command documents no reason"
);

impl Serialize for JoinGroupDecision {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_decision(serializer, &self.0, None, None)
    }
}

/// The answer to `Group.CallbackBeforeInviteJoinGroup`: may these users be
/// added to the group?
///
/// [`allow`](Self::allow) adds them all; [`refuse`](Self::refuse) leaves out
/// the users it names (`RefusedMembers_Account`, with `ErrorCode` 0) and adds
/// the others; [`reject`](Self::reject) refuses the whole invitation, and
/// [`reject_with`](Self::reject_with) does so with a reason in
/// [`GROUP_SENDER_CODES`] (10100 to 10200) for the caller. The admin's REST
/// calls that add members are asked too.
///
/// ```
/// use tencent_live_webhook::InviteDecision;
///
/// assert_eq!(
///     InviteDecision::refuse(["jared"]).to_bytes(),
///     r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0,"RefusedMembers_Account":["jared"]}"#
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct InviteDecision {
    code: Code,
    refused: Option<Vec<String>>,
}

impl InviteDecision {
    /// Every invited user is added: `ErrorCode` 0.
    pub const fn allow() -> Self {
        Self::of(Code::of(0))
    }

    /// The users named are not added, and the others are:
    /// `RefusedMembers_Account`, with `ErrorCode` 0. An empty list adds
    /// everyone, as [`allow`](Self::allow) does.
    pub fn refuse<I>(members: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<String>,
    {
        Self {
            refused: Some(members.into_iter().map(Into::into).collect()),
            ..Self::allow()
        }
    }

    /// Nobody is added: `ErrorCode` 1.
    pub const fn reject() -> Self {
        Self::of(Code::of(1))
    }

    /// Nobody is added, and the caller is told why: `error_code` must be in
    /// [`GROUP_SENDER_CODES`] (10100 to 10200).
    ///
    /// Never put secrets in `error_info`: it reaches the caller's app.
    pub fn reject_with(
        error_code: i64,
        error_info: impl Into<Cow<'static, str>>,
    ) -> Result<Self, DecisionError> {
        check_range(error_code, &GROUP_SENDER_CODES)?;
        Ok(Self::of(Code::with(error_code, error_info)))
    }

    const fn of(code: Code) -> Self {
        Self {
            code,
            refused: None,
        }
    }

    /// The users left out (`RefusedMembers_Account`), when some are.
    pub fn refused(&self) -> Option<&[String]> {
        self.refused.as_deref()
    }

    fn code(&self) -> &Code {
        &self.code
    }

    fn is_plain_allow(&self) -> bool {
        self.code.is_plain_allow() && self.refused.is_none()
    }
}

decision_code!(
    InviteDecision,
    "the invitation goes on (perhaps without some users)",
    "why the invitation was refused, for the caller"
);

impl Serialize for InviteDecision {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let len = 3 + usize::from(self.refused.is_some());
        let mut answer = serializer.serialize_struct("InviteDecision", len)?;
        answer.serialize_field("ActionStatus", "OK")?;
        answer.serialize_field("ErrorInfo", &*self.code.error_info)?;
        answer.serialize_field("ErrorCode", &self.code.error_code)?;
        if let Some(refused) = &self.refused {
            answer.serialize_field("RefusedMembers_Account", refused)?;
        }
        answer.end()
    }
}
