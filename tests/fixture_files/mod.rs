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
