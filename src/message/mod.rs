//! The room-message webhooks and the message elements they carry.

mod sending;
mod sent;

use serde::{Deserialize, Serialize};

pub use self::sending::MessageSending;
pub use self::sent::MessageSent;

/// One element of a message body (`MsgBody`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum MsgElement {
    /// Any element, as JSON.
    Other(serde_json::Value),
}

impl MsgElement {
    /// A text element.
    pub fn text(text: impl Into<String>) -> Self {
        Self::Other(
            serde_json::json!({"MsgType": "TIMTextElem", "MsgContent": {"Text": text.into()}}),
        )
    }
}
