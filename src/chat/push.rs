//! The Push add-on's callbacks (chat-commands.md appendix P): each body is
//! a batch of push results, `{"Events":[...]}`, read as one event.
//!
//! `Push.OfflinePush` reports vendor (offline) pushes of messages;
//! `Push.AllMemberPush` the pushes of an all-member, tag or single push
//! task. Both come to the Chat URL with the usual query string (without
//! `ClientIP` and `OptPlatform`); the answer is the plain acknowledgement.
//! Tencent limits them to 1000 requests a second and retries the ones over
//! the limit later: the only Chat callbacks retried by default.

use std::time::SystemTime;

use serde::ser::SerializeStruct;
use serde::{Deserialize, Serialize, Serializer};

use crate::battle::unix_seconds;
use crate::lenient::Lenient;

/// A batch of push results: the body of `Push.OfflinePush`
/// ([`PushBatch<OfflinePush>`]) or `Push.AllMemberPush`
/// ([`PushBatch<AllMemberPush>`]), `{"Events":[...]}` with 1 to 100 items.
///
/// The batch is one event: one handler call, one acknowledgement. Required:
/// `Events` (a body without it means nothing); an empty list is accepted.
/// No member of an item is required (an item without its id is still a
/// push result), and an item is refused, with the whole batch, only when a
/// member has the wrong JSON type.
///
/// Each item repeats `CallbackCommand`. An item naming another command
/// than the batch's is **kept**, its command as written in
/// [`PushItem::callback_command`], and listed by
/// [`mismatched`](Self::mismatched); a `CallbackCommand` at the top of the
/// body (Tencent writes none) is checked against the query's like any
/// event's. Serialising writes the batch's `CallbackCommand`, then
/// `Events`.
///
/// Each item has its own exact key, [`PushItem::idempotency_key`]; the
/// batch has no whole-body key (no millisecond time), so deduplicate per
/// item.
///
/// ```
/// use tencent_live_webhook::{decode_json, OfflinePush, PushBatch, PushItem, WebhookEvent};
///
/// let body = br#"{"Events":[
///     {"CallbackCommand":"Push.OfflinePush","EventType":1,"EventTime":1557481127,
///      "From_Account":"user1","To_Account":"user2","PushPlatform":1,"PushStage":1,
///      "MsgKey":"48374_2837546_1557481126","PushID":"67120c46_6a4086c0","ErrCode":0,"ErrInfo":"OK"},
///     {"CallbackCommand":"Push.AllMemberPush","PushID":"6710c631_85"}]}"#;
/// let batch: PushBatch<OfflinePush> = decode_json(OfflinePush::COMMAND, body)?;
///
/// assert_eq!(batch.events.len(), 2);
/// assert_eq!(
///     batch.events[0].idempotency_key().as_deref(),
///     Some("Push.OfflinePush:67120c46_6a4086c0")
/// );
/// assert_eq!(batch.events[0].event_time_s, Some(1557481127));
/// let odd: Vec<_> = batch.mismatched().collect();
/// assert_eq!(odd.len(), 1);
/// assert_eq!(odd[0].callback_command(), Some("Push.AllMemberPush"));
/// assert_eq!(batch.callback_command(), "Push.OfflinePush");
/// # Ok::<(), tencent_live_webhook::Rejection>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(bound(deserialize = "T: Lenient"))]
#[non_exhaustive]
pub struct PushBatch<T> {
    /// `Events`: the push results, in the body's order. Required.
    #[serde(rename = "Events", deserialize_with = "crate::lenient::required")]
    pub events: Vec<T>,
}

impl<T> PushBatch<T> {
    /// A batch of these items.
    pub fn new(events: Vec<T>) -> Self {
        Self { events }
    }
}

impl<T: PushItem> PushBatch<T> {
    /// The items whose own `CallbackCommand` is present and names another
    /// command than the batch's (`T::COMMAND`); kept, not refused.
    pub fn mismatched(&self) -> impl Iterator<Item = &T> {
        self.events.iter().filter(|item| {
            item.callback_command()
                .is_some_and(|command| command != T::COMMAND)
        })
    }
}

impl<T: PushItem + Serialize> Serialize for PushBatch<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut batch = serializer.serialize_struct("PushBatch", 2)?;
        batch.serialize_field("CallbackCommand", T::COMMAND)?;
        batch.serialize_field("Events", &self.events)?;
        batch.end()
    }
}

/// An item of a [`PushBatch`]: [`OfflinePush`] or [`AllMemberPush`].
pub trait PushItem {
    /// The `CallbackCommand` of the batches this item comes in.
    const COMMAND: &'static str;

    /// The item's own `CallbackCommand`, as written (`None` when absent).
    fn callback_command(&self) -> Option<&str>;

