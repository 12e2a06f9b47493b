//! The enrollment QR code a program hands out: a link that carries the
//! program server's address, the one-time code and, optionally, the pins of
//! the server's TLS keys (docs/screens.md, "Enrollment link"):
//!
//! ```text
//! checkin://enroll?server=https%3A%2F%2Fcheckin.example.org&code=K7Q4P-2MX9A-7HJQ3&pin=BASE64&pin=BASE64
//! ```

/// What an enrollment link carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct EnrollLink {
    pub server_url: String,
    pub code: String,
    pub tls_pins: Vec<String>,
}

/// The longest link read: a QR code holds a few hundred characters.
const MAX_LINK_LEN: usize = 2048;

/// The link in `text`, if it is one (anything else is refused, never
/// guessed at).
pub(crate) fn parse(text: &str) -> Option<EnrollLink> {
    let text = text.trim();
    if text.len() > MAX_LINK_LEN {
        return None;
    }
    let url = url::Url::parse(text).ok()?;
    if url.scheme() != "checkin" || url.host_str() != Some("enroll") {
        return None;
    }
    let (mut server_url, mut code, mut tls_pins) = (None, None, Vec::new());
    for (key, value) in url.query_pairs() {
        match key.as_ref() {
            "server" => server_url = Some(value.into_owned()),
            "code" => code = Some(value.into_owned()),
            "pin" => tls_pins.push(value.into_owned()),
            _ => {}
        }
    }
    Some(EnrollLink {
        server_url: server_url.filter(|s| !s.is_empty())?,
        code: code.filter(|s| !s.is_empty())?,
        tls_pins,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_program_link_is_read_and_anything_else_refused() {
        let link = parse(
            " checkin://enroll?server=https%3A%2F%2Fcheckin.example.org&code=K7Q4P-2MX9A&pin=AAA%3D&pin=BBB%3D\n",
        )
        .expect("link");
        assert_eq!(link.server_url, "https://checkin.example.org");
        assert_eq!(link.code, "K7Q4P-2MX9A");
        assert_eq!(link.tls_pins, ["AAA=", "BBB="]);
        for bad in [
            "https://checkin.example.org/?code=X",
            "checkin://window/abc",
            "checkin://enroll?server=https%3A%2F%2Fa.org",
            "checkin://enroll?code=K7Q4P",
            "not a link",
            "",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
        assert_eq!(parse(&format!("checkin://enroll?code=X&server={}", "a".repeat(3000))), None);
    }
}
