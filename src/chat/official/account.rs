//! An official account's life, as the admin drives it through the REST API:
//! `OfficialAccount.CallbackBeforeCreateOfficialAccount`,
//! `OfficialAccount.CallbackAfterCreateOfficialAccount`,
//! `OfficialAccount.CallbackAfterOfficialAccountInfoChanged`,
//! `OfficialAccount.CallbackAfterOfficialAccountDestroyed`, and
//! `OfficialAccount.CallbackAfterOfficialAccountFull` (it reached its
//! subscriber limit).

use crate::CreateOfficialAccountDecision;

event! {
    /// `OfficialAccount.CallbackBeforeCreateOfficialAccount`: an official
    /// account is about to be created (by the admin, through the REST API).
    /// A before-webhook: answer with a [`CreateOfficialAccountDecision`]; a
    /// handler that answers anything else lets the account be created, as
    /// Tencent does when the webhook times out.
    ///
    /// Nothing is required: the account has no id yet, and a body without
    /// its owner or name could not be shown to the app anyway (it gets the
    /// fallback, which creates the account, as Tencent would).
    ///
    /// ```
    /// use tencent_live_webhook::{decode_json, OfficialAccountCreating};
    ///
    /// let body = br#"{"CallbackCommand":"OfficialAccount.CallbackBeforeCreateOfficialAccount",
    ///     "Operator_Account":"107867","Owner_Account":"107867","Name":"TestOfficialAccount",
    ///     "EventTime":1670574414123}"#;
    /// let creating: OfficialAccountCreating =
    ///     decode_json(OfficialAccountCreating::COMMAND, body)?;
    ///
    /// assert_eq!(creating.owner_account.as_deref(), Some("107867"));
    /// assert_eq!(creating.name.as_deref(), Some("TestOfficialAccount"));
    /// assert_eq!(creating.event_time_ms, Some(1670574414123));
    /// # Ok::<(), tencent_live_webhook::Rejection>(())
    /// ```
    #[derive(Default, Eq, Hash)]
    pub struct OfficialAccountCreating = "OfficialAccount.CallbackBeforeCreateOfficialAccount",
        fallback(CreateOfficialAccountDecision::allow()) {
        /// `Operator_Account`: who asks for the account (the admin).
        pub operator_account: Option<String> = "Operator_Account",
        /// `Owner_Account`: the account's owner-to-be.
        pub owner_account: Option<String> = "Owner_Account",
        /// `Name`: the name of the account to be created.
        pub name: Option<String> = "Name",
        /// `EventTime`: when Tencent fired the event, Unix **milliseconds**.
        pub event_time_ms: Option<u64> = "EventTime",
    }
}

event! {
    /// `OfficialAccount.CallbackAfterCreateOfficialAccount`: an official
    /// account was created (by the admin, through the REST API).
    ///
    /// Required: `Official_Account`, the new account's id (`@TOA#...`).
    ///
    /// ```
    /// use tencent_live_webhook::{decode_json, OfficialAccountCreated};
    ///
    /// let body = br#"{"CallbackCommand":"OfficialAccount.CallbackAfterCreateOfficialAccount",
    ///     "Official_Account":"@TOA#_test_OA_for_penn","Operator_Account":"107867",
    ///     "Owner_Account":"107867","Name":"TestOfficialAccount","EventTime":1670574414123}"#;
    /// let created: OfficialAccountCreated = decode_json(OfficialAccountCreated::COMMAND, body)?;
    ///
    /// assert_eq!(created.official_account, "@TOA#_test_OA_for_penn");
    /// assert_eq!(created.owner_account.as_deref(), Some("107867"));
    /// # Ok::<(), tencent_live_webhook::Rejection>(())
    /// ```
    #[derive(Default, Eq, Hash)]
    pub struct OfficialAccountCreated = "OfficialAccount.CallbackAfterCreateOfficialAccount" {
        /// `Official_Account`: the new official account's id. Required.
        pub official_account: String = required "Official_Account",
        /// `Operator_Account`: who created it (the admin).
        pub operator_account: Option<String> = "Operator_Account",
        /// `Owner_Account`: its owner.
        pub owner_account: Option<String> = "Owner_Account",
        /// `Name`: its name.
        pub name: Option<String> = "Name",
        /// `EventTime`: when it was created, Unix **milliseconds**.
        pub event_time_ms: Option<u64> = "EventTime",
    }
}

