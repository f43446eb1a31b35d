//! The last step of a request's way: what was decided becomes Tencent's answer.

use std::fmt;

use http::{header, HeaderValue, Response, StatusCode};

use crate::ack::Ack;
use crate::body::ResponseBody;
use crate::rejection::Rejection;
use crate::reply::Reply;

/// An error behind a refusal or a fallback, logged with it (never sent).
pub(crate) type Cause = Option<Box<dyn std::error::Error + Send + Sync>>;

/// The answer to a webhook, before it is written.
#[derive(Debug)]
pub(crate) enum Verdict {
    /// The app's own answer, written with this status.
    Answer(StatusCode, Reply),
    /// Refused: a FAIL acknowledgement with the rejection's status.
    Reject(Rejection, Cause),
    /// A before-webhook without a decision: its fallback, with HTTP 200.
    Fallback(Reply, FallbackReason, Cause),
}

/// Why a before-webhook was answered with its fallback decision: the reason
/// its dead letter gives.
pub(crate) use crate::dead_letter::DeadLetterReason as FallbackReason;

/// What handing an event on came to, before the command's rules apply.
pub struct Outcome<E>(pub(crate) Handed<E>);

pub(crate) enum Handed<E> {
    /// The handler returned, or the app answered with this status (and
    /// perhaps a [`Reply`] in its response's extensions).
    Answered(StatusCode, Option<Reply>),
    /// The handler returned an error (logged with the answer), or was not ready.
    Failed(Cause),
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

/// Whether a command's name says it is a before-webhook (a question), whether
/// or not an event type knows it: such an answer is never held.
pub(crate) fn names_a_before_webhook(command: &str) -> bool {
    command.contains(".CallbackBefore") || command.contains(".CallbackPrev")
}

impl Verdict {
    /// Applies the command's rules to what the app answered. A before-webhook
    /// (`fallback` is `Some`) is answered with a decision of its kind, always
    /// with HTTP 200; an after-webhook of the table with an acknowledgement.
    /// A command outside the table (an unknown one, or an event type of the
    /// app's own without a fallback) gets the app's answer as written, with
    /// HTTP 200. A non-2xx status is a failure, whatever its response
    /// carries. `as_written` says the command is outside the table.
    /// `Err` is the inner service's error, passed on for an after-webhook.
    pub(crate) fn settle<E>(
        outcome: Outcome<E>,
        fallback: Option<Reply>,
        as_written: bool,
    ) -> Result<Self, E> {
        let Some(fallback) = fallback else {
            return match outcome.0 {
                Handed::Answered(status, _) if !status.is_success() => {
                    Ok(Self::Reject(Rejection::ApplicationFailed(status), None))
                }
                Handed::Answered(_, Some(Reply::Ack(ack))) => {
                    Ok(Self::Answer(StatusCode::OK, Reply::Ack(ack)))
                }
                Handed::Answered(_, Some(reply)) if as_written => {
                    Ok(Self::Answer(StatusCode::OK, reply))
                }
                Handed::Answered(..) => Ok(Self::Answer(StatusCode::OK, Reply::Ack(Ack::ok()))),
                Handed::Failed(cause) => Ok(Self::Reject(Rejection::HandlerFailed, cause)),
                Handed::Panicked => Ok(Self::Reject(Rejection::HandlerPanicked, None)),
                Handed::Errored(error) => Err(error),
            };
        };
        Ok(match outcome.0 {
            Handed::Answered(status, _) if !status.is_success() => Self::Fallback(
                fallback,
                FallbackReason::Failed,
                Some(Box::new(Rejection::ApplicationFailed(status))),
            ),
            Handed::Answered(_, Some(reply)) if reply.same_kind(&fallback) => {
                Self::Answer(StatusCode::OK, reply)
            }
            Handed::Answered(..) => Self::Fallback(fallback, FallbackReason::NoDecision, None),
            Handed::Failed(cause) => Self::Fallback(fallback, FallbackReason::Failed, cause),
            Handed::Errored(_) => Self::Fallback(fallback, FallbackReason::Failed, None),
            Handed::Panicked => Self::Fallback(fallback, FallbackReason::Panicked, None),
        })
    }

