//! Chatbots (`@RBT#` ids): messages sent to them, mentions of them in groups,
//! and pass-through content answered with data.

mod reply;

pub use self::reply::ChatbotReply;

// region: bot types
// endregion: bot types
