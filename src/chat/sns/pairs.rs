//! The relationship chain changed: friends added or deleted, users added to
//! or removed from a blocklist. All four bodies are a `PairList`.

object! {
    /// One pair of users in a relationship change (`PairList`).
    #[derive(Default, Eq, Hash)]
    pub struct FriendPair {
        /// `From_Account`: whose friend list (or blocklist) changed.
        pub from_account: Option<String> = "From_Account",
        /// `To_Account`: the user added to it or removed from it.
        pub to_account: Option<String> = "To_Account",
        /// `Initiator_Account`: who started it (friend adds only).
        pub initiator_account: Option<String> = "Initiator_Account",
    }
}

event! {
    /// `Sns.CallbackFriendAdd`: friendships were made: a two-way or one-way
    /// add, an accepted request, or an admin's forced add. Friends imported
    /// through the import API are not reported.
    ///
    /// Required: `PairList`. A two-way add may list both directions. The
    /// body has no `EventTime`.
    ///
    /// ```
    /// use tencent_live_webhook::{decode_json, FriendsAdded};
    ///
    /// let body = br#"{"CallbackCommand":"Sns.CallbackFriendAdd",
    ///     "PairList":[{"From_Account":"id","To_Account":"id1","Initiator_Account":"id"}],
    ///     "ClientCmd":"friend_add","Admin_Account":"","ForceFlag":1}"#;
    /// let added: FriendsAdded = decode_json(FriendsAdded::COMMAND, body)?;
    ///
    /// assert_eq!(added.pairs[0].to_account.as_deref(), Some("id1"));
    /// assert_eq!(added.client_cmd.as_deref(), Some("friend_add"));
    /// # Ok::<(), tencent_live_webhook::Rejection>(())
    /// ```
    #[derive(Default, Eq, Hash)]
    pub struct FriendsAdded = "Sns.CallbackFriendAdd" {
        /// `PairList`: the friendships made. Required.
        pub pairs: Vec<FriendPair> = required "PairList",
        /// `ClientCmd`: what made them: `friend_add` or `FriendAdd` (a
        /// request), `friend_response` or `FriendResponse` (an answer).
        pub client_cmd: Option<String> = "ClientCmd",
        /// `Admin_Account`: the admin, when the add came from the REST API;
        /// empty otherwise.
        pub admin_account: Option<String> = "Admin_Account",
        /// `ForceFlag`: 1 when an admin forced the add, 0 otherwise.
        pub force_flag: Option<u64> = "ForceFlag",
    }
}

/// A relationship change whose body is only its `PairList`.
macro_rules! pair_list_event {
    ($(#[$meta:meta])* $name:ident = $command:literal, $what:literal) => {
        event! {
            $(#[$meta])*
            #[derive(Default, Eq, Hash)]
            pub struct $name = $command {
                #[doc = concat!("`PairList`: the pairs ", $what, ". Required.")]
                pub pairs: Vec<FriendPair> = required "PairList",
            }
        }
    };
}

pair_list_event!(
    /// `Sns.CallbackFriendDelete`: friendships were deleted; each pair's
    /// `From_Account` lost `To_Account`. No `EventTime`, no operator.
    ///
    /// ```
    /// use tencent_live_webhook::{decode_json, FriendsDeleted};
    ///
    /// let body = br#"{"CallbackCommand":"Sns.CallbackFriendDelete",
    ///     "PairList":[{"From_Account":"id","To_Account":"id1"}]}"#;
    /// let deleted: FriendsDeleted = decode_json(FriendsDeleted::COMMAND, body)?;
    /// assert_eq!(deleted.pairs[0].from_account.as_deref(), Some("id"));
    /// # Ok::<(), tencent_live_webhook::Rejection>(())
    /// ```
    FriendsDeleted = "Sns.CallbackFriendDelete",
    "whose friendship was deleted"
);

pair_list_event!(
    /// `Sns.CallbackBlackListAdd`: users were added to blocklists; each
    /// pair's `From_Account` blocked `To_Account`. No `EventTime`.
    ///
    /// ```
    /// use tencent_live_webhook::{decode_json, BlocklistAdded};
    ///
    /// let body = br#"{"CallbackCommand":"Sns.CallbackBlackListAdd",
    ///     "PairList":[{"From_Account":"id","To_Account":"id2"}]}"#;
    /// let blocked: BlocklistAdded = decode_json(BlocklistAdded::COMMAND, body)?;
    /// assert_eq!(blocked.pairs[0].to_account.as_deref(), Some("id2"));
    /// # Ok::<(), tencent_live_webhook::Rejection>(())
    /// ```
    BlocklistAdded = "Sns.CallbackBlackListAdd",
    "added to a blocklist"
);

pair_list_event!(
    /// `Sns.CallbackBlackListDelete`: users were removed from blocklists,
    /// by a client or the REST API; each pair's `From_Account` unblocked
    /// `To_Account`. No `EventTime`.
    ///
    /// ```
    /// use tencent_live_webhook::{decode_json, BlocklistDeleted};
    ///
    /// let body = br#"{"CallbackCommand":"Sns.CallbackBlackListDelete",
    ///     "PairList":[{"From_Account":"id","To_Account":"id3"}]}"#;
    /// let unblocked: BlocklistDeleted = decode_json(BlocklistDeleted::COMMAND, body)?;
    /// assert_eq!(unblocked.pairs.len(), 1);
    /// # Ok::<(), tencent_live_webhook::Rejection>(())
    /// ```
    BlocklistDeleted = "Sns.CallbackBlackListDelete",
    "removed from a blocklist"
);
