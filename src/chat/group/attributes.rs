//! `Group.CallbackAfterGroupAttrChanged`: a group's custom attributes
//! changed.

use std::time::SystemTime;

use super::GroupType;
use crate::battle::unix_millis;

event! {
    /// `Group.CallbackAfterGroupAttrChanged`: a group's custom attributes
    /// were reset, modified, cleared or deleted.
    ///
    /// `GroupAttr` is spelled with **lower-case** `key` and `value`, unlike
    /// the `Key`/`Value` lists elsewhere. `OptionType` appears only in a
    /// comment of Tencent's sample, and Tencent does not say whether
    /// `GroupAttr` holds the remaining or the removed attributes on a
    /// `clear` or `delete`. Required: `GroupId`.
    ///
    /// ```
    /// use tencent_live_webhook::{decode_json, GroupAttrOption, GroupAttrsChanged};
    ///
    /// let body = br#"{"CallbackCommand":"Group.CallbackAfterGroupAttrChanged",
    ///     "GroupId":"@TGS#2J4SZEAEL","Type":"Public","Operator_Account":"leckie",
    ///     "OptionType":"set","GroupAttr":[{"key":"key1","value":"value1"}],
    ///     "EventTime":"1670574414123"}"#;
    /// let changed: GroupAttrsChanged = decode_json(GroupAttrsChanged::COMMAND, body)?;
    ///
    /// assert_eq!(changed.option_type, Some(GroupAttrOption::Set));
    /// assert_eq!(changed.attributes.unwrap()[0].key.as_deref(), Some("key1"));
    /// # Ok::<(), tencent_live_webhook::Rejection>(())
    /// ```
    #[derive(Default, Eq, Hash)]
    pub struct GroupAttrsChanged = "Group.CallbackAfterGroupAttrChanged" {
        /// `GroupId`: the group. Required.
        pub group_id: String = required "GroupId",
        /// `Type`: the group's type, as sent.
        pub group_type: Option<GroupType> = "Type",
        /// `Operator_Account`: who changed them.
        pub operator_account: Option<String> = "Operator_Account",
        /// `OptionType`: `set`, `modify`, `clear` or `delete`.
        pub option_type: Option<GroupAttrOption> = "OptionType",
        /// `GroupAttr`: the attributes.
        pub attributes: Option<Vec<GroupAttr>> = "GroupAttr",
        /// `EventTime`: when they changed, Unix **milliseconds**.
        pub event_time_ms: Option<u64> = "EventTime",
    }
}

impl GroupAttrsChanged {
    /// When they changed; `None` when the body has no `EventTime` or it is
    /// past what `SystemTime` holds.
    pub fn event_time(&self) -> Option<SystemTime> {
        self.event_time_ms.and_then(unix_millis)
    }
}

object! {
    /// One element of [`GroupAttrsChanged::attributes`]: `{key, value}`,
    /// lower case.
    #[derive(Default, Eq, Hash)]
    pub struct GroupAttr {
        /// `key`: the attribute's name.
        pub key: Option<String> = "key",
        /// `value`: its value.
        pub value: Option<String> = "value",
    }
}

string_enum! {
    /// [`GroupAttrsChanged::option_type`]: what was done to the attributes.
    pub enum GroupAttrOption {
        /// `set`: all attributes reset to those given.
        Set = "set",
        /// `modify`: attributes modified.
        Modify = "modify",
        /// `clear`: all attributes cleared.
        Clear = "clear",
        /// `delete`: attributes deleted.
        Delete = "delete",
    }
}
