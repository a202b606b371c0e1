//! Story text as HTML, written once for every output: the reader's cards
//! and pre-rendered page (links open in a new tab, search matches marked)
//! and the archive feeds the CLI writes (plain links).
//!
//! Only the sanitized tree ([`RichNode`]) and plain paragraphs are written,
//! never text from a feed as it came, and every text passes the one
//! escaper ([`push_escaped`]).

use crate::feed::model::Body;
use crate::html::sanitize::{Image, RichNode, Tag};
use crate::render::escape::push_escaped;
use crate::view::search::highlight;

/// How links are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Links {
    /// In the reader: a new tab that gets no hold on the reader's page.
    NewTab,
    /// In a feed: a plain `href`, as feed readers expect.
    Plain,
}

/// A paragraph of plain text, with the search's matches marked.
pub fn push_paragraph(out: &mut String, text: &str, terms: &[String]) {
    out.push_str("<p>");
    push_marked(out, text, terms);
    out.push_str("</p>");
}

/// A link with `text`.
pub fn push_link(out: &mut String, url: &str, text: &str, terms: &[String], links: Links) {
    open_link(out, url, links);
    push_marked(out, text, terms);
    out.push_str("</a>");
}

/// A link's start tag.
fn open_link(out: &mut String, url: &str, links: Links) {
    open_link_with(out, url, links, "");
}

/// A link's start tag with `extra` attributes (already escaped) at its end.
fn open_link_with(out: &mut String, url: &str, links: Links, extra: &str) {
    out.push_str("<a href=\"");
    push_escaped(out, url);
    out.push_str(match links {
        Links::NewTab => "\" rel=\"noopener noreferrer\" target=\"_blank\"",
        Links::Plain => "\"",
    });
    out.push_str(extra);
    out.push('>');
}

/// One node of sanitized rich text. A link whose address was unsafe keeps
/// only its text: a link that leads nowhere helps no reader.
pub fn push_rich(out: &mut String, node: &RichNode, terms: &[String], links: Links) {
    match node {
        RichNode::Text(text) => push_marked(out, text, terms),
        RichNode::Image(image) => push_image(out, image),
        RichNode::Element {
            tag: tag @ (Tag::LineBreak | Tag::Rule),
            ..
        } => {
            out.push('<');
            out.push_str(tag.element_name());
            out.push('>');
        }
        RichNode::Element {
            tag: Tag::EmbedLink,
            href: Some(href),
            children,
        } => {
            // Labelled by the stylesheet in the reader's language
            // ("Embedded content:"), followed by the host.
            open_link_with(out, href, links, " class=\"nw-embed\"");
            children.iter().for_each(|child| push_rich(out, child, terms, links));
            out.push_str("</a>");
        }
        RichNode::Element {
            tag: Tag::Link,
            href,
            children,
        } => {
            if let Some(href) = href {
                open_link(out, href, links);
            }
            children.iter().for_each(|child| push_rich(out, child, terms, links));
            if href.is_some() {
                out.push_str("</a>");
            }
        }
        RichNode::Element { tag, children, .. } => {
            let name = tag.element_name();
            out.push('<');
            out.push_str(name);
            out.push('>');
            children.iter().for_each(|child| push_rich(out, child, terms, links));
            out.push_str("</");
            out.push_str(name);
            out.push('>');
        }
    }
}

/// A picture: lazy, with no referrer sent to its host, never wider than
/// the card (`widget.css`).
fn push_image(out: &mut String, image: &Image) {
    out.push_str("<img src=\"");
    push_escaped(out, &image.src);
    out.push_str("\" alt=\"");
    push_escaped(out, &image.alt);
    out.push('"');
    for (name, value) in [("width", image.width), ("height", image.height)] {
        if let Some(value) = value {
            out.push_str(&format!(" {name}=\"{value}\""));
        }
    }
    out.push_str(" loading=\"lazy\" decoding=\"async\" referrerpolicy=\"no-referrer\">");
}

/// A story's whole text as HTML, unmarked: its rich text, or one `<p>` per
/// paragraph.
pub fn body_html(body: &Body, links: Links) -> String {
    let mut out = String::new();
    match body {
        Body::Rich(nodes) => nodes.iter().for_each(|node| push_rich(&mut out, node, &[], links)),
        Body::Paragraphs(paragraphs) => paragraphs.iter().for_each(|p| push_paragraph(&mut out, p, &[])),
    }
    out
}

/// Text with the search's matches wrapped in `<mark>`.
pub fn push_marked(out: &mut String, text: &str, terms: &[String]) {
    if terms.is_empty() {
        return push_escaped(out, text);
    }
    for segment in highlight(text, terms) {
        if segment.hit {
            out.push_str("<mark>");
            push_escaped(out, segment.text);
            out.push_str("</mark>");
        } else {
            push_escaped(out, segment.text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html::sanitize::sanitize;

    #[test]
    fn writes_only_the_sanitized_tree_with_either_kind_of_link() {
        let nodes = sanitize(
            "<p onclick=\"x()\">A <a href=\"https://e.org/?a=1&amp;b=2\">link</a>, <a href=\"javascript:x\">bad</a><br>&lt;tag&gt;</p><script>x</script><h2>Sub</h2>",
        )
        .nodes;
        let body = Body::Rich(nodes);
        assert_eq!(
            body_html(&body, Links::Plain),
            "<p>A <a href=\"https://e.org/?a=1&amp;b=2\">link</a>, bad<br>&lt;tag&gt;</p><h4>Sub</h4>"
        );
        assert_eq!(
            body_html(&body, Links::NewTab),
            "<p>A <a href=\"https://e.org/?a=1&amp;b=2\" rel=\"noopener noreferrer\" target=\"_blank\">link</a>, bad<br>&lt;tag&gt;</p><h4>Sub</h4>"
        );
        assert_eq!(
            body_html(
                &Body::Paragraphs(vec!["One & two".into(), "Three".into()]),
                Links::Plain
            ),
            "<p>One &amp; two</p><p>Three</p>"
        );
    }
}
