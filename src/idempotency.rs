//! A key per webhook for storing it once: Tencent sends no event id, and a
//! retry repeats an event.

use std::fmt;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;
use sha2::{Digest, Sha256};

/// The longest `CallbackCommand` a key is made for, in bytes. Tencent's are
/// under 60.
const MAX_COMMAND: usize = 128;
/// The longest natural id taken as one, in bytes. Tencent's are under 100;
/// a longer one would make an oversized key (PostgreSQL refuses an index
/// entry of more than about 2.7 KB).
const MAX_ID: usize = 256;
/// 10^12 ms is September 2001: a time at or above it is in milliseconds,
/// since no time in seconds reaches it before the year 33658.
const MILLISECONDS_FROM: u64 = 1_000_000_000_000;

/// A key for storing a webhook once, made from its `CallbackCommand` and its
/// raw body (any bytes: a body that does not decode gets a key too, of
/// strength [`KeyStrength::None`]).
///
/// Tencent's webhooks carry no event id, and a retry (Tencent's, a proxy's,
/// a replay within the signature window) repeats an event byte for byte. The
/// key says which deliveries are one event, as far as the body can tell, and
/// how sure that is ([`strength`](Self::strength)). A key that merged two
/// distinct events would lose one of them (the second insert does nothing),
/// so a body that cannot be told apart from another event's gets no key.
///
/// The format is public and stable:
///
/// - [`KeyStrength::Exact`]: `<CallbackCommand>:<natural id>`, where the
///   natural id names the event itself (the table below).
/// - [`KeyStrength::Probable`]: `<CallbackCommand>:<sha256 of the raw body,
///   lowercase hex>`, for a body without a natural id that carries a time in
///   milliseconds: two distinct events with one body would need the same
///   millisecond. A retry that is not byte for byte the same body (members
///   reordered, say) gets another key and is stored twice; nothing is lost.
/// - [`KeyStrength::None`]: no key. Two distinct events may have identical
///   bodies (two taps on the same gift within one second), so nothing may be
///   merged: store such a webhook under a surrogate id. A retry of it is then
///   stored twice.
///
/// | `CallbackCommand` | Exact, with the natural id | else Probable, with a millisecond time in | else |
/// |---|---|---|---|
/// | `Live.CallbackAfterCreateBattle`, `Live.CallbackAfterStartBattle`, `Live.CallbackAfterEndBattle` | `BattleId` | `EventTime` | None |
/// | `Group.CallbackBeforeSendMsg` | `MsgId` | `EventTime` | None |
/// | `Group.CallbackAfterSendMsg` | `MsgId`; else `GroupId[/TopicId]:MsgSeq:MsgTime` when both `MsgSeq` and `MsgTime` are given | `EventTime` | None |
/// | `Live.CallbackBeforeSendGift` | never: a gift has no id | `EventTime` (not in Tencent's documented body) | None, as documented |
/// | `Live.CallbackAfterCreateRoom` | never | `EventTime`, or `RoomInfo.EventTime` | None |
/// | `Live.CallbackAfterDestroyRoom`, `Live.CallbackAfterUpdateRoomInfo`, `Live.CallbackAfterSetMetadata`, `Live.CallbackAfterDelMetadata`, `Live.CallbackAfterCreateRoomReachingThreshold` | never | `EventTime` | None |
/// | `Live.CallbackAfterMemberStateChanged`, `Live.CallbackAfterChangeOwner`, `Live.CallbackAfterModifyAdmin`, `Mic.CallbackAfterSeatInfoChanged` | never | `EventTime` | None |
/// | `Follow.CallbackAfterFollowAdd`, `Follow.CallbackAfterFollowDelete` | never | `EventTime` | None |
/// | `Live.CallbackAfterCloudRecordingChanged` (also spelled `Follow.`) | never | `EventInfo.EventMsTs`, or `CallbackTs` | None |
/// | `C2C.CallbackAfterC2CMsgExtension` | `MsgKey:Seq` (the version of the message's whole extension set) | `EventTime` | None |
/// | `ContentCallback.ResultNotify` | `CtxcbRequestId` | never: the body has no time | None |
/// | any other command whose name ends with `SendMsg`, or `Bot.On…Message` | `MsgId`, else `MsgKey` | `EventTime` | None |
/// | `Push.OfflinePush`, `Push.AllMemberPush` | never for the batch: each item has its own exact key, `idempotency_key()` (`Push.OfflinePush:<PushID>`, `Push.AllMemberPush:<TaskId>:<To_Account>`) | never: their times are in seconds | None |
/// | any other command (every other Chat command, and commands outside the tables) | never | `EventTime` | None |
///
/// Why so few natural ids:
///
/// - A room id is not an event id: rooms are destroyed and created again
///   under the same id, and a room is updated, and its members come and go,
///   many times. So room, member, seat and follow events have none.
/// - A message's id names the message, not an event about it: a message
///   extended, edited or read several times brings several events with one
///   `MsgKey`. Only for a command that sends the message is its id the
///   event's.
/// - `MsgSeq` counts a group's messages from 1, and a group dismissed and
///   created again under the same `GroupId` counts again: the key takes the
///   message's `MsgTime` (seconds) with it, and without a `MsgTime` the
///   sequence is not used.
///
/// The values are read leniently, as the events are: an id is a non-empty
/// JSON string (as written) or a JSON integer (every digit kept); `MsgSeq`
/// and `MsgTime` are integers or strings of digits, written back as
/// integers. A millisecond time is an integer or a string of digits of at
/// least 10^12 (a time in seconds is not one). An id that is empty, longer
/// than 256 bytes or holds a control character is not used, nor is a
/// command longer than 128 bytes or holding one (no key at all). A body
/// that is not a JSON object, or names a member twice, has no natural id
/// and no time: [`KeyStrength::None`].
///
/// Making a key parses the body again and, for a probable key, hashes it:
/// the layer never does this on its way; make one where you store.
///
/// ```
/// use tencent_live_webhook::{IdempotencyKey, KeyStrength};
///
/// let battle = IdempotencyKey::new(
///     "Live.CallbackAfterEndBattle",
///     br#"{"BattleId":"4siHsNsWN/T3aub9zKraqPfGQAimPhdFoe6VWhtz9lY=","EventTime":1739956146119}"#,
/// );
/// assert_eq!(battle.strength(), KeyStrength::Exact);
/// assert_eq!(
///     battle.as_str(),
///     Some("Live.CallbackAfterEndBattle:4siHsNsWN/T3aub9zKraqPfGQAimPhdFoe6VWhtz9lY=")
/// );
///
/// let follow = IdempotencyKey::new(
///     "Follow.CallbackAfterFollowDelete",
///     br#"{"From_Account":"a","To_Account":["b"],"EventTime":1702018343678}"#,
/// );
/// assert_eq!(follow.strength(), KeyStrength::Probable);
/// assert_eq!(
///     follow.as_str(),
///     Some("Follow.CallbackAfterFollowDelete:\
///           130cea2593e7b42f9377612391e87dd69b17fd7fb68e40070b8a8ec12e5b1ca6"),
/// );
///
/// // Two taps on one gift in one second: identical bodies, two gifts.
/// let gift = IdempotencyKey::new(
///     "Live.CallbackBeforeSendGift",
///     br#"{"RoomId":"r","GiftWater":{"From_Account":"a","Time":1703589922,"GiftId":"g","Count":1}}"#,
/// );
/// assert_eq!(gift.strength(), KeyStrength::None);
/// assert_eq!(gift.as_str(), None);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct IdempotencyKey {
    strength: KeyStrength,
    /// `Some` exactly when the strength is not `None`.
    key: Option<String>,
}

