//! The newsletter issue as the reader sees it, after validation.
//!
//! Every string here is plain text and every link has passed
//! [`crate::url::safe_link`]; rich text is a [`RichText`] tree made
//! only of allowed elements. The browser layer can render it without any
//! further checks.

use std::rc::Rc;

use crate::feed::date::Date;
use crate::html::sanitize::RichText;
use crate::subscribe::SubscribeConfig;

/// One issue of a newsletter (one JSON Feed document).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Issue {
    /// The newsletter's name (`_newsletter.name`).
    pub newsletter_name: Option<String>,
    /// A short line under the name (`_newsletter.tagline`, else `description`).
    pub tagline: Option<String>,
    /// The issue's title (the feed's `title`).
    pub title: Option<String>,
    /// The date of the issue (`_newsletter.issue_date`, else the newest story date).
    pub date: Option<Date>,
    /// The feed's `language`, for the page's `lang`.
    pub language: Option<String>,
    /// The feed's web page, if it is a safe web link.
    pub home_page_url: Option<String>,
    /// Authors' names.
    pub authors: Vec<String>,
    /// The intro ("This week"), as paragraphs of plain text.
    pub summary: Vec<String>,
    /// The intro as rich text (`_newsletter.summary_html`, sanitized); when
    /// not empty it is shown instead of [`Issue::summary`], which stays its
    /// plain version (the archive index, search).
    pub summary_rich: RichText,
    /// The closing words, as paragraphs of plain text.
    pub closing: Vec<String>,
    /// The closing as rich text (`_newsletter.closing_html`), as for the intro.
    pub closing_rich: RichText,
    /// Topics in display order.
    pub topics: Vec<Topic>,
    /// The subscribe box: its texts and where the form sends subscriptions
    /// (`_newsletter.subscribe`). The box is shown only when
    /// [`SubscribeConfig::provider`] is set.
    pub subscribe: SubscribeConfig,
    /// The stories, in feed order. Shared, so the browser layer can hand a
    /// story to a card without copying it.
    pub stories: Vec<Rc<Story>>,
}

/// A topic readers can filter by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Topic {
    /// Stable id used in URLs (`gene-therapy`).
    pub id: String,
    /// What readers see (`Gene therapy`).
    pub label: String,
}

/// One story card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Story {
    /// The item's unique id.
    pub id: String,
    /// The headline; stories without one show their summary in bold instead.
    pub title: Option<String>,
    /// The text.
    pub body: Body,
    /// The item's `summary`.
    pub summary: Option<String>,
    /// The story's topics, in the order of [`Issue::topics`]' matches.
    pub topics: Vec<Topic>,
    /// The day it was published.
    pub date: Option<Date>,
    /// The story's own page.
    pub url: Option<String>,
    /// The page the story is about.
    pub external_url: Option<String>,
    /// An illustration.
    pub image: Option<String>,
    /// Numbered sources, in order.
    pub sources: Vec<Source>,
}

/// A story's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    /// From `content_html`, sanitized.
    Rich(RichText),
    /// From `content_text`, split into paragraphs at blank lines.
    Paragraphs(Vec<String>),
}

impl Body {
    /// Whether there is nothing to show.
    pub fn is_empty(&self) -> bool {
        match self {
            Body::Rich(rich) => rich.is_empty(),
            Body::Paragraphs(paragraphs) => paragraphs.is_empty(),
        }
    }
}

/// A numbered source of a story.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The label.
    pub title: String,
    /// A safe web link, when the feed gave one.
    pub url: Option<String>,
}

/// Splits plain text into paragraphs at blank lines; single line breaks
/// inside a paragraph are kept as spaces.
pub fn paragraphs(text: &str) -> Vec<String> {
    text.replace("\r\n", "\n")
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::paragraphs;

    #[test]
    fn splits_text_at_blank_lines() {
        assert_eq!(
            paragraphs("One\nline.\r\n\r\nTwo.\n\n\n  \n"),
            vec!["One line.", "Two."]
        );
        assert!(paragraphs("  \n ").is_empty());
    }
}
