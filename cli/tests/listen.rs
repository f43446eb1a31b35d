//! `tencent-webhook listen`, run as a process: the binary cargo built, on a
//! port the OS chose (`--port 0`, read from its `listening on` line), sent
//! webhooks over loopback with a plain HTTP/1.1 client. Every wait has a
//! timeout; every child is killed when its test ends.

mod common;

use std::collections::{HashMap, HashSet};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::thread;
use std::time::{Duration, Instant};

use common::*;
use serde_json::{json, Value};
use tencent_live_webhook::{IdempotencyKey, KeyStrength, TencentEvent};

#[test]
fn a_sample_is_answered_ok_and_printed_readably() {
    let listener = Listener::start(&[], None);
    assert!(
        listener
            .preamble
            .iter()
            .any(|line| line.contains("signatures are not checked")),
        "without a token, start-up says so: {:?}",
        listener.preamble
    );
    let battle = sample("BattleEnded");
    let (_, status, answer) = listener.send(&battle, None);
    assert_eq!((status, answer), (200, ok_ack()));
    let line = listener.line();
    assert!(line.contains("Live.CallbackAfterEndBattle"), "{line}");
    let TencentEvent::BattleEnded(ended) = &battle else {
        unreachable!()
    };
    assert!(
        line.contains(&format!("BattleId={}", ended.battle_id)),
        "{line}"
    );
    assert!(line.contains("-> ok"), "{line}");
    assert!(!line.contains("inbox"), "no store, no inbox: {line}");

    let gift = sample("GiftSending");
    let (_, status, answer) = listener.send(&gift, None);
    assert_eq!((status, answer), (200, ok_ack()));
    let line = listener.line();
    assert!(line.contains("Live.CallbackBeforeSendGift"), "{line}");
    assert!(line.contains("-> allow"), "{line}");
}

/// Every command's sample, signed, sent once and then again: answered OK
/// with its acknowledgement or allow decision, one JSON line each, and the
/// inbox keyed as `IdempotencyKey` says.
#[test]
fn every_sample_is_answered_printed_and_stored() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("listen.sqlite3");
    let store_arg = store.to_str().unwrap();
    let listener = Listener::start(&["--json", "--store", store_arg], Some(TOKEN));
    let samples = TencentEvent::samples();

    let mut bodies: HashMap<String, Vec<u8>> = HashMap::new();
    let mut keys = HashSet::new();
    let mut keyed = 0;
    let mut unkeyed = 0;
    for round in 0..2 {
        for event in &samples {
            let command = event.callback_command();
            let (body, status, answer) = listener.send(event, Some(TOKEN));
            assert_eq!(status, 200, "{command}: {answer}");
            assert_eq!(answer["ActionStatus"], "OK", "{command}: {answer}");
            assert_eq!(answer["ErrorCode"], 0, "{command}: {answer}");

            let key = IdempotencyKey::new(command, &body);
            let new = match key.as_str() {
                Some(key) => keys.insert(key.to_owned()),
                None => true,
            };
            if round == 0 {
                let earlier = bodies.insert(command.to_owned(), body.clone());
                assert!(earlier.is_none(), "one sample per command: {command}");
                if key.strength() == KeyStrength::None {
                    unkeyed += 1;
                } else {
                    keyed += 1;
                }
            }

            let line = listener.json_line();
            assert_eq!(line["command"], command, "{line}");
            assert_eq!(line["answer"], answer, "{line}");
            assert_eq!(line["key"], json!(key.as_str()), "{line}");
            assert_eq!(line["strength"], key.strength().as_str(), "{line}");
            assert!(
                line["decision"] == "ok" || line["decision"] == "allow",
                "{line}"
            );
            assert_eq!(line["inbox"], if new { "new" } else { "already" }, "{line}");
            assert!(line["event"].is_object(), "{line}");
        }
        let rows = count(&store, "SELECT count(*) FROM inbox");
        let expected = keys.len() as i64 + (round + 1) * unkeyed;
        assert_eq!(rows, expected, "round {round}");
    }
    assert_eq!(keyed + unkeyed, samples.len() as i64);
    assert!(keyed > 0 && unkeyed > 0, "both kinds are exercised");

    for InboxRow {
        command,
        query: stored_query,
        body,
        key,
        strength,
    } in inbox_rows(&store)
    {
        assert_eq!(
            Some(&body),
            bodies.get(&command),
            "{command}: the body as sent"
        );
        assert_eq!(
            stored_query,
            query(&command, None),
            "{command}: no signature"
        );
        assert!(
            stored_query
                .split('&')
                .all(|pair| !pair.starts_with("Sign=") && !pair.starts_with("RequestTime=")),
            "{stored_query}"
        );
        let expected = IdempotencyKey::new(&command, &body);
        assert_eq!(key.as_deref(), expected.as_str(), "{command}");
        assert_eq!(strength, expected.strength().as_str(), "{command}");
    }
    assert_eq!(count(&store, "SELECT count(*) FROM dead_letters"), 0);
    // The token is never printed.
    assert!(listener.stdout.try_iter().all(|line| !line.contains(TOKEN)));
}

