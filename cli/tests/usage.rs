//! The command line itself: every `--help`, `--version`, bad usage (exit 2),
//! and `sign` (its signature checked with this test's own SHA-256).

mod common;

use common::{now_seconds, sha256_hex, tool};

/// The long options a help text lists (`--name` at the start of a line).
fn options(help: &str) -> Vec<String> {
    help.lines()
        .filter_map(|line| {
            // An option's own line is indented by 2 (with a short flag) or
            // 6; its wrapped help text, which may start with `--`, deeper.
            if line.len() - line.trim_start().len() > 6 {
                return None;
            }
            let line = line.trim_start();
            let line = line.split_once(", ").map_or(line, |(short, long)| {
                if short.starts_with('-') && !short.starts_with("--") {
                    long
                } else {
                    line
                }
            });
            let name = line.strip_prefix("--")?;
            let end = name
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                .unwrap_or(name.len());
            Some(name[..end].to_owned())
        })
        .collect()
}

/// Each option's help text: the lines after its own, up to the next option.
fn described(help: &str, option: &str) -> String {
    let mut text = String::new();
    let mut inside = false;
    for line in help.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("--") || trimmed.starts_with("-h") || trimmed.starts_with("-V") {
            inside = options(line).first().is_some_and(|name| name == option);
            continue;
        }
        if inside {
            text.push_str(trimmed);
            text.push(' ');
        }
    }
    text.trim().to_owned()
}

fn help(args: &[&str]) -> String {
    let run = tool(args, None);
    assert_eq!(run.code, Some(0), "{args:?}: {}", run.stderr);
    assert!(!run.stdout.trim().is_empty(), "{args:?} printed nothing");
    run.stdout
}

/// Asserts that the help `text` lists every one of `expected` (long options,
/// without their `--`) and has a help text for each option it lists; the
/// options it lists.
fn assert_describes_each_option(text: &str, expected: &[&str]) -> Vec<String> {
    let listed = options(text);
    for option in expected {
        assert!(
            listed.iter().any(|name| name == option),
            "--{option} missing:\n{text}"
        );
    }
    for option in &listed {
        assert!(
            !described(text, option).is_empty(),
            "--{option} has no help text"
        );
    }
    listed
}

#[test]
fn the_tools_help_names_every_subcommand() {
    for flag in ["--help", "-h"] {
        let text = help(&[flag]);
        for subcommand in ["send", "listen", "replay", "sign"] {
            let line = text
                .lines()
                .find(|line| line.trim_start().starts_with(&format!("{subcommand} ")))
                .unwrap_or_else(|| panic!("{flag}: no line for {subcommand}:\n{text}"));
            assert!(
                line.split_whitespace().count() > 2,
                "{subcommand} has no description"
            );
        }
    }
    assert!(help(&["--help"]).contains("TENCENT_WEBHOOK_TOKEN"));
    let text = help(&["help", "send"]);
    assert!(text.contains("--expect"));
}

#[test]
fn sends_help_describes_each_of_its_options() {
    let text = help(&["send", "--help"]);
    let listed = assert_describes_each_option(
        &text,
        &[
            "url",
            "app-id",
            "token-file",
            "token",
            "event",
            "file",
            "command",
            "list",
            "count",
            "concurrency",
            "timeout",
            "expect",
            "help",
            "version",
        ],
    );
    // How --expect reads each decision is spelled out.
    for word in [
        "ok ", "allow ", "reject ", "discard ", "modify ", "partial ", "code=N ",
    ] {
        assert!(
            text.contains(&format!("\n  {word}")),
            "{word} is not explained:\n{text}"
        );
    }
    // The short help lists the same options.
    assert_eq!(options(&help(&["send", "-h"])), listed);
}

#[test]
fn signs_help_describes_each_of_its_options() {
    let text = help(&["sign", "--help"]);
    assert_describes_each_option(
        &text,
        &[
            "token-file",
            "token",
            "time",
            "query",
            "app-id",
            "command",
            "help",
            "version",
        ],
    );
}

