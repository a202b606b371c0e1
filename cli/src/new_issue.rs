//! `newsletter new ISSUE.md`: a Markdown issue becomes an issue feed,
//! checked by the same validation as `validate`.

use std::io::Write;
use std::path::{Path, PathBuf};

use newsletter_core::read_issue;

use crate::error::CliError;
use crate::files::{read_text, shown, write_file};
use crate::markdown::convert;
use crate::report::{count, emit, Diagnostic, Severity, Tally};

/// Converts `input` and writes the feed to `output`, or to `stdout` when
/// there is none. Problems go to `out`, at the Markdown line they come
/// from. Stories the widget would skip are errors: then nothing is written.
pub fn run(input: &Path, output: Option<&Path>, stdout: &mut dyn Write, out: &mut dyn Write) -> Result<(), CliError> {
    let text = read_text(input)?;
    let file = shown(input);
    let not_written = |errors| CliError::NotWritten {
        output: output.map(Path::to_owned),
        errors,
    };
    let converted = match convert(&text) {
        Ok(converted) => converted,
        Err(errors) => {
            for error in &errors {
                emit(
                    out,
                    Diagnostic {
                        file: file.clone(),
                        at: Some(error.at),
                        severity: Severity::Error,
                        message: error.message.clone(),
                    },
                );
            }
            return Err(not_written(errors.len()));
        }
    };
    let json = converted.to_json();

    let mut tally = Tally::default();
    let mut stories = 0;
    match read_issue(&json) {
        Ok(decoded) => {
            stories = decoded.issue.stories.len();
            // What the converter saw in the Markdown (markup the reader's
            // allow-list drops, formatting plain text cannot show), then the
            // validation's notices, less those saying the same less precisely.
            let mut diagnostics: Vec<Diagnostic> = converted
                .warnings
                .iter()
                .map(|w| Diagnostic {
                    file: file.clone(),
                    at: Some(w.at),
                    severity: Severity::Warning,
                    message: format!("{}: {}", w.path, w.message),
                })
                .collect();
            diagnostics.extend(
                decoded
                    .notices
                    .iter()
                    .filter(|n| !converted.already_reported(n))
                    .map(|n| Diagnostic::notice_at(&file, n, converted.origin(&n.location.path))),
            );
            diagnostics.sort_by_key(|d| d.at.map(|at| (at.line, at.column)));
            for diagnostic in diagnostics {
                tally.add(diagnostic.severity);
                emit(out, diagnostic);
            }
        }
        // The converter always writes an object with `items`; this only
        // guards against a mistake in it.
        Err(error) => {
            tally.add(Severity::Error);
            emit(
                out,
                format_args!("newsletter: the converted feed cannot be read: {error}"),
            );
        }
    }
    if tally.errors > 0 {
        return Err(not_written(tally.errors));
    }
    match output {
        Some(path) => write_file(path, &json)?,
        None => stdout
            .write_all(json.as_bytes())
            .and_then(|()| stdout.flush())
            .map_err(|source| CliError::Write {
                path: PathBuf::from("standard output"),
                source,
            })?,
    }
    let target = output.map_or_else(String::new, |path| format!(" to {}", shown(path)));
    emit(
        out,
        format_args!("converted {file}{target}: {}; {tally}", count(stories, "story")),
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn writes_the_feed_and_reports_warnings_at_markdown_lines() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("issue.md");
        fs::write(
            &input,
            "---\ntopic: a = A\n---\n## Story\nTopics: A, B\nSources: Evil <javascript:alert(1)>\n",
        )
        .unwrap();
        let (mut stdout, mut out) = (Vec::new(), Vec::new());
        run(&input, None, &mut stdout, &mut out).unwrap();
        let feed: serde_json::Value = serde_json::from_slice(&stdout).unwrap();
        assert_eq!(feed["items"][0]["tags"], serde_json::json!(["A", "B"]));
        let file = shown(&input);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            format!(
                "{file}:5:9: warning: items[0].tags: tag \"B\" is not one of _newsletter.topics and is not shown\n\
                 {file}:6:10: warning: items[0]._newsletter.sources[0].url: unsafe or relative link \"javascript:alert(1)\" removed (only absolute http and https links are kept)\n\
                 converted {file}: 1 story; 0 errors, 2 warnings\n"
            )
        );
    }

    #[test]
    fn skipped_stories_stop_the_conversion() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("issue.md");
        let output = dir.path().join("issue.json");
        fs::write(&input, "---\n---\n## Same\n\n## Same\n").unwrap();
        let (mut stdout, mut out) = (Vec::new(), Vec::new());
        let error = run(&input, Some(&output), &mut stdout, &mut out).unwrap_err();
        assert_eq!(error.to_string(), format!("{} not written: 1 error", output.display()));
        assert!(!output.exists());
        assert_eq!(
            String::from_utf8(out).unwrap(),
            format!(
                "{}:5:1: error: items[1].id: duplicate id \"same\" (first used by items[0]); story skipped\n",
                shown(&input)
            )
        );
    }
}
