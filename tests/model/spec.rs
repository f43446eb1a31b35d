//! Every command's fields, as data: written from the command catalogue
//! (`shared/spec/live-commands.md`, one section a command) and the crate's
//! documented reading rules (`src/lenient.rs`, `src/decode.rs`, the README's
//! "Decoding"), never from the crate's types.
//!
//! Fields the catalogue names "tolerate but do not require" and the crate
//! documents as typed are listed too (`Notice` in `RoomInfo`, `OnlineOnlyFlag`
//! and `TopicId` of the message webhooks, the conference `Operator_Account` of
//! the seat webhook): a field the model did not know would be ignored by it
//! and read by the crate. The message elements follow Tencent Chat's
//! `TIMMessage` element formats, as the crate documents them.

/// How a field's value is read.
#[derive(Clone, Copy, Debug)]
pub enum Kind {
    /// An identity: a non-empty JSON string, or a JSON integer (every digit).
    Id,
    /// A JSON string, or a JSON integer (every digit).
    Account,
    /// An integer: a JSON integer, a string of ASCII digits (with a leading
    /// `-` for a signed field), or a number with a fraction or an exponent
    /// whose double is integral and below 2^52.
    Int(Width),
    /// `true`/`false`, `0`/`1`, or one of those four as a string.
    Flag,
    /// A flag, written back as `1`/`0` (`OnlineOnlyFlag`).
    FlagWrittenAsNumber,
    /// An enumeration sent as a string: read like an account, any value
    /// kept (unknown values are never refused).
    Enum,
    /// An enumeration sent as a number: read like a signed integer, any value
    /// kept.
    Code,
    /// An array of accounts (`null` elements refused).
    Accounts,
    /// An array of signed integers (`null` elements refused): `Category`.
    Integers,
    /// A JSON object only: an array is never read by position.
    Object(&'static Shape),
    /// An object, or a JSON string holding one (`FromRoomInfo` of the battles).
    ObjectOrString(&'static Shape),
    /// An array of objects.
    Objects(&'static Shape),
    /// `MsgBody`: an array of message elements.
    Messages,
    /// Any JSON, kept as it came (the recording `Payload`).
    Json,
    /// A JSON string only (the strings of message elements).
    Text,
    /// A JSON number only, kept as written (coordinates).
    Number,
}

/// The integer types of the catalogue's "Integer" fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Width {
    U32,
    U64,
    I64,
}

/// What a missing or `null` field is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Absent {
    /// Refused: the field ties the event to something (an identity, or an
    /// object that holds one).
    Refused,
    /// Left out.
    Omitted,
}

#[derive(Clone, Copy, Debug)]
pub struct Field {
    pub name: &'static str,
    /// Another spelling of the same field (`OpType` for `opType`). The
    /// decoder reads each spelling as a member of its own, so a body giving
    /// both is refused once the object has been read, not at the second key:
    /// a failure inside the object (a value it cannot decode) comes first.
    pub alias: Option<&'static str>,
    pub kind: Kind,
    pub absent: Absent,
}

/// The fields of an object.
#[derive(Debug)]
pub struct Shape {
    pub fields: &'static [Field],
    /// Whether members it does not name are kept (message contents) rather
    /// than ignored; kept members are read as JSON, and one given twice is
    /// refused.
    pub keeps_unknown: bool,
    /// A member (an optional account) that must be there and not empty once
    /// the object is read: an identity checked at the object's end (the room
    /// of `RoomInfo`, which the destroy webhook's `RoomInfo` may leave out).
    pub requires: Option<&'static str>,
}

impl Shape {
    pub fn field(&self, name: &str) -> Option<(usize, &Field)> {
        self.fields
            .iter()
            .enumerate()
            .find(|(_, field)| field.name == name || field.alias == Some(name))
    }
}

/// A webhook command.
#[derive(Debug)]
pub struct Command {
    /// The `CallbackCommand`.
    pub name: &'static str,
    /// The values its body's `CallbackCommand` may take.
    pub spellings: &'static [&'static str],
    pub shape: &'static Shape,
    /// For a before-webhook, the fallback decision the layer answers when no
    /// decision is made, byte for byte (spec §C: a gift is blocked, a message
    /// delivered); `None` for an after-webhook.
    pub fallback: Option<&'static str>,
    /// For a before-webhook, the decision the tests' app gives, byte for
    /// byte: one of the command's own kind that differs from its fallback.
    /// For a per-user question, the bytes for a body that names nobody
    /// (see [`Command::decided_for`]).
    pub decided: Option<&'static str>,
    /// Which console's URL sends it.
    pub table: Table,
    /// A question answered per user (§3.2, §3.3): the list of the body that
    /// names the users, and each item's member holding one.
    pub per_user: Option<(&'static str, &'static str)>,
}

/// The verdict the tests' app gives every user of a friend question
/// (`FriendDecision::refuse_all(38001, "no")`, §3.2: codes 38000-39000).
pub const FRIEND_REFUSAL: (i64, &str) = (38001, "no");

impl Command {
    /// The users a per-user question names: each item of its list with the
    /// member, an account (§3.2: `FriendItem[].To_Account`), in order.
    fn users(&self, event: &Value) -> Option<Vec<String>> {
        let (list, member) = self.per_user?;
        let items = event[list]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or_default();
        Some(
            items
                .iter()
                .filter_map(|item| item[member].as_str().map(str::to_owned))
                .collect(),
        )
    }

    /// The fallback answered to `event` once decoded (`None`: a body that
    /// could not be decoded). A per-user question then answers every user
    /// it names with the rule's verdict, allow (§A.4: Tencent proceeds).
    pub fn fallback_for(&self, event: Option<&Value>) -> Option<String> {
        let fallback = self.fallback?;
        match event.and_then(|event| self.users(event)) {
            Some(users) => Some(result_items(&users, 0, "")),
            None => Some(fallback.to_owned()),
        }
    }

    /// The tests' app's decision on `event`, as Tencent gets it: for a
    /// per-user question, a verdict for every user the body names.
    pub fn decided_for(&self, event: &Value) -> Option<String> {
        let decided = self.decided?;
        match self.users(event) {
            Some(users) => Some(result_items(&users, FRIEND_REFUSAL.0, FRIEND_REFUSAL.1)),
            None => Some(decided.to_owned()),
        }
    }
}

