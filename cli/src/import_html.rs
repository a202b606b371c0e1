//! The HTML of imported posts, read just enough for `newsletter import`:
//! where a digest's sections start (its level-2 or level-3 headings), the
//! plain text of a heading or an intro, and character references.
//!
//! The HTML itself is carried over as written: the reader's allow-list
//! cleans it when it is shown. This only finds tags (skipping comments and
//! the contents of `script`, `style` and the like, so that markup inside
//! them is never structure) and cuts the text between them.

use newsletter_core::html::sanitize::decode_entities;

/// A section of a digest post: its heading, and the HTML up to the next one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The heading's text, on one line, character references decoded.
    pub title: String,
    /// The heading's `id` attribute, an anchor in the post's page.
    pub anchor: Option<String>,
    /// The one link the heading holds (`<h3><a href="…">Title</a></h3>`),
    /// as written; `None` when it holds none or several.
    pub link: Option<String>,
    /// The section's HTML after the heading, trimmed.
    pub html: String,
}

/// A digest post cut at its headings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Digest {
    /// The HTML before the first heading, trimmed.
    pub intro: String,
    /// One per heading, in order; at least two.
    pub sections: Vec<Section>,
}

/// Elements whose text is not markup: nothing inside them is structure.
const RAW_TEXT: [&str; 10] = [
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
];

/// Elements a heading inside of is not a section break (a heading in a
/// quotation, a list or a table belongs to it). All need their end tag.
const CONTAINERS: [&str; 12] = [
    "blockquote",
    "ul",
    "ol",
    "dl",
    "table",
    "pre",
    "figure",
    "aside",
    "details",
    "template",
    "svg",
    "math",
];

/// Elements that separate paragraphs of text.
const BLOCKS: [&str; 27] = [
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "table",
    "tr",
    "section",
    "article",
    "header",
    "footer",
    "figure",
    "hr",
    "aside",
    "nav",
    "main",
];

/// What a stretch of HTML is.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind<'a> {
    /// A start tag; `name` lower-cased, `attributes` as written.
    Start { name: String, attributes: &'a str },
    /// An end tag; `name` lower-cased.
    End { name: String },
    /// Text, character references not yet decoded.
    Text,
    /// A comment, a declaration, or the text of a raw text element.
    Other,
}

/// One token and where it is in the HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Token<'a> {
    start: usize,
    end: usize,
    kind: Kind<'a>,
}

/// Cuts `html` into tags and text, as far as finding structure needs.
fn tokens(html: &str) -> Vec<Token<'_>> {
    let bytes = html.as_bytes();
    let mut tokens = Vec::new();
    let mut at = 0;
    let mut text_start = 0;
    let find = |from: usize, needle: &str| html[from..].find(needle).map(|i| from + i);
    while at < bytes.len() {
        if bytes[at] != b'<' {
            at += 1;
            continue;
        }
        let next = bytes.get(at + 1).copied().unwrap_or(0);
        let end_tag = next == b'/' && bytes.get(at + 2).is_some_and(u8::is_ascii_alphabetic);
        if !(next.is_ascii_alphabetic() || end_tag || next == b'!' || next == b'?') {
            at += 1;
            continue;
        }
        if text_start < at {
            tokens.push(Token {
                start: text_start,
                end: at,
                kind: Kind::Text,
            });
        }
        let (end, kind) = if html[at..].starts_with("<!--") {
            let end = find(at + 4, "-->").map_or(html.len(), |e| e + 3);
            (end, Kind::Other)
        } else if next == b'!' || next == b'?' {
            (find(at, ">").map_or(html.len(), |e| e + 1), Kind::Other)
        } else {
            let name_start = if end_tag { at + 2 } else { at + 1 };
            let name_end = html[name_start..]
                .find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>')
                .map_or(html.len(), |e| name_start + e);
            let name = html[name_start..name_end].to_ascii_lowercase();
            let close = tag_end(html, name_end);
            if end_tag {
                (close, Kind::End { name })
            } else {
                let attributes = html[name_end..close].trim_end_matches('>').trim_end_matches('/');
                (close, Kind::Start { name, attributes })
            }
        };
        let raw = match &kind {
            Kind::Start { name, .. } if RAW_TEXT.contains(&name.as_str()) => Some(name.clone()),
            _ => None,
        };
        tokens.push(Token { start: at, end, kind });
        at = end;
        if let Some(name) = raw {
            // Everything up to the matching end tag is text, not markup.
            let lower = html[at..].to_ascii_lowercase();
            let stop = lower.find(&format!("</{name}")).map_or(html.len(), |i| at + i);
            if at < stop {
                tokens.push(Token {
                    start: at,
                    end: stop,
                    kind: Kind::Other,
                });
            }
            at = stop;
        }
        text_start = at;
    }
    if text_start < html.len() {
        tokens.push(Token {
            start: text_start,
            end: html.len(),
            kind: Kind::Text,
        });
    }
    tokens
}

