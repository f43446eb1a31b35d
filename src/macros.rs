//! The two macros behind the command table: one per event type, one per enum.

/// A derived event type's `WebhookEvent` impl and its `COMMAND`: one command,
/// decoded with `decode_json`, and for a before-webhook its fallback decision.
macro_rules! callback {
    (
        $ty:ident = $command:literal
        $(, fallback = $fallback:expr)?
        $(, accounts = $accounts:path)?
    ) => {
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

            $(
                fn decision_accounts(&self) -> Option<Vec<String>> {
                    Some($accounts(self))
                }
            )?
        }
    };
}

/// A derived event type in the terse field form: the struct, its serde
/// attributes and its `WebhookEvent` impl (through [`callback!`]). Each field
/// is its doc comment and one line, `pub name: Type = "WireName",`:
///
/// - `Option<T>` of any [`Lenient`](crate::lenient::Lenient) type is read
///   with [`lenient::field`](crate::lenient::field): absent or `null` is
///   `None`, and `None` is not written back;
/// - `= required "WireName"` is read with
///   [`lenient::required`](crate::lenient::required): an identity the body
///   cannot do without.
///
/// Extra derives (`Eq`, `Hash`, `Default`) go in a `#[derive]` among the
/// struct's attributes; a before-webhook names its fallback decision after
/// its command: `pub struct C2cMessageSending = "C2C.CallbackBeforeSendMsg",
/// fallback(C2cMessageDecision::allow()) { ... }`. One whose decision
/// answers for each of several users names, after that, the function that
/// lists them: `accounts(Self::recipients)`.
macro_rules! event {
    (
        $(#[$meta:meta])*
        pub struct $name:ident = $command:literal
            $(, fallback($fallback:expr))? $(, accounts($accounts:path))? {
            $($fields:tt)*
        }
    ) => {
        fields! {
            [
                $(#[$meta])*
                #[serde(tag = "CallbackCommand", rename = $command)]
                #[non_exhaustive]
                pub struct $name
            ]
            []
            $($fields)*
        }

        callback!($name = $command $(, fallback = $fallback)? $(, accounts = $accounts)?);
    };
}

/// An object inside an event, in the terse field form of [`event!`]: read
/// from a JSON object only (never from an array by position), and
/// [`Lenient`](crate::lenient::Lenient), so that events hold it as a field.
macro_rules! object {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $($fields:tt)*
        }
    ) => {
        fields! {
            [
                $(#[$meta])*
                #[non_exhaustive]
                pub struct $name
            ]
            []
            $($fields)*
        }

        impl $crate::lenient::Lenient for $name {
            fn read<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                <$crate::lenient::Object<Self> as serde::Deserialize>::deserialize(deserializer)
                    .map(|object| object.0)
            }
        }
    };
}

