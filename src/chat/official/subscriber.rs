//! Subscribers of an official account:
//! `OfficialAccount.CallbackBeforeAddSubscriber` (users are about to
//! subscribe), `OfficialAccount.CallbackAfterAddSubscriber` (they did) and
//! `OfficialAccount.CallbackAfterDeleteSubscriber` (they left, or were
//! removed).

use crate::SubscriberDecision;

event! {
    /// `OfficialAccount.CallbackBeforeAddSubscriber`: users are about to
    /// subscribe to an official account (from a client, or added by the
    /// admin through the REST API). A before-webhook: answer with a
    /// [`SubscriberDecision`], which may leave some of them out and subscribe
    /// the others; a handler that answers anything else subscribes them all,
    /// as Tencent does when the webhook times out.
    ///
    /// Required: `Official_Account`. The layer keeps, of the users a
    /// decision refuses, only those [`subscribers`](Self::subscribers) names.
    ///
    /// ```
    /// use tencent_live_webhook::{decode_json, SubscribersAdding};
    ///
    /// let body = br#"{"CallbackCommand":"OfficialAccount.CallbackBeforeAddSubscriber",
    ///     "Official_Account":"@TOA#_test_for_penn","Operator_Account":"107867",
    ///     "SubscribeAccountList":[{"Subscriber_Account":"jared"},{"Subscriber_Account":"leckie"}],
    ///     "EventTime":1670574414123}"#;
    /// let adding: SubscribersAdding = decode_json(SubscribersAdding::COMMAND, body)?;
    ///
    /// assert_eq!(adding.official_account, "@TOA#_test_for_penn");
    /// assert_eq!(adding.subscribers(), ["jared", "leckie"]);
    /// # Ok::<(), tencent_live_webhook::Rejection>(())
    /// ```
    #[derive(Default, Eq, Hash)]
    pub struct SubscribersAdding = "OfficialAccount.CallbackBeforeAddSubscriber",
        fallback(SubscriberDecision::allow()), accounts(Self::subscribers) {
        /// `Official_Account`: the account subscribed to. Required.
        pub official_account: String = required "Official_Account",
        /// `Operator_Account`: who asks (the user, or the admin).
        pub operator_account: Option<String> = "Operator_Account",
        /// `SubscribeAccountList`: the users to be subscribed.
        pub subscribe_accounts: Option<Vec<Subscriber>> = "SubscribeAccountList",
        /// `EventTime`: when Tencent fired the event, Unix **milliseconds**.
        pub event_time_ms: Option<u64> = "EventTime",
    }
}

event! {
    /// `OfficialAccount.CallbackAfterAddSubscriber`: users subscribed to an
    /// official account (from a client, or added by the admin).
    ///
    /// Required: `Official_Account`.
    ///
    /// ```
    /// use tencent_live_webhook::{decode_json, SubscribersAdded};
    ///
    /// let body = br#"{"CallbackCommand":"OfficialAccount.CallbackAfterAddSubscriber",
    ///     "Official_Account":"@TOA#_test_for_penn","Operator_Account":"107867",
    ///     "SubscribeAccountList":[{"Subscriber_Account":"jared"}],"EventTime":1670574414123}"#;
    /// let added: SubscribersAdded = decode_json(SubscribersAdded::COMMAND, body)?;
    ///
    /// assert_eq!(added.subscribers(), ["jared"]);
    /// assert_eq!(added.operator_account.as_deref(), Some("107867"));
    /// # Ok::<(), tencent_live_webhook::Rejection>(())
    /// ```
    #[derive(Default, Eq, Hash)]
    pub struct SubscribersAdded = "OfficialAccount.CallbackAfterAddSubscriber" {
        /// `Official_Account`: the account subscribed to. Required.
        pub official_account: String = required "Official_Account",
        /// `Operator_Account`: who acted (the user, or the admin).
        pub operator_account: Option<String> = "Operator_Account",
        /// `SubscribeAccountList`: the users who subscribed.
        pub subscribe_accounts: Option<Vec<Subscriber>> = "SubscribeAccountList",
        /// `EventTime`: when they subscribed, Unix **milliseconds**.
        pub event_time_ms: Option<u64> = "EventTime",
    }
}

event! {
    /// `OfficialAccount.CallbackAfterDeleteSubscriber`: users unsubscribed
    /// from an official account (from a client), or the admin removed them.
    ///
    /// Required: `Official_Account`. The users who left are in
    /// `SubscribeAccountList`, the field's name for joins too.
    ///
    /// ```
    /// use tencent_live_webhook::{decode_json, SubscribersDeleted};
    ///
    /// let body = br#"{"CallbackCommand":"OfficialAccount.CallbackAfterDeleteSubscriber",
    ///     "Official_Account":"@TOA#_test_OA_for_penn","Operator_Account":"leckie",
    ///     "SubscribeAccountList":[{"Subscriber_Account":"leckie"}],"EventTime":1670574414123}"#;
    /// let deleted: SubscribersDeleted = decode_json(SubscribersDeleted::COMMAND, body)?;
    ///
    /// assert_eq!(deleted.subscribers(), ["leckie"]);
    /// # Ok::<(), tencent_live_webhook::Rejection>(())
    /// ```
    #[derive(Default, Eq, Hash)]
    pub struct SubscribersDeleted = "OfficialAccount.CallbackAfterDeleteSubscriber" {
        /// `Official_Account`: the account left. Required.
        pub official_account: String = required "Official_Account",
        /// `Operator_Account`: who acted (the user, or the admin).
        pub operator_account: Option<String> = "Operator_Account",
        /// `SubscribeAccountList`: the users who left.
        pub subscribe_accounts: Option<Vec<Subscriber>> = "SubscribeAccountList",
        /// `EventTime`: when they left, Unix **milliseconds**.
        pub event_time_ms: Option<u64> = "EventTime",
    }
}

object! {
    /// One element of a `SubscribeAccountList` ([`SubscribersAdding`],
    /// [`SubscribersAdded`], [`SubscribersDeleted`]).
    #[derive(Default, Eq, Hash)]
    pub struct Subscriber {
        /// `Subscriber_Account`: the user.
        pub subscriber_account: Option<String> = "Subscriber_Account",
    }
}

macro_rules! subscribers {
    ($($ty:ident),+) => {
        $(
            impl $ty {
                /// Each `SubscribeAccountList[].Subscriber_Account` that is
                /// there, in the body's order.
                pub fn subscribers(&self) -> Vec<String> {
                    self.subscribe_accounts
                        .iter()
                        .flatten()
                        .filter_map(|subscriber| subscriber.subscriber_account.clone())
                        .collect()
                }
            }
        )+
    };
}

subscribers!(SubscribersAdding, SubscribersAdded, SubscribersDeleted);

event_time!(SubscribersAdding, SubscribersAdded, SubscribersDeleted);
