//! The clock a before-webhook's deadline is kept with.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::time::Instant;

/// A future that completes once, at a deadline.
pub type Sleep = Pin<Box<dyn Future<Output = ()> + Send + 'static>>;

/// What the layer keeps a before-webhook's deadline with: something that
/// sleeps until an instant, as hyper's `rt::Timer` does.
///
/// The layer asks for a sleep only when an answer is not ready at once: a
/// before-webhook's decision, a held failure, a dead letter the sink has not
/// taken yet; it drops the sleep with the answer. A timer that panics keeps no
/// time: a before-webhook gets its fallback, a failure is not held, a letter
/// is not waited for.
///
/// - [`ThreadTimer`], the default, needs no async runtime: one helper thread
///   for the whole process (the `futures-timer` crate), started the first time
///   a deadline is kept.
/// - [`TokioTimer`] (feature `tokio`) uses tokio's timer, which follows
///   `tokio::time::pause` in tests and needs a tokio runtime.
///
/// ```
/// use std::time::Instant;
/// use tencent_live_webhook::{Sleep, Timer};
///
/// /// A timer for an executor of your own.
/// struct MyTimer;
///
/// impl Timer for MyTimer {
///     fn sleep_until(&self, deadline: Instant) -> Sleep {
///         let wait = deadline.saturating_duration_since(Instant::now());
///         Box::pin(futures_timer_like_delay(wait))
///     }
/// }
/// # async fn futures_timer_like_delay(_: std::time::Duration) {}
/// ```
pub trait Timer: Send + Sync + 'static {
    /// A future that completes at `deadline` (at once, when it has passed).
    fn sleep_until(&self, deadline: Instant) -> Sleep;

    /// The timer's now, which deadlines are counted from and compared with:
    /// by default [`Instant::now`]. A timer whose clock can be paused or
    /// advanced (as tokio's can in tests) returns its own. A handler asks it
    /// with [`Deadline::has_passed_on`](crate::Deadline::has_passed_on).
    fn now(&self) -> Instant {
        Instant::now()
    }
}

/// The default [`Timer`]: runtime-independent, one helper thread for the
/// process (from the `futures-timer` crate), started on first use.
#[derive(Clone, Copy, Debug, Default)]
pub struct ThreadTimer;

impl Timer for ThreadTimer {
    fn sleep_until(&self, deadline: Instant) -> Sleep {
        let wait = deadline.saturating_duration_since(Instant::now());
        Box::pin(futures_timer::Delay::new(wait))
    }
}

/// A [`Timer`] on tokio's clock (feature `tokio`): it needs a tokio runtime
/// with its timer enabled, and follows `tokio::time::pause` and `advance` in
/// tests.
#[cfg(feature = "tokio")]
#[derive(Clone, Copy, Debug, Default)]
pub struct TokioTimer;

#[cfg(feature = "tokio")]
impl Timer for TokioTimer {
    fn sleep_until(&self, deadline: Instant) -> Sleep {
        Box::pin(tokio::time::sleep_until(deadline.into()))
    }

    fn now(&self) -> Instant {
        tokio::time::Instant::now().into_std()
    }
}

/// For `Debug` output of a configuration.
pub(crate) struct Named(pub(crate) &'static str);

impl fmt::Debug for Named {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}
