//! The layer and its configuration.

use std::fmt;
use std::marker::PhantomData;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use tower_layer::Layer;
use tower_service::Service;

use crate::battle::{BattleEnded, BattleEvent};
use crate::config::Config;
use crate::dead_letter::{DeadLetter, DeadLetters, ServiceSink};
use crate::dispatch::{Forward, Handler};
use crate::event::WebhookEvent;
use crate::reply::Reply;
use crate::service::Webhook;
use crate::signature::{InvalidToken, Token};
use crate::table::{ChatEvent, LiveEvent, TencentEvent};
use crate::timer::Timer;

/// A [`Layer`] that receives Tencent webhooks of one event type (`E`) on one
/// path, in front of any service. See the [crate documentation](crate) for the
/// rules.
///
/// A layer with no app id refuses every webhook with 403: it fails closed.
/// Requests that are not its webhooks pass through untouched.
///
/// | setting | default |
/// |---|---|
/// | [`app_id`](Self::app_id) / [`app_ids`](Self::app_ids) / [`app`](Self::app) | none: every webhook is refused |
/// | [`token`](Self::token) | none: `Sign` is not required |
/// | [`request_time_tolerance`](Self::request_time_tolerance) | 60 s |
/// | [`body_limit`](Self::body_limit) | 64 KiB |
/// | [`deadline`](Self::deadline) | 1.5 s, for before-webhooks |
/// | [`fallback`](Self::fallback) | each command's own: reject a gift, deliver a message |
/// | [`timer`](Self::timer) | [`ThreadTimer`](crate::ThreadTimer) |
/// | [`hold_failures`](Self::hold_failures) | off |
/// | [`dead_letters`](Self::dead_letters) | none: refused webhooks are not kept |
/// | [`dead_letter_timeout`](Self::dead_letter_timeout) | 1 s |
/// | [`handler`](Self::handler) | none: forward mode |
///
/// ```
/// use std::time::Duration;
/// use tencent_live_webhook::LiveWebhookLayer;
///
/// let layer = LiveWebhookLayer::new("/tencent/callback")
///     .app_id(1400000001)
///     .token("callback-token")
///     .request_time_tolerance(Duration::from_secs(30))
///     .body_limit(16 * 1024)
///     .deadline(Duration::from_millis(1200));
/// # let _ = layer;
/// ```
pub struct WebhookLayer<E, M = Forward> {
    config: Arc<Config>,
    mode: M,
    event: PhantomData<fn() -> E>,
}

/// [`WebhookLayer`] for every command of the Live console's URL, on one path
/// ([`LiveEvent`]): rooms, members, seats, battles, gifts, recording, and the
/// room messages and follows TUILiveKit switches on.
pub type LiveWebhookLayer<M = Forward> = WebhookLayer<LiveEvent, M>;

/// [`WebhookLayer`] for every command of the Chat console's URL, on one path
/// ([`ChatEvent`]).
pub type ChatWebhookLayer<M = Forward> = WebhookLayer<ChatEvent, M>;

/// [`WebhookLayer`] for every command of both consoles, on one path
/// ([`TencentEvent`]): for an app that points both URLs at one route.
pub type TencentWebhookLayer<M = Forward> = WebhookLayer<TencentEvent, M>;

/// [`WebhookLayer`] for `Live.CallbackAfterEndBattle` ([`BattleEnded`]) alone.
pub type BattleWebhookLayer<M = Forward> = WebhookLayer<BattleEnded, M>;

/// [`WebhookLayer`] for the three battle webhooks on one path ([`BattleEvent`]).
pub type BattleEventsLayer<M = Forward> = WebhookLayer<BattleEvent, M>;

/// A configuration a layer refuses.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ConfigError {
    /// A callback token Tencent would not issue.
    InvalidToken(InvalidToken),
    /// A fallback for a command that is not one of the layer's before-webhooks.
    NotABeforeWebhook(String),
    /// A fallback of another kind than the command's decision.
    WrongDecisionKind(String),
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidToken(error) => error.fmt(f),
            Self::NotABeforeWebhook(command) => write!(
                f,
                "`{command}` is not a before-webhook of this layer: it has no fallback decision"
            ),
            Self::WrongDecisionKind(command) => {
                write!(
                    f,
                    "the fallback for `{command}` is not a decision of its kind"
                )
            }
        }
    }
}

