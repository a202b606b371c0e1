//! Search and topics across the whole archive, from static files.
//!
//! `newsletter index` writes a sharded index next to `index.json`
//! ([`build`]); the widget reads it here, fetching only the files a query
//! needs. A search means what it means inside an issue
//! ([`crate::view::search`]): the query's words are folded
//! ([`crate::case_fold`]) and a story matches when its folded text holds
//! every one of them, anywhere. The files (`docs/archive-search.md`):
//!
//! * `manifest.json`: names the current files (content-hashed names, so a
//!   CDN may cache them forever) and how many stories there are.
//! * term shards: for every two-character piece ("key") of every folded
//!   word, the words holding it and, once per shard, each word's stories.
//!   A query word is found under its first two characters, in one shard.
//! * postings files: the long story lists (common words), each written
//!   once, named by the term shards; fetched only for words that match.
//! * `topics-….tsv`: every topic's stories across issues, with counts.
//! * story shards: headline, first sentence, issue, date, for result lists,
//!   [`STORIES_PER_SHARD`] stories each.
//!
//! Stories are numbered oldest issue first and, within an issue, from its
//! last story to its first, so that a new issue only adds numbers and the
//! reading order (newest issue first, each in its own order) is the
//! numbers' descending order.
//!
//! The widget's steps: [`Manifest::read`], [`Query::new`],
//! [`Manifest::files_for`] (fetch them), [`Manifest::postings_files`]
//! (fetch them), [`Manifest::matches`], then
//! [`Manifest::page_files`] (fetch them) and [`Manifest::page`].

pub mod build;
mod postings;
pub mod session;

use std::collections::HashMap;

use crate::feed::json::{self, Node, Value};
use crate::view::search::{highlight, search_terms, Segment};

/// The manifest's fixed name, in the search folder next to `index.json`.
pub const MANIFEST: &str = "manifest.json";

/// The folder the index lives in, next to `index.json`.
pub const FOLDER: &str = "search";

/// The manifest's `format` member.
const FORMAT: &str = "newsletter-search";

/// The format's version: 2 keeps long story lists in postings files (1
/// wrote them into term shards, and is refused with a message to rebuild).
const VERSION: &str = "2";

/// Stories per story shard: a result page of 10 usually needs one file.
pub const STORIES_PER_SHARD: u32 = 64;

/// How many results a page shows unless asked otherwise.
pub const PER_PAGE: usize = 10;

/// What can go wrong reading the index. Each names the file at fault, so
/// the widget can say search across issues is unavailable and log why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ArchiveSearchError {
    /// The manifest is not what `newsletter index` writes.
    #[error("search/{MANIFEST} is not a search manifest: {reason}")]
    BadManifest {
        /// What is wrong, with the line and column where that helps.
        reason: String,
    },
    /// A file the query needs was not given (not fetched, or failed).
    #[error("search/{file} is missing")]
    Missing {
        /// The file's name in the search folder.
        file: String,
    },
    /// A shard's text does not follow the format.
    #[error("search/{file}, line {line}: {reason}")]
    BadShard {
        /// The file's name in the search folder.
        file: String,
        /// The line, from 1.
        line: usize,
        /// What is wrong.
        reason: String,
    },
    /// A story listed by a term or topic is not in its story shard: the
    /// files are from different builds, or an issue is missing.
    #[error("search/{file} has no story {number}: the index is incomplete (rebuild it with `newsletter index`)")]
    StoryMissing {
        /// The story shard that should hold it.
        file: String,
        /// The story's number.
        number: u32,
    },
}

/// The manifest: which files hold what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Manifest {
    /// How many stories the archive holds.
    pub stories: u32,
    /// The topics file.
    pub topics: String,
    /// Term shards: the first key each holds, in order, and its name. The
    /// first starts at the empty key.
    pub terms: Vec<(String, String)>,
    /// Story shards, `STORIES_PER_SHARD` numbers each, in order.
    pub story_files: Vec<String>,
}

/// A reader's query: folded words and chosen topics (ids).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    /// The folded words, as [`search_terms`] splits them.
    pub terms: Vec<String>,
    /// The chosen topic ids: a story shows when it has any of them.
    pub topics: Vec<String>,
}

