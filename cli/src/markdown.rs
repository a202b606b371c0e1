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
//! ---
//!
//! # This week
//!
//! The intro (`_newsletter.summary`).
//!
//! ## A headline
//! Id: a-headline
//! Topics: Gene therapy, Research
//! Sources: Citation 1; Citation 2 <https://example.org/2>
//!
//! The story's text (`content_text`), paragraphs separated by blank lines.
//!
//! # Closing
//!
//! The closing words (`_newsletter.closing`).
//! ```
//!
//! This module only converts; it checks the Markdown's structure (known
//! keys, sections, fields) but leaves everything about the feed's content
//! to the domain's validation, which `new` runs on the result. To point
//! those messages at the Markdown, [`Converted::origin`] tells which line
//! each JSON path came from.

use newsletter_core::feed::date::Date;
use newsletter_core::feed::json::Position;
use newsletter_core::feed::jsonfeed::{
    Author, Item, ItemNewsletter, JsonFeed, Newsletter, SourceEntry, Subscribe, TopicEntry,
};
use newsletter_core::feed::slug::slugify;

use crate::dates::rfc3339;

/// The front matter keys, in the order the feed's members are written.
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
    /// The issue feed.
    pub feed: JsonFeed,
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
}

/// A line of the Markdown the converter cannot read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkdownError {
    /// Where.
    pub at: Position,
    /// What is wrong.
    pub message: String,
}

