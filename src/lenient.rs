//! Lenient decoders for the shapes Tencent actually sends.
//!
//! Tencent does not retry after-event webhooks, so a value that can be read
//! without guessing is read: ids as JSON strings or numbers (every digit kept),
//! integers as numbers or numeric strings, `null` as absent. What cannot be
//! read exactly (a fractional count, a negative time, an id as a float) is an error.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, DeserializeOwned, Deserializer, Unexpected, Visitor};

/// Largest integer an `f64` holds exactly.
const F64_EXACT: f64 = 9_007_199_254_740_992.0;

/// An id or account: a JSON string, or a JSON integer kept digit for digit.
/// `null` reads as the empty string.
pub(crate) struct Id(pub(crate) String);

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct IdVisitor;

        impl Visitor<'_> for IdVisitor {
            type Value = Id;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string or an integer id")
            }

            fn visit_str<E: de::Error>(self, value: &str) -> Result<Id, E> {
                Ok(Id(value.to_owned()))
            }

            fn visit_string<E: de::Error>(self, value: String) -> Result<Id, E> {
                Ok(Id(value))
            }

            fn visit_u64<E: de::Error>(self, value: u64) -> Result<Id, E> {
                Ok(Id(value.to_string()))
            }

            fn visit_i64<E: de::Error>(self, value: i64) -> Result<Id, E> {
                Ok(Id(value.to_string()))
            }

            fn visit_unit<E: de::Error>(self) -> Result<Id, E> {
                Ok(Id(String::new()))
            }

            fn visit_none<E: de::Error>(self) -> Result<Id, E> {
                Ok(Id(String::new()))
            }
        }

        deserializer.deserialize_any(IdVisitor)
    }
}

/// An integer: a JSON integer, a float with no fractional part that `f64`
/// holds exactly, or a string of digits. `null` reads as zero.
pub(crate) struct Int<T>(pub(crate) T);

impl<'de, T> Deserialize<'de> for Int<T>
where
    T: TryFrom<u64> + TryFrom<i64> + Default + std::str::FromStr,
{
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct IntVisitor<T>(PhantomData<T>);

        impl<T> Visitor<'_> for IntVisitor<T>
        where
            T: TryFrom<u64> + TryFrom<i64> + Default + std::str::FromStr,
        {
            type Value = Int<T>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                if T::try_from(-1i64).is_ok() {
                    f.write_str("an integer")
                } else {
                    f.write_str("a non-negative integer")
                }
            }

            fn visit_u64<E: de::Error>(self, value: u64) -> Result<Int<T>, E> {
                T::try_from(value)
                    .map(Int)
                    .map_err(|_| E::invalid_value(Unexpected::Unsigned(value), &self))
            }

            fn visit_i64<E: de::Error>(self, value: i64) -> Result<Int<T>, E> {
                T::try_from(value)
                    .map(Int)
                    .map_err(|_| E::invalid_value(Unexpected::Signed(value), &self))
            }

            fn visit_f64<E: de::Error>(self, value: f64) -> Result<Int<T>, E> {
                let exact = value.fract() == 0.0 && value.abs() <= F64_EXACT;
                if !exact {
                    return Err(E::invalid_value(Unexpected::Float(value), &self));
                }
                // Exact by the check above, so the casts are lossless.
                #[allow(clippy::cast_possible_truncation)]
                if value < 0.0 {
                    self.visit_i64(value as i64)
                } else {
                    self.visit_u64(value as u64)
                }
            }

            fn visit_str<E: de::Error>(self, value: &str) -> Result<Int<T>, E> {
                let digits = value.strip_prefix('-').unwrap_or(value);
                if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(E::invalid_value(Unexpected::Str(value), &self));
                }
                value
                    .parse()
                    .map(Int)
                    .map_err(|_| E::invalid_value(Unexpected::Str(value), &self))
            }

            fn visit_unit<E: de::Error>(self) -> Result<Int<T>, E> {
                Ok(Int(T::default()))
            }

            fn visit_none<E: de::Error>(self) -> Result<Int<T>, E> {
                Ok(Int(T::default()))
            }
        }

        deserializer.deserialize_any(IntVisitor(PhantomData))
    }
}

