//! What every decision is made of: an `ErrorCode` with its `ErrorInfo`, the
//! accessors and bytes built on it, the check of a rejection's code, and the
//! change a message decision may make.

use std::borrow::Cow;
use std::fmt;
use std::ops::RangeInclusive;

use serde::ser::SerializeStruct;
use serde::Serializer;

use crate::message::MsgElement;

/// An `ErrorCode` and its `ErrorInfo`: what every decision writes.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Code {
    pub(crate) error_code: i64,
    pub(crate) error_info: Cow<'static, str>,
}

impl Code {
    pub(crate) const fn of(error_code: i64) -> Self {
        Self {
            error_code,
            error_info: Cow::Borrowed(""),
        }
    }

    pub(crate) fn with(error_code: i64, error_info: impl Into<Cow<'static, str>>) -> Self {
        Self {
            error_code,
            error_info: error_info.into(),
        }
    }

    pub(crate) fn is_plain_allow(&self) -> bool {
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
            pub fn to_bytes(&self) -> bytes::Bytes {
                if self.is_plain_allow() {
                    // A plain allow is the OK answer, byte for byte.
                    return bytes::Bytes::from_static($crate::ack::OK_JSON);
                }
                $crate::ack::json_bytes(self)
            }
        }
    };
}

pub(crate) use decision_code;

/// A rejection code outside the range its command passes on to the sender.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecisionError {
    pub(crate) error_code: i64,
    pub(crate) allowed: Option<RangeInclusive<i64>>,
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

pub(crate) fn check_range(
    error_code: i64,
    range: &RangeInclusive<i64>,
) -> Result<(), DecisionError> {
    if range.contains(&error_code) {
        Ok(())
    } else {
        Err(DecisionError {
            error_code,
            allowed: Some(range.clone()),
        })
    }
}

pub(crate) fn serialize_decision<S: Serializer>(
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

/// A message decision's code and the replacement it may carry: what the
/// group, one-to-one and official-account message decisions share.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct MessageChange {
    pub(crate) code: Code,
    msg_body: Option<Vec<MsgElement>>,
    cloud_custom_data: Option<String>,
}

impl MessageChange {
    pub(crate) const fn of(code: Code) -> Self {
        Self {
            code,
            msg_body: None,
            cloud_custom_data: None,
        }
    }

    /// Delivered with changes: `ErrorCode` 0, as Tencent requires.
    pub(crate) fn modify(
        msg_body: Option<Vec<MsgElement>>,
        cloud_custom_data: Option<String>,
    ) -> Self {
        Self {
            msg_body,
            cloud_custom_data,
            ..Self::of(Code::of(0))
        }
    }

    pub(crate) fn msg_body(&self) -> Option<&[MsgElement]> {
        self.msg_body.as_deref()
    }

    pub(crate) fn cloud_custom_data(&self) -> Option<&str> {
        self.cloud_custom_data.as_deref()
    }

    pub(crate) fn is_plain_allow(&self) -> bool {
        self.code.is_plain_allow() && self.msg_body.is_none() && self.cloud_custom_data.is_none()
    }

    pub(crate) fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_decision(
            serializer,
            &self.code,
            self.msg_body.as_deref(),
            self.cloud_custom_data.as_deref(),
        )
    }
}

/// What every message decision has over its [`MessageChange`]: `allow`,
/// `reject` (with the error the sender then gets), `modify`, the
/// replacement's accessors, the [`decision_code!`] accessors and `Serialize`.
macro_rules! message_decision {
    ($decision:ident, $rejected:literal) => {
        impl $decision {
            /// The message is delivered as it was sent: `ErrorCode` 0.
            pub const fn allow() -> Self {
                Self($crate::code::MessageChange::of($crate::code::Code::of(0)))
            }

            #[doc = concat!("The message is not delivered, and the sender gets error ", $rejected, ": `ErrorCode` 1.")]
            pub const fn reject() -> Self {
                Self($crate::code::MessageChange::of($crate::code::Code::of(1)))
            }

            /// The message is delivered with changes: a replacement `MsgBody`, a
            /// replacement `CloudCustomData`, or both (`None` keeps what was sent).
            /// `ErrorCode` 0, as Tencent requires for a modified message.
            pub fn modify(
                msg_body: Option<Vec<$crate::MsgElement>>,
                cloud_custom_data: Option<String>,
            ) -> Self {
                Self($crate::code::MessageChange::modify(msg_body, cloud_custom_data))
            }

            /// The replacement `MsgBody`, when the message is modified.
            pub fn msg_body(&self) -> Option<&[$crate::MsgElement]> {
                self.0.msg_body()
            }

            /// The replacement `CloudCustomData`, when it is modified.
            pub fn cloud_custom_data(&self) -> Option<&str> {
                self.0.cloud_custom_data()
            }

            fn code(&self) -> &$crate::code::Code {
                &self.0.code
            }

            fn is_plain_allow(&self) -> bool {
                self.0.is_plain_allow()
            }
        }

        $crate::code::decision_code!(
            $decision,
            "the message is delivered (perhaps modified)",
            "why the message was rejected, for the sender"
        );

        impl serde::Serialize for $decision {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                self.0.serialize(serializer)
            }
        }
    };
}

pub(crate) use message_decision;
