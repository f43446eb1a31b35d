//! Field helpers for `#[serde(deserialize_with = "...")]`: the lenient rules
//! every event of this crate is decoded with, public so that you can type your
//! own commands the same way.
//!
//! Tencent does not retry a webhook whose answer says it failed, and its
//! documentation disagrees with its own samples about types, so a value is read
//! whenever its meaning is clear, and refused only when reading it would be a
//! guess:
//!
//! | helper | reads | `null` | refuses |
//! |---|---|---|---|
//! | [`id`] | a non-empty string, or an integer (every digit kept) | refused | `""`, floats, booleans, arrays, objects |
//! | [`account`] / [`option_account`] | a string, or an integer (every digit kept) | `""` / `None` | floats, booleans, arrays, objects |
//! | [`integer`] / [`option_integer`] | an integer, a numeric string, or an integral float below 2^52 | `0` / `None` | fractions, values out of range, floats of 2^52 and beyond |
//! | [`flag`] / [`option_flag`] | `true`/`false`, `0`/`1`, or those as strings | `false` / `None` | anything else |
//! | [`list`] / [`option_list`] | an array | empty / `None` | anything that is not an array |
//! | [`accounts`] / [`option_accounts`] | an array of accounts | empty / `None` | elements [`account`] refuses |
//! | [`object`] / [`option_object`] / [`objects`] / [`option_objects`] | a JSON object (or an array of them) | default / `None` / empty / `None` | arrays in place of an object: fields are never read by position |
//! | [`required_object`] | a JSON object | refused | as [`object`], and `null` |
//! | [`object_or_json_string`] | an object, or a string holding one | default | strings that do not hold an object |
//! | [`field`] / [`required`] | any [`Lenient`] type, by that type's rule above | `None` / refused | what the type's rule refuses; `""` for a required `String` |
//!
//! Integers: a JSON integer keeps every digit, whatever its size, as long as
//! the target type holds it. A number written with a fraction or an exponent
//! (`3e4`, `30000.0`) reaches this crate as a double, parsed by serde_json's
//! default (fast, not always correctly rounded) float parser. It is read only
//! when that double is integral and below 2^52: there, the double is always the
//! integer that was written, because the parser's error is below one. From 2^52
//! on it is refused: serde_json reads `9007199254740991.0` as ...990, and a
//! double cannot hold `9007199254740993e0` at all. Such a number whose double
//! comes out with a fraction (`1739956146119.000000` can) is refused too, never
//! rounded. A fraction finer than a double can hold (`1.0000000000000001`) is
//! the double `1.0` before this crate sees it, and so reads as `1`. The crate
//! does not switch on serde_json's `float_roundtrip` or `arbitrary_precision`
//! features, which would change the behaviour of every serde_json user in your
//! build.
//!
//! ```
//! use serde::Deserialize;
//! use tencent_live_webhook::lenient;
//!
//! #[derive(Deserialize)]
//! struct Seat {
//!     #[serde(rename = "Index", deserialize_with = "lenient::integer")]
//!     index: u32,
//!     #[serde(rename = "Member_Account", default, deserialize_with = "lenient::option_account")]
//!     member: Option<String>,
//!     #[serde(rename = "IsAudioDisabled", default, deserialize_with = "lenient::flag")]
//!     audio_disabled: bool,
//! }
//!
//! let seat: Seat = serde_json::from_str(
//!     r#"{"Index":"1","Member_Account":144115233775727695,"IsAudioDisabled":0}"#,
//! )?;
//! assert_eq!(seat.index, 1);
//! assert_eq!(seat.member.as_deref(), Some("144115233775727695"));
//! assert!(!seat.audio_disabled);
//! # Ok::<(), serde_json::Error>(())
//! ```

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::MapAccessDeserializer;
use serde::de::{
    self, Deserialize, DeserializeOwned, Deserializer, SeqAccess, Unexpected, Visitor,
};

/// 2^52: below it, an integral double parsed by serde_json is the integer
/// that was written (see the module documentation).
const FLOAT_EXACT_BELOW: f64 = 4_503_599_627_370_496.0;

/// A required identifier: a non-empty JSON string, or a JSON integer kept
/// digit for digit. `null` and `""` are refused: an event whose identity is
/// missing cannot be tied to anything.
pub fn id<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    let id = deserializer.deserialize_any(AccountVisitor { null: false })?;
    if id.is_empty() {
        return Err(de::Error::invalid_value(
            Unexpected::Str(""),
            &"a non-empty id",
        ));
    }
    Ok(id)
}

