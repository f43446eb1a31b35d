//! Chatbots (`@RBT#` ids): messages sent to them, mentions of them in groups,
//! and pass-through content answered with data.

mod reply;

pub use self::reply::ChatbotReply;

// region: bot types
mod mention;
mod message;
mod signal;

pub use self::mention::BotMentioned;
pub use self::message::BotMessageReceived;
pub use self::signal::BotSignalReceived;
// endregion: bot types
