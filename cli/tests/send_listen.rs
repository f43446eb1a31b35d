//! `tencent-webhook send` against `tencent-webhook listen`, both the binary
//! cargo built, over loopback: every name `send --list` prints is sent once,
//! signed, and `listen` prints it as that command, answered OK.

mod common;

use std::process::{Command, Stdio};

use common::*;

/// `tencent-webhook <args>` with the token in the environment: its exit code
/// and stdout.
fn tencent_webhook(args: &[&str]) -> (Option<i32>, String) {
    let output = Command::new(BIN)
        .args(args)
        .env("TENCENT_WEBHOOK_TOKEN", TOKEN)
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs");
    (
        output.status.code(),
        String::from_utf8(output.stdout).expect("UTF-8"),
    )
}

#[test]
fn every_sample_sent_reaches_listen_as_its_command() {
    let listener = Listener::start(&["--json"], Some(TOKEN));
    let url = format!("http://{}{PATH}", listener.address);
    let (code, list) = tencent_webhook(&["send", "--list"]);
    assert_eq!(code, Some(0));
    let names: Vec<(&str, &str)> = list
        .lines()
        .map(|line| {
            let (name, command) = line.split_once(' ').expect("a name and its command");
            (name, command.trim())
        })
        .collect();
    // The tables' 77 spellings, less the second name of one command.
    assert_eq!(names.len(), 76, "{list}");

    for (name, command) in &names {
        let (code, output) = tencent_webhook(&["send", "--url", &url, "--event", name]);
        assert_eq!(code, Some(0), "{name}: {output}");
        assert!(output.contains("HTTP 200"), "{name}: {output}");
        let line = listener.json_line();
        assert_eq!(line["command"], *command, "{name}: {line}");
        assert_eq!(line["answer"]["ActionStatus"], "OK", "{name}: {line}");
    }

    // A receiver that refuses: the sender says so with its exit code.
    let (code, output) = tencent_webhook(&["send", "--url", &url, "--app-id", "5"]);
    assert_eq!(code, Some(1), "{output}");
    assert!(
        output.contains("HTTP 403") && output.contains("1003"),
        "{output}"
    );
}

/// Load through `listen`: every request answered, the summary's counts exact.
#[test]
fn a_load_of_gifts_is_decided_and_summed_up() {
    let listener = Listener::start(&["--reject-gifts-over", "0"], Some(TOKEN));
    let url = format!("http://{}{PATH}", listener.address);
    let (code, output) = tencent_webhook(&[
        "send",
        "--url",
        &url,
        "--event",
        "gift-sending",
        "--count",
        "40",
        "--concurrency",
        "4",
        "--expect",
        "reject",
    ]);
    assert_eq!(code, Some(0), "{output}");
    assert!(output.contains("40 webhooks"), "{output}");
    let (code, output) = tencent_webhook(&[
        "send",
        "--url",
        &url,
        "--event",
        "gift-sending",
        "--expect",
        "allow",
    ]);
    assert_eq!(
        code,
        Some(1),
        "a reject is not the allow expected: {output}"
    );
}
