//! Why a webhook was refused, with its HTTP status and stable `ErrorCode`.

use std::fmt;

use http::StatusCode;

use crate::ack::Ack;

/// Why the middleware refused a webhook, or why handling it failed.
///
/// Each variant has an HTTP status and an `ErrorCode` that never change
/// between releases; the `ErrorInfo` of the FAIL acknowledgement is the
/// variant's `Display` text. Nothing in it echoes secrets or the request body.
///
/// A before-webhook (`Live.CallbackBeforeSendGift`, `Group.CallbackBeforeSendMsg`)
/// is refused this way only while it is not known to be Tencent's (403, 401).
/// Once it is, every later failure (a repeated `CallbackCommand`, the body,
/// the handler) is answered with the command's fallback decision and HTTP 200,
/// so that the outcome is the app's configured one, not Tencent's timer.
///
/// Every rejection after the app id and the signature passed (3001 and on)
/// also makes a [dead letter](crate::WebhookLayer::dead_letters) when the
/// layer has a sink.
///
/// | HTTP | ErrorCode | Variant | When |
/// |---|---|---|---|
/// | 403 | 1001 | [`MissingAppId`](Self::MissingAppId) | `SdkAppid` is absent from the query, or given more than once |
/// | 403 | 1002 | [`InvalidAppId`](Self::InvalidAppId) | `SdkAppid` is not an unsigned integer |
/// | 403 | 1003 | [`UnknownAppId`](Self::UnknownAppId) | `SdkAppid` is not one of the configured ids (always, when none is configured) |
/// | 401 | 2001 | [`MissingSignature`](Self::MissingSignature) | a token is configured and `Sign` or `RequestTime` is absent or repeated |
/// | 401 | 2002 | [`InvalidRequestTime`](Self::InvalidRequestTime) | `RequestTime` is not a Unix time in seconds |
/// | 401 | 2003 | [`StaleRequestTime`](Self::StaleRequestTime) | `RequestTime` is further from now than the tolerance |
/// | 401 | 2004 | [`BadSignature`](Self::BadSignature) | `Sign` matches none of the configured tokens |
/// | 400 | 3001 | [`RepeatedCallbackCommand`](Self::RepeatedCallbackCommand) | `CallbackCommand` is given more than once (a before-webhook of the first command gets its fallback) |
/// | 413 | 3002 | [`BodyTooLarge`](Self::BodyTooLarge) | the body (or its `Content-Length`) is over the limit |
/// | 400 | 3003 | [`BodyUnreadable`](Self::BodyUnreadable) | the body stream failed while it was read |
/// | 400 | 3004 | [`InvalidJson`](Self::InvalidJson) | the body is not JSON |
/// | 400 | 3005 | [`InvalidEvent`](Self::InvalidEvent) | the JSON is not the event: not an object, an identity field missing (such as `BattleId`), a field that cannot be understood |
/// | 400 | 3006 | [`CommandMismatch`](Self::CommandMismatch) | the body's `CallbackCommand` differs from the query's |
/// | 500 | 4001 | [`HandlerFailed`](Self::HandlerFailed) | handler mode: the handler returned an error, or was not ready |
/// | 500 | 4003 | [`HandlerPanicked`](Self::HandlerPanicked) | the handler (or, in forward mode, the app) panicked |
/// | 500 | 4004 | [`DecoderPanicked`](Self::DecoderPanicked) | the event type panicked: its `decode`, `unknown`, `claims` or `fallback` |
/// | the app's | 4002 | [`ApplicationFailed`](Self::ApplicationFailed) | forward mode: the inner service answered with a status other than 2xx |
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Rejection {
    /// `SdkAppid` is absent from the query, or given more than once.
    MissingAppId,
    /// `SdkAppid` is not an unsigned integer.
    InvalidAppId,
    /// `SdkAppid` is not one of the configured ids.
    UnknownAppId,
    /// A token is configured, and `Sign` or `RequestTime` is absent or repeated.
    MissingSignature,
    /// `RequestTime` is not a Unix time in seconds.
    InvalidRequestTime,
    /// `RequestTime` is further from now than the configured tolerance.
    StaleRequestTime,
    /// `Sign` matches none of the configured tokens.
    BadSignature,
    /// `CallbackCommand` is given more than once in the query.
    RepeatedCallbackCommand,
    /// The body is larger than the configured limit.
    BodyTooLarge {
        /// The configured limit in bytes.
        limit: usize,
    },
    /// The body stream returned an error.
    BodyUnreadable,
    /// The body is not JSON; the text says what and where, without quoting the body.
    InvalidJson(String),
    /// The JSON is not the expected event; the text names the field path and position.
    InvalidEvent(String),
    /// The body's `CallbackCommand` differs from the query's.
    CommandMismatch,
    /// Handler mode: the handler returned an error, or failed to become ready
    /// (its text is logged with the `tracing` feature, never sent).
    HandlerFailed,
    /// The handler, or in forward mode the app, panicked; the panic was caught.
    HandlerPanicked,
    /// The event type panicked: its [`decode`](crate::WebhookEvent::decode),
    /// [`unknown`](crate::WebhookEvent::unknown),
    /// [`claims`](crate::WebhookEvent::claims) or
    /// [`fallback`](crate::WebhookEvent::fallback). The panic was caught; a
    /// before-webhook whose `decode` panicked gets its fallback decision instead.
    DecoderPanicked,
    /// Forward mode: the inner service answered with this non-2xx status.
    ApplicationFailed(StatusCode),
}

