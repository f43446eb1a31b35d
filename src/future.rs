//! The futures of [`Webhook`](crate::Webhook): passthrough, or read, decode,
//! dispatch and answer, within a before-webhook's deadline.

use std::future::Future;
use std::marker::PhantomData;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{ready, Context, Poll};
use std::time::Instant;

use bytes::Bytes;
use http::request::Parts;
use http::{Request, Response};
use http_body::Body;
use http_body_util::combinators::Collect;
use http_body_util::{BodyExt, LengthLimitError, Limited};
use pin_project_lite::pin_project;
use tower_service::Service;

use crate::answer::{FallbackReason, Handed, Outcome, Verdict};
use crate::body::{RequestBody, ResponseBody};
use crate::dispatch::{Deadline, Delivery, Mode};
pub use crate::dispatch::{ForwardFuture, HandlerFuture, Oneshot};
use crate::event::WebhookEvent;
use crate::query::CallbackQuery;
use crate::rejection::Rejection;
use crate::reply::Reply;
use crate::timer::{Sleep, Timer};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

pin_project! {
    /// Response future of [`Webhook`](crate::Webhook): the inner service's
    /// future for a request the middleware does not own; otherwise the
    /// webhook's answer.
    pub struct ResponseFuture<S, E, M, B>
    where
        S: Service<Request<RequestBody<B>>>,
        M: Mode<S, E, B>,
        B: Body,
        B::Error: Into<BoxError>,
    {
        #[pin]
        state: State<M::Passthrough, Pin<Box<Handling<S, E, M, B>>>>,
    }
}

pin_project! {
    /// The webhook's work is boxed: requests the middleware passes through,
    /// the common case in an app, then carry a future no larger than the
    /// inner service's.
    #[project = StateProj]
    enum State<P, H> {
        Passthrough { #[pin] future: P },
        Answered { verdict: Option<Verdict> },
        Handling { handling: H },
    }
}

/// How a webhook that passed its head checks is handled.
pub(crate) struct Plan {
    pub(crate) query: CallbackQuery,
    pub(crate) fallback: Option<Reply>,
    pub(crate) body_limit: usize,
    /// When a before-webhook's decision is due.
    pub(crate) deadline: Option<Instant>,
    /// Until when a failed after-webhook's answer is held.
    pub(crate) hold_until: Option<Instant>,
    pub(crate) timer: Option<Arc<dyn Timer>>,
}

impl<S, E, M, B> ResponseFuture<S, E, M, B>
where
    S: Service<Request<RequestBody<B>>>,
    M: Mode<S, E, B>,
    B: Body,
    B::Error: Into<BoxError>,
{
    pub(crate) fn passthrough(future: M::Passthrough) -> Self {
        Self {
            state: State::Passthrough { future },
        }
    }

    pub(crate) fn answered(verdict: Verdict) -> Self {
        Self {
            state: State::Answered {
                verdict: Some(verdict),
            },
        }
    }

    pub(crate) fn accepted(parts: Parts, body: B, pending: M::Pending, plan: Plan) -> Self {
        let handling = Handling {
            phase: Phase::Reading {
                collect: Limited::new(body, plan.body_limit).collect(),
                accepted: Some((parts, plan.query, pending)),
            },
            fallback: plan.fallback,
            deadline: plan.deadline,
            hold_until: plan.hold_until,
            timer: plan.timer,
            sleep: None,
            body_limit: plan.body_limit,
            event: PhantomData,
        };
        Self {
            state: State::Handling {
                handling: Box::pin(handling),
            },
        }
    }
}

impl<S, E, M, B, ResBody> Future for ResponseFuture<S, E, M, B>
where
    S: Service<Request<RequestBody<B>>, Response = Response<ResBody>>,
    M: Mode<S, E, B>,
    E: WebhookEvent,
    B: Body,
    B::Error: Into<BoxError>,
{
    type Output = Result<Response<ResponseBody<ResBody>>, S::Error>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match self.project().state.project() {
            StateProj::Passthrough { future } => {
                let response = ready!(future.poll(cx))?;
                Poll::Ready(Ok(response.map(ResponseBody::inner)))
            }
            StateProj::Answered { verdict } => {
                let verdict = verdict.take().expect("polled after completion");
                Poll::Ready(Ok(verdict.into_response()))
            }
            StateProj::Handling { handling } => handling.as_mut().poll(cx),
        }
    }
}

pin_project! {
    /// A webhook that passed every check of its head.
    struct Handling<S, E, M, B>
    where
        S: Service<Request<RequestBody<B>>>,
        M: Mode<S, E, B>,
        B: Body,
        B::Error: Into<BoxError>,
    {
        #[pin]
        phase: Phase<Collect<Limited<B>>, (Parts, CallbackQuery, M::Pending), M::Dispatch>,
        // `Some` for a before-webhook, until it is answered.
        fallback: Option<Reply>,
        deadline: Option<Instant>,
        hold_until: Option<Instant>,
        timer: Option<Arc<dyn Timer>>,
        // The deadline's sleep, or the hold's.
        sleep: Option<Sleep>,
        body_limit: usize,
        event: PhantomData<fn() -> E>,
    }
}

