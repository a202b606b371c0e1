//! The archive index against a plain scan: every query must find, across
//! issues, exactly what in-issue search finds in each issue.

use super::build::{build_sized, searchable_text, ArchiveIssue, BuiltIndex, ShardSizes};
use super::*;
use crate::feed::date::Date;
use crate::view::search::SearchIndex;
use crate::{read_issue, Issue};

/// A small deterministic generator, so the archive is the same every run.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const WORDS: &[&str] = &[
    "gene",
    "therapy",
    "Thérapie",
    "génique",
    "CRISPR",
    "Zürich",
    "São",
    "Paulo",
    "naïve",
    "café",
    "Łódź",
    "ΘΕΡΑΠΕΊΑ",
    "θεραπεία",
    "Генная",
    "терапия",
    "基因",
    "治疗",
    "GROẞ",
    "groß",
    "İstanbul",
    "FDA",
    "U.S.",
    "trial,",
    "(phase",
    "2)",
    "approval.",
    "oncology",
    "cell",
    "e",
    "a",
    "x-ray",
    "co-op",
    "über",
    "ÉTÉ",
];
const TOPICS: &[(&str, &str)] = &[
    ("oncology", "Oncology"),
    ("gene-therapy", "Gene therapy"),
    ("china", "China"),
    ("policy", "Policy & regulation"),
];

fn sentence(random: &mut Random, words: usize) -> String {
    (0..words)
        .map(|_| WORDS[random.below(WORDS.len())])
        .collect::<Vec<_>>()
        .join(" ")
}

/// `count` issues, a week apart, of 1 to 6 stories.
fn archive(count: usize) -> Vec<(String, Issue)> {
    let mut random = Random(0x9e37_79b9_7f4a_7c15);
    let mut issues = Vec::new();
    for week in 0..count {
        let day = 1 + week % 28;
        let month = 1 + week / 28;
        let date = format!("2025-{month:02}-{day:02}");
        let stories: Vec<serde_json::Value> = (0..1 + random.below(6))
            .map(|at| {
                let topics: Vec<&str> = TOPICS
                    .iter()
                    .filter(|_| random.below(3) == 0)
                    .map(|(_, label)| *label)
                    .collect();
                let mut story = serde_json::json!({
                    "id": format!("s{at}"),
                    "title": sentence(&mut random, 4),
                    "tags": topics,
                    "_newsletter": {"sources": [{"title": format!("Source {}", random.below(50))}]},
                });
                if random.below(2) == 0 {
                    story["content_text"] = sentence(&mut random, 12).into();
                    story["summary"] = sentence(&mut random, 3).into();
                } else {
                    story["content_html"] = format!(
                        "<p>{}</p><p><b>{}</b></p>",
                        sentence(&mut random, 8),
                        sentence(&mut random, 5)
                    )
                    .into();
                }
                story
            })
            .collect();
        let feed = serde_json::json!({
            "version": "https://jsonfeed.org/version/1.1",
            "title": format!("Week {week}"),
            "_newsletter": {
                "issue_date": date,
                "topics": TOPICS.iter().map(|(id, label)| serde_json::json!({"id": id, "label": label})).collect::<Vec<_>>(),
            },
            "items": stories,
        });
        issues.push((date, read_issue(&feed.to_string()).unwrap().issue));
    }
    let sample = read_issue(include_str!("../../../issues/2025-12-04.json"))
        .unwrap()
        .issue;
    issues.push(("2025-12-04".to_owned(), sample));
    issues
}

fn index_of(issues: &[(String, Issue)], shard_bytes: usize) -> BuiltIndex {
    index_sized(issues, ShardSizes::tiny(shard_bytes))
}

fn index_sized(issues: &[(String, Issue)], sizes: ShardSizes) -> BuiltIndex {
    index_with(issues, &|text: &str| text.chars().take(40).collect(), sizes)
}

