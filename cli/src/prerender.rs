//! `newsletter prerender`: writes an issue into a page as HTML, so readers
//! see its stories before the widget's wasm has arrived. The reader then
//! takes the page over (see `docs/performance.md`).
//!
//! The HTML is the widget's own ([`markup::prerendered_issue`]), written
//! between two marker comments in the page, so running it again replaces
//! the last issue written.

use std::io::Write;
use std::path::Path;

use newsletter_core::feed::index::{read_feed, Feed};
use newsletter_core::locale::Language;
use newsletter_core::render::markup;
use newsletter_core::url::is_relative_path;
use newsletter_core::Decoded;

use crate::error::CliError;
use crate::files::{read_text, write_file};
use crate::report::{emit, Diagnostic};

/// Where the issue goes in the page: everything between the two is replaced.
pub const START_MARKER: &str = "<!-- newsletter:prerender -->";
pub const END_MARKER: &str = "<!-- /newsletter:prerender -->";

/// Reads `feed` (an issue, or an archive index whose newest issue is read),
/// and writes it into `page` between the markers. `src` is the address the
/// page's reader loads (the feed as given by default): the reader only
/// swaps in its own rendering of that feed.
pub fn run(feed: &Path, page: &Path, src: Option<&str>, out: &mut dyn Write) -> Result<(), CliError> {
    let not_written = || CliError::NotWritten {
        output: Some(page.to_owned()),
        errors: 1,
    };
    let shown = feed.display().to_string();
    let (decoded, archive) = newest_issue(feed, Some(page), out)?;
    // The skeleton follows the issue: the page shows it instead when the
    // address asks for another view (widget.css). An archive's reader
    // searches all issues too: its scope switch is held in place.
    let html = markup::prerendered_issue(&decoded.issue, Language::English, src.unwrap_or(&shown), archive)
        + &markup::loading_skeleton(Language::English.words());
    let page_text = read_text(page)?;
    let written = splice(&page_text, &html).ok_or_else(|| {
        let message = format!("the page needs the markers {START_MARKER} and {END_MARKER}, in that order");
        emit(out, Diagnostic::file_error(&page.display().to_string(), message));
        not_written()
    })?;
    write_file(page, &written)
}

/// The issue `feed` is, or the newest issue of the archive index it is
/// (read from the file next to the index). Problems are reported with
/// their place; `output` is the file that is then not written.
/// The flag says whether `feed` was an index.
pub fn newest_issue(feed: &Path, output: Option<&Path>, out: &mut dyn Write) -> Result<(Box<Decoded>, bool), CliError> {
    let not_written = || CliError::NotWritten {
        output: output.map(Path::to_owned),
        errors: 1,
    };
    let shown = feed.display().to_string();
    match read(&read_text(feed)?, &shown, out).ok_or_else(not_written)? {
        Feed::Issue(decoded) => Ok((decoded, false)),
        Feed::Index(issues) => {
            let Some(newest) = issues.first() else {
                emit(out, Diagnostic::file_error(&shown, "the index lists no issues"));
                return Err(not_written());
            };
            if !is_relative_path(&newest.href) {
                let message = format!(
                    "the newest issue is at {}; reading it needs the issue file next to the index",
                    newest.href
                );
                emit(out, Diagnostic::file_error(&shown, message));
                return Err(not_written());
            }
            let path = feed.parent().unwrap_or(Path::new("")).join(&newest.href);
            let path_shown = path.display().to_string();
            match read(&read_text(&path)?, &path_shown, out).ok_or_else(not_written)? {
                Feed::Issue(decoded) => Ok((decoded, true)),
                Feed::Index(_) => {
                    emit(
                        out,
                        Diagnostic::file_error(&path_shown, "the newest issue is an index, not an issue"),
                    );
                    Err(not_written())
                }
            }
        }
    }
}

/// Reads a feed, reporting its problem with its place when it is not one.
fn read(text: &str, shown: &str, out: &mut dyn Write) -> Option<Feed> {
    read_feed(text)
        .map_err(|error| emit(out, Diagnostic::feed_error(shown, &error)))
        .ok()
}

/// `page` with what lies between the markers replaced by `html`.
fn splice(page: &str, html: &str) -> Option<String> {
    let start = page.find(START_MARKER)? + START_MARKER.len();
    let end = start + page[start..].find(END_MARKER)?;
    Some([&page[..start], html, &page[end..]].concat())
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    const SAMPLE: &str = include_str!("../../issues/2025-12-04.json");
    const PAGE: &str = "<main>\n<!-- newsletter:prerender --><p>old</p><!-- /newsletter:prerender -->\n</main>\n";

    fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn writes_the_newest_issue_of_an_index_between_the_markers() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "2025-12-04.json", SAMPLE);
        let index = write(
            dir.path(),
            "index.json",
            r#"{"version":"https://jsonfeed.org/version/1.1","title":"N","_newsletter":{"kind":"index"},"items":[{"id":"2025-12-04","url":"2025-12-04.json","title":"Week 49","date_published":"2025-12-04T00:00:00Z"}]}"#,
        );
        let page = write(dir.path(), "index.html", PAGE);
        let mut out = Vec::new();
        run(&index, &page, Some("issues/index.json"), &mut out).unwrap();
        let written = std::fs::read_to_string(&page).unwrap();
        assert!(!written.contains("<p>old</p>"));
        assert!(written.starts_with("<main>\n<!-- newsletter:prerender --><div class=\"nw\" id=\"nw-prerendered\" data-src=\"issues/index.json\""));
        assert!(written.ends_with("</div><!-- /newsletter:prerender -->\n</main>\n"));
        assert_eq!(written.matches("<article ").count(), 20);
        // Running again replaces, never adds.
        run(&index, &page, Some("issues/index.json"), &mut out).unwrap();
        assert_eq!(std::fs::read_to_string(&page).unwrap(), written);
        assert!(out.is_empty(), "{}", String::from_utf8_lossy(&out));
    }

    #[test]
    fn a_page_without_markers_is_named_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let feed = write(dir.path(), "issue.json", SAMPLE);
        let page = write(dir.path(), "index.html", "<main></main>");
        let mut out = Vec::new();
        let error = run(&feed, &page, None, &mut out).unwrap_err();
        assert!(matches!(error, CliError::NotWritten { .. }));
        let message = String::from_utf8(out).unwrap();
        assert!(
            message.contains("index.html: error: the page needs the markers <!-- newsletter:prerender -->"),
            "{message}"
        );
        assert_eq!(std::fs::read_to_string(&page).unwrap(), "<main></main>");
    }

    #[test]
    fn a_broken_issue_is_reported_with_its_place() {
        let dir = tempfile::tempdir().unwrap();
        let feed = write(dir.path(), "issue.json", "{\"version\": 1,\n \"items\": [}");
        let page = write(dir.path(), "index.html", PAGE);
        let mut out = Vec::new();
        assert!(run(&feed, &page, None, &mut out).is_err());
        let message = String::from_utf8(out).unwrap();
        assert!(message.starts_with(&format!("{}:2:", feed.display())), "{message}");
        assert_eq!(std::fs::read_to_string(&page).unwrap(), PAGE);
    }
}
