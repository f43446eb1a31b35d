//! What `send` and `replay` print as they go and at the end: a progress bar
//! on a terminal, and a summary of the answers.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};

use crate::client::Answer;

/// A progress bar on stderr when it is a terminal; hidden otherwise.
pub fn progress(total: u64) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(total);
    if let Ok(style) =
        ProgressStyle::with_template("{bar:40} {pos}/{len} webhooks, {per_sec}, {eta} left")
    {
        bar.set_style(style);
    }
    bar
}

/// The answers counted by HTTP status and `ErrorCode`, and their latencies.
#[derive(Debug)]
pub struct Report {
    started: Instant,
    answers: BTreeMap<(u16, Option<i64>), u64>,
    errors: BTreeMap<String, u64>,
    latencies: Vec<Duration>,
    not_ok: u64,
}

impl Default for Report {
    fn default() -> Self {
        Self::new()
    }
}

impl Report {
    /// An empty report, its clock started now.
    pub fn new() -> Self {
        Self {
            started: Instant::now(),
            answers: BTreeMap::new(),
            errors: BTreeMap::new(),
            latencies: Vec::new(),
            not_ok: 0,
        }
    }

    /// Counts one webhook's answer, or the error that stopped it.
    pub fn record(&mut self, answer: &Result<Answer, String>) {
        match answer {
            Ok(answer) => {
                *self
                    .answers
                    .entry((answer.status.as_u16(), answer.error_code()))
                    .or_default() += 1;
                self.latencies.push(answer.latency);
                if !answer.is_ok() {
                    self.not_ok += 1;
                }
            }
            Err(error) => {
                *self.errors.entry(error.clone()).or_default() += 1;
                self.not_ok += 1;
            }
        }
    }

    /// How many webhooks were recorded.
    pub fn total(&self) -> u64 {
        self.answers.values().sum::<u64>() + self.errors.values().sum::<u64>()
    }

    /// How many got no answer, or an answer other than an OK.
    pub fn not_ok(&self) -> u64 {
        self.not_ok
    }

    /// The latencies at the quantiles `qs` (0.5 for p50), by nearest rank;
    /// `None` before any answer.
    pub fn latencies<const N: usize>(&self, qs: [f64; N]) -> Option<[Duration; N]> {
        let mut sorted = self.latencies.clone();
        sorted.sort_unstable();
        let last = sorted.len().checked_sub(1)?;
        Some(qs.map(|q| {
            let rank = ((q * sorted.len() as f64).ceil() as usize).max(1);
            sorted[(rank - 1).min(last)]
        }))
    }

    /// The summary, a line per HTTP status and `ErrorCode`, then the
    /// latencies and the rate.
    pub fn summary(&self) -> String {
        let mut text = String::new();
        let elapsed = self.started.elapsed();
        let _ = writeln!(text, "{} webhooks in {:.2?}", self.total(), elapsed);
        for ((status, code), count) in &self.answers {
            let code = code.map_or("no ErrorCode".to_owned(), |code| {
                format!("ErrorCode {code}")
            });
            let _ = writeln!(text, "  {count:>8}  HTTP {status}, {code}");
        }
        for (error, count) in &self.errors {
            let _ = writeln!(text, "  {count:>8}  no answer: {error}");
        }
        if let Some([p50, p99]) = self.latencies([0.50, 0.99]) {
            let _ = writeln!(text, "latency p50 {p50:.2?}, p99 {p99:.2?}");
        }
        text
    }
}
