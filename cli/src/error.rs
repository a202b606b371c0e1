//! Why a command stops.
//!
//! Problems *inside* a file (a wrong type in `items[1].tags`, a Markdown line
//! the converter does not understand) are reported as diagnostics, one line
//! each, with file, line and column (see [`crate::report`]); a command whose
//! input had such errors then stops with [`CliError::NotWritten`]. Everything
//! else that stops a command is one [`CliError`], printed as
//! `newsletter: <message>`, with exit status 1. Bad usage is clap's to
//! report (exit status 2), before a command runs.

use std::io;
use std::path::{Path, PathBuf};

use newsletter_core::feed::json::Position;

/// Everything that makes a command stop, each with the path it is about.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// A file could not be read (missing, a directory, no permission).
    #[error("cannot read {}: {}", .path.display(), io_message(.source))]
    Read {
        /// The file as given.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// A file is not UTF-8 text; `at` is where the first invalid byte is.
    #[error("cannot read {}: not UTF-8 text (line {}, column {}); save the file as UTF-8", .path.display(), .at.line, .at.column)]
    NotUtf8 {
        /// The file as given.
        path: PathBuf,
        /// Line and column of the first byte that is not UTF-8.
        at: Position,
    },
    /// A directory could not be listed.
    #[error("cannot read the directory {}: {}", .path.display(), io_message(.source))]
    ReadDir {
        /// The directory as given.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// A file could not be written.
    #[error("cannot write {}: {}", .path.display(), io_message(.source))]
    Write {
        /// The file that was to be written.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// The input had errors, reported above; nothing was written. `output`
    /// is the file that was not written, `None` for standard output.
    #[error("{}", not_written(.output.as_deref(), *.errors))]
    NotWritten {
        /// The file that was not written, or `None` for standard output.
        output: Option<PathBuf>,
        /// How many errors were reported.
        errors: usize,
    },
    /// A directory has no issue feeds to index or archive.
    #[error("no issue feeds (*.json files other than index.json and feed.json) in {}", .dir.display())]
    NoIssues {
        /// The directory as given.
        dir: PathBuf,
    },
}

/// An I/O error as people read it: "No such file or directory", without
/// the "(os error 2)" that the standard library adds.
pub fn io_message(error: &io::Error) -> String {
    let text = error.to_string();
    match text.rfind(" (os error ") {
        Some(at) if text.ends_with(')') => text[..at].to_owned(),
        _ => text,
    }
}

fn not_written(output: Option<&Path>, errors: usize) -> String {
    let what = match output {
        Some(path) => format!("{} not written", path.display()),
        None => "nothing written".to_owned(),
    };
    format!("{what}: {}", crate::report::count(errors, "error"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_path_and_the_reason_without_os_codes() {
        let missing = CliError::Read {
            path: "missing.json".into(),
            source: io::Error::from_raw_os_error(2),
        };
        assert_eq!(
            missing.to_string(),
            "cannot read missing.json: No such file or directory"
        );
        let bytes = CliError::NotUtf8 {
            path: "latin1.json".into(),
            at: Position { line: 3, column: 12 },
        };
        assert_eq!(
            bytes.to_string(),
            "cannot read latin1.json: not UTF-8 text (line 3, column 12); save the file as UTF-8"
        );
    }

    #[test]
    fn not_written_counts_the_errors() {
        let index = CliError::NotWritten {
            output: Some("issues/index.json".into()),
            errors: 1,
        };
        assert_eq!(index.to_string(), "issues/index.json not written: 1 error");
        let stdout = CliError::NotWritten {
            output: None,
            errors: 3,
        };
        assert_eq!(stdout.to_string(), "nothing written: 3 errors");
    }
}