impl std::error::Error for ConfigError {}

impl From<InvalidToken> for ConfigError {
    fn from(error: InvalidToken) -> Self {
        Self::InvalidToken(error)
    }
}

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

impl<E: WebhookEvent, M> WebhookLayer<E, M> {
    /// Accepts webhooks for this `SdkAppid`, signed with the tokens given to
    /// [`token`](Self::token) (if any). Call again to accept several.
    pub fn app_id(self, app_id: u64) -> Self {
        self.app_ids([app_id])
    }

    /// Accepts webhooks for each of these `SdkAppid`s, as [`app_id`](Self::app_id) does.
    pub fn app_ids(mut self, app_ids: impl IntoIterator<Item = u64>) -> Self {
        self.config_mut().app_ids.extend(app_ids);
        self
    }

    /// Requires Tencent's signature with this callback token for the apps of
    /// [`app_id`](Self::app_id). Call again to accept several tokens while you
    /// rotate one.
    ///
    /// # Panics
    ///
    /// When the token is empty or longer than Tencent's 128 characters: an
    /// empty token would make `Sign` forgeable. This is a configuration error,
    /// found at start-up; [`try_token`](Self::try_token) returns it instead.
    pub fn token(self, token: impl AsRef<str>) -> Self {
        self.try_token(token)
            .unwrap_or_else(|error| panic!("WebhookLayer::token: {error}"))
    }

    /// [`token`](Self::token), returning the configuration error instead of panicking.
    pub fn try_token(mut self, token: impl AsRef<str>) -> Result<Self, ConfigError> {
        let token = Token::new(token.as_ref())?;
        self.config_mut().tokens.push(token);
        Ok(self)
    }

    /// Accepts webhooks for this `SdkAppid` signed with this token only: a
    /// request for this app signed with another app's token is refused (401).
    /// Call again with the same id to rotate its token.
    ///
    /// # Panics
    ///
    /// When the token is empty or longer than 128 characters;
    /// [`try_app`](Self::try_app) returns the error instead.
    pub fn app(self, app_id: u64, token: impl AsRef<str>) -> Self {
        self.try_app(app_id, token)
            .unwrap_or_else(|error| panic!("WebhookLayer::app: {error}"))
    }

    /// [`app`](Self::app), returning the configuration error instead of panicking.
    pub fn try_app(mut self, app_id: u64, token: impl AsRef<str>) -> Result<Self, ConfigError> {
        let token = Token::new(token.as_ref())?;
        self.config_mut().paired.push((app_id, token));
        Ok(self)
    }

    /// How far `RequestTime` may be from now, in either direction (default
    /// 60 s), compared at the clock's full precision.
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

