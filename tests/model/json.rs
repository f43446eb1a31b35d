//! A JSON tree that keeps what `serde_json::Value` cannot: the order of an
//! object's members, a member given twice, and the strings and numbers that
//! are well-formed JSON text but cannot be decoded (a lone surrogate escape,
//! invalid UTF-8, a number past `f64`). serde_json skips such values without
//! complaint where it ignores a field, and refuses them where it decodes one,
//! so the model needs to see them and decide by position.
//!
//! The parser is written from RFC 8259 and serde_json's documented leniency
//! (none: no comments, no trailing commas, no `NaN`); numbers are handed to
//! `serde_json::Number` for their value, because the crate's rules for a
//! number with a fraction are stated on the double serde_json makes of it.

use serde_json::{Map, Number, Value};

/// A JSON value, as written.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Num(Num),
    Str(Str),
    Arr(Vec<Json>),
    /// Members in order, repeated keys kept.
    Obj(Vec<(Str, Json)>),
    /// A container nested deeper than the parser builds trees
    /// ([`MAX_DEPTH`]): checked, not built. It is deeper than serde_json goes
    /// anywhere it keeps JSON, so only where a field is ignored can it be
    /// accepted.
    Deep(Deep),
}

/// What is known of a container too deep to build.
#[derive(Clone, Debug, PartialEq)]
pub struct Deep {
    /// Its text.
    pub raw: Vec<u8>,
    /// Its own nesting depth (1 for `[]`).
    pub depth: usize,
    /// Whether every string (keys too) and number in it can be decoded.
    pub decodable: bool,
}

/// A number: its text, and the value serde_json reads from it (`None` when
/// serde_json cannot read it, such as `1e400`).
#[derive(Clone, Debug, PartialEq)]
pub struct Num {
    pub text: String,
    pub value: Option<Number>,
}

/// A string: its decoded text, or `None` when it cannot be decoded (a lone
/// surrogate escape, or bytes that are not UTF-8).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Str {
    pub text: Option<String>,
    /// How it is written between the quotes, for rendering it back.
    pub raw: Vec<u8>,
}

impl Str {
    /// A well-formed string, written with serde_json's escaping.
    pub fn new(text: &str) -> Self {
        let quoted = serde_json::to_string(text).unwrap();
        Self {
            text: Some(text.to_owned()),
            raw: quoted.as_bytes()[1..quoted.len() - 1].to_vec(),
        }
    }

    /// A string written exactly as `raw` between the quotes (escapes and all);
    /// its text is what a decoder makes of it.
    pub fn raw(raw: &[u8]) -> Self {
        let mut quoted = vec![b'"'];
        quoted.extend_from_slice(raw);
        quoted.push(b'"');
        match parse(&quoted) {
            Ok(Json::Str(string)) => string,
            other => panic!("not a string body: {other:?}"),
        }
    }

    pub fn is(&self, text: &str) -> bool {
        self.text.as_deref() == Some(text)
    }
}

impl Json {
    pub fn str(text: &str) -> Self {
        Self::Str(Str::new(text))
    }

    /// A number from its JSON text (which must be a JSON number).
    pub fn num(text: &str) -> Self {
        match parse(text.as_bytes()) {
            Ok(number @ Json::Num(_)) => number,
            other => panic!("not a number: {text}: {other:?}"),
        }
    }

    pub fn obj<K: AsRef<str>>(members: impl IntoIterator<Item = (K, Json)>) -> Self {
        Self::Obj(
            members
                .into_iter()
                .map(|(key, value)| (Str::new(key.as_ref()), value))
                .collect(),
        )
    }

