//! `tencent-webhook send`, the real binary, against a receiver inside the
//! test that records every request and answers what the test says.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::Ordering;
use std::sync::Arc;

use common::receiver::{Receiver, Seen, FAIL};
use common::{now_seconds, sha256_hex, tool_async, Run};
use tencent_live_webhook::testing::fixtures::OK_ACK;
use tencent_live_webhook::TencentEvent;
use tokio::net::TcpListener;

async fn send(url: &str, args: &[&str]) -> Run {
    let mut all = vec!["send", "--url", url];
    all.extend_from_slice(args);
    tool_async(&all, None).await
}

/// Every sample, by the name `--list` should give it: the type's name in
/// kebab case (written here again, as the oracle).
fn samples() -> BTreeMap<String, TencentEvent> {
    TencentEvent::samples()
        .into_iter()
        .map(|event| {
            let mut name = String::new();
            for letter in event.name().chars() {
                if letter.is_ascii_uppercase() && !name.is_empty() {
                    name.push('-');
                }
                name.push(letter.to_ascii_lowercase());
            }
            (name, event)
        })
        .collect()
}

fn sample(name: &str) -> TencentEvent {
    samples()
        .remove(name)
        .unwrap_or_else(|| panic!("no sample {name}"))
}

fn json_of(event: &TencentEvent) -> String {
    serde_json::to_string(event).expect("a sample serialises")
}

/// The summary's count lines: (count, what), e.g. (4, "HTTP 500, ErrorCode 1").
fn summary_counts(stdout: &str) -> Vec<(u64, String)> {
    stdout
        .lines()
        .filter_map(|line| {
            let line = line.trim_start();
            let (count, rest) = line.split_once("  ")?;
            Some((count.parse().ok()?, rest.trim().to_owned()))
        })
        .collect()
}

/// The total on the summary's first line, "N webhooks in ...".
fn summary_total(stdout: &str) -> u64 {
    stdout
        .lines()
        .find_map(|line| line.split_once(" webhooks in "))
        .and_then(|(count, _)| count.trim().parse().ok())
        .unwrap_or_else(|| panic!("no total in the summary:\n{stdout}"))
}

#[tokio::test]
async fn sends_the_sample_as_json_with_tencents_query_and_prints_the_answer() {
    let receiver = Receiver::ok().await;
    let run = send(
        &receiver.url,
        &["--event", "gift-sending", "--app-id", "1400000042"],
    )
    .await;
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let seen = receiver.seen();
    assert_eq!(seen.len(), 1);
    let request = &seen[0];
    assert_eq!(request.method, "POST");
    assert_eq!(request.path, "/tencent/callback");
    assert_eq!(request.body, json_of(&sample("gift-sending")));
    assert_eq!(request.get("SdkAppid").as_deref(), Some("1400000042"));
    assert_eq!(request.command(), "Live.CallbackBeforeSendGift");
    assert_eq!(request.get("Sign"), None, "no token, no signature");
    assert_eq!(request.get("RequestTime"), None);
    // The single answer itself, then the summary.
    let mut lines = run.stdout.lines();
    assert_eq!(lines.next(), Some("HTTP 200 OK"));
    assert_eq!(lines.next(), Some(OK_ACK));
    assert_eq!(summary_total(&run.stdout), 1);
    assert_eq!(
        summary_counts(&run.stdout),
        vec![(1, "HTTP 200, ErrorCode 0".to_owned())]
    );
}

#[tokio::test]
async fn the_default_and_the_aliases_are_the_battle_events() {
    let receiver = Receiver::ok().await;
    for args in [
        &[][..],
        &["--event", "end"],
        &["--event", "create"],
        &["--event", "start"],
    ] {
        let run = send(&receiver.url, args).await;
        assert_eq!(run.code, Some(0), "{args:?}: {}", run.stderr);
    }
    let commands: Vec<String> = receiver.seen().iter().map(Seen::command).collect();
    assert_eq!(
        commands,
        [
            "Live.CallbackAfterEndBattle",
            "Live.CallbackAfterEndBattle",
            "Live.CallbackAfterCreateBattle",
            "Live.CallbackAfterStartBattle"
        ]
    );
    assert_eq!(receiver.seen()[0].body, json_of(&sample("battle-ended")));
}

