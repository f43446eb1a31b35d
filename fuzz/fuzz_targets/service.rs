//! The whole service, driven by arbitrary requests: any method, path, query,
//! `Content-Length`, body frames (with a size hint that may lie, trailers, a
//! read error at the end), either mode, with or without a token, any body
//! limit, a handler that succeeds, refuses or fails, and an inner service
//! with any status. Every answer must be a documented one, and nothing that
//! was refused may reach the app.

#![no_main]

use std::collections::VecDeque;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use http::{header, HeaderMap, HeaderValue, Method, Request, StatusCode, Uri};
use http_body::{Body, Frame, SizeHint};
use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;
use tencent_live_webhook::CallbackQuery;
use tencent_live_webhook_fuzz::{
    check_event, layer, plain_query, send, signed_query, verdict, HandlerOutcome, Verdict, COMMAND,
    PATH, SAMPLE,
};

#[derive(Arbitrary, Debug)]
enum MethodChoice {
    Post,
    Get,
    Put,
    Other(String),
}

#[derive(Arbitrary, Debug)]
enum PathChoice {
    Exact,
    Other(String),
}

#[derive(Arbitrary, Debug)]
enum QueryChoice {
    None,
    Plain,
    Signed,
    SignedThen(String),
    Raw(String),
}

#[derive(Arbitrary, Debug)]
enum BodyChoice {
    /// The sample, cut into frames at these offsets.
    Sample(Vec<u16>),
    /// These frames.
    Frames(Vec<Vec<u8>>),
    /// The sample with these bytes written over it at an offset.
    Patched(u16, Vec<u8>),
}

#[derive(Arbitrary, Debug)]
enum HandlerChoice {
    Ok,
    Fail,
    Error,
}

#[derive(Arbitrary, Debug)]
struct Input {
    method: MethodChoice,
    path: PathChoice,
    query: QueryChoice,
    content_length: Option<String>,
    size_hint: Option<u32>,
    body: BodyChoice,
    trailers: bool,
    fail_at_end: bool,
    handler_mode: bool,
    token: bool,
    body_limit: Option<u16>,
    handler: HandlerChoice,
    inner_status: u16,
}

/// A body made of frames, with an optional lying size hint, trailers, and a
/// read error at the end.
struct Frames {
    frames: VecDeque<Bytes>,
    lower: u64,
    trailers: bool,
    fail_at_end: bool,
}

impl Body for Frames {
    type Data = Bytes;
    type Error = &'static str;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        _: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, &'static str>>> {
        if let Some(data) = self.frames.pop_front() {
            return Poll::Ready(Some(Ok(Frame::data(data))));
        }
        if std::mem::take(&mut self.trailers) {
            let mut trailers = HeaderMap::new();
            trailers.insert("x-trailer", HeaderValue::from_static("1"));
            return Poll::Ready(Some(Ok(Frame::trailers(trailers))));
        }
        if std::mem::take(&mut self.fail_at_end) {
            return Poll::Ready(Some(Err("connection reset")));
        }
        Poll::Ready(None)
    }

    fn size_hint(&self) -> SizeHint {
        let mut hint = SizeHint::new();
        hint.set_lower(self.lower);
        hint
    }
}

fn frames(choice: &BodyChoice) -> Vec<Bytes> {
    match choice {
        BodyChoice::Sample(cuts) => {
            let mut cuts: Vec<usize> = cuts
                .iter()
                .map(|&cut| usize::from(cut) % (SAMPLE.len() + 1))
                .collect();
            cuts.push(0);
            cuts.push(SAMPLE.len());
            cuts.sort_unstable();
            cuts.windows(2)
                .map(|pair| Bytes::copy_from_slice(&SAMPLE.as_bytes()[pair[0]..pair[1]]))
                .collect()
        }
        BodyChoice::Frames(frames) => frames.iter().map(|f| Bytes::copy_from_slice(f)).collect(),
        BodyChoice::Patched(at, patch) => {
            let mut body = SAMPLE.as_bytes().to_vec();
            let at = usize::from(*at) % (body.len() + 1);
            for (i, byte) in patch.iter().enumerate() {
                match body.get_mut(at + i) {
                    Some(slot) => *slot = *byte,
                    None => body.push(*byte),
                }
            }
            vec![Bytes::from(body)]
        }
    }
}