    /// The JSON text.
    pub fn render(&self) -> Vec<u8> {
        let mut out = Vec::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut Vec<u8>) {
        match self {
            Self::Null => out.extend_from_slice(b"null"),
            Self::Bool(true) => out.extend_from_slice(b"true"),
            Self::Bool(false) => out.extend_from_slice(b"false"),
            Self::Num(number) => out.extend_from_slice(number.text.as_bytes()),
            Self::Str(string) => write_str(string, out),
            Self::Deep(deep) => out.extend_from_slice(&deep.raw),
            Self::Arr(items) => {
                out.push(b'[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(b',');
                    }
                    item.write(out);
                }
                out.push(b']');
            }
            Self::Obj(members) => {
                out.push(b'{');
                for (i, (key, value)) in members.iter().enumerate() {
                    if i > 0 {
                        out.push(b',');
                    }
                    write_str(key, out);
                    out.push(b':');
                    value.write(out);
                }
                out.push(b'}');
            }
        }
    }

    /// What `serde_json::Value` makes of it: `None` when serde_json refuses it
    /// (an undecodable string or number anywhere); a repeated key keeps its
    /// last value.
    pub fn to_value(&self) -> Option<Value> {
        Some(match self {
            // Past serde_json's recursion limit.
            Self::Deep(_) => return None,
            Self::Null => Value::Null,
            Self::Bool(flag) => Value::Bool(*flag),
            Self::Num(number) => Value::Number(number.value.clone()?),
            Self::Str(string) => Value::String(string.text.clone()?),
            Self::Arr(items) => Value::Array(
                items
                    .iter()
                    .map(Json::to_value)
                    .collect::<Option<Vec<_>>>()?,
            ),
            Self::Obj(members) => {
                let mut map = Map::new();
                for (key, value) in members {
                    map.insert(key.text.clone()?, value.to_value()?);
                }
                Value::Object(map)
            }
        })
    }

    /// The nesting depth: 0 for a scalar, 1 + the deepest member for a container.
    pub fn depth(&self) -> usize {
        match self {
            Self::Arr(items) => 1 + items.iter().map(Json::depth).max().unwrap_or(0),
            Self::Obj(members) => 1 + members.iter().map(|(_, v)| v.depth()).max().unwrap_or(0),
            Self::Deep(deep) => deep.depth,
            _ => 0,
        }
    }

    /// Whether every string (keys too) and number in it can be decoded.
    pub fn decodable(&self) -> bool {
        match self {
            Self::Null | Self::Bool(_) => true,
            Self::Num(number) => number.value.is_some(),
            Self::Str(string) => string.text.is_some(),
            Self::Arr(items) => items.iter().all(Json::decodable),
            Self::Obj(members) => members
                .iter()
                .all(|(key, value)| key.text.is_some() && value.decodable()),
            Self::Deep(deep) => deep.decodable,
        }
    }

    /// The JSON kind, for messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Null => "null",
            Self::Bool(_) => "a boolean",
            Self::Num(_) => "a number",
            Self::Str(_) => "a string",
            Self::Arr(_) | Self::Deep(_) => "an array or an object",
            Self::Obj(_) => "an object",
        }
    }
}

fn write_str(string: &Str, out: &mut Vec<u8>) {
    out.push(b'"');
    out.extend_from_slice(&string.raw);
    out.push(b'"');
}

/// Why a text is not JSON: the byte offset where it stops being JSON.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotJson(pub usize);

/// How deep the parser builds trees; a container deeper than that is
/// [`Json::Deep`]. Above serde_json's limit of 128, so that every tree the
/// crate can keep is built.
pub const MAX_DEPTH: usize = 256;

/// Parses one JSON text (surrounding whitespace allowed, nothing else).
pub fn parse(text: &[u8]) -> Result<Json, NotJson> {
    let mut parser = Parser { text, at: 0 };
    parser.space();
    let value = parser.value(0)?;
    parser.space();
    if parser.at != text.len() {
        return Err(NotJson(parser.at));
    }
    Ok(value)
}

