//! `newsletter index` writes `DIR/search/`: read back with the widget's own
//! reader (`newsletter_core::archive_search`), it finds what in-issue
//! search finds; a rebuild after a new issue rewrites only what changed.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::process::Command;

use newsletter_core::archive_search::{Files, Manifest, Query, PER_PAGE};
use newsletter_core::read_issue;
use newsletter_core::view::search::{search_terms, SearchIndex};

fn newsletter_in(dir: &Path, args: &[&str]) -> (i32, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_newsletter"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the binary runs");
    (
        output.status.code().expect("an exit status"),
        String::from_utf8(output.stderr).expect("UTF-8 output"),
    )
}

/// An issue of `stories` stories dated `date`, with accents and Greek.
fn issue(date: &str, stories: usize) -> String {
    let items: Vec<serde_json::Value> = (0..stories)
        .map(|at| {
            serde_json::json!({
                "id": format!("story-{at}"),
                "title": format!("Thérapie génique {date} number {at}"),
                "content_text": format!("Gene therapy in Zürich, story {at}. Θεραπεία {}. A second sentence.", at % 3),
                "tags": if at % 2 == 0 { vec!["Oncology"] } else { vec!["China", "Oncology"] },
            })
        })
        .collect();
    serde_json::json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": format!("Issue of {date}"),
        "_newsletter": {
            "name": "Weekly",
            "issue_date": date,
            "topics": [{"id": "oncology", "label": "Oncology"}, {"id": "china", "label": "China"}],
        },
        "items": items,
    })
    .to_string()
}

