//! The server `scripts/load.sh` measures: the axum example's setup without its
//! per-event printing, plus a plain route to compare the webhook with.
//!
//! ```sh
//! cargo run --release --example load_target     # 127.0.0.1:3100, env PORT
//! ```
//!
//! - `POST /tencent/callback?...`: the battle webhooks through
//!   `BattleEventsLayer` in forward mode, acknowledged by the layer.
//! - `POST /plain`: an ordinary axum route that reads the body and answers a
//!   fixed JSON body of the acknowledgement's size, with no layer work.

use std::net::SocketAddr;

use axum::body::Bytes;
use axum::http::{header, StatusCode};
use axum::routing::post;
use axum::{Extension, Router};
use tencent_live_webhook::{BattleEvent, BattleEventsLayer};

/// As long as `{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}`.
const PLAIN: &str = r#"{"Status":"plain","Info":"the ack's length","N":0}"#;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let port: u16 = std::env::var("PORT").map_or(Ok(3100), |port| port.parse())?;
    let app = Router::new()
        .route("/plain", post(plain))
        .route("/tencent/callback", post(webhook))
        .layer(BattleEventsLayer::new("/tencent/callback").app_id(1400000001));
    let listener = tokio::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], port))).await?;
    eprintln!("listening on http://{}", listener.local_addr()?);
    axum::serve(listener, app).await?;
    Ok(())
}

async fn webhook(Extension(event): Extension<BattleEvent>) -> StatusCode {
    std::hint::black_box(event);
    StatusCode::OK
}

async fn plain(body: Bytes) -> ([(header::HeaderName, &'static str); 1], &'static str) {
    std::hint::black_box(body);
    ([(header::CONTENT_TYPE, "application/json")], PLAIN)
}
