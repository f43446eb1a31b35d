//! The `Live.CallbackAfterEndBattle` fixtures in
//! `tests/fixtures/Live.CallbackAfterEndBattle/`, decoded through the public
//! API: with `decode_json`, back out through `Serialize`, and through the
//! middleware in handler mode.
//!
//! Every fixture in that directory must be listed in [`VALID`] or
//! [`INVALID`]; `every_fixture_on_disk_is_listed` fails otherwise.

use std::collections::BTreeSet;
use std::convert::Infallible;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, UNIX_EPOCH};

use bytes::Bytes;
use http::{header, Request, Response, StatusCode};
use http_body_util::{BodyExt, Empty, Full};
use serde_json::Value;
use tencent_live_webhook::{
    decode_json, Ack, ActionStatus, BattleEnded, BattleRoom, BattleWebhookLayer, EndReason,
    RequestBody,
};
use tower::{service_fn, ServiceBuilder, ServiceExt};

mod fixture_files;
use fixture_files::{on_disk, values_in};

const COMMAND: &str = "Live.CallbackAfterEndBattle";
const APP_ID: u64 = 1400000001;
const URI: &str = "/cb?SdkAppid=1400000001&CallbackCommand=Live.CallbackAfterEndBattle\
                   &contenttype=json&ClientIP=127.0.0.1&OptPlatform=RESTAPI";
const OK_ACK: &str = r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}"#;

macro_rules! fixtures {
    ($dir:literal: $($name:literal),+ $(,)?) => {
        &[$((
            $name,
            include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/", $dir, $name)),
        )),+]
    };
}

/// Bodies the decoder must accept, by file name.
const VALID: &[(&str, &str)] = fixtures!["Live.CallbackAfterEndBattle/":
    "sample.json",
    "accounts_as_strings.json",
    "accounts_as_big_numbers.json",
    "op_type_0_time_up.json",
    "op_type_1_all_owners_exited.json",
    "op_type_2_never_started.json",
    "op_type_7_unknown.json",
    "unknown_fields_everywhere.json",
    "empty_to_room_list.json",
    "three_way_battle.json",
    "numbers_as_strings.json",
    "only_battle_id.json",
    "from_room_info_as_json_string.json",
    "nulls_as_absent.json",
];

/// Bodies the decoder must refuse, by file name under `invalid/`.
const INVALID: &[(&str, &str)] = fixtures!["Live.CallbackAfterEndBattle/invalid/":
    "doc_sample_as_printed.json",
    "json_array.json",
    "missing_battle_id.json",
    "start_battle_command.json",
    "fractional_score.json",
    "fractional_score_in_to_room_list.json",
    "negative_end_time.json",
    "from_room_info_string_not_an_object.json",
];

fn valid(name: &str) -> &'static str {
    VALID
        .iter()
        .find(|(file, _)| *file == name)
        .unwrap_or_else(|| panic!("no valid fixture {name}"))
        .1
}

fn decode(name: &str) -> BattleEnded {
    decode_json(COMMAND, valid(name).as_bytes())
        .unwrap_or_else(|rejection| panic!("{name}: {rejection}"))
}

fn room(room_id: &str, score: i64, owner_account: &str) -> BattleRoom {
    BattleRoom::new(room_id, score, owner_account)
}

