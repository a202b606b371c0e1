//! Story text from the Markdown parser's events (pulldown-cmark): the HTML
//! written to `content_html`, the plain version written to `content_text`,
//! `_newsletter.summary` and `_newsletter.closing`, and what the reader
//! would not show as written, with the byte where it starts.
//!
//! What the reader keeps is asked of the reader's own allow-list
//! ([`sanitize`]), never listed here: when the allow-list changes, the
//! warnings follow.

use std::ops::Range;

use newsletter_core::html::sanitize::{decode_entities, sanitize, RichNode};
use pulldown_cmark::{html, CowStr, Event, Options, Tag, TagEnd};

/// An event and the bytes of the Markdown it comes from.
pub type Spanned<'t> = (Event<'t>, Range<usize>);

/// CommonMark, plus tables and strikethrough.
pub fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// Something the reader will not show as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loss {
    /// The byte of the Markdown where it starts.
    pub at: usize,
    pub message: String,
    /// What the allow-list reports removing (`<script> elements`), as the
    /// reader's own notice names it.
    pub removed: Vec<String>,
}

/// The HTML pulldown-cmark writes for `events`.
pub fn html_of(events: &[Spanned]) -> String {
    let mut out = String::new();
    html::push_html(&mut out, events.iter().map(|(event, _)| event.clone()));
    out.truncate(out.trim_end().len());
    out
}

/// Whether plain text says all the events say: paragraphs of text, nothing
/// else. Such a story needs no `content_html`.
pub fn is_plain(events: &[Spanned]) -> bool {
    // The parser may split a text at `&`: look at the whole of it.
    let mut text = String::new();
    let only_text = events.iter().all(|(event, _)| match event {
        Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) | Event::SoftBreak => {
            text.push(' ');
            true
        }
        Event::Text(part) => {
            text.push_str(part);
            true
        }
        _ => false,
    });
    only_text && plain_safe(&text)
}

/// Text that a plain-text field shows exactly: no white space the reader
/// would fold (a no-break space from `&nbsp;`, a tab, a line break) and
/// nothing the reader would decode as a character reference (it decodes
/// them in plain-text fields, since many feeds encode them).
fn plain_safe(text: &str) -> bool {
    !text.chars().any(|c| c.is_whitespace() && c != ' ') && decode_entities(text) == text
}

/// The plain version of `events`: one string per block, list items marked
/// `• ` or `1. `, table rows with their cells separated by ` | `. With
/// `addresses`, a link is followed by its address in brackets when its
/// text is not the address itself. Raw HTML is left out; an image gives
/// its description.
pub fn plain_blocks(events: &[Spanned], addresses: bool) -> Vec<String> {
    let mut plain = Plain::default();
    for (event, _) in events {
        match event {
            Event::Start(tag) => match tag {
                Tag::List(start) => {
                    plain.flush();
                    plain.lists.push(*start);
                }
                Tag::Item => {
                    plain.flush();
                    plain.marker = Some(match plain.lists.last_mut() {
                        Some(Some(number)) => {
                            *number += 1;
                            format!("{}. ", *number - 1)
                        }
                        _ => "• ".to_owned(),
                    });
                }
                Tag::TableCell if !plain.current.trim().is_empty() => plain.current.push_str(" | "),
                Tag::Link { dest_url, .. } => plain.links.push((dest_url.to_string(), plain.current.len())),
                tag if is_block(tag) => plain.flush(),
                _ => {}
            },
            Event::End(end) => match end {
                TagEnd::Link => {
                    if let Some((address, start)) = plain.links.pop() {
                        let text = plain.current[start.min(plain.current.len())..].trim().to_owned();
                        let shown = text == address || address.strip_prefix("mailto:") == Some(text.as_str());
                        if addresses && !address.is_empty() && !shown {
                            plain.push(&format!(" ({address})"));
                        }
                    }
                }
                TagEnd::List(_) => {
                    plain.flush();
                    plain.lists.pop();
                }
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::BlockQuote(_)
                | TagEnd::CodeBlock
                | TagEnd::HtmlBlock
                | TagEnd::Item
                | TagEnd::Table
                | TagEnd::TableHead
                | TagEnd::TableRow => plain.flush(),
                _ => {}
            },
            Event::Text(text) | Event::Code(text) => plain.push(text),
            Event::SoftBreak => plain.push(" "),
            Event::HardBreak => plain.push("\n"),
            Event::Rule => plain.flush(),
            _ => {}
        }
    }
    plain.flush();
    plain.blocks
}

fn is_block(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::BlockQuote(_)
            | Tag::CodeBlock(_)
            | Tag::HtmlBlock
            | Tag::Table(_)
            | Tag::TableHead
            | Tag::TableRow
    )
}

#[derive(Default)]
struct Plain {
    blocks: Vec<String>,
    current: String,
    /// The marker of a list item whose text has not started yet.
    marker: Option<String>,
    /// Open lists: the next number of ordered ones.
    lists: Vec<Option<u64>>,
    /// Open links: address, and where their text starts in `current`.
    links: Vec<(String, usize)>,
}

