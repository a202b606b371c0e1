//! Runs the built `newsletter` binary on the repository's feeds and on files
//! in temporary directories, and checks what it prints, its exit status and
//! the feeds it writes. Written feeds are read back by an independent parser
//! (feed-rs) and checked against the JSON Feed 1.1 rules; issues, and the
//! archive feed, also against the issue format's JSON Schema
//! (`docs/issue-format.schema.json`).

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use serde_json::Value;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

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

/// Runs `newsletter ARGS` in `dir`.
fn newsletter_in(dir: &Path, args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_newsletter"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the binary runs");
    Run {
        status: output.status.code().expect("an exit status"),
        stdout: String::from_utf8(output.stdout).expect("UTF-8 output"),
        stderr: String::from_utf8(output.stderr).expect("UTF-8 output"),
    }
}

/// Runs `newsletter ARGS` at the root of the repository.
fn newsletter(args: &[&str]) -> Run {
    newsletter_in(&repo(), args)
}

fn sample_json() -> Value {
    serde_json::from_str(&fs::read_to_string(repo().join("issues/2025-12-04.json")).unwrap()).unwrap()
}

// ---------------------------------------------------------------- embed

#[test]
fn embed_writes_the_snippet_with_the_newest_issue_inside_the_element() {
    let run = newsletter(&[
        "embed",
        "--src",
        "https://news.example/issues/index.json",
        "--bundle",
        "https://cdn.example/nw",
        "--theme",
        "light",
        "issues/index.json",
    ]);
    assert_eq!((run.status, run.stderr.as_str()), (0, ""));
    let sample = sample_json();
    assert!(run.stdout.starts_with(
        "<script type=\"module\" src=\"https://cdn.example/nw/newsletter-widget.js\"></script>\n<newsletter-widget archive=\"https://news.example/issues/index.json\" theme=\"light\"><template shadowrootmode=\"open\"><link rel=\"stylesheet\" href=\"https://cdn.example/nw/newsletter-widget.css\">"
    ), "{}", run.stdout);
    // Every story of the newest issue, as cards, with the issue's title.
    let items = sample["items"].as_array().unwrap();
    assert_eq!(run.stdout.matches("<article ").count(), items.len());
    assert!(run.stdout.contains(sample["title"].as_str().unwrap()));

    // An issue gets src=, and -o writes a file; a bad feed writes nothing.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("snippet.html");
    let run = newsletter(&["embed", "-o", out.to_str().unwrap(), "issues/2025-12-04.json"]);
    assert_eq!((run.status, run.stdout.as_str()), (0, ""));
    assert!(fs::read_to_string(&out)
        .unwrap()
        .contains("<newsletter-widget src=\"issues/2025-12-04.json\">"));
    fs::write(dir.path().join("bad.json"), "{\"items\": 3}").unwrap();
    let run = newsletter_in(dir.path(), &["embed", "-o", "x.html", "bad.json"]);
    assert_eq!(run.status, 1);
    assert!(run.stderr.starts_with("bad.json:1:"), "{}", run.stderr);
    assert!(!dir.path().join("x.html").exists());
}

// ---------------------------------------------------------------- validate

#[test]
fn validate_reports_wrong_types_with_file_line_column_and_path() {
    // The reader repairs or drops such fields and shows the story; the
    // publisher still hears of each, where it is.
    let run = newsletter(&["validate", "tests/feeds/wrong-types.json"]);
    assert_eq!(run.status, 0);
    assert_eq!(
        run.stderr,
        "tests/feeds/wrong-types.json:6:63: warning: items[1].tags: a string where a list of tags belongs; split at its commas\n\
         tests/feeds/wrong-types.json:8:35: warning: items[3].title: expected a string, found a number\n\
         1 file checked: 0 errors, 2 warnings\n"
    );
    assert_eq!(run.stdout, "");
}

#[test]
fn validate_reports_missing_and_duplicate_ids() {
    let run = newsletter(&["validate", "tests/feeds/ids.json"]);
    assert_eq!(run.status, 1);
    assert_eq!(
        run.stderr,
        "tests/feeds/ids.json:6:5: error: items[1].id: missing; every story needs a unique id; story skipped\n\
         tests/feeds/ids.json:7:13: error: items[2].id: duplicate id \"a\" (first used by items[0]); story skipped\n\
         1 file checked: 2 errors, 0 warnings\n"
    );
}

#[test]
fn validate_reports_text_that_is_not_json_or_not_a_feed() {
    let run = newsletter(&["validate", "tests/feeds/not-json.json", "tests/feeds/not-a-feed.json"]);
    assert_eq!(run.status, 1);
    assert_eq!(
        run.stderr,
        "tests/feeds/not-json.json:4:3: error: not valid JSON: expected ',' or '}' after a member, found '\"'\n\
         tests/feeds/not-a-feed.json:1:1: error: not a JSON Feed: there is no \"items\" list\n\
         2 files checked: 2 errors, 0 warnings\n"
    );
}

