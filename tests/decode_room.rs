//! The room webhooks' fixtures (`tests/fixtures/<command>/` of the six room
//! commands), decoded through the public API: `LiveEvent::decode` and
//! `decode_json`, every value compared with what the fixture says, then
//! serialised back with Tencent's names.
//!
//! Every file in those directories (but `README.md`) must be listed in
//! [`FIXTURES`]; `every_fixture_on_disk_is_listed` fails otherwise.

use std::collections::BTreeSet;
use std::time::{Duration, UNIX_EPOCH};

use serde_json::Value;
use tencent_live_webhook::testing::fixtures;
use tencent_live_webhook::{
    decode_json, DestroyReason, LiveEvent, LiveRoomInfo, MetadataDeleted, MetadataItem,
    MetadataSet, RoomCreated, RoomDestroyed, RoomInfoUpdated, RoomStatistic, RoomThresholdReached,
    RoomType, TakeSeatMode, WebhookEvent,
};

mod fixture_files;
use fixture_files::{member_not_sent, on_disk, values_in};

const CREATE: &str = "Live.CallbackAfterCreateRoom";
const DESTROY: &str = "Live.CallbackAfterDestroyRoom";
const UPDATE: &str = "Live.CallbackAfterUpdateRoomInfo";
const SET: &str = "Live.CallbackAfterSetMetadata";
const DELETE: &str = "Live.CallbackAfterDelMetadata";
const THRESHOLD: &str = "Live.CallbackAfterCreateRoomReachingThreshold";

/// The six commands of this group, with their fixture directories.
const COMMANDS: [&str; 6] = [CREATE, DESTROY, UPDATE, SET, DELETE, THRESHOLD];

/// One fixture file: its command (and directory), its path in that
/// directory, and its content.
struct Fixture {
    command: &'static str,
    file: &'static str,
    body: &'static str,
}

impl Fixture {
    fn is_valid(&self) -> bool {
        !self.file.starts_with("invalid/")
    }
}

macro_rules! fixtures {
    ($($command:literal => [$($file:literal),+ $(,)?]),+ $(,)?) => {
        &[$($(Fixture {
            command: $command,
            file: $file,
            body: include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/", $command, "/", $file
            )),
        },)+)+]
    };
}

const FIXTURES: &[Fixture] = fixtures![
    "Live.CallbackAfterCreateRoom" => [
        "sample.json",
        "sample_en_without_event_time.json",
        "sample_event_time_in_room_info.json",
        "story.json",
        "accounts_as_big_numbers.json",
        "numbers_as_strings.json",
        "unknown_values_and_fields.json",
        "nulls_as_absent.json",
        "only_room_id.json",
        "invalid/doc_sample_cn_as_printed.json",
        "invalid/missing_room_id.json",
        "invalid/empty_room_id.json",
        "invalid/missing_room_info.json",
        "invalid/room_info_as_array.json",
        "invalid/json_array.json",
        "invalid/update_room_command.json",
    ],
    "Live.CallbackAfterDestroyRoom" => [
        "sample.json",
        "sample_old_without_room_info.json",
        "real_payload_system_destroy.json",
        "story.json",
        "numbers_as_strings.json",
        "unknown_event_type.json",
        "nulls_as_absent.json",
        "only_room_id.json",
        "invalid/doc_sample_as_printed.json",
        "invalid/doc_sample_old_as_printed.json",
        "invalid/missing_room_id.json",
        "invalid/room_info_as_array.json",
        "invalid/statistic_as_array.json",
    ],
    "Live.CallbackAfterUpdateRoomInfo" => [
        "sample.json",
        "story.json",
        "notice_only.json",
        "lenient_types.json",
        "only_room_id.json",
        "invalid/doc_sample_as_printed.json",
        "invalid/doc_sample_en_one_line_as_printed.json",
        "invalid/missing_room_id.json",
        "invalid/missing_room_info.json",
        "invalid/room_info_as_array.json",
    ],
    "Live.CallbackAfterSetMetadata" => [
        "sample.json",
        "story.json",
        "values_as_numbers.json",
        "only_room_id.json",
        "invalid/missing_room_id.json",
        "invalid/metadata_item_as_array.json",
        "invalid/del_metadata_command.json",
    ],
    "Live.CallbackAfterDelMetadata" => [
        "sample.json",
        "story.json",
        "keys_as_numbers.json",
        "only_room_id.json",
        "invalid/missing_room_id.json",
        "invalid/keys_as_string.json",
        "invalid/set_metadata_command.json",
    ],
    "Live.CallbackAfterCreateRoomReachingThreshold" => [
        "sample.json",
        "story.json",
        "counts_as_strings.json",
        "only_command.json",
        "invalid/count_not_a_number.json",
        "invalid/fractional_count.json",
        "invalid/json_array.json",
    ],
];

fn fixture(command: &str, file: &str) -> &'static Fixture {
    FIXTURES
        .iter()
        .find(|fixture| fixture.command == command && fixture.file == file)
        .unwrap_or_else(|| panic!("no fixture {command}/{file}"))
}