#[test]
fn the_rules_decide_gifts_and_messages() {
    let listener = Listener::start(
        &[
            "--json",
            "--reject-gifts-over",
            "100",
            "--discard-words",
            "Spam,scam",
        ],
        None,
    );
    let gift = |count: u64, coins: u64| {
        json!({"CallbackCommand": "Live.CallbackBeforeSendGift", "Operator_Account": "op",
               "RoomId": "room-1", "GiftWater": {"From_Account": "from", "To_Account": ["to"],
               "Time": 1703589922, "GiftId": "rose", "Count": count, "Coins": coins}})
    };
    let room_message = |text: &str| {
        json!({"CallbackCommand": "Group.CallbackBeforeSendMsg", "GroupId": "@TGS#1",
               "Type": "Live", "From_Account": "jared", "Random": 1,
               "MsgBody": [{"MsgType": "TIMTextElem", "MsgContent": {"Text": text}}]})
    };
    let c2c_message = |text: &str| {
        json!({"CallbackCommand": "C2C.CallbackBeforeSendMsg", "From_Account": "jared",
               "To_Account": "jonh", "MsgSeq": 1, "MsgRandom": 2, "MsgTime": 1557481126,
               "MsgKey": "1_2_1557481126",
               "MsgBody": [{"MsgType": "TIMTextElem", "MsgContent": {"Text": text}}]})
    };
    let allow = json!({"ActionStatus": "OK", "ErrorInfo": "", "ErrorCode": 0});
    let reject = json!({"ActionStatus": "OK", "ErrorInfo": "", "ErrorCode": 1});
    let discard = json!({"ActionStatus": "OK", "ErrorInfo": "", "ErrorCode": 2});
    let cases = [
        ("gift over", gift(2, 51), &reject, "reject"),
        ("gift at the limit", gift(1, 100), &allow, "allow"),
        (
            "room message with a word",
            room_message("no SPAM here"),
            &discard,
            "discard",
        ),
        (
            "room message without",
            room_message("hello"),
            &allow,
            "allow",
        ),
        (
            "c2c message with a word",
            c2c_message("a scam!"),
            &reject,
            "reject",
        ),
        ("c2c message without", c2c_message("hello"), &allow, "allow"),
    ];
    for (case, body, answer, decision) in cases {
        let command = body["CallbackCommand"].as_str().unwrap();
        let body = serde_json::to_vec(&body).unwrap();
        let (status, got) = listener.post(&query(command, None), &body);
        assert_eq!((status, &got), (200, answer), "{case}");
        let line = listener.json_line();
        assert_eq!(line["command"], command, "{case}: {line}");
        assert_eq!(&line["answer"], answer, "{case}: {line}");
        assert_eq!(line["decision"], decision, "{case}: {line}");
        assert_eq!(
            line["why"].is_string(),
            decision != "allow",
            "{case}: {line}"
        );
    }
}

/// `--fail`: a FAIL answer, a `failed` dead letter and no inbox row; a body
/// the layer refuses: a `refused` dead letter with its ErrorCode.
#[test]
fn failures_and_refusals_are_dead_letters() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("letters.sqlite3");
    let store_arg = store.to_str().unwrap();
    let listener = Listener::start(
        &[
            "--json",
            "--store",
            store_arg,
            "--fail",
            "Live.CallbackAfterEndBattle",
        ],
        None,
    );

    let (body, status, answer) = listener.send(&sample("BattleEnded"), None);
    assert_eq!(status, 500, "{answer}");
    assert_eq!(answer["ActionStatus"], "FAIL");
    assert_eq!(answer["ErrorCode"], 4001);
    // The event's line (printed with its answer) and the letter's, in
    // either order.
    let (first, second) = (listener.json_line(), listener.json_line());
    let (line, letter) = if first.get("dead_letter").is_some() {
        (second, first)
    } else {
        (first, second)
    };
    assert_eq!(line["decision"], "fail", "{line}");
    assert_eq!(line["answer"], answer, "{line}");
    assert_eq!(line["inbox"], Value::Null, "{line}");
    assert_eq!(letter["command"], "Live.CallbackAfterEndBattle", "{letter}");
    assert_eq!(letter["dead_letter"]["reason"], "failed", "{letter}");
    assert_eq!(letter["stored"], true, "{letter}");
    // Printed once stored: the row is there.
    assert_eq!(count(&store, "SELECT count(*) FROM inbox"), 0);
    let connection = rusqlite::Connection::open(&store).unwrap();
    let (reason, code, stored): (String, Option<i64>, Vec<u8>) = connection
        .query_row(
            "SELECT reason, error_code, body FROM dead_letters WHERE command = 'Live.CallbackAfterEndBattle'",
            [],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .unwrap();
    assert_eq!((reason.as_str(), code), ("failed", None));
    assert_eq!(stored, body);

    // Another command is handled and stored.
    let (_, status, answer) = listener.send(&sample("BattleStarted"), None);
    assert_eq!((status, answer), (200, ok_ack()));
    assert_eq!(listener.json_line()["inbox"], "new");
    assert_eq!(count(&store, "SELECT count(*) FROM inbox"), 1);

    // Refused by the layer: a missing identity field, then not JSON.
    for (body, code) in [
        (
            &br#"{"CallbackCommand":"Live.CallbackAfterStartBattle"}"#[..],
            3005,
        ),
        (&b"not json"[..], 3004),
    ] {
        let (status, answer) = listener.post(&query("Live.CallbackAfterStartBattle", None), body);
        assert_eq!(
            (status, &answer["ErrorCode"]),
            (400, &json!(code)),
            "{answer}"
        );
        let letter = listener.json_line();
        assert_eq!(letter["dead_letter"]["reason"], "refused", "{letter}");
        assert_eq!(letter["dead_letter"]["error_code"], code, "{letter}");
        assert_eq!(letter["body"], String::from_utf8_lossy(body).as_ref());
        let rows = count(
            &store,
            &format!("SELECT count(*) FROM dead_letters WHERE reason = 'refused' AND error_code = {code}"),
        );
        assert_eq!(rows, 1, "{code}");
    }
    assert_eq!(count(&store, "SELECT count(*) FROM dead_letters"), 3);
    assert_eq!(count(&store, "SELECT count(*) FROM inbox"), 1);
}

