//! The gift and room-message fixtures in `tests/fixtures/`
//! (`Live.CallbackBeforeSendGift`, `Group.CallbackBeforeSendMsg`,
//! `Group.CallbackAfterSendMsg`), decoded through the public API: with
//! `decode_json`, through `LiveEvent`, back out through `Serialize`, and a
//! decoded message body handed back in a `MessageDecision`.
//!
//! Every file of those directories must be listed below;
//! `every_fixture_on_disk_is_listed` fails otherwise.

use std::collections::BTreeSet;
use std::time::{Duration, UNIX_EPOCH};

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Map, Value};
use tencent_live_webhook::{
    decode_json, BattleCreated, CustomElem, FaceElem, FileElem, GiftSending, GiftWater, ImageElem,
    ImageFormat, ImageInfo, ImageKind, LiveEvent, LocationElem, MessageDecision, MessageSending,
    MessageSent, MsgElement, Rejection, SoundElem, TextElem, VideoFileElem, WebhookEvent,
};

mod fixture_files;
use fixture_files::on_disk;

const GIFT: &str = "Live.CallbackBeforeSendGift";
const BEFORE: &str = "Group.CallbackBeforeSendMsg";
const AFTER: &str = "Group.CallbackAfterSendMsg";

type Fixtures = &'static [(&'static str, &'static str)];

macro_rules! fixtures {
    ($dir:literal: $($name:literal),+ $(,)?) => {
        &[$((
            $name,
            include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/", $dir, "/", $name)),
        )),+]
    };
}

const GIFT_VALID: Fixtures = fixtures!["Live.CallbackBeforeSendGift":
    "sample.json",
    "accounts_as_big_numbers_counts_as_strings.json",
    "with_event_time.json",
    "nulls_as_absent.json",
    "total_coins_overflow.json",
    "unknown_fields.json",
];

const GIFT_INVALID: Fixtures = fixtures!["Live.CallbackBeforeSendGift/invalid":
    "missing_from_account.json",
    "empty_from_account.json",
    "missing_gift_water.json",
    "gift_water_null.json",
    "gift_water_as_array.json",
    "missing_room_id.json",
    "negative_count.json",
    "fractional_coins.json",
    "to_account_not_a_list.json",
    "json_array.json",
    "create_battle_command.json",
    "truncated.json",
];

const BEFORE_VALID: Fixtures = fixtures!["Group.CallbackBeforeSendMsg":
    "sample.json",
    "generic_im_event_time_number.json",
    "every_element_type.json",
    "unknown_msg_type.json",
    "unknown_members.json",
    "numbers_and_accounts_leniently.json",
    "content_before_msg_type.json",
    "nulls_as_absent.json",
    "without_msg_id.json",
    "generic_im_copy_without_msg_id.json",
    "element_member_given_twice.json",
    "chat_topic_sample.json",
    "chat_private_group.json",
    "chat_room_online_only_as_strings.json",
];

const BEFORE_INVALID: Fixtures = fixtures!["Group.CallbackBeforeSendMsg/invalid":
    "doc_sample_as_printed.json",
    "missing_group_id.json",
    "text_as_number.json",
    "text_as_object.json",
    "text_given_twice.json",
    "content_as_array.json",
    "element_without_msg_type.json",
    "msg_body_object.json",
    "json_array.json",
    "after_send_msg_command.json",
];

const AFTER_VALID: Fixtures = fixtures!["Group.CallbackAfterSendMsg":
    "sample.json",
    "online_only_flag.json",
    "generic_im_event_time_number.json",
    "image_and_text.json",
    "without_msg_id.json",
    "empty_msg_id.json",
    "element_without_members.json",
    "chat_sample.json",
    "chat_topic.json",
    "chat_av_chat_room.json",
];

const AFTER_INVALID: Fixtures = fixtures!["Group.CallbackAfterSendMsg/invalid":
    "doc_sample_as_printed.json",
    "missing_group_id.json",
    "msg_body_object.json",
    "text_as_number.json",
    "negative_msg_seq.json",
    "before_send_msg_command.json",
];

/// Fixtures whose `MsgBody` is written back with exactly the JSON values it
/// came with (the others have numbers as strings or a `null` body).
const BODY_KEPT_EXACTLY: &[(&str, &str)] = &[
    (BEFORE, "sample.json"),
    (BEFORE, "generic_im_event_time_number.json"),
    (BEFORE, "every_element_type.json"),
    (BEFORE, "unknown_msg_type.json"),
    (BEFORE, "unknown_members.json"),
    (BEFORE, "content_before_msg_type.json"),
    (BEFORE, "without_msg_id.json"),
    (BEFORE, "generic_im_copy_without_msg_id.json"),
    (BEFORE, "chat_topic_sample.json"),
    (BEFORE, "chat_private_group.json"),
    (AFTER, "sample.json"),
    (AFTER, "online_only_flag.json"),
    (AFTER, "generic_im_event_time_number.json"),
    (AFTER, "image_and_text.json"),
    (AFTER, "without_msg_id.json"),
    (AFTER, "empty_msg_id.json"),
    (AFTER, "element_without_members.json"),
    (AFTER, "chat_sample.json"),
    (AFTER, "chat_topic.json"),
    (AFTER, "chat_av_chat_room.json"),
];

fn table(command: &str) -> (Fixtures, Fixtures) {
    match command {
        GIFT => (GIFT_VALID, GIFT_INVALID),
        BEFORE => (BEFORE_VALID, BEFORE_INVALID),
        AFTER => (AFTER_VALID, AFTER_INVALID),
        other => panic!("no fixtures for {other}"),
    }
}

fn body(command: &str, name: &str) -> &'static str {
    let (valid, _) = table(command);
    valid
        .iter()
        .find(|(file, _)| *file == name)
        .unwrap_or_else(|| panic!("no valid fixture {command}/{name}"))
        .1
}

fn decode<T: WebhookEvent + DeserializeOwned>(command: &str, name: &str) -> T {
    decode_json(command, body(command, name).as_bytes())
        .unwrap_or_else(|rejection| panic!("{command}/{name}: {rejection}"))
}

