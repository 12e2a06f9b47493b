//! Offline check-in codes (docs/protocol.md, "Offline check-in code").
//!
//! When no network is available for a whole window, the participant can
//! read out or text a short code for a check-in already sealed on the
//! device. The code is 50 bits of
//! `SHA-256("checkin-offline-code-v1\0" || SHA-256(envelope))`, written as
//! ten Crockford base32 characters (`XXXXX-XXXXX`). The envelope carries the
//! device key's signature, so the code commits to one sealed, device-signed
//! check-in: once the envelope arrives, the program recomputes the code
//! from it and compares. A code cannot be made before the envelope exists,
//! and guessing one succeeds with probability 2^-50.
//!
//! Reading is forgiving: case, spaces, hyphens and the look-alikes `I`/`L`
//! (for 1) and `O` (for 0) are accepted.

use crate::crypto::sha256;

/// Domain separation for the code's hash.
pub const CONTEXT: &[u8] = b"checkin-offline-code-v1\0";
/// Crockford's base32 alphabet.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const CHARS: usize = 10;

/// The code for the envelope whose SHA-256 is `digest_hex` (as a check-in's
/// summary names it); `None` if that is not a SHA-256 in hex.
pub fn for_envelope(digest_hex: &str) -> Option<String> {
    let digest: [u8; 32] = hex::decode(digest_hex).ok()?.try_into().ok()?;
    Some(code(&digest))
}

/// The code for the envelope whose SHA-256 is `envelope_digest`.
pub fn code(envelope_digest: &[u8; 32]) -> String {
    let mut input = CONTEXT.to_vec();
    input.extend_from_slice(envelope_digest);
    let h = sha256(&input);
    let mut bits = 0u64;
    for b in &h[..8] {
        bits = (bits << 8) | u64::from(*b);
    }
    let mut out = String::with_capacity(CHARS + 1);
    for i in 0..CHARS {
        if i == 5 {
            out.push('-');
        }
        let index = (bits >> (59 - 5 * i)) & 0x1f;
        out.push(char::from(ALPHABET[index as usize]));
    }
    out
}

/// The ten code characters in `input`, canonical, if it is a well-formed
/// code (the program's side; the tests check codes with it).
#[cfg(any(test, feature = "internals"))]
pub fn normalize(input: &str) -> Option<String> {
    let mut out = String::with_capacity(CHARS);
    for c in input.chars() {
        let c = match c.to_ascii_uppercase() {
            ' ' | '-' => continue,
            'I' | 'L' => '1',
            'O' => '0',
            c if c.is_ascii() && ALPHABET.contains(&(c as u8)) => c,
            _ => return None,
        };
        out.push(c);
    }
    (out.len() == CHARS).then_some(out)
}

/// Whether `input` is the code for `envelope_digest`.
#[cfg(any(test, feature = "internals"))]
pub fn matches(envelope_digest: &[u8; 32], input: &str) -> bool {
    normalize(input).is_some_and(|n| n == code(envelope_digest).replace('-', ""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_ten_characters_and_read_forgivingly() {
        let c = code(&[7; 32]);
        assert_eq!(c.len(), 11);
        assert_eq!(&c[5..6], "-");
        assert!(matches(&[7; 32], &c));
        assert!(matches(&[7; 32], &c.to_lowercase().replace('-', " ")));
        assert!(!matches(&[8; 32], &c));
        assert!(!matches(&[7; 32], &c[..10]));
        assert_eq!(normalize("oIl0u-00000"), None, "U is not in the alphabet");
        assert_eq!(normalize("oil00-00000").as_deref(), Some("0110000000"));
    }
}
