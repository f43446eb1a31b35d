//! The query string Tencent appends to the callback URL.

use std::borrow::Cow;

/// The parsed query string of an accepted webhook.
///
/// Tencent appends
/// `?SdkAppid=..&CallbackCommand=..&contenttype=json&ClientIP=..&OptPlatform=..`
/// (plus `&Sign=..&RequestTime=..` when a callback token is set) to the URL.
/// Keys are matched case-insensitively. The middleware puts this into the
/// request's extensions for both modes.
///
/// ```
/// use tencent_live_webhook::{CallbackQuery, Platform};
///
/// let query = CallbackQuery::parse(
///     "SdkAppid=1400000001&CallbackCommand=Live.CallbackAfterEndBattle\
///      &contenttype=json&ClientIP=10.0.0.7&OptPlatform=iOS",
/// )
/// .unwrap();
/// assert_eq!(query.sdk_app_id, 1400000001);
/// assert_eq!(query.client_ip.as_deref(), Some("10.0.0.7"));
/// assert_eq!(query.opt_platform, Some(Platform::Ios));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct CallbackQuery {
    /// `SdkAppid`: the application the webhook is for.
    pub sdk_app_id: u64,
    /// `CallbackCommand`, such as `Live.CallbackAfterEndBattle`.
    pub callback_command: String,
    /// `contenttype`: `json` in every webhook Tencent documents.
    pub content_type: Option<String>,
    /// `ClientIP`: the address of the client whose action caused the event.
    pub client_ip: Option<String>,
    /// `OptPlatform`: the platform of that client.
    pub opt_platform: Option<Platform>,
    /// `RequestTime`: Unix seconds at which Tencent signed the request, when it did.
    pub request_time: Option<u64>,
}

impl CallbackQuery {
    /// Parses a query string (without the `?`). `None` when `SdkAppid` is not
    /// exactly one unsigned integer or `CallbackCommand` is not given exactly once;
    /// unknown keys are ignored and, of a repeated informational key, the first
    /// value is kept.
    pub fn parse(query: &str) -> Option<Self> {
        let raw = RawQuery::parse(query, |_| false);
        if raw.callback_command_count != 1 {
            return None;
        }
        let sdk_app_id = raw.sdk_app_id().ok()?;
        Some(raw.into_callback_query(sdk_app_id))
    }
}

/// `OptPlatform`: the platform of the client whose action caused the event.
///
/// Tencent's pages spell the values differently (`iOS` and `IOS`, `Mac` and
/// `macOS`); parsing ignores case and accepts both Mac spellings.
///
/// ```
/// use tencent_live_webhook::Platform;
///
/// assert_eq!(Platform::parse("macOS"), Platform::Mac);
/// assert_eq!(Platform::parse("IOS"), Platform::Ios);
/// assert_eq!(Platform::parse("HarmonyOS"), Platform::Other("HarmonyOS".into()));
/// assert_eq!(Platform::Ios.as_str(), "iOS");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Platform {
    /// `RESTAPI`: a server-side REST call.
    RestApi,
    /// `Web`.
    Web,
    /// `Android`.
    Android,
    /// `iOS`.
    Ios,
    /// `Windows`.
    Windows,
    /// `Mac` (also sent as `macOS`).
    Mac,
    /// `iPad`.
    IPad,
    /// `Unknown`: Tencent could not tell.
    Unknown,
    /// A value Tencent may add later, kept as sent.
    Other(String),
}

impl Platform {
    /// Parses an `OptPlatform` value, ignoring case.
    pub fn parse(value: &str) -> Self {
        match value {
            "RESTAPI" => return Platform::RestApi,
            "Web" => return Platform::Web,
            "Android" => return Platform::Android,
            "iOS" => return Platform::Ios,
            _ => {}
        }
        const KNOWN: [(&str, Platform); 9] = [
            ("RESTAPI", Platform::RestApi),
            ("Web", Platform::Web),
            ("Android", Platform::Android),
            ("iOS", Platform::Ios),
            ("Windows", Platform::Windows),
            ("Mac", Platform::Mac),
            ("macOS", Platform::Mac),
            ("iPad", Platform::IPad),
            ("Unknown", Platform::Unknown),
        ];
        KNOWN
            .into_iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(value))
            .map_or_else(
                || Platform::Other(value.to_owned()),
                |(_, platform)| platform,
            )
    }

    /// The value as Tencent's documentation spells it.
    pub fn as_str(&self) -> &str {
        match self {
            Self::RestApi => "RESTAPI",
            Self::Web => "Web",
            Self::Android => "Android",
            Self::Ios => "iOS",
            Self::Windows => "Windows",
            Self::Mac => "Mac",
            Self::IPad => "iPad",
            Self::Unknown => "Unknown",
            Self::Other(value) => value,
        }
    }
}

