//! Tencent's optional callback signature: `Sign = hex(sha256(token + RequestTime))`.

use std::fmt;

use sha2::{Digest, Sha256};
use subtle::{Choice, ConstantTimeEq};

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
    let digest = Token::new(token.as_ref()).digest(&request_time.to_string());
    hex::encode(digest)
}

/// A configured callback token, kept as the SHA-256 state after hashing it,
/// so a request costs only the hash of its `RequestTime`.
#[derive(Clone)]
pub(crate) struct Token {
    prefix: Sha256,
}

impl Token {
    pub(crate) fn new(token: &str) -> Self {
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

/// Whether `sign` is the signature of `request_time` (exactly as it appeared in
/// the query) under any of `tokens`. Every token is checked, and the hex
/// digests are compared in constant time, so the timing says nothing about
/// which token, or how much of the digest, matched. Upper-case hex is accepted.
pub(crate) fn verify(tokens: &[Token], sign: &str, request_time: &str) -> bool {
    let Ok(given) = <[u8; 64]>::try_from(sign.as_bytes()) else {
        return false;
    };
    let given = given.map(|byte| byte.to_ascii_lowercase());
    let matched = tokens.iter().fold(Choice::from(0), |matched, token| {
        let mut expected = [0u8; 64];
        // 32 bytes always fit 64 hex digits.
        let _ = hex::encode_to_slice(token.digest(request_time), &mut expected);
        matched | constant_time_eq(&expected, &given)
    });
    matched.into()
}

/// Compares eight bytes at a time: `subtle` compares arrays byte by byte,
/// which costs more than the hash.
fn constant_time_eq(left: &[u8; 64], right: &[u8; 64]) -> Choice {
    let word = |chunk: &[u8]| {
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(chunk);
        u64::from_ne_bytes(bytes)
    };
    left.chunks_exact(8)
        .zip(right.chunks_exact(8))
        .fold(Choice::from(1), |equal, (left, right)| {
            equal & word(left).ct_eq(&word(right))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const VECTOR: &str = "17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061";

    #[test]
    fn spec_test_vector() {
        assert_eq!(sign("xxxxyyyy", 1669872112), VECTOR);
        assert_ne!(sign("xxxyyy", 1669872112), VECTOR);
    }

    #[test]
    fn verifies_with_any_of_several_tokens() {
        let tokens = [Token::new("old"), Token::new("xxxxyyyy")];
        assert!(verify(&tokens, VECTOR, "1669872112"));
        assert!(verify(&tokens[1..], &VECTOR.to_uppercase(), "1669872112"));
        assert!(!verify(&tokens[..1], VECTOR, "1669872112"));
    }

    #[test]
    fn rejects_wrong_time_and_malformed_signs() {
        let tokens = [Token::new("xxxxyyyy")];
        assert!(!verify(&tokens, VECTOR, "1669872113"));
        assert!(!verify(&tokens, &VECTOR[..63], "1669872112"));
        assert!(!verify(&tokens, &format!("{VECTOR}00"), "1669872112"));
        assert!(!verify(&tokens, "zz", "1669872112"));
        assert!(!verify(&tokens, "", "1669872112"));
        assert!(!verify(&[], VECTOR, "1669872112"));
    }

    #[test]
    fn constant_time_eq_sees_every_byte() {
        let base = [b'a'; 64];
        assert!(bool::from(constant_time_eq(&base, &base)));
        for at in 0..64 {
            let mut other = base;
            other[at] = b'b';
            assert!(!bool::from(constant_time_eq(&base, &other)), "byte {at}");
        }
    }

    #[test]
    fn debug_hides_the_token() {
        assert_eq!(format!("{:?}", Token::new("secret")), "Token(<redacted>)");
    }
}