/// A friend question's answer (§3.2): `ErrorCode` 0 and one `ResultItem`
/// per user, each with the same verdict.
fn result_items(users: &[String], code: i64, info: &str) -> String {
    let items: Vec<String> = users
        .iter()
        .map(|user| {
            let (user, info) = (Value::from(user.as_str()), Value::from(info));
            format!(r#"{{"To_Account":{user},"ResultCode":{code},"ResultInfo":{info}}}"#)
        })
        .collect();
    let items = items.join(",");
    format!(r#"{{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0,"ResultItem":[{items}]}}"#)
}

/// Which console's URL sends a command (`chat-commands.md` §A.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Table {
    /// The Live URL only (`Live.*`, `Mic.*`).
    Live,
    /// Both: the room messages and follows TUILiveKit switches on.
    Both,
    /// The Chat URL only.
    Chat,
}

impl Table {
    pub fn live(self) -> bool {
        self != Table::Chat
    }

    pub fn chat(self) -> bool {
        self != Table::Live
    }
}

const fn f(name: &'static str, kind: Kind, absent: Absent) -> Field {
    Field {
        name,
        alias: None,
        kind,
        absent,
    }
}

use serde_json::Value;
use Absent::{Omitted as O, Refused as R};
use Kind::*;
use Width::*;

const fn id(name: &'static str) -> Field {
    f(name, Id, R)
}

/// `RoomInfo` of the room webhooks (§1, §2, §3, and §D's list), every member
/// optional; `RoomId` as given.
macro_rules! room_info {
    ($requires:expr) => {
        Shape {
            fields: &[
                f("RoomId", Account, O),
                f("RoomName", Account, O),
                f("RoomType", Enum, O),
                f("Owner_Account", Account, O),
                f("MaxMemberCount", Int(U64), O),
                f("MaxSeatCount", Int(U64), O),
                f("IsMessageDisabled", Flag, O),
                f("CustomInfo", Account, O),
                f("IsSeatEnabled", Flag, O),
                f("TakeSeatMode", Enum, O),
                f("CreateTime", Int(U64), O),
                f("IsPublicVisible", Flag, O),
                f("CoverURL", Account, O),
                f("Category", Integers, O),
                f("ActivityStatus", Int(I64), O),
                f("ViewCount", Int(U64), O),
                f("BackgroundURL", Account, O),
                f("IsUnlimitedRoomEnabled", Flag, O),
                f("Notice", Account, O),
                // One CN sample puts EventTime inside RoomInfo (§1).
                f("EventTime", Int(U64), O),
            ],
            keeps_unknown: false,
            requires: $requires,
        }
    };
}

/// Create and update: `RoomInfo.RoomId` is the identity.
static ROOM_INFO_WITH_ID: Shape = room_info!(Some("RoomId"));
/// Destroy: the room is named at the top; `RoomInfo.RoomId` is optional (§2).
static ROOM_INFO: Shape = room_info!(None);

static STATISTIC: Shape = Shape {
    fields: &[
        f("TotalViewers", Int(U64), O),
        f("TotalGiftsSent", Int(U64), O),
        f("TotalGiftCoins", Int(U64), O),
        f("TotalUniqueGiftSenders", Int(U64), O),
        f("TotalLikesReceived", Int(U64), O),
    ],
    keeps_unknown: false,
    requires: None,
};

static METADATA_ITEM: Shape = Shape {
    fields: &[f("Key", Account, O), f("Value", Account, O)],
    keeps_unknown: false,
    requires: None,
};

static MEMBER: Shape = Shape {
    fields: &[f("Member_Account", Account, O)],
    keeps_unknown: false,
    requires: None,
};

/// A seat (§10): `Member_Account` is absent when the seat is empty.
static SEAT: Shape = Shape {
    fields: &[
        f("Index", Int(U32), O),
        f("Member_Account", Account, O),
        f("IsTakenDisabled", Flag, O),
        f("IsVideoDisabled", Flag, O),
        f("IsAudioDisabled", Flag, O),
    ],
    keeps_unknown: false,
    requires: None,
};

/// A room of a started battle (§12).
static BATTLE_ROOM_INFO: Shape = Shape {
    fields: &[f("RoomId", Account, O), f("Owner_Account", Account, O)],
    keeps_unknown: false,
    requires: None,
};

/// A room of an ended battle, with its score (§13).
static BATTLE_ROOM: Shape = Shape {
    fields: &[
        f("RoomId", Account, O),
        f("Score", Int(I64), O),
        f("Owner_Account", Account, O),
    ],
    keeps_unknown: false,
    requires: None,
};

/// The gift record (§14): its sender is the identity of the gift.
static GIFT_WATER: Shape = Shape {
    fields: &[
        id("From_Account"),
        f("To_Account", Accounts, O),
        f("Time", Int(U64), O),
        f("GiftId", Account, O),
        f("Count", Int(U64), O),
        f("Coins", Int(U64), O),
    ],
    keeps_unknown: false,
    requires: None,
};

static FOLLOWED: Shape = Shape {
    fields: &[f("To_Account", Account, O)],
    keeps_unknown: false,
    requires: None,
};

/// The recording's `EventInfo` (§20): the room is its identity.
static EVENT_INFO: Shape = Shape {
    fields: &[
        id("RoomId"),
        f("EventTs", Int(U64), O),
        f("EventMsTs", Int(U64), O),
        f("UserId", Account, O),
        f("TaskId", Account, O),
        f("Payload", Json, O),
    ],
    keeps_unknown: false,
    requires: None,
};

// ------------------------------------------------------------ the commands

static CREATE_ROOM: Shape = Shape {
    fields: &[
        f("Operator_Account", Account, O),
        f("RoomInfo", Object(&ROOM_INFO_WITH_ID), R),
        f("EventTime", Int(U64), O),
    ],
    keeps_unknown: false,
    requires: None,
};

static DESTROY_ROOM: Shape = Shape {
    fields: &[
        f("Operator_Account", Account, O),
        id("RoomId"),
        f("EventType", Enum, O),
        f("EventTime", Int(U64), O),
        f("RoomInfo", Object(&ROOM_INFO), O),
        f("Statistic", Object(&STATISTIC), O),
    ],
    keeps_unknown: false,
    requires: None,
};

static UPDATE_ROOM: Shape = Shape {
    fields: &[
        f("Operator_Account", Account, O),
        f("RoomInfo", Object(&ROOM_INFO_WITH_ID), R),
        f("EventTime", Int(U64), O),
    ],
    keeps_unknown: false,
    requires: None,
};

static SET_METADATA: Shape = Shape {
    fields: &[
        f("Operator_Account", Account, O),
        id("RoomId"),
        f("Metadata", Objects(&METADATA_ITEM), O),
        f("EventTime", Int(U64), O),
    ],
    keeps_unknown: false,
    requires: None,
};

static DEL_METADATA: Shape = Shape {
    fields: &[
        f("Operator_Account", Account, O),
        id("RoomId"),
        f("Keys", Accounts, O),
        f("EventTime", Int(U64), O),
    ],
    keeps_unknown: false,
    requires: None,
};

/// The room-count alert (§6) names no room: it has no identity.
static THRESHOLD: Shape = Shape {
    fields: &[
        f("Operator_Account", Account, O),
        f("CurRoomCount", Int(U64), O),
        f("MaxRoomCount", Int(U64), O),
        f("EventTime", Int(U64), O),
    ],
    keeps_unknown: false,
    requires: None,
};

static MEMBER_STATE: Shape = Shape {
    fields: &[
        id("RoomId"),
        f("EventType", Enum, O),
        f("EventCause", Enum, O),
        f("MemberList", Objects(&MEMBER), O),
        f("EventTime", Int(U64), O),
    ],
    keeps_unknown: false,
    requires: None,
};

static CHANGE_OWNER: Shape = Shape {
    fields: &[
        id("RoomId"),
        f("EventTime", Int(U64), O),
        f("Operator_Account", Account, O),
        f("CurrentOwner_Account", Account, O),
        f("OriginalOwner_Account", Account, O),
    ],
    keeps_unknown: false,
    requires: None,
};

static MODIFY_ADMIN: Shape = Shape {
    fields: &[
        id("RoomId"),
        f("EventTime", Int(U64), O),
        f("Operator_Account", Account, O),
        f("Admin_Account", Accounts, O),
        // §B.6: `opType` here, `OpType` elsewhere: one field, two spellings.
        Field {
            name: "opType",
            alias: Some("OpType"),
            kind: Enum,
            absent: O,
        },
    ],
    keeps_unknown: false,
    requires: None,
};

static SEATS: Shape = Shape {
    fields: &[
        id("RoomId"),
        f("SeatList", Objects(&SEAT), O),
        // The conference version of the command adds it (§10).
        f("Operator_Account", Account, O),
        f("EventTime", Int(U64), O),
    ],
    keeps_unknown: false,
    requires: None,
};

static CREATE_BATTLE: Shape = Shape {
    fields: &[
        f("Operator_Account", Account, O),
        id("BattleId"),
        f("FromRoomId", Account, O),
        f("ToRoomIdList", Accounts, O),
        f("Timeout", Int(U64), O),
        f("Duration", Int(U64), O),
        f("NeedResponse", Flag, O),
        f("ExtensionInfo", Account, O),
        f("EventTime", Int(U64), O),
    ],
    keeps_unknown: false,
    requires: None,
};

static START_BATTLE: Shape = Shape {
    fields: &[
        id("BattleId"),
        f("Duration", Int(U64), O),
        f("CreateTime", Int(U64), O),
        f("StartTime", Int(U64), O),
        f("FromRoomInfo", ObjectOrString(&BATTLE_ROOM_INFO), O),
        f("ToRoomList", Objects(&BATTLE_ROOM_INFO), O),
        f("EventTime", Int(U64), O),
    ],
    keeps_unknown: false,
    requires: None,
};

static END_BATTLE: Shape = Shape {
    fields: &[
        id("BattleId"),
        f("Duration", Int(U64), O),
        f("CreateTime", Int(U64), O),
        f("StartTime", Int(U64), O),
        f("EndTime", Int(U64), O),
        // A missing OpType is not "time up": left out.
        f("OpType", Code, O),
        f("FromRoomInfo", ObjectOrString(&BATTLE_ROOM), O),
        f("ToRoomList", Objects(&BATTLE_ROOM), O),
        f("EventTime", Int(U64), O),
    ],
    keeps_unknown: false,
    requires: None,
};

static SEND_GIFT: Shape = Shape {
    fields: &[
        f("Operator_Account", Account, O),
        id("RoomId"),
        f("GiftWater", Object(&GIFT_WATER), R),
        f("EventTime", Int(U64), O),
    ],
    keeps_unknown: false,
    requires: None,
};

macro_rules! message {
    ($($extra:expr),*) => {
        Shape {
            fields: &[
                id("GroupId"),
                f("Type", Account, O),
                f("From_Account", Account, O),
                f("Operator_Account", Account, O),
                f("Random", Int(U64), O),
                // Real captures have no MsgId (issue 16 §1): GroupId alone
                // identifies a room message.
                f("MsgId", Account, O),
                $($extra,)*
                f("MsgBody", Messages, O),
                f("CloudCustomData", Account, O),
                f("EventTime", Int(U64), O),
                f("OnlineOnlyFlag", FlagWrittenAsNumber, O),
                f("TopicId", Account, O),
            ],
            keeps_unknown: false,
            requires: None,
        }
    };
}

static BEFORE_SEND_MSG: Shape = message!();
static AFTER_SEND_MSG: Shape = message!(f("MsgSeq", Int(U64), O), f("MsgTime", Int(U64), O));

static FOLLOW_ADD: Shape = Shape {
    fields: &[
        id("From_Account"),
        f("FollowList", Objects(&FOLLOWED), O),
        f("EventTime", Int(U64), O),
    ],
    keeps_unknown: false,
    requires: None,
};

static FOLLOW_DELETE: Shape = Shape {
    fields: &[
        id("From_Account"),
        f("To_Account", Accounts, O),
        f("EventTime", Int(U64), O),
    ],
    keeps_unknown: false,
    requires: None,
};

static RECORDING: Shape = Shape {
    fields: &[
        f("EventGroupId", Code, O),
        f("EventType", Code, O),
        f("CallbackTs", Int(U64), O),
        f("EventInfo", Object(&EVENT_INFO), R),
    ],
    keeps_unknown: false,
    requires: None,
};

// ------------------------------------------------ the Chat URL (chat-commands.md)

// §1.1: no identity; nothing is required.
static REQUEST_OVER_LIMIT: Shape = Shape {
    fields: &[
        f("ServiceName", Account, O),
        f("Command", Account, O),
        f("Request", Int(U64), O),
        f("Limit", Int(U64), O),
    ],
    keeps_unknown: false,
    requires: None,
};

// §2.1: the user (`Info.To_Account`) is the identity.
static STATE_INFO: Shape = Shape {
    fields: &[id("To_Account"), f("Action", Enum, O), f("Reason", Enum, O)],
    keeps_unknown: false,
    requires: None,
};

static KICKED_DEVICE: Shape = Shape {
    fields: &[f("Platform", Account, O)],
    keeps_unknown: false,
    requires: None,
};

static STATE_CHANGE: Shape = Shape {
    fields: &[
        f("Info", Object(&STATE_INFO), R),
        f("CustomStatus", Account, O),
        f("KickedDevice", Objects(&KICKED_DEVICE), O),
        f("EventTime", Int(U64), O),
    ],
    keeps_unknown: false,
    requires: None,
};

// C2C shapes (chat-commands.md §4)

// §4.1-4.2: nothing is required (a real before-send body has no accounts, a
// real after-send capture no `MsgKey`). `MsgId` is in the after-send CN field
// table; `EventTime` is in no C2C send sample, read when sent.
macro_rules! c2c_message {
    ($($extra:expr),*) => {
        Shape {
            fields: &[
                f("From_Account", Account, O),
                f("To_Account", Account, O),
                f("MsgSeq", Int(U64), O),
                f("MsgRandom", Int(U64), O),
                f("MsgTime", Int(U64), O),
                f("MsgKey", Account, O),
                f("MsgId", Account, O),
                f("OnlineOnlyFlag", FlagWrittenAsNumber, O),
                $($extra,)*
                f("MsgBody", Messages, O),
                f("CloudCustomData", Account, O),
                f("EventTime", Int(U64), O),
            ],
            keeps_unknown: false,
            requires: None,
        }
    };
}

static C2C_BEFORE_SEND_MSG: Shape = c2c_message!();
// `SendMsgResult`/`ErrorInfo` are request fields; `UnreadMsgNum` is -1 on a
// failed delivery.
static C2C_AFTER_SEND_MSG: Shape = c2c_message!(
    f("SendMsgResult", Int(I64), O),
    f("ErrorInfo", Account, O),
    f("UnreadMsgNum", Int(I64), O)
);

// §4.3: the reader is the identity.
static C2C_MSG_REPORT: Shape = Shape {
    fields: &[
        id("Report_Account"),
        f("Peer_Account", Account, O),
        f("LastReadTime", Int(U64), O),
        f("UnreadMsgNum", Int(I64), O),
        f("EventTime", Int(U64), O),
    ],
    keeps_unknown: false,
    requires: None,
};

// §4.4: the message recalled (`MsgKey`) is the identity.
static C2C_MSG_WITHDRAW: Shape = Shape {
    fields: &[
        f("From_Account", Account, O),
        f("To_Account", Account, O),
        id("MsgKey"),
        f("UnreadMsgNum", Int(I64), O),
        f("EventTime", Int(U64), O),
    ],
    keeps_unknown: false,
    requires: None,
};

static C2C_EXTENSION_KV: Shape = Shape {
    fields: &[
        f("Key", Account, O),
        f("Value", Account, O),
        f("Seq", Int(U64), O),
    ],
    keeps_unknown: false,
    requires: None,
};

// §4.5: the message (`MsgKey`) is the identity; `Seq` versions it.
static C2C_MSG_EXTENSION: Shape = Shape {
    fields: &[
        f("From_Account", Account, O),
        f("To_Account", Account, O),
        id("MsgKey"),
        f("OperateType", Code, O),
        f("ExtensionList", Objects(&C2C_EXTENSION_KV), O),
        f("Seq", Int(U64), O),
        f("EventTime", Int(U64), O),
    ],
    keeps_unknown: false,
    requires: None,
};

static C2C_MSG_INFO: Shape = Shape {
    fields: &[
        f("From_Account", Account, O),
        f("To_Account", Account, O),
        f("MsgKey", Account, O),
        f("MsgId", Account, O),
    ],
    keeps_unknown: false,
    requires: None,
};

// §4.6: the reader who sent the receipts is the identity.
static C2C_MSG_READ_RECEIPT: Shape = Shape {
    fields: &[
        id("Operator_Account"),
        f("Peer_Account", Account, O),
        f("C2CMsgInfo", Objects(&C2C_MSG_INFO), O),
        f("EventTime", Int(U64), O),
    ],
    keeps_unknown: false,
    requires: None,
};

// §4.7: the message edited (`MsgKey`) is the identity.
static C2C_MODIFY_MSG: Shape = Shape {
    fields: &[
        f("Operator_Account", Account, O),
        f("From_Account", Account, O),
        f("To_Account", Account, O),
        f("MsgSeq", Int(U64), O),
        f("MsgRandom", Int(U64), O),
        f("MsgTime", Int(U64), O),
        id("MsgKey"),
        f("MsgBody", Messages, O),
        f("CloudCustomData", Account, O),
        f("EventTime", Int(U64), O),
    ],
    keeps_unknown: false,
    requires: None,
};

static C2C_GROUP_READ_INFO: Shape = Shape {
    fields: &[f("GroupId", Account, O), f("MsgSeq", Int(U64), O)],
    keeps_unknown: false,
    requires: None,
};

// §4.8: the user is the identity.
static C2C_MSG_READ_ALL: Shape = Shape {
    fields: &[
        id("Report_Account"),
        f("GroupReadInfo", Objects(&C2C_GROUP_READ_INFO), O),
        f("EventTime", Int(U64), O),
    ],
    keeps_unknown: false,
    requires: None,
};

// Group shapes, §5.1-5.12

// The member lists (`[{Member_Account}]`) are `MEMBER`'s shape.

/// `UserDefinedDataList`'s element (§5.2).
static USER_DEFINED_DATA: Shape = Shape {
    fields: &[f("Key", Account, O), f("Value", Account, O)],
    keeps_unknown: false,
    requires: None,
};

/// §5.1: the group does not exist yet; no identity. `CreatedNum` is the
/// older pages' name of `CreateGroupNum` (read as a field of its own).
static BEFORE_CREATE_GROUP: Shape = Shape {
    fields: &[
        f("Operator_Account", Account, O),
        f("Owner_Account", Account, O),
        f("Type", Enum, O),
        f("Name", Account, O),
        f("CreateGroupNum", Int(U64), O),
        f("CreatedNum", Int(U64), O),
        f("MemberList", Objects(&MEMBER), O),
        f("EventTime", Int(U64), O),
    ],
    keeps_unknown: false,
    requires: None,
};

static AFTER_CREATE_GROUP: Shape = Shape {
    fields: &[
        id("GroupId"),
        f("Operator_Account", Account, O),
        f("Owner_Account", Account, O),
        f("Type", Enum, O),
        f("Name", Account, O),
        f("Introduction", Account, O),
        f("Notification", Account, O),
        f("MemberList", Objects(&MEMBER), O),
        f("UserDefinedDataList", Objects(&USER_DEFINED_DATA), O),
        f("EventTime", Int(U64), O),
    ],
    keeps_unknown: false,
    requires: None,
};

static BEFORE_APPLY_JOIN_GROUP: Shape = Shape {
    fields: &[
        id("GroupId"),
        f("Type", Enum, O),
        f("Requestor_Account", Account, O),
        f("EventTime", Int(U64), O),
    ],
    keeps_unknown: false,
    requires: None,
};

static BEFORE_INVITE_JOIN_GROUP: Shape = Shape {
    fields: &[
        id("GroupId"),
        f("Type", Enum, O),
        f("Operator_Account", Account, O),
        f("DestinationMembers", Objects(&MEMBER), O),
        f("EventTime", Int(U64), O),
    ],
    keeps_unknown: false,
    requires: None,
};

static AFTER_NEW_MEMBER_JOIN: Shape = Shape {
    fields: &[
        id("GroupId"),
        f("Type", Enum, O),
        f("JoinType", Enum, O),
        f("Operator_Account", Account, O),
        f("NewMemberList", Objects(&MEMBER), O),
        f("EventTime", Int(U64), O),
    ],
    keeps_unknown: false,
    requires: None,
};

static AFTER_MEMBER_EXIT: Shape = Shape {
    fields: &[
        id("GroupId"),
        f("Type", Enum, O),
        f("ExitType", Enum, O),
        f("Operator_Account", Account, O),
        f("ExitMemberList", Objects(&MEMBER), O),
        f("EventTime", Int(U64), O),
    ],
    keeps_unknown: false,
    requires: None,
};

static AFTER_GROUP_FULL: Shape = Shape {
    fields: &[id("GroupId"), f("EventTime", Int(U64), O)],
    keeps_unknown: false,
    requires: None,
};

static AFTER_GROUP_DESTROYED: Shape = Shape {
    fields: &[
        id("GroupId"),
        f("Type", Enum, O),
        f("Owner_Account", Account, O),
        f("Name", Account, O),
        f("MemberList", Objects(&MEMBER), O),
        f("EventTime", Int(U64), O),
    ],
    keeps_unknown: false,
    requires: None,
};

/// §5.11: only the changed fields are sent.
static AFTER_GROUP_INFO_CHANGED: Shape = Shape {
    fields: &[
        id("GroupId"),
        f("Type", Enum, O),
        f("Operator_Account", Account, O),
        f("Name", Account, O),
        f("Introduction", Account, O),
        f("Notification", Account, O),
        f("FaceUrl", Account, O),
        f("EventTime", Int(U64), O),
    ],
    keeps_unknown: false,
    requires: None,
};

/// A recalled message (§5.12); newer copies add its `MsgId`.
static RECALLED_MSG: Shape = Shape {
    fields: &[f("MsgSeq", Int(U64), O), f("MsgId", Account, O)],
    keeps_unknown: false,
    requires: None,
};

static AFTER_RECALL_MSG: Shape = Shape {
    fields: &[
        f("Operator_Account", Account, O),
        f("Type", Enum, O),
        id("GroupId"),
        f("MsgSeqList", Objects(&RECALLED_MSG), O),
        f("TopicId", Account, O),
        f("EventTime", Int(U64), O),
    ],
    keeps_unknown: false,
    requires: None,
};

// Group shapes, §5.13-5.25, and moderation (§6.1)

// `[{Member_Account}]` (§5.13 MemberList, §5.21 ReadReceiptMembers).
static GROUP_MEMBER_ACCOUNT: Shape = Shape {
    fields: &[f("Member_Account", Account, O)],
    keeps_unknown: false,
    requires: None,
};

// §5.13: the group is the identity; EventCause may be missing.
static GROUP_MEMBER_STATE: Shape = Shape {
    fields: &[
        id("GroupId"),
        f("EventType", Enum, O),
        f("EventCause", Enum, O),
        f("MemberList", Objects(&GROUP_MEMBER_ACCOUNT), O),
        f("EventTime", Int(U64), O),
    ],
    keeps_unknown: false,
    requires: None,
};

// §5.14: ErrorCode/ErrorInfo are request fields; Random is 32-bit unsigned.
static SEND_MSG_EXCEPTION: Shape = Shape {
    fields: &[
        id("GroupId"),
        f("Type", Enum, O),
        f("From_Account", Account, O),
        f("Operator_Account", Account, O),
        f("Random", Int(U64), O),
        f("OnlineOnlyFlag", FlagWrittenAsNumber, O),
        f("MsgBody", Messages, O),
        f("CloudCustomData", Account, O),
        f("ErrorCode", Code, O),
        f("ErrorInfo", Account, O),
        f("EventTime", Int(U64), O),
    ],
    keeps_unknown: false,
    requires: None,
};

// §5.15: the only copy has no GroupId; nothing is required.
static BEFORE_CREATE_TOPIC: Shape = Shape {
    fields: &[
        f("GroupId", Account, O),
        f("Operator_Account", Account, O),
        f("Type", Enum, O),
        f("Name", Account, O),
        f("EventTime", Int(U64), O),
    ],
    keeps_unknown: false,
    requires: None,
};

// `[{Key, Value}]` (§5.16 UserDefinedDataList).
static KEY_VALUE: Shape = Shape {
    fields: &[f("Key", Account, O), f("Value", Account, O)],
    keeps_unknown: false,
    requires: None,
};

// §5.16: the community and the new topic.
static AFTER_CREATE_TOPIC: Shape = Shape {
    fields: &[
        id("GroupId"),
        id("TopicId"),
        f("Operator_Account", Account, O),
        f("Owner_Account", Account, O),
        f("Type", Enum, O),
        f("Name", Account, O),
        f("UserDefinedDataList", Objects(&KEY_VALUE), O),
        f("EventTime", Int(U64), O),
    ],
    keeps_unknown: false,
    requires: None,
};

// §5.17: TopicIdList is an array of strings (the table's "String" is wrong).
static TOPIC_DESTROYED: Shape = Shape {
    fields: &[
        id("GroupId"),
        f("Type", Enum, O),
        f("TopicIdList", Accounts, O),
        f("EventTime", Int(U64), O),
    ],
    keeps_unknown: false,
    requires: None,
};

// §5.18: no TopicId in the only copy; read when present.
static TOPIC_INFO_CHANGED: Shape = Shape {
    fields: &[
        id("GroupId"),
        f("TopicId", Account, O),
        f("Type", Enum, O),
        f("Operator_Account", Account, O),
        f("Name", Account, O),
        f("Introduction", Account, O),
        f("Notification", Account, O),
        f("FaceUrl", Account, O),
        f("EventTime", Int(U64), O),
    ],
    keeps_unknown: false,
    requires: None,
};

// §5.19: only the changed fields are likely present.
static MEMBER_FIELD_CHANGED: Shape = Shape {
    fields: &[
        id("GroupId"),
        f("Type", Enum, O),
        f("Operator_Account", Account, O),
        f("Member_Account", Account, O),
        f("Role", Enum, O),
        f("NameCard", Account, O),
        f("EventTime", Int(U64), O),
    ],
    keeps_unknown: false,
    requires: None,
};

// §5.20: lower-case key/value.
static GROUP_ATTR: Shape = Shape {
    fields: &[f("key", Account, O), f("value", Account, O)],
    keeps_unknown: false,
    requires: None,
};

static GROUP_ATTR_CHANGED: Shape = Shape {
    fields: &[
        id("GroupId"),
        f("Type", Enum, O),
        f("Operator_Account", Account, O),
        f("OptionType", Enum, O),
        f("GroupAttr", Objects(&GROUP_ATTR), O),
        f("EventTime", Int(U64), O),
    ],
    keeps_unknown: false,
    requires: None,
};

// §5.21: one entry per message.
static GROUP_MSG_RECEIPT: Shape = Shape {
    fields: &[
        f("MsgSeq", Int(U64), O),
        f("ReadNum", Int(U64), O),
        f("UnreadNum", Int(U64), O),
        f("ReadReceiptMembers", Objects(&GROUP_MEMBER_ACCOUNT), O),
    ],
    keeps_unknown: false,
    requires: None,
};

static READ_RECEIPT: Shape = Shape {
    fields: &[
        id("GroupId"),
        f("Type", Enum, O),
        f("GroupMsgReceiptList", Objects(&GROUP_MSG_RECEIPT), O),
        f("EventTime", Int(U64), O),
    ],
    keeps_unknown: false,
    requires: None,
};

// §5.22.
static CHANGE_GROUP_OWNER: Shape = Shape {
    fields: &[
        id("GroupId"),
        f("Type", Enum, O),
        f("Operator_Account", Account, O),
        f("OldOwner_Account", Account, O),
        f("NewOwner_Account", Account, O),
        f("EventTime", Int(U64), O),
    ],
    keeps_unknown: false,
    requires: None,
};

// §5.23: an alert about the app; nothing is required.
static GROUP_QUOTA_ALARM: Shape = Shape {
    fields: &[
        f("QuotaUsed", Int(U64), O),
        f("Quota", Int(U64), O),
        f("EventTime", Int(U64), O),
    ],
    keeps_unknown: false,
    requires: None,
};

// §5.24: `{Key, Value, Seq}`; OperateType 1/2/3.
static MSG_EXTENSION: Shape = Shape {
    fields: &[
        f("Key", Account, O),
        f("Value", Account, O),
        f("Seq", Int(U64), O),
    ],
    keeps_unknown: false,
    requires: None,
};

static GROUP_MSG_EXTENSION: Shape = Shape {
    fields: &[
        id("GroupId"),
        f("MsgSeq", Int(U64), O),
        f("OperateType", Code, O),
        f("ExtensionList", Objects(&MSG_EXTENSION), O),
        f("Seq", Int(U64), O),
        f("EventTime", Int(U64), O),
    ],
    keeps_unknown: false,
    requires: None,
};

// §5.25: only the name was found. The fields are those §5.25 infers from
// the C2C edit callback (§4.7); none is required, and members it does not
// name are ignored, as everywhere (the crate-wide rule the attack matrix
// pins: a body kept whole would refuse what other commands accept).
static AFTER_MODIFY_MSG: Shape = Shape {
    fields: &[
        f("GroupId", Account, O),
        f("TopicId", Account, O),
        f("Type", Enum, O),
        f("Operator_Account", Account, O),
        f("From_Account", Account, O),
        f("MsgSeq", Int(U64), O),
        f("MsgTime", Int(U64), O),
        f("MsgBody", Messages, O),
        f("CloudCustomData", Account, O),
        f("EventTime", Int(U64), O),
    ],
    keeps_unknown: false,
    requires: None,
};

// §6.1: no CallbackCommand in the body; MsgID, ToGroupId, SdkAppId spelled
// so; TextContent a string or an array of strings (kept as JSON). Nothing is
// required.
static CONTACT_ITEM: Shape = Shape {
    fields: &[
        f("ContactType", Code, O),
        f("To_Account", Account, O),
        f("ToGroupId", Account, O),
    ],
    keeps_unknown: false,
    requires: None,
};

static RESULT_NOTIFY: Shape = Shape {
    fields: &[
        f("Scene", Enum, O),
        f("SdkAppId", Int(U64), O),
        f("From_Account", Account, O),
        f("ContactItem", Object(&CONTACT_ITEM), O),
        f("ContentType", Enum, O),
        f("TextContent", Json, O),
        f("FileURL", Account, O),
        f("MsgID", Account, O),
        f("CtxcbResult", Code, O),
        f("CtxcbRequestId", Account, O),
        f("CtxcbKeywords", Accounts, O),
        f("CtxcbSuggestion", Account, O),
        f("CtxcbLabel", Account, O),
        f("CtxcbSubLabel", Account, O),
        f("CtxcbSubLabelDesc", Account, O),
        f("CtxcbLibName", Account, O),
        f("CloudCustomData", Account, O),
    ],
    keeps_unknown: false,
    requires: None,
};

/// `ErrorCode` 1: a gift blocked (the gift's fallback, §14), or any other
/// before-webhook refused.
pub const REJECT: &str = r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":1}"#;
/// `ErrorCode` 2: a room message dropped silently.
pub const DISCARD: &str = r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":2}"#;
/// Tencent's OK: an after-webhook's acknowledgement, and the message's
/// fallback, which delivers it (§16).
pub const OK: &str = r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}"#;