/// What each valid fixture decodes to, every field spelled out.
fn expected(name: &str) -> BattleEnded {
    #[allow(clippy::too_many_arguments)]
    fn battle(
        battle_id: &str,
        duration_ms: u64,
        [create_time, start_time, end_time]: [u64; 3],
        reason: EndReason,
        from_room: BattleRoom,
        to_rooms: Vec<BattleRoom>,
        event_time_ms: u64,
    ) -> BattleEnded {
        let mut battle = BattleEnded::default();
        battle.battle_id = battle_id.to_owned();
        battle.duration_ms = Some(duration_ms);
        battle.create_time = Some(create_time);
        battle.start_time = Some(start_time);
        battle.end_time = Some(end_time);
        battle.reason = reason;
        battle.from_room = Some(from_room);
        battle.to_rooms = Some(to_rooms);
        battle.event_time_ms = Some(event_time_ms);
        battle
    }

    match name {
        "sample.json" => battle(
            "4siHsNsWN/T3aub9zKraqPfGQAimPhdFoe6VWhtz9lY=",
            30000,
            [1739956115, 1739956115, 1739956145],
            EndReason::TimeUp,
            room("pk-3", 0, "144115245353757792"),
            vec![room("pk-5", 0, "144115245442327522")],
            1739956146119,
        ),
        "accounts_as_strings.json" => battle(
            "q8Zr+Tn0Yw2Lk5pVb7Xc1mHd3sEf9gJa/UoIiRtQyWe=",
            60000,
            [1740000000, 1740000010, 1740000070],
            EndReason::TimeUp,
            room("live_10100015411", 88, "10100015411"),
            vec![room("system-room", 61, "@TIM#SYSTEM")],
            1740000070512,
        ),
        "accounts_as_big_numbers.json" => battle(
            "Bq1w2E3r4T5y6U7i8O9p0AsDfGhJkL/zXcVbNm+QwEr=",
            30000,
            [1740100000, 1740100002, 1740100032],
            EndReason::TimeUp,
            // 2^53 + 1: the first integer a double cannot hold.
            room("pk-above-2-53", 3, "9007199254740993"),
            vec![room("pk-u64-max", 4, "18446744073709551615")],
            1740100032999,
        ),
        "op_type_0_time_up.json" => battle(
            "T1m3Up0aaaaBBBBccccDDDDeeeeFFFFggggHHHHiiii=",
            300000,
            [1740200000, 1740200005, 1740200305],
            EndReason::TimeUp,
            room("room-a", 1200, "anchor-a"),
            vec![room("room-b", 950, "anchor-b")],
            1740200305040,
        ),
        "op_type_1_all_owners_exited.json" => battle(
            "Ex1tEdbbbbCCCCddddEEEEffffGGGGhhhhIIIIjjjj=",
            12000,
            [1740300000, 1740300003, 1740300015],
            EndReason::AllOwnersExited,
            room("room-c", 40, "anchor-c"),
            vec![room("room-d", 75, "anchor-d")],
            1740300015777,
        ),
        "op_type_2_never_started.json" => battle(
            "N3v3rSccccDDDDeeeeFFFFggggHHHHiiiiJJJJkkkk=",
            0,
            [1740400000, 0, 1740400010],
            EndReason::NeverStarted,
            room("room-e", 0, "anchor-e"),
            vec![room("room-f", 0, "anchor-f")],
            1740400010321,
        ),
        "op_type_7_unknown.json" => battle(
            "UnkN0wnddddEEEEffffGGGGhhhhIIIIjjjjKKKKllll=",
            45000,
            [1740500000, 1740500001, 1740500046],
            EndReason::Other(7),
            room("room-g", 9, "anchor-g"),
            vec![room("room-h", 9, "anchor-h")],
            1740500046005,
        ),
        "unknown_fields_everywhere.json" => battle(
            "3xtRaeeeeFFFFggggHHHHiiiiJJJJkkkkLLLLmmmm=",
            30000,
            [1740600000, 1740600000, 1740600030],
            EndReason::TimeUp,
            room("room-i", 31, "anchor-i"),
            vec![room("room-j", 30, "anchor-j")],
            1740600030123,
        ),
        "empty_to_room_list.json" => battle(
            "EmptYffffGGGGhhhhIIIIjjjjKKKKllllMMMMnnnn=",
            5000,
            [1740700000, 1740700000, 1740700005],
            EndReason::AllOwnersExited,
            room("room-k", 2, "anchor-k"),
            vec![],
            1740700005500,
        ),
        "three_way_battle.json" => battle(
            "3wAyggggHHHHiiiiJJJJkkkkLLLLmmmmNNNNoooo+/==",
            180000,
            [1740800000, 1740800020, 1740800200],
            EndReason::TimeUp,
            room("room-l", 120, "anchor-l"),
            vec![
                room("room-m", 450, "anchor-m"),
                room("room-n", 300, "144115245353757793"),
            ],
            1740800200250,
        ),
        "numbers_as_strings.json" => battle(
            "StR1nGhhhhIIIIjjjjKKKKllllMMMMnnnnOOOOpppp=",
            30000,
            [1740900000, 1740900001, 1740900031],
            EndReason::AllOwnersExited,
            room("room-o", 17, "anchor-o"),
            vec![room("room-p", -4, "anchor-p")],
            1740900031999,
        ),
        "only_battle_id.json" => {
            let mut battle = BattleEnded::default();
            battle.battle_id = "0nLyiiiiJJJJkkkkLLLLmmmmNNNNooooPPPPqqqq=".to_owned();
            battle
        }
        "from_room_info_as_json_string.json" => battle(
            "Fr0mStRjjjjKKKKllllMMMMnnnnOOOOppppQQQQ=",
            30000,
            [1741000000, 1741000000, 1741000030],
            EndReason::TimeUp,
            room("pk-3", 15, "144115245353757792"),
            vec![room("pk-5", 11, "144115245442327522")],
            1741000030456,
        ),
        "nulls_as_absent.json" => {
            // Every `null` is absent, and stays so.
            let mut battle = BattleEnded::default();
            battle.battle_id = "NuLLkkkkLLLLmmmmNNNNooooPPPPqqqqRRRRssss=".to_owned();
            battle.create_time = Some(1741100000);
            let mut from_room = BattleRoom::default();
            from_room.room_id = Some("room-q".to_owned());
            battle.from_room = Some(from_room);
            battle
        }
        other => panic!("no expected value for {other}"),
    }
}