#[tokio::test]
async fn signs_with_the_token_from_the_environment_a_file_or_the_option() {
    let receiver = Receiver::ok().await;
    let directory = tempfile::tempdir().expect("a directory");
    let token_file = directory.path().join("token");
    std::fs::write(&token_file, "  file-token\n").expect("written");
    let token_file = token_file.to_str().expect("a UTF-8 path");

    let before = now_seconds();
    let from_env = tool_async(
        &["send", "--url", &receiver.url, "--event", "room-created"],
        Some("env-token"),
    )
    .await;
    let from_file = send(
        &receiver.url,
        &["--event", "room-created", "--token-file", token_file],
    )
    .await;
    let from_option = send(
        &receiver.url,
        &["--event", "room-created", "--token", "option-token"],
    )
    .await;
    let after = now_seconds();

    for run in [&from_env, &from_file, &from_option] {
        assert_eq!(run.code, Some(0), "{}", run.stderr);
        for token in ["env-token", "file-token", "option-token"] {
            assert!(!run.stdout.contains(token) && !run.stderr.contains(token));
        }
    }
    assert!(!from_env.stderr.contains("warning"));
    assert!(!from_file.stderr.contains("warning"));
    assert!(
        from_option
            .stderr
            .contains("--token lands in your shell history"),
        "{}",
        from_option.stderr
    );

    let seen = receiver.seen();
    assert_eq!(seen.len(), 3);
    for (request, token) in seen.iter().zip(["env-token", "file-token", "option-token"]) {
        let time = request.get("RequestTime").expect("a RequestTime");
        let seconds: u64 = time.parse().expect("Unix seconds");
        assert!(
            (before..=after).contains(&seconds),
            "{seconds} not in {before}..={after}"
        );
        assert_eq!(
            request.get("Sign"),
            Some(sha256_hex(&format!("{token}{time}")))
        );
        assert_eq!(request.get("SdkAppid").as_deref(), Some("1400000001"));
        assert_eq!(request.command(), "Live.CallbackAfterCreateRoom");
    }
}

#[tokio::test]
async fn every_listed_sample_is_sent_once_as_the_crates_json() {
    let listed = tool_async(&["send", "--list"], None).await;
    assert_eq!(listed.code, Some(0), "{}", listed.stderr);
    let samples = samples();
    let mut names = Vec::new();
    for line in listed.stdout.lines() {
        let mut words = line.split_whitespace();
        let (Some(name), Some(command), None) = (words.next(), words.next(), words.next()) else {
            panic!("not `name command`: {line:?}");
        };
        let event = samples
            .get(name)
            .unwrap_or_else(|| panic!("{name}: no such sample"));
        assert_eq!(command, event.callback_command(), "{name}");
        // Aligned: every command starts in the same column.
        assert_eq!(
            line.find(command),
            listed
                .stdout
                .lines()
                .next()
                .and_then(|first| { first.split_whitespace().nth(1).and_then(|c| first.find(c)) })
        );
        names.push(name.to_owned());
    }
    assert_eq!(names.len(), samples.len(), "--list names every sample");

    let receiver = Receiver::ok().await;
    for name in &names {
        let run = send(&receiver.url, &["--event", name]).await;
        assert_eq!(run.code, Some(0), "{name}: {}", run.stderr);
    }
    let seen = receiver.seen();
    assert_eq!(seen.len(), names.len());
    let mut per_command: BTreeMap<String, usize> = BTreeMap::new();
    for (request, name) in seen.iter().zip(&names) {
        let event = &samples[name];
        assert_eq!(request.command(), event.callback_command(), "{name}");
        assert_eq!(request.body, json_of(event), "{name}");
        *per_command.entry(request.command()).or_default() += 1;
    }
    assert_eq!(
        per_command.len(),
        names.len(),
        "each command once: {per_command:?}"
    );
}

#[tokio::test]
async fn count_and_concurrency_send_exactly_that_many_with_that_many_in_flight() {
    let receiver = Receiver::start_with(Arc::new(|_, _| (200, OK_ACK.to_owned())), 8).await;
    let run = send(
        &receiver.url,
        &[
            "--event",
            "message-sent",
            "--count",
            "50",
            "--concurrency",
            "8",
        ],
    )
    .await;
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(receiver.seen().len(), 50);
    assert_eq!(
        receiver.barrier_timed_out.load(Ordering::SeqCst),
        0,
        "8 were in flight at once"
    );
    assert_eq!(
        receiver.most_in_flight.load(Ordering::SeqCst),
        8,
        "never more than 8"
    );
    assert_eq!(summary_total(&run.stdout), 50);
    let counts = summary_counts(&run.stdout);
    assert_eq!(counts, vec![(50, "HTTP 200, ErrorCode 0".to_owned())]);
    assert!(run.stdout.contains("latency p50 "), "{}", run.stdout);
    assert!(
        !run.stdout.contains("HTTP 200 OK"),
        "no single answer printed for 50"
    );
}