/// How surely an [`IdempotencyKey`] tells one event from another.
///
/// ```
/// use tencent_live_webhook::{IdempotencyKey, KeyStrength};
///
/// let key = IdempotencyKey::new("Group.CallbackAfterSendMsg", br#"{"GroupId":"g","MsgId":"m-1"}"#);
/// assert_eq!(key.strength(), KeyStrength::Exact);
/// assert_eq!(key.strength().as_str(), "exact");
/// assert!(key.strength().is_key());
/// assert!(!KeyStrength::None.is_key());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum KeyStrength {
    /// `<CallbackCommand>:<natural id>`: an id Tencent gives the event (a
    /// battle's, a message's). Deliveries with one key are one event.
    Exact,
    /// `<CallbackCommand>:<sha256 of the body>`, for a body with a time in
    /// milliseconds: deliveries with one key are one event unless two events
    /// had identical bodies down to the millisecond.
    Probable,
    /// No key: the body cannot be told from another event's. Store it under
    /// a surrogate id; a retry is then stored twice.
    None,
}

impl KeyStrength {
    /// `"exact"`, `"probable"` or `"none"`: for a storage column.
    ///
    /// ```
    /// use tencent_live_webhook::KeyStrength;
    ///
    /// assert_eq!(KeyStrength::Probable.as_str(), "probable");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Exact => "exact",
            Self::Probable => "probable",
            Self::None => "none",
        }
    }

    /// Whether there is a key to store the webhook once under: `Exact` and
    /// `Probable`.
    ///
    /// ```
    /// use tencent_live_webhook::KeyStrength;
    ///
    /// assert!(KeyStrength::Exact.is_key());
    /// assert!(!KeyStrength::None.is_key());
    /// ```
    pub fn is_key(self) -> bool {
        !matches!(self, Self::None)
    }
}

impl fmt::Display for KeyStrength {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl IdempotencyKey {
    /// The key of a webhook received with `callback_command` (the query's)
    /// and `body` (the bytes as they arrived). See the
    /// [type's documentation](IdempotencyKey) for the rules.
    ///
    /// ```
    /// use tencent_live_webhook::{IdempotencyKey, KeyStrength};
    ///
    /// let key = IdempotencyKey::new("Live.CallbackAfterEndBattle", b"not json");
    /// assert_eq!(key.strength(), KeyStrength::None);
    /// ```
    pub fn new(callback_command: &str, body: &[u8]) -> Self {
        if !usable(callback_command, MAX_COMMAND) {
            return Self::none();
        }
        // A body that is not an object, or names a member twice, tells nothing
        // (an array is not read by position).
        let fields: Fields = match body.trim_ascii_start().first() {
            Some(b'{') => serde_json::from_slice(body).unwrap_or_default(),
            _ => Fields::default(),
        };
        if let Some(id) = natural_id(callback_command, &fields) {
            return Self {
                strength: KeyStrength::Exact,
                key: Some(format!("{callback_command}:{id}")),
            };
        }
        if has_millisecond_time(callback_command, &fields) {
            let digest = Sha256::digest(body);
            return Self {
                strength: KeyStrength::Probable,
                key: Some(format!("{callback_command}:{}", hex::encode(digest))),
            };
        }
        Self::none()
    }

    fn none() -> Self {
        Self {
            strength: KeyStrength::None,
            key: None,
        }
    }

    /// How surely the key tells this event from another.
    ///
    /// ```
    /// use tencent_live_webhook::{IdempotencyKey, KeyStrength};
    ///
    /// let key = IdempotencyKey::new("Live.CallbackAfterStartBattle", br#"{"BattleId":"b-1"}"#);
    /// assert_eq!(key.strength(), KeyStrength::Exact);
    /// ```
    pub fn strength(&self) -> KeyStrength {
        self.strength
    }

    /// The key, or `None` for [`KeyStrength::None`].
    ///
    /// ```
    /// use tencent_live_webhook::IdempotencyKey;
    ///
    /// let key = IdempotencyKey::new("Live.CallbackAfterStartBattle", br#"{"BattleId":"b-1"}"#);
    /// assert_eq!(key.as_str(), Some("Live.CallbackAfterStartBattle:b-1"));
    /// ```
    pub fn as_str(&self) -> Option<&str> {
        self.key.as_deref()
    }
}

/// The key itself, or `(no key)` for [`KeyStrength::None`]; for logs. Store
/// [`as_str`](IdempotencyKey::as_str), which has no such stand-in.
///
/// ```
/// use tencent_live_webhook::IdempotencyKey;
///
/// let key = IdempotencyKey::new("Live.CallbackAfterStartBattle", br#"{"BattleId":"b-1"}"#);
/// assert_eq!(key.to_string(), "Live.CallbackAfterStartBattle:b-1");
/// assert_eq!(IdempotencyKey::new("Live.CallbackBeforeSendGift", b"{}").to_string(), "(no key)");
/// ```
impl fmt::Display for IdempotencyKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key.as_deref().unwrap_or("(no key)"))
    }
}

