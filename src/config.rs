//! What a layer is configured with.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::dead_letter::{DeadLetters, DEFAULT_DEAD_LETTER_TIMEOUT};
use crate::reply::Reply;
use crate::signature::Token;
use crate::timer::{Named, ThreadTimer, Timer};

/// Default limit on a webhook body: 64 KiB, far above any Live callback.
pub(crate) const DEFAULT_BODY_LIMIT: usize = 64 * 1024;
/// Default tolerance between `RequestTime` and now: Tencent's one minute.
pub(crate) const DEFAULT_TOLERANCE: Duration = Duration::from_secs(60);
/// Default time a before-webhook has for its decision, counted from `call`:
/// well inside Tencent's 2 seconds.
pub(crate) const DEFAULT_DEADLINE: Duration = Duration::from_millis(1500);
/// How long Tencent waits for an answer before it gives up on a delivery.
pub const TENCENT_TIMEOUT: Duration = Duration::from_secs(2);
/// How long a failed after-webhook's answer is held, counted from `call`,
/// when failures are held for Tencent's retry: past Tencent's 2 seconds.
pub(crate) const HOLD_FAILURES: Duration = Duration::from_millis(2500);

pub(crate) type Clock = Arc<dyn Fn() -> SystemTime + Send + Sync>;

#[derive(Clone)]
pub(crate) struct Config {
    pub(crate) path: String,
    /// Apps accepted with the shared tokens (`app_id`).
    pub(crate) app_ids: Vec<u64>,
    /// Tokens that sign for every app of `app_ids` (`token`).
    pub(crate) tokens: Vec<Token>,
    /// Apps with tokens of their own (`app`).
    pub(crate) paired: Vec<(u64, Token)>,
    pub(crate) tolerance: Duration,
    pub(crate) body_limit: usize,
    pub(crate) clock: Option<Clock>,
    pub(crate) deadline: Duration,
    pub(crate) timer: Arc<dyn Timer>,
    /// Fallback decisions that replace a command's own.
    pub(crate) fallbacks: Vec<(String, Reply)>,
    pub(crate) hold_failures: bool,
    pub(crate) receive_unknown: bool,
    /// Where authentic webhooks that were refused, or answered with a
    /// fallback, go: `None` (the default) keeps nothing.
    pub(crate) dead_letters: Option<DeadLetters>,
    /// How long an after-webhook's answer waits for the sink.
    pub(crate) dead_letter_timeout: Duration,
    /// What the `metrics` feature records into, shared by the layer's clones.
    #[cfg(feature = "metrics")]
    pub(crate) metrics: Arc<crate::meter::Metrics>,
}

/// The tokens a request for one app must be signed with.
pub(crate) enum Signers<'a> {
    /// The app is not accepted.
    Unknown,
    /// The app is accepted, and these tokens sign for it (none: `Sign` is not required).
    Tokens(&'a [Token]),
    /// The app has tokens of its own (`app`), one of which must sign.
    Paired(u64),
}

impl Config {
    pub(crate) fn new(path: String) -> Self {
        Self {
            path,
            app_ids: Vec::new(),
            tokens: Vec::new(),
            paired: Vec::new(),
            tolerance: DEFAULT_TOLERANCE,
            body_limit: DEFAULT_BODY_LIMIT,
            clock: None,
            deadline: DEFAULT_DEADLINE,
            timer: Arc::new(ThreadTimer),
            fallbacks: Vec::new(),
            hold_failures: false,
            receive_unknown: false,
            dead_letters: None,
            dead_letter_timeout: DEFAULT_DEAD_LETTER_TIMEOUT,
            #[cfg(feature = "metrics")]
            metrics: crate::meter::Metrics::new(),
        }
    }

    /// Who may sign for `app_id`: an app given with `app` is checked against its
    /// own tokens only; one given with `app_id` against the shared tokens.
    pub(crate) fn signers(&self, app_id: u64) -> Signers<'_> {
        if self.paired.iter().any(|(id, _)| *id == app_id) {
            Signers::Paired(app_id)
        } else if self.app_ids.contains(&app_id) {
            Signers::Tokens(&self.tokens)
        } else {
            Signers::Unknown
        }
    }

    /// The tokens of an app given with `app`.
    pub(crate) fn paired_tokens(&self, app_id: u64) -> impl Iterator<Item = &Token> {
        self.paired
            .iter()
            .filter(move |(id, _)| *id == app_id)
            .map(|(_, token)| token)
    }

    /// Whether `request_time` (Unix seconds) is within the tolerance of now,
    /// compared at the clock's full precision.
    pub(crate) fn within_tolerance(&self, request_time: u64) -> bool {
        let now = self
            .clock
            .as_ref()
            .map_or_else(SystemTime::now, |clock| clock());
        let Some(signed_at) = UNIX_EPOCH.checked_add(Duration::from_secs(request_time)) else {
            return false;
        };
        let apart = match now.duration_since(signed_at) {
            Ok(behind) => behind,
            Err(ahead) => ahead.duration(),
        };
        apart <= self.tolerance
    }

    /// The configured replacement of a command's fallback, if any.
    pub(crate) fn fallback_override(&self, command: &str) -> Option<&Reply> {
        self.fallbacks
            .iter()
            .find(|(name, _)| name == command)
            .map(|(_, reply)| reply)
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("path", &self.path)
            .field("app_ids", &self.app_ids)
            .field("tokens", &self.tokens.len())
            .field(
                "paired",
                &self.paired.iter().map(|(id, _)| id).collect::<Vec<_>>(),
            )
            .field("tolerance", &self.tolerance)
            .field("body_limit", &self.body_limit)
            .field(
                "clock",
                &Named(if self.clock.is_some() {
                    "custom"
                } else {
                    "system"
                }),
            )
            .field("deadline", &self.deadline)
            .field("fallbacks", &self.fallbacks)
            .field("hold_failures", &self.hold_failures)
            .field("receive_unknown", &self.receive_unknown)
            .field("dead_letters", &self.dead_letters)
            .field("dead_letter_timeout", &self.dead_letter_timeout)
            .finish_non_exhaustive()
    }
}