fn strings(values: &[&str]) -> Vec<String> {
    values.iter().map(|value| (*value).to_owned()).collect()
}

fn members(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(members) => members,
        other => panic!("not an object: {other}"),
    }
}

// ---------------------------------------------------------------- expected values

/// A gift record with every member present.
fn gift_water(
    from_account: &str,
    to_accounts: &[&str],
    time: u64,
    gift_id: &str,
    [count, coins]: [u64; 2],
) -> GiftWater {
    let mut water = GiftWater::default();
    water.from_account = from_account.to_owned();
    water.to_accounts = Some(strings(to_accounts));
    water.time = Some(time);
    water.gift_id = Some(gift_id.to_owned());
    water.count = Some(count);
    water.coins = Some(coins);
    water
}

fn gift(
    operator_account: Option<&str>,
    room_id: &str,
    water: GiftWater,
    event_time_ms: Option<u64>,
) -> GiftSending {
    let mut gift = GiftSending::default();
    gift.operator_account = operator_account.map(str::to_owned);
    gift.room_id = room_id.to_owned();
    gift.gift_water = water;
    gift.event_time_ms = event_time_ms;
    gift
}

fn expected_gift(name: &str) -> GiftSending {
    match name {
        "sample.json" => gift(
            Some("brennanli"),
            "room_id",
            gift_water("from", &["to1"], 1703589922, "gift1", [1, 1000]),
            None,
        ),
        "accounts_as_big_numbers_counts_as_strings.json" => gift(
            Some("144115233775727695"),
            "pk-3",
            gift_water(
                "144115233775727695",
                &["144115245353757792", "viewer-2", "18446744073709551615"],
                1739956090,
                "rocket",
                [3, 500],
            ),
            None,
        ),
        "with_event_time.json" => gift(
            Some("viewer-2"),
            "live_10100015411",
            gift_water(
                "viewer-2",
                &["10100015411", "144115245353757792"],
                1739956190,
                "heart",
                [99, 1],
            ),
            Some(1739956190555),
        ),
        "nulls_as_absent.json" => gift(
            None,
            "room-n",
            {
                let mut water = GiftWater::default();
                water.from_account = "viewer-n".to_owned();
                water
            },
            None,
        ),
        "total_coins_overflow.json" => gift(
            Some("mallory"),
            "pk-3",
            gift_water(
                "mallory",
                &["144115245353757792"],
                1739956095,
                "rocket",
                [1 << 32, 1 << 32],
            ),
            None,
        ),
        "unknown_fields.json" => gift(
            Some("viewer-u"),
            "room-u",
            gift_water("viewer-u", &["anchor-u"], 1739956100, "rose", [1, 10]),
            None,
        ),
        other => panic!("no expected value for {other}"),
    }
}

/// The fields both message commands share, in one place.
#[derive(Clone)]
struct Message {
    group_id: &'static str,
    room_type: Option<&'static str>,
    from_account: Option<&'static str>,
    operator_account: Option<&'static str>,
    random: Option<u64>,
    msg_id: Option<&'static str>,
    msg_body: Option<Vec<MsgElement>>,
    cloud_custom_data: Option<&'static str>,
    event_time_ms: Option<u64>,
    online_only: Option<bool>,
    topic_id: Option<&'static str>,
}

impl Message {
    /// The values of Tencent's documented samples (§16 and §17).
    fn documented() -> Self {
        Self {
            group_id: "@TGS#2J4SZEAEL",
            room_type: Some("Live"),
            from_account: Some("jared"),
            operator_account: Some("admin"),
            random: Some(123456),
            msg_id: Some("144115233406643804-1727580296-4026038328"),
            msg_body: Some(vec![MsgElement::text("red packet")]),
            cloud_custom_data: Some("your cloud custom data"),
            event_time_ms: Some(1670574414123),
            online_only: None,
            topic_id: None,
        }
    }

    /// A message with nothing but its room.
    fn only_in(group_id: &'static str) -> Self {
        Self {
            group_id,
            room_type: None,
            from_account: None,
            operator_account: None,
            random: None,
            msg_id: None,
            msg_body: None,
            cloud_custom_data: None,
            event_time_ms: None,
            online_only: None,
            topic_id: None,
        }
    }

    fn sending(self) -> MessageSending {
        let mut message = MessageSending::default();
        message.group_id = self.group_id.to_owned();
        message.room_type = self.room_type.map(str::to_owned);
        message.from_account = self.from_account.map(str::to_owned);
        message.operator_account = self.operator_account.map(str::to_owned);
        message.random = self.random;
        message.msg_id = self.msg_id.map(str::to_owned);
        message.msg_body = self.msg_body;
        message.cloud_custom_data = self.cloud_custom_data.map(str::to_owned);
        message.event_time_ms = self.event_time_ms;
        message.online_only = self.online_only;
        message.topic_id = self.topic_id.map(str::to_owned);
        message
    }

    fn sent(self, msg_seq: Option<u64>, msg_time: Option<u64>) -> MessageSent {
        let mut message = MessageSent::default();
        message.group_id = self.group_id.to_owned();
        message.room_type = self.room_type.map(str::to_owned);
        message.from_account = self.from_account.map(str::to_owned);
        message.operator_account = self.operator_account.map(str::to_owned);
        message.random = self.random;
        message.msg_id = self.msg_id.map(str::to_owned);
        message.msg_seq = msg_seq;
        message.msg_time = msg_time;
        message.msg_body = self.msg_body;
        message.cloud_custom_data = self.cloud_custom_data.map(str::to_owned);
        message.event_time_ms = self.event_time_ms;
        message.online_only = self.online_only;
        message.topic_id = self.topic_id.map(str::to_owned);
        message
    }
}

fn custom(data: &str, desc: &str, ext: Option<&str>, sound: Option<&str>) -> MsgElement {
    let mut custom = CustomElem::default();
    custom.data = Some(data.to_owned());
    custom.desc = Some(desc.to_owned());
    custom.ext = ext.map(str::to_owned);
    custom.sound = sound.map(str::to_owned);
    MsgElement::Custom(custom)
}