/// An account or a name: a JSON string, or a JSON integer kept digit for
/// digit (Tencent sends 64-bit accounts as bare numbers above 2^53). `null`
/// reads as the empty string.
pub fn account<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    deserializer.deserialize_any(AccountVisitor { null: true })
}

/// [`account`], where `null` (or, with `#[serde(default)]`, absence) is `None`.
pub fn option_account<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    Option::<Strict<String>>::deserialize(deserializer).map(|value| value.map(|strict| strict.0))
}

/// A list of accounts (see [`account`]); `null` reads as an empty list.
pub fn accounts<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    deserializer.deserialize_any(ListVisitor(
        PhantomData::<Strict<String>>,
        |strict: Strict<String>| strict.0,
    ))
}

/// [`accounts`], where `null` (or, with `#[serde(default)]`, absence) is
/// `None`: an empty array stays `Some(vec![])`, so that what was sent is kept.
pub fn option_accounts<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Vec<String>>, D::Error> {
    deserializer.deserialize_any(OptionListVisitor(ListVisitor(
        PhantomData::<Strict<String>>,
        |strict: Strict<String>| strict.0,
    )))
}

/// A type read by this crate's rules: what [`field`] reads inside `Some`,
/// what [`required`] reads, and what a list of it holds. Implemented for
/// `String` (an account: a string, or an integer kept digit for digit), the
/// integers of [`Integer`], `bool` (a flag), `Vec<T>` (an array; `null` reads
/// as an empty list), `serde_json::Value` (any JSON, kept), and the crate's
/// objects (read from JSON objects only) and enumerations.
///
/// ```
/// use serde::Deserialize;
/// use tencent_live_webhook::lenient;
///
/// #[derive(Deserialize)]
/// struct Alert {
///     #[serde(rename = "Command", deserialize_with = "lenient::required")]
///     command: String,
///     #[serde(rename = "Request", default, deserialize_with = "lenient::field")]
///     request: Option<u64>,
///     #[serde(rename = "Accounts", default, deserialize_with = "lenient::field")]
///     accounts: Option<Vec<String>>,
/// }
///
/// let alert: Alert = serde_json::from_str(
///     r#"{"Command":"batchsendmsg","Request":"510","Accounts":[144115233775727695]}"#,
/// )?;
/// assert_eq!(alert.request, Some(510));
/// assert_eq!(alert.accounts, Some(vec!["144115233775727695".to_owned()]));
/// assert!(serde_json::from_str::<Alert>(r#"{"Command":""}"#).is_err());
/// # Ok::<(), serde_json::Error>(())
/// ```
pub trait Lenient: Sized {
    /// Reads a value; `null` is refused.
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error>;

    /// Reads a value a body cannot do without: as [`read`](Self::read), and
    /// for a `String` (an identity) `""` is refused too.
    fn read_required<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Self::read(deserializer)
    }
}

/// An optional field of any [`Lenient`] type: `null` (or, with
/// `#[serde(default)]`, absence) is `None`; an empty array stays
/// `Some(vec![])`, so that what was sent is kept.
pub fn field<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Lenient,
{
    Option::<Item<T>>::deserialize(deserializer).map(|value| value.map(|item| item.0))
}

/// A required field of any [`Lenient`] type (give it no
/// `#[serde(default)]`): `null` is refused, and a `String` must not be empty
/// (see [`id`]).
pub fn required<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Lenient,
{
    T::read_required(deserializer)
}

/// A [`Lenient`] value as a `Deserialize` one, for the lists and options
/// that hold it.
struct Item<T>(T);

impl<'de, T: Lenient> Deserialize<'de> for Item<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::read(deserializer).map(Item)
    }
}

impl Lenient for String {
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(AccountVisitor { null: false })
    }

    fn read_required<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        id(deserializer)
    }
}

impl Lenient for bool {
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(FlagVisitor { null: false })
    }
}

impl<T: Lenient> Lenient for Vec<T> {
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let list = deserializer.deserialize_any(OptionListVisitor(ListVisitor(
            PhantomData::<Item<T>>,
            |item: Item<T>| item.0,
        )))?;
        list.ok_or_else(|| de::Error::invalid_type(de::Unexpected::Unit, &"an array"))
    }
}

impl Lenient for serde_json::Value {
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Self::deserialize(deserializer)
    }
}