#[tokio::test]
async fn fail_answers_exit_1_and_are_counted() {
    let receiver = Receiver::start(|arrival, _| {
        if arrival % 5 == 0 {
            (500, FAIL.to_owned())
        } else {
            (200, OK_ACK.to_owned())
        }
    })
    .await;
    let run = send(&receiver.url, &["--count", "20", "--concurrency", "3"]).await;
    assert_eq!(run.code, Some(1), "{}", run.stdout);
    assert_eq!(receiver.seen().len(), 20);
    let mut counts = summary_counts(&run.stdout);
    counts.sort();
    assert_eq!(
        counts,
        vec![
            (4, "HTTP 500, ErrorCode 1".to_owned()),
            (16, "HTTP 200, ErrorCode 0".to_owned())
        ]
    );
    assert_eq!(
        counts.iter().map(|(count, _)| count).sum::<u64>(),
        summary_total(&run.stdout)
    );
    assert!(
        run.stderr.contains("4 of 20 webhooks got no OK answer"),
        "{}",
        run.stderr
    );

    // A 200 with "ActionStatus":"FAIL" is not OK either.
    let receiver = Receiver::start(|_, _| (200, FAIL.to_owned())).await;
    let run = send(&receiver.url, &[]).await;
    assert_eq!(run.code, Some(1));
    assert!(run.stdout.starts_with("HTTP 200 OK\n"), "{}", run.stdout);
    assert!(run.stdout.contains(FAIL));
}

/// A receiver answering `body` to every webhook.
async fn answering(body: &'static str) -> Receiver {
    Receiver::start(move |_, _| (200, body.to_owned())).await
}

async fn expect(receiver: &Receiver, event: &str, expect: &str) -> Run {
    send(&receiver.url, &["--event", event, "--expect", expect]).await
}

/// Asserts, for each `(decision, code)`, that `--event event --expect
/// decision` against `receiver` exits with `code`.
async fn assert_expects(receiver: &Receiver, event: &str, cases: &[(&str, i32)]) {
    for (decision, code) in cases {
        let run = expect(receiver, event, decision).await;
        assert_eq!(
            run.code,
            Some(*code),
            "--event {event} --expect {decision}: {}",
            run.stderr
        );
    }
}

