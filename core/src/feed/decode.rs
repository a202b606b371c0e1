//! Reads a JSON Feed 1.1 document into an [`Issue`], validating as it goes.
//!
//! The rules, in short (see `docs/issue-format.md`):
//! * Text that is not JSON, or JSON without an `items` list, stops the issue
//!   with a [`FeedError`].
//! * A story whose fields have the wrong types, or whose id is missing or
//!   already used, is skipped with a [`Notice`]; the other stories show.
//! * Unsafe links, markup the sanitizer removes, unknown topics and bad dates
//!   are neutralised with a [`Notice`]; the story still shows.

use std::collections::HashMap;
use std::rc::Rc;

use crate::case_fold::lower_case_text;
use crate::feed::date::Date;
use crate::feed::fields::{location, optional_string, optional_strings, wrong_type, Skip};
use crate::feed::json::{Node, Value};
use crate::feed::model::{paragraphs, Body, Issue, Source, Story, Topic};
use crate::feed::notice::{Consequence, FeedError, Notice, Problem};
use crate::feed::slug::slugify;
use crate::html::parse::{decode_references, HtmlParser};
use crate::html::sanitize::{sanitize_with, RichText};
use crate::order::sort_stable_by_key;
use crate::subscribe::{read_config, SubscribeConfig};
use crate::url::{link_label, safe_link, LinkKind};

/// A readable issue plus everything that was skipped or neutralised.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Decoded {
    pub issue: Issue,
    pub notices: Vec<Notice>,
}

impl Decoded {
    /// Notices about stories left out, which readers are told about.
    pub fn skipped(&self) -> impl Iterator<Item = &Notice> {
        self.notices
            .iter()
            .filter(|n| n.consequence == Consequence::StorySkipped)
    }
}

/// Reads and validates a feed, reading its HTML with the native parser.
#[cfg(not(target_arch = "wasm32"))]
pub fn read_issue(text: &str) -> Result<Decoded, FeedError> {
    issue_from(&crate::feed::json::parse(text)?, &crate::html::native::Html5ever)
}

/// Validates a parsed feed; `html` reads its `content_html` and the
/// character references of its plain text.
pub(crate) fn issue_from(root: &Node, html: &dyn HtmlParser) -> Result<Decoded, FeedError> {
    let Value::Object(_) = root.value else {
        return Err(FeedError::NotAFeed {
            reason: format!(
                "the document is {}, not an object with \"version\" and \"items\"",
                root.value.kind()
            ),
            at: root.at,
        });
    };
    let items = match root.get("items") {
        Some(Node {
            value: Value::Array(items),
            ..
        }) => items,
        Some(other) => {
            return Err(FeedError::NotAFeed {
                reason: format!("\"items\" is {}, not a list", other.value.kind()),
                at: other.at,
            })
        }
        None => {
            return Err(FeedError::NotAFeed {
                reason: "there is no \"items\" list".to_owned(),
                at: root.at,
            })
        }
    };
    let mut reader = FeedReader {
        // Read quietly here; `read` reports a bad one where it reads it.
        home: root
            .get("home_page_url")
            .and_then(Node::as_str)
            .and_then(|raw| safe_link(raw, LinkKind::Web)),
        notices: Vec::new(),
        html,
    };
    reader.check_version(root);
    let issue = reader.read(root, items);
    Ok(Decoded {
        issue,
        notices: reader.notices,
    })
}

struct FeedReader<'a> {
    notices: Vec<Notice>,
    /// The parser that reads HTML as browsers do.
    html: &'a dyn HtmlParser,
    /// The feed's `home_page_url`, which relative pictures in stories
    /// resolve against.
    home: Option<String>,
}