fuzz_target!(|input: Input| {
    let method = match &input.method {
        MethodChoice::Post => Method::POST,
        MethodChoice::Get => Method::GET,
        MethodChoice::Put => Method::PUT,
        MethodChoice::Other(name) => match Method::from_bytes(name.as_bytes()) {
            Ok(method) => method,
            Err(_) => return,
        },
    };
    let path = match &input.path {
        PathChoice::Exact => PATH.to_owned(),
        PathChoice::Other(path) => path.clone(),
    };
    let target = match &input.query {
        QueryChoice::None => path.clone(),
        QueryChoice::Plain => format!("{path}?{}", plain_query()),
        QueryChoice::Signed => format!("{path}?{}", signed_query()),
        QueryChoice::SignedThen(rest) => format!("{path}?{}{rest}", signed_query()),
        QueryChoice::Raw(query) => format!("{path}?{query}"),
    };
    let Ok(uri) = Uri::try_from(target) else {
        return;
    };
    let frames = frames(&input.body);
    let total: usize = frames.iter().map(Bytes::len).sum();
    let whole: Vec<u8> = frames.iter().flat_map(|f| f.iter().copied()).collect();
    let body = Frames {
        frames: frames.into(),
        lower: input.size_hint.map_or(0, u64::from),
        trailers: input.trailers,
        fail_at_end: input.fail_at_end,
    };
    let mut request = Request::builder().method(method.clone()).uri(uri.clone());
    let declared = input
        .content_length
        .as_deref()
        .and_then(|value| HeaderValue::from_str(value).ok());
    if let Some(value) = &declared {
        request = request.header(header::CONTENT_LENGTH, value.clone());
    }
    let request = request.body(body).unwrap();

    let limit = input.body_limit.map_or(64 * 1024, usize::from);
    let mut layer = layer(input.token);
    if input.body_limit.is_some() {
        layer = layer.body_limit(limit);
    }
    let handler = match input.handler {
        HandlerChoice::Ok => HandlerOutcome::Ok,
        HandlerChoice::Fail => HandlerOutcome::Fail,
        HandlerChoice::Error => HandlerOutcome::Error,
    };
    let inner_status = StatusCode::from_u16(input.inner_status % 500 + 100).unwrap();
    let outcome = send(layer, input.handler_mode, handler, inner_status, request);

    let names_ours = method == Method::POST
        && uri.path() == PATH
        && CallbackQuery::parse(uri.query().unwrap_or_default())
            .is_some_and(|query| query.callback_command == COMMAND);
    let declared_length = declared
        .as_ref()
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<u64>().ok())
        .unwrap_or(0)
        .max(input.size_hint.map_or(0, u64::from));
    match verdict(&outcome, input.handler_mode) {
        Verdict::Passthrough => assert!(!names_ours, "a webhook passed through: {outcome:?}"),
        Verdict::Accepted(event) => {
            assert!(!input.fail_at_end, "accepted a body that failed to read");
            assert!(
                total <= limit,
                "accepted {total} bytes over a limit of {limit}"
            );
            check_event(&event, &whole);
        }
        Verdict::Refused(3002) => {
            assert!(
                total > limit || declared_length > limit as u64,
                "413 for {total} bytes, declared {declared_length}, limit {limit}"
            );
        }
        Verdict::Refused(3003) => assert!(input.fail_at_end, "3003 for a body that read"),
        Verdict::Refused(_) | Verdict::Failed => {}
    }
});
