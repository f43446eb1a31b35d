//! The answer to `Chatbot.OnC2CSignalMessage`: data for the chatbot.

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

/// The answer to `Chatbot.OnC2CSignalMessage`: the data returned to the
/// chatbot for the pass-through content a user sent it.
///
/// [`data`](Self::data) writes
/// `{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0,"RspData":value}`;
/// [`ok`](Self::ok), the fallback, is the plain OK acknowledgement, with no
/// data. **Unverified:** Tencent's page does not show the reply; the member
/// name `RspData` comes from Tencent's Chinese index of the command and from
/// third-party code, not from a sample.
///
/// ```
/// use tencent_live_webhook::ChatbotReply;
///
/// assert_eq!(
///     ChatbotReply::data("pong").to_bytes(),
///     r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0,"RspData":"pong"}"#
/// );
/// assert_eq!(
///     ChatbotReply::ok().to_bytes(),
///     r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}"#
/// );
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChatbotReply {
    data: Option<serde_json::Value>,
}

impl ChatbotReply {
    /// No data: the plain OK acknowledgement.
    pub const fn ok() -> Self {
        Self { data: None }
    }

    /// `value` returned to the chatbot as `RspData`: a string, or any JSON.
    pub fn data(value: impl Into<serde_json::Value>) -> Self {
        Self {
            data: Some(value.into()),
        }
    }

    /// The `RspData`, when there is some.
    pub fn rsp_data(&self) -> Option<&serde_json::Value> {
        self.data.as_ref()
    }

    /// The `ErrorCode`: always 0.
    pub fn error_code(&self) -> i64 {
        0
    }

    /// The reply as the JSON bytes Tencent reads.
    pub fn to_bytes(&self) -> bytes::Bytes {
        match self.data {
            None => bytes::Bytes::from_static(crate::ack::OK_JSON),
            Some(_) => crate::ack::json_bytes(self),
        }
    }
}

impl Serialize for ChatbotReply {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let len = 3 + usize::from(self.data.is_some());
        let mut answer = serializer.serialize_struct("ChatbotReply", len)?;
        answer.serialize_field("ActionStatus", "OK")?;
        answer.serialize_field("ErrorInfo", "")?;
        answer.serialize_field("ErrorCode", &0)?;
        if let Some(data) = &self.data {
            answer.serialize_field("RspData", data)?;
        }
        answer.end()
    }
}