fn winner_id(battle: &BattleEnded) -> Option<&str> {
    battle.winner().map(BattleRoom::room_id)
}

fn room_ids(battle: &BattleEnded) -> Vec<&str> {
    battle.rooms().map(BattleRoom::room_id).collect()
}

#[test]
fn every_fixture_on_disk_is_listed() {
    let listed = |table: &[(&str, &str)]| -> BTreeSet<String> {
        table.iter().map(|(name, _)| (*name).to_owned()).collect()
    };
    assert_eq!(on_disk(COMMAND), listed(VALID));
    assert_eq!(on_disk(&format!("{COMMAND}/invalid")), listed(INVALID));
}

#[test]
fn valid_fixtures_are_json() {
    for (name, body) in VALID {
        let value: Value =
            serde_json::from_str(body).unwrap_or_else(|error| panic!("{name}: {error}"));
        assert!(value.is_object(), "{name} is not an object");
    }
}

#[test]
fn every_valid_fixture_decodes_to_its_expected_value() {
    for (name, _) in VALID {
        assert_eq!(decode(name), expected(name), "{name}");
    }
}

#[test]
fn the_documented_sample() {
    let battle = decode("sample.json");
    assert_eq!(battle.reason, EndReason::TimeUp);
    assert_eq!(battle.duration(), Duration::from_secs(30));
    assert_eq!(
        battle
            .ended_at()
            .unwrap()
            .duration_since(battle.started_at().unwrap())
            .unwrap(),
        battle.duration(),
        "Duration is milliseconds, the times are seconds"
    );
    assert_eq!(
        battle.created_at(),
        Some(UNIX_EPOCH + Duration::from_secs(1739956115))
    );
    assert_eq!(
        battle.event_time(),
        Some(UNIX_EPOCH + Duration::from_millis(1739956146119))
    );
    assert_eq!(room_ids(&battle), ["pk-3", "pk-5"]);
    assert_eq!(winner_id(&battle), None, "0:0 is a draw");
}