/// A friend question's answer that names nobody (§3.2): a body that could
/// not be decoded, or one without users.
pub const FRIEND_NOBODY: &str =
    r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0,"ResultItem":[]}"#;
const RECORDING_SPELLINGS: &[&str] = &[
    "Live.CallbackAfterCloudRecordingChanged",
    "Follow.CallbackAfterCloudRecordingChanged",
];

macro_rules! commands {
    ($($name:literal => $shape:expr $(, spellings = $spellings:expr)? $(, decided = $decided:expr, fallback = $fallback:expr)? $(, per_user = $per_user:expr)? $(, table = $table:ident)?;)+) => {
        /// The catalogues' webhooks: the Live URL's, then those both URLs
        /// share, then the Chat URL's (the order of `TencentEvent`'s table),
        /// both spellings of the recording command (§20) as commands of their
        /// own.
        pub static COMMANDS: &[Command] = &[$(Command {
            name: $name,
            spellings: commands!(@spellings $name $(, $spellings)?),
            shape: &$shape,
            fallback: commands!(@option $($fallback)?),
            decided: commands!(@option $($decided)?),
            table: commands!(@table $($table)?),
            per_user: commands!(@option $($per_user)?),
        }),+];
    };
    (@spellings $name:literal) => { &[$name] };
    (@spellings $name:literal, $spellings:expr) => { $spellings };
    (@option) => { None };
    (@option $value:expr) => { Some($value) };
    (@table) => { Table::Live };
    (@table $table:ident) => { Table::$table };
}