fn face(index: i64, data: &str) -> MsgElement {
    let mut face = FaceElem::default();
    face.index = Some(index);
    face.data = Some(data.to_owned());
    MsgElement::Face(face)
}

fn number(json: &str) -> serde_json::Number {
    serde_json::from_str(json).unwrap()
}

fn location(desc: &str, latitude: &str, longitude: &str, extra: Value) -> MsgElement {
    let mut location = LocationElem::default();
    location.desc = Some(desc.to_owned());
    location.latitude = Some(number(latitude));
    location.longitude = Some(number(longitude));
    location.extra = members(extra);
    MsgElement::Location(location)
}

fn image_info(
    kind: ImageKind,
    [size, width, height]: [u64; 3],
    url: &str,
    extra: Value,
) -> ImageInfo {
    let mut info = ImageInfo::default();
    info.kind = Some(kind);
    info.size = Some(size);
    info.width = Some(width);
    info.height = Some(height);
    info.url = Some(url.to_owned());
    info.extra = members(extra);
    info
}

fn image(uuid: &str, format: ImageFormat, versions: Vec<ImageInfo>, extra: Value) -> MsgElement {
    let mut image = ImageElem::default();
    image.uuid = Some(uuid.to_owned());
    image.image_format = Some(format);
    image.image_info_array = Some(versions);
    image.extra = members(extra);
    MsgElement::Image(image)
}

fn sound(url: &str, uuid: &str, size: u64, second: u64) -> MsgElement {
    let mut sound = SoundElem::default();
    sound.url = Some(url.to_owned());
    sound.uuid = Some(uuid.to_owned());
    sound.size = Some(size);
    sound.second = Some(second);
    sound.download_flag = Some(2);
    MsgElement::Sound(sound)
}

fn text_with(text: &str, extra: Value) -> MsgElement {
    let mut element = TextElem::new(text);
    element.extra = members(extra);
    MsgElement::Text(element)
}

const COS: &str = "https://cos.example.com/im/";
const IMAGE_UUID: &str = "1853095_D61040894AC3DE44CDFFFB3EC7EB720F";

fn every_element_type() -> Vec<MsgElement> {
    let image_url = |query: &str| format!("{COS}{IMAGE_UUID}?imageView2/3/{query}");
    let mut video = VideoFileElem::default();
    video.video_url = Some(format!("{COS}video/5d41402abc4b2a76b9719d911017c592.mp4"));
    video.video_uuid = Some("5d41402abc4b2a76b9719d911017c592".to_owned());
    video.video_size = Some(1773552);
    video.video_second = Some(5);
    video.video_format = Some("mp4".to_owned());
    video.video_download_flag = Some(2);
    video.thumb_url = Some(format!("{COS}video/7d793037a0760186574b0282f2f435e7.jpg"));
    video.thumb_uuid = Some("7d793037a0760186574b0282f2f435e7".to_owned());
    video.thumb_size = Some(13907);
    video.thumb_width = Some(720);
    video.thumb_height = Some(1280);
    video.thumb_format = Some("JPG".to_owned());
    video.thumb_download_flag = Some(2);
    let mut file = FileElem::default();
    file.url = Some(format!("{COS}file/e4da3b7fbbce2345d7772b0674a318d5"));
    file.uuid = Some("e4da3b7fbbce2345d7772b0674a318d5".to_owned());
    file.file_size = Some(1773552);
    file.file_name = Some("pk-rules.pdf".to_owned());
    file.download_flag = Some(2);
    vec![
        MsgElement::text("look at this 👀"),
        custom(
            r#"{"level":12}"#,
            "CustomElement.MemberLevel",
            Some("badge:silver"),
            Some("dingdong.aiff"),
        ),
        face(12, "[clap]"),
        location(
            "Shenzhen Bay Sports Centre",
            "22.516384",
            "113.943634",
            json!({}),
        ),
        image(
            IMAGE_UUID,
            ImageFormat::Jpg,
            vec![
                image_info(
                    ImageKind::Original,
                    [1853095, 2448, 3264],
                    &image_url("w/2448/h/3264"),
                    json!({}),
                ),
                image_info(
                    ImageKind::Large,
                    [358400, 720, 960],
                    &image_url("w/720/h/960"),
                    json!({}),
                ),
                image_info(
                    ImageKind::Thumbnail,
                    [19660, 198, 264],
                    &image_url("w/198/h/264"),
                    json!({}),
                ),
            ],
            json!({}),
        ),
        sound(
            &format!("{COS}sound/9f2b1c.m4a"),
            "9f2b1c7e5a4d4c1e8a1b2c3d4e5f6a7b",
            62351,
            4,
        ),
        MsgElement::VideoFile(video),
        MsgElement::File(file),
    ]
}