impl Query {
    /// The query for the search box's `text` and the chosen `topics`.
    pub fn new(text: &str, topics: &[String]) -> Self {
        Query {
            terms: search_terms(text),
            topics: topics.to_vec(),
        }
    }

    /// Whether the query asks for nothing (no word, no topic).
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty() && self.topics.is_empty()
    }
}

/// A topic across the archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicCount {
    /// The topic's id (`topics=` in the address).
    pub id: String,
    /// Its label, as the newest issue that has it writes it.
    pub label: String,
    /// How many stories match the search and have the topic (all its
    /// stories when there is no search): what a click on it alone shows.
    pub count: usize,
}

/// What a query matched, before any story text is fetched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matches {
    /// The stories to show, by number, newest issue first, each issue's in
    /// its order.
    pub numbers: Vec<u32>,
    /// Every topic of the archive, in the topics file's order (most
    /// stories first), with its count under the search.
    pub topics: Vec<TopicCount>,
    /// The query's folded words, for highlighting.
    pub terms: Vec<String>,
}

/// One page of results, grouped by issue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultPage {
    /// How many stories match in all.
    pub total: usize,
    /// The page shown, from 0.
    pub page: usize,
    /// How many pages there are.
    pub pages: usize,
    /// The page's stories, by issue, newest issue first.
    pub issues: Vec<IssueGroup>,
}

/// The results from one issue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueGroup {
    /// The issue's id (`#issue=`).
    pub id: String,
    /// Its date, `YYYY-MM-DD`.
    pub date: String,
    /// Its feed's address, as `index.json` writes it.
    pub href: String,
    /// Its title.
    pub title: String,
    /// Its matching stories, in issue order.
    pub stories: Vec<Hit>,
}

/// One matching story.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Its number in the index.
    pub number: u32,
    /// The story's id in its issue (`#story=`).
    pub story_id: String,
    /// Its headline (empty when it has none).
    pub headline: String,
    /// Its first sentence.
    pub excerpt: String,
}

impl Hit {
    /// The headline cut into plain and matching segments, as in-issue
    /// search highlights.
    pub fn headline_segments<'a>(&'a self, terms: &[String]) -> Vec<Segment<'a>> {
        highlight(&self.headline, terms)
    }

    /// The excerpt cut into plain and matching segments.
    pub fn excerpt_segments<'a>(&'a self, terms: &[String]) -> Vec<Segment<'a>> {
        highlight(&self.excerpt, terms)
    }
}

/// The fetched files, by name.
pub type Files = HashMap<String, String>;

fn get<'a>(files: &'a Files, name: &str) -> Result<&'a str, ArchiveSearchError> {
    files
        .get(name)
        .map(String::as_str)
        .ok_or_else(|| ArchiveSearchError::Missing { file: name.to_owned() })
}

fn bad_manifest(reason: impl Into<String>) -> ArchiveSearchError {
    ArchiveSearchError::BadManifest { reason: reason.into() }
}

/// A manifest member's items, borrowed: at 52,000 stories the manifest
/// lists some 1,100 files, and copying them cost the first query time.
fn list<'a>(node: &'a Node, what: &str) -> Result<&'a [Node], ArchiveSearchError> {
    match &node.value {
        Value::Array(items) => Ok(items),
        _ => Err(bad_manifest(format!("{what} is not a list ({})", node.at))),
    }
}

/// A safe file name for the search folder: no path, no query, nothing a
/// URL would read differently.
fn is_file_name(name: &str) -> bool {
    !name.is_empty() && !name.starts_with('.') && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
}

