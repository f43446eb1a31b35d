//! proptest strategies for bodies of every command, generated from the
//! model's field specification (`spec`): valid values in every lenient form,
//! values the rules refuse, wrong shapes (arrays for objects, floats for ids,
//! negative unsigned, fractions, numbers past `u64`, digits with signs or
//! spaces), `null`s, repeated keys (written out: a `Json` object keeps them),
//! unknown fields, undecodable strings and numbers, nesting.
//!
//! Used by `tests/properties.rs` only (the fuzz crate has no proptest).

use proptest::prelude::*;

use crate::model::json::{Json, Str};
use crate::model::spec::{Absent, Command, Field, Kind, Shape, Width, COMMANDS, ELEMENTS};

/// How wild a body is: mostly valid (so that acceptance is exercised), one
/// field wrong, or anything.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mood {
    Valid,
    OneWrong,
    Wild,
}

fn mood() -> impl Strategy<Value = Mood> {
    prop_oneof![5 => Just(Mood::Valid), 3 => Just(Mood::OneWrong), 2 => Just(Mood::Wild)]
}

fn texts(texts: &'static [&'static str]) -> BoxedStrategy<Json> {
    prop::sample::select(texts).prop_map(Json::str).boxed()
}

fn numbers(texts: &'static [&'static str]) -> BoxedStrategy<Json> {
    prop::sample::select(texts).prop_map(Json::num).boxed()
}

/// Strings a decoder cannot read, and numbers past `f64`: JSON text, but not
/// decodable.
pub fn undecodable() -> BoxedStrategy<Json> {
    prop_oneof![
        Just(Json::Str(Str::raw(br"a\ud800"))),
        Just(Json::Str(Str::raw(br"\udc00"))),
        Just(Json::Str(Str::raw(b"b\xff\xfe"))),
        Just(Json::num("1e400")),
        Just(Json::num("-1e400")),
        Just(Json::num(&"9".repeat(400))),
    ]
    .boxed()
}

/// Strings: plain, digits, empty, escaped, any Unicode.
fn string() -> BoxedStrategy<Json> {
    prop_oneof![
        4 => "[a-zA-Z0-9@#_./+=-]{1,16}".prop_map(|s| Json::str(&s)),
        2 => "[0-9]{1,22}".prop_map(|s| Json::str(&s)),
        1 => "-[0-9]{1,20}".prop_map(|s| Json::str(&s)),
        1 => Just(Json::str("")),
        1 => Just(Json::str("@TIM#SYSTEM")),
        1 => Just(Json::Str(Str::raw(br"b\u0000-1"))),
        1 => Just(Json::Str(Str::raw(br"\u0070k-\u00e9\/\ud83d\ude00"))),
        1 => ".{0,8}".prop_map(|s| Json::str(&s)),
    ]
    .boxed()
}

/// JSON integers of every size and sign.
fn integer_number() -> BoxedStrategy<Json> {
    prop_oneof![
        3 => (0u64..100_000).prop_map(|n| Json::num(&n.to_string())),
        2 => any::<u64>().prop_map(|n| Json::num(&n.to_string())),
        2 => any::<i64>().prop_map(|n| Json::num(&n.to_string())),
        1 => numbers(&[
            "0", "-0", "1", "144115245353757792", "4294967295", "4294967296",
            "9223372036854775807", "9223372036854775808", "-9223372036854775808",
            "-9223372036854775809", "18446744073709551615", "18446744073709551616",
            "1739956146119",
        ]),
    ]
    .boxed()
}

/// Numbers with a fraction or an exponent: integral or not, small or past 2^52.
fn float_number() -> BoxedStrategy<Json> {
    prop_oneof![
        2 => (-100_000i64..100_000).prop_map(|n| Json::num(&format!("{n}.0"))),
        1 => (0u32..100_000).prop_map(|n| Json::num(&format!("{n}e0"))),
        1 => (1u32..1000).prop_map(|n| Json::num(&format!("{n}.5"))),
        1 => any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| Json::num(&format!("{f:e}"))),
        2 => numbers(&[
            "30000.0", "3e4", "3E4", "-0.0", "0.0", "1.5", "1e-3", "1e20", "-7e0", "-7.0",
            "4503599627370495.0", "4503599627370496.0", "9007199254740991.0",
            "9007199254740993e0", "1.0000000000000001", "1739956146119.000000",
            "1.44115245353757792e17", "2.0", "1.0", "0e0", "-1.0",
        ]),
    ]
    .boxed()
}