#[test]
fn accounts_keep_every_character() {
    let strings = decode("accounts_as_strings.json");
    assert_eq!(strings.from_room().owner_account(), "10100015411");
    assert_eq!(strings.to_rooms()[0].owner_account(), "@TIM#SYSTEM");

    let numbers = decode("accounts_as_big_numbers.json");
    assert_eq!(numbers.from_room().owner_account(), "9007199254740993");
    assert_eq!(
        numbers.to_rooms()[0].owner_account(),
        u64::MAX.to_string(),
        "u64::MAX is kept digit for digit"
    );
    // What a decoder going through a double would have made of it.
    assert_ne!(
        numbers.from_room().owner_account(),
        (9007199254740993_u64 as f64 as u64).to_string()
    );

    let sample = decode("sample.json");
    assert_eq!(sample.from_room().owner_account(), "144115245353757792");
    assert_eq!(sample.to_rooms()[0].owner_account(), "144115245442327522");
}

#[test]
fn op_types_map_to_end_reasons() {
    for (name, reason, code) in [
        ("op_type_0_time_up.json", EndReason::TimeUp, 0),
        (
            "op_type_1_all_owners_exited.json",
            EndReason::AllOwnersExited,
            1,
        ),
        ("op_type_2_never_started.json", EndReason::NeverStarted, 2),
        ("op_type_7_unknown.json", EndReason::Other(7), 7),
    ] {
        let battle = decode(name);
        assert_eq!(battle.reason, reason, "{name}");
        assert_eq!(battle.reason.code(), Some(code), "{name}");
        assert_eq!(EndReason::from_code(code), reason, "{name}");
    }
}

#[test]
fn winners_by_fixture() {
    for (name, winner) in [
        ("sample.json", None),
        ("accounts_as_strings.json", Some("live_10100015411")),
        ("accounts_as_big_numbers.json", Some("pk-u64-max")),
        ("op_type_0_time_up.json", Some("room-a")),
        ("op_type_1_all_owners_exited.json", Some("room-d")),
        // 0:0 anyway, but a battle that never started has no winner by rule.
        ("op_type_2_never_started.json", None),
        // 9:9, a draw, whatever OpType 7 will mean.
        ("op_type_7_unknown.json", None),
        ("unknown_fields_everywhere.json", Some("room-i")),
        // Nobody to beat: no winner.
        ("empty_to_room_list.json", None),
        ("three_way_battle.json", Some("room-m")),
        ("numbers_as_strings.json", Some("room-o")),
        ("from_room_info_as_json_string.json", Some("pk-3")),
        ("nulls_as_absent.json", None),
    ] {
        assert_eq!(winner_id(&decode(name)), winner, "{name}");
    }
}

#[test]
fn never_started_has_no_winner_even_with_a_lead() {
    let mut battle = decode("op_type_2_never_started.json");
    battle.from_room.as_mut().unwrap().score = Some(5);
    assert_eq!(winner_id(&battle), None);
    battle.reason = EndReason::TimeUp;
    assert_eq!(winner_id(&battle), Some("room-e"));
}

#[test]
fn three_way_battle_lists_every_room_caller_first() {
    let battle = decode("three_way_battle.json");
    assert_eq!(battle.rooms().count(), 3);
    assert_eq!(room_ids(&battle), ["room-l", "room-m", "room-n"]);
    let scores: Vec<i64> = battle.rooms().map(BattleRoom::score).collect();
    assert_eq!(scores, [120, 450, 300]);
    assert_eq!(battle.to_rooms()[1].owner_account(), "144115245353757793");
    assert_eq!(battle.duration(), Duration::from_secs(180));
}

#[test]
fn empty_to_room_list_leaves_the_caller_alone() {
    let battle = decode("empty_to_room_list.json");
    assert_eq!(battle.to_rooms, Some(vec![]));
    assert_eq!(room_ids(&battle), ["room-k"]);
    assert_eq!(battle.duration(), Duration::from_secs(5));
}

#[test]
fn unknown_fields_change_nothing() {
    let battle = decode("unknown_fields_everywhere.json");
    // A nested object reusing the names `BattleId` and `ToRoomList` is ignored too.
    assert_eq!(
        battle.battle_id,
        "3xtRaeeeeFFFFggggHHHHiiiiJJJJkkkkLLLLmmmm="
    );
    assert_eq!(room_ids(&battle), ["room-i", "room-j"]);
}

