//! The battle (PK) webhooks: a battle is created, starts, and ends.
//!
//! The three events of one battle share its `BattleId`; the caller's room is
//! `FromRoomId` / `FromRoomInfo.RoomId`, the invited rooms `ToRoomIdList` /
//! `ToRoomList[].RoomId`. [`BattleEvent`] receives all three on one path.

mod created;
mod ended;
mod started;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::de::{self, IgnoredAny, MapAccess};
use serde::Serialize;

pub use self::created::BattleCreated;
pub use self::ended::{BattleEnded, BattleRoom, EndReason};
pub use self::started::{BattleStarted, RoomInfo};
use crate::event::{decode_json, WebhookEvent};
use crate::rejection::Rejection;

/// Any of the three battle webhooks, for one layer that receives the whole
/// battle lifecycle on one path.
///
/// The query's `CallbackCommand` picks the variant; each variant decodes as
/// its own type does.
///
/// ```
/// use tencent_live_webhook::{BattleEvent, BattleEventsLayer};
///
/// let layer = BattleEventsLayer::new("/tencent/callback").app_id(1400000001);
/// # let _ = layer;
/// fn on_event(event: &BattleEvent) {
///     match event {
///         BattleEvent::Created(created) => println!("{} invites {:?}", created.from_room_id, created.to_room_ids),
///         BattleEvent::Started(started) => println!("{} started", started.battle_id),
///         BattleEvent::Ended(ended) => println!("{} won", ended.winner().map_or("nobody", |room| &room.room_id)),
///     }
/// }
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(untagged)]
pub enum BattleEvent {
    /// `Live.CallbackAfterCreateBattle`.
    Created(BattleCreated),
    /// `Live.CallbackAfterStartBattle`.
    Started(BattleStarted),
    /// `Live.CallbackAfterEndBattle`.
    Ended(BattleEnded),
}

impl BattleEvent {
    /// The battle this event is about.
    pub fn battle_id(&self) -> &str {
        match self {
            Self::Created(event) => &event.battle_id,
            Self::Started(event) => &event.battle_id,
            Self::Ended(event) => &event.battle_id,
        }
    }

    /// The event's `CallbackCommand`.
    pub fn callback_command(&self) -> &'static str {
        match self {
            Self::Created(_) => BattleCreated::COMMAND,
            Self::Started(_) => BattleStarted::COMMAND,
            Self::Ended(_) => BattleEnded::COMMAND,
        }
    }

    /// When Tencent fired the event, Unix milliseconds.
    pub fn event_time_ms(&self) -> u64 {
        match self {
            Self::Created(event) => event.event_time_ms,
            Self::Started(event) => event.event_time_ms,
            Self::Ended(event) => event.event_time_ms,
        }
    }
}

impl WebhookEvent for BattleEvent {
    const CALLBACK_COMMANDS: &'static [&'static str] = &[
        BattleCreated::COMMAND,
        BattleStarted::COMMAND,
        BattleEnded::COMMAND,
    ];

    fn decode(callback_command: &str, body: &[u8]) -> Result<Self, Rejection> {
        match callback_command {
            BattleCreated::COMMAND => decode_json(body).map(Self::Created),
            BattleStarted::COMMAND => decode_json(body).map(Self::Started),
            BattleEnded::COMMAND => decode_json(body).map(Self::Ended),
            _ => Err(Rejection::CommandMismatch),
        }
    }

    fn callback_command(&self) -> &'static str {
        BattleEvent::callback_command(self)
    }
}

impl From<BattleCreated> for BattleEvent {
    fn from(event: BattleCreated) -> Self {
        Self::Created(event)
    }
}

impl From<BattleStarted> for BattleEvent {
    fn from(event: BattleStarted) -> Self {
        Self::Started(event)
    }
}

impl From<BattleEnded> for BattleEvent {
    fn from(event: BattleEnded) -> Self {
        Self::Ended(event)
    }
}

/// A Unix time in seconds, as the battle events give `CreateTime` and friends.
fn unix_seconds(seconds: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(seconds)
}

/// A Unix time in milliseconds, as the battle events give `EventTime`.
fn unix_millis(millis: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_millis(millis)
}

/// Every battle event names its battle; without an id it cannot be tied to anything.
fn require_battle_id<E: de::Error>(battle_id: &str) -> Result<(), E> {
    if battle_id.is_empty() {
        return Err(E::missing_field("BattleId"));
    }
    Ok(())
}

/// Skips a value the event's field list names but its reader does not use.
fn skip<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<IgnoredAny>().map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_command_picks_the_variant() {
        let body = br#"{"BattleId":"b-1"}"#;
        for (command, expected) in [
            (BattleCreated::COMMAND, "Created"),
            (BattleStarted::COMMAND, "Started"),
            (BattleEnded::COMMAND, "Ended"),
        ] {
            let event = BattleEvent::decode(command, body).unwrap();
            assert!(format!("{event:?}").starts_with(expected));
            assert_eq!(event.callback_command(), command);
            assert_eq!(event.battle_id(), "b-1");
        }
        assert_eq!(
            BattleEvent::decode("Live.CallbackAfterCreateRoom", body),
            Err(Rejection::CommandMismatch)
        );
    }

    #[test]
    fn a_body_of_another_battle_command_is_a_mismatch() {
        let body = br#"{"BattleId":"b-1","CallbackCommand":"Live.CallbackAfterEndBattle"}"#;
        assert_eq!(
            BattleEvent::decode(BattleStarted::COMMAND, body),
            Err(Rejection::CommandMismatch)
        );
    }

    #[test]
    fn serialises_as_the_inner_event() {
        let event = BattleEvent::from(BattleStarted {
            battle_id: "b".into(),
            ..BattleStarted::default()
        });
        let json = serde_json::to_value(&event).unwrap();
        assert_eq!(json["CallbackCommand"], BattleStarted::COMMAND);
        assert_eq!(json["BattleId"], "b");
    }
}