impl Manifest {
    /// Reads `manifest.json`.
    pub fn read(text: &str) -> Result<Self, ArchiveSearchError> {
        let root = json::parse(text).map_err(|e| bad_manifest(e.to_string()))?;
        let member = |key: &str| root.get(key).ok_or_else(|| bad_manifest(format!("no \"{key}\"")));
        let string = |node: &Node, what: &str| {
            node.as_str()
                .map(str::to_owned)
                .ok_or_else(|| bad_manifest(format!("{what} is not a string ({})", node.at)))
        };
        let file = |node: &Node, what: &str| {
            let name = string(node, what)?;
            if is_file_name(&name) {
                Ok(name)
            } else {
                Err(bad_manifest(format!(
                    "{what} \"{name}\" is not a file name ({})",
                    node.at
                )))
            }
        };
        if member("format")?.as_str() != Some(FORMAT) {
            return Err(bad_manifest(format!("\"format\" is not \"{FORMAT}\"")));
        }
        let version = member("version")?;
        if !matches!(&version.value, Value::Number(n) if n == VERSION) {
            return Err(bad_manifest(format!(
                "version {} is not {VERSION}: rebuild the index with this version's `newsletter index`",
                json_text(version)
            )));
        }
        let stories_node = member("stories")?;
        let stories = match &stories_node.value {
            Value::Number(n) => n.parse::<u32>().ok(),
            _ => None,
        }
        .ok_or_else(|| bad_manifest(format!("\"stories\" is not a count ({})", stories_node.at)))?;
        let topics = file(member("topics")?, "\"topics\"")?;
        let mut terms = Vec::new();
        for entry in list(member("terms")?, "\"terms\"")? {
            let pair = list(entry, "a \"terms\" entry")?;
            let [key, name] = pair else {
                return Err(bad_manifest(format!(
                    "a \"terms\" entry is not [key, file] ({})",
                    entry.at
                )));
            };
            terms.push((string(key, "a term key")?, file(name, "a term shard")?));
        }
        if terms.first().is_none_or(|(key, _)| !key.is_empty()) || !terms.windows(2).all(|w| w[0].0 < w[1].0) {
            return Err(bad_manifest("\"terms\" must start at the empty key and go up"));
        }
        let story_files = list(member("story_files")?, "\"story_files\"")?
            .iter()
            .map(|node| file(node, "a story shard"))
            .collect::<Result<Vec<_>, _>>()?;
        if story_files.len() != stories.div_ceil(STORIES_PER_SHARD) as usize {
            return Err(bad_manifest(format!(
                "{} story shards for {stories} stories",
                story_files.len()
            )));
        }
        Ok(Manifest {
            stories,
            topics,
            terms,
            story_files,
        })
    }

    /// The term shards holding `key` and every key it starts, in order.
    fn shards_for_prefix(&self, prefix: &str) -> std::ops::Range<usize> {
        // The shard holding a key is the last one whose first key is not
        // above it; keys starting with `prefix` run from `prefix` up to
        // the first key that no longer starts with it.
        let holding = |key: &str| self.terms.partition_point(|(first, _)| first.as_str() <= key) - 1;
        let first = holding(prefix);
        let after = self.terms[first + 1..]
            .iter()
            .position(|(start, _)| !start.starts_with(prefix) && start.as_str() > prefix)
            .map_or(self.terms.len(), |at| first + 1 + at);
        first..after
    }

    /// The files `query` needs first: the topics file (every topic's count,
    /// and the chosen topics' stories; alone for an empty query, whose
    /// matches are no stories and every topic's count across the archive),
    /// and the term shards of its words.
    pub fn files_for(&self, query: &Query) -> Vec<String> {
        let mut files = vec![self.topics.clone()];
        for term in &query.terms {
            for at in self.shards_for_prefix(&lookup_key(term)) {
                let name = &self.terms[at].1;
                if !files.contains(name) {
                    files.push(name.clone());
                }
            }
        }
        files
    }

    /// The postings files `query`'s words need, once the files
    /// [`Manifest::files_for`] named are in: the long story lists of the
    /// words that match.
    pub fn postings_files(&self, query: &Query, files: &Files) -> Result<Vec<String>, ArchiveSearchError> {
        let mut names: Vec<String> = Vec::new();
        for term in &query.terms {
            let key = lookup_key(term);
            for at in self.shards_for_prefix(&key) {
                let shard = &self.terms[at].1;
                for (_, stories, line) in term_words(shard, get(files, shard)?, &key, term)? {
                    if let Some(name) = postings_file(shard, stories, line)? {
                        if !names.iter().any(|known| known == name) {
                            names.push(name.to_owned());
                        }
                    }
                }
            }
        }
        Ok(names)
    }