fn containers() -> BoxedStrategy<Json> {
    prop_oneof![
        Just(Json::Arr(vec![])),
        Just(Json::obj::<&str>([])),
        Just(Json::Arr(vec![Json::num("1")])),
        Just(Json::obj([("a", Json::num("1"))])),
    ]
    .boxed()
}

/// Anything at all, small: for fields a shape does not know, and free JSON.
pub fn anything(depth: u32) -> BoxedStrategy<Json> {
    let leaf = prop_oneof![
        3 => string(),
        2 => integer_number(),
        1 => float_number(),
        1 => any::<bool>().prop_map(Json::Bool),
        1 => Just(Json::Null),
        1 => undecodable(),
    ];
    if depth == 0 {
        return leaf.boxed();
    }
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Json::Arr),
            prop::collection::vec(
                (
                    prop::sample::select(&["a", "RoomId", "Text", "x", "MsgType"][..]),
                    inner
                ),
                0..4
            )
            .prop_map(Json::obj),
        ]
    })
    .boxed()
}

/// `levels` nested arrays around a `1`.
pub fn nested(levels: usize) -> Json {
    let mut value = Json::num("1");
    for _ in 0..levels {
        value = Json::Arr(vec![value]);
    }
    value
}

/// A value of this kind, read without a refusal.
pub fn valid(kind: Kind, depth: u32) -> BoxedStrategy<Json> {
    match kind {
        Kind::Id => prop_oneof![
            3 => "[a-zA-Z0-9@#_./+=-]{1,16}".prop_map(|s| Json::str(&s)),
            1 => any::<u64>().prop_map(|n| Json::num(&n.to_string())),
            1 => any::<i64>().prop_map(|n| Json::num(&n.to_string())),
            1 => Just(Json::Str(Str::raw(br"b\u0000-1"))),
        ]
        .boxed(),
        Kind::Account => prop_oneof![
            3 => string(),
            1 => any::<u64>().prop_map(|n| Json::num(&n.to_string())),
        ]
        .boxed(),
        Kind::Enum => prop_oneof![
            3 => texts(&[
                "Live", "None", "FreeToTake", "ApplyToTake", "DestroyByUser", "DestroyBySystem",
                "Online", "Offline", "Enter", "Leave", "HeartbeatInterrupt", "HeartbeatRecover",
                "Kicked", "add", "delete", "Something new", "",
            ]),
            1 => (0u64..10).prop_map(|n| Json::num(&n.to_string())),
        ]
        .boxed(),
        Kind::Int(_) | Kind::Code => {
            let width = match kind {
                Kind::Int(width) => width,
                _ => Width::I64,
            };
            let small = match width {
                Width::I64 => (-100_000i64..100_000).boxed(),
                _ => (0i64..100_000).boxed(),
            };
            prop_oneof![
                4 => small.clone().prop_map(|n| Json::num(&n.to_string())),
                2 => small.clone().prop_map(|n| Json::str(&n.to_string())),
                1 => small.clone().prop_map(|n| Json::num(&format!("{n}.0"))),
                1 => small.prop_map(|n| Json::num(&format!("{n}e0"))),
                1 => numbers(&["-0", "3e4", "1739956146119", "0"]),
                1 => texts(&["0", "007", "1739956146119"]),
            ]
            .boxed()
        }
        Kind::Flag | Kind::FlagWrittenAsNumber => prop_oneof![
            any::<bool>().prop_map(Json::Bool),
            numbers(&["0", "1"]),
            texts(&["true", "false", "0", "1"]),
        ]
        .boxed(),
        Kind::Accounts => {
            prop::collection::vec(valid(Kind::Account, depth), 0..4).prop_map(Json::Arr).boxed()
        }
        Kind::Integers => prop::collection::vec(valid(Kind::Int(Width::I64), depth), 0..4)
            .prop_map(Json::Arr)
            .boxed(),
        Kind::Object(shape) => object(shape, depth, false).boxed(),
        Kind::ObjectOrString(shape) => prop_oneof![
            3 => object(shape, depth, false),
            1 => object(shape, depth, false)
                .prop_map(|object| Json::str(&String::from_utf8(object.render()).unwrap_or_default())),
        ]
        .boxed(),
        Kind::Objects(shape) => prop::collection::vec(object(shape, depth + 1, false), 0..3)
            .prop_map(Json::Arr)
            .boxed(),
        Kind::Messages => prop::collection::vec(element(depth + 1, false), 0..3)
            .prop_map(Json::Arr)
            .boxed(),
        Kind::Json => prop_oneof![
            4 => anything(1).prop_filter("decodable", Json::decodable),
            1 => Just(nested(124)),
        ]
        .boxed(),
        Kind::Text => string().prop_filter("decodable", Json::decodable).boxed(),
        Kind::Number => prop_oneof![integer_number(), float_number()]
            .prop_filter("decodable", Json::decodable)
            .boxed(),
    }
}

