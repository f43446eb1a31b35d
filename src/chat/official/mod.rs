//! Official accounts (`@TOA#` ids): created, changed and destroyed by the
//! admin; subscribed to, and sending messages to their subscribers.

mod decision;

pub use self::decision::{
    CreateOfficialAccountDecision, OfficialMessageDecision, SubscriberDecision,
    OFFICIAL_ACCOUNT_SENDER_CODES,
};

// region: official types
// endregion: official types