#[tokio::test]
async fn expect_reads_gift_decisions() {
    let rejected = answering(r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":1}"#).await;
    assert_expects(
        &rejected,
        "gift-sending",
        &[("reject", 0), ("ok", 0), ("code=1", 0)],
    )
    .await;
    for differing in ["allow", "code=0", "discard", "modify"] {
        let run = expect(&rejected, "gift-sending", differing).await;
        assert_eq!(run.code, Some(1), "{differing}");
        assert!(
            run.stderr.contains(&format!(
                "1 of 1 answers differ from --expect {differing}: 1 of sample gift-sending \
                 (Live.CallbackBeforeSendGift) answered reject (code 1)"
            )),
            "{differing}: {}",
            run.stderr
        );
    }
    let allowed = answering(OK_ACK).await;
    assert_expects(&allowed, "gift-sending", &[("allow", 0), ("reject", 1)]).await;
    // A refusal passed on to the sender is a reject too.
    let passed_on =
        answering(r#"{"ActionStatus":"OK","ErrorInfo":"poor","ErrorCode":102101}"#).await;
    assert_expects(
        &passed_on,
        "gift-sending",
        &[("reject", 0), ("code=102101", 0)],
    )
    .await;
}

#[tokio::test]
async fn expect_reads_room_and_c2c_message_decisions() {
    let dropped = answering(r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":2}"#).await;
    assert_expects(
        &dropped,
        "message-sending",
        &[("discard", 0), ("reject", 1)],
    )
    .await;
    // C2C has no silent drop: 2 is a refusal there.
    assert_expects(
        &dropped,
        "c2c-message-sending",
        &[("discard", 1), ("reject", 0)],
    )
    .await;

    let modified = answering(
        r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0,"MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"***"}}]}"#,
    )
    .await;
    assert_expects(&modified, "message-sending", &[("modify", 0)]).await;
    let run = expect(&modified, "message-sending", "allow").await;
    assert_eq!(run.code, Some(1));
    assert!(run.stderr.contains("answered modify"), "{}", run.stderr);

    let allowed = answering(OK_ACK).await;
    assert_expects(&allowed, "message-sending", &[("allow", 0), ("modify", 1)]).await;

    // An answer that is not OK matches nothing, not even its ErrorCode.
    let failed = Receiver::start(|_, _| (500, FAIL.to_owned())).await;
    let run = expect(&failed, "message-sending", "code=1").await;
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.contains("answered not OK (HTTP 500)"),
        "{}",
        run.stderr
    );
}

#[tokio::test]
async fn expect_reads_partial_friend_and_invite_decisions() {
    let friends = answering(
        r#"{"ActionStatus":"OK","ErrorCode":0,"ResultItem":[{"To_Account":"a","ResultCode":0},{"To_Account":"b","ResultCode":38001}]}"#,
    )
    .await;
    assert_expects(
        &friends,
        "friend-requested",
        &[("partial", 0), ("allow", 1)],
    )
    .await;
    let invite =
        answering(r#"{"ActionStatus":"OK","ErrorCode":0,"RefusedMembers_Account":["x"]}"#).await;
    assert_expects(&invite, "invite-requested", &[("partial", 0), ("allow", 1)]).await;
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
}

#[tokio::test]
async fn a_directory_sends_its_json_files_byte_for_byte_in_name_order() {
    let directory = tempfile::tempdir().expect("a directory");
    // Pretty-printed, with a trailing newline: sent as written, not re-encoded.
    let gift = serde_json::to_string_pretty(&sample("gift-sending")).expect("JSON") + "\n";
    let room = json_of(&sample("room-created"));
    write(&directory.path().join("b-gift.json"), &gift);
    write(&directory.path().join("a-room.json"), &room);
    write(&directory.path().join("notes.txt"), "not a webhook");
    std::fs::create_dir(directory.path().join("deeper")).expect("a subdirectory");
    write(&directory.path().join("deeper/c.json"), &room);
    let path = directory.path().to_str().expect("a UTF-8 path");

    let receiver = Receiver::ok().await;
    let run = send(&receiver.url, &["--file", path, "--count", "2"]).await;
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let seen = receiver.seen();
    let bodies: Vec<&[u8]> = seen.iter().map(|request| &request.body[..]).collect();
    assert_eq!(
        bodies,
        [
            room.as_bytes(),
            gift.as_bytes(),
            room.as_bytes(),
            gift.as_bytes()
        ]
    );
    let commands: Vec<String> = seen.iter().map(Seen::command).collect();
    assert_eq!(
        commands,
        [
            "Live.CallbackAfterCreateRoom",
            "Live.CallbackBeforeSendGift",
            "Live.CallbackAfterCreateRoom",
            "Live.CallbackBeforeSendGift"
        ]
    );
    assert_eq!(summary_total(&run.stdout), 4);

    // One file, its command overridden.
    let file = directory.path().join("a-room.json");
    let run = send(
        &receiver.url,
        &[
            "--file",
            file.to_str().expect("UTF-8"),
            "--command",
            "Live.CallbackAfterDestroyRoom",
        ],
    )
    .await;
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let last = receiver.seen().pop().expect("one more");
    assert_eq!(last.command(), "Live.CallbackAfterDestroyRoom");
    assert_eq!(last.body, room);
}

#[tokio::test]
async fn a_file_without_a_callback_command_needs_command() {
    let directory = tempfile::tempdir().expect("a directory");
    write(
        &directory.path().join("a.json"),
        &json_of(&sample("room-created")),
    );
    let bare = directory.path().join("b.json");
    write(&bare, r#"{"RoomId":"live_1"}"#);
    let path = directory.path().to_str().expect("a UTF-8 path");

    let receiver = Receiver::ok().await;
    let run = send(&receiver.url, &["--file", path]).await;
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr
            .contains(&format!("{}: no \"CallbackCommand\" in it", bare.display())),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--command"), "{}", run.stderr);
    assert!(
        receiver.seen().is_empty(),
        "nothing is sent when a file is wrong"
    );

    let run = send(
        &receiver.url,
        &["--file", path, "--command", "Live.CallbackAfterCreateRoom"],
    )
    .await;
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let seen = receiver.seen();
    assert_eq!(seen.len(), 2);
    assert!(seen
        .iter()
        .all(|request| request.command() == "Live.CallbackAfterCreateRoom"));
    assert_eq!(seen[1].body, r#"{"RoomId":"live_1"}"#);

    // A missing file is named too.
    let missing = directory.path().join("missing.json");
    let run = send(&receiver.url, &["--file", missing.to_str().expect("UTF-8")]).await;
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr.contains(&missing.display().to_string()),
        "{}",
        run.stderr
    );
}

#[tokio::test]
async fn connection_refused_exits_1_naming_the_url() {
    // A port that was free a moment ago, and is closed now.
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let url = format!(
        "http://{}/tencent/callback",
        listener.local_addr().expect("address")
    );
    drop(listener);
    let run = send(&url, &["--count", "3"]).await;
    assert_eq!(run.code, Some(1), "{}", run.stdout);
    assert!(
        run.stderr.contains(&format!("no answer: {url}")),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("3 of 3 webhooks got no OK answer"),
        "{}",
        run.stderr
    );
    assert_eq!(summary_total(&run.stdout), 3);
}
