//! The room webhooks: a room is created, updated, destroyed; its metadata
//! set and deleted; the app nears its room limit.
//!
//! Create, update and destroy describe the room with one object,
//! [`LiveRoomInfo`]: every field of it is optional, because Tencent's
//! documented versions and real payloads each carry a different subset.
//! Create and update name their room only inside it (`RoomInfo.RoomId`), so
//! there that one field is required; destroy and the metadata events name the
//! room at the top level (`RoomId`).

mod created;
mod destroyed;
mod metadata;
mod threshold;
mod updated;

use std::time::SystemTime;

use serde::de::{self, Unexpected};
use serde::{Deserialize, Deserializer, Serialize};

pub use self::created::RoomCreated;
pub use self::destroyed::{DestroyReason, RoomDestroyed, RoomStatistic};
pub use self::metadata::{MetadataDeleted, MetadataItem, MetadataSet};
pub use self::threshold::RoomThresholdReached;
pub use self::updated::RoomInfoUpdated;
use crate::battle::unix_seconds;
use crate::lenient;

/// `RoomInfo` of the room webhooks: the live room as Tencent describes it.
///
/// Every field is optional: an update may list only some, the old destroy
/// event lists none, the real destroy payload adds `RoomId` (no document lists
/// it there), and Tencent adds fields over time. Accounts and ids keep every
/// digit when Tencent sends them as JSON numbers; integers may be numeric
/// strings; flags may be `0`/`1`. Unknown fields are ignored.
///
/// In [`RoomCreated`] and [`RoomInfoUpdated`] the `RoomId` inside is the
/// event's identity: a body without it is refused there.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LiveRoomInfo {
    /// `RoomId`: the room's id.
    #[serde(
        rename = "RoomId",
        default,
        deserialize_with = "lenient::option_account",
        skip_serializing_if = "Option::is_none"
    )]
    pub room_id: Option<String>,
    /// `RoomName`: the room's display name.
    #[serde(
        rename = "RoomName",
        default,
        deserialize_with = "lenient::option_account",
        skip_serializing_if = "Option::is_none"
    )]
    pub room_name: Option<String>,
    /// `RoomType`: `"Live"` for a live room (Tencent's table describes a
    /// meeting room, a copy from its conference product).
    #[serde(rename = "RoomType", default, skip_serializing_if = "Option::is_none")]
    pub room_type: Option<RoomType>,
    /// `Owner_Account`: the host's account. Tencent's sample sends it as a JSON
    /// number above 2^53, a real payload as a string; every digit is kept.
    #[serde(
        rename = "Owner_Account",
        default,
        deserialize_with = "lenient::option_account",
        skip_serializing_if = "Option::is_none"
    )]
    pub owner_account: Option<String>,
    /// `MaxMemberCount`: how many members the room holds at most.
    #[serde(
        rename = "MaxMemberCount",
        default,
        deserialize_with = "lenient::option_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub max_member_count: Option<u64>,
    /// `MaxSeatCount`: how many seats (co-guest microphones) the room has at most.
    #[serde(
        rename = "MaxSeatCount",
        default,
        deserialize_with = "lenient::option_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub max_seat_count: Option<u64>,
    /// `IsMessageDisabled`: whether every member is muted from sending text messages.
    #[serde(
        rename = "IsMessageDisabled",
        default,
        deserialize_with = "lenient::option_flag",
        skip_serializing_if = "Option::is_none"
    )]
    pub is_message_disabled: Option<bool>,
    /// `CustomInfo`: the app's own text about the room.
    #[serde(
        rename = "CustomInfo",
        default,
        deserialize_with = "lenient::option_account",
        skip_serializing_if = "Option::is_none"
    )]
    pub custom_info: Option<String>,
    /// `IsSeatEnabled`: whether the room has seats (co-guests).
    #[serde(
        rename = "IsSeatEnabled",
        default,
        deserialize_with = "lenient::option_flag",
        skip_serializing_if = "Option::is_none"
    )]
    pub is_seat_enabled: Option<bool>,
    /// `TakeSeatMode`: how a member takes a seat.
    #[serde(
        rename = "TakeSeatMode",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub take_seat_mode: Option<TakeSeatMode>,
    /// `CreateTime`: when the room was created, Unix **seconds** (Tencent's
    /// table calls it a meeting's scheduled start, a copy from its conference
    /// product). See [`created_at`](Self::created_at).
    #[serde(
        rename = "CreateTime",
        default,
        deserialize_with = "lenient::option_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub create_time: Option<u64>,
    /// `IsPublicVisible`: whether the room is listed publicly.
    #[serde(
        rename = "IsPublicVisible",
        default,
        deserialize_with = "lenient::option_flag",
        skip_serializing_if = "Option::is_none"
    )]
    pub is_public_visible: Option<bool>,
    /// `CoverURL`: the room's cover image.
    #[serde(
        rename = "CoverURL",
        default,
        deserialize_with = "lenient::option_account",
        skip_serializing_if = "Option::is_none"
    )]
    pub cover_url: Option<String>,
    /// `Category`: the app's room category ids, integers.
    #[serde(
        rename = "Category",
        default,
        deserialize_with = "option_integers",
        skip_serializing_if = "Option::is_none"
    )]
    pub category: Option<Vec<i64>>,
    /// `ActivityStatus`: the live room's activity status, a tag the app defines.
    #[serde(
        rename = "ActivityStatus",
        default,
        deserialize_with = "lenient::option_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub activity_status: Option<i64>,
    /// `ViewCount`: how many times users have entered the room.
    #[serde(
        rename = "ViewCount",
        default,
        deserialize_with = "lenient::option_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub view_count: Option<u64>,
    /// `BackgroundURL`: the room's background image.
    #[serde(
        rename = "BackgroundURL",
        default,
        deserialize_with = "lenient::option_account",
        skip_serializing_if = "Option::is_none"
    )]
    pub background_url: Option<String>,
    /// `IsUnlimitedRoomEnabled`: whether the room mixes streams to support
    /// very large audiences (Tencent's default is `false`).
    #[serde(
        rename = "IsUnlimitedRoomEnabled",
        default,
        deserialize_with = "lenient::option_flag",
        skip_serializing_if = "Option::is_none"
    )]
    pub is_unlimited_room_enabled: Option<bool>,
    /// `Notice`: the room's notice. Tencent's update API accepts it; no
    /// webhook page lists it.
    #[serde(
        rename = "Notice",
        default,
        deserialize_with = "lenient::option_account",
        skip_serializing_if = "Option::is_none"
    )]
    pub notice: Option<String>,
    /// `EventTime`: when Tencent fired the event, Unix **milliseconds**. One
    /// documented copy of the create event puts it here instead of at the top
    /// level; [`RoomCreated::event_time_ms`] reads either.
    #[serde(
        rename = "EventTime",
        default,
        deserialize_with = "lenient::option_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub event_time_ms: Option<u64>,
}

