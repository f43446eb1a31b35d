//! What every webhook event type provides, and how a body becomes one.

use std::fmt;

use serde::de::{self, DeserializeOwned, DeserializeSeed, Deserializer, Visitor};

use crate::rejection::Rejection;

/// A webhook event the middleware can receive: a typed payload for one
/// `CallbackCommand`.
///
/// The middleware matches a request by this command, decodes the body with
/// `serde_json`, and hands the value on. The type's `Deserialize` should be
/// lenient (Tencent does not retry after-event webhooks) and should reject a
/// body whose own `CallbackCommand` is another command, at the path
/// `CallbackCommand`, so the middleware can answer
/// [`Rejection::CommandMismatch`].
pub trait WebhookEvent: DeserializeOwned + Clone + Send + Sync + 'static {
    /// The `CallbackCommand` query value this event arrives with,
    /// such as `Live.CallbackAfterEndBattle`.
    const CALLBACK_COMMAND: &'static str;
}

/// Decodes a webhook body. The happy path is one `serde_json` pass; only a
/// failure pays for a second pass that finds the failing field's path.
pub(crate) fn decode<E: WebhookEvent>(body: &[u8]) -> Result<E, Rejection> {
    // A byte-order mark is not JSON, but its meaning is clear: skip it.
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    match serde_json::from_slice(body) {
        Ok(event) => Ok(event),
        Err(error) => Err(diagnose::<E>(body, &error)),
    }
}

fn diagnose<E: WebhookEvent>(body: &[u8], error: &serde_json::Error) -> Rejection {
    if !error.is_data() {
        return Rejection::InvalidJson(describe(error));
    }
    let mut json = serde_json::Deserializer::from_slice(body);
    let (path, detail) = match serde_path_to_error::deserialize::<_, E>(&mut json) {
        Err(located) => (located.path().to_string(), describe(located.inner())),
        // Not expected (the same bytes failed a moment ago); report the first error.
        Ok(_) => (".".to_owned(), describe(error)),
    };
    if path == "CallbackCommand" {
        return Rejection::CommandMismatch;
    }
    Rejection::InvalidEvent(if path == "." {
        detail
    } else {
        format!("`{path}`: {detail}")
    })
}

/// serde_json's message with its position, rewritten so that no value from
/// the body is quoted: `invalid type: string "…", expected X` becomes
/// `found a string, expected X`.
fn describe(error: &serde_json::Error) -> String {
    let full = error.to_string();
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    let message = full.strip_suffix(&suffix).unwrap_or(&full);
    let message = ["invalid type: ", "invalid value: "]
        .iter()
        .find_map(|prefix| message.strip_prefix(prefix))
        .map_or_else(
            || message.to_owned(),
            |rest| {
                let (found, expected) = rest.rsplit_once(", expected ").unwrap_or((rest, ""));
                let kind = found.split([' ', '`', '"']).next().unwrap_or("value");
                let found = match kind {
                    "map" => "an object",
                    "sequence" => "an array",
                    "null" | "unit" => "null",
                    "string" => "a string",
                    "integer" if found.contains("`-") => "a negative integer",
                    "integer" => "an integer",
                    "floating" => "a number with a fraction",
                    "boolean" => "a boolean",
                    _ => "a value",
                };
                if expected.is_empty() {
                    format!("found {found}")
                } else {
                    format!("found {found}, expected {expected}")
                }
            },
        );
    if error.line() == 0 {
        message
    } else {
        format!(
            "{message} (line {}, column {})",
            error.line(),
            error.column()
        )
    }
}

/// A `CallbackCommand` in a body: it must be `expected` when present.
pub(crate) struct ExpectCommand(pub(crate) &'static str);

impl<'de> DeserializeSeed<'de> for ExpectCommand {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl Visitor<'_> for ExpectCommand {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the command `{}`", self.0)
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<(), E> {
        if value == self.0 {
            Ok(())
        } else {
            Err(E::invalid_value(
                de::Unexpected::Other("another command"),
                &self,
            ))
        }
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
}