/// A value of this kind the rules refuse (or, now and then, read anyway:
/// the model decides, not this list).
pub fn wrong(kind: Kind, depth: u32) -> BoxedStrategy<Json> {
    let shapes = prop_oneof![containers(), any::<bool>().prop_map(Json::Bool)];
    match kind {
        Kind::Id => prop_oneof![
            texts(&[""]),
            float_number(),
            numbers(&["18446744073709551616", "-9223372036854775809", "-0"]),
            shapes,
            undecodable(),
        ]
        .boxed(),
        Kind::Account | Kind::Enum => prop_oneof![
            float_number(),
            numbers(&["18446744073709551616"]),
            shapes,
            undecodable()
        ]
        .boxed(),
        Kind::Int(_) | Kind::Code => prop_oneof![
            3 => numbers(&[
                "-1", "-0", "-0.0", "0.5", "1.5", "-1.5", "1e-3", "1e20", "1e19", "-7e0",
                "4503599627370495.0", "4503599627370496.0", "4503599627370497.0",
                "9007199254740991.0", "9007199254740993e0", "1.0000000000000001",
                "1739956146119.000000", "4294967295", "4294967296", "4294967296.0",
                "9223372036854775807", "9223372036854775808", "-9223372036854775808",
                "-9223372036854775809", "18446744073709551615", "18446744073709551616",
                "-4503599627370495.0", "-4503599627370496.0", "2.5e1", "25e-1", "1E2",
            ]),
            3 => texts(&[
                "", " 1", "1 ", "+1", "-", "1.0", "0x10", "1e3", "-0", "--1", "\u{663}",
                "18446744073709551615", "18446744073709551616", "00000000000000000000000000000001",
                "-9223372036854775808", "-9223372036854775809", "9223372036854775808",
                "4294967295", "4294967296", "-1", "-00", "0", "007", "true", "null",
            ]),
            1 => float_number(),
            1 => integer_number(),
            1 => "-?[0-9]{1,25}".prop_map(|s| Json::str(&s)),
            1 => shapes,
            1 => undecodable(),
        ]
        .boxed(),
        Kind::Flag | Kind::FlagWrittenAsNumber => prop_oneof![
            numbers(&["2", "-1", "-0", "1.0", "0.0", "0.5", "0e0", "1e0", "10"]),
            texts(&["TRUE", "True", "yes", "no", "", " 1", "01", "00", "-0", "1.0", "null", "t"]),
            shapes,
            undecodable(),
        ]
        .boxed(),
        Kind::Accounts | Kind::Integers => prop_oneof![
            valid(kind, depth).prop_map(|list| match list {
                Json::Arr(mut items) => {
                    items.push(Json::Null);
                    Json::Arr(items)
                }
                other => other,
            }),
            prop::collection::vec(wrong(Kind::Account, depth), 1..3).prop_map(Json::Arr),
            string(),
            Just(Json::obj([("a", Json::str("b"))])),
            any::<bool>().prop_map(Json::Bool),
        ]
        .boxed(),
        Kind::Object(shape) | Kind::ObjectOrString(shape) => prop_oneof![
            // By position: never read.
            Just(Json::Arr(vec![])),
            Just(Json::Arr(vec![
                Json::str("pk-5"),
                Json::num("80"),
                Json::str("1")
            ])),
            object(shape, depth, true),
            numbers(&["5"]),
            any::<bool>().prop_map(Json::Bool),
            texts(&[
                "not json",
                "[1]",
                "{} {}",
                "{\"RoomId\":\"r\",\"RoomId\":\"s\"}",
                "\u{feff}{}"
            ]),
            object(shape, depth, false).prop_map(|object| Json::Arr(vec![object])),
        ]
        .boxed(),
        Kind::Objects(shape) => prop_oneof![
            object(shape, depth, false),
            Just(Json::Arr(vec![Json::Null])),
            Just(Json::Arr(vec![Json::num("1")])),
            Just(Json::Arr(vec![Json::Arr(vec![])])),
            Just(Json::Arr(vec![Json::Arr(vec![
                Json::str("pk-5"),
                Json::num("80")
            ])])),
            prop::collection::vec(object(shape, depth + 1, true), 1..3).prop_map(Json::Arr),
            string(),
        ]
        .boxed(),
        Kind::Messages => prop_oneof![
            prop::collection::vec(element(depth + 1, true), 1..3).prop_map(Json::Arr),
            Just(Json::obj([("MsgType", Json::str("TIMTextElem"))])),
            Just(Json::Arr(vec![Json::Null])),
            Just(Json::Arr(vec![Json::str("TIMTextElem")])),
            string(),
        ]
        .boxed(),
        Kind::Json => prop_oneof![
            undecodable(),
            Just(nested(125)),
            Just(nested(126)),
            Just(Json::Arr(vec![Json::obj([(
                "a",
                Json::Str(Str::raw(br"\ud800"))
            )])])),
        ]
        .boxed(),
        Kind::Text => prop_oneof![
            integer_number(),
            containers(),
            any::<bool>().prop_map(Json::Bool),
            undecodable()
        ]
        .boxed(),
        Kind::Number => prop_oneof![
            string(),
            containers(),
            any::<bool>().prop_map(Json::Bool),
            undecodable()
        ]
        .boxed(),
    }
}