/// The field muncher behind [`event!`] and [`object!`]: turns each
/// `pub name: Type = "Wire",` into a field with its serde attributes.
macro_rules! fields {
    ([$($head:tt)*] [$($done:tt)*]) => {
        #[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
        $($head)* {
            $($done)*
        }
    };
    (
        $head:tt [$($done:tt)*]
        $(#[$field_meta:meta])* pub $field:ident: $ty:ty = required $wire:literal,
        $($rest:tt)*
    ) => {
        fields! {
            $head [
                $($done)*
                $(#[$field_meta])*
                #[serde(rename = $wire, deserialize_with = "crate::lenient::required")]
                pub $field: $ty,
            ]
            $($rest)*
        }
    };
    (
        $head:tt [$($done:tt)*]
        $(#[$field_meta:meta])* pub $field:ident: $ty:ty = $wire:literal,
        $($rest:tt)*
    ) => {
        fields! {
            $head [
                $($done)*
                $(#[$field_meta])*
                #[serde(
                    rename = $wire,
                    default,
                    deserialize_with = "crate::lenient::field",
                    skip_serializing_if = "Option::is_none"
                )]
                pub $field: $ty,
            ]
            $($rest)*
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

            /// The position among the variants of the type that claims
            /// `command`: the table's commands are bucketed by length and
            /// sorted when the crate is compiled, so a lookup compares the
            /// few commands of the same length, however long the table grows.
            fn variant_of(command: &str) -> Option<usize> {
                const COMMANDS: usize =
                    0 $( + <$ty as $crate::WebhookEvent>::CALLBACK_COMMANDS.len() )+;
                const INDEX: $crate::macros::Index<COMMANDS> = $crate::macros::Index::new(
                    &[ $( <$ty as $crate::WebhookEvent>::CALLBACK_COMMANDS, )+ ],
                );
                INDEX.find(command)
            }
        }

        impl $crate::WebhookEvent for $name {
            const CALLBACK_COMMANDS: &'static [&'static str] = &$crate::macros::flatten::<
                { 0 $( + <$ty as $crate::WebhookEvent>::CALLBACK_COMMANDS.len() )+ },
            >(&[ $( <$ty as $crate::WebhookEvent>::CALLBACK_COMMANDS, )+ ]);

            fn claims(command: &str) -> bool {
                Self::variant_of(command).is_some()
            }

            #[allow(unused_assignments)] // the last `at += 1`
            fn decode(command: &str, body: &[u8]) -> Result<Self, $crate::Rejection> {
                let Some(variant) = Self::variant_of(command) else {
                    return Err($crate::Rejection::CommandMismatch);
                };
                let mut at = 0;
                $(
                    if variant == at {
                        return <$ty as $crate::WebhookEvent>::decode(command, body)
                            .map(Self::$variant);
                    }
                    at += 1;
                )+
                Err($crate::Rejection::CommandMismatch)
            }

            fn callback_command(&self) -> &str {
                $name::callback_command(self)
            }

            #[allow(unused_assignments)] // the last `at += 1`
            fn fallback(command: &str) -> Option<$crate::Reply> {
                let variant = Self::variant_of(command)?;
                let mut at = 0;
                $(
                    if variant == at {
                        return <$ty as $crate::WebhookEvent>::fallback(command);
                    }
                    at += 1;
                )+
                None
            }

            fn decision_accounts(&self) -> Option<Vec<String>> {
                match self {
                    $( Self::$variant(event) => $crate::WebhookEvent::decision_accounts(event), )+
                    $( Self::$unknown { .. } => None, )?
                }
            }

            fn batch_len(&self) -> Option<usize> {
                match self {
                    $( Self::$variant(event) => $crate::WebhookEvent::batch_len(event), )+
                    $( Self::$unknown { .. } => None, )?
                }
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

/// The three tables, from one list of commands: `LiveEvent` (the Live URL's
/// commands and the shared ones), `ChatEvent` (the shared ones and the Chat
/// URL's), and `TencentEvent` (all of them). Each command is one line: its
/// variant, its type and its row of the tables' documentation.
macro_rules! tables {
    (
        live: { $(#[$live_meta:meta])* }
        chat: { $(#[$chat_meta:meta])* }
        tencent: { $(#[$tencent_meta:meta])* }
        every: { $(#[$every_meta:meta])* }
        live_only: [ $( $(#[$l_doc:meta])* $l_variant:ident($l_ty:ty) = $l_row:literal, )+ ]
        shared: [ $( $(#[$s_doc:meta])* $s_variant:ident($s_ty:ty) = $s_row:literal, )+ ]
        chat_only: [ $( $(#[$c_doc:meta])* $c_variant:ident($c_ty:ty) = $c_row:literal, )+ ]
    ) => {
        events! {
            $(#[$live_meta])*
            ///
            /// | `CallbackCommand` | variant | kind | identity |
            /// |---|---|---|---|
            $( #[doc = $l_row] )+
            $( #[doc = $s_row] )+
            ///
            $(#[$every_meta])*
            #[derive(Clone, Debug, PartialEq, Eq)]
            #[non_exhaustive]
            pub enum LiveEvent {
                $( $(#[$l_doc])* $l_variant($l_ty), )+
                $( $(#[$s_doc])* $s_variant($s_ty), )+
            }
            unknown:
                /// A command outside the table, received only by a layer with
                /// [`receive_unknown`](crate::WebhookLayer::receive_unknown).
                Unknown,
        }

        events! {
            $(#[$chat_meta])*
            ///
            /// | `CallbackCommand` | variant | kind | identity |
            /// |---|---|---|---|
            $( #[doc = $s_row] )+
            $( #[doc = $c_row] )+
            ///
            $(#[$every_meta])*
            #[derive(Clone, Debug, PartialEq, Eq)]
            #[non_exhaustive]
            pub enum ChatEvent {
                $( $(#[$s_doc])* $s_variant($s_ty), )+
                $( $(#[$c_doc])* $c_variant($c_ty), )+
            }
            unknown:
                /// A command outside the table, received only by a layer with
                /// [`receive_unknown`](crate::WebhookLayer::receive_unknown).
                Unknown,
        }

        events! {
            $(#[$tencent_meta])*
            ///
            /// | `CallbackCommand` | variant | kind | identity |
            /// |---|---|---|---|
            $( #[doc = $l_row] )+
            $( #[doc = $s_row] )+
            $( #[doc = $c_row] )+
            ///
            $(#[$every_meta])*
            #[derive(Clone, Debug, PartialEq, Eq)]
            #[non_exhaustive]
            pub enum TencentEvent {
                $( $(#[$l_doc])* $l_variant($l_ty), )+
                $( $(#[$s_doc])* $s_variant($s_ty), )+
                $( $(#[$c_doc])* $c_variant($c_ty), )+
            }
            unknown:
                /// A command outside both tables, received only by a layer
                /// with [`receive_unknown`](crate::WebhookLayer::receive_unknown).
                Unknown,
        }
    };
}

/// The longest command a table holds, in bytes (Tencent's are under 60).
const LONGEST: usize = 96;

/// A table's commands, each with the position of the type that claims it,
/// sorted by length and then by bytes, with where each length starts: a
/// lookup compares only the commands of the command's length. Built when
/// the crate is compiled; a command in two lists, or longer than
/// [`LONGEST`], fails the build.
pub(crate) struct Index<const N: usize> {
    commands: [(&'static str, usize); N],
    /// `starts[len]..starts[len + 1]`: the commands of `len` bytes.
    starts: [usize; LONGEST + 2],
}

impl<const N: usize> Index<N> {
    pub(crate) const fn new(lists: &[&[&'static str]]) -> Self {
        let mut commands = [("", 0); N];
        let mut at = 0;
        let mut list = 0;
        while list < lists.len() {
            let mut command = 0;
            while command < lists[list].len() {
                let name = lists[list][command];
                assert!(name.len() <= LONGEST, "a command longer than a table holds");
                commands[at] = (name, list);
                at += 1;
                command += 1;
            }
            list += 1;
        }
        assert!(at == N, "the command lists do not add up");
        Self::sorted(commands)
    }

    /// Each command its own position: the index of a flat list.
    #[cfg(feature = "metrics")]
    pub(crate) const fn flat(list: &[&'static str]) -> Self {
        let mut commands = [("", 0); N];
        assert!(list.len() == N, "the command list does not add up");
        let mut at = 0;
        while at < N {
            assert!(
                list[at].len() <= LONGEST,
                "a command longer than a table holds"
            );
            commands[at] = (list[at], at);
            at += 1;
        }
        Self::sorted(commands)
    }

    const fn sorted(mut commands: [(&'static str, usize); N]) -> Self {
        // Insertion sort: a table has a few dozen commands.
        let mut sorted = 1;
        while sorted < N {
            let mut place = sorted;
            while place > 0 && before(commands[place].0, commands[place - 1].0) {
                let moved = commands[place];
                commands[place] = commands[place - 1];
                commands[place - 1] = moved;
                place -= 1;
            }
            sorted += 1;
        }
        let mut pair = 1;
        while pair < N {
            assert!(
                before(commands[pair - 1].0, commands[pair].0),
                "a command is claimed twice in one table"
            );
            pair += 1;
        }
        let mut starts = [N; LONGEST + 2];
        let mut entry = N;
        while entry > 0 {
            entry -= 1;
            let len = commands[entry].0.len();
            let mut shorter = 0;
            while shorter <= len {
                if starts[shorter] > entry {
                    starts[shorter] = entry;
                }
                shorter += 1;
            }
        }
        Self { commands, starts }
    }

    /// The position of the type that claims `command`.
    pub(crate) fn find(&self, command: &str) -> Option<usize> {
        let len = command.len();
        if len > LONGEST {
            return None;
        }
        self.commands[self.starts[len]..self.starts[len + 1]]
            .iter()
            .find(|(known, _)| *known == command)
            .map(|(_, position)| *position)
    }
}

/// Whether `a` comes before `b`: the shorter first, then by bytes.
const fn before(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return a.len() < b.len();
    }
    let mut at = 0;
    while at < a.len() {
        if a[at] != b[at] {
            return a[at] < b[at];
        }
        at += 1;
    }
    false
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

        impl $crate::lenient::Lenient for $name {
            fn read<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                <String as $crate::lenient::Lenient>::read(deserializer).map(|value| Self::parse(&value))
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

        impl $crate::lenient::Lenient for $name {
            fn read<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                <i64 as $crate::lenient::Lenient>::read(deserializer).map(Self::from_code)
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::{before, Index};
    use crate::{TencentEvent, WebhookEvent};

    #[test]
    fn before_orders_by_length_then_bytes() {
        let words = [
            "", "a", "b", "ab", "ba", "C2C.X", "Group.Y", "Group.Z", "Group.Yz",
        ];
        for (i, a) in words.iter().enumerate() {
            for (j, b) in words.iter().enumerate() {
                assert_eq!(before(a, b), i < j, "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn the_index_finds_each_command_of_its_list_and_nothing_else() {
        const INDEX: Index<5> = Index::new(&[&["bb", "d"], &["a"], &["cc", "ccc"]]);
        for (command, position) in [("a", 1), ("d", 0), ("bb", 0), ("cc", 2), ("ccc", 2)] {
            assert_eq!(INDEX.find(command), Some(position), "{command}");
        }
        for other in ["", "b", "c", "dd", "cccc", "aaaa"] {
            assert_eq!(INDEX.find(other), None, "{other}");
        }
        for command in TencentEvent::CALLBACK_COMMANDS {
            assert!(TencentEvent::claims(command), "{command}");
        }
        let long = "L".repeat(200);
        for other in [
            "",
            "Live.",
            "C2C.CallbackAfterSendMsgX",
            "live.callbackafterendbattle",
            &long,
        ] {
            assert!(!TencentEvent::claims(other), "{other}");
        }
    }
}
