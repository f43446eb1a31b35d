//! The server `scripts/load.sh` measures: the webhook in handler mode and in
//! forward mode, the same work written by hand, and a plain route to compare
//! them with, on one axum server.
//!
//! ```sh
//! cargo run --release --example load_target     # 127.0.0.1:3100, env PORT
//! ```
//!
//! - `POST /tencent/callback?...`: every command through `LiveWebhookLayer` in
//!   handler mode; the handler takes the event and the layer answers.
//! - `POST /forward/callback?...`: the same through a forward-mode layer and an
//!   axum route that takes `Extension<LiveEvent>`.
//! - `POST /twin?...`: an axum route with `Query` and `Json<BattleEnded>`
//!   extractors answering the acknowledgement: the layer's work written by hand.
//! - `POST /plain`: an ordinary axum route that reads the body and answers a
//!   fixed JSON body of the acknowledgement's size, with no layer work.

use std::convert::Infallible;
use std::net::SocketAddr;

use axum::body::Bytes;
use axum::extract::Query;
use axum::http::{header, Request, StatusCode};
use axum::routing::post;
use axum::{Extension, Json, Router};
use tencent_live_webhook::{Ack, BattleEnded, LiveEvent, LiveWebhookLayer};
use tower::service_fn;

/// As long as `{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}`.
const PLAIN: &str = r#"{"Status":"plain","Info":"the ack's length","N":0}"#;
const APP_ID: u64 = 1400000001;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let port: u16 = std::env::var("PORT").map_or(Ok(3100), |port| port.parse())?;
    let handler = service_fn(|request: Request<LiveEvent>| async move {
        std::hint::black_box(request.into_body());
        Ok::<_, Infallible>(())
    });
    let app = Router::new()
        .route("/plain", post(plain))
        .route("/forward/callback", post(forwarded))
        .route("/twin", post(twin))
        .layer(LiveWebhookLayer::new("/forward/callback").app_id(APP_ID))
        .layer(
            LiveWebhookLayer::new("/tencent/callback")
                .app_id(APP_ID)
                .handler(handler),
        );
    let listener = tokio::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], port))).await?;
    eprintln!("listening on http://{}", listener.local_addr()?);
    axum::serve(listener, app).await?;
    Ok(())
}

async fn forwarded(Extension(event): Extension<LiveEvent>) -> StatusCode {
    std::hint::black_box(event);
    StatusCode::OK
}

#[derive(serde::Deserialize)]
struct TencentQuery {
    #[serde(rename = "SdkAppid")]
    sdk_app_id: u64,
}

async fn twin(Query(query): Query<TencentQuery>, Json(battle): Json<BattleEnded>) -> Json<Ack> {
    if query.sdk_app_id != APP_ID {
        return Json(Ack::fail(1003, "unknown app"));
    }
    std::hint::black_box(battle);
    Json(Ack::ok())
}

async fn plain(body: Bytes) -> ([(header::HeaderName, &'static str); 1], &'static str) {
    std::hint::black_box(body);
    ([(header::CONTENT_TYPE, "application/json")], PLAIN)
}
