//! A body becomes an event: JSON objects only, the body's `CallbackCommand`
//! checked against the query's, failures named by their field path.

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::{BorrowedStrDeserializer, MapAccessDeserializer, StrDeserializer};
use serde::de::{self, DeserializeOwned, DeserializeSeed, Deserializer, MapAccess, Visitor};

use crate::event::WebhookEvent;
use crate::rejection::Rejection;

/// The key whose value names the command.
const COMMAND_KEY: &str = "CallbackCommand";

/// Decodes a webhook body into a derived event type, the way the crate
/// decodes its own:
///
/// - the body is a JSON object (an array is never read by position), and a
///   leading UTF-8 byte-order mark is skipped;
/// - its `CallbackCommand`, when present and not `null`, is one of `T`'s
///   [`CALLBACK_COMMANDS`](WebhookEvent::CALLBACK_COMMANDS), or the answer is
///   [`CommandMismatch`](Rejection::CommandMismatch); given twice, it is refused;
/// - the derived impl reads the fields: it sees `CallbackCommand` as the
///   command that was received (the body's, or `callback_command` when the body
///   has none), so a field of that name can keep it;
/// - anything else that fails is [`InvalidJson`](Rejection::InvalidJson) or
///   [`InvalidEvent`](Rejection::InvalidEvent), naming the failing field's path
///   and position, never quoting the body.
///
/// The happy path is one `serde_json` pass; only a failure pays for a second
/// pass that finds the failing field's path.
///
/// ```
/// use tencent_live_webhook::{decode_json, BattleEnded};
///
/// let command = "Live.CallbackAfterEndBattle";
/// let battle: BattleEnded = decode_json(command, br#"{"BattleId":"b","Duration":"30000"}"#)?;
/// assert_eq!(battle.duration_ms, Some(30000));
///
/// let rejection = decode_json::<BattleEnded>(command, br#"{"BattleId":"b","Duration":1.5}"#)
///     .unwrap_err();
/// assert_eq!(rejection.error_code(), 3005);
/// assert!(rejection.to_string().contains("`Duration`"));
/// assert!(decode_json::<BattleEnded>(command, br#"["b"]"#).is_err());
/// # Ok::<(), tencent_live_webhook::Rejection>(())
/// ```
pub fn decode_json<T>(callback_command: &str, body: &[u8]) -> Result<T, Rejection>
where
    T: WebhookEvent + DeserializeOwned,
{
    decode_object(callback_command, T::CALLBACK_COMMANDS, body)
}

/// [`decode_json`] with the spellings the body's command may have.
pub(crate) fn decode_object<T: DeserializeOwned>(
    received: &str,
    spellings: &[&str],
    body: &[u8],
) -> Result<T, Rejection> {
    // A byte-order mark is not JSON, but its meaning is clear: skip it.
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    let seed = EventSeed::<T> {
        received,
        spellings,
        target: PhantomData,
    };
    let mut json = serde_json::Deserializer::from_slice(body);
    match seed.deserialize(&mut json).and_then(|event| {
        json.end()?;
        Ok(event)
    }) {
        Ok(event) => Ok(event),
        Err(error) => Err(diagnose::<T>(received, spellings, body, &error)),
    }
}

/// Reads an event from a JSON object, checking its command on the way.
struct EventSeed<'a, T> {
    received: &'a str,
    spellings: &'a [&'a str],
    target: PhantomData<T>,
}

impl<'de, T: DeserializeOwned> DeserializeSeed<'de> for EventSeed<'_, T> {
    type Value = T;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de, T: DeserializeOwned> Visitor<'de> for EventSeed<'_, T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a `{}` object", self.received)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::deserialize(MapAccessDeserializer::new(CommandChecked {
            map,
            received: self.received,
            spellings: self.spellings,
            seen: false,
            handed_on: false,
            value: Pending::Nothing,
        }))
    }
}

/// The event's map, as its derived impl sees it: every key is handed on as it
/// is read; the value of `CallbackCommand` is checked once, then handed on as
/// the command received (the body's, or the query's when the body's is `null`
/// or, injected at the end, absent).
struct CommandChecked<'a, A> {
    map: A,
    received: &'a str,
    spellings: &'a [&'a str],
    /// Whether the body had a `CallbackCommand` key.
    seen: bool,
    /// Whether a `CallbackCommand` has been handed to the derived impl.
    handed_on: bool,
    value: Pending,
}