/// A flag: a JSON boolean, `0` or `1`, or one of those as a string. `null` reads as false.
pub(crate) struct Flag(pub(crate) bool);

impl<'de> Deserialize<'de> for Flag {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FlagVisitor;

        impl Visitor<'_> for FlagVisitor {
            type Value = Flag;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("true, false, 0 or 1")
            }

            fn visit_bool<E: de::Error>(self, value: bool) -> Result<Flag, E> {
                Ok(Flag(value))
            }

            fn visit_u64<E: de::Error>(self, value: u64) -> Result<Flag, E> {
                match value {
                    0 => Ok(Flag(false)),
                    1 => Ok(Flag(true)),
                    _ => Err(E::invalid_value(Unexpected::Unsigned(value), &self)),
                }
            }

            fn visit_i64<E: de::Error>(self, value: i64) -> Result<Flag, E> {
                Err(E::invalid_value(Unexpected::Signed(value), &self))
            }

            fn visit_str<E: de::Error>(self, value: &str) -> Result<Flag, E> {
                match value {
                    "true" | "1" => Ok(Flag(true)),
                    "false" | "0" => Ok(Flag(false)),
                    _ => Err(E::invalid_value(Unexpected::Str(value), &self)),
                }
            }

            fn visit_unit<E: de::Error>(self) -> Result<Flag, E> {
                Ok(Flag(false))
            }

            fn visit_none<E: de::Error>(self) -> Result<Flag, E> {
                Ok(Flag(false))
            }
        }

        deserializer.deserialize_any(FlagVisitor)
    }
}

/// A list of ids; `null` reads as an empty list.
pub(crate) struct Ids(pub(crate) Vec<String>);

impl<'de> Deserialize<'de> for Ids {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let ids = OrDefault::<Vec<Id>>::deserialize(deserializer)?.0;
        Ok(Ids(ids.into_iter().map(|id| id.0).collect()))
    }
}

/// A value where `null` means "absent": the type's default.
pub(crate) struct OrDefault<T>(pub(crate) T);

impl<'de, T: Deserialize<'de> + Default> Deserialize<'de> for OrDefault<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Option::<T>::deserialize(deserializer).map(|value| OrDefault(value.unwrap_or_default()))
    }
}

/// A JSON object, or a string holding one (Tencent's docs type some objects as "String").
pub(crate) struct ObjectOrJsonString<T>(pub(crate) T);