    /// The item's exact idempotency key: `Push.OfflinePush:<PushID>` or
    /// `Push.AllMemberPush:<TaskId>:<To_Account>`; `None` when an id is
    /// missing. Tencent retries these callbacks, so an item may come twice.
    fn idempotency_key(&self) -> Option<String>;
}

/// The `WebhookEvent` impl of one batch type.
macro_rules! push_batch {
    ($item:ident = $command:literal) => {
        impl $item {
            #[doc = concat!("`", $command, "`, the `CallbackCommand` of its batches.")]
            pub const COMMAND: &'static str = $command;
        }

        impl $crate::WebhookEvent for PushBatch<$item> {
            const CALLBACK_COMMANDS: &'static [&'static str] = &[$command];

            fn decode(command: &str, body: &[u8]) -> Result<Self, $crate::Rejection> {
                $crate::decode_json(command, body)
            }

            fn batch_len(&self) -> Option<usize> {
                Some(self.events.len())
            }
        }
    };
}

push_batch!(OfflinePush = "Push.OfflinePush");
push_batch!(AllMemberPush = "Push.AllMemberPush");

object! {
    /// One item of `Push.OfflinePush`: the result of a vendor (offline) push
    /// of a one-to-one or group message to one receiver.
    ///
    /// Its exact key is `Push.OfflinePush:<PushID>`
    /// ([`PushItem::idempotency_key`]). The group is spelled `GroupID`
    /// (capital D) here.
    #[derive(Default, Eq, Hash)]
    pub struct OfflinePush {
        /// `CallbackCommand`: the item's own command, as written
        /// (`Push.OfflinePush`; see [`PushBatch::mismatched`]).
        pub callback_command: Option<String> = "CallbackCommand",
        /// `EventType`: 1 for a one-to-one message, 2 for a group message.
        pub event_type: Option<OfflinePushType> = "EventType",
        /// `EventTime`: when the push happened, Unix **seconds** (not
        /// milliseconds, unlike the other Chat callbacks).
        pub event_time_s: Option<u64> = "EventTime",
        /// `From_Account`: the message's sender.
        pub from_account: Option<String> = "From_Account",
        /// `To_Account`: the push's receiver.
        pub to_account: Option<String> = "To_Account",
        /// `PushPlatform`: the push vendor (Tencent does not list the
        /// values).
        pub push_platform: Option<i64> = "PushPlatform",
        /// `PushStage`: the push's stage (Tencent does not list the values).
        pub push_stage: Option<i64> = "PushStage",
        /// `MsgKey`: the one-to-one message's key (`EventType` 1).
        pub msg_key: Option<String> = "MsgKey",
        /// `GroupID` (capital D): the group of a group message
        /// (`EventType` 2).
        pub group_id: Option<String> = "GroupID",
        /// `MsgSeq`: the message's sequence number (32-bit unsigned for a
        /// one-to-one message).
        pub msg_seq: Option<u64> = "MsgSeq",
        /// `MsgRandom`: the message's random number, 32-bit unsigned.
        pub msg_random: Option<u64> = "MsgRandom",
        /// `MsgTime`: when the message was sent, Unix **seconds**.
        pub msg_time: Option<u64> = "MsgTime",
        /// `PushID`: the push's id, the item's identity.
        pub push_id: Option<String> = "PushID",
        /// `ErrCode`: the push's result, 0 when it succeeded. A field of the
        /// item, not an answer.
        pub err_code: Option<i64> = "ErrCode",
        /// `ErrInfo`: the result in words; may be empty.
        pub err_info: Option<String> = "ErrInfo",
    }
}

impl OfflinePush {
    /// The item's exact idempotency key, `Push.OfflinePush:<PushID>`;
    /// `None` without a `PushID` (or with an empty one). The command is the
    /// batch's, whatever the item's own `CallbackCommand` says.
    pub fn idempotency_key(&self) -> Option<String> {
        let push_id = self.push_id.as_deref().filter(|id| !id.is_empty())?;
        Some(format!("{}:{push_id}", Self::COMMAND))
    }

    /// When the push happened; `None` when the item has no `EventTime` or
    /// it is past what `SystemTime` holds.
    pub fn event_time(&self) -> Option<SystemTime> {
        self.event_time_s.and_then(unix_seconds)
    }

    /// Whether the push succeeded: `ErrCode` is 0; `None` without one.
    pub fn succeeded(&self) -> Option<bool> {
        self.err_code.map(|code| code == 0)
    }
}

impl PushItem for OfflinePush {
    const COMMAND: &'static str = "Push.OfflinePush";

    fn callback_command(&self) -> Option<&str> {
        self.callback_command.as_deref()
    }

    fn idempotency_key(&self) -> Option<String> {
        OfflinePush::idempotency_key(self)
    }
}

