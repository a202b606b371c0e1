//! Writing the archive's search index (`newsletter index` calls this; the
//! widget only reads). Every file's name carries a hash of its text, so an
//! unchanged shard keeps its name from one build to the next.

use std::collections::{BTreeMap, HashMap};

use super::postings;
use super::{
    keys_of, FORMAT, MANIFEST, POSTINGS_HEADER, STORIES_HEADER, STORIES_PER_SHARD, TERMS_HEADER, TOPICS_HEADER, VERSION,
};
use crate::case_fold::fold;
use crate::feed::date::Date;
use crate::feed::model::{Body, Issue, Story};
use crate::html::sanitize::text_of;

/// A term shard closes once its text passes this many bytes (a shard for a
/// single key may be larger): a query word costs one such file.
pub const TERM_SHARD_BYTES: usize = 4 * 1024;

/// A word whose story list is longer than this many bytes keeps it in a
/// postings file, not in each term shard that lists the word: common words
/// then weigh nothing on a query for a rare word beside them (at 52,000
/// stories one common word's list is 8.7 KB, and a rare word's shard held
/// dozens of them: 88 KB, `docs/performance.md`).
pub const INLINE_POSTINGS_BYTES: usize = 256;

/// A postings file closes once its text passes this many bytes.
pub const POSTINGS_FILE_BYTES: usize = 16 * 1024;

/// One issue of the archive, as `index.json` lists it.
#[derive(Debug, Clone, Copy)]
pub struct ArchiveIssue<'a> {
    /// The item id in `index.json` (`#issue=`).
    pub id: &'a str,
    /// The issue's date.
    pub date: Date,
    /// The item's `url` in `index.json`.
    pub href: &'a str,
    /// The item's title.
    pub title: &'a str,
    /// The issue.
    pub issue: &'a Issue,
}

/// The index's files: the manifest, then the shards, by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuiltIndex {
    /// `manifest.json`'s text.
    pub manifest: String,
    /// Every shard: its name and text.
    pub shards: Vec<(String, String)>,
}

impl BuiltIndex {
    /// Every file, the manifest first, as `(name, text)`.
    pub fn files(&self) -> impl Iterator<Item = (&str, &str)> {
        std::iter::once((MANIFEST, self.manifest.as_str()))
            .chain(self.shards.iter().map(|(name, text)| (name.as_str(), text.as_str())))
    }
}

/// Everything in-issue search looks at in a story: the same function, so
/// both searches read the same words.
pub use crate::view::search::searchable_text;

/// A story's first words for a result list: its summary, else its text.
fn excerpt_source(story: &Story) -> String {
    if let Some(summary) = story.summary.as_deref().filter(|s| !s.trim().is_empty()) {
        return summary.to_owned();
    }
    match &story.body {
        Body::Paragraphs(paragraphs) => paragraphs.first().cloned().unwrap_or_default(),
        Body::Rich(nodes) => text_of(nodes),
    }
}

/// Builds the index of `issues` (any order). `first_sentence` cuts a
/// story's excerpt (the CLI's, shared with `index.json`'s summaries).
pub fn build(issues: &[ArchiveIssue<'_>], first_sentence: &dyn Fn(&str) -> String) -> BuiltIndex {
    build_sized(issues, first_sentence, ShardSizes::PUBLISHED)
}

/// How large the index's files grow before the next one starts.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ShardSizes {
    /// [`TERM_SHARD_BYTES`].
    pub term_shard: usize,
    /// [`INLINE_POSTINGS_BYTES`].
    pub inline_postings: usize,
    /// [`POSTINGS_FILE_BYTES`].
    pub postings_file: usize,
}

impl ShardSizes {
    const PUBLISHED: ShardSizes = ShardSizes {
        term_shard: TERM_SHARD_BYTES,
        inline_postings: INLINE_POSTINGS_BYTES,
        postings_file: POSTINGS_FILE_BYTES,
    };

