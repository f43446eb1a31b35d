//! Shared by the `decode*` tests: the fixture files on disk, and the values a
//! fixture's body holds.

#![allow(dead_code)] // each test file uses its own part

use std::collections::BTreeSet;

use serde_json::Value;

/// The names of the files directly in `tests/fixtures/<dir>`, but its
/// `README.md`: what a test's table of fixtures must list.
pub fn on_disk(dir: &str) -> BTreeSet<String> {
    let path = format!("{}/tests/fixtures/{dir}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_dir(&path)
        .unwrap_or_else(|error| panic!("{path}: {error}"))
        .map(|entry| entry.unwrap())
        .filter(|entry| entry.file_type().unwrap().is_file())
        .map(|entry| entry.file_name().into_string().unwrap())
        .filter(|name| name != "README.md")
        .collect()
}

/// Values (not keys) in a body, as written: a quoted string of three or more
/// characters, or a number of four or more characters. Crude, but it also
/// works on the bodies that are not JSON: a refusal must quote none of them.
pub fn values_in(body: &str) -> Vec<&str> {
    let mut values = Vec::new();
    let mut rest = body;
    while let Some(colon) = rest.find(':') {
        rest = rest[colon + 1..].trim_start();
        if let Some(string) = rest.strip_prefix('"') {
            let end = string.find('"').unwrap_or(string.len());
            if end >= 3 {
                values.push(&string[..end]);
            }
            rest = &string[end..];
        } else {
            let end = rest
                .find(|c: char| !(c.is_ascii_digit() || "-+.eE".contains(c)))
                .unwrap_or(rest.len());
            if end >= 4 {
                values.push(&rest[..end]);
            }
            rest = &rest[end..];
        }
    }
    values
}

/// Where `written` has a member (at any depth) that `sent` lacks; `None` when
/// every member written was sent. Arrays are walked element by element.
pub fn member_not_sent(written: &Value, sent: &Value, path: &str) -> Option<String> {
    match (written, sent) {
        (Value::Object(written), Value::Object(sent)) => written.iter().find_map(|(key, value)| {
            let path = format!("{path}.{key}");
            match sent.get(key) {
                None => Some(path),
                Some(sent) => member_not_sent(value, sent, &path),
            }
        }),
        (Value::Array(written), Value::Array(sent)) => {
            if written.len() != sent.len() {
                return Some(format!(
                    "{path}: {} elements of {}",
                    written.len(),
                    sent.len()
                ));
            }
            written
                .iter()
                .zip(sent)
                .enumerate()
                .find_map(|(n, (written, sent))| {
                    member_not_sent(written, sent, &format!("{path}[{n}]"))
                })
        }
        _ => None,
    }
}

/// What a fixture of the Chat commands must give (`decode_chat.rs` and the
/// family files beside it).
pub enum Expect {
    /// Decoded, and serialised as this JSON.
    Written(Value),
    /// Refused with this `ErrorCode`.
    Refused(i64),
}

/// The bytes of `tests/fixtures/<command>/<file>`.
pub fn read(command: &str, file: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/{command}/{file}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|error| panic!("{path}: {error}"))
}

/// Decodes every case through `ChatEvent`'s table and `TencentEvent`'s, and
/// checks what it gives: the JSON written back, or the refusal's code.
pub fn check_chat_cases(cases: Vec<(&'static str, &'static str, Expect)>) {
    use tencent_live_webhook::{ChatEvent, TencentEvent, WebhookEvent};
    for (command, file, expect) in cases {
        let body = read(command, file);
        let through_chat = ChatEvent::decode(command, &body);
        let through_both = TencentEvent::decode(command, &body);
        match expect {
            Expect::Written(expected) => {
                let event =
                    through_chat.unwrap_or_else(|error| panic!("{command}/{file}: {error}"));
                assert_eq!(event.callback_command(), command, "{file}");
                assert_eq!(
                    serde_json::to_value(&event).unwrap(),
                    expected,
                    "{command}/{file}"
                );
                let both = through_both.unwrap();
                assert_eq!(serde_json::to_value(&both).unwrap(), expected);
            }
            Expect::Refused(code) => {
                let error = through_chat.expect_err(file);
                assert_eq!(error.error_code(), code, "{command}/{file}: {error}");
                assert_eq!(through_both.unwrap_err().error_code(), code);
            }
        }
    }
}

/// Every file of these commands' fixture directories (and their
/// `invalid/`) is one of `listed`'s, and each has a `sample.json`.
pub fn check_every_file_listed<'a>(
    commands: impl IntoIterator<Item = &'a str>,
    listed: impl IntoIterator<Item = (&'a str, &'a str)>,
) {
    let listed: BTreeSet<(&str, &str)> = listed.into_iter().collect();
    for command in commands {
        let mut files = on_disk(command);
        assert!(
            files.contains("sample.json"),
            "{command} has no sample.json"
        );
        let invalid = format!("{command}/invalid");
        let path = format!("{}/tests/fixtures/{invalid}", env!("CARGO_MANIFEST_DIR"));
        if std::path::Path::new(&path).is_dir() {
            files.extend(
                on_disk(&invalid)
                    .into_iter()
                    .map(|file| format!("invalid/{file}")),
            );
        }
        for file in files {
            assert!(
                listed.contains(&(command, file.as_str())),
                "{command}/{file} is not in cases()"
            );
        }
    }
}
