//! `tencent-webhook send` against `tencent-webhook listen`, both the binary
//! cargo built, over loopback: every name `send --list` prints is sent once,
//! signed, and `listen` prints it as that command, answered OK.

mod common;

use common::*;

/// `tencent-webhook send --url URL <args>` with the token.
fn send(url: &str, args: &[&str]) -> Run {
    tool(&[&["send", "--url", url][..], args].concat(), Some(TOKEN))
}

#[test]
fn every_sample_sent_reaches_listen_as_its_command() {
    let listener = Listener::start(&["--json"], Some(TOKEN));
    let url = listener.url();
    let listed = tool(&["send", "--list"], Some(TOKEN));
    assert_eq!(listed.code, Some(0));
    let list = &listed.stdout;
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
        let Run { code, stdout, .. } = send(&url, &["--event", name]);
        assert_eq!(code, Some(0), "{name}: {stdout}");
        assert!(stdout.contains("HTTP 200"), "{name}: {stdout}");
        let line = listener.json_line();
        assert_eq!(line["command"], *command, "{name}: {line}");
        assert_eq!(line["answer"]["ActionStatus"], "OK", "{name}: {line}");
    }

    // A receiver that refuses: the sender says so with its exit code.
    let Run { code, stdout, .. } = send(&url, &["--app-id", "5"]);
    assert_eq!(code, Some(1), "{stdout}");
    assert!(
        stdout.contains("HTTP 403") && stdout.contains("1003"),
        "{stdout}"
    );
}

/// Load through `listen`: every request answered, the summary's counts exact.
#[test]
fn a_load_of_gifts_is_decided_and_summed_up() {
    let listener = Listener::start(&["--reject-gifts-over", "0"], Some(TOKEN));
    let url = listener.url();
    let gifts = |args: &[&str]| send(&url, &[&["--event", "gift-sending"][..], args].concat());
    let Run { code, stdout, .. } =
        gifts(&["--count", "40", "--concurrency", "4", "--expect", "reject"]);
    assert_eq!(code, Some(0), "{stdout}");
    assert!(stdout.contains("40 webhooks"), "{stdout}");
    let Run { code, stdout, .. } = gifts(&["--expect", "allow"]);
    assert_eq!(
        code,
        Some(1),
        "a reject is not the allow expected: {stdout}"
    );
}
