//! Narrowing an issue: topic choice plus text search, with honest counts.
//!
//! The [`SearchIndex`] is built once per issue; [`SearchIndex::apply`] then
//! runs on every chip click and keystroke over all stories, while the
//! browser renders only what the reader can see.

use std::cell::RefCell;
use std::collections::HashMap;

use crate::case_fold::{fold, fold_char};
use crate::feed::model::{Body, Issue, Story};
use crate::html::sanitize::text_of;

/// Per-story data prepared for fast filtering.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchIndex {
    /// The folded headline, text, summary and source titles of every story,
    /// one after the other, each ending in a line break. Terms never hold a
    /// line break, so a match never spans two stories, and one scan of one
    /// string finds every story with a term.
    corpus: String,
    /// Where each story starts in `corpus`, in issue order.
    starts: Vec<usize>,
    /// The last search, which the next one may narrow.
    last_search: RefCell<LastSearch>,
    /// Each story's topics, as indices into the issue's topics.
    story_topics: Vec<Vec<usize>>,
    topic_count: usize,
}

/// What a filter shows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Outcome {
    /// Indices of the stories to show, in issue order.
    pub visible: Vec<usize>,
    /// For each topic, how many stories match the search and have it: the
    /// number a chip shows, and the number of stories a click on it alone
    /// would show.
    pub topic_counts: Vec<usize>,
}

/// How many topic chips show before "More topics": a feed may carry
/// thousands of topics, and a wall of chips helps no reader (nor the page's
/// speed).
pub const FIRST_CHIPS: usize = 20;

/// How many more chips each "More topics" shows: a few hundred render in a
/// frame or two; ten thousand at once would freeze the page for seconds.
pub const MORE_CHIPS: usize = 200;

/// The topics (indices) whose chips show: the first `limit` (at least
/// [`FIRST_CHIPS`]), and any chosen one beyond them, so a chosen topic can
/// always be seen and unchosen.
pub fn shown_chips(topic_count: usize, is_chosen: impl Fn(usize) -> bool, limit: usize) -> Vec<usize> {
    let limit = limit.max(FIRST_CHIPS);
    (0..topic_count).filter(|&at| at < limit || is_chosen(at)).collect()
}

/// Splits a search into folded terms; a story must contain every term.
pub fn search_terms(query: &str) -> Vec<String> {
    query.split_whitespace().map(fold).collect()
}

impl SearchIndex {
    /// Prepares an issue for filtering.
    pub fn new(issue: &Issue) -> Self {
        let mut corpus = String::new();
        let mut starts = Vec::with_capacity(issue.stories.len());
        for story in &issue.stories {
            starts.push(corpus.len());
            corpus.push_str(&fold(&searchable_text(story)));
        }
        // Looked up by id: an issue may hold thousands of topics. (Keyed by
        // owned ids, the map type the feed reader uses: one copy of its code.)
        let mut topic_at: HashMap<String, usize> = HashMap::new();
        for (at, topic) in issue.topics.iter().enumerate() {
            topic_at.insert(topic.id.clone(), at);
        }
        let story_topics = issue
            .stories
            .iter()
            .map(|story| {
                story
                    .topics
                    .iter()
                    .filter_map(|topic| topic_at.get(&topic.id).copied())
                    .collect()
            })
            .collect();
        SearchIndex {
            last_search: RefCell::new(LastSearch {
                terms: Vec::new(),
                matched: vec![true; starts.len()],
            }),
            corpus,
            starts,
            story_topics,
            topic_count: issue.topics.len(),
        }
    }