#[test]
fn validate_warns_about_what_the_widget_neutralises() {
    let run = newsletter(&["validate", "tests/feeds/hostile.json"]);
    assert_eq!(run.status, 0, "warnings alone do not fail: {}", run.stderr);
    for expected in [
        "tests/feeds/hostile.json:4:20: warning: home_page_url: unsafe or relative link \"javascript:window.__pwned=1\" removed (only absolute http and https links are kept)\n",
        "tests/feeds/hostile.json:13:23: warning: items[0].content_html: removed <script> elements\n",
        "tests/feeds/hostile.json:13:23: warning: items[0].content_html: removed event handler attributes\n",
        // The tab inside the link is shown as an escape: one line per problem.
        "tests/feeds/hostile.json:13:23: warning: items[0].content_html: removed unsafe link \" jav\\tascript:window.__pwned=1\"\n",
        "tests/feeds/hostile.json:14:14: warning: items[0].url: unsafe or relative link \"javascript:window.__pwned=1\" removed (only absolute http and https links are kept)\n",
        "tests/feeds/hostile.json:20:44: warning: items[0]._newsletter.sources[0].url: unsafe or relative link \"javascript:window.__pwned=1\" removed (only absolute http and https links are kept)\n",
    ] {
        assert!(run.stderr.contains(expected), "missing {expected:?} in\n{}", run.stderr);
    }
    assert!(
        run.stderr.ends_with("1 file checked: 0 errors, 14 warnings\n"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.lines().count(), 15);
}

#[test]
fn validate_refuses_a_jsonp_provider_off_mailchimps_host() {
    // JSONP answers run as script on the reader's page: only Mailchimp's
    // own form host may give them, and the publisher hears where it went wrong.
    let dir = tempfile::tempdir().unwrap();
    let mut feed = sample_json();
    feed["_newsletter"]["subscribe"] =
        serde_json::json!({"provider": "mailchimp", "url": "https://attacker.example/subscribe/post?u=a1&id=b2"});
    fs::write(
        dir.path().join("evil.json"),
        serde_json::to_string_pretty(&feed).unwrap(),
    )
    .unwrap();
    let run = newsletter_in(dir.path(), &["validate", "evil.json"]);
    let line = run
        .stderr
        .lines()
        .find(|line| line.contains("_newsletter.subscribe.url"))
        .unwrap_or_else(|| panic!("no subscribe.url line in\n{}", run.stderr));
    assert!(line.starts_with("evil.json:"), "{line}");
    assert!(
        line.ends_with(
            "_newsletter.subscribe.url: \"https://attacker.example/subscribe/post?u=a1&id=b2\" is not the action of a Mailchimp embedded form, on Mailchimp's own host: https://NAME.usN.list-manage.com/subscribe/post?u=…&id=… (its answer runs as a script, so no other host is accepted)"
        ),
        "{line}"
    );
    assert!(run.stderr.contains("the subscribe box is not shown"), "{}", run.stderr);
}

#[test]
fn validate_warns_about_unknown_topics_and_sources_without_url() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("issue.json"),
        r#"{
  "version": "https://jsonfeed.org/version/1.1",
  "_newsletter": {"topics": [{"id": "oncology", "label": "Oncology"}]},
  "items": [
    {"id": "a", "title": "A", "tags": ["Oncology", "Nope"],
     "_newsletter": {"sources": [{"title": "Investor call"}]}}
  ]
}
"#,
    )
    .unwrap();
    let run = newsletter_in(dir.path(), &["validate", "issue.json"]);
    assert_eq!(run.status, 0);
    assert_eq!(
        run.stderr,
        "issue.json:5:39: warning: items[0].tags: tag \"Nope\" is not one of _newsletter.topics and is not shown\n\
         issue.json:6:34: warning: items[0]._newsletter.sources[0]: source \"Investor call\" has no URL and is shown as a plain label\n\
         1 file checked: 0 errors, 2 warnings\n"
    );
}

#[test]
fn validate_passes_good_feeds() {
    let run = newsletter(&["validate", "tests/feeds/plain.json"]);
    assert_eq!(
        (run.status, run.stderr.as_str()),
        (0, "1 file checked: 0 errors, 0 warnings\n")
    );
    // The sample's only problems are its sources without links.
    let run = newsletter(&["validate", "issues/2025-12-04.json"]);
    assert_eq!(run.status, 0);
    let (last, problems) = run.stderr.trim_end().rsplit_once('\n').map(|(p, l)| (l, p)).unwrap();
    assert_eq!(last, "1 file checked: 0 errors, 39 warnings");
    assert!(problems
        .lines()
        .all(|l| l.contains("has no URL and is shown as a plain label")));
}

#[test]
fn validate_checks_every_corpus_feed_in_one_run() {
    let run = newsletter(&[
        "validate",
        "tests/feeds/hostile.json",
        "tests/feeds/ids.json",
        "tests/feeds/not-a-feed.json",
        "tests/feeds/not-json.json",
        "tests/feeds/plain.json",
        "tests/feeds/wrong-types.json",
    ]);
    assert_eq!(run.status, 1);
    assert!(
        run.stderr.ends_with("6 files checked: 4 errors, 16 warnings\n"),
        "{}",
        run.stderr
    );
}

#[test]
fn validate_names_files_it_cannot_read_and_goes_on() {
    let run = newsletter(&["validate", "missing.json", "tests/feeds/plain.json"]);
    assert_eq!(run.status, 1);
    assert_eq!(
        run.stderr,
        "newsletter: cannot read missing.json: No such file or directory\n2 files checked: 1 error, 0 warnings\n"
    );
    let run = newsletter(&["validate", "tests/feeds"]);
    assert_eq!(run.status, 1);
    assert!(
        run.stderr.starts_with("newsletter: cannot read tests/feeds: "),
        "{}",
        run.stderr
    );
}

#[test]
fn validate_refuses_text_that_is_not_utf8() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("latin1.json"), b"{\"title\": \"Caf\xe9\"}").unwrap();
    let run = newsletter_in(dir.path(), &["validate", "latin1.json"]);
    assert_eq!(run.status, 1);
    assert_eq!(
        run.stderr,
        "newsletter: cannot read latin1.json: not UTF-8 text (line 1, column 15); save the file as UTF-8\n\
         1 file checked: 1 error, 0 warnings\n"
    );
}

// ---------------------------------------------------------------- usage