#[test]
fn numeric_strings_read_as_numbers() {
    let battle = decode("numbers_as_strings.json");
    assert_eq!(battle.duration(), Duration::from_millis(30000));
    assert_eq!(battle.reason, EndReason::AllOwnersExited);
    assert_eq!(battle.to_rooms()[0].score(), -4);
    assert_eq!(
        battle.event_time(),
        Some(UNIX_EPOCH + Duration::from_millis(1740900031999))
    );
}

#[test]
fn only_battle_id_leaves_the_rest_absent() {
    let battle = decode("only_battle_id.json");
    assert_eq!(
        battle.battle_id,
        "0nLyiiiiJJJJkkkkLLLLmmmmNNNNooooPPPPqqqq="
    );
    assert_eq!(
        battle.reason,
        EndReason::NotGiven,
        "a missing OpType is not read as time up"
    );
    assert_eq!(battle.duration(), Duration::ZERO);
    assert_eq!(battle.duration_ms, None);
    assert_eq!(battle.from_room, None);
    assert_eq!(battle.from_room(), &BattleRoom::default());
    assert_eq!(battle.to_rooms, None);
    assert!(battle.to_rooms().is_empty());
    assert_eq!(battle.rooms().count(), 0);
    assert_eq!(battle.event_time(), None);
    assert_eq!(battle.event_time_ms(), 0);
    assert_eq!(
        serde_json::to_string(&battle).unwrap(),
        r#"{"CallbackCommand":"Live.CallbackAfterEndBattle","BattleId":"0nLyiiiiJJJJkkkkLLLLmmmmNNNNooooPPPPqqqq="}"#
    );
}

#[test]
fn from_room_info_may_be_a_string_holding_an_object() {
    let battle = decode("from_room_info_as_json_string.json");
    assert_eq!(
        battle.from_room,
        Some(room("pk-3", 15, "144115245353757792")),
        "the account inside the string keeps every digit too"
    );
}

#[test]
fn durations_agree_with_the_times() {
    for (name, _) in VALID {
        let battle = decode(name);
        if battle.start_time() == 0 || battle.end_time() == 0 {
            continue;
        }
        assert_eq!(
            battle
                .ended_at()
                .unwrap()
                .duration_since(battle.started_at().unwrap())
                .unwrap(),
            battle.duration(),
            "{name}"
        );
    }
}

#[test]
fn invalid_fixtures_fail_to_decode() {
    for (name, body) in INVALID {
        let rejection = decode_json::<BattleEnded>(COMMAND, body.as_bytes())
            .expect_err(&format!("{name} was accepted"));
        let expected = match *name {
            "doc_sample_as_printed.json" => 3004,
            "start_battle_command.json" => 3006,
            _ => 3005,
        };
        assert_eq!(rejection.error_code(), expected, "{name}: {rejection}");
    }
}

