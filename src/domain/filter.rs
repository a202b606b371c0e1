//! Narrowing an issue: topic choice plus text search, with honest counts.
//!
//! The [`SearchIndex`] is built once per issue; [`SearchIndex::apply`] then
//! runs on every chip click and keystroke over all stories, while the
//! browser renders only what the reader can see.

use super::fold::{fold, fold_char};
use super::issue::{Body, Issue, Story};
use super::sanitize::text_of;

/// Per-story data prepared for fast filtering.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchIndex {
    /// Folded headline, text, summary and source titles of each story.
    haystacks: Vec<String>,
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

/// Splits a search into folded terms; a story must contain every term.
pub fn search_terms(query: &str) -> Vec<String> {
    query.split_whitespace().map(fold).collect()
}

impl SearchIndex {
    /// Prepares an issue for filtering.
    pub fn new(issue: &Issue) -> Self {
        let haystacks = issue
            .stories
            .iter()
            .map(|story| fold(&searchable_text(story)))
            .collect();
        let story_topics = issue
            .stories
            .iter()
            .map(|story| {
                story
                    .topics
                    .iter()
                    .filter_map(|topic| issue.topics.iter().position(|t| t.id == topic.id))
                    .collect()
            })
            .collect();
        SearchIndex {
            haystacks,
            story_topics,
            topic_count: issue.topics.len(),
        }
    }

    /// How many stories there are.
    pub fn len(&self) -> usize {
        self.haystacks.len()
    }

    /// Whether the issue has no stories.
    pub fn is_empty(&self) -> bool {
        self.haystacks.is_empty()
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
        for (story, haystack) in self.haystacks.iter().enumerate() {
            if !terms.iter().all(|term| haystack.contains(term.as_str())) {
                continue;
            }
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
}

/// Everything search looks at in a story.
fn searchable_text(story: &Story) -> String {
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
    if terms.is_empty() || text.is_empty() {
        return vec![Segment { text, hit: false }];
    }
    // Byte offset of every character, plus the end, so folded character
    // positions map back to the original text.
    let offsets: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
    let folded: Vec<char> = text.chars().map(fold_char).collect();
    let mut hits = vec![false; folded.len()];
    for term in terms {
        let needle: Vec<char> = term.chars().collect();
        if needle.is_empty() || needle.len() > folded.len() {
            continue;
        }
        for start in 0..=folded.len() - needle.len() {
            if folded[start..start + needle.len()] == needle[..] {
                hits[start..start + needle.len()].iter_mut().for_each(|h| *h = true);
            }
        }
    }
    let mut segments = Vec::new();
    let mut start = 0;
    for i in 1..=hits.len() {
        if i == hits.len() || hits[i] != hits[start] {
            segments.push(Segment {
                text: &text[offsets[start]..offsets[i]],
                hit: hits[start],
            });
            start = i;
        }
    }
    segments
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::read_issue;

    fn sample() -> Issue {
        read_issue(include_str!("../../issues/2025-12-04.json")).unwrap().issue
    }

    fn topic(issue: &Issue, id: &str) -> usize {
        issue.topics.iter().position(|t| t.id == id).unwrap()
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
}
