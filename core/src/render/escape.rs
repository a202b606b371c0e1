//! The one escaper of every HTML and XML the project writes: the reader's
//! cards and pages, the pre-rendered page, and the CLI's feeds.

/// Escapes `text` for element content or a quoted attribute value (`&`,
/// `<`, `>`, `"`, `'`), and drops the characters XML 1.0 does not allow at
/// all (controls other than tab, line feed and carriage return; U+FFFE and
/// U+FFFF), which no reader would see anyway.
pub fn push_escaped(out: &mut String, text: &str) {
    let special = |c: char| {
        matches!(c, '&' | '<' | '>' | '"' | '\'' | '\u{fffe}' | '\u{ffff}')
            || (c < ' ' && !matches!(c, '\t' | '\n' | '\r'))
    };
    let mut rest = text;
    while let Some(at) = rest.find(special) {
        out.push_str(&rest[..at]);
        let c = rest[at..].chars().next().unwrap_or_default();
        out.push_str(match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '"' => "&quot;",
            '\'' => "&#39;",
            _ => "",
        });
        rest = &rest[at + c.len_utf8()..];
    }
    out.push_str(rest);
}

/// [`push_escaped`] into a new string.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_escaped(&mut out, text);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_characters_xml_forbids() {
        assert_eq!(
            escape("<b>\"M&A\"</b> it's\u{1}\u{fffe}\tok é"),
            "&lt;b&gt;&quot;M&amp;A&quot;&lt;/b&gt; it&#39;s\tok é"
        );
        assert_eq!(escape(""), "");
    }
}
