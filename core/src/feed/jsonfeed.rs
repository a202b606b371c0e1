//! The JSON Feed documents the `newsletter` command writes: issue feeds
//! (from Markdown), the archive index and the archive-wide feed.
//!
//! Only with the `serde` feature, which only the CLI turns on: none of this
//! is in the widget's wasm bundle, which reads feeds with its own reader
//! ([`crate::feed::json`]). Members are written in the order of the fields
//! here (that of the sample issue); absent ones are left out.

use serde::Serialize;

/// The JSON Feed version every written feed declares.
pub const VERSION: &str = "https://jsonfeed.org/version/1.1";

/// A JSON Feed document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JsonFeed {
    /// Always [`VERSION`].
    pub version: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub home_page_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub feed_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<Author>,
    /// The newsletter's extension.
    #[serde(rename = "_newsletter", skip_serializing_if = "Option::is_none")]
    pub newsletter: Option<Newsletter>,
    pub items: Vec<Item>,
}

impl Default for JsonFeed {
    fn default() -> Self {
        JsonFeed {
            version: VERSION,
            title: None,
            home_page_url: None,
            feed_url: None,
            description: None,
            language: None,
            authors: Vec::new(),
            newsletter: None,
            items: Vec::new(),
        }
    }
}

/// An author: a name, a page, or both.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Author {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// A feed's `_newsletter` member.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Newsletter {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Set on the feeds made from several issues.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<FeedKind>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tagline: Option<String>,
    /// `YYYY-MM-DD`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issue_date: Option<String>,
    /// The intro, paragraphs separated by blank lines.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// The intro as HTML, shown instead of `summary` (its plain version).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary_html: Option<String>,
    /// The closing words, paragraphs separated by blank lines.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub closing: Option<String>,
    /// The closing as HTML, shown instead of `closing`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub closing_html: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<TopicEntry>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subscribe: Option<Subscribe>,
}

/// What a feed made from several issues lists (`_newsletter.kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FeedKind {
    /// The archive index: one item per issue.
    Index,
    /// The archive-wide feed: one item per story.
    Archive,
}

/// A topic of `_newsletter.topics`: an id, a label, or both.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct TopicEntry {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

/// The subscribe box's texts (`_newsletter.subscribe`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Subscribe {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// One item: a story, or an issue in the archive index.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Item {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_html: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_text: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Written when given, even empty.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
    /// RFC 3339, or the text as a publisher wrote it (for validation to report).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_published: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub external_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// The item's extension: its numbered sources.
    #[serde(rename = "_newsletter", skip_serializing_if = "Option::is_none")]
    pub newsletter: Option<ItemNewsletter>,
}

/// An item's `_newsletter` member.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct ItemNewsletter {
    pub sources: Vec<SourceEntry>,
}

/// A numbered source: a title, a link, or both.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct SourceEntry {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}
