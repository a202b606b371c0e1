//! Which links a feed may put in front of a reader.
//!
//! A feed is untrusted. A link is kept only when its scheme is on an
//! allow-list, so `javascript:`, `data:`, `vbscript:` and relative or
//! protocol-relative tricks never reach an `href` or `src`.

/// The schemes a link may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    /// Web pages and images: `http:` and `https:` only.
    Web,
    /// Links inside story text: web pages plus `mailto:`.
    WebOrMail,
}

/// Returns the link, cleaned, if it is an absolute URL with an allowed
/// scheme; `None` otherwise.
///
/// Browsers ignore tabs and line breaks inside URLs and trim surrounding
/// spaces and control characters (`"java\tscript:"` is `javascript:`), so the
/// scheme is judged on the URL as a browser would read it.
pub fn safe_link(raw: &str, kind: LinkKind) -> Option<String> {
    let cleaned: String = raw
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let colon = cleaned.find(':')?;
    let scheme = &cleaned[..colon];
    let valid_scheme = scheme.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !valid_scheme {
        return None;
    }
    let rest = &cleaned[colon + 1..];
    let allowed = match scheme.to_ascii_lowercase().as_str() {
        "http" | "https" => rest.starts_with("//") && rest.len() > 2,
        "mailto" => kind == LinkKind::WebOrMail && rest.len() > 1,
        _ => false,
    };
    if allowed && !cleaned.chars().any(char::is_control) {
        Some(cleaned)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_web_links() {
        assert_eq!(
            safe_link(" https://example.org/a?b=1 ", LinkKind::Web).as_deref(),
            Some("https://example.org/a?b=1")
        );
        assert_eq!(
            safe_link("HTTP://example.org", LinkKind::Web).as_deref(),
            Some("HTTP://example.org")
        );
        assert_eq!(
            safe_link("mailto:ed@example.org", LinkKind::WebOrMail).as_deref(),
            Some("mailto:ed@example.org")
        );
    }

    #[test]
    fn refuses_script_data_and_relative_links() {
        for raw in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "\u{1}javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)",
            "//evil.example/x",
            "/relative/path",
            "no scheme at all",
            "https:",
            "http:/one-slash",
            "",
        ] {
            assert_eq!(safe_link(raw, LinkKind::WebOrMail), None, "{raw:?} must be refused");
        }
        assert_eq!(safe_link("mailto:ed@example.org", LinkKind::Web), None);
    }
}