/// A member of an object: left out, valid, `null`, or wrong.
fn member(field: &'static Field, depth: u32, wrong_ok: bool) -> BoxedStrategy<Option<Json>> {
    let present = if field.absent == Absent::Refused {
        12
    } else {
        3
    };
    let mut options: Vec<(u32, BoxedStrategy<Option<Json>>)> = vec![
        (2, Just(None).boxed()),
        (present, valid(field.kind, depth).prop_map(Some).boxed()),
        (1, Just(Some(Json::Null)).boxed()),
    ];
    if wrong_ok {
        options.push((2, wrong(field.kind, depth).prop_map(Some).boxed()));
    }
    prop::strategy::Union::new_weighted(options).boxed()
}

/// An object of a shape: its fields (some missing), perhaps an unknown one,
/// perhaps a repeated one, in any order. `wild` lets values be wrong.
pub fn object(shape: &'static Shape, depth: u32, wild: bool) -> BoxedStrategy<Json> {
    let depth = depth + 1;
    let members: Vec<BoxedStrategy<Option<(String, Json)>>> = shape
        .fields
        .iter()
        .map(|field| {
            let name = match field.alias {
                Some(alias) => prop::sample::select(vec![field.name, alias]).boxed(),
                None => Just(field.name).boxed(),
            };
            (name, member(field, depth, wild))
                .prop_map(|(name, value)| value.map(|value| (name.to_owned(), value)))
                .boxed()
        })
        .collect();
    (
        members,
        prop::collection::vec(
            ("[A-Za-z_]{1,8}", anything(if depth > 3 { 0 } else { 1 })),
            0..2,
        ),
        prop::option::weighted(
            if wild { 0.3 } else { 0.05 },
            (any::<prop::sample::Index>(), any::<bool>()),
        ),
        Just(()),
    )
        .prop_flat_map(|(members, unknown, repeat, ())| {
            let mut members: Vec<(String, Json)> = members.into_iter().flatten().collect();
            members.extend(unknown);
            if let (Some((index, same)), false) = (repeat, members.is_empty()) {
                let (key, value) = members[index.index(members.len())].clone();
                let value = if same { value } else { Json::Null };
                members.push((key, value));
            }
            Just(members).prop_shuffle()
        })
        .prop_map(Json::obj)
        .boxed()
}