    /// How many stories there are.
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    /// Whether the issue has no stories.
    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    /// Filters by `selected` topics (indices; a story shows when it has any
    /// of them, all show when none is selected) and by the search `terms`.
    pub fn apply(&self, selected: &[usize], terms: &[String]) -> Outcome {
        let mut chosen = vec![false; self.topic_count];
        for &index in selected {
            if let Some(slot) = chosen.get_mut(index) {
                *slot = true;
            }
        }
        let any_chosen = chosen.contains(&true);
        let mut outcome = Outcome {
            visible: Vec::new(),
            topic_counts: vec![0; self.topic_count],
        };
        let matched = self.matching(terms);
        for (story, _) in matched.iter().enumerate().filter(|(_, &m)| m) {
            let topics = &self.story_topics[story];
            for &topic in topics {
                outcome.topic_counts[topic] += 1;
            }
            if !any_chosen || topics.iter().any(|&t| chosen[t]) {
                outcome.visible.push(story);
            }
        }
        outcome
    }

    /// Which stories contain every term.
    fn matching(&self, terms: &[String]) -> Vec<bool> {
        let mut last = self.last_search.borrow_mut();
        // Typing usually narrows the search ("gen", then "gene"): when every
        // old term is part of a new one, only the old matches can match.
        let narrows = last
            .terms
            .iter()
            .all(|old| terms.iter().any(|new| new.contains(old.as_str())));
        let mut matched = if narrows {
            last.matched.clone()
        } else {
            vec![true; self.starts.len()]
        };
        let corpus = self.corpus.as_bytes();
        let new_terms = terms.iter().filter(|t| !(narrows && last.terms.contains(t)));
        for term in new_terms.filter(|t| !t.is_empty()) {
            for (story, matches) in matched.iter_mut().enumerate().filter(|(_, m)| **m) {
                let end = self.starts.get(story + 1).copied().unwrap_or(corpus.len());
                *matches = contains(&corpus[self.starts[story]..end], term.as_bytes());
            }
        }
        *last = LastSearch {
            terms: terms.to_vec(),
            matched: matched.clone(),
        };
        matched
    }
}

/// A search and which stories it matched, kept for the next one.
#[derive(Debug, Clone, PartialEq, Default)]
struct LastSearch {
    terms: Vec<String>,
    matched: Vec<bool>,
}

/// Whether `needle` occurs in `haystack`. Comparing bytes is exact for
/// UTF-8, and scanning for the first byte beats building a searcher per
/// story for the short terms people type.
fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    let Some((&first, rest)) = needle.split_first() else {
        return true;
    };
    let mut at = 0;
    while let Some(offset) = haystack[at..].iter().position(|&byte| byte == first) {
        at += offset + 1;
        if haystack[at..].starts_with(rest) {
            return true;
        }
    }
    false
}

/// Everything search looks at in a story (in an issue, and across the
/// archive: `archive_search::build`).
pub fn searchable_text(story: &Story) -> String {
    let mut text = String::new();
    for part in [story.title.as_deref(), story.summary.as_deref()].into_iter().flatten() {
        text.push_str(part);
        text.push('\n');
    }
    match &story.body {
        Body::Paragraphs(paragraphs) => {
            for p in paragraphs {
                text.push_str(p);
                text.push('\n');
            }
        }
        Body::Rich(nodes) => {
            text.push_str(&text_of(nodes));
            text.push('\n');
        }
    }
    for source in &story.sources {
        text.push_str(&source.title);
        text.push('\n');
    }
    text
}

/// A piece of text, marked when it matches the search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment<'a> {
    pub text: &'a str,
    pub hit: bool,
}

