//! Turns an issue written in Markdown into an issue feed (a [`JsonFeed`]).
//!
//! The grammar, with an example, is in `docs/cli.md`. In short:
//!
//! ```text
//! ---
//! title: Week 1 of December 2025
//! name: Newsletter
//! issue_date: 2025-12-04
//! topic: gene-therapy = Gene therapy
//! subscribe.provider: buttondown
//! subscribe.username: example
//! ---
//!
//! # This week
//!
//! The intro (`_newsletter.summary`, plain text, and `summary_html` when formatted).
//!
//! ## A headline
//! Id: a-headline
//! Topics: Gene therapy, Research
//! Sources: Citation 1; Citation 2 <https://example.org/2>
//!
//! The story's text: Markdown (`content_html`, and `content_text`).
//!
//! # Closing
//!
//! The closing words (`_newsletter.closing`, and `closing_html` when formatted).
//! ```
//!
//! After the front matter, the text is read by pulldown-cmark (CommonMark,
//! tables, strikethrough), and the structure comes from its events: a
//! level-1 heading at the top level opens a section, a level-2 one a story;
//! nothing inside code, quotes or lists is ever structure.
//!
//! This module only converts; it checks the Markdown's structure (known
//! keys, sections, fields) and says what the reader's allow-list would
//! drop, but leaves everything about the feed's content to the domain's
//! validation, which `new` runs on the result. To point those messages at
//! the Markdown, [`Converted::origin`] tells which line each JSON path came
//! from.

mod text;

#[cfg(test)]
mod commonmark;

use newsletter_core::feed::date::Date;
use newsletter_core::feed::json::Position;
use newsletter_core::feed::jsonfeed::{
    Author, Item, ItemNewsletter, JsonFeed, Newsletter, SourceEntry, Subscribe, TopicEntry,
};
use newsletter_core::feed::slug::slugify;
use newsletter_core::{Notice, Problem};
use pulldown_cmark::{CowStr, Event, HeadingLevel, Parser, Tag};
use serde_json::Value;

use crate::dates::rfc3339;
use text::{block_end, formatting, html_of, is_plain, list, plain_blocks, story_losses, Loss, Spanned};

/// The front matter keys, in the order the feed's members are written;
/// `subscribe.SETTING` keys come on top (see [`SUBSCRIBE_SETTINGS`]).
const FRONT_MATTER_KEYS: [&str; 12] = [
    "title",
    "home_page_url",
    "feed_url",
    "description",
    "language",
    "author",
    "name",
    "tagline",
    "issue_date",
    "topic",
    "subscribe_title",
    "subscribe_text",
];

/// Front matter keys that may be given more than once.
const REPEATABLE_KEYS: [&str; 2] = ["author", "topic"];

/// The members of `_newsletter.subscribe` a `subscribe.SETTING` key sets,
/// in the order they are written. `fields.NAME` sets one member of
/// `fields`; `consent.text` and `consent.privacy_url` those of `consent`.
const SUBSCRIBE_SETTINGS: [&str; 17] = [
    "title",
    "text",
    "provider",
    "url",
    "list_uuids",
    "u",
    "id",
    "username",
    "form_id",
    "email_field",
    "name_field",
    "fields.NAME",
    "address",
    "consent.text",
    "consent.privacy_url",
    "double_opt_in",
    "timeout_ms",
];

/// The fields that may follow a story's headline, as written in messages.
const STORY_FIELDS: [&str; 9] = [
    "Id",
    "Topics",
    "Sources",
    "Source",
    "Summary",
    "Date",
    "Url",
    "External-Url",
    "Image",
];

/// A feed made from Markdown, and where each of its parts came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Converted {
    /// The issue feed, but for the subscribe settings beyond its title and
    /// text (see [`Converted::json`]).
    pub feed: JsonFeed,
    /// Members of `_newsletter.subscribe` after `title` and `text`, in order.
    subscribe: Vec<(String, Value)>,
    /// What the reader will not show as written, at its Markdown position.
    pub warnings: Vec<MarkdownWarning>,
    /// JSON paths (`items[2].tags`) and the Markdown position they came from.
    origins: Vec<(String, Position)>,
}

impl Converted {
    /// Where in the Markdown the value at `json_path` came from: the most
    /// precise known part (`items[2]._newsletter.sources[1].url` falls back
    /// to the source, then to the story's headline). Line 1, column 1 when
    /// nothing matches.
    pub fn origin(&self, json_path: &str) -> Position {
        self.origins
            .iter()
            .filter(|(path, _)| {
                json_path
                    .strip_prefix(path.as_str())
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
            })
            .max_by_key(|(path, _)| path.len())
            .map_or(Position { line: 1, column: 1 }, |(_, at)| *at)
    }

    /// The whole feed as a JSON value, members in the sample's order.
    pub fn json(&self) -> Value {
        let mut value = serde_json::to_value(&self.feed).expect("a feed of strings always serializes");
        if let Some(Value::Object(subscribe)) = value.pointer_mut("/_newsletter/subscribe") {
            for (key, setting) in &self.subscribe {
                subscribe.insert(key.clone(), setting.clone());
            }
        }
        value
    }

    /// The feed as `newsletter new` writes it: two-space indented, with a
    /// final line break.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(&self.json()).expect("a JSON value always serializes") + "\n"
    }

    /// Whether a notice of the validation says again what a warning here
    /// already says at a more precise place (markup the allow-list removes
    /// from a story's `content_html`).
    pub fn already_reported(&self, notice: &Notice) -> bool {
        let Problem::RemovedMarkup(removed) = &notice.problem else {
            return false;
        };
        self.warnings
            .iter()
            .any(|w| w.path == notice.location.path && w.removed.contains(removed))
    }
}

/// A line of the Markdown the converter cannot read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkdownError {
    /// Where.
    pub at: Position,
    /// What is wrong.
    pub message: String,
}

/// Something in the Markdown the reader will not show as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkdownWarning {
    /// Where.
    pub at: Position,
    /// The JSON path of the member it ends up in (`items[0].content_html`).
    pub path: String,
    /// What happens to it.
    pub message: String,
    /// What the reader's allow-list reports removing, in its own words.
    pub removed: Vec<String>,
}