/// One message element: a typed one (its content read by its type's rules)
/// or another type kept whole; `MsgContent` before or after `MsgType`.
pub fn element(depth: u32, wild: bool) -> BoxedStrategy<Json> {
    let typed = prop::sample::select(ELEMENTS)
        .prop_flat_map(move |(msg_type, shape)| {
            let content = prop_oneof![
                6 => object(shape, depth + 1, wild),
                1 => Just(Json::Null),
                1 => if wild { wrong(Kind::Object(shape), depth).boxed() } else { Just(Json::Null).boxed() },
            ];
            (Just(msg_type), content, prop::option::weighted(0.9, Just(())))
        })
        .prop_map(|(msg_type, content, with_content)| {
            let mut members = vec![("MsgType".to_owned(), Json::str(msg_type))];
            if with_content.is_some() {
                members.push(("MsgContent".to_owned(), content));
            }
            members
        });
    let other = (
        prop::sample::select(&["TIMRelayElem", "TIMNewElem", "timtextelem", ""][..]),
        anything(1),
    )
        .prop_map(|(msg_type, content)| {
            vec![
                ("MsgType".to_owned(), Json::str(msg_type)),
                ("MsgContent".to_owned(), content),
            ]
        });
    let base = prop_oneof![4 => typed, 1 => other];
    (
        base,
        prop::option::weighted(0.2, ("[A-Za-z]{1,6}", anything(0))),
        if wild {
            prop::option::weighted(0.5, 0usize..5).boxed()
        } else {
            Just(None).boxed()
        },
        any::<bool>(),
    )
        .prop_map(|(mut members, extra, mishap, content_first)| {
            members.extend(extra);
            if content_first {
                members.reverse();
            }
            match mishap {
                Some(0) => members.retain(|(key, _)| key != "MsgType"),
                Some(1) => {
                    let first = members[0].clone();
                    members.push(first);
                }
                Some(2) => members.push(("MsgType".to_owned(), Json::num("7"))),
                // A member of the content given twice.
                Some(3) => {
                    for (key, value) in &mut members {
                        if let (true, Json::Obj(content)) = (key == "MsgContent", value) {
                            if let Some(first) = content.first().cloned() {
                                content.push(first);
                            }
                        }
                    }
                }
                Some(_) => members.insert(0, ("MsgType".to_owned(), Json::Null)),
                None => {}
            }
            Json::obj(members)
        })
        .boxed()
}

/// What a body's `CallbackCommand` says.
fn callback_command(command: &'static Command, mood: Mood) -> BoxedStrategy<Vec<Json>> {
    let own = command.spellings.to_vec();
    let valid = prop_oneof![
        3 => Just(vec![]),
        4 => prop::sample::select(own).prop_map(|name| vec![Json::str(name)]),
        1 => Just(vec![Json::Null]),
    ];
    if mood == Mood::Valid {
        return valid.boxed();
    }
    let others: Vec<&str> = COMMANDS
        .iter()
        .map(|other| other.name)
        .filter(|name| !command.spellings.contains(name))
        .collect();
    prop_oneof![
        4 => valid,
        1 => prop::sample::select(others).prop_map(|name| vec![Json::str(name)]),
        1 => Just(vec![Json::str(&command.name.to_lowercase())]),
        1 => Just(vec![Json::str(&format!("{}\u{0}", command.name))]),
        1 => prop_oneof![numbers(&["5"]), containers(), Just(Json::Bool(true)), undecodable()]
            .prop_map(|value| vec![value]),
        1 => Just(vec![Json::str(command.name), Json::str(command.name)]),
        1 => Just(vec![Json::Null, Json::str(command.name)]),
    ]
    .boxed()
}