#[test]
fn listens_and_replays_help_describes_each_of_their_options() {
    for (subcommand, expected) in [
        (
            "listen",
            &[
                "host",
                "port",
                "path",
                "app-id",
                "token-file",
                "token",
                "public",
                "json",
                "reject-gifts-over",
                "discard-words",
                "fail",
                "deadline-ms",
                "store",
                "help",
                "version",
            ][..],
        ),
        (
            "replay",
            &[
                "url",
                "token-file",
                "token",
                "from",
                "sqlite",
                "database-url",
                "command",
                "since",
                "until",
                "key",
                "concurrency",
                "dry-run",
                "include-truncated",
                "help",
                "version",
            ][..],
        ),
    ] {
        let text = help(&[subcommand, "--help"]);
        assert!(
            text.contains(&format!("tencent-webhook {subcommand}")),
            "{text}"
        );
        let listed = assert_describes_each_option(&text, expected);
        assert_eq!(options(&help(&[subcommand, "-h"])), listed, "{subcommand}");
    }
}

#[test]
fn version_prints_the_version() {
    let run = tool(&["--version"], None);
    assert_eq!(run.code, Some(0));
    assert_eq!(
        run.stdout.trim(),
        format!("tencent-webhook {}", env!("CARGO_PKG_VERSION"))
    );
    let run = tool(&["send", "--version"], None);
    assert_eq!(run.code, Some(0));
    assert!(run.stdout.contains(env!("CARGO_PKG_VERSION")));
}

/// Runs `args`, which must be bad usage: exit 2, nothing on stdout, and a
/// message on stderr containing every one of `words`.
fn bad_usage(args: &[&str], words: &[&str]) {
    let run = tool(args, None);
    assert_eq!(run.code, Some(2), "{args:?}: {}", run.stderr);
    assert!(run.stdout.is_empty(), "{args:?}: {}", run.stdout);
    for word in words {
        assert!(
            run.stderr.contains(word),
            "{args:?}: no {word:?} in:\n{}",
            run.stderr
        );
    }
}

