//! The CommonMark spec's examples through the whole pipeline: each example
//! is a story's text in a Markdown issue, converted as `newsletter new`
//! converts it, read by the reader (`read_issue`) and written as a card
//! (`render::markup`). The card's body must show what pulldown-cmark's own
//! HTML of the example shows once through the same allow-list (`sanitize`,
//! then `render::rich`): the same text and the same allowed elements.
//!
//! The spec is read in place from `../shared/peer/commonmark-spec.txt`
//! (beside the repository); without it the test says so and passes.

use std::path::Path;

use newsletter_core::html::sanitize::sanitize;
use newsletter_core::locale::Language;
use newsletter_core::render::markup::{push_story_card, CardView};
use newsletter_core::render::rich::{body_html, Links};
use newsletter_core::{read_issue, Body};
use pulldown_cmark::{html, Event, HeadingLevel, Parser, Tag};

use super::convert;
use super::text::{block_end, options};

struct Example {
    number: usize,
    section: String,
    markdown: String,
    html: String,
}

/// The examples: between a line of 32 backticks and `example` and a line
/// of 32 backticks, Markdown, a line `.`, then the HTML; `→` is a tab.
fn examples(spec: &str) -> Vec<Example> {
    let fence = "`".repeat(32);
    let mut examples = Vec::new();
    let mut section = String::new();
    let mut lines = spec.lines();
    while let Some(line) = lines.next() {
        if let Some(title) = line.strip_prefix("## ").or_else(|| line.strip_prefix("# ")) {
            section = title.to_owned();
        }
        if line != format!("{fence} example") {
            continue;
        }
        let (mut markdown, mut html, mut in_html) = (String::new(), String::new(), false);
        for line in lines.by_ref() {
            if line == fence {
                break;
            }
            if line == "." && !in_html {
                in_html = true;
                continue;
            }
            let part = if in_html { &mut html } else { &mut markdown };
            part.push_str(&line.replace('→', "\t"));
            part.push('\n');
        }
        examples.push(Example {
            number: examples.len() + 1,
            section: section.clone(),
            markdown,
            html,
        });
    }
    examples
}

/// Why an example cannot be one story's text, if it cannot.
fn skip_reason(markdown: &str) -> Option<&'static str> {
    let events: Vec<_> = Parser::new_ext(markdown, options()).into_offset_iter().collect();
    let mut start = 0;
    while start < events.len() {
        if let Event::Start(Tag::Heading {
            level: HeadingLevel::H1 | HeadingLevel::H2,
            ..
        }) = events[start].0
        {
            return Some("a level-1 or level-2 heading at the top level is the issue's structure (a section or a story), not story text");
        }
        start = block_end(&events, start);
    }
    None
}

/// The card's body: what sits inside `<div class="nw-body">`.
fn card_body(card: &str) -> &str {
    let start = card
        .find("<div class=\"nw-body\">")
        .map_or(0, |at| at + "<div class=\"nw-body\">".len());
    let end = card.rfind("</div>").unwrap_or(card.len());
    &card[start..end.max(start)]
}

/// HTML as written by the core's writer, reduced to what a reader sees:
/// elements (with a link's address) and text, white space folded outside
/// `<pre>` and dropped next to block boundaries; the "Read more" toggle
/// (`<details>`, `<summary>`) left out.
fn shown(html: &str) -> String {
    const BLOCKS: [&str; 12] = [
        "p",
        "ul",
        "ol",
        "li",
        "blockquote",
        "pre",
        "h4",
        "h5",
        "br",
        "details",
        "summary",
        "div",
    ];
    let mut tokens: Vec<String> = Vec::new();
    let (mut pre, mut in_summary) = (0usize, 0usize);
    let mut rest = html;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('<') {
            let end = after.find('>').map_or(after.len(), |e| e + 1);
            let tag = &after[..end.saturating_sub(1)];
            rest = &after[end.min(after.len())..];
            let closing = tag.starts_with('/');
            let name: String = tag
                .trim_start_matches('/')
                .chars()
                .take_while(char::is_ascii_alphanumeric)
                .collect();
            match name.as_str() {
                "summary" => {
                    if closing {
                        in_summary = in_summary.saturating_sub(1);
                    } else {
                        in_summary += 1;
                    }
                    tokens.push("|".into());
                    continue;
                }
                "details" => {
                    tokens.push("|".into());
                    continue;
                }
                "pre" => {
                    if closing {
                        pre = pre.saturating_sub(1);
                    } else {
                        pre += 1;
                    }
                }
                _ => {}
            }
            if in_summary > 0 {
                continue;
            }
            let href = tag
                .split_once("href=\"")
                .and_then(|(_, v)| v.split_once('"'))
                .map(|(v, _)| format!(" href={v}"))
                .unwrap_or_default();
            let block = BLOCKS.contains(&name.as_str());
            if block {
                tokens.push("|".into());
            }
            tokens.push(if closing {
                format!("</{name}>")
            } else {
                format!("<{name}{href}>")
            });
            if block {
                tokens.push("|".into());
            }
        } else {
            let end = rest.find('<').unwrap_or(rest.len());
            let text = &rest[..end];
            rest = &rest[end..];
            if in_summary > 0 {
                continue;
            }
            let text = if pre > 0 {
                text.to_owned()
            } else {
                let words = text.split_ascii_whitespace().collect::<Vec<_>>().join(" ");
                let before = if text.starts_with(|c: char| c.is_ascii_whitespace()) {
                    " "
                } else {
                    ""
                };
                let after = if text.ends_with(|c: char| c.is_ascii_whitespace()) && !words.is_empty() {
                    " "
                } else {
                    ""
                };
                format!("{before}{words}{after}")
            };
            tokens.push(text);
        }
    }
    // Fold runs of spaces outside pre, then drop the spaces at block
    // boundaries (marked `|`), where browsers show none.
    let mut out = String::new();
    let mut pending_space = false;
    let mut at_boundary = true;
    let mut in_pre = 0usize;
    for token in tokens {
        if token == "|" {
            pending_space = false;
            at_boundary = true;
            continue;
        }
        if token.starts_with('<') {
            if token == "<pre>" {
                in_pre += 1;
            } else if token == "</pre>" {
                in_pre = in_pre.saturating_sub(1);
            }
            if pending_space && !at_boundary {
                out.push(' ');
            }
            pending_space = false;
            out.push_str(&token);
            continue;
        }
        if in_pre > 0 {
            out.push_str(&token);
            at_boundary = false;
            continue;
        }
        for (i, word) in token.split(' ').enumerate() {
            if i > 0 {
                pending_space = true;
            }
            if word.is_empty() {
                continue;
            }
            if pending_space && !at_boundary {
                out.push(' ');
            }
            pending_space = false;
            at_boundary = false;
            out.push_str(word);
        }
    }
    out
}