    /// How long a before-webhook has for its decision, counted from the
    /// layer's `call` (default 1.5 s, inside Tencent's 2 s). When no decision
    /// is made by then, the layer answers the command's fallback decision and
    /// drops the work in flight (the body being read, the handler's future).
    /// A deadline that has passed when the body is decoded (such as
    /// `Duration::ZERO`) gives the fallback without calling the handler.
    ///
    /// Time spent before `call`, such as in a server's accept queue or a
    /// `Buffer` in front of the layer, is not counted: leave room for it.
    /// After-webhooks have no deadline: their handlers run to completion.
    ///
    /// The work in flight is polled before the deadline's timer: a decision
    /// that is ready when the layer polls is sent, even if the timer has fired
    /// too; the handler's future is dropped only while it is still pending at
    /// the deadline. Work that runs outside that future (a blocking thread, a
    /// spawned task) is not stopped: `examples/gifts.rs` shows how a store
    /// keeps its books exact when its commit lands after the fallback.
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.config_mut().deadline = deadline;
        self
    }

    /// The [`Timer`] the deadline is kept with (default
    /// [`ThreadTimer`](crate::ThreadTimer), which needs no runtime; with the
    /// `tokio` feature, [`TokioTimer`](crate::TokioTimer) follows tokio's clock).
    pub fn timer(mut self, timer: impl Timer) -> Self {
        self.config_mut().timer = Arc::new(timer);
        self
    }

    /// Answers `callback_command`, one of this layer's before-webhooks, with
    /// `fallback` when no decision is made, instead of the command's own
    /// fallback (which is Tencent's own default: a gift is rejected, a message
    /// delivered). An app that switched on `Live.CallbackBeforeCallBackNotBlock`
    /// in Tencent's console wants gifts allowed:
    ///
    /// ```
    /// use tencent_live_webhook::{GiftDecision, GiftSending, LiveWebhookLayer};
    ///
    /// let layer = LiveWebhookLayer::new("/tencent/callback")
    ///     .app_id(1400000001)
    ///     .fallback(GiftSending::COMMAND, GiftDecision::allow());
    /// # let _ = layer;
    /// ```
    ///
    /// # Panics
    ///
    /// When the command is not a before-webhook of this layer, or the fallback
    /// is not a decision of its kind; [`try_fallback`](Self::try_fallback)
    /// returns the error instead.
    pub fn fallback(self, callback_command: &str, fallback: impl Into<Reply>) -> Self {
        self.try_fallback(callback_command, fallback)
            .unwrap_or_else(|error| panic!("WebhookLayer::fallback: {error}"))
    }

    /// [`fallback`](Self::fallback), returning the configuration error instead of panicking.
    pub fn try_fallback(
        mut self,
        callback_command: &str,
        fallback: impl Into<Reply>,
    ) -> Result<Self, ConfigError> {
        let fallback = fallback.into();
        let own = E::claims(callback_command)
            .then(|| E::fallback(callback_command))
            .flatten()
            .ok_or_else(|| ConfigError::NotABeforeWebhook(callback_command.to_owned()))?;
        if !fallback.same_kind(&own) {
            return Err(ConfigError::WrongDecisionKind(callback_command.to_owned()));
        }
        let fallbacks = &mut self.config_mut().fallbacks;
        fallbacks.retain(|(command, _)| command != callback_command);
        fallbacks.push((callback_command.to_owned(), fallback));
        Ok(self)
    }

    /// For apps that switched on Tencent's retry of after-webhooks: when an
    /// after-webhook's handler fails (an error, a panic, a FAIL answer, a
    /// non-2xx status or an inner service's `Err` in forward mode, a panic in
    /// the event type's `decode`), its answer is held until 2.5 s after
    /// `call`, past Tencent's 2-second timeout.
    ///
    /// Tencent ignores an after-webhook's answer codes and retries only when
    /// its timer runs out: a quick FAIL reads as delivered, and the event is
    /// not sent again. Holding the answer is the only way a failure brings
    /// Tencent's documented retry. It needs the retry switched on in Tencent's
    /// console; without it, holding only delays the answer. Successful answers
    /// and before-webhooks are never held: a command with a fallback, and any
    /// command whose name contains `.CallbackBefore` or `.CallbackPrev`,
    /// whether or not the event type knows it.
    pub fn hold_failures(mut self) -> Self {
        self.config_mut().hold_failures = true;
        self
    }

    /// Keeps every authentic webhook the layer refuses, or answers with its
    /// fallback decision, by handing it to `sink` as a [`DeadLetter`]: what
    /// Tencent sent, which it will not send again. Tencent's answer is the
    /// same with or without a sink.
    ///
    /// A webhook is authentic once its app id and signature have passed;
    /// what is refused before (403, 401) is not Tencent's and never reaches
    /// the sink. Without a [`token`](Self::token), anyone who knows the app
    /// id can write dead letters: the sink must treat them as untrusted
    /// input. Letters are:
    ///
    /// - a body that cannot be read, or is over the
    ///   [`body_limit`](Self::body_limit): refused by its `Content-Length`, a
    ///   letter with no bytes; cut off while read, the bytes up to the limit.
    ///   Either is [truncated](DeadLetter::is_truncated): "nothing lost" ends
    ///   at `body_limit`;
    /// - a body that is not JSON or not the event, whose command differs from
    ///   the query's, or whose event type panicked;
    /// - a query with a repeated `CallbackCommand` (its body is read; a
    ///   before-webhook gets its fallback, an after-webhook 400);
    /// - a handler (or, in forward mode, an app) that errs, panics or answers a
    ///   status other than 2xx, a before-webhook's deadline passed, an answer
    ///   that is not the command's decision.
    ///
    /// Timing: the sink is called before the answer is written, and its
    /// future is polled only while the answer is pending, inside the layer's
    /// response future (nothing is spawned). A before-webhook's answer waits
    /// for the sink until its [deadline](Self::deadline) at most; an
    /// after-webhook's for [`dead_letter_timeout`](Self::dead_letter_timeout)
    /// at most, or until a [held](Self::hold_failures) failure's hold ends,
    /// whichever is later. A letter the sink has not taken by then is
    /// dropped, logged (feature `tracing`) and counted
    /// ([`dead_letters_dropped`](Self::dead_letters_dropped)), as is one
    /// whose sink fails or panics. So a sink should hand the letter off
    /// quickly: [`dead_letter_queue`](crate::dead_letter_queue) is a bounded
    /// queue whose `call` never waits.
    ///
    /// The sink is cloned for each letter, readied, then called; its future
    /// must be `Send`. Accepted webhooks cost nothing more: a sink is asked
    /// only for letters.
    ///
    /// ```
    /// use tencent_live_webhook::{dead_letter_queue, LiveWebhookLayer};
    ///
    /// let (sender, receiver) = dead_letter_queue(256);
    /// let layer = LiveWebhookLayer::new("/tencent/callback")
    ///     .app_id(1400000001)
    ///     .token("callback-token")
    ///     .dead_letters(sender);
    /// # let _ = (layer, receiver);
    /// ```
    pub fn dead_letters<D>(mut self, sink: D) -> Self
    where
        D: Service<DeadLetter, Response = ()> + Clone + Send + 'static,
        D::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
        D::Future: Send + 'static,
    {
        self.config_mut().dead_letters = Some(DeadLetters {
            sink: Arc::new(ServiceSink(Mutex::new(sink))),
            dropped: Arc::default(),
        });
        self
    }

    /// How long an after-webhook's answer waits for the
    /// [dead-letter sink](Self::dead_letters) at most (default 1 s), counted
    /// from the moment the letter is handed to it. A held failure waits for
    /// the later of this and its hold.
    pub fn dead_letter_timeout(mut self, timeout: Duration) -> Self {
        self.config_mut().dead_letter_timeout = timeout;
        self
    }

    /// How many dead letters the sink did not take (not in time, or it failed
    /// or panicked), over every service made by this layer and its clones
    /// since [`dead_letters`](Self::dead_letters) was set; 0 without a sink.
    pub fn dead_letters_dropped(&self) -> u64 {
        self.config
            .dead_letters
            .as_ref()
            .map_or(0, |letters| letters.dropped.load(Ordering::Relaxed))
    }

    /// Handler mode: accepted events go to `handler`, a
    /// `Service<http::Request<E>>`, and never to the inner service.
    ///
    /// The handler's request has the original method, URI, headers and
    /// extensions, plus the [`CallbackQuery`](crate::CallbackQuery), the
    /// [`RawBody`](crate::RawBody) and, for a before-webhook, its
    /// [`Deadline`](crate::Deadline); its body is the event. Its response
    /// converts into a [`Reply`]: `()` and an [`Ack`](crate::Ack) for an
    /// after-webhook, written with HTTP 200 once the handler has finished; the
    /// command's decision for a before-webhook; for a command outside the
    /// crate's table that has no fallback, any `Reply`, written as it is with
    /// HTTP 200. `Err` becomes a 500 FAIL
    /// acknowledgement whose text does not include the error's (for a
    /// before-webhook, its fallback decision).
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

/// `receive_unknown` on the layers whose event type has a variant for any
/// command: [`LiveEvent`], [`ChatEvent`] and [`TencentEvent`].
macro_rules! receive_unknown {
    ($($event:ident),+) => {$(
        impl<M> WebhookLayer<$event, M> {
            #[doc = concat!(
                "Receives every command on the path, not only those of the table: the app id ",
                "and signature are checked for all, and a command outside the table is handed ",
                "on as [`", stringify!($event), "::Unknown`] (forward mode: in the extensions; ",
                "handler mode: to the handler). Without it (the default), such commands pass ",
                "through untouched."
            )]
            ///
            /// A command of the crate's other table keeps that table's
            /// rules: a before-webhook gets its own fallback, and only a
            /// decision of its kind. In a stack of layers on one path, only
            /// the innermost may receive unknown commands: an outer one would
            /// answer those the inner ones are there for.
            pub fn receive_unknown(mut self) -> Self {
                self.config_mut().receive_unknown = true;
                self
            }
        }
    )+};
}

receive_unknown!(LiveEvent, ChatEvent, TencentEvent);

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
