//! What a body must decode to, by the documented rules, computed from the
//! JSON alone: the event as the crate must write it back (its `Serialize`,
//! with Tencent's names), or the `ErrorCode` it must be refused with.
//!
//! The rules, from the crate's documentation and the command catalogue:
//!
//! - one leading UTF-8 byte-order mark is skipped; anything that is not one
//!   JSON text is 3004;
//! - the body is a JSON object (anything else is 3005); its `CallbackCommand`,
//!   when present and not `null`, is one of the command's spellings, or 3006;
//!   given twice, 3005;
//! - a field is read by its kind (see [`Kind`]); a value that cannot be read
//!   is 3005, a missing identity is 3005, a known field given twice (at any
//!   level) is 3005; unknown fields are ignored, even repeated; a field
//!   given under both its spellings (`opType` and `OpType`) is 3005 too, but
//!   only once the whole object has been read;
//! - a string or number that JSON text holds but that cannot be decoded (a
//!   lone surrogate escape, bytes that are not UTF-8, a number past `f64`) is
//!   3004 where a value is decoded, and nothing where it is ignored; so is
//!   nesting past serde_json's limit of 128 levels in JSON that is kept;
//! - the first failure in document order decides the code.

use serde_json::{Map, Number, Value};

use super::json::{self, Json, NotJson, Str};
use super::spec::{self, Absent, Command, Kind, Shape, Width};

/// What the crate must do with a body.
#[derive(Clone, Debug, PartialEq)]
pub enum Expected {
    /// Decoded, and written back as this JSON.
    Accepted(Value),
    /// Refused with one of these codes (one, except for text that is not
    /// JSON: serde_json reads a stream, so a value it cannot read before the
    /// syntax error may be reported instead).
    Refused(Vec<i64>),
}

/// The model's answer for one body.
#[derive(Clone, Debug, PartialEq)]
pub struct Verdict {
    pub expected: Expected,
}

/// serde_json refuses to enter a container at this level (the body's own
/// object is level 1).
const DEPTH_LIMIT: usize = 128;
/// Below 2^52 an integral double is the integer that was written.
const FLOAT_EXACT_BELOW: f64 = 4_503_599_627_370_496.0;

type Read<T> = Result<T, i64>;

/// The model for a body received with `command` (a command of the catalogue).
pub fn expect(command: &str, body: &[u8]) -> Verdict {
    let spec = spec::command(command).unwrap_or_else(|| panic!("no spec for {command}"));
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    match json::parse(body) {
        Ok(tree) => expect_tree(spec, command, &tree),
        Err(NotJson(_)) => Verdict {
            expected: Expected::Refused(vec![3004, 3005, 3006]),
        },
    }
}

/// The model for a parsed body.
pub fn expect_tree(spec: &Command, received: &str, tree: &Json) -> Verdict {
    let expected = match top(spec, received, tree) {
        Ok(value) => Expected::Accepted(value),
        Err(code) => Expected::Refused(vec![code]),
    };
    Verdict { expected }
}

fn top(spec: &Command, received: &str, tree: &Json) -> Read<Value> {
    let members = match tree {
        Json::Obj(members) => members,
        // Even a body of the wrong shape is read, when it is a scalar.
        Json::Str(string) if string.text.is_none() => return Err(3004),
        Json::Num(number) if number.value.is_none() => return Err(3004),
        _ => return Err(3005),
    };
    let mut command = None;
    let mut command_seen = false;
    let mut reader = StructReader::new(spec.shape);
    for (key, value) in members {
        let key = key.text.as_deref().ok_or(3004)?;
        if key == "CallbackCommand" {
            if std::mem::replace(&mut command_seen, true) {
                return Err(3005);
            }
            match value {
                Json::Null => {}
                Json::Str(text) => match text.text.as_deref() {
                    None => return Err(3004),
                    Some(text) if spec.spellings.contains(&text) => command = Some(text),
                    Some(_) => return Err(3006),
                },
                Json::Num(number) if number.value.is_none() => return Err(3004),
                _ => return Err(3006),
            }
            continue;
        }
        reader.member(key, value, 1)?;
    }
    let mut event = reader.finish()?;
    event.insert(
        "CallbackCommand".into(),
        Value::from(command.unwrap_or(received)),
    );
    Ok(Value::Object(event))
}