#[test]
fn bad_usage_exits_2_naming_the_problem() {
    let url = "http://127.0.0.1:9/tencent/callback";
    // `send --url URL <more>`.
    let send = |more: &[&'static str]| [&["send", "--url", url][..], more].concat();
    let cases: &[(Vec<&str>, &[&str])] = &[
        (send(&["--nope"]), &["unexpected argument '--nope'"]),
        (
            vec!["send", "--url"],
            &["a value is required for '--url <URL>'"],
        ),
        (
            vec!["send"],
            &["required arguments were not provided", "--url <URL>"],
        ),
        (
            send(&["--count", "0"]),
            &["'0' for '--count <N>'", "1 or more"],
        ),
        (send(&["--count", "x"]), &["'x' for '--count <N>'"]),
        (send(&["--concurrency", "0"]), &["'--concurrency <C>'"]),
        (
            send(&["--event", "battle-ended", "--file", "y"]),
            &["'--event <NAME>' cannot be used with '--file <PATH>'"],
        ),
        (
            send(&["--event", "x", "--file", "y"]),
            &["cannot be used with"],
        ),
        (send(&["--event", "nope"]), &["--event nope", "--list"]),
        (send(&["--expect", "maybe"]), &["'maybe' for '--expect"]),
        (send(&["--expect", "code=x"]), &["code=x"]),
        (
            send(&["--token", "a", "--token-file", "b"]),
            &["cannot be used with"],
        ),
        (
            vec!["send", "--url", "https://example.com/cb"],
            &["https is not supported"],
        ),
        (
            vec!["send", "--url", "not a url"],
            &["'not a url' for '--url <URL>'"],
        ),
        (vec!["sned"], &["unrecognized subcommand 'sned'"]),
        (vec![], &["Usage: tencent-webhook"]),
        (
            vec!["sign", "--query", "a=1", "--app-id", "3"],
            &["cannot be used with"],
        ),
    ];
    for (args, words) in cases {
        bad_usage(args, words);
    }
}

#[test]
fn sign_prints_tencents_query_signed_at_the_time_given() {
    let token = Some("xxxxyyyy");
    let run = tool(&["sign", "--time", "1669872112"], token);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let sign = sha256_hex("xxxxyyyy1669872112");
    assert_eq!(
        run.stdout,
        format!(
            "SdkAppid=1400000001&CallbackCommand=Live.CallbackAfterEndBattle&contenttype=json\
             &ClientIP=127.0.0.1&OptPlatform=RESTAPI&RequestTime=1669872112&Sign={sign}\n"
        )
    );
    // The time in words, long stale.
    assert!(
        run.stderr.contains("RequestTime 1669872112 is "),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains(" ago: outside"), "{}", run.stderr);
    assert!(!run.stderr.contains("xxxxyyyy") && !run.stdout.contains("xxxxyyyy"));

    let run = tool(
        &[
            "sign",
            "--time",
            "1700000000",
            "--app-id",
            "42",
            "--command",
            "C2C.CallbackAfterSendMsg",
        ],
        token,
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run
        .stdout
        .starts_with("SdkAppid=42&CallbackCommand=C2C.CallbackAfterSendMsg&"));
    assert!(run.stdout.ends_with(&format!(
        "&RequestTime=1700000000&Sign={}\n",
        sha256_hex("xxxxyyyy1700000000")
    )));
}

#[test]
fn sign_replaces_a_received_querys_signature_and_keeps_the_rest_in_order() {
    let directory = tempfile::tempdir().expect("a directory");
    let file = directory.path().join("token");
    std::fs::write(&file, "file-token\n").expect("written");
    let received = "http://127.0.0.1:3000/tencent/callback?SdkAppid=1400000001&Sign=0123abcd&CallbackCommand=Live.CallbackBeforeSendGift\
                    &RequestTime=1&ClientIP=10.0.0.1&OptPlatform=Web";
    let run = tool(
        &[
            "sign",
            "--token-file",
            file.to_str().expect("UTF-8"),
            "--time",
            "1700000001",
            "--query",
            received,
        ],
        None,
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(
        run.stdout,
        format!(
            "SdkAppid=1400000001&CallbackCommand=Live.CallbackBeforeSendGift&ClientIP=10.0.0.1\
             &OptPlatform=Web&RequestTime=1700000001&Sign={}\n",
            sha256_hex("file-token1700000001")
        )
    );
}

#[test]
fn sign_defaults_to_now_and_says_so() {
    let before = now_seconds();
    let run = tool(&["sign", "--token", "option-token"], None);
    let after = now_seconds();
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let query = run.stdout.trim_end();
    assert_eq!(run.stdout.lines().count(), 1);
    let time = query
        .split('&')
        .find_map(|pair| pair.strip_prefix("RequestTime="))
        .expect("a RequestTime");
    let seconds: u64 = time.parse().expect("Unix seconds");
    assert!((before..=after).contains(&seconds));
    assert!(query.ends_with(&format!(
        "&Sign={}",
        sha256_hex(&format!("option-token{time}"))
    )));
    assert!(
        run.stderr.contains("--token lands in your shell history"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains(": within the layer's default tolerance"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("option-token"));
}

/// Without a token, `sign` has nothing to sign with: bad usage, exit 2
/// (the token is a required input, only from more places than clap sees).
#[test]
fn sign_without_a_token_is_bad_usage() {
    bad_usage(
        &["sign"],
        &[
            "a token is required",
            "TENCENT_WEBHOOK_TOKEN",
            "--token-file",
        ],
    );
    let directory = tempfile::tempdir().expect("a directory");
    let empty = directory.path().join("empty");
    std::fs::write(&empty, "\n").expect("written");
    let empty = empty.to_str().expect("UTF-8");
    bad_usage(
        &["sign", "--token-file", empty],
        &[&format!("the token file {empty} is empty")],
    );
    // A token file that cannot be read is a failure, not usage: exit 1, naming it.
    let missing = directory.path().join("missing");
    let missing = missing.to_str().expect("UTF-8");
    let run = tool(&["sign", "--token-file", missing], None);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.contains(&format!("--token-file {missing}")),
        "{}",
        run.stderr
    );
}
