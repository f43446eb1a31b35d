//! The battle (PK) webhooks: a battle is created, starts, and ends.
//!
//! The three events of one battle share its `BattleId`; the caller's room is
//! `FromRoomId` / `FromRoomInfo.RoomId`, the invited rooms `ToRoomIdList` /
//! `ToRoomList[].RoomId`. [`BattleEvent`] receives all three on one path.

mod created;
mod ended;
mod started;

use std::fmt;
use std::marker::PhantomData;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::de::value::MapAccessDeserializer;
use serde::de::{self, DeserializeOwned, Deserializer, Unexpected, Visitor};

pub use self::created::BattleCreated;
pub use self::ended::{BattleEnded, BattleRoom, EndReason};
#[allow(deprecated)]
pub use self::started::{BattleRoomInfo, BattleStarted, RoomInfo};

events! {
    /// Any of the three battle webhooks, for one layer that receives the whole
    /// battle lifecycle on one path ([`BattleEventsLayer`](crate::BattleEventsLayer)).
    ///
    /// The query's `CallbackCommand` picks the variant; each variant decodes as
    /// its own type does. [`LiveEvent`](crate::LiveEvent) receives these and
    /// every other command.
    ///
    /// ```
    /// use tencent_live_webhook::{BattleEvent, BattleEventsLayer};
    ///
    /// let layer = BattleEventsLayer::new("/tencent/callback").app_id(1400000001);
    /// # let _ = layer;
    /// fn on_event(event: &BattleEvent) {
    ///     match event {
    ///         BattleEvent::Created(created) => println!("{} invites {:?}", created.from_room_id(), created.to_room_ids()),
    ///         BattleEvent::Started(started) => println!("{} started", started.battle_id),
    ///         BattleEvent::Ended(ended) => println!("{} won", ended.winner().map_or("nobody", |room| room.room_id())),
    ///     }
    /// }
    /// ```
    #[derive(Clone, Debug, PartialEq, Eq, Hash)]
    pub enum BattleEvent {
        /// `Live.CallbackAfterCreateBattle`.
        Created(BattleCreated),
        /// `Live.CallbackAfterStartBattle`.
        Started(BattleStarted),
        /// `Live.CallbackAfterEndBattle`.
        Ended(BattleEnded),
    }
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

    /// When Tencent fired the event, Unix milliseconds; 0 when the body has
    /// no `EventTime`.
    pub fn event_time_ms(&self) -> u64 {
        match self {
            Self::Created(event) => event.event_time_ms(),
            Self::Started(event) => event.event_time_ms(),
            Self::Ended(event) => event.event_time_ms(),
        }
    }
}

/// [`lenient::object_or_json_string`](crate::lenient::object_or_json_string),
/// where `null` (or, with `#[serde(default)]`, absence) is `None`: the battle
/// rooms' `FromRoomInfo`.
pub(crate) fn option_object_or_json_string<'de, D, T>(
    deserializer: D,
) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    deserializer.deserialize_any(OptionObjectOrString(PhantomData))
}

struct OptionObjectOrString<T>(PhantomData<T>);

impl<'de, T: DeserializeOwned> Visitor<'de> for OptionObjectOrString<T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object, or a string holding one")
    }

    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Option<T>, A::Error> {
        T::deserialize(MapAccessDeserializer::new(map)).map(Some)
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Option<T>, E> {
        serde_json::from_str::<crate::lenient::Object<T>>(value)
            .map(|object| Some(object.0))
            .map_err(|_| E::invalid_value(Unexpected::Str(value), &self))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }

    fn visit_none<E: de::Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }
}

/// A Unix time in seconds; `None` past what `SystemTime` holds.
pub(crate) fn unix_seconds(seconds: u64) -> Option<SystemTime> {
    UNIX_EPOCH.checked_add(Duration::from_secs(seconds))
}

/// A Unix time in milliseconds; `None` past what `SystemTime` holds.
pub(crate) fn unix_millis(millis: u64) -> Option<SystemTime> {
    UNIX_EPOCH.checked_add(Duration::from_millis(millis))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Rejection, WebhookEvent};

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
        assert_eq!(
            BattleEvent::CALLBACK_COMMANDS,
            [
                BattleCreated::COMMAND,
                BattleStarted::COMMAND,
                BattleEnded::COMMAND
            ]
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
        let started = BattleStarted {
            battle_id: "b".into(),
            ..BattleStarted::default()
        };
        let json = serde_json::to_value(BattleEvent::from(started)).unwrap();
        assert_eq!(json["CallbackCommand"], BattleStarted::COMMAND);
        assert_eq!(json["BattleId"], "b");
    }
}