fn decode(command: &str, file: &str) -> LiveEvent {
    LiveEvent::decode(command, fixture(command, file).body.as_bytes())
        .unwrap_or_else(|rejection| panic!("{command}/{file}: {rejection}"))
}

fn text(value: &str) -> Option<String> {
    Some(value.to_owned())
}

// ---------------------------------------------------------------------------
// Expected values, every field spelled out.

/// The room of the documented create samples (catalogue §1).
fn documented_created_room() -> LiveRoomInfo {
    let mut room = LiveRoomInfo::default();
    room.room_id = text("tandy-test-rest");
    room.room_name = text("tandy-test-rest");
    room.room_type = Some(RoomType::Live);
    room.owner_account = text("user3");
    room.max_member_count = Some(300);
    room.is_message_disabled = Some(true);
    room.custom_info = text("custom123");
    room.is_seat_enabled = Some(true);
    room.take_seat_mode = Some(TakeSeatMode::ApplyToTake);
    room.max_seat_count = Some(16);
    room.create_time = Some(1703589922);
    room.is_public_visible = Some(true);
    room.cover_url = text("cover url");
    room.category = Some(vec![1, 2]);
    room
}

fn room_with_id(room_id: &str) -> LiveRoomInfo {
    let mut room = LiveRoomInfo::default();
    room.room_id = text(room_id);
    room
}

fn created(
    operator: Option<&str>,
    room_info: LiveRoomInfo,
    event_time_ms: Option<u64>,
) -> RoomCreated {
    let mut event = RoomCreated::default();
    event.operator_account = operator.map(str::to_owned);
    event.room_info = room_info;
    event.event_time_ms = event_time_ms;
    event
}

fn expected_created(file: &str) -> RoomCreated {
    match file {
        "sample.json" => created(
            Some("admin"),
            documented_created_room(),
            Some(1703589922780),
        ),
        "sample_en_without_event_time.json" => {
            created(Some("admin"), documented_created_room(), None)
        }
        "sample_event_time_in_room_info.json" => {
            let mut room = documented_created_room();
            room.event_time_ms = Some(1703589922780);
            created(Some("admin"), room, None)
        }
        "story.json" => RoomCreated::sample(),
        "accounts_as_big_numbers.json" => {
            let mut room = room_with_id("pk-3");
            room.room_name = text("PK night");
            room.room_type = Some(RoomType::Live);
            room.owner_account = text("144115245353757792");
            room.max_member_count = Some(300);
            room.create_time = Some(1739955900);
            created(Some("144115245353757792"), room, Some(1739955900780))
        }
        "numbers_as_strings.json" => {
            let mut room = room_with_id("436");
            room.room_name = text("436");
            room.owner_account = text("10100015411");
            room.max_member_count = Some(100);
            room.max_seat_count = Some(9);
            room.is_message_disabled = Some(false);
            room.is_seat_enabled = Some(true);
            room.create_time = Some(1756985000);
            room.is_public_visible = Some(true);
            room.category = Some(vec![1, 2]);
            room.activity_status = Some(-1);
            room.view_count = Some(0);
            room.is_unlimited_room_enabled = Some(true);
            created(Some("admin"), room, Some(1756985000123))
        }
        "unknown_values_and_fields.json" => {
            let mut room = room_with_id("room-later");
            room.room_type = Some(RoomType::Other("Meeting".to_owned()));
            room.take_seat_mode = Some(TakeSeatMode::Other("InviteOnly".to_owned()));
            room.notice = text("hello");
            room.background_url = text("https://example.com/bg.png");
            room.is_unlimited_room_enabled = Some(true);
            created(Some("admin"), room, Some(1760000000000))
        }
        "nulls_as_absent.json" => created(None, room_with_id("room-null"), None),
        "only_room_id.json" => created(None, room_with_id("room-bare"), None),
        other => panic!("no expected value for {CREATE}/{other}"),
    }
}

fn destroyed(
    operator: Option<&str>,
    room_id: &str,
    reason: Option<DestroyReason>,
) -> RoomDestroyed {
    let mut event = RoomDestroyed::default();
    event.operator_account = operator.map(str::to_owned);
    event.room_id = room_id.to_owned();
    event.reason = reason;
    event
}

fn statistic(counts: [Option<u64>; 5]) -> RoomStatistic {
    let mut statistic = RoomStatistic::default();
    [
        statistic.total_viewers,
        statistic.total_gifts_sent,
        statistic.total_gift_coins,
        statistic.total_unique_gift_senders,
        statistic.total_likes_received,
    ] = counts;
    statistic
}

