//! Dead letters: every authentic webhook the layer refuses, or answers with
//! its fallback, handed to a sink of the app's, so that nothing Tencent sent
//! is lost; and a bounded, runtime-free queue to use as that sink.

use std::collections::VecDeque;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::task::{ready, Context, Poll, Waker};
use std::time::Duration;

use bytes::Bytes;
use pin_project_lite::pin_project;
use tower_service::Service;

use crate::dispatch::Oneshot;
use crate::idempotency::IdempotencyKey;
use crate::rejection::Rejection;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// How long an after-webhook's answer waits for the dead-letter sink, by
/// default.
pub(crate) const DEFAULT_DEAD_LETTER_TIMEOUT: Duration = Duration::from_secs(1);

/// An authentic webhook that the layer refused, or answered with its
/// fallback decision: what Tencent sent, kept for the app, which Tencent will
/// not send again. See [`WebhookLayer::dead_letters`](crate::WebhookLayer::dead_letters).
///
/// A webhook is authentic once its app id and signature have passed; a
/// request refused before that (403, 401) is not Tencent's and never becomes a
/// letter.
///
/// Its `Debug` shows the command, the reason and the body's length, never the
/// body.
///
/// ```
/// use tencent_live_webhook::{DeadLetter, DeadLetterReason};
///
/// fn store(letter: &DeadLetter) {
///     println!(
///         "{} ({}): {} bytes{}",
///         letter.callback_command(),
///         letter.reason(),
///         letter.body().len(),
///         if letter.is_truncated() { ", truncated" } else { "" },
///     );
/// }
/// # let _ = store;
/// ```
#[derive(Clone)]
pub struct DeadLetter {
    callback_command: String,
    query: String,
    body: Bytes,
    truncated: bool,
    reason: DeadLetterReason,
}

impl DeadLetter {
    pub(crate) fn new(query: &str, body: Bytes, truncated: bool, reason: DeadLetterReason) -> Self {
        let callback_command = crate::query::first_callback_command(query);
        Self {
            callback_command,
            query: query.to_owned(),
            body,
            truncated,
            reason,
        }
    }

    /// The `CallbackCommand` of the query: its first value, when it was given
    /// more than once.
    pub fn callback_command(&self) -> &str {
        &self.callback_command
    }

    /// The query string as it came, without the `?`: `SdkAppid`,
    /// `CallbackCommand` and the rest, with `Sign` and `RequestTime` when the
    /// request was signed. A signed query is valid for any body until
    /// `RequestTime` leaves the tolerance: store it where the app's secrets
    /// go, or drop `Sign` before storing it.
    pub fn query(&self) -> &str {
        &self.query
    }

    /// The bytes of the body that were read: all of them, unless
    /// [`is_truncated`](Self::is_truncated).
    pub fn body(&self) -> &Bytes {
        &self.body
    }

    /// Whether [`body`](Self::body) holds less than Tencent sent: the body
    /// was over the layer's [`body_limit`](crate::WebhookLayer::body_limit)
    /// (by its `Content-Length`, then no byte was read; or while it was
    /// read, then the bytes up to the limit are kept), its stream failed, or
    /// a before-webhook's deadline passed while it was read.
    pub fn is_truncated(&self) -> bool {
        self.truncated
    }

    /// Why the webhook became a letter.
    pub fn reason(&self) -> &DeadLetterReason {
        &self.reason
    }

    /// The letter's [`IdempotencyKey`], from its command and the bytes that
    /// were read: a retry of a refused webhook gets the same key (a truncated
    /// body has no natural id in reach, and may get none). Made on each call.
    ///
    /// ```
    /// # use tencent_live_webhook::DeadLetter;
    /// fn store(letter: &DeadLetter) {
    ///     let key = letter.idempotency_key();
    ///     println!("{} {:?}", key.strength(), key.as_str());
    /// }
    /// # let _ = store;
    /// ```
    pub fn idempotency_key(&self) -> IdempotencyKey {
        IdempotencyKey::new(self.callback_command(), self.body())
    }
}

impl fmt::Debug for DeadLetter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DeadLetter")
            .field("callback_command", &self.callback_command)
            .field("reason", &self.reason)
            .field("len", &self.body.len())
            .field("truncated", &self.truncated)
            .finish_non_exhaustive()
    }
}

/// Why an authentic webhook became a [`DeadLetter`]: the layer refused it,
/// or answered a before-webhook with its fallback decision.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DeadLetterReason {
    /// The layer refused the body, or the query's repeated `CallbackCommand`:
    /// not read, over the limit, not JSON, not the event, another command, an
    /// event type that panicked. An after-webhook was answered with this
    /// rejection, a before-webhook with its fallback.
    Refused(Rejection),
    /// A before-webhook had no decision by its deadline.
    Deadline,
    /// The handler returned an error or was not ready; in forward mode, the
    /// app answered a status other than 2xx or its service returned an error.
    Failed,
    /// The handler, the app or the timer panicked.
    Panicked,
    /// A before-webhook was answered with something other than its
    /// command's decision, such as `()`.
    NoDecision,
}

