//! The elements of a message body (`MsgBody`): Tencent Chat's `TIMMessage`
//! elements, `{"MsgType": "...", "MsgContent": {...}}`.
//!
//! Eight element types are typed; an element of any other `MsgType` is kept
//! whole as JSON ([`MsgElement::Other`]). Every typed content keeps the
//! members it does not know (`extra`), so that a body handed back to Tencent
//! (in [`MessageDecision::modify`](crate::MessageDecision::modify)) loses
//! nothing, and adds nothing: decoding then serialising a body gives the same
//! members with the same JSON values, but for the element-level members of a
//! typed element, which are dropped, and numbers with a fraction (see
//! [`LocationElem`]).

use std::fmt;
use std::time::Duration;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::ser::{SerializeStruct, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Number, Value};

use crate::lenient;

const MSG_TYPE: &str = "MsgType";
const MSG_CONTENT: &str = "MsgContent";

/// One element of a message body (`MsgBody`).
///
/// Decoding reads `MsgType` and then `MsgContent` with that type's rules. An
/// element of a type listed here whose content cannot be read (a `Text` that
/// is a number, a `MsgContent` that is an array) is refused, with the path of
/// the failing field when `MsgType` comes first (as Tencent writes it), or of
/// the element otherwise: it is never filed under [`Other`](Self::Other),
/// where a filter looking for text would not see it. An element without a
/// `MsgType`, or with `MsgType`, `MsgContent` or a member of a typed
/// `MsgContent` given twice, is refused too. Members of the element itself
/// other than `MsgType` and `MsgContent` are ignored for a typed element (one
/// given twice included) and kept for [`Other`](Self::Other) (where one given
/// twice is refused). An element of a typed `MsgType` without a `MsgContent`
/// has nothing to read, and is kept whole as [`Other`](Self::Other), so that
/// serialising it adds nothing.
///
/// ```
/// use tencent_live_webhook::{MsgElement, TextElem};
///
/// let body: Vec<MsgElement> = serde_json::from_str(
///     r#"[{"MsgType":"TIMTextElem","MsgContent":{"Text":"red packet"}},
///         {"MsgType":"TIMRelayElem","MsgContent":{"Title":"history","MsgNum":2}}]"#,
/// )?;
/// assert_eq!(body[0], MsgElement::text("red packet"));
/// assert_eq!(body[0].as_text(), Some("red packet"));
/// assert_eq!(body[1].msg_type(), "TIMRelayElem");
/// assert!(matches!(&body[1], MsgElement::Other(json) if json["MsgContent"]["MsgNum"] == 2));
/// assert_eq!(
///     serde_json::to_string(&MsgElement::from(TextElem::new("***")))?,
///     r#"{"MsgType":"TIMTextElem","MsgContent":{"Text":"***"}}"#
/// );
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum MsgElement {
    /// `TIMTextElem`: text.
    Text(TextElem),
    /// `TIMCustomElem`: the app's own data.
    Custom(CustomElem),
    /// `TIMFaceElem`: an emoji (sticker) the app defines.
    Face(FaceElem),
    /// `TIMLocationElem`: a place on the map.
    Location(LocationElem),
    /// `TIMImageElem`: an image.
    Image(ImageElem),
    /// `TIMSoundElem`: a voice message.
    Sound(SoundElem),
    /// `TIMVideoFileElem`: a video.
    VideoFile(VideoFileElem),
    /// `TIMFileElem`: a file.
    File(FileElem),
    /// An element of another `MsgType` (`TIMRelayElem`, or one Tencent adds
    /// later), kept whole as JSON: the object with its `MsgType`, its
    /// `MsgContent` and any other member. Build typed elements with their own
    /// variants: an `Other` holding a `MsgType` listed above is serialised as
    /// given, but decodes as that type when it has a `MsgContent`.
    Other(Value),
}

impl MsgElement {
    /// A text element (`TIMTextElem`).
    pub fn text(text: impl Into<String>) -> Self {
        Self::Text(TextElem::new(text))
    }

    /// The text of a text element; `None` for any other element.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Self::Text(text) => Some(text.text()),
            _ => None,
        }
    }
}

/// The typed elements: variant, content type and `MsgType`, written once.
macro_rules! element_types {
    ($($variant:ident($content:ty) = $msg_type:literal,)+) => {
        impl MsgElement {
            /// The element's `MsgType` (for [`Other`](Self::Other), the
            /// string it holds, or `""`).
            pub fn msg_type(&self) -> &str {
                match self {
                    $( Self::$variant(_) => $msg_type, )+
                    Self::Other(element) => element
                        .get(MSG_TYPE)
                        .and_then(Value::as_str)
                        .unwrap_or_default(),
                }
            }
        }

        impl Serialize for MsgElement {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    $( Self::$variant(content) => tagged(serializer, $msg_type, content), )+
                    Self::Other(element) => element.serialize(serializer),
                }
            }
        }

        $(
            impl From<$content> for MsgElement {
                fn from(content: $content) -> Self {
                    Self::$variant(content)
                }
            }
        )+

        /// A `MsgType` this module types.
        #[derive(Clone, Copy)]
        enum Kind {
            $( $variant, )+
        }

        impl Kind {
            fn of(msg_type: &str) -> Option<Self> {
                match msg_type {
                    $( $msg_type => Some(Self::$variant), )+
                    _ => None,
                }
            }

            /// Reads the `MsgContent` the map is at.
            fn read<'de, A: MapAccess<'de>>(self, map: &mut A) -> Result<MsgElement, A::Error> {
                match self {
                    $( Self::$variant => map
                        .next_value::<ContentOf<$content>>()
                        .map(|content| MsgElement::$variant(content.0)), )+
                }
            }

            /// Reads a `MsgContent` that came before its `MsgType`, from the
            /// JSON as it was written (repeated members included).
            fn read_tree(self, content: Tree) -> Result<MsgElement, de::value::Error> {
                match self {
                    $( Self::$variant => lenient::object::<_, $content>(content)
                        .map(MsgElement::$variant), )+
                }
            }

        }
    };
}