    /// A refusal after the head was accepted: for a before-webhook, its fallback.
    pub(crate) fn refuse(rejection: Rejection, fallback: Option<Reply>) -> Self {
        match fallback {
            Some(fallback) => Self::Fallback(fallback, FallbackReason::Refused(rejection), None),
            None => Self::Reject(rejection, None),
        }
    }

    /// A per-user decision completed against the users its request names
    /// (see [`Reply::complete`]); a verdict dropped for a user the request
    /// does not name is logged.
    pub(crate) fn complete(self, accounts: &[String], fallback: &Reply) -> Self {
        let complete = |reply: Reply| {
            let (reply, dropped) = reply.complete(accounts, fallback);
            #[cfg(feature = "tracing")]
            if dropped > 0 {
                tracing::warn!(
                    dropped,
                    "dropped a decision's verdicts for users its Tencent webhook does not name"
                );
            }
            #[cfg(not(feature = "tracing"))]
            let _ = dropped;
            reply
        };
        match self {
            Self::Answer(status, reply) => Self::Answer(status, complete(reply)),
            Self::Fallback(reply, reason, cause) => Self::Fallback(complete(reply), reason, cause),
            refused @ Self::Reject(..) => refused,
        }
    }

    /// Whether this answers an after-webhook as not handled: what a layer
    /// that holds failures for Tencent's retry holds.
    pub(crate) fn is_failure(&self) -> bool {
        match self {
            Self::Answer(_, Reply::Ack(ack)) => !ack.is_ok(),
            Self::Answer(..) | Self::Fallback(..) => false,
            Self::Reject(rejection, _) => matches!(
                rejection,
                Rejection::HandlerFailed
                    | Rejection::HandlerPanicked
                    | Rejection::DecoderPanicked
                    | Rejection::ApplicationFailed(_)
            ),
        }
    }

    /// The response Tencent gets, and its one `tracing` event when it is a
    /// refusal or a fallback.
    pub(crate) fn into_response<B>(self) -> Response<ResponseBody<B>> {
        let (status, bytes) = match self {
            Self::Answer(status, reply) => (status, reply.to_bytes()),
            Self::Reject(rejection, cause) => {
                #[cfg(feature = "tracing")]
                log_refusal(&rejection, cause.as_deref());
                #[cfg(not(feature = "tracing"))]
                drop(cause);
                (rejection.status(), rejection.ack().to_bytes())
            }
            Self::Fallback(reply, reason, cause) => {
                #[cfg(feature = "tracing")]
                match cause {
                    Some(error) => tracing::warn!(
                        reason = %reason,
                        error = %error,
                        error_code = reply.error_code(),
                        "answered a Tencent before-webhook with its fallback decision"
                    ),
                    None => tracing::warn!(
                        reason = %reason,
                        error_code = reply.error_code(),
                        "answered a Tencent before-webhook with its fallback decision"
                    ),
                }
                #[cfg(not(feature = "tracing"))]
                let _ = (reason, cause);
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

/// Whether the crate's tables type this command (its rules then apply).
pub(crate) fn in_the_table(command: &str) -> bool {
    <crate::table::TencentEvent as crate::event::WebhookEvent>::claims(command)
}

/// The fallback decision the crate's tables give this command: `None` for
/// an after-webhook, or a command outside the tables.
pub(crate) fn table_fallback(command: &str) -> Option<Reply> {
    <crate::table::TencentEvent as crate::event::WebhookEvent>::fallback(command)
}

/// One event per refusal: an error for a failure of the app or of the event
/// type (with the error behind it, when there is one), a warning otherwise.
#[cfg(feature = "tracing")]
fn log_refusal(rejection: &Rejection, cause: Option<&(dyn std::error::Error + Send + Sync)>) {
    let status = rejection.status().as_u16();
    let error_code = rejection.error_code();
    match cause {
        Some(error) => tracing::error!(
            status,
            error_code,
            reason = %rejection,
            error = %error,
            "the Tencent webhook handler failed"
        ),
        None if status >= 500 => tracing::error!(
            status,
            error_code,
            reason = %rejection,
            "refused a Tencent webhook"
        ),
        None => tracing::warn!(
            status,
            error_code,
            reason = %rejection,
            "refused a Tencent webhook"
        ),
    }
}