fn search_files(dir: &Path) -> BTreeSet<String> {
    fs::read_dir(dir.join("search"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

fn read_all(dir: &Path) -> (Manifest, Files) {
    let folder = dir.join("search");
    let manifest = Manifest::read(&fs::read_to_string(folder.join("manifest.json")).unwrap()).unwrap();
    let files = search_files(dir)
        .into_iter()
        .map(|name| (name.clone(), fs::read_to_string(folder.join(&name)).unwrap()))
        .collect();
    (manifest, files)
}

/// Every result of `text`, as (issue id, story id), newest issue first.
fn search(dir: &Path, text: &str, topics: &[String]) -> Vec<(String, String)> {
    let (manifest, files) = read_all(dir);
    let query = Query::new(text, topics);
    for name in manifest.files_for(&query) {
        assert!(files.contains_key(&name), "{name} is planned but not written");
    }
    let matches = manifest.matches(&query, &files).unwrap();
    let mut found = Vec::new();
    for page in 0..matches.numbers.len().div_ceil(PER_PAGE) {
        for group in manifest.page(&matches, page, PER_PAGE, &files).unwrap().issues {
            found.extend(group.stories.into_iter().map(|hit| (group.id.clone(), hit.story_id)));
        }
    }
    found
}

/// What in-issue search finds in each issue file of `dir`, newest first.
fn scan(dir: &Path, text: &str) -> Vec<(String, String)> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json") && n != "index.json")
        .collect();
    names.sort_by(|a, b| b.cmp(a));
    let mut found = Vec::new();
    for name in names {
        let issue = read_issue(&fs::read_to_string(dir.join(&name)).unwrap()).unwrap().issue;
        let id = name.trim_end_matches(".json").to_owned();
        for at in SearchIndex::new(&issue).apply(&[], &search_terms(text)).visible {
            found.push((id.clone(), issue.stories[at].id.clone()));
        }
    }
    found
}

#[test]
fn the_written_index_finds_what_each_issue_finds() {
    let dir = tempfile::tempdir().unwrap();
    for week in 1..=9 {
        let date = format!("2025-11-{:02}", week * 3);
        fs::write(dir.path().join(format!("{date}.json")), issue(&date, 12)).unwrap();
    }
    fs::copy("../issues/2025-12-04.json", dir.path().join("2025-12-04.json")).unwrap();
    let (status, stderr) = newsletter_in(dir.path(), &["index", "."]);
    assert_eq!(status, 0, "{stderr}");
    let (manifest, _) = read_all(dir.path());
    assert_eq!(manifest.stories, 9 * 12 + 20);
    assert!(
        stderr.starts_with("wrote ./index.json: 10 issues\nwrote ./search/manifest.json: 128 stories, "),
        "{stderr}"
    );
    for text in [
        "therapie",
        "GENE THERAPY",
        "zurich",
        "θεραπεια 1",
        "ΘΕΡΑΠΕΊΑ",
        "2025-11-09",
        "story 1",
        "e",
        "nothing here",
    ] {
        assert_eq!(search(dir.path(), text, &[]), scan(dir.path(), text), "{text}");
    }
    let china = search(dir.path(), "", &["china".to_owned()]);
    let sample = read_issue(&fs::read_to_string("../issues/2025-12-04.json").unwrap())
        .unwrap()
        .issue;
    let sample_china = sample
        .stories
        .iter()
        .filter(|s| s.topics.iter().any(|t| t.id == "china"))
        .count();
    assert_eq!(china.len(), 9 * 6 + sample_china);
    assert_eq!(china[0].0, "2025-12-04", "newest first");
}

#[test]
fn a_rebuild_after_a_new_issue_rewrites_only_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    // 64 stories a story shard: the first three shards are full.
    for week in 1..=4 {
        let date = format!("2025-10-{:02}", week * 7);
        fs::write(dir.path().join(format!("{date}.json")), issue(&date, 50)).unwrap();
    }
    assert_eq!(newsletter_in(dir.path(), &["index", "."]).0, 0);
    let before = search_files(dir.path());
    let (old_manifest, _) = read_all(dir.path());
    fs::write(dir.path().join("search/notes.txt"), "the publisher's own file").unwrap();

    // Again without changes: nothing new, nothing removed.
    let (status, stderr) = newsletter_in(dir.path(), &["index", "."]);
    assert_eq!(status, 0);
    let shards = before.len() - 1;
    assert!(
        stderr.ends_with(&format!(" (0 new, {shards} unchanged, 0 removed)\n")),
        "{stderr}"
    );

    fs::write(dir.path().join("2025-11-04.json"), issue("2025-11-04", 50)).unwrap();
    let (status, stderr) = newsletter_in(dir.path(), &["index", "."]);
    assert_eq!(status, 0, "{stderr}");
    let after = search_files(dir.path());
    let (manifest, _) = read_all(dir.path());
    // The full story shards stay; the manifest names only files there are.
    for name in &old_manifest.story_files[..3] {
        assert!(manifest.story_files.contains(name), "{name} was rewritten");
    }
    let named: BTreeSet<String> = manifest
        .terms
        .iter()
        .map(|(_, n)| n.clone())
        .chain(manifest.story_files.iter().cloned())
        .chain([
            manifest.topics.clone(),
            "manifest.json".to_owned(),
            "notes.txt".to_owned(),
        ])
        .collect();
    assert_eq!(after, named, "stale shards removed, other files kept");
    let removed = before.difference(&after).count();
    assert!(stderr.contains(&format!("{removed} removed)")), "{stderr}");
    assert_eq!(search(dir.path(), "2025-11-04", &[]).len(), 50);
}

#[test]
fn broken_issues_leave_the_search_index_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("2025-10-07.json"), issue("2025-10-07", 3)).unwrap();
    assert_eq!(newsletter_in(dir.path(), &["index", "."]).0, 0);
    let before = search_files(dir.path());
    fs::write(dir.path().join("2025-10-14.json"), "{ not json").unwrap();
    let (status, stderr) = newsletter_in(dir.path(), &["index", "."]);
    assert_eq!(status, 1);
    assert!(
        stderr.ends_with("newsletter: ./index.json not written: 1 error\n"),
        "{stderr}"
    );
    assert_eq!(search_files(dir.path()), before);
}
