//! Official accounts (`@TOA#` ids): created, changed and destroyed by the
//! admin; subscribed to, and sending messages to their subscribers.

mod decision;

pub use self::decision::{
    CreateOfficialAccountDecision, OfficialMessageDecision, SubscriberDecision,
    OFFICIAL_ACCOUNT_SENDER_CODES,
};

// region: official types
/// `event_time()` for each event type named: its `EventTime`, milliseconds.
macro_rules! event_time {
    ($($ty:ident),+ $(,)?) => {
        $(
            impl $ty {
                /// When Tencent fired the event; `None` when the body has no
                /// `EventTime` or it is past what `SystemTime` holds.
                pub fn event_time(&self) -> Option<std::time::SystemTime> {
                    self.event_time_ms.and_then(crate::battle::unix_millis)
                }
            }
        )+
    };
}

mod account;
mod message;
mod subscriber;

pub use self::account::{
    OfficialAccountCreated, OfficialAccountCreating, OfficialAccountDestroyed, OfficialAccountFull,
    OfficialAccountInfoChanged,
};
pub use self::message::{
    OfficialMessageSending, OfficialMessageSent, OfficialMessagesRecalled, WithdrawnMessage,
};
pub use self::subscriber::{Subscriber, SubscribersAdded, SubscribersAdding, SubscribersDeleted};
// endregion: official types