#[test]
fn serialising_writes_tencents_names_and_types() {
    let fields: BTreeSet<&str> = [
        "CallbackCommand",
        "BattleId",
        "Duration",
        "CreateTime",
        "StartTime",
        "EndTime",
        "OpType",
        "FromRoomInfo",
        "ToRoomList",
        "EventTime",
    ]
    .into();
    // A member is written exactly when the event has it (absent stays absent).
    fn written<T>(names: &mut BTreeSet<&'static str>, name: &'static str, value: &Option<T>) {
        if value.is_none() {
            names.remove(name);
        }
    }
    let check_room = |name: &str, json: &Value, room: &BattleRoom| {
        let object = json.as_object().unwrap();
        let mut room_fields: BTreeSet<&str> = ["RoomId", "Score", "Owner_Account"].into();
        written(&mut room_fields, "RoomId", &room.room_id);
        written(&mut room_fields, "Score", &room.score);
        written(&mut room_fields, "Owner_Account", &room.owner_account);
        assert_eq!(
            object.keys().map(String::as_str).collect::<BTreeSet<_>>(),
            room_fields,
            "{name}"
        );
        assert_eq!(
            json.get("RoomId").and_then(Value::as_str),
            room.room_id.as_deref(),
            "{name}"
        );
        assert_eq!(
            json.get("Score").and_then(Value::as_i64),
            room.score,
            "{name}"
        );
        assert_eq!(
            json.get("Owner_Account")
                .map(|owner| owner.as_str().unwrap()),
            room.owner_account.as_deref(),
            "{name}: Owner_Account is written as a string"
        );
    };

    for (name, _) in VALID {
        let battle = decode(name);
        let json = serde_json::to_value(&battle).unwrap();
        let object = json.as_object().unwrap();
        let mut expected_fields = fields.clone();
        if battle.reason == EndReason::NotGiven {
            // Absent stays absent: no reason is invented.
            expected_fields.remove("OpType");
        }
        written(&mut expected_fields, "Duration", &battle.duration_ms);
        written(&mut expected_fields, "CreateTime", &battle.create_time);
        written(&mut expected_fields, "StartTime", &battle.start_time);
        written(&mut expected_fields, "EndTime", &battle.end_time);
        written(&mut expected_fields, "FromRoomInfo", &battle.from_room);
        written(&mut expected_fields, "ToRoomList", &battle.to_rooms);
        written(&mut expected_fields, "EventTime", &battle.event_time_ms);
        assert_eq!(
            object.keys().map(String::as_str).collect::<BTreeSet<_>>(),
            expected_fields,
            "{name}"
        );
        assert_eq!(json["CallbackCommand"], COMMAND, "{name}");
        assert_eq!(json["BattleId"], battle.battle_id.as_str(), "{name}");
        for (field, value) in [
            ("Duration", battle.duration_ms),
            ("CreateTime", battle.create_time),
            ("StartTime", battle.start_time),
            ("EndTime", battle.end_time),
            ("EventTime", battle.event_time_ms),
        ] {
            assert_eq!(
                json.get(field).map(|value| value.as_u64().unwrap()),
                value,
                "{name}: {field}"
            );
        }
        if let Some(code) = battle.reason.code() {
            assert!(json["OpType"].is_number(), "{name}: OpType is a number");
            assert_eq!(json["OpType"].as_i64(), Some(code), "{name}");
        }
        if let Some(room) = &battle.from_room {
            check_room(name, &json["FromRoomInfo"], room);
        }
        if let Some(rooms) = &battle.to_rooms {
            let to_rooms = json["ToRoomList"].as_array().unwrap();
            assert_eq!(to_rooms.len(), rooms.len(), "{name}");
            for (json, room) in to_rooms.iter().zip(rooms) {
                check_room(name, json, room);
            }
        }
    }
}

#[test]
fn the_sample_serialises_exactly() {
    let json = serde_json::to_string(&decode("sample.json")).unwrap();
    assert_eq!(
        json,
        concat!(
            r#"{"CallbackCommand":"Live.CallbackAfterEndBattle","#,
            r#""BattleId":"4siHsNsWN/T3aub9zKraqPfGQAimPhdFoe6VWhtz9lY=","#,
            r#""Duration":30000,"CreateTime":1739956115,"StartTime":1739956115,"#,
            r#""EndTime":1739956145,"OpType":0,"#,
            r#""FromRoomInfo":{"RoomId":"pk-3","Score":0,"Owner_Account":"144115245353757792"},"#,
            r#""ToRoomList":[{"RoomId":"pk-5","Score":0,"Owner_Account":"144115245442327522"}],"#,
            r#""EventTime":1739956146119}"#,
        )
    );
}

#[test]
fn serialising_and_decoding_again_gives_the_same_value() {
    for (name, _) in VALID {
        let battle = decode(name);
        let json = serde_json::to_string(&battle).unwrap();
        let again: BattleEnded = decode_json(COMMAND, json.as_bytes())
            .unwrap_or_else(|rejection| panic!("{name}: {rejection}"));
        assert_eq!(again, battle, "{name}");
        assert_eq!(serde_json::to_string(&again).unwrap(), json, "{name}");
    }
}