    /// The stories `query` matches, and every topic's count, from the files
    /// [`Manifest::files_for`] and [`Manifest::postings_files`] named.
    pub fn matches(&self, query: &Query, files: &Files) -> Result<Matches, ArchiveSearchError> {
        let topics = read_topics(&self.topics, get(files, &self.topics)?)?;
        // `None`: every story (no words).
        let mut matched: Option<postings::Bits> = None;
        for term in &query.terms {
            let key = lookup_key(term);
            let mut found = postings::Bits::default();
            for at in self.shards_for_prefix(&key) {
                found.or(&term_stories(files, &self.terms[at].1, &key, term)?);
            }
            match &mut matched {
                None => matched = Some(found),
                Some(before) => before.and(&found),
            }
            if matched.as_ref().is_some_and(postings::Bits::is_empty) {
                break;
            }
        }
        let mut counts = Vec::with_capacity(topics.len());
        for topic in &topics {
            let count = match &matched {
                None => topic.count,
                Some(bits) => postings::count_in(topic.stories, bits)
                    .ok_or_else(|| bad_line(&self.topics, topic.line, "unreadable story numbers"))?,
            };
            counts.push(TopicCount {
                id: topic.id.to_owned(),
                label: topic.label.to_owned(),
                count,
            });
        }
        let mut chosen: Option<postings::Bits> = None;
        for topic in topics.iter().filter(|t| query.topics.iter().any(|id| id == t.id)) {
            chosen
                .get_or_insert_with(postings::Bits::default)
                .or(&topic.numbers(&self.topics)?);
        }
        if !query.topics.is_empty() && chosen.is_none() {
            // Only unknown topics chosen: nothing has them.
            chosen = Some(postings::Bits::default());
        }
        let numbers = match (matched, chosen) {
            (Some(mut m), Some(c)) => {
                m.and(&c);
                m.descending()
            }
            (Some(only), None) | (None, Some(only)) => only.descending(),
            (None, None) => Vec::new(),
        };
        Ok(Matches {
            numbers,
            topics: counts,
            terms: query.terms.clone(),
        })
    }

    /// The story shards page `page` (of `per_page` results) needs.
    pub fn page_files(&self, matches: &Matches, page: usize, per_page: usize) -> Vec<String> {
        let mut files: Vec<String> = Vec::new();
        for &number in page_numbers(matches, page, per_page) {
            if let Some(name) = self.story_files.get((number / STORIES_PER_SHARD) as usize) {
                if !files.contains(name) {
                    files.push(name.clone());
                }
            }
        }
        files
    }

    /// Page `page` of the results, from the files [`Manifest::page_files`]
    /// named.
    pub fn page(
        &self,
        matches: &Matches,
        page: usize,
        per_page: usize,
        files: &Files,
    ) -> Result<ResultPage, ArchiveSearchError> {
        let per_page = per_page.max(1);
        let mut shards: HashMap<&str, StoryShard> = HashMap::new();
        let mut groups: Vec<IssueGroup> = Vec::new();
        for &number in page_numbers(matches, page, per_page) {
            let name = self
                .story_files
                .get((number / STORIES_PER_SHARD) as usize)
                .ok_or_else(|| ArchiveSearchError::StoryMissing {
                    file: self.story_files.last().cloned().unwrap_or_default(),
                    number,
                })?;
            if !shards.contains_key(name.as_str()) {
                shards.insert(name, read_story_shard(name, get(files, name)?)?);
            }
            let shard = &shards[name.as_str()];
            let (issue, hit) = shard.story(number).ok_or_else(|| ArchiveSearchError::StoryMissing {
                file: name.clone(),
                number,
            })?;
            match groups.last_mut() {
                Some(group) if group.id == issue.id => group.stories.push(hit.clone()),
                _ => groups.push(IssueGroup {
                    id: issue.id.clone(),
                    date: issue.date.clone(),
                    href: issue.href.clone(),
                    title: issue.title.clone(),
                    stories: vec![hit.clone()],
                }),
            }
        }
        Ok(ResultPage {
            total: matches.numbers.len(),
            page,
            pages: matches.numbers.len().div_ceil(per_page),
            issues: groups,
        })
    }
}

