//! The `metrics` feature with a Prometheus exporter: an axum app that
//! receives both consoles' webhooks on one path and serves what the layer
//! records on `/metrics`, in Prometheus' text format.
//!
//! ```sh
//! cargo run --example metrics --features metrics     # 127.0.0.1:3005
//! tencent-webhook send --url http://127.0.0.1:3005/tencent/callback --event gift-sending --count 100
//! curl -s http://127.0.0.1:3005/metrics | grep tencent_webhook
//! ```
//!
//! - The crate records through the `metrics` facade and chooses no exporter:
//!   this example installs `metrics-exporter-prometheus`'s recorder, with
//!   histogram buckets around Tencent's 2 s deadline (5 ms to 2.5 s), and
//!   runs its upkeep every 5 s (the exporter's HTTP listener is not used:
//!   the app serves `/metrics` on its own router).
//! - `describe_metrics()` gives each metric its `# HELP` line.
//! - The route decides gifts by their value: up to `MAX_COINS` coins
//!   (default 1000) allowed, more rejected; every other question gets its
//!   fallback (allow), every after-webhook an OK. The counters then show
//!   `outcome="allow"`, `"reject"`, `"fallback"` and `"ok"`.
//!
//! Environment: `PORT` (default 3005), `SDKAPPID` (default 1400000001),
//! `TOKEN` (optional: require Tencent's signature), `MAX_COINS`.

use std::net::SocketAddr;
use std::time::Duration;

use axum::routing::{get, post};
use axum::{Extension, Router};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use tencent_live_webhook::{GiftDecision, Reply, TencentEvent, TencentWebhookLayer, TokioTimer};
use tokio::net::TcpListener;

const PATH: &str = "/tencent/callback";

/// Around Tencent's 2 s deadline, in seconds: where a handler's time and a
/// decision's time left are worth telling apart.
const BUCKETS: [f64; 11] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 1.5, 2.0, 2.5];

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let port: u16 = env_or("PORT", "3005").parse()?;
    let app_id: u64 = env_or("SDKAPPID", "1400000001").parse()?;
    let max_coins: u64 = env_or("MAX_COINS", "1000").parse()?;

    let prometheus = PrometheusBuilder::new()
        .set_buckets_for_metric(Matcher::Prefix("tencent_webhook_".to_owned()), &BUCKETS)?
        .install_recorder()?;
    tencent_live_webhook::describe_metrics();
    let upkeep = prometheus.clone();
    tokio::spawn(async move {
        let mut every = tokio::time::interval(Duration::from_secs(5));
        loop {
            every.tick().await;
            upkeep.run_upkeep();
        }
    });

    let mut webhook = TencentWebhookLayer::new(PATH)
        .app_id(app_id)
        .timer(TokioTimer);
    if let Some(token) = std::env::var("TOKEN")
        .ok()
        .filter(|token| !token.is_empty())
    {
        webhook = webhook.token(token);
    }
    let app = Router::new()
        .route(PATH, post(move |event| callback(event, max_coins)))
        .layer(webhook)
        .route("/metrics", get(move || render(prometheus.clone())));

    let listener = TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], port))).await?;
    eprintln!("listening on http://{}", listener.local_addr()?);
    axum::serve(listener, app).await?;
    Ok(())
}

async fn render(prometheus: PrometheusHandle) -> String {
    prometheus.render()
}

async fn callback(event: Option<Extension<TencentEvent>>, max_coins: u64) -> Reply {
    match event {
        Some(Extension(TencentEvent::GiftSending(gift))) => {
            let coins = gift.gift_water.total_coins().unwrap_or(u64::MAX);
            if coins <= max_coins {
                GiftDecision::allow().into()
            } else {
                GiftDecision::reject().into()
            }
        }
        // News is acknowledged; any other question gets its fallback.
        _ => Reply::from(()),
    }
}

fn env_or(name: &str, default: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| default.to_owned())
}
