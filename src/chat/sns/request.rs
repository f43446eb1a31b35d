//! The friend-request before-webhooks: `Sns.CallbackPrevFriendAdd` (a user
//! asks to add friends) and `Sns.CallbackPrevFriendResponse` (a user answers
//! friend requests).

use std::time::SystemTime;

use crate::battle::unix_millis;
use crate::FriendDecision;

event! {
    /// `Sns.CallbackPrevFriendAdd`: a user asks, from a client, to add one
    /// or more friends; before the requests are made. Requests made through
    /// the REST API are not asked about. A before-webhook: answer with a
    /// [`FriendDecision`], a verdict per user in `FriendItem`; a handler
    /// that answers anything else lets every request go on, as Tencent does
    /// when the webhook fails.
    ///
    /// Required: `From_Account`, who asks.
    ///
    /// ```
    /// use tencent_live_webhook::{decode_json, AddType, FriendRequested, WebhookEvent};
    ///
    /// let body = br#"{"CallbackCommand":"Sns.CallbackPrevFriendAdd","Requester_Account":"id",
    ///     "From_Account":"id","FriendItem":[{"To_Account":"id1","AddWording":"hi!"},
    ///     {"To_Account":"id2"}],"AddType":"Add_Type_Both","ForceAddFlags":0,
    ///     "EventTime":1631777344870}"#;
    /// let request: FriendRequested = decode_json(FriendRequested::COMMAND, body)?;
    ///
    /// assert_eq!(request.add_type, Some(AddType::Both));
    /// assert_eq!(request.decision_accounts(), Some(vec!["id1".to_owned(), "id2".to_owned()]));
    /// # Ok::<(), tencent_live_webhook::Rejection>(())
    /// ```
    #[derive(Default, Eq, Hash)]
    pub struct FriendRequested = "Sns.CallbackPrevFriendAdd",
        fallback(FriendDecision::allow_all()), accounts(Self::recipients) {
        /// `From_Account`: the user who wants to add friends. Required.
        pub from_account: String = required "From_Account",
        /// `Requester_Account`: who sent the request (the user, or an admin).
        pub requester_account: Option<String> = "Requester_Account",
        /// `FriendItem`: one entry per user to be added.
        pub friend_items: Option<Vec<FriendRequest>> = "FriendItem",
        /// `AddType`: one-way or two-way.
        pub add_type: Option<AddType> = "AddType",
        /// `ForceAddFlags`: 1 when an admin forces the add, 0 otherwise.
        pub force_add_flags: Option<u64> = "ForceAddFlags",
        /// `EventTime`: when the request was made, Unix **milliseconds**.
        pub event_time_ms: Option<u64> = "EventTime",
    }
}

impl FriendRequested {
    /// When the request was made; `None` when the body has no `EventTime`.
    pub fn event_time(&self) -> Option<SystemTime> {
        self.event_time_ms.and_then(unix_millis)
    }

    /// The users to be added (`FriendItem[].To_Account`), in order: those
    /// the [`FriendDecision`] gives a verdict for.
    fn recipients(&self) -> Vec<String> {
        let items = self.friend_items.as_deref().unwrap_or_default();
        items
            .iter()
            .filter_map(|item| item.to_account.clone())
            .collect()
    }
}

object! {
    /// One user in [`FriendRequested::friend_items`].
    #[derive(Default, Eq, Hash)]
    pub struct FriendRequest {
        /// `To_Account`: the user to be added.
        pub to_account: Option<String> = "To_Account",
        /// `Remark`: the remark the asking user sets for them.
        pub remark: Option<String> = "Remark",
        /// `GroupName`: the friend list they are put in.
        pub group_name: Option<String> = "GroupName",
        /// `AddSource`: where the request comes from, `AddSource_Type_…`.
        pub add_source: Option<String> = "AddSource",
        /// `AddWording`: the request's message.
        pub add_wording: Option<String> = "AddWording",
    }
}