fn expected_destroyed(file: &str) -> RoomDestroyed {
    match file {
        "sample.json" => {
            let mut room = LiveRoomInfo::default();
            room.room_name = text("live name");
            room.room_type = Some(RoomType::Live);
            room.owner_account = text("144115216631667826");
            room.is_seat_enabled = Some(true);
            room.take_seat_mode = Some(TakeSeatMode::FreeToTake);
            room.max_member_count = Some(400);
            room.max_seat_count = Some(4);
            room.category = Some(vec![1, 2, 3]);
            room.custom_info = text("");
            room.is_message_disabled = Some(false);
            room.cover_url = text("cover url");
            room.activity_status = Some(0);
            room.is_public_visible = Some(false);
            room.view_count = Some(0);
            room.background_url = text("background url");
            room.is_unlimited_room_enabled = Some(true);
            let mut event = destroyed(
                Some("admin"),
                "tandy-test-rest",
                Some(DestroyReason::ByUser),
            );
            event.event_time_ms = Some(1703589922780);
            event.room_info = Some(room);
            event.statistic = Some(statistic([Some(0); 5]));
            event
        }
        "sample_old_without_room_info.json" => {
            let mut event = destroyed(
                Some("admin"),
                "tandy-test-rest",
                Some(DestroyReason::ByUser),
            );
            event.event_time_ms = Some(1703589922780);
            event
        }
        "real_payload_system_destroy.json" => {
            let mut room = room_with_id("436");
            room.room_name = text("夏季40度");
            room.room_type = Some(RoomType::Live);
            room.owner_account = text("10100015411");
            room.is_seat_enabled = Some(true);
            room.take_seat_mode = Some(TakeSeatMode::ApplyToTake);
            room.max_member_count = Some(100);
            room.max_seat_count = Some(9);
            room.custom_info = text("");
            room.is_message_disabled = Some(false);
            room.cover_url = text("");
            room.activity_status = Some(0);
            room.is_public_visible = Some(true);
            room.view_count = Some(1);
            room.background_url = text("");
            room.is_unlimited_room_enabled = Some(true);
            let mut event = destroyed(Some("@TIM#SYSTEM"), "436", Some(DestroyReason::BySystem));
            event.event_time_ms = Some(1756986061775);
            event.room_info = Some(room);
            event
        }
        "story.json" => RoomDestroyed::sample(),
        "numbers_as_strings.json" => {
            let mut room = room_with_id("20250904");
            room.owner_account = text("18446744073709551615");
            room.max_member_count = Some(400);
            room.view_count = Some(17);
            room.category = Some(vec![3]);
            let mut event = destroyed(Some("admin"), "20250904", Some(DestroyReason::ByUser));
            event.event_time_ms = Some(1757000000456);
            event.room_info = Some(room);
            event.statistic = Some(statistic([
                Some(17),
                Some(5),
                Some(1200),
                Some(2),
                Some(345),
            ]));
            event
        }
        "unknown_event_type.json" => {
            let reason = DestroyReason::Other("DestroyByAdmin".to_owned());
            let mut event = destroyed(Some("admin"), "room-banned", Some(reason));
            event.event_time_ms = Some(1757000100000);
            event.statistic = Some(statistic([Some(9), None, None, None, Some(1)]));
            event
        }
        "nulls_as_absent.json" => destroyed(Some("admin"), "room-null", None),
        "only_room_id.json" => destroyed(None, "room-bare", None),
        other => panic!("no expected value for {DESTROY}/{other}"),
    }
}

fn updated(
    operator: Option<&str>,
    room_info: LiveRoomInfo,
    event_time_ms: Option<u64>,
) -> RoomInfoUpdated {
    let mut event = RoomInfoUpdated::default();
    event.operator_account = operator.map(str::to_owned);
    event.room_info = room_info;
    event.event_time_ms = event_time_ms;
    event
}

fn expected_updated(file: &str) -> RoomInfoUpdated {
    match file {
        "sample.json" => {
            let mut room = room_with_id("live-room");
            room.room_name = text("rname-123");
            room.max_member_count = Some(300);
            room.is_message_disabled = Some(false);
            room.cover_url = text("https://xxxx.png");
            room.category = Some(vec![1, 2, 3]);
            room.activity_status = Some(1);
            room.is_public_visible = Some(false);
            room.take_seat_mode = Some(TakeSeatMode::ApplyToTake);
            room.custom_info = text("custom123");
            updated(Some("bob"), room, Some(1670574414123))
        }
        "story.json" => RoomInfoUpdated::sample(),
        "notice_only.json" => {
            let mut room = room_with_id("live-room");
            room.notice = text("公告: PK at 8pm");
            updated(Some("administrator"), room, Some(1670574500000))
        }
        "lenient_types.json" => {
            let mut room = room_with_id("1001");
            room.max_member_count = Some(500);
            room.is_message_disabled = Some(true);
            room.is_public_visible = Some(false);
            room.category = Some(vec![]);
            room.activity_status = Some(2);
            room.take_seat_mode = Some(TakeSeatMode::None);
            updated(Some("144115233775727695"), room, Some(1670574600001))
        }
        "only_room_id.json" => updated(None, room_with_id("room-bare"), None),
        other => panic!("no expected value for {UPDATE}/{other}"),
    }
}