impl fmt::Display for DeadLetterReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Refused(rejection) => write!(f, "the webhook was not understood: {rejection}"),
            Self::Deadline => f.write_str("no decision by the deadline"),
            Self::Failed => f.write_str("the handler failed"),
            Self::Panicked => f.write_str("the handler panicked"),
            Self::NoDecision => f.write_str("the answer was not a decision of this command's kind"),
        }
    }
}

/// A sink's work on one letter.
pub(crate) type Sending = Pin<Box<dyn Future<Output = Result<(), BoxError>> + Send>>;

/// A sink, with its service type erased.
pub(crate) trait Sink: Send + Sync {
    /// Readies a clone of the service and calls it with the letter.
    fn send(&self, letter: DeadLetter) -> Sending;
}

/// The sink the app gave: cloned for each letter, under a lock only because
/// the service need not be `Sync`.
pub(crate) struct ServiceSink<S>(pub(crate) Mutex<S>);

impl<S> Sink for ServiceSink<S>
where
    S: Service<DeadLetter, Response = ()> + Clone + Send + 'static,
    S::Error: Into<BoxError>,
    S::Future: Send + 'static,
{
    fn send(&self, letter: DeadLetter) -> Sending {
        let service = self
            .0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        Box::pin(SinkCall {
            call: Oneshot::new(service, letter),
        })
    }
}

pin_project! {
    /// A sink's service, readied and called, its error boxed.
    struct SinkCall<S>
    where
        S: Service<DeadLetter>,
    {
        #[pin]
        call: Oneshot<S, DeadLetter>,
    }
}

impl<S> Future for SinkCall<S>
where
    S: Service<DeadLetter, Response = ()>,
    S::Error: Into<BoxError>,
{
    type Output = Result<(), BoxError>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        Poll::Ready(ready!(self.project().call.poll(cx)).map_err(Into::into))
    }
}

/// A layer's dead-letter configuration.
#[derive(Clone)]
pub(crate) struct DeadLetters {
    pub(crate) sink: Arc<dyn Sink>,
    /// Letters the sink did not take: not in time, failed or panicked.
    pub(crate) dropped: Arc<AtomicU64>,
}

impl fmt::Debug for DeadLetters {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DeadLetters")
            .field("dropped", &self.dropped.load(Ordering::Relaxed))
            .finish_non_exhaustive()
    }
}

/// A bounded queue of dead letters that needs no runtime: the sending half is
/// the layer's sink, and its `call` is a `try_send` that never waits; the
/// receiving half is read by the app, with [`recv`](DeadLetterReceiver::recv)
/// or [`try_recv`](DeadLetterReceiver::try_recv), and stores the letters.
///
/// Back-pressure: when the queue is full, a letter is dropped and counted
/// ([`DeadLetterReceiver::dropped`]); the sink's call fails with
/// [`QueueFull`], which the layer logs and counts too
/// ([`WebhookLayer::dead_letters_dropped`](crate::WebhookLayer::dead_letters_dropped)).
/// Tencent's answer never waits for the app's store. Size the queue for the
/// bursts the store must absorb.
///
/// ```
/// use tencent_live_webhook::{dead_letter_queue, LiveWebhookLayer};
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// let (sender, mut letters) = dead_letter_queue(1024);
/// let layer = LiveWebhookLayer::new("/tencent/callback")
///     .app_id(1400000001)
///     .dead_letters(sender);
/// tokio::spawn(async move {
///     while let Some(letter) = letters.recv().await {
///         // Store it: the command, the query, the body, the reason.
///         println!("{letter:?}");
///     }
/// });
/// # let _ = layer;
/// # }
/// ```
pub fn dead_letter_queue(capacity: usize) -> (DeadLetterSender, DeadLetterReceiver) {
    let shared = Arc::new(Queue {
        state: Mutex::new(QueueState {
            letters: VecDeque::new(),
            waker: None,
        }),
        capacity,
        senders: AtomicUsize::new(1),
        dropped: AtomicU64::new(0),
    });
    (
        DeadLetterSender {
            queue: Arc::clone(&shared),
        },
        DeadLetterReceiver { queue: shared },
    )
}

struct Queue {
    state: Mutex<QueueState>,
    capacity: usize,
    senders: AtomicUsize,
    dropped: AtomicU64,
}

struct QueueState {
    letters: VecDeque<DeadLetter>,
    waker: Option<Waker>,
}