object! {
    /// One item of `Push.AllMemberPush`: the result of an all-member, tag
    /// or single push task for one receiver.
    ///
    /// Its exact key is `Push.AllMemberPush:<TaskId>:<To_Account>`
    /// ([`PushItem::idempotency_key`]). `EventType` means something else
    /// here than in [`OfflinePush`].
    ///
    /// ```
    /// use tencent_live_webhook::{decode_json, AllMemberPush, AllMemberPushType, PushBatch};
    ///
    /// let body = br#"{"Events":[{"CallbackCommand":"Push.AllMemberPush","EventType":2,
    ///     "TaskId":"657bf434_9","TaskTime":1557481127,"EventTime":"1557481129",
    ///     "To_Account":"user3","PushPlatform":0,"PushStage":1,"ErrCode":0,"ErrInfo":"OK"}]}"#;
    /// let batch: PushBatch<AllMemberPush> = decode_json(AllMemberPush::COMMAND, body)?;
    /// let push = &batch.events[0];
    ///
    /// assert_eq!(push.event_type, Some(AllMemberPushType::Online));
    /// assert_eq!(push.event_time_s, Some(1557481129));
    /// assert_eq!(
    ///     push.idempotency_key().as_deref(),
    ///     Some("Push.AllMemberPush:657bf434_9:user3")
    /// );
    /// # Ok::<(), tencent_live_webhook::Rejection>(())
    /// ```
    #[derive(Default, Eq, Hash)]
    pub struct AllMemberPush {
        /// `CallbackCommand`: the item's own command, as written
        /// (`Push.AllMemberPush`; see [`PushBatch::mismatched`]).
        pub callback_command: Option<String> = "CallbackCommand",
        /// `EventType`: 1 for an offline (vendor) push, 2 for an online
        /// push.
        pub event_type: Option<AllMemberPushType> = "EventType",
        /// `TaskId`: the push task's id, as its start returned it.
        pub task_id: Option<String> = "TaskId",
        /// `TaskTime`: when the push task started, Unix **seconds**.
        pub task_time: Option<u64> = "TaskTime",
        /// `EventTime`: when the push happened, Unix **seconds** (not
        /// milliseconds, unlike the other Chat callbacks).
        pub event_time_s: Option<u64> = "EventTime",
        /// `To_Account`: the push's receiver.
        pub to_account: Option<String> = "To_Account",
        /// `PushPlatform`: the push vendor (Tencent does not list the
        /// values).
        pub push_platform: Option<i64> = "PushPlatform",
        /// `PushStage`: the push's stage (Tencent does not list the values).
        pub push_stage: Option<i64> = "PushStage",
        /// `ErrCode`: the push's result, 0 when it succeeded. A field of the
        /// item, not an answer.
        pub err_code: Option<i64> = "ErrCode",
        /// `ErrInfo`: the result in words; may be empty.
        pub err_info: Option<String> = "ErrInfo",
    }
}

impl AllMemberPush {
    /// The item's exact idempotency key,
    /// `Push.AllMemberPush:<TaskId>:<To_Account>`; `None` without both (or
    /// with either empty). The command is the batch's, whatever the item's
    /// own `CallbackCommand` says.
    pub fn idempotency_key(&self) -> Option<String> {
        let task_id = self.task_id.as_deref().filter(|id| !id.is_empty())?;
        let to_account = self.to_account.as_deref().filter(|id| !id.is_empty())?;
        Some(format!("{}:{task_id}:{to_account}", Self::COMMAND))
    }

    /// When the push happened; `None` when the item has no `EventTime` or
    /// it is past what `SystemTime` holds.
    pub fn event_time(&self) -> Option<SystemTime> {
        self.event_time_s.and_then(unix_seconds)
    }

    /// Whether the push succeeded: `ErrCode` is 0; `None` without one.
    pub fn succeeded(&self) -> Option<bool> {
        self.err_code.map(|code| code == 0)
    }
}

impl PushItem for AllMemberPush {
    const COMMAND: &'static str = "Push.AllMemberPush";

    fn callback_command(&self) -> Option<&str> {
        self.callback_command.as_deref()
    }

    fn idempotency_key(&self) -> Option<String> {
        AllMemberPush::idempotency_key(self)
    }
}

code_enum! {
    /// [`OfflinePush::event_type`]: which kind of message was pushed.
    pub enum OfflinePushType {
        /// 1: a one-to-one message (the item has a `MsgKey`).
        C2c = 1,
        /// 2: a group message (the item has a `GroupID`).
        Group = 2,
    }
}

code_enum! {
    /// [`AllMemberPush::event_type`]: how the task's push went out.
    pub enum AllMemberPushType {
        /// 1: an offline push, through the device vendor.
        Offline = 1,
        /// 2: an online push.
        Online = 2,
    }
}