/// Converts a Markdown issue into an issue feed, or lists every line that
/// does not follow the grammar.
pub fn convert(text: &str) -> Result<Converted, Vec<MarkdownError>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<&str> = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)).collect();
    let mut reader = Reader::default();
    let body_start = reader.front_matter(&lines);
    if let Some(start) = body_start {
        for (index, line) in lines.iter().enumerate().skip(start) {
            reader.body_line(number(index), line);
        }
        reader.end_paragraph();
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
struct Story {
    title: String,
    heading: Position,
    /// Field name (lower case) to value; `Source`s are in `sources`.
    fields: Vec<(&'static str, Located)>,
    sources: Vec<Source>,
    paragraphs: Vec<String>,
    text_at: Option<Position>,
    /// Fields are read until the story's text starts.
    text_started: bool,
    /// Whether the line before was a field: a line that looks like a field
    /// there is a misspelt field, while after a blank line it is text.
    in_fields: bool,
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

/// A paragraph being read: its lines so far.
#[derive(Debug, Default)]
struct Paragraph {
    lines: Vec<String>,
    at: Option<Position>,
}

#[derive(Debug)]
struct Reader {
    errors: Vec<MarkdownError>,
    /// Front matter entries in file order: (key, value).
    front: Vec<(&'static str, Located)>,
    intro: Option<(Position, Vec<String>)>,
    closing: Option<(Position, Vec<String>)>,
    stories: Vec<Story>,
    section: Section,
    paragraph: Paragraph,
    /// Whether text outside any section was already reported for this paragraph.
    reported_outside: bool,
}

impl Default for Reader {
    fn default() -> Self {
        Reader {
            errors: Vec::new(),
            front: Vec::new(),
            intro: None,
            closing: None,
            stories: Vec::new(),
            section: Section::None,
            paragraph: Paragraph::default(),
            reported_outside: false,
        }
    }
}

impl Reader {
    fn error(&mut self, at: Position, message: impl Into<String>) {
        self.errors.push(MarkdownError {
            at,
            message: message.into(),
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
            let Some((raw_key, raw_value)) = line.split_once(':') else {
                self.error(
                    at(line_number, column_of(line, trimmed)),
                    "expected 'key: value' in the front matter",
                );
                continue;
            };
            let key_text = raw_key.trim();
            let Some(key) = FRONT_MATTER_KEYS.iter().copied().find(|k| *k == key_text) else {
                self.error(
                    at(line_number, column_of(line, trimmed)),
                    format!(
                        "unknown front matter key \"{key_text}\"; the keys are {}",
                        FRONT_MATTER_KEYS.join(", ")
                    ),
                );
                continue;
            };
            let value = raw_value.trim();
            if value.is_empty() {
                continue; // an empty value is the same as no value
            }
            if !REPEATABLE_KEYS.contains(&key) {
                if let Some((_, first)) = self.front.iter().find(|(k, _)| *k == key) {
                    let message = format!("\"{key}\" is given twice (first on line {})", first.at.line);
                    self.error(at(line_number, column_of(line, trimmed)), message);
                    continue;
                }
            }
            let located = Located {
                text: value.to_owned(),
                at: at(line_number, column_of(line, value)),
            };
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

    fn body_line(&mut self, line_number: u32, line: &str) {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            self.end_paragraph();
            if let Some(story) = self.stories.last_mut() {
                story.in_fields = false;
            }
            return;
        }
        if let Some((level, heading)) = heading(trimmed) {
            self.end_paragraph();
            self.heading(line_number, level, heading, column_of(line, trimmed));
            return;
        }
        let position = at(line_number, column_of(line, trimmed));
        match self.section {
            Section::None => {
                if !self.reported_outside {
                    self.reported_outside = true;
                    self.error(
                        position,
                        "text before the first section: put the intro under '# This week' and each story under '## Headline'",
                    );
                }
            }
            Section::Ignored => {}
            Section::Story if !self.story().text_started => {
                if let Some((name, value)) = field(line) {
                    self.story_field(line_number, line, name, value);
                } else if let Some(name) = unknown_field(trimmed).filter(|_| self.story().in_fields) {
                    self.error(
                        position,
                        format!(
                            "unknown story field \"{name}\"; the fields are {} (start a line of text with '\\' to keep it as text)",
                            STORY_FIELDS.join(", ")
                        ),
                    );
                } else {
                    self.story_mut().text_started = true;
                    self.text(position, trimmed);
                }
            }
            _ => self.text(position, trimmed),
        }
    }

    fn text(&mut self, at: Position, trimmed: &str) {
        let text = trimmed.strip_prefix('\\').unwrap_or(trimmed);
        self.paragraph.at.get_or_insert(at);
        self.paragraph.lines.push(text.to_owned());
    }

    fn story(&self) -> &Story {
        self.stories.last().expect("in a story section")
    }

    fn story_mut(&mut self) -> &mut Story {
        self.stories.last_mut().expect("in a story section")
    }

    fn heading(&mut self, line_number: u32, level: usize, title: &str, column: usize) {
        let position = at(line_number, column);
        match level {
            1 => {
                let name = title.to_lowercase();
                let (section, slot) = match name.as_str() {
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
                if let Some((first, _)) = slot {
                    let message = format!("a second \"# {title}\" section (the first is on line {})", first.line);
                    self.error(position, message);
                    self.section = Section::Ignored;
                    return;
                }
                *slot = Some((position, Vec::new()));
                self.section = section;
            }
            2 => {
                if title.is_empty() {
                    self.error(position, "a story heading needs a headline: '## Headline'");
                }
                self.stories.push(Story {
                    title: title.to_owned(),
                    heading: position,
                    ..Story::default()
                });
                self.section = Section::Story;
            }
            _ => {
                self.error(
                    position,
                    format!(
                        "\"{}\" headings are not supported: '##' starts a story and story text is plain text",
                        "#".repeat(level)
                    ),
                );
            }
        }
    }

    fn story_field(&mut self, line_number: u32, line: &str, name: &'static str, value: &str) {
        self.story_mut().in_fields = true;
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

    fn end_paragraph(&mut self) {
        self.reported_outside = false;
        let paragraph = std::mem::take(&mut self.paragraph);
        let Some(first_at) = paragraph.at else {
            return;
        };
        let text = paragraph.lines.join(" ");
        match self.section {
            Section::Intro => self.intro.as_mut().expect("intro open").1.push(text),
            Section::Closing => self.closing.as_mut().expect("closing open").1.push(text),
            Section::Story => {
                let story = self.story_mut();
                story.text_at.get_or_insert(first_at);
                story.paragraphs.push(text);
            }
            Section::None | Section::Ignored => {}
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
        let subscribe = Subscribe {
            title: front("subscribe_title", "_newsletter.subscribe.title".into()),
            text: front("subscribe_text", "_newsletter.subscribe.text".into()),
        };
        if subscribe != Subscribe::default() {
            extension.subscribe = Some(subscribe);
        }
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
        for (key, section, slot) in [
            ("summary", self.intro.take(), &mut extension.summary),
            ("closing", self.closing.take(), &mut extension.closing),
        ] {
            if let Some((heading, paragraphs)) = section {
                origins.push((format!("_newsletter.{key}"), heading));
                if !paragraphs.is_empty() {
                    *slot = Some(paragraphs.join("\n\n"));
                }
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
        feed.items = std::mem::take(&mut self.stories)
            .into_iter()
            .enumerate()
            .map(|(i, story)| story_item(i, story, issue_day.as_ref(), &mut origins))
            .collect();
        Converted { feed, origins }
    }
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
        item.content_text = Some(story.paragraphs.join("\n\n"));
        origins.push((format!("{path}.content_text"), text_at));
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

/// A heading: `# Title` (level and text, closing `#`s removed), as in
/// CommonMark. `#hashtag` is not a heading.
fn heading(trimmed: &str) -> Option<(usize, &str)> {
    let level = trimmed.chars().take_while(|c| *c == '#').count();
    let rest = &trimmed[level..];
    if level == 0 || level > 6 || !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    let mut text = rest.trim();
    let without_closing = text.trim_end_matches('#');
    if without_closing.is_empty() {
        text = "";
    } else if without_closing.ends_with([' ', '\t']) {
        text = without_closing.trim_end();
    }
    Some((level, text))
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
        let converted = convert(text).unwrap_or_else(|e| panic!("{e:?}"));
        serde_json::to_value(converted.feed).expect("a feed serializes")
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
                "2:1: unknown front matter key \"titel\"; the keys are title, home_page_url, feed_url, description, language, author, name, tagline, issue_date, topic, subscribe_title, subscribe_text",
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
                "12:1: \"###\" headings are not supported: '##' starts a story and story text is plain text",
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
    fn headings_follow_commonmark() {
        assert_eq!(heading("## Title ##"), Some((2, "Title")));
        assert_eq!(heading("## We're #1"), Some((2, "We're #1")));
        assert_eq!(heading("## C#"), Some((2, "C#")));
        assert_eq!(heading("#hashtag"), None);
        assert_eq!(heading("####### seven"), None);
        assert_eq!(heading("#"), Some((1, "")));
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
