//! The futures of [`Webhook`](crate::Webhook): passthrough, or read, decode,
//! dispatch and answer, within a before-webhook's deadline.

use std::future::Future;
use std::marker::PhantomData;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::pin::Pin;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::task::{ready, Context, Poll};
use std::time::Instant;

use std::time::Duration;

use bytes::Bytes;
use http::request::Parts;
use http::{Request, Response, Uri};
use http_body::Body;
use pin_project_lite::pin_project;
use tower_service::Service;

use crate::answer::{in_the_table, FallbackReason, Handed, Outcome, Verdict};
use crate::body::{RequestBody, ResponseBody};
use crate::dead_letter::{DeadLetter, DeadLetterReason, DeadLetters, Sending};
use crate::dispatch::{Deadline, Delivery, Mode};
pub use crate::dispatch::{ForwardFuture, HandlerFuture, Oneshot};
use crate::event::WebhookEvent;
use crate::meter::{Dropped, Meter};
use crate::query::CallbackQuery;
use crate::read::{ReadFailure, Reader};
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
    pub(crate) meter: Meter,
    pub(crate) query: CallbackQuery,
    pub(crate) fallback: Option<Reply>,
    pub(crate) body_limit: usize,
    /// When a before-webhook's decision is due.
    pub(crate) deadline: Option<Instant>,
    /// Until when a failed after-webhook's answer is held.
    pub(crate) hold_until: Option<Instant>,
    pub(crate) timer: Option<Arc<dyn Timer>>,
    /// Refused already, read only for its dead letter.
    pub(crate) refused: Option<Rejection>,
    /// Whether the body is read (not when its declared size is over the limit).
    pub(crate) read_body: bool,
    /// Where dead letters go, when the layer has a sink.
    pub(crate) letters: Option<(DeadLetters, Duration)>,
}

/// What a webhook's dead letter is made of, kept only when the layer has a
/// sink.
struct Letters {
    sink: DeadLetters,
    timeout: Duration,
    uri: Uri,
    /// The body read, and whether it is truncated.
    body: Option<(Bytes, bool)>,
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
        let reader = if plan.read_body {
            Reader::new(body, plan.body_limit)
        } else {
            Reader::refused(body, plan.body_limit)
        };
        let letters = plan.letters.map(|(sink, timeout)| {
            Box::new(Letters {
                sink,
                timeout,
                uri: parts.uri.clone(),
                body: None,
            })
        });
        let handling = Handling {
            phase: Phase::Reading {
                reader,
                accepted: Some((parts, plan.query, pending)),
            },
            fallback: plan.fallback,
            deadline: plan.deadline,
            hold_until: plan.hold_until,
            timer: plan.timer,
            sleep: None,
            refused: plan.refused,
            letters,
            as_written: false,
            completion: None,
            meter: plan.meter,
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
            Reader<B>,
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
        // Refused already, read only for its dead letter.
        refused: Option<Rejection>,
        // `Some` when the layer has a dead-letter sink.
        letters: Option<Box<Letters>>,
        // Whether the app's answer is written as it is: a command outside
        // the crate's table, without a fallback.
        as_written: bool,
        // The users a per-user decision answers for, and the fallback that
        // gives those it leaves out their verdict.
        completion: Option<Box<(Vec<String>, Reply)>>,
        // What the `metrics` feature records of this webhook (nothing without it).
        meter: Meter,
        event: PhantomData<fn() -> E>,
    }
}

