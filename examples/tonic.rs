//! gRPC and every Tencent Live webhook on one port: a tonic server that also accepts
//! HTTP/1.1, with the webhook layer in handler mode (tonic's services speak
//! only gRPC, so the event goes to a handler rather than to a route).
//!
//! ```sh
//! PORT=50051 SDKAPPID=1400000001 TOKEN=callback-token cargo run --example tonic
//! curl -X POST 'http://127.0.0.1:50051/tencent/callback?SdkAppid=1400000001&CallbackCommand=Live.CallbackAfterEndBattle' \
//!      -d '{"BattleId":"b-1","FromRoomInfo":{"RoomId":"pk-3","Score":9}}'
//! grpcurl -plaintext 127.0.0.1:50051 grpc.health.v1.Health/Check
//! ```
//!
//! `TOKEN` is optional, as in the other examples. Each accepted event is
//! printed as one JSON line on stdout.

use std::convert::Infallible;
use std::net::SocketAddr;

use http::Request;
use tencent_live_webhook::{GiftDecision, LiveEvent, LiveWebhookLayer, MessageDecision, Reply};
use tonic::transport::server::TcpIncoming;
use tonic::transport::Server;
use tower::service_fn;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let port: u16 = env_or("PORT", 50051)?;
    let app_id: u64 = env_or("SDKAPPID", 1400000001)?;

    let mut webhook = LiveWebhookLayer::new("/tencent/callback").app_id(app_id);
    if let Some(token) = std::env::var("TOKEN")
        .ok()
        .filter(|token| !token.is_empty())
    {
        webhook = webhook.token(token);
    }
    let webhook = webhook.handler(service_fn(handle));

    let (_health_reporter, health_service) = tonic_health::server::health_reporter();

    let incoming = TcpIncoming::bind(SocketAddr::from(([127, 0, 0, 1], port)))?;
    let addr = incoming.local_addr()?;
    eprintln!("listening on http://{addr} (gRPC, and webhooks at /tencent/callback)");
    Server::builder()
        .accept_http1(true)
        .layer(webhook)
        .add_service(health_service)
        .serve_with_incoming(incoming)
        .await?;
    Ok(())
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
