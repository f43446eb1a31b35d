//! One battle's story, from create to start to end, kept in an in-memory scoreboard.
//!
//! ```sh
//! cargo run --example scoreboard
//! ```
//!
//! The three battle webhooks share the battle's `BattleId`; the rooms are tied
//! together by their `RoomId`s. One `BattleEventsLayer` in handler mode
//! receives all three on one path. The example sends itself Tencent's three
//! webhooks for one sample battle (and the end event a second time, as Tencent
//! may when retries are switched on) and prints what the scoreboard learns.

use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::{Arc, Mutex};

use http::{Request, Response};
use tencent_live_webhook::testing::{read_ack, WebhookRequest};
use tencent_live_webhook::{BattleEvent, BattleEventsLayer, RequestBody};
use tower::{service_fn, Layer, ServiceExt};

const APP_ID: u64 = 1400000001;

/// What the app knows of each battle, by `BattleId`.
#[derive(Debug, Default)]
struct Scoreboard {
    battles: HashMap<String, Battle>,
    wins: HashMap<String, u32>,
}

#[derive(Debug, Default)]
struct Battle {
    rooms: Vec<String>,
    started: bool,
    result: Option<String>,
}

impl Scoreboard {
    /// Applies one event and says what happened. Idempotent: a second delivery
    /// of the same end event changes nothing.
    fn apply(&mut self, event: &BattleEvent) -> String {
        let id = event.battle_id().to_owned();
        let battle = self.battles.entry(id.clone()).or_default();
        match event {
            BattleEvent::Created(created) => {
                battle.rooms = std::iter::once(created.from_room_id())
                    .chain(created.to_room_ids().iter().map(String::as_str))
                    .map(str::to_owned)
                    .collect();
                format!(
                    "created: room {} invites {} to a {} s battle",
                    created.from_room_id(),
                    created.to_room_ids().join(", "),
                    created.duration().as_secs()
                )
            }
            BattleEvent::Started(started) => {
                battle.started = true;
                let owners: Vec<String> = started
                    .rooms()
                    .map(|room| format!("{} (owner {})", room.room_id(), room.owner_account()))
                    .collect();
                let joined = started
                    .rooms()
                    .filter(|room| battle.rooms.iter().any(|id| id == room.room_id()));
                format!(
                    "started: {} ({} of {} invited rooms)",
                    owners.join(" vs "),
                    joined.count(),
                    battle.rooms.len()
                )
            }
            BattleEvent::Ended(ended) => {
                if battle.result.is_some() {
                    return "ended: already recorded, nothing changes".to_owned();
                }
                let scores: Vec<String> = ended
                    .rooms()
                    .map(|room| format!("{} {}", room.room_id(), room.score()))
                    .collect();
                let result = match ended.winner() {
                    Some(winner) => {
                        *self.wins.entry(winner.room_id().to_owned()).or_default() += 1;
                        format!("{} wins", winner.room_id())
                    }
                    None => "no winner".to_owned(),
                };
                let line = if battle.started {
                    format!(
                        "ended after {} s: {}; {result}",
                        ended.duration().as_secs(),
                        scores.join(" : ")
                    )
                } else {
                    format!(
                        "ended without a start event: {}; {result}",
                        scores.join(" : ")
                    )
                };
                battle.result = Some(result);
                line
            }
        }
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let scoreboard = Arc::new(Mutex::new(Scoreboard::default()));

    let handler = {
        let scoreboard = scoreboard.clone();
        service_fn(move |request: Request<BattleEvent>| {
            let line = scoreboard
                .lock()
                .map(|mut board| board.apply(request.body()))
                .unwrap_or_else(|_| "the scoreboard is poisoned".to_owned());
            println!("{}: {line}", request.body().battle_id());
            async { Ok::<_, Infallible>(()) }
        })
    };
    let app = BattleEventsLayer::new("/tencent/callback")
        .app_id(APP_ID)
        .handler(handler)
        .layer(service_fn(|_: Request<RequestBody<String>>| async {
            Ok::<_, Infallible>(Response::new(String::new()))
        }));

    let [created, started, ended] = BattleEvent::sample_lifecycle();
    for event in [created, started, ended.clone(), ended] {
        let request = WebhookRequest::new(&event).app_id(APP_ID).build();
        let response = app.clone().oneshot(request).await.expect("infallible");
        let ack = read_ack(response).await;
        assert!(ack.is_ok(), "{ack:?}");
    }

    let board = scoreboard.lock().expect("not poisoned");
    let mut wins: Vec<_> = board.wins.iter().collect();
    wins.sort();
    for (room, count) in wins {
        println!("scoreboard: {room} has {count} win(s)");
    }
}
