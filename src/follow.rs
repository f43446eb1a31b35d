//! `Follow.CallbackAfterFollowAdd` and `Follow.CallbackAfterFollowDelete`: a
//! user followed or unfollowed others. These are Chat (IM) callbacks, shared
//! with Tencent's Chat product.
//!
//! The two bodies list the other users differently: a follow has `FollowList`,
//! an array of `{"To_Account": ...}` objects; an unfollow has `To_Account`, an
//! array of accounts. [`FollowAdded::followed`] and
//! [`FollowDeleted::unfollowed`] give both as plain accounts.

use std::time::SystemTime;

use crate::battle::unix_millis;

event! {
    /// `Follow.CallbackAfterFollowAdd`: a user followed one or more users.
    ///
    /// Decoding is lenient, because Tencent does not retry: accounts may be JSON
    /// strings or numbers and keep every digit; `EventTime` may be a numeric
    /// string; unknown fields are ignored; `null` reads as absent. Only a body
    /// without a `From_Account`, with another `CallbackCommand`, or with a value
    /// its field cannot hold (a `FollowList` that is not an array of objects) is
    /// refused. A member the body does not have is `None`, and is not written
    /// when the event is serialised; the accessors of the same name
    /// ([`follow_list`](Self::follow_list()), ...) read it with the old defaults.
    ///
    /// ```
    /// use tencent_live_webhook::{decode_json, FollowAdded};
    ///
    /// let body = br#"{"CallbackCommand":"Follow.CallbackAfterFollowAdd",
    ///     "From_Account":144115233775727695,"FollowList":[{"To_Account":144115245353757792}],
    ///     "EventTime":1739956030700}"#;
    /// let added: FollowAdded = decode_json(FollowAdded::COMMAND, body)?;
    ///
    /// assert_eq!(added.from_account, "144115233775727695");
    /// assert_eq!(added.followed().collect::<Vec<_>>(), ["144115245353757792"]);
    /// # Ok::<(), tencent_live_webhook::Rejection>(())
    /// ```
    #[derive(Default, Eq, Hash)]
    pub struct FollowAdded = "Follow.CallbackAfterFollowAdd" {
        /// `From_Account`: the user who follows. Required.
        pub from_account: String = required "From_Account",
        /// `FollowList`: the users now followed (those whose follow succeeded).
        pub follow_list: Option<Vec<FollowedUser>> = "FollowList",
        /// `EventTime`: when Tencent fired the event, Unix **milliseconds**;
        /// `None` when the body has none.
        pub event_time_ms: Option<u64> = "EventTime",
    }
}

impl FollowAdded {
    /// The users now followed (`FollowList`); empty when the body has none.
    pub fn follow_list(&self) -> &[FollowedUser] {
        self.follow_list.as_deref().unwrap_or_default()
    }

    /// The accounts now followed, in the body's order (`""` for an element
    /// without a `To_Account`).
    pub fn followed(&self) -> impl Iterator<Item = &str> {
        self.follow_list().iter().map(FollowedUser::to_account)
    }

    /// When Tencent fired the event; `None` when the body has no `EventTime`
    /// or it is past what `SystemTime` holds.
    pub fn event_time(&self) -> Option<SystemTime> {
        self.event_time_ms.and_then(unix_millis)
    }
}

object! {
    /// One element of [`FollowAdded::follow_list`].
    #[derive(Default, Eq, Hash)]
    pub struct FollowedUser {
        /// `To_Account`: the user followed, a JSON string or number (kept
        /// digit for digit); `None` when the element has none.
        pub to_account: Option<String> = "To_Account",
    }
}

impl FollowedUser {
    /// A followed user with this account.
    pub fn new(to_account: impl Into<String>) -> Self {
        Self {
            to_account: Some(to_account.into()),
        }
    }

    /// The user followed (`To_Account`); `""` when the element has none.
    pub fn to_account(&self) -> &str {
        self.to_account.as_deref().unwrap_or_default()
    }
}

event! {
    /// `Follow.CallbackAfterFollowDelete`: a user unfollowed one or more users.
    ///
    /// Decoded as leniently as [`FollowAdded`]. Unlike it, the users are listed
    /// as plain accounts in `To_Account`.
    ///
    /// ```
    /// use tencent_live_webhook::{decode_json, FollowDeleted};
    ///
    /// let body = br#"{"CallbackCommand":"Follow.CallbackAfterFollowDelete",
    ///     "From_Account":"UserID_001","To_Account":["UserID_002",144115245353757792],
    ///     "EventTime":"1702018343678"}"#;
    /// let deleted: FollowDeleted = decode_json(FollowDeleted::COMMAND, body)?;
    ///
    /// assert_eq!(deleted.unfollowed().collect::<Vec<_>>(), ["UserID_002", "144115245353757792"]);
    /// assert_eq!(deleted.event_time_ms, Some(1702018343678));
    /// # Ok::<(), tencent_live_webhook::Rejection>(())
    /// ```
    #[derive(Default, Eq, Hash)]
    pub struct FollowDeleted = "Follow.CallbackAfterFollowDelete" {
        /// `From_Account`: the user who unfollows. Required.
        pub from_account: String = required "From_Account",
        /// `To_Account`: the users no longer followed (an array of accounts).
        pub to_accounts: Option<Vec<String>> = "To_Account",
        /// `EventTime`: when Tencent fired the event, Unix **milliseconds**;
        /// `None` when the body has none.
        pub event_time_ms: Option<u64> = "EventTime",
    }
}

