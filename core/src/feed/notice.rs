//! What can be wrong with a feed, and where.
//!
//! A [`FeedError`] stops the whole issue from showing. A [`Notice`] reports
//! something the widget skipped or neutralised while the rest still shows.
//! Both carry a [`Location`]: the JSON path and the line and column.

use std::fmt;

use crate::feed::json::{Position, SyntaxError};

/// Where in a feed something is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The JSON path, such as `items[1].tags`; empty for the whole document.
    pub path: String,
    /// Line and column where the value starts.
    pub at: Position,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.at)
        } else {
            write!(f, "{} ({})", self.path, self.at)
        }
    }
}

/// Why the issue cannot be shown at all.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FeedError {
    /// The text is not JSON.
    #[error("The feed is not valid JSON: {0}.")]
    Syntax(#[from] SyntaxError),
    /// The JSON is not a JSON Feed (no `items` list, or not an object).
    #[error("This is JSON but not a JSON Feed: {reason} ({at}).")]
    NotAFeed {
        /// What is missing or wrong.
        reason: String,
        /// Where.
        at: Position,
    },
}

/// A problem with one field or one story.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    /// The field holds the wrong kind of JSON value.
    #[error("expected {expected}, found {found}")]
    WrongType {
        /// What the format asks for, such as "a list of strings".
        expected: &'static str,
        /// What the feed holds.
        found: &'static str,
    },
    /// A story has no `id`.
    #[error("missing; every story needs a unique id")]
    MissingId,
    /// Two stories share an id.
    #[error("duplicate id \"{id}\" (first used by items[{first}])")]
    DuplicateId {
        /// The id used twice.
        id: String,
        /// Index of the first story that used it.
        first: usize,
    },
    /// A story with no headline, text or summary.
    #[error("the story has no title, content_text, content_html, summary or image")]
    EmptyStory,
    /// A link that is not an absolute http, https (or, in text, mailto) URL.
    #[error("unsafe or relative link \"{0}\" removed (only absolute http and https links are kept)")]
    UnsafeLink(String),
    /// A date that is not in the expected form.
    #[error("\"{found}\" is not a date in the form {expected}")]
    InvalidDate {
        /// The text found.
        found: String,
        /// The expected form.
        expected: &'static str,
    },
    /// A tag that is not among the declared `_newsletter.topics`.
    #[error("tag \"{0}\" is not one of _newsletter.topics and is not shown")]
    UnknownTopic(String),
    /// Markup the sanitizer removed from `content_html`.
    #[error("removed {0}")]
    RemovedMarkup(String),
    /// The `version` is missing or not a JSON Feed version.
    #[error("expected \"https://jsonfeed.org/version/1.1\", found {0}")]
    UnknownVersion(String),
    /// A value of the wrong shape that the reader repaired; says how.
    #[error("{0}")]
    Repaired(&'static str),
    /// A source without a URL; shown as a plain label.
    #[error("source \"{0}\" has no URL and is shown as a plain label")]
    SourceWithoutUrl(String),
    /// A topic declared twice, or with an empty id.
    #[error("topic id \"{0}\" is empty or declared twice")]
    BadTopicId(String),
    /// `_newsletter.subscribe.provider` names a provider the widget does not know.
    #[error("unknown provider \"{0}\"; use one of json, listmonk, mailchimp, buttondown, kit, form, mailto")]
    UnknownProvider(String),
    /// Provider settings (such as `url`) without a `provider`.
    #[error("\"provider\" is missing; use one of json, listmonk, mailchimp, buttondown, kit, form, mailto")]
    MissingProvider,
    /// A subscribe setting that another setting needs is missing.
    #[error("{by} needs \"{key}\"")]
    MissingSetting {
        /// What needs it, such as "the listmonk provider" or "consent".
        by: &'static str,
        /// The missing member.
        key: &'static str,
    },
    /// A subscribe setting whose value cannot be used.
    #[error("\"{found}\" is not {expected}")]
    InvalidSetting {
        /// The value found.
        found: String,
        /// What the setting must be.
        expected: &'static str,
    },
    /// The subscribe settings could not be used; readers subscribe by email.
    #[error("the subscribe form sends an email to {0} instead")]
    SubscribeByEmail(String),
    /// The subscribe settings could not be used and there is no `address`.
    #[error("the subscribe box is not shown; fix the settings above or add \"address\" to subscribe by email")]
    SubscribeHidden,
}

/// What the widget did about a problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Consequence {
    /// The whole story was left out.
    StorySkipped,
    /// The field was ignored or its unsafe part removed; the story shows.
    Neutralised,
    /// Nothing was lost; the publisher may want to know.
    Informational,
}

/// A problem found while reading a feed that did not stop the issue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// Where the problem is.
    pub location: Location,
    /// What is wrong.
    pub problem: Problem,
    /// What the widget did about it.
    pub consequence: Consequence,
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.problem)?;
        if self.consequence == Consequence::StorySkipped {
            write!(f, "; story skipped")?;
        }
        Ok(())
    }
}
