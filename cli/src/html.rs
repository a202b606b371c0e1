//! Writing text into HTML and XML.
//!
//! The archive feeds carry each story's text as HTML. It is written from the
//! domain's sanitized model ([`RichNode`]), never copied from the issue, so
//! it holds only the allow-listed elements and checked links.

use newsletter_core::html::sanitize::{RichNode, Tag};
use newsletter_core::{Body, Source};

/// Escapes text for HTML or XML element content and for attribute values
/// in double quotes (`&`, `<`, `>`, `"`), and
/// drops the characters XML 1.0 does not allow at all (control characters
/// other than tab, line feed and carriage return, and U+FFFE and U+FFFF).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c < ' ' || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// A story's text as HTML: its rich text, or one `<p>` per paragraph.
pub fn body(body: &Body) -> String {
    match body {
        Body::Rich(nodes) => rich(nodes),
        Body::Paragraphs(paragraphs) => paragraphs_html(paragraphs),
    }
}

/// Plain paragraphs as HTML.
pub fn paragraphs_html(paragraphs: &[String]) -> String {
    paragraphs.iter().map(|p| format!("<p>{}</p>", escape(p))).collect()
}

/// Sanitized rich text as HTML.
pub fn rich(nodes: &[RichNode]) -> String {
    let mut out = String::new();
    for node in nodes {
        match node {
            RichNode::Text(text) => out.push_str(&escape(text)),
            RichNode::Element { tag, href, children } => {
                let name = tag.element_name();
                if *tag == Tag::LineBreak {
                    out.push_str("<br>");
                    continue;
                }
                match href {
                    Some(href) => out.push_str(&format!("<{name} href=\"{}\">", escape(href))),
                    // A link whose address was unsafe keeps only its text.
                    None if *tag == Tag::Link => {
                        out.push_str(&rich(children));
                        continue;
                    }
                    None => out.push_str(&format!("<{name}>")),
                }
                out.push_str(&rich(children));
                out.push_str(&format!("</{name}>"));
            }
        }
    }
    out
}

/// A story's numbered sources as HTML: a "Sources" paragraph and a list,
/// each source a link only when it has a URL. Empty when there are none.
pub fn sources(sources: &[Source]) -> String {
    if sources.is_empty() {
        return String::new();
    }
    let items: String = sources
        .iter()
        .map(|s| match &s.url {
            Some(url) => format!("<li><a href=\"{}\">{}</a></li>", escape(url), escape(&s.title)),
            None => format!("<li>{}</li>", escape(&s.title)),
        })
        .collect();
    format!("<p>Sources:</p><ol>{items}</ol>")
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsletter_core::html::sanitize::sanitize;

    #[test]
    fn escapes_markup_and_drops_characters_xml_forbids() {
        assert_eq!(
            escape("<b>\"M&A\"</b> it's\u{1}\u{fffe}\tok"),
            "&lt;b&gt;&quot;M&amp;A&quot;&lt;/b&gt; it's\tok"
        );
    }

    #[test]
    fn writes_only_the_sanitized_tree() {
        let nodes = sanitize(
            "<p onclick=\"x()\">A <a href=\"https://e.org/?a=1&amp;b=2\">link</a>, <a href=\"javascript:x\">bad</a><br>&lt;tag&gt;</p><script>x</script><h2>Sub</h2>",
        )
        .nodes;
        assert_eq!(
            rich(&nodes),
            "<p>A <a href=\"https://e.org/?a=1&amp;b=2\">link</a>, bad<br>&lt;tag&gt;</p><h4>Sub</h4>"
        );
    }

    #[test]
    fn writes_paragraphs_and_sources() {
        assert_eq!(
            body(&Body::Paragraphs(vec!["One & two".into(), "Three".into()])),
            "<p>One &amp; two</p><p>Three</p>"
        );
        let list = sources(&[
            Source {
                title: "Press <release>".into(),
                url: Some("https://e.org/p".into()),
            },
            Source {
                title: "Call".into(),
                url: None,
            },
        ]);
        assert_eq!(
            list,
            "<p>Sources:</p><ol><li><a href=\"https://e.org/p\">Press &lt;release&gt;</a></li><li>Call</li></ol>"
        );
        assert_eq!(sources(&[]), "");
    }
}