impl FeedReader<'_> {
    fn notice(&mut self, (location, problem): Skip, consequence: Consequence) {
        self.notices.push(Notice {
            location,
            problem,
            consequence,
        });
    }

    /// Reads a feed-level string; a wrong type is reported and ignored.
    fn feed_string(&mut self, parent: &Node, key: &str, path: &str) -> Option<String> {
        optional_string(parent, key, path)
            .unwrap_or_else(|skip| {
                self.notice(skip, Consequence::Neutralised);
                None
            })
            .map(str::to_owned)
    }

    /// A line of feed-level text (a title, a description, a name): a string
    /// as [`Self::feed_string`] reads it, with character references decoded
    /// as text and white space collapsed, as a story's title is; nothing when
    /// nothing is left. Generators write `&#39;` into these as often as into
    /// stories.
    fn feed_line(&mut self, parent: &Node, key: &str, path: &str) -> Option<String> {
        let raw = self.feed_string(parent, key, path)?;
        let line = clean_line(&decode_references(self.html, &raw));
        (!line.is_empty()).then_some(line)
    }

    /// The intro's or the closing's HTML (`_newsletter.summary_html`,
    /// `closing_html`), through the allow-list like a story's, with a notice
    /// for each kind of thing removed.
    fn framing_html(&mut self, extension: Option<&Node>, key: &str) -> RichText {
        let path = format!("_newsletter.{key}");
        let Some(node) = extension.and_then(|e| e.get(key)) else {
            return RichText::new();
        };
        let Some(html) = node.as_str() else {
            if !matches!(node.value, Value::Null) {
                self.notice(wrong_type(&path, node, "a string"), Consequence::Neutralised);
            }
            return RichText::new();
        };
        let sanitized = sanitize_with(self.html, html, self.home.as_deref());
        for removed in sanitized.removed {
            self.notice(
                (location(&path, node), Problem::RemovedMarkup(removed)),
                Consequence::Neutralised,
            );
        }
        sanitized.nodes
    }

    fn check_version(&mut self, root: &Node) {
        let version = root.get("version");
        let known = version.and_then(Node::as_str).is_some_and(|v| {
            v.strip_prefix("https://")
                .or_else(|| v.strip_prefix("http://"))
                .is_some_and(|v| v.starts_with("jsonfeed.org/version/"))
        });
        if !known {
            let found = match version {
                Some(Node {
                    value: Value::String(s),
                    ..
                }) => format!("\"{s}\""),
                Some(other) => other.value.kind().to_owned(),
                None => "nothing".to_owned(),
            };
            let at = version.unwrap_or(root);
            self.notice(
                (location("version", at), Problem::UnknownVersion(found)),
                Consequence::Informational,
            );
        }
    }

    fn read(&mut self, root: &Node, items: &[Node]) -> Issue {
        let extension = match root.get("_newsletter") {
            Some(
                node @ Node {
                    value: Value::Object(_),
                    ..
                },
            ) => Some(node),
            None | Some(Node { value: Value::Null, .. }) => None,
            Some(other) => {
                self.notice(wrong_type("_newsletter", other, "an object"), Consequence::Neutralised);
                None
            }
        };
        let ext_string =
            |reader: &mut Self, key: &str| extension.and_then(|ext| reader.feed_string(ext, key, "_newsletter."));
        let ext_line =
            |reader: &mut Self, key: &str| extension.and_then(|ext| reader.feed_line(ext, key, "_newsletter."));

        let declared_topics = extension.map(|ext| self.declared_topics(ext)).unwrap_or_default();
        let mut stories = Vec::with_capacity(items.len());
        let mut ids: HashMap<String, usize> = HashMap::new();
        let mut story_tags: Vec<Vec<String>> = Vec::with_capacity(items.len());
        for (index, item) in items.iter().enumerate() {
            let path = format!("items[{index}]");
            match self.read_story(item, &path) {
                Ok((story, tags)) => {
                    if let Some(&first) = ids.get(&story.id) {
                        let skip = (
                            location(&format!("{path}.id"), item.get("id").unwrap_or(item)),
                            Problem::DuplicateId { id: story.id, first },
                        );
                        self.notice(skip, Consequence::StorySkipped);
                        continue;
                    }
                    ids.insert(story.id.clone(), index);
                    stories.push((index, story));
                    story_tags.push(tags);
                }
                Err(skip) => self.notice(skip, Consequence::StorySkipped),
            }
        }
        let topics = if declared_topics.is_empty() {
            derive_topics(&story_tags)
        } else {
            declared_topics
        };
        let lookup = TopicLookup::new(&topics);
        let stories: Vec<Rc<Story>> = stories
            .into_iter()
            .zip(story_tags)
            .map(|((index, mut story), tags)| {
                let tags_node = items.get(index).and_then(|i| i.get("tags"));
                story.topics = self.resolve_tags(&topics, &lookup, &tags, tags_node, index);
                Rc::new(story)
            })
            .collect();

        let issue_date = ext_string(self, "issue_date").and_then(|text| {
            let date = Date::parse_ymd(&text);
            if date.is_none() {
                let node = extension.and_then(|e| e.get("issue_date")).unwrap_or(root);
                let problem = Problem::InvalidDate {
                    found: text,
                    expected: "YYYY-MM-DD",
                };
                self.notice(
                    (location("_newsletter.issue_date", node), problem),
                    Consequence::Neutralised,
                );
            }
            date
        });
        let subscribe = match extension.and_then(|e| e.get("subscribe")) {
            Some(
                node @ Node {
                    value: Value::Object(_),
                    ..
                },
            ) => read_config(node, &mut self.notices),
            None | Some(Node { value: Value::Null, .. }) => SubscribeConfig::default(),
            Some(other) => {
                self.notice(
                    wrong_type("_newsletter.subscribe", other, "an object"),
                    Consequence::Neutralised,
                );
                SubscribeConfig::default()
            }
        };
        let home_page_url = self
            .feed_string(root, "home_page_url", "")
            .and_then(|raw| self.checked_link(root, "", "home_page_url", &raw));
        Issue {
            newsletter_name: ext_line(self, "name"),
            tagline: ext_line(self, "tagline").or_else(|| self.feed_line(root, "description", "")),
            title: self.feed_line(root, "title", ""),
            date: issue_date.or_else(|| stories.iter().filter_map(|s| s.date).max()),
            language: self.feed_string(root, "language", ""),
            home_page_url,
            authors: self.authors(root),
            summary: ext_string(self, "summary").map(|s| paragraphs(&s)).unwrap_or_default(),
            summary_rich: self.framing_html(extension, "summary_html"),
            closing: ext_string(self, "closing").map(|s| paragraphs(&s)).unwrap_or_default(),
            closing_rich: self.framing_html(extension, "closing_html"),
            topics,
            subscribe,
            stories,
        }
    }

    /// `raw` if it is a safe web link; otherwise a notice at `{prefix}{key}`
    /// (the member `key` of `parent`) and nothing.
    fn checked_link(&mut self, parent: &Node, prefix: &str, key: &str, raw: &str) -> Option<String> {
        let link = safe_link(raw, LinkKind::Web);
        if link.is_none() {
            let node = parent.get(key).unwrap_or(parent);
            let problem = Problem::UnsafeLink(raw.to_owned());
            self.notice(
                (location(&format!("{prefix}{key}"), node), problem),
                Consequence::Neutralised,
            );
        }
        link
    }

    /// An optional string; a value of another type is reported and dropped.
    fn lenient_string<'a>(&mut self, item: &'a Node, key: &str, prefix: &str) -> Option<&'a str> {
        optional_string(item, key, prefix).unwrap_or_else(|skip| {
            self.notice(skip, Consequence::Neutralised);
            None
        })
    }

    /// A story's tags: a list of strings. A comma-separated string is split
    /// (Grav writes `"tags": "workflow,omnifocus"`); anything in a list that
    /// is not a string is left out. Character references are decoded.
    fn lenient_tags(&mut self, item: &Node, prefix: &str) -> Vec<String> {
        let path = format!("{prefix}tags");
        let raw: Vec<&str> = match item.get("tags") {
            Some(
                node @ Node {
                    value: Value::String(text),
                    ..
                },
            ) => {
                self.notice(
                    (
                        location(&path, node),
                        Problem::Repaired("a string where a list of tags belongs; split at its commas"),
                    ),
                    Consequence::Neutralised,
                );
                text.split(',').collect()
            }
            Some(
                node @ Node {
                    value: Value::Array(values),
                    ..
                },
            ) => {
                if values.iter().any(|v| v.as_str().is_none()) {
                    let problem =
                        Problem::Repaired("a list of tags with values that are not strings; only the strings are kept");
                    self.notice((location(&path, node), problem), Consequence::Neutralised);
                }
                values.iter().filter_map(Node::as_str).collect()
            }
            _ => optional_strings(item, "tags", prefix).unwrap_or_else(|skip| {
                self.notice(skip, Consequence::Neutralised);
                Vec::new()
            }),
        };
        raw.into_iter()
            .map(|t| decode_references(self.html, t.trim()))
            .filter(|t| !t.is_empty())
            .collect()
    }

    fn authors(&mut self, root: &Node) -> Vec<String> {
        let mut names = Vec::new();
        match root.get("authors") {
            Some(Node {
                value: Value::Array(authors),
                ..
            }) => {
                for (i, author) in authors.iter().enumerate() {
                    match optional_string(author, "name", &format!("authors[{i}].")) {
                        Ok(Some(name)) => names.push(clean_line(&decode_references(self.html, name))),
                        Ok(None) => {}
                        Err(skip) => self.notice(skip, Consequence::Neutralised),
                    }
                }
            }
            None | Some(Node { value: Value::Null, .. }) => {
                // JSON Feed 1.0 had a single `author`; some generators write
                // it as a plain string.
                match root.get("author") {
                    Some(Node {
                        value: Value::String(name),
                        ..
                    }) if !name.trim().is_empty() => names.push(clean_line(&decode_references(self.html, name))),
                    Some(author) => {
                        if let Ok(Some(name)) = optional_string(author, "name", "author.") {
                            names.push(clean_line(&decode_references(self.html, name)));
                        }
                    }
                    None => {}
                }
            }
            Some(other) => self.notice(
                wrong_type("authors", other, "a list of objects"),
                Consequence::Neutralised,
            ),
        }
        names
    }

    fn declared_topics(&mut self, extension: &Node) -> Vec<Topic> {
        let mut topics: Vec<Topic> = Vec::new();
        // A feed may declare thousands of topics; looking each new id up in
        // the list so far would take quadratic time.
        // (The same map type as elsewhere in the reader: one copy of its code.)
        let mut declared: HashMap<String, usize> = HashMap::new();
        match extension.get("topics") {
            Some(Node {
                value: Value::Array(entries),
                ..
            }) => {
                for (i, entry) in entries.iter().enumerate() {
                    let path = format!("_newsletter.topics[{i}].");
                    let id = optional_string(entry, "id", &path);
                    let label = optional_string(entry, "label", &path);
                    match (id, label) {
                        (Ok(id), Ok(label)) if id.is_some() || label.is_some() => {
                            let label = label.or(id).unwrap_or_default().trim().to_owned();
                            let id = id.map_or_else(|| slugify(&label), |id| id.trim().to_owned());
                            if id.is_empty() || declared.insert(id.clone(), i).is_some() {
                                self.notice(
                                    (location(&format!("{path}id"), entry), Problem::BadTopicId(id)),
                                    Consequence::Neutralised,
                                );
                            } else {
                                topics.push(Topic { id, label });
                            }
                        }
                        (Err(skip), _) | (_, Err(skip)) => self.notice(skip, Consequence::Neutralised),
                        _ => self.notice(
                            wrong_type(
                                &format!("_newsletter.topics[{i}]"),
                                entry,
                                "an object with \"id\" and \"label\"",
                            ),
                            Consequence::Neutralised,
                        ),
                    }
                }
            }
            None | Some(Node { value: Value::Null, .. }) => {}
            Some(other) => self.notice(
                wrong_type("_newsletter.topics", other, "a list of topics"),
                Consequence::Neutralised,
            ),
        }
        topics
    }

    /// Maps a story's tags to topic ids: a tag matches a topic by id, by
    /// label (ignoring case) or by the id its label would make; the first
    /// topic that matches in any of these ways wins.
    fn resolve_tags(
        &mut self,
        topics: &[Topic],
        lookup: &TopicLookup,
        tags: &[String],
        tags_node: Option<&Node>,
        index: usize,
    ) -> Vec<Topic> {
        let mut found_topics: Vec<Topic> = Vec::new();
        for tag in tags {
            match lookup.find(tag).map(|at| &topics[at]) {
                Some(topic) if !found_topics.contains(topic) => found_topics.push(topic.clone()),
                Some(_) => {}
                None => {
                    if let Some(node) = tags_node {
                        self.notice(
                            (
                                location(&format!("items[{index}].tags"), node),
                                Problem::UnknownTopic(tag.clone()),
                            ),
                            Consequence::Neutralised,
                        );
                    }
                }
            }
        }
        found_topics
    }

    /// Reads one item, or says why it must be skipped. Returns the story
    /// (topics not yet resolved) and its raw tags.
    fn read_story(&mut self, item: &Node, path: &str) -> Result<(Story, Vec<String>), Skip> {
        if !matches!(item.value, Value::Object(_)) {
            return Err(wrong_type(path, item, "an object"));
        }
        let prefix = format!("{path}.");
        let id = match item.get("id") {
            Some(Node {
                value: Value::String(id),
                ..
            }) if !id.trim().is_empty() => id.trim().to_owned(),
            // Some real-world feeds write numeric ids; JSON Feed 1.0 readers accept them.
            Some(Node {
                value: Value::Number(n),
                ..
            }) => n.clone(),
            None
            | Some(Node {
                value: Value::Null | Value::String(_),
                ..
            }) => {
                return Err((
                    location(&format!("{prefix}id"), item.get("id").unwrap_or(item)),
                    Problem::MissingId,
                ))
            }
            Some(other) => return Err(wrong_type(&format!("{prefix}id"), other, "a string")),
        };
        // Real generators bend the rules: a field of the wrong type is
        // dropped (or repaired) with a notice, and the story still shows.
        // Many also write character references into plain text; they are
        // decoded as text, never read as markup.
        let title = self
            .lenient_string(item, "title", &prefix)
            .map(|t| clean_line(&decode_references(self.html, t)));
        let content_html = self.lenient_string(item, "content_html", &prefix);
        let content_text = self
            .lenient_string(item, "content_text", &prefix)
            .map(|t| decode_references(self.html, t));
        let summary = self
            .lenient_string(item, "summary", &prefix)
            .map(|t| decode_references(self.html, t));
        let tags = self.lenient_tags(item, &prefix);
        let date_text = self.lenient_string(item, "date_published", &prefix);
        let url = self.lenient_string(item, "url", &prefix);
        let external_url = self.lenient_string(item, "external_url", &prefix);
        let image = self.lenient_string(item, "image", &prefix);
        let sources = self.sources(item, &prefix).unwrap_or_else(|skip| {
            self.notice(skip, Consequence::Neutralised);
            Vec::new()
        });

        let mut body = Body::Paragraphs(content_text.as_deref().map(paragraphs).unwrap_or_default());
        if let Some(html) = content_html {
            let sanitized = sanitize_with(self.html, html, self.home.as_deref());
            let node = item.get("content_html").unwrap_or(item);
            for removed in sanitized.removed {
                self.notice(
                    (
                        location(&format!("{prefix}content_html"), node),
                        Problem::RemovedMarkup(removed),
                    ),
                    Consequence::Neutralised,
                );
            }
            if !sanitized.nodes.is_empty() {
                body = Body::Rich(sanitized.nodes);
            }
        }
        let mut link = |key: &str, raw: Option<&str>| raw.and_then(|raw| self.checked_link(item, &prefix, key, raw));
        let (url, external_url, image) = (
            link("url", url),
            link("external_url", external_url),
            link("image", image),
        );
        // Skipped only when there is nothing at all to show.
        if title.is_none() && summary.is_none() && body.is_empty() && image.is_none() {
            return Err((location(path, item), Problem::EmptyStory));
        }
        let date = date_text.and_then(|text| {
            let date = Date::parse_rfc3339(text);
            if date.is_none() {
                let node = item.get("date_published").unwrap_or(item);
                let problem = Problem::InvalidDate {
                    found: text.to_owned(),
                    expected: "RFC 3339 (2025-12-04T09:00:00Z)",
                };
                self.notice(
                    (location(&format!("{prefix}date_published"), node), problem),
                    Consequence::Neutralised,
                );
            }
            date
        });
        let story = Story {
            id,
            title,
            body,
            summary,
            topics: Vec::new(),
            date,
            url,
            external_url,
            image,
            sources,
        };
        Ok((story, tags))
    }

    fn sources(&mut self, item: &Node, prefix: &str) -> Result<Vec<Source>, Skip> {
        let extension = match item.get("_newsletter") {
            None | Some(Node { value: Value::Null, .. }) => return Ok(Vec::new()),
            Some(
                node @ Node {
                    value: Value::Object(_),
                    ..
                },
            ) => node,
            Some(other) => return Err(wrong_type(&format!("{prefix}_newsletter"), other, "an object")),
        };
        let path = format!("{prefix}_newsletter.sources");
        let entries = match extension.get("sources") {
            None | Some(Node { value: Value::Null, .. }) => return Ok(Vec::new()),
            Some(Node {
                value: Value::Array(entries),
                ..
            }) => entries,
            Some(other) => return Err(wrong_type(&path, other, "a list of sources")),
        };
        let mut sources = Vec::with_capacity(entries.len());
        for (i, entry) in entries.iter().enumerate() {
            let entry_path = format!("{path}[{i}]");
            if !matches!(entry.value, Value::Object(_)) {
                return Err(wrong_type(&entry_path, entry, "an object with \"title\" and \"url\""));
            }
            let title = optional_string(entry, "title", &format!("{entry_path}."))?;
            let raw_url = optional_string(entry, "url", &format!("{entry_path}."))?;
            let url = raw_url.and_then(|raw| self.checked_link(entry, &format!("{entry_path}."), "url", raw));
            // A dropped link leaves its host as the label, so the story and
            // its credit stay.
            let Some(title) = title
                .map(str::to_owned)
                .or_else(|| url.clone())
                .or_else(|| raw_url.map(link_label))
            else {
                return Err(wrong_type(&entry_path, entry, "a source with a \"title\" or a \"url\""));
            };
            if raw_url.is_none() {
                self.notice(
                    (location(&entry_path, entry), Problem::SourceWithoutUrl(title.clone())),
                    Consequence::Informational,
                );
            }
            sources.push(Source { title, url });
        }
        Ok(sources)
    }
}

