//! Tencent's acknowledgement: the answer to an after-webhook.

use std::borrow::Cow;

use bytes::Bytes;
use serde::{Deserialize, Serialize};

/// The answer to an after-webhook: `OK` (handled) or `FAIL` (not handled).
///
/// Tencent ignores an after-webhook's `ErrorCode`; what counts is that the
/// answer is HTTP 200 and JSON. The fields are private, so that only the two
/// valid shapes exist: [`ok`](Self::ok) is exactly
/// `{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}`, and a
/// [`fail`](Self::fail) carries a code and a reason.
///
/// ```
/// use tencent_live_webhook::Ack;
///
/// let ok = serde_json::to_string(&Ack::ok()).unwrap();
/// assert_eq!(ok, r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}"#);
///
/// let fail = Ack::fail(4001, "the battle could not be stored");
/// assert!(!fail.is_ok());
/// assert_eq!(fail.error_code(), 4001);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "WireAck")]
pub struct Ack {
    #[serde(rename = "ActionStatus")]
    action_status: ActionStatus,
    #[serde(rename = "ErrorInfo")]
    error_info: Cow<'static, str>,
    #[serde(rename = "ErrorCode")]
    error_code: i64,
}

/// The `ActionStatus` of an answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ActionStatus {
    /// The webhook was handled (for a before-webhook: a decision was made).
    #[serde(rename = "OK")]
    Ok,
    /// The webhook was not handled.
    #[serde(rename = "FAIL")]
    Fail,
}

impl Ack {
    /// The success acknowledgement: `{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}`.
    pub const fn ok() -> Self {
        Self {
            action_status: ActionStatus::Ok,
            error_info: Cow::Borrowed(""),
            error_code: 0,
        }
    }

    /// A failure acknowledgement with an error code and a message saying why.
    ///
    /// Never put secrets or request bodies in `error_info`: it goes back over the wire.
    pub fn fail(error_code: i64, error_info: impl Into<Cow<'static, str>>) -> Self {
        Self {
            action_status: ActionStatus::Fail,
            error_info: error_info.into(),
            error_code,
        }
    }

    /// Whether this is the `OK` acknowledgement.
    pub fn is_ok(&self) -> bool {
        self.action_status == ActionStatus::Ok
    }

    /// `OK` or `FAIL`.
    pub fn action_status(&self) -> ActionStatus {
        self.action_status
    }

    /// `0` for OK; see [`Rejection`](crate::Rejection) for the codes this crate writes.
    pub fn error_code(&self) -> i64 {
        self.error_code
    }

    /// Why the webhook failed; empty for OK.
    pub fn error_info(&self) -> &str {
        &self.error_info
    }

    /// The acknowledgement as JSON bytes.
    pub fn to_bytes(&self) -> Bytes {
        if self.is_ok() {
            return Bytes::from_static(OK_JSON);
        }
        json_bytes(self)
    }
}

impl Default for Ack {
    /// The OK acknowledgement.
    fn default() -> Self {
        Self::ok()
    }
}

impl From<()> for Ack {
    /// A handler that returns `()` has handled the event: OK.
    fn from((): ()) -> Self {
        Self::ok()
    }
}

/// An acknowledgement as read from the wire, before it is checked.
#[derive(Deserialize)]
struct WireAck {
    #[serde(rename = "ActionStatus")]
    action_status: ActionStatus,
    #[serde(rename = "ErrorInfo", default)]
    error_info: String,
    #[serde(rename = "ErrorCode")]
    error_code: i64,
}

impl TryFrom<WireAck> for Ack {
    type Error = &'static str;

    fn try_from(wire: WireAck) -> Result<Self, Self::Error> {
        match wire.action_status {
            ActionStatus::Ok if wire.error_code == 0 && wire.error_info.is_empty() => {
                Ok(Self::ok())
            }
            ActionStatus::Ok => Err("an OK acknowledgement has ErrorCode 0 and no ErrorInfo"),
            ActionStatus::Fail => Ok(Self::fail(wire.error_code, wire.error_info)),
        }
    }
}

/// Exactly what Tencent documents as the success answer.
pub(crate) const OK_JSON: &[u8] = br#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}"#;

/// Serialises an answer. Answers are plain strings, integers and JSON values,
/// which cannot fail to serialise; should one ever fail, the answer is a FAIL
/// acknowledgement rather than a panic.
pub(crate) fn json_bytes<T: Serialize>(answer: &T) -> Bytes {
    serde_json::to_vec(answer).map_or_else(
        |_| {
            Bytes::from_static(
                br#"{"ActionStatus":"FAIL","ErrorInfo":"internal error","ErrorCode":4001}"#,
            )
        },
        Bytes::from,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ok_bytes_are_exactly_tencents() {
        assert_eq!(&Ack::ok().to_bytes()[..], OK_JSON);
        assert_eq!(serde_json::to_vec(&Ack::ok()).unwrap(), OK_JSON);
    }

    #[test]
    fn fail_serialises_with_tencent_names() {
        let json = serde_json::to_string(&Ack::fail(3004, "bad \"event\"")).unwrap();
        assert_eq!(
            json,
            r#"{"ActionStatus":"FAIL","ErrorInfo":"bad \"event\"","ErrorCode":3004}"#
        );
        assert_eq!(Ack::fail(3004, "bad \"event\"").to_bytes(), json);
    }

    #[test]
    fn reads_back_only_valid_acknowledgements() {
        let ack: Ack = serde_json::from_slice(OK_JSON).unwrap();
        assert!(ack.is_ok());
        assert_eq!(Ack::from(()), ack);
        assert_eq!(Ack::default(), ack);
        let fail: Ack =
            serde_json::from_str(r#"{"ActionStatus":"FAIL","ErrorInfo":"x","ErrorCode":7}"#)
                .unwrap();
        assert_eq!((fail.error_code(), fail.error_info()), (7, "x"));
        for invalid in [
            r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":1}"#,
            r#"{"ActionStatus":"OK","ErrorInfo":"x","ErrorCode":0}"#,
            r#"{"ActionStatus":"MAYBE","ErrorInfo":"","ErrorCode":0}"#,
        ] {
            assert!(serde_json::from_str::<Ack>(invalid).is_err(), "{invalid}");
        }
    }
}