/// The index of `issues`, each named and dated by its id, with
/// `first_sentence` writing the excerpts. Shared with `session.rs`'s tests.
pub(super) fn index_with(
    issues: &[(String, Issue)],
    first_sentence: &dyn Fn(&str) -> String,
    sizes: ShardSizes,
) -> BuiltIndex {
    let refs: Vec<ArchiveIssue<'_>> = issues
        .iter()
        .map(|(id, issue)| ArchiveIssue {
            id,
            date: Date::parse_ymd(id).unwrap(),
            href: id,
            title: id,
            issue,
        })
        .collect();
    build_sized(&refs, first_sentence, sizes)
}

fn files_of(built: &BuiltIndex) -> Files {
    built
        .files()
        .map(|(name, text)| (name.to_owned(), text.to_owned()))
        .collect()
}

/// Every result of `query`, page by page, as (issue id, story id), and the
/// topic counts; only the files the plan names are handed over.
fn search(built: &BuiltIndex, query: &Query) -> (Vec<(String, String)>, Vec<TopicCount>) {
    let all = files_of(built);
    let manifest = Manifest::read(&built.manifest).unwrap();
    let pick = |names: Vec<String>| -> Files { names.into_iter().map(|n| (n.clone(), all[&n].clone())).collect() };
    let mut files = pick(manifest.files_for(query));
    files.extend(pick(manifest.postings_files(query, &files).unwrap()));
    let matches = manifest.matches(query, &files).unwrap();
    let mut found = Vec::new();
    for page in 0..matches.numbers.len().div_ceil(PER_PAGE) {
        let files = pick(manifest.page_files(&matches, page, PER_PAGE));
        let result = manifest.page(&matches, page, PER_PAGE, &files).unwrap();
        assert!(result.issues.windows(2).all(|w| w[0].date >= w[1].date), "newest first");
        for group in result.issues {
            found.extend(group.stories.into_iter().map(|hit| (group.id.clone(), hit.story_id)));
        }
    }
    (found, matches.topics)
}

/// What in-issue search shows, issue by issue, newest issue first.
fn scan(issues: &[(String, Issue)], query: &Query) -> Vec<(String, String)> {
    let mut newest_first: Vec<&(String, Issue)> = issues.iter().collect();
    newest_first.sort_by(|a, b| b.0.cmp(&a.0));
    let mut found = Vec::new();
    for (id, issue) in newest_first {
        let selected: Vec<usize> = (0..issue.topics.len())
            .filter(|&t| query.topics.contains(&issue.topics[t].id))
            .collect();
        if !query.topics.is_empty() && selected.is_empty() {
            continue;
        }
        let outcome = SearchIndex::new(issue).apply(&selected, &query.terms);
        found.extend(
            outcome
                .visible
                .into_iter()
                .map(|at| (id.clone(), issue.stories[at].id.clone())),
        );
    }
    found
}

/// Queries: fixed ones (accents, other scripts, punctuation, one letter)
/// and pieces cut from the stories' own text (prefixes and middles).
fn queries(issues: &[(String, Issue)]) -> Vec<String> {
    let mut queries: Vec<String> = [
        "gene",
        "GENE THERAPY",
        "therapie",
        "thérapie génique",
        "zurich",
        "ZÜRICH",
        "sao paulo",
        "lodz",
        "LÓDŹ",
        "θεραπεια",
        "ΘΕΡΑΠΕΊΑ",
        "генная",
        "ТЕРАПИЯ",
        "基因",
        "治",
        "gross",
        "groß",
        "istanbul",
        "i̇stanbul",
        "u.s.",
        ".",
        ",",
        "(",
        "2)",
        "e",
        "é",
        "a e",
        "x-r",
        "-op",
        "ete",
        "nothing-like-this",
        "citation",
        "source 4",
        "fda trial, approval.",
        "rap",
        "erap",
        "ß",
    ]
    .iter()
    .map(|q| (*q).to_owned())
    .collect();
    let mut random = Random(7);
    let texts: Vec<String> = issues
        .iter()
        .flat_map(|(_, issue)| issue.stories.iter().map(|s| searchable_text(s)))
        .collect();
    for _ in 0..150 {
        let text: Vec<char> = texts[random.below(texts.len())].chars().collect();
        let start = random.below(text.len());
        let len = 1 + random.below(8);
        let piece: String = text[start..(start + len).min(text.len())].iter().collect();
        if !piece.trim().is_empty() {
            queries.push(piece);
        }
    }
    queries
}

