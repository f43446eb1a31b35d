//! The room-message webhooks (`Group.CallbackBeforeSendMsg`,
//! `Group.CallbackAfterSendMsg`) and the message elements they carry.
//!
//! TUILiveKit reuses Tencent Chat's group-message webhooks for room messages:
//! `GroupId` is the room, and `MsgBody` is a list of Chat message elements
//! ([`MsgElement`]).

mod element;
mod sending;
mod sent;

use serde::Serializer;

pub use self::element::{
    CustomElem, FaceElem, FileElem, ImageElem, ImageFormat, ImageInfo, ImageKind, LocationElem,
    MsgElement, SoundElem, TextElem, VideoFileElem,
};
pub use self::sending::MessageSending;
pub use self::sent::MessageSent;

/// Writes a flag the way Tencent sends it: `1` or `0` (`OnlineOnlyFlag` of
/// the room, one-to-one and failed messages).
pub(crate) fn flag_as_integer<S: Serializer>(
    flag: &Option<bool>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match flag {
        Some(flag) => serializer.serialize_u8(u8::from(*flag)),
        None => serializer.serialize_none(),
    }
}