#[test]
fn a_token_requires_the_signature() {
    let listener = Listener::start(&["--json"], Some(TOKEN));
    assert!(
        listener
            .preamble
            .iter()
            .all(|line| !line.contains("not checked")),
        "{:?}",
        listener.preamble
    );
    let battle = &TencentEvent::samples()[0];
    let body = serde_json::to_vec(battle).unwrap();
    let command = battle.callback_command();

    let (status, answer) = listener.post(&query(command, None), &body);
    assert_eq!(
        (status, &answer["ErrorCode"]),
        (401, &json!(2001)),
        "{answer}"
    );
    let (status, answer) = listener.post(&query(command, Some("another token")), &body);
    assert_eq!(
        (status, &answer["ErrorCode"]),
        (401, &json!(2004)),
        "{answer}"
    );
    let (status, answer) = listener.post(&query(command, Some(TOKEN)), &body);
    assert_eq!((status, answer), (200, ok_ack()));
    // Only the signed one reached the handler.
    assert_eq!(listener.json_line()["command"], command);
    assert!(listener.stdout.try_recv().is_err());
}

#[test]
fn outside_loopback_needs_public() {
    for host in ["0.0.0.0", "::", "192.0.2.1"] {
        let run = tool(&["listen", "--port", "0", "--host", host], None);
        let stderr = &run.stderr;
        assert_eq!(run.code, Some(2), "{host}: {stderr}");
        assert!(stderr.contains("--public"), "{host}: {stderr}");
        assert!(!stderr.contains("listening on"), "{host}: {stderr}");
    }
    // Loopback is all of 127.0.0.0/8.
    let listener = Listener::start(&["--host", "127.0.0.2"], None);
    assert!(
        listener.address.starts_with("127.0.0.2:"),
        "{}",
        listener.address
    );
    let listener = Listener::start(&["--host", "0.0.0.0", "--public"], None);
    assert!(
        listener.address.starts_with("0.0.0.0:"),
        "{}",
        listener.address
    );
}

#[test]
fn bad_options_exit_2() {
    for args in [
        &["--path", "no-slash"][..],
        &["--port", "65536"],
        &["--host", "localhost"],
        &["--reject-gifts-over", "-1"],
    ] {
        let run = tool(&[&["listen"][..], args].concat(), None);
        assert_eq!(run.code, Some(2), "{args:?}: {}", run.stderr);
    }
}

#[test]
fn sigterm_ends_it_with_0() {
    Listener::start(&[], None).stop();
}

/// A webhook in flight when SIGTERM comes is still answered and stored:
/// `listen` stops accepting, then waits for it (at most 5 s) before it exits.
#[test]
fn sigterm_lets_the_webhook_in_flight_finish() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store.sqlite3");
    let mut listener = Listener::start(&["--store", store.to_str().unwrap()], None);
    let event = sample("BattleEnded");
    let body = serde_json::to_vec(&event).unwrap();
    let mut stream = TcpStream::connect(&listener.address).unwrap();
    stream.set_read_timeout(Some(WAIT)).unwrap();
    let head = format!(
        "POST {PATH}?{} HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n",
        query(event.callback_command(), None),
        listener.address,
        body.len()
    );
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(&body[..10]).unwrap();

    listener.terminate();
    // Shutting down: it takes no new connection.
    let deadline = Instant::now() + WAIT;
    while TcpStream::connect(&listener.address).is_ok() {
        assert!(Instant::now() < deadline, "still accepting after SIGTERM");
        thread::sleep(Duration::from_millis(20));
    }
    // The rest of the body: answered, stored, and then it exits with 0.
    stream.write_all(&body[10..]).unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(
        response.ends_with(tencent_live_webhook::testing::fixtures::OK_ACK),
        "{response}"
    );
    assert_eq!(wait(&mut listener.child).code(), Some(0));
    assert_eq!(count(&store, "SELECT COUNT(*) FROM inbox"), 1);
}
