//! The two encodings requests need: URL components and JSON strings.

/// Percent-encodes `text` as a URL query value or path segment: everything
/// but the unreserved characters `A-Z a-z 0-9 - . _ ~` becomes `%XX` of its
/// UTF-8 bytes (so `+` is `%2B`, `&` is `%26` and a space is `%20`).
pub(super) fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// `text` as a JSON string literal, quotes included. Quotes, backslashes
/// and control characters are escaped; other characters, including
/// non-ASCII ones, are written as they are (the body is UTF-8). U+2028 and
/// U+2029 are escaped too, as older JavaScript parsers need.
pub(super) fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if u32::from(c) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