fn metadata_set(
    operator: Option<&str>,
    room_id: &str,
    metadata: Option<Vec<MetadataItem>>,
    event_time_ms: Option<u64>,
) -> MetadataSet {
    let mut event = MetadataSet::default();
    event.operator_account = operator.map(str::to_owned);
    event.room_id = room_id.to_owned();
    event.metadata = metadata;
    event.event_time_ms = event_time_ms;
    event
}

fn expected_set(file: &str) -> MetadataSet {
    match file {
        "sample.json" => metadata_set(
            Some("brennanli"),
            "live-room1111",
            Some(vec![
                MetadataItem::new("key1", "value1"),
                MetadataItem::new("key2", "value2"),
            ]),
            Some(1739965885831),
        ),
        "story.json" => MetadataSet::sample(),
        "values_as_numbers.json" => metadata_set(
            Some("144115245353757792"),
            "144115245353757792",
            Some(vec![
                MetadataItem::new("score", "120"),
                MetadataItem::new("big", "18446744073709551615"),
                {
                    // An element without a `Key`: absent, not "".
                    let mut item = MetadataItem::default();
                    item.value = text("no key");
                    item
                },
            ]),
            Some(1739965900000),
        ),
        "only_room_id.json" => metadata_set(None, "room-bare", None, None),
        other => panic!("no expected value for {SET}/{other}"),
    }
}

fn metadata_deleted(
    operator: Option<&str>,
    room_id: &str,
    keys: Option<&[&str]>,
    event_time_ms: Option<u64>,
) -> MetadataDeleted {
    let mut event = MetadataDeleted::default();
    event.operator_account = operator.map(str::to_owned);
    event.room_id = room_id.to_owned();
    event.keys = keys.map(|keys| keys.iter().map(|key| (*key).to_owned()).collect());
    event.event_time_ms = event_time_ms;
    event
}

fn expected_deleted(file: &str) -> MetadataDeleted {
    match file {
        "sample.json" => metadata_deleted(
            Some("brennanli"),
            "live-room1111",
            Some(&["key1", "key2"]),
            Some(1739966441121),
        ),
        "story.json" => MetadataDeleted::sample(),
        "keys_as_numbers.json" => metadata_deleted(
            Some("brennanli"),
            "live-room1111",
            Some(&["2025", "key2"]),
            Some(1739966441999),
        ),
        "only_room_id.json" => metadata_deleted(None, "room-bare", None, None),
        other => panic!("no expected value for {DELETE}/{other}"),
    }
}

fn expected_threshold(file: &str) -> RoomThresholdReached {
    let mut event = RoomThresholdReached::default();
    match file {
        "sample.json" | "counts_as_strings.json" => {
            event.operator_account = text("brennanli");
            event.cur_room_count = Some(400);
            event.max_room_count = Some(500);
            event.event_time_ms = Some(1739966441121);
        }
        "story.json" => event = RoomThresholdReached::sample(),
        "only_command.json" => {}
        other => panic!("no expected value for {THRESHOLD}/{other}"),
    }
    event
}

fn expected(command: &str, file: &str) -> LiveEvent {
    match command {
        CREATE => expected_created(file).into(),
        DESTROY => expected_destroyed(file).into(),
        UPDATE => expected_updated(file).into(),
        SET => expected_set(file).into(),
        DELETE => expected_deleted(file).into(),
        THRESHOLD => expected_threshold(file).into(),
        other => panic!("not a room command: {other}"),
    }
}

/// The fixture decoded with `decode_json` into its own type, as the
/// `LiveEvent` variant of that type.
fn decode_typed(fixture: &Fixture) -> LiveEvent {
    fn typed<T>(fixture: &Fixture) -> LiveEvent
    where
        T: WebhookEvent + serde::de::DeserializeOwned + Into<LiveEvent>,
    {
        decode_json::<T>(fixture.command, fixture.body.as_bytes())
            .unwrap_or_else(|rejection| panic!("{}/{}: {rejection}", fixture.command, fixture.file))
            .into()
    }
    match fixture.command {
        CREATE => typed::<RoomCreated>(fixture),
        DESTROY => typed::<RoomDestroyed>(fixture),
        UPDATE => typed::<RoomInfoUpdated>(fixture),
        SET => typed::<MetadataSet>(fixture),
        DELETE => typed::<MetadataDeleted>(fixture),
        THRESHOLD => typed::<RoomThresholdReached>(fixture),
        other => panic!("not a room command: {other}"),
    }
}

// ---------------------------------------------------------------------------
// The fixtures on disk, and what they decode to.

#[test]
fn every_fixture_on_disk_is_listed() {
    for command in COMMANDS {
        let dir = format!("{}/tests/fixtures/{command}", env!("CARGO_MANIFEST_DIR"));
        let mut files = on_disk(command);
        files.extend(
            on_disk(&format!("{command}/invalid"))
                .into_iter()
                .map(|name| format!("invalid/{name}")),
        );
        let listed: BTreeSet<String> = FIXTURES
            .iter()
            .filter(|fixture| fixture.command == command)
            .map(|fixture| fixture.file.to_owned())
            .collect();
        assert_eq!(files, listed, "{command}");
        assert!(
            std::path::Path::new(&format!("{dir}/README.md")).is_file(),
            "{command} has no README.md"
        );
    }
}