#[test]
fn no_arguments_print_the_usage_and_exit_with_2() {
    let run = newsletter(&[]);
    assert_eq!(run.status, 2);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.starts_with("Usage: newsletter <COMMAND>\n"),
        "{}",
        run.stderr
    );
    for command in ["validate", "new", "index", "feed", "prerender", "embed", "help"] {
        assert!(
            run.stderr.contains(&format!("\n  {command} ")),
            "usage lacks {command}: {}",
            run.stderr
        );
    }
    assert!(run.stderr.contains("Exit status: 0 when all is well"));
}

#[test]
fn every_command_has_help_on_stdout() {
    for command in ["validate", "new", "index", "feed", "prerender", "embed"] {
        for args in [vec![command, "--help"], vec![command, "-h"], vec!["help", command]] {
            let run = newsletter(&args);
            assert_eq!(run.status, 0, "{args:?}");
            assert!(
                run.stdout.starts_with(&format!("Usage: newsletter {command} ")),
                "{args:?}: {}",
                run.stdout
            );
            assert!(run.stdout.contains("Exit status: 0"), "{args:?}: {}", run.stdout);
            assert_eq!(run.stderr, "");
        }
    }
    for args in [["--help"], ["-h"], ["help"]] {
        let run = newsletter(&args);
        assert_eq!(run.status, 0);
        assert!(
            run.stdout.starts_with("Usage: newsletter <COMMAND>\n"),
            "{}",
            run.stdout
        );
        assert!(run.stdout.contains("Exit status: 0 when all is well"));
    }
    let run = newsletter(&["--version"]);
    assert_eq!((run.status, run.stdout.as_str()), (0, "newsletter 0.1.0\n"));
}

#[test]
fn bad_arguments_are_explained_and_exit_with_2() {
    // clap's errors: what is wrong, naming the offending argument, then the
    // command's usage (when clap has it to give) and where help is.
    for (args, message, usage) in [
        (
            vec!["publish"],
            "error: unrecognized subcommand 'publish'\n",
            Some("newsletter <COMMAND>"),
        ),
        (
            vec!["--fast", "validate"],
            "error: unexpected argument '--fast' found\n",
            Some("newsletter <COMMAND>"),
        ),
        (
            vec!["validate"],
            "error: the following required arguments were not provided:\n  <FILE>...\n",
            Some("newsletter validate <FILE>..."),
        ),
        (
            vec!["validate", "--strict", "a.json"],
            "error: unexpected argument '--strict' found\n",
            Some("newsletter validate <FILE>..."),
        ),
        (
            vec!["new"],
            "error: the following required arguments were not provided:\n  <ISSUE.md>\n",
            Some("newsletter new <ISSUE.md>"),
        ),
        (
            vec!["new", "a.md", "-o"],
            "error: a value is required for '--output <FILE>' but none was supplied\n",
            None,
        ),
        (
            vec!["new", "a.md", "-o", "x.json", "--output", "y.json"],
            "error: the argument '--output <FILE>' cannot be used multiple times\n",
            Some("newsletter new [OPTIONS] <ISSUE.md>"),
        ),
        (
            vec!["new", "-o", "a.md", "a.md"],
            "error: the output file would overwrite ISSUE.md\n",
            Some("newsletter new [OPTIONS] <ISSUE.md>"),
        ),
        (
            vec!["index", "a", "b"],
            "error: unexpected argument 'b' found\n",
            Some("newsletter index [OPTIONS] <DIR>"),
        ),
        (
            vec!["prerender", "issues/index.json"],
            "error: the following required arguments were not provided:\n  <PAGE>\n",
            Some("newsletter prerender <FEED> <PAGE>"),
        ),
        (
            vec!["feed", "--base-url", "example.org", "issues"],
            "error: invalid value 'example.org' for '--base-url <URL>': not an absolute http or https URL without '?' or '#'\n",
            None,
        ),
        (
            vec!["help", "me"],
            "error: unrecognized subcommand 'me'\n",
            Some("newsletter <COMMAND>"),
        ),
    ] {
        let run = newsletter(&args);
        assert_eq!(run.status, 2, "{args:?}");
        assert!(run.stderr.starts_with(message), "{args:?}: {}", run.stderr);
        if let Some(usage) = usage {
            assert!(
                run.stderr.contains(&format!("\nUsage: {usage}\n")),
                "{args:?}: {}",
                run.stderr
            );
        }
        assert!(
            run.stderr.ends_with("\nFor more information, try '--help'.\n"),
            "{args:?}: {}",
            run.stderr
        );
        assert_eq!(run.stdout, "");
    }
}

#[test]
fn the_help_and_usage_errors_in_the_documentation_are_what_the_tool_prints() {
    let doc = fs::read_to_string(repo().join("docs/cli.md")).unwrap();
    for line in [
        "index -h",
        "validate --strict a.json",
        "new -o issue.md issue.md",
        "feed --base-url example.org issues",
    ] {
        // The text after the command, up to the next command or the end of the block.
        let (_, after) = doc
            .split_once(&format!("\n$ newsletter {line}\n"))
            .unwrap_or_else(|| panic!("docs/cli.md does not show 'newsletter {line}'"));
        let block = after.split("```").next().unwrap_or_default();
        let quoted = block.split("\n$ ").next().unwrap_or_default();
        let quoted = quoted.strip_suffix('\n').unwrap_or(quoted);
        let run = newsletter(&line.split(' ').collect::<Vec<_>>());
        let printed = run.stdout + &run.stderr;
        assert_eq!(quoted, printed.trim_end_matches('\n'), "newsletter {line}");
    }
}

// ---------------------------------------------------------------- new

