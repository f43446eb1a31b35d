//! `Mic.CallbackAfterSeatInfoChanged`: a room's seats (co-guest microphone
//! positions) changed: taken, left, locked, muted.

use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use crate::battle::unix_millis;
use crate::lenient;

/// `Mic.CallbackAfterSeatInfoChanged`: a room's seat list changed: a member
/// took or left a seat, or a seat was locked, or its audio or video was
/// allowed or prohibited. Tencent does not say whether `SeatList` holds every
/// seat or only the changed ones.
///
/// The Conference product (TUIRoomKit) sends the same command with an
/// `Operator_Account`; it is read when present.
///
/// Decoding is lenient, because Tencent does not retry: accounts may be JSON
/// strings or numbers (Tencent's sample has one above 2^53) and keep every
/// digit; numbers may be numeric strings; flags may be `0`/`1`; unknown fields
/// are ignored; `null` reads as absent, and what is absent stays out when the
/// event is written back (the accessors of the same names read `0`, `false`
/// or an empty list). Only a body without a `RoomId`, with
/// another `CallbackCommand`, or with a value its field cannot hold (a
/// `SeatList` that is not an array of objects, a fractional `Index`, a flag of
/// `2`) is refused.
///
/// ```
/// use tencent_live_webhook::{decode_json, SeatsChanged};
///
/// let body = br#"{"CallbackCommand":"Mic.CallbackAfterSeatInfoChanged","RoomId":"pk-3",
///     "SeatList":[{"Index":1,"Member_Account":144115233775727695,"IsTakenDisabled":false,
///         "IsVideoDisabled":false,"IsAudioDisabled":true},{"Index":2,"IsTakenDisabled":true}],
///     "EventTime":1739956020500}"#;
/// let changed: SeatsChanged = decode_json(SeatsChanged::COMMAND, body)?;
///
/// let taken = &changed.seats()[0];
/// assert_eq!(taken.occupant(), Some("144115233775727695"));
/// assert!(taken.is_audio_disabled());
/// assert_eq!(changed.seats()[1].occupant(), None);
/// assert_eq!(changed.seat(2).map(|seat| seat.is_taken_disabled()), Some(true));
/// assert_eq!(changed.seats()[1].is_audio_disabled, None, "absent stays absent");
/// # Ok::<(), tencent_live_webhook::Rejection>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "CallbackCommand", rename = "Mic.CallbackAfterSeatInfoChanged")]
#[non_exhaustive]
pub struct SeatsChanged {
    /// `RoomId`: the room. Required.
    #[serde(rename = "RoomId", deserialize_with = "lenient::id")]
    pub room_id: String,
    /// `SeatList`: the seats, each with its state after the change.
    #[serde(
        rename = "SeatList",
        default,
        deserialize_with = "lenient::option_objects",
        skip_serializing_if = "Option::is_none"
    )]
    pub seats: Option<Vec<Seat>>,
    /// `Operator_Account`: who made the change. Sent by the Conference product
    /// only; `None` in a Live payload.
    #[serde(
        rename = "Operator_Account",
        default,
        deserialize_with = "lenient::option_account",
        skip_serializing_if = "Option::is_none"
    )]
    pub operator_account: Option<String>,
    /// `EventTime`: when Tencent fired the event, Unix **milliseconds**;
    /// `None` when the body has none.
    #[serde(
        rename = "EventTime",
        default,
        deserialize_with = "lenient::option_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub event_time_ms: Option<u64>,
}

callback!(SeatsChanged = "Mic.CallbackAfterSeatInfoChanged");

impl SeatsChanged {
    /// `SeatList`; empty when the body has none.
    pub fn seats(&self) -> &[Seat] {
        self.seats.as_deref().unwrap_or_default()
    }

    /// The seat with this `Index`, if the list has it (a seat without an
    /// `Index` is never found).
    pub fn seat(&self, index: u32) -> Option<&Seat> {
        self.seats().iter().find(|seat| seat.index == Some(index))
    }

    /// When Tencent fired the event; `None` when the body has no `EventTime`
    /// or it is past what `SystemTime` holds.
    pub fn event_time(&self) -> Option<SystemTime> {
        self.event_time_ms.and_then(unix_millis)
    }
}

/// One seat of a [`SeatsChanged`] event.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Seat {
    /// `Index`: the seat's number; `None` when the element has none.
    #[serde(
        rename = "Index",
        default,
        deserialize_with = "lenient::option_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub index: Option<u32>,
    /// `Member_Account`: who is on the seat, a JSON string or number (kept
    /// digit for digit); `None` when the seat is empty (Tencent then leaves the
    /// field out).
    #[serde(
        rename = "Member_Account",
        default,
        deserialize_with = "lenient::option_account",
        skip_serializing_if = "Option::is_none"
    )]
    pub member_account: Option<String>,
    /// `IsTakenDisabled`: whether the seat is locked (nobody may take it).
    #[serde(
        rename = "IsTakenDisabled",
        default,
        deserialize_with = "lenient::option_flag",
        skip_serializing_if = "Option::is_none"
    )]
    pub is_taken_disabled: Option<bool>,
    /// `IsVideoDisabled`: whether publishing video from the seat is prohibited.
    #[serde(
        rename = "IsVideoDisabled",
        default,
        deserialize_with = "lenient::option_flag",
        skip_serializing_if = "Option::is_none"
    )]
    pub is_video_disabled: Option<bool>,
    /// `IsAudioDisabled`: whether publishing audio from the seat is prohibited.
    #[serde(
        rename = "IsAudioDisabled",
        default,
        deserialize_with = "lenient::option_flag",
        skip_serializing_if = "Option::is_none"
    )]
    pub is_audio_disabled: Option<bool>,
}