/// Reads an object's members in order, as a derived struct does.
struct StructReader {
    shape: &'static Shape,
    values: Vec<Option<Option<Value>>>,
    /// The name each field was given by (its name, or its alias): a value is
    /// written back under the name it came by.
    names: Vec<&'static str>,
    kept: Vec<(String, Value)>,
    /// The spellings of known fields met so far.
    spellings: Vec<String>,
    /// A field given under both its spellings: refused when the object ends.
    both_spellings: bool,
}

impl StructReader {
    fn new(shape: &'static Shape) -> Self {
        Self {
            shape,
            values: vec![None; shape.fields.len()],
            names: shape.fields.iter().map(|field| field.name).collect(),
            kept: Vec::new(),
            spellings: Vec::new(),
            both_spellings: false,
        }
    }

    /// One member of an object at `level`.
    fn member(&mut self, key: &str, value: &Json, level: usize) -> Read<()> {
        match self.shape.field(key) {
            Some((index, field)) => {
                if self.spellings.iter().any(|met| met == key) {
                    return Err(3005);
                }
                if self.values[index].is_some() {
                    self.both_spellings = true;
                }
                self.spellings.push(key.to_owned());
                let read = match value {
                    Json::Null => match field.absent {
                        Absent::Refused => return Err(3005),
                        Absent::Omitted => None,
                    },
                    value => Some(read(field.kind, value, level)?),
                };
                self.values[index] = Some(read);
                if field.alias == Some(key) {
                    self.names[index] = field.alias.unwrap();
                }
            }
            None if self.shape.keeps_unknown => {
                let kept = free(value, level)?;
                self.kept.push((key.to_owned(), kept));
            }
            // Ignored: skipped unread.
            None => {}
        }
        Ok(())
    }

    fn finish(self) -> Read<Map<String, Value>> {
        if self.both_spellings {
            return Err(3005);
        }
        let mut out = Map::new();
        for (key, value) in self.kept {
            if out.insert(key, value).is_some() {
                return Err(3005);
            }
        }
        for ((field, value), name) in self.shape.fields.iter().zip(self.values).zip(self.names) {
            let value = match value {
                Some(value) => value,
                None => match field.absent {
                    Absent::Refused => return Err(3005),
                    Absent::Omitted => None,
                },
            };
            if let Some(value) = value {
                out.insert(name.to_owned(), value);
            }
        }
        if let Some(required) = self.shape.requires {
            match out.get(required) {
                Some(Value::String(id)) if !id.is_empty() => {}
                _ => return Err(3005),
            }
        }
        Ok(out)
    }
}

fn read_struct(shape: &'static Shape, members: &[(Str, Json)], level: usize) -> Read<Value> {
    let mut reader = StructReader::new(shape);
    for (key, value) in members {
        let key = key.text.as_deref().ok_or(3004)?;
        reader.member(key, value, level)?;
    }
    reader.finish().map(Value::Object)
}

/// The default a missing or `null` field is written as.
/// A number as serde_json reads it: an unsigned, a negative, or a double.
enum Read3 {
    Unsigned(u64),
    Negative(i64),
    Double(f64),
}

fn classify(number: &Number) -> Read3 {
    if let Some(unsigned) = number.as_u64() {
        Read3::Unsigned(unsigned)
    } else if let Some(signed) = number.as_i64() {
        Read3::Negative(signed)
    } else {
        Read3::Double(number.as_f64().unwrap())
    }
}