#[test]
fn the_markdown_sample_converts_to_exactly_the_sample_issue() {
    let run = newsletter(&["new", "issues/2025-12-04.md"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let converted: Value = serde_json::from_str(&run.stdout).unwrap();
    check_schema(&converted, "the converted sample issue");
    let sample = sample_json();
    assert_eq!(converted, sample);
    // And with the members in the same order.
    assert_eq!(converted.to_string(), sample.to_string());
    // The same validation as `validate`, at the Markdown's lines.
    assert!(run.stderr.starts_with(
        "issues/2025-12-04.md:31:10: warning: items[0]._newsletter.sources[0]: source \"Citation 1\" has no URL and is shown as a plain label\n"
    ), "{}", run.stderr);
    assert!(run
        .stderr
        .ends_with("converted issues/2025-12-04.md: 20 stories; 0 errors, 39 warnings\n"));
}

#[test]
fn the_example_in_the_documentation_converts_as_described() {
    let doc = fs::read_to_string(repo().join("docs/cli.md")).unwrap();
    let example = doc
        .split_once("### Example\n\n```markdown\n")
        .and_then(|(_, rest)| rest.split_once("```"))
        .map(|(example, _)| example)
        .expect("docs/cli.md has the example");
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("example.md"), example).unwrap();
    let run = newsletter_in(dir.path(), &["new", "example.md"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let feed: Value = serde_json::from_str(&run.stdout).unwrap();
    check_schema(&feed, "the documentation's example, converted");
    assert_eq!(feed["_newsletter"]["topics"].as_array().unwrap().len(), 2);
    assert_eq!(
        feed["_newsletter"]["summary"],
        "Two stories this week: a gene therapy gets a new way in, and a regulator asks for comments.\n\nAs always, every story lists its sources."
    );
    assert_eq!(feed["items"][0]["date_published"], "2025-12-04T00:00:00Z");
    assert_eq!(
        feed["items"][1]["id"],
        "consultation-opens-on-cell-and-gene-therapy-rules"
    );
    assert_eq!(
        feed["_newsletter"]["closing"],
        "Thanks for reading. The next issue arrives on 11 December."
    );
}

#[test]
fn new_writes_to_a_file_with_o() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("2025-12-04.json");
    let md = repo().join("issues/2025-12-04.md");
    let run = newsletter(&["new", md.to_str().unwrap(), "-o", output.to_str().unwrap()]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "");
    assert!(run
        .stderr
        .ends_with(&format!("to {}: 20 stories; 0 errors, 39 warnings\n", output.display())));
    let written: Value = serde_json::from_str(&fs::read_to_string(&output).unwrap()).unwrap();
    check_schema(&written, "the issue written with -o");
    assert_eq!(written, sample_json());
}

#[test]
fn new_reports_markdown_errors_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("issue.md"),
        "---\ntitle: Week 2\nissue-date: 2025-12-11\n---\n\n# This week\n\nIntro.\n\n## First\nTopics: Oncology\nTags: x\n\nText.\n\n##\n",
    )
    .unwrap();
    let run = newsletter_in(dir.path(), &["new", "issue.md", "-o", "issue.json"]);
    assert_eq!(run.status, 1);
    assert_eq!(
        run.stderr,
        "issue.md:3:1: error: unknown front matter key \"issue-date\"; the keys are title, home_page_url, feed_url, description, language, author, name, tagline, issue_date, topic, subscribe_title, subscribe_text, and subscribe.SETTING for the subscribe box\n\
         issue.md:12:1: error: unknown story field \"Tags\"; the fields are Id, Topics, Sources, Source, Summary, Date, Url, External-Url, Image (start a line of text with '\\' to keep it as text)\n\
         issue.md:16:1: error: a story heading needs a headline: '## Headline'\n\
         newsletter: issue.json not written: 3 errors\n"
    );
    assert!(!dir.path().join("issue.json").exists());
}

#[test]
fn new_reports_validation_problems_at_markdown_lines() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("issue.md"),
        "---\nissue_date: 2025-12-11\ntopic: oncology = Oncology\n---\n\n## A story\nTopics: Oncology, Gardening\nUrl: /relative\n\nText.\n\n## A story\n\nSame id.\n",
    )
    .unwrap();
    let run = newsletter_in(dir.path(), &["new", "issue.md"]);
    assert_eq!(run.status, 1);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "issue.md:7:9: warning: items[0].tags: tag \"Gardening\" is not one of _newsletter.topics and is not shown\n\
         issue.md:8:6: warning: items[0].url: unsafe or relative link \"/relative\" removed (only absolute http and https links are kept)\n\
         issue.md:12:1: error: items[1].id: duplicate id \"a-story\" (first used by items[0]); story skipped\n\
         newsletter: nothing written: 1 error\n"
    );
}

