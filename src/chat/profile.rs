//! `Profile.CallbackPortraitSet`: a user's profile was changed.

use std::time::SystemTime;

use crate::battle::unix_millis;

event! {
    /// `Profile.CallbackPortraitSet`: a user's profile was changed, by the
    /// user or by an admin.
    ///
    /// Required: `From_Account`, whose profile it is. `ProfileItem` lists
    /// the fields changed, each a tag (`Tag_Profile_IM_Nick`,
    /// `Tag_Profile_Custom_…`) and its new value, a string or a number
    /// depending on the tag.
    ///
    /// ```
    /// use tencent_live_webhook::{decode_json, ProfileChanged};
    ///
    /// let body = br#"{"CallbackCommand":"Profile.CallbackPortraitSet","Operator_Account":"id1",
    ///     "From_Account":"id1","EventTime":1656921052497,
    ///     "ProfileItem":[{"Tag":"Tag_Profile_IM_Nick","Value":"nick1"},
    ///                    {"Tag":"Tag_Profile_IM_Level","Value":3}]}"#;
    /// let changed: ProfileChanged = decode_json(ProfileChanged::COMMAND, body)?;
    ///
    /// assert_eq!(changed.from_account, "id1");
    /// let items = changed.profile_items.unwrap();
    /// assert_eq!(items[0].tag.as_deref(), Some("Tag_Profile_IM_Nick"));
    /// assert_eq!(items[1].value, Some(serde_json::json!(3)));
    /// # Ok::<(), tencent_live_webhook::Rejection>(())
    /// ```
    #[derive(Default, Eq)]
    pub struct ProfileChanged = "Profile.CallbackPortraitSet" {
        /// `From_Account`: the user whose profile changed. Required.
        pub from_account: String = required "From_Account",
        /// `Operator_Account`: who changed it (the user, or an admin).
        pub operator_account: Option<String> = "Operator_Account",
        /// `ProfileItem`: the fields changed, with their new values.
        pub profile_items: Option<Vec<ProfileItem>> = "ProfileItem",
        /// `EventTime`: when it changed, Unix **milliseconds**.
        pub event_time_ms: Option<u64> = "EventTime",
    }
}

impl ProfileChanged {
    /// When the profile changed; `None` when the body has no `EventTime` or
    /// it is past what `SystemTime` holds.
    pub fn event_time(&self) -> Option<SystemTime> {
        self.event_time_ms.and_then(unix_millis)
    }
}

object! {
    /// One field of [`ProfileChanged::profile_items`].
    #[derive(Default, Eq)]
    pub struct ProfileItem {
        /// `Tag`: the profile field (`Tag_Profile_IM_Nick`,
        /// `Tag_Profile_Custom_…`).
        pub tag: Option<String> = "Tag",
        /// `Value`: its new value, kept as sent: a string, or a number for
        /// the numeric fields (birthday, level, role...).
        pub value: Option<serde_json::Value> = "Value",
    }
}