impl Queue {
    fn lock(&self) -> MutexGuard<'_, QueueState> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// The sending half of a [`dead_letter_queue`]: a sink for
/// [`WebhookLayer::dead_letters`](crate::WebhookLayer::dead_letters), always
/// ready, whose `call` queues the letter or, when the queue is full, drops it
/// and fails with [`QueueFull`].
pub struct DeadLetterSender {
    queue: Arc<Queue>,
}

impl Clone for DeadLetterSender {
    fn clone(&self) -> Self {
        self.queue.senders.fetch_add(1, Ordering::Relaxed);
        Self {
            queue: Arc::clone(&self.queue),
        }
    }
}

impl Drop for DeadLetterSender {
    fn drop(&mut self) {
        if self.queue.senders.fetch_sub(1, Ordering::AcqRel) == 1 {
            if let Some(waker) = self.queue.lock().waker.take() {
                waker.wake();
            }
        }
    }
}

impl fmt::Debug for DeadLetterSender {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DeadLetterSender")
            .field("capacity", &self.queue.capacity)
            .finish_non_exhaustive()
    }
}

impl Service<DeadLetter> for DeadLetterSender {
    type Response = ();
    type Error = QueueFull;
    type Future = std::future::Ready<Result<(), QueueFull>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), QueueFull>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, letter: DeadLetter) -> Self::Future {
        let mut state = self.queue.lock();
        if state.letters.len() >= self.queue.capacity {
            drop(state);
            self.queue.dropped.fetch_add(1, Ordering::Relaxed);
            return std::future::ready(Err(QueueFull(())));
        }
        state.letters.push_back(letter);
        let waker = state.waker.take();
        drop(state);
        if let Some(waker) = waker {
            waker.wake();
        }
        std::future::ready(Ok(()))
    }
}

/// A [`dead_letter_queue`] was full: the letter was dropped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QueueFull(());

impl fmt::Display for QueueFull {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the dead-letter queue is full: the letter was dropped")
    }
}

impl std::error::Error for QueueFull {}

/// The receiving half of a [`dead_letter_queue`].
pub struct DeadLetterReceiver {
    queue: Arc<Queue>,
}

impl DeadLetterReceiver {
    /// The next letter, when one is queued.
    pub fn try_recv(&mut self) -> Option<DeadLetter> {
        self.queue.lock().letters.pop_front()
    }

    /// Waits for the next letter; `None` once every sender is dropped and
    /// the queue is empty. Works on any executor.
    pub fn recv(&mut self) -> Recv<'_> {
        Recv { receiver: self }
    }

    /// How many letters are queued.
    pub fn len(&self) -> usize {
        self.queue.lock().letters.len()
    }

    /// Whether no letter is queued.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How many letters were dropped because the queue was full.
    pub fn dropped(&self) -> u64 {
        self.queue.dropped.load(Ordering::Relaxed)
    }
}

impl fmt::Debug for DeadLetterReceiver {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DeadLetterReceiver")
            .field("capacity", &self.queue.capacity)
            .field("len", &self.len())
            .field("dropped", &self.dropped())
            .finish()
    }
}

/// The future of [`DeadLetterReceiver::recv`].
#[derive(Debug)]
#[must_use = "futures do nothing unless polled"]
pub struct Recv<'a> {
    receiver: &'a mut DeadLetterReceiver,
}

impl Future for Recv<'_> {
    type Output = Option<DeadLetter>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<DeadLetter>> {
        let queue = &self.receiver.queue;
        let mut state = queue.lock();
        if let Some(letter) = state.letters.pop_front() {
            return Poll::Ready(Some(letter));
        }
        if queue.senders.load(Ordering::Acquire) == 0 {
            return Poll::Ready(None);
        }
        state.waker = Some(cx.waker().clone());
        Poll::Pending
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn letter(body: &'static [u8]) -> DeadLetter {
        DeadLetter::new(
            "SdkAppid=1&CallbackCommand=Live.A&CallbackCommand=Live.B",
            Bytes::from_static(body),
            false,
            DeadLetterReason::Deadline,
        )
    }

    #[test]
    fn debug_shows_the_command_reason_and_length_never_the_bytes() {
        let letter = letter(b"secret-body");
        assert_eq!(letter.callback_command(), "Live.A");
        let debug = format!("{letter:?}");
        assert!(!debug.contains("secret"), "{debug}");
        assert!(
            debug.contains("Live.A") && debug.contains("Deadline"),
            "{debug}"
        );
        assert!(debug.contains("len: 11"), "{debug}");
    }

    #[test]
    fn a_full_queue_drops_and_counts() {
        let (mut sender, mut receiver) = dead_letter_queue(1);
        let waker = Waker::noop();
        let mut cx = Context::from_waker(waker);
        assert!(sender.poll_ready(&mut cx).is_ready());
        assert_eq!(sender.call(letter(b"1")).into_inner(), Ok(()));
        assert_eq!(sender.call(letter(b"2")).into_inner(), Err(QueueFull(())));
        assert_eq!((receiver.len(), receiver.dropped()), (1, 1));
        assert_eq!(&receiver.try_recv().unwrap().body()[..], b"1");
        assert!(receiver.try_recv().is_none());
        let mut recv = std::pin::pin!(receiver.recv());
        assert!(recv.as_mut().poll(&mut cx).is_pending());
        drop(sender);
        assert!(matches!(recv.as_mut().poll(&mut cx), Poll::Ready(None)));
    }
}