#[test]
fn every_query_finds_what_a_scan_of_every_issue_finds() {
    let issues = archive(40);
    // Tiny shards put nearly every key in its own file, so one-letter
    // words span many; the default size puts many keys in one.
    for shard_bytes in [1, 700, build::TERM_SHARD_BYTES] {
        let built = index_of(&issues, shard_bytes);
        let mut found_some = 0;
        for text in queries(&issues) {
            let query = Query::new(&text, &[]);
            let expected = scan(&issues, &query);
            assert_eq!(
                search(&built, &query).0,
                expected,
                "{text:?} with {shard_bytes}-byte shards"
            );
            found_some += usize::from(!expected.is_empty());
        }
        assert!(found_some > 150, "{found_some} queries found something");
    }
}

#[test]
fn topics_across_issues_agree_with_each_issue_and_count_every_topic() {
    let issues = archive(30);
    let built = index_of(&issues, 2_000);
    for (text, topics) in [
        ("", vec!["oncology"]),
        ("", vec!["oncology", "china"]),
        ("gene", vec!["policy"]),
        ("thérapie", vec!["gene-therapy", "oncology"]),
        ("", vec!["no-such-topic"]),
    ] {
        let topics: Vec<String> = topics.into_iter().map(str::to_owned).collect();
        let query = Query::new(text, &topics);
        let (found, counts) = search(&built, &query);
        assert_eq!(found, scan(&issues, &query), "{text:?} {topics:?}");
        // Each count is what a click on that topic alone would show.
        for count in &counts {
            let alone = Query::new(text, std::slice::from_ref(&count.id));
            assert_eq!(count.count, scan(&issues, &alone).len(), "{}", count.id);
        }
        assert!(
            counts.iter().any(|c| c.id == "gene-editing"),
            "the sample's topics are there too"
        );
    }
}

#[test]
fn a_query_needs_the_topics_file_and_one_term_shard_a_word() {
    let built = index_of(&archive(40), 700);
    let manifest = Manifest::read(&built.manifest).unwrap();
    assert!(manifest.terms.len() > 20, "{}", manifest.terms.len());
    let topics_only = vec![manifest.topics.clone()];
    assert_eq!(manifest.files_for(&Query::new("", &[])), topics_only);
    assert_eq!(manifest.files_for(&Query::new("", &["oncology".into()])), topics_only);
    let files = manifest.files_for(&Query::new("therapy Zürich", &[]));
    assert_eq!(files.len(), 3, "{files:?}");
    assert!(
        manifest.files_for(&Query::new("e", &[])).len() > 2,
        "one letter spans shards"
    );
}

#[test]
fn an_empty_query_shows_no_story_and_every_topic_with_all_its_stories() {
    let issues = archive(20);
    let built = index_of(&issues, 700);
    let manifest = Manifest::read(&built.manifest).unwrap();
    let matches = manifest.matches(&Query::default(), &files_of(&built)).unwrap();
    assert!(matches.numbers.is_empty());
    for count in &matches.topics {
        let alone = Query::new("", std::slice::from_ref(&count.id));
        assert_eq!(count.count, scan(&issues, &alone).len(), "{}", count.id);
    }
    let counts: Vec<usize> = matches.topics.iter().map(|t| t.count).collect();
    assert!(
        counts.windows(2).all(|w| w[0] >= w[1]),
        "most stories first: {counts:?}"
    );
}

#[test]
fn results_come_in_pages_grouped_by_issue_with_highlights() {
    let issues = archive(40);
    let built = index_of(&issues, build::TERM_SHARD_BYTES);
    let manifest = Manifest::read(&built.manifest).unwrap();
    let files = files_of(&built);
    let query = Query::new("cafe", &[]);
    let matches = manifest.matches(&query, &files).unwrap();
    let first = manifest.page(&matches, 0, 5, &files).unwrap();
    assert_eq!(first.total, matches.numbers.len());
    assert_eq!(first.pages, matches.numbers.len().div_ceil(5));
    assert_eq!(first.issues.iter().map(|g| g.stories.len()).sum::<usize>(), 5);
    assert!(manifest.page_files(&matches, 0, 5).len() <= 2);
    let hit = first
        .issues
        .iter()
        .flat_map(|g| &g.stories)
        .find(|h| h.headline.contains("café"))
        .unwrap();
    let marked: Vec<&str> = hit
        .headline_segments(&matches.terms)
        .iter()
        .filter(|s| s.hit)
        .map(|s| s.text)
        .collect();
    assert!(marked.iter().all(|m| *m == "café"), "{marked:?}");
    let beyond = manifest.page(&matches, 1_000, 5, &files).unwrap();
    assert!(beyond.issues.is_empty());
}