/// The natural id of the event, when it has one (the table on
/// [`IdempotencyKey`]).
fn natural_id(command: &str, fields: &Fields) -> Option<String> {
    match command {
        "Live.CallbackAfterCreateBattle"
        | "Live.CallbackAfterStartBattle"
        | "Live.CallbackAfterEndBattle" => id(&fields.battle_id),
        "Group.CallbackBeforeSendMsg" => id(&fields.msg_id),
        "Group.CallbackAfterSendMsg" => id(&fields.msg_id).or_else(|| group_sequence(fields)),
        // The rest of the table: rooms, members, seats, follows, gifts and
        // recordings have no id of their own.
        "Live.CallbackAfterCreateRoom"
        | "Live.CallbackAfterDestroyRoom"
        | "Live.CallbackAfterUpdateRoomInfo"
        | "Live.CallbackAfterSetMetadata"
        | "Live.CallbackAfterDelMetadata"
        | "Live.CallbackAfterCreateRoomReachingThreshold"
        | "Live.CallbackAfterMemberStateChanged"
        | "Live.CallbackAfterChangeOwner"
        | "Live.CallbackAfterModifyAdmin"
        | "Mic.CallbackAfterSeatInfoChanged"
        | "Live.CallbackBeforeSendGift"
        | "Follow.CallbackAfterFollowAdd"
        | "Follow.CallbackAfterFollowDelete"
        | "Live.CallbackAfterCloudRecordingChanged"
        | "Follow.CallbackAfterCloudRecordingChanged" => None,
        // One version of a message's extensions: `Seq` numbers the whole
        // set's versions.
        "C2C.CallbackAfterC2CMsgExtension" => {
            let message = id(&fields.msg_key)?;
            Some(format!("{message}:{}", unsigned(&fields.seq)?))
        }
        // One moderation request's result.
        "ContentCallback.ResultNotify" => id(&fields.ctxcb_request_id),
        // Otherwise a message's id is the event's only when the event is the
        // message being sent.
        _ if sends_a_message(command) => id(&fields.msg_id).or_else(|| id(&fields.msg_key)),
        _ => None,
    }
}

/// `…SendMsg` (`C2C.CallbackAfterSendMsg`, `OfficialAccount.CallbackAfterSendMsg`…)
/// and the chatbots' `Bot.OnC2CMessage`, `Bot.OnGroupMessage`.
fn sends_a_message(command: &str) -> bool {
    command.ends_with("SendMsg") || (command.starts_with("Bot.On") && command.ends_with("Message"))
}

/// `GroupId[/TopicId]:MsgSeq:MsgTime`, when all but `TopicId` are given and
/// usable, and `TopicId` is usable or absent.
fn group_sequence(fields: &Fields) -> Option<String> {
    let group = id(&fields.group_id)?;
    let sequence = unsigned(&fields.msg_seq)?;
    let time = unsigned(&fields.msg_time)?;
    match &fields.topic_id {
        None | Some(Scalar::Null) => Some(format!("{group}:{sequence}:{time}")),
        topic => Some(format!("{group}/{}:{sequence}:{time}", id(topic)?)),
    }
}

fn has_millisecond_time(command: &str, fields: &Fields) -> bool {
    let extra = match command {
        "Live.CallbackAfterCreateRoom" => milliseconds(&fields.room_info.event_time),
        "Live.CallbackAfterCloudRecordingChanged" | "Follow.CallbackAfterCloudRecordingChanged" => {
            milliseconds(&fields.event_info.event_ms_ts) || milliseconds(&fields.callback_ts)
        }
        _ => false,
    };
    extra || milliseconds(&fields.event_time)
}

/// A natural id: a non-empty string as written, or an integer.
fn id(value: &Option<Scalar>) -> Option<String> {
    match value.as_ref()? {
        Scalar::Text(text) if usable(text, MAX_ID) => Some(text.clone()),
        Scalar::Integer(digits) => Some(digits.clone()),
        _ => None,
    }
}

/// An unsigned integer, or a string of its digits, written back as an integer.
fn unsigned(value: &Option<Scalar>) -> Option<u64> {
    match value.as_ref()? {
        Scalar::Text(text) | Scalar::Integer(text) => {
            if text.is_empty() || !text.bytes().all(|byte| byte.is_ascii_digit()) {
                return None;
            }
            text.parse().ok()
        }
        Scalar::Null | Scalar::Other => None,
    }
}

fn milliseconds(value: &Option<Scalar>) -> bool {
    unsigned(value).is_some_and(|time| time >= MILLISECONDS_FROM)
}

/// Non-empty, at most `max` bytes, no control character.
fn usable(text: &str, max: usize) -> bool {
    !text.is_empty() && text.len() <= max && !text.chars().any(char::is_control)
}

/// The members a key is made from; every other member is skipped unread.
#[derive(Default, Deserialize)]
struct Fields {
    #[serde(rename = "BattleId", default)]
    battle_id: Option<Scalar>,
    #[serde(rename = "MsgId", default)]
    msg_id: Option<Scalar>,
    #[serde(rename = "MsgKey", default)]
    msg_key: Option<Scalar>,
    #[serde(rename = "GroupId", default)]
    group_id: Option<Scalar>,
    #[serde(rename = "TopicId", default)]
    topic_id: Option<Scalar>,
    #[serde(rename = "MsgSeq", default)]
    msg_seq: Option<Scalar>,
    #[serde(rename = "MsgTime", default)]
    msg_time: Option<Scalar>,
    #[serde(rename = "EventTime", default)]
    event_time: Option<Scalar>,
    #[serde(rename = "CallbackTs", default)]
    callback_ts: Option<Scalar>,
    #[serde(rename = "Seq", default)]
    seq: Option<Scalar>,
    #[serde(rename = "CtxcbRequestId", default)]
    ctxcb_request_id: Option<Scalar>,
    #[serde(rename = "RoomInfo", default)]
    room_info: RoomInfo,
    #[serde(rename = "EventInfo", default)]
    event_info: EventInfo,
}

