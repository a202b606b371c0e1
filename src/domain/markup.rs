//! A story card written as HTML text.
//!
//! The browser parses one string per card in one go, which costs far less
//! than creating each node through wasm calls, and the publisher CLI writes
//! the same cards into a pre-rendered page. Safety does not depend on the
//! browser: every text from a feed is escaped here, every element comes from
//! this file or from [`Tag`] (the sanitizer's allow-list), and the only
//! attributes carrying feed data are links and image addresses that
//! [`crate::domain::url::safe_link`] already accepted, escaped again here.

use super::filter::highlight;
use super::issue::{Body, Story};
use super::locale::Words;
use super::sanitize::{text_of, RichNode, Tag};

/// The HTML of one story card. `index` (the story's position in the issue)
/// makes the heading's id unique; `terms` are marked as search matches.
pub fn story_card(story: &Story, index: usize, terms: &[String], words: &Words) -> String {
    let mut out = String::with_capacity(1024);
    let heading_id = ["nw-story-", &index.to_string()].concat();
    out.push_str("<article class=\"nw-card\" aria-labelledby=\"");
    out.push_str(&heading_id);
    out.push_str("\"><h3 class=\"nw-headline\" id=\"");
    out.push_str(&heading_id);
    out.push_str("\">");
    push_marked(&mut out, &headline(story), terms);
    out.push_str("</h3>");
    if !story.topics.is_empty() {
        out.push_str("<ul class=\"nw-tags\" aria-label=\"");
        push_escaped(&mut out, words.topics);
        out.push_str("\">");
        for topic in &story.topics {
            out.push_str("<li class=\"nw-tag\">");
            push_escaped(&mut out, &topic.label);
            out.push_str("</li>");
        }
        out.push_str("</ul>");
    }
    if let Some(image) = &story.image {
        out.push_str("<img class=\"nw-image\" src=\"");
        push_escaped(&mut out, image);
        out.push_str("\" alt=\"\" loading=\"lazy\" decoding=\"async\">");
    }
    out.push_str("<div class=\"nw-body\">");
    if story.title.is_some() && story.body.is_empty() {
        if let Some(summary) = &story.summary {
            push_paragraph(&mut out, summary, terms);
        }
    }
    match &story.body {
        Body::Paragraphs(paragraphs) => paragraphs.iter().for_each(|p| push_paragraph(&mut out, p, terms)),
        Body::Rich(nodes) => nodes.iter().for_each(|node| push_rich(&mut out, node, terms)),
    }
    out.push_str("</div>");
    if let Some(url) = story.url.as_ref().or(story.external_url.as_ref()) {
        out.push_str("<p class=\"nw-more\">");
        push_link(&mut out, url, words.read_original, &[]);
        out.push_str("</p>");
    }
    if !story.sources.is_empty() {
        out.push_str("<footer class=\"nw-sources\"><h4 class=\"nw-sources-title\">");
        push_escaped(&mut out, words.sources);
        out.push_str("</h4><ol>");
        for source in &story.sources {
            out.push_str("<li>");
            match &source.url {
                Some(url) => push_link(&mut out, url, &source.title, terms),
                None => {
                    out.push_str("<span>");
                    push_marked(&mut out, &source.title, terms);
                    out.push_str("</span>");
                }
            }
            out.push_str("</li>");
        }
        out.push_str("</ol></footer>");
    }
    out.push_str("</article>");
    out
}

/// Every card needs a heading to be found by screen-reader users; a story
/// without a title borrows its summary or its first words.
fn headline(story: &Story) -> String {
    if let Some(title) = &story.title {
        return title.clone();
    }
    if let Some(summary) = &story.summary {
        return first_words(summary);
    }
    match &story.body {
        Body::Paragraphs(paragraphs) => first_words(paragraphs.first().map_or("", String::as_str)),
        Body::Rich(nodes) => first_words(&text_of(nodes)),
    }
}

/// At most twelve words, for a heading made from other text.
fn first_words(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= 12 {
        words.join(" ")
    } else {
        words[..12].join(" ") + "…"
    }
}

fn push_paragraph(out: &mut String, text: &str, terms: &[String]) {
    out.push_str("<p>");
    push_marked(out, text, terms);
    out.push_str("</p>");
}

/// A link that opens in a new tab without giving it this page.
fn push_link(out: &mut String, url: &str, text: &str, terms: &[String]) {
    out.push_str("<a href=\"");
    push_escaped(out, url);
    out.push_str("\" rel=\"noopener noreferrer\" target=\"_blank\">");
    push_marked(out, text, terms);
    out.push_str("</a>");
}