#[test]
fn building_twice_gives_the_same_files_and_a_new_issue_keeps_old_story_shards() {
    let mut issues = archive(60);
    let before = index_of(&issues, build::TERM_SHARD_BYTES);
    assert_eq!(before, index_of(&issues, build::TERM_SHARD_BYTES));
    let newest = archive(61).remove(60);
    issues.push(("2025-12-25".to_owned(), newest.1));
    let after = index_of(&issues, build::TERM_SHARD_BYTES);
    let old_names: Vec<&str> = before.shards.iter().map(|(n, _)| n.as_str()).collect();
    let manifest = Manifest::read(&after.manifest).unwrap();
    let kept = manifest
        .story_files
        .iter()
        .filter(|n| old_names.contains(&n.as_str()))
        .count();
    assert!(
        kept + 1 >= Manifest::read(&before.manifest).unwrap().story_files.len(),
        "{kept}"
    );
}

#[test]
fn a_missing_or_broken_file_is_named() {
    let built = index_of(&archive(10), 700);
    let manifest = Manifest::read(&built.manifest).unwrap();
    let query = Query::new("therapy", &[]);
    let mut files = files_of(&built);
    let shard = manifest.files_for(&query)[1].clone();
    let text = files.remove(&shard).unwrap();
    assert_eq!(
        manifest.matches(&query, &files).unwrap_err(),
        ArchiveSearchError::Missing { file: shard.clone() }
    );
    assert_eq!(
        manifest.matches(&query, &files).unwrap_err().to_string(),
        format!("search/{shard} is missing")
    );
    assert!(text.starts_with("newsletter-search terms 2\n"));
    files.insert(shard.clone(), "<!doctype html><p>Not found</p>".to_owned());
    let error = manifest.matches(&query, &files).unwrap_err();
    assert!(
        matches!(&error, ArchiveSearchError::BadShard { file, line: 1, .. } if *file == shard),
        "{error}"
    );
    let mut files = files_of(&built);
    let topics = manifest.topics.clone();
    files.insert(
        topics.clone(),
        format!("{}\noncology\tOncology\t3\td1,1", super::TOPICS_HEADER),
    );
    let chosen = Query::new("therapy", &["oncology".to_owned()]);
    let error = manifest.matches(&chosen, &files).unwrap_err();
    assert_eq!(
        error.to_string(),
        format!("search/{topics}, line 2: unreadable story numbers, or not as many as the count")
    );
    files.insert(
        topics.clone(),
        format!(
            "{}
oncology	Oncology	many	d1",
            super::TOPICS_HEADER
        ),
    );
    let error = manifest.matches(&query, &files).unwrap_err();
    assert_eq!(
        error.to_string(),
        format!("search/{topics}, line 2: the count is not a number")
    );
}