/// `RoomInfo.EventTime`, where one copy of Tencent's docs puts `EventTime`.
#[derive(Default)]
struct RoomInfo {
    event_time: Option<Scalar>,
}

/// `EventInfo.EventMsTs` of a recording event.
#[derive(Default)]
struct EventInfo {
    event_ms_ts: Option<Scalar>,
}

impl<'de> Deserialize<'de> for RoomInfo {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let event_time = deserializer.deserialize_any(Member("EventTime"))?;
        Ok(Self { event_time })
    }
}

impl<'de> Deserialize<'de> for EventInfo {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let event_ms_ts = deserializer.deserialize_any(Member("EventMsTs"))?;
        Ok(Self { event_ms_ts })
    }
}

/// One member of a nested object; anything that is not an object has none.
struct Member(&'static str);

impl<'de> Visitor<'de> for Member {
    type Value = Option<Scalar>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut found = None;
        while let Some(name) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            if name == self.0 {
                if found.is_some() {
                    return Err(de::Error::duplicate_field(self.0));
                }
                found = Some(map.next_value::<Scalar>()?);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(found)
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        IgnoredAny.visit_seq(seq).map(|_| None)
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
}

/// A member's value as far as a key cares.
enum Scalar {
    /// A JSON string.
    Text(String),
    /// A JSON integer, its digits (with `-` when negative).
    Integer(String),
    /// `null`.
    Null,
    /// A float, a boolean, an array or an object.
    Other,
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ScalarVisitor)
    }
}

struct ScalarVisitor;