    /// Tiny files, for tests to cross every boundary: term shards closing
    /// past `term_shard` bytes, and most story lists in postings files.
    #[cfg(test)]
    pub(crate) fn tiny(term_shard: usize) -> Self {
        ShardSizes {
            term_shard,
            inline_postings: 4,
            postings_file: 160,
        }
    }
}

/// [`build`] with other file sizes (the tests use tiny ones).
pub(crate) fn build_sized(
    issues: &[ArchiveIssue<'_>],
    first_sentence: &dyn Fn(&str) -> String,
    sizes: ShardSizes,
) -> BuiltIndex {
    let mut issues = issues.to_vec();
    issues.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.id.cmp(b.id)));

    // Numbers: oldest issue first, each issue from its last story.
    let mut numbered: Vec<(usize, &Story)> = Vec::new();
    for (at, issue) in issues.iter().enumerate() {
        numbered.extend(issue.issue.stories.iter().rev().map(|story| (at, story.as_ref())));
    }

    let mut words: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    let mut topics: BTreeMap<&str, (String, Vec<u32>)> = BTreeMap::new();
    for (number, &(_, story)) in numbered.iter().enumerate() {
        let number = u32::try_from(number).expect("fewer than four billion stories");
        for word in fold(&searchable_text(story)).split_whitespace() {
            let stories = words.entry(word.to_owned()).or_default();
            if stories.last() != Some(&number) {
                stories.push(number);
            }
        }
        for topic in &story.topics {
            let entry = topics.entry(&topic.id).or_default();
            // Issues go oldest first: the newest label wins.
            entry.0.clone_from(&topic.label);
            if entry.1.last() != Some(&number) {
                entry.1.push(number);
            }
        }
    }

    let mut shards = Vec::new();
    let mut name_of = |kind: &str, text: String| -> String {
        let name = format!("{kind}-{:016x}.tsv", fnv1a(text.as_bytes()));
        shards.push((name.clone(), text));
        name
    };

    // Long story lists, in word order (a word and its longer forms, often
    // asked for together, share a file).
    let mut postings_file_of: HashMap<&str, String> = HashMap::new();
    let mut pending: Vec<&str> = Vec::new();
    let mut text = String::new();
    let long = words
        .iter()
        .map(|(word, stories)| (word.as_str(), postings::encode(stories)))
        .filter(|(_, encoded)| encoded.len() > sizes.inline_postings);
    let mut long = long.peekable();
    while let Some((word, encoded)) = long.next() {
        text.push_str(&format!("{word}\t{encoded}\n"));
        pending.push(word);
        if text.len() >= sizes.postings_file || long.peek().is_none() {
            let name = name_of("postings", format!("{POSTINGS_HEADER}\n{}", std::mem::take(&mut text)));
            postings_file_of.extend(pending.drain(..).map(|word| (word, name.clone())));
        }
    }

    let terms = term_shards(&words, &postings_file_of, sizes.term_shard)
        .into_iter()
        .map(|(first_key, text)| (first_key, name_of("terms", text)))
        .collect::<Vec<_>>();

    let mut topic_list: Vec<(&str, String, Vec<u32>)> = topics
        .into_iter()
        .map(|(id, (label, stories))| (id, label, stories))
        .collect();
    topic_list.sort_by(|a, b| b.2.len().cmp(&a.2.len()).then_with(|| a.0.cmp(b.0)));
    let mut topics_text = format!("{TOPICS_HEADER}\n");
    for (id, label, stories) in &topic_list {
        topics_text.push_str(&format!(
            "{}\t{}\t{}\t{}\n",
            field(id),
            field(label),
            stories.len(),
            postings::encode(stories)
        ));
    }
    let topics_name = name_of("topics", topics_text);

    let mut story_files = Vec::new();
    for (shard_at, chunk) in numbered.chunks(STORIES_PER_SHARD as usize).enumerate() {
        let mut text = format!("{STORIES_HEADER}\n");
        let mut last_issue = None;
        for (offset, &(issue_at, story)) in chunk.iter().enumerate() {
            if last_issue != Some(issue_at) {
                let issue = &issues[issue_at];
                text.push_str(&format!(
                    "i\t{}\t{}\t{}\t{}\n",
                    field(issue.id),
                    issue.date,
                    field(issue.href),
                    field(issue.title)
                ));
                last_issue = Some(issue_at);
            }
            let number = shard_at * STORIES_PER_SHARD as usize + offset;
            text.push_str(&format!(
                "s\t{number}\t{}\t{}\t{}\n",
                field(&story.id),
                field(story.title.as_deref().unwrap_or_default()),
                field(&first_sentence(&excerpt_source(story)))
            ));
        }
        story_files.push(name_of("stories", text));
    }

    let mut manifest = format!(
        "{{\n  \"format\": \"{FORMAT}\",\n  \"version\": {VERSION},\n  \"stories\": {},\n  \"topics\": \"{topics_name}\",\n  \"terms\": [",
        numbered.len()
    );
    for (at, (key, name)) in terms.iter().enumerate() {
        let comma = if at == 0 { "" } else { "," };
        manifest.push_str(&format!("{comma}\n    [{}, \"{name}\"]", json_string(key)));
    }
    manifest.push_str("\n  ],\n  \"story_files\": [");
    for (at, name) in story_files.iter().enumerate() {
        let comma = if at == 0 { "" } else { "," };
        manifest.push_str(&format!("{comma}\n    \"{name}\""));
    }
    manifest.push_str("\n  ]\n}\n");
    BuiltIndex { manifest, shards }
}