/// Where a tag whose name ends at `from` ends: after its `>`, skipping
/// quoted attribute values.
fn tag_end(html: &str, from: usize) -> usize {
    let mut quote = None;
    for (i, c) in html[from..].char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return from + i + 1,
            _ => {}
        }
    }
    html.len()
}

/// The value of attribute `wanted` in a tag's attributes, character
/// references decoded.
fn attribute(attributes: &str, wanted: &str) -> Option<String> {
    let mut rest = attributes;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
        if rest.is_empty() {
            return None;
        }
        let name_end = rest
            .find(|c: char| c.is_ascii_whitespace() || c == '=' || c == '/')
            .unwrap_or(rest.len());
        let name = &rest[..name_end];
        rest = rest[name_end..].trim_start();
        let mut value = None;
        if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            let (raw, remaining) = match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let body = &after[1..];
                    let close = body.find(q).unwrap_or(body.len());
                    (&body[..close], body.get(close + 1..).unwrap_or(""))
                }
                _ => {
                    let close = after.find(|c: char| c.is_ascii_whitespace()).unwrap_or(after.len());
                    (&after[..close], &after[close..])
                }
            };
            value = Some(raw);
            rest = remaining;
        }
        if name.eq_ignore_ascii_case(wanted) {
            return value.map(decode_entities);
        }
    }
}

fn heading_level(name: &str) -> Option<u8> {
    match name {
        "h1" => Some(1),
        "h2" => Some(2),
        "h3" => Some(3),
        "h4" => Some(4),
        "h5" => Some(5),
        "h6" => Some(6),
        _ => None,
    }
}

/// A heading at the top level of a post: not inside a quotation, list,
/// table or figure.
struct Heading {
    level: u8,
    /// Where its start tag starts.
    start: usize,
    /// Where its text ends and where the section's HTML starts.
    inner: (usize, usize),
    after: usize,
    anchor: Option<String>,
}

