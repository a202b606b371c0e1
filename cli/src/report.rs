//! Problems in files, written one per line the way compilers write them:
//! `issues/x.json:6:63: error: items[1].tags: expected a list of strings, found a string; story skipped`.
//!
//! The messages themselves come from the domain ([`Notice`], [`FeedError`]),
//! so the tool and the widget always say the same thing about a file.

use std::fmt;
use std::io::Write;

use newsletter_core::feed::json::Position;
use newsletter_core::feed::notice::Consequence;
use newsletter_core::{FeedError, Notice};

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// The issue or a story would not show; commands that write stop.
    Error,
    /// Something is dropped or neutralised, or only worth knowing.
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// One problem in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file, as the user named it.
    pub file: String,
    /// Where in the file; `None` when the problem is about the whole file.
    pub at: Option<Position>,
    /// How bad it is.
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.at {
            Some(at) => write!(f, "{}:{}:{}: ", self.file, at.line, at.column)?,
            None => write!(f, "{}: ", self.file)?,
        }
        write!(f, "{}: ", self.severity)?;
        // One line per problem: control characters quoted from a feed
        // (a tab or line break inside a link) are shown as escapes.
        for c in self.message.chars() {
            match c {
                '\t' => f.write_str("\\t")?,
                '\n' => f.write_str("\\n")?,
                '\r' => f.write_str("\\r")?,
                c if c.is_control() => write!(f, "\\u{{{:04x}}}", u32::from(c))?,
                c => write!(f, "{c}")?,
            }
        }
        Ok(())
    }
}

impl Diagnostic {
    /// A problem about the whole file.
    pub fn file_error(file: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            file: file.to_owned(),
            at: None,
            severity: Severity::Error,
            message: message.into(),
        }
    }

    /// Why a file cannot be shown at all.
    pub fn feed_error(file: &str, error: &FeedError) -> Diagnostic {
        let (at, message) = match error {
            FeedError::Syntax(syntax) => (syntax.at, format!("not valid JSON: {}", syntax.kind)),
            FeedError::NotAFeed { reason, at } => (*at, format!("not a JSON Feed: {reason}")),
        };
        Diagnostic {
            file: file.to_owned(),
            at: Some(at),
            severity: Severity::Error,
            message,
        }
    }

    /// A notice, at its own place in the file.
    pub fn notice(file: &str, notice: &Notice) -> Diagnostic {
        Diagnostic::notice_at(file, notice, notice.location.at)
    }

    /// A notice reported at another place (for a feed made from Markdown,
    /// the Markdown line the field came from).
    pub fn notice_at(file: &str, notice: &Notice, at: Position) -> Diagnostic {
        Diagnostic {
            file: file.to_owned(),
            at: Some(at),
            severity: severity(notice),
            message: notice_message(notice),
        }
    }
}

/// Writes one line of a report. A report that cannot be written (a closed
/// pipe) changes nothing about the outcome, so the error is ignored.
pub fn emit(out: &mut dyn Write, line: impl fmt::Display) {
    let _ = writeln!(out, "{line}");
}

/// Skipped stories are errors; neutralised fields and information are warnings.
pub fn severity(notice: &Notice) -> Severity {
    match notice.consequence {
        Consequence::StorySkipped => Severity::Error,
        Consequence::Neutralised | Consequence::Informational => Severity::Warning,
    }
}

/// `items[1].tags: expected a list of strings, found a string; story skipped`.
pub fn notice_message(notice: &Notice) -> String {
    let mut message = if notice.location.path.is_empty() {
        notice.problem.to_string()
    } else {
        format!("{}: {}", notice.location.path, notice.problem)
    };
    if notice.consequence == Consequence::StorySkipped {
        message.push_str("; story skipped");
    }
    message
}

/// Counts errors and warnings for the closing line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub errors: usize,
    pub warnings: usize,
}

impl Tally {
    /// Counts one diagnostic.
    pub fn add(&mut self, severity: Severity) {
        match severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
        }
    }
}

/// `1 error, 3 warnings`.
impl fmt::Display for Tally {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}, {}",
            count(self.errors, "error"),
            count(self.warnings, "warning")
        )
    }
}

/// `1 file`, `2 files`, `0 errors`, `3 stories`.
pub fn count(n: usize, noun: &str) -> String {
    match (n, noun.strip_suffix('y')) {
        (1, _) => format!("1 {noun}"),
        (_, Some(stem)) => format!("{n} {stem}ies"),
        (_, None) => format!("{n} {noun}s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsletter_core::read_issue;

    #[test]
    fn notices_read_like_compiler_messages() {
        let decoded = read_issue("{\"version\": \"https://jsonfeed.org/version/1.1\",\n\"items\": [{\"id\": \"a\", \"title\": \"T\", \"tags\": \"x\"}, {\"title\": \"U\"}]}").unwrap();
        let lines: Vec<String> = decoded
            .notices
            .iter()
            .map(|n| Diagnostic::notice("a.json", n).to_string())
            .collect();
        assert_eq!(
            lines,
            [
                "a.json:2:45: warning: items[0].tags: a string where a list of tags belongs; split at its commas",
                "a.json:2:51: error: items[1].id: missing; every story needs a unique id; story skipped",
            ]
        );
    }

    #[test]
    fn feed_errors_drop_the_widget_wording_but_keep_the_reason() {
        let error = read_issue("{\n\"a\": 1\n\"b\": 2}").unwrap_err();
        assert_eq!(
            Diagnostic::feed_error("x.json", &error).to_string(),
            "x.json:3:1: error: not valid JSON: expected ',' or '}' after a member, found '\"'"
        );
        let error = read_issue("[]").unwrap_err();
        assert_eq!(
            Diagnostic::feed_error("x.json", &error).to_string(),
            "x.json:1:1: error: not a JSON Feed: the document is a list, not an object with \"version\" and \"items\""
        );
    }

    #[test]
    fn control_characters_from_the_feed_cannot_break_the_line() {
        let mut diagnostic = Diagnostic::file_error("x.json", "link \"jav\tascript:\n\u{1}\"");
        diagnostic.severity = Severity::Warning;
        assert_eq!(
            diagnostic.to_string(),
            "x.json: warning: link \"jav\\tascript:\\n\\u{0001}\""
        );
    }

    #[test]
    fn whole_file_problems_have_no_position() {
        assert_eq!(
            Diagnostic::file_error("x.json", "the issue has no date").to_string(),
            "x.json: error: the issue has no date"
        );
    }

    #[test]
    fn tallies_use_singular_and_plural() {
        let mut tally = Tally::default();
        assert_eq!(tally.to_string(), "0 errors, 0 warnings");
        tally.add(Severity::Error);
        tally.add(Severity::Warning);
        tally.add(Severity::Warning);
        assert_eq!(tally.to_string(), "1 error, 2 warnings");
        assert_eq!(count(2, "story"), "2 stories");
        assert_eq!(count(1, "story"), "1 story");
    }
}