#[test]
fn new_writes_markdown_as_html_and_warns_where_the_reader_drops_something() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("issue.md"),
        "---\nname: Example\nsubscribe.title: Join\nsubscribe.provider: mailchimp\nsubscribe.url: https://example.us1.list-manage.com/subscribe/post?u=abc&id=def\n---\n\n# This week\n\nA **bold** week.\n\n## A story\nTopics: Oncology\n\nIt costs *less* at [the shop](https://example.org/shop):\n\n- one\n- two\n\n```\n## not a story\n```\n\n<script>alert(1)</script>\n\n![A photo](http://example.org/photo.jpg)\n\n## Same\n\n## Same\n",
    )
    .unwrap();
    let run = newsletter_in(dir.path(), &["new", "issue.md", "-o", "issue.json"]);
    assert_eq!(run.status, 1, "{}", run.stderr);
    // The intro keeps its bold (`_newsletter.summary_html`): no warning for it.
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(
        lines[0],
        "issue.md:24:1: warning: items[0].content_html: raw HTML: the reader removes <script> elements"
    );
    assert!(
        lines[1].starts_with("issue.md:26:1: warning: items[0].content_html: image \"A photo\" (http://example.org/photo.jpg) is not shown"),
        "{}",
        run.stderr
    );
    assert_eq!(
        lines[2..],
        [
            "issue.md:30:1: error: items[2].id: duplicate id \"same\" (first used by items[1]); story skipped",
            "newsletter: issue.json not written: 1 error"
        ]
    );

    // Without the duplicate, the feed is written, and its HTML shows in the reader.
    let text = fs::read_to_string(dir.path().join("issue.md")).unwrap();
    fs::write(dir.path().join("issue.md"), text.replace("\n## Same\n\n## Same\n", "")).unwrap();
    let run = newsletter_in(dir.path(), &["new", "issue.md", "-o", "issue.json"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let feed = read_json(&dir.path().join("issue.json"));
    check_schema(&feed, "an issue written in Markdown");
    let story = &feed["items"][0];
    assert_eq!(feed["items"].as_array().unwrap().len(), 1, "code is never structure");
    assert!(story["content_html"].as_str().unwrap().starts_with(
        "<p>It costs <em>less</em> at <a href=\"https://example.org/shop\">the shop</a>:</p>\n<ul>\n<li>one</li>"
    ));
    assert_eq!(feed["_newsletter"]["subscribe"]["provider"], "mailchimp");
    let validate = newsletter_in(dir.path(), &["validate", "issue.json"]);
    assert_eq!(validate.status, 0, "{}", validate.stderr);
    assert!(!validate.stderr.contains("subscribe"), "{}", validate.stderr);
}

#[test]
fn new_names_a_missing_file() {
    let run = newsletter(&["new", "missing.md"]);
    assert_eq!(
        (run.status, run.stderr.as_str()),
        (1, "newsletter: cannot read missing.md: No such file or directory\n")
    );
}

// ---------------------------------------------------------------- index and feed

/// A directory with the sample issue, a newer issue, and stale generated
/// files that must not be read as issues.
fn issue_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(
        repo().join("issues/2025-12-04.json"),
        dir.path().join("2025-12-04.json"),
    )
    .unwrap();
    fs::write(
        dir.path().join("2025-12-11.json"),
        r#"{
  "version": "https://jsonfeed.org/version/1.1",
  "title": "Week 2: <b>bold</b> & \"quoted\"",
  "_newsletter": {
    "name": "Newsletter",
    "issue_date": "2025-12-11",
    "summary": "The U.S. FDA approved two therapies this week. Both are gene therapies.\n\nA second paragraph."
  },
  "items": [
    {
      "id": "itvisma-intrathecal-sma",
      "title": "A follow-up with the same id as last week's story",
      "content_html": "<p>Rich <em>text</em> with a <a href=\"https://example.org/a?b=1&amp;c=2\">link</a>.</p><script>alert(1)</script>",
      "url": "https://example.org/stories/follow-up",
      "tags": ["Gene therapy"],
      "date_published": "2025-12-10T09:00:00Z",
      "_newsletter": {"sources": [{"title": "Press release", "url": "https://example.org/press"}]}
    },
    {"id": "skipped", "title": 42},
    {"id": "control", "title": "Control \u0001 characters & <markup>", "content_text": "Fish & chips <3"}
  ]
}
"#,
    )
    .unwrap();
    fs::write(dir.path().join("index.json"), "stale, not JSON").unwrap();
    fs::write(dir.path().join("feed.json"), "stale, not JSON").unwrap();
    dir
}

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// An RFC 3339 date-time, as JSON Feed requires: `2025-12-04T00:00:00Z`,
/// with optional fractions and a `Z` or `±hh:mm` offset. `time` takes any
/// character between date and time (RFC 3339 lets applications agree on a
/// space); the grammar, like JSON Schema's `date-time`, has a `T`.
fn is_rfc3339(text: &str) -> bool {
    OffsetDateTime::parse(text, &Rfc3339).is_ok() && text.get(10..11).is_some_and(|t| t.eq_ignore_ascii_case("T"))
}

/// The issue format's JSON Schema, with formats (`date`, `date-time`,
/// `uri`, `email`) checked too.
fn schema() -> &'static jsonschema::Validator {
    static SCHEMA: OnceLock<jsonschema::Validator> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        let schema = read_json(&repo().join("docs/issue-format.schema.json"));
        jsonschema::draft202012::options()
            .should_validate_formats(true)
            .build(&schema)
            .unwrap_or_else(|e| panic!("docs/issue-format.schema.json: {e}"))
    })
}