impl LiveRoomInfo {
    /// When the room was created; `None` when `CreateTime` is absent or past
    /// what `SystemTime` holds.
    pub fn created_at(&self) -> Option<SystemTime> {
        self.create_time.and_then(unix_seconds)
    }
}

string_enum! {
    /// `RoomType`: the kind of room. Tencent sends `"Live"` for TUILiveKit rooms.
    ///
    /// ```
    /// use tencent_live_webhook::RoomType;
    ///
    /// assert_eq!(RoomType::parse("Live"), RoomType::Live);
    /// assert_eq!(RoomType::parse("Meeting"), RoomType::Other("Meeting".into()));
    /// ```
    pub enum RoomType {
        /// `Live`: a live room.
        Live = "Live",
    }
}

string_enum! {
    /// `TakeSeatMode`: how a member takes a seat (becomes a co-guest).
    ///
    /// ```
    /// use tencent_live_webhook::TakeSeatMode;
    ///
    /// assert_eq!(TakeSeatMode::parse("ApplyToTake"), TakeSeatMode::ApplyToTake);
    /// assert_eq!(TakeSeatMode::None.as_str(), "None");
    /// assert_eq!(TakeSeatMode::parse("Invite").as_str(), "Invite");
    /// ```
    pub enum TakeSeatMode {
        /// `None`: seats are off.
        None = "None",
        /// `FreeToTake`: any member may take a free seat.
        FreeToTake = "FreeToTake",
        /// `ApplyToTake`: a member applies, and the host or an admin approves.
        ApplyToTake = "ApplyToTake",
    }
}

/// `RoomInfo` of the create and update events: an object (never an array),
/// whose `RoomId` is present and not empty, since it is the event's only
/// identity. A failure names `RoomInfo` as its path.
fn room_info_with_id<'de, D: Deserializer<'de>>(deserializer: D) -> Result<LiveRoomInfo, D::Error> {
    let lenient::Object(room) = lenient::Object::<LiveRoomInfo>::deserialize(deserializer)?;
    match room.room_id.as_deref() {
        None => Err(de::Error::missing_field("RoomId")),
        Some("") => Err(de::Error::invalid_value(
            Unexpected::Str(""),
            &"a non-empty `RoomId`",
        )),
        Some(_) => Ok(room),
    }
}

/// A list of integers read with [`lenient::integer`]'s rules (numeric strings
/// too); `null` (or absence) is `None`. A `null` element is refused, as in
/// [`lenient::accounts`].
fn option_integers<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Vec<i64>>, D::Error> {
    let list = Option::<Vec<ListedInteger>>::deserialize(deserializer)?;
    Ok(list.map(|list| list.into_iter().map(|element| element.0).collect()))
}

/// One element of [`option_integers`].
struct ListedInteger(i64);