/// The keys of one query string, read in a single pass; values are borrowed
/// unless they had to be percent-decoded.
#[derive(Debug, Default)]
pub(crate) struct RawQuery<'a> {
    sdk_app_id: Option<Cow<'a, str>>,
    sdk_app_id_count: u32,
    callback_command: Option<Cow<'a, str>>,
    pub(crate) callback_command_count: u32,
    /// Whether any `CallbackCommand` value is one the caller claims.
    pub(crate) names_command: bool,
    content_type: Option<Cow<'a, str>>,
    client_ip: Option<Cow<'a, str>>,
    opt_platform: Option<Cow<'a, str>>,
    pub(crate) sign: Option<Cow<'a, str>>,
    sign_count: u32,
    pub(crate) request_time: Option<Cow<'a, str>>,
    request_time_count: u32,
}

/// Why a query's `SdkAppid` is not usable.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum AppIdError {
    Missing,
    Invalid,
}

impl<'a> RawQuery<'a> {
    /// Reads every key in one pass; `claims` says whether a `CallbackCommand`
    /// value is one the caller receives.
    pub(crate) fn parse(query: &'a str, claims: impl Fn(&str) -> bool) -> Self {
        let mut raw = Self::default();
        for (key, value) in pairs(query) {
            let is = |name: &str| key.eq_ignore_ascii_case(name);
            let (slot, count) = match key.len() {
                8 if is("SdkAppid") => (&mut raw.sdk_app_id, Some(&mut raw.sdk_app_id_count)),
                15 if is("CallbackCommand") => {
                    raw.names_command |= claims(&value);
                    (
                        &mut raw.callback_command,
                        Some(&mut raw.callback_command_count),
                    )
                }
                4 if is("Sign") => (&mut raw.sign, Some(&mut raw.sign_count)),
                11 if is("RequestTime") => {
                    (&mut raw.request_time, Some(&mut raw.request_time_count))
                }
                11 if is("contenttype") => (&mut raw.content_type, None),
                8 if is("ClientIP") => (&mut raw.client_ip, None),
                11 if is("OptPlatform") => (&mut raw.opt_platform, None),
                _ => continue,
            };
            if let Some(count) = count {
                *count = count.saturating_add(1);
            }
            if slot.is_none() {
                *slot = Some(value);
            }
        }
        raw
    }

    pub(crate) fn sdk_app_id(&self) -> Result<u64, AppIdError> {
        match (&self.sdk_app_id, self.sdk_app_id_count) {
            (Some(value), 1) => parse_unsigned(value).ok_or(AppIdError::Invalid),
            _ => Err(AppIdError::Missing),
        }
    }

    /// `Sign` and `RequestTime`, when each is given exactly once.
    pub(crate) fn signature(&self) -> Option<(&str, &str)> {
        match (&self.sign, &self.request_time) {
            (Some(sign), Some(time)) if self.sign_count == 1 && self.request_time_count == 1 => {
                Some((sign, time))
            }
            _ => None,
        }
    }

    pub(crate) fn into_callback_query(self, sdk_app_id: u64) -> CallbackQuery {
        CallbackQuery {
            sdk_app_id,
            callback_command: self
                .callback_command
                .map(Cow::into_owned)
                .unwrap_or_default(),
            content_type: self.content_type.map(Cow::into_owned),
            client_ip: self.client_ip.map(Cow::into_owned),
            opt_platform: self.opt_platform.as_deref().map(Platform::parse),
            request_time: self.request_time.as_deref().and_then(parse_unsigned),
        }
    }
}