/// A body of `command` in the given mood, as a tree.
pub fn body_tree(command: &'static Command, mood: Mood) -> BoxedStrategy<Json> {
    let wild = mood == Mood::Wild;
    let event = (
        object(command.shape, 0, wild),
        callback_command(command, mood),
    )
        .prop_flat_map(|(object, commands)| {
            let Json::Obj(mut members) = object else {
                unreachable!()
            };
            members.extend(
                commands
                    .into_iter()
                    .map(|value| (Str::new("CallbackCommand"), value)),
            );
            Just(members).prop_shuffle().prop_map(Json::Obj)
        });
    match mood {
        Mood::Valid => return event.boxed(),
        Mood::Wild => {
            return prop_oneof![
                20 => event,
                2 => anything(2),
                1 => object(command.shape, 0, false).prop_map(|object| Json::Arr(vec![object])),
            ]
            .boxed()
        }
        Mood::OneWrong => {}
    }
    // One field of the valid body made wrong.
    (
        object(command.shape, 0, false),
        any::<prop::sample::Index>(),
        0u32..3,
    )
        .prop_flat_map(move |(object, index, how)| {
            let Json::Obj(mut members) = object else {
                unreachable!()
            };
            let field = &command.shape.fields[index.index(command.shape.fields.len())];
            let value = match how {
                0 => Just(None).boxed(),
                1 => Just(Some(Json::Null)).boxed(),
                _ => wrong(field.kind, 1).prop_map(Some).boxed(),
            };
            members.retain(|(key, _)| {
                !key.is(field.name) && Some(key.text.as_deref().unwrap_or("")) != field.alias
            });
            (Just(members), Just(field.name), value)
        })
        .prop_map(|(mut members, name, value)| {
            members.extend(value.map(|value| (Str::new(name), value)));
            Json::Obj(members)
        })
        .boxed()
}

/// A command of the catalogue and a body for it, as JSON text (perhaps with
/// a byte-order mark).
pub fn any_body() -> impl Strategy<Value = (&'static Command, Mood, Vec<u8>)> {
    (command(), mood(), prop::bool::weighted(0.1))
        .prop_flat_map(|(command, mood, bom)| {
            (
                Just(command),
                Just(mood),
                body_tree(command, mood),
                Just(bom),
            )
        })
        .prop_map(|(command, mood, tree, bom)| {
            let mut bytes = if bom {
                b"\xEF\xBB\xBF".to_vec()
            } else {
                Vec::new()
            };
            bytes.extend(tree.render());
            (command, mood, bytes)
        })
}

/// A command of the catalogue.
pub fn command() -> impl Strategy<Value = &'static Command> + Clone {
    (0..COMMANDS.len()).prop_map(|index| &COMMANDS[index])
}

/// A message command's body whose `MsgBody` holds elements of every kind,
/// typed or not, valid or not, `MsgContent` first or last, members repeated:
/// the most involved field of the catalogue, given cases of its own.
pub fn message_body() -> impl Strategy<Value = (&'static Command, Vec<u8>)> {
    let messages: Vec<&'static Command> = COMMANDS
        .iter()
        // The group commands that carry a message (`MsgBody`): the bodies
        // below name the group by `GroupId`.
        .filter(|command| {
            command.name.starts_with("Group.")
                && command
                    .shape
                    .fields
                    .iter()
                    .any(|field| matches!(field.kind, Kind::Messages))
        })
        .collect();
    (prop::sample::select(messages), any::<bool>())
        .prop_flat_map(|(command, wild)| {
            (
                Just(command),
                prop::collection::vec(element(1, wild), 1..4),
                "[a-z0-9-]{1,8}",
            )
        })
        .prop_map(|(command, elements, id)| {
            let body = Json::obj([
                ("GroupId", Json::str(&id)),
                ("MsgId", Json::str(&id)),
                ("MsgBody", Json::Arr(elements)),
            ]);
            (command, body.render())
        })
}

