//! The members of the story: the viewer enters `pk-3`, the owner makes the
//! second viewer an admin, and the administrator later hands them the room.

use super::*;
use crate::{AdminOperation, MemberEventCause, Presence, RoomMember};

/// When the viewer enters the room, Unix milliseconds.
pub(crate) const MEMBER_ENTERED_AT_MS: u64 = (ROOM_CREATED_AT + 60) * 1000 + 250;
/// When the second viewer becomes an admin, Unix milliseconds.
pub(crate) const ADMIN_ADDED_AT_MS: u64 = (ROOM_CREATED_AT + 90) * 1000 + 300;
/// When the room changes hands, Unix milliseconds.
pub(crate) const OWNER_CHANGED_AT_MS: u64 = (ROOM_DESTROYED_AT - 50) * 1000 + 400;

impl MemberStateChanged {
    /// A sample: the viewer and the second viewer enter `pk-3`.
    pub fn sample() -> Self {
        Self {
            room_id: ROOM.to_owned(),
            presence: Some(Presence::Online),
            cause: Some(MemberEventCause::Enter),
            members: Some(vec![
                RoomMember::new(VIEWER),
                RoomMember::new(SECOND_VIEWER),
            ]),
            event_time_ms: Some(MEMBER_ENTERED_AT_MS),
        }
    }
}

impl AdminsModified {
    /// A sample: the owner of `pk-3` makes the second viewer an admin.
    pub fn sample() -> Self {
        Self {
            room_id: ROOM.to_owned(),
            event_time_ms: Some(ADMIN_ADDED_AT_MS),
            operator_account: Some(OWNER.to_owned()),
            admin_accounts: Some(vec![SECOND_VIEWER.to_owned()]),
            operation: Some(AdminOperation::Add),
            operation_key: crate::member::OperationKey::LowerCamel,
        }
    }
}

impl OwnerChanged {
    /// A sample: shortly before `pk-3` is destroyed, the administrator makes
    /// the second viewer its owner through the REST API.
    pub fn sample() -> Self {
        Self {
            room_id: ROOM.to_owned(),
            event_time_ms: Some(OWNER_CHANGED_AT_MS),
            operator_account: Some(ADMIN.to_owned()),
            current_owner_account: Some(SECOND_VIEWER.to_owned()),
            original_owner_account: Some(OWNER.to_owned()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::WebhookEvent;

    /// The samples of the member, seat, follow and recording webhooks, in
    /// story order.
    fn group_samples() -> Vec<LiveEvent> {
        vec![
            CloudRecordingChanged::sample().into(),
            MemberStateChanged::sample().into(),
            AdminsModified::sample().into(),
            SeatsChanged::sample().into(),
            FollowAdded::sample().into(),
            FollowDeleted::sample().into(),
            OwnerChanged::sample().into(),
        ]
    }

    #[test]
    fn the_group_samples_round_trip_through_their_json() {
        for event in group_samples() {
            let json = serde_json::to_string(&event).unwrap();
            let again = LiveEvent::decode(event.callback_command(), json.as_bytes())
                .unwrap_or_else(|rejection| panic!("{}: {rejection}", event.callback_command()));
            assert_eq!(again, event, "{json}");
        }
    }

    #[test]
    fn the_group_samples_happen_in_story_order_while_the_room_lives() {
        let times_ms: Vec<u64> = group_samples()
            .iter()
            .map(|event| match event {
                LiveEvent::CloudRecordingChanged(event) => event.callback_time_ms,
                LiveEvent::MemberStateChanged(event) => event.event_time_ms,
                LiveEvent::AdminsModified(event) => event.event_time_ms,
                LiveEvent::SeatsChanged(event) => event.event_time_ms,
                LiveEvent::FollowAdded(event) => event.event_time_ms,
                LiveEvent::FollowDeleted(event) => event.event_time_ms,
                LiveEvent::OwnerChanged(event) => event.event_time_ms,
                other => panic!("not of this group: {}", other.callback_command()),
            })
            .map(Option::unwrap)
            .collect();
        assert!(
            times_ms.windows(2).all(|pair| pair[0] < pair[1]),
            "{times_ms:?}"
        );
        assert!(times_ms[0] > ROOM_CREATED_AT * 1000);
        assert!(times_ms[times_ms.len() - 1] < ROOM_DESTROYED_AT * 1000);
        // Before the battle (created at 1739956105) or after it ends (1739956146).
        let [followed, unfollowed] = [times_ms[4], times_ms[5]];
        assert!(followed < 1739956105 * 1000, "{followed}");
        assert!(unfollowed > 1739956146 * 1000, "{unfollowed}");
    }
}