fn top_level_headings(html: &str, tokens: &[Token<'_>]) -> Vec<Heading> {
    let mut headings = Vec::new();
    let mut open = [0usize; CONTAINERS.len()];
    let mut i = 0;
    while i < tokens.len() {
        match &tokens[i].kind {
            Kind::Start { name, attributes } => {
                if let Some(slot) = CONTAINERS.iter().position(|c| c == name) {
                    open[slot] += 1;
                } else if let Some(level) = heading_level(name).filter(|_| open.iter().all(|&n| n == 0)) {
                    // The heading ends at the next heading end tag, or at
                    // the next heading start tag (which closes it, as in
                    // browsers), or at the end.
                    let close = tokens[i + 1..].iter().position(|t| match &t.kind {
                        Kind::End { name } | Kind::Start { name, .. } => heading_level(name).is_some(),
                        _ => false,
                    });
                    let (inner_end, after, next) = match close.map(|c| i + 1 + c) {
                        Some(c) if matches!(tokens[c].kind, Kind::End { .. }) => {
                            (tokens[c].start, tokens[c].end, c + 1)
                        }
                        Some(c) => (tokens[c].start, tokens[c].start, c),
                        None => (html.len(), html.len(), tokens.len()),
                    };
                    headings.push(Heading {
                        level,
                        start: tokens[i].start,
                        inner: (tokens[i].end, inner_end),
                        after,
                        anchor: attribute(attributes, "id").filter(|id| !id.trim().is_empty()),
                    });
                    i = next;
                    continue;
                }
            }
            Kind::End { name } => {
                if let Some(slot) = CONTAINERS.iter().position(|c| c == name) {
                    open[slot] = open[slot].saturating_sub(1);
                }
            }
            Kind::Text | Kind::Other => {}
        }
        i += 1;
    }
    headings
}

/// Cuts a digest post at its headings: at its level-2 headings when it
/// has at least two with text, else at its level-3 ones when it has at
/// least two. `None` when it has neither: the post is one story.
pub fn split_digest(html: &str) -> Option<Digest> {
    let tokens = tokens(html);
    let headings: Vec<Heading> = top_level_headings(html, &tokens)
        .into_iter()
        .filter(|h| !one_line(&text_of(&html[h.inner.0..h.inner.1])).is_empty())
        .collect();
    let level = [2, 3]
        .into_iter()
        .find(|&level| headings.iter().filter(|h| h.level == level).count() >= 2)?;
    let cuts: Vec<&Heading> = headings.iter().filter(|h| h.level == level).collect();
    let sections = cuts
        .iter()
        .enumerate()
        .map(|(n, heading)| {
            let end = cuts.get(n + 1).map_or(html.len(), |next| next.start);
            let inner = &html[heading.inner.0..heading.inner.1];
            Section {
                title: one_line(&text_of(inner)),
                anchor: heading.anchor.clone(),
                link: single_link(inner),
                html: html[heading.after.max(heading.inner.1)..end].trim().to_owned(),
            }
        })
        .collect();
    Some(Digest {
        intro: html[..cuts[0].start].trim().to_owned(),
        sections,
    })
}

/// The `href` of the one link in `html`, when there is exactly one.
fn single_link(html: &str) -> Option<String> {
    let mut links = links(html).into_iter();
    let first = links.next()?;
    links.all(|other| other == first).then_some(first)
}

/// The `href` of every link in `html`, in order.
pub fn links(html: &str) -> Vec<String> {
    tokens(html)
        .into_iter()
        .filter_map(|t| match t.kind {
            Kind::Start { name, attributes } if name == "a" => attribute(attributes, "href"),
            _ => None,
        })
        .collect()
}

/// The `src` of the first image in `html`.
pub fn first_image(html: &str) -> Option<String> {
    tokens(html).into_iter().find_map(|t| match t.kind {
        Kind::Start { name, attributes } if name == "img" => attribute(attributes, "src"),
        _ => None,
    })
}

/// The text of `html` as paragraphs, for plain-text fields: block elements
/// separate paragraphs, the rest of the markup goes, character references
/// are decoded and runs of white space become one space. Image captions
/// (`figcaption`) and what scripts and styles hold are left out.
pub fn paragraphs(html: &str) -> Vec<String> {
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    let mut caption_depth = 0usize;
    for token in tokens(html) {
        match &token.kind {
            Kind::Start { name, .. } | Kind::End { name } => {
                let closing = matches!(token.kind, Kind::End { .. });
                if name == "figcaption" {
                    caption_depth = if closing {
                        caption_depth.saturating_sub(1)
                    } else {
                        caption_depth + 1
                    };
                }
                if BLOCKS.contains(&name.as_str()) {
                    paragraphs.push(one_line(&current));
                    current.clear();
                } else if name == "br" {
                    current.push(' ');
                }
            }
            Kind::Text if caption_depth == 0 => current.push_str(&decode_entities(&html[token.start..token.end])),
            Kind::Text | Kind::Other => {}
        }
    }
    paragraphs.push(one_line(&current));
    paragraphs.retain(|p| !p.is_empty());
    paragraphs
}

/// The text of `html` on one line.
pub fn text_of(html: &str) -> String {
    paragraphs(html).join(" ")
}

/// `text` with runs of white space (but not no-break spaces) as one space,
/// trimmed.
pub fn one_line(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() && c != '\u{a0}')
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_every_named_and_numeric_reference() {
        assert_eq!(
            decode_entities("It&#8217;s &eacute;t&eacute; &hellip; &#x2014; AT&T &amp;amp; &nope; &#0;"),
            "It’s été … — AT&T &amp; &nope; \u{fffd}"
        );
        assert_eq!(decode_entities("a & b &#; &#xZZ;"), "a & b &#; &#xZZ;");
    }

    #[test]
    fn splits_at_level_two_headings_outside_quotes_and_lists() {
        let html = "<p>Hello &amp; welcome.</p><p>Two<br>lines</p>\
                    <h2 id=\"one\">First <em>story</em></h2><p>a<p>b\
                    <blockquote><h2>Quoted</h2></blockquote>\
                    <h2><a href=\"https://example.org/x\">Second</a></h2><ul><li>c</ul>\
                    <script>document.write('<h2>no</h2>')</script>";
        let digest = split_digest(html).unwrap();
        assert_eq!(paragraphs(&digest.intro), ["Hello & welcome.", "Two lines"]);
        assert_eq!(digest.sections.len(), 2);
        assert_eq!(digest.sections[0].title, "First story");
        assert_eq!(digest.sections[0].anchor.as_deref(), Some("one"));
        assert_eq!(digest.sections[0].link, None);
        assert_eq!(
            digest.sections[0].html,
            "<p>a<p>b<blockquote><h2>Quoted</h2></blockquote>"
        );
        assert_eq!(digest.sections[1].title, "Second");
        assert_eq!(digest.sections[1].link.as_deref(), Some("https://example.org/x"));
        assert!(digest.sections[1].html.starts_with("<ul><li>c</ul><script>"));
    }

    #[test]
    fn falls_back_to_level_three_and_needs_two_headings() {
        assert_eq!(split_digest("<h2>Only one</h2><p>x</p>"), None);
        assert_eq!(split_digest("<p>No headings</p>"), None);
        let digest = split_digest("<h2>One</h2><h3>A</h3>x<h3>B</h3>y").unwrap();
        assert_eq!(digest.intro, "<h2>One</h2>");
        let titles: Vec<&str> = digest.sections.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(titles, ["A", "B"]);
        // Empty headings are not sections.
        assert_eq!(split_digest("<h2> </h2>a<h2>B</h2>b"), None);
    }

    #[test]
    fn unclosed_headings_end_at_the_next_heading() {
        let digest = split_digest("<H2>One<h2>Two</H2>text").unwrap();
        let titles: Vec<&str> = digest.sections.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(titles, ["One", "Two"]);
        assert_eq!(digest.sections[1].html, "text");
    }

    #[test]
    fn reads_attributes_and_images() {
        assert_eq!(
            first_image("<p><img alt='a>b' src=\"https://e.org/a.png?x=1&amp;y=2\"></p>").as_deref(),
            Some("https://e.org/a.png?x=1&y=2")
        );
        assert_eq!(attribute(" id=plain class='c'", "class").as_deref(), Some("c"));
        assert_eq!(attribute(" hidden id=plain", "id").as_deref(), Some("plain"));
    }

    #[test]
    fn text_leaves_out_captions_and_scripts() {
        assert_eq!(
            paragraphs("<figure><img src=x><figcaption>Photo</figcaption></figure><p>Hi <!-- x --> there</p><style>p{}</style>"),
            ["Hi there"]
        );
    }
}