commands! {
    "Live.CallbackAfterCreateRoom" => CREATE_ROOM;
    "Live.CallbackAfterDestroyRoom" => DESTROY_ROOM;
    "Live.CallbackAfterUpdateRoomInfo" => UPDATE_ROOM;
    "Live.CallbackAfterSetMetadata" => SET_METADATA;
    "Live.CallbackAfterDelMetadata" => DEL_METADATA;
    "Live.CallbackAfterCreateRoomReachingThreshold" => THRESHOLD;
    "Live.CallbackAfterMemberStateChanged" => MEMBER_STATE;
    "Live.CallbackAfterChangeOwner" => CHANGE_OWNER;
    "Live.CallbackAfterModifyAdmin" => MODIFY_ADMIN;
    "Mic.CallbackAfterSeatInfoChanged" => SEATS;
    "Live.CallbackAfterCreateBattle" => CREATE_BATTLE;
    "Live.CallbackAfterStartBattle" => START_BATTLE;
    "Live.CallbackAfterEndBattle" => END_BATTLE;
    "Live.CallbackBeforeSendGift" => SEND_GIFT, decided = OK, fallback = REJECT;
    "Live.CallbackAfterCloudRecordingChanged" => RECORDING, spellings = RECORDING_SPELLINGS;
    "Follow.CallbackAfterCloudRecordingChanged" => RECORDING, spellings = RECORDING_SPELLINGS;
    "Group.CallbackBeforeSendMsg" => BEFORE_SEND_MSG, decided = DISCARD, fallback = OK, table = Both;
    "Group.CallbackAfterSendMsg" => AFTER_SEND_MSG, table = Both;
    "Follow.CallbackAfterFollowAdd" => FOLLOW_ADD, table = Both;
    "Follow.CallbackAfterFollowDelete" => FOLLOW_DELETE, table = Both;
    "Alert.RequestOverLimit" => REQUEST_OVER_LIMIT, table = Chat;
    "State.StateChange" => STATE_CHANGE, table = Chat;
    // region: profile and sns (§3)
    "Profile.CallbackPortraitSet" => PORTRAIT_SET, table = Chat;
    "Sns.CallbackPrevFriendAdd" => PREV_FRIEND_ADD, decided = FRIEND_NOBODY, fallback = FRIEND_NOBODY, per_user = ("FriendItem", "To_Account"), table = Chat;
    "Sns.CallbackPrevFriendResponse" => PREV_FRIEND_RESPONSE, decided = FRIEND_NOBODY, fallback = FRIEND_NOBODY, per_user = ("ResponseFriendItem", "To_Account"), table = Chat;
    "Sns.CallbackFriendAdd" => FRIEND_ADD, table = Chat;
    "Sns.CallbackFriendDelete" => PAIR_LIST, table = Chat;
    "Sns.CallbackBlackListAdd" => PAIR_LIST, table = Chat;
    "Sns.CallbackBlackListDelete" => PAIR_LIST, table = Chat;
    // endregion: profile and sns
    // C2C (chat-commands.md §4)
    "C2C.CallbackBeforeSendMsg" => C2C_BEFORE_SEND_MSG, decided = REJECT, fallback = OK, table = Chat;
    "C2C.CallbackAfterSendMsg" => C2C_AFTER_SEND_MSG, table = Chat;
    "C2C.CallbackAfterMsgReport" => C2C_MSG_REPORT, table = Chat;
    "C2C.CallbackAfterMsgWithDraw" => C2C_MSG_WITHDRAW, table = Chat;
    "C2C.CallbackAfterC2CMsgExtension" => C2C_MSG_EXTENSION, table = Chat;
    "C2C.CallbackAfterMsgReadReceipt" => C2C_MSG_READ_RECEIPT, table = Chat;
    "C2C.CallbackAfterModifyMsg" => C2C_MODIFY_MSG, table = Chat;
    "C2C.CallbackAfterMsgReadAll" => C2C_MSG_READ_ALL, table = Chat;
    // Groups, §5.1-5.12
    "Group.CallbackBeforeCreateGroup" => BEFORE_CREATE_GROUP, decided = REJECT, fallback = OK, table = Chat;
    "Group.CallbackAfterCreateGroup" => AFTER_CREATE_GROUP, table = Chat;
    "Group.CallbackBeforeApplyJoinGroup" => BEFORE_APPLY_JOIN_GROUP, decided = REJECT, fallback = OK, table = Chat;
    "Group.CallbackBeforeInviteJoinGroup" => BEFORE_INVITE_JOIN_GROUP, decided = r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0,"RefusedMembers_Account":["jared"]}"#, fallback = OK, table = Chat;
    "Group.CallbackAfterNewMemberJoin" => AFTER_NEW_MEMBER_JOIN, table = Chat;
    "Group.CallbackAfterMemberExit" => AFTER_MEMBER_EXIT, table = Chat;
    "Group.CallbackAfterGroupFull" => AFTER_GROUP_FULL, table = Chat;
    "Group.CallbackAfterGroupDestroyed" => AFTER_GROUP_DESTROYED, table = Chat;
    "Group.CallbackAfterGroupInfoChanged" => AFTER_GROUP_INFO_CHANGED, table = Chat;
    "Group.CallbackAfterRecallMsg" => AFTER_RECALL_MSG, table = Chat;
    // Groups, §5.13-5.25, and moderation (§6.1)
    "Group.CallbackOnMemberStateChange" => GROUP_MEMBER_STATE, table = Chat;
    "Group.CallbackSendMsgException" => SEND_MSG_EXCEPTION, table = Chat;
    "Group.CallbackBeforeCreateTopic" => BEFORE_CREATE_TOPIC, decided = REJECT, fallback = OK, table = Chat;
    "Group.CallbackAfterCreateTopic" => AFTER_CREATE_TOPIC, table = Chat;
    "Group.CallbackAfterTopicDestroyed" => TOPIC_DESTROYED, table = Chat;
    "Group.CallbackAfterTopicInfoChanged" => TOPIC_INFO_CHANGED, table = Chat;
    "Group.CallbackAfterMemberFieldChanged" => MEMBER_FIELD_CHANGED, table = Chat;
    "Group.CallbackAfterGroupAttrChanged" => GROUP_ATTR_CHANGED, table = Chat;
    "Group.CallbackAfterReadReceipt" => READ_RECEIPT, table = Chat;
    "Group.CallbackAfterChangeGroupOwner" => CHANGE_GROUP_OWNER, table = Chat;
    "Group.CallbackOnDailyGroupQuotaAlarm" => GROUP_QUOTA_ALARM, table = Chat;
    "Group.CallbackAfterGroupMsgExtension" => GROUP_MSG_EXTENSION, table = Chat;
    "Group.CallbackAfterModifyMsg" => AFTER_MODIFY_MSG, table = Chat;
    "ContentCallback.ResultNotify" => RESULT_NOTIFY, table = Chat;
    // region: bots (§7)
    "Bot.OnC2CMessage" => BOT_C2C_MESSAGE, table = Chat;
    "Bot.OnGroupMessage" => BOT_GROUP_MESSAGE, table = Chat;
    "Chatbot.OnC2CSignalMessage" => BOT_SIGNAL, decided = r#"{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0,"RspData":"pong"}"#, fallback = OK, table = Chat;
    // endregion: bots
    // region: official accounts (§8)
    "OfficialAccount.CallbackBeforeCreateOfficialAccount" => OA_BEFORE_CREATE, decided = REJECT, fallback = OK, table = Chat;
    "OfficialAccount.CallbackAfterCreateOfficialAccount" => OA_AFTER_CREATE, table = Chat;
    "OfficialAccount.CallbackAfterOfficialAccountInfoChanged" => OA_INFO_CHANGED, table = Chat;
    "OfficialAccount.CallbackAfterOfficialAccountDestroyed" => OA_DESTROYED, table = Chat;
    "OfficialAccount.CallbackBeforeAddSubscriber" => OA_SUBSCRIBERS, decided = REJECT, fallback = OK, table = Chat;
    "OfficialAccount.CallbackAfterAddSubscriber" => OA_SUBSCRIBERS, table = Chat;
    "OfficialAccount.CallbackAfterOfficialAccountFull" => OA_FULL, table = Chat;
    "OfficialAccount.CallbackAfterDeleteSubscriber" => OA_SUBSCRIBERS, table = Chat;
    "OfficialAccount.CallbackBeforeSendMsg" => OA_BEFORE_SEND_MSG, decided = DISCARD, fallback = OK, table = Chat;
    "OfficialAccount.CallbackAfterSendMsg" => OA_AFTER_SEND_MSG, table = Chat;
    "OfficialAccount.CallbackAfterMsgWithDraw" => OA_MSG_WITHDRAW, table = Chat;
    // endregion: official accounts
    // region: push (appendix P)
    "Push.OfflinePush" => OFFLINE_PUSH, table = Chat;
    "Push.AllMemberPush" => ALL_MEMBER_PUSH, table = Chat;
    // endregion: push
}

