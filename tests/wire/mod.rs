//! Shared by the tests that check answers byte for byte: the decisions as
//! Tencent reads them, written out literally (never computed by the crate),
//! and an answer as Tencent reads it.

#![allow(dead_code)] // each test file uses its own part

use std::borrow::Cow;

use http::StatusCode;
use tencent_live_webhook::testing::Answer;

/// `ErrorCode` 0 allows (the same bytes as an OK acknowledgement).
pub const ALLOW: &str = r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}"#;
/// `ErrorCode` 1 rejects.
pub const REJECT: &str = r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":1}"#;
/// `ErrorCode` 2 discards a message.
pub const DISCARD: &str = r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":2}"#;

/// An answer as Tencent reads it: the status, the `Content-Type` and the body.
pub fn wire(answer: &Answer) -> (StatusCode, Option<&str>, Cow<'_, str>) {
    let body = String::from_utf8_lossy(&answer.body);
    (answer.status, answer.content_type.as_deref(), body)
}

/// A decision's (or an acknowledgement's) answer: HTTP 200, JSON, exactly `body`.
pub fn decided(body: &str) -> (StatusCode, Option<&str>, Cow<'_, str>) {
    (
        StatusCode::OK,
        Some("application/json"),
        Cow::Borrowed(body),
    )
}
