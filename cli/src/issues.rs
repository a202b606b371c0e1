//! The issues of a directory, read through the domain, for `index` and
//! `feed`; and the links those commands write.

use std::io::Write;
use std::path::Path;

use newsletter_core::feed::date::Date;
use newsletter_core::feed::notice::Consequence;
use newsletter_core::url::{safe_link, LinkKind};
use newsletter_core::{read_issue, Issue};

use crate::error::CliError;
use crate::files::{issue_files, read_text, shown};
use crate::report::{emit, Diagnostic, Severity};

/// One issue file, read and validated.
#[derive(Debug)]
pub struct LoadedIssue {
    /// The file's name in its directory, such as `2025-12-04.json`.
    pub file_name: String,
    /// The file as messages name it.
    pub shown: String,
    /// The issue as the widget shows it.
    pub issue: Issue,
    /// The issue's date: `_newsletter.issue_date`, else its newest story's.
    pub date: Date,
}

/// Reads every issue feed in `dir` (see [`issue_files`]), newest first.
///
/// A file that is not a feed, or has no date, is an error: it is reported
/// and nothing is written (`output` names what is not written). With
/// `report_skipped`, stories the widget would skip are reported as
/// warnings, since the archive leaves them out too.
pub fn load(
    dir: &Path,
    output: &Path,
    report_skipped: bool,
    out: &mut dyn Write,
) -> Result<Vec<LoadedIssue>, CliError> {
    let files = issue_files(dir)?;
    if files.is_empty() {
        return Err(CliError::NoIssues { dir: dir.to_owned() });
    }
    let mut issues = Vec::with_capacity(files.len());
    let mut errors = 0;
    for path in files {
        let text = read_text(&path)?;
        let shown = shown(&path);
        let decoded = match read_issue(&text) {
            Ok(decoded) => decoded,
            Err(error) => {
                emit(out, Diagnostic::feed_error(&shown, &error));
                errors += 1;
                continue;
            }
        };
        if report_skipped {
            for notice in decoded
                .notices
                .iter()
                .filter(|n| n.consequence == Consequence::StorySkipped)
            {
                let mut diagnostic = Diagnostic::notice(&shown, notice);
                diagnostic.severity = Severity::Warning;
                diagnostic.message.push_str(" (left out of the archive)");
                emit(out, diagnostic);
            }
        }
        let Some(date) = decoded.issue.date else {
            emit(
                out,
                Diagnostic::file_error(
                    &shown,
                    "the issue has no date: add _newsletter.issue_date (YYYY-MM-DD) or date its stories",
                ),
            );
            errors += 1;
            continue;
        };
        let file_name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        issues.push(LoadedIssue {
            file_name,
            shown,
            issue: decoded.issue,
            date,
        });
    }
    if errors > 0 {
        return Err(CliError::NotWritten {
            output: Some(output.to_owned()),
            errors,
        });
    }
    issues.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| b.file_name.cmp(&a.file_name)));
    Ok(issues)
}

/// The newsletter's name: that of the newest issue that has one. Reported
/// as an error when no issue has one.
pub fn newsletter_name(issues: &[LoadedIssue], output: &Path, out: &mut dyn Write) -> Result<String, CliError> {
    if let Some(name) = issues.iter().find_map(|i| i.issue.newsletter_name.clone()) {
        return Ok(name);
    }
    let newest = issues.first().map_or_else(String::new, |i| i.shown.clone());
    emit(
        out,
        Diagnostic::file_error(
            &newest,
            "no issue has _newsletter.name, which names the newsletter in the index and the archive",
        ),
    );
    Err(CliError::NotWritten {
        output: Some(output.to_owned()),
        errors: 1,
    })
}

/// `--base-url` is not an absolute http or https URL.
#[derive(Debug, thiserror::Error)]
#[error("not an absolute http or https URL without '?' or '#'")]
pub struct NotABaseUrl;

