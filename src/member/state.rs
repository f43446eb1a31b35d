//! `Live.CallbackAfterMemberStateChanged`: members came online or went
//! offline in a room, and why.

use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use crate::battle::unix_millis;
use crate::lenient;

/// `Live.CallbackAfterMemberStateChanged`: members of a room came online or
/// went offline: they entered or left, their heartbeat was lost (Tencent waits
/// 90 to 110 seconds) or came back, or they were kicked. The event names no
/// operator.
///
/// Decoding is lenient, because Tencent does not retry: accounts may be JSON
/// strings or numbers and keep every digit; `EventTime` may be a numeric
/// string; an unknown `EventType` or `EventCause` is kept as `Other`; unknown
/// fields are ignored; `null` reads as absent. Only a body without a `RoomId`,
/// with another `CallbackCommand`, or with a value its field cannot hold (a
/// `MemberList` that is not an array of objects, a member given as an array)
/// is refused.
///
/// ```
/// use tencent_live_webhook::{decode_json, MemberEventCause, MemberStateChanged, Presence};
///
/// let body = br#"{"CallbackCommand":"Live.CallbackAfterMemberStateChanged","RoomId":"pk-3",
///     "EventType":"Offline","EventCause":"Kicked",
///     "MemberList":[{"Member_Account":144115233775727695}],"EventTime":1739955960250}"#;
/// let changed: MemberStateChanged = decode_json(MemberStateChanged::COMMAND, body)?;
///
/// assert_eq!(changed.presence, Some(Presence::Offline));
/// assert_eq!(changed.cause, Some(MemberEventCause::Kicked));
/// assert_eq!(changed.member_accounts().collect::<Vec<_>>(), ["144115233775727695"]);
/// # Ok::<(), tencent_live_webhook::Rejection>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(
    tag = "CallbackCommand",
    rename = "Live.CallbackAfterMemberStateChanged"
)]
#[non_exhaustive]
pub struct MemberStateChanged {
    /// `RoomId`: the room. Required.
    #[serde(rename = "RoomId", deserialize_with = "lenient::id")]
    pub room_id: String,
    /// `EventType`: whether the members are now online or offline; `None`
    /// when the body has none.
    #[serde(rename = "EventType", default, skip_serializing_if = "Option::is_none")]
    pub presence: Option<Presence>,
    /// `EventCause`: why their state changed; `None` when the body has none.
    #[serde(
        rename = "EventCause",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub cause: Option<MemberEventCause>,
    /// `MemberList`: the members whose state changed.
    #[serde(
        rename = "MemberList",
        default,
        deserialize_with = "lenient::option_objects",
        skip_serializing_if = "Option::is_none"
    )]
    pub members: Option<Vec<RoomMember>>,
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

callback!(MemberStateChanged = "Live.CallbackAfterMemberStateChanged");

impl MemberStateChanged {
    /// `MemberList`; empty when the body has none.
    pub fn members(&self) -> &[RoomMember] {
        self.members.as_deref().unwrap_or_default()
    }

    /// The accounts of the members whose state changed, in the body's order
    /// (`""` for an element without one).
    pub fn member_accounts(&self) -> impl Iterator<Item = &str> {
        self.members().iter().map(RoomMember::member_account)
    }

    /// When Tencent fired the event; `None` when the body has no `EventTime`
    /// or it is past what `SystemTime` holds.
    pub fn event_time(&self) -> Option<SystemTime> {
        self.event_time_ms.and_then(unix_millis)
    }
}

/// One member in a [`MemberStateChanged`] event.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RoomMember {
    /// `Member_Account`: the member's account, a JSON string or number (kept
    /// digit for digit); `None` when the element has none.
    #[serde(
        rename = "Member_Account",
        default,
        deserialize_with = "lenient::option_account",
        skip_serializing_if = "Option::is_none"
    )]
    pub member_account: Option<String>,
}

impl RoomMember {
    /// A member with this account.
    pub fn new(member_account: impl Into<String>) -> Self {
        Self {
            member_account: Some(member_account.into()),
        }
    }

    /// `Member_Account`; empty when the element has none.
    pub fn member_account(&self) -> &str {
        self.member_account.as_deref().unwrap_or_default()
    }
}

string_enum! {
    /// `EventType` of [`MemberStateChanged`]: the members' state after the change.
    ///
    /// ```
    /// use tencent_live_webhook::Presence;
    ///
    /// assert_eq!(Presence::parse("Online"), Presence::Online);
    /// assert_eq!(Presence::parse("Away"), Presence::Other("Away".into()));
    /// ```
    pub enum Presence {
        /// `Online`: the members are in the room.
        Online = "Online",
        /// `Offline`: the members are no longer in the room.
        Offline = "Offline",
    }
}

