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

use crate::answer::{in_the_table, FallbackReason, Handed, Outcome, Verdict};
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
            as_written: false,
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
        phase: Phase<
            Collect<Limited<B>>,
            (Parts, CallbackQuery, M::Pending),
            M::Dispatch,
            Result<Verdict, S::Error>,
        >,
        // `Some` for a before-webhook, until it is answered.
        fallback: Option<Reply>,
        deadline: Option<Instant>,
        hold_until: Option<Instant>,
        timer: Option<Arc<dyn Timer>>,
        // The deadline's sleep, or the hold's.
        sleep: Option<Sleep>,
        body_limit: usize,
        // Whether the app's answer is written as it is: a command outside
        // the crate's table, without a fallback.
        as_written: bool,
        event: PhantomData<fn() -> E>,
    }
}

pin_project! {
    #[project = PhaseProj]
    enum Phase<C, A, D, R> {
        Reading { #[pin] collect: C, accepted: Option<A> },
        Dispatching { #[pin] future: D },
        Holding { result: Option<R> },
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
                            decode_caught::<E>(&query.callback_command, &body)
                                .map(|event| (event, body))
                        });
                    match read {
                        Err(rejection) => Ok(Verdict::refuse(rejection, this.fallback.take())),
                        // A deadline that passed while the body was read: the
                        // handler is not called.
                        Ok(_) if past_deadline(this.deadline, this.timer, this.fallback) => {
                            let fallback = this.fallback.take().expect("a before-webhook");
                            Ok(Verdict::Fallback(fallback, FallbackReason::Deadline, None))
                        }
                        Ok((event, body)) => {
                            *this.as_written =
                                this.fallback.is_none() && !in_the_table(&query.callback_command);
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
                                    set_phase(this.phase.as_mut(), Phase::Dispatching { future });
                                    continue;
                                }
                                Err(_) => Verdict::settle(
                                    Outcome(Handed::Panicked),
                                    this.fallback.take(),
                                    *this.as_written,
                                ),
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
                    Verdict::settle(outcome, this.fallback.take(), *this.as_written)
                }
                PhaseProj::Holding { result } => {
                    if let Some(sleep) = this.sleep.as_mut() {
                        // A timer that panics holds no longer.
                        if let Ok(Poll::Pending) =
                            catch_unwind(AssertUnwindSafe(|| sleep.as_mut().poll(cx)))
                        {
                            return Poll::Pending;
                        }
                    }
                    let result = result.take().expect("polled after completion");
                    set_phase(this.phase.as_mut(), Phase::Done);
                    return Poll::Ready(result.map(Verdict::into_response));
                }
                PhaseProj::Done => panic!("polled after completion"),
            };
            // An after-webhook's failure, or the inner service's error, is
            // held for Tencent's retry when asked.
            let failed = settled.as_ref().map_or(true, Verdict::is_failure);
            if let (Some(until), Some(timer), true) =
                (*this.hold_until, this.timer.as_ref(), failed)
            {
                if let Ok(sleep) = catch_unwind(AssertUnwindSafe(|| timer.sleep_until(until))) {
                    *this.sleep = Some(sleep);
                    set_phase(
                        this.phase.as_mut(),
                        Phase::Holding {
                            result: Some(settled),
                        },
                    );
                    continue;
                }
            }
            set_phase(this.phase.as_mut(), Phase::Done);
            return Poll::Ready(settled.map(Verdict::into_response));
        }

        // Not answered yet. A before-webhook gets its fallback at the deadline,
        // and the work in flight (the body, the handler) is dropped.
        if let (Some(deadline), Some(timer), Some(_)) =
            (*this.deadline, this.timer.as_ref(), this.fallback.as_ref())
        {
            let fired = catch_unwind(AssertUnwindSafe(|| {
                this.sleep
                    .get_or_insert_with(|| timer.sleep_until(deadline))
                    .as_mut()
                    .poll(cx)
                    .is_ready()
            }));
            let reason = match fired {
                Ok(false) => return Poll::Pending,
                Ok(true) => FallbackReason::Deadline,
                // A timer that panics keeps no deadline: the fallback now.
                Err(_) => FallbackReason::Panicked,
            };
            set_phase(this.phase.as_mut(), Phase::Done);
            let fallback = this.fallback.take().expect("a before-webhook");
            return Poll::Ready(Ok(Verdict::Fallback(fallback, reason, None).into_response()));
        }
        Poll::Pending
    }
}

/// Replaces the phase, dropping the old one; a panic in that drop (the
/// handler's future, the body) is caught: the answer is already decided.
fn set_phase<T>(mut phase: Pin<&mut T>, next: T) {
    let _ = catch_unwind(AssertUnwindSafe(|| phase.set(next)));
}

/// Whether a before-webhook's deadline has passed by its timer's clock (a
/// timer that panics has no clock: the deadline is taken as passed).
fn past_deadline(
    deadline: &Option<Instant>,
    timer: &Option<Arc<dyn Timer>>,
    fallback: &Option<Reply>,
) -> bool {
    match (deadline, timer, fallback) {
        (Some(deadline), Some(timer), Some(_)) => {
            catch_unwind(AssertUnwindSafe(|| timer.now() >= *deadline)).unwrap_or(true)
        }
        _ => false,
    }
}

/// [`decode`], with a panic of the event type caught.
fn decode_caught<E: WebhookEvent>(command: &str, body: &Bytes) -> Result<E, Rejection> {
    catch_unwind(AssertUnwindSafe(|| decode::<E>(command, body)))
        .unwrap_or(Err(Rejection::DecoderPanicked))
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