/// Splits `text` into plain and matching segments for highlighting.
pub fn highlight<'a>(text: &'a str, terms: &[String]) -> Vec<Segment<'a>> {
    let whole = || vec![Segment { text, hit: false }];
    if terms.is_empty() || text.is_empty() {
        return whole();
    }
    // Folding keeps one character per character, but not always its length
    // in bytes (é is two, e is one): `original[i]` is where the folded text's
    // byte `i` starts in `text`, kept only when the lengths differ.
    let mut folded = String::with_capacity(text.len());
    let mut original: Vec<usize> = Vec::new();
    for (at, c) in text.char_indices() {
        let f = fold_char(c);
        if original.is_empty() && f.len_utf8() != c.len_utf8() {
            original = (0..folded.len()).collect();
        }
        if !original.is_empty() {
            original.extend(std::iter::repeat_n(at, f.len_utf8()));
        }
        folded.push(f);
    }
    if !original.is_empty() {
        original.push(text.len());
    }
    let to_text = |i: usize| if original.is_empty() { i } else { original[i] };
    // Which bytes of `folded` a match covers; overlapping matches all count.
    let mut marked = vec![false; folded.len()];
    for term in terms.iter().filter(|t| !t.is_empty()) {
        let step = term.chars().next().map_or(1, char::len_utf8);
        let mut from = 0;
        while let Some(at) = folded[from..].find(term.as_str()) {
            marked[from + at..from + at + term.len()]
                .iter_mut()
                .for_each(|m| *m = true);
            from += at + step;
        }
    }
    if !marked.contains(&true) {
        return whole();
    }
    // Runs of marked and unmarked bytes become segments; runs start and end
    // on character boundaries, since matches do.
    let mut segments = Vec::new();
    let mut run_start = 0;
    for at in 1..=marked.len() {
        if at < marked.len() && marked[at] == marked[run_start] {
            continue;
        }
        let (start, end) = (to_text(run_start), to_text(at));
        segments.push(Segment {
            text: &text[start..end],
            hit: marked[run_start],
        });
        run_start = at;
    }
    segments
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read_issue;

    fn sample() -> Issue {
        read_issue(include_str!("../../../issues/2025-12-04.json"))
            .unwrap()
            .issue
    }

    fn topic(issue: &Issue, id: &str) -> usize {
        issue.topics.iter().position(|t| t.id == id).unwrap()
    }

    #[test]
    fn search_finds_exactly_the_stories_whose_text_holds_every_term() {
        let issue = sample();
        let index = SearchIndex::new(&issue);
        let texts: Vec<String> = issue.stories.iter().map(|s| fold(&searchable_text(s))).collect();
        for query in [
            "gene",
            "e",
            "gene therapy",
            "fda trial",
            "the a",
            "zzz",
            "cell e",
            "é",
            ". ,",
            "tion\n",
        ] {
            let terms = search_terms(query);
            let expected: Vec<usize> = (0..texts.len())
                .filter(|&i| terms.iter().all(|t| texts[i].contains(t.as_str())))
                .collect();
            assert_eq!(index.apply(&[], &terms).visible, expected, "{query}");
        }
        // Typing then deleting: each search, narrowed from the last or not,
        // gives what a fresh index gives.
        let typed = "gene therapy trial";
        let steps = (1..=typed.len()).chain((0..typed.len()).rev()).map(|n| &typed[..n]);
        for query in steps {
            let terms = search_terms(query);
            let fresh = SearchIndex::new(&issue).apply(&[], &terms);
            assert_eq!(index.apply(&[], &terms), fresh, "{query:?}");
        }
    }

    #[test]
    fn chips_beyond_the_first_ones_show_page_by_page_or_when_chosen() {
        assert_eq!(shown_chips(3, |_| false, 0), [0, 1, 2]);
        let collapsed = shown_chips(10_000, |at| at == 9_999, 0);
        assert_eq!(collapsed.len(), FIRST_CHIPS + 1);
        assert_eq!(collapsed.last(), Some(&9_999));
        assert_eq!(shown_chips(10_000, |_| false, FIRST_CHIPS + MORE_CHIPS).len(), 220);
        assert_eq!(shown_chips(10_000, |_| false, usize::MAX).len(), 10_000);
    }

    #[test]
    fn no_filter_shows_everything() {
        let issue = sample();
        let outcome = SearchIndex::new(&issue).apply(&[], &[]);
        assert_eq!(outcome.visible, (0..20).collect::<Vec<_>>());
    }

    #[test]
    fn chips_combine_with_or_and_search_with_and() {
        let issue = sample();
        let index = SearchIndex::new(&issue);
        let chosen = [topic(&issue, "gene-therapy"), topic(&issue, "china")];
        let outcome = index.apply(&chosen, &[]);
        for (i, story) in issue.stories.iter().enumerate() {
            let has = story.topics.iter().any(|t| t.id == "gene-therapy" || t.id == "china");
            assert_eq!(outcome.visible.contains(&i), has, "{}", story.id);
        }
        let searched = index.apply(&chosen, &search_terms("fda"));
        assert!(searched.visible.iter().all(|i| outcome.visible.contains(i)));
        assert!(searched.visible.len() < outcome.visible.len());
    }

    #[test]
    fn search_ignores_case_and_accents_and_covers_sources() {
        let issue = sample();
        let index = SearchIndex::new(&issue);
        assert_eq!(index.apply(&[], &search_terms("ITVÍSMA")).visible, [0]);
        assert_eq!(index.apply(&[], &search_terms("zolgensma intrathecal")).visible, [0]);
        // "Citation" appears only in the sample's source labels.
        assert_eq!(index.apply(&[], &search_terms("CITATION")).visible.len(), 20);
        assert!(index.apply(&[], &search_terms("no-such-word")).visible.is_empty());
    }

    /// Invariants over many filters: results are a subset of the stories,
    /// and each chip's count is exactly what clicking it alone would show.
    #[test]
    fn counts_agree_with_what_a_click_shows() {
        let issue = sample();
        let index = SearchIndex::new(&issue);
        for query in ["", "fda", "gene", "china approval", "x", "the"] {
            let terms = search_terms(query);
            let base = index.apply(&[], &terms);
            assert!(base.visible.iter().all(|&i| i < issue.stories.len()));
            for (t, &count) in base.topic_counts.iter().enumerate() {
                let clicked = index.apply(&[t], &terms);
                assert_eq!(
                    clicked.visible.len(),
                    count,
                    "topic {} with {query:?}",
                    issue.topics[t].id
                );
                assert!(clicked.visible.iter().all(|i| base.visible.contains(i)));
            }
        }
    }

    #[test]
    fn highlights_matches_in_the_original_text() {
        let segments = highlight("Café in PARIS, café", &search_terms("cafe paris"));
        let marked: Vec<(&str, bool)> = segments.iter().map(|s| (s.text, s.hit)).collect();
        assert_eq!(
            marked,
            [
                ("Café", true),
                (" in ", false),
                ("PARIS", true),
                (", ", false),
                ("café", true)
            ]
        );
        assert_eq!(
            highlight("abc", &[]),
            [Segment {
                text: "abc",
                hit: false
            }]
        );
    }

    #[test]
    fn overlapping_and_adjacent_matches_merge_into_one_mark() {
        let marked = |text, query| -> Vec<(String, bool)> {
            highlight(text, &search_terms(query))
                .iter()
                .map(|s| (s.text.to_owned(), s.hit))
                .collect()
        };
        assert_eq!(
            marked("aaab", "aa"),
            [("aaa".to_owned(), true), ("b".to_owned(), false)]
        );
        assert_eq!(
            marked("genetherapy", "gene therapy"),
            [("genetherapy".to_owned(), true)]
        );
        assert_eq!(marked("no match", "xyz"), [("no match".to_owned(), false)]);
    }

    #[test]
    fn marks_land_on_character_boundaries_whatever_the_byte_lengths() {
        // 'É', 'İ' and 'ẞ' fold to characters of another length in bytes.
        for (text, query, expected) in [
            ("ÉTÉ été ete", "ete", vec!["ÉTÉ", "été", "ete"]),
            ("xİy İ", "i", vec!["İ", "İ"]),
            ("GROẞ groß", "groß", vec!["GROẞ", "groß"]),
            ("Łódź, łódź", "lodz", vec!["Łódź", "łódź"]),
        ] {
            let segments = highlight(text, &search_terms(query));
            assert_eq!(segments.iter().map(|s| s.text).collect::<String>(), text);
            let hits: Vec<&str> = segments.iter().filter(|s| s.hit).map(|s| s.text).collect();
            assert_eq!(hits, expected, "{text}");
        }
    }
}