impl Rejection {
    /// The HTTP status of the FAIL acknowledgement.
    pub fn status(&self) -> StatusCode {
        match self {
            Self::MissingAppId | Self::InvalidAppId | Self::UnknownAppId => StatusCode::FORBIDDEN,
            Self::MissingSignature
            | Self::InvalidRequestTime
            | Self::StaleRequestTime
            | Self::BadSignature => StatusCode::UNAUTHORIZED,
            Self::BodyTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            Self::RepeatedCallbackCommand
            | Self::BodyUnreadable
            | Self::InvalidJson(_)
            | Self::InvalidEvent(_)
            | Self::CommandMismatch => StatusCode::BAD_REQUEST,
            Self::HandlerFailed | Self::HandlerPanicked | Self::DecoderPanicked => {
                StatusCode::INTERNAL_SERVER_ERROR
            }
            Self::ApplicationFailed(status) => *status,
        }
    }

    /// The stable `ErrorCode` of the FAIL acknowledgement.
    pub fn error_code(&self) -> i64 {
        match self {
            Self::MissingAppId => 1001,
            Self::InvalidAppId => 1002,
            Self::UnknownAppId => 1003,
            Self::MissingSignature => 2001,
            Self::InvalidRequestTime => 2002,
            Self::StaleRequestTime => 2003,
            Self::BadSignature => 2004,
            Self::RepeatedCallbackCommand => 3001,
            Self::BodyTooLarge { .. } => 3002,
            Self::BodyUnreadable => 3003,
            Self::InvalidJson(_) => 3004,
            Self::InvalidEvent(_) => 3005,
            Self::CommandMismatch => 3006,
            Self::HandlerFailed => 4001,
            Self::ApplicationFailed(_) => 4002,
            Self::HandlerPanicked => 4003,
            Self::DecoderPanicked => 4004,
        }
    }

    /// The FAIL acknowledgement for this rejection.
    pub fn ack(&self) -> Ack {
        Ack::fail(self.error_code(), self.to_string())
    }
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::MissingAppId => f.write_str("SdkAppid must be given exactly once"),
            Self::InvalidAppId => f.write_str("SdkAppid is not an unsigned integer"),
            Self::UnknownAppId => f.write_str("SdkAppid is not accepted by this server"),
            Self::MissingSignature => {
                f.write_str("Sign and RequestTime must each be given exactly once")
            }
            Self::InvalidRequestTime => f.write_str("RequestTime is not a Unix time in seconds"),
            Self::StaleRequestTime => f.write_str("RequestTime is outside the accepted window"),
            Self::BadSignature => f.write_str("Sign does not match"),
            Self::RepeatedCallbackCommand => f.write_str("CallbackCommand is given more than once"),
            Self::BodyTooLarge { limit } => write!(f, "body is larger than {limit} bytes"),
            Self::BodyUnreadable => f.write_str("body could not be read"),
            Self::InvalidJson(detail) => write!(f, "body is not JSON: {detail}"),
            Self::InvalidEvent(detail) => write!(f, "body is not a valid event: {detail}"),
            Self::CommandMismatch => {
                f.write_str("the body's CallbackCommand differs from the query's")
            }
            Self::HandlerFailed => f.write_str("the event could not be handled"),
            Self::HandlerPanicked => f.write_str("the event handler panicked"),
            Self::DecoderPanicked => f.write_str("the event decoder panicked"),
            Self::ApplicationFailed(status) => {
                write!(f, "the application answered HTTP {}", status.as_u16())
            }
        }
    }
}

impl std::error::Error for Rejection {}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_variant() -> Vec<Rejection> {
        vec![
            Rejection::MissingAppId,
            Rejection::InvalidAppId,
            Rejection::UnknownAppId,
            Rejection::MissingSignature,
            Rejection::InvalidRequestTime,
            Rejection::StaleRequestTime,
            Rejection::BadSignature,
            Rejection::RepeatedCallbackCommand,
            Rejection::BodyTooLarge { limit: 10 },
            Rejection::BodyUnreadable,
            Rejection::InvalidJson("x".into()),
            Rejection::InvalidEvent("x".into()),
            Rejection::CommandMismatch,
            Rejection::HandlerFailed,
            Rejection::HandlerPanicked,
            Rejection::DecoderPanicked,
            Rejection::ApplicationFailed(StatusCode::NOT_FOUND),
        ]
    }

    #[test]
    fn codes_are_unique_and_non_zero() {
        let mut codes: Vec<i64> = every_variant().iter().map(Rejection::error_code).collect();
        assert!(codes.iter().all(|&code| code != 0));
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), every_variant().len());
    }

    #[test]
    fn every_rejection_is_a_failure_status() {
        for rejection in every_variant() {
            let status = rejection.status();
            assert!(!status.is_success(), "{rejection:?} has {status}");
            let ack = rejection.ack();
            assert!(!ack.is_ok());
            assert!(!ack.error_info().is_empty());
        }
    }

    #[test]
    fn application_failure_keeps_the_status() {
        let rejection = Rejection::ApplicationFailed(StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(rejection.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(rejection.to_string(), "the application answered HTTP 422");
    }
}
