//! Why an issue could not be shown, as the browser layer sees it.

use newsletter_core::archive_search::ArchiveSearchError;
use newsletter_core::url::SourceRefused;
use newsletter_core::FeedError;

/// A failure to load a feed. Every variant names the feed's address, so the
/// reader and the publisher know which file is meant.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LoadError {
    /// The request never got an answer: offline, DNS, refused, or blocked by CORS.
    #[error("Could not reach the feed at {url}. {}", if *cross_origin {
        "Check your connection and try again. If it still fails, the feed's site may not allow this page to read it (CORS)."
    } else {
        "Check your connection and try again."
    })]
    Unreachable {
        /// The feed's address.
        url: String,
        /// Whether the feed is on another origin, where CORS may be the cause.
        cross_origin: bool,
    },
    /// The server answered 404 or 410.
    #[error("No feed was found at {url} (HTTP {status}).")]
    NotFound {
        /// The feed's address.
        url: String,
        /// The HTTP status.
        status: u16,
    },
    /// The server answered with another error status.
    #[error("The server answered HTTP {status} for {url}.")]
    Status {
        /// The feed's address.
        url: String,
        /// The HTTP status.
        status: u16,
    },
    /// The reader's rules do not allow this feed: not http(s), or named in
    /// the page's address (or listed by an archive) on a site the page does
    /// not allow. Nothing was fetched.
    #[error("This page did not read the feed at {url}: {reason}.")]
    Refused {
        /// The feed's address, as given.
        url: String,
        /// The rule it breaks.
        reason: SourceRefused,
    },
    /// An archive index lists another index where an issue belongs.
    #[error("{url} is an archive index, but an issue was expected here.")]
    UnexpectedIndex {
        /// The feed's address.
        url: String,
    },
    /// The feed arrived but cannot be read.
    #[error("{error} File: {url}")]
    Invalid {
        /// The feed's address.
        url: String,
        /// What is wrong with it, and where.
        error: FeedError,
    },
    /// The archive's search index cannot be read (a file not of its kind,
    /// or files from different builds): search across issues is
    /// unavailable, search in the issue still works.
    #[error("{error} (the search index of the archive at {url})")]
    SearchIndex {
        /// The archive index's address.
        url: String,
        /// What is wrong, naming the file.
        error: ArchiveSearchError,
    },
}

impl LoadError {
    /// Whether trying again could help (network trouble or a server error).
    pub fn is_transient(&self) -> bool {
        match self {
            LoadError::Unreachable { .. } => true,
            LoadError::Status { status, .. } => *status >= 500 || *status == 429 || *status == 408,
            LoadError::NotFound { .. }
            | LoadError::Invalid { .. }
            | LoadError::SearchIndex { .. }
            | LoadError::UnexpectedIndex { .. }
            | LoadError::Refused { .. } => false,
        }
    }
}