pin_project! {
    #[project = PhaseProj]
    enum Phase<C, A, D, R> {
        Reading { #[pin] reader: C, accepted: Option<A> },
        Dispatching { #[pin] future: D },
        // Decided: the dead letter is handed to the sink, a failure held.
        Answering {
            result: Option<R>,
            letter: Option<Sending>,
            letter_until: Option<Instant>,
            letter_sleep: Option<Sleep>,
            held: bool,
        },
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
        'poll: loop {
            let settled = match this.phase.as_mut().project() {
                PhaseProj::Reading {
                    mut reader,
                    accepted,
                } => 'read: {
                    let read = match reader.as_mut().poll(cx) {
                        Poll::Ready(read) => read,
                        Poll::Pending => {
                            let Some(reason) = deadline_fired(
                                this.deadline,
                                this.timer,
                                this.fallback,
                                this.sleep,
                                cx,
                            ) else {
                                return Poll::Pending;
                            };
                            // What was read by then goes into the letter, truncated.
                            if let Some(letters) = this.letters.as_mut() {
                                letters.body = Some((reader.as_mut().take(), true));
                            }
                            let fallback = this.fallback.take().expect("a before-webhook");
                            break 'read Ok(Verdict::Fallback(fallback, reason, None));
                        }
                    };
                    let (parts, query, pending) = accepted.take().expect("polled after completion");
                    let body = match read {
                        Ok(body) => body,
                        Err(ReadFailure { rejection, bytes }) => {
                            if let Some(letters) = this.letters.as_mut() {
                                letters.body = Some((bytes, true));
                            }
                            let rejection = this.refused.take().unwrap_or(rejection);
                            break 'read Ok(Verdict::refuse(rejection, this.fallback.take()));
                        }
                    };
                    if let Some(letters) = this.letters.as_mut() {
                        letters.body = Some((body.clone(), false));
                    }
                    if let Some(rejection) = this.refused.take() {
                        break 'read Ok(Verdict::refuse(rejection, this.fallback.take()));
                    }
                    let event = match decode_caught::<E>(&query.callback_command, &body) {
                        Ok(event) => event,
                        Err(rejection) => {
                            break 'read Ok(Verdict::refuse(rejection, this.fallback.take()))
                        }
                    };
                    // A deadline that passed while the body was read: the
                    // handler is not called.
                    if let Some(reason) = past_deadline(this.deadline, this.timer, this.fallback) {
                        let fallback = this.fallback.take().expect("a before-webhook");
                        break 'read Ok(Verdict::Fallback(fallback, reason, None));
                    }
                    this.meter.decoded(&event);
                    *this.as_written =
                        this.fallback.is_none() && !in_the_table(&query.callback_command);
                    if let Some(fallback) = this.fallback.as_ref() {
                        *this.completion =
                            catch_unwind(AssertUnwindSafe(|| event.decision_accounts()))
                                .ok()
                                .flatten()
                                .map(|accounts| Box::new((accounts, fallback.clone())));
                    }
                    let delivery = Delivery {
                        parts,
                        query,
                        body,
                        deadline: this.fallback.as_ref().and(this.deadline.map(Deadline)),
                    };
                    this.meter.dispatched();
                    match catch_unwind(AssertUnwindSafe(|| M::dispatch(pending, event, delivery))) {
                        Ok(future) => {
                            set_phase(this.phase.as_mut(), Phase::Dispatching { future });
                            continue 'poll;
                        }
                        Err(_) => Verdict::settle(
                            Outcome(Handed::Panicked),
                            this.fallback.take(),
                            *this.as_written,
                        ),
                    }
                }
                PhaseProj::Dispatching { future } => {
                    match catch_unwind(AssertUnwindSafe(|| future.poll(cx))) {
                        Ok(Poll::Ready(outcome)) => {
                            Verdict::settle(outcome, this.fallback.take(), *this.as_written)
                        }
                        Err(_) => Verdict::settle(
                            Outcome(Handed::Panicked),
                            this.fallback.take(),
                            *this.as_written,
                        ),
                        Ok(Poll::Pending) => match deadline_fired(
                            this.deadline,
                            this.timer,
                            this.fallback,
                            this.sleep,
                            cx,
                        ) {
                            None => return Poll::Pending,
                            Some(reason) => {
                                let fallback = this.fallback.take().expect("a before-webhook");
                                Ok(Verdict::Fallback(fallback, reason, None))
                            }
                        },
                    }
                }
                PhaseProj::Answering {
                    result,
                    letter,
                    letter_until,
                    letter_sleep,
                    held,
                } => {
                    if let Some(sending) = letter.as_mut() {
                        let lost = match catch_unwind(AssertUnwindSafe(|| {
                            sending.as_mut().poll(cx)
                        })) {
                            Ok(Poll::Ready(Ok(()))) => None,
                            Ok(Poll::Ready(Err(error))) => Some(Lost::Failed(error)),
                            Err(_) => Some(Lost::Panicked),
                            Ok(Poll::Pending) => {
                                let waited = match (letter_until, this.timer.as_ref()) {
                                    (Some(until), Some(timer)) => {
                                        catch_unwind(AssertUnwindSafe(|| {
                                            letter_sleep
                                                .get_or_insert_with(|| timer.sleep_until(*until))
                                                .as_mut()
                                                .poll(cx)
                                                .is_ready()
                                        }))
                                        .unwrap_or(true)
                                    }
                                    _ => true,
                                };
                                if !waited {
                                    return Poll::Pending;
                                }
                                Some(Lost::NotInTime)
                            }
                        };
                        if let (Some(lost), Some(letters)) = (lost, this.letters.as_ref()) {
                            letters.lost(lost, this.meter);
                        }
                        *letter = None;
                        *letter_sleep = None;
                    }
                    if *held {
                        if let (Some(until), Some(timer)) = (*this.hold_until, this.timer.as_ref())
                        {
                            let waited = catch_unwind(AssertUnwindSafe(|| {
                                this.sleep
                                    .get_or_insert_with(|| timer.sleep_until(until))
                                    .as_mut()
                                    .poll(cx)
                                    .is_ready()
                            }));
                            // A timer that panics holds no longer.
                            if let Ok(false) = waited {
                                return Poll::Pending;
                            }
                        }
                    }
                    let result = result.take().expect("polled after completion");
                    set_phase(this.phase.as_mut(), Phase::Done);
                    return Poll::Ready(result.map(Verdict::into_response));
                }
                PhaseProj::Done => panic!("polled after completion"),
            };
            // Decided. A per-user decision is completed against the users
            // of the request. An after-webhook's failure, or the inner
            // service's error, is held for Tencent's retry when asked; a
            // refusal or a fallback is handed to the dead-letter sink.
            let settled = match this.completion.take() {
                Some(completion) => {
                    let (accounts, fallback) = &*completion;
                    settled.map(|verdict| verdict.complete(accounts, fallback))
                }
                None => settled,
            };
            this.meter
                .settled(&settled, *this.deadline, this.timer.as_ref());
            let held =
                this.hold_until.is_some() && settled.as_ref().map_or(true, Verdict::is_failure);
            *this.sleep = None;
            let (letter, letter_until) = match this.letters.as_mut() {
                Some(letters) => match letter_reason(&settled) {
                    Some(reason) => {
                        let until = match (*this.deadline, this.timer.as_ref()) {
                            (Some(deadline), Some(_)) => Some(deadline),
                            (None, Some(timer)) => catch_unwind(AssertUnwindSafe(|| timer.now()))
                                .ok()
                                .and_then(|now| now.checked_add(letters.timeout)),
                            _ => None,
                        };
                        (send(letters, reason, this.meter), until)
                    }
                    None => (None, None),
                },
                None => (None, None),
            };
            set_phase(
                this.phase.as_mut(),
                Phase::Answering {
                    result: Some(settled),
                    letter,
                    letter_until,
                    letter_sleep: None,
                    held,
                },
            );
        }
    }
}