fn page_numbers(matches: &Matches, page: usize, per_page: usize) -> &[u32] {
    let per_page = per_page.max(1);
    let start = page.saturating_mul(per_page).min(matches.numbers.len());
    let end = start.saturating_add(per_page).min(matches.numbers.len());
    &matches.numbers[start..end]
}

fn json_text(node: &Node) -> String {
    match &node.value {
        Value::Number(n) | Value::String(n) => n.clone(),
        _ => node.value.kind().to_owned(),
    }
}

/// The key a word is looked up under: its first two characters (a word of
/// one character looks under every key it starts).
pub fn lookup_key(term: &str) -> String {
    term.chars().take(2).collect()
}

/// The keys a folded word is filed under: every piece of two characters,
/// and its last character alone, so any part of it starts one of them.
pub fn keys_of(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    let mut keys: Vec<String> = (0..chars.len())
        .map(|at| chars[at..(at + 2).min(chars.len())].iter().collect())
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// The first line of each file, naming its kind and version.
const TERMS_HEADER: &str = "newsletter-search terms 2";
const POSTINGS_HEADER: &str = "newsletter-search postings 1";
const TOPICS_HEADER: &str = "newsletter-search topics 1";
const STORIES_HEADER: &str = "newsletter-search stories 1";

fn bad_line(file: &str, line: usize, reason: impl Into<String>) -> ArchiveSearchError {
    ArchiveSearchError::BadShard {
        file: file.to_owned(),
        line,
        reason: reason.into(),
    }
}

/// The lines after the header, numbered from 2, or an error naming the file.
fn body<'a>(
    file: &str,
    text: &'a str,
    header: &str,
) -> Result<impl Iterator<Item = (usize, &'a str)>, ArchiveSearchError> {
    let mut lines = text.lines();
    if lines.next() != Some(header) {
        return Err(bad_line(file, 1, format!("expected \"{header}\"")));
    }
    Ok(lines.enumerate().map(|(at, line)| (at + 2, line)))
}

/// The words containing `term` filed under keys starting with `key`, in
/// one term shard, with their stories (a list, or `@file`: a postings
/// file holds it) and line. A shard's lines: `w` lines (a word and its
/// stories), then `k` lines (a key and its words, by position among the
/// `w` lines).
fn term_words<'a>(
    file: &str,
    text: &'a str,
    key: &str,
    term: &str,
) -> Result<Vec<(&'a str, &'a str, usize)>, ArchiveSearchError> {
    let mut words: Vec<(&str, &str, usize)> = Vec::new();
    let mut found = Vec::new();
    for (line_number, line) in body(file, text, TERMS_HEADER)? {
        let mut fields = line.split('\t');
        match (fields.next(), fields.next(), fields.next(), fields.next()) {
            (Some("w"), Some(word), Some(stories), None) => words.push((word, stories, line_number)),
            (Some("k"), Some(line_key), Some(list), None) => {
                if !line_key.starts_with(key) {
                    continue;
                }
                for at in list.split(',') {
                    let word = at
                        .parse::<usize>()
                        .ok()
                        .and_then(|at| words.get(at).copied())
                        .ok_or_else(|| bad_line(file, line_number, format!("no word {at}")))?;
                    if word.0.contains(term) {
                        found.push(word);
                    }
                }
            }
            _ => return Err(bad_line(file, line_number, "not a word or key line")),
        }
    }
    Ok(found)
}

/// The postings file a word's stories field names (`@name`), if it names
/// one; a name that is not a plain file name is refused.
fn postings_file<'a>(file: &str, stories: &'a str, line: usize) -> Result<Option<&'a str>, ArchiveSearchError> {
    match stories.strip_prefix('@') {
        Some(name) if is_file_name(name) => Ok(Some(name)),
        Some(name) => Err(bad_line(file, line, format!("\"{name}\" is not a file name"))),
        None => Ok(None),
    }
}