/// Checks and normalises `--base-url` (clap's value parser for it): an
/// absolute http or https URL, ending with `/` so that file names can be
/// appended.
pub fn base_url(raw: &str) -> Result<String, NotABaseUrl> {
    let mut url = safe_link(raw, LinkKind::Web).ok_or(NotABaseUrl)?;
    if url.contains(['?', '#']) || url.contains(char::is_whitespace) {
        return Err(NotABaseUrl);
    }
    if !url.ends_with('/') {
        url.push('/');
    }
    Ok(url)
}

/// A file's address: relative (the file name), or absolute under `base`.
/// Characters that cannot stand in a URL path are percent-encoded.
pub fn file_url(base: Option<&str>, file_name: &str) -> String {
    let mut encoded = String::with_capacity(file_name.len());
    for byte in file_name.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    format!("{}{encoded}", base.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn write(dir: &Path, name: &str, text: &str) {
        fs::write(dir.join(name), text).unwrap();
    }

    fn issue(date: &str, name: Option<&str>) -> String {
        let name = name.map_or_else(String::new, |n| format!(", \"name\": \"{n}\""));
        format!(
            "{{\"version\": \"https://jsonfeed.org/version/1.1\", \"_newsletter\": {{\"issue_date\": \"{date}\"{name}}}, \"items\": []}}"
        )
    }

    #[test]
    fn reads_issues_newest_first() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "b.json", &issue("2025-12-11", None));
        write(dir.path(), "a.json", &issue("2025-12-04", Some("Old name")));
        write(dir.path(), "c.json", &issue("2025-11-27", Some("Older name")));
        let mut out = Vec::new();
        let issues = load(dir.path(), Path::new("index.json"), false, &mut out).unwrap();
        let names: Vec<&str> = issues.iter().map(|i| i.file_name.as_str()).collect();
        assert_eq!(names, ["b.json", "a.json", "c.json"]);
        assert_eq!(newsletter_name(&issues, Path::new("x"), &mut out).unwrap(), "Old name");
        assert!(out.is_empty());
    }

    #[test]
    fn reports_every_broken_issue_and_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "a.json", "{\n  \"items\": [}");
        write(
            dir.path(),
            "b.json",
            "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": []}",
        );
        write(dir.path(), "index.json", "not even JSON");
        let mut out = Vec::new();
        let error = load(dir.path(), Path::new("out/index.json"), false, &mut out).unwrap_err();
        assert_eq!(error.to_string(), "out/index.json not written: 2 errors");
        let a = shown(&dir.path().join("a.json"));
        let b = shown(&dir.path().join("b.json"));
        assert_eq!(
            String::from_utf8(out).unwrap(),
            format!(
                "{a}:2:13: error: not valid JSON: expected a value, found '}}'\n\
                 {b}: error: the issue has no date: add _newsletter.issue_date (YYYY-MM-DD) or date its stories\n"
            )
        );
    }

    #[test]
    fn an_empty_directory_has_no_issues() {
        let dir = tempfile::tempdir().unwrap();
        let error = load(dir.path(), Path::new("index.json"), false, &mut Vec::new()).unwrap_err();
        assert!(matches!(error, CliError::NoIssues { .. }), "{error:?}");
    }

    #[test]
    fn base_urls_must_be_absolute_web_addresses() {
        assert_eq!(
            base_url("https://example.org/news").unwrap(),
            "https://example.org/news/"
        );
        assert_eq!(base_url("https://example.org/").unwrap(), "https://example.org/");
        for bad in [
            "/issues/",
            "example.org",
            "javascript:alert(1)//",
            "https://e.org/?a=1",
            "https://e.org/#x",
        ] {
            assert!(base_url(bad).is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn file_urls_are_relative_unless_a_base_is_given() {
        assert_eq!(file_url(None, "2025-12-04.json"), "2025-12-04.json");
        assert_eq!(
            file_url(Some("https://e.org/n/"), "2025-12-04.json"),
            "https://e.org/n/2025-12-04.json"
        );
        assert_eq!(file_url(None, "été 1.json"), "%C3%A9t%C3%A9%201.json");
    }
}