/// Whether a before-webhook's deadline has come, by its timer: a timer that
/// panics keeps no deadline, and the fallback is answered at once.
fn deadline_fired(
    deadline: &Option<Instant>,
    timer: &Option<Arc<dyn Timer>>,
    fallback: &Option<Reply>,
    sleep: &mut Option<Sleep>,
    cx: &mut Context<'_>,
) -> Option<FallbackReason> {
    let (Some(deadline), Some(timer), Some(_)) = (deadline, timer, fallback) else {
        return None;
    };
    let fired = catch_unwind(AssertUnwindSafe(|| {
        sleep
            .get_or_insert_with(|| timer.sleep_until(*deadline))
            .as_mut()
            .poll(cx)
            .is_ready()
    }));
    match fired {
        Ok(false) => None,
        Ok(true) => Some(FallbackReason::Deadline),
        Err(_) => Some(FallbackReason::Panicked),
    }
}

/// Why a decided webhook is a dead letter: every refusal after the head, and
/// every fallback; `None` when the app's own answer goes out.
fn letter_reason<E>(settled: &Result<Verdict, E>) -> Option<DeadLetterReason> {
    match settled {
        Err(_) => Some(DeadLetterReason::Failed),
        Ok(Verdict::Answer(..)) => None,
        Ok(Verdict::Fallback(_, reason, _)) => Some(reason.clone()),
        Ok(Verdict::Reject(rejection, _)) => Some(match rejection {
            Rejection::HandlerFailed | Rejection::ApplicationFailed(_) => DeadLetterReason::Failed,
            Rejection::HandlerPanicked => DeadLetterReason::Panicked,
            other => DeadLetterReason::Refused(other.clone()),
        }),
    }
}