event! {
    /// `OfficialAccount.CallbackAfterOfficialAccountInfoChanged`: the admin
    /// changed an official account's profile (its name, introduction,
    /// avatar or organization).
    ///
    /// Required: `Official_Account`. Tencent does not say whether the
    /// fields left unchanged are sent: each one is read when it is there.
    ///
    /// ```
    /// use tencent_live_webhook::{decode_json, OfficialAccountInfoChanged};
    ///
    /// let body = br#"{"CallbackCommand":"OfficialAccount.CallbackAfterOfficialAccountInfoChanged",
    ///     "Official_Account":"@TOA#_test_OA_for_penn","Operator_Account":"leckie",
    ///     "Name":"NewName","EventTime":1670574414123}"#;
    /// let changed: OfficialAccountInfoChanged =
    ///     decode_json(OfficialAccountInfoChanged::COMMAND, body)?;
    ///
    /// assert_eq!(changed.official_account, "@TOA#_test_OA_for_penn");
    /// assert_eq!(changed.name.as_deref(), Some("NewName"));
    /// assert_eq!(changed.face_url, None);
    /// # Ok::<(), tencent_live_webhook::Rejection>(())
    /// ```
    #[derive(Default, Eq, Hash)]
    pub struct OfficialAccountInfoChanged =
        "OfficialAccount.CallbackAfterOfficialAccountInfoChanged" {
        /// `Official_Account`: the account changed. Required.
        pub official_account: String = required "Official_Account",
        /// `Operator_Account`: who changed it.
        pub operator_account: Option<String> = "Operator_Account",
        /// `Introduction`: its new introduction.
        pub introduction: Option<String> = "Introduction",
        /// `Name`: its new name.
        pub name: Option<String> = "Name",
        /// `FaceUrl`: its new avatar's URL.
        pub face_url: Option<String> = "FaceUrl",
        /// `Organization`: its new organization.
        pub organization: Option<String> = "Organization",
        /// `EventTime`: when it was changed, Unix **milliseconds**.
        pub event_time_ms: Option<u64> = "EventTime",
    }
}

event! {
    /// `OfficialAccount.CallbackAfterOfficialAccountDestroyed`: the admin
    /// destroyed an official account.
    ///
    /// Required: `Official_Account`. The body names no operator.
    ///
    /// ```
    /// use tencent_live_webhook::{decode_json, OfficialAccountDestroyed};
    ///
    /// let body = br#"{"CallbackCommand":"OfficialAccount.CallbackAfterOfficialAccountDestroyed",
    ///     "Official_Account":"@TOA#_test_OA_for_penn","Owner_Account":"107867",
    ///     "Name":"TestOfficialAccount","EventTime":1670574414123}"#;
    /// let destroyed: OfficialAccountDestroyed =
    ///     decode_json(OfficialAccountDestroyed::COMMAND, body)?;
    ///
    /// assert_eq!(destroyed.official_account, "@TOA#_test_OA_for_penn");
    /// assert_eq!(destroyed.name.as_deref(), Some("TestOfficialAccount"));
    /// # Ok::<(), tencent_live_webhook::Rejection>(())
    /// ```
    #[derive(Default, Eq, Hash)]
    pub struct OfficialAccountDestroyed = "OfficialAccount.CallbackAfterOfficialAccountDestroyed" {
        /// `Official_Account`: the account destroyed. Required.
        pub official_account: String = required "Official_Account",
        /// `Owner_Account`: its owner.
        pub owner_account: Option<String> = "Owner_Account",
        /// `Name`: its name.
        pub name: Option<String> = "Name",
        /// `EventTime`: when it was destroyed, Unix **milliseconds**.
        pub event_time_ms: Option<u64> = "EventTime",
    }
}

event! {
    /// `OfficialAccount.CallbackAfterOfficialAccountFull`: an official
    /// account reached its subscriber limit (presumably on the subscription
    /// that filled it: Tencent's page copies its trigger from the
    /// after-subscribe page).
    ///
    /// Required: `Official_Account`.
    ///
    /// ```
    /// use tencent_live_webhook::{decode_json, OfficialAccountFull};
    ///
    /// let body = br#"{"CallbackCommand":"OfficialAccount.CallbackAfterOfficialAccountFull",
    ///     "Official_Account":"@TOA#_test_OA_for_penn","EventTime":"1670574414123"}"#;
    /// let full: OfficialAccountFull = decode_json(OfficialAccountFull::COMMAND, body)?;
    ///
    /// assert_eq!(full.official_account, "@TOA#_test_OA_for_penn");
    /// assert_eq!(full.event_time_ms, Some(1670574414123));
    /// # Ok::<(), tencent_live_webhook::Rejection>(())
    /// ```
    #[derive(Default, Eq, Hash)]
    pub struct OfficialAccountFull = "OfficialAccount.CallbackAfterOfficialAccountFull" {
        /// `Official_Account`: the account that is full. Required.
        pub official_account: String = required "Official_Account",
        /// `EventTime`: when it became full, Unix **milliseconds**.
        pub event_time_ms: Option<u64> = "EventTime",
    }
}

event_time!(
    OfficialAccountCreating,
    OfficialAccountCreated,
    OfficialAccountInfoChanged,
    OfficialAccountDestroyed,
    OfficialAccountFull
);
