//! One reader's search across the archive: the manifest, the files fetched
//! so far, and what to fetch next. The widget loops on [`Session::step`]:
//! it fetches the files a [`Step::Fetch`] names, hands them over with
//! [`Session::add`], and asks again until the results are [`Step::Ready`].
//! Files stay for the next query: shard names carry their text's hash, so
//! a name never comes back with other text.

use super::{ArchiveSearchError, Files, IssueGroup, Manifest, Matches, Query, TopicCount, FOLDER, MANIFEST, PER_PAGE};

/// The manifest's address relative to the archive's `index.json`.
pub fn manifest_path() -> String {
    format!("{FOLDER}/{MANIFEST}")
}

/// A shard's address relative to the archive's `index.json`.
pub fn file_path(name: &str) -> String {
    format!("{FOLDER}/{name}")
}

/// The manifest and the files fetched so far.
#[derive(Debug, Clone)]
pub struct Session {
    manifest: Manifest,
    files: Files,
    /// The last query's matches: its next steps (its story shards, "More
    /// results") do not match again.
    last: Option<(Query, Matches)>,
}

/// What the results need next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// These files, by name in the search folder; none fetched yet.
    Fetch(Vec<String>),
    /// Everything was at hand.
    Ready(Results),
}

/// The results shown: the first pages, grouped by issue, newest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Results {
    /// How many stories match in all.
    pub total: usize,
    /// Every topic of the archive with its count under the search.
    pub topics: Vec<TopicCount>,
    /// The query's folded words, for highlighting.
    pub terms: Vec<String>,
    /// The stories shown, by issue; one issue's stories stay in one group
    /// even when they span pages.
    pub issues: Vec<IssueGroup>,
    /// How many matching stories are not shown yet ("More results").
    pub remaining: usize,
}

impl Results {
    /// How many stories are shown.
    pub fn shown(&self) -> usize {
        self.issues.iter().map(|group| group.stories.len()).sum()
    }
}

impl Session {
    /// A session on the archive `manifest` describes, with no shard yet.
    pub fn new(manifest: Manifest) -> Self {
        Session {
            manifest,
            files: Files::new(),
            last: None,
        }
    }

    /// Keeps a fetched file.
    pub fn add(&mut self, name: String, text: String) {
        self.files.insert(name, text);
    }