/// Hands the letter to the sink; a sink that panics when called drops it.
fn send(letters: &mut Letters, reason: DeadLetterReason, meter: &Meter) -> Option<Sending> {
    meter.dead_letter(&reason);
    let (body, truncated) = letters.body.take().unwrap_or_default();
    let letter = DeadLetter::new(
        letters.uri.query().unwrap_or_default(),
        body,
        truncated,
        reason,
    );
    match catch_unwind(AssertUnwindSafe(|| letters.sink.sink.send(letter))) {
        Ok(sending) => Some(sending),
        Err(_) => {
            letters.lost(Lost::Panicked, meter);
            None
        }
    }
}

/// Why the sink did not take a letter (the error is logged with `tracing`).
#[cfg_attr(not(feature = "tracing"), allow(dead_code))]
enum Lost {
    Failed(BoxError),
    Panicked,
    NotInTime,
}

impl Letters {
    /// A letter the sink did not take: counted, and logged with its command.
    fn lost(&self, lost: Lost, meter: &Meter) {
        self.sink.dropped.fetch_add(1, Ordering::Relaxed);
        meter.dead_letter_dropped(match lost {
            Lost::Failed(_) => Dropped::SinkFailed,
            Lost::Panicked => Dropped::SinkPanicked,
            Lost::NotInTime => Dropped::NotInTime,
        });
        #[cfg(feature = "tracing")]
        {
            let query = self.uri.query().unwrap_or_default();
            let command = crate::query::first_callback_command(query);
            match lost {
                Lost::Failed(error) => tracing::error!(
                    callback_command = %command,
                    error = %error,
                    "dropped a dead letter: the sink failed"
                ),
                Lost::Panicked => tracing::error!(
                    callback_command = %command,
                    "dropped a dead letter: the sink panicked"
                ),
                Lost::NotInTime => tracing::warn!(
                    callback_command = %command,
                    "dropped a dead letter: the sink did not take it in time"
                ),
            }
        }
        #[cfg(not(feature = "tracing"))]
        drop(lost);
    }
}

/// Replaces the phase, dropping the old one; a panic in that drop (the
/// handler's future, the body) is caught: the answer is already decided.
fn set_phase<T>(mut phase: Pin<&mut T>, next: T) {
    let _ = catch_unwind(AssertUnwindSafe(|| phase.set(next)));
}

/// Whether a before-webhook's deadline has passed by its timer's clock, and
/// why the fallback is due: the deadline, or a timer that panics (it has no
/// clock).
fn past_deadline(
    deadline: &Option<Instant>,
    timer: &Option<Arc<dyn Timer>>,
    fallback: &Option<Reply>,
) -> Option<FallbackReason> {
    let (Some(deadline), Some(timer), Some(_)) = (deadline, timer, fallback) else {
        return None;
    };
    match catch_unwind(AssertUnwindSafe(|| timer.now() >= *deadline)) {
        Ok(false) => None,
        Ok(true) => Some(FallbackReason::Deadline),
        Err(_) => Some(FallbackReason::Panicked),
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