fn push_rich(out: &mut String, node: &RichNode, terms: &[String]) {
    match node {
        RichNode::Text(text) => push_marked(out, text, terms),
        RichNode::Element {
            tag: Tag::LineBreak, ..
        } => out.push_str("<br>"),
        RichNode::Element {
            tag: Tag::Link,
            href: Some(href),
            children,
        } => {
            out.push_str("<a href=\"");
            push_escaped(out, href);
            out.push_str("\" rel=\"noopener noreferrer\" target=\"_blank\">");
            children.iter().for_each(|child| push_rich(out, child, terms));
            out.push_str("</a>");
        }
        RichNode::Element { tag, children, .. } => {
            let name = tag.element_name();
            out.push('<');
            out.push_str(name);
            out.push('>');
            children.iter().for_each(|child| push_rich(out, child, terms));
            out.push_str("</");
            out.push_str(name);
            out.push('>');
        }
    }
}

/// Text with the search's matches wrapped in `<mark>`.
fn push_marked(out: &mut String, text: &str, terms: &[String]) {
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

/// Escapes text for use between tags or inside a double-quoted attribute.
pub fn push_escaped(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(at) = rest.find(['&', '<', '>', '"', '\'']) {
        out.push_str(&rest[..at]);
        out.push_str(match rest.as_bytes()[at] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&#39;",
        });
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::locale::Language;
    use crate::domain::read_issue;

    fn card_of(feed_items: &str, terms: &[&str]) -> String {
        let feed = format!(r#"{{"version":"https://jsonfeed.org/version/1.1","title":"T","items":[{feed_items}]}}"#);
        let decoded = read_issue(&feed).expect("the test feed reads");
        let terms: Vec<String> = terms.iter().map(|t| (*t).to_owned()).collect();
        story_card(&decoded.issue.stories[0], 0, &terms, Language::English.words())
    }

    #[test]
    fn hostile_text_stays_text() {
        let card = card_of(
            r#"{"id":"1","title":"<img src=x onerror=alert(1)>","content_text":"a \" b ' c & <script>alert(2)</script>","tags":["<b>x</b>"]}"#,
            &[],
        );
        assert!(!card.contains("<img"), "{card}");
        assert!(!card.contains("<script"), "{card}");
        assert!(!card.contains("<b>"), "{card}");
        assert!(card.contains("&lt;img src=x onerror=alert(1)&gt;"), "{card}");
        assert!(card.contains("a &quot; b &#39; c &amp; &lt;script&gt;"), "{card}");
    }

    #[test]
    fn only_allowed_elements_and_checked_links_come_from_rich_text() {
        let card = card_of(
            r#"{"id":"1","title":"T","content_html":"<p onclick=\"x()\">Hi <a href=\"javascript:alert(1)\">bad</a> <a href=\"https://ok.example/?a=1&amp;b=2\">good</a></p><iframe src=\"https://x\"></iframe>"}"#,
            &[],
        );
        assert!(!card.contains("onclick"), "{card}");
        assert!(!card.contains("javascript:"), "{card}");
        assert!(!card.contains("iframe"), "{card}");
        assert!(
            card.contains(r#"<p>Hi <a>bad</a> <a href="https://ok.example/?a=1&amp;b=2" rel="noopener noreferrer" target="_blank">good</a></p>"#),
            "{card}"
        );
    }

    #[test]
    fn matches_are_marked_in_headline_text_and_sources() {
        let card = card_of(
            r#"{"id":"1","title":"Gene therapy","content_text":"A gene edit.","_newsletter":{"sources":[{"title":"Gene journal"}]}}"#,
            &["gene"],
        );
        assert_eq!(card.matches("<mark>").count(), 3, "{card}");
        assert!(card.contains("<mark>Gene</mark> therapy"), "{card}");
        assert!(card.contains("<span><mark>Gene</mark> journal</span>"), "{card}");
    }

    #[test]
    fn a_story_without_title_borrows_its_first_words() {
        let card = card_of(
            r#"{"id":"1","content_text":"one two three four five six seven eight nine ten eleven twelve thirteen"}"#,
            &[],
        );
        assert!(
            card.contains(">one two three four five six seven eight nine ten eleven twelve…</h3>"),
            "{card}"
        );
    }

    #[test]
    fn escaping_covers_every_special_character() {
        let mut out = String::new();
        push_escaped(&mut out, r#"<a href="x">'&'</a>"#);
        assert_eq!(out, "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    }
}