/// A value read with its helper's rules, `null` refused: what the `option_`
/// helpers read inside `Some`, and what lists hold.
struct Strict<T>(T);

/// An integer read with [`integer`]'s rules, `null` refused.
struct StrictInteger<T>(T);

impl<'de, T: Integer> Deserialize<'de> for StrictInteger<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_any(IntegerVisitor {
                null: false,
                target: PhantomData,
            })
            .map(StrictInteger)
    }
}

impl<'de> Deserialize<'de> for Strict<String> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_any(AccountVisitor { null: false })
            .map(Strict)
    }
}

impl<'de> Deserialize<'de> for Strict<bool> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_any(FlagVisitor { null: false })
            .map(Strict)
    }
}

struct AccountVisitor {
    /// Whether `null` reads as the empty string.
    null: bool,
}

impl Visitor<'_> for AccountVisitor {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string or an integer")
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<String, E> {
        Ok(value.to_owned())
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<String, E> {
        Ok(value)
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<String, E> {
        Ok(itoa::Buffer::new().format(value).to_owned())
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<String, E> {
        Ok(itoa::Buffer::new().format(value).to_owned())
    }

    fn visit_unit<E: de::Error>(self) -> Result<String, E> {
        if self.null {
            Ok(String::new())
        } else {
            Err(E::invalid_type(Unexpected::Unit, &self))
        }
    }

    fn visit_none<E: de::Error>(self) -> Result<String, E> {
        self.visit_unit()
    }
}

/// The integer types [`integer`] reads: `u8` to `u64`, `usize`, and `i8` to
/// `i64`. Sealed.
pub trait Integer: Sized + Default + sealed::Sealed {
    #[doc(hidden)]
    const SIGNED: bool;
    #[doc(hidden)]
    fn from_u64(value: u64) -> Option<Self>;
    #[doc(hidden)]
    fn from_i64(value: i64) -> Option<Self>;
    #[doc(hidden)]
    fn parse(digits: &str) -> Option<Self>;
}

macro_rules! integers {
    ($($ty:ty => $signed:expr),* $(,)?) => {$(
        impl Integer for $ty {
            const SIGNED: bool = $signed;
            fn from_u64(value: u64) -> Option<Self> {
                Self::try_from(value).ok()
            }
            fn from_i64(value: i64) -> Option<Self> {
                Self::try_from(value).ok()
            }
            fn parse(digits: &str) -> Option<Self> {
                digits.parse().ok()
            }
        }

        impl sealed::Sealed for $ty {}

        impl Lenient for $ty {
            fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_any(IntegerVisitor {
                    null: false,
                    target: PhantomData,
                })
            }
        }
    )*};
}

integers!(u8 => false, u16 => false, u32 => false, u64 => false, usize => false,
          i8 => true, i16 => true, i32 => true, i64 => true);

mod sealed {
    pub trait Sealed {}
}

/// An integer: a JSON integer, a string of digits (with a leading `-` for
/// signed types), or a number with a fraction or exponent that is integral and
/// below 2^52 (see the module documentation). `null` reads as `0`.
pub fn integer<'de, D: Deserializer<'de>, T: Integer>(deserializer: D) -> Result<T, D::Error> {
    deserializer.deserialize_any(IntegerVisitor {
        null: true,
        target: PhantomData,
    })
}

/// [`integer`], where `null` (or, with `#[serde(default)]`, absence) is `None`.
pub fn option_integer<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Integer,
{
    Option::<StrictInteger<T>>::deserialize(deserializer).map(|value| value.map(|strict| strict.0))
}

struct IntegerVisitor<T> {
    null: bool,
    target: PhantomData<T>,
}

impl<T: Integer> Visitor<'_> for IntegerVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if T::SIGNED {
            f.write_str("an integer")
        } else {
            f.write_str("a non-negative integer")
        }
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<T, E> {
        T::from_u64(value).ok_or_else(|| E::invalid_value(Unexpected::Unsigned(value), &self))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<T, E> {
        T::from_i64(value).ok_or_else(|| E::invalid_value(Unexpected::Signed(value), &self))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<T, E> {
        // `-0.0` is zero; at or past 2^52 the parse may have landed on a
        // neighbouring integer.
        if value.fract() != 0.0 || value.abs() >= FLOAT_EXACT_BELOW {
            return Err(E::invalid_value(Unexpected::Float(value), &self));
        }
        // Integral and below 2^52 by the check above, so the casts are exact.
        #[allow(clippy::cast_possible_truncation)]
        if value < 0.0 {
            self.visit_i64(value as i64)
        } else {
            self.visit_u64(value as u64)
        }
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
        let digits = value.strip_prefix('-').unwrap_or(value);
        if digits.is_empty() || !digits.bytes().all(|byte| byte.is_ascii_digit()) {
            return Err(E::invalid_value(Unexpected::Str(value), &self));
        }
        T::parse(value).ok_or_else(|| E::invalid_value(Unexpected::Str(value), &self))
    }

    fn visit_unit<E: de::Error>(self) -> Result<T, E> {
        if self.null {
            Ok(T::default())
        } else {
            Err(E::invalid_type(Unexpected::Unit, &self))
        }
    }

    fn visit_none<E: de::Error>(self) -> Result<T, E> {
        self.visit_unit()
    }
}

/// A flag: `true` or `false`, `0` or `1`, or one of those four as a string.
/// `null` reads as `false`.
pub fn flag<'de, D: Deserializer<'de>>(deserializer: D) -> Result<bool, D::Error> {
    deserializer.deserialize_any(FlagVisitor { null: true })
}

/// [`flag`], where `null` (or, with `#[serde(default)]`, absence) is `None`.
pub fn option_flag<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<bool>, D::Error> {
    Option::<Strict<bool>>::deserialize(deserializer).map(|value| value.map(|strict| strict.0))
}

struct FlagVisitor {
    null: bool,
}

impl Visitor<'_> for FlagVisitor {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("true, false, 0 or 1")
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<bool, E> {
        Ok(value)
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<bool, E> {
        match value {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(E::invalid_value(Unexpected::Unsigned(value), &self)),
        }
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<bool, E> {
        match value {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(E::invalid_value(Unexpected::Signed(value), &self)),
        }
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<bool, E> {
        match value {
            "true" | "1" => Ok(true),
            "false" | "0" => Ok(false),
            _ => Err(E::invalid_value(Unexpected::Str(value), &self)),
        }
    }

    fn visit_unit<E: de::Error>(self) -> Result<bool, E> {
        if self.null {
            Ok(false)
        } else {
            Err(E::invalid_type(Unexpected::Unit, &self))
        }
    }

    fn visit_none<E: de::Error>(self) -> Result<bool, E> {
        self.visit_unit()
    }
}

/// A list whose elements use their own `Deserialize`; `null` reads as an
/// empty list. For lists of objects, use [`objects`]; of accounts, [`accounts`].
pub fn list<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    deserializer.deserialize_any(ListVisitor(PhantomData::<T>, |element: T| element))
}

/// [`list`], where `null` (or, with `#[serde(default)]`, absence) is `None`:
/// an empty array stays `Some(vec![])`, so that what was sent is kept.
pub fn option_list<'de, D, T>(deserializer: D) -> Result<Option<Vec<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    deserializer.deserialize_any(OptionListVisitor(ListVisitor(
        PhantomData::<T>,
        |element: T| element,
    )))
}