/// What one webhook did to the middleware: its answer, the events the handler
/// saw, and how often the inner service was called.
struct Outcome {
    status: StatusCode,
    content_type: Option<String>,
    body: Bytes,
    events: Vec<BattleEnded>,
    inner_calls: usize,
}

async fn deliver(body: &'static str) -> Outcome {
    let events = Arc::new(Mutex::new(Vec::new()));
    let handler = {
        let events = Arc::clone(&events);
        service_fn(move |request: Request<BattleEnded>| {
            let events = Arc::clone(&events);
            async move {
                events.lock().unwrap().push(request.into_body());
                Ok::<_, Infallible>(())
            }
        })
    };
    let inner_calls = Arc::new(AtomicUsize::new(0));
    let inner = {
        let inner_calls = Arc::clone(&inner_calls);
        service_fn(move |_request: Request<RequestBody<Full<Bytes>>>| {
            inner_calls.fetch_add(1, Ordering::SeqCst);
            async { Ok::<_, Infallible>(Response::new(Empty::<Bytes>::new())) }
        })
    };
    let app = ServiceBuilder::new()
        .layer(
            BattleWebhookLayer::new("/cb")
                .app_id(APP_ID)
                .handler(handler),
        )
        .service(inner);

    let request = Request::post(URI)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Full::new(Bytes::from_static(body.as_bytes())))
        .unwrap();
    let response = app.oneshot(request).await.unwrap();
    let status = response.status();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|value| value.to_str().unwrap().to_owned());
    let body = response.into_body().collect().await.unwrap().to_bytes();
    let events = std::mem::take(&mut *events.lock().unwrap());
    Outcome {
        status,
        content_type,
        body,
        events,
        inner_calls: inner_calls.load(Ordering::SeqCst),
    }
}

#[tokio::test]
async fn every_valid_fixture_is_acknowledged_through_the_middleware() {
    for (name, body) in VALID {
        let outcome = deliver(body).await;
        assert_eq!(outcome.status, StatusCode::OK, "{name}");
        assert_eq!(
            outcome.content_type.as_deref(),
            Some("application/json"),
            "{name}"
        );
        assert_eq!(outcome.body, OK_ACK.as_bytes(), "{name}");
        let decoded: BattleEnded = decode_json(COMMAND, body.as_bytes()).unwrap();
        assert_eq!(outcome.events, [decoded], "{name}");
        assert_eq!(outcome.events[0], expected(name), "{name}");
        assert_eq!(
            outcome.inner_calls, 0,
            "{name}: handler mode skips the inner service"
        );
    }
}

#[tokio::test]
async fn every_invalid_fixture_is_refused_with_its_code_and_path() {
    for (name, error_code, named) in [
        ("doc_sample_as_printed.json", 3004, "line 2"),
        ("json_array.json", 3005, "found an array"),
        ("missing_battle_id.json", 3005, "`BattleId`"),
        ("start_battle_command.json", 3006, "CallbackCommand"),
        ("fractional_score.json", 3005, "`FromRoomInfo.Score`"),
        (
            "fractional_score_in_to_room_list.json",
            3005,
            "`ToRoomList[1].Score`",
        ),
        ("negative_end_time.json", 3005, "`EndTime`"),
        (
            "from_room_info_string_not_an_object.json",
            3005,
            "`FromRoomInfo`",
        ),
    ] {
        let body = INVALID
            .iter()
            .find(|(file, _)| *file == name)
            .unwrap_or_else(|| panic!("no invalid fixture {name}"))
            .1;
        let outcome = deliver(body).await;
        assert_eq!(outcome.status, StatusCode::BAD_REQUEST, "{name}");
        assert_eq!(
            outcome.content_type.as_deref(),
            Some("application/json"),
            "{name}"
        );
        let ack: Ack = serde_json::from_slice(&outcome.body)
            .unwrap_or_else(|error| panic!("{name}: the answer is not an Ack: {error}"));
        assert_eq!(ack.action_status(), ActionStatus::Fail, "{name}");
        assert_eq!(ack.error_code(), error_code, "{name}: {}", ack.error_info());
        assert!(
            ack.error_info().contains(named),
            "{name}: {:?} does not name {named}",
            ack.error_info()
        );
        assert!(!ack.error_info().contains(body.trim()), "{name}");
        for value in values_in(body) {
            // The expected command is the middleware's own word, not the body's.
            if value == COMMAND {
                continue;
            }
            assert!(
                !ack.error_info().contains(value),
                "{name}: {:?} quotes {value:?} from the body",
                ack.error_info()
            );
        }
        assert!(outcome.events.is_empty(), "{name}: the handler was called");
        assert_eq!(
            outcome.inner_calls, 0,
            "{name}: the inner service was called"
        );
    }
}

