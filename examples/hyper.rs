//! A bare hyper 1 server with every Tencent Live webhook in front of a plain
//! service, in handler mode, with a bound on slow request headers.
//!
//! ```sh
//! PORT=3001 SDKAPPID=1400000001 TOKEN=callback-token cargo run --example hyper
//! curl -X POST 'http://127.0.0.1:3001/tencent/callback?SdkAppid=1400000001&CallbackCommand=Live.CallbackAfterEndBattle' \
//!      -d '{"BattleId":"b-1","FromRoomInfo":{"RoomId":"pk-3","Score":9}}'
//! ```
//!
//! `TOKEN` is optional; when it is set, requests must carry Tencent's
//! `Sign` and `RequestTime`. Each accepted event is printed as one JSON line
//! on stdout; `GET /` answers "hello" and every other request 404. A client
//! that takes more than 10 s to send its request headers is disconnected.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::time::Duration;

use bytes::Bytes;
use http::{Method, Request, Response, StatusCode};
use http_body_util::Full;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tencent_live_webhook::{
    GiftDecision, LiveEvent, LiveWebhookLayer, MessageDecision, Reply, RequestBody,
};
use tokio::net::TcpListener;
use tower::{service_fn, ServiceBuilder};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let port: u16 = env_or("PORT", 3001)?;
    let app_id: u64 = env_or("SDKAPPID", 1400000001)?;

    let mut webhook = LiveWebhookLayer::new("/tencent/callback").app_id(app_id);
    if let Some(token) = std::env::var("TOKEN")
        .ok()
        .filter(|token| !token.is_empty())
    {
        webhook = webhook.token(token);
    }
    let webhook = webhook.handler(service_fn(handle));

    let service = ServiceBuilder::new().layer(webhook).service_fn(app);

    let listener = TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], port))).await?;
    eprintln!("listening on http://{}", listener.local_addr()?);
    loop {
        let (stream, _) = listener.accept().await?;
        let service = TowerToHyperService::new(service.clone());
        tokio::spawn(async move {
            if let Err(error) = http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(Duration::from_secs(10))
                .serve_connection(TokioIo::new(stream), service)
                .await
            {
                eprintln!("connection error: {error}");
            }
        });
    }
}

/// The application behind the webhook.
async fn app(request: Request<RequestBody<Incoming>>) -> Result<Response<Full<Bytes>>, Infallible> {
    let (status, text) = match (request.method(), request.uri().path()) {
        (&Method::GET, "/") => (StatusCode::OK, "hello"),
        _ => (StatusCode::NOT_FOUND, "not found"),
    };
    let mut response = Response::new(Full::new(Bytes::from_static(text.as_bytes())));
    *response.status_mut() = status;
    Ok(response)
}

/// Every webhook on the URL, as a typed event: printed as one JSON line;
/// gifts approved and messages delivered (`examples/gifts.rs` decides for real).
async fn handle(request: Request<LiveEvent>) -> Result<Reply, Infallible> {
    let event = request.into_body();
    if let Ok(line) = serde_json::to_string(&event) {
        println!("{line}");
    }
    Ok(match event {
        LiveEvent::GiftSending(_) => GiftDecision::allow().into(),
        LiveEvent::MessageSending(_) => MessageDecision::allow().into(),
        _ => Reply::from(()),
    })
}

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> Result<T, String> {
    match std::env::var(name) {
        Ok(value) => value
            .parse()
            .map_err(|_| format!("{name} is not valid: {value:?}")),
        Err(_) => Ok(default),
    }
}