/// The first `CallbackCommand` of a query string (empty when it has none).
pub(crate) fn first_callback_command(query: &str) -> String {
    RawQuery::parse(query, |_| false)
        .callback_command
        .map(Cow::into_owned)
        .unwrap_or_default()
}

/// The `key=value` pairs of a query string, exactly as `form_urlencoded::parse`
/// decodes them. Tencent never percent-encodes its query, and when nothing is
/// encoded that decoding changes nothing: the pairs are then found with
/// `memchr` and borrowed as they are, without the copy and UTF-8 check per
/// component that `form_urlencoded` makes (most of the cost of the head
/// checks; see BENCHMARKS.md). A query with a `%` or a `+` goes to
/// `form_urlencoded`.
fn pairs(query: &str) -> Pairs<'_> {
    if memchr::memchr2(b'%', b'+', query.as_bytes()).is_none() {
        Pairs::Plain(query)
    } else {
        Pairs::Encoded(form_urlencoded::parse(query.as_bytes()))
    }
}

enum Pairs<'a> {
    /// What is left of a query with nothing to decode.
    Plain(&'a str),
    Encoded(form_urlencoded::Parse<'a>),
}

impl<'a> Iterator for Pairs<'a> {
    type Item = (Cow<'a, str>, Cow<'a, str>);

    fn next(&mut self) -> Option<Self::Item> {
        let rest = match self {
            Self::Plain(rest) => rest,
            Self::Encoded(parse) => return parse.next(),
        };
        loop {
            if rest.is_empty() {
                return None;
            }
            let end = memchr::memchr(b'&', rest.as_bytes()).unwrap_or(rest.len());
            // Every split is at an ASCII byte, so on a character boundary.
            let (pair, after) = rest.split_at(end);
            *rest = after.get(1..).unwrap_or("");
            if pair.is_empty() {
                continue;
            }
            let (key, value) = match memchr::memchr(b'=', pair.as_bytes()) {
                Some(at) => (&pair[..at], &pair[at + 1..]),
                None => (pair, ""),
            };
            return Some((Cow::Borrowed(key), Cow::Borrowed(value)));
        }
    }
}

/// Plain ASCII digits only: no sign, no spaces, no empty string.
pub(crate) fn parse_unsigned(value: &str) -> Option<u64> {
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    value.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ENDED: &str = "Live.CallbackAfterEndBattle";

    #[allow(non_snake_case)]
    fn COMMAND(value: &str) -> bool {
        value == ENDED
    }

    #[test]
    fn reads_every_documented_key() {
        let raw = RawQuery::parse(
            "SdkAppid=1400000001&CallbackCommand=Live.CallbackAfterEndBattle&contenttype=json\
             &ClientIP=127.0.0.1&OptPlatform=RESTAPI&Sign=abc&RequestTime=1669872112",
            COMMAND,
        );
        assert!(raw.names_command);
        assert_eq!(raw.sdk_app_id(), Ok(1400000001));
        assert_eq!(raw.signature(), Some(("abc", "1669872112")));
        let query = raw.into_callback_query(1400000001);
        assert_eq!(query.callback_command, ENDED);
        assert_eq!(query.content_type.as_deref(), Some("json"));
        assert_eq!(query.client_ip.as_deref(), Some("127.0.0.1"));
        assert_eq!(query.opt_platform, Some(Platform::RestApi));
        assert_eq!(query.request_time, Some(1669872112));
    }

    #[test]
    fn keys_ignore_case_and_values_are_decoded() {
        let raw = RawQuery::parse(
            "SDKAPPID=7&callbackcommand=Live%2ECallbackAfterEndBattle",
            COMMAND,
        );
        assert!(raw.names_command);
        assert_eq!(raw.sdk_app_id(), Ok(7));
    }

    #[test]
    fn repeated_app_id_is_missing_even_in_another_case() {
        let raw = RawQuery::parse("SdkAppid=1&SdkAppId=1", COMMAND);
        assert_eq!(raw.sdk_app_id(), Err(AppIdError::Missing));
    }

    #[test]
    fn app_id_must_be_plain_digits() {
        for bad in [
            "",
            "-1",
            "+1",
            " 1",
            "1.0",
            "0x10",
            "18446744073709551616",
            "1%00",
        ] {
            let query = format!("SdkAppid={bad}");
            let raw = RawQuery::parse(&query, COMMAND);
            assert_eq!(raw.sdk_app_id(), Err(AppIdError::Invalid), "{bad:?}");
        }
        assert_eq!(
            RawQuery::parse("x=1", COMMAND).sdk_app_id(),
            Err(AppIdError::Missing)
        );
    }

    #[test]
    fn other_commands_and_look_alikes_do_not_name_ours() {
        for query in [
            "CallbackCommand=Live.CallbackAfterStartBattle",
            "CallbackCommand=live.callbackafterendbattle",
            "CallbackCommand=Live.CallbackAfterEndBattle%00",
            "CallbackCommand=Live.CallbackAfterEndBattle+",
            "CallbackCommandX=Live.CallbackAfterEndBattle",
            "",
        ] {
            assert!(!RawQuery::parse(query, COMMAND).names_command, "{query}");
        }
    }

    #[test]
    fn repeated_command_is_counted() {
        let raw = RawQuery::parse(
            "CallbackCommand=Live.CallbackAfterEndBattle&CallbackCommand=Other",
            COMMAND,
        );
        assert!(raw.names_command);
        assert_eq!(raw.callback_command_count, 2);
    }

    #[test]
    fn signature_needs_each_part_once() {
        assert_eq!(RawQuery::parse("Sign=a", COMMAND).signature(), None);
        assert_eq!(RawQuery::parse("RequestTime=1", COMMAND).signature(), None);
        assert_eq!(
            RawQuery::parse("Sign=a&RequestTime=1&sign=a", COMMAND).signature(),
            None
        );
    }

    #[test]
    fn pairs_decode_as_form_urlencoded_does() {
        for query in [
            "a=1&b=2",
            "a=1&&b=&=c&d",
            "k%20ey=va+lue&x=%41%42%zz%4&y=%E2%82%AC&z=%FF%FE",
            "a=b=c&SdkAppid=1%00&q=+%2B+",
            "",
            "&&&",
            "%",
            "=",
            "é=ü&\u{0}=1",
        ] {
            let ours: Vec<_> = pairs(query).collect();
            let theirs: Vec<_> = form_urlencoded::parse(query.as_bytes()).collect();
            assert_eq!(ours, theirs, "{query:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn pairs_match_form_urlencoded_on_any_input(
            query in "([a-zA-Z0-9=&%+.~_ -]|%[0-9a-fA-F]{2}|\\PC){0,48}"
        ) {
            let ours: Vec<_> = pairs(&query).collect();
            let theirs: Vec<_> = form_urlencoded::parse(query.as_bytes()).collect();
            proptest::prop_assert_eq!(ours, theirs);
        }
    }

    #[test]
    fn plain_components_are_borrowed() {
        let query = "SdkAppid=1400000001&CallbackCommand=Live.CallbackAfterEndBattle";
        assert!(pairs(query).all(|(key, value)| {
            matches!(key, Cow::Borrowed(_)) && matches!(value, Cow::Borrowed(_))
        }));
    }

    #[test]
    fn public_parse() {
        let query = CallbackQuery::parse("SdkAppid=5&CallbackCommand=X&OptPlatform=ipad").unwrap();
        assert_eq!(query.sdk_app_id, 5);
        assert_eq!(query.callback_command, "X");
        assert_eq!(query.opt_platform, Some(Platform::IPad));
        assert_eq!(query.request_time, None);
        assert!(CallbackQuery::parse("SdkAppid=5").is_none());
        assert!(CallbackQuery::parse("CallbackCommand=X").is_none());
    }

    #[test]
    fn platforms() {
        assert_eq!(Platform::parse("restapi"), Platform::RestApi);
        assert_eq!(Platform::parse("MAC"), Platform::Mac);
        assert_eq!(Platform::parse("Unknown"), Platform::Unknown);
        assert_eq!(Platform::parse("Other").as_str(), "Other");
        for platform in [
            Platform::RestApi,
            Platform::Web,
            Platform::Android,
            Platform::Ios,
            Platform::Windows,
            Platform::Mac,
            Platform::IPad,
            Platform::Unknown,
        ] {
            assert_eq!(Platform::parse(platform.as_str()), platform);
        }
    }
}
