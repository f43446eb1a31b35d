//! What a layer records through the [`metrics`](https://docs.rs/metrics)
//! facade, with the `metrics` feature: a counter per webhook by command and
//! outcome, the refusals by the crate's own `ErrorCode`, the fallbacks by
//! reason, the dead letters, and histograms of the handler's time and of the
//! time a decision had left. Without the feature, every function here is an
//! empty one and [`Meter`] holds nothing: the calls compile to nothing.
//!
//! No label takes a value from the request or from the app: a command is one
//! of the tables' (or `other`), an outcome, a reason and an error code are
//! the crate's own. The series are bounded whatever Tencent, a hostile
//! caller or the app sends (README, "Metrics").

#[cfg(not(feature = "metrics"))]
pub(crate) use self::off::*;
#[cfg(feature = "metrics")]
pub use self::recorded::describe_metrics;
#[cfg(feature = "metrics")]
pub(crate) use self::recorded::*;

/// The metrics' names.
#[cfg(feature = "metrics")]
pub(crate) mod names {
    pub(crate) const REQUESTS: &str = "tencent_webhook_requests_total";
    pub(crate) const REFUSALS: &str = "tencent_webhook_refusals_total";
    pub(crate) const FALLBACKS: &str = "tencent_webhook_fallbacks_total";
    pub(crate) const DEAD_LETTERS: &str = "tencent_webhook_dead_letters_total";
    pub(crate) const DEAD_LETTERS_DROPPED: &str = "tencent_webhook_dead_letters_dropped_total";
    pub(crate) const BATCH_EVENTS: &str = "tencent_webhook_batch_events_total";
    pub(crate) const HANDLER_DURATION: &str = "tencent_webhook_handler_duration_seconds";
    pub(crate) const TIME_LEFT: &str = "tencent_webhook_decision_time_left_seconds";
}

#[cfg(feature = "metrics")]
mod recorded {
    use std::panic::{catch_unwind, AssertUnwindSafe};
    use std::sync::{Arc, OnceLock};
    use std::time::Instant;

    use ::metrics::{Counter, Histogram, Key, Label, Level, Metadata, Unit};
    use http::Uri;

    use super::names::*;
    use crate::answer::Verdict;
    use crate::config::Config;
    use crate::dead_letter::DeadLetterReason;
    use crate::event::WebhookEvent;
    use crate::macros::Index;
    use crate::rejection::Rejection;
    use crate::reply::Reply;
    use crate::table::TencentEvent;
    use crate::timer::Timer;

    static METADATA: Metadata<'static> =
        Metadata::new(module_path!(), Level::INFO, Some(module_path!()));

    /// The `command` label's values: every spelling of the tables, then `other`.
    const COMMANDS: &[&str] = TencentEvent::CALLBACK_COMMANDS;
    const OTHER: usize = COMMANDS.len();
    const COMMAND_LABELS: usize = OTHER + 1;
    const INDEX: Index<OTHER> = Index::flat(COMMANDS);

