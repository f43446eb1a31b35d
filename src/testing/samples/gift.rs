//! The gift of the story: the viewer sends the owner three rockets in
//! `pk-3`, just before the battle.

use super::{GiftSending, OWNER, ROOM, VIEWER};
use crate::GiftWater;

/// When the viewer sends the gift, Unix seconds.
const GIFT_SENT_AT: u64 = 1739956090;

impl GiftSending {
    /// A sample: viewer `144115233775727695` sends room owner
    /// `144115245353757792` three rockets worth 500 coins each in `pk-3`.
    pub fn sample() -> Self {
        Self {
            operator_account: Some(VIEWER.to_owned()),
            room_id: ROOM.to_owned(),
            gift_water: GiftWater {
                from_account: VIEWER.to_owned(),
                to_accounts: Some(vec![OWNER.to_owned()]),
                time: Some(GIFT_SENT_AT),
                gift_id: Some("rocket".to_owned()),
                count: Some(3),
                coins: Some(500),
            },
            event_time_ms: Some(GIFT_SENT_AT * 1000 + 42),
        }
    }
}