impl<'de> Visitor<'de> for ScalarVisitor {
    type Value = Scalar;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Scalar, E> {
        Ok(Scalar::Text(value.to_owned()))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Scalar, E> {
        Ok(Scalar::Integer(value.to_string()))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Scalar, E> {
        Ok(Scalar::Integer(value.to_string()))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Scalar, E> {
        Ok(Scalar::Other)
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Scalar, E> {
        Ok(Scalar::Other)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Scalar, E> {
        Ok(Scalar::Null)
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<Scalar, A::Error> {
        IgnoredAny.visit_seq(seq).map(|_| Scalar::Other)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Scalar, A::Error> {
        IgnoredAny.visit_map(map).map(|_| Scalar::Other)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(command: &str, body: &str) -> (KeyStrength, Option<String>) {
        let key = IdempotencyKey::new(command, body.as_bytes());
        (key.strength(), key.as_str().map(str::to_owned))
    }

    fn exact(key: &str) -> (KeyStrength, Option<String>) {
        (KeyStrength::Exact, Some(key.to_owned()))
    }

    const NONE: (KeyStrength, Option<String>) = (KeyStrength::None, None);

    /// Bodies without a natural id but with a millisecond time: the key is
    /// the command and the body's sha256, each digest computed outside the
    /// crate with `printf '%s' BODY | sha256sum`.
    const PROBABLE: &[(&str, &str, &str)] = &[
        (
            "Live.CallbackAfterCreateRoom",
            r#"{"CallbackCommand":"Live.CallbackAfterCreateRoom","Operator_Account":"admin","RoomInfo":{"RoomId":"tandy-test-rest","CreateTime":1703589922,"EventTime":1703589922780}}"#,
            "111d99b4226128913b870440a9f81640513aa0d27efde3af964c57f3b3d8a03f",
        ), // create_room_info_time
        (
            "Live.CallbackAfterCreateRoom",
            r#"{"CallbackCommand":"Live.CallbackAfterCreateRoom","Operator_Account":"admin","RoomInfo":{"RoomId":"tandy-test-rest"},"EventTime":1703589922780}"#,
            "9ff798111cd2bdf2f2ed2967899749b5f91bad17a5a5f16bc5a51ab98e1b9184",
        ), // create_room_top_time
        (
            "Live.CallbackAfterDestroyRoom",
            r#"{"CallbackCommand":"Live.CallbackAfterDestroyRoom","Operator_Account":"@TIM#SYSTEM","RoomId":"436","EventType":"DestroyBySystem","EventTime":1756986061775}"#,
            "2b5e3b7670928d170a8680c4a98249994d5e607c9b2326aeb57e84bd457cc0d0",
        ), // destroy_room
        (
            "Live.CallbackAfterUpdateRoomInfo",
            r#"{"CallbackCommand":"Live.CallbackAfterUpdateRoomInfo","Operator_Account":"bob","RoomInfo":{"RoomId":"live-room","RoomName":"rname-123"},"EventTime":1670574414123}"#,
            "a99e756e33add96fab61e1737952f03c399e36f39addd3b4580db0342508f296",
        ), // update_room
        (
            "Live.CallbackAfterSetMetadata",
            r#"{"CallbackCommand":"Live.CallbackAfterSetMetadata","Operator_Account":"brennanli","RoomId":"live-room1111","Metadata":[{"Key":"key1","Value":"value1"}],"EventTime":1739965885831}"#,
            "fed07fdecc844fbf203698bd0790849292a72e337e350f1564fb1a56b9ccc23c",
        ), // set_metadata
        (
            "Live.CallbackAfterDelMetadata",
            r#"{"CallbackCommand":"Live.CallbackAfterDelMetadata","Operator_Account":"brennanli","RoomId":"live-room1111","Keys":["key1","key2"],"EventTime":1739966441121}"#,
            "bd28878d04fb84a174f64fa172c7ff18fa210bd9a5bb849595e000dc5d8cfa26",
        ), // del_metadata
        (
            "Live.CallbackAfterCreateRoomReachingThreshold",
            r#"{"CallbackCommand":"Live.CallbackAfterCreateRoomReachingThreshold","Operator_Account":"brennanli","EventTime":1739966441121,"CurRoomCount":400,"MaxRoomCount":500}"#,
            "21f050c038068d821dced18ccb2f5c7b5845e32cccfe66866ebd86edb183b487",
        ), // threshold
        (
            "Live.CallbackAfterMemberStateChanged",
            r#"{"CallbackCommand":"Live.CallbackAfterMemberStateChanged","RoomId":"room_id","EventType":"Online","EventCause":"Enter","MemberList":[{"Member_Account":"jared"}],"EventTime":"1703589922780"}"#,
            "fed10a52b7af885c7787208ac0534807dd2bc8cc8a87906875711c355b7e51ae",
        ), // member_state
        (
            "Live.CallbackAfterChangeOwner",
            r#"{"CallbackCommand":"Live.CallbackAfterChangeOwner","RoomId":"room_id","EventTime":1703589922780,"Operator_Account":"admin","CurrentOwner_Account":"user2","OriginalOwner_Account":"user1"}"#,
            "f79fb1f0776aa97f3fb87cb68b9fbf345d7ee4a88d39989f841be966bfc3f2b6",
        ), // change_owner
        (
            "Live.CallbackAfterModifyAdmin",
            r#"{"CallbackCommand":"Live.CallbackAfterModifyAdmin","RoomId":"room_id","EventTime":1703589922780,"Operator_Account":"admin","Admin_Account":["user1","user2"],"opType":"add"}"#,
            "9537d7e09207a03b664d7aee9fd94b8c49f2537aba7bae9ff45a140364868507",
        ), // modify_admin
        (
            "Mic.CallbackAfterSeatInfoChanged",
            r#"{"CallbackCommand":"Mic.CallbackAfterSeatInfoChanged","RoomId":"rid-123","SeatList":[{"Index":1,"Member_Account":144115233775727695}],"EventTime":1670574414123}"#,
            "48e1241dc3b7e378d8c7ece2eca191d10ee31dcd78667b441b6d19a8f66e3f9a",
        ), // seats
        (
            "Live.CallbackAfterEndBattle",
            r#"{"CallbackCommand":"Live.CallbackAfterEndBattle","BattleId":1.5e300,"EventTime":1739956146119}"#,
            "cc46b1f9dc6812a17e846697f2bc4579411c5c60d37493a4f45cef9b143b3d27",
        ), // battle_no_id
        (
            "Live.CallbackBeforeSendGift",
            r#"{"CallbackCommand":"Live.CallbackBeforeSendGift","RoomId":"room_id","GiftWater":{"From_Account":"from","To_Account":["to1"],"Time":1703589922,"GiftId":"gift1","Count":1,"Coins":1000},"EventTime":1703589922781}"#,
            "7af17b85b19cc2f0654915dc2cae54d97950799a52d4b8f3729819633bec9e8c",
        ), // gift_time
        (
            "Group.CallbackBeforeSendMsg",
            r#"{"CallbackCommand":"Group.CallbackBeforeSendMsg","EventTime":1657699196949,"From_Account":"ttt","GroupId":"e6a954aa-2419-4743-b968-a971f8077bf1","MsgBody":[{"MsgContent":{"Text":"hello world"},"MsgType":"TIMTextElem"}],"MsgPriority":"Normal","OnlineOnlyFlag":0,"Operator_Account":"ttt","Random":41784661,"Type":"AVChatRoom"}"#,
            "6f213794cc7e379462182ab442a15e3cab2d5d8944b39e1c83a3361696d7484e",
        ), // before_msg_koa
        (
            "Group.CallbackAfterSendMsg",
            r#"{"CallbackCommand":"Group.CallbackAfterSendMsg","GroupId":"@TGS#2J4SZEAEL","MsgSeq":123,"EventTime":"1670574414123"}"#,
            "f901dda55b85cc85dc1328d3d832afa0fa21f53cf00291b2fc6d0f47a4cfaf8c",
        ), // after_msg_seq_only
        (
            "Follow.CallbackAfterFollowAdd",
            r#"{"CallbackCommand":"Follow.CallbackAfterFollowAdd","From_Account":"UserID_001","FollowList":[{"To_Account":"UserID_002"}],"EventTime":1702018343678}"#,
            "ef9dcecbc9193ba562baf484dcc54744549ed9acecd02b83434a785b9466ef60",
        ), // follow_add
        (
            "Follow.CallbackAfterFollowDelete",
            r#"{"CallbackCommand":"Follow.CallbackAfterFollowDelete","From_Account":"UserID_001","To_Account":["UserID_002","UserID_003"],"EventTime":1702018343678}"#,
            "0d71987807dda884614d9d12eb443e5ddc3da71f4ec017b32e91b205ad32f313",
        ), // follow_delete
        (
            "Live.CallbackAfterCloudRecordingChanged",
            r#"{"CallbackCommand":"Live.CallbackAfterCloudRecordingChanged","EventGroupId":3,"EventType":305,"EventInfo":{"RoomId":"635055","EventTs":1752580150,"EventMsTs":1752580150081,"UserId":"user1","Payload":{"Status":0}}}"#,
            "f35177400ae1ad5d153f1e81a2cff6105e32c255390ffc83fdde7aaf5dc407ff",
        ), // recording
        (
            "Follow.CallbackAfterCloudRecordingChanged",
            r#"{"CallbackCommand":"Follow.CallbackAfterCloudRecordingChanged","EventGroupId":3,"EventType":301,"CallbackTs":1752580150082,"EventInfo":{"RoomId":"635055"}}"#,
            "9deed6075c00b745b4f3892439cbfbd116cbd7828181121a63e3933966557fb8",
        ), // recording_callback_ts
        (
            "Bot.OnGroupMessage",
            r#"{"CallbackCommand":"Bot.OnGroupMessage","GroupId":"@TGS#2J4SZEAEL","MsgSeq":123,"MsgTime":1490686222,"EventTime":1670574414123}"#,
            "8df1963721563ccd1faf48c8d2967993af48d6214c96ba8b090db2fe13469e9f",
        ), // bot_group
    ];

    #[test]
    fn a_body_with_a_millisecond_time_and_no_natural_id_is_keyed_by_its_sha256() {
        for (command, body, digest) in PROBABLE {
            assert_eq!(
                key(command, body),
                (KeyStrength::Probable, Some(format!("{command}:{digest}"))),
                "{body}"
            );
        }
    }

    #[test]
    fn every_room_member_seat_and_follow_command_without_a_millisecond_time_has_no_key() {
        for command in [
            "Live.CallbackAfterCreateRoom",
            "Live.CallbackAfterDestroyRoom",
            "Live.CallbackAfterUpdateRoomInfo",
            "Live.CallbackAfterSetMetadata",
            "Live.CallbackAfterDelMetadata",
            "Live.CallbackAfterCreateRoomReachingThreshold",
            "Live.CallbackAfterMemberStateChanged",
            "Live.CallbackAfterChangeOwner",
            "Live.CallbackAfterModifyAdmin",
            "Mic.CallbackAfterSeatInfoChanged",
            "Follow.CallbackAfterFollowAdd",
            "Follow.CallbackAfterFollowDelete",
            "Live.CallbackAfterCloudRecordingChanged",
        ] {
            // A room id, even with the room's creation time, is no event id.
            let body = r#"{"RoomId":"r-1","RoomInfo":{"RoomId":"r-1","CreateTime":1703589922}}"#;
            assert_eq!(key(command, body), NONE, "{command}");
        }
        // Tencent's English sample of the room creation has no EventTime.
        let sample = r#"{"CallbackCommand":"Live.CallbackAfterCreateRoom","Operator_Account":"admin","RoomInfo":{"RoomId":"tandy-test-rest","RoomName":"tandy-test-rest","RoomType":"Live","Owner_Account":"user3","CreateTime":1703589922}}"#;
        assert_eq!(key("Live.CallbackAfterCreateRoom", sample), NONE);
        // A recording event's times in seconds are not milliseconds.
        let recording = r#"{"EventGroupId":3,"EventType":305,"EventInfo":{"RoomId":"635055","EventTs":1752580150}}"#;
        assert_eq!(
            key("Live.CallbackAfterCloudRecordingChanged", recording),
            NONE
        );
    }

    #[test]
    fn the_battle_commands_are_keyed_by_their_battle_id() {
        assert_eq!(
            key(
                "Live.CallbackAfterCreateBattle",
                r#"{"CallbackCommand":"Live.CallbackAfterCreateBattle","Operator_Account":"brennanli","BattleId":"4siHsNsWN/T3aub9zKraqPbSEGRX2z6gs3LDFi+d/3M=","FromRoomId":"pk-3","EventTime":1739954005000}"#
            ),
            exact("Live.CallbackAfterCreateBattle:4siHsNsWN/T3aub9zKraqPbSEGRX2z6gs3LDFi+d/3M=")
        );
        assert_eq!(
            key(
                "Live.CallbackAfterStartBattle",
                r#"{"BattleId":"4siHsNsWN/T3aub9zKraqI4zZAyPRpXQhdtKv1q4HOs=","Duration":60000}"#
            ),
            exact("Live.CallbackAfterStartBattle:4siHsNsWN/T3aub9zKraqI4zZAyPRpXQhdtKv1q4HOs=")
        );
        // An id sent as a number keeps every digit, past 2^53 and to u64::MAX.
        assert_eq!(
            key(
                "Live.CallbackAfterEndBattle",
                r#"{"BattleId":18446744073709551615}"#
            ),
            exact("Live.CallbackAfterEndBattle:18446744073709551615")
        );
        assert_eq!(
            key(
                "Live.CallbackAfterEndBattle",
                r#"{"BattleId":144115245353757793}"#
            ),
            exact("Live.CallbackAfterEndBattle:144115245353757793")
        );
        // Without a usable BattleId: the time decides (PROBABLE has one).
        for body in [
            r#"{"BattleId":"","EventTime":1739956146}"#,
            r#"{"BattleId":null}"#,
            r#"{"BattleId":true,"EventTime":"1739956146"}"#,
            r#"{"BattleId":{"Id":"b"}}"#,
            r#"{"FromRoomInfo":{"RoomId":"pk-3"}}"#,
        ] {
            assert_eq!(key("Live.CallbackAfterEndBattle", body), NONE, "{body}");
        }
    }

    #[test]
    fn two_identical_gifts_have_no_key() {
        // Tencent's documented gift: no id, and its only time is in seconds.
        // Two taps within one second send this body twice: two gifts.
        let gift = r#"{"CallbackCommand":"Live.CallbackBeforeSendGift","Operator_Account":"brennanli","RoomId":"room_id","GiftWater":{"From_Account":"from","To_Account":["to1"],"Time":1703589922,"GiftId":"gift1","Count":1,"Coins":1000}}"#;
        let first = IdempotencyKey::new("Live.CallbackBeforeSendGift", gift.as_bytes());
        let second = IdempotencyKey::new("Live.CallbackBeforeSendGift", gift.as_bytes());
        assert_eq!(first.strength(), KeyStrength::None);
        assert_eq!(second.strength(), KeyStrength::None);
        assert_eq!((first.as_str(), second.as_str()), (None, None));
        assert_eq!(first.to_string(), "(no key)");
    }

    #[test]
    fn a_room_message_is_keyed_by_its_msg_id_else_its_group_sequence() {
        let doc = r#"{"CallbackCommand":"Group.CallbackBeforeSendMsg","GroupId":"@TGS#2J4SZEAEL","Type":"Live","From_Account":"jared","Random":123456,"MsgId":"144115233406643804-1727580296-4026038328","EventTime":"1670574414123"}"#;
        assert_eq!(
            key("Group.CallbackBeforeSendMsg", doc),
            exact("Group.CallbackBeforeSendMsg:144115233406643804-1727580296-4026038328")
        );
        assert_eq!(
            key(
                "Group.CallbackAfterSendMsg",
                &doc.replace("BeforeSendMsg", "AfterSendMsg").replace(
                    r#""Random""#,
                    r#""MsgSeq":123,"MsgTime":1490686222,"Random""#
                )
            ),
            exact("Group.CallbackAfterSendMsg:144115233406643804-1727580296-4026038328")
        );
        // A real capture (2019): no MsgId, no EventTime; MsgSeq and MsgTime.
        let gogf = r#"{"CallbackCommand":"Group.CallbackAfterSendMsg","From_Account":"61934946","GroupId":"@TGS#2FLGX67FD","MsgBody":[{"MsgContent":{"Text":"x"},"MsgType":"TIMTextElem"}],"MsgSeq":23,"MsgTime":1567032819,"Operator_Account":"61934946","Random":2804799576,"Type":"Public"}"#;
        assert_eq!(
            key("Group.CallbackAfterSendMsg", gogf),
            exact("Group.CallbackAfterSendMsg:@TGS#2FLGX67FD:23:1567032819")
        );
        // Numbers as strings are written back as numbers.
        assert_eq!(
            key(
                "Group.CallbackAfterSendMsg",
                r#"{"GroupId":"g","MsgSeq":"0023","MsgTime":"1567032819"}"#
            ),
            exact("Group.CallbackAfterSendMsg:g:23:1567032819")
        );
        // A community topic has its own sequence.
        let topic = r#"{"GroupId":"@TGS#2J4SZEAEL","Type":"Community","TopicId":"@TGS#_@TGS#cQVLVHIM62CJ@TOPIC#_TestTopic","MsgSeq":123,"MsgTime":1490686222}"#;
        assert_eq!(
            key("Group.CallbackAfterSendMsg", topic),
            exact("Group.CallbackAfterSendMsg:@TGS#2J4SZEAEL/@TGS#_@TGS#cQVLVHIM62CJ@TOPIC#_TestTopic:123:1490686222")
        );
        // A MsgId given as a number keeps its digits.
        assert_eq!(
            key(
                "Group.CallbackAfterSendMsg",
                r#"{"GroupId":"g","MsgId":144115233406643804}"#
            ),
            exact("Group.CallbackAfterSendMsg:144115233406643804")
        );
        // The message before sending has no sequence yet.
        assert_eq!(key("Group.CallbackBeforeSendMsg", gogf), NONE);
        for body in [
            // The oldest format (a real capture): no id, no time.
            r#"{"CallbackCommand":"Group.CallbackAfterSendMsg","From_Account":"12100008888","GroupId":"@xmniao#999991","Type":"AVChatRoom"}"#,
            // A sequence without its time, or its group, is not used.
            r#"{"GroupId":"g","MsgSeq":23}"#,
            r#"{"MsgSeq":23,"MsgTime":1567032819}"#,
            r#"{"GroupId":"g","MsgSeq":-1,"MsgTime":1567032819}"#,
            r#"{"GroupId":"g","MsgSeq":23.0,"MsgTime":1567032819}"#,
            r#"{"GroupId":"g","MsgSeq":23,"MsgTime":1567032819,"TopicId":7.5}"#,
            // An unusable MsgId: empty, with a control character, too long.
            r#"{"GroupId":"g","MsgId":""}"#,
            r#"{"GroupId":"g","MsgId":"m\u0000"}"#,
        ] {
            assert_eq!(key("Group.CallbackAfterSendMsg", body), NONE, "{body}");
        }
        let long = format!(r#"{{"GroupId":"g","MsgId":"{}"}}"#, "m".repeat(257));
        assert_eq!(key("Group.CallbackAfterSendMsg", &long), NONE);
        let longest = format!(r#"{{"GroupId":"g","MsgId":"{}"}}"#, "m".repeat(256));
        assert_eq!(
            key("Group.CallbackAfterSendMsg", &longest)
                .1
                .map(|key| key.len()),
            Some("Group.CallbackAfterSendMsg:".len() + 256)
        );
    }

    #[test]
    fn outside_the_table_only_a_sent_message_has_a_natural_id() {
        let c2c = r#"{"CallbackCommand":"C2C.CallbackAfterSendMsg","From_Account":"jared","To_Account":"Jonh","MsgSeq":48374,"MsgRandom":2837546,"MsgTime":1557481126,"MsgKey":"48374_2837546_1557481126"}"#;
        assert_eq!(
            key("C2C.CallbackAfterSendMsg", c2c),
            exact("C2C.CallbackAfterSendMsg:48374_2837546_1557481126")
        );
        assert_eq!(
            key(
                "Bot.OnC2CMessage",
                r#"{"MsgKey":"48374_2837546_1557481126","MsgId":"144115433090395387-1769139578-24064952"}"#
            ),
            exact("Bot.OnC2CMessage:144115433090395387-1769139578-24064952")
        );
        // One message, extended three times: three events with one MsgKey,
        // told apart by the version of the whole set.
        assert_eq!(
            key(
                "C2C.CallbackAfterC2CMsgExtension",
                r#"{"MsgKey":"93847636_1287657_1764688415","Seq":2}"#
            ),
            exact("C2C.CallbackAfterC2CMsgExtension:93847636_1287657_1764688415:2")
        );
        assert_eq!(
            key(
                "C2C.CallbackAfterC2CMsgExtension",
                r#"{"MsgKey":"93847636_1287657_1764688415","Seq":"3"}"#
            ),
            exact("C2C.CallbackAfterC2CMsgExtension:93847636_1287657_1764688415:3")
        );
        assert_eq!(
            key(
                "C2C.CallbackAfterC2CMsgExtension",
                r#"{"MsgKey":"93847636_1287657_1764688415"}"#
            ),
            NONE,
            "without the version, one of several"
        );
        assert_eq!(
            key(
                "ContentCallback.ResultNotify",
                r#"{"Scene":"C2C","MsgID":"1434460578_4137340972_1661154487","CtxcbRequestId":"8cc7e7b4-2b5c-11ed-b6b6-525400c1b4c8"}"#
            ),
            exact("ContentCallback.ResultNotify:8cc7e7b4-2b5c-11ed-b6b6-525400c1b4c8")
        );
        assert_eq!(
            key("ContentCallback.ResultNotify", r#"{"Scene":"C2C"}"#),
            NONE
        );
        assert_eq!(
            key("C2C.CallbackAfterMsgWithDraw", c2c),
            NONE,
            "a recall names the message recalled"
        );
        assert_eq!(
            key(
                "Group.CallbackAfterGroupDestroyed",
                r#"{"GroupId":"@TGS#2J4SZEAEL"}"#
            ),
            NONE
        );
    }

    #[test]
    fn a_time_in_seconds_is_not_a_millisecond_time() {
        for time in [
            "1703589922",
            r#""1703589922""#,
            "999999999999",
            "0",
            r#""""#,
            r#""1.7e12""#,
            "1703589922780.5",
        ] {
            let body = format!(r#"{{"RoomId":"r","EventTime":{time}}}"#);
            assert_eq!(key("Live.CallbackAfterDestroyRoom", &body), NONE, "{body}");
        }
        let body = r#"{"RoomId":"r","EventTime":1000000000000}"#;
        assert_eq!(
            key("Live.CallbackAfterDestroyRoom", body).0,
            KeyStrength::Probable
        );
    }

    #[test]
    fn any_bytes_get_a_key_and_what_cannot_be_read_gets_none() {
        for body in [
            &b""[..],
            b"not json",
            b"\xff\xfe{",
            br#"["4siHsNsWN/T3aub9zKraqPfGQAimPhdFoe6VWhtz9lY=",1739956146119]"#,
            br#"{"BattleId":"b-1","BattleId":"b-2"}"#,
            br#"{"BattleId":"b-1","EventTime":1739956146119"#,
            br#"{"BattleId":"b-1"} trailing"#,
            b"null",
            b"\"b-1\"",
        ] {
            let key = IdempotencyKey::new("Live.CallbackAfterEndBattle", body);
            assert_eq!(key.strength(), KeyStrength::None, "{body:?}");
            assert_eq!(key.as_str(), None);
        }
        // Leading white space is no reason to refuse an object.
        assert_eq!(
            key("Live.CallbackAfterEndBattle", " \n\t{\"BattleId\":\"b-1\"}"),
            exact("Live.CallbackAfterEndBattle:b-1")
        );
        // A command that is empty, too long or holds a control character.
        let long = "C".repeat(129);
        for command in ["", long.as_str(), "Live.CallbackAfterEndBattle\n"] {
            assert_eq!(
                key(command, r#"{"BattleId":"b-1","EventTime":1739956146119}"#),
                NONE
            );
        }
        assert_eq!(
            key(&"C".repeat(128), r#"{"MsgId":"m"}"#).0,
            KeyStrength::None,
            "a command outside the table that sends nothing"
        );
    }

    fn member() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let name = prop::sample::select(vec![
            "BattleId",
            "MsgId",
            "MsgKey",
            "GroupId",
            "TopicId",
            "MsgSeq",
            "MsgTime",
            "EventTime",
            "CallbackTs",
            "Other",
        ]);
        let value = prop_oneof![
            Just("null".to_owned()),
            Just("true".to_owned()),
            any::<u64>().prop_map(|n| n.to_string()),
            any::<i64>().prop_map(|n| n.to_string()),
            any::<f64>().prop_map(|n| format!("{n:?}")),
            "[a-z0-9/+=:\\\\u0000-]{0,12}".prop_map(|text| format!("\"{text}\"")),
            "[0-9]{10,14}".prop_map(|digits| format!("\"{digits}\"")),
            Just(r#"{"EventTime":1703589922780,"EventMsTs":1752580150081}"#.to_owned()),
        ];
        (name, value).prop_map(|(name, value)| format!("\"{name}\":{value}"))
    }

    proptest::proptest! {
        #[test]
        fn any_body_gets_a_key_of_the_documented_form(
            command in proptest::sample::select(vec![
                "Live.CallbackAfterEndBattle", "Group.CallbackAfterSendMsg",
                "Group.CallbackBeforeSendMsg", "Live.CallbackAfterCreateRoom",
                "Live.CallbackAfterCloudRecordingChanged", "Live.CallbackBeforeSendGift",
                "C2C.CallbackAfterSendMsg", "Group.CallbackAfterGroupDestroyed", "",
            ]),
            members in proptest::collection::vec(member(), 0..6),
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..48),
            raw in proptest::prelude::any::<bool>(),
        ) {
            let body = match raw {
                true => bytes,
                false => format!("{{{}}}", members.join(",")).into_bytes(),
            };
            let key = IdempotencyKey::new(command, &body);
            proptest::prop_assert_eq!(&key, &IdempotencyKey::new(command, &body));
            let rest = key.as_str().map(|key| key.strip_prefix(command).and_then(|rest| rest.strip_prefix(':')));
            match key.strength() {
                KeyStrength::None => proptest::prop_assert_eq!(rest, None),
                KeyStrength::Probable => {
                    let digest = hex::encode(Sha256::digest(&body));
                    proptest::prop_assert_eq!(rest, Some(Some(digest.as_str())));
                }
                KeyStrength::Exact => {
                    let id = rest.flatten().unwrap_or_default();
                    proptest::prop_assert!(!id.is_empty() && !id.chars().any(char::is_control), "{:?}", id);
                }
            }
        }
    }

    #[test]
    fn display_and_debug_show_the_key_and_its_strength() {
        let key = IdempotencyKey::new("Live.CallbackAfterEndBattle", br#"{"BattleId":"b-1"}"#);
        assert_eq!(key.to_string(), "Live.CallbackAfterEndBattle:b-1");
        assert_eq!(
            format!("{key:?}"),
            r#"IdempotencyKey { strength: Exact, key: Some("Live.CallbackAfterEndBattle:b-1") }"#
        );
        assert_eq!(KeyStrength::Probable.to_string(), "probable");
        assert_eq!(KeyStrength::None.as_str(), "none");
    }
}