impl Seat {
    /// An empty seat with everything allowed.
    pub fn new(index: u32) -> Self {
        Self {
            index: Some(index),
            member_account: None,
            is_taken_disabled: Some(false),
            is_video_disabled: Some(false),
            is_audio_disabled: Some(false),
        }
    }

    /// `Index`; 0 when the element has none.
    pub fn index(&self) -> u32 {
        self.index.unwrap_or(0)
    }

    /// `IsTakenDisabled`; `false` when the element has none.
    pub fn is_taken_disabled(&self) -> bool {
        self.is_taken_disabled.unwrap_or(false)
    }

    /// `IsVideoDisabled`; `false` when the element has none.
    pub fn is_video_disabled(&self) -> bool {
        self.is_video_disabled.unwrap_or(false)
    }

    /// `IsAudioDisabled`; `false` when the element has none.
    pub fn is_audio_disabled(&self) -> bool {
        self.is_audio_disabled.unwrap_or(false)
    }

    /// The same seat, taken by this account.
    pub fn taken_by(mut self, member_account: impl Into<String>) -> Self {
        self.member_account = Some(member_account.into());
        self
    }

    /// The account on the seat; `None` when the seat is empty (no
    /// `Member_Account`, or an empty one).
    pub fn occupant(&self) -> Option<&str> {
        self.member_account
            .as_deref()
            .filter(|account| !account.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode_json;
    use crate::rejection::Rejection;

    fn decode(body: &str) -> Result<SeatsChanged, Rejection> {
        decode_json(SeatsChanged::COMMAND, body.as_bytes())
    }

    #[test]
    fn decodes_the_documented_sample() {
        let changed = decode(
            r#"{"CallbackCommand":"Mic.CallbackAfterSeatInfoChanged","RoomId":"rid-123",
                "SeatList":[{"Index":1,"Member_Account":144115233775727695,
                "IsTakenDisabled":false,"IsVideoDisabled":false,"IsAudioDisabled":false}],
                "EventTime":1670574414123}"#,
        )
        .unwrap();
        assert_eq!(
            changed,
            SeatsChanged {
                room_id: "rid-123".into(),
                seats: Some(vec![Seat::new(1).taken_by("144115233775727695")]),
                operator_account: None,
                event_time_ms: Some(1670574414123),
            }
        );
    }

    #[test]
    fn empty_seats_have_no_occupant_and_stay_absent() {
        for body in [
            r#"{"RoomId":"r","SeatList":[{"Index":"3","IsTakenDisabled":1}]}"#,
            r#"{"RoomId":"r","SeatList":[{"Index":3,"Member_Account":null,"IsTakenDisabled":"true"}]}"#,
        ] {
            let changed = decode(body).unwrap();
            let seat = changed.seat(3).unwrap();
            assert_eq!(seat.member_account, None, "{body}");
            assert_eq!(seat.occupant(), None, "{body}");
            assert_eq!(seat.is_taken_disabled, Some(true), "{body}");
            assert_eq!(seat.is_audio_disabled, None, "{body}");
            let json = serde_json::to_value(&changed).unwrap();
            assert!(
                json["SeatList"][0].get("Member_Account").is_none(),
                "{json}"
            );
            assert_eq!(decode(&json.to_string()).unwrap(), changed);
        }
        let blank = Seat::new(0).taken_by("");
        assert_eq!(blank.occupant(), None);
        let bare = decode(r#"{"RoomId":"r","SeatList":[{}]}"#).unwrap();
        assert_eq!(bare.seat(0), None, "a seat without an Index is not seat 0");
        assert_eq!(bare.seats()[0].index(), 0);
        assert_eq!(
            serde_json::to_string(&bare).unwrap(),
            r#"{"CallbackCommand":"Mic.CallbackAfterSeatInfoChanged","RoomId":"r","SeatList":[{}]}"#
        );
        assert!(decode(r#"{"RoomId":"r"}"#).unwrap().seats().is_empty());
    }

    #[test]
    fn conference_operator_is_read_and_written() {
        let changed = decode(r#"{"RoomId":"r","Operator_Account":"user1","SeatList":[]}"#).unwrap();
        assert_eq!(changed.operator_account.as_deref(), Some("user1"));
        let json = serde_json::to_value(&changed).unwrap();
        assert_eq!(json["Operator_Account"], "user1");
        let live = decode(r#"{"RoomId":"r"}"#).unwrap();
        let json = serde_json::to_value(&live).unwrap();
        assert!(json.get("Operator_Account").is_none(), "{json}");
    }

    #[test]
    fn refuses_what_cannot_be_understood() {
        for body in [
            r#"{"SeatList":[]}"#,
            r#"{"RoomId":""}"#,
            r#"{"RoomId":"r","SeatList":{"Index":1}}"#,
            r#"{"RoomId":"r","SeatList":[[1,"a",false,false,false]]}"#,
            r#"{"RoomId":"r","SeatList":[{"Index":-1}]}"#,
            r#"{"RoomId":"r","SeatList":[{"Index":1,"IsAudioDisabled":2}]}"#,
            r#"{"RoomId":"r","CallbackCommand":"Live.CallbackAfterMemberStateChanged"}"#,
        ] {
            assert!(decode(body).is_err(), "accepted {body}");
        }
    }
}