/// Checks `feed` (named `what` in messages) against
/// `docs/issue-format.schema.json`, listing every violation.
fn check_schema(feed: &Value, what: &str) {
    let errors: Vec<String> = schema()
        .iter_errors(feed)
        .map(|e| format!("  {}: {e}", e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{what} does not match docs/issue-format.schema.json:\n{}",
        errors.join("\n")
    );
}

/// Checks a document against the JSON Feed 1.1 rules
/// (https://www.jsonfeed.org/version/1.1/): required members, types, unique
/// item ids, content in every item, RFC 3339 dates, extensions prefixed `_`.
fn check_json_feed(feed: &Value) {
    const FEED_KEYS: [&str; 15] = [
        "version",
        "title",
        "home_page_url",
        "feed_url",
        "description",
        "user_comment",
        "next_url",
        "icon",
        "favicon",
        "authors",
        "author",
        "language",
        "expired",
        "hubs",
        "items",
    ];
    const ITEM_KEYS: [&str; 16] = [
        "id",
        "url",
        "external_url",
        "title",
        "content_html",
        "content_text",
        "summary",
        "image",
        "banner_image",
        "date_published",
        "date_modified",
        "authors",
        "author",
        "tags",
        "language",
        "attachments",
    ];
    let feed = feed.as_object().expect("a feed is an object");
    assert_eq!(feed["version"], "https://jsonfeed.org/version/1.1");
    assert!(
        feed["title"].as_str().is_some_and(|t| !t.is_empty()),
        "title is required"
    );
    for (key, _) in feed {
        assert!(
            FEED_KEYS.contains(&key.as_str()) || key.starts_with('_'),
            "unknown member {key}"
        );
    }
    for key in ["home_page_url", "feed_url"] {
        if let Some(url) = feed.get(key) {
            assert!(
                url.as_str().is_some_and(|u| u.starts_with("https://")),
                "{key} must be a full URL"
            );
        }
    }
    for key in ["description", "language"] {
        if let Some(value) = feed.get(key) {
            assert!(value.is_string(), "{key} must be a string");
        }
    }
    if let Some(authors) = feed.get("authors") {
        for author in authors.as_array().expect("authors is a list") {
            assert!(
                author["name"].is_string() || author["url"].is_string(),
                "an author needs a name or url"
            );
        }
    }
    let mut ids = HashSet::new();
    for item in feed["items"].as_array().expect("items is a list") {
        let item = item.as_object().expect("an item is an object");
        let id = item["id"].as_str().expect("id is a string");
        assert!(
            !id.is_empty() && ids.insert(id.to_owned()),
            "id {id:?} empty or not unique"
        );
        for (key, _) in item {
            assert!(
                ITEM_KEYS.contains(&key.as_str()) || key.starts_with('_'),
                "unknown item member {key}"
            );
        }
        assert!(
            item.get("content_html").is_some_and(Value::is_string)
                || item.get("content_text").is_some_and(Value::is_string),
            "item {id} needs content_html or content_text"
        );
        for key in ["url", "external_url", "title", "summary", "image"] {
            if let Some(value) = item.get(key) {
                assert!(value.is_string(), "{id}: {key} must be a string");
            }
        }
        for key in ["date_published", "date_modified"] {
            if let Some(date) = item.get(key) {
                assert!(
                    date.as_str().is_some_and(is_rfc3339),
                    "{id}: {key} {date} is not RFC 3339"
                );
            }
        }
        if let Some(tags) = item.get("tags") {
            assert!(tags.as_array().expect("tags is a list").iter().all(Value::is_string));
        }
    }
}

fn parse_feed(path: &Path) -> feed_rs::model::Feed {
    feed_rs::parser::parse(fs::read(path).unwrap().as_slice()).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

// The index is checked against the JSON Feed rules only: the schema
// describes issues, whose items are stories, and an index's items are issues
// (with relative addresses unless --base-url is given).

#[test]
fn the_schema_accepts_the_sample_issue() {
    check_schema(&sample_json(), "issues/2025-12-04.json");
}

#[test]
fn the_schema_checker_rejects_what_the_schema_forbids() {
    // Formats are checked too: a day that does not exist, a date that is
    // not a date-time, a story without an id.
    let mut feed = sample_json();
    feed["_newsletter"]["issue_date"] = "2025-02-29".into();
    feed["items"][0]["date_published"] = "2025-12-04".into();
    feed["items"][1].as_object_mut().unwrap().remove("id");
    let paths: Vec<String> = schema()
        .iter_errors(&feed)
        .map(|e| e.instance_path().to_string())
        .collect();
    assert_eq!(
        paths,
        ["/_newsletter/issue_date", "/items/0/date_published", "/items/1"],
        "{paths:?}"
    );
}

#[test]
fn the_rfc3339_checker_itself_works() {
    for good in ["2025-12-04T00:00:00Z", "2025-12-04T09:30:00.123+01:00"] {
        assert!(is_rfc3339(good), "{good}");
    }
    for bad in [
        "2025-12-04",
        "2025-12-04 00:00:00Z",
        "2025-12-04T00:00:00",
        "2025-12-04T00:00:00.Z",
        // Days and times that do not exist.
        "2025-02-29T00:00:00Z",
        "2025-12-04T24:00:00Z",
        "2025-12-04T09:30:00+25:00",
    ] {
        assert!(!is_rfc3339(bad), "{bad}");
    }
}

#[test]
fn index_lists_the_issues_newest_first() {
    let dir = issue_dir();
    let run = newsletter_in(dir.path(), &["index", "."]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .starts_with("wrote ./index.json: 2 issues\nwrote ./search/manifest.json: "),
        "{}",
        run.stderr
    );
    let index = read_json(&dir.path().join("index.json"));
    check_json_feed(&index);
    assert_eq!(index["title"], "Newsletter");
    assert_eq!(
        index["_newsletter"],
        serde_json::json!({"name": "Newsletter", "kind": "index"})
    );
    let items = index["items"].as_array().unwrap();
    assert_eq!(items.len(), 2, "index.json and feed.json are not issues");
    assert_eq!(items[0]["id"], "2025-12-11");
    assert_eq!(items[0]["url"], "2025-12-11.json");
    assert_eq!(items[0]["date_published"], "2025-12-11T00:00:00Z");
    assert_eq!(items[0]["summary"], "The U.S. FDA approved two therapies this week.");
    assert_eq!(
        items[0]["content_text"],
        "The U.S. FDA approved two therapies this week. Both are gene therapies.\n\nA second paragraph."
    );
    assert_eq!(items[1]["url"], "2025-12-04.json");
    assert_eq!(items[1]["title"], "Week 1 of December 2025");
    assert_eq!(
        items[1]["summary"],
        "Week 1 of December 2025 (November 27 - December 3) witnessed a landscape of innovation and challenges coexisting in the life sciences sector."
    );
    assert!(
        index.get("feed_url").is_none(),
        "no address is made up without --base-url"
    );

    // An independent parser reads it the same way.
    let parsed = parse_feed(&dir.path().join("index.json"));
    assert_eq!(parsed.feed_type, feed_rs::model::FeedType::JSON);
    assert_eq!(parsed.title.unwrap().content, "Newsletter");
    let entry_ids: Vec<&str> = parsed.entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(entry_ids, ["2025-12-11", "2025-12-04"]);
    assert_eq!(parsed.entries[1].links[0].href, "2025-12-04.json");
    assert_eq!(
        parsed.entries[1].published.unwrap().to_rfc3339(),
        "2025-12-04T00:00:00+00:00"
    );
}

#[test]
fn index_with_a_base_url_has_absolute_addresses() {
    let dir = issue_dir();
    let run = newsletter_in(dir.path(), &["index", "--base-url", "https://example.org/issues", "."]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let index = read_json(&dir.path().join("index.json"));
    check_json_feed(&index);
    assert_eq!(index["feed_url"], "https://example.org/issues/index.json");
    assert_eq!(index["home_page_url"], "https://example.org/issues/");
    assert_eq!(index["items"][1]["url"], "https://example.org/issues/2025-12-04.json");
    // The widget reads the index as a feed without any problem.
    let decoded = newsletter_core::read_issue(&fs::read_to_string(dir.path().join("index.json")).unwrap()).unwrap();
    assert_eq!(decoded.notices, []);
}

#[test]
fn feed_writes_every_story_as_json_feed_and_rss() {
    let dir = issue_dir();
    let run = newsletter_in(dir.path(), &["feed", "."]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "./2025-12-11.json:19:5: warning: items[1]: the story has no title, content_text, content_html, summary or image; story skipped (left out of the archive)\n\
         ./feed.xml: warning: the channel has no <link>, which RSS 2.0 asks for: pass --base-url, or give the issues a home_page_url\n\
         wrote ./feed.json and ./feed.xml: 22 stories from 2 issues\n"
    );

    let json = read_json(&dir.path().join("feed.json"));
    check_json_feed(&json);
    // The archive is a feed of stories, which the widget reads like an issue.
    check_schema(&json, "feed.json");
    assert_eq!(json["title"], "Newsletter");
    assert_eq!(json["_newsletter"]["kind"], "archive");
    let items = json["items"].as_array().unwrap();
    assert_eq!(items.len(), 22);
    // Ids are unique across issues: the same story id in two issues.
    assert_eq!(items[0]["id"], "2025-12-11/itvisma-intrathecal-sma");
    assert_eq!(items[2]["id"], "2025-12-04/itvisma-intrathecal-sma");
    // The sanitized HTML, never the issue's own markup.
    assert_eq!(
        items[0]["content_html"],
        "<p>Rich <em>text</em> with a <a href=\"https://example.org/a?b=1&amp;c=2\">link</a>.</p>\
         <p>Sources:</p><ol><li><a href=\"https://example.org/press\">Press release</a></li></ol>"
    );
    assert_eq!(items[0]["url"], "https://example.org/stories/follow-up");
    assert_eq!(items[0]["tags"], serde_json::json!(["Gene therapy"]));
    assert_eq!(items[0]["date_published"], "2025-12-10T00:00:00Z");
    // No address is made up for stories without one.
    assert!(items[2].get("url").is_none() && items[2].get("external_url").is_none());
    assert_eq!(items[2]["tags"], serde_json::json!(["Gene therapy", "Drug approvals"]));
    assert!(items[2]["content_text"]
        .as_str()
        .unwrap()
        .ends_with("\n\nSources:\n1. Citation 1\n2. Citation 2"));
    // The widget reads the archive with no story skipped.
    let decoded = newsletter_core::read_issue(&fs::read_to_string(dir.path().join("feed.json")).unwrap()).unwrap();
    assert_eq!(decoded.skipped().count(), 0);
    assert_eq!(decoded.issue.stories.len(), 22);

    // feed-rs reads both feeds alike.
    let from_json = parse_feed(&dir.path().join("feed.json"));
    let from_rss = parse_feed(&dir.path().join("feed.xml"));
    assert_eq!(from_rss.feed_type, feed_rs::model::FeedType::RSS2);
    assert_eq!(from_rss.title.as_ref().unwrap().content, "Newsletter");
    assert_eq!(
        from_rss.description.as_ref().unwrap().content,
        "Life sciences, every week"
    );
    assert_eq!(from_rss.entries.len(), 22);
    for (json_entry, rss_entry) in from_json.entries.iter().zip(&from_rss.entries) {
        assert_eq!(json_entry.id, rss_entry.id);
        // XML cannot hold control characters; the RSS titles lose them.
        let title = |e: &feed_rs::model::Entry| {
            e.title
                .as_ref()
                .map(|t| t.content.chars().filter(|c| !c.is_control()).collect::<String>())
        };
        assert_eq!(title(json_entry), title(rss_entry));
        assert_eq!(json_entry.published, rss_entry.published, "{}", rss_entry.id);
        assert!(rss_entry.published.is_some());
        let links = |e: &feed_rs::model::Entry| e.links.iter().map(|l| l.href.clone()).collect::<Vec<_>>();
        assert_eq!(links(json_entry), links(rss_entry), "{}", rss_entry.id);
        let categories = |e: &feed_rs::model::Entry| e.categories.iter().map(|c| c.term.clone()).collect::<Vec<_>>();
        assert_eq!(categories(json_entry), categories(rss_entry));
        assert_eq!(
            json_entry.content.as_ref().and_then(|c| c.body.clone()),
            rss_entry.summary.as_ref().map(|s| s.content.clone()),
            "the RSS description is the same HTML"
        );
    }
    // Markup and control characters in titles survive as text.
    let control = from_rss.entries.iter().find(|e| e.id == "2025-12-11/control").unwrap();
    assert_eq!(
        control.title.as_ref().unwrap().content,
        "Control  characters & <markup>"
    );

    let xml = fs::read_to_string(dir.path().join("feed.xml")).unwrap();
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\">\n"));
    assert!(xml.contains("<guid isPermaLink=\"false\">2025-12-04/itvisma-intrathecal-sma</guid>"));
    assert!(xml.contains("<pubDate>Thu, 04 Dec 2025 00:00:00 GMT</pubDate>"));
    assert!(xml.contains("<title>Control  characters &amp; &lt;markup&gt;</title>"));
    // Only the one story with a URL has a link; the channel has none without --base-url.
    assert_eq!(xml.matches("<link>").count(), 1);
    assert!(xml.contains("<link>https://example.org/stories/follow-up</link>"));
}

#[test]
fn feed_with_a_base_url_links_to_itself() {
    let dir = issue_dir();
    let run = newsletter_in(dir.path(), &["feed", "--base-url=https://example.org/issues/", "."]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("<link>"), "{}", run.stderr);
    let json = read_json(&dir.path().join("feed.json"));
    check_json_feed(&json);
    check_schema(&json, "feed.json with --base-url");
    assert_eq!(json["feed_url"], "https://example.org/issues/feed.json");
    assert_eq!(json["home_page_url"], "https://example.org/issues/");
    // Stories still get no made-up links.
    assert!(json["items"][2].get("url").is_none());
    let xml = fs::read_to_string(dir.path().join("feed.xml")).unwrap();
    assert!(xml.contains(
        "<atom:link href=\"https://example.org/issues/feed.xml\" rel=\"self\" type=\"application/rss+xml\"/>"
    ));
    assert!(xml.contains("    <link>https://example.org/issues/</link>\n"));
    let parsed = parse_feed(&dir.path().join("feed.xml"));
    let hrefs: Vec<&str> = parsed.links.iter().map(|l| l.href.as_str()).collect();
    assert_eq!(
        hrefs,
        ["https://example.org/issues/", "https://example.org/issues/feed.xml"]
    );
}

#[test]
fn index_and_feed_refuse_broken_issues_and_write_nothing() {
    for (command, output) in [("index", "index.json"), ("feed", "feed.json")] {
        let dir = tempfile::tempdir().unwrap();
        for name in ["not-json.json", "not-a-feed.json", "plain.json"] {
            fs::copy(repo().join("tests/feeds").join(name), dir.path().join(name)).unwrap();
        }
        let run = newsletter_in(dir.path(), &[command, "."]);
        assert_eq!(run.status, 1, "{command}");
        assert_eq!(
            run.stderr,
            format!(
                "./not-a-feed.json:1:1: error: not a JSON Feed: there is no \"items\" list\n\
                 ./not-json.json:4:3: error: not valid JSON: expected ',' or '}}' after a member, found '\"'\n\
                 newsletter: ./{output} not written: 2 errors\n"
            ),
            "{command}"
        );
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            3,
            "{command} wrote something"
        );
    }
}

