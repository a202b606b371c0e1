//! `newsletter import`: runs the built binary on the hand-written feeds in
//! `tests/feeds/import/` and on the real RSS feeds of `../shared/corpus/rss/`
//! (read in place, never copied into the repository), and checks the issues
//! it writes: their stories, titles, dates, topics and links, and that
//! `newsletter validate` finds no error in any of them.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{json, Value};

/// What one run of the tool did.
#[derive(Debug)]
struct Run {
    status: i32,
    stdout: String,
    stderr: String,
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn feeds() -> PathBuf {
    repo().join("tests/feeds/import")
}

/// Runs `newsletter ARGS` at the root of the repository.
fn newsletter(args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_newsletter"))
        .args(args)
        .current_dir(repo())
        .output()
        .expect("the binary runs");
    Run {
        status: output.status.code().expect("an exit status"),
        stdout: String::from_utf8(output.stdout).expect("UTF-8 output"),
        stderr: String::from_utf8(output.stderr).expect("UTF-8 output"),
    }
}

/// Imports `feed` into a new temporary directory.
fn import(feed: &Path, extra: &[&str]) -> (tempfile::TempDir, Run) {
    let dir = tempfile::tempdir().unwrap();
    let mut args = vec!["import", "-o", dir.path().to_str().unwrap()];
    args.extend_from_slice(extra);
    args.push(feed.to_str().unwrap());
    let run = newsletter(&args);
    (dir, run)
}

/// The names of the files in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn read(dir: &Path, name: &str) -> Value {
    serde_json::from_str(&fs::read_to_string(dir.join(name)).unwrap()).unwrap()
}

