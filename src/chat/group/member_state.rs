//! `Group.CallbackOnMemberStateChange`: members of an audio-video group came
//! online or went offline.

use std::time::SystemTime;

use super::GroupMember;
use crate::battle::unix_millis;

event! {
    /// `Group.CallbackOnMemberStateChange`: in an audio-video group
    /// (`AVChatRoom`), members entered for the first time, left for the last
    /// time, lost their heartbeat or recovered it.
    ///
    /// With several devices in the same group, `Online` comes with the first
    /// and `Offline` with the last. Tencent's sample names the cause
    /// (`EventCause`) only in a comment: it may be absent. Required:
    /// `GroupId`.
    ///
    /// ```
    /// use tencent_live_webhook::{decode_json, GroupMemberEventType, GroupMemberStateChanged};
    ///
    /// let body = br#"{"CallbackCommand":"Group.CallbackOnMemberStateChange",
    ///     "GroupId":"@TGS#2J4SZEAEL","EventType":"Offline","EventCause":"HeartbeatInterrupt",
    ///     "MemberList":[{"Member_Account":"jared"},{"Member_Account":"tommy"}],
    ///     "EventTime":"1670574414123"}"#;
    /// let changed: GroupMemberStateChanged = decode_json(GroupMemberStateChanged::COMMAND, body)?;
    ///
    /// assert_eq!(changed.group_id, "@TGS#2J4SZEAEL");
    /// assert_eq!(changed.event_type, Some(GroupMemberEventType::Offline));
    /// assert_eq!(changed.members.unwrap()[1].member_account.as_deref(), Some("tommy"));
    /// assert_eq!(changed.event_time_ms, Some(1670574414123));
    /// # Ok::<(), tencent_live_webhook::Rejection>(())
    /// ```
    #[derive(Default, Eq, Hash)]
    pub struct GroupMemberStateChanged = "Group.CallbackOnMemberStateChange" {
        /// `GroupId`: the audio-video group. Required.
        pub group_id: String = required "GroupId",
        /// `EventType`: `Online` or `Offline`.
        pub event_type: Option<GroupMemberEventType> = "EventType",
        /// `EventCause`: why (`Join`, `Quit`, `HeartbeatInterrupt`,
        /// `HeartbeatRecover`); absent from Tencent's sample.
        pub event_cause: Option<GroupMemberEventCause> = "EventCause",
        /// `MemberList`: the members whose state changed.
        pub members: Option<Vec<GroupMember>> = "MemberList",
        /// `EventTime`: when the state changed, Unix **milliseconds** (a
        /// string in Tencent's sample).
        pub event_time_ms: Option<u64> = "EventTime",
    }
}

impl GroupMemberStateChanged {
    /// When the state changed; `None` when the body has no `EventTime` or it
    /// is past what `SystemTime` holds.
    pub fn event_time(&self) -> Option<SystemTime> {
        self.event_time_ms.and_then(unix_millis)
    }
}

string_enum! {
    /// [`GroupMemberStateChanged::event_type`]: online or offline.
    pub enum GroupMemberEventType {
        /// `Online`: the member came (or came back).
        Online = "Online",
        /// `Offline`: the member left (or was lost).
        Offline = "Offline",
    }
}

string_enum! {
    /// [`GroupMemberStateChanged::event_cause`]: why the state changed.
    pub enum GroupMemberEventCause {
        /// `Join`: the member's first entry into the group.
        Join = "Join",
        /// `Quit`: the member's last exit from the group.
        Quit = "Quit",
        /// `HeartbeatInterrupt`: no heartbeat for 30 s.
        HeartbeatInterrupt = "HeartbeatInterrupt",
        /// `HeartbeatRecover`: the heartbeat came back.
        HeartbeatRecover = "HeartbeatRecover",
    }
}
