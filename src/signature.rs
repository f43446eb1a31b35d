//! Tencent's optional callback signature: `Sign = hex(sha256(token + RequestTime))`.

use std::fmt;

use sha2::{Digest, Sha256};
use subtle::{Choice, ConstantTimeEq};

/// The longest callback token Tencent accepts, in characters.
pub(crate) const MAX_TOKEN_CHARS: usize = 128;

/// Computes the `Sign` Tencent sends for a callback token and a `RequestTime`
/// (Unix seconds): the lowercase hex SHA-256 of the token followed by the time
/// as written in the query.
///
/// Use it to build signed requests in tests, or to sign webhooks you replay.
///
/// ```
/// use tencent_live_webhook::sign;
///
/// let expected = "17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061";
/// assert_eq!(sign("xxxxyyyy", 1669872112), expected);
/// assert_eq!(sign(String::from("xxxxyyyy"), "1669872112"), expected);
/// ```
pub fn sign(token: impl AsRef<str>, request_time: impl fmt::Display) -> String {
    let digest = Token::hash(token.as_ref()).digest(&request_time.to_string());
    hex::encode(digest)
}

/// A configured callback token, kept as the SHA-256 state after hashing it,
/// so a request costs only the hash of its `RequestTime`.
#[derive(Clone)]
pub(crate) struct Token {
    prefix: Sha256,
}

impl Token {
    /// A token Tencent could have issued: 1 to 128 characters.
    pub(crate) fn new(token: &str) -> Result<Self, InvalidToken> {
        let chars = token.chars().count();
        if chars == 0 {
            return Err(InvalidToken::Empty);
        }
        if chars > MAX_TOKEN_CHARS {
            return Err(InvalidToken::TooLong { chars });
        }
        Ok(Self::hash(token))
    }

    fn hash(token: &str) -> Self {
        let mut prefix = Sha256::new();
        prefix.update(token.as_bytes());
        Self { prefix }
    }

    fn digest(&self, request_time: &str) -> [u8; 32] {
        let mut hasher = self.prefix.clone();
        hasher.update(request_time.as_bytes());
        hasher.finalize().into()
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(<redacted>)")
    }
}

/// A callback token that Tencent would not issue, refused when the layer is
/// configured: an empty token would make `Sign` forgeable by anyone.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum InvalidToken {
    /// The token is empty.
    Empty,
    /// The token is longer than Tencent's 128 characters.
    TooLong {
        /// Its length in characters.
        chars: usize,
    },
}

impl fmt::Display for InvalidToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str("the callback token is empty"),
            Self::TooLong { chars } => write!(
                f,
                "the callback token has {chars} characters; Tencent's have 1 to {MAX_TOKEN_CHARS}"
            ),
        }
    }
}

impl std::error::Error for InvalidToken {}

/// Whether `sign` is the signature of `request_time` (exactly as it appeared in
/// the query) under any of `tokens`. Every token is checked, and the digests
/// are compared in constant time, so the timing says nothing about which
/// token, or how much of the digest, matched. Upper-case hex is accepted.
pub(crate) fn verify<'a>(
    tokens: impl IntoIterator<Item = &'a Token>,
    sign: &str,
    request_time: &str,
) -> bool {
    // The given `Sign` is not secret: decoding it may take any time.
    let mut given = [0u8; 32];
    if hex::decode_to_slice(sign, &mut given).is_err() {
        return false;
    }
    let matched = tokens.into_iter().fold(Choice::from(0), |matched, token| {
        matched | token.digest(request_time)[..].ct_eq(&given[..])
    });
    matched.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(token: &str) -> Token {
        Token::new(token).unwrap()
    }

    const VECTOR: &str = "17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061";

    #[test]
    fn spec_test_vector() {
        assert_eq!(sign("xxxxyyyy", 1669872112), VECTOR);
        assert_ne!(sign("xxxyyy", 1669872112), VECTOR);
    }

    #[test]
    fn verifies_with_any_of_several_tokens() {
        let tokens = [token("old"), token("xxxxyyyy")];
        assert!(verify(&tokens, VECTOR, "1669872112"));
        assert!(verify(&tokens[1..], &VECTOR.to_uppercase(), "1669872112"));
        assert!(!verify(&tokens[..1], VECTOR, "1669872112"));
    }

    #[test]
    fn rejects_wrong_time_and_malformed_signs() {
        let tokens = [token("xxxxyyyy")];
        assert!(!verify(&tokens, VECTOR, "1669872113"));
        assert!(!verify(&tokens, &VECTOR[..63], "1669872112"));
        assert!(!verify(&tokens, &format!("{VECTOR}00"), "1669872112"));
        assert!(!verify(&tokens, "zz", "1669872112"));
        assert!(!verify(&tokens, "", "1669872112"));
        assert!(!verify(&[], VECTOR, "1669872112"));
    }

    #[test]
    fn every_byte_of_the_signature_counts() {
        let tokens = [token("xxxxyyyy")];
        for at in 0..64 {
            let mut forged = VECTOR.as_bytes().to_vec();
            forged[at] = if forged[at] == b'0' { b'1' } else { b'0' };
            let forged = String::from_utf8(forged).unwrap();
            assert!(!verify(&tokens, &forged, "1669872112"), "byte {at}");
        }
    }

    #[test]
    fn tokens_tencent_would_not_issue_are_refused() {
        assert_eq!(Token::new("").unwrap_err(), InvalidToken::Empty);
        assert!(Token::new(&"x".repeat(128)).is_ok());
        assert_eq!(
            Token::new(&"x".repeat(129)).unwrap_err(),
            InvalidToken::TooLong { chars: 129 }
        );
        // Characters, not bytes.
        assert!(Token::new(&"令".repeat(128)).is_ok());
    }

    #[test]
    fn debug_hides_the_token() {
        assert_eq!(format!("{:?}", token("secret")), "Token(<redacted>)");
    }
}
