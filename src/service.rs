//! The middleware service.

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;
use std::task::{Context, Poll};

use http::{Request, Response};
use http_body::Body;
use tower_service::Service;

use crate::battle::BattleEnded;
use crate::body::{RequestBody, ResponseBody};
use crate::config::Config;
use crate::event::WebhookEvent;
use crate::future::ResponseFuture;
use crate::mode::{Forward, Mode};

/// Middleware that receives one Tencent webhook event type in front of an
/// inner service. Made by [`WebhookLayer`](crate::WebhookLayer); see the
/// [crate documentation](crate) for what it does with each request.
pub struct Webhook<S, E, M = Forward> {
    inner: S,
    config: Arc<Config>,
    mode: M,
    event: PhantomData<fn() -> E>,
}

/// [`Webhook`] for `Live.CallbackAfterEndBattle`.
pub type BattleWebhook<S, M = Forward> = Webhook<S, BattleEnded, M>;

impl<S, E, M> Webhook<S, E, M> {
    pub(crate) fn new(inner: S, config: Arc<Config>, mode: M) -> Self {
        Self {
            inner,
            config,
            mode,
            event: PhantomData,
        }
    }

    /// The inner service.
    pub fn get_ref(&self) -> &S {
        &self.inner
    }

    /// The inner service, mutably.
    pub fn get_mut(&mut self) -> &mut S {
        &mut self.inner
    }

    /// Unwraps the inner service.
    pub fn into_inner(self) -> S {
        self.inner
    }
}

impl<S, E, M, ReqBody, ResBody> Service<Request<ReqBody>> for Webhook<S, E, M>
where
    S: Service<Request<RequestBody<ReqBody>>, Response = Response<ResBody>>,
    E: WebhookEvent,
    M: Mode<S, E, ReqBody>,
    ReqBody: Body,
{
    type Response = Response<ResponseBody<ResBody>>;
    type Error = S::Error;
    type Future = ResponseFuture<S, E, M, ReqBody>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<ReqBody>) -> Self::Future {
        match self.config.inspect(&request, E::CALLBACK_COMMANDS) {
            None => {
                ResponseFuture::passthrough(self.inner.call(request.map(RequestBody::original)))
            }
            Some(Err(rejection)) => ResponseFuture::rejected(rejection),
            Some(Ok(query)) => {
                let pending = self.mode.prepare(&mut self.inner);
                ResponseFuture::accepted(request, query, pending, self.config.body_limit)
            }
        }
    }
}

impl<S: Clone, E, M: Clone> Clone for Webhook<S, E, M> {
    fn clone(&self) -> Self {
        Self::new(
            self.inner.clone(),
            Arc::clone(&self.config),
            self.mode.clone(),
        )
    }
}

impl<S: fmt::Debug, E, M: fmt::Debug> fmt::Debug for Webhook<S, E, M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Webhook")
            .field("inner", &self.inner)
            .field("event", &std::any::type_name::<E>())
            .field("config", &self.config)
            .field("mode", &self.mode)
            .finish()
    }
}
