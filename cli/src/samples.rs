//! The sample events `send --event` knows, by name: every command's sample
//! from `TencentEvent::samples()`, named after its type (`RoomCreated` is
//! `room-created`), as `examples/send.rs` named them.

use tencent_live_webhook::TencentEvent;

/// Names `send --event` also takes, for the battle events, and the names
/// they stand for.
pub const ALIASES: [(&str, &str); 3] = [
    ("create", "battle-created"),
    ("start", "battle-started"),
    ("end", "battle-ended"),
];

/// The sample `send` sends when neither `--event` nor `--file` is given.
pub const DEFAULT: &str = "battle-ended";

/// Every command's sample with its name, in the library's order.
pub fn all() -> Vec<(String, TencentEvent)> {
    TencentEvent::samples()
        .into_iter()
        .map(|event| (name_of(event.name()), event))
        .collect()
}

/// The sample called `name` (or an alias of it), when there is one.
pub fn find(name: &str) -> Option<TencentEvent> {
    let name = ALIASES
        .iter()
        .find(|(alias, _)| *alias == name)
        .map_or(name, |(_, full)| full);
    all()
        .into_iter()
        .find(|(known, _)| known == name)
        .map(|(_, event)| event)
}

/// A type's name in kebab case: `RoomCreated` is `room-created`.
fn name_of(type_name: &str) -> String {
    let mut name = String::with_capacity(type_name.len() + 4);
    for (at, letter) in type_name.char_indices() {
        if letter.is_uppercase() && at > 0 {
            name.push('-');
        }
        name.push(letter.to_ascii_lowercase());
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_kebab_case_and_unique() {
        assert_eq!(name_of("RoomCreated"), "room-created");
        assert_eq!(name_of("Gift"), "gift");
        let mut names: Vec<String> = all().into_iter().map(|(name, _)| name).collect();
        let count = names.len();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), count, "two samples share a name");
    }

    #[test]
    fn aliases_name_the_battle_events() {
        for (alias, full) in ALIASES {
            let event = find(alias).expect("an alias names a sample");
            assert_eq!(name_of(event.name()), full);
        }
    }
}