#[test]
fn long_story_lists_are_fetched_only_for_words_that_match() {
    // Lists past 16 bytes go to postings files: "source" is in every story
    // (each has a source), "47" in a few.
    let sizes = ShardSizes {
        term_shard: 700,
        inline_postings: 16,
        postings_file: 200,
    };
    let issues = archive(40);
    let built = index_sized(&issues, sizes);
    let manifest = Manifest::read(&built.manifest).unwrap();
    let files = files_of(&built);
    let postings: Vec<&String> = files.keys().filter(|name| name.starts_with("postings-")).collect();
    assert!(!postings.is_empty(), "common words have postings files");
    let mut common_and_rare = Vec::new();
    for text in ["source", "47"] {
        let query = Query::new(text, &[]);
        let shards: Files = manifest
            .files_for(&query)
            .into_iter()
            .map(|name| (name.clone(), files[&name].clone()))
            .collect();
        common_and_rare.push(manifest.postings_files(&query, &shards).unwrap());
    }
    assert!(
        !common_and_rare[0].is_empty(),
        "a common word's list is in a postings file"
    );
    assert!(common_and_rare[1].is_empty(), "{common_and_rare:?}");
    // Each long list is written once, not in every shard that files its word.
    let source_lists = files
        .values()
        .flat_map(|text| text.lines())
        .filter(|line| line.starts_with("source\t") || line.starts_with("w\tsource\t") && !line.contains("\t@"))
        .count();
    assert_eq!(source_lists, 1);
    // Every query still finds what a scan finds, with these sizes too.
    for text in queries(&issues).iter().take(60) {
        let query = Query::new(text, &[]);
        assert_eq!(search(&built, &query).0, scan(&issues, &query), "query {text:?}");
    }
}

#[test]
fn a_missing_or_broken_postings_file_is_named() {
    let built = index_of(&archive(10), 700);
    let manifest = Manifest::read(&built.manifest).unwrap();
    let query = Query::new("source", &[]);
    let files = files_of(&built);
    let needed = manifest.postings_files(&query, &files).unwrap();
    let name = needed[0].clone();
    let mut without = files.clone();
    without.remove(&name);
    assert_eq!(
        manifest.matches(&query, &without).unwrap_err(),
        ArchiveSearchError::Missing { file: name.clone() }
    );
    let mut emptied = files.clone();
    emptied.insert(name.clone(), format!("{}\n", super::POSTINGS_HEADER));
    let error = manifest.matches(&query, &emptied).unwrap_err().to_string();
    assert!(
        error.starts_with(&format!("search/{name}, line 1: no line for \"")),
        "{error}"
    );
    // A term shard may name only a file of the search folder.
    let shard = manifest.files_for(&query)[1].clone();
    let mut escaping = files.clone();
    escaping.insert(
        shard.clone(),
        files[&shard].replace(&format!("@{name}"), "@../../secrets.tsv"),
    );
    let error = manifest.postings_files(&query, &escaping).unwrap_err();
    assert!(
        matches!(&error, ArchiveSearchError::BadShard { file, reason, .. } if *file == shard && reason.contains("is not a file name")),
        "{error}"
    );
}

#[test]
fn a_story_missing_from_its_shard_is_reported_with_the_shard() {
    let built = index_of(&archive(10), 700);
    let manifest = Manifest::read(&built.manifest).unwrap();
    let mut files = files_of(&built);
    let query = Query::new("", &["oncology".into()]);
    let matches = manifest.matches(&query, &files).unwrap();
    let shard = manifest.page_files(&matches, 0, PER_PAGE)[0].clone();
    let only_issues: String = files[&shard]
        .lines()
        .filter(|l| !l.starts_with("s\t"))
        .map(|l| format!("{l}\n"))
        .collect();
    files.insert(shard.clone(), only_issues);
    let error = manifest.page(&matches, 0, PER_PAGE, &files).unwrap_err();
    assert!(
        matches!(&error, ArchiveSearchError::StoryMissing { file, .. } if *file == shard),
        "{error}"
    );
}

#[test]
fn bad_manifests_are_refused_with_a_reason() {
    let built = index_of(&archive(3), 700);
    assert!(Manifest::read(&built.manifest).is_ok());
    for (text, says) in [
        ("not json", "not a search manifest"),
        ("{}", "no \"format\""),
        (
            // An index from before postings files: its shards hold every
            // list, and reading it as this version would is not safe.
            &built.manifest.replace("\"version\": 2", "\"version\": 1"),
            "version 1 is not 2: rebuild the index",
        ),
        (
            &built.manifest.replace("\"topics\": \"", "\"topics\": \"../"),
            "is not a file name",
        ),
        (
            &built.manifest.replace("\"stories\": ", "\"stories\": 1000"),
            "story shards for",
        ),
    ] {
        let error = Manifest::read(text).unwrap_err().to_string();
        assert!(error.contains(says), "{error}");
    }
}
