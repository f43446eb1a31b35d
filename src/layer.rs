//! The layer and its configuration.

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use tower_layer::Layer;

use crate::battle::{BattleEnded, BattleEvent};
use crate::config::Config;
use crate::mode::{Forward, Handler};
use crate::service::Webhook;
use crate::signature::Token;

/// A [`Layer`] that receives one Tencent webhook event type (`E`) on one path,
/// in front of any service. See the [crate documentation](crate) for the rules.
///
/// A layer with no app id refuses every webhook with 403: it fails closed.
/// Requests that are not this webhook pass through untouched.
///
/// | setting | default |
/// |---|---|
/// | [`app_id`](Self::app_id) / [`app_ids`](Self::app_ids) | none: every webhook is refused |
/// | [`token`](Self::token) | none: `Sign` is not required |
/// | [`request_time_tolerance`](Self::request_time_tolerance) | 60 s |
/// | [`body_limit`](Self::body_limit) | 64 KiB |
/// | [`handler`](Self::handler) | none: forward mode |
///
/// ```
/// use std::time::Duration;
/// use tencent_live_webhook::BattleWebhookLayer;
///
/// let layer = BattleWebhookLayer::new("/tencent/callback")
///     .app_id(1400000001)
///     .token("callback-token")
///     .request_time_tolerance(Duration::from_secs(30))
///     .body_limit(16 * 1024);
/// # let _ = layer;
/// ```
pub struct WebhookLayer<E, M = Forward> {
    config: Arc<Config>,
    mode: M,
    event: PhantomData<fn() -> E>,
}

/// [`WebhookLayer`] for `Live.CallbackAfterEndBattle` ([`BattleEnded`]).
pub type BattleWebhookLayer<M = Forward> = WebhookLayer<BattleEnded, M>;

/// [`WebhookLayer`] for the three battle webhooks on one path ([`BattleEvent`]).
pub type BattleEventsLayer<M = Forward> = WebhookLayer<BattleEvent, M>;

impl<E> WebhookLayer<E, Forward> {
    /// A layer for webhooks POSTed to `path` (compared exactly with the
    /// request's path), in forward mode, accepting no app id yet.
    pub fn new(path: impl Into<String>) -> Self {
        Self {
            config: Arc::new(Config::new(path.into())),
            mode: Forward,
            event: PhantomData,
        }
    }
}

impl<E, M> WebhookLayer<E, M> {
    /// Accepts webhooks for this `SdkAppid`. Call again to accept several.
    pub fn app_id(self, app_id: u64) -> Self {
        self.app_ids([app_id])
    }

    /// Accepts webhooks for each of these `SdkAppid`s.
    pub fn app_ids(mut self, app_ids: impl IntoIterator<Item = u64>) -> Self {
        self.config_mut().app_ids.extend(app_ids);
        self
    }

    /// Requires Tencent's signature, checked against this callback token.
    /// Call again to accept several tokens while you rotate one.
    pub fn token(mut self, token: impl Into<String>) -> Self {
        let token = token.into();
        self.config_mut().tokens.push(Token::new(&token));
        self
    }

    /// How far `RequestTime` may be from now, in either direction (default 60 s).
    pub fn request_time_tolerance(mut self, tolerance: Duration) -> Self {
        self.config_mut().tolerance = tolerance;
        self
    }

    /// The largest body read, in bytes (default 64 KiB). A larger
    /// `Content-Length` is refused before reading; a longer stream is cut off.
    pub fn body_limit(mut self, limit: usize) -> Self {
        self.config_mut().body_limit = limit;
        self
    }

    /// The clock `RequestTime` is compared with (default [`SystemTime::now`]),
    /// for tests and replays.
    pub fn clock(mut self, clock: impl Fn() -> SystemTime + Send + Sync + 'static) -> Self {
        self.config_mut().clock = Some(Arc::new(clock));
        self
    }

    /// Handler mode: accepted events go to `handler`, a
    /// `Service<http::Request<E>>`, and never to the inner service.
    ///
    /// The handler's request has the original method, URI, headers and
    /// extensions, plus the [`CallbackQuery`](crate::CallbackQuery) and the
    /// [`RawBody`](crate::RawBody); its body is the event. `Ok` becomes the
    /// acknowledgement (the response converts into [`Ack`](crate::Ack): `()` is
    /// the OK ack, an `Ack` is written as it is), with HTTP 200; `Err` becomes a
    /// 500 FAIL ack whose text does not include the error's. The answer is sent
    /// only after the handler has finished.
    pub fn handler<H>(self, handler: H) -> WebhookLayer<E, Handler<H>> {
        WebhookLayer {
            config: self.config,
            mode: Handler { handler },
            event: PhantomData,
        }
    }

    fn config_mut(&mut self) -> &mut Config {
        Arc::make_mut(&mut self.config)
    }
}

impl<S, E, M: Clone> Layer<S> for WebhookLayer<E, M> {
    type Service = Webhook<S, E, M>;

    fn layer(&self, inner: S) -> Self::Service {
        Webhook::new(inner, Arc::clone(&self.config), self.mode.clone())
    }
}

impl<E, M: Clone> Clone for WebhookLayer<E, M> {
    fn clone(&self) -> Self {
        Self {
            config: Arc::clone(&self.config),
            mode: self.mode.clone(),
            event: PhantomData,
        }
    }
}

impl<E, M: fmt::Debug> fmt::Debug for WebhookLayer<E, M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebhookLayer")
            .field("event", &std::any::type_name::<E>())
            .field("config", &self.config)
            .field("mode", &self.mode)
            .finish()
    }
}