pub fn command(name: &str) -> Option<&'static Command> {
    COMMANDS.iter().find(|command| command.name == name)
}

/// The paths of a command's identity fields: the fields whose absence makes
/// a body a 3005, each with its kind (an id, an object holding one, or a
/// required list of objects such as a relationship change's `PairList` or a
/// push batch's `Events`, where an empty list is kept).
pub fn identity_paths(command: &Command) -> Vec<(Vec<&'static str>, Kind)> {
    fn walk(shape: &Shape, prefix: &[&'static str], out: &mut Vec<(Vec<&'static str>, Kind)>) {
        for field in shape.fields {
            if field.absent != Absent::Refused {
                continue;
            }
            let mut path = prefix.to_vec();
            path.push(field.name);
            out.push((path.clone(), field.kind));
            if let Kind::Object(inner) = field.kind {
                walk(inner, &path, out);
            }
        }
        if let Some(required) = shape.requires {
            let mut path = prefix.to_vec();
            path.push(required);
            out.push((path, Kind::Id));
        }
    }
    let mut out = Vec::new();
    walk(command.shape, &[], &mut out);
    out
}

// region: shapes of profile and sns (§3)

// §3.1: `Value` is a string or a number by tag: kept as JSON.
static PROFILE_ITEM: Shape = Shape {
    fields: &[f("Tag", Account, O), f("Value", Json, O)],
    keeps_unknown: false,
    requires: None,
};

