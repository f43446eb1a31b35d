//! `Group.CallbackOnDailyGroupQuotaAlarm`: the day's net new groups passed
//! 70 % of the daily limit.

use std::time::SystemTime;

use crate::battle::unix_millis;

event! {
    /// `Group.CallbackOnDailyGroupQuotaAlarm`: after a group was created,
    /// the day's **net** group increase (created minus disbanded) passed
    /// 70 % of the app's daily limit.
    ///
    /// An alert about the app, not about a group: it names no group, and
    /// nothing is required.
    ///
    /// ```
    /// use tencent_live_webhook::{decode_json, GroupQuotaAlarm};
    ///
    /// let body = br#"{"CallbackCommand":"Group.CallbackOnDailyGroupQuotaAlarm",
    ///     "QuotaUsed":7321,"Quota":10000,"EventTime":"1670574414123"}"#;
    /// let alarm: GroupQuotaAlarm = decode_json(GroupQuotaAlarm::COMMAND, body)?;
    ///
    /// assert_eq!((alarm.quota_used, alarm.quota), (Some(7321), Some(10000)));
    /// # Ok::<(), tencent_live_webhook::Rejection>(())
    /// ```
    #[derive(Default, Eq, Hash)]
    pub struct GroupQuotaAlarm = "Group.CallbackOnDailyGroupQuotaAlarm" {
        /// `QuotaUsed`: today's net new groups.
        pub quota_used: Option<u64> = "QuotaUsed",
        /// `Quota`: the daily limit of net new groups.
        pub quota: Option<u64> = "Quota",
        /// `EventTime`: when the alarm fired, Unix **milliseconds** (Tencent's
        /// table only says "timestamp"; its sample has 13 digits).
        pub event_time_ms: Option<u64> = "EventTime",
    }
}

impl GroupQuotaAlarm {
    /// When the alarm fired; `None` when the body has no `EventTime` or it
    /// is past what `SystemTime` holds.
    pub fn event_time(&self) -> Option<SystemTime> {
        self.event_time_ms.and_then(unix_millis)
    }
}