/// A [`ListVisitor`] where `null` is `None` and an array is `Some`.
struct OptionListVisitor<L>(L);

impl<'de, L> Visitor<'de> for OptionListVisitor<L>
where
    L: Visitor<'de>,
{
    type Value = Option<L::Value>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.expecting(f)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        self.0.visit_seq(seq).map(Some)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
}

/// Reads an array of `T`, each element turned into the list's item by `F`.
struct ListVisitor<T, F>(PhantomData<T>, F);

impl<'de, T, F, U> Visitor<'de> for ListVisitor<T, F>
where
    T: Deserialize<'de>,
    F: Fn(T) -> U,
{
    type Value = Vec<U>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<U>, A::Error> {
        // The hint comes from the input: trust it only so far.
        let mut list = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(16));
        while let Some(element) = seq.next_element()? {
            list.push((self.1)(element));
        }
        Ok(list)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Vec<U>, E> {
        Ok(Vec::new())
    }

    fn visit_none<E: de::Error>(self) -> Result<Vec<U>, E> {
        Ok(Vec::new())
    }
}

/// A type read from a JSON object only, never from an array by position
/// (which serde's derive accepts); the derived impl reads the object's
/// fields. `null` is refused here; the helpers [`object`] and [`objects`]
/// read it as the default or an empty list.
///
/// ```
/// use serde::Deserialize;
/// use tencent_live_webhook::lenient::Object;
///
/// #[derive(Debug, Default, Deserialize, PartialEq)]
/// struct Room {
///     #[serde(rename = "RoomId")]
///     room_id: String,
/// }
///
/// let room: Object<Room> = serde_json::from_str(r#"{"RoomId":"pk-3"}"#)?;
/// assert_eq!(room.0.room_id, "pk-3");
/// assert!(serde_json::from_str::<Object<Room>>(r#"["pk-3"]"#).is_err());
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Object<T>(pub T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Object<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_map(ObjectVisitor(PhantomData))
            .map(Object)
    }
}

