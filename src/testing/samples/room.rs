//! The room of the story: `pk-3` is created, nears the app's room limit, gets
//! a notice and metadata, loses one key after its battle, and is destroyed
//! by its second owner.

use super::{ADMIN, OWNER, ROOM, ROOM_CREATED_AT, ROOM_DESTROYED_AT, SECOND_VIEWER};
use crate::{
    DestroyReason, LiveRoomInfo, MetadataDeleted, MetadataItem, MetadataSet, RoomCreated,
    RoomDestroyed, RoomInfoUpdated, RoomStatistic, RoomThresholdReached, RoomType, TakeSeatMode,
};

/// When the room is created, Unix milliseconds.
const CREATED_EVENT_MS: u64 = ROOM_CREATED_AT * 1000 + 780;

/// Room `pk-3` as it is created, every field filled.
fn room_at_creation() -> LiveRoomInfo {
    LiveRoomInfo {
        room_id: Some(ROOM.to_owned()),
        room_name: Some("PK night".to_owned()),
        room_type: Some(RoomType::Live),
        owner_account: Some(OWNER.to_owned()),
        max_member_count: Some(300),
        max_seat_count: Some(4),
        is_message_disabled: Some(false),
        custom_info: Some("pk:open".to_owned()),
        is_seat_enabled: Some(true),
        take_seat_mode: Some(TakeSeatMode::ApplyToTake),
        create_time: Some(ROOM_CREATED_AT),
        is_public_visible: Some(true),
        cover_url: Some("https://example.com/pk-3/cover.png".to_owned()),
        category: Some(vec![1, 2]),
        activity_status: Some(0),
        view_count: Some(0),
        background_url: Some("https://example.com/pk-3/background.png".to_owned()),
        is_unlimited_room_enabled: Some(false),
        notice: Some("Welcome to PK night".to_owned()),
        event_time_ms: Some(CREATED_EVENT_MS),
    }
}

impl RoomCreated {
    /// A sample: the owner `144115245353757792` creates room `pk-3`. Every
    /// field is filled, `EventTime` both at the top level and inside
    /// `RoomInfo` (where one documented copy puts it).
    pub fn sample() -> Self {
        Self {
            operator_account: Some(OWNER.to_owned()),
            room_info: room_at_creation(),
            event_time_ms: Some(CREATED_EVENT_MS),
        }
    }
}

impl RoomThresholdReached {
    /// A sample: creating `pk-3` brings the app to 70 rooms of its 100.
    pub fn sample() -> Self {
        Self {
            operator_account: Some(OWNER.to_owned()),
            cur_room_count: Some(70),
            max_room_count: Some(100),
            event_time_ms: Some(CREATED_EVENT_MS + 10),
        }
    }
}

impl RoomInfoUpdated {
    /// A sample: thirty seconds after the creation, the administrator,
    /// through the REST API, opens the seats to all, adds a category, marks
    /// the room active and changes its notice.
    pub fn sample() -> Self {
        let event_time_ms = (ROOM_CREATED_AT + 30) * 1000 + 123;
        Self {
            operator_account: Some(ADMIN.to_owned()),
            room_info: LiveRoomInfo {
                room_id: Some(ROOM.to_owned()),
                room_name: Some("PK night".to_owned()),
                room_type: Some(RoomType::Live),
                owner_account: Some(OWNER.to_owned()),
                max_member_count: Some(300),
                max_seat_count: Some(4),
                is_message_disabled: Some(false),
                custom_info: Some("pk:open".to_owned()),
                is_seat_enabled: Some(true),
                take_seat_mode: Some(TakeSeatMode::FreeToTake),
                create_time: Some(ROOM_CREATED_AT),
                is_public_visible: Some(true),
                cover_url: Some("https://example.com/pk-3/cover.png".to_owned()),
                category: Some(vec![1, 2, 3]),
                activity_status: Some(1),
                view_count: Some(0),
                background_url: Some("https://example.com/pk-3/background.png".to_owned()),
                is_unlimited_room_enabled: Some(false),
                notice: Some("PK against pk-5 tonight".to_owned()),
                event_time_ms: None,
            },
            event_time_ms: Some(event_time_ms),
        }
    }
}

impl MetadataSet {
    /// A sample: the owner sets two keys of `pk-3`'s metadata.
    pub fn sample() -> Self {
        Self {
            operator_account: Some(OWNER.to_owned()),
            room_id: ROOM.to_owned(),
            metadata: Some(vec![
                MetadataItem::new("pk-status", "waiting"),
                MetadataItem::new("theme", "night"),
            ]),
            event_time_ms: Some((ROOM_CREATED_AT + 40) * 1000 + 831),
        }
    }
}

impl MetadataDeleted {
    /// A sample: after the battle, the owner deletes the `pk-status` key set
    /// by [`MetadataSet::sample`].
    pub fn sample() -> Self {
        Self {
            operator_account: Some(OWNER.to_owned()),
            room_id: ROOM.to_owned(),
            keys: Some(vec!["pk-status".to_owned()]),
            event_time_ms: Some(1_739_956_150_121),
        }
    }
}

impl RoomDestroyed {
    /// A sample: the room's second owner, `viewer-2`, destroys `pk-3`; the
    /// event carries the room and its totals.
    pub fn sample() -> Self {
        Self {
            operator_account: Some(SECOND_VIEWER.to_owned()),
            room_id: ROOM.to_owned(),
            reason: Some(DestroyReason::ByUser),
            event_time_ms: Some(ROOM_DESTROYED_AT * 1000 + 780),
            room_info: Some(LiveRoomInfo {
                owner_account: Some(SECOND_VIEWER.to_owned()),
                take_seat_mode: Some(TakeSeatMode::FreeToTake),
                category: Some(vec![1, 2, 3]),
                activity_status: Some(1),
                view_count: Some(3),
                notice: Some("PK against pk-5 tonight".to_owned()),
                event_time_ms: None,
                ..room_at_creation()
            }),
            statistic: Some(RoomStatistic {
                total_viewers: Some(3),
                total_gifts_sent: Some(1),
                total_gift_coins: Some(10),
                total_unique_gift_senders: Some(1),
                total_likes_received: Some(42),
            }),
        }
    }
}