fn expected_sending(name: &str) -> MessageSending {
    let documented = Message::documented();
    match name {
        "sample.json" => documented.sending(),
        "generic_im_event_time_number.json" => Message {
            room_type: Some("Community"),
            online_only: Some(true),
            topic_id: Some("@TGS#_@TGS#cQVLVHIM62CJ@TOPIC#_TestTopic"),
            ..documented
        }
        .sending(),
        "every_element_type.json" => Message {
            group_id: "pk-3",
            room_type: Some("Live"),
            from_account: Some("144115233775727695"),
            operator_account: Some("144115233775727695"),
            random: Some(3141592653),
            msg_id: Some("144115233775727695-1739956070-3141592653"),
            msg_body: Some(every_element_type()),
            cloud_custom_data: Some(r#"{"nick":"viewer one"}"#),
            event_time_ms: Some(1739956070210),
            online_only: None,
            topic_id: None,
        }
        .sending(),
        "unknown_msg_type.json" => Message {
            group_id: "pk-3",
            room_type: Some("Live"),
            from_account: Some("viewer-2"),
            operator_account: Some("viewer-2"),
            random: Some(1618033988),
            msg_id: Some("viewer-2-1739956075-1618033988"),
            msg_body: Some(vec![
                MsgElement::text("forwarding our chat"),
                MsgElement::Other(json!({
                    "MsgType": "TIMRelayElem",
                    "MsgContent": {
                        "Title": "Chat history of viewer-2 and 144115233775727695",
                        "MsgNum": 2,
                        "CompatibleText": "Your version does not support this message.",
                        "AbstractList": ["viewer-2: gg", "144115233775727695: 2.5x combo!"],
                        "MsgList": [
                            {"From_Account": "viewer-2", "MsgTimeStamp": 1739956001,
                             "MsgBody": [{"MsgType": "TIMTextElem", "MsgContent": {"Text": "gg"}}]},
                            {"From_Account": 144115233775727695_u64, "MsgTimeStamp": 1739956002,
                             "MsgBody": [{"MsgType": "TIMTextElem", "MsgContent": {"Text": "2.5x combo!"}}]}
                        ]
                    },
                    "Seq": 2,
                    "Ratio": 0.25
                })),
                MsgElement::Other(json!({"MsgType": "TIMNewElemNobodyKnowsYet", "MsgContent": null})),
            ]),
            cloud_custom_data: None,
            event_time_ms: Some(1739956075400),
            online_only: None,
            topic_id: None,
        }
        .sending(),
        "unknown_members.json" => Message {
            group_id: "pk-3",
            room_type: Some("Live"),
            from_account: Some("viewer-2"),
            operator_account: Some("viewer-2"),
            random: Some(577215664),
            msg_id: Some("viewer-2-1739956076-577215664"),
            msg_body: Some(vec![
                text_with(
                    "hi all",
                    json!({"Lang": "en", "Mentions": [{"Account": 144115245353757792_u64, "Offset": 0}]}),
                ),
                {
                    let mut element = CustomElem::default();
                    element.data = Some("LV1".to_owned());
                    element.desc = Some("CustomElement.MemberLevel".to_owned());
                    element.extra = members(json!({
                        "Priority": 3,
                        "Meta": {"Color": "#ffcc00", "Ratio": 1.5, "Big": u64::MAX, "Nothing": null}
                    }));
                    MsgElement::Custom(element)
                },
                image(
                    "img-7",
                    ImageFormat::Unknown,
                    vec![image_info(
                        ImageKind::Thumbnail,
                        [2048, 64, 64],
                        "https://cos.example.com/im/img-7-thumb",
                        json!({"Blurhash": "LEHV6nWB2yk8pyo0adR*.7kCMdnj"}),
                    )],
                    json!({"Thumbhash": "3OcRJYB4d3h/iIeHeEh3eIhw+j2w"}),
                ),
                location("Stage", "22.5", "113", json!({"Altitude": 12.75})),
            ]),
            cloud_custom_data: None,
            event_time_ms: Some(1739956076500),
            online_only: None,
            topic_id: None,
        }
        .sending(),
        "numbers_and_accounts_leniently.json" => Message {
            group_id: "pk-3",
            room_type: Some("Live"),
            from_account: Some("144115233775727695"),
            operator_account: Some("18446744073709551615"),
            random: Some(2718281828),
            msg_id: Some("144115233775727695-1739956077-2718281828"),
            msg_body: Some(vec![
                face(3, "[smile]"),
                sound("https://cos.example.com/s.m4a", "s-1", 62351, 4),
                image(
                    "img-8",
                    ImageFormat::Png,
                    vec![image_info(
                        ImageKind::Original,
                        [1024, 32, 32],
                        "https://cos.example.com/img-8",
                        json!({}),
                    )],
                    json!({}),
                ),
            ]),
            cloud_custom_data: None,
            event_time_ms: Some(1739956077210),
            online_only: Some(false),
            topic_id: None,
        }
        .sending(),
        "content_before_msg_type.json" => Message {
            group_id: "pk-3",
            room_type: Some("Live"),
            from_account: Some("viewer-2"),
            operator_account: Some("viewer-2"),
            random: Some(1),
            msg_id: Some("viewer-2-1739956078-1"),
            msg_body: Some(vec![MsgElement::text("order does not matter"), face(1, "content")]),
            cloud_custom_data: None,
            event_time_ms: Some(1739956078000),
            online_only: None,
            topic_id: None,
        }
        .sending(),
        "nulls_as_absent.json" => Message {
            group_id: "pk-3",
            room_type: None,
            from_account: None,
            operator_account: None,
            random: None,
            msg_id: Some("viewer-2-1739956079-0"),
            msg_body: None,
            cloud_custom_data: None,
            event_time_ms: None,
            online_only: None,
            topic_id: None,
        }
        .sending(),
        "without_msg_id.json" => Message {
            msg_id: None,
            ..documented
        }
        .sending(),
        "generic_im_copy_without_msg_id.json" => Message {
            room_type: Some("Community"),
            msg_id: None,
            online_only: Some(true),
            topic_id: Some("@TGS#_@TGS#cQVLVHIM62CJ@TOPIC#_TestTopic"),
            ..documented
        }
        .sending(),
        "element_member_given_twice.json" => Message {
            from_account: Some("viewer-2"),
            msg_body: Some(vec![MsgElement::text("buy cheap coins")]),
            ..Message::only_in("pk-3")
        }
        .sending(),
        // The Chat versions (chat-commands.md §5.7): any group type.
        "chat_topic_sample.json" => Message {
            room_type: Some("Community"),
            msg_id: None,
            online_only: Some(true),
            topic_id: Some("@TGS#_@TGS#cQVLVHIM62CJ@TOPIC#_TestTopic"),
            ..documented
        }
        .sending(),
        "chat_private_group.json" => Message {
            room_type: Some("Private"),
            from_account: Some("viewer-2"),
            operator_account: Some("viewer-2"),
            random: Some(2804799576),
            msg_body: Some(vec![MsgElement::text("see you at the battle")]),
            event_time_ms: Some(1739956100250),
            online_only: Some(false),
            ..Message::only_in("pk-3-fans")
        }
        .sending(),
        "chat_room_online_only_as_strings.json" => Message {
            room_type: Some("ChatRoom"),
            from_account: Some("jared"),
            operator_account: Some("jared"),
            random: Some(4294967295),
            msg_body: Some(vec![MsgElement::text("typing...")]),
            event_time_ms: Some(1670574414123),
            online_only: Some(true),
            ..Message::only_in("@TGS#3ROOM")
        }
        .sending(),
        other => panic!("no expected value for {other}"),
    }
}

fn expected_sent(name: &str) -> MessageSent {
    let documented = Message::documented();
    match name {
        "sample.json" => documented.sent(Some(123), Some(1490686222)),
        "online_only_flag.json" => Message {
            online_only: Some(true),
            ..documented
        }
        .sent(Some(123), Some(1490686222)),
        "generic_im_event_time_number.json" => Message {
            room_type: Some("Public"),
            online_only: Some(true),
            ..documented
        }
        .sent(Some(123), Some(1490686222)),
        "image_and_text.json" => Message {
            group_id: "pk-3",
            room_type: Some("Live"),
            from_account: Some("144115233775727695"),
            operator_account: Some("144115233775727695"),
            random: Some(3141592653),
            msg_id: Some("144115233775727695-1739956070-3141592653"),
            msg_body: Some(vec![
                image(
                    IMAGE_UUID,
                    ImageFormat::Jpg,
                    vec![
                        image_info(
                            ImageKind::Original,
                            [1853095, 2448, 3264],
                            &format!("{COS}{IMAGE_UUID}"),
                            json!({}),
                        ),
                        image_info(
                            ImageKind::Thumbnail,
                            [19660, 198, 264],
                            &format!("{COS}{IMAGE_UUID}?thumb"),
                            json!({}),
                        ),
                    ],
                    json!({}),
                ),
                MsgElement::text("our banner 🎉"),
            ]),
            cloud_custom_data: Some(""),
            event_time_ms: Some(1739956070350),
            online_only: None,
            topic_id: None,
        }
        .sent(Some(19), Some(1739956070)),
        "without_msg_id.json" => Message {
            msg_id: None,
            cloud_custom_data: None,
            ..documented
        }
        .sent(Some(123), Some(1490686222)),
        "empty_msg_id.json" => Message {
            msg_id: Some(""),
            cloud_custom_data: None,
            ..documented
        }
        .sent(Some(123), Some(1490686222)),
        "element_without_members.json" => Message {
            msg_body: Some(vec![
                MsgElement::Text(TextElem::default()),
                MsgElement::Other(json!({"MsgType": "TIMCustomElem"})),
            ]),
            ..Message::only_in("@TGS#1")
        }
        .sent(None, None),
        // The Chat versions (chat-commands.md §5.8): any group type.
        "chat_sample.json" => Message {
            room_type: Some("Public"),
            online_only: Some(true),
            ..documented
        }
        .sent(Some(123), Some(1490686222)),
        "chat_topic.json" => Message {
            room_type: Some("Community"),
            operator_account: Some("jared"),
            msg_id: None,
            cloud_custom_data: None,
            online_only: Some(false),
            topic_id: Some("@TGS#_@TGS#cQVLVHIM62CJ@TOPIC#_TestTopic"),
            ..documented
        }
        .sent(Some(130), Some(1490686222)),
        "chat_av_chat_room.json" => Message {
            room_type: Some("AVChatRoom"),
            from_account: Some("jared"),
            operator_account: Some("jared"),
            random: Some(123456),
            msg_body: Some(vec![MsgElement::text("hi")]),
            event_time_ms: Some(1670574414123),
            online_only: Some(false),
            ..Message::only_in("@TGS#aAVROOM")
        }
        .sent(Some(7), Some(1490686222)),
        other => panic!("no expected value for {other}"),
    }
}

// ---------------------------------------------------------------- the tests

#[test]
fn every_fixture_on_disk_is_listed() {
    let listed = |table: Fixtures| -> BTreeSet<String> {
        table.iter().map(|(name, _)| (*name).to_owned()).collect()
    };
    for command in [GIFT, BEFORE, AFTER] {
        let (valid, invalid) = table(command);
        assert_eq!(on_disk(command), listed(valid), "{command}");
        assert_eq!(
            on_disk(&format!("{command}/invalid")),
            listed(invalid),
            "{command}/invalid"
        );
    }
}

#[test]
fn every_valid_gift_decodes_to_its_expected_value() {
    for (name, body) in GIFT_VALID {
        let gift: GiftSending = decode(GIFT, name);
        assert_eq!(gift, expected_gift(name), "{name}");
        match LiveEvent::decode(GIFT, body.as_bytes()) {
            Ok(LiveEvent::GiftSending(event)) => assert_eq!(event, gift, "{name}"),
            other => panic!("{name}: {other:?}"),
        }
    }
}

#[test]
fn every_valid_message_decodes_to_its_expected_value() {
    for (name, body) in BEFORE_VALID {
        let message: MessageSending = decode(BEFORE, name);
        assert_eq!(message, expected_sending(name), "{name}");
        match LiveEvent::decode(BEFORE, body.as_bytes()) {
            Ok(LiveEvent::MessageSending(event)) => assert_eq!(event, message, "{name}"),
            other => panic!("{name}: {other:?}"),
        }
    }
    for (name, body) in AFTER_VALID {
        let message: MessageSent = decode(AFTER, name);
        assert_eq!(message, expected_sent(name), "{name}");
        match LiveEvent::decode(AFTER, body.as_bytes()) {
            Ok(LiveEvent::MessageSent(event)) => assert_eq!(event, message, "{name}"),
            other => panic!("{name}: {other:?}"),
        }
    }
}

/// Serialises `event`, checks the command and that decoding the JSON gives
/// the event back, and returns the JSON.
fn round_trip<T>(command: &str, event: &T) -> Value
where
    T: WebhookEvent + DeserializeOwned + Serialize + PartialEq + std::fmt::Debug,
{
    let json = serde_json::to_value(event).unwrap();
    assert_eq!(json["CallbackCommand"], command);
    let again: T = decode_json(command, json.to_string().as_bytes())
        .unwrap_or_else(|rejection| panic!("{command}: {rejection}: {json}"));
    assert_eq!(&again, event, "{json}");
    json
}

#[test]
fn every_valid_fixture_round_trips_with_tencent_names() {
    for (name, _) in GIFT_VALID {
        let gift: GiftSending = decode(GIFT, name);
        let json = round_trip(GIFT, &gift);
        assert_eq!(json["RoomId"], gift.room_id.as_str(), "{name}");
        assert_eq!(
            json.get("Operator_Account"),
            gift.operator_account.map(Value::from).as_ref(),
            "{name}"
        );
        let water = &json["GiftWater"];
        assert_eq!(
            water["From_Account"],
            gift.gift_water.from_account.as_str(),
            "{name}"
        );
        let written = |key: &str| water.get(key).cloned();
        assert_eq!(
            written("To_Account"),
            gift.gift_water.to_accounts.as_ref().map(|to| json!(to)),
            "{name}"
        );
        assert_eq!(written("Time"), gift.gift_water.time.map(Value::from));
        assert_eq!(
            written("GiftId"),
            gift.gift_water.gift_id.clone().map(Value::from)
        );
        assert_eq!(written("Count"), gift.gift_water.count.map(Value::from));
        assert_eq!(written("Coins"), gift.gift_water.coins.map(Value::from));
        assert_eq!(
            json.get("EventTime").and_then(Value::as_u64),
            gift.event_time_ms,
            "{name}"
        );
    }
    for (name, _) in BEFORE_VALID {
        let message: MessageSending = decode(BEFORE, name);
        let json = round_trip(BEFORE, &message);
        assert_eq!(json["GroupId"], message.group_id.as_str(), "{name}");
        let written = |key: &str| json.get(key).cloned();
        assert_eq!(written("MsgId"), message.msg_id.clone().map(Value::from));
        assert_eq!(
            written("From_Account"),
            message.from_account.clone().map(Value::from),
            "{name}"
        );
        assert_eq!(written("Random"), message.random.map(Value::from));
        assert_eq!(
            json.get("EventTime").and_then(Value::as_u64),
            message.event_time_ms,
            "{name}"
        );
    }
    for (name, _) in AFTER_VALID {
        let message: MessageSent = decode(AFTER, name);
        let json = round_trip(AFTER, &message);
        assert_eq!(json.get("MsgSeq").and_then(Value::as_u64), message.msg_seq);
        assert_eq!(
            json.get("MsgTime").and_then(Value::as_u64),
            message.msg_time
        );
        assert_eq!(json["GroupId"], message.group_id.as_str(), "{name}");
    }
}

#[test]
fn message_bodies_are_written_back_with_the_same_values() {
    for (command, name) in BODY_KEPT_EXACTLY {
        let original: Value = serde_json::from_str(body(command, name)).unwrap();
        let written = match *command {
            BEFORE => serde_json::to_value(decode::<MessageSending>(command, name)).unwrap(),
            _ => serde_json::to_value(decode::<MessageSent>(command, name)).unwrap(),
        };
        assert_eq!(written["MsgBody"], original["MsgBody"], "{command}/{name}");
        if let Some(flag) = original.get("OnlineOnlyFlag") {
            assert_eq!(&written["OnlineOnlyFlag"], flag, "{command}/{name}");
        }
    }
}

#[test]
fn a_modified_message_keeps_what_the_crate_does_not_know() {
    let message: MessageSending = decode(BEFORE, "unknown_members.json");
    let mut masked = message.msg_body().to_vec();
    let MsgElement::Text(text) = &mut masked[0] else {
        panic!("the first element is a text");
    };
    text.text = Some("*** all".to_owned());
    let decision = MessageDecision::modify(Some(masked), None);
    let answer: Value = serde_json::from_slice(&decision.to_bytes()).unwrap();
    assert_eq!(answer["ErrorCode"], 0);

    let mut expected: Value = serde_json::from_str(body(BEFORE, "unknown_members.json")).unwrap();
    expected["MsgBody"][0]["MsgContent"]["Text"] = json!("*** all");
    assert_eq!(answer["MsgBody"], expected["MsgBody"]);
    assert_eq!(
        answer["MsgBody"][0]["MsgContent"]["Mentions"][0]["Account"],
        144115245353757792_u64
    );
    assert_eq!(
        answer["MsgBody"][2]["MsgContent"]["ImageInfoArray"][0]["Blurhash"],
        "LEHV6nWB2yk8pyo0adR*.7kCMdnj"
    );
}

#[test]
fn an_unknown_element_is_kept_whole() {
    let message: MessageSending = decode(BEFORE, "unknown_msg_type.json");
    let original: Value = serde_json::from_str(body(BEFORE, "unknown_msg_type.json")).unwrap();
    assert_eq!(
        message.msg_body()[1],
        MsgElement::Other(original["MsgBody"][1].clone())
    );
    assert_eq!(message.msg_body()[1].msg_type(), "TIMRelayElem");
    assert_eq!(message.msg_body()[2].msg_type(), "TIMNewElemNobodyKnowsYet");
    assert_eq!(
        serde_json::to_string(&message.msg_body()[1]).unwrap(),
        serde_json::to_string(&original["MsgBody"][1]).unwrap(),
    );
    assert_eq!(message.texts().collect::<Vec<_>>(), ["forwarding our chat"]);
}

#[test]
fn the_documented_messages() {
    let message: MessageSending = decode(BEFORE, "sample.json");
    assert_eq!(message.texts().collect::<Vec<_>>(), ["red packet"]);
    assert_eq!(
        message
            .event_time()
            .unwrap()
            .duration_since(UNIX_EPOCH)
            .unwrap(),
        Duration::from_millis(1670574414123)
    );
    let number: MessageSending = decode(BEFORE, "generic_im_event_time_number.json");
    assert_eq!(
        number.event_time_ms, message.event_time_ms,
        "a string and a number, the same time"
    );

    let sent: MessageSent = decode(AFTER, "sample.json");
    assert_eq!(
        sent.sent_at().unwrap().duration_since(UNIX_EPOCH).unwrap(),
        Duration::from_secs(1490686222)
    );
    assert_eq!(sent.texts().collect::<Vec<_>>(), ["red packet"]);

    let every: MessageSending = decode(BEFORE, "every_element_type.json");
    assert_eq!(every.texts().collect::<Vec<_>>(), ["look at this 👀"]);
    let types: Vec<&str> = every.msg_body().iter().map(MsgElement::msg_type).collect();
    assert_eq!(
        types,
        [
            "TIMTextElem",
            "TIMCustomElem",
            "TIMFaceElem",
            "TIMLocationElem",
            "TIMImageElem",
            "TIMSoundElem",
            "TIMVideoFileElem",
            "TIMFileElem"
        ]
    );
    let MsgElement::Location(location) = &every.msg_body()[3] else {
        panic!("not a location");
    };
    assert_eq!(location.coordinates(), Some((22.516384, 113.943634)));
    let MsgElement::VideoFile(video) = &every.msg_body()[6] else {
        panic!("not a video");
    };
    assert_eq!(video.duration(), Some(Duration::from_secs(5)));
}

#[test]
fn the_documented_gift_and_its_total() {
    let gift: GiftSending = decode(GIFT, "sample.json");
    assert_eq!(gift.gift_water.total_coins(), Some(1000));
    assert_eq!(
        gift.gift_water
            .sent_at()
            .unwrap()
            .duration_since(UNIX_EPOCH)
            .unwrap(),
        Duration::from_secs(1703589922)
    );
    assert_eq!(gift.event_time(), None);

    let strings: GiftSending = decode(GIFT, "accounts_as_big_numbers_counts_as_strings.json");
    assert_eq!(strings.gift_water.total_coins(), Some(1500));

    let overflow: GiftSending = decode(GIFT, "total_coins_overflow.json");
    assert_eq!(overflow.gift_water.total_coins(), None);
    let mut water = overflow.gift_water.clone();
    water.count = Some(u64::MAX);
    water.coins = Some(1);
    assert_eq!(water.total_coins(), Some(u64::MAX));
    water.coins = Some(2);
    assert_eq!(water.total_coins(), None);
}

#[test]
fn invalid_fixtures_are_refused_with_the_right_code_and_path() {
    // (command, file, error code, what the error text must name)
    let cases: &[(&str, &str, i64, Option<&str>)] = &[
        (
            GIFT,
            "missing_from_account.json",
            3005,
            Some("From_Account"),
        ),
        (
            GIFT,
            "empty_from_account.json",
            3005,
            Some("`GiftWater.From_Account`"),
        ),
        (GIFT, "missing_gift_water.json", 3005, Some("GiftWater")),
        (GIFT, "gift_water_null.json", 3005, Some("`GiftWater`")),
        (GIFT, "gift_water_as_array.json", 3005, Some("`GiftWater`")),
        (GIFT, "missing_room_id.json", 3005, Some("RoomId")),
        (GIFT, "negative_count.json", 3005, Some("`GiftWater.Count`")),
        (
            GIFT,
            "fractional_coins.json",
            3005,
            Some("`GiftWater.Coins`"),
        ),
        (
            GIFT,
            "to_account_not_a_list.json",
            3005,
            Some("`GiftWater.To_Account`"),
        ),
        (GIFT, "json_array.json", 3005, None),
        (GIFT, "create_battle_command.json", 3006, None),
        (GIFT, "truncated.json", 3004, None),
        (BEFORE, "doc_sample_as_printed.json", 3004, None),
        (BEFORE, "missing_group_id.json", 3005, Some("GroupId")),
        (
            BEFORE,
            "text_as_number.json",
            3005,
            Some("`MsgBody[1].MsgContent.Text`"),
        ),
        (
            BEFORE,
            "text_as_object.json",
            3005,
            Some("`MsgBody[0].MsgContent.Text`"),
        ),
        (
            BEFORE,
            "text_given_twice.json",
            3005,
            Some("`MsgBody[0].MsgContent`"),
        ),
        (
            BEFORE,
            "content_as_array.json",
            3005,
            Some("`MsgBody[0].MsgContent`"),
        ),
        (
            BEFORE,
            "element_without_msg_type.json",
            3005,
            Some("`MsgBody[0]`"),
        ),
        (BEFORE, "msg_body_object.json", 3005, Some("`MsgBody`")),
        (BEFORE, "json_array.json", 3005, None),
        (BEFORE, "after_send_msg_command.json", 3006, None),
        (AFTER, "doc_sample_as_printed.json", 3004, None),
        (AFTER, "missing_group_id.json", 3005, Some("GroupId")),
        (AFTER, "msg_body_object.json", 3005, Some("`MsgBody`")),
        (
            AFTER,
            "text_as_number.json",
            3005,
            Some("`MsgBody[0].MsgContent.Text`"),
        ),
        (AFTER, "negative_msg_seq.json", 3005, Some("`MsgSeq`")),
        (AFTER, "before_send_msg_command.json", 3006, None),
    ];
    let mut checked = BTreeSet::new();
    for &(command, name, code, names) in cases {
        let (_, invalid) = table(command);
        let body = invalid
            .iter()
            .find(|(file, _)| *file == name)
            .unwrap_or_else(|| panic!("no invalid fixture {command}/{name}"))
            .1;
        let rejection: Rejection = match command {
            GIFT => decode_json::<GiftSending>(command, body.as_bytes()).map(drop),
            BEFORE => decode_json::<MessageSending>(command, body.as_bytes()).map(drop),
            _ => decode_json::<MessageSent>(command, body.as_bytes()).map(drop),
        }
        .expect_err(name);
        assert_eq!(
            rejection.error_code(),
            code,
            "{command}/{name}: {rejection}"
        );
        if let Some(names) = names {
            assert!(
                rejection.to_string().contains(names),
                "{command}/{name}: {rejection}"
            );
        }
        let through_the_table = LiveEvent::decode(command, body.as_bytes()).expect_err(name);
        assert_eq!(through_the_table.error_code(), code, "{command}/{name}");
        checked.insert(format!("{command}/{name}"));
    }
    for command in [GIFT, BEFORE, AFTER] {
        for (name, _) in table(command).1 {
            assert!(
                checked.contains(&format!("{command}/{name}")),
                "{command}/{name} not checked"
            );
        }
    }
}

#[test]
fn refusals_do_not_quote_the_message() {
    let body = BEFORE_INVALID
        .iter()
        .find(|(name, _)| *name == "text_as_object.json")
        .unwrap()
        .1;
    let rejection = decode_json::<MessageSending>(BEFORE, body.as_bytes()).unwrap_err();
    assert!(
        !rejection.to_string().contains("words a filter must see"),
        "{rejection}"
    );
}

#[test]
fn the_story_samples_round_trip_and_fill_every_field() {
    let gift = GiftSending::sample();
    let json = round_trip(GIFT, &gift);
    for key in ["Operator_Account", "RoomId", "GiftWater", "EventTime"] {
        assert!(json.get(key).is_some(), "no {key} in {json}");
    }
    for key in [
        "From_Account",
        "To_Account",
        "Time",
        "GiftId",
        "Count",
        "Coins",
    ] {
        assert!(json["GiftWater"].get(key).is_some(), "no {key} in {json}");
    }
    assert_eq!(gift.gift_water.total_coins(), Some(1500));

    let sending = MessageSending::sample();
    let sent = MessageSent::sample();
    let shared = [
        "GroupId",
        "Type",
        "From_Account",
        "Operator_Account",
        "Random",
        "MsgId",
        "MsgBody",
        "CloudCustomData",
        "EventTime",
        "OnlineOnlyFlag",
        "TopicId",
    ];
    let sending_json = round_trip(BEFORE, &sending);
    let sent_json = round_trip(AFTER, &sent);
    for key in shared {
        assert!(
            sending_json.get(key).is_some(),
            "no {key} in {sending_json}"
        );
        assert!(sent_json.get(key).is_some(), "no {key} in {sent_json}");
    }
    assert!(sent_json.get("MsgSeq").is_some() && sent_json.get("MsgTime").is_some());
    assert_eq!(sending.msg_id, sent.msg_id, "the same message");
    assert_eq!(sending.msg_body, sent.msg_body);
    assert!(sending.texts().next().is_some());

    for event in [
        LiveEvent::from(sending.clone()),
        LiveEvent::from(sent.clone()),
        LiveEvent::from(gift.clone()),
    ] {
        let json = serde_json::to_string(&event).unwrap();
        let again = LiveEvent::decode(event.callback_command(), json.as_bytes()).unwrap();
        assert_eq!(again, event);
    }

    // The story's order: the message is checked, then delivered, then the
    // gift is sent, all before the battle is created.
    let times = [
        sending.event_time_ms.unwrap(),
        sent.event_time_ms.unwrap(),
        gift.event_time_ms.unwrap(),
        BattleCreated::sample().event_time_ms(),
    ];
    assert!(times.windows(2).all(|pair| pair[0] < pair[1]), "{times:?}");
    assert!(sent.msg_time() * 1000 <= sent.event_time_ms.unwrap());
    assert!(gift.gift_water.time() * 1000 <= gift.event_time_ms.unwrap());
}

/// The members of `written` not in `original`, at every depth (keys only:
/// a number written for a numeric string is the same member).
fn added_members(written: &Value, original: &Value, path: &str, added: &mut Vec<String>) {
    match (written, original) {
        (Value::Object(written), Value::Object(original)) => {
            for (key, value) in written {
                let at = format!("{path}.{key}");
                match original.get(key) {
                    Some(before) => added_members(value, before, &at, added),
                    None => added.push(at),
                }
            }
        }
        (Value::Array(written), Value::Array(original)) => {
            for (index, value) in written.iter().enumerate() {
                let at = format!("{path}[{index}]");
                match original.get(index) {
                    Some(before) => added_members(value, before, &at, added),
                    None => added.push(at),
                }
            }
        }
        _ => {}
    }
}

#[test]
fn serialising_adds_no_member_the_body_did_not_have() {
    for command in [GIFT, BEFORE, AFTER] {
        for (name, body) in table(command).0 {
            let original: Value = serde_json::from_str(body).unwrap();
            let written = match command {
                GIFT => serde_json::to_value(decode::<GiftSending>(command, name)),
                BEFORE => serde_json::to_value(decode::<MessageSending>(command, name)),
                _ => serde_json::to_value(decode::<MessageSent>(command, name)),
            }
            .unwrap();
            let mut added = Vec::new();
            added_members(&written, &original, "", &mut added);
            added.retain(|path| path != ".CallbackCommand");
            assert!(added.is_empty(), "{command}/{name}: added {added:?}");
        }
    }
}

#[test]
fn a_bare_message_is_written_back_byte_for_byte() {
    let body = r#"{"CallbackCommand":"Group.CallbackAfterSendMsg","GroupId":"@TGS#1","MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{}},{"MsgType":"TIMCustomElem"}]}"#;
    let message: MessageSent = decode_json(AFTER, body.as_bytes()).unwrap();
    assert_eq!(serde_json::to_string(&message).unwrap(), body);
    assert_eq!(message.texts().collect::<Vec<_>>(), [""]);
    assert_eq!(message.msg_body()[1].msg_type(), "TIMCustomElem");
}

#[test]
fn an_element_member_given_twice_does_not_refuse_the_message() {
    let body = body(BEFORE, "element_member_given_twice.json");
    let message: MessageSending = decode_json(BEFORE, body.as_bytes()).unwrap();
    assert_eq!(message.texts().collect::<Vec<_>>(), ["buy cheap coins"]);
    // The element-level member is ignored; everything else is as it came.
    assert_eq!(
        serde_json::to_string(&message).unwrap(),
        r#"{"CallbackCommand":"Group.CallbackBeforeSendMsg","GroupId":"pk-3","From_Account":"viewer-2","MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"buy cheap coins"}}]}"#
    );
    match LiveEvent::decode(BEFORE, body.as_bytes()) {
        Ok(LiveEvent::MessageSending(event)) => assert_eq!(event, message),
        other => panic!("{other:?}"),
    }
}
