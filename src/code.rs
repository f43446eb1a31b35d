//! What every decision is made of: an `ErrorCode` with its `ErrorInfo`, the
//! accessors and bytes built on it, and the check of a rejection's code.

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
