//! Reading and writing files, with errors that name the file.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use newsletter_core::feed::json::Position;

use crate::error::CliError;

/// The files `index` and `feed` write, which are never read as issues.
pub const GENERATED: [&str; 2] = ["index.json", "feed.json"];

/// Reads a UTF-8 text file.
pub fn read_text(path: &Path) -> Result<String, CliError> {
    let bytes = fs::read(path).map_err(|source| CliError::Read {
        path: path.to_owned(),
        source,
    })?;
    String::from_utf8(bytes).map_err(|error| {
        let valid = &error.as_bytes()[..error.utf8_error().valid_up_to()];
        // The prefix is valid UTF-8 by definition.
        let valid = std::str::from_utf8(valid).unwrap_or_default();
        let line_start = valid.rfind('\n').map_or(0, |i| i + 1);
        CliError::NotUtf8 {
            path: path.to_owned(),
            at: Position {
                line: count_u32(valid.matches('\n').count()) + 1,
                column: count_u32(valid[line_start..].chars().count()) + 1,
            },
        }
    })
}

fn count_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Writes `contents` to `path` through a temporary file in the same
/// directory, so readers never see a half-written feed.
pub fn write_file(path: &Path, contents: &str) -> Result<(), CliError> {
    let error = |source| CliError::Write {
        path: path.to_owned(),
        source,
    };
    let name = path
        .file_name()
        .ok_or_else(|| error(io::ErrorKind::InvalidInput.into()))?;
    let mut temporary_name = std::ffi::OsString::from(".");
    temporary_name.push(name);
    temporary_name.push(format!(".{}.tmp", std::process::id()));
    let temporary = path.with_file_name(temporary_name);
    let written = fs::File::create(&temporary)
        .and_then(|mut file| {
            file.write_all(contents.as_bytes())?;
            file.sync_all()
        })
        .and_then(|()| fs::rename(&temporary, path));
    if let Err(source) = written {
        let _ = fs::remove_file(&temporary);
        return Err(error(source));
    }
    Ok(())
}

/// The issue feeds in `dir`: its `*.json` files, except hidden files and
/// the [`GENERATED`] ones, sorted by name.
pub fn issue_files(dir: &Path) -> Result<Vec<PathBuf>, CliError> {
    let error = |source| CliError::ReadDir {
        path: dir.to_owned(),
        source,
    };
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).map_err(error)? {
        let path = entry.map_err(error)?.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if name.ends_with(".json") && !name.starts_with('.') && !GENERATED.contains(&name) && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// How to name a path in messages: as the user would type it.
pub fn shown(path: &Path) -> String {
    path.display().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn says_where_a_file_stops_being_utf8() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("latin1.json");
        fs::write(&path, b"{\n  \"title\": \"caf\xe9\"\n}").unwrap();
        match read_text(&path) {
            Err(CliError::NotUtf8 { at, .. }) => assert_eq!(at, Position { line: 2, column: 16 }),
            other => panic!("expected NotUtf8, got {other:?}"),
        }
    }

    #[test]
    fn lists_issue_feeds_but_not_generated_or_hidden_files() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["b.json", "a.json", "index.json", "feed.json", ".draft.json", "notes.md"] {
            fs::write(dir.path().join(name), "{}").unwrap();
        }
        fs::create_dir(dir.path().join("old.json")).unwrap();
        let names: Vec<String> = issue_files(dir.path())
            .unwrap()
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["a.json", "b.json"]);
    }

    #[test]
    fn writes_whole_files_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.json");
        write_file(&path, "one").unwrap();
        write_file(&path, "two").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "two");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
        let missing = dir.path().join("no/such/dir/out.json");
        assert!(matches!(write_file(&missing, "x"), Err(CliError::Write { .. })));
    }
}
