//! `DIR/search/`: the archive's search index, written by `newsletter index`
//! next to `index.json` (the format: `newsletter_core::archive_search` and
//! `docs/archive-search.md`).
//!
//! Shards are named by a hash of their text, so a rebuild after a new
//! issue writes only the shards whose text changed, then the manifest, and
//! then removes the shards the manifest no longer names. Only files named
//! as shards are ever removed, and only inside `DIR/search/`.

use std::fs;
use std::io::Write;
use std::path::Path;

use newsletter_core::archive_search::build::{build, ArchiveIssue, BuiltIndex};
use newsletter_core::archive_search::{FOLDER, MANIFEST};

use crate::error::CliError;
use crate::files::{shown, write_file};
use crate::index::{issue_id, issue_title, short_summary};
use crate::issues::{file_url, LoadedIssue};
use crate::report::{count, emit};

/// What a build changed on disk.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Written {
    /// Shards written because no file had their name.
    pub new: usize,
    /// Shards already there with the same name, left alone.
    pub kept: usize,
    /// Old shards removed.
    pub removed: usize,
}

/// Builds the index of `issues` and writes it into `DIR/search/`.
pub fn run(dir: &Path, issues: &[LoadedIssue], base: Option<&str>, out: &mut dyn Write) -> Result<(), CliError> {
    let ids: Vec<String> = issues.iter().map(|i| issue_id(i).to_owned()).collect();
    let hrefs: Vec<String> = issues.iter().map(|i| file_url(base, &i.file_name)).collect();
    let titles: Vec<String> = issues.iter().map(issue_title).collect();
    let archive: Vec<ArchiveIssue<'_>> = issues
        .iter()
        .enumerate()
        .map(|(at, loaded)| ArchiveIssue {
            id: &ids[at],
            date: loaded.date,
            href: &hrefs[at],
            title: &titles[at],
            issue: &loaded.issue,
        })
        .collect();
    let built = build(&archive, &|text: &str| short_summary(text));
    let stories: usize = issues.iter().map(|i| i.issue.stories.len()).sum();
    let folder = dir.join(FOLDER);
    let written = write(&folder, &built)?;
    emit(
        out,
        format_args!(
            "wrote {}: {}, {} ({} new, {} unchanged, {} removed)",
            shown(&folder.join(MANIFEST)),
            count(stories, "story"),
            count(built.shards.len(), "shard"),
            written.new,
            written.kept,
            written.removed
        ),
    );
    Ok(())
}

/// Writes `built` into `folder` (made when missing): new shards first, the
/// manifest next, so a reader never gets a manifest naming a file not yet
/// there; then removes shards the manifest no longer names.
pub fn write(folder: &Path, built: &BuiltIndex) -> Result<Written, CliError> {
    fs::create_dir_all(folder).map_err(|source| CliError::Write {
        path: folder.to_owned(),
        source,
    })?;
    let mut written = Written::default();
    for (name, text) in &built.shards {
        let path = folder.join(name);
        // The name is the text's hash: a file of that name holds that text.
        if fs::read_to_string(&path).is_ok_and(|old| old == *text) {
            written.kept += 1;
        } else {
            write_file(&path, text)?;
            written.new += 1;
        }
    }
    let manifest = folder.join(MANIFEST);
    if fs::read_to_string(&manifest).ok().as_deref() != Some(built.manifest.as_str()) {
        write_file(&manifest, &built.manifest)?;
    }
    let list_error = |source| CliError::ReadDir {
        path: folder.to_owned(),
        source,
    };
    for entry in fs::read_dir(folder).map_err(list_error)? {
        let path = entry.map_err(list_error)?.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if is_shard_name(name) && !built.shards.iter().any(|(kept, _)| kept == name) {
            fs::remove_file(&path).map_err(|source| CliError::Write {
                path: path.clone(),
                source,
            })?;
            written.removed += 1;
        }
    }
    Ok(written)
}

/// Whether `name` is a shard as [`build`] names them (`terms-`, `postings-`,
/// `topics-` or `stories-`, sixteen hex digits, `.tsv`): nothing else is
/// removed.
fn is_shard_name(name: &str) -> bool {
    let Some(stem) = name.strip_suffix(".tsv") else {
        return false;
    };
    let Some((kind, hash)) = stem.split_once('-') else {
        return false;
    };
    ["terms", "postings", "topics", "stories"].contains(&kind)
        && hash.len() == 16
        && hash.bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_shard_names_are_ever_removed() {
        assert!(is_shard_name("terms-0123456789abcdef.tsv"));
        assert!(is_shard_name("stories-0123456789abcdef.tsv"));
        assert!(is_shard_name("postings-0123456789abcdef.tsv"));
        for other in [
            "manifest.json",
            "terms-0123.tsv",
            "notes-0123456789abcdef.tsv",
            "terms-0123456789abcdef.tsv.bak",
            "index.json",
        ] {
            assert!(!is_shard_name(other), "{other}");
        }
    }
}
