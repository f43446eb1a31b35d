//! Tencent's acknowledgement: the JSON every webhook answer carries.

use std::borrow::Cow;

use bytes::Bytes;
use http::{header, HeaderValue, Response, StatusCode};
use serde::{Deserialize, Serialize};

use crate::body::ResponseBody;

/// The answer Tencent expects to every webhook.
///
/// Tencent reads `ActionStatus`; for after-event webhooks such as
/// `Live.CallbackAfterEndBattle` it ignores `ErrorCode`, but a reply that is not
/// HTTP 200 or not JSON counts as a failed delivery.
///
/// ```
/// use tencent_live_webhook::Ack;
///
/// let ok = serde_json::to_string(&Ack::ok()).unwrap();
/// assert_eq!(ok, r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}"#);
///
/// let fail = Ack::fail(4001, "the battle could not be stored");
/// assert!(!fail.is_ok());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ack {
    /// `OK` or `FAIL`.
    #[serde(rename = "ActionStatus")]
    pub action_status: ActionStatus,
    /// Why the webhook failed; empty on success.
    #[serde(rename = "ErrorInfo")]
    pub error_info: Cow<'static, str>,
    /// `0` on success; see the crate's ErrorCode table for the codes this crate writes.
    #[serde(rename = "ErrorCode")]
    pub error_code: i64,
}

/// The `ActionStatus` of an [`Ack`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ActionStatus {
    /// The webhook was handled.
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

    /// Whether this is an `OK` acknowledgement.
    pub fn is_ok(&self) -> bool {
        self.action_status == ActionStatus::Ok
    }

    /// The acknowledgement as JSON bytes.
    pub fn to_bytes(&self) -> Bytes {
        if *self == Self::ok() {
            return Bytes::from_static(OK_JSON);
        }
        // Serialising a struct of a string and two plain values cannot fail.
        Bytes::from(serde_json::to_vec(self).unwrap_or_else(|_| FALLBACK_JSON.to_vec()))
    }

    pub(crate) fn into_response<B>(self, status: StatusCode) -> Response<ResponseBody<B>> {
        let mut response = Response::new(ResponseBody::ack(self.to_bytes()));
        *response.status_mut() = status;
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        response
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

const OK_JSON: &[u8] = br#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}"#;
const FALLBACK_JSON: &[u8] =
    br#"{"ActionStatus":"FAIL","ErrorInfo":"internal error","ErrorCode":4001}"#;

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
    }

    #[test]
    fn round_trips_and_unit_is_ok() {
        let ack: Ack = serde_json::from_slice(OK_JSON).unwrap();
        assert!(ack.is_ok());
        assert_eq!(Ack::from(()), ack);
        assert_eq!(Ack::default(), ack);
    }

    #[test]
    fn response_is_json_with_status() {
        let response = Ack::fail(1003, "nope").into_response::<()>(StatusCode::FORBIDDEN);
        assert_eq!(response.status(), StatusCode::FORBIDDEN);
        assert_eq!(response.headers()[header::CONTENT_TYPE], "application/json");
    }
}