/// A step into a body: a member, the first element of a list, or the
/// content of a message element of a type.
#[derive(Clone, Copy, Debug)]
pub enum Step {
    Key(&'static str),
    First,
    Content(&'static str),
}

/// Every field of a shape, at any depth, with its kind: where a value can be
/// put.
pub fn field_paths(shape: &'static Shape) -> Vec<(Vec<Step>, Kind)> {
    fn walk(shape: &'static Shape, prefix: &[Step], out: &mut Vec<(Vec<Step>, Kind)>) {
        for field in shape.fields {
            let mut path = prefix.to_vec();
            path.push(Step::Key(field.name));
            out.push((path.clone(), field.kind));
            match field.kind {
                Kind::Object(inner) | Kind::ObjectOrString(inner) => walk(inner, &path, out),
                Kind::Objects(inner) => {
                    path.push(Step::First);
                    walk(inner, &path, out);
                }
                Kind::Messages => {
                    path.push(Step::First);
                    for (msg_type, inner) in ELEMENTS {
                        let mut path = path.clone();
                        path.push(Step::Content(msg_type));
                        walk(inner, &path, out);
                    }
                }
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(shape, &[], &mut out);
    out
}

/// A body of a shape with only what it requires, in fixed valid values.
pub fn minimal(shape: &'static Shape) -> Json {
    Json::obj(
        shape
            .fields
            .iter()
            .filter(|field| field.absent == Absent::Refused)
            .map(|field| {
                let value = match field.kind {
                    Kind::Object(inner) => minimal(inner),
                    // A required list (a push batch's `Events`): empty.
                    Kind::Objects(_) => Json::Arr(Vec::new()),
                    _ => Json::str("id-1"),
                };
                (field.name, value)
            }),
    )
}

/// Puts `value` at `path`, making the objects, lists and elements on the way.
pub fn put(tree: &mut Json, path: &[Step], value: Json, content_first: bool) {
    let Some((step, rest)) = path.split_first() else {
        *tree = value;
        return;
    };
    match step {
        Step::Key(name) => {
            if !matches!(tree, Json::Obj(_)) {
                *tree = Json::obj::<&str>([]);
            }
            let Json::Obj(members) = tree else {
                unreachable!()
            };
            let at = match members.iter().position(|(key, _)| key.is(name)) {
                Some(at) => at,
                None => {
                    members.push((Str::new(name), Json::Null));
                    members.len() - 1
                }
            };
            put(&mut members[at].1, rest, value, content_first);
        }
        Step::First => {
            if !matches!(tree, Json::Arr(items) if !items.is_empty()) {
                *tree = Json::Arr(vec![Json::obj::<&str>([])]);
            }
            let Json::Arr(items) = tree else {
                unreachable!()
            };
            put(&mut items[0], rest, value, content_first);
        }
        Step::Content(msg_type) => {
            let mut content = Json::obj::<&str>([]);
            put(&mut content, rest, value, content_first);
            let mut members = vec![
                (Str::new("MsgType"), Json::str(msg_type)),
                (Str::new("MsgContent"), content),
            ];
            if content_first {
                members.reverse();
            }
            *tree = Json::Obj(members);
        }
    }
}

/// A value for a field of this kind: valid, wrong, `null`, or anything.
pub fn tricky(kind: Kind) -> BoxedStrategy<Json> {
    prop_oneof![
        3 => valid(kind, 2),
        4 => wrong(kind, 2),
        1 => Just(Json::Null),
        1 => anything(1),
    ]
    .boxed()
}

/// A minimal body of a command with one field, at any depth, set to a
/// tricky value: every field of every command gets the values of its kind.
pub fn field_body() -> impl Strategy<Value = (&'static Command, String, Vec<u8>)> {
    command()
        .prop_flat_map(|command| {
            // Kinds first, then a field of that kind: rare kinds (a flag, a
            // coordinate) get as many cases as common ones.
            let mut by_kind: Vec<Vec<(Vec<Step>, Kind)>> = Vec::new();
            for (path, kind) in field_paths(command.shape) {
                let group = by_kind.iter_mut().find(|group| {
                    std::mem::discriminant(&group[0].1) == std::mem::discriminant(&kind)
                });
                match group {
                    Some(group) => group.push((path, kind)),
                    None => by_kind.push(vec![(path, kind)]),
                }
            }
            let path = prop::sample::select(by_kind).prop_flat_map(prop::sample::select);
            (Just(command), path, any::<bool>())
        })
        .prop_flat_map(|(command, (path, kind), content_first)| {
            (Just(command), Just(path), tricky(kind), Just(content_first))
        })
        .prop_map(|(command, path, value, content_first)| {
            let mut tree = minimal(command.shape);
            put(&mut tree, &path, value, content_first);
            (command, format!("{path:?}"), tree.render())
        })
}