#[test]
fn valid_fixtures_are_json_objects() {
    for fixture in FIXTURES.iter().filter(|fixture| fixture.is_valid()) {
        let value: Value = serde_json::from_str(fixture.body)
            .unwrap_or_else(|error| panic!("{}/{}: {error}", fixture.command, fixture.file));
        assert!(value.is_object(), "{}/{}", fixture.command, fixture.file);
    }
}

#[test]
fn every_valid_fixture_decodes_to_its_expected_value() {
    for fixture in FIXTURES.iter().filter(|fixture| fixture.is_valid()) {
        let name = format!("{}/{}", fixture.command, fixture.file);
        let expected = expected(fixture.command, fixture.file);
        let event = decode(fixture.command, fixture.file);
        assert_eq!(event, expected, "{name}: LiveEvent::decode");
        assert_eq!(event.callback_command(), fixture.command, "{name}");
        assert_eq!(decode_typed(fixture), expected, "{name}: decode_json");
    }
}

#[test]
fn the_documented_samples_are_the_crates_documented_fixtures() {
    for command in COMMANDS {
        assert_eq!(
            fixtures::documented(command),
            Some(fixture(command, "sample.json").body.trim_end()),
            "{command}"
        );
    }
}

#[test]
fn the_story_fixtures_are_the_samples() {
    for command in COMMANDS {
        let story = LiveEvent::sample_story()
            .into_iter()
            .find(|event| event.callback_command() == command)
            .unwrap_or_else(|| panic!("{command} is not in the story"));
        assert_eq!(decode(command, "story.json"), story, "{command}");
    }
}

// ---------------------------------------------------------------------------
// What the catalogue says about each command.

fn room_created(file: &str) -> RoomCreated {
    match decode(CREATE, file) {
        LiveEvent::RoomCreated(event) => event,
        other => panic!("{other:?}"),
    }
}

fn room_destroyed(file: &str) -> RoomDestroyed {
    match decode(DESTROY, file) {
        LiveEvent::RoomDestroyed(event) => event,
        other => panic!("{other:?}"),
    }
}

#[test]
fn create_event_time_is_found_wherever_the_copy_puts_it() {
    let at = UNIX_EPOCH + Duration::from_millis(1703589922780);

    let top_level = room_created("sample.json");
    assert_eq!(top_level.event_time_ms, Some(1703589922780));
    assert_eq!(top_level.room_info.event_time_ms, None);
    assert_eq!(top_level.event_time(), Some(at));

    let inside = room_created("sample_event_time_in_room_info.json");
    assert_eq!(inside.event_time_ms, None);
    assert_eq!(inside.event_time_ms(), Some(1703589922780));
    assert_eq!(inside.event_time(), Some(at));

    let without = room_created("sample_en_without_event_time.json");
    assert_eq!(without.event_time_ms(), None);
    assert_eq!(without.event_time(), None);

    // The three copies describe the same room.
    assert_eq!(top_level.room_info, without.room_info);
    assert_eq!(top_level.room_id(), "tandy-test-rest");
    assert_eq!(
        top_level.created_at(),
        Some(UNIX_EPOCH + Duration::from_secs(1703589922)),
        "CreateTime is seconds"
    );
}

#[test]
fn the_real_destroy_payload() {
    let event = room_destroyed("real_payload_system_destroy.json");
    assert_eq!(event.operator_account(), "@TIM#SYSTEM");
    assert_eq!(event.reason, Some(DestroyReason::BySystem));
    assert_eq!(event.statistic, None, "the real payload has no Statistic");
    let room = event.room_info.as_ref().expect("RoomInfo");
    assert_eq!(room.room_id.as_deref(), Some("436"));
    assert_eq!(
        room.room_name.as_deref(),
        Some("夏季40度"),
        "\\u escapes decoded"
    );
    assert_eq!(room.owner_account.as_deref(), Some("10100015411"));
    assert_eq!(
        event.event_time(),
        Some(UNIX_EPOCH + Duration::from_millis(1756986061775))
    );
}

#[test]
fn destroy_accounts_keep_every_digit() {
    let sample = room_destroyed("sample.json");
    let owner = sample.room_info.and_then(|room| room.owner_account);
    assert_eq!(owner.as_deref(), Some("144115216631667826"));
    // What a decoder going through a double would have made of it.
    assert_ne!(
        owner.as_deref(),
        Some((144115216631667826_u64 as f64 as u64).to_string().as_str())
    );

    let numbers = room_destroyed("numbers_as_strings.json");
    let owner = numbers.room_info.and_then(|room| room.owner_account);
    assert_eq!(owner, Some(u64::MAX.to_string()));
}