/// Converts a Markdown issue into an issue feed, or lists every line that
/// does not follow the grammar.
pub fn convert(text: &str) -> Result<Converted, Vec<MarkdownError>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<&str> = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)).collect();
    let mut reader = Reader::new(text);
    if let Some(start) = reader.front_matter(&lines) {
        let offset = reader.starts.get(start).copied().unwrap_or(text.len());
        reader.body(offset);
        reader.check_ids();
    }
    reader.errors.sort_by_key(|e| (e.at.line, e.at.column));
    if reader.errors.is_empty() {
        Ok(reader.build())
    } else {
        Err(reader.errors)
    }
}

fn number(index: usize) -> u32 {
    u32::try_from(index + 1).unwrap_or(u32::MAX)
}

fn at(line: u32, column: usize) -> Position {
    Position {
        line,
        column: u32::try_from(column).unwrap_or(u32::MAX),
    }
}

/// The 1-based character column where `part`, a slice of `line`, starts.
fn column_of(line: &str, part: &str) -> usize {
    let offset = (part.as_ptr() as usize)
        .saturating_sub(line.as_ptr() as usize)
        .min(line.len());
    line[..offset].chars().count() + 1
}

/// A value and where it starts.
#[derive(Debug, Clone)]
struct Located {
    text: String,
    at: Position,
}

#[derive(Debug, Clone)]
struct Source {
    title: Option<String>,
    url: Option<String>,
    at: Position,
}

#[derive(Debug, Default)]
struct Story<'t> {
    title: String,
    heading: Position,
    /// Field name to value; `Source`s are in `sources`.
    fields: Vec<(&'static str, Located)>,
    sources: Vec<Source>,
    /// The story's text, as the parser's events.
    events: Vec<Spanned<'t>>,
    text_at: Option<Position>,
    /// Fields are read until the story's text starts.
    text_started: bool,
}

/// The intro or the closing words.
#[derive(Debug)]
struct Framing<'t> {
    heading: Position,
    events: Vec<Spanned<'t>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    /// Before the first heading.
    None,
    /// Under a heading already reported as wrong: its text is skipped.
    Ignored,
    Intro,
    Closing,
    Story,
}

#[derive(Debug)]
struct Reader<'t> {
    text: &'t str,
    /// The byte where each line starts.
    starts: Vec<usize>,
    errors: Vec<MarkdownError>,
    warnings: Vec<MarkdownWarning>,
    /// Front matter entries in file order: (key, value).
    front: Vec<(&'static str, Located)>,
    /// `subscribe.SETTING` entries in file order: (setting, key as written, value).
    subscribe: Vec<(String, String, Located)>,
    intro: Option<Framing<'t>>,
    closing: Option<Framing<'t>>,
    stories: Vec<Story<'t>>,
    section: Section,
}

impl<'t> Reader<'t> {
    fn new(text: &'t str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(at, _)| at + 1))
            .collect();
        Reader {
            text,
            starts,
            errors: Vec::new(),
            warnings: Vec::new(),
            front: Vec::new(),
            subscribe: Vec::new(),
            intro: None,
            closing: None,
            stories: Vec::new(),
            section: Section::None,
        }
    }

    /// The line and character column of a byte of the text.
    fn position(&self, byte: usize) -> Position {
        let line = self.starts.partition_point(|start| *start <= byte).max(1) - 1;
        let start = self.starts[line];
        let column = self
            .text
            .get(start..byte)
            .map_or(1, |before| before.chars().count() + 1);
        at(number(line), column)
    }

    fn error(&mut self, at: Position, message: impl Into<String>) {
        self.errors.push(MarkdownError {
            at,
            message: message.into(),
        });
    }

    fn warn(&mut self, byte: usize, path: String, message: String, removed: Vec<String>) {
        let at = self.position(byte);
        self.warnings.push(MarkdownWarning {
            at,
            path,
            message,
            removed,
        });
    }