impl Plain {
    fn push(&mut self, text: &str) {
        if let Some(marker) = self.marker.take() {
            self.current.push_str(&marker);
        }
        self.current.push_str(text);
    }

    fn flush(&mut self) {
        let block = self.current.trim();
        if !block.is_empty() {
            self.blocks.push(block.to_owned());
        }
        self.current.clear();
        self.links.clear();
    }
}

/// The text inside the element that starts at `events[0]`, and the index
/// after its end.
fn inner_text(events: &[Spanned]) -> (String, usize) {
    let end = block_end(events, 0);
    let inner = &events[1..end.saturating_sub(1).max(1)];
    (plain_blocks(inner, false).join(" "), end)
}

/// The index after the element that starts at `events[start]` (after the
/// event itself when it is not a start).
pub fn block_end(events: &[Spanned], start: usize) -> usize {
    if !matches!(events[start].0, Event::Start(_)) {
        return start + 1;
    }
    let mut depth = 0usize;
    for (index, (event, _)) in events.iter().enumerate().skip(start) {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return index + 1;
                }
            }
            _ => {}
        }
    }
    events.len()
}

/// What the allow-list does with `html`: `Ok` when an element of it
/// remains, else what it reported removing (nothing when it unwrapped the
/// element silently).
fn allow_list(html: &str) -> Result<(), Vec<String>> {
    let sanitized = sanitize(html);
    let kept = sanitized.nodes.iter().any(|n| matches!(n, RichNode::Element { .. }));
    if sanitized.removed.is_empty() && kept {
        Ok(())
    } else {
        Err(sanitized.removed)
    }
}

/// The HTML pulldown-cmark writes for one element `tag` with the text `x`.
fn element_html(tag: &Tag, end: TagEnd) -> String {
    let mut out = String::new();
    let events = [
        Event::Start(tag.clone()),
        Event::Text(CowStr::Borrowed("x")),
        Event::End(end),
    ];
    html::push_html(&mut out, events.into_iter());
    out
}

fn quoted(text: &str) -> String {
    let short: String = text.chars().take(60).collect();
    if short.len() < text.len() {
        format!("\"{short}…\"")
    } else {
        format!("\"{short}\"")
    }
}

/// What of a story's text the reader's allow-list would drop or flatten.
pub fn story_losses(events: &[Spanned]) -> Vec<Loss> {
    let mut losses = Vec::new();
    let mut index = 0;
    while index < events.len() {
        let (event, range) = &events[index];
        let at = range.start;
        match event {
            Event::Start(tag @ Tag::Image { dest_url, .. }) => {
                let (alt, _) = inner_text(&events[index..]);
                if let Err(removed) = allow_list(&element_html(tag, TagEnd::Image)) {
                    let what = removed.first().map_or("images", String::as_str).to_owned();
                    losses.push(Loss {
                        at,
                        message: format!(
                            "image {} ({dest_url}) is not shown: the reader removes {what} from story text; give the story its picture with an 'Image:' line",
                            quoted(&alt)
                        ),
                        removed,
                    });
                }
            }
            Event::Start(tag @ Tag::Link { dest_url, .. }) => {
                if let Err(removed) = allow_list(&element_html(tag, TagEnd::Link)) {
                    let (text, _) = inner_text(&events[index..]);
                    losses.push(Loss {
                        at,
                        message: format!(
                            "the link {} to {} is shown as plain text: only absolute http, https and mailto links are kept",
                            quoted(&text),
                            quoted(dest_url)
                        ),
                        removed,
                    });
                }
            }
            Event::Start(Tag::Strikethrough) => {
                if let Err(removed) = allow_list("<del>x</del>") {
                    losses.push(Loss {
                        at,
                        message: "strikethrough is shown as plain text: the reader does not keep <del>".to_owned(),
                        removed,
                    });
                }
            }
            Event::Start(Tag::Table(_)) => {
                if let Err(removed) = allow_list("<table><tr><td>x</td></tr></table>") {
                    losses.push(Loss {
                        at,
                        message: "a table is shown as its cells' text run together: the reader does not keep tables; a list reads better".to_owned(),
                        removed,
                    });
                }
            }
            Event::Rule => {
                if let Err(removed) = allow_list("<hr />") {
                    losses.push(Loss {
                        at,
                        message: "a thematic break ('---', '***') is not shown: the reader does not keep <hr>"
                            .to_owned(),
                        removed,
                    });
                }
            }
            Event::Start(Tag::HtmlBlock) => {
                let end = block_end(events, index);
                let pieces: Vec<(&str, usize)> = events[index..end]
                    .iter()
                    .filter_map(|(event, range)| match event {
                        Event::Html(html) => Some((html.as_ref(), range.start)),
                        _ => None,
                    })
                    .collect();
                let whole: String = pieces.iter().map(|(html, _)| *html).collect();
                for removed in sanitize(&whole).removed {
                    // At the line that has it, when one line alone shows it.
                    let line = pieces
                        .iter()
                        .find(|(html, _)| sanitize(html).removed.contains(&removed))
                        .map_or(at, |(_, at)| *at);
                    losses.push(raw_html_loss(line, removed));
                }
                index = end;
                continue;
            }
            Event::InlineHtml(html) | Event::Html(html) => {
                for removed in sanitize(html).removed {
                    losses.push(raw_html_loss(at, removed));
                }
            }
            _ => {}
        }
        index += 1;
    }
    losses
}

