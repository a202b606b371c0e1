//! `newsletter embed`: the snippet a publisher pastes into a host page, with
//! the current issue already written inside the element's declarative
//! shadow root ([`newsletter_core::render::snapshot`]). Readers see the
//! stories before any script runs, and without JavaScript; the widget takes
//! the shadow root over and updates it when the issue changed.

use std::io::Write;
use std::path::{Path, PathBuf};

use newsletter_core::embed::Theme;
use newsletter_core::render::snapshot::{embed_snippet, Snapshot};

use crate::error::CliError;
use crate::files::write_file;
use crate::prerender::newest_issue;

/// What the snippet's element says, and where it goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// The feed's published address [default: FEED as given].
    pub src: Option<String>,
    /// Where the bundle (`newsletter-widget.js`) is published.
    pub bundle: String,
    pub theme: Theme,
    pub locale: Option<String>,
    /// The file to write; standard output when `None`.
    pub output: Option<PathBuf>,
}

/// Writes the snippet for `feed` (an issue, or an archive index: the
/// element then gets `archive=` and the snapshot the newest issue).
pub fn run(feed: &Path, options: &Options, stdout: &mut dyn Write, stderr: &mut dyn Write) -> Result<(), CliError> {
    let (decoded, from_index) = newest_issue(feed, options.output.as_deref(), stderr)?;
    let shown = feed.display().to_string();
    let mut bundle = options.bundle.clone();
    if !bundle.ends_with('/') {
        bundle.push('/');
    }
    let snapshot = Snapshot {
        src: options.src.as_deref().unwrap_or(&shown),
        archive: from_index,
        bundle: &bundle,
        theme: options.theme,
        locale: options.locale.as_deref(),
    };
    let snippet = embed_snippet(&decoded.issue, &snapshot);
    match &options.output {
        Some(path) => write_file(path, &snippet),
        None => stdout.write_all(snippet.as_bytes()).map_err(|source| CliError::Write {
            path: PathBuf::from("-"),
            source,
        }),
    }
}