    /// Reads the front matter; returns the index of the first body line.
    fn front_matter(&mut self, lines: &[&str]) -> Option<usize> {
        if lines.first().map(|l| l.trim_end()) != Some("---") {
            self.error(
                at(1, 1),
                "expected front matter: the first line must be '---', followed by 'key: value' lines and another '---'",
            );
            return None;
        }
        let Some(end) = lines.iter().skip(1).position(|l| l.trim_end() == "---").map(|i| i + 1) else {
            self.error(
                at(1, 1),
                "the front matter is not closed: add a line '---' after its last key",
            );
            return None;
        };
        for (index, line) in lines.iter().enumerate().take(end).skip(1) {
            let line_number = number(index);
            let trimmed = line.trim();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue; // blank lines and comments
            }
            let key_at = at(line_number, column_of(line, trimmed));
            let Some((raw_key, raw_value)) = line.split_once(':') else {
                self.error(key_at, "expected 'key: value' in the front matter");
                continue;
            };
            let key_text = raw_key.trim();
            let value = raw_value.trim();
            let located = Located {
                text: value.to_owned(),
                at: at(line_number, column_of(line, value)),
            };
            if let Some(setting) = subscribe_setting(key_text) {
                self.subscribe_entry(key_at, key_text, setting, located);
                continue;
            }
            let Some(key) = FRONT_MATTER_KEYS.iter().copied().find(|k| *k == key_text) else {
                let message = if key_text.starts_with("subscribe.") {
                    format!(
                        "unknown subscribe setting \"{key_text}\"; the settings are subscribe.{}",
                        SUBSCRIBE_SETTINGS.join(", subscribe.")
                    )
                } else {
                    format!(
                        "unknown front matter key \"{key_text}\"; the keys are {}, and subscribe.SETTING for the subscribe box",
                        FRONT_MATTER_KEYS.join(", ")
                    )
                };
                self.error(key_at, message);
                continue;
            };
            if value.is_empty() {
                continue; // an empty value is the same as no value
            }
            if let Some(setting) = key.strip_prefix("subscribe_") {
                self.subscribe_entry(key_at, key_text, setting.to_owned(), located);
                continue;
            }
            if !REPEATABLE_KEYS.contains(&key) {
                if let Some((_, first)) = self.front.iter().find(|(k, _)| *k == key) {
                    let message = format!("\"{key}\" is given twice (first on line {})", first.at.line);
                    self.error(key_at, message);
                    continue;
                }
            }
            if key == "topic"
                && located
                    .text
                    .split_once('=')
                    .is_some_and(|(id, label)| id.trim().is_empty() && label.trim().is_empty())
            {
                self.error(located.at, "a topic needs an id or a label: 'topic: id = Label'");
                continue;
            }
            self.front.push((key, located));
        }
        Some(end + 1)
    }

    /// A setting of the subscribe box: `subscribe.provider: mailchimp`.
    fn subscribe_entry(&mut self, key_at: Position, key: &str, setting: String, value: Located) {
        if value.text.is_empty() {
            return; // an empty value is the same as no value
        }
        if let Some((_, first_key, first)) = self.subscribe.iter().find(|(s, _, _)| *s == setting) {
            let message = if first_key == key {
                format!("\"{key}\" is given twice (first on line {})", first.at.line)
            } else {
                format!(
                    "\"{key}\" is given twice (first on line {}, as \"{first_key}\")",
                    first.at.line
                )
            };
            self.error(key_at, message);
            return;
        }
        let expected = match setting.as_str() {
            "double_opt_in" if !matches!(value.text.as_str(), "true" | "false") => Some("true or false"),
            "timeout_ms" if value.text.parse::<u32>().is_err() => Some("a number of milliseconds, such as 15000"),
            _ => None,
        };
        if let Some(expected) = expected {
            self.error(value.at, format!("\"{key}\" must be {expected}"));
            return;
        }
        self.subscribe.push((setting, key.to_owned(), value));
    }

    /// Reads everything after the front matter, which starts at byte `offset`.
    fn body(&mut self, offset: usize) {
        let text: &'t str = self.text;
        let events: Vec<Spanned<'t>> = Parser::new_ext(&text[offset..], text::options())
            .into_offset_iter()
            .map(|(event, range)| (event, range.start + offset..range.end + offset))
            .collect();
        let mut start = 0;
        while start < events.len() {
            let end = block_end(&events, start);
            self.block(&events[start..end]);
            start = end;
        }
    }

    /// One block at the top level of the document.
    fn block(&mut self, block: &[Spanned<'t>]) {
        let position = self.position(block[0].1.start);
        match &block[0].0 {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            }) => self.section_heading(block, position),
            Event::Start(Tag::Heading {
                level: HeadingLevel::H2,
                ..
            }) => self.story_heading(block, position),
            _ => match self.section {
                Section::None => self.error(
                    position,
                    "text before the first section: put the intro under '# This week' and each story under '## Headline'",
                ),
                Section::Ignored => {}
                Section::Intro | Section::Closing => {
                    let framing = if self.section == Section::Intro {
                        &mut self.intro
                    } else {
                        &mut self.closing
                    };
                    if let Some(framing) = framing {
                        framing.events.extend_from_slice(block);
                    }
                }
                Section::Story => {
                    if !self.story().text_started && matches!(block[0].0, Event::Start(Tag::Paragraph)) {
                        self.story_fields(block);
                    } else {
                        self.story_text(block, position, None);
                    }
                }
            },
        }
    }

    fn section_heading(&mut self, block: &[Spanned<'t>], position: Position) {
        let title = heading_text(block);
        let (section, slot) = match title.to_lowercase().as_str() {
            "this week" => (Section::Intro, &mut self.intro),
            "closing" | "before you go" => (Section::Closing, &mut self.closing),
            _ => {
                self.error(
                    position,
                    format!("unknown section \"# {title}\": use '# This week' for the intro, '# Closing' for the closing words and '## Headline' for each story"),
                );
                self.section = Section::Ignored;
                return;
            }
        };
        if let Some(first) = slot {
            let message = format!(
                "a second \"# {title}\" section (the first is on line {})",
                first.heading.line
            );
            self.error(position, message);
            self.section = Section::Ignored;
            return;
        }
        *slot = Some(Framing {
            heading: position,
            events: Vec::new(),
        });
        self.section = section;
    }

    fn story_heading(&mut self, block: &[Spanned<'t>], position: Position) {
        let title = heading_text(block);
        if title.is_empty() {
            self.error(position, "a story heading needs a headline: '## Headline'");
        }
        let kinds: Vec<&str> = formatting(&block[1..block.len() - 1])
            .into_iter()
            .map(|(k, _)| k)
            .collect();
        if !kinds.is_empty() {
            let path = format!("items[{}].title", self.stories.len());
            let message = format!("a headline is plain text: its {} will not show", list(&kinds));
            self.warn(block[0].1.start, path, message, Vec::new());
        }
        self.stories.push(Story {
            title,
            heading: position,
            ..Story::default()
        });
        self.section = Section::Story;
    }

    fn story(&self) -> &Story<'t> {
        self.stories.last().expect("in a story section")
    }

    fn story_mut(&mut self) -> &mut Story<'t> {
        self.stories.last_mut().expect("in a story section")
    }

    /// A block of the story's text. `from`: where the text starts inside
    /// a paragraph whose first lines were fields, and the bytes of the `\`s
    /// that keep lines from being read as fields.
    fn story_text(&mut self, block: &[Spanned<'t>], position: Position, from: Option<(usize, Vec<usize>)>) {
        let story = self.stories.last_mut().expect("in a story section");
        story.text_started = true;
        story.text_at.get_or_insert(position);
        let Some((text_start, backslash)) = from else {
            story.events.extend_from_slice(block);
            return;
        };
        // Only the events of the text's lines, with their elements whole.
        let mut kept: Vec<bool> = Vec::new();
        for (event, range) in block {
            let inside = kept.iter().all(|k| *k);
            let keep = match event {
                Event::Start(Tag::Paragraph) if kept.is_empty() => {
                    kept.push(true);
                    true
                }
                Event::Start(_) => {
                    let keep = inside && range.start >= text_start;
                    kept.push(keep);
                    keep
                }
                Event::End(_) => kept.pop().unwrap_or(false),
                _ => inside && range.start >= text_start,
            };
            if !keep {
                continue;
            }
            let event = match event {
                // `\Summary: …` is text, without its backslash.
                Event::Text(text) if backslash.contains(&range.start) && text.starts_with('\\') => {
                    Event::Text(CowStr::from(text[1..].to_owned()))
                }
                other => other.clone(),
            };
            story.events.push((event, range.clone()));
        }
    }

    /// A paragraph before the story's text: its first lines may be fields
    /// (`Topics: A, B`); the first other line starts the text.
    fn story_fields(&mut self, block: &[Spanned<'t>]) {
        let range = block[0].1.clone();
        let text: &'t str = self.text;
        let mut offset = range.start;
        let mut fields_end = range.start;
        let mut text_start = None;
        let mut backslashes = Vec::new();
        for raw in text[range.clone()].split_inclusive('\n') {
            let line_start = offset;
            offset += raw.len();
            let line = raw.trim_end_matches(['\n', '\r']);
            let trimmed = line.trim_start();
            if text_start.is_none() {
                if let Some((name, value)) = field(line) {
                    self.story_field(line_start, line, name, value);
                    fields_end = offset;
                    continue;
                }
                if let Some(name) = unknown_field(trimmed).filter(|_| fields_end > range.start) {
                    self.error(
                        self.position(line_start + (line.len() - trimmed.len())),
                        format!(
                            "unknown story field \"{name}\"; the fields are {} (start a line of text with '\\' to keep it as text)",
                            STORY_FIELDS.join(", ")
                        ),
                    );
                    fields_end = offset;
                    continue;
                }
            }
            let first = line_start + (line.len() - trimmed.len());
            text_start.get_or_insert(first);
            // `\Summary: …` is text, without its backslash.
            let escaped = trimmed
                .strip_prefix('\\')
                .is_some_and(|rest| field(rest).is_some() || unknown_field(rest).is_some());
            if escaped {
                backslashes.push(first);
            }
        }
        let Some(first) = text_start else {
            return; // only fields
        };
        let position = self.position(first);
        let from = (fields_end > range.start || !backslashes.is_empty()).then_some((first, backslashes));
        self.story_text(block, position, from);
    }

    fn story_field(&mut self, line_start: usize, line: &str, name: &'static str, value: &str) {
        let line_number = self.position(line_start).line;
        let position = at(line_number, column_of(line, value));
        if value.is_empty() {
            let heading = at(line_number, column_of(line, line.trim_start()));
            self.error(heading, format!("the story field \"{name}\" has no value"));
            return;
        }
        match name {
            "Sources" | "Source" => {
                let parts: Vec<&str> = if name == "Sources" {
                    value.split(';').collect()
                } else {
                    vec![value]
                };
                for part in parts {
                    let trimmed = part.trim();
                    let source_at = at(line_number, column_of(line, trimmed));
                    match source(trimmed) {
                        Some((title, url)) => self.story_mut().sources.push(Source {
                            title,
                            url,
                            at: source_at,
                        }),
                        None => self.error(
                            source_at,
                            "a source needs a title, a URL in '<…>', or both: 'Title <https://…>'",
                        ),
                    }
                }
            }
            _ => {
                if let Some((_, first)) = self.story().fields.iter().find(|(n, _)| *n == name) {
                    let message = format!(
                        "the story field \"{name}\" is given twice (first on line {})",
                        first.at.line
                    );
                    self.error(position, message);
                    return;
                }
                let located = Located {
                    text: value.to_owned(),
                    at: position,
                };
                self.story_mut().fields.push((name, located));
            }
        }
    }

    /// A story without an `Id:` line gets its id from the headline, which
    /// needs a letter or digit for that.
    fn check_ids(&mut self) {
        let unnamed: Vec<(Position, String)> = self
            .stories
            .iter()
            .filter(|s| {
                !s.title.is_empty() && !s.fields.iter().any(|(n, _)| *n == "Id") && slugify(&s.title).is_empty()
            })
            .map(|s| (s.heading, s.title.clone()))
            .collect();
        for (heading, title) in unnamed {
            self.error(
                heading,
                format!("cannot make an id from the headline \"{title}\": add an 'Id:' line"),
            );
        }
    }

    fn front_value(&self, key: &str) -> Option<&Located> {
        self.front.iter().find(|(k, _)| *k == key).map(|(_, v)| v)
    }

    /// The intro or the closing as plain text, paragraphs separated by a
    /// blank line, with a warning for the formatting it loses.
    /// The intro's or the closing's plain text, and its HTML when it has
    /// formatting (emphasis, links, lists...), which the reader shows
    /// instead (`_newsletter.summary_html`, `closing_html`). What the
    /// reader's allow-list would drop is a warning at its place.
    fn framing_text(&mut self, framing: Option<Framing<'t>>, key: &str) -> (Option<String>, Option<String>) {
        let Some(framing) = framing else {
            return (None, None);
        };
        let html = (!is_plain(&framing.events)).then(|| {
            for Loss { at, message, removed } in story_losses(&framing.events) {
                self.warn(at, format!("_newsletter.{key}_html"), message, removed);
            }
            html_of(&framing.events)
        });
        let blocks = plain_blocks(&framing.events, true);
        (
            (!blocks.is_empty()).then(|| blocks.join("\n\n")),
            html.filter(|h| !h.is_empty()),
        )
    }

    /// Builds the feed, with members in the order of the sample issue.
    fn build(mut self) -> Converted {
        let mut origins: Vec<(String, Position)> = Vec::new();
        let mut front = |key: &str, path: String| {
            let value = self.front_value(key)?;
            origins.push((path, value.at));
            Some(value.text.clone())
        };
        let mut feed = JsonFeed {
            title: front("title", "title".into()),
            home_page_url: front("home_page_url", "home_page_url".into()),
            feed_url: front("feed_url", "feed_url".into()),
            description: front("description", "description".into()),
            language: front("language", "language".into()),
            ..JsonFeed::default()
        };
        let mut extension = Newsletter {
            name: front("name", "_newsletter.name".into()),
            tagline: front("tagline", "_newsletter.tagline".into()),
            issue_date: front("issue_date", "_newsletter.issue_date".into()),
            ..Newsletter::default()
        };
        let (subscribe, settings) = subscribe_settings(&self.subscribe, &mut origins);
        extension.subscribe = subscribe;
        feed.authors = self
            .front
            .iter()
            .filter(|(k, _)| *k == "author")
            .enumerate()
            .map(|(i, (_, value))| {
                origins.push((format!("authors[{i}]"), value.at));
                let (name, url) = source(&value.text).unwrap_or_else(|| (Some(value.text.clone()), None));
                Author { name, url }
            })
            .collect();
        for key in ["summary", "closing"] {
            let framing = if key == "summary" {
                self.intro.take()
            } else {
                self.closing.take()
            };
            if let Some(heading) = framing.as_ref().map(|f| f.heading) {
                origins.push((format!("_newsletter.{key}"), heading));
                origins.push((format!("_newsletter.{key}_html"), heading));
            }
            let (text, html) = self.framing_text(framing, key);
            if key == "summary" {
                (extension.summary, extension.summary_html) = (text, html);
            } else {
                (extension.closing, extension.closing_html) = (text, html);
            }
        }
        extension.topics = self
            .front
            .iter()
            .filter(|(k, _)| *k == "topic")
            .enumerate()
            .map(|(i, (_, value))| {
                origins.push((format!("_newsletter.topics[{i}]"), value.at));
                let (id, label) = match value.text.split_once('=') {
                    Some((id, label)) => (id.trim(), label.trim()),
                    None => ("", value.text.as_str()),
                };
                let present = |s: &str| Some(s.to_owned()).filter(|s| !s.is_empty());
                TopicEntry {
                    id: present(id),
                    label: present(label),
                }
            })
            .collect();
        if extension != Newsletter::default() {
            feed.newsletter = Some(extension);
        }

        // Stories are dated with the issue unless they say otherwise.
        let issue_day = self
            .front_value("issue_date")
            .and_then(|v| Some((rfc3339(Date::parse_ymd(&v.text)?), v.at)));
        let stories = std::mem::take(&mut self.stories);
        let mut items = Vec::with_capacity(stories.len());
        for (i, story) in stories.into_iter().enumerate() {
            let losses = if is_plain(&story.events) {
                Vec::new()
            } else {
                story_losses(&story.events)
            };
            for Loss { at, message, removed } in losses {
                self.warn(at, format!("items[{i}].content_html"), message, removed);
            }
            items.push(story_item(i, story, issue_day.as_ref(), &mut origins));
        }
        feed.items = items;
        let mut warnings = self.warnings;
        warnings.sort_by_key(|w| (w.at.line, w.at.column));
        Converted {
            feed,
            subscribe: settings,
            warnings,
            origins,
        }
    }
}

/// The setting a `subscribe.SETTING` key names, if it is one.
fn subscribe_setting(key: &str) -> Option<String> {
    let setting = key.strip_prefix("subscribe.")?;
    let known = SUBSCRIBE_SETTINGS.contains(&setting)
        || setting
            .strip_prefix("fields.")
            .is_some_and(|name| !name.trim().is_empty());
    known.then(|| setting.to_owned())
}

/// `_newsletter.subscribe`: its title and text, and its other members in
/// the order of [`SUBSCRIBE_SETTINGS`].
fn subscribe_settings(
    entries: &[(String, String, Located)],
    origins: &mut Vec<(String, Position)>,
) -> (Option<Subscribe>, Vec<(String, Value)>) {
    const PATH: &str = "_newsletter.subscribe";
    let Some((_, _, first)) = entries.first() else {
        return (None, Vec::new());
    };
    origins.push((PATH.to_owned(), first.at));
    let value = |setting: &str| entries.iter().find(|(s, _, _)| s == setting).map(|(_, _, v)| v);
    let subscribe = Subscribe {
        title: value("title").map(|v| v.text.clone()),
        text: value("text").map(|v| v.text.clone()),
    };
    for (setting, _, located) in entries {
        origins.push((format!("{PATH}.{setting}"), located.at));
    }
    let mut members: Vec<(String, Value)> = Vec::new();
    for setting in &SUBSCRIBE_SETTINGS[2..] {
        match *setting {
            "fields.NAME" | "consent.text" | "consent.privacy_url" => {
                let (object, prefix) = setting
                    .split_once('.')
                    .map(|(o, _)| (o, format!("{o}.")))
                    .unwrap_or_default();
                if members.iter().any(|(k, _)| k == object) {
                    continue;
                }
                let group: serde_json::Map<String, Value> = entries
                    .iter()
                    .filter_map(|(s, _, v)| Some((s.strip_prefix(&prefix)?.to_owned(), Value::from(v.text.clone()))))
                    .collect();
                if let Some((_, _, first)) = entries.iter().find(|(s, _, _)| s.starts_with(&prefix)) {
                    origins.push((format!("{PATH}.{object}"), first.at));
                    members.push((object.to_owned(), Value::Object(group)));
                }
            }
            _ => {
                let Some(located) = value(setting) else { continue };
                let text = located.text.clone();
                let json = match *setting {
                    "list_uuids" => Value::from(
                        text.split(',')
                            .map(str::trim)
                            .filter(|u| !u.is_empty())
                            .map(str::to_owned)
                            .collect::<Vec<_>>(),
                    ),
                    "double_opt_in" => Value::from(text == "true"),
                    "timeout_ms" => text.parse::<u32>().map_or(Value::from(text), Value::from),
                    _ => Value::from(text),
                };
                members.push(((*setting).to_owned(), json));
            }
        }
    }
    (Some(subscribe), members)
}

/// A heading's text, as plain text on one line.
fn heading_text(block: &[Spanned]) -> String {
    let inner = &block[1..block.len().saturating_sub(1).max(1)];
    plain_blocks(inner, false)
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn story_item(
    index: usize,
    story: Story,
    issue_day: Option<&(String, Position)>,
    origins: &mut Vec<(String, Position)>,
) -> Item {
    let path = format!("items[{index}]");
    let mut field = |name: &str, key: &str| {
        let (_, value) = story.fields.iter().find(|(n, _)| *n == name)?;
        origins.push((format!("{path}.{key}"), value.at));
        Some(value.text.clone())
    };
    let mut item = Item {
        // A made-up id points at the headline, as the whole story does.
        id: field("Id", "id").unwrap_or_else(|| slugify(&story.title)),
        ..Item::default()
    };
    item.summary = field("Summary", "summary");
    item.tags = field("Topics", "tags").map(|topics| {
        topics
            .split(',')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
            .collect()
    });
    // A day becomes its midnight UTC; anything else is kept as written, for
    // the validation to report. Without a date, the issue's day.
    let date = field("Date", "date_published").map(|date| Date::parse_ymd(&date).map_or(date, rfc3339));
    item.url = field("Url", "url");
    item.external_url = field("External-Url", "external_url");
    item.image = field("Image", "image");
    item.date_published = date.or_else(|| {
        let (day, at) = issue_day?;
        origins.push((format!("{path}.date_published"), *at));
        Some(day.clone())
    });
    origins.push((path.clone(), story.heading));
    origins.push((format!("{path}.title"), story.heading));
    item.title = Some(story.title);
    if let Some(text_at) = story.text_at {
        // Plain paragraphs need no HTML; anything more is written as HTML,
        // with the plain version beside it.
        let plain = plain_blocks(&story.events, true);
        if !is_plain(&story.events) {
            item.content_html = Some(html_of(&story.events)).filter(|h| !h.is_empty());
            origins.push((format!("{path}.content_html"), text_at));
        }
        if !plain.is_empty() {
            item.content_text = Some(plain.join("\n\n"));
            origins.push((format!("{path}.content_text"), text_at));
        }
    }
    if !story.sources.is_empty() {
        let sources_path = format!("{path}._newsletter.sources");
        origins.push((sources_path.clone(), story.sources[0].at));
        let sources = story
            .sources
            .into_iter()
            .enumerate()
            .map(|(i, s)| {
                origins.push((format!("{sources_path}[{i}]"), s.at));
                SourceEntry {
                    title: s.title,
                    url: s.url,
                }
            })
            .collect();
        item.newsletter = Some(ItemNewsletter { sources });
    }
    item
}

/// A story field line, `Topics: a, b`: its canonical name and value.
fn field(line: &str) -> Option<(&'static str, &str)> {
    let (key, value) = line.trim_start().split_once(':')?;
    let key = key.trim_end().to_ascii_lowercase().replace(['_', ' '], "-");
    let name = STORY_FIELDS.iter().copied().find(|f| f.to_ascii_lowercase() == key)?;
    Some((name, value.trim()))
}

/// A line that looks like a field (`Tags: …`) but is not a known one.
fn unknown_field(trimmed: &str) -> Option<&str> {
    let (key, _) = trimmed.split_once(':')?;
    (!key.is_empty() && key.chars().all(|c| c.is_ascii_alphabetic() || c == '-' || c == '_')).then_some(key)
}

/// `Title <https://…>`, `<https://…>` or `Title`: the title and the URL.
/// `None` when there is neither.
fn source(text: &str) -> Option<(Option<String>, Option<String>)> {
    let (title, url) = match text.strip_suffix('>').and_then(|t| t.rsplit_once('<')) {
        Some((title, url)) => (title.trim(), url.trim()),
        None => (text.trim(), ""),
    };
    let title = Some(title.to_owned()).filter(|t| !t.is_empty());
    let url = Some(url.to_owned()).filter(|u| !u.is_empty());
    (title.is_some() || url.is_some()).then_some((title, url))
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsletter_core::feed::jsonfeed::VERSION;
    use serde_json::{json, Value};

    fn feed(text: &str) -> Value {
        convert(text).unwrap_or_else(|e| panic!("{e:?}")).json()
    }

    fn errors(text: &str) -> Vec<String> {
        convert(text)
            .expect_err("expected errors")
            .iter()
            .map(|e| format!("{}:{}: {}", e.at.line, e.at.column, e.message))
            .collect()
    }

    const FULL: &str = "---
title: Week 49
home_page_url: https://example.org/
description: A digest
language: en
author: Ed <https://example.org/ed>
author: Ann
name: Example
tagline: Every week
issue_date: 2025-12-04
# topics, in display order
topic: gene-therapy = Gene therapy
topic: Oncology
subscribe_title: Join
subscribe_text: Get it by email.
---

# This week

Two stories
this week.

Second paragraph.

## First story
Topics: Gene therapy, Oncology
Sources: Press release <https://example.org/press>; Investor call
Source: <https://example.org/only-a-url>

The text.

## Second story ##

Id: second
Summary: In short.
Date: 2025-12-03T16:30:00+01:00
Url: https://example.org/2
External-Url: https://example.org/ext
Image: https://example.org/2.jpg
\\# Not a heading, and
\\Topics: not a field.

# Closing

Bye.
";

    #[test]
    fn converts_every_part_in_the_sample_order() {
        let expected = json!({
            "version": "https://jsonfeed.org/version/1.1",
            "title": "Week 49",
            "home_page_url": "https://example.org/",
            "description": "A digest",
            "language": "en",
            "authors": [{"name": "Ed", "url": "https://example.org/ed"}, {"name": "Ann"}],
            "_newsletter": {
                "name": "Example",
                "tagline": "Every week",
                "issue_date": "2025-12-04",
                "summary": "Two stories this week.\n\nSecond paragraph.",
                "closing": "Bye.",
                "topics": [{"id": "gene-therapy", "label": "Gene therapy"}, {"label": "Oncology"}],
                "subscribe": {"title": "Join", "text": "Get it by email."}
            },
            "items": [
                {
                    "id": "first-story",
                    "title": "First story",
                    "content_text": "The text.",
                    "tags": ["Gene therapy", "Oncology"],
                    "date_published": "2025-12-04T00:00:00Z",
                    "_newsletter": {"sources": [
                        {"title": "Press release", "url": "https://example.org/press"},
                        {"title": "Investor call"},
                        {"url": "https://example.org/only-a-url"}
                    ]}
                },
                {
                    "id": "second",
                    "title": "Second story",
                    "content_text": "# Not a heading, and Topics: not a field.",
                    "summary": "In short.",
                    "date_published": "2025-12-03T16:30:00+01:00",
                    "url": "https://example.org/2",
                    "external_url": "https://example.org/ext",
                    "image": "https://example.org/2.jpg"
                }
            ]
        });
        let converted = feed(FULL);
        assert_eq!(converted, expected);
        // Same members in the same order.
        assert_eq!(converted.to_string(), expected.to_string());
    }

    #[test]
    fn knows_where_each_json_path_came_from() {
        let converted = convert(FULL).unwrap();
        let line = |path: &str| converted.origin(path).line;
        assert_eq!(line("title"), 2);
        assert_eq!(line("_newsletter.topics[1].id"), 13);
        assert_eq!(line("_newsletter.summary"), 18);
        assert_eq!(line("items[0]"), 25);
        assert_eq!(line("items[0].id"), 25, "a made-up id points at the headline");
        assert_eq!(line("items[0].tags"), 26);
        assert_eq!(converted.origin("items[0].tags").column, 9);
        assert_eq!(line("items[0]._newsletter.sources[1]"), 27);
        assert_eq!(converted.origin("items[0]._newsletter.sources[1]").column, 53);
        assert_eq!(line("items[0]._newsletter.sources[2].url"), 28);
        assert_eq!(line("items[0].date_published"), 10, "the date comes from issue_date");
        assert_eq!(line("items[1].id"), 34);
        assert_eq!(line("items[1].content_text"), 40);
        assert_eq!(line("items[10]"), 1, "unknown paths fall back to the start");
        assert_eq!(line("items[1]x"), 1, "only whole path segments match");
    }

    #[test]
    fn a_minimal_issue_needs_only_the_fences_and_a_story() {
        assert_eq!(
            feed("---\n---\n## Only a headline\n"),
            json!({"version": VERSION, "items": [{"id": "only-a-headline", "title": "Only a headline"}]})
        );
        assert_eq!(
            feed("---\r\ntitle: x\r\n---\r\n"),
            json!({"version": VERSION, "title": "x", "items": []})
        );
    }

    #[test]
    fn a_plain_date_becomes_a_timestamp_and_a_bad_one_is_kept_for_validation() {
        let items = |text: &str| feed(text)["items"][0]["date_published"].clone();
        assert_eq!(
            items("---\n---\n## A\nDate: 2025-12-01\n"),
            json!("2025-12-01T00:00:00Z")
        );
        assert_eq!(items("---\n---\n## A\nDate: yesterday\n"), json!("yesterday"));
        assert_eq!(items("---\nissue_date: 4/12/2025\n---\n## A\n"), Value::Null);
    }

    #[test]
    fn text_that_only_looks_like_a_field_is_text() {
        let text = "---\n---\n## A\nNote: this is the text.\n";
        assert_eq!(feed(text)["items"][0]["content_text"], json!("Note: this is the text."));
        let text = "---\n---\n## A\nId: a\n\nNote: after a blank line, text.\n";
        assert_eq!(
            feed(text)["items"][0]["content_text"],
            json!("Note: after a blank line, text.")
        );
    }

    #[test]
    fn structure_errors_name_the_line_and_the_fix() {
        assert_eq!(
            errors("title: x\n"),
            ["1:1: expected front matter: the first line must be '---', followed by 'key: value' lines and another '---'"]
        );
        assert_eq!(
            errors("---\ntitle: x\n"),
            ["1:1: the front matter is not closed: add a line '---' after its last key"]
        );
        assert_eq!(
            errors("---\ntitel: x\ntitle x\ntitle: a\ntitle: b\ntopic: =\n---\n"),
            [
                "2:1: unknown front matter key \"titel\"; the keys are title, home_page_url, feed_url, description, language, author, name, tagline, issue_date, topic, subscribe_title, subscribe_text, and subscribe.SETTING for the subscribe box",
                "3:1: expected 'key: value' in the front matter",
                "5:1: \"title\" is given twice (first on line 4)",
                "6:8: a topic needs an id or a label: 'topic: id = Label'",
            ]
        );
        assert_eq!(
            errors("---\n---\nIntro without a heading\ngoes on.\n\n# Intro\n\nx\n\n# This week\n# This Week\n### Small\n##\n"),
            [
                "3:1: text before the first section: put the intro under '# This week' and each story under '## Headline'",
                "6:1: unknown section \"# Intro\": use '# This week' for the intro, '# Closing' for the closing words and '## Headline' for each story",
                "11:1: a second \"# This Week\" section (the first is on line 10)",
                "13:1: a story heading needs a headline: '## Headline'",
            ]
        );
        assert_eq!(
            errors("---\n---\n## A\nId: a\nTags: x\nId: b\nTopics:\nSources: x; ;<>\n## !!!\n"),
            [
                "5:1: unknown story field \"Tags\"; the fields are Id, Topics, Sources, Source, Summary, Date, Url, External-Url, Image (start a line of text with '\\' to keep it as text)",
                "6:5: the story field \"Id\" is given twice (first on line 4)",
                "7:1: the story field \"Topics\" has no value",
                "8:12: a source needs a title, a URL in '<…>', or both: 'Title <https://…>'",
                "8:14: a source needs a title, a URL in '<…>', or both: 'Title <https://…>'",
                "9:1: cannot make an id from the headline \"!!!\": add an 'Id:' line",
            ]
        );
    }

    #[test]
    fn story_text_is_markdown_and_code_is_never_structure() {
        let text = "---\n---\n## A\nId: a\nThe **bold** [link](https://e.org/) text,\nAT&amp;T.\n\n```\n## not a story\n# not a section\n```\n\n### Detail\n\n- one\n- two\n\n## B\n";
        let converted = feed(text);
        let items = converted["items"].as_array().unwrap();
        assert_eq!(items.len(), 2);
        assert_eq!(
            items[0]["content_html"],
            "<p>The <strong>bold</strong> <a href=\"https://e.org/\">link</a> text,\nAT&amp;T.</p>\n<pre><code>## not a story\n# not a section\n</code></pre>\n<h3>Detail</h3>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>"
        );
        assert_eq!(
            items[0]["content_text"],
            "The bold link (https://e.org/) text, AT&T.\n\n## not a story\n# not a section\n\nDetail\n\n• one\n\n• two"
        );
        assert_eq!(items[1], json!({"id": "b", "title": "B"}));
        let converted = convert(text).unwrap();
        assert_eq!(
            converted.origin("items[0].content_html").line,
            5,
            "the text starts after the fields"
        );
        assert!(converted.warnings.is_empty(), "{:?}", converted.warnings);
    }

    #[test]
    fn the_intro_and_the_closing_keep_their_formatting_beside_a_plain_version() {
        let converted =
            convert("---\n---\n# This week\n\nSee *this* [page](https://e.org/).\n\n- a\n- b\n\n# Closing\n\nBye.\n")
                .unwrap();
        let value = converted.json();
        assert_eq!(
            value["_newsletter"]["summary"],
            "See this page (https://e.org/).\n\n• a\n\n• b"
        );
        assert_eq!(value["_newsletter"]["closing"], "Bye.");
        // The reader shows the formatted intro; a plain closing needs no HTML.
        assert_eq!(
            value["_newsletter"]["summary_html"],
            "<p>See <em>this</em> <a href=\"https://e.org/\">page</a>.</p>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>"
        );
        assert_eq!(value["_newsletter"].get("closing_html"), None);
        assert!(converted.warnings.is_empty(), "{:?}", converted.warnings);
        let decoded = newsletter_core::read_issue(&converted.to_json()).unwrap();
        assert_eq!(decoded.issue.summary_rich.len(), 2);
    }

    #[test]
    fn what_the_allow_list_drops_is_a_warning_at_its_place() {
        let converted =
            convert("---\n---\n## *A* story\n\nText <script>alert(1)</script>\nand ![a cat](http://e.org/cat.png).\n")
                .unwrap();
        let warnings: Vec<String> = converted
            .warnings
            .iter()
            .map(|w| format!("{}:{}: {}", w.at.line, w.at.column, w.path))
            .collect();
        assert_eq!(
            warnings,
            [
                "3:1: items[0].title",
                "5:6: items[0].content_html",
                "6:5: items[0].content_html"
            ]
        );
        assert!(converted.warnings[1].message.contains("<script>"));
        assert_eq!(converted.feed.items[0].title.as_deref(), Some("A story"));
    }

    #[test]
    fn fields_are_the_first_lines_and_a_backslash_keeps_one_as_text() {
        let items = |text: &str| feed(text)["items"][0].clone();
        assert_eq!(
            items("---\n---\n## A\nSummary: s\n\nUrl: https://e.org/\n\n\\Summary: text\n"),
            json!({"id": "a", "title": "A", "content_text": "Summary: text", "summary": "s", "url": "https://e.org/"})
        );
        // A field-like line inside the text, or inside code, is text.
        assert_eq!(
            items("---\n---\n## A\nText.\nSummary: still text\n\n    Id: code\n")["content_text"],
            json!("Text. Summary: still text\n\nId: code")
        );
    }

    #[test]
    fn the_front_matter_sets_the_subscribe_box() {
        let converted = convert(
            "---\nsubscribe.title: Join\nsubscribe.provider: listmonk\nsubscribe.url: https://lists.example.org/api/public/subscription\nsubscribe.list_uuids: a1, b2\nsubscribe.consent.text: One email a week.\nsubscribe.consent.privacy_url: https://example.org/privacy\nsubscribe.fields.source: widget\nsubscribe.double_opt_in: false\nsubscribe.timeout_ms: 20000\nsubscribe.address: news@example.org\n---\n",
        )
        .unwrap();
        assert_eq!(
            converted.json()["_newsletter"]["subscribe"].to_string(),
            json!({
                "title": "Join",
                "provider": "listmonk",
                "url": "https://lists.example.org/api/public/subscription",
                "list_uuids": ["a1", "b2"],
                "fields": {"source": "widget"},
                "address": "news@example.org",
                "consent": {"text": "One email a week.", "privacy_url": "https://example.org/privacy"},
                "double_opt_in": false,
                "timeout_ms": 20000
            })
            .to_string()
        );
        assert_eq!(converted.origin("_newsletter.subscribe.url").line, 4);
        assert_eq!(converted.origin("_newsletter.subscribe.consent.privacy_url").line, 7);
        assert_eq!(converted.origin("_newsletter.subscribe").line, 2);
        assert_eq!(
            errors("---\nsubscribe.title: a\nsubscribe_title: b\nsubscribe.nope: x\nsubscribe.double_opt_in: yes\nsubscribe.timeout_ms: soon\n---\n"),
            [
                "3:1: \"subscribe_title\" is given twice (first on line 2, as \"subscribe.title\")",
                "4:1: unknown subscribe setting \"subscribe.nope\"; the settings are subscribe.title, subscribe.text, subscribe.provider, subscribe.url, subscribe.list_uuids, subscribe.u, subscribe.id, subscribe.username, subscribe.form_id, subscribe.email_field, subscribe.name_field, subscribe.fields.NAME, subscribe.address, subscribe.consent.text, subscribe.consent.privacy_url, subscribe.double_opt_in, subscribe.timeout_ms",
                "5:26: \"subscribe.double_opt_in\" must be true or false",
                "6:23: \"subscribe.timeout_ms\" must be a number of milliseconds, such as 15000",
            ]
        );
    }

    #[test]
    fn sources_take_an_optional_url_in_angle_brackets() {
        assert_eq!(
            source("A <https://a>"),
            Some((Some("A".into()), Some("https://a".into())))
        );
        assert_eq!(source("<https://a>"), Some((None, Some("https://a".into()))));
        assert_eq!(source("1 < 2"), Some((Some("1 < 2".into()), None)));
        assert_eq!(source("<>"), None);
    }
}
