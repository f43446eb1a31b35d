//! An axum app that receives Tencent's callbacks on one path with one
//! `TencentWebhookLayer`: every command of the Live and the Chat consoles,
//! typed, beside its ordinary routes.
//!
//! ```sh
//! cargo run --example axum                      # 127.0.0.1:3000, SdkAppid 1400000001
//! PORT=8080 SDKAPPID=1400012345 TOKEN=secret cargo run --example axum
//! ```
//!
//! It prints a `curl` line that posts a sample event (stderr), and one JSON line
//! per accepted event (stdout). `tencent-webhook send --list` (the CLI, `cli/`) shows the
//! other events it can be sent.
//!
//! Forward mode: the layer checks and decodes each webhook and puts the
//! `TencentEvent` into the request's extensions; the route answers with a
//! `Reply`. It approves every gift, drops room messages containing "spam"
//! silently, and rejects one-to-one messages containing it (they have no
//! silent drop); every other question gets its fallback, which allows
//! (`examples/gifts.rs` keeps a real wallet). A command the crate does not
//! type reaches the route without an event and is answered with Tencent's
//! OK, in JSON like every other answer.
//!
//! The server bounds how long a client may take to send its request headers
//! (`HEADER_READ_TIMEOUT_MS`, default 10000): `axum::serve` sets no such bound.

use std::net::SocketAddr;
use std::time::Duration;

use axum::routing::{get, post};
use axum::{Extension, Router};
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tencent_live_webhook::testing::fixtures;
use tencent_live_webhook::{
    C2cMessageDecision, C2cMessageSending, GiftDecision, MessageDecision, MessageSending, Reply,
    TencentEvent, TencentWebhookLayer,
};
use tokio::net::TcpListener;

const PATH: &str = "/tencent/callback";
const SAMPLE_COMMAND: &str = "Live.CallbackAfterEndBattle";

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let port: u16 = env_or("PORT", "3000").parse()?;
    let app_id: u64 = env_or("SDKAPPID", "1400000001").parse()?;
    let header_timeout = Duration::from_millis(env_or("HEADER_READ_TIMEOUT_MS", "10000").parse()?);
    let token = std::env::var("TOKEN")
        .ok()
        .filter(|token| !token.is_empty());

    // One layer on one path for both consoles' URLs.
    let mut webhook = TencentWebhookLayer::new(PATH)
        .app_id(app_id)
        .timer(tencent_live_webhook::TokioTimer);
    if let Some(token) = &token {
        webhook = webhook.token(token);
    }

    let app = Router::new()
        .route("/", get(|| async { "an ordinary route\n" }))
        .route(PATH, post(callback))
        .layer(webhook);

    let listener = TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], port))).await?;
    let address = listener.local_addr()?;
    eprintln!("listening on http://{address}");
    eprintln!(
        "post a sample event with:\n{}",
        curl_line(address, app_id, token.is_some())
    );
    loop {
        let (stream, _) = listener.accept().await?;
        let service = TowerToHyperService::new(app.clone());
        tokio::spawn(async move {
            let _ = http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(header_timeout)
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

/// Every command on the callback URL ends here, as a typed event.
async fn callback(event: Option<Extension<TencentEvent>>) -> Reply {
    let Some(Extension(event)) = event else {
        // Not a command of the tables: the layer let it through untouched.
        return Reply::from(());
    };
    if let Ok(line) = serde_json::to_string(&event) {
        println!("{line}");
    }
    match &event {
        TencentEvent::GiftSending(_) => GiftDecision::allow().into(),
        TencentEvent::MessageSending(message) => moderate(message).into(),
        TencentEvent::C2cMessageSending(message) => moderate_c2c(message).into(),
        // Everything else is news, handled once printed, or a question
        // whose fallback (allow) is the answer.
        _ => Reply::from(()),
    }
}

fn moderate(message: &MessageSending) -> MessageDecision {
    if message.texts().any(|text| text.contains("spam")) {
        MessageDecision::discard()
    } else {
        MessageDecision::allow()
    }
}

fn moderate_c2c(message: &C2cMessageSending) -> C2cMessageDecision {
    if message.texts().any(|text| text.contains("spam")) {
        C2cMessageDecision::reject()
    } else {
        C2cMessageDecision::allow()
    }
}

fn curl_line(address: SocketAddr, app_id: u64, signed: bool) -> String {
    let sample = fixtures::documented(SAMPLE_COMMAND).unwrap_or("{}");
    let query = format!(
        "SdkAppid={app_id}&CallbackCommand={SAMPLE_COMMAND}&contenttype=json\
         &ClientIP=127.0.0.1&OptPlatform=RESTAPI"
    );
    let url = format!("http://{address}{PATH}?{query}");
    if signed {
        // The signature is made by the shell at paste time, from $TOKEN, so the
        // line stays valid and the token is never printed.
        format!(
            "T=$(date +%s); S=$(printf '%s%s' \"$TOKEN\" \"$T\" | sha256sum | cut -d' ' -f1); \
             curl -sS -H 'content-type: application/json' -d '{sample}' \"{url}&RequestTime=$T&Sign=$S\""
        )
    } else {
        format!("curl -sS -H 'content-type: application/json' -d '{sample}' '{url}'")
    }
}

fn env_or(name: &str, default: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| default.to_owned())
}
