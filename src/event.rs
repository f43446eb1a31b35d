//! What every webhook event type provides, and how a body becomes one.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor,
};

use crate::rejection::Rejection;

/// A webhook event type the middleware can receive.
///
/// The middleware claims a request whose `CallbackCommand` is one of
/// [`CALLBACK_COMMANDS`](Self::CALLBACK_COMMANDS), reads its body, and calls
/// [`decode`](Self::decode). One type per command ([`BattleEnded`](crate::BattleEnded))
/// or one type for a family of commands ([`BattleEvent`](crate::BattleEvent)).
///
/// To receive another command, implement it for your own type:
///
/// ```
/// use serde::Deserialize;
/// use tencent_live_webhook::{decode_json, Rejection, WebhookEvent, WebhookLayer};
///
/// #[derive(Clone, Debug, Deserialize)]
/// struct RoomCreated {
///     #[serde(rename = "RoomId")]
///     room_id: String,
/// }
///
/// impl WebhookEvent for RoomCreated {
///     const CALLBACK_COMMANDS: &'static [&'static str] = &["Live.CallbackAfterCreateRoom"];
///
///     fn decode(_command: &str, body: &[u8]) -> Result<Self, Rejection> {
///         decode_json(body)
///     }
/// }
///
/// let layer = WebhookLayer::<RoomCreated>::new("/tencent/callback").app_id(1400000001);
/// # let _ = layer;
/// ```
pub trait WebhookEvent: Clone + Send + Sync + 'static {
    /// The `CallbackCommand` values this type is decoded from, such as
    /// `Live.CallbackAfterEndBattle`.
    const CALLBACK_COMMANDS: &'static [&'static str];

    /// Decodes a body that arrived with `callback_command`, one of
    /// [`CALLBACK_COMMANDS`](Self::CALLBACK_COMMANDS). Decoding should be
    /// lenient, because Tencent does not retry after-event webhooks; a body
    /// whose own `CallbackCommand` is another command should be refused with
    /// [`Rejection::CommandMismatch`]. [`decode_json`] does both for a type
    /// whose `Deserialize` checks the command.
    fn decode(callback_command: &str, body: &[u8]) -> Result<Self, Rejection>;

    /// The `CallbackCommand` this value is sent with: by default the first of
    /// [`CALLBACK_COMMANDS`](Self::CALLBACK_COMMANDS).
    fn callback_command(&self) -> &'static str {
        Self::CALLBACK_COMMANDS.first().copied().unwrap_or_default()
    }
}

/// Decodes a webhook body with `serde_json` into the [`Rejection`] the
/// middleware answers with: [`InvalidJson`](Rejection::InvalidJson) for what
/// is not JSON, [`InvalidEvent`](Rejection::InvalidEvent) naming the failing
/// field's path and position, and [`CommandMismatch`](Rejection::CommandMismatch)
/// when the failure is at `CallbackCommand`. A leading UTF-8 byte-order mark is
/// skipped. No text of the body is quoted in the rejection.
///
/// The happy path is one `serde_json` pass; only a failure pays for a second
/// pass that finds the failing field's path.
///
/// ```
/// use tencent_live_webhook::{decode_json, BattleEnded, Rejection};
///
/// let rejection = decode_json::<BattleEnded>(br#"{"BattleId":"b","Duration":1.5}"#).unwrap_err();
/// assert_eq!(rejection.error_code(), 3005);
/// assert!(rejection.to_string().contains("`Duration`"));
/// ```
pub fn decode_json<T: DeserializeOwned>(body: &[u8]) -> Result<T, Rejection> {
    // A byte-order mark is not JSON, but its meaning is clear: skip it.
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    match serde_json::from_slice(body) {
        Ok(event) => Ok(event),
        Err(error) => Err(diagnose::<T>(body, &error)),
    }
}

fn diagnose<T: DeserializeOwned>(body: &[u8], error: &serde_json::Error) -> Rejection {
    if !error.is_data() {
        return Rejection::InvalidJson(describe(error));
    }
    let mut json = serde_json::Deserializer::from_slice(body);
    let (path, detail) = match serde_path_to_error::deserialize::<_, T>(&mut json) {
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
struct ExpectCommand(pub(crate) &'static str);

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

/// A payload object of known fields, decoded the same lenient way for every
/// event and every room: each of [`FIELDS`](Self::FIELDS) is read by
/// [`read_field`](Self::read_field), unknown fields are skipped, a known field
/// given twice is refused (its meaning would be a guess), and only a JSON
/// object is read (never an array by position). For an event, `CallbackCommand`
/// must be its [`COMMAND`](Self::COMMAND) when present.
pub(crate) trait JsonObject: Default {
    /// What the object is, for error messages.
    const NAME: &'static str;
    /// The `CallbackCommand` the object must carry, when it is an event.
    const COMMAND: Option<&'static str>;
    /// The known fields, by their JSON names.
    const FIELDS: &'static [&'static str];

    /// Reads the value of `field`, one of [`FIELDS`](Self::FIELDS).
    fn read_field<'de, A: MapAccess<'de>>(
        &mut self,
        field: &'static str,
        map: &mut A,
    ) -> Result<(), A::Error>;

    /// Checks the whole object once every field has been read; by default
    /// there is nothing to check.
    fn validate<E: de::Error>(&self) -> Result<(), E> {
        Ok(())
    }
}

/// `Deserialize` for a [`JsonObject`].
pub(crate) fn deserialize_object<'de, T, D>(deserializer: D) -> Result<T, D::Error>
where
    T: JsonObject,
    D: Deserializer<'de>,
{
    deserializer.deserialize_map(ObjectVisitor(PhantomData))
}

struct ObjectVisitor<T>(PhantomData<T>);

impl<'de, T: JsonObject> Visitor<'de> for ObjectVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a {} object", T::NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut object = T::default();
        let mut seen: u64 = 0;
        while let Some(key) = map.next_key_seed(KeySeed {
            fields: T::FIELDS,
            command: T::COMMAND.is_some(),
        })? {
            let (bit, name) = match key {
                Key::Other => {
                    map.next_value::<IgnoredAny>()?;
                    continue;
                }
                Key::Command => (1, "CallbackCommand"),
                Key::Field(index) => (2 << index, T::FIELDS[index]),
            };
            if seen & bit != 0 {
                return Err(de::Error::duplicate_field(name));
            }
            seen |= bit;
            match key {
                Key::Command => {
                    map.next_value_seed(ExpectCommand(T::COMMAND.unwrap_or_default()))?
                }
                _ => object.read_field(name, &mut map)?,
            }
        }
        object.validate()?;
        Ok(object)
    }
}

#[derive(Clone, Copy)]
enum Key {
    Command,
    Field(usize),
    Other,
}

struct KeySeed {
    fields: &'static [&'static str],
    /// Whether `CallbackCommand` is checked rather than skipped.
    command: bool,
}

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Key;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Key, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl Visitor<'_> for KeySeed {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<Key, E> {
        if self.command && name == "CallbackCommand" {
            return Ok(Key::Command);
        }
        Ok(self
            .fields
            .iter()
            .position(|field| *field == name)
            .map_or(Key::Other, Key::Field))
    }
}
