//! `Group.CallbackAfterModifyMsg`: a group message was edited. Tencent's
//! page for it was not found: the body is kept whole.

use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

/// `Group.CallbackAfterModifyMsg`: a group message was edited.
///
/// Tencent lists this command, but its page (fields, sample) was not found;
/// by analogy with `C2C.CallbackAfterModifyMsg` it should carry `GroupId`,
/// `Type`, `Operator_Account`, `From_Account`, `MsgSeq`, `MsgTime`,
/// `MsgBody`, `CloudCustomData`, `EventTime`, and `TopicId` in communities.
/// Until a page or a capture confirms them, the body is kept whole in
/// [`body`](Self::body) (every member but `CallbackCommand`, as JSON), and
/// nothing is required, not even `GroupId`: any JSON object is read, and
/// serialising writes it back with its `CallbackCommand`. A member given
/// twice is refused.
///
/// ```
/// use tencent_live_webhook::{decode_json, GroupMessageModified};
///
/// let body = br#"{"CallbackCommand":"Group.CallbackAfterModifyMsg",
///     "GroupId":"@TGS#2J4SZEAEL","MsgSeq":123,
///     "MsgBody":[{"MsgType":"TIMTextElem","MsgContent":{"Text":"edited"}}]}"#;
/// let modified: GroupMessageModified = decode_json(GroupMessageModified::COMMAND, body)?;
///
/// assert_eq!(modified.group_id(), Some("@TGS#2J4SZEAEL"));
/// assert_eq!(modified.body["MsgSeq"], 123);
/// # Ok::<(), tencent_live_webhook::Rejection>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct GroupMessageModified {
    /// The body's members, but `CallbackCommand`, as sent.
    pub body: Map<String, Value>,
}

callback!(GroupMessageModified = "Group.CallbackAfterModifyMsg");

impl GroupMessageModified {
    /// The body's `GroupId`, when it is a string.
    pub fn group_id(&self) -> Option<&str> {
        self.body.get("GroupId").and_then(Value::as_str)
    }
}

impl Serialize for GroupMessageModified {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.body.len() + 1))?;
        map.serialize_entry("CallbackCommand", Self::COMMAND)?;
        for (key, value) in &self.body {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for GroupMessageModified {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(BodyVisitor)
    }
}

/// Reads the body's members, setting `CallbackCommand` aside.
struct BodyVisitor;

impl<'de> Visitor<'de> for BodyVisitor {
    type Value = GroupMessageModified;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a `Group.CallbackAfterModifyMsg` object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut body = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if key == "CallbackCommand" {
                // Checked against the command by the decoder; not kept.
                map.next_value::<de::IgnoredAny>()?;
                continue;
            }
            let value = map.next_value::<Value>()?;
            if body.contains_key(&key) {
                return Err(de::Error::custom(format_args!("`{key}` given twice")));
            }
            body.insert(key, value);
        }
        Ok(GroupMessageModified { body })
    }
}