/// What the next value is.
enum Pending {
    /// The body's next value, read as it is.
    Nothing,
    /// The body's `CallbackCommand`, to be checked.
    Command,
    /// The query's command, injected because the body has none.
    Received,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for CommandChecked<'_, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        let mut seed = Some(seed);
        let mut command = false;
        let key = self.map.next_key_seed(KeySeed {
            seed: &mut seed,
            command: &mut command,
        })?;
        if key.is_some() {
            if command {
                if std::mem::replace(&mut self.seen, true) {
                    return Err(de::Error::duplicate_field(COMMAND_KEY));
                }
                self.handed_on = true;
                self.value = Pending::Command;
            }
            return Ok(key);
        }
        match seed {
            // The map is done and had no command: the received one is handed on.
            Some(seed) if !self.handed_on => {
                self.handed_on = true;
                self.value = Pending::Received;
                seed.deserialize(StrDeserializer::new(COMMAND_KEY))
                    .map(Some)
            }
            _ => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        match std::mem::replace(&mut self.value, Pending::Nothing) {
            Pending::Nothing => self.map.next_value_seed(seed),
            Pending::Command => self.map.next_value_seed(CommandSeed {
                spellings: self.spellings,
                received: self.received,
                seed,
            }),
            Pending::Received => seed.deserialize(StrDeserializer::new(self.received)),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        self.map.size_hint()
    }
}

/// Reads a key and hands it straight to the derived impl's seed, noting
/// whether it is `CallbackCommand`.
struct KeySeed<'s, K> {
    seed: &'s mut Option<K>,
    command: &'s mut bool,
}

impl<'de, K: DeserializeSeed<'de>> DeserializeSeed<'de> for KeySeed<'_, K> {
    type Value = K::Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<K::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de, K: DeserializeSeed<'de>> Visitor<'de> for KeySeed<'_, K> {
    type Value = K::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_borrowed_str<E: de::Error>(self, key: &'de str) -> Result<K::Value, E> {
        *self.command = key == COMMAND_KEY;
        let seed = self
            .seed
            .take()
            .ok_or_else(|| E::custom("a key was read twice"))?;
        seed.deserialize(BorrowedStrDeserializer::new(key))
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<K::Value, E> {
        *self.command = key == COMMAND_KEY;
        let seed = self
            .seed
            .take()
            .ok_or_else(|| E::custom("a key was read twice"))?;
        seed.deserialize(StrDeserializer::new(key))
    }
}

/// The body's `CallbackCommand`: one of the spellings, handed on to the
/// derived impl's seed; `null` hands on the received command, as if absent.
struct CommandSeed<'a, V> {
    spellings: &'a [&'a str],
    received: &'a str,
    seed: V,
}

impl<'de, V: DeserializeSeed<'de>> DeserializeSeed<'de> for CommandSeed<'_, V> {
    type Value = V::Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<V::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de, V: DeserializeSeed<'de>> Visitor<'de> for CommandSeed<'_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        de::Expected::fmt(&Spellings(self.spellings), f)
    }

    fn visit_borrowed_str<E: de::Error>(self, command: &'de str) -> Result<V::Value, E> {
        self.check(command)?;
        self.seed.deserialize(BorrowedStrDeserializer::new(command))
    }

    fn visit_str<E: de::Error>(self, command: &str) -> Result<V::Value, E> {
        self.check(command)?;
        self.seed.deserialize(StrDeserializer::new(command))
    }

    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        self.seed.deserialize(StrDeserializer::new(self.received))
    }

    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        self.visit_unit()
    }
}

impl<V> CommandSeed<'_, V> {
    fn check<E: de::Error>(&self, command: &str) -> Result<(), E> {
        if self.spellings.contains(&command) {
            Ok(())
        } else {
            Err(E::invalid_value(
                de::Unexpected::Other("another command"),
                &Spellings(self.spellings),
            ))
        }
    }
}

/// What a body's `CallbackCommand` may be, for error messages.
struct Spellings<'a>(&'a [&'a str]);

impl de::Expected for Spellings<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            [one] => write!(f, "the command `{one}`"),
            more => write!(f, "one of the commands {more:?}"),
        }
    }
}

