//! What a layer is configured with, and the checks that run before the body is read.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use http::{header, Method, Request};
use http_body::Body;

use crate::query::{parse_unsigned, AppIdError, CallbackQuery, RawQuery};
use crate::rejection::Rejection;
use crate::signature::{self, Token};

/// Default limit on a webhook body: 64 KiB, far above any battle event.
pub(crate) const DEFAULT_BODY_LIMIT: usize = 64 * 1024;
/// Default tolerance between `RequestTime` and now: Tencent's one minute.
pub(crate) const DEFAULT_TOLERANCE: Duration = Duration::from_secs(60);

pub(crate) type Clock = Arc<dyn Fn() -> SystemTime + Send + Sync>;

#[derive(Clone)]
pub(crate) struct Config {
    pub(crate) path: String,
    pub(crate) app_ids: Vec<u64>,
    pub(crate) tokens: Vec<Token>,
    pub(crate) tolerance: Duration,
    pub(crate) body_limit: usize,
    pub(crate) clock: Option<Clock>,
}

impl Config {
    pub(crate) fn new(path: String) -> Self {
        Self {
            path,
            app_ids: Vec::new(),
            tokens: Vec::new(),
            tolerance: DEFAULT_TOLERANCE,
            body_limit: DEFAULT_BODY_LIMIT,
            clock: None,
        }
    }

    /// `None` when the request is not this webhook (it passes through untouched);
    /// otherwise the parsed query, or why the request is refused before its body is read.
    pub(crate) fn inspect<B: Body>(
        &self,
        request: &Request<B>,
        commands: &[&str],
    ) -> Option<Result<CallbackQuery, Rejection>> {
        if request.method() != Method::POST || request.uri().path() != self.path {
            return None;
        }
        let raw = RawQuery::parse(request.uri().query()?, commands);
        if !raw.names_command {
            return None;
        }
        Some(self.check(raw).and_then(|query| {
            self.check_declared_size(request)?;
            Ok(query)
        }))
    }

    fn check(&self, raw: RawQuery<'_>) -> Result<CallbackQuery, Rejection> {
        let sdk_app_id = raw.sdk_app_id().map_err(|error| match error {
            AppIdError::Missing => Rejection::MissingAppId,
            AppIdError::Invalid => Rejection::InvalidAppId,
        })?;
        if !self.app_ids.contains(&sdk_app_id) {
            return Err(Rejection::UnknownAppId);
        }
        if !self.tokens.is_empty() {
            let (sign, request_time) = raw.signature().ok_or(Rejection::MissingSignature)?;
            let seconds = parse_unsigned(request_time).ok_or(Rejection::InvalidRequestTime)?;
            if !self.within_tolerance(seconds) {
                return Err(Rejection::StaleRequestTime);
            }
            if !signature::verify(&self.tokens, sign, request_time) {
                return Err(Rejection::BadSignature);
            }
        }
        if raw.callback_command_count > 1 {
            return Err(Rejection::RepeatedCallbackCommand);
        }
        Ok(raw.into_callback_query(sdk_app_id))
    }

    fn within_tolerance(&self, request_time: u64) -> bool {
        let now = self
            .clock
            .as_ref()
            .map_or_else(SystemTime::now, |clock| clock());
        let now = now.duration_since(UNIX_EPOCH).unwrap_or_default().as_secs();
        Duration::from_secs(now.abs_diff(request_time)) <= self.tolerance
    }

    fn check_declared_size<B: Body>(&self, request: &Request<B>) -> Result<(), Rejection> {
        let declared = request
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.parse::<u64>().ok())
            .unwrap_or(0)
            .max(request.body().size_hint().lower());
        if declared > self.body_limit as u64 {
            return Err(Rejection::BodyTooLarge {
                limit: self.body_limit,
            });
        }
        Ok(())
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("path", &self.path)
            .field("app_ids", &self.app_ids)
            .field("tokens", &self.tokens.len())
            .field("tolerance", &self.tolerance)
            .field("body_limit", &self.body_limit)
            .field("clock", &self.clock.as_ref().map(|_| "custom"))
            .finish()
    }
}