#[test]
fn the_three_destroy_versions_share_their_identity() {
    for file in ["sample.json", "sample_old_without_room_info.json"] {
        let event = room_destroyed(file);
        assert_eq!(event.room_id, "tandy-test-rest", "{file}");
        assert_eq!(event.reason, Some(DestroyReason::ByUser), "{file}");
        assert_eq!(event.event_time_ms, Some(1703589922780), "{file}");
    }
    assert_eq!(
        room_destroyed("sample_old_without_room_info.json").room_info,
        None
    );
    assert_eq!(
        room_destroyed("real_payload_system_destroy.json").room_id,
        "436"
    );
}

#[test]
fn threshold_counts_read_the_same_as_integers_or_strings() {
    let LiveEvent::RoomThresholdReached(sample) = decode(THRESHOLD, "sample.json") else {
        panic!("not a threshold event");
    };
    let LiveEvent::RoomThresholdReached(strings) = decode(THRESHOLD, "counts_as_strings.json")
    else {
        panic!("not a threshold event");
    };
    assert_eq!(sample, strings);
    assert_eq!(sample.rooms_left(), Some(100));
}

#[test]
fn metadata_events_name_their_room() {
    let LiveEvent::MetadataSet(set) = decode(SET, "sample.json") else {
        panic!("not a set event");
    };
    assert_eq!(set.room_id, "live-room1111");
    assert_eq!(set.value("key1"), Some("value1"));
    assert_eq!(
        set.event_time(),
        Some(UNIX_EPOCH + Duration::from_millis(1739965885831))
    );
    let LiveEvent::MetadataDeleted(deleted) = decode(DELETE, "sample.json") else {
        panic!("not a delete event");
    };
    assert_eq!(deleted.room_id, set.room_id);
    assert_eq!(deleted.keys(), ["key1", "key2"]);
}

// ---------------------------------------------------------------------------
// Invalid fixtures.