struct Parser<'a> {
    text: &'a [u8],
    at: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.get(self.at).copied()
    }

    fn fail<T>(&self) -> Result<T, NotJson> {
        Err(NotJson(self.at))
    }

    fn space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> Result<(), NotJson> {
        if self.peek() == Some(byte) {
            self.at += 1;
            Ok(())
        } else {
            self.fail()
        }
    }

    fn literal(&mut self, word: &[u8]) -> Result<(), NotJson> {
        if self.text[self.at..].starts_with(word) {
            self.at += word.len();
            Ok(())
        } else {
            self.fail()
        }
    }

    fn value(&mut self, depth: usize) -> Result<Json, NotJson> {
        match self.peek() {
            Some(b'n') => self.literal(b"null").map(|()| Json::Null),
            Some(b't') => self.literal(b"true").map(|()| Json::Bool(true)),
            Some(b'f') => self.literal(b"false").map(|()| Json::Bool(false)),
            Some(b'"') => self.string().map(Json::Str),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b'[' | b'{') if depth >= MAX_DEPTH => self.deep(),
            Some(b'[') => {
                self.at += 1;
                let mut items = Vec::new();
                self.space();
                if self.peek() == Some(b']') {
                    self.at += 1;
                    return Ok(Json::Arr(items));
                }
                loop {
                    self.space();
                    items.push(self.value(depth + 1)?);
                    self.space();
                    match self.peek() {
                        Some(b',') => self.at += 1,
                        Some(b']') => {
                            self.at += 1;
                            return Ok(Json::Arr(items));
                        }
                        _ => return self.fail(),
                    }
                }
            }
            Some(b'{') => {
                self.at += 1;
                let mut members = Vec::new();
                self.space();
                if self.peek() == Some(b'}') {
                    self.at += 1;
                    return Ok(Json::Obj(members));
                }
                loop {
                    self.space();
                    if self.peek() != Some(b'"') {
                        return self.fail();
                    }
                    let key = self.string()?;
                    self.space();
                    self.eat(b':')?;
                    self.space();
                    let value = self.value(depth + 1)?;
                    members.push((key, value));
                    self.space();
                    match self.peek() {
                        Some(b',') => self.at += 1,
                        Some(b'}') => {
                            self.at += 1;
                            return Ok(Json::Obj(members));
                        }
                        _ => return self.fail(),
                    }
                }
            }
            _ => self.fail(),
        }
    }

    /// A container checked without recursion (as serde_json skips one),
    /// without building it.
    fn deep(&mut self) -> Result<Json, NotJson> {
        let start = self.at;
        let mut open: Vec<u8> = Vec::new();
        let mut depth = 0;
        let mut decodable = true;
        loop {
            // At a value.
            self.space();
            match self.peek() {
                Some(bracket @ (b'[' | b'{')) => {
                    self.at += 1;
                    open.push(bracket);
                    depth = depth.max(open.len());
                    self.space();
                    match (bracket, self.peek()) {
                        (b'[', Some(b']')) | (b'{', Some(b'}')) => {
                            self.at += 1;
                            open.pop();
                        }
                        (b'[', _) => continue,
                        _ => {
                            let key = self.string()?;
                            decodable &= key.text.is_some();
                            self.space();
                            self.eat(b':')?;
                            continue;
                        }
                    }
                }
                _ => match self.value(0)? {
                    Json::Str(string) => decodable &= string.text.is_some(),
                    Json::Num(number) => decodable &= number.value.is_some(),
                    _ => {}
                },
            }
            // After a value: close what ends here, or go on to the next.
            loop {
                let Some(&bracket) = open.last() else {
                    return Ok(Json::Deep(Deep {
                        raw: self.text[start..self.at].to_vec(),
                        depth,
                        decodable,
                    }));
                };
                self.space();
                match (bracket, self.peek()) {
                    (b'[', Some(b']')) | (b'{', Some(b'}')) => {
                        self.at += 1;
                        open.pop();
                    }
                    (_, Some(b',')) => {
                        self.at += 1;
                        if bracket == b'{' {
                            self.space();
                            let key = self.string()?;
                            decodable &= key.text.is_some();
                            self.space();
                            self.eat(b':')?;
                        }
                        break;
                    }
                    _ => return self.fail(),
                }
            }
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.at;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.at += 1;
        }
        self.at - start
    }

    fn number(&mut self) -> Result<Json, NotJson> {
        let start = self.at;
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        match self.peek() {
            Some(b'0') => self.at += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return self.fail(),
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            if self.digits() == 0 {
                return self.fail();
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            if self.digits() == 0 {
                return self.fail();
            }
        }
        let text = std::str::from_utf8(&self.text[start..self.at])
            .unwrap()
            .to_owned();
        let value = serde_json::from_str::<Number>(&text).ok();
        Ok(Json::Num(Num { text, value }))
    }

    /// A string: raw bytes of 0x20 and up, or escapes. Undecodable text is
    /// kept as `None`, not refused: only a decoder refuses it.
    fn string(&mut self) -> Result<Str, NotJson> {
        self.eat(b'"')?;
        let start = self.at;
        let mut bytes = Vec::new();
        let mut units: Vec<u16> = Vec::new();
        let mut decodable = true;
        loop {
            let Some(byte) = self.peek() else {
                return self.fail();
            };
            if byte != b'\\' && !units.is_empty() {
                decodable &= flush(&mut units, &mut bytes);
            }
            match byte {
                b'"' => {
                    let raw = self.text[start..self.at].to_vec();
                    self.at += 1;
                    let text = if decodable {
                        String::from_utf8(bytes).ok()
                    } else {
                        None
                    };
                    return Ok(Str { text, raw });
                }
                b'\\' => {
                    self.at += 1;
                    let Some(escape) = self.peek() else {
                        return self.fail();
                    };
                    self.at += 1;
                    let simple = match escape {
                        b'"' => Some(b'"'),
                        b'\\' => Some(b'\\'),
                        b'/' => Some(b'/'),
                        b'b' => Some(8),
                        b'f' => Some(12),
                        b'n' => Some(b'\n'),
                        b'r' => Some(b'\r'),
                        b't' => Some(b'\t'),
                        b'u' => None,
                        _ => return Err(NotJson(self.at - 1)),
                    };
                    match simple {
                        Some(byte) => {
                            decodable &= flush(&mut units, &mut bytes);
                            bytes.push(byte);
                        }
                        None => {
                            let hex = self
                                .text
                                .get(self.at..self.at + 4)
                                .ok_or(NotJson(self.at))?;
                            let hex = std::str::from_utf8(hex).map_err(|_| NotJson(self.at))?;
                            if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                                return self.fail();
                            }
                            units.push(u16::from_str_radix(hex, 16).unwrap());
                            self.at += 4;
                        }
                    }
                }
                0x00..=0x1f => return self.fail(),
                _ => {
                    bytes.push(byte);
                    self.at += 1;
                }
            }
        }
    }
}

/// Appends UTF-16 code units as UTF-8; `false` when one is a lone surrogate.
fn flush(units: &mut Vec<u16>, bytes: &mut Vec<u8>) -> bool {
    let mut decodable = true;
    for unit in char::decode_utf16(units.drain(..)) {
        match unit {
            Ok(c) => bytes.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes()),
            Err(_) => decodable = false,
        }
    }
    decodable
}