impl FollowDeleted {
    /// The users no longer followed (`To_Account`); empty when the body has
    /// none.
    pub fn to_accounts(&self) -> &[String] {
        self.to_accounts.as_deref().unwrap_or_default()
    }

    /// The accounts no longer followed, in the body's order.
    pub fn unfollowed(&self) -> impl Iterator<Item = &str> {
        self.to_accounts().iter().map(String::as_str)
    }

    /// When Tencent fired the event; `None` when the body has no `EventTime`
    /// or it is past what `SystemTime` holds.
    pub fn event_time(&self) -> Option<SystemTime> {
        self.event_time_ms.and_then(unix_millis)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode_json;
    use crate::rejection::Rejection;

    fn added(body: &str) -> Result<FollowAdded, Rejection> {
        decode_json(FollowAdded::COMMAND, body.as_bytes())
    }

    fn deleted(body: &str) -> Result<FollowDeleted, Rejection> {
        decode_json(FollowDeleted::COMMAND, body.as_bytes())
    }

    #[test]
    fn decodes_the_documented_samples() {
        let follow = added(
            r#"{"CallbackCommand":"Follow.CallbackAfterFollowAdd","From_Account":"UserID_001",
                "FollowList":[{"To_Account":"UserID_002"},{"To_Account":"UserID_003"}],
                "EventTime":1702018343678}"#,
        )
        .unwrap();
        assert_eq!(
            follow,
            FollowAdded {
                from_account: "UserID_001".into(),
                follow_list: Some(vec![
                    FollowedUser::new("UserID_002"),
                    FollowedUser::new("UserID_003")
                ]),
                event_time_ms: Some(1702018343678),
            }
        );
        assert_eq!(
            follow.followed().collect::<Vec<_>>(),
            ["UserID_002", "UserID_003"]
        );

        let unfollow = deleted(
            r#"{"CallbackCommand":"Follow.CallbackAfterFollowDelete","From_Account":"UserID_001",
                "To_Account":["UserID_002","UserID_003"],"EventTime":1702018343678}"#,
        )
        .unwrap();
        assert_eq!(
            unfollow,
            FollowDeleted {
                from_account: "UserID_001".into(),
                to_accounts: Some(vec!["UserID_002".into(), "UserID_003".into()]),
                event_time_ms: Some(1702018343678),
            }
        );
        assert_eq!(
            unfollow.unfollowed().collect::<Vec<_>>(),
            ["UserID_002", "UserID_003"]
        );
    }

    #[test]
    fn absent_members_stay_absent() {
        for (body, written) in [
            (
                r#"{"From_Account":"a"}"#,
                r#"{"CallbackCommand":"Follow.CallbackAfterFollowAdd","From_Account":"a"}"#,
            ),
            (
                r#"{"From_Account":"a","FollowList":[{},{"To_Account":""}]}"#,
                r#"{"CallbackCommand":"Follow.CallbackAfterFollowAdd","From_Account":"a","FollowList":[{},{"To_Account":""}]}"#,
            ),
        ] {
            let follow = added(body).unwrap();
            assert_eq!(serde_json::to_string(&follow).unwrap(), written);
        }
        let follow = added(r#"{"From_Account":"a","FollowList":[{}]}"#).unwrap();
        assert_eq!(follow.follow_list()[0].to_account, None);
        assert_eq!(follow.followed().collect::<Vec<_>>(), [""]);
        let unfollow = deleted(r#"{"From_Account":"a"}"#).unwrap();
        assert_eq!(unfollow.to_accounts, None);
        assert!(unfollow.to_accounts().is_empty());
        assert_eq!(
            serde_json::to_string(&unfollow).unwrap(),
            r#"{"CallbackCommand":"Follow.CallbackAfterFollowDelete","From_Account":"a"}"#
        );
        let unfollow = deleted(r#"{"From_Account":"a","To_Account":[]}"#).unwrap();
        assert_eq!(unfollow.to_accounts, Some(vec![]));
    }

    #[test]
    fn the_two_shapes_are_not_mixed_up() {
        // Each list in the other's shape is not read by guessing.
        assert!(added(r#"{"From_Account":"a","FollowList":["b"]}"#).is_err());
        assert!(deleted(r#"{"From_Account":"a","To_Account":[{"To_Account":"b"}]}"#).is_err());
        // `To_Account` at the top of a follow is an unknown field there.
        let follow = added(r#"{"From_Account":"a","To_Account":["b"]}"#).unwrap();
        assert_eq!(follow.followed().count(), 0);
    }

    #[test]
    fn refuses_what_cannot_be_understood() {
        for body in [
            r#"{}"#,
            r#"{"From_Account":""}"#,
            r#"{"From_Account":null}"#,
            r#"{"From_Account":"a","CallbackCommand":"Follow.CallbackAfterFollowDelete"}"#,
            r#"{"From_Account":"a","FollowList":{"To_Account":"b"}}"#,
        ] {
            assert!(added(body).is_err(), "accepted {body}");
        }
        for body in [
            r#"{"To_Account":["b"]}"#,
            r#"{"From_Account":"a","CallbackCommand":"Follow.CallbackAfterFollowAdd"}"#,
            r#"{"From_Account":"a","To_Account":"b"}"#,
        ] {
            assert!(deleted(body).is_err(), "accepted {body}");
        }
    }
}