#[test]
fn values_in_finds_what_the_body_says() {
    assert_eq!(
        values_in(r#"{"A":"abc","B":12.75,"C":{"D":-1741500030},"E":1,"F":"xy"}"#),
        ["abc", "12.75", "-1741500030"]
    );
    assert!(
        values_in(fixture(CREATE, "invalid/missing_room_id.json").body)
            .contains(&"tandy-test-rest")
    );
}

#[test]
fn every_invalid_fixture_is_refused_with_its_code_and_path() {
    let cases: &[(&str, &str, i64, &[&str])] = &[
        (
            CREATE,
            "invalid/doc_sample_cn_as_printed.json",
            3004,
            &["line 20"],
        ),
        (
            CREATE,
            "invalid/missing_room_id.json",
            3005,
            &["`RoomInfo`", "missing field `RoomId`"],
        ),
        (
            CREATE,
            "invalid/empty_room_id.json",
            3005,
            &["`RoomInfo`", "a non-empty `RoomId`"],
        ),
        (
            CREATE,
            "invalid/missing_room_info.json",
            3005,
            &["missing field `RoomInfo`"],
        ),
        (
            CREATE,
            "invalid/room_info_as_array.json",
            3005,
            &["`RoomInfo`", "found an array"],
        ),
        (CREATE, "invalid/json_array.json", 3005, &["found an array"]),
        (
            CREATE,
            "invalid/update_room_command.json",
            3006,
            &["CallbackCommand"],
        ),
        (
            DESTROY,
            "invalid/doc_sample_as_printed.json",
            3004,
            &["line 5"],
        ),
        (
            DESTROY,
            "invalid/doc_sample_old_as_printed.json",
            3004,
            &["line 1"],
        ),
        (
            DESTROY,
            "invalid/missing_room_id.json",
            3005,
            &["missing field `RoomId`"],
        ),
        (
            DESTROY,
            "invalid/room_info_as_array.json",
            3005,
            &["`RoomInfo`", "found an array"],
        ),
        (
            DESTROY,
            "invalid/statistic_as_array.json",
            3005,
            &["`Statistic`", "found an array"],
        ),
        (
            UPDATE,
            "invalid/doc_sample_as_printed.json",
            3004,
            &["line 16"],
        ),
        (
            UPDATE,
            "invalid/doc_sample_en_one_line_as_printed.json",
            3004,
            &["line 1"],
        ),
        (
            UPDATE,
            "invalid/missing_room_id.json",
            3005,
            &["`RoomInfo`", "missing field `RoomId`"],
        ),
        (
            UPDATE,
            "invalid/missing_room_info.json",
            3005,
            &["missing field `RoomInfo`"],
        ),
        (
            UPDATE,
            "invalid/room_info_as_array.json",
            3005,
            &["`RoomInfo`", "found an array"],
        ),
        (
            SET,
            "invalid/missing_room_id.json",
            3005,
            &["missing field `RoomId`"],
        ),
        (
            SET,
            "invalid/metadata_item_as_array.json",
            3005,
            &["`Metadata[0]`", "found an array"],
        ),
        (
            SET,
            "invalid/del_metadata_command.json",
            3006,
            &["CallbackCommand"],
        ),
        (
            DELETE,
            "invalid/missing_room_id.json",
            3005,
            &["missing field `RoomId`"],
        ),
        (
            DELETE,
            "invalid/keys_as_string.json",
            3005,
            &["`Keys`", "found a string"],
        ),
        (
            DELETE,
            "invalid/set_metadata_command.json",
            3006,
            &["CallbackCommand"],
        ),
        (
            THRESHOLD,
            "invalid/count_not_a_number.json",
            3005,
            &["`CurRoomCount`", "found a string"],
        ),
        (
            THRESHOLD,
            "invalid/fractional_count.json",
            3005,
            &["`MaxRoomCount`", "found a number with a fraction"],
        ),
        (
            THRESHOLD,
            "invalid/json_array.json",
            3005,
            &["found an array"],
        ),
    ];

    let invalid: BTreeSet<(&str, &str)> = FIXTURES
        .iter()
        .filter(|fixture| !fixture.is_valid())
        .map(|fixture| (fixture.command, fixture.file))
        .collect();
    let checked: BTreeSet<(&str, &str)> = cases
        .iter()
        .map(|(command, file, ..)| (*command, *file))
        .collect();
    assert_eq!(invalid, checked, "every invalid fixture has its case");

    for (command, file, error_code, named) in cases {
        let body = fixture(command, file).body;
        let rejection = LiveEvent::decode(command, body.as_bytes())
            .expect_err(&format!("{command}/{file} was accepted"));
        let text = rejection.to_string();
        assert_eq!(
            rejection.error_code(),
            *error_code,
            "{command}/{file}: {text}"
        );
        for part in *named {
            assert!(
                text.contains(part),
                "{command}/{file}: {text:?} does not name {part}"
            );
        }
        for value in values_in(body) {
            // The expected command is the decoder's own word, not the body's.
            if value == *command {
                continue;
            }
            assert!(
                !text.contains(value),
                "{command}/{file}: {text:?} quotes {value:?} from the body"
            );
        }
        // The typed decoder refuses it the same way.
        let typed = match *command {
            CREATE => decode_json::<RoomCreated>(command, body.as_bytes()).map(drop),
            DESTROY => decode_json::<RoomDestroyed>(command, body.as_bytes()).map(drop),
            UPDATE => decode_json::<RoomInfoUpdated>(command, body.as_bytes()).map(drop),
            SET => decode_json::<MetadataSet>(command, body.as_bytes()).map(drop),
            DELETE => decode_json::<MetadataDeleted>(command, body.as_bytes()).map(drop),
            _ => decode_json::<RoomThresholdReached>(command, body.as_bytes()).map(drop),
        };
        assert_eq!(typed, Err(rejection), "{command}/{file}");
    }
}

// ---------------------------------------------------------------------------
// Serialising.

const ROOM_INFO_FIELDS: [&str; 20] = [
    "RoomId",
    "RoomName",
    "RoomType",
    "Owner_Account",
    "MaxMemberCount",
    "MaxSeatCount",
    "IsMessageDisabled",
    "CustomInfo",
    "IsSeatEnabled",
    "TakeSeatMode",
    "CreateTime",
    "IsPublicVisible",
    "CoverURL",
    "Category",
    "ActivityStatus",
    "ViewCount",
    "BackgroundURL",
    "IsUnlimitedRoomEnabled",
    "Notice",
    "EventTime",
];

const STATISTIC_FIELDS: [&str; 5] = [
    "TotalViewers",
    "TotalGiftsSent",
    "TotalGiftCoins",
    "TotalUniqueGiftSenders",
    "TotalLikesReceived",
];

/// Tencent's top-level names of each command.
fn fields(command: &str) -> &'static [&'static str] {
    match command {
        CREATE | UPDATE => &[
            "CallbackCommand",
            "Operator_Account",
            "RoomInfo",
            "EventTime",
        ],
        DESTROY => &[
            "CallbackCommand",
            "Operator_Account",
            "RoomId",
            "EventType",
            "EventTime",
            "RoomInfo",
            "Statistic",
        ],
        SET => &[
            "CallbackCommand",
            "Operator_Account",
            "RoomId",
            "Metadata",
            "EventTime",
        ],
        DELETE => &[
            "CallbackCommand",
            "Operator_Account",
            "RoomId",
            "Keys",
            "EventTime",
        ],
        THRESHOLD => &[
            "CallbackCommand",
            "Operator_Account",
            "CurRoomCount",
            "MaxRoomCount",
            "EventTime",
        ],
        other => panic!("not a room command: {other}"),
    }
}

fn keys(value: &Value) -> BTreeSet<&str> {
    value
        .as_object()
        .unwrap_or_else(|| panic!("not an object: {value}"))
        .keys()
        .map(String::as_str)
        .collect()
}

