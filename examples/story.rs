//! One live room's whole story, as its callback URL receives it: the room is
//! created, viewers come, one takes a seat, chats and sends a gift, the room
//! wins a battle, changes hands and is destroyed.
//!
//! ```sh
//! cargo run --example story
//! ```
//!
//! One `LiveWebhookLayer` in handler mode receives every command on one path
//! and keeps an in-memory dashboard of the room; the example sends itself the
//! crate's sample story (`LiveEvent::sample_story()`) as Tencent would, and
//! prints one line per event: what the dashboard learnt, and the `ErrorCode`
//! of the answer (0: handled, or allowed).

use std::collections::{BTreeMap, BTreeSet};
use std::convert::Infallible;
use std::sync::{Arc, Mutex};

use http::{Request, Response};
use tencent_live_webhook::testing::fixtures::{APP_ID, PATH};
use tencent_live_webhook::testing::{read_answer, WebhookRequest};
use tencent_live_webhook::{
    GiftDecision, LiveEvent, LiveWebhookLayer, MessageDecision, MessageSending, Presence, Reply,
    RequestBody,
};
use tower::{service_fn, Layer, ServiceExt};

/// What the app knows of its rooms.
#[derive(Debug, Default)]
struct Dashboard {
    owner: BTreeMap<String, String>,
    online: BTreeSet<String>,
    admins: BTreeSet<String>,
    seats: BTreeMap<u32, String>,
    metadata: BTreeMap<String, String>,
    followers: BTreeSet<String>,
    coins: u64,
    messages: u64,
    battles_won: u64,
}