static PORTRAIT_SET: Shape = Shape {
    fields: &[
        id("From_Account"),
        f("Operator_Account", Account, O),
        f("ProfileItem", Objects(&PROFILE_ITEM), O),
        f("EventTime", Int(U64), O),
    ],
    keeps_unknown: false,
    requires: None,
};

// §3.2: the asking user is required; the users asked for are what the
// answer covers, one `ResultItem` each.
static FRIEND_ITEM: Shape = Shape {
    fields: &[
        f("To_Account", Account, O),
        f("Remark", Account, O),
        f("GroupName", Account, O),
        f("AddSource", Account, O),
        f("AddWording", Account, O),
    ],
    keeps_unknown: false,
    requires: None,
};

static PREV_FRIEND_ADD: Shape = Shape {
    fields: &[
        id("From_Account"),
        f("Requester_Account", Account, O),
        f("FriendItem", Objects(&FRIEND_ITEM), O),
        f("AddType", Enum, O),
        f("ForceAddFlags", Int(U64), O),
        f("EventTime", Int(U64), O),
    ],
    keeps_unknown: false,
    requires: None,
};

// §3.3: `TagName` here, `GroupName` in §3.2.
static RESPONSE_FRIEND_ITEM: Shape = Shape {
    fields: &[
        f("To_Account", Account, O),
        f("Remark", Account, O),
        f("TagName", Account, O),
        f("ResponseAction", Enum, O),
    ],
    keeps_unknown: false,
    requires: None,
};

