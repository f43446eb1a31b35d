//! Posting webhooks to a receiver, and reading its answers.

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use http::{header, Method, Request, StatusCode};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client as HyperClient;
use hyper_util::rt::TokioExecutor;

/// An HTTP/1 client for webhooks; cheap to clone (the connections are shared).
#[derive(Clone)]
pub struct Client {
    inner: HyperClient<HttpConnector, Full<Bytes>>,
}

/// A receiver's answer to one webhook.
#[derive(Clone, Debug)]
pub struct Answer {
    /// The HTTP status.
    pub status: StatusCode,
    /// The body, as it came.
    pub body: Bytes,
    /// From the request's start to the answer's last byte.
    pub latency: Duration,
    /// The body as JSON, read once: `None` when it is not JSON.
    json: Option<serde_json::Value>,
}

impl Answer {
    /// The answer of this status and body, which took `latency`.
    pub fn new(status: StatusCode, body: Bytes, latency: Duration) -> Self {
        let json = serde_json::from_slice(&body).ok();
        Self {
            status,
            body,
            latency,
            json,
        }
    }

    /// The body as JSON, when it is JSON.
    pub fn json(&self) -> Option<&serde_json::Value> {
        self.json.as_ref()
    }

    /// Its `ErrorCode`, when it has one.
    pub fn error_code(&self) -> Option<i64> {
        self.json()?.get("ErrorCode")?.as_i64()
    }

    /// A 2xx answer whose `ActionStatus` is `OK`: an acknowledgement, or a
    /// decision (a decision that refuses is still an OK answer).
    pub fn is_ok(&self) -> bool {
        self.status.is_success()
            && self
                .json()
                .is_some_and(|json| json.get("ActionStatus").and_then(|s| s.as_str()) == Some("OK"))
    }
}

impl Client {
    /// A client keeping up to `connections` idle connections per host.
    pub fn new(connections: usize) -> Self {
        let mut connector = HttpConnector::new();
        connector.set_nodelay(true);
        let inner = HyperClient::builder(TokioExecutor::new())
            .pool_max_idle_per_host(connections.max(1))
            .build(connector);
        Self { inner }
    }

    /// POSTs `body` as JSON to `url` with `query` appended (after `&` when
    /// the URL has a query of its own already), and reads the whole answer.
    pub async fn post(&self, url: &str, query: &str, body: Bytes) -> Result<Answer, String> {
        let separator = if url.contains('?') { '&' } else { '?' };
        let uri = format!("{url}{separator}{query}");
        let request = Request::builder()
            .method(Method::POST)
            .uri(&uri)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Full::new(body))
            .map_err(|error| format!("{url}: not a URL this client can send to: {error}"))?;
        let started = Instant::now();
        let response = self
            .inner
            .request(request)
            .await
            .map_err(|error| format!("{url}: {}", chain(&error)))?;
        let status = response.status();
        let body = response
            .into_body()
            .collect()
            .await
            .map_err(|error| format!("{url}: reading the answer: {error}"))?
            .to_bytes();
        Ok(Answer::new(status, body, started.elapsed()))
    }
}

/// The query string `query` signed as Tencent signs it: its own `Sign` and
/// `RequestTime` pairs (if any) removed, and `RequestTime` (`request_time`,
/// Unix seconds) and `Sign` appended. Without a token, the query without
/// those pairs.
pub fn signed_query(query: &str, token: Option<&str>, request_time: u64) -> String {
    let mut pairs: Vec<&str> = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .filter(|pair| {
            let name = pair.split('=').next().unwrap_or_default();
            let name: String = form_urlencoded::parse(name.as_bytes())
                .map(|(name, _)| name.into_owned())
                .collect();
            !name.eq_ignore_ascii_case("Sign") && !name.eq_ignore_ascii_case("RequestTime")
        })
        .collect();
    let signature;
    let time;
    if let Some(token) = token {
        time = format!("RequestTime={request_time}");
        signature = format!("Sign={}", tencent_live_webhook::sign(token, request_time));
        pairs.push(&time);
        pairs.push(&signature);
    }
    pairs.join("&")
}

/// Now, in Unix seconds.
pub fn now_seconds() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_secs())
}

/// An error and its sources, on one line.
fn chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}