/// An object (see [`Object`]); `null` reads as the type's default.
pub fn object<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Option::<Object<T>>::deserialize(deserializer).map(|value| value.unwrap_or_default().0)
}

/// A required object (see [`Object`]): `null` is refused, like absence (give
/// the field no `#[serde(default)]`). For a nested object that carries an
/// event's identity, whose default would slip past the identity check inside.
pub fn required_object<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Object::deserialize(deserializer).map(|object| object.0)
}

/// An object (see [`Object`]), where `null` (or, with `#[serde(default)]`,
/// absence) is `None`.
pub fn option_object<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<Object<T>>::deserialize(deserializer).map(|value| value.map(|object| object.0))
}

/// An array of objects (see [`Object`]); `null` reads as an empty list.
pub fn objects<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    deserializer.deserialize_any(ListVisitor(
        PhantomData::<Object<T>>,
        |object: Object<T>| object.0,
    ))
}

/// [`objects`], where `null` (or, with `#[serde(default)]`, absence) is
/// `None`: an empty array stays `Some(vec![])`, so that what was sent is kept.
pub fn option_objects<'de, D, T>(deserializer: D) -> Result<Option<Vec<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    deserializer.deserialize_any(OptionListVisitor(ListVisitor(
        PhantomData::<Object<T>>,
        |object: Object<T>| object.0,
    )))
}

/// An object (see [`Object`]), or a string holding one: Tencent's tables type
/// some objects as "String". `null` reads as the type's default.
pub fn object_or_json_string<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned + Default,
{
    deserializer.deserialize_any(ObjectOrStringVisitor(PhantomData))
}

/// Reads a map, and nothing else, with the target's own `Deserialize`.
struct ObjectVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for ObjectVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::deserialize(MapAccessDeserializer::new(map))
    }
}

struct ObjectOrStringVisitor<T>(PhantomData<T>);