#[test]
fn serialising_writes_tencents_names_and_the_command() {
    for fixture in FIXTURES.iter().filter(|fixture| fixture.is_valid()) {
        let name = format!("{}/{}", fixture.command, fixture.file);
        let json = serde_json::to_value(decode(fixture.command, fixture.file)).unwrap();
        let allowed: BTreeSet<&str> = fields(fixture.command).iter().copied().collect();
        assert!(keys(&json).is_subset(&allowed), "{name}: {json}");
        assert_eq!(json["CallbackCommand"], fixture.command, "{name}");
        if let Some(room) = json.get("RoomInfo") {
            assert!(
                keys(room).is_subset(&ROOM_INFO_FIELDS.into()),
                "{name}: {room}"
            );
            if let Some(owner) = room.get("Owner_Account") {
                assert!(
                    owner.is_string(),
                    "{name}: Owner_Account is written as a string"
                );
            }
        }
        if let Some(statistic) = json.get("Statistic") {
            assert!(
                keys(statistic).is_subset(&STATISTIC_FIELDS.into()),
                "{name}"
            );
        }
    }
}

#[test]
fn the_story_fixtures_serialise_every_field() {
    for command in COMMANDS {
        let json = serde_json::to_value(decode(command, "story.json")).unwrap();
        let every: BTreeSet<&str> = fields(command).iter().copied().collect();
        assert_eq!(keys(&json), every, "{command}");
        if let Some(room) = json.get("RoomInfo") {
            let mut expected: BTreeSet<&str> = ROOM_INFO_FIELDS.into();
            if command != CREATE {
                // Only the create event may carry `EventTime` inside `RoomInfo`.
                expected.remove("EventTime");
            }
            assert_eq!(keys(room), expected, "{command}");
        }
        if let Some(statistic) = json.get("Statistic") {
            assert_eq!(keys(statistic), STATISTIC_FIELDS.into(), "{command}");
        }

        // The same JSON values as the file, but for accounts written as strings.
        let mut file: Value = serde_json::from_str(fixture(command, "story.json").body).unwrap();
        if let Some(owner) = file.pointer_mut("/RoomInfo/Owner_Account") {
            if let Some(number) = owner.as_u64() {
                *owner = Value::String(number.to_string());
            }
        }
        assert_eq!(json, file, "{command}");
    }
}

#[test]
fn the_destroy_sample_serialises_exactly() {
    let json = serde_json::to_string(&decode(DESTROY, "sample.json")).unwrap();
    assert_eq!(
        json,
        concat!(
            r#"{"CallbackCommand":"Live.CallbackAfterDestroyRoom","Operator_Account":"admin","#,
            r#""RoomId":"tandy-test-rest","EventType":"DestroyByUser","EventTime":1703589922780,"#,
            r#""RoomInfo":{"RoomName":"live name","RoomType":"Live","#,
            r#""Owner_Account":"144115216631667826","MaxMemberCount":400,"MaxSeatCount":4,"#,
            r#""IsMessageDisabled":false,"CustomInfo":"","IsSeatEnabled":true,"#,
            r#""TakeSeatMode":"FreeToTake","IsPublicVisible":false,"CoverURL":"cover url","#,
            r#""Category":[1,2,3],"ActivityStatus":0,"ViewCount":0,"#,
            r#""BackgroundURL":"background url","IsUnlimitedRoomEnabled":true},"#,
            r#""Statistic":{"TotalViewers":0,"TotalGiftsSent":0,"TotalGiftCoins":0,"#,
            r#""TotalUniqueGiftSenders":0,"TotalLikesReceived":0}}"#,
        )
    );
}

#[test]
fn serialising_and_decoding_again_gives_the_same_value() {
    for fixture in FIXTURES.iter().filter(|fixture| fixture.is_valid()) {
        let name = format!("{}/{}", fixture.command, fixture.file);
        let event = decode(fixture.command, fixture.file);
        let json = serde_json::to_string(&event).unwrap();
        let again = LiveEvent::decode(fixture.command, json.as_bytes())
            .unwrap_or_else(|rejection| panic!("{name}: {rejection}: {json}"));
        assert_eq!(again, event, "{name}");
        assert_eq!(serde_json::to_string(&again).unwrap(), json, "{name}");
    }
}

#[test]
fn serialising_adds_no_member_the_fixture_lacks() {
    for fixture in FIXTURES.iter().filter(|fixture| fixture.is_valid()) {
        let name = format!("{}/{}", fixture.command, fixture.file);
        let written = serde_json::to_value(decode(fixture.command, fixture.file)).unwrap();
        let mut sent: Value = serde_json::from_str(fixture.body).unwrap();
        // The one member always written.
        sent["CallbackCommand"] = Value::from(fixture.command);
        assert_eq!(
            member_not_sent(&written, &sent, ""),
            None,
            "{name}: {written}"
        );
    }
    // The oracle itself, on known cases.
    let sent = serde_json::json!({"A": 1, "B": {"C": [{"D": 1}, {}]}});
    assert_eq!(
        member_not_sent(&serde_json::json!({"B": {"C": [{}, {}]}}), &sent, ""),
        None
    );
    assert_eq!(
        member_not_sent(&serde_json::json!({"B": {"C": [{}, {"D": 0}]}}), &sent, ""),
        Some(".B.C[1].D".to_owned())
    );
    assert_eq!(
        member_not_sent(&serde_json::json!({"E": ""}), &sent, ""),
        Some(".E".to_owned())
    );
}