impl Dashboard {
    /// Applies one event; says what changed and how to answer.
    fn apply(&mut self, event: &LiveEvent) -> (String, Reply) {
        let line = match event {
            LiveEvent::RoomCreated(created) => {
                let room = &created.room_info;
                let room_id = created.room_id().to_owned();
                let owner = room.owner_account.clone().unwrap_or_default();
                self.owner.insert(room_id.clone(), owner.clone());
                format!(
                    "room {room_id} created for {owner}: {} seats, {}",
                    room.max_seat_count.unwrap_or_default(),
                    room.take_seat_mode
                        .as_ref()
                        .map_or("no seat mode", |mode| mode.as_str())
                )
            }
            LiveEvent::RoomThresholdReached(alert) => format!(
                "the app has {} rooms of {}",
                alert.cur_room_count.unwrap_or_default(),
                alert.max_room_count.unwrap_or_default()
            ),
            LiveEvent::CloudRecordingChanged(recording) => format!(
                "recording of room {}: event {}",
                recording.event_info.room_id,
                recording.event_type.map_or(0, |event| event.code())
            ),
            LiveEvent::RoomInfoUpdated(updated) => format!(
                "room {} updated: {}",
                updated.room_id(),
                updated
                    .room_info
                    .room_name
                    .as_deref()
                    .unwrap_or("(name unchanged)")
            ),
            LiveEvent::MetadataSet(set) => {
                for item in set.metadata() {
                    self.metadata
                        .insert(item.key().to_owned(), item.value().to_owned());
                }
                format!("metadata now {:?}", self.metadata)
            }
            LiveEvent::MemberStateChanged(changed) => {
                let online = changed.presence == Some(Presence::Online);
                for account in changed.member_accounts() {
                    if online {
                        self.online.insert(account.to_owned());
                    } else {
                        self.online.remove(account);
                    }
                }
                format!("{} online", self.online.len())
            }
            LiveEvent::AdminsModified(modified) => {
                self.admins
                    .extend(modified.admin_accounts().iter().cloned());
                format!("admins {:?}", self.admins)
            }
            LiveEvent::SeatsChanged(changed) => {
                for seat in changed.seats() {
                    match seat.occupant() {
                        Some(account) => self.seats.insert(seat.index(), account.to_owned()),
                        None => self.seats.remove(&seat.index()),
                    };
                }
                format!("seats {:?}", self.seats)
            }
            LiveEvent::FollowAdded(added) => {
                self.followers.insert(added.from_account.clone());
                format!("{} followers", self.followers.len())
            }
            LiveEvent::MessageSending(message) => {
                let texts: Vec<&str> = message.texts().collect();
                return (format!("message {texts:?}"), moderate(message).into());
            }
            LiveEvent::MessageSent(_) => {
                self.messages += 1;
                format!("{} messages", self.messages)
            }
            LiveEvent::GiftSending(gift) => {
                let water = &gift.gift_water;
                let Some(coins) = water.total_coins() else {
                    return (
                        "a gift too large to count".to_owned(),
                        GiftDecision::reject().into(),
                    );
                };
                self.coins += coins;
                let line = format!(
                    "{} x {} from {}: {} coins in all",
                    water.count(),
                    water.gift_id(),
                    water.from_account,
                    self.coins
                );
                return (line, GiftDecision::allow().into());
            }
            LiveEvent::BattleCreated(created) => {
                format!("battle invites {:?}", created.to_room_ids())
            }
            LiveEvent::BattleStarted(started) => {
                format!("battle started with {} rooms", started.rooms().count())
            }
            LiveEvent::BattleEnded(ended) => {
                let winner = ended.winner().map(|room| room.room_id().to_owned());
                if winner
                    .as_deref()
                    .is_some_and(|room| self.owner.contains_key(room))
                {
                    self.battles_won += 1;
                }
                format!(
                    "battle won by {}; {} won so far",
                    winner.as_deref().unwrap_or("nobody"),
                    self.battles_won
                )
            }
            LiveEvent::MetadataDeleted(deleted) => {
                for key in deleted.keys() {
                    self.metadata.remove(key);
                }
                format!("metadata now {:?}", self.metadata)
            }
            LiveEvent::FollowDeleted(deleted) => {
                self.followers.remove(&deleted.from_account);
                format!("{} followers", self.followers.len())
            }
            LiveEvent::OwnerChanged(changed) => {
                self.owner.insert(
                    changed.room_id.clone(),
                    changed.current_owner_account().to_owned(),
                );
                format!(
                    "room {} now owned by {}",
                    changed.room_id,
                    changed.current_owner_account()
                )
            }
            LiveEvent::RoomDestroyed(destroyed) => {
                self.owner.remove(&destroyed.room_id);
                format!(
                    "room {} destroyed: {} coins, {} messages, {} battles won",
                    destroyed.room_id, self.coins, self.messages, self.battles_won
                )
            }
            other => format!("{} not tracked", other.name()),
        };
        (line, Reply::from(()))
    }
}

fn moderate(message: &MessageSending) -> MessageDecision {
    if message.texts().any(|text| text.contains("spam")) {
        MessageDecision::discard()
    } else {
        MessageDecision::allow()
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let dashboard = Arc::new(Mutex::new(Dashboard::default()));
    let learnt = Arc::new(Mutex::new(String::new()));
    let handler = {
        let (dashboard, learnt) = (dashboard.clone(), learnt.clone());
        service_fn(move |request: Request<LiveEvent>| {
            let event = request.into_body();
            let (line, reply) = match dashboard.lock() {
                Ok(mut board) => board.apply(&event),
                Err(_) => ("the dashboard is poisoned".to_owned(), Reply::from(())),
            };
            if let Ok(mut learnt) = learnt.lock() {
                *learnt = line;
            }
            async move { Ok::<_, Infallible>(reply) }
        })
    };
    let app = LiveWebhookLayer::new(PATH)
        .app_id(APP_ID)
        .handler(handler)
        .layer(service_fn(|_: Request<RequestBody<String>>| async {
            Ok::<_, Infallible>(Response::new(String::new()))
        }));

    for event in LiveEvent::sample_story() {
        let request = WebhookRequest::new(&event).app_id(APP_ID).build();
        let response = app.clone().oneshot(request).await.expect("infallible");
        let answer = read_answer(response).await;
        let line = learnt.lock().map(|line| line.clone()).unwrap_or_default();
        println!(
            "{:<22} {line}  => ErrorCode {}",
            event.name(),
            answer.error_code()
        );
    }
}