/// The stories of the words containing `term` in one term shard, reading
/// long lists from their postings files.
fn term_stories(files: &Files, file: &str, key: &str, term: &str) -> Result<postings::Bits, ArchiveSearchError> {
    let mut found = postings::Bits::default();
    for (word, stories, line) in term_words(file, get(files, file)?, key, term)? {
        let (source, list, line) = match postings_file(file, stories, line)? {
            None => (file, stories, line),
            Some(name) => {
                let (list, line) = body(name, get(files, name)?, POSTINGS_HEADER)?
                    .find_map(|(line, text)| {
                        let (listed, list) = text.split_once('\t')?;
                        (listed == word).then_some((list, line))
                    })
                    .ok_or_else(|| bad_line(name, 1, format!("no line for \"{word}\"")))?;
                (name, list, line)
            }
        };
        let stories = postings::Bits::read(list).ok_or_else(|| bad_line(source, line, "unreadable story numbers"))?;
        found.or(&stories);
    }
    Ok(found)
}

/// A topic and its stories (ascending, still as written: only chosen
/// topics' lists are read whole).
struct TopicStories<'a> {
    id: &'a str,
    label: &'a str,
    count: usize,
    stories: &'a str,
    line: usize,
}

impl TopicStories<'_> {
    fn numbers(&self, file: &str) -> Result<postings::Bits, ArchiveSearchError> {
        postings::Bits::read(self.stories)
            .filter(|numbers| numbers.len() == self.count)
            .ok_or_else(|| bad_line(file, self.line, "unreadable story numbers, or not as many as the count"))
    }
}

/// The topics file: a line per topic, `id`, label, count, stories.
fn read_topics<'a>(file: &str, text: &'a str) -> Result<Vec<TopicStories<'a>>, ArchiveSearchError> {
    let mut topics = Vec::new();
    for (line_number, line) in body(file, text, TOPICS_HEADER)? {
        let fields: Vec<&str> = line.split('\t').collect();
        let [id, label, count, stories] = fields.as_slice() else {
            return Err(bad_line(file, line_number, "expected id, label, count and stories"));
        };
        let count = count
            .parse::<usize>()
            .map_err(|_| bad_line(file, line_number, "the count is not a number"))?;
        topics.push(TopicStories {
            id,
            label,
            count,
            stories,
            line: line_number,
        });
    }
    Ok(topics)
}

/// An issue as a story shard lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct IssueLine {
    id: String,
    date: String,
    href: String,
    title: String,
}

/// A story shard: `i` lines (an issue) each followed by its `s` lines (a
/// story: number, id, headline, first sentence).
struct StoryShard {
    issues: Vec<IssueLine>,
    /// Each story with the index of its issue.
    stories: Vec<(usize, Hit)>,
}

impl StoryShard {
    fn story(&self, number: u32) -> Option<(&IssueLine, &Hit)> {
        let at = self.stories.binary_search_by_key(&number, |(_, hit)| hit.number).ok()?;
        let (issue, hit) = &self.stories[at];
        Some((&self.issues[*issue], hit))
    }
}

fn read_story_shard(file: &str, text: &str) -> Result<StoryShard, ArchiveSearchError> {
    let mut shard = StoryShard {
        issues: Vec::new(),
        stories: Vec::new(),
    };
    for (line_number, line) in body(file, text, STORIES_HEADER)? {
        let fields: Vec<&str> = line.split('\t').collect();
        match fields.as_slice() {
            ["i", id, date, href, title] => shard.issues.push(IssueLine {
                id: (*id).to_owned(),
                date: (*date).to_owned(),
                href: (*href).to_owned(),
                title: (*title).to_owned(),
            }),
            ["s", number, story_id, headline, excerpt] => {
                let number = number
                    .parse::<u32>()
                    .ok()
                    .filter(|n| shard.stories.last().is_none_or(|(_, last)| last.number < *n))
                    .ok_or_else(|| bad_line(file, line_number, "story numbers must go up"))?;
                let issue = shard
                    .issues
                    .len()
                    .checked_sub(1)
                    .ok_or_else(|| bad_line(file, line_number, "a story before any issue"))?;
                shard.stories.push((
                    issue,
                    Hit {
                        number,
                        story_id: (*story_id).to_owned(),
                        headline: (*headline).to_owned(),
                        excerpt: (*excerpt).to_owned(),
                    },
                ));
            }
            _ => return Err(bad_line(file, line_number, "not an issue or story line")),
        }
    }
    Ok(shard)
}

#[cfg(test)]
mod tests;
