//! Tools for testing your own webhook receiver: signed requests and sample
//! events. Enabled by the `test-util` feature.
//!
//! ```
//! use std::convert::Infallible;
//! use http::Request;
//! use tencent_live_webhook::testing::{read_ack, WebhookRequest};
//! use tencent_live_webhook::{BattleEnded, BattleWebhookLayer, RequestBody};
//! use tower::{service_fn, Layer, ServiceExt};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() {
//! let app = BattleWebhookLayer::new("/tencent/callback")
//!     .app_id(1400000001)
//!     .token("callback-token")
//!     .handler(service_fn(|_: Request<BattleEnded>| async { Ok::<_, Infallible>(()) }))
//!     .layer(service_fn(|_: Request<RequestBody<String>>| async {
//!         Ok::<_, Infallible>(http::Response::new(String::new()))
//!     }));
//!
//! // A signed webhook carrying the sample event, straight into `oneshot`.
//! let request = WebhookRequest::new(&BattleEnded::sample())
//!     .app_id(1400000001)
//!     .token("callback-token")
//!     .build();
//! let ack = read_ack(app.oneshot(request).await.unwrap()).await;
//! assert!(ack.is_ok());
//! # }
//! ```

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use http::{header, Request, Response, StatusCode};
use http_body::Body;
use http_body_util::BodyExt;
use serde::Serialize;

use crate::ack::Ack;
use crate::event::WebhookEvent;
use crate::query::Platform;
use crate::reply::Reply;
use crate::signature::sign;

pub mod fixtures;
mod samples;

pub use self::fixtures::PATH as DEFAULT_PATH;

/// Builds the request Tencent would send for an event: `POST` to the path with
/// Tencent's query string (`SdkAppid`, `CallbackCommand`, `contenttype`,
/// `ClientIP`, `OptPlatform`, and `Sign` / `RequestTime` when a token is set)
/// and the event as its JSON body.
///
/// The result is an `http::Request<String>`, which goes straight into
/// `tower::ServiceExt::oneshot` or any HTTP client.
#[derive(Clone)]
pub struct WebhookRequest {
    uri: String,
    callback_command: String,
    body: String,
    app_id: Option<u64>,
    token: Option<String>,
    request_time: Option<u64>,
    client_ip: String,
    platform: Platform,
}

impl WebhookRequest {
    /// A webhook carrying `event`, serialised with Tencent's field names, with
    /// the event's own `CallbackCommand`.
    pub fn new<E: WebhookEvent + Serialize>(event: &E) -> Self {
        let body = serde_json::to_string(event)
            .unwrap_or_else(|error| panic!("the event could not be serialised to JSON: {error}"));
        Self::raw(event.callback_command(), body)
    }

    /// A webhook with any command and any body, such as a JSON file or a
    /// deliberately broken payload.
    pub fn raw(callback_command: impl Into<String>, body: impl Into<String>) -> Self {
        Self {
            uri: DEFAULT_PATH.to_owned(),
            callback_command: callback_command.into(),
            body: body.into(),
            app_id: None,
            token: None,
            request_time: None,
            client_ip: "127.0.0.1".to_owned(),
            platform: Platform::RestApi,
        }
    }

    /// Where to send it: a path (default [`DEFAULT_PATH`]) or an absolute URL.
    /// Tencent's query string is appended.
    pub fn uri(mut self, uri: impl Into<String>) -> Self {
        self.uri = uri.into();
        self
    }

    /// The `SdkAppid` (without one, the query has none).
    pub fn app_id(mut self, app_id: u64) -> Self {
        self.app_id = Some(app_id);
        self
    }

    /// Signs the request with this callback token, at the current time unless
    /// [`request_time`](Self::request_time) sets another.
    pub fn token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(token.into());
        self
    }

    /// The `RequestTime` to sign with, Unix seconds (default: now).
    pub fn request_time(mut self, request_time: u64) -> Self {
        self.request_time = Some(request_time);
        self
    }

    /// The `ClientIP` (default `127.0.0.1`).
    pub fn client_ip(mut self, client_ip: impl Into<String>) -> Self {
        self.client_ip = client_ip.into();
        self
    }

    /// The `OptPlatform` (default `RESTAPI`).
    pub fn platform(mut self, platform: Platform) -> Self {
        self.platform = platform;
        self
    }

    /// The query string Tencent would append, without the `?`.
    pub fn query(&self) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        if let Some(app_id) = self.app_id {
            query.append_pair("SdkAppid", &app_id.to_string());
        }
        query
            .append_pair("CallbackCommand", &self.callback_command)
            .append_pair("contenttype", "json")
            .append_pair("ClientIP", &self.client_ip)
            .append_pair("OptPlatform", self.platform.as_str());
        if let Some(token) = &self.token {
            let request_time = self.request_time.unwrap_or_else(now);
            query
                .append_pair("Sign", &sign(token, request_time))
                .append_pair("RequestTime", &request_time.to_string());
        }
        query.finish()
    }

    /// The request.
    ///
    /// # Panics
    ///
    /// When the URI set with [`uri`](Self::uri) is not a valid URI.
    pub fn build(self) -> Request<String> {
        let separator = if self.uri.contains('?') { '&' } else { '?' };
        let uri = format!("{}{separator}{}", self.uri, self.query());
        Request::post(uri)
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::CONTENT_LENGTH, self.body.len())
            .body(self.body)
            .unwrap_or_else(|error| panic!("not a valid webhook URI: {error}"))
    }
}