/// Reads a value that is not `null` by its kind. The value sits in a
/// container at `level` (its own level, if it is a container, is one more).
fn read(kind: Kind, value: &Json, level: usize) -> Read<Value> {
    // A decoder reads every scalar it is handed, whatever it expects: one
    // that cannot be decoded is not JSON to it.
    match value {
        Json::Str(string) if string.text.is_none() => return Err(3004),
        Json::Num(number) if number.value.is_none() => return Err(3004),
        _ => {}
    }
    match kind {
        Kind::Id => match account(value)? {
            id if id.is_empty() => Err(3005),
            id => Ok(Value::String(id)),
        },
        Kind::Account | Kind::Enum => account(value).map(Value::String),
        Kind::Int(width) => integer(value, width),
        Kind::Code => integer(value, Width::I64),
        Kind::Flag => flag(value).map(Value::Bool),
        Kind::FlagWrittenAsNumber => flag(value).map(|flag| Value::from(u8::from(flag))),
        Kind::Accounts => list(value, |item| match item {
            Json::Null => Err(3005),
            item => read(Kind::Account, item, level + 1),
        }),
        Kind::Integers => list(value, |item| match item {
            Json::Null => Err(3005),
            item => read(Kind::Int(Width::I64), item, level + 1),
        }),
        Kind::Object(shape) => match value {
            Json::Obj(members) => read_struct(shape, members, level + 1),
            _ => Err(3005),
        },
        Kind::ObjectOrString(shape) => match value {
            Json::Obj(members) => read_struct(shape, members, level + 1),
            // The string holds a JSON text of its own, read afresh; anything
            // wrong in it is a value that cannot be read.
            Json::Str(string) => {
                let text = string.text.as_deref().unwrap_or_default();
                match json::parse(text.as_bytes()) {
                    Ok(Json::Obj(members)) => read_struct(shape, &members, 1).map_err(|_| 3005),
                    _ => Err(3005),
                }
            }
            _ => Err(3005),
        },
        Kind::Objects(shape) => list(value, |item| match item {
            Json::Obj(members) => read_struct(shape, members, level + 2),
            Json::Str(string) if string.text.is_none() => Err(3004),
            Json::Num(number) if number.value.is_none() => Err(3004),
            _ => Err(3005),
        }),
        Kind::Messages => list(value, |item| element(item, level + 2)),
        Kind::Json => free(value, level),
        Kind::Text => match value {
            Json::Str(string) => Ok(Value::String(string.text.clone().unwrap())),
            _ => Err(3005),
        },
        Kind::Number => match value {
            Json::Num(number) => Ok(Value::Number(number.value.clone().unwrap())),
            _ => Err(3005),
        },
    }
}

fn list(value: &Json, mut item: impl FnMut(&Json) -> Read<Value>) -> Read<Value> {
    match value {
        Json::Arr(items) => items
            .iter()
            .map(&mut item)
            .collect::<Read<Vec<_>>>()
            .map(Value::Array),
        _ => Err(3005),
    }
}

/// An account: a string, or an integer with every digit.
fn account(value: &Json) -> Read<String> {
    match value {
        Json::Str(string) => Ok(string.text.clone().unwrap()),
        Json::Num(number) => match classify(number.value.as_ref().unwrap()) {
            Read3::Unsigned(unsigned) => Ok(unsigned.to_string()),
            Read3::Negative(signed) => Ok(signed.to_string()),
            Read3::Double(_) => Err(3005),
        },
        _ => Err(3005),
    }
}

fn fits(value: i128, width: Width) -> Read<Value> {
    let (low, high) = match width {
        Width::U32 => (0, i128::from(u32::MAX)),
        Width::U64 => (0, i128::from(u64::MAX)),
        Width::I64 => (i128::from(i64::MIN), i128::from(i64::MAX)),
    };
    if !(low..=high).contains(&value) {
        return Err(3005);
    }
    Ok(if value < 0 {
        Value::from(i64::try_from(value).unwrap())
    } else {
        Value::from(u64::try_from(value).unwrap())
    })
}

fn integer(value: &Json, width: Width) -> Read<Value> {
    let signed = width == Width::I64;
    match value {
        Json::Num(number) => match classify(number.value.as_ref().unwrap()) {
            Read3::Unsigned(unsigned) => fits(i128::from(unsigned), width),
            Read3::Negative(negative) => fits(i128::from(negative), width),
            Read3::Double(double) => {
                if double.fract() != 0.0 || double.abs() >= FLOAT_EXACT_BELOW {
                    return Err(3005);
                }
                // Integral and small: exact.
                #[allow(clippy::cast_possible_truncation)]
                fits(double as i128, width)
            }
        },
        Json::Str(string) => {
            let text = string.text.as_deref().unwrap();
            let (negative, digits) = match text.strip_prefix('-') {
                Some(digits) => (true, digits),
                None => (false, text),
            };
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return Err(3005);
            }
            // A sign only for a signed field, even on zero.
            if negative && !signed {
                return Err(3005);
            }
            let digits = digits.trim_start_matches('0');
            if digits.len() > 20 {
                return Err(3005);
            }
            let magnitude = if digits.is_empty() {
                0
            } else {
                digits.parse::<i128>().unwrap()
            };
            fits(if negative { -magnitude } else { magnitude }, width)
        }
        _ => Err(3005),
    }
}

