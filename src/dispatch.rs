//! Where an accepted event goes: on to the inner service (forward mode), or
//! to a handler (handler mode); and how each mode passes other requests on.

use std::future::Future;
use std::pin::Pin;
use std::task::{ready, Context, Poll};
use std::time::Instant;

use bytes::Bytes;
use http::request::Parts;
use http::{Request, Response, StatusCode};
use pin_project_lite::pin_project;
use tower_service::Service;

use crate::ack::Ack;
use crate::answer::{Handed, Outcome};
use crate::body::RequestBody;
use crate::chat::{
    C2cMessageDecision, ChatbotReply, CreateGroupDecision, CreateOfficialAccountDecision,
    CreateTopicDecision, FriendDecision, InviteDecision, JoinGroupDecision,
    OfficialMessageDecision, SubscriberDecision,
};
use crate::query::CallbackQuery;
use crate::reply::{Decision, GiftDecision, MessageDecision, Reply};
use crate::timer::Timer;

/// Forward mode, the default: an accepted event goes on to the inner service.
///
/// The decoded event and the [`CallbackQuery`] are inserted into the
/// request's extensions (and, for a before-webhook, its [`Deadline`]), and the
/// body is replaced by the bytes that were read. The inner service answers
/// with its response's status and, in its extensions, a [`Reply`] or a bare
/// decision ([`GiftDecision`], [`MessageDecision`], [`Decision`], or one of the
/// Chat URL's, such as [`C2cMessageDecision`]) or [`Ack`] (with the `axum`
/// feature, a route returns one):
///
/// - A status other than 2xx is a failure, whatever the response carries: an
///   after-webhook gets a FAIL acknowledgement with that status
///   ([`Rejection::ApplicationFailed`](crate::Rejection::ApplicationFailed)),
///   a before-webhook its fallback decision. A decision on a failed response
///   is not trusted: the app did not finish the work it decided on.
/// - A 2xx after-webhook of the crate's table is acknowledged: OK, or the
///   [`Ack`] the response carries.
/// - A 2xx before-webhook is answered with the decision the response carries
///   when it is of the command's kind, or else its fallback.
/// - A 2xx command outside the table (an unknown one, or an event type of
///   your own without a fallback) is answered with what the response carries,
///   as written, or else OK.
///
/// `poll_ready` is the inner service's: the layer follows tower's contract.
#[derive(Clone, Copy, Debug, Default)]
pub struct Forward;

/// Handler mode: an accepted event goes to a handler service, never to the
/// inner service. Set with [`WebhookLayer::handler`](crate::WebhookLayer::handler).
///
/// `poll_ready` is always ready: webhooks do not wait for the inner service,
/// so a gift decision is not held up by a saturated app. The inner service is
/// readied inside the future of each request passed on to it, as axum's
/// routes do.
#[derive(Clone, Debug)]
pub struct Handler<H> {
    pub(crate) handler: H,
}

/// The raw body of an accepted webhook, in a handler's request extensions,
/// for those who store the payload as it arrived.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawBody(pub Bytes);

/// When a before-webhook's decision is due, in the extensions of the request
/// the handler (or, in forward mode, the inner service) gets: work that
/// cannot be undone, such as a debit, should be committed only before it.
/// After it, the layer answers the fallback decision and drops the handler's
/// future (a decision already ready when the layer polls is still sent; see
/// [`WebhookLayer::deadline`](crate::WebhookLayer::deadline)). A commit that
/// can still land after the deadline needs undoing: `examples/gifts.rs`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Deadline(pub Instant);

impl Deadline {
    /// Whether the deadline has passed by std's clock, [`Instant::now`].
    ///
    /// The deadline is kept on the layer's [`Timer`], whose clock may not be
    /// std's: [`TokioTimer`](crate::TokioTimer) follows tokio's, which stands
    /// still under `tokio::time::pause`. Ask that clock with
    /// [`has_passed_on`](Self::has_passed_on).
    pub fn has_passed(&self) -> bool {
        Instant::now() >= self.0
    }

    /// Whether the deadline has passed by the clock of `timer` ([`Timer::now`]):
    /// give the timer the layer was configured with, and the answer is the
    /// layer's own.
    ///
    /// ```
    /// use std::time::Duration;
    /// use tencent_live_webhook::{Deadline, ThreadTimer, Timer};
    ///
    /// let deadline = Deadline(ThreadTimer.now() + Duration::from_secs(60));
    /// assert!(!deadline.has_passed_on(&ThreadTimer));
    /// assert!(Deadline(ThreadTimer.now()).has_passed_on(&ThreadTimer));
    /// ```
    pub fn has_passed_on<T: Timer + ?Sized>(&self, timer: &T) -> bool {
        timer.now() >= self.0
    }

    /// The time left before the deadline by the clock of `timer`: zero once
    /// it has passed.
    pub fn remaining_on<T: Timer + ?Sized>(&self, timer: &T) -> std::time::Duration {
        self.0.saturating_duration_since(timer.now())
    }
}