fn raw_html_loss(at: usize, removed: String) -> Loss {
    Loss {
        at,
        message: format!("raw HTML: the reader removes {removed}"),
        removed: vec![removed],
    }
}

/// The Markdown formatting in `events` that plain text cannot show, by
/// kind, each with the byte of its first use.
pub fn formatting(events: &[Spanned]) -> Vec<(&'static str, usize)> {
    let mut kinds: Vec<(&'static str, usize)> = Vec::new();
    for (event, range) in events {
        let kind = match event {
            Event::Start(Tag::Emphasis) => "emphasis",
            Event::Start(Tag::Strong) => "strong emphasis",
            Event::Start(Tag::Strikethrough) => "strikethrough",
            Event::Code(_) | Event::Start(Tag::CodeBlock(_)) => "code",
            Event::Start(Tag::Link { .. }) => "links",
            Event::Start(Tag::Image { .. }) => "images",
            Event::Html(_) | Event::InlineHtml(_) => "raw HTML",
            Event::Start(Tag::List(_)) => "lists",
            Event::Start(Tag::BlockQuote(_)) => "quotes",
            Event::Start(Tag::Heading { .. }) => "headings",
            Event::Start(Tag::Table(_)) => "tables",
            Event::HardBreak => "line breaks",
            Event::Rule => "thematic breaks",
            _ => continue,
        };
        if !kinds.iter().any(|(k, _)| *k == kind) {
            kinds.push((kind, range.start));
        }
    }
    kinds
}

/// `a`, `a and b`, `a, b and c`.
pub fn list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::Parser;

    fn events(markdown: &str) -> Vec<Spanned<'_>> {
        Parser::new_ext(markdown, options()).into_offset_iter().collect()
    }

    #[test]
    fn plain_text_keeps_words_marks_items_and_gives_addresses() {
        let markdown = "A *b* [c](https://c.example) <https://d.example>.\n\n- one\n- two\n\n3. three\n4. four\n\n> quoted  \n> on\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n<div>gone</div>\n";
        assert_eq!(
            plain_blocks(&events(markdown), true),
            [
                "A b c (https://c.example) https://d.example.",
                "• one",
                "• two",
                "3. three",
                "4. four",
                "quoted\non",
                "a | b",
                "1 | 2"
            ]
        );
        assert_eq!(plain_blocks(&events("[c](https://c.example)"), false), ["c"]);
    }

    #[test]
    fn only_paragraphs_of_exact_text_are_plain() {
        assert!(is_plain(&events("One\ntwo.\n\nAT&T, 1 < 2")));
        for markdown in [
            "*a*",
            "a  \nb",
            "`a`",
            "- a",
            "AT&amp;amp;T",
            "&copy",
            "a&nbsp;b",
            "<b>a</b>",
        ] {
            assert!(!is_plain(&events(markdown)), "{markdown}");
        }
    }

    #[test]
    fn losses_come_from_the_allow_list_with_their_place() {
        let markdown = "![A cat](http://cat.example/c.png) [x](javascript:alert(1))\n\n<script>\nalert(1)\n</script>\n";
        let losses = story_losses(&events(markdown));
        // Whatever the allow-list says of an http: image, it does not keep it.
        assert_eq!(losses[0].at, 0);
        assert!(losses[0]
            .message
            .starts_with("image \"A cat\" (http://cat.example/c.png) is not shown"));
        assert_eq!(losses[1].at, 35);
        assert!(
            losses[1].message.contains("javascript:alert(1)"),
            "{}",
            losses[1].message
        );
        assert_eq!(
            (losses[2].at, losses[2].removed.as_slice()),
            (61, &["<script> elements".to_owned()][..])
        );
        assert_eq!(losses.len(), 3);
        // Strikethrough, tables and rules: reported exactly when the allow-list flattens them.
        for (markdown, html) in [
            ("~~old~~", "<del>x</del>"),
            ("| a |\n|---|\n| 1 |", "<table><tr><td>x</td></tr></table>"),
            ("---", "<hr />"),
        ] {
            assert_eq!(
                story_losses(&events(markdown)).len(),
                usize::from(allow_list(html).is_err()),
                "{markdown}"
            );
        }
        assert!(story_losses(&events("*a* [b](https://b.example) `c`\n\n> q\n\n1. x")).is_empty());
    }
}