fn titles(issue: &Value) -> Vec<&str> {
    issue["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["title"].as_str().unwrap_or(""))
        .collect()
}

/// Validates every issue in `dir` with the tool itself; returns its
/// closing line.
fn validate_all(dir: &Path) -> String {
    let files: Vec<String> = names(dir)
        .iter()
        .map(|n| dir.join(n).to_string_lossy().into_owned())
        .collect();
    let mut args = vec!["validate"];
    args.extend(files.iter().map(String::as_str));
    let run = newsletter(&args);
    assert_eq!(run.status, 0, "{}", run.stderr);
    run.stderr.lines().last().unwrap_or_default().to_owned()
}

#[test]
fn a_digest_post_becomes_one_story_per_section() {
    let (dir, run) = import(&feeds().join("digest.rss"), &[]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(
        names(dir.path()),
        [
            "2025-12-04-week-49-a-new-route-for-gene-therapy.json",
            "2025-12-05-a-short-note.json"
        ]
    );
    let issue = read(dir.path(), "2025-12-04-week-49-a-new-route-for-gene-therapy.json");
    assert_eq!(issue["title"], "Week 49: a new route for gene therapy");
    assert_eq!(issue["home_page_url"], "https://example.com/");
    assert_eq!(issue["authors"], json!([{"name": "Example Weekly team"}]));
    assert_eq!(issue["_newsletter"]["name"], "Example Weekly");
    assert_eq!(issue["_newsletter"]["issue_date"], "2025-12-04");
    assert_eq!(
        issue["_newsletter"]["summary"],
        "Hello & welcome. This week: our sponsor."
    );
    assert_eq!(
        issue["_newsletter"]["topics"],
        json!([
            {"id": "gene-therapy", "label": "Gene therapy"},
            {"id": "policy-regulation", "label": "Policy & regulation"}
        ])
    );
    assert_eq!(
        titles(&issue),
        [
            "Regulator approves an intrathecal gene therapy",
            "Consultation opens",
            "Reading list",
            "Reading list"
        ]
    );
    let items = issue["items"].as_array().unwrap();
    let ids: Vec<&str> = items.iter().map(|i| i["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "regulator-approves-an-intrathecal-gene-therapy",
            "consultation-opens",
            "reading-list",
            "reading-list-2"
        ]
    );
    // A level-3 heading inside a section stays in it; so does a heading in a quotation.
    assert_eq!(
        items[0]["content_html"],
        "<p>The approval covers patients aged two and older.</p>\n<h3>Why it matters</h3>\n<p>It is given once.</p>"
    );
    assert!(items[1]["content_html"]
        .as_str()
        .unwrap()
        .contains("<h2>A quoted heading</h2>"));
    // The post's link, with the heading's anchor; a heading's one link is the external URL.
    assert_eq!(items[0]["url"], "https://example.com/p/week-49#approval");
    assert_eq!(items[1]["url"], "https://example.com/p/week-49");
    assert_eq!(items[1]["external_url"], "https://example.org/consultation");
    assert!(items[2].get("external_url").is_none());
    for item in items {
        assert_eq!(item["date_published"], "2025-12-04T07:00:00Z");
        assert_eq!(item["tags"], json!(["Gene therapy", "Policy & regulation"]));
    }
    // One heading is not a digest; "Uncategorized" is no topic.
    let note = read(dir.path(), "2025-12-05-a-short-note.json");
    assert_eq!(titles(&note), ["A short note"]);
    assert!(note["_newsletter"].get("topics").is_none());
    assert!(note["items"][0].get("tags").is_none());
    // The intro keeps its links, as HTML beside its plain version.
    let digest = read(dir.path(), "2025-12-04-week-49-a-new-route-for-gene-therapy.json");
    assert!(
        digest["_newsletter"]["summary_html"]
            .as_str()
            .unwrap()
            .contains("<a href="),
        "{digest}"
    );
    assert!(!digest["_newsletter"]["summary"].as_str().unwrap().contains('<'));
    assert_eq!(
        run.stderr,
        format!(
            "imported 2 posts from {} into {}: 2 issues written (5 stories); 0 errors, 0 warnings\n",
            feeds().join("digest.rss").display(),
            dir.path().display()
        )
    );
    assert_eq!(validate_all(dir.path()), "2 files checked: 0 errors, 0 warnings");
}

#[test]
fn no_split_keeps_every_post_one_story() {
    let (dir, run) = import(&feeds().join("digest.rss"), &["--no-split", "--name", "Weekly"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let issue = read(dir.path(), "2025-12-04-week-49-a-new-route-for-gene-therapy.json");
    assert_eq!(titles(&issue), ["Week 49: a new route for gene therapy"]);
    assert_eq!(issue["_newsletter"]["name"], "Weekly");
    // The description is an excerpt besides the content: the intro.
    assert_eq!(issue["_newsletter"]["summary"], "Two stories and a reading list.");
    assert_eq!(issue["items"][0]["url"], "https://example.com/p/week-49");
    assert!(issue["items"][0]["content_html"]
        .as_str()
        .unwrap()
        .starts_with("<p>Hello &amp; welcome."));
}

#[test]
fn an_atom_feed_imports_with_its_authors_dates_and_categories() {
    let (dir, run) = import(&feeds().join("atom.xml"), &[]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(
        names(dir.path()),
        [
            "2025-12-04-café-science-night.json",
            "2025-12-11-lab-notes-week-50.json"
        ]
    );
    let cafe = read(dir.path(), "2025-12-04-café-science-night.json");
    assert_eq!(
        cafe,
        json!({
            "version": "https://jsonfeed.org/version/1.1",
            "title": "Café science night",
            "home_page_url": "https://example.org/notes/",
            "description": "Short notes from the example lab",
            "language": "en",
            "authors": [{"name": "Ada Example", "url": "https://example.org/ada"}],
            "_newsletter": {
                "name": "Example Notes",
                "issue_date": "2025-12-04",
                "summary": "An evening of questions.",
                "topics": [
                    {"id": "events", "label": "Events"},
                    {"id": "outreach", "label": "outreach"}
                ]
            },
            "items": [{
                "id": "café-science-night",
                "title": "Café science night",
                "content_html": "<p>We met at the caf&eacute; &mdash; forty people came.</p>",
                "tags": ["Events", "outreach"],
                "date_published": "2025-12-04T17:30:00Z",
                "url": "https://example.org/notes/cafe-science"
            }]
        })
    );
    // No published date: the updated one; no author: the feed's; text stays text.
    let notes = read(dir.path(), "2025-12-11-lab-notes-week-50.json");
    assert_eq!(notes["_newsletter"]["issue_date"], "2025-12-11");
    assert_eq!(
        notes["authors"],
        json!([{"name": "Lab team", "url": "https://example.org/about"}])
    );
    assert_eq!(notes["items"][0]["content_text"], "Plain text only.\n\nTwo paragraphs.");
    assert!(notes["items"][0].get("content_html").is_none());
    assert_eq!(notes["items"][0]["url"], "https://example.org/notes/week-50");
    assert_eq!(validate_all(dir.path()), "2 files checked: 0 errors, 0 warnings");
}

#[test]
fn implied_end_tags_and_encoded_titles() {
    let (dir, run) = import(&feeds().join("implied-end-tags.rss"), &[]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(
        names(dir.path()),
        ["2025-12-01-it-s-a-digest.json", "2025-12-02-no-headings.json"]
    );
    let digest = read(dir.path(), "2025-12-01-it-s-a-digest.json");
    assert_eq!(digest["title"], "It’s a “digest” …");
    assert_eq!(digest["_newsletter"]["name"], "Example ’Zine");
    assert_eq!(digest["_newsletter"]["summary"], "Intro one\n\nIntro two");
    assert_eq!(
        digest["_newsletter"]["topics"],
        json!([{"id": "notes-links", "label": "Notes & links"}])
    );
    assert_eq!(titles(&digest), ["First", "Second été"]);
    assert_eq!(digest["items"][0]["content_html"], "<p>a<p>b");
    assert_eq!(
        digest["items"][1]["content_html"],
        "<ul><li>x<li>y</ul><p>after the list"
    );
    // 12:00 at +01:00 is 11:00 UTC.
    assert_eq!(digest["items"][0]["date_published"], "2025-12-01T11:00:00Z");
    let plain = read(dir.path(), "2025-12-02-no-headings.json");
    assert_eq!(titles(&plain), ["No headings"]);
    assert_eq!(plain["items"][0]["content_html"], "<p>one<p>two<li>three");
    assert_eq!(validate_all(dir.path()), "2 files checked: 0 errors, 0 warnings");
}

#[test]
fn a_json_feed_of_posts_imports() {
    let (dir, run) = import(&feeds().join("posts.json"), &[]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(names(dir.path()), ["2025-07-01.json", "2025-08-01-l-été-en-bref.json"]);
    let untitled = read(dir.path(), "2025-07-01.json");
    assert!(untitled.get("title").is_none());
    assert_eq!(untitled["items"][0]["content_text"], "Du texte seul, sans titre.");
    assert_eq!(untitled["items"][0]["url"], "https://example.org/posts/texte");
    assert_eq!(untitled["language"], "fr");
    let summer = read(dir.path(), "2025-08-01-l-été-en-bref.json");
    assert_eq!(summer["title"], "L’été en bref");
    assert_eq!(titles(&summer), ["Premier", "Second"]);
    assert_eq!(
        summer["_newsletter"]["topics"],
        json!([{"id": "été", "label": "Été"}, {"id": "brèves", "label": "Brèves"}])
    );
    assert_eq!(
        summer["authors"],
        json!([{"name": "Équipe Example", "url": "https://example.org/equipe"}])
    );
    assert_eq!(validate_all(dir.path()), "2 files checked: 0 errors, 0 warnings");
}

#[test]
fn imported_issues_index_and_existing_files_are_kept() {
    let (dir, run) = import(&feeds().join("digest.rss"), &[]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let index = newsletter(&["index", dir.path().to_str().unwrap()]);
    assert_eq!(index.status, 0, "{}", index.stderr);
    let written = read(dir.path(), "index.json");
    assert_eq!(written["title"], "Example Weekly");
    assert_eq!(written["items"].as_array().unwrap().len(), 2);

    // Again: nothing is replaced without --force.
    let out = dir.path().to_str().unwrap();
    let feed = feeds().join("digest.rss");
    let again = newsletter(&["import", "-o", out, feed.to_str().unwrap()]);
    assert_eq!(again.status, 0, "{}", again.stderr);
    assert!(
        again
            .stderr
            .contains("0 issues written (0 stories), 2 files already there kept (--force replaces them)"),
        "{}",
        again.stderr
    );
    let forced = newsletter(&["import", "--force", "-o", out, feed.to_str().unwrap()]);
    assert!(
        forced.stderr.contains("2 issues written (5 stories);"),
        "{}",
        forced.stderr
    );
    // The two issues, index.json and the search index's folder.
    assert_eq!(names(dir.path()).len(), 4);
}

#[test]
fn files_that_are_not_feeds_are_errors_and_the_others_still_import() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("issues");
    let run = newsletter(&[
        "import",
        "-o",
        out.to_str().unwrap(),
        "tests/feeds/not-json.json",
        "tests/feeds/import/missing.xml",
        "tests/feeds/import/atom.xml",
    ]);
    assert_eq!(run.status, 1, "{}", run.stderr);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert!(
        lines[0].starts_with("tests/feeds/not-json.json: error: not an RSS, Atom or JSON Feed document: "),
        "{}",
        run.stderr
    );
    assert_eq!(
        lines[1],
        "newsletter: cannot read tests/feeds/import/missing.xml: No such file or directory"
    );
    assert!(
        lines[2].starts_with("imported 2 posts from 3 feeds into "),
        "{}",
        run.stderr
    );
    assert!(lines[2].ends_with(": 2 issues written (2 stories); 2 errors, 0 warnings"));
    assert_eq!(names(&out).len(), 2);
    assert!(run.stdout.is_empty());
}

#[test]
fn import_needs_a_file_and_has_help() {
    let run = newsletter(&["import"]);
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("<FILE>..."), "{}", run.stderr);
    let run = newsletter(&["import", "--name=", "x.xml"]);
    assert_eq!(run.status, 2, "{}", run.stderr);
    let help = newsletter(&["import", "--help"]);
    assert_eq!(help.status, 0);
    assert!(
        help.stdout.starts_with("Usage: newsletter import [OPTIONS] <FILE>..."),
        "{}",
        help.stdout
    );
    for says in [
        "--output <DIR>",
        "--name <NAME>",
        "--no-split",
        "--force",
        "docs/import.md",
        "Exit status: 0",
    ] {
        assert!(help.stdout.contains(says), "{says}: {}", help.stdout);
    }
}

/// Every RSS feed of the corpus imports, and every issue it makes validates
/// without errors. Skipped, with a message, when the corpus is not there.
#[test]
fn every_corpus_rss_feed_imports_and_validates() {
    let corpus = repo().join("../shared/corpus/rss");
    let Ok(entries) = fs::read_dir(&corpus) else {
        eprintln!("skipped: no RSS corpus at {}", corpus.display());
        return;
    };
    let mut files: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).collect();
    files.sort();
    assert!(!files.is_empty(), "{} is empty", corpus.display());
    for feed in files {
        let (dir, run) = import(&feed, &[]);
        assert_eq!(run.status, 0, "{}: {}", feed.display(), run.stderr);
        assert!(!run.stderr.contains(": error: "), "{}: {}", feed.display(), run.stderr);
        let parsed = feed_rs::parser::parse(fs::read(&feed).unwrap().as_slice()).unwrap();
        let issues = names(dir.path());
        assert_eq!(
            issues.len(),
            parsed.entries.len(),
            "{}: one issue per post",
            feed.display()
        );
        let stories: usize = issues
            .iter()
            .map(|n| read(dir.path(), n)["items"].as_array().unwrap().len())
            .sum();
        let checked = validate_all(dir.path());
        assert!(checked.contains(" 0 errors"), "{checked}");
        eprintln!(
            "{}: {} posts, {} issues, {stories} stories; validate: {checked}",
            feed.file_name().unwrap().to_string_lossy(),
            parsed.entries.len(),
            issues.len()
        );
        // Every issue has a date and the newsletter's name: `index` takes them.
        let index = newsletter(&["index", dir.path().to_str().unwrap()]);
        assert_eq!(index.status, 0, "{}: {}", feed.display(), index.stderr);
    }
}