fn flag(value: &Json) -> Read<bool> {
    match value {
        Json::Bool(flag) => Ok(*flag),
        Json::Num(number) => match classify(number.value.as_ref().unwrap()) {
            Read3::Unsigned(0) => Ok(false),
            Read3::Unsigned(1) => Ok(true),
            _ => Err(3005),
        },
        Json::Str(string) => match string.text.as_deref().unwrap() {
            "true" | "1" => Ok(true),
            "false" | "0" => Ok(false),
            _ => Err(3005),
        },
        _ => Err(3005),
    }
}

/// JSON that is kept as it came: every string and number in it decoded,
/// nested within serde_json's limit; a repeated key keeps its last value.
fn free(value: &Json, level: usize) -> Read<Value> {
    if value.depth() > 0 && level + value.depth() >= DEPTH_LIMIT {
        return Err(3004);
    }
    value.to_value().ok_or(3004)
}

/// One element of a message body, an object at `level`.
fn element(value: &Json, level: usize) -> Read<Value> {
    let members = match value {
        Json::Obj(members) => members,
        Json::Str(string) if string.text.is_none() => return Err(3004),
        Json::Num(number) if number.value.is_none() => return Err(3004),
        _ => return Err(3005),
    };
    let mut msg_type: Option<String> = None;
    let mut content_seen = false;
    let mut typed: Option<Value> = None;
    let mut content_first: Option<&Json> = None;
    let mut others = Map::new();
    let mut repeated = false;
    for (key, value) in members {
        let key = key.text.as_deref().ok_or(3004)?;
        match key {
            "MsgType" => {
                if msg_type.is_some() {
                    return Err(3005);
                }
                msg_type = Some(match value {
                    Json::Str(string) => string.text.clone().ok_or(3004)?,
                    Json::Num(number) if number.value.is_none() => return Err(3004),
                    _ => return Err(3005),
                });
            }
            "MsgContent" => {
                if std::mem::replace(&mut content_seen, true) {
                    return Err(3005);
                }
                match msg_type.as_deref().and_then(spec::element) {
                    Some(shape) => typed = Some(content(shape, value, level)?),
                    None => {
                        free(value, level)?;
                        content_first = Some(value);
                    }
                }
            }
            _ => {
                // Element-level members: ignored by a typed element (one
                // given twice too), kept by any other, where one given twice
                // is refused.
                let kept = free(value, level)?;
                repeated |= others.insert(key.to_owned(), kept).is_some();
            }
        }
    }
    let msg_type = msg_type.ok_or(3005)?;
    let shape = spec::element(&msg_type);
    let content = match (shape, typed, content_first) {
        (Some(_), Some(typed), _) => typed,
        (Some(shape), None, Some(first)) => {
            // The rule: read with its type's rules, a repeated member refused
            // (found at any place in it, a 3005 here, at the element's end).
            content(shape, first, level).map_err(|_| 3005)?
        }
        (None, _, _) if repeated => return Err(3005),
        // A typed element without a `MsgContent` is kept whole, as any other.
        (Some(_), None, None) | (None, _, _) => {
            let first = content_first;
            others.insert("MsgType".into(), Value::String(msg_type));
            if let Some(first) = first {
                others.insert("MsgContent".into(), first.to_value().unwrap());
            }
            return Ok(Value::Object(others));
        }
    };
    let mut element = Map::new();
    element.insert("MsgType".into(), Value::String(msg_type));
    element.insert("MsgContent".into(), content);
    Ok(Value::Object(element))
}

/// A typed `MsgContent`: an object (`null` is the empty content).
fn content(shape: &'static Shape, value: &Json, level: usize) -> Read<Value> {
    match value {
        Json::Null => StructReader::new(shape).finish().map(Value::Object),
        value => read(Kind::Object(shape), value, level),
    }
}