impl<'de, T: DeserializeOwned + Default> Deserialize<'de> for ObjectOrJsonString<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ObjectVisitor<T>(PhantomData<T>);

        impl<'de, T: DeserializeOwned + Default> Visitor<'de> for ObjectVisitor<T> {
            type Value = ObjectOrJsonString<T>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object, or a string holding a JSON object")
            }

            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                T::deserialize(de::value::MapAccessDeserializer::new(map)).map(ObjectOrJsonString)
            }

            fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
                serde_json::from_str(value)
                    .map(ObjectOrJsonString)
                    .map_err(|_| E::invalid_value(Unexpected::Str(value), &self))
            }

            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(ObjectOrJsonString(T::default()))
            }

            fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(ObjectOrJsonString(T::default()))
            }
        }

        deserializer.deserialize_any(ObjectVisitor(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id_of(json: &str) -> Result<String, serde_json::Error> {
        serde_json::from_str::<Id>(json).map(|id| id.0)
    }

    fn u64_of(json: &str) -> Result<u64, serde_json::Error> {
        serde_json::from_str::<Int<u64>>(json).map(|int| int.0)
    }

    fn i64_of(json: &str) -> Result<i64, serde_json::Error> {
        serde_json::from_str::<Int<i64>>(json).map(|int| int.0)
    }

    #[test]
    fn ids_keep_every_digit() {
        assert_eq!(id_of("144115245353757792").unwrap(), "144115245353757792");
        assert_eq!(
            id_of("18446744073709551615").unwrap(),
            "18446744073709551615"
        );
        assert_eq!(id_of("-42").unwrap(), "-42");
        assert_eq!(id_of(r#""@TIM#SYSTEM""#).unwrap(), "@TIM#SYSTEM");
        assert_eq!(id_of("null").unwrap(), "");
    }

    #[test]
    fn ids_refuse_what_would_lose_digits() {
        assert!(id_of("18446744073709551616").is_err());
        assert!(id_of("1.5").is_err());
        assert!(id_of("1e3").is_err());
        assert!(id_of("true").is_err());
        assert!(id_of("{}").is_err());
        assert!(id_of("[]").is_err());
    }

    #[test]
    fn integers_accept_numbers_strings_and_exact_floats() {
        assert_eq!(u64_of("30000").unwrap(), 30000);
        assert_eq!(u64_of(r#""30000""#).unwrap(), 30000);
        assert_eq!(u64_of("30000.0").unwrap(), 30000);
        assert_eq!(u64_of("null").unwrap(), 0);
        assert_eq!(i64_of("-7").unwrap(), -7);
        assert_eq!(i64_of(r#""-7""#).unwrap(), -7);
        assert_eq!(i64_of("-7.0").unwrap(), -7);
        assert_eq!(u64_of("18446744073709551615").unwrap(), u64::MAX);
    }

    #[test]
    fn integers_refuse_what_cannot_be_read_exactly() {
        for bad in [
            "-1",
            r#""-1""#,
            "1.5",
            "1e300",
            "18446744073709551616",
            r#""""#,
            r#"" 1""#,
            r#""1.0""#,
            r#""+1""#,
            "true",
            "[]",
            "{}",
        ] {
            assert!(u64_of(bad).is_err(), "u64 accepted {bad}");
        }
        assert!(i64_of("9223372036854775808").is_err());
        assert!(i64_of("9007199254740994.0").is_err());
    }

    #[test]
    fn flags() {
        let flag = |json| serde_json::from_str::<Flag>(json).map(|flag| flag.0);
        for (json, value) in [
            ("true", true),
            ("false", false),
            ("1", true),
            ("0", false),
            (r#""true""#, true),
            (r#""0""#, false),
            ("null", false),
        ] {
            assert_eq!(flag(json).unwrap(), value, "{json}");
        }
        for bad in ["2", "-1", "0.5", r#""yes""#, "[]", "{}"] {
            assert!(flag(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn id_lists() {
        let ids = |json| serde_json::from_str::<Ids>(json).map(|ids| ids.0);
        assert_eq!(
            ids(r#"["a",144115245442327522]"#).unwrap(),
            ["a", "144115245442327522"]
        );
        assert!(ids("null").unwrap().is_empty());
        assert!(ids(r#"[1.5]"#).is_err());
        assert!(ids(r#""a""#).is_err());
    }

    #[test]
    fn object_or_json_string() {
        #[derive(serde::Deserialize, Default, Debug, PartialEq)]
        struct Room {
            #[serde(rename = "RoomId")]
            id: String,
        }
        let read = |json| serde_json::from_str::<ObjectOrJsonString<Room>>(json).map(|r| r.0);
        let room = Room { id: "r".into() };
        assert_eq!(read(r#"{"RoomId":"r"}"#).unwrap(), room);
        assert_eq!(read(r#""{\"RoomId\":\"r\"}""#).unwrap(), room);
        assert_eq!(read("null").unwrap(), Room::default());
        assert!(read(r#""not json""#).is_err());
        assert!(read("5").is_err());
    }
}
