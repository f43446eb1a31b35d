//! Samples of the official-account commands: the admin opens an official
//! account for the owner's room, viewers subscribe, the account announces
//! the battle and recalls the announcement, and the account is closed with
//! the room (one sample per command, in the table's order; times within the
//! room's story).

use super::*;
use crate::{
    MsgElement, OfficialAccountCreated, OfficialAccountCreating, OfficialAccountDestroyed,
    OfficialAccountFull, OfficialAccountInfoChanged, OfficialMessageSending, OfficialMessageSent,
    OfficialMessagesRecalled, Subscriber, SubscribersAdded, SubscribersAdding, SubscribersDeleted,
    WithdrawnMessage,
};

/// The room's official account.
const ACCOUNT: &str = "@TOA#pk-3-news";
/// Its name.
const NAME: &str = "pk-3 news";
/// When the announcement is sent, Unix seconds.
const ANNOUNCED_AT: u64 = ROOM_CREATED_AT + 200;

/// `EventTime` `seconds` after the room is created, and `millis` more.
const fn at(seconds: u64, millis: u64) -> Option<u64> {
    Some((ROOM_CREATED_AT + seconds) * 1000 + millis)
}

fn subscribers(accounts: &[&str]) -> Option<Vec<Subscriber>> {
    Some(
        accounts
            .iter()
            .map(|account| Subscriber {
                subscriber_account: Some((*account).to_owned()),
            })
            .collect(),
    )
}

fn announcement_key() -> String {
    format!("91_3000000001_{ANNOUNCED_AT}")
}

impl OfficialAccountCreating {
    /// A sample: the admin asks for an official account for the owner's
    /// room, before Tencent creates it.
    pub fn sample() -> Self {
        Self {
            operator_account: Some(ADMIN.to_owned()),
            owner_account: Some(OWNER.to_owned()),
            name: Some(NAME.to_owned()),
            event_time_ms: at(5, 100),
        }
    }
}

impl OfficialAccountCreated {
    /// A sample: the account of [`OfficialAccountCreating::sample`],
    /// created.
    pub fn sample() -> Self {
        Self {
            official_account: ACCOUNT.to_owned(),
            operator_account: Some(ADMIN.to_owned()),
            owner_account: Some(OWNER.to_owned()),
            name: Some(NAME.to_owned()),
            event_time_ms: at(5, 300),
        }
    }
}

impl OfficialAccountInfoChanged {
    /// A sample: the admin gives the account an introduction and an avatar
    /// (its name and organization unchanged, so not sent).
    pub fn sample() -> Self {
        Self {
            official_account: ACCOUNT.to_owned(),
            operator_account: Some(ADMIN.to_owned()),
            introduction: Some("Battles every night at nine".to_owned()),
            face_url: Some("https://example.com/pk-3/news.png".to_owned()),
            event_time_ms: at(10, 0),
            ..Self::default()
        }
    }
}

impl OfficialAccountDestroyed {
    /// A sample: the admin closes the account as the room is destroyed.
    pub fn sample() -> Self {
        Self {
            official_account: ACCOUNT.to_owned(),
            owner_account: Some(OWNER.to_owned()),
            name: Some(NAME.to_owned()),
            event_time_ms: Some((ROOM_DESTROYED_AT - 5) * 1000),
        }
    }
}

impl SubscribersAdding {
    /// A sample: the viewer and the second viewer are about to subscribe
    /// (the admin adds them), before Tencent subscribes them.
    pub fn sample() -> Self {
        Self {
            official_account: ACCOUNT.to_owned(),
            operator_account: Some(ADMIN.to_owned()),
            subscribe_accounts: subscribers(&[VIEWER, SECOND_VIEWER]),
            event_time_ms: at(60, 0),
        }
    }
}

impl SubscribersAdded {
    /// A sample: the users of [`SubscribersAdding::sample`], subscribed.
    pub fn sample() -> Self {
        Self {
            official_account: ACCOUNT.to_owned(),
            operator_account: Some(ADMIN.to_owned()),
            subscribe_accounts: subscribers(&[VIEWER, SECOND_VIEWER]),
            event_time_ms: at(60, 200),
        }
    }
}

impl OfficialAccountFull {
    /// A sample: those subscriptions filled the account (a test app's
    /// small limit).
    pub fn sample() -> Self {
        Self {
            official_account: ACCOUNT.to_owned(),
            event_time_ms: at(60, 250),
        }
    }
}

impl SubscribersDeleted {
    /// A sample: the second viewer unsubscribes.
    pub fn sample() -> Self {
        Self {
            official_account: ACCOUNT.to_owned(),
            operator_account: Some(SECOND_VIEWER.to_owned()),
            subscribe_accounts: subscribers(&[SECOND_VIEWER]),
            event_time_ms: at(150, 0),
        }
    }
}

impl OfficialMessageSending {
    /// A sample: the account announces the battle, before Tencent delivers
    /// it to the subscribers.
    pub fn sample() -> Self {
        Self {
            official_account: ACCOUNT.to_owned(),
            online_only: Some(false),
            msg_body: Some(vec![MsgElement::text("pk-3 battles pk-5 now!")]),
            cloud_custom_data: Some(r#"{"room":"pk-3"}"#.to_owned()),
            event_time_ms: Some(ANNOUNCED_AT * 1000),
        }
    }
}

impl OfficialMessageSent {
    /// A sample: the announcement of [`OfficialMessageSending::sample`],
    /// delivered.
    pub fn sample() -> Self {
        let sending = OfficialMessageSending::sample();
        Self {
            official_account: sending.official_account,
            msg_key: Some(announcement_key()),
            msg_time: Some(ANNOUNCED_AT),
            online_only: sending.online_only,
            msg_body: sending.msg_body,
            cloud_custom_data: sending.cloud_custom_data,
            event_time_ms: Some(ANNOUNCED_AT * 1000 + 200),
        }
    }
}

impl OfficialMessagesRecalled {
    /// A sample: the announcement is recalled once the battle is over.
    pub fn sample() -> Self {
        Self {
            official_account: ACCOUNT.to_owned(),
            withdrawn: Some(vec![WithdrawnMessage {
                msg_key: Some(announcement_key()),
            }]),
            event_time_ms: at(250, 0),
        }
    }
}
