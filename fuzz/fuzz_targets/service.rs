//! The whole service, driven by arbitrary requests: any method, path, query
//! (Tencent's for any command of the table, signed or not, or anything),
//! `Content-Length`, body frames (with a size hint that may lie, trailers, a
//! read error at the end), either mode, with or without a token, any body
//! limit, a handler or app that decides, refuses or fails, and an inner
//! service with any status. Whether the request is the webhook, and the whole
//! answer (status, acknowledgement or decision, what was handed on), must be
//! what the independent model (`tests/model/`) says: the head by the README's
//! rules, the size by the limit, the body by the decoding rules, the rest by
//! the app's answer.

#![no_main]

use std::collections::VecDeque;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use http::{header, HeaderMap, HeaderValue, Method, Request, StatusCode, Uri};
use http_body::{Body, Frame, SizeHint};
use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;
use tencent_live_webhook::testing::fixtures;
use tencent_live_webhook_fuzz::model::head::{self, Head};
use tencent_live_webhook_fuzz::{
    check, command, head_config, layer, plain_query, refusal, send, signed_query, want_body, App,
    Want, LIMIT, PATH,
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
    /// A pair put before Tencent's query: a repeated or foreign key.
    BeforeSigned(String),
    Raw(String),
}

#[derive(Arbitrary, Debug)]
enum BodyChoice {
    /// The command's sample, cut into frames at these offsets.
    Sample(Vec<u16>),
    /// These frames.
    Frames(Vec<Vec<u8>>),
    /// The sample with these bytes written over it at an offset.
    Patched(u16, Vec<u8>),
}

#[derive(Arbitrary, Debug)]
enum AppChoice {
    Decides,
    FailAck,
    Error,
}

#[derive(Arbitrary, Debug)]
struct Input {
    method: MethodChoice,
    path: PathChoice,
    /// The command of Tencent's query and of the sample.
    command: u8,
    query: QueryChoice,
    content_length: Option<String>,
    size_hint: Option<u32>,
    body: BodyChoice,
    trailers: bool,
    fail_at_end: bool,
    handler_mode: bool,
    token: bool,
    body_limit: Option<u16>,
    app: AppChoice,
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

fn frames(choice: &BodyChoice, sample: &[u8]) -> Vec<Bytes> {
    match choice {
        BodyChoice::Sample(cuts) => {
            let mut cuts: Vec<usize> = cuts
                .iter()
                .map(|&cut| usize::from(cut) % (sample.len() + 1))
                .collect();
            cuts.push(0);
            cuts.push(sample.len());
            cuts.sort_unstable();
            cuts.windows(2)
                .map(|pair| Bytes::copy_from_slice(&sample[pair[0]..pair[1]]))
                .collect()
        }
        BodyChoice::Frames(frames) => frames.iter().map(|f| Bytes::copy_from_slice(f)).collect(),
        BodyChoice::Patched(at, patch) => {
            let mut body = sample.to_vec();
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

/// A `Content-Length` as the layer reads one: a `u64` in decimal (Rust's
/// reading, which also takes a leading `+`).
fn declared(value: &HeaderValue) -> u64 {
    value
        .to_str()
        .ok()
        .and_then(|value| value.parse::<u64>().ok())
        .unwrap_or(0)
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
    let command = command(input.command);
    let target = match &input.query {
        QueryChoice::None => path.clone(),
        QueryChoice::Plain => format!("{path}?{}", plain_query(command.name)),
        QueryChoice::Signed => format!("{path}?{}", signed_query(command.name)),
        QueryChoice::SignedThen(rest) => format!("{path}?{}{rest}", signed_query(command.name)),
        QueryChoice::BeforeSigned(pair) => {
            format!("{path}?{pair}&{}", signed_query(command.name))
        }
        QueryChoice::Raw(query) => format!("{path}?{query}"),
    };
    let Ok(uri) = Uri::try_from(target) else {
        return;
    };
    let sample = fixtures::documented(command.name).unwrap().as_bytes();
    let frames = frames(&input.body, sample);
    let total: usize = frames.iter().map(Bytes::len).sum();
    let whole: Vec<u8> = frames.iter().flat_map(|f| f.iter().copied()).collect();
    let body = Frames {
        frames: frames.into(),
        lower: input.size_hint.map_or(0, u64::from),
        trailers: input.trailers,
        fail_at_end: input.fail_at_end,
    };
    let mut request = Request::builder().method(method.clone()).uri(uri.clone());
    let content_length = input
        .content_length
        .as_deref()
        .and_then(|value| HeaderValue::from_str(value).ok());
    if let Some(value) = &content_length {
        request = request.header(header::CONTENT_LENGTH, value.clone());
    }
    let request = request.body(body).unwrap();

    let limit = input.body_limit.map_or(LIMIT, usize::from);
    let mut layer = layer(input.token);
    if input.body_limit.is_some() {
        layer = layer.body_limit(limit);
    }
    let app = match input.app {
        AppChoice::Decides => App::Decides,
        AppChoice::FailAck => App::FailAck,
        AppChoice::Error => App::Error,
    };
    let inner_status = StatusCode::from_u16(input.inner_status % 500 + 100).unwrap();
    let outcome = send(layer, input.handler_mode, app, inner_status, request);

    // The model: the head, the size, the body, the app.
    let (want, named) = match head::head(
        method.as_str(),
        uri.path(),
        uri.query(),
        &head_config(input.token),
    ) {
        Head::Pass => (Want::Pass, None),
        Head::Refused(code) => (Want::Fail(vec![code]), None),
        Head::Repeated(first) => (refusal(&first, vec![3001]), None),
        Head::Webhook(named) => {
            let declared = content_length
                .as_ref()
                .map_or(0, declared)
                .max(input.size_hint.map_or(0, u64::from));
            let want = if declared > limit as u64 || total > limit {
                refusal(&named, vec![3002])
            } else if input.fail_at_end {
                refusal(&named, vec![3003])
            } else {
                want_body(&named, &whole)
            };
            (want, Some(named))
        }
    };
    check(
        &outcome,
        &want,
        named.as_deref(),
        input.handler_mode,
        app,
        inner_status,
    );
});