/// What goes with an event to the handler or the inner service.
pub struct Delivery {
    pub(crate) parts: Parts,
    pub(crate) query: CallbackQuery,
    pub(crate) body: Bytes,
    pub(crate) deadline: Option<Deadline>,
}

impl std::fmt::Debug for Delivery {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Delivery")
            .field("query", &self.query)
            .field("deadline", &self.deadline)
            .finish_non_exhaustive()
    }
}

/// How requests are handed on: implemented by [`Forward`] and [`Handler`].
/// Sealed: it names the middleware's internals and is not meant to be
/// implemented elsewhere.
pub trait Mode<S, E, B>: Clone + sealed::Sealed
where
    S: Service<Request<RequestBody<B>>>,
{
    /// What the middleware keeps while it reads a webhook's body.
    type Pending;
    /// Hands an event on.
    type Dispatch: Future<Output = Outcome<S::Error>>;
    /// Hands a request the middleware does not own to the inner service.
    type Passthrough: Future<Output = Result<S::Response, S::Error>>;

    /// The middleware's `poll_ready`.
    fn poll_ready(&mut self, inner: &mut S, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>>;

    /// Passes a request the middleware does not own on, untouched.
    fn passthrough(&mut self, inner: &mut S, request: Request<RequestBody<B>>)
        -> Self::Passthrough;

    /// Called when a webhook is accepted, before its body is read.
    fn prepare(&mut self, inner: &mut S) -> Self::Pending;

    /// Called with the decoded event.
    fn dispatch(pending: Self::Pending, event: E, delivery: Delivery) -> Self::Dispatch;
}

impl<S, E, B, ResBody> Mode<S, E, B> for Forward
where
    S: Service<Request<RequestBody<B>>, Response = Response<ResBody>> + Clone,
    E: Clone + Send + Sync + 'static,
{
    /// The inner service that `poll_ready` readied.
    type Pending = S;
    type Dispatch = ForwardFuture<S::Future>;
    type Passthrough = S::Future;

    fn poll_ready(&mut self, inner: &mut S, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        inner.poll_ready(cx)
    }

    fn passthrough(&mut self, inner: &mut S, request: Request<RequestBody<B>>) -> S::Future {
        inner.call(request)
    }

    fn prepare(&mut self, inner: &mut S) -> S {
        // The readied service is the one called; a clone takes its place.
        let clone = inner.clone();
        std::mem::replace(inner, clone)
    }

    fn dispatch(mut inner: S, event: E, delivery: Delivery) -> Self::Dispatch {
        let mut request = Request::from_parts(delivery.parts, RequestBody::buffered(delivery.body));
        request.extensions_mut().insert(event);
        request.extensions_mut().insert(delivery.query);
        if let Some(deadline) = delivery.deadline {
            request.extensions_mut().insert(deadline);
        }
        ForwardFuture {
            future: inner.call(request),
        }
    }
}

impl<S, E, B, H> Mode<S, E, B> for Handler<H>
where
    S: Service<Request<RequestBody<B>>> + Clone,
    H: Service<Request<E>> + Clone,
    H::Response: Into<Reply>,
    H::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    type Pending = H;
    type Dispatch = HandlerFuture<H, E, S::Error>;
    type Passthrough = Oneshot<S, Request<RequestBody<B>>>;

    fn poll_ready(&mut self, _: &mut S, _: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        Poll::Ready(Ok(()))
    }

    fn passthrough(
        &mut self,
        inner: &mut S,
        request: Request<RequestBody<B>>,
    ) -> Oneshot<S, Request<RequestBody<B>>> {
        Oneshot {
            state: OneshotState::Readying {
                service: inner.clone(),
                request: Some(request),
            },
        }
    }

    fn prepare(&mut self, _: &mut S) -> H {
        self.handler.clone()
    }

    fn dispatch(handler: H, event: E, delivery: Delivery) -> Self::Dispatch {
        let mut request = Request::from_parts(delivery.parts, event);
        request.extensions_mut().insert(delivery.query);
        request.extensions_mut().insert(RawBody(delivery.body));
        if let Some(deadline) = delivery.deadline {
            request.extensions_mut().insert(deadline);
        }
        HandlerFuture {
            state: HandlerState::Readying {
                handler,
                request: Some(request),
            },
            error: std::marker::PhantomData,
        }
    }
}

pin_project! {
    /// Forward mode: the inner service's future; its status and the [`Reply`]
    /// in its extensions are what the app answered.
    pub struct ForwardFuture<F> {
        #[pin]
        future: F,
    }
}

impl<F, ResBody, Error> Future for ForwardFuture<F>
where
    F: Future<Output = Result<Response<ResBody>, Error>>,
{
    type Output = Outcome<Error>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        Poll::Ready(Outcome(match ready!(self.project().future.poll(cx)) {
            Ok(mut response) => {
                let reply = take_reply(response.extensions_mut());
                Handed::Answered(response.status(), reply)
            }
            Err(error) => Handed::Errored(error),
        }))
    }
}