impl fmt::Debug for WebhookRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebhookRequest")
            .field("uri", &self.uri)
            .field("callback_command", &self.callback_command)
            .field("app_id", &self.app_id)
            .field("signed", &self.token.is_some())
            .field("request_time", &self.request_time)
            .finish_non_exhaustive()
    }
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
        .as_secs()
}

/// A response as Tencent reads it: the status and the JSON answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    /// The HTTP status.
    pub status: StatusCode,
    /// The `Content-Type` header, when there is one.
    pub content_type: Option<String>,
    /// The body.
    pub body: Bytes,
}

impl Answer {
    /// The body as JSON.
    ///
    /// # Panics
    ///
    /// When the body is not JSON: in a test, that is the failure to report.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|error| {
            panic!(
                "the HTTP {} answer is not JSON ({error}): {}",
                self.status,
                String::from_utf8_lossy(&self.body)
            )
        })
    }

    /// The answer's `ErrorCode`.
    ///
    /// # Panics
    ///
    /// When the body has none.
    pub fn error_code(&self) -> i64 {
        let json = self.json();
        json["ErrorCode"]
            .as_i64()
            .unwrap_or_else(|| panic!("no ErrorCode in {json}"))
    }

    /// Whether this is exactly `reply`, as the layer writes it: HTTP 200, JSON,
    /// and the reply's bytes.
    pub fn is(&self, reply: &Reply) -> bool {
        self.status == StatusCode::OK
            && self.content_type.as_deref() == Some("application/json")
            && self.body == reply.to_bytes()
    }

    /// The body as an acknowledgement.
    ///
    /// # Panics
    ///
    /// When the body is not an acknowledgement (a decision that refuses is not).
    pub fn ack(&self) -> Ack {
        serde_json::from_slice(&self.body).unwrap_or_else(|error| {
            panic!(
                "the HTTP {} answer is not an acknowledgement ({error}): {}",
                self.status,
                String::from_utf8_lossy(&self.body)
            )
        })
    }
}

/// Reads a response as Tencent would: its status and JSON answer.
///
/// # Panics
///
/// When the body cannot be read.
pub async fn read_answer<B>(response: Response<B>) -> Answer
where
    B: Body,
    B::Error: fmt::Debug,
{
    let status = response.status();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned);
    let body = response
        .into_body()
        .collect()
        .await
        .unwrap_or_else(|error| panic!("the response body could not be read: {error:?}"))
        .to_bytes();
    Answer {
        status,
        content_type,
        body,
    }
}

/// Reads a response's body as Tencent's acknowledgement.
///
/// # Panics
///
/// When the body cannot be read or is not an acknowledgement: in a test, that
/// is the failure to report.
pub async fn read_ack<B>(response: Response<B>) -> Ack
where
    B: Body,
    B::Error: fmt::Debug,
{
    read_answer(response).await.ack()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::CallbackQuery;
    use crate::{BattleEnded, BattleEvent};

    #[test]
    fn unsigned_request() {
        let request = WebhookRequest::new(&BattleEnded::sample())
            .app_id(1400000001)
            .build();
        assert_eq!(request.method(), http::Method::POST);
        assert_eq!(request.uri().path(), DEFAULT_PATH);
        let query = CallbackQuery::parse(request.uri().query().unwrap()).unwrap();
        assert_eq!(query.sdk_app_id, 1400000001);
        assert_eq!(query.callback_command, BattleEnded::COMMAND);
        assert_eq!(query.request_time, None);
        let event: BattleEnded = serde_json::from_str(request.body()).unwrap();
        assert_eq!(event, BattleEnded::sample());
        assert_eq!(
            request.headers()[header::CONTENT_LENGTH],
            request.body().len().to_string()
        );
    }

    #[test]
    fn signed_request_at_a_given_time() {
        let request = WebhookRequest::raw("Live.CallbackAfterCreateRoom", "{}")
            .uri("http://127.0.0.1:9/hook?x=1")
            .app_id(7)
            .token("xxxxyyyy")
            .request_time(1669872112)
            .platform(Platform::Ios)
            .client_ip("10.0.0.1")
            .build();
        assert_eq!(request.uri().host(), Some("127.0.0.1"));
        let query = request.uri().query().unwrap();
        assert!(query.starts_with("x=1&SdkAppid=7&CallbackCommand=Live.CallbackAfterCreateRoom"));
        assert!(query.contains("&OptPlatform=iOS&"));
        assert!(query.contains("&ClientIP=10.0.0.1&"));
        assert!(query.contains(
            "Sign=17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061&RequestTime=1669872112"
        ));
    }

    #[test]
    fn enum_events_carry_their_own_command() {
        for event in BattleEvent::sample_lifecycle() {
            let request = WebhookRequest::new(&event).build();
            let query = request.uri().query().unwrap().to_owned();
            assert!(query.contains(event.callback_command()), "{query}");
            let decoded = BattleEvent::decode(event.callback_command(), request.body().as_bytes());
            assert_eq!(decoded.unwrap(), event);
        }
    }

    #[test]
    fn samples_tell_one_battle() {
        let [created, started, ended] = BattleEvent::sample_lifecycle();
        assert!(
            created.battle_id() == started.battle_id() && started.battle_id() == ended.battle_id()
        );
        assert!(created.event_time_ms() < started.event_time_ms());
        assert!(started.event_time_ms() < ended.event_time_ms());
        let BattleEvent::Ended(ended) = ended else {
            unreachable!()
        };
        assert_eq!(ended.winner().unwrap().room_id(), "pk-3");
        assert_eq!(
            ended.end_time() - ended.start_time(),
            ended.duration().as_secs()
        );
    }
}
