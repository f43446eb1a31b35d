//! The two macros behind the command table: one per event type, one per enum.

/// A derived event type's `WebhookEvent` impl and its `COMMAND`: one command,
/// decoded with `decode_json`, and for a before-webhook its fallback decision.
macro_rules! callback {
    ($ty:ident = $command:literal $(, fallback = $fallback:expr)?) => {
        impl $ty {
            #[doc = concat!("`", $command, "`, the `CallbackCommand` of this event.")]
            pub const COMMAND: &'static str = $command;
        }

        impl $crate::WebhookEvent for $ty {
            const CALLBACK_COMMANDS: &'static [&'static str] = &[$command];

            fn decode(command: &str, body: &[u8]) -> Result<Self, $crate::Rejection> {
                $crate::decode_json(command, body)
            }

            $(
                fn fallback(_: &str) -> Option<$crate::Reply> {
                    Some($fallback.into())
                }
            )?
        }
    };
}

/// An enum over event types, one variant per type, with what the table
/// gives it: `callback_command()`, `From` for each type, `Serialize` as the
/// event's own JSON (with its `CallbackCommand`), `WebhookEvent` (claims,
/// decode by command, fallbacks), and optionally a variant for commands
/// outside the table.
macro_rules! events {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident($ty:ty), )+
        }
        $( unknown: $(#[$umeta:meta])* $unknown:ident, )?
    ) => {
        $(#[$meta])*
        pub enum $name {
            $( $(#[$vmeta])* $variant($ty), )+
            $(
                $(#[$umeta])*
                $unknown {
                    /// The `CallbackCommand`, as the query gave it.
                    command: String,
                    /// The body, as JSON.
                    body: serde_json::Value,
                },
            )?
        }

        impl $name {
            /// The variant's name, such as `RoomCreated`: a short label for
            /// logs and metrics.
            pub fn name(&self) -> &'static str {
                match self {
                    $( Self::$variant(_) => stringify!($variant), )+
                    $( Self::$unknown { .. } => stringify!($unknown), )?
                }
            }

            /// The `CallbackCommand` the event was received with.
            pub fn callback_command(&self) -> &str {
                match self {
                    $( Self::$variant(event) => $crate::WebhookEvent::callback_command(event), )+
                    $( Self::$unknown { command, .. } => command, )?
                }
            }
        }

        impl $crate::WebhookEvent for $name {
            const CALLBACK_COMMANDS: &'static [&'static str] = &$crate::macros::flatten::<
                { 0 $( + <$ty as $crate::WebhookEvent>::CALLBACK_COMMANDS.len() )+ },
            >(&[ $( <$ty as $crate::WebhookEvent>::CALLBACK_COMMANDS, )+ ]);

            fn claims(command: &str) -> bool {
                $( <$ty as $crate::WebhookEvent>::claims(command) )||+
            }

            fn decode(command: &str, body: &[u8]) -> Result<Self, $crate::Rejection> {
                $(
                    if <$ty as $crate::WebhookEvent>::claims(command) {
                        return <$ty as $crate::WebhookEvent>::decode(command, body)
                            .map(Self::$variant);
                    }
                )+
                Err($crate::Rejection::CommandMismatch)
            }

            fn callback_command(&self) -> &str {
                $name::callback_command(self)
            }

            fn fallback(command: &str) -> Option<$crate::Reply> {
                $(
                    if <$ty as $crate::WebhookEvent>::claims(command) {
                        return <$ty as $crate::WebhookEvent>::fallback(command);
                    }
                )+
                None
            }

            $(
                fn unknown(
                    command: &str,
                    body: &[u8],
                ) -> Option<Result<Self, $crate::Rejection>> {
                    Some($crate::decode::decode_any(body).map(|body| Self::$unknown {
                        command: command.to_owned(),
                        body,
                    }))
                }
            )?
        }

        $(
            impl From<$ty> for $name {
                fn from(event: $ty) -> Self {
                    Self::$variant(event)
                }
            }
        )+

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    $( Self::$variant(event) => event.serialize(serializer), )+
                    $( Self::$unknown { body, .. } => body.serialize(serializer), )?
                }
            }
        }
    };
}

/// The concatenation of command lists, for an enum's `CALLBACK_COMMANDS`.
pub(crate) const fn flatten<const N: usize>(lists: &[&[&'static str]]) -> [&'static str; N] {
    let mut all = [""; N];
    let mut at = 0;
    let mut list = 0;
    while list < lists.len() {
        let mut command = 0;
        while command < lists[list].len() {
            all[at] = lists[list][command];
            at += 1;
            command += 1;
        }
        list += 1;
    }
    assert!(at == N, "the command lists do not add up");
    all
}

/// An enumeration Tencent sends as a string, whose unknown values are kept
/// (`Other`) rather than refused: `as_str`, `parse`, `Display`, and serde as
/// the string.
macro_rules! string_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $value:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
            /// A value Tencent may add later, kept as sent.
            Other(String),
        }

        impl $name {
            /// The value as Tencent writes it.
            pub fn as_str(&self) -> &str {
                match self {
                    $( Self::$variant => $value, )+
                    Self::Other(value) => value,
                }
            }

            /// The variant for a value; unknown values are kept as `Other`.
            pub fn parse(value: &str) -> Self {
                match value {
                    $( $value => Self::$variant, )+
                    other => Self::Other(other.to_owned()),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $crate::lenient::account(deserializer).map(|value| Self::parse(&value))
            }
        }
    };
}

/// An enumeration Tencent sends as a number, whose unknown values are kept
/// (`Other`) rather than refused: `code`, `from_code`, and serde as the number
/// (read leniently: a numeric string is read too).
macro_rules! code_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $value:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
            /// A value Tencent may add later, kept as sent.
            Other(i64),
        }

        impl $name {
            /// The number Tencent sends.
            pub fn code(self) -> i64 {
                match self {
                    $( Self::$variant => $value, )+
                    Self::Other(code) => code,
                }
            }

            /// The variant for a number; unknown numbers are kept as `Other`.
            pub fn from_code(code: i64) -> Self {
                match code {
                    $( $value => Self::$variant, )+
                    other => Self::Other(other),
                }
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_i64(self.code())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $crate::lenient::integer::<D, i64>(deserializer).map(Self::from_code)
            }
        }
    };
}