element_types! {
    Text(TextElem) = "TIMTextElem",
    Custom(CustomElem) = "TIMCustomElem",
    Face(FaceElem) = "TIMFaceElem",
    Location(LocationElem) = "TIMLocationElem",
    Image(ImageElem) = "TIMImageElem",
    Sound(SoundElem) = "TIMSoundElem",
    VideoFile(VideoFileElem) = "TIMVideoFileElem",
    File(FileElem) = "TIMFileElem",
}

fn tagged<S: Serializer, T: Serialize>(
    serializer: S,
    msg_type: &'static str,
    content: &T,
) -> Result<S::Ok, S::Error> {
    let mut element = serializer.serialize_struct("TIMMsgElement", 2)?;
    element.serialize_field(MSG_TYPE, msg_type)?;
    element.serialize_field(MSG_CONTENT, content)?;
    element.end()
}

impl<'de> Deserialize<'de> for MsgElement {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ElementVisitor)
    }
}

impl crate::lenient::Lenient for MsgElement {
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ElementVisitor)
    }
}

/// A typed `MsgContent`: an object (never an array by position); `null` is
/// the empty content.
struct ContentOf<T>(T);

impl<'de, T: Deserialize<'de> + Default> Deserialize<'de> for ContentOf<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        lenient::object(deserializer).map(ContentOf)
    }
}

struct ElementVisitor;

impl<'de> Visitor<'de> for ElementVisitor {
    type Value = MsgElement;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a message element object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<MsgElement, A::Error> {
        let mut msg_type: Option<String> = None;
        let mut content_seen = false;
        // `MsgContent` read with its type's rules, when `MsgType` came first.
        let mut typed: Option<MsgElement> = None;
        // `MsgContent` kept as written, when `MsgType` came later or is not typed.
        let mut json: Option<Tree> = None;
        let mut others = Map::new();
        let mut repeated = false;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                MSG_TYPE => {
                    if msg_type.is_some() {
                        return Err(de::Error::duplicate_field(MSG_TYPE));
                    }
                    msg_type = Some(map.next_value()?);
                }
                MSG_CONTENT => {
                    if std::mem::replace(&mut content_seen, true) {
                        return Err(de::Error::duplicate_field(MSG_CONTENT));
                    }
                    match msg_type.as_deref().and_then(Kind::of) {
                        Some(kind) => typed = Some(kind.read(&mut map)?),
                        None => json = Some(map.next_value()?),
                    }
                }
                _ => {
                    let value = map.next_value()?;
                    repeated |= others.insert(key, value).is_some();
                }
            }
        }
        let msg_type = msg_type.ok_or_else(|| de::Error::missing_field(MSG_TYPE))?;
        if let Some(element) = typed {
            return Ok(element);
        }
        match (Kind::of(&msg_type), json) {
            // A typed element ignores its element-level members: one given
            // twice does not refuse the message.
            (Some(kind), Some(content)) => kind.read_tree(content).map_err(de::Error::custom),
            // Kept whole, an element with a member given twice would keep
            // only one of the two values.
            (None, _) if repeated => Err(de::Error::custom(TWICE)),
            // Without a `MsgContent`, a typed element has nothing to read: it
            // is kept whole, so that serialising it adds no `MsgContent`.
            (_, content) => {
                others.insert(MSG_TYPE.to_owned(), Value::String(msg_type));
                if let Some(content) = content {
                    others.insert(MSG_CONTENT.to_owned(), content.into_value());
                }
                Ok(MsgElement::Other(Value::Object(others)))
            }
        }
    }
}

/// JSON as it was written, repeated members included: a `MsgContent` that
/// comes before its `MsgType` is kept so, then read with its type's rules as
/// if it had come after (a `serde_json::Value` would keep only the last of a
/// repeated member, which the rules refuse).
enum Tree {
    Null,
    Bool(bool),
    Unsigned(u64),
    Signed(i64),
    Float(f64),
    Text(String),
    List(Vec<Tree>),
    Members(Vec<(String, Tree)>),
}