/// Why `body` failed, as a [`Rejection`]: decoded a second time with
/// `serde_path_to_error` to find the failing field's path.
fn diagnose<T: DeserializeOwned>(
    received: &str,
    spellings: &[&str],
    body: &[u8],
    error: &serde_json::Error,
) -> Rejection {
    if !error.is_data() {
        return Rejection::InvalidJson(describe(error));
    }
    let seed = EventSeed::<T> {
        received,
        spellings,
        target: PhantomData,
    };
    let mut json = serde_json::Deserializer::from_slice(body);
    let mut track = serde_path_to_error::Track::new();
    let located = seed.deserialize(serde_path_to_error::Deserializer::new(
        &mut json, &mut track,
    ));
    let (path, detail) = match located {
        Err(inner) => (track.path().to_string(), describe(&inner)),
        // Not expected (the same bytes failed a moment ago); report the first error.
        Ok(_) => (".".to_owned(), describe(error)),
    };
    if path == COMMAND_KEY {
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
                    "another" => "another command",
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

/// Any JSON body, for a command outside the table.
pub(crate) fn decode_any(body: &[u8]) -> Result<serde_json::Value, Rejection> {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    serde_json::from_slice(body).map_err(|error| Rejection::InvalidJson(describe(&error)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    /// A type of two spellings that keeps the command it was received with.
    #[derive(Clone, Debug, Deserialize, PartialEq)]
    struct Spelled {
        #[serde(rename = "CallbackCommand")]
        command: String,
        #[serde(rename = "Id", default)]
        id: u32,
    }

    const SPELLINGS: &[&str] = &["Live.A", "Follow.A"];

    fn decode(received: &str, body: &str) -> Result<Spelled, Rejection> {
        decode_object(received, SPELLINGS, body.as_bytes())
    }

    #[test]
    fn the_derived_impl_sees_the_command_received() {
        let body_spelling = decode("Live.A", r#"{"CallbackCommand":"Follow.A","Id":1}"#).unwrap();
        assert_eq!(body_spelling.command, "Follow.A");
        for body in [
            r#"{"Id":1}"#,
            r#"{"CallbackCommand":null,"Id":1}"#,
            r#"{"Id":1,"CallbackCommand":null}"#,
        ] {
            assert_eq!(decode("Live.A", body).unwrap().command, "Live.A", "{body}");
        }
        // An escaped key is the same key.
        let escaped = decode("Live.A", r#"{"Callback\u0043ommand":"Follow.A"}"#).unwrap();
        assert_eq!(escaped.command, "Follow.A");
    }

    #[test]
    fn another_command_in_the_body_is_a_mismatch() {
        for body in [
            r#"{"CallbackCommand":"Live.B"}"#,
            r#"{"CallbackCommand":5}"#,
            r#"{"CallbackCommand":["Live.A"]}"#,
            r#"{"Callback\u0043ommand":"Live.B"}"#,
        ] {
            assert_eq!(
                decode("Live.A", body),
                Err(Rejection::CommandMismatch),
                "{body}"
            );
        }
    }

    #[test]
    fn a_repeated_command_is_refused_even_when_equal() {
        for body in [
            r#"{"CallbackCommand":"Live.A","CallbackCommand":"Live.A"}"#,
            r#"{"CallbackCommand":null,"CallbackCommand":"Live.A"}"#,
        ] {
            let rejection = decode("Live.A", body).unwrap_err();
            assert_eq!(rejection.error_code(), 3005, "{body}");
            assert!(rejection
                .to_string()
                .contains("duplicate field `CallbackCommand`"));
        }
    }

    #[test]
    fn only_one_json_object_is_read() {
        assert_eq!(decode("Live.A", "\u{feff}{\"Id\":2}").unwrap().id, 2);
        for (body, code) in [
            (r#"{"Id":2} {"Id":3}"#, 3004),
            (r#"{"Id":2}x"#, 3004),
            (r#"["Live.A",2]"#, 3005),
            ("", 3004),
            ("\u{feff}\u{feff}{}", 3004),
        ] {
            assert_eq!(
                decode("Live.A", body).unwrap_err().error_code(),
                code,
                "{body:?}"
            );
        }
    }

    #[test]
    fn errors_name_the_path_and_quote_nothing() {
        let rejection = decode("Live.A", r#"{"Id":"secret-value"}"#).unwrap_err();
        let text = rejection.to_string();
        assert!(text.contains("`Id`: found a string"), "{text}");
        assert!(!text.contains("secret"), "{text}");
        let rejection = decode("Live.A", r#"{"Id":1,"Id":2}"#).unwrap_err();
        assert!(rejection.to_string().contains("duplicate field `Id`"));
    }

    #[test]
    fn an_unknown_command_body_is_any_json() {
        assert_eq!(decode_any(b"[1,2]").unwrap(), serde_json::json!([1, 2]));
        assert_eq!(
            decode_any(b"\xEF\xBB\xBF{}").unwrap(),
            serde_json::json!({})
        );
        assert_eq!(decode_any(b"{").unwrap_err().error_code(), 3004);
    }
}