    fn command_label(command: usize) -> &'static str {
        COMMANDS.get(command).copied().unwrap_or("other")
    }

    /// The `outcome` label of `tencent_webhook_requests_total` and of the
    /// handler's histogram (which adds `deadline`).
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub(crate) enum Outcome {
        Ok,
        Fail,
        Refused,
        Allow,
        Reject,
        Discard,
        Modify,
        Partial,
        Fallback,
        Deadline,
    }

    impl Outcome {
        const ALL: usize = 10;

        fn as_str(self) -> &'static str {
            match self {
                Self::Ok => "ok",
                Self::Fail => "fail",
                Self::Refused => "refused",
                Self::Allow => "allow",
                Self::Reject => "reject",
                Self::Discard => "discard",
                Self::Modify => "modify",
                Self::Partial => "partial",
                Self::Fallback => "fallback",
                Self::Deadline => "deadline",
            }
        }

        /// What a settled webhook came to; `None` is the inner service's
        /// error (forward mode, an after-webhook).
        fn of(verdict: Option<&Verdict>) -> Self {
            match verdict {
                None => Self::Fail,
                Some(Verdict::Answer(_, reply)) => Self::of_reply(reply),
                Some(verdict @ Verdict::Reject(..)) if verdict.is_failure() => Self::Fail,
                Some(Verdict::Reject(..)) => Self::Refused,
                Some(Verdict::Fallback(..)) => Self::Fallback,
            }
        }

        /// What an answer of the app's says, read through the decisions'
        /// own accessors.
        fn of_reply(reply: &Reply) -> Self {
            let left_out = |refused: Option<&[String]>| refused.is_some_and(|r| !r.is_empty());
            match reply {
                Reply::Ack(ack) if ack.is_ok() => Self::Ok,
                Reply::Ack(_) => Self::Fail,
                Reply::Gift(decision) => Self::decided(decision.is_allowed(), false),
                Reply::Decision(decision) => Self::decided(decision.is_allowed(), false),
                Reply::CreateGroup(decision) => Self::decided(decision.is_allowed(), false),
                Reply::CreateTopic(decision) => Self::decided(decision.is_allowed(), false),
                Reply::JoinGroup(decision) => Self::decided(decision.is_allowed(), false),
                Reply::CreateOfficialAccount(decision) => {
                    Self::decided(decision.is_allowed(), false)
                }
                Reply::Invite(decision) => {
                    Self::decided(decision.is_allowed(), left_out(decision.refused()))
                }
                Reply::Subscriber(decision) => {
                    Self::decided(decision.is_allowed(), left_out(decision.refused()))
                }
                Reply::Message(decision) if decision.is_discarded() => Self::Discard,
                Reply::OfficialMessage(decision) if decision.is_discarded() => Self::Discard,
                Reply::Message(decision) => Self::message(
                    decision.is_allowed(),
                    decision.msg_body().is_some() || decision.cloud_custom_data().is_some(),
                ),
                Reply::OfficialMessage(decision) => Self::message(
                    decision.is_allowed(),
                    decision.msg_body().is_some() || decision.cloud_custom_data().is_some(),
                ),
                Reply::C2cMessage(decision) => Self::message(
                    decision.is_allowed(),
                    decision.msg_body().is_some() || decision.cloud_custom_data().is_some(),
                ),
                Reply::Friend(decision) => {
                    let results = decision.results();
                    let allowed = results.iter().filter(|result| result.is_allowed()).count();
                    if results.is_empty() {
                        Self::decided(decision.is_allowed(), false)
                    } else {
                        Self::decided(allowed > 0, allowed < results.len())
                    }
                }
                Reply::Chatbot(reply) if reply.rsp_data().is_some() => Self::Modify,
                Reply::Chatbot(_) => Self::Allow,
            }
        }

        /// A decision that lets its request go on (for some users when
        /// `partly`), or refuses it.
        fn decided(allowed: bool, partly: bool) -> Self {
            match (allowed, partly) {
                (false, _) => Self::Reject,
                (true, true) => Self::Partial,
                (true, false) => Self::Allow,
            }
        }

        fn message(allowed: bool, modified: bool) -> Self {
            match (allowed, modified) {
                (true, true) => Self::Modify,
                (true, false) => Self::Allow,
                (false, _) => Self::Reject,
            }
        }
    }

    /// Why a before-webhook got its fallback, and why a dead letter was made.
    fn reason_label(reason: &DeadLetterReason) -> (usize, &'static str) {
        match reason {
            DeadLetterReason::Refused(_) => (0, "refused"),
            DeadLetterReason::Deadline => (1, "deadline"),
            DeadLetterReason::Failed => (2, "failed"),
            DeadLetterReason::Panicked => (3, "panicked"),
            DeadLetterReason::NoDecision => (4, "no_decision"),
        }
    }
    const REASONS: usize = 5;

    /// The crate's own `ErrorCode`s, as labels.
    fn code_label(rejection: &Rejection) -> (usize, &'static str) {
        match rejection {
            Rejection::MissingAppId => (0, "1001"),
            Rejection::InvalidAppId => (1, "1002"),
            Rejection::UnknownAppId => (2, "1003"),
            Rejection::MissingSignature => (3, "2001"),
            Rejection::InvalidRequestTime => (4, "2002"),
            Rejection::StaleRequestTime => (5, "2003"),
            Rejection::BadSignature => (6, "2004"),
            Rejection::RepeatedCallbackCommand => (7, "3001"),
            Rejection::BodyTooLarge { .. } => (8, "3002"),
            Rejection::BodyUnreadable => (9, "3003"),
            Rejection::InvalidJson(_) => (10, "3004"),
            Rejection::InvalidEvent(_) => (11, "3005"),
            Rejection::CommandMismatch => (12, "3006"),
            Rejection::HandlerFailed => (13, "4001"),
            Rejection::ApplicationFailed(_) => (14, "4002"),
            Rejection::HandlerPanicked => (15, "4003"),
            Rejection::DecoderPanicked => (16, "4004"),
        }
    }
    const CODES: usize = 17;

    /// Why the sink did not take a dead letter.
    #[derive(Clone, Copy, Debug)]
    pub(crate) enum Dropped {
        SinkFailed,
        SinkPanicked,
        NotInTime,
    }

    impl Dropped {
        fn label(self) -> (usize, &'static str) {
            match self {
                Self::SinkFailed => (0, "sink_failed"),
                Self::SinkPanicked => (1, "sink_panicked"),
                Self::NotInTime => (2, "not_in_time"),
            }
        }
    }
    const DROPPED: usize = 3;

    /// Keys made once per process, on first use, shared by every layer.
    struct Keys<const N: usize>([OnceLock<Key>; N]);

    impl<const N: usize> Keys<N> {
        const fn new() -> Self {
            Self([const { OnceLock::new() }; N])
        }
    }

    fn key(name: &'static str, labels: &[(&'static str, &'static str)]) -> Key {
        let labels: Vec<Label> = labels
            .iter()
            .map(|(name, value)| Label::from_static_parts(name, value))
            .collect();
        Key::from_parts(name, labels)
    }

    /// A layer's handles, each registered with the recorder on its first
    /// use: recording a webhook then neither builds a key nor looks one up,
    /// and allocates nothing.
    struct Handles<T: 'static, const N: usize> {
        keys: &'static Keys<N>,
        handles: [OnceLock<T>; N],
    }

    impl<T, const N: usize> Handles<T, N> {
        fn new(keys: &'static Keys<N>) -> Self {
            Self {
                keys,
                handles: [const { OnceLock::new() }; N],
            }
        }

        /// The handle at `at`, registered with `register` on first use,
        /// under the key `key` makes (once per process).
        fn get(
            &self,
            at: usize,
            key: impl FnOnce() -> Key,
            register: impl FnOnce(&Key) -> T,
        ) -> Option<&T> {
            let handle = self.handles.get(at)?;
            Some(handle.get_or_init(|| register(self.keys.0[at].get_or_init(key))))
        }
    }

    impl<const N: usize> Handles<Counter, N> {
        fn increment(&self, at: usize, by: u64, key: impl FnOnce() -> Key) {
            let register = |key: &Key| {
                ::metrics::with_recorder(|recorder| recorder.register_counter(key, &METADATA))
            };
            if let Some(counter) = self.get(at, key, register) {
                counter.increment(by);
            }
        }
    }

    impl<const N: usize> Handles<Histogram, N> {
        fn record(&self, at: usize, value: f64, key: impl FnOnce() -> Key) {
            let register = |key: &Key| {
                ::metrics::with_recorder(|recorder| recorder.register_histogram(key, &METADATA))
            };
            if let Some(histogram) = self.get(at, key, register) {
                histogram.record(value);
            }
        }
    }

    static REQUEST_KEYS: Keys<{ COMMAND_LABELS * Outcome::ALL }> = Keys::new();
    static REFUSAL_KEYS: Keys<CODES> = Keys::new();
    static FALLBACK_KEYS: Keys<{ COMMAND_LABELS * REASONS }> = Keys::new();
    static LETTER_KEYS: Keys<REASONS> = Keys::new();
    static DROPPED_KEYS: Keys<DROPPED> = Keys::new();
    static BATCH_KEYS: Keys<COMMAND_LABELS> = Keys::new();
    static DURATION_KEYS: Keys<{ 2 * Outcome::ALL }> = Keys::new();
    static TIME_LEFT_KEYS: Keys<COMMAND_LABELS> = Keys::new();

    /// What a layer records into: its handles, registered with the recorder
    /// that is current when each is first used (install the recorder before
    /// the layer serves). Shared by the layer's clones.
    pub(crate) struct Metrics {
        requests: Handles<Counter, { COMMAND_LABELS * Outcome::ALL }>,
        refusals: Handles<Counter, CODES>,
        fallbacks: Handles<Counter, { COMMAND_LABELS * REASONS }>,
        letters: Handles<Counter, REASONS>,
        dropped: Handles<Counter, DROPPED>,
        batches: Handles<Counter, COMMAND_LABELS>,
        durations: Handles<Histogram, { 2 * Outcome::ALL }>,
        time_left: Handles<Histogram, COMMAND_LABELS>,
    }

    impl std::fmt::Debug for Metrics {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("Metrics")
        }
    }

    impl Metrics {
        pub(crate) fn new() -> Arc<Self> {
            Arc::new(Self {
                requests: Handles::new(&REQUEST_KEYS),
                refusals: Handles::new(&REFUSAL_KEYS),
                fallbacks: Handles::new(&FALLBACK_KEYS),
                letters: Handles::new(&LETTER_KEYS),
                dropped: Handles::new(&DROPPED_KEYS),
                batches: Handles::new(&BATCH_KEYS),
                durations: Handles::new(&DURATION_KEYS),
                time_left: Handles::new(&TIME_LEFT_KEYS),
            })
        }

        fn request(&self, command: usize, outcome: Outcome) {
            let at = command * Outcome::ALL + outcome as usize;
            self.requests.increment(at, 1, || {
                key(
                    REQUESTS,
                    &[
                        ("command", command_label(command)),
                        ("outcome", outcome.as_str()),
                    ],
                )
            });
        }

        fn refusal(&self, rejection: &Rejection) {
            let (at, code) = code_label(rejection);
            self.refusals
                .increment(at, 1, || key(REFUSALS, &[("error_code", code)]));
        }

        fn fallback(&self, command: usize, reason: &DeadLetterReason) {
            let (at, label) = reason_label(reason);
            self.fallbacks.increment(command * REASONS + at, 1, || {
                key(
                    FALLBACKS,
                    &[("command", command_label(command)), ("reason", label)],
                )
            });
        }

        /// A dead letter handed to the sink.
        pub(crate) fn dead_letter(&self, reason: &DeadLetterReason) {
            let (at, label) = reason_label(reason);
            self.letters
                .increment(at, 1, || key(DEAD_LETTERS, &[("reason", label)]));
        }

        /// A dead letter the sink did not take.
        pub(crate) fn dead_letter_dropped(&self, dropped: Dropped) {
            let (at, label) = dropped.label();
            self.dropped
                .increment(at, 1, || key(DEAD_LETTERS_DROPPED, &[("reason", label)]));
        }

        fn batch(&self, command: usize, events: usize) {
            self.batches.increment(command, events as u64, || {
                key(BATCH_EVENTS, &[("command", command_label(command))])
            });
        }

        fn duration(&self, before: bool, outcome: Outcome, seconds: f64) {
            let at = usize::from(!before) * Outcome::ALL + outcome as usize;
            self.durations.record(at, seconds, || {
                key(
                    HANDLER_DURATION,
                    &[
                        ("kind", if before { "before" } else { "after" }),
                        ("outcome", outcome.as_str()),
                    ],
                )
            });
        }

        fn time_left(&self, command: usize, seconds: f64) {
            self.time_left.record(command, seconds, || {
                key(TIME_LEFT, &[("command", command_label(command))])
            });
        }

        /// A request refused by its head (app id, signature): counted under
        /// the command its query names, when the tables know it.
        pub(crate) fn refused_at_head(&self, uri: &Uri, verdict: &Verdict) {
            let query = uri.query().unwrap_or_default();
            let command = crate::query::first_callback_command(query);
            let command = INDEX.find(&command).unwrap_or(OTHER);
            self.request(command, Outcome::of(Some(verdict)));
            if let Verdict::Reject(rejection, _) = verdict {
                self.refusal(rejection);
            }
        }
    }

    /// A webhook the layer claimed, from its head to its answer.
    #[derive(Debug)]
    pub(crate) struct Meter {
        metrics: Arc<Metrics>,
        command: usize,
        before: bool,
        dispatched_at: Option<Instant>,
    }

    impl Meter {
        /// A webhook of `command`; `before` for a question.
        pub(crate) fn new(metrics: &Arc<Metrics>, command: &str, before: bool) -> Self {
            Self {
                metrics: Arc::clone(metrics),
                command: INDEX.find(command).unwrap_or(OTHER),
                before,
                dispatched_at: None,
            }
        }

        /// Its event was decoded: a batch counts its events.
        pub(crate) fn decoded<E: WebhookEvent>(&self, event: &E) {
            if let Ok(Some(events)) = catch_unwind(AssertUnwindSafe(|| event.batch_len())) {
                self.metrics.batch(self.command, events);
            }
        }

        /// The handler, or the app in forward mode, is called now.
        pub(crate) fn dispatched(&mut self) {
            self.dispatched_at = Some(Instant::now());
        }

        /// A dead letter handed to the sink.
        pub(crate) fn dead_letter(&self, reason: &DeadLetterReason) {
            self.metrics.dead_letter(reason);
        }

        /// A dead letter the sink did not take.
        pub(crate) fn dead_letter_dropped(&self, dropped: Dropped) {
            self.metrics.dead_letter_dropped(dropped);
        }

        /// The answer is decided: the webhook's outcome, its refusal or
        /// fallback, the handler's time, and the time a decision had left.
        pub(crate) fn settled<E>(
            &mut self,
            settled: &Result<Verdict, E>,
            deadline: Option<Instant>,
            timer: Option<&Arc<dyn Timer>>,
        ) {
            let metrics = &*self.metrics;
            let outcome = Outcome::of(settled.as_ref().ok());
            metrics.request(self.command, outcome);
            let mut handler = outcome;
            match settled {
                Ok(Verdict::Reject(rejection, _)) => metrics.refusal(rejection),
                Ok(Verdict::Fallback(_, reason, _)) => {
                    if let DeadLetterReason::Refused(rejection) = reason {
                        metrics.refusal(rejection);
                    }
                    metrics.fallback(self.command, reason);
                    if matches!(reason, DeadLetterReason::Deadline) {
                        handler = Outcome::Deadline;
                    }
                }
                _ => {}
            }
            let Some(dispatched_at) = self.dispatched_at.take() else {
                return;
            };
            metrics.duration(self.before, handler, dispatched_at.elapsed().as_secs_f64());
            if !self.before || !matches!(settled, Ok(Verdict::Answer(..))) {
                return;
            }
            // A decision the handler made: how long before the deadline, by
            // the deadline's own clock.
            let (Some(deadline), Some(timer)) = (deadline, timer) else {
                return;
            };
            if let Ok(now) = catch_unwind(AssertUnwindSafe(|| timer.now())) {
                let left = deadline.saturating_duration_since(now).as_secs_f64();
                metrics.time_left(self.command, left);
            }
        }
    }

    /// The meter of a webhook `config`'s layer claimed.
    pub(crate) fn meter(config: &Config, command: &str, before: bool) -> Meter {
        Meter::new(&config.metrics, command, before)
    }

    /// A request `config`'s layer refused by its head.
    pub(crate) fn refused_at_head(config: &Config, uri: &Uri, verdict: &Verdict) {
        config.metrics.refused_at_head(uri, verdict);
    }

    /// Describes every metric the layers record (type, unit, meaning) to the
    /// installed recorder, which an exporter shows as help text (Prometheus'
    /// `# HELP`). Call it once, after installing the recorder; recording
    /// does not need it.
    ///
    /// ```
    /// tencent_live_webhook::describe_metrics();
    /// ```
    pub fn describe_metrics() {
        let counters = [
            (
                REQUESTS,
                "Webhooks the layer claimed, by command (a table's, or `other`) and outcome.",
            ),
            (
                REFUSALS,
                "Refusals, by the crate's own ErrorCode (never an app's).",
            ),
            (
                FALLBACKS,
                "Before-webhooks answered with their fallback decision, by command and reason.",
            ),
            (DEAD_LETTERS, "Dead letters handed to the sink, by reason."),
            (
                DEAD_LETTERS_DROPPED,
                "Dead letters the sink did not take, by why.",
            ),
            (
                BATCH_EVENTS,
                "Events carried by batch webhooks (push), by command.",
            ),
        ];
        let histograms = [
            (HANDLER_DURATION, "Time from calling the handler to its answer, by kind (before, after) and outcome (deadline: dropped at the deadline)."),
            (TIME_LEFT, "For a decision the handler made: the time left before the deadline, by command."),
        ];
        ::metrics::with_recorder(|recorder| {
            for (name, help) in counters {
                recorder.describe_counter(name.into(), Some(Unit::Count), help.into());
            }
            for (name, help) in histograms {
                recorder.describe_histogram(name.into(), Some(Unit::Seconds), help.into());
            }
        });
    }
}

