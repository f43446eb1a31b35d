//! Whether a request is the webhook, and what its head alone decides, by the
//! README's rules, written out plainly: a `POST` to exactly the path whose
//! query names a claimed `CallbackCommand`; then the app id (403), the
//! signature (401); then, the webhook being authentic, a repeated command
//! (3001: 400, or a before-webhook's fallback decision), a declared size over
//! the limit (413). The query is `application/x-www-form-urlencoded`: pairs split on
//! `&`, `+` a space, `%XX` a byte, any other `%` itself, keys compared in any
//! ASCII case after decoding.

use sha2::{Digest, Sha256};

/// What the head of a request decides.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Head {
    /// Not the webhook: the inner service gets it untouched.
    Pass,
    /// Refused with this `ErrorCode`, nothing read.
    Refused(i64),
    /// Authentic, but its `CallbackCommand` is repeated: refused with 3001 as
    /// the first value's command (400, or its fallback decision).
    Repeated(String),
    /// The webhook of this command: its body is read next.
    Webhook(String),
}

/// The layer's configuration, as far as the head is concerned.
#[derive(Clone, Debug)]
pub struct Config<'a> {
    pub path: &'a str,
    pub app_id: u64,
    /// `None`: no token configured, the signature is not looked at.
    pub token: Option<&'a str>,
    pub now: u64,
    pub tolerance: u64,
    /// The commands the layer claims.
    pub claims: &'a [&'a str],
}

/// `application/x-www-form-urlencoded` decoding of one key or value.
pub fn form_decode(part: &str) -> String {
    let bytes = part.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() && is_hex_pair(&bytes[i + 1..i + 3]) => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
                out.push(u8::from_str_radix(hex, 16).unwrap());
                i += 2;
            }
            byte => out.push(byte),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn is_hex_pair(pair: &[u8]) -> bool {
    pair.iter().all(u8::is_ascii_hexdigit)
}

/// Plain ASCII digits, as a `u64`.
pub fn digits(value: &str) -> Option<u64> {
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    value.parse().ok()
}

/// `hex(sha256(token + request_time))`, from the spec (§A).
pub fn signature(token: &str, request_time: &str) -> String {
    let digest = Sha256::digest(format!("{token}{request_time}").as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The decoded pairs of a query.
pub fn pairs(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (form_decode(key), form_decode(value))
        })
        .collect()
}

/// What the head decides, before any size check.
pub fn head(method: &str, path: &str, query: Option<&str>, config: &Config<'_>) -> Head {
    if method != "POST" || path != config.path {
        return Head::Pass;
    }
    let Some(query) = query else {
        return Head::Pass;
    };
    let pairs = pairs(query);
    let values = |name: &str| -> Vec<&str> {
        pairs
            .iter()
            .filter(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
            .collect()
    };
    let commands = values("CallbackCommand");
    let Some(command) = commands
        .iter()
        .find(|command| config.claims.contains(command))
    else {
        return Head::Pass;
    };
    let app_ids = values("SdkAppid");
    let [app_id] = app_ids[..] else {
        return Head::Refused(1001);
    };
    match digits(app_id) {
        None => return Head::Refused(1002),
        Some(id) if id != config.app_id => return Head::Refused(1003),
        Some(_) => {}
    }
    if let Some(token) = config.token {
        let (signs, times) = (values("Sign"), values("RequestTime"));
        let ([sign], [time]) = (&signs[..], &times[..]) else {
            return Head::Refused(2001);
        };
        let Some(seconds) = digits(time) else {
            return Head::Refused(2002);
        };
        if seconds.abs_diff(config.now) > config.tolerance {
            return Head::Refused(2003);
        }
        if !sign.eq_ignore_ascii_case(&signature(token, time)) {
            return Head::Refused(2004);
        }
    }
    if commands.len() > 1 {
        return Head::Repeated(commands[0].to_owned());
    }
    Head::Webhook((*command).to_owned())
}

/// The HTTP status of a refusal, by its `ErrorCode` (README, "Answers and
/// error codes").
pub fn status_of(code: i64) -> u16 {
    match code {
        1001..=1003 => 403,
        2001..=2004 => 401,
        3002 => 413,
        3001 | 3003..=3006 => 400,
        4001 | 4003 => 500,
        _ => panic!("no status for {code}"),
    }
}

/// Tencent's FAIL acknowledgement's shape: `ActionStatus` "FAIL", a non-empty
/// `ErrorInfo`, this `ErrorCode`.
pub fn is_fail(body: &[u8], code: i64) -> bool {
    let Ok(serde_json::Value::Object(ack)) = serde_json::from_slice(body) else {
        return false;
    };
    ack.len() == 3
        && ack.get("ActionStatus") == Some(&serde_json::Value::from("FAIL"))
        && ack.get("ErrorCode") == Some(&serde_json::Value::from(code))
        && ack
            .get("ErrorInfo")
            .and_then(serde_json::Value::as_str)
            .is_some_and(|info| !info.is_empty())
}
