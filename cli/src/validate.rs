//! `newsletter validate FILE…`: every problem the widget would find.

use std::io::Write;
use std::path::PathBuf;

use newsletter_core::read_issue;

use crate::files::{read_text, shown};
use crate::report::{count, emit, Diagnostic, Severity, Tally};

/// Checks each file and reports every problem, then a closing line such as
/// `2 files checked: 1 error, 3 warnings`. Returns the exit status: 1 when
/// a file has an error (or cannot be read), else 0.
pub fn run(files: &[PathBuf], out: &mut dyn Write) -> u8 {
    let mut tally = Tally::default();
    for path in files {
        let diagnostics = match read_text(path) {
            Ok(text) => check(&shown(path), &text),
            Err(error) => {
                emit(out, format_args!("newsletter: {error}"));
                tally.add(Severity::Error);
                continue;
            }
        };
        for diagnostic in diagnostics {
            tally.add(diagnostic.severity);
            emit(out, &diagnostic);
        }
    }
    emit(out, format_args!("{} checked: {tally}", count(files.len(), "file")));
    u8::from(tally.errors > 0)
}

/// The problems in one feed, in the order they appear in the file.
pub fn check(file: &str, text: &str) -> Vec<Diagnostic> {
    match read_issue(text) {
        Err(error) => vec![Diagnostic::feed_error(file, &error)],
        Ok(decoded) => {
            let mut diagnostics: Vec<Diagnostic> =
                decoded.notices.iter().map(|n| Diagnostic::notice(file, n)).collect();
            // A stable sort: notices about the same value keep the reader's order.
            diagnostics.sort_by_key(|d| d.at.map(|at| (at.line, at.column)));
            diagnostics
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<String> {
        check("f.json", text).iter().map(ToString::to_string).collect()
    }

    #[test]
    fn a_clean_feed_has_no_problems() {
        assert!(
            lines(r#"{"version": "https://jsonfeed.org/version/1.1", "items": [{"id": "1", "title": "T"}]}"#)
                .is_empty()
        );
    }

    #[test]
    fn problems_come_in_file_order() {
        let text = "{\"version\": \"https://jsonfeed.org/version/1.1\",\n\"_newsletter\": {\"issue_date\": \"4/12/2025\"},\n\"items\": [{\"id\": \"1\", \"title\": \"T\", \"url\": \"/x\"}]}";
        assert_eq!(
            lines(text),
            [
                "f.json:2:31: warning: _newsletter.issue_date: \"4/12/2025\" is not a date in the form YYYY-MM-DD",
                "f.json:3:44: warning: items[0].url: unsafe or relative link \"/x\" removed (only absolute http and https links are kept)",
            ]
        );
    }

    #[test]
    fn reports_every_file_and_a_closing_line() {
        let dir = tempfile::tempdir().unwrap();
        let good = dir.path().join("good.json");
        std::fs::write(&good, r#"{"version": "https://jsonfeed.org/version/1.1", "items": []}"#).unwrap();
        let mut out = Vec::new();
        assert_eq!(run(std::slice::from_ref(&good), &mut out), 0);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "1 file checked: 0 errors, 0 warnings\n"
        );

        let missing = dir.path().join("missing.json");
        let mut out = Vec::new();
        assert_eq!(run(&[missing.clone(), good], &mut out), 1);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            format!(
                "newsletter: cannot read {}: No such file or directory\n2 files checked: 1 error, 0 warnings\n",
                missing.display()
            )
        );
    }
}