#[cfg(not(feature = "metrics"))]
mod off {
    use std::sync::Arc;
    use std::time::Instant;

    use http::Uri;

    use crate::answer::Verdict;
    use crate::config::Config;
    use crate::dead_letter::DeadLetterReason;
    use crate::event::WebhookEvent;
    use crate::timer::Timer;

    /// Nothing: the `metrics` feature is off.
    #[derive(Debug)]
    pub(crate) struct Meter;

    #[derive(Clone, Copy, Debug)]
    pub(crate) enum Dropped {
        SinkFailed,
        SinkPanicked,
        NotInTime,
    }

    #[inline(always)]
    pub(crate) fn meter(_: &Config, _: &str, _: bool) -> Meter {
        Meter
    }

    #[inline(always)]
    pub(crate) fn refused_at_head(_: &Config, _: &Uri, _: &Verdict) {}

    impl Meter {
        #[inline(always)]
        pub(crate) fn decoded<E: WebhookEvent>(&self, _: &E) {}

        #[inline(always)]
        pub(crate) fn dispatched(&mut self) {}

        #[inline(always)]
        pub(crate) fn dead_letter(&self, _: &DeadLetterReason) {}

        #[inline(always)]
        pub(crate) fn dead_letter_dropped(&self, _: Dropped) {}

        #[inline(always)]
        pub(crate) fn settled<E>(
            &mut self,
            _: &Result<Verdict, E>,
            _: Option<Instant>,
            _: Option<&Arc<dyn Timer>>,
        ) {
        }
    }
}