/// Finds the topic a tag names, in time that does not grow with the number
/// of topics (feeds may carry thousands).
struct TopicLookup {
    /// Topic ids, and topic labels lower-cased, to the first topic with it.
    by_id: HashMap<String, usize>,
    by_label: HashMap<String, usize>,
}

impl TopicLookup {
    fn new(topics: &[Topic]) -> Self {
        let (mut by_id, mut by_label) = (HashMap::new(), HashMap::new());
        // Only `get` and `insert`, as elsewhere in the reader: every other
        // map method adds its own code to the download.
        let first = |map: &mut HashMap<String, usize>, key: String, at: usize| {
            if map.get(&key).is_none() {
                map.insert(key, at);
            }
        };
        for (at, topic) in topics.iter().enumerate() {
            first(&mut by_id, topic.id.clone(), at);
            first(&mut by_label, lower_case_text(&topic.label), at);
        }
        TopicLookup { by_id, by_label }
    }

    /// The first topic whose id is `tag`, whose label is `tag` ignoring
    /// case, or whose id is the one `tag` would make.
    fn find(&self, tag: &str) -> Option<usize> {
        let slug = slugify(tag);
        [
            self.by_id.get(tag),
            self.by_label.get(&lower_case_text(tag)),
            self.by_id.get(&slug).filter(|_| !slug.is_empty()),
        ]
        .into_iter()
        .flatten()
        .min()
        .copied()
    }
}

/// Without declared topics, topics come from the tags: most used first, ties
/// in order of first use.
fn derive_topics(story_tags: &[Vec<String>]) -> Vec<Topic> {
    let mut counted: Vec<(Topic, usize)> = Vec::new();
    let mut position: HashMap<String, usize> = HashMap::new();
    for tags in story_tags {
        let mut seen_here: Vec<usize> = Vec::new();
        for tag in tags {
            let id = Some(slugify(tag))
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| tag.clone());
            let at = match position.get(&id) {
                Some(&at) => at,
                None => {
                    position.insert(id.clone(), counted.len());
                    counted.push((Topic { id, label: tag.clone() }, 0));
                    counted.len() - 1
                }
            };
            if !seen_here.contains(&at) {
                seen_here.push(at);
                counted[at].1 += 1;
            }
        }
    }
    // A stable sort keeps first-use order among equal counts.
    sort_stable_by_key(&mut counted, |(_, count)| std::cmp::Reverse(*count));
    counted.into_iter().map(|(topic, _)| topic).collect()
}

/// Text for one line: runs of white space (new lines too) as one space, none
/// at either end.
pub(crate) fn clean_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests;
