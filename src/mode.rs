//! Where an accepted event goes: on to the inner service, or to a handler.

use std::future::Future;

use bytes::Bytes;
use http::request::Parts;
use http::{Request, Response, StatusCode};
use tower_service::Service;

use crate::ack::Ack;
use crate::body::RequestBody;
use crate::future::{ForwardFuture, HandlerFuture};
use crate::query::CallbackQuery;

/// Forward mode, the default: an accepted event goes on to the inner service.
///
/// The decoded event and the [`CallbackQuery`] are inserted into the
/// request's extensions, and the body is replaced by the bytes that were read.
/// A 2xx answer from the inner service becomes the OK acknowledgement; any
/// other status becomes a FAIL acknowledgement with that status
/// ([`Rejection::ApplicationFailed`](crate::Rejection::ApplicationFailed)).
#[derive(Clone, Copy, Debug, Default)]
pub struct Forward;

/// Handler mode: an accepted event goes to a handler service, never to the
/// inner service. Set with [`WebhookLayer::handler`](crate::WebhookLayer::handler).
#[derive(Clone, Debug)]
pub struct Handler<H> {
    pub(crate) handler: H,
}

/// The raw body of an accepted webhook, in a handler's request extensions,
/// for those who store the payload as it arrived.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawBody(pub Bytes);

/// How an accepted event is handed on: implemented by [`Forward`] and
/// [`Handler`]. Sealed: it names the middleware's internals and is not meant
/// to be implemented elsewhere.
pub trait Mode<S, E, B>: Clone + sealed::Sealed
where
    S: Service<Request<RequestBody<B>>>,
{
    /// What the middleware keeps while it reads the body.
    type Pending;
    /// Hands the event on; resolves to the acknowledgement and its status.
    type Future: Future<Output = Result<(StatusCode, Ack), S::Error>>;

    /// Called when a request is accepted, before its body is read.
    fn prepare(&self, inner: &mut S) -> Self::Pending;

    /// Called with the decoded event.
    fn dispatch(
        pending: Self::Pending,
        parts: Parts,
        event: E,
        query: CallbackQuery,
        body: Bytes,
    ) -> Self::Future;
}

impl<S, E, B, ResBody> Mode<S, E, B> for Forward
where
    S: Service<Request<RequestBody<B>>, Response = Response<ResBody>> + Clone,
    E: Clone + Send + Sync + 'static,
{
    /// The inner service that `poll_ready` readied.
    type Pending = S;
    type Future = ForwardFuture<S::Future>;

    fn prepare(&self, inner: &mut S) -> S {
        let clone = inner.clone();
        std::mem::replace(inner, clone)
    }

    fn dispatch(
        mut inner: S,
        parts: Parts,
        event: E,
        query: CallbackQuery,
        body: Bytes,
    ) -> Self::Future {
        let mut request = Request::from_parts(parts, RequestBody::buffered(body));
        request.extensions_mut().insert(event);
        request.extensions_mut().insert(query);
        ForwardFuture::new(inner.call(request))
    }
}

impl<S, E, B, H> Mode<S, E, B> for Handler<H>
where
    S: Service<Request<RequestBody<B>>>,
    H: Service<Request<E>> + Clone,
    H::Response: Into<Ack>,
    H::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    type Pending = H;
    type Future = HandlerFuture<H, E, S::Error>;

    fn prepare(&self, _inner: &mut S) -> H {
        self.handler.clone()
    }

    fn dispatch(
        handler: H,
        parts: Parts,
        event: E,
        query: CallbackQuery,
        body: Bytes,
    ) -> Self::Future {
        let mut request = Request::from_parts(parts, event);
        request.extensions_mut().insert(query);
        request.extensions_mut().insert(RawBody(body));
        HandlerFuture::new(handler, request)
    }
}

mod sealed {
    pub trait Sealed {}
    impl Sealed for super::Forward {}
    impl<H> Sealed for super::Handler<H> {}
}