/// The term shards: the first key of each and its text. Keys go in order;
/// a shard holds whole keys and closes past [`TERM_SHARD_BYTES`].
fn term_shards(
    words: &BTreeMap<String, Vec<u32>>,
    postings_file_of: &HashMap<&str, String>,
    shard_bytes: usize,
) -> Vec<(String, String)> {
    let mut by_key: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for word in words.keys() {
        for key in keys_of(word) {
            by_key.entry(key).or_default().push(word);
        }
    }
    let mut shards = Vec::new();
    let mut current = TermShard::default();
    for (key, key_words) in &by_key {
        if current.size >= shard_bytes {
            shards.push(std::mem::take(&mut current).finish());
        }
        current.add(key, key_words, words, postings_file_of);
    }
    if !current.keys.is_empty() || shards.is_empty() {
        shards.push(current.finish());
    }
    // The first shard also answers for keys below its first.
    shards[0].0 = String::new();
    shards
}

#[derive(Default)]
struct TermShard {
    first_key: Option<String>,
    word_lines: String,
    word_at: HashMap<String, usize>,
    keys: String,
    size: usize,
}

impl TermShard {
    fn add(
        &mut self,
        key: &str,
        key_words: &[&str],
        words: &BTreeMap<String, Vec<u32>>,
        postings_file_of: &HashMap<&str, String>,
    ) {
        self.first_key.get_or_insert_with(|| key.to_owned());
        let mut list = Vec::with_capacity(key_words.len());
        for &word in key_words {
            let next = self.word_at.len();
            let at = *self.word_at.entry(word.to_owned()).or_insert_with(|| {
                // A long list is named by its file (`@name`), not written.
                let stories = match postings_file_of.get(word) {
                    Some(file) => format!("@{file}"),
                    None => postings::encode(&words[word]),
                };
                let line = format!("w\t{word}\t{stories}\n");
                self.size += line.len();
                self.word_lines.push_str(&line);
                next
            });
            list.push(at.to_string());
        }
        let line = format!("k\t{key}\t{}\n", list.join(","));
        self.size += line.len();
        self.keys.push_str(&line);
    }

    fn finish(self) -> (String, String) {
        (
            self.first_key.unwrap_or_default(),
            format!("{TERMS_HEADER}\n{}{}", self.word_lines, self.keys),
        )
    }
}

/// Text for one field of a line: no tab or line break.
fn field(text: &str) -> String {
    text.chars()
        .map(|c| if matches!(c, '\t' | '\n' | '\r') { ' ' } else { c })
        .collect()
}

/// A JSON string literal.
fn json_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// FNV-1a, 64 bits: enough to tell one build's shard from another's, and
/// a few lines instead of a hashing crate.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}