    /// What `query` needs next to show its first `pages` pages
    /// ([`PER_PAGE`] results each): files to fetch, or the results. An
    /// empty query shows no story, only every topic's count.
    pub fn step(&mut self, query: &Query, pages: usize) -> Result<Step, ArchiveSearchError> {
        let files = &self.files;
        let missing = |names: Vec<String>| -> Vec<String> {
            names.into_iter().filter(|name| !files.contains_key(name)).collect()
        };
        let matches = match &self.last {
            Some((last, matches)) if last == query => matches,
            _ => {
                let first = missing(self.manifest.files_for(query));
                if !first.is_empty() {
                    return Ok(Step::Fetch(first));
                }
                let postings = missing(self.manifest.postings_files(query, files)?);
                if !postings.is_empty() {
                    return Ok(Step::Fetch(postings));
                }
                let matches = self.manifest.matches(query, files)?;
                &self.last.insert((query.clone(), matches)).1
            }
        };
        // The first `pages` pages as one: one issue's stories stay together.
        let shown = PER_PAGE.saturating_mul(pages.max(1));
        let stories = missing(self.manifest.page_files(matches, 0, shown));
        if !stories.is_empty() {
            return Ok(Step::Fetch(stories));
        }
        let page = self.manifest.page(matches, 0, shown, files)?;
        Ok(Step::Ready(Results {
            total: page.total,
            remaining: page.total.saturating_sub(shown),
            topics: matches.topics.clone(),
            terms: matches.terms.clone(),
            issues: page.issues,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::super::build::{BuiltIndex, ShardSizes};
    use super::*;
    use crate::{read_issue, Issue};

    /// `weeks` issues of `per_issue` stories: every story says "gene", each
    /// third one "oncology" and has that topic.
    fn archive(weeks: usize, per_issue: usize) -> Vec<(String, Issue)> {
        (0..weeks)
            .map(|week| {
                let date = format!("2025-{:02}-{:02}", 1 + week / 28, 1 + week % 28);
                let items: Vec<serde_json::Value> = (0..per_issue)
                    .map(|at| {
                        let oncology = (week * per_issue + at) % 3 == 0;
                        serde_json::json!({
                            "id": format!("w{week}-s{at}"),
                            "title": format!("Gene story {at} of week {week}"),
                            "content_text": if oncology { "An oncology trial <b>opens</b>." } else { "A gene therapy." },
                            "tags": if oncology { vec!["Oncology"] } else { vec!["Policy"] },
                        })
                    })
                    .collect();
                let feed = serde_json::json!({
                    "version": "https://jsonfeed.org/version/1.1",
                    "title": format!("Week {week}"),
                    "_newsletter": {
                        "issue_date": date,
                        "topics": [{"id": "oncology", "label": "Oncology"}, {"id": "policy", "label": "Policy"}],
                    },
                    "items": items,
                });
                (date, read_issue(&feed.to_string()).unwrap().issue)
            })
            .collect()
    }

    fn index(issues: &[(String, Issue)]) -> BuiltIndex {
        super::super::tests::index_with(issues, &|text: &str| text.to_owned(), ShardSizes::tiny(256))
    }

    /// Runs the widget's loop, answering every fetch from `built`; returns
    /// the results and every batch of names asked for.
    fn run(session: &mut Session, built: &BuiltIndex, query: &Query, pages: usize) -> (Results, Vec<Vec<String>>) {
        let mut asked = Vec::new();
        loop {
            match session.step(query, pages).unwrap() {
                Step::Ready(results) => return (results, asked),
                Step::Fetch(names) => {
                    for name in &names {
                        let text = built.files().find(|(n, _)| n == name).unwrap().1;
                        session.add(name.clone(), text.to_owned());
                    }
                    asked.push(names);
                }
            }
        }
    }

    fn session(built: &BuiltIndex) -> Session {
        Session::new(Manifest::read(&built.manifest).unwrap())
    }

    #[test]
    fn addresses_are_relative_to_the_index() {
        assert_eq!(manifest_path(), "search/manifest.json");
        assert_eq!(file_path("topics-1.tsv"), "search/topics-1.tsv");
    }

    #[test]
    fn an_empty_query_fetches_only_the_topics_and_shows_every_count() {
        let built = index(&archive(3, 6));
        let mut session = session(&built);
        let (results, asked) = run(&mut session, &built, &Query::new("", &[]), 1);
        assert_eq!(asked.len(), 1);
        assert_eq!(asked[0].len(), 1);
        assert!(asked[0][0].starts_with("topics-"));
        assert_eq!(results.total, 0);
        assert!(results.issues.is_empty());
        let counts: Vec<(&str, usize)> = results.topics.iter().map(|t| (t.id.as_str(), t.count)).collect();
        assert_eq!(counts, [("policy", 12), ("oncology", 6)]);
    }

    #[test]
    fn results_are_grouped_by_issue_newest_first_and_pages_add_up() {
        let built = index(&archive(4, 6));
        let mut session = session(&built);
        let query = Query::new("gene", &[]);
        let (first, _) = run(&mut session, &built, &query, 1);
        assert_eq!((first.total, first.shown(), first.remaining), (24, PER_PAGE, 14));
        let dates: Vec<&str> = first.issues.iter().map(|g| g.date.as_str()).collect();
        assert_eq!(dates, ["2025-01-04", "2025-01-03"]);
        assert_eq!(first.issues[0].stories[0].story_id, "w3-s0");
        let (more, _) = run(&mut session, &built, &query, 2);
        assert_eq!((more.shown(), more.remaining), (20, 4));
        // The issue cut by the first page's end is one group on two pages.
        assert_eq!(more.issues.len(), 4);
        assert_eq!(more.issues[1].stories.len(), 6);
        let (all, _) = run(&mut session, &built, &query, 3);
        assert_eq!((all.shown(), all.remaining), (24, 0));
    }

    #[test]
    fn files_fetched_once_are_not_asked_for_again() {
        let built = index(&archive(2, 4));
        let mut session = session(&built);
        let (_, asked) = run(&mut session, &built, &Query::new("gene", &[]), 1);
        assert_eq!(
            asked.len(),
            3,
            "the topics and term shards, then the long story lists, then the story shard"
        );
        let (again, asked) = run(&mut session, &built, &Query::new("GENE", &[]), 1);
        assert!(asked.is_empty());
        assert_eq!(again.total, 8);
    }

    #[test]
    fn a_topic_across_issues_counts_and_lists_its_stories_newest_first() {
        let built = index(&archive(3, 6));
        let mut session = session(&built);
        let (results, _) = run(&mut session, &built, &Query::new("", &["oncology".to_owned()]), 1);
        assert_eq!(results.total, 6);
        let ids: Vec<&str> = results
            .issues
            .iter()
            .flat_map(|g| g.stories.iter().map(|s| s.story_id.as_str()))
            .collect();
        assert_eq!(ids, ["w2-s0", "w2-s3", "w1-s0", "w1-s3", "w0-s0", "w0-s3"]);
        let (narrowed, _) = run(&mut session, &built, &Query::new("trial", &["oncology".to_owned()]), 1);
        assert_eq!(narrowed.total, 6);
        let policy = narrowed.topics.iter().find(|t| t.id == "policy").unwrap();
        assert_eq!(policy.count, 0, "counts follow the search");
    }

    #[test]
    fn a_shard_that_is_not_one_is_an_error_naming_it() {
        let built = index(&archive(2, 4));
        let mut session = session(&built);
        let Step::Fetch(names) = session.step(&Query::new("", &[]), 1).unwrap() else {
            panic!("the topics file first");
        };
        session.add(names[0].clone(), "<!doctype html><p>Not found</p>".to_owned());
        let error = session.step(&Query::new("", &[]), 1).unwrap_err();
        assert!(error.to_string().contains(&names[0]), "{error}");
    }

    #[test]
    fn highlighting_marks_the_query_in_headlines_and_excerpts() {
        let built = index(&archive(1, 1));
        let mut session = session(&built);
        let (results, _) = run(&mut session, &built, &Query::new("ONCO", &[]), 1);
        let hit = &results.issues[0].stories[0];
        let marked: Vec<&str> = hit
            .excerpt_segments(&results.terms)
            .into_iter()
            .filter(|s| s.hit)
            .map(|s| s.text)
            .collect();
        assert_eq!(marked, ["onco"]);
        // Raw text: the widget escapes it.
        assert!(hit.excerpt.contains("An oncology trial"));
    }
}
