//! The last step of a request's way: what was decided becomes Tencent's answer.

use std::fmt;

use http::{header, HeaderValue, Response, StatusCode};

use crate::ack::Ack;
use crate::body::ResponseBody;
use crate::rejection::Rejection;
use crate::reply::Reply;

/// The answer to a webhook, before it is written.
#[derive(Debug)]
pub(crate) enum Verdict {
    /// The app's own answer, written with this status.
    Answer(StatusCode, Reply),
    /// Refused: a FAIL acknowledgement with the rejection's status.
    Reject(Rejection),
    /// A before-webhook without a decision: its fallback, with HTTP 200.
    Fallback(Reply, FallbackReason),
}

/// Why a before-webhook was answered with its fallback decision.
#[derive(Debug)]
pub(crate) enum FallbackReason {
    /// The body could not be read or decoded.
    Refused(Rejection),
    /// No decision by the deadline.
    Deadline,
    /// The handler (or, in forward mode, the app) failed.
    Failed,
    /// The handler (or the app) panicked.
    Panicked,
    /// The answer was not a decision of the command's kind.
    NoDecision,
}

impl fmt::Display for FallbackReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Refused(rejection) => write!(f, "the webhook was not understood: {rejection}"),
            Self::Deadline => f.write_str("no decision by the deadline"),
            Self::Failed => f.write_str("the handler failed"),
            Self::Panicked => f.write_str("the handler panicked"),
            Self::NoDecision => f.write_str("the answer was not a decision of this command's kind"),
        }
    }
}

/// What handing an event on came to, before the command's rules apply.
pub struct Outcome<E>(pub(crate) Handed<E>);

pub(crate) enum Handed<E> {
    /// The handler returned, or the app answered with this status (and
    /// perhaps a [`Reply`] in its response's extensions).
    Answered(StatusCode, Option<Reply>),
    /// The handler returned an error, or was not ready.
    Failed,
    /// The handler or the app panicked.
    Panicked,
    /// Forward mode: the inner service returned an error.
    Errored(E),
}

impl<E> fmt::Debug for Outcome<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Outcome")
    }
}

impl Verdict {
    /// Applies the command's rules to what the app answered. A before-webhook
    /// (`fallback` is `Some`) is answered with a decision of its kind, always
    /// with HTTP 200; an after-webhook with an acknowledgement. `Err` is the
    /// inner service's error, passed on for an after-webhook.
    pub(crate) fn settle<E>(outcome: Outcome<E>, fallback: Option<Reply>) -> Result<Self, E> {
        let Some(fallback) = fallback else {
            return match outcome.0 {
                Handed::Answered(status, reply) if status.is_success() => Ok(Self::Answer(
                    StatusCode::OK,
                    match reply {
                        Some(Reply::Ack(ack)) => Reply::Ack(ack),
                        _ => Reply::Ack(Ack::ok()),
                    },
                )),
                Handed::Answered(status, _) => {
                    Ok(Self::Reject(Rejection::ApplicationFailed(status)))
                }
                Handed::Failed => Ok(Self::Reject(Rejection::HandlerFailed)),
                Handed::Panicked => Ok(Self::Reject(Rejection::HandlerPanicked)),
                Handed::Errored(error) => Err(error),
            };
        };
        Ok(match outcome.0 {
            Handed::Answered(_, Some(reply)) if reply.same_kind(&fallback) => {
                Self::Answer(StatusCode::OK, reply)
            }
            Handed::Answered(..) => Self::Fallback(fallback, FallbackReason::NoDecision),
            Handed::Failed | Handed::Errored(_) => Self::Fallback(fallback, FallbackReason::Failed),
            Handed::Panicked => Self::Fallback(fallback, FallbackReason::Panicked),
        })
    }

    /// A refusal after the head was accepted: for a before-webhook, its fallback.
    pub(crate) fn refuse(rejection: Rejection, fallback: Option<Reply>) -> Self {
        match fallback {
            Some(fallback) => Self::Fallback(fallback, FallbackReason::Refused(rejection)),
            None => Self::Reject(rejection),
        }
    }

    /// Whether this answers an after-webhook as not handled: what a layer
    /// that holds failures for Tencent's retry holds.
    pub(crate) fn is_failure(&self) -> bool {
        match self {
            Self::Answer(_, Reply::Ack(ack)) => !ack.is_ok(),
            Self::Answer(..) | Self::Fallback(..) => false,
            Self::Reject(rejection) => matches!(
                rejection,
                Rejection::HandlerFailed
                    | Rejection::HandlerPanicked
                    | Rejection::ApplicationFailed(_)
            ),
        }
    }

    /// The response Tencent gets.
    pub(crate) fn into_response<B>(self) -> Response<ResponseBody<B>> {
        let (status, bytes) = match self {
            Self::Answer(status, reply) => (status, reply.to_bytes()),
            Self::Reject(rejection) => {
                // A handler's error is logged where it is known, with its text.
                #[cfg(feature = "tracing")]
                if rejection != Rejection::HandlerFailed {
                    tracing::warn!(
                    status = rejection.status().as_u16(),
                    error_code = rejection.error_code(),
                        reason = %rejection,
                        "refused a Tencent webhook"
                    );
                }
                (rejection.status(), rejection.ack().to_bytes())
            }
            Self::Fallback(reply, reason) => {
                #[cfg(feature = "tracing")]
                tracing::warn!(
                    reason = %reason,
                    error_code = decision_code(&reply),
                    "answered a Tencent before-webhook with its fallback decision"
                );
                #[cfg(not(feature = "tracing"))]
                let _ = reason;
                (StatusCode::OK, reply.to_bytes())
            }
        };
        let mut response = Response::new(ResponseBody::answer(bytes));
        *response.status_mut() = status;
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        response
    }
}

#[cfg(feature = "tracing")]
fn decision_code(reply: &Reply) -> i64 {
    match reply {
        Reply::Ack(ack) => ack.error_code(),
        Reply::Gift(decision) => decision.error_code(),
        Reply::Message(decision) => decision.error_code(),
        Reply::Decision(decision) => decision.error_code(),
    }
}