string_enum! {
    /// `EventCause` of [`MemberStateChanged`]: why the members' state changed.
    ///
    /// ```
    /// use tencent_live_webhook::MemberEventCause;
    ///
    /// assert_eq!(MemberEventCause::parse("Kicked"), MemberEventCause::Kicked);
    /// assert_eq!(MemberEventCause::Kicked.as_str(), "Kicked");
    /// assert_eq!(MemberEventCause::parse("Banned"), MemberEventCause::Other("Banned".into()));
    /// ```
    pub enum MemberEventCause {
        /// `Enter`: the member entered the room.
        Enter = "Enter",
        /// `Leave`: the member left the room.
        Leave = "Leave",
        /// `HeartbeatInterrupt`: the member's heartbeat was lost (Tencent
        /// reports it 90 to 110 seconds after the last heartbeat).
        HeartbeatInterrupt = "HeartbeatInterrupt",
        /// `HeartbeatRecover`: the member's heartbeat came back.
        HeartbeatRecover = "HeartbeatRecover",
        /// `Kicked`: the room's owner or an admin kicked (banned) the member.
        /// Documented only in the newest Chinese copy of the page.
        Kicked = "Kicked",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode_json;
    use crate::rejection::Rejection;
    use std::time::{Duration, UNIX_EPOCH};

    fn decode(body: &str) -> Result<MemberStateChanged, Rejection> {
        decode_json(MemberStateChanged::COMMAND, body.as_bytes())
    }

    #[test]
    fn decodes_the_documented_sample() {
        let changed = decode(
            r#"{"CallbackCommand":"Live.CallbackAfterMemberStateChanged","RoomId":"room_id",
                "EventType":"Online","EventCause":"Enter",
                "MemberList":[{"Member_Account":"jared"},{"Member_Account":"tommy"}],
                "EventTime":1703589922780}"#,
        )
        .unwrap();
        assert_eq!(
            changed,
            MemberStateChanged {
                room_id: "room_id".into(),
                presence: Some(Presence::Online),
                cause: Some(MemberEventCause::Enter),
                members: Some(vec![RoomMember::new("jared"), RoomMember::new("tommy")]),
                event_time_ms: Some(1703589922780),
            }
        );
        assert_eq!(
            changed
                .event_time()
                .unwrap()
                .duration_since(UNIX_EPOCH)
                .unwrap(),
            Duration::from_millis(1703589922780)
        );
    }

    #[test]
    fn unknown_values_are_kept() {
        let changed = decode(r#"{"RoomId":"r","EventType":"Away","EventCause":"Banned"}"#).unwrap();
        assert_eq!(changed.presence, Some(Presence::Other("Away".into())));
        assert_eq!(
            changed.cause,
            Some(MemberEventCause::Other("Banned".into()))
        );
        let json = serde_json::to_value(&changed).unwrap();
        assert_eq!(json["EventType"], "Away");
        assert_eq!(json["EventCause"], "Banned");
        assert_eq!(decode(&json.to_string()).unwrap(), changed);
    }

    #[test]
    fn absent_and_null_fields_stay_absent() {
        for body in [
            r#"{"RoomId":"r"}"#,
            r#"{"RoomId":"r","EventType":null,"EventCause":null,"MemberList":null,"EventTime":null}"#,
        ] {
            let changed = decode(body).unwrap();
            assert_eq!(changed.presence, None, "{body}");
            assert_eq!(changed.cause, None, "{body}");
            assert_eq!(changed.members, None, "{body}");
            assert!(changed.members().is_empty(), "{body}");
            assert_eq!(changed.event_time(), None, "{body}");
            let json = serde_json::to_value(&changed).unwrap();
            assert_eq!(
                json,
                serde_json::json!({
                    "CallbackCommand": MemberStateChanged::COMMAND,
                    "RoomId": "r",
                })
            );
        }
        let changed =
            decode(r#"{"RoomId":"r","MemberList":[{},{"Member_Account":null}]}"#).unwrap();
        assert_eq!(changed.member_accounts().collect::<Vec<_>>(), ["", ""]);
        assert_eq!(
            serde_json::to_string(&changed).unwrap(),
            r#"{"CallbackCommand":"Live.CallbackAfterMemberStateChanged","RoomId":"r","MemberList":[{},{}]}"#
        );
    }

    #[test]
    fn refuses_what_cannot_be_understood() {
        for body in [
            r#"{}"#,
            r#"{"RoomId":""}"#,
            r#"{"RoomId":null}"#,
            r#"{"RoomId":"r","MemberList":{"Member_Account":"a"}}"#,
            r#"{"RoomId":"r","MemberList":[["a"]]}"#,
            r#"{"RoomId":"r","EventCause":["Enter"]}"#,
            r#"{"RoomId":"r","CallbackCommand":"Live.CallbackAfterChangeOwner"}"#,
        ] {
            assert!(decode(body).is_err(), "accepted {body}");
        }
    }

    #[test]
    fn event_time_never_panics() {
        let changed = decode(r#"{"RoomId":"r","EventTime":18446744073709551615}"#).unwrap();
        assert_eq!(changed.event_time_ms, Some(u64::MAX));
        let _ = changed.event_time();
    }
}