static PREV_FRIEND_RESPONSE: Shape = Shape {
    fields: &[
        id("From_Account"),
        f("Requester_Account", Account, O),
        f("ResponseFriendItem", Objects(&RESPONSE_FRIEND_ITEM), O),
        f("EventTime", Int(U64), O),
    ],
    keeps_unknown: false,
    requires: None,
};

// §3.4-3.7: the pairs are the event; no `EventTime`.
static PAIR: Shape = Shape {
    fields: &[
        f("From_Account", Account, O),
        f("To_Account", Account, O),
        f("Initiator_Account", Account, O),
    ],
    keeps_unknown: false,
    requires: None,
};

static FRIEND_ADD: Shape = Shape {
    fields: &[
        f("PairList", Objects(&PAIR), R),
        f("ClientCmd", Account, O),
        f("Admin_Account", Account, O),
        f("ForceFlag", Int(U64), O),
    ],
    keeps_unknown: false,
    requires: None,
};

static PAIR_LIST: Shape = Shape {
    fields: &[f("PairList", Objects(&PAIR), R)],
    keeps_unknown: false,
    requires: None,
};
// endregion: shapes of profile and sns

// region: shapes of bots (§7)

// §7.1: the fields of §4.2 with `EventTime` (its CN table's `MsgId` too).
// Nothing is required (as for §4.2: real one-to-one captures lack `MsgKey`).
// The page prints no `UnreadMsgNum`; a capture of real traffic has one.
static BOT_C2C_MESSAGE: Shape = Shape {
    fields: &[
        f("From_Account", Account, O),
        f("To_Account", Account, O),
        f("MsgSeq", Int(U64), O),
        f("MsgRandom", Int(U64), O),
        f("MsgTime", Int(U64), O),
        f("MsgKey", Account, O),
        f("MsgId", Account, O),
        f("OnlineOnlyFlag", FlagWrittenAsNumber, O),
        f("SendMsgResult", Int(I64), O),
        f("ErrorInfo", Account, O),
        f("UnreadMsgNum", Int(I64), O),
        f("MsgBody", Messages, O),
        f("CloudCustomData", Account, O),
        f("EventTime", Int(U64), O),
    ],
    keeps_unknown: false,
    requires: None,
};

// §7.2: the group is the identity; `MsgSeq` (a group counter) optional, as
// for the room messages.
static BOT_GROUP_MESSAGE: Shape = Shape {
    fields: &[
        id("GroupId"),
        f("Type", Enum, O),
        f("From_Account", Account, O),
        f("Operator_Account", Account, O),
        f("Random", Int(U64), O),
        f("MsgSeq", Int(U64), O),
        f("MsgTime", Int(U64), O),
        f("OnlineOnlyFlag", FlagWrittenAsNumber, O),
        f("MsgBody", Messages, O),
        f("AtRobots_Account", Accounts, O),
        f("CloudCustomData", Account, O),
        f("TopicId", Account, O),
        f("EventTime", Int(U64), O),
    ],
    keeps_unknown: false,
    requires: None,
};

// §7.3: every field is [T] (a third-party SDK model): nothing is required,
// and `Data` (a string there) is kept as any JSON.
static BOT_SIGNAL: Shape = Shape {
    fields: &[
        f("From_Account", Account, O),
        f("To_Account", Account, O),
        f("MsgSeq", Int(U64), O),
        f("MsgRandom", Int(U64), O),
        f("MsgKey", Account, O),
        f("Data", Json, O),
        f("EventTime", Int(U64), O),
    ],
    keeps_unknown: false,
    requires: None,
};
// endregion: shapes of bots

// region: shapes of official accounts (§8)

// §8.1: the account has no id yet; like the group's creation (§5.1),
// nothing is required (an unreadable body gets the fallback, which creates).
static OA_BEFORE_CREATE: Shape = Shape {
    fields: &[
        f("Operator_Account", Account, O),
        f("Owner_Account", Account, O),
        f("Name", Account, O),
        f("EventTime", Int(U64), O),
    ],
    keeps_unknown: false,
    requires: None,
};

// §8.2: §8.1's fields plus the new account, the identity.
static OA_AFTER_CREATE: Shape = Shape {
    fields: &[
        id("Official_Account"),
        f("Operator_Account", Account, O),
        f("Owner_Account", Account, O),
        f("Name", Account, O),
        f("EventTime", Int(U64), O),
    ],
    keeps_unknown: false,
    requires: None,
};

// §8.3: whether unchanged fields are sent is not stated: all optional.
static OA_INFO_CHANGED: Shape = Shape {
    fields: &[
        id("Official_Account"),
        f("Operator_Account", Account, O),
        f("Introduction", Account, O),
        f("Name", Account, O),
        f("FaceUrl", Account, O),
        f("Organization", Account, O),
        f("EventTime", Int(U64), O),
    ],
    keeps_unknown: false,
    requires: None,
};

// §8.4: no operator.
static OA_DESTROYED: Shape = Shape {
    fields: &[
        id("Official_Account"),
        f("Owner_Account", Account, O),
        f("Name", Account, O),
        f("EventTime", Int(U64), O),
    ],
    keeps_unknown: false,
    requires: None,
};