impl<'de, T: DeserializeOwned + Default> Visitor<'de> for ObjectOrStringVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object, or a string holding one")
    }

    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::deserialize(MapAccessDeserializer::new(map))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
        serde_json::from_str::<Object<T>>(value)
            .map(|object| object.0)
            .map_err(|_| E::invalid_value(Unexpected::Str(value), &self))
    }

    fn visit_unit<E: de::Error>(self) -> Result<T, E> {
        Ok(T::default())
    }

    fn visit_none<E: de::Error>(self) -> Result<T, E> {
        Ok(T::default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    struct Id(#[serde(deserialize_with = "id")] String);

    #[derive(Debug, Deserialize)]
    struct Account(#[serde(deserialize_with = "account")] String);

    #[derive(Debug, Deserialize)]
    struct OptionAccount(#[serde(deserialize_with = "option_account")] Option<String>);

    #[derive(Debug, Deserialize)]
    struct U64(#[serde(deserialize_with = "integer")] u64);

    #[derive(Debug, Deserialize)]
    struct I64(#[serde(deserialize_with = "integer")] i64);

    #[derive(Debug, Deserialize)]
    struct OptionU32(#[serde(deserialize_with = "option_integer")] Option<u32>);

    #[derive(Debug, Deserialize)]
    struct Flag(#[serde(deserialize_with = "flag")] bool);

    #[derive(Debug, Deserialize)]
    struct OptionFlag(#[serde(deserialize_with = "option_flag")] Option<bool>);

    #[derive(Debug, Deserialize)]
    struct Accounts(#[serde(deserialize_with = "accounts")] Vec<String>);

    #[derive(Debug, Default, PartialEq, Deserialize)]
    struct Room {
        #[serde(rename = "RoomId", default)]
        room_id: String,
    }

    #[derive(Debug, Deserialize)]
    struct Rooms(#[serde(deserialize_with = "objects")] Vec<Room>);

    #[derive(Debug, Deserialize)]
    struct OneRoom(#[serde(deserialize_with = "object")] Room);

    #[derive(Debug, Deserialize)]
    struct RequiredRoom(#[serde(deserialize_with = "required_object")] Room);

    #[derive(Debug, Deserialize)]
    struct MaybeRoom(#[serde(deserialize_with = "option_object")] Option<Room>);

    #[derive(Debug, Deserialize)]
    struct RoomOrString(#[serde(deserialize_with = "object_or_json_string")] Room);

    fn read<T: for<'de> Deserialize<'de>>(json: &str) -> Result<T, serde_json::Error> {
        serde_json::from_str(json)
    }

    #[test]
    fn ids_keep_every_digit_and_refuse_emptiness() {
        assert_eq!(
            read::<Id>("144115245353757792").unwrap().0,
            "144115245353757792"
        );
        assert_eq!(
            read::<Id>("18446744073709551615").unwrap().0,
            "18446744073709551615"
        );
        assert_eq!(read::<Id>("-42").unwrap().0, "-42");
        assert_eq!(read::<Id>(r#""@TIM#SYSTEM""#).unwrap().0, "@TIM#SYSTEM");
        for refused in [
            "null",
            r#""""#,
            "18446744073709551616",
            "1.5",
            "1e3",
            "true",
            "{}",
            "[]",
        ] {
            assert!(read::<Id>(refused).is_err(), "{refused}");
        }
    }

    #[test]
    fn accounts_read_null_as_empty_or_none() {
        assert_eq!(read::<Account>("null").unwrap().0, "");
        assert_eq!(read::<Account>("7").unwrap().0, "7");
        assert_eq!(read::<OptionAccount>("null").unwrap().0, None);
        assert_eq!(
            read::<OptionAccount>("144115233775727695")
                .unwrap()
                .0
                .as_deref(),
            Some("144115233775727695")
        );
        assert!(read::<OptionAccount>("1.5").is_err());
        assert_eq!(
            read::<Accounts>(r#"["a",144115245442327522]"#).unwrap().0,
            ["a", "144115245442327522"]
        );
        assert!(read::<Accounts>("null").unwrap().0.is_empty());
        assert!(read::<Accounts>(r#"[null]"#).is_err());
        assert!(read::<Accounts>(r#""a""#).is_err());
    }

    #[test]
    fn integers_accept_numbers_strings_and_exact_floats() {
        for (json, value) in [
            ("30000", 30000),
            (r#""30000""#, 30000),
            ("30000.0", 30000),
            ("3e4", 30000),
            ("-0", 0),
            ("-0.0", 0),
            ("null", 0),
            ("4503599627370495.0", 4503599627370495),
            ("1739956146119.0", 1739956146119),
            ("18446744073709551615", u64::MAX),
            (r#""18446744073709551615""#, u64::MAX),
        ] {
            assert_eq!(read::<U64>(json).unwrap().0, value, "{json}");
        }
        for (json, value) in [("-7", -7), (r#""-7""#, -7), ("-7.0", -7), ("-7e0", -7)] {
            assert_eq!(read::<I64>(json).unwrap().0, value, "{json}");
        }
        assert_eq!(read::<OptionU32>("null").unwrap().0, None);
        assert_eq!(read::<OptionU32>(r#""12""#).unwrap().0, Some(12));
    }

    #[test]
    fn integers_refuse_what_cannot_be_read_exactly() {
        for refused in [
            "-1",
            r#""-1""#,
            "1.5",
            "1e300",
            "1e-3",
            // 2^53 + 1 written as a float: a double holds ...992, a digit was lost.
            "9007199254740993e0",
            // Below 2^53, but serde_json's default parser reads ...990.
            "9007199254740991.0",
            "4503599627370496.0",
            "18446744073709551616",
            r#""""#,
            r#"" 1""#,
            r#""1.0""#,
            r#""+1""#,
            "true",
            "[]",
            "{}",
        ] {
            assert!(read::<U64>(refused).is_err(), "u64 accepted {refused}");
        }
        assert!(read::<I64>("9223372036854775808").is_err());
        assert!(read::<OptionU32>("4294967296").is_err());
        assert!(read::<OptionU32>("-1").is_err());
    }

    #[derive(Debug, Deserialize)]
    struct OptionAccounts(#[serde(deserialize_with = "option_accounts")] Option<Vec<String>>);

    #[derive(Debug, Deserialize)]
    struct OptionList(#[serde(deserialize_with = "option_list")] Option<Vec<u8>>);

    #[derive(Debug, Deserialize)]
    struct OptionRooms(#[serde(deserialize_with = "option_objects")] Option<Vec<Room>>);

    #[test]
    fn option_lists_keep_empty_apart_from_absent() {
        assert_eq!(read::<OptionAccounts>("null").unwrap().0, None);
        assert_eq!(read::<OptionAccounts>("[]").unwrap().0, Some(vec![]));
        assert_eq!(
            read::<OptionAccounts>(r#"["a",144115245442327522]"#)
                .unwrap()
                .0,
            Some(vec!["a".to_owned(), "144115245442327522".to_owned()])
        );
        assert!(read::<OptionAccounts>("[null]").is_err());
        assert!(read::<OptionAccounts>(r#""a""#).is_err());
        assert_eq!(read::<OptionList>("null").unwrap().0, None);
        assert_eq!(read::<OptionList>("[1,2]").unwrap().0, Some(vec![1, 2]));
        assert!(read::<OptionList>("{}").is_err());
        assert_eq!(read::<OptionRooms>("null").unwrap().0, None);
        assert_eq!(read::<OptionRooms>(r#"[{}]"#).unwrap().0.unwrap().len(), 1);
        assert!(read::<OptionRooms>(r#"[["a"]]"#).is_err());
    }

    #[test]
    fn flags() {
        for (json, value) in [
            ("true", true),
            ("false", false),
            ("1", true),
            ("0", false),
            (r#""true""#, true),
            (r#""1""#, true),
            (r#""false""#, false),
            (r#""0""#, false),
            ("null", false),
        ] {
            assert_eq!(read::<Flag>(json).unwrap().0, value, "{json}");
        }
        for refused in ["2", "-1", "0.5", r#""yes""#, r#""TRUE""#, "[]", "{}"] {
            assert!(read::<Flag>(refused).is_err(), "{refused}");
        }
        assert_eq!(read::<OptionFlag>("null").unwrap().0, None);
        assert_eq!(read::<OptionFlag>("0").unwrap().0, Some(false));
    }

    #[test]
    fn objects_are_read_from_objects_only() {
        let room = Room {
            room_id: "pk-3".into(),
        };
        assert_eq!(read::<OneRoom>(r#"{"RoomId":"pk-3"}"#).unwrap().0, room);
        assert_eq!(read::<OneRoom>("null").unwrap().0, Room::default());
        assert!(read::<OneRoom>(r#"["pk-3"]"#).is_err());
        assert!(read::<OneRoom>(r#""{\"RoomId\":\"pk-3\"}""#).is_err());
        assert_eq!(
            read::<RequiredRoom>(r#"{"RoomId":"r"}"#).unwrap().0.room_id,
            "r"
        );
        assert!(read::<RequiredRoom>("null").is_err());
        assert!(read::<RequiredRoom>(r#"["r"]"#).is_err());
        assert_eq!(read::<MaybeRoom>("null").unwrap().0, None);
        assert_eq!(
            read::<MaybeRoom>(r#"{"RoomId":"pk-3"}"#).unwrap().0,
            Some(room)
        );
        assert!(read::<MaybeRoom>(r#"["pk-3"]"#).is_err());
        assert_eq!(read::<Rooms>(r#"[{"RoomId":"a"},{}]"#).unwrap().0.len(), 2);
        assert!(read::<Rooms>("null").unwrap().0.is_empty());
        assert!(read::<Rooms>(r#"[["a"]]"#).is_err());
        assert!(read::<Rooms>(r#"{"RoomId":"a"}"#).is_err());
        assert!(read::<Object<Room>>("null").is_err());
    }

    #[test]
    fn an_object_may_be_a_string_holding_one() {
        let room = |json| read::<RoomOrString>(json).map(|room| room.0);
        assert_eq!(room(r#""{\"RoomId\":\"r\"}""#).unwrap().room_id, "r");
        assert_eq!(room(r#"{"RoomId":"r"}"#).unwrap().room_id, "r");
        assert_eq!(room("null").unwrap(), Room::default());
        for refused in [
            r#""not json""#,
            r#""[\"r\"]""#,
            r#""{} {}""#,
            "5",
            r#"["r"]"#,
        ] {
            assert!(room(refused).is_err(), "{refused}");
        }
    }
}