pin_project! {
    #[project = PhaseProj]
    enum Phase<C, A, D> {
        Reading { #[pin] collect: C, accepted: Option<A> },
        Dispatching { #[pin] future: D },
        Holding { verdict: Option<Verdict> },
        Done,
    }
}

impl<S, E, M, B, ResBody> Future for Handling<S, E, M, B>
where
    S: Service<Request<RequestBody<B>>, Response = Response<ResBody>>,
    M: Mode<S, E, B>,
    E: WebhookEvent,
    B: Body,
    B::Error: Into<BoxError>,
{
    type Output = Result<Response<ResponseBody<ResBody>>, S::Error>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let mut this = self.project();
        loop {
            let settled = match this.phase.as_mut().project() {
                PhaseProj::Reading { collect, accepted } => {
                    let Poll::Ready(collected) = collect.poll(cx) else {
                        break;
                    };
                    let (parts, query, pending) = accepted.take().expect("polled after completion");
                    let limit = *this.body_limit;
                    let read = collected
                        .map(|collected| collected.to_bytes())
                        .map_err(|error| read_error(&*error, limit))
                        .and_then(|body| {
                            decode::<E>(&query.callback_command, &body).map(|event| (event, body))
                        });
                    match read {
                        Err(rejection) => Ok(Verdict::refuse(rejection, this.fallback.take())),
                        Ok((event, body)) => {
                            let delivery = Delivery {
                                parts,
                                query,
                                body,
                                deadline: this.fallback.as_ref().and(this.deadline.map(Deadline)),
                            };
                            match catch_unwind(AssertUnwindSafe(|| {
                                M::dispatch(pending, event, delivery)
                            })) {
                                Ok(future) => {
                                    this.phase.set(Phase::Dispatching { future });
                                    continue;
                                }
                                Err(_) => {
                                    Verdict::settle(Outcome(Handed::Panicked), this.fallback.take())
                                }
                            }
                        }
                    }
                }
                PhaseProj::Dispatching { future } => {
                    let outcome = match catch_unwind(AssertUnwindSafe(|| future.poll(cx))) {
                        Ok(Poll::Pending) => break,
                        Ok(Poll::Ready(outcome)) => outcome,
                        Err(_) => Outcome(Handed::Panicked),
                    };
                    Verdict::settle(outcome, this.fallback.take())
                }
                PhaseProj::Holding { verdict } => {
                    if let Some(sleep) = this.sleep.as_mut() {
                        ready!(sleep.as_mut().poll(cx));
                    }
                    let verdict = verdict.take().expect("polled after completion");
                    this.phase.set(Phase::Done);
                    return Poll::Ready(Ok(verdict.into_response()));
                }
                PhaseProj::Done => panic!("polled after completion"),
            };
            let verdict = match settled {
                Ok(verdict) => verdict,
                Err(error) => {
                    this.phase.set(Phase::Done);
                    return Poll::Ready(Err(error));
                }
            };
            if let (Some(until), Some(timer), true) =
                (*this.hold_until, this.timer.as_ref(), verdict.is_failure())
            {
                *this.sleep = Some(timer.sleep_until(until));
                this.phase.set(Phase::Holding {
                    verdict: Some(verdict),
                });
                continue;
            }
            this.phase.set(Phase::Done);
            return Poll::Ready(Ok(verdict.into_response()));
        }

        // Not answered yet. A before-webhook gets its fallback at the deadline,
        // and the work in flight (the body, the handler) is dropped.
        if let (Some(deadline), Some(timer), Some(_)) =
            (*this.deadline, this.timer.as_ref(), this.fallback.as_ref())
        {
            let sleep = this
                .sleep
                .get_or_insert_with(|| timer.sleep_until(deadline));
            if sleep.as_mut().poll(cx).is_ready() {
                this.phase.set(Phase::Done);
                if let Some(fallback) = this.fallback.take() {
                    let verdict = Verdict::Fallback(fallback, FallbackReason::Deadline);
                    return Poll::Ready(Ok(verdict.into_response()));
                }
            }
        }
        Poll::Pending
    }
}

/// The body's claimed command decodes into its type, or, for a layer that
/// receives every command, into the type's place for unknown ones.
fn decode<E: WebhookEvent>(command: &str, body: &Bytes) -> Result<E, Rejection> {
    if E::claims(command) {
        return E::decode(command, body);
    }
    E::unknown(command, body).unwrap_or_else(|| {
        Err(Rejection::InvalidEvent(format!(
            "no event type for the command `{command}`"
        )))
    })
}

/// Why reading the body failed.
fn read_error(error: &(dyn std::error::Error + 'static), limit: usize) -> Rejection {
    if error.is::<LengthLimitError>() {
        Rejection::BodyTooLarge { limit }
    } else {
        Rejection::BodyUnreadable
    }
}