/// What the reader's allow-list makes of `html`, written as the core writes it.
fn through_allow_list(html: &str) -> String {
    shown(&body_html(&Body::Rich(sanitize(html).nodes), Links::NewTab))
}

/// One example as a story, through `new`'s conversion, the reader and the
/// card writer: the card's body, or why there is none.
fn through_the_pipeline(example: &Example) -> Result<String, String> {
    let issue = format!(
        "---\n---\n## Example {}\nId: example-{}\n\n{}",
        example.number, example.number, example.markdown
    );
    let converted = convert(&issue).map_err(|e| format!("not converted: {e:?}"))?;
    let decoded = read_issue(&converted.to_json()).map_err(|e| format!("not read: {e}"))?;
    let [story] = decoded.issue.stories.as_slice() else {
        return Err(format!("{} stories", decoded.issue.stories.len()));
    };
    if story.summary.is_some() || story.url.is_some() || story.image.is_some() || !story.sources.is_empty() {
        return Err("read as story fields".to_owned());
    }
    let mut card = String::new();
    let view = CardView {
        terms: &[],
        expanded: true,
    };
    push_story_card(&mut card, story, 0, view, Language::English.words());
    Ok(shown(card_body(&card)))
}

#[test]
fn the_commonmark_examples_show_in_cards_as_pulldown_cmark_renders_them() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/peer/commonmark-spec.txt");
    let Ok(spec) = std::fs::read_to_string(&path) else {
        println!("commonmark: {} is absent; the test skips", path.display());
        return;
    };
    let examples = examples(&spec);
    assert!(examples.len() > 600, "the spec has its examples");
    let (mut agree, mut agree_spec) = (0, 0);
    let mut skipped: Vec<(usize, &str)> = Vec::new();
    let mut disagree: Vec<String> = Vec::new();
    for example in &examples {
        if let Some(reason) = skip_reason(&example.markdown) {
            skipped.push((example.number, reason));
            continue;
        }
        let mut own = String::new();
        html::push_html(&mut own, Parser::new_ext(&example.markdown, options()));
        // The newline after the last block is no story text: left in, a
        // browser would reopen an unclosed `<b>` around it (example 496).
        let expected = through_allow_list(own.trim_end());
        match through_the_pipeline(example) {
            Ok(card) if card == expected => {
                agree += 1;
                if card == through_allow_list(&example.html) {
                    agree_spec += 1;
                }
            }
            Ok(card) => disagree.push(format!(
                "example {} ({}): {:?}\n  card:     {card}\n  expected: {expected}",
                example.number, example.section, example.markdown
            )),
            Err(why) => disagree.push(format!("example {} ({}): {why}", example.number, example.section)),
        }
    }
    let tested = examples.len() - skipped.len();
    println!(
        "commonmark: {agree} of {} examples agree through the pipeline ({tested} tested); {} skipped because a level-1 or level-2 heading at the top level is the issue's structure, not story text: {:?}",
        examples.len(),
        skipped.len(),
        skipped.iter().map(|(n, _)| n).collect::<Vec<_>>()
    );
    println!("commonmark: {agree_spec} of those {agree} also show what the spec's own HTML shows after the allow-list");
    assert!(
        disagree.is_empty(),
        "{} disagree:\n{}",
        disagree.len(),
        disagree.join("\n")
    );
}

#[test]
fn shown_keeps_elements_and_text_and_folds_white_space() {
    assert_eq!(
        shown("<p>a\n  <em>b</em> </p>\n<pre><code>x\n  y</code></pre><details class=\"nw-rest\" open><summary>Read more</summary><p> c</p></details>"),
        "<p>a <em>b</em></p><pre><code>x\n  y</code></pre><p>c</p>"
    );
    assert_eq!(
        shown("<a href=\"https://e.org/\" rel=\"noopener\">l</a>"),
        "<a href=https://e.org/>l</a>"
    );
}