string_enum! {
    /// [`FriendRequested::add_type`]: whether the friendship goes both ways.
    pub enum AddType {
        /// `Add_Type_Single`: one-way, only into the asking user's list.
        Single = "Add_Type_Single",
        /// `Add_Type_Both`: two-way, Tencent's default.
        Both = "Add_Type_Both",
    }
}

event! {
    /// `Sns.CallbackPrevFriendResponse`: a user answers, from a client, one
    /// or more friend requests; before the answers take effect. Answers
    /// made through the REST API are not asked about. A before-webhook:
    /// answer with a [`FriendDecision`], a verdict per user in
    /// `ResponseFriendItem`; a handler that answers anything else lets every
    /// answer go on, as Tencent does when the webhook fails.
    ///
    /// Required: `From_Account`, who answers.
    ///
    /// ```
    /// use tencent_live_webhook::{decode_json, FriendResponding, ResponseAction};
    ///
    /// let body = br#"{"CallbackCommand":"Sns.CallbackPrevFriendResponse","From_Account":"id",
    ///     "ResponseFriendItem":[{"To_Account":"id1","ResponseAction":"Response_Action_AgreeAndAdd"}],
    ///     "EventTime":1631777645424}"#;
    /// let answer: FriendResponding = decode_json(FriendResponding::COMMAND, body)?;
    ///
    /// let items = answer.response_items.unwrap();
    /// assert_eq!(items[0].response_action, Some(ResponseAction::AgreeAndAdd));
    /// # Ok::<(), tencent_live_webhook::Rejection>(())
    /// ```
    #[derive(Default, Eq, Hash)]
    pub struct FriendResponding = "Sns.CallbackPrevFriendResponse",
        fallback(FriendDecision::allow_all()), accounts(Self::recipients) {
        /// `From_Account`: the user who answers. Required.
        pub from_account: String = required "From_Account",
        /// `Requester_Account`: who sent the answer (the user, or an admin).
        pub requester_account: Option<String> = "Requester_Account",
        /// `ResponseFriendItem`: one entry per request answered.
        pub response_items: Option<Vec<FriendResponse>> = "ResponseFriendItem",
        /// `EventTime`: when the answer was made, Unix **milliseconds**.
        pub event_time_ms: Option<u64> = "EventTime",
    }
}

impl FriendResponding {
    /// When the answer was made; `None` when the body has no `EventTime`.
    pub fn event_time(&self) -> Option<SystemTime> {
        self.event_time_ms.and_then(unix_millis)
    }

    /// The users whose requests are answered
    /// (`ResponseFriendItem[].To_Account`), in order: those the
    /// [`FriendDecision`] gives a verdict for.
    fn recipients(&self) -> Vec<String> {
        let items = self.response_items.as_deref().unwrap_or_default();
        items
            .iter()
            .filter_map(|item| item.to_account.clone())
            .collect()
    }
}

object! {
    /// One answer in [`FriendResponding::response_items`].
    #[derive(Default, Eq, Hash)]
    pub struct FriendResponse {
        /// `To_Account`: the user who had sent the request.
        pub to_account: Option<String> = "To_Account",
        /// `Remark`: the remark set for them.
        pub remark: Option<String> = "Remark",
        /// `TagName`: the friend list they are put in (not `GroupName`, as
        /// in a request).
        pub tag_name: Option<String> = "TagName",
        /// `ResponseAction`: the answer.
        pub response_action: Option<ResponseAction> = "ResponseAction",
    }
}

string_enum! {
    /// [`FriendResponse::response_action`]: how the request is answered.
    pub enum ResponseAction {
        /// `Response_Action_AgreeAndAdd`: accepted, and added back.
        AgreeAndAdd = "Response_Action_AgreeAndAdd",
        /// `Response_Action_Agree`: accepted one way.
        Agree = "Response_Action_Agree",
        /// `Response_Action_Reject`: refused.
        Reject = "Response_Action_Reject",
    }
}