impl Tree {
    /// The JSON value; of a repeated member, the last is kept.
    fn into_value(self) -> Value {
        match self {
            Self::Null => Value::Null,
            Self::Bool(value) => Value::Bool(value),
            Self::Unsigned(value) => Value::from(value),
            Self::Signed(value) => Value::from(value),
            Self::Float(value) => Number::from_f64(value).map_or(Value::Null, Value::Number),
            Self::Text(value) => Value::String(value),
            Self::List(elements) => elements.into_iter().map(Self::into_value).collect(),
            Self::Members(members) => Value::Object(
                members
                    .into_iter()
                    .map(|(key, member)| (key, member.into_value()))
                    .collect(),
            ),
        }
    }
}

impl<'de> Deserialize<'de> for Tree {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(TreeVisitor)
    }
}

struct TreeVisitor;

impl<'de> Visitor<'de> for TreeVisitor {
    type Value = Tree;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Tree, A::Error> {
        let mut members = Vec::new();
        while let Some(member) = map.next_entry()? {
            members.push(member);
        }
        Ok(Tree::Members(members))
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Tree, A::Error> {
        let mut elements = Vec::new();
        while let Some(element) = seq.next_element()? {
            elements.push(element);
        }
        Ok(Tree::List(elements))
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Tree, E> {
        Ok(Tree::Bool(value))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Tree, E> {
        Ok(Tree::Unsigned(value))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Tree, E> {
        Ok(Tree::Signed(value))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Tree, E> {
        Ok(Tree::Float(value))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Tree, E> {
        Ok(Tree::Text(value.to_owned()))
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<Tree, E> {
        Ok(Tree::Text(value))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Tree, E> {
        Ok(Tree::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Tree, E> {
        Ok(Tree::Null)
    }
}

/// The tree read again, as serde_json would have handed it on.
impl<'de> Deserializer<'de> for Tree {
    type Error = de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self {
            Self::Null => visitor.visit_unit(),
            Self::Bool(value) => visitor.visit_bool(value),
            Self::Unsigned(value) => visitor.visit_u64(value),
            Self::Signed(value) => visitor.visit_i64(value),
            Self::Float(value) => visitor.visit_f64(value),
            Self::Text(value) => visitor.visit_string(value),
            Self::List(elements) => {
                visitor.visit_seq(de::value::SeqDeserializer::new(elements.into_iter()))
            }
            Self::Members(members) => {
                visitor.visit_map(de::value::MapDeserializer::new(members.into_iter()))
            }
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self {
            Self::Null => visitor.visit_none(),
            other => visitor.visit_some(other),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        visitor.visit_newtype_struct(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct enum
        identifier ignored_any
    }
}

impl<'de> de::IntoDeserializer<'de, de::value::Error> for Tree {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

/// Why a content or an element with a repeated member is refused.
const TWICE: &str = "a member is given twice";

/// The members of a content this crate does not know, for `#[serde(flatten)]`:
/// any JSON, kept as it came; a member given twice is refused, since Tencent
/// and this crate might read different ones.
fn unknown_members<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Map<String, Value>, D::Error> {
    deserializer.deserialize_map(MembersVisitor)
}

struct MembersVisitor;

impl<'de> Visitor<'de> for MembersVisitor {
    type Value = Map<String, Value>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut members = Map::new();
        while let Some((key, value)) = map.next_entry::<String, Value>()? {
            if members.insert(key, value).is_some() {
                return Err(de::Error::custom(TWICE));
            }
        }
        Ok(members)
    }
}

/// `TIMTextElem`'s `MsgContent`: a text.
///
/// `Text` must be a JSON string: a number or an object is refused rather than
/// read, so that every text reaches a filter as text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TextElem {
    /// `Text`: the text; `None` when the content has none (or `null`), and
    /// then not written back. [`text`](Self::text()) reads it as `""`.
    #[serde(rename = "Text", default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Members this crate does not know, kept as they came.
    #[serde(flatten, deserialize_with = "unknown_members")]
    pub extra: Map<String, Value>,
}

impl TextElem {
    /// A text element's content.
    pub fn new(text: impl Into<String>) -> Self {
        Self {
            text: Some(text.into()),
            extra: Map::new(),
        }
    }

    /// The text (`Text`); `""` when the content has none.
    pub fn text(&self) -> &str {
        self.text.as_deref().unwrap_or_default()
    }
}

/// `TIMCustomElem`'s `MsgContent`: the app's own data. Tencent allows one
/// custom element per message.
///
/// The strings here must be JSON strings (a number is refused); `null` reads
/// as absent. Absent members stay absent when serialised.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CustomElem {
    /// `Data`: the app's data (not sent to APNs).
    #[serde(rename = "Data", default, skip_serializing_if = "Option::is_none")]
    pub data: Option<String>,
    /// `Desc`: a description, shown as the offline push text.
    #[serde(rename = "Desc", default, skip_serializing_if = "Option::is_none")]
    pub desc: Option<String>,
    /// `Ext`: extension data (sent to APNs).
    #[serde(rename = "Ext", default, skip_serializing_if = "Option::is_none")]
    pub ext: Option<String>,
    /// `Sound`: the sound file an iOS push plays.
    #[serde(rename = "Sound", default, skip_serializing_if = "Option::is_none")]
    pub sound: Option<String>,
    /// Members this crate does not know, kept as they came.
    #[serde(flatten, deserialize_with = "unknown_members")]
    pub extra: Map<String, Value>,
}

/// `TIMFaceElem`'s `MsgContent`: an emoji (sticker) the app defines.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FaceElem {
    /// `Index`: the emoji's index, defined by the app (an integer, or a string
    /// of digits).
    #[serde(
        rename = "Index",
        default,
        deserialize_with = "lenient::option_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub index: Option<i64>,
    /// `Data`: extra data.
    #[serde(rename = "Data", default, skip_serializing_if = "Option::is_none")]
    pub data: Option<String>,
    /// Members this crate does not know, kept as they came.
    #[serde(flatten, deserialize_with = "unknown_members")]
    pub extra: Map<String, Value>,
}

/// `TIMLocationElem`'s `MsgContent`: a place on the map.
///
/// The coordinates are kept as the JSON numbers Tencent sent
/// ([`serde_json::Number`]: an integer is written back digit for digit, and
/// `Number` is comparable with `Eq`, which `f64` is not);
/// [`coordinates`](Self::coordinates) reads them as `f64`. A coordinate with a
/// fraction is held as the double serde_json's default (fast, not always
/// correctly rounded) parser reads, and written back as that double's shortest
/// form, which may have other digits than the body, and may read back as a
/// neighbouring double. A coordinate that is not a JSON number is refused.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LocationElem {
    /// `Desc`: a description of the place.
    #[serde(rename = "Desc", default, skip_serializing_if = "Option::is_none")]
    pub desc: Option<String>,
    /// `Latitude`: in degrees.
    #[serde(rename = "Latitude", default, skip_serializing_if = "Option::is_none")]
    pub latitude: Option<Number>,
    /// `Longitude`: in degrees.
    #[serde(rename = "Longitude", default, skip_serializing_if = "Option::is_none")]
    pub longitude: Option<Number>,
    /// Members this crate does not know, kept as they came.
    #[serde(flatten, deserialize_with = "unknown_members")]
    pub extra: Map<String, Value>,
}

impl LocationElem {
    /// `(latitude, longitude)` in degrees, when both are given.
    pub fn coordinates(&self) -> Option<(f64, f64)> {
        Some((
            self.latitude.as_ref()?.as_f64()?,
            self.longitude.as_ref()?.as_f64()?,
        ))
    }
}

code_enum! {
    /// `ImageFormat`: an image's file format.
    pub enum ImageFormat {
        /// `1`: JPEG.
        Jpg = 1,
        /// `2`: GIF.
        Gif = 2,
        /// `3`: PNG.
        Png = 3,
        /// `4`: BMP.
        Bmp = 4,
        /// `255`: a format outside this list (Tencent's "other").
        Unknown = 255,
    }
}

code_enum! {
    /// `Type` in `ImageInfoArray`: which version of the image an entry is.
    pub enum ImageKind {
        /// `1`: the original image.
        Original = 1,
        /// `2`: the large (preview) image.
        Large = 2,
        /// `3`: the thumbnail.
        Thumbnail = 3,
    }
}

/// A list of objects, where `null` (or absence) is `None`, so that an empty
/// list and no list are written back as they came.
fn option_objects<'de, D, T>(deserializer: D) -> Result<Option<Vec<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<Vec<lenient::Object<T>>>::deserialize(deserializer)
        .map(|list| list.map(|list| list.into_iter().map(|object| object.0).collect()))
}

/// `TIMImageElem`'s `MsgContent`: an image, with the versions a client can
/// download.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ImageElem {
    /// `UUID`: the image's unique id (often its MD5).
    #[serde(rename = "UUID", default, skip_serializing_if = "Option::is_none")]
    pub uuid: Option<String>,
    /// `ImageFormat`: the file format.
    #[serde(
        rename = "ImageFormat",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub image_format: Option<ImageFormat>,
    /// `ImageInfoArray`: the original, large and thumbnail versions.
    #[serde(
        rename = "ImageInfoArray",
        default,
        deserialize_with = "option_objects",
        skip_serializing_if = "Option::is_none"
    )]
    pub image_info_array: Option<Vec<ImageInfo>>,
    /// Members this crate does not know, kept as they came.
    #[serde(flatten, deserialize_with = "unknown_members")]
    pub extra: Map<String, Value>,
}

impl ImageElem {
    /// The versions of the image (`ImageInfoArray`), empty when none is given.
    pub fn versions(&self) -> &[ImageInfo] {
        self.image_info_array.as_deref().unwrap_or_default()
    }
}

/// One version of an image (an entry of `ImageInfoArray`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ImageInfo {
    /// `Type`: original, large or thumbnail.
    #[serde(rename = "Type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<ImageKind>,
    /// `Size`: in **bytes**.
    #[serde(
        rename = "Size",
        default,
        deserialize_with = "lenient::option_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub size: Option<u64>,
    /// `Width`: in **pixels**.
    #[serde(
        rename = "Width",
        default,
        deserialize_with = "lenient::option_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub width: Option<u64>,
    /// `Height`: in **pixels**.
    #[serde(
        rename = "Height",
        default,
        deserialize_with = "lenient::option_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub height: Option<u64>,
    /// `URL`: where to download this version.
    #[serde(rename = "URL", default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Members this crate does not know, kept as they came.
    #[serde(flatten, deserialize_with = "unknown_members")]
    pub extra: Map<String, Value>,
}

/// `TIMSoundElem`'s `MsgContent`: a voice message.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SoundElem {
    /// `Url`: where to download the audio.
    #[serde(rename = "Url", default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// `UUID`: the audio's unique id.
    #[serde(rename = "UUID", default, skip_serializing_if = "Option::is_none")]
    pub uuid: Option<String>,
    /// `Size`: in **bytes**.
    #[serde(
        rename = "Size",
        default,
        deserialize_with = "lenient::option_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub size: Option<u64>,
    /// `Second`: the length, in **seconds**.
    #[serde(
        rename = "Second",
        default,
        deserialize_with = "lenient::option_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub second: Option<u64>,
    /// `Download_Flag`: how to download; `2` (the only documented value):
    /// from `Url`.
    #[serde(
        rename = "Download_Flag",
        default,
        deserialize_with = "lenient::option_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub download_flag: Option<i64>,
    /// Members this crate does not know, kept as they came.
    #[serde(flatten, deserialize_with = "unknown_members")]
    pub extra: Map<String, Value>,
}

impl SoundElem {
    /// The length of the audio.
    pub fn duration(&self) -> Option<Duration> {
        self.second.map(Duration::from_secs)
    }
}

/// `TIMVideoFileElem`'s `MsgContent`: a video and its thumbnail.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VideoFileElem {
    /// `VideoUrl`: where to download the video.
    #[serde(rename = "VideoUrl", default, skip_serializing_if = "Option::is_none")]
    pub video_url: Option<String>,
    /// `VideoUUID`: the video's unique id.
    #[serde(rename = "VideoUUID", default, skip_serializing_if = "Option::is_none")]
    pub video_uuid: Option<String>,
    /// `VideoSize`: in **bytes**.
    #[serde(
        rename = "VideoSize",
        default,
        deserialize_with = "lenient::option_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub video_size: Option<u64>,
    /// `VideoSecond`: the length, in **seconds**.
    #[serde(
        rename = "VideoSecond",
        default,
        deserialize_with = "lenient::option_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub video_second: Option<u64>,
    /// `VideoFormat`: the container, e.g. `mp4`.
    #[serde(
        rename = "VideoFormat",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub video_format: Option<String>,
    /// `VideoDownloadFlag`: how to download; `2` (the only documented
    /// value): from `VideoUrl`.
    #[serde(
        rename = "VideoDownloadFlag",
        default,
        deserialize_with = "lenient::option_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub video_download_flag: Option<i64>,
    /// `ThumbUrl`: where to download the thumbnail.
    #[serde(rename = "ThumbUrl", default, skip_serializing_if = "Option::is_none")]
    pub thumb_url: Option<String>,
    /// `ThumbUUID`: the thumbnail's unique id.
    #[serde(rename = "ThumbUUID", default, skip_serializing_if = "Option::is_none")]
    pub thumb_uuid: Option<String>,
    /// `ThumbSize`: in **bytes**.
    #[serde(
        rename = "ThumbSize",
        default,
        deserialize_with = "lenient::option_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub thumb_size: Option<u64>,
    /// `ThumbWidth`: in **pixels**.
    #[serde(
        rename = "ThumbWidth",
        default,
        deserialize_with = "lenient::option_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub thumb_width: Option<u64>,
    /// `ThumbHeight`: in **pixels**.
    #[serde(
        rename = "ThumbHeight",
        default,
        deserialize_with = "lenient::option_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub thumb_height: Option<u64>,
    /// `ThumbFormat`: the thumbnail's format, e.g. `JPG`.
    #[serde(
        rename = "ThumbFormat",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub thumb_format: Option<String>,
    /// `ThumbDownloadFlag`: how to download; `2` (the only documented
    /// value): from `ThumbUrl`.
    #[serde(
        rename = "ThumbDownloadFlag",
        default,
        deserialize_with = "lenient::option_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub thumb_download_flag: Option<i64>,
    /// Members this crate does not know, kept as they came.
    #[serde(flatten, deserialize_with = "unknown_members")]
    pub extra: Map<String, Value>,
}

impl VideoFileElem {
    /// The length of the video.
    pub fn duration(&self) -> Option<Duration> {
        self.video_second.map(Duration::from_secs)
    }
}

/// `TIMFileElem`'s `MsgContent`: a file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FileElem {
    /// `Url`: where to download the file.
    #[serde(rename = "Url", default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// `UUID`: the file's unique id.
    #[serde(rename = "UUID", default, skip_serializing_if = "Option::is_none")]
    pub uuid: Option<String>,
    /// `FileSize`: in **bytes**.
    #[serde(
        rename = "FileSize",
        default,
        deserialize_with = "lenient::option_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub file_size: Option<u64>,
    /// `FileName`: the file's name.
    #[serde(rename = "FileName", default, skip_serializing_if = "Option::is_none")]
    pub file_name: Option<String>,
    /// `Download_Flag`: how to download; `2` (the only documented value):
    /// from `Url`.
    #[serde(
        rename = "Download_Flag",
        default,
        deserialize_with = "lenient::option_integer",
        skip_serializing_if = "Option::is_none"
    )]
    pub download_flag: Option<i64>,
    /// Members this crate does not know, kept as they came.
    #[serde(flatten, deserialize_with = "unknown_members")]
    pub extra: Map<String, Value>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn read(json: &str) -> Result<MsgElement, serde_json::Error> {
        serde_json::from_str(json)
    }

    fn round_trip(json: Value) -> MsgElement {
        let element: MsgElement = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(serde_json::to_value(&element).unwrap(), json);
        element
    }

    #[test]
    fn text_serialises_as_tencent_writes_it() {
        assert_eq!(
            serde_json::to_string(&MsgElement::text("***")).unwrap(),
            r#"{"MsgType":"TIMTextElem","MsgContent":{"Text":"***"}}"#
        );
        assert_eq!(MsgElement::text("hi").as_text(), Some("hi"));
        assert_eq!(MsgElement::text("hi").msg_type(), "TIMTextElem");
    }

    #[test]
    fn every_typed_element_round_trips() {
        for (json, msg_type) in [
            (
                json!({"MsgType": "TIMTextElem", "MsgContent": {"Text": "hello"}}),
                "TIMTextElem",
            ),
            (
                json!({"MsgType": "TIMCustomElem", "MsgContent": {"Data": "d", "Desc": "n", "Ext": "u", "Sound": "s.aiff"}}),
                "TIMCustomElem",
            ),
            (
                json!({"MsgType": "TIMFaceElem", "MsgContent": {"Index": 1, "Data": "c"}}),
                "TIMFaceElem",
            ),
            (
                json!({"MsgType": "TIMLocationElem", "MsgContent": {"Desc": "d", "Latitude": 29.340656774469956, "Longitude": 116.77497920478824}}),
                "TIMLocationElem",
            ),
            (
                json!({"MsgType": "TIMImageElem", "MsgContent": {"UUID": "u", "ImageFormat": 2, "ImageInfoArray": [
                    {"Type": 1, "Size": 1853095, "Width": 2448, "Height": 3264, "URL": "https://example.com/1"}]}}),
                "TIMImageElem",
            ),
            (
                json!({"MsgType": "TIMSoundElem", "MsgContent": {"Url": "https://example.com/s", "UUID": "u", "Size": 62351, "Second": 4, "Download_Flag": 2}}),
                "TIMSoundElem",
            ),
            (
                json!({"MsgType": "TIMVideoFileElem", "MsgContent": {"VideoUrl": "v", "VideoUUID": "vu", "VideoSize": 1, "VideoSecond": 2,
                    "VideoFormat": "mp4", "VideoDownloadFlag": 2, "ThumbUrl": "t", "ThumbUUID": "tu", "ThumbSize": 3, "ThumbWidth": 4,
                    "ThumbHeight": 5, "ThumbFormat": "JPG", "ThumbDownloadFlag": 2}}),
                "TIMVideoFileElem",
            ),
            (
                json!({"MsgType": "TIMFileElem", "MsgContent": {"Url": "f", "UUID": "u", "FileSize": 1773552, "FileName": "a.txt", "Download_Flag": 2}}),
                "TIMFileElem",
            ),
        ] {
            let element = round_trip(json);
            assert_eq!(element.msg_type(), msg_type);
            assert!(
                !matches!(element, MsgElement::Other(_)),
                "{msg_type} filed as Other"
            );
            assert!(element.as_text().is_some() == (msg_type == "TIMTextElem"));
        }
    }

    #[test]
    fn unknown_members_are_kept_through_flatten() {
        let json = json!({"MsgType": "TIMImageElem", "MsgContent": {
            "UUID": "u", "ImageFormat": 255, "Thumbhash": "3OcRJYB4d3h/iIeHeEh3eIhw+j2w",
            "ImageInfoArray": [{"Type": 3, "URL": "t", "Blurhash": {"x": [1, 2.5, null]}}]}});
        let MsgElement::Image(image) = round_trip(json) else {
            panic!("not an image");
        };
        assert_eq!(image.image_format, Some(ImageFormat::Unknown));
        assert_eq!(image.extra["Thumbhash"], "3OcRJYB4d3h/iIeHeEh3eIhw+j2w");
        assert_eq!(image.versions()[0].kind, Some(ImageKind::Thumbnail));
        assert_eq!(
            image.versions()[0].extra["Blurhash"],
            json!({"x": [1, 2.5, null]})
        );
        let MsgElement::Text(text) = round_trip(
            json!({"MsgType": "TIMTextElem", "MsgContent": {"Text": "t", "Lang": "en", "Big": 18446744073709551615_u64}}),
        ) else {
            panic!("not a text");
        };
        assert_eq!(text.extra.len(), 2);
        assert_eq!(text.text(), "t");
    }

    #[test]
    fn lenient_helpers_work_next_to_flatten() {
        let element = read(
            r#"{"MsgType":"TIMSoundElem","MsgContent":{"Size":"62351","Second":"4","Download_Flag":"2","Url":null,"X":1}}"#,
        )
        .unwrap();
        let MsgElement::Sound(sound) = element else {
            panic!("not a sound");
        };
        assert_eq!(sound.size, Some(62351));
        assert_eq!(sound.duration(), Some(Duration::from_secs(4)));
        assert_eq!(sound.download_flag, Some(2));
        assert_eq!(sound.url, None);
        assert_eq!(sound.extra["X"], 1);
        let face = read(r#"{"MsgType":"TIMFaceElem","MsgContent":{"Index":"7"}}"#).unwrap();
        assert_eq!(
            face,
            MsgElement::Face(FaceElem {
                index: Some(7),
                ..FaceElem::default()
            })
        );
        let image = read(
            r#"{"MsgType":"TIMImageElem","MsgContent":{"ImageFormat":"3","ImageInfoArray":null}}"#,
        )
        .unwrap();
        let MsgElement::Image(image) = image else {
            panic!("not an image");
        };
        assert_eq!(image.image_format, Some(ImageFormat::Png));
        assert_eq!(image.image_info_array, None);
        assert!(image.versions().is_empty());
        for refused in [
            r#"{"MsgType":"TIMSoundElem","MsgContent":{"Size":-1}}"#,
            r#"{"MsgType":"TIMSoundElem","MsgContent":{"Second":1.5}}"#,
            r#"{"MsgType":"TIMFaceElem","MsgContent":{"Index":"one"}}"#,
            r#"{"MsgType":"TIMImageElem","MsgContent":{"ImageInfoArray":[[1,2,3,4,"u"]]}}"#,
            r#"{"MsgType":"TIMImageElem","MsgContent":{"ImageInfoArray":{"Type":1}}}"#,
        ] {
            assert!(read(refused).is_err(), "accepted {refused}");
        }
    }

    #[test]
    fn a_member_given_twice_is_refused() {
        for refused in [
            r#"{"MsgType":"TIMTextElem","MsgContent":{"Text":"clean","Text":"dirty"}}"#,
            r#"{"MsgType":"TIMTextElem","MsgContent":{"Text":"t","Lang":"en","Lang":"fr"}}"#,
            r#"{"MsgType":"TIMTextElem","MsgType":"TIMCustomElem","MsgContent":{}}"#,
            r#"{"MsgType":"TIMTextElem","MsgContent":{"Text":"a"},"MsgContent":{"Text":"b"}}"#,
            r#"{"MsgType":"TIMRelayElem","Extra":1,"Extra":2}"#,
            r#"{"Extra":1,"Extra":2,"MsgType":"TIMRelayElem"}"#,
            r#"{"MsgType":"TIMImageElem","MsgContent":{"ImageInfoArray":[{"URL":"a","URL":"b"}]}}"#,
        ] {
            assert!(read(refused).is_err(), "accepted {refused}");
        }
    }

    #[test]
    fn a_known_type_that_cannot_be_read_is_refused_not_other() {
        for refused in [
            r#"{"MsgType":"TIMTextElem","MsgContent":{"Text":5}}"#,
            r#"{"MsgType":"TIMTextElem","MsgContent":{"Text":{"t":"x"}}}"#,
            r#"{"MsgType":"TIMTextElem","MsgContent":{"Text":["x"]}}"#,
            r#"{"MsgType":"TIMTextElem","MsgContent":["hello"]}"#,
            r#"{"MsgType":"TIMTextElem","MsgContent":"hello"}"#,
            r#"{"MsgContent":{"Text":5},"MsgType":"TIMTextElem"}"#,
            r#"{"MsgContent":["hello"],"MsgType":"TIMTextElem"}"#,
            r#"{"MsgType":"TIMCustomElem","MsgContent":{"Data":12}}"#,
            r#"{"MsgType":"TIMLocationElem","MsgContent":{"Latitude":"29.3"}}"#,
            r#"{"MsgType":5,"MsgContent":{}}"#,
            r#"{"MsgType":null,"MsgContent":{}}"#,
            r#"{"MsgContent":{"Text":"no type"}}"#,
            r#"["TIMTextElem",{"Text":"hi"}]"#,
            r#""TIMTextElem""#,
        ] {
            assert!(read(refused).is_err(), "accepted {refused}");
        }
    }

    #[test]
    fn member_order_does_not_matter() {
        let forward =
            read(r#"{"MsgType":"TIMTextElem","MsgContent":{"Text":"hi","X":1}}"#).unwrap();
        let backward =
            read(r#"{"MsgContent":{"X":1,"Text":"hi"},"MsgType":"TIMTextElem"}"#).unwrap();
        assert_eq!(forward, backward);
        assert_eq!(backward.as_text(), Some("hi"));
    }

    #[test]
    fn null_content_is_empty_and_missing_content_is_kept_whole() {
        let no_text = MsgElement::Text(TextElem::default());
        assert_eq!(
            read(r#"{"MsgType":"TIMTextElem","MsgContent":null}"#).unwrap(),
            no_text
        );
        assert_eq!(
            read(r#"{"MsgType":"TIMTextElem","MsgContent":{"Text":null}}"#).unwrap(),
            no_text
        );
        assert_eq!(no_text.as_text(), Some(""));
        // Nothing is added when written back: no `MsgContent`, no `Text`.
        for (body, written) in [
            (
                r#"{"MsgType":"TIMTextElem"}"#,
                r#"{"MsgType":"TIMTextElem"}"#,
            ),
            (
                r#"{"Seq":1,"MsgType":"TIMTextElem"}"#,
                r#"{"MsgType":"TIMTextElem","Seq":1}"#,
            ),
            (
                r#"{"MsgType":"TIMTextElem","MsgContent":{}}"#,
                r#"{"MsgType":"TIMTextElem","MsgContent":{}}"#,
            ),
            (
                r#"{"MsgType":"TIMCustomElem","MsgContent":{"Desc":"d"}}"#,
                r#"{"MsgType":"TIMCustomElem","MsgContent":{"Desc":"d"}}"#,
            ),
        ] {
            let element = read(body).unwrap();
            assert_eq!(serde_json::to_string(&element).unwrap(), written, "{body}");
        }
        assert_eq!(
            read(r#"{"MsgType":"TIMTextElem"}"#).unwrap(),
            MsgElement::Other(json!({"MsgType": "TIMTextElem"}))
        );
        assert_eq!(
            read(r#"{"MsgType":"TIMCustomElem","MsgContent":{"Data":null}}"#).unwrap(),
            MsgElement::Custom(CustomElem::default())
        );
    }

    #[test]
    fn another_type_is_kept_whole() {
        for json in [
            json!({"MsgType": "TIMRelayElem", "MsgContent": {"Title": "t", "MsgNum": 2, "MsgList": [{"From_Account": "a"}]}}),
            json!({"MsgContent": null, "MsgType": "TIMNewElem", "Elem": [1.5, 18446744073709551615_u64]}),
            json!({"MsgType": "TIMNewElem"}),
            json!({"MsgType": ""}),
        ] {
            let element = round_trip(json.clone());
            assert_eq!(element, MsgElement::Other(json.clone()));
            assert_eq!(element.msg_type(), json["MsgType"]);
            assert_eq!(element.as_text(), None);
        }
    }

    #[test]
    fn members_of_a_typed_element_itself_are_ignored() {
        let element =
            read(r#"{"MsgType":"TIMTextElem","Seq":3,"MsgContent":{"Text":"hi"}}"#).unwrap();
        assert_eq!(element, MsgElement::text("hi"));
    }

    #[test]
    fn a_typed_element_member_given_twice_is_ignored_not_refused() {
        for body in [
            r#"{"MsgType":"TIMTextElem","Seq":1,"Seq":2,"MsgContent":{"Text":"spam"}}"#,
            r#"{"Seq":1,"Seq":2,"MsgType":"TIMTextElem","MsgContent":{"Text":"spam"}}"#,
            r#"{"MsgType":"TIMTextElem","MsgContent":{"Text":"spam"},"Seq":1,"Seq":2}"#,
            r#"{"MsgContent":{"Text":"spam"},"Seq":1,"Seq":2,"MsgType":"TIMTextElem"}"#,
        ] {
            let element = read(body).unwrap();
            assert_eq!(element, MsgElement::text("spam"), "{body}");
            assert_eq!(
                serde_json::to_string(&element).unwrap(),
                r#"{"MsgType":"TIMTextElem","MsgContent":{"Text":"spam"}}"#
            );
        }
    }

    #[test]
    fn coordinates_keep_their_digits() {
        let MsgElement::Location(location) = round_trip(json!({"MsgType": "TIMLocationElem",
            "MsgContent": {"Desc": "d", "Latitude": 30, "Longitude": -116.77497920478824}}))
        else {
            panic!("not a location");
        };
        assert_eq!(location.coordinates(), Some((30.0, -116.77497920478824)));
        assert_eq!(
            location.latitude.as_ref().and_then(Number::as_u64),
            Some(30)
        );
        assert_eq!(LocationElem::default().coordinates(), None);
    }

    #[test]
    fn image_codes_keep_unknown_values() {
        assert_eq!(ImageFormat::from_code(1), ImageFormat::Jpg);
        assert_eq!(ImageFormat::from_code(255), ImageFormat::Unknown);
        assert_eq!(ImageFormat::from_code(6), ImageFormat::Other(6));
        assert_eq!(ImageKind::from_code(2), ImageKind::Large);
        assert_eq!(ImageKind::from_code(9).code(), 9);
        let image = round_trip(
            json!({"MsgType": "TIMImageElem", "MsgContent": {"ImageFormat": 6, "ImageInfoArray": [{"Type": 9}]}}),
        );
        let MsgElement::Image(image) = image else {
            panic!("not an image");
        };
        assert_eq!(image.image_format, Some(ImageFormat::Other(6)));
        assert_eq!(image.versions()[0].kind, Some(ImageKind::Other(9)));
    }
}
