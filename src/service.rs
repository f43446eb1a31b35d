//! The middleware service: decides from the head, then passes the request
//! on or hands it to the webhook's future.

use std::fmt;
use std::marker::PhantomData;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Instant;

use http::{Request, Response};
use http_body::Body;
use tower_service::Service;

use crate::answer::names_a_before_webhook;
use crate::battle::BattleEnded;
use crate::body::{RequestBody, ResponseBody};
use crate::config::{Config, HOLD_FAILURES};
use crate::dispatch::{Forward, Mode};
use crate::event::WebhookEvent;
use crate::future::{Plan, ResponseFuture};
use crate::head::{self, Head, RequestHead};
use crate::meter;

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
    ReqBody::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    type Response = Response<ResponseBody<ResBody>>;
    type Error = S::Error;
    type Future = ResponseFuture<S, E, M, ReqBody>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.mode.poll_ready(&mut self.inner, cx)
    }

    fn call(&mut self, request: Request<ReqBody>) -> Self::Future {
        let size = request.body().size_hint();
        let head = head::verify::<E>(&self.config, RequestHead::of(&request), &size);
        match head {
            Head::Pass => {
                let request = request.map(RequestBody::original);
                ResponseFuture::passthrough(self.mode.passthrough(&mut self.inner, request))
            }
            Head::Answer(verdict) => {
                meter::refused_at_head(&self.config, request.uri(), &verdict);
                ResponseFuture::answered(verdict)
            }
            Head::Accept(accepted) => {
                let config = &self.config;
                let before = accepted.fallback.is_some();
                let hold = !before
                    && config.hold_failures
                    && !names_a_before_webhook(&accepted.query.callback_command);
                // A timer that panics here is asked again, and panics again,
                // where its answer matters: a before-webhook then gets its
                // fallback (its body read, for a dead letter), and an
                // after-webhook's failure is not held.
                let called_at = (before || hold).then(|| {
                    catch_unwind(AssertUnwindSafe(|| config.timer.now()))
                        .unwrap_or_else(|_| Instant::now())
                });
                let plan = Plan {
                    meter: meter::meter(config, &accepted.query.callback_command, before),
                    query: accepted.query,
                    fallback: accepted.fallback,
                    body_limit: config.body_limit,
                    deadline: called_at
                        .filter(|_| before)
                        .and_then(|called_at| called_at.checked_add(config.deadline)),
                    hold_until: called_at
                        .filter(|_| hold)
                        .and_then(|called_at| called_at.checked_add(HOLD_FAILURES)),
                    timer: (called_at.is_some() || config.dead_letters.is_some())
                        .then(|| Arc::clone(&config.timer)),
                    refused: accepted.refused,
                    read_body: accepted.read_body,
                    letters: config
                        .dead_letters
                        .clone()
                        .map(|letters| (letters, config.dead_letter_timeout)),
                };
                let pending = self.mode.prepare(&mut self.inner);
                let (parts, body) = request.into_parts();
                ResponseFuture::accepted(parts, body, pending, plan)
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