/// The answer a route put into its response's extensions: a [`Reply`], or a
/// bare decision or acknowledgement.
fn take_reply(extensions: &mut http::Extensions) -> Option<Reply> {
    if extensions.is_empty() {
        return None;
    }
    extensions
        .remove::<Reply>()
        .or_else(|| extensions.remove::<GiftDecision>().map(Reply::Gift))
        .or_else(|| extensions.remove::<MessageDecision>().map(Reply::Message))
        .or_else(|| extensions.remove::<Decision>().map(Reply::Decision))
        .or_else(|| {
            extensions
                .remove::<C2cMessageDecision>()
                .map(Reply::C2cMessage)
        })
        .or_else(|| {
            extensions
                .remove::<CreateGroupDecision>()
                .map(Reply::CreateGroup)
        })
        .or_else(|| {
            extensions
                .remove::<CreateTopicDecision>()
                .map(Reply::CreateTopic)
        })
        .or_else(|| {
            extensions
                .remove::<JoinGroupDecision>()
                .map(Reply::JoinGroup)
        })
        .or_else(|| extensions.remove::<InviteDecision>().map(Reply::Invite))
        .or_else(|| extensions.remove::<FriendDecision>().map(Reply::Friend))
        .or_else(|| {
            extensions
                .remove::<CreateOfficialAccountDecision>()
                .map(Reply::CreateOfficialAccount)
        })
        .or_else(|| {
            extensions
                .remove::<SubscriberDecision>()
                .map(Reply::Subscriber)
        })
        .or_else(|| {
            extensions
                .remove::<OfficialMessageDecision>()
                .map(Reply::OfficialMessage)
        })
        .or_else(|| extensions.remove::<ChatbotReply>().map(Reply::Chatbot))
        .or_else(|| extensions.remove::<Ack>().map(Reply::Ack))
}

pin_project! {
    /// Handler mode: waits for the handler to be ready, calls it, and takes
    /// its answer. A handler error is logged, never sent.
    pub struct HandlerFuture<H, E, Error>
    where
        H: Service<Request<E>>,
    {
        #[pin]
        state: HandlerState<H, H::Future, Request<E>>,
        error: std::marker::PhantomData<fn() -> Error>,
    }
}

pin_project! {
    #[project = HandlerStateProj]
    enum HandlerState<H, F, R> {
        Readying { handler: H, request: Option<R> },
        Calling { #[pin] future: F },
    }
}

impl<H, E, Error> Future for HandlerFuture<H, E, Error>
where
    H: Service<Request<E>>,
    H::Response: Into<Reply>,
    H::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    type Output = Outcome<Error>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let mut state = self.project().state;
        loop {
            let future = match state.as_mut().project() {
                HandlerStateProj::Readying { handler, request } => {
                    if let Err(error) = ready!(handler.poll_ready(cx)) {
                        return Poll::Ready(failed(error.into()));
                    }
                    let Some(request) = request.take() else {
                        return Poll::Ready(Outcome(Handed::Failed(None)));
                    };
                    handler.call(request)
                }
                HandlerStateProj::Calling { future } => {
                    return Poll::Ready(match ready!(future.poll(cx)) {
                        Ok(response) => {
                            Outcome(Handed::Answered(StatusCode::OK, Some(response.into())))
                        }
                        Err(error) => failed(error.into()),
                    });
                }
            };
            state.set(HandlerState::Calling { future });
        }
    }
}

/// A handler's error, logged with the webhook's answer (never sent).
fn failed<E>(error: Box<dyn std::error::Error + Send + Sync>) -> Outcome<E> {
    Outcome(Handed::Failed(Some(error)))
}

pin_project! {
    /// Handler mode: a request the middleware does not own, passed to a clone
    /// of the inner service once that clone is ready.
    pub struct Oneshot<S, R>
    where
        S: Service<R>,
    {
        #[pin]
        state: OneshotState<S, S::Future, R>,
    }
}

pin_project! {
    #[project = OneshotProj]
    enum OneshotState<S, F, R> {
        Readying { service: S, request: Option<R> },
        Calling { #[pin] future: F },
    }
}

impl<S: Service<R>, R> Oneshot<S, R> {
    /// Readies `service`, then calls it with `request`.
    pub(crate) fn new(service: S, request: R) -> Self {
        Self {
            state: OneshotState::Readying {
                service,
                request: Some(request),
            },
        }
    }
}

impl<S: Service<R>, R> Future for Oneshot<S, R> {
    type Output = Result<S::Response, S::Error>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let mut state = self.project().state;
        loop {
            let future = match state.as_mut().project() {
                OneshotProj::Readying { service, request } => {
                    ready!(service.poll_ready(cx))?;
                    let request = request.take().expect("polled after completion");
                    service.call(request)
                }
                OneshotProj::Calling { future } => return future.poll(cx),
            };
            state.set(OneshotState::Calling { future });
        }
    }
}

mod sealed {
    pub trait Sealed {}
    impl Sealed for super::Forward {}
    impl<H> Sealed for super::Handler<H> {}
}