#[test]
fn values_in_finds_what_the_body_says() {
    assert_eq!(
        values_in(r#"{"A":"abc","B":12.75,"C":{"D":-1741500030},"E":1,"F":"xy"}"#),
        ["abc", "12.75", "-1741500030"]
    );
    assert!(values_in(valid("sample.json")).contains(&"pk-3"));
}

/// A refusal says what was found and what was expected, naming the field,
/// without quoting the body's values.
#[test]
fn a_refusal_names_what_it_found_and_what_it_expected() {
    let command = "Live.CallbackAfterEndBattle";
    let expected_event = "expected a `Live.CallbackAfterEndBattle` object";
    for (body, message) in [
        ("[]", format!("found an array, {expected_event} (line 1, column 0)")),
        ("5", format!("found an integer, {expected_event} (line 1, column 1)")),
        ("null", format!("found null, {expected_event} (line 1, column 4)")),
        (
            r#"{"BattleId":{}}"#,
            "`BattleId`: found an object, expected a string or an integer (line 1, column 14)"
                .to_owned(),
        ),
        (
            r#"{"BattleId":true}"#,
            "`BattleId`: found a boolean, expected a string or an integer (line 1, column 16)"
                .to_owned(),
        ),
        (
            r#"{"BattleId":"b","Duration":-5}"#,
            "`Duration`: found a negative integer, expected a non-negative integer (line 1, column 29)"
                .to_owned(),
        ),
        (
            r#"{"BattleId":"b","Duration":5.5}"#,
            "`Duration`: found a number with a fraction, expected a non-negative integer (line 1, column 30)"
                .to_owned(),
        ),
        (
            r#"{"BattleId":"b","Duration":"soon"}"#,
            "`Duration`: found a string, expected a non-negative integer (line 1, column 33)"
                .to_owned(),
        ),
    ] {
        let rejection = <tencent_live_webhook::LiveEvent as tencent_live_webhook::WebhookEvent>::decode(command, body.as_bytes()).unwrap_err();
        assert_eq!(rejection.error_code(), 3005, "{body}");
        assert_eq!(
            rejection.to_string(),
            format!("body is not a valid event: {message}"),
            "{body}"
        );
    }
}

/// A member name written with escapes is the same name: an escaped
/// `CallbackCommand` is checked like a plain one, and an escaped unknown
/// member is ignored like a plain one.
#[test]
fn escaped_member_names_are_read_as_written_plain() {
    use tencent_live_webhook::{LiveEvent, WebhookEvent};
    let command = "Live.CallbackAfterEndBattle";
    let other = br#"{"Callback\u0043ommand":"Live.CallbackAfterStartBattle","BattleId":"b-1"}"#;
    assert_eq!(
        LiveEvent::decode(command, other).unwrap_err().error_code(),
        3006
    );
    let same = br#"{"Callback\u0043ommand":"Live.CallbackAfterEndBattle","BattleId":"b-1"}"#;
    let event = LiveEvent::decode(command, same).unwrap();
    assert_eq!(event.callback_command(), command);
    let unknown = br#"{"Extr\u0061":"Live.CallbackAfterStartBattle","BattleId":"b-1"}"#;
    let LiveEvent::BattleEnded(battle) = LiveEvent::decode(command, unknown).unwrap() else {
        panic!("another variant");
    };
    assert_eq!(battle.battle_id, "b-1");
}