impl<'de> Deserialize<'de> for ListedInteger {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        lenient::option_integer(deserializer)?
            .map(ListedInteger)
            .ok_or_else(|| de::Error::invalid_type(Unexpected::Unit, &"an integer"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, UNIX_EPOCH};

    #[derive(Debug, Deserialize)]
    struct Holder {
        #[serde(rename = "RoomInfo", deserialize_with = "room_info_with_id")]
        room: LiveRoomInfo,
    }

    fn room(json: &str) -> Result<LiveRoomInfo, serde_json::Error> {
        serde_json::from_str::<lenient::Object<LiveRoomInfo>>(json).map(|object| object.0)
    }

    #[test]
    fn every_field_is_optional() {
        assert_eq!(room("{}").unwrap(), LiveRoomInfo::default());
        let nulls = room(
            r#"{"RoomId":null,"RoomName":null,"RoomType":null,"Owner_Account":null,
                "MaxMemberCount":null,"TakeSeatMode":null,"Category":null,"EventTime":null}"#,
        )
        .unwrap();
        assert_eq!(nulls, LiveRoomInfo::default());
        let json = serde_json::to_string(&nulls).unwrap();
        assert_eq!(json, "{}");
    }

    #[test]
    fn lenient_where_the_meaning_is_clear() {
        let room = room(
            r#"{"RoomId":436,"Owner_Account":144115216631667826,"MaxMemberCount":"300",
                "IsSeatEnabled":1,"IsPublicVisible":"false","Category":[1,"2",3e0],
                "ActivityStatus":"-1","RoomType":"Meeting","TakeSeatMode":"Invite","Extra":[1]}"#,
        )
        .unwrap();
        assert_eq!(room.room_id.as_deref(), Some("436"));
        assert_eq!(room.owner_account.as_deref(), Some("144115216631667826"));
        assert_eq!(room.max_member_count, Some(300));
        assert_eq!(room.is_seat_enabled, Some(true));
        assert_eq!(room.is_public_visible, Some(false));
        assert_eq!(room.category, Some(vec![1, 2, 3]));
        assert_eq!(room.activity_status, Some(-1));
        assert_eq!(room.room_type, Some(RoomType::Other("Meeting".into())));
        assert_eq!(
            room.take_seat_mode,
            Some(TakeSeatMode::Other("Invite".into()))
        );
    }

    #[test]
    fn refuses_what_cannot_be_understood() {
        for json in [
            r#"["pk-3"]"#,
            r#"{"Category":[1,null]}"#,
            r#"{"Category":[1.5]}"#,
            r#"{"Category":{"0":1}}"#,
            r#"{"Category":"1,2"}"#,
            r#"{"MaxSeatCount":-1}"#,
            r#"{"Owner_Account":1.5}"#,
        ] {
            assert!(room(json).is_err(), "accepted {json}");
        }
    }

    #[test]
    fn create_time_is_seconds() {
        let room = LiveRoomInfo {
            create_time: Some(1703589922),
            ..LiveRoomInfo::default()
        };
        assert_eq!(
            room.created_at(),
            Some(UNIX_EPOCH + Duration::from_secs(1703589922))
        );
        assert_eq!(LiveRoomInfo::default().created_at(), None);
        let far = LiveRoomInfo {
            create_time: Some(u64::MAX),
            ..LiveRoomInfo::default()
        };
        assert_eq!(far.created_at(), None);
    }

    #[test]
    fn room_info_with_id_requires_a_room_id() {
        let holder: Holder = serde_json::from_str(r#"{"RoomInfo":{"RoomId":"pk-3"}}"#).unwrap();
        assert_eq!(holder.room.room_id.as_deref(), Some("pk-3"));
        for (json, message) in [
            (r#"{"RoomInfo":{}}"#, "missing field `RoomId`"),
            (r#"{"RoomInfo":{"RoomId":null}}"#, "missing field `RoomId`"),
            (r#"{"RoomInfo":{"RoomId":""}}"#, "a non-empty `RoomId`"),
            (r#"{"RoomInfo":["pk-3"]}"#, "expected an object"),
            (r#"{"RoomInfo":null}"#, "expected an object"),
            (r#"{}"#, "missing field `RoomInfo`"),
        ] {
            let error = serde_json::from_str::<Holder>(json).unwrap_err();
            assert!(error.to_string().contains(message), "{json}: {error}");
        }
    }

    #[test]
    fn enums_keep_unknown_values() {
        for (value, mode) in [
            ("None", TakeSeatMode::None),
            ("FreeToTake", TakeSeatMode::FreeToTake),
            ("ApplyToTake", TakeSeatMode::ApplyToTake),
            ("applytotake", TakeSeatMode::Other("applytotake".into())),
        ] {
            assert_eq!(TakeSeatMode::parse(value), mode);
            let json = serde_json::to_string(&mode).unwrap();
            assert_eq!(json, format!("\"{value}\""));
            assert_eq!(serde_json::from_str::<TakeSeatMode>(&json).unwrap(), mode);
        }
        assert_eq!(RoomType::Live.to_string(), "Live");
        assert_eq!(RoomType::parse(""), RoomType::Other(String::new()));
    }
}