#[test]
fn index_and_feed_need_a_name_and_dates() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(repo().join("tests/feeds/plain.json"), dir.path().join("plain.json")).unwrap();
    fs::write(
        dir.path().join("undated.json"),
        r#"{"version": "https://jsonfeed.org/version/1.1", "items": []}"#,
    )
    .unwrap();
    let run = newsletter_in(dir.path(), &["index", "."]);
    assert_eq!(run.status, 1);
    assert_eq!(
        run.stderr,
        "./undated.json: error: the issue has no date: add _newsletter.issue_date (YYYY-MM-DD) or date its stories\n\
         newsletter: ./index.json not written: 1 error\n"
    );
    fs::remove_file(dir.path().join("undated.json")).unwrap();
    let run = newsletter_in(dir.path(), &["feed", "."]);
    assert_eq!(run.status, 1);
    assert_eq!(
        run.stderr,
        "./plain.json: error: no issue has _newsletter.name, which names the newsletter in the index and the archive\n\
         newsletter: ./feed.json not written: 1 error\n"
    );
}

#[test]
fn feed_refuses_two_stories_with_one_archive_id() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(repo().join("issues/2025-12-04.json"), dir.path().join("a.json")).unwrap();
    fs::copy(repo().join("issues/2025-12-04.json"), dir.path().join("b.json")).unwrap();
    let run = newsletter_in(dir.path(), &["feed", "."]);
    assert_eq!(run.status, 1);
    assert!(run.stderr.starts_with(
        "./a.json: error: story \"itvisma-intrathecal-sma\" has the archive id \"2025-12-04/itvisma-intrathecal-sma\", like a story in ./b.json: give one of them another id\n"
    ), "{}", run.stderr);
    assert!(run.stderr.ends_with("newsletter: ./feed.json not written: 20 errors\n"));
}

#[test]
fn index_and_feed_name_missing_or_empty_directories() {
    let run = newsletter(&["index", "no-such-dir"]);
    assert_eq!(
        (run.status, run.stderr.as_str()),
        (
            1,
            "newsletter: cannot read the directory no-such-dir: No such file or directory\n"
        )
    );
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("index.json"), "{}").unwrap();
    let run = newsletter_in(dir.path(), &["feed", "."]);
    assert_eq!(
        (run.status, run.stderr.as_str()),
        (
            1,
            "newsletter: no issue feeds (*.json files other than index.json and feed.json) in .\n"
        )
    );
}