// `[{Subscriber_Account}]` (§8.5, 8.6, 8.8).
static OA_SUBSCRIBER: Shape = Shape {
    fields: &[f("Subscriber_Account", Account, O)],
    keeps_unknown: false,
    requires: None,
};

// §8.5, 8.6 and 8.8 share their fields; the account is the identity.
static OA_SUBSCRIBERS: Shape = Shape {
    fields: &[
        id("Official_Account"),
        f("Operator_Account", Account, O),
        f("SubscribeAccountList", Objects(&OA_SUBSCRIBER), O),
        f("EventTime", Int(U64), O),
    ],
    keeps_unknown: false,
    requires: None,
};

// §8.7.
static OA_FULL: Shape = Shape {
    fields: &[id("Official_Account"), f("EventTime", Int(U64), O)],
    keeps_unknown: false,
    requires: None,
};

// §8.9: no key, no random, no sender but the account.
static OA_BEFORE_SEND_MSG: Shape = Shape {
    fields: &[
        id("Official_Account"),
        f("OnlineOnlyFlag", FlagWrittenAsNumber, O),
        f("MsgBody", Messages, O),
        f("CloudCustomData", Account, O),
        f("EventTime", Int(U64), O),
    ],
    keeps_unknown: false,
    requires: None,
};

// §8.10: `MsgKey` read when sent; `MsgTime` in seconds.
static OA_AFTER_SEND_MSG: Shape = Shape {
    fields: &[
        id("Official_Account"),
        f("MsgKey", Account, O),
        f("MsgTime", Int(U64), O),
        f("OnlineOnlyFlag", FlagWrittenAsNumber, O),
        f("MsgBody", Messages, O),
        f("CloudCustomData", Account, O),
        f("EventTime", Int(U64), O),
    ],
    keeps_unknown: false,
    requires: None,
};

// `[{MsgKey}]` (§8.11).
static OA_WITHDRAWN_MSG: Shape = Shape {
    fields: &[f("MsgKey", Account, O)],
    keeps_unknown: false,
    requires: None,
};

// §8.11: the account is in every sample (written `#TOA#_123`); the keys are
// read when sent.
static OA_MSG_WITHDRAW: Shape = Shape {
    fields: &[
        id("Official_Account"),
        f("WithdrawMsgList", Objects(&OA_WITHDRAWN_MSG), O),
        f("EventTime", Int(U64), O),
    ],
    keeps_unknown: false,
    requires: None,
};
// endregion: shapes of official accounts

// region: shapes of push (appendix P)

// Appendix P: the body is a batch, `{"Events":[...]}`, with no
// `CallbackCommand` at the top (one there is checked like any event's, and
// the command written back at the top is the batch's). `Events` is required;
// an empty list is kept. Each item repeats `CallbackCommand`: inside an item
// it is a plain optional member, kept as written even when it names another
// command (the crate keeps and flags such items). Nothing in an item is
// required; `EventTime` is in seconds.
static OFFLINE_PUSH_ITEM: Shape = Shape {
    fields: &[
        f("CallbackCommand", Account, O),
        f("EventType", Code, O),
        f("EventTime", Int(U64), O),
        f("From_Account", Account, O),
        f("To_Account", Account, O),
        f("PushPlatform", Code, O),
        f("PushStage", Code, O),
        f("MsgKey", Account, O),
        // Capital D, unlike every other command's `GroupId`.
        f("GroupID", Account, O),
        f("MsgSeq", Int(U64), O),
        f("MsgRandom", Int(U64), O),
        f("MsgTime", Int(U64), O),
        f("PushID", Account, O),
        f("ErrCode", Int(I64), O),
        f("ErrInfo", Account, O),
    ],
    keeps_unknown: false,
    requires: None,
};

static OFFLINE_PUSH: Shape = Shape {
    fields: &[f("Events", Objects(&OFFLINE_PUSH_ITEM), R)],
    keeps_unknown: false,
    requires: None,
};

// `EventType` 1 is an offline push, 2 an online one (not P.1's meaning).
static ALL_MEMBER_PUSH_ITEM: Shape = Shape {
    fields: &[
        f("CallbackCommand", Account, O),
        f("EventType", Code, O),
        f("TaskId", Account, O),
        f("TaskTime", Int(U64), O),
        f("EventTime", Int(U64), O),
        f("To_Account", Account, O),
        f("PushPlatform", Code, O),
        f("PushStage", Code, O),
        f("ErrCode", Int(I64), O),
        f("ErrInfo", Account, O),
    ],
    keeps_unknown: false,
    requires: None,
};

static ALL_MEMBER_PUSH: Shape = Shape {
    fields: &[f("Events", Objects(&ALL_MEMBER_PUSH_ITEM), R)],
    keeps_unknown: false,
    requires: None,
};
// endregion: shapes of push

// ---------------------------------------------------------- message elements

static TEXT: Shape = Shape {
    // A missing or null Text is left out (issue 16 §4: absent stays absent).
    fields: &[f("Text", Text, O)],
    keeps_unknown: true,
    requires: None,
};

static CUSTOM: Shape = Shape {
    fields: &[
        f("Data", Text, O),
        f("Desc", Text, O),
        f("Ext", Text, O),
        f("Sound", Text, O),
    ],
    keeps_unknown: true,
    requires: None,
};

static FACE: Shape = Shape {
    fields: &[f("Index", Int(I64), O), f("Data", Text, O)],
    keeps_unknown: true,
    requires: None,
};

static LOCATION: Shape = Shape {
    fields: &[
        f("Desc", Text, O),
        f("Latitude", Number, O),
        f("Longitude", Number, O),
    ],
    keeps_unknown: true,
    requires: None,
};

static IMAGE_INFO: Shape = Shape {
    fields: &[
        f("Type", Code, O),
        f("Size", Int(U64), O),
        f("Width", Int(U64), O),
        f("Height", Int(U64), O),
        f("URL", Text, O),
    ],
    keeps_unknown: true,
    requires: None,
};

static IMAGE: Shape = Shape {
    fields: &[
        f("UUID", Text, O),
        f("ImageFormat", Code, O),
        f("ImageInfoArray", Objects(&IMAGE_INFO), O),
    ],
    keeps_unknown: true,
    requires: None,
};

static SOUND: Shape = Shape {
    fields: &[
        f("Url", Text, O),
        f("UUID", Text, O),
        f("Size", Int(U64), O),
        f("Second", Int(U64), O),
        f("Download_Flag", Int(I64), O),
    ],
    keeps_unknown: true,
    requires: None,
};

static VIDEO_FILE: Shape = Shape {
    fields: &[
        f("VideoUrl", Text, O),
        f("VideoUUID", Text, O),
        f("VideoSize", Int(U64), O),
        f("VideoSecond", Int(U64), O),
        f("VideoFormat", Text, O),
        f("VideoDownloadFlag", Int(I64), O),
        f("ThumbUrl", Text, O),
        f("ThumbUUID", Text, O),
        f("ThumbSize", Int(U64), O),
        f("ThumbWidth", Int(U64), O),
        f("ThumbHeight", Int(U64), O),
        f("ThumbFormat", Text, O),
        f("ThumbDownloadFlag", Int(I64), O),
    ],
    keeps_unknown: true,
    requires: None,
};

static FILE: Shape = Shape {
    fields: &[
        f("Url", Text, O),
        f("UUID", Text, O),
        f("FileSize", Int(U64), O),
        f("FileName", Text, O),
        f("Download_Flag", Int(I64), O),
    ],
    keeps_unknown: true,
    requires: None,
};

/// The eight element types read with their own rules; any other `MsgType`
/// is kept whole.
pub static ELEMENTS: &[(&str, &Shape)] = &[
    ("TIMTextElem", &TEXT),
    ("TIMCustomElem", &CUSTOM),
    ("TIMFaceElem", &FACE),
    ("TIMLocationElem", &LOCATION),
    ("TIMImageElem", &IMAGE),
    ("TIMSoundElem", &SOUND),
    ("TIMVideoFileElem", &VIDEO_FILE),
    ("TIMFileElem", &FILE),
];

pub fn element(msg_type: &str) -> Option<&'static Shape> {
    ELEMENTS
        .iter()
        .find(|(name, _)| *name == msg_type)
        .map(|(_, shape)| *shape)
}
