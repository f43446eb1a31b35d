//! An axum app that receives the three battle webhooks (create, start, end)
//! on one path, next to its ordinary routes.
//!
//! ```sh
//! cargo run --example axum                      # 127.0.0.1:3000, SdkAppid 1400000001
//! PORT=8080 SDKAPPID=1400012345 TOKEN=secret cargo run --example axum
//! ```
//!
//! It prints a `curl` line that posts a sample event (stderr), and one JSON line
//! per accepted event (stdout). `cargo run --example send` posts the others.

use std::net::SocketAddr;

use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Extension, Router};
use tencent_live_webhook::{BattleEvent, BattleEventsLayer, CallbackQuery};

const PATH: &str = "/tencent/callback";
const SAMPLE: &str = r#"{"CallbackCommand":"Live.CallbackAfterEndBattle","BattleId":"4siHsNsWN/T3aub9zKraqPfGQAimPhdFoe6VWhtz9lY=","Duration":30000,"CreateTime":1739956115,"StartTime":1739956115,"EndTime":1739956145,"OpType":0,"FromRoomInfo":{"RoomId":"pk-3","Score":120,"Owner_Account":144115245353757792},"ToRoomList":[{"RoomId":"pk-5","Score":80,"Owner_Account":144115245442327522}],"EventTime":1739956146119}"#;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let port: u16 = env_or("PORT", "3000").parse()?;
    let app_id: u64 = env_or("SDKAPPID", "1400000001").parse()?;
    let token = std::env::var("TOKEN")
        .ok()
        .filter(|token| !token.is_empty());

    // One layer for the whole battle family: Tencent sends every command to one URL.
    let mut webhook = BattleEventsLayer::new(PATH).app_id(app_id);
    if let Some(token) = &token {
        webhook = webhook.token(token.clone());
    }

    let app = Router::new()
        .route("/", get(|| async { "an ordinary route\n" }))
        .route(PATH, post(battle_event))
        .layer(webhook);

    let listener = tokio::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], port))).await?;
    let address = listener.local_addr()?;
    eprintln!("listening on http://{address}");
    eprintln!(
        "post the sample event with:\n{}",
        curl_line(address, app_id, token.is_some())
    );
    axum::serve(listener, app).await?;
    Ok(())
}

/// Forward mode: the layer has checked and decoded the webhook; a 2xx here
/// becomes Tencent's OK acknowledgement, anything else a FAIL.
async fn battle_event(
    Extension(event): Extension<BattleEvent>,
    Extension(query): Extension<CallbackQuery>,
) -> StatusCode {
    let Ok(line) = serde_json::to_string(&event) else {
        return StatusCode::INTERNAL_SERVER_ERROR;
    };
    println!("{line}");
    let battle = event.battle_id();
    match &event {
        BattleEvent::Created(created) => eprintln!(
            "battle {battle}: room {} invites {:?} (app {})",
            created.from_room_id, created.to_room_ids, query.sdk_app_id
        ),
        BattleEvent::Started(started) => {
            eprintln!(
                "battle {battle}: started with {} rooms",
                started.rooms().count()
            )
        }
        BattleEvent::Ended(ended) => eprintln!(
            "battle {battle}: ended, winner {}",
            ended.winner().map_or("none (a draw)", |room| &room.room_id)
        ),
    }
    StatusCode::OK
}

fn curl_line(address: SocketAddr, app_id: u64, signed: bool) -> String {
    let query = format!(
        "SdkAppid={app_id}&CallbackCommand=Live.CallbackAfterEndBattle&contenttype=json\
         &ClientIP=127.0.0.1&OptPlatform=RESTAPI"
    );
    let url = format!("http://{address}{PATH}?{query}");
    if signed {
        // The signature is made by the shell at paste time, from $TOKEN, so the
        // line stays valid and the token is never printed.
        format!(
            "T=$(date +%s); S=$(printf '%s%s' \"$TOKEN\" \"$T\" | sha256sum | cut -d' ' -f1); \
             curl -sS -H 'content-type: application/json' -d '{SAMPLE}' \"{url}&RequestTime=$T&Sign=$S\""
        )
    } else {
        format!("curl -sS -H 'content-type: application/json' -d '{SAMPLE}' '{url}'")
    }
}

fn env_or(name: &str, default: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| default.to_owned())
}
