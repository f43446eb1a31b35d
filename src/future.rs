//! The futures of [`Webhook`](crate::Webhook).

use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{ready, Context, Poll};

use http::request::Parts;
use http::{Request, Response, StatusCode};
use http_body::Body;
use pin_project_lite::pin_project;
use tower_service::Service;

use crate::ack::Ack;
use crate::body::{CollectError, Collector, RequestBody, ResponseBody};
use crate::event::WebhookEvent;
use crate::mode::Mode;
use crate::query::CallbackQuery;
use crate::rejection::Rejection;

pin_project! {
    /// Response future of [`Webhook`](crate::Webhook): the inner service's
    /// future for a request the middleware does not own; otherwise it reads
    /// the body, decodes the event, hands it on, and answers with the acknowledgement.
    pub struct ResponseFuture<S, E, M, B>
    where
        S: Service<Request<RequestBody<B>>>,
        M: Mode<S, E, B>,
    {
        #[pin]
        state: State<S::Future, Pin<Box<Handling<S, E, M, B>>>>,
    }
}

pin_project! {
    /// The webhook's work is boxed: requests the middleware passes through,
    /// the common case in an app, then carry a future no larger than the
    /// inner service's.
    #[project = StateProj]
    enum State<F, H> {
        Passthrough { #[pin] future: F },
        Rejected { rejection: Option<Rejection> },
        Handling { handling: H },
    }
}

pin_project! {
    /// A webhook that passed every check made before its body was read.
    struct Handling<S, E, M, B>
    where
        S: Service<Request<RequestBody<B>>>,
        M: Mode<S, E, B>,
    {
        #[pin]
        phase: Phase<B, M::Pending, M::Future>,
        event: PhantomData<fn() -> E>,
    }
}

pin_project! {
    #[project = PhaseProj]
    enum Phase<B, P, D> {
        Reading {
            #[pin]
            body: B,
            collector: Collector,
            accepted: Option<Accepted<P>>,
        },
        Dispatching { #[pin] future: D },
    }
}

struct Accepted<P> {
    parts: Parts,
    query: CallbackQuery,
    pending: P,
}

impl<S, E, M, B> ResponseFuture<S, E, M, B>
where
    S: Service<Request<RequestBody<B>>>,
    M: Mode<S, E, B>,
{
    pub(crate) fn passthrough(future: S::Future) -> Self {
        Self {
            state: State::Passthrough { future },
        }
    }

    pub(crate) fn rejected(rejection: Rejection) -> Self {
        Self {
            state: State::Rejected {
                rejection: Some(rejection),
            },
        }
    }

    pub(crate) fn accepted(
        request: Request<B>,
        query: CallbackQuery,
        pending: M::Pending,
        body_limit: usize,
    ) -> Self {
        let (parts, body) = request.into_parts();
        let handling = Handling {
            phase: Phase::Reading {
                body,
                collector: Collector::new(body_limit),
                accepted: Some(Accepted {
                    parts,
                    query,
                    pending,
                }),
            },
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
{
    type Output = Result<Response<ResponseBody<ResBody>>, S::Error>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match self.project().state.project() {
            StateProj::Passthrough { future } => {
                let response = ready!(future.poll(cx))?;
                Poll::Ready(Ok(response.map(ResponseBody::inner)))
            }
            StateProj::Rejected { rejection } => {
                let rejection = rejection.take().expect("polled after completion");
                Poll::Ready(Ok(reject(&rejection)))
            }
            StateProj::Handling { handling } => handling.as_mut().poll(cx),
        }
    }
}

impl<S, E, M, B, ResBody> Future for Handling<S, E, M, B>
where
    S: Service<Request<RequestBody<B>>, Response = Response<ResBody>>,
    M: Mode<S, E, B>,
    E: WebhookEvent,
    B: Body,
{
    type Output = Result<Response<ResponseBody<ResBody>>, S::Error>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let mut phase = self.project().phase;
        loop {
            let dispatch = match phase.as_mut().project() {
                PhaseProj::Reading {
                    body,
                    collector,
                    accepted,
                } => {
                    let collected = ready!(collector.poll_collect(body, cx));
                    let Accepted {
                        parts,
                        query,
                        pending,
                    } = accepted.take().expect("polled after completion");
                    let decoded = collected
                        .map_err(|error| match error {
                            CollectError::TooLarge => Rejection::BodyTooLarge {
                                limit: collector.limit(),
                            },
                            CollectError::Unreadable => Rejection::BodyUnreadable,
                        })
                        .and_then(|bytes| Ok((E::decode(&query.callback_command, &bytes)?, bytes)));
                    match decoded {
                        Ok((event, bytes)) => M::dispatch(pending, parts, event, query, bytes),
                        Err(rejection) => return Poll::Ready(Ok(reject(&rejection))),
                    }
                }
                PhaseProj::Dispatching { future } => {
                    let (status, ack) = ready!(future.poll(cx))?;
                    return Poll::Ready(Ok(ack.into_response(status)));
                }
            };
            phase.set(Phase::Dispatching { future: dispatch });
        }
    }
}

fn reject<B>(rejection: &Rejection) -> Response<ResponseBody<B>> {
    #[cfg(feature = "tracing")]
    tracing::warn!(
        status = rejection.status().as_u16(),
        error_code = rejection.error_code(),
        reason = %rejection,
        "refused a Tencent webhook"
    );
    rejection.ack().into_response(rejection.status())
}

pin_project! {
    /// Forward mode: the inner service's future, its answer turned into an acknowledgement.
    pub struct ForwardFuture<F> {
        #[pin]
        future: F,
    }
}

impl<F> ForwardFuture<F> {
    pub(crate) fn new(future: F) -> Self {
        Self { future }
    }
}

impl<F, ResBody, Error> Future for ForwardFuture<F>
where
    F: Future<Output = Result<Response<ResBody>, Error>>,
{
    type Output = Result<(StatusCode, Ack), Error>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let response = ready!(self.project().future.poll(cx))?;
        let status = response.status();
        if status.is_success() {
            return Poll::Ready(Ok((StatusCode::OK, Ack::ok())));
        }
        let rejection = Rejection::ApplicationFailed(status);
        #[cfg(feature = "tracing")]
        tracing::warn!(
            status = status.as_u16(),
            "the application did not accept a Tencent webhook"
        );
        Poll::Ready(Ok((status, rejection.ack())))
    }
}

pin_project! {
    /// Handler mode: waits for the handler to be ready, calls it, and turns its
    /// result into an acknowledgement. It never fails: a handler error is a 500 FAIL ack.
    pub struct HandlerFuture<H, E, Error>
    where
        H: Service<Request<E>>,
    {
        #[pin]
        state: HandlerState<H, H::Future, Request<E>>,
        error: PhantomData<fn() -> Error>,
    }
}

pin_project! {
    #[project = HandlerStateProj]
    enum HandlerState<H, F, R> {
        Waiting { handler: H, request: Option<R> },
        Calling { #[pin] future: F },
    }
}

impl<H, E, Error> HandlerFuture<H, E, Error>
where
    H: Service<Request<E>>,
{
    pub(crate) fn new(handler: H, request: Request<E>) -> Self {
        Self {
            state: HandlerState::Waiting {
                handler,
                request: Some(request),
            },
            error: PhantomData,
        }
    }
}

impl<H, E, Error> Future for HandlerFuture<H, E, Error>
where
    H: Service<Request<E>>,
    H::Response: Into<Ack>,
    H::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    type Output = Result<(StatusCode, Ack), Error>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let mut state = self.project().state;
        loop {
            let future = match state.as_mut().project() {
                HandlerStateProj::Waiting { handler, request } => {
                    if let Err(error) = ready!(handler.poll_ready(cx)) {
                        return Poll::Ready(Ok(handler_failed(error.into())));
                    }
                    handler.call(request.take().expect("polled after completion"))
                }
                HandlerStateProj::Calling { future } => {
                    return Poll::Ready(Ok(match ready!(future.poll(cx)) {
                        Ok(response) => (StatusCode::OK, response.into()),
                        Err(error) => handler_failed(error.into()),
                    }));
                }
            };
            state.set(HandlerState::Calling { future });
        }
    }
}

fn handler_failed(error: Box<dyn std::error::Error + Send + Sync>) -> (StatusCode, Ack) {
    #[cfg(feature = "tracing")]
    tracing::error!(error = %error, "the Tencent webhook handler failed");
    #[cfg(not(feature = "tracing"))]
    drop(error);
    let rejection = Rejection::HandlerFailed;
    (rejection.status(), rejection.ack())
}
