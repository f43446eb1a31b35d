//! The first step of a request's way: its head (method, path, query, app id,
//! signature, declared size) decides whether the layer claims it, refuses it,
//! or reads its body.

use std::panic::catch_unwind;

use http::{header, HeaderMap, Method, Request, Uri};
use http_body::SizeHint;

use crate::answer::{table_fallback, Verdict};
use crate::config::{Config, Signers};
use crate::event::WebhookEvent;
use crate::query::{parse_unsigned, AppIdError, CallbackQuery, RawQuery};
use crate::rejection::Rejection;
use crate::reply::Reply;
use crate::signature;

/// What the head of a request decides.
#[derive(Debug)]
pub(crate) enum Head {
    /// Not this layer's: it passes through untouched.
    Pass,
    /// Answered without reading the body.
    Answer(Verdict),
    /// An authentic webhook of a claimed command: its body is read next.
    Accept(Accepted),
}

/// A webhook that passed every check of its head.
#[derive(Debug)]
pub(crate) struct Accepted {
    pub(crate) query: CallbackQuery,
    /// The decision answered when none is made: `Some` for a before-webhook.
    pub(crate) fallback: Option<Reply>,
    /// Refused already, and read only to be dead-lettered (a layer with a
    /// dead-letter sink): a repeated `CallbackCommand`, or a declared size
    /// over the limit.
    pub(crate) refused: Option<Rejection>,
    /// Whether the body is read: not when its declared size is over the limit.
    pub(crate) read_body: bool,
}

/// The head of a request, borrowed: what [`verify`] decides from.
pub(crate) struct RequestHead<'a> {
    method: &'a Method,
    uri: &'a Uri,
    headers: &'a HeaderMap,
}

impl<'a> RequestHead<'a> {
    /// The head of `request`, without taking it apart: a request that passes
    /// through is passed on as it came.
    pub(crate) fn of<B>(request: &'a Request<B>) -> Self {
        Self {
            method: request.method(),
            uri: request.uri(),
            headers: request.headers(),
        }
    }
}

/// Checks the head of a request, in the documented order; a pure function of
/// the head, the body's size hint and the configuration.
pub(crate) fn verify<E: WebhookEvent>(
    config: &Config,
    head: RequestHead<'_>,
    size: &SizeHint,
) -> Head {
    if *head.method != Method::POST || head.uri.path() != config.path {
        return Head::Pass;
    }
    let Some(query) = head.uri.query() else {
        return Head::Pass;
    };
    let raw = if config.receive_unknown {
        RawQuery::parse(query, |_| true)
    } else {
        // The event type's `claims` and `fallback` run here: a panic in
        // them is the event type's, answered as such (500, 4004).
        match catch_unwind(|| RawQuery::parse(query, E::claims)) {
            Ok(raw) => raw,
            Err(_) => return event_type_panicked(),
        }
    };
    if !raw.names_command {
        return Head::Pass;
    }
    match authenticate(config, raw) {
        Err(rejection) => Head::Answer(Verdict::Reject(rejection, None)),
        Ok((query, repeated)) => {
            let fallback = match config.fallback_override(&query.callback_command) {
                Some(fallback) => Some(fallback.clone()),
                // A command of the crate's tables that the event type
                // leaves without one (received by `receive_unknown`, or
                // claimed by a type of the app's own) keeps the table's: a
                // before-webhook's answer is never read as news.
                None => match catch_unwind(|| E::fallback(&query.callback_command)) {
                    Ok(fallback) => fallback.or_else(|| table_fallback(&query.callback_command)),
                    Err(_) => return event_type_panicked(),
                },
            };
            let too_large = declared_size(head.headers, size) > config.body_limit as u64;
            let refused = if repeated {
                Some(Rejection::RepeatedCallbackCommand)
            } else if too_large {
                Some(Rejection::BodyTooLarge {
                    limit: config.body_limit,
                })
            } else {
                None
            };
            match refused {
                // Without a sink, a refusal needs no body.
                Some(rejection) if config.dead_letters.is_none() => {
                    Head::Answer(Verdict::refuse(rejection, fallback))
                }
                refused => Head::Accept(Accepted {
                    query,
                    fallback,
                    refused,
                    read_body: !too_large,
                }),
            }
        }
    }
}

/// A panic in the event type's `claims` or `fallback`.
fn event_type_panicked() -> Head {
    Head::Answer(Verdict::Reject(Rejection::DecoderPanicked, None))
}

/// The app id, then the signature: 403, 401. An authentic query, and whether
/// its `CallbackCommand` is repeated.
fn authenticate(config: &Config, raw: RawQuery<'_>) -> Result<(CallbackQuery, bool), Rejection> {
    let sdk_app_id = raw.sdk_app_id().map_err(|error| match error {
        AppIdError::Missing => Rejection::MissingAppId,
        AppIdError::Invalid => Rejection::InvalidAppId,
    })?;
    match config.signers(sdk_app_id) {
        Signers::Unknown => return Err(Rejection::UnknownAppId),
        Signers::Tokens([]) => {}
        Signers::Tokens(tokens) => check_signature(config, &raw, tokens)?,
        Signers::Paired(app_id) => {
            check_signature(config, &raw, config.paired_tokens(app_id))?;
        }
    }
    let repeated = raw.callback_command_count > 1;
    Ok((raw.into_callback_query(sdk_app_id), repeated))
}

fn check_signature<'a>(
    config: &Config,
    raw: &RawQuery<'_>,
    tokens: impl IntoIterator<Item = &'a signature::Token>,
) -> Result<(), Rejection> {
    let (sign, request_time) = raw.signature().ok_or(Rejection::MissingSignature)?;
    let seconds = parse_unsigned(request_time).ok_or(Rejection::InvalidRequestTime)?;
    if !config.within_tolerance(seconds) {
        return Err(Rejection::StaleRequestTime);
    }
    if !signature::verify(tokens, sign, request_time) {
        return Err(Rejection::BadSignature);
    }
    Ok(())
}

/// The larger of `Content-Length` and the body's own lower bound.
fn declared_size(headers: &HeaderMap, size: &SizeHint) -> u64 {
    headers
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<u64>().ok())
        .unwrap_or(0)
        .max(size.lower())
}
