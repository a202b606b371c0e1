//! What the reader chose to see, kept in the page address so a link opens
//! the same view: `#topics=gene-therapy,oncology&q=fda`, and a link to one
//! story: `#story=ctx310-angptl3-phase1`. In an archive, `scope=all`
//! searches every issue (`#scope=all&q=crispr&topics=oncology`), and a
//! result opens its story in its issue (`#issue=2025-11-27&story=…`).
//! "More results" is in the address too (`#scope=all&q=crispr&pages=2`), so
//! a reloaded or shared link shows as many results.
//!
//! Changes go through [`ViewState::apply`], a reducer, so the browser layer
//! only stores the result and writes it to the address.

use crate::feed::model::Topic;

/// The most pages of results across issues an address can ask for: a link
/// cannot make the reader's browser fetch and show the whole archive.
pub const MAX_PAGES: usize = 50;

/// The reader's view of an issue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewState {
    /// Chosen topic ids, in the order of the issue's topics.
    pub topics: Vec<String>,
    /// The search text, as typed.
    pub query: String,
    /// The archive issue shown (its id in the index), when there is an archive.
    pub issue: Option<String>,
    /// The story a link points at (its id in the feed): shown opened, even
    /// when the filters would hide it.
    pub story: Option<String>,
    /// Where search and topics look: this issue, or every issue of the
    /// archive.
    pub scope: Scope,
    /// How many pages of results across issues are shown ("More results"),
    /// from 1 to [`MAX_PAGES`]; always 1 in one issue.
    pub pages: usize,
}

impl Default for ViewState {
    fn default() -> Self {
        ViewState {
            topics: Vec::new(),
            query: String::new(),
            issue: None,
            story: None,
            scope: Scope::default(),
            pages: 1,
        }
    }
}

/// Where search and topics look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scope {
    /// The issue shown.
    #[default]
    Issue,
    /// Every issue of the archive (`scope=all`): topics are the archive's,
    /// not only the issue's.
    All,
}

/// Something the reader did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// A chip was pressed.
    ToggleTopic(String),
    /// "All topics" was pressed.
    ClearTopics,
    /// The search box changed.
    Search(String),
    /// "Clear filters" was pressed.
    ClearAll,
    /// The address changed (Back, Forward, a pasted link).
    Restore(ViewState),
    /// An archive issue was chosen (older, newer, or from the list). The
    /// filters carry over: the next issue keeps the topics it has.
    ChooseIssue(String),
    /// A topic tag on a card was pressed: that topic alone.
    OnlyTopic(String),
    /// "This issue" or "All issues" was chosen. The search carries over;
    /// back in one issue, so do the topics it has.
    ChooseScope(Scope),
    /// A result across issues was opened: its story, in its issue, with
    /// no filter (the story link), so Back returns to the results.
    OpenStory {
        /// The issue's id in the archive.
        issue: String,
        /// The story's id in its issue.
        story: String,
    },
    /// "More results" under the results across issues.
    MoreResults,
}

impl ViewState {
    /// The state after `action`, keeping topics in the issue's order. A
    /// filter the reader changes lets go of a linked story: the reader has
    /// moved on from it, and so does another archive issue. Clearing the
    /// filters keeps it: it is then shown among the others. Results across
    /// issues start again at one page whenever the query, the topics or the
    /// scope change: more pages belong to one search.
    pub fn apply(&self, action: Action, topics: &[Topic]) -> ViewState {
        if let Action::Restore(state) = action {
            return state;
        }
        let mut next = self.reduce(action, topics);
        if next.query != self.query || next.topics != self.topics || next.scope != self.scope {
            next.pages = 1;
        }
        next
    }

    fn reduce(&self, action: Action, topics: &[Topic]) -> ViewState {
        let unlinked = ViewState {
            story: None,
            ..self.clone()
        };
        // Across issues the archive's topics count, which the issue does
        // not know: ids are kept as chosen (the index ignores unknown ones).
        let across = self.scope == Scope::All;
        match action {
            Action::ToggleTopic(id) => {
                let mut chosen = self.topics.clone();
                if let Some(at) = chosen.iter().position(|t| *t == id) {
                    chosen.remove(at);
                } else if across || topics.iter().any(|t| t.id == id) {
                    chosen.push(id);
                }
                ViewState {
                    topics: if across {
                        chosen
                    } else {
                        in_issue_order(&chosen, topics)
                    },
                    ..unlinked
                }
            }
            Action::ClearTopics => ViewState {
                topics: Vec::new(),
                ..unlinked
            },
            Action::Search(query) if query == self.query => self.clone(),
            Action::Search(query) => ViewState { query, ..unlinked },
            // The archive issue is where the reader is, not a filter.
            Action::ClearAll => ViewState {
                issue: self.issue.clone(),
                story: self.story.clone(),
                scope: self.scope,
                ..ViewState::default()
            },
            Action::Restore(state) => state,
            Action::ChooseIssue(id) => ViewState {
                issue: Some(id),
                story: None,
                ..self.clone()
            },
            Action::OnlyTopic(id) if across => ViewState {
                topics: vec![id],
                ..unlinked
            },
            Action::OnlyTopic(id) => ViewState {
                topics: in_issue_order(&[id], topics),
                ..unlinked
            },
            Action::ChooseScope(scope) => ViewState { scope, ..unlinked }.keeping_known_topics(topics),
            Action::OpenStory { issue, story } => ViewState {
                issue: Some(issue),
                story: Some(story),
                ..ViewState::default()
            },
            Action::MoreResults if across => ViewState {
                pages: (self.pages + 1).min(MAX_PAGES),
                ..self.clone()
            },
            Action::MoreResults => self.clone(),
        }
    }

    /// Reads an address fragment (with or without `#`). Unknown topics,
    /// unknown keys and broken escapes are ignored, never an error.
    pub fn from_fragment(fragment: &str, topics: &[Topic]) -> ViewState {
        ViewState::from_fragment_unchecked(fragment).keeping_known_topics(topics)
    }

    /// The same view with only the topics the issue has, in its order;
    /// across issues, every topic written.
    pub fn keeping_known_topics(mut self, topics: &[Topic]) -> ViewState {
        if self.scope == Scope::Issue {
            self.topics = in_issue_order(&self.topics, topics);
        }
        self
    }

    /// Reads a fragment without knowing the issue's topics, keeping every
    /// topic id written (once each): for carrying a view from one archive
    /// issue to the next, which keeps those it has.
    pub fn from_fragment_unchecked(fragment: &str) -> ViewState {
        let mut state = ViewState::default();
        for pair in fragment.trim_start_matches('#').split('&') {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            match key {
                "topics" => {
                    state.topics.clear();
                    for id in value.split(',').map(percent_decode) {
                        if !id.is_empty() && !state.topics.contains(&id) {
                            state.topics.push(id);
                        }
                    }
                }
                "q" => state.query = percent_decode(value),
                "issue" => state.issue = Some(percent_decode(value)).filter(|id| !id.is_empty()),
                "story" => state.story = Some(percent_decode(value)).filter(|id| !id.is_empty()),
                "scope" if value == "all" => state.scope = Scope::All,
                "pages" => state.pages = pages_in_address(value),
                _ => {}
            }
        }
        if state.scope != Scope::All {
            state.pages = 1;
        }
        state
    }

    /// Writes the fragment, with `#`, or an empty string for the default view.
    pub fn to_fragment(&self) -> String {
        let mut parts = Vec::new();
        if let Some(issue) = &self.issue {
            parts.push(format!("issue={}", percent_encode(issue)));
        }
        if self.scope == Scope::All {
            parts.push("scope=all".to_owned());
        }
        if !self.topics.is_empty() {
            let ids: Vec<String> = self.topics.iter().map(|t| percent_encode(t)).collect();
            parts.push(format!("topics={}", ids.join(",")));
        }
        if !self.query.is_empty() {
            parts.push(format!("q={}", percent_encode(&self.query)));
        }
        if self.scope == Scope::All && self.pages > 1 {
            parts.push(format!("pages={}", self.pages));
        }
        if let Some(story) = &self.story {
            parts.push(format!("story={}", percent_encode(story)));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("#{}", parts.join("&"))
        }
    }

    /// Indices of the chosen topics in the issue's topic list.
    pub fn topic_indices(&self, topics: &[Topic]) -> Vec<usize> {
        self.topics
            .iter()
            .filter_map(|id| topics.iter().position(|t| t.id == *id))
            .collect()
    }

    /// The address of one story of this view's issue: `#story=<id>`, after
    /// the archive issue when there is one. Filters are left out, so the
    /// link opens on every story with this one opened.
    pub fn story_fragment(&self, story: &str) -> String {
        ViewState {
            issue: self.issue.clone(),
            story: Some(story.to_owned()),
            ..ViewState::default()
        }
        .to_fragment()
    }

    /// The address of a story in archive issue `issue`, as a result across
    /// issues links to it: the story link, without filters or scope.
    pub fn story_fragment_in(&self, issue: &str, story: &str) -> String {
        self.apply(
            Action::OpenStory {
                issue: issue.to_owned(),
                story: story.to_owned(),
            },
            &[],
        )
        .to_fragment()
    }

    /// Whether anything narrows the view.
    pub fn is_filtered(&self) -> bool {
        !self.topics.is_empty() || !self.query.trim().is_empty()
    }
}

/// The pages an address asks for: digits only, at least 1, at most
/// [`MAX_PAGES`] (however many digits); anything else is one page.
fn pages_in_address(value: &str) -> usize {
    if value.is_empty() || !value.bytes().all(|byte| byte.is_ascii_digit()) {
        return 1;
    }
    // Digits only, so the one way to fail is too many of them.
    value
        .parse::<usize>()
        .map_or(MAX_PAGES, |pages| pages.clamp(1, MAX_PAGES))
}

/// The known ids among `chosen`, once each, in the issue's topic order.
fn in_issue_order(chosen: &[String], topics: &[Topic]) -> Vec<String> {
    topics
        .iter()
        .filter(|t| chosen.contains(&t.id))
        .map(|t| t.id.clone())
        .collect()
}

/// Escapes everything but unreserved characters (RFC 3986).
fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Undoes `%XX` escapes and reads `+` as a space; invalid escapes stay as
/// written and invalid UTF-8 becomes U+FFFD.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => match (hex_value(bytes[i + 1]), hex_value(bytes[i + 2])) {
                (Some(high), Some(low)) => {
                    out.push(high * 16 + low);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b'+' => out.push(b' '),
            byte => out.push(byte),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex_value(byte: u8) -> Option<u8> {
    (byte as char).to_digit(16).map(|d| d as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn topics() -> Vec<Topic> {
        ["gene-therapy", "oncology", "china", "基因"]
            .iter()
            .map(|id| Topic {
                id: id.to_string(),
                label: id.to_string(),
            })
            .collect()
    }

    #[test]
    fn choosing_an_archive_issue_keeps_the_filters() {
        let view = ViewState {
            topics: vec!["oncology".to_owned()],
            query: "fda".to_owned(),
            issue: Some("2025-11-27".to_owned()),
            story: None,
            scope: Scope::Issue,
            pages: 1,
        };
        let next = view.apply(Action::ChooseIssue("2025-12-04".to_owned()), &[]);
        assert_eq!(next.issue.as_deref(), Some("2025-12-04"));
        assert_eq!((next.topics, next.query), (view.topics.clone(), view.query.clone()));
        assert_eq!(
            view.apply(Action::ChooseIssue("2025-12-04".to_owned()), &[])
                .to_fragment(),
            "#issue=2025-12-04&topics=oncology&q=fda"
        );
    }

    #[test]
    fn reads_and_writes_the_fragment() {
        let state = ViewState::from_fragment("#topics=oncology,gene-therapy&q=fda%20approval", &topics());
        assert_eq!(state.topics, ["gene-therapy", "oncology"]);
        assert_eq!(state.query, "fda approval");
        assert_eq!(state.to_fragment(), "#topics=gene-therapy,oncology&q=fda%20approval");
        assert_eq!(ViewState::default().to_fragment(), "");
    }

    #[test]
    fn junk_in_the_address_is_ignored() {
        for junk in [
            "#topics=nope,,%zz&q",
            "#%%%&&==",
            "#topics",
            "garbage",
            "#q=%E2%28%A1",
            "#topics=oncology&topics=nope",
        ] {
            let state = ViewState::from_fragment(junk, &topics());
            assert!(
                state.topics.iter().all(|t| topics().iter().any(|k| k.id == *t)),
                "{junk}"
            );
        }
        assert_eq!(ViewState::from_fragment("#q=a+b%2", &topics()).query, "a b%2");
    }

    #[test]
    fn writing_then_reading_gives_the_state_back() {
        let all = topics();
        let queries = [
            "",
            "fda",
            "a&b=c",
            "100% #1",
            "café",
            "东京 news",
            "+plus+",
            "comma,here",
        ];
        for mask in 0..(1 << all.len()) {
            for query in queries {
                let chosen: Vec<String> = all
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| mask & (1 << i) != 0)
                    .map(|(_, t)| t.id.clone())
                    .collect();
                for issue in [None, Some("2025-12-04".to_owned()), Some("a&b#c".to_owned())] {
                    for story in [None, Some("ctx310-phase1"), Some("a=b&c, d#1/é")] {
                        // More pages only count across issues.
                        for (scope, pages) in [
                            (Scope::Issue, 1),
                            (Scope::All, 1),
                            (Scope::All, 2),
                            (Scope::All, MAX_PAGES),
                        ] {
                            let state = ViewState {
                                topics: chosen.clone(),
                                query: query.to_owned(),
                                issue: issue.clone(),
                                story: story.map(str::to_owned),
                                scope,
                                pages,
                            };
                            assert_eq!(ViewState::from_fragment(&state.to_fragment(), &all), state);
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn topics_carry_over_to_an_issue_that_has_them() {
        let fragment = "#issue=2025-11-27&topics=oncology,only-last-week,%E5%9F%BA%E5%9B%A0&q=fda";
        let mut carried = ViewState::from_fragment_unchecked(fragment);
        assert_eq!(carried.topics, ["oncology", "only-last-week", "基因"]);
        carried.issue = Some("2025-12-04".into());
        let next = ViewState::from_fragment(&carried.to_fragment(), &topics());
        assert_eq!(next.topics, ["oncology", "基因"]);
        assert_eq!(next.query, "fda");
        assert_eq!(next.issue.as_deref(), Some("2025-12-04"));
    }

    #[test]
    fn the_reducer_toggles_clears_and_keeps_order() {
        let all = topics();
        let state = ViewState::default()
            .apply(Action::ToggleTopic("china".into()), &all)
            .apply(Action::ToggleTopic("gene-therapy".into()), &all)
            .apply(Action::ToggleTopic("unknown".into()), &all)
            .apply(Action::Search("fda".into()), &all);
        assert_eq!(state.topics, ["gene-therapy", "china"]);
        assert!(state.is_filtered());
        let toggled_off = state.apply(Action::ToggleTopic("china".into()), &all);
        assert_eq!(toggled_off.topics, ["gene-therapy"]);
        assert_eq!(
            state.apply(Action::ClearTopics, &all),
            ViewState {
                topics: vec![],
                query: "fda".into(),
                issue: None,
                story: None,
                scope: Scope::Issue,
                pages: 1,
            }
        );
        assert_eq!(state.apply(Action::ClearAll, &all), ViewState::default());
    }

    #[test]
    fn a_story_link_is_kept_until_the_reader_filters_again() {
        let all = topics();
        let linked = ViewState::from_fragment("#topics=oncology&story=ctx310-phase1", &all);
        assert_eq!(linked.story.as_deref(), Some("ctx310-phase1"));
        assert_eq!(linked.to_fragment(), "#topics=oncology&story=ctx310-phase1");
        // "Show all stories" clears the filters and keeps the story in view.
        let cleared = linked.apply(Action::ClearAll, &all);
        assert_eq!(cleared.to_fragment(), "#story=ctx310-phase1");
        // Filtering again lets go of it; the same search text changes nothing.
        for action in [
            Action::ToggleTopic("china".into()),
            Action::ClearTopics,
            Action::Search("fda".into()),
            Action::OnlyTopic("china".into()),
            Action::ChooseIssue("2025-11-27".into()),
        ] {
            assert_eq!(linked.apply(action.clone(), &all).story, None, "{action:?}");
        }
        assert_eq!(linked.apply(Action::Search(String::new()), &all), linked);
        // An empty id is no link.
        assert_eq!(ViewState::from_fragment("#story=", &all).story, None);
    }

    #[test]
    fn a_tag_filters_by_its_topic_alone_and_a_story_link_drops_the_filters() {
        let all = topics();
        let view = ViewState::from_fragment("#issue=2025-12-04&topics=china,oncology&q=fda", &all);
        let tagged = view.apply(Action::OnlyTopic("gene-therapy".into()), &all);
        assert_eq!(tagged.to_fragment(), "#issue=2025-12-04&topics=gene-therapy&q=fda");
        assert_eq!(
            view.apply(Action::OnlyTopic("nope".into()), &all).topics,
            Vec::<String>::new()
        );
        assert_eq!(view.story_fragment("a b"), "#issue=2025-12-04&story=a%20b");
        assert_eq!(ViewState::default().story_fragment("x"), "#story=x");
    }

    #[test]
    fn all_issues_is_in_the_address_with_the_archive_topics() {
        let issue_topics = topics();
        let view = ViewState::from_fragment("#scope=all&topics=only-in-march,oncology&q=crispr", &issue_topics);
        assert_eq!(view.scope, Scope::All);
        assert_eq!(
            view.topics,
            ["only-in-march", "oncology"],
            "the archive's topics, as chosen"
        );
        assert_eq!(view.to_fragment(), "#scope=all&topics=only-in-march,oncology&q=crispr");
        assert_eq!(
            ViewState::from_fragment("#scope=elsewhere", &issue_topics).scope,
            Scope::Issue
        );
        // Chips across issues choose any archive topic.
        let chosen = view.apply(Action::ToggleTopic("policy".into()), &issue_topics);
        assert_eq!(chosen.topics, ["only-in-march", "oncology", "policy"]);
        assert_eq!(
            view.apply(Action::OnlyTopic("policy".into()), &issue_topics).topics,
            ["policy"]
        );
        // Clearing stays across issues.
        assert_eq!(view.apply(Action::ClearAll, &issue_topics).to_fragment(), "#scope=all");
    }

    #[test]
    fn the_scope_switch_keeps_the_search_and_the_topics_the_issue_has() {
        let all = topics();
        let in_issue = ViewState::from_fragment("#topics=oncology&q=fda&story=x", &all);
        let across = in_issue.apply(Action::ChooseScope(Scope::All), &all);
        assert_eq!(across.to_fragment(), "#scope=all&topics=oncology&q=fda");
        let with_archive_topic = across.apply(Action::ToggleTopic("march-only".into()), &all);
        let back = with_archive_topic.apply(Action::ChooseScope(Scope::Issue), &all);
        assert_eq!(back.to_fragment(), "#topics=oncology&q=fda");
        // Another archive issue keeps the search across issues.
        assert_eq!(
            across
                .apply(Action::ChooseIssue("2025-11-27".into()), &all)
                .to_fragment(),
            "#issue=2025-11-27&scope=all&topics=oncology&q=fda"
        );
    }

    #[test]
    fn a_result_opens_its_story_in_its_issue_without_filters() {
        let all = topics();
        let results = ViewState::from_fragment("#scope=all&topics=oncology&q=crispr", &all);
        let opened = results.apply(
            Action::OpenStory {
                issue: "2025-11-27".into(),
                story: "ctx310 phase1".into(),
            },
            &all,
        );
        assert_eq!(opened.to_fragment(), "#issue=2025-11-27&story=ctx310%20phase1");
        assert_eq!(
            opened.to_fragment(),
            results.story_fragment_in("2025-11-27", "ctx310 phase1")
        );
        // Back: the results' address gives the results again.
        assert_eq!(ViewState::from_fragment(&results.to_fragment(), &all), results);
    }
    #[test]
    fn more_results_is_in_the_address_across_issues_only() {
        let all = topics();
        let results = ViewState::from_fragment("#scope=all&q=crispr", &all);
        let more = results
            .apply(Action::MoreResults, &all)
            .apply(Action::MoreResults, &all);
        assert_eq!(more.pages, 3);
        assert_eq!(more.to_fragment(), "#scope=all&q=crispr&pages=3");
        assert_eq!(ViewState::from_fragment(&more.to_fragment(), &all), more);
        // One page is the default, not written.
        assert_eq!(results.to_fragment(), "#scope=all&q=crispr");
        // In one issue there are no pages of results: not kept, not written.
        let in_issue = ViewState::from_fragment("#q=crispr&pages=3", &all);
        assert_eq!(in_issue.pages, 1);
        assert_eq!(in_issue.apply(Action::MoreResults, &all), in_issue);
        assert_eq!(
            ViewState { pages: 3, ..in_issue }.to_fragment(),
            "#q=crispr",
            "pages are written only with scope=all"
        );
        // The key may come before the scope.
        assert_eq!(ViewState::from_fragment("#pages=4&scope=all", &all).pages, 4);
    }

    #[test]
    fn more_results_start_again_at_one_page_when_the_search_changes() {
        let all = topics();
        let paged = ViewState::from_fragment("#issue=2025-12-04&scope=all&topics=oncology&q=crispr&pages=3", &all);
        assert_eq!(paged.pages, 3);
        for action in [
            Action::Search("crispr trial".into()),
            Action::ToggleTopic("china".into()),
            Action::ToggleTopic("oncology".into()),
            Action::OnlyTopic("china".into()),
            Action::ClearTopics,
            Action::ClearAll,
            Action::ChooseScope(Scope::Issue),
            Action::OpenStory {
                issue: "2025-11-27".into(),
                story: "lead".into(),
            },
        ] {
            assert_eq!(paged.apply(action.clone(), &all).pages, 1, "{action:?}");
        }
        // The same search, another archive issue, or the address itself
        // keep them.
        assert_eq!(paged.apply(Action::Search("crispr".into()), &all).pages, 3);
        assert_eq!(paged.apply(Action::ChooseIssue("2025-11-27".into()), &all).pages, 3);
        assert_eq!(paged.apply(Action::ChooseScope(Scope::All), &all).pages, 3);
        let restored = ViewState {
            pages: 7,
            ..paged.clone()
        };
        assert_eq!(paged.apply(Action::Restore(restored.clone()), &all), restored);
    }

    #[test]
    fn pages_in_the_address_are_a_sane_count_or_one() {
        let all = topics();
        let pages = |value: &str| ViewState::from_fragment(&format!("#scope=all&q=a&pages={value}"), &all).pages;
        for bad in ["0", "000", "abc", "", "-2", "+2", "2.5", " 2", "2x", "%32", "0x10"] {
            assert_eq!(pages(bad), 1, "pages={bad}");
        }
        assert_eq!(pages("2"), 2);
        assert_eq!(pages("007"), 7);
        assert_eq!(pages("50"), MAX_PAGES);
        for huge in ["51", "1000", "18446744073709551616", &"9".repeat(400)] {
            assert_eq!(pages(huge), MAX_PAGES, "pages={huge}");
        }
        // "More results" stops there too.
        let last = ViewState::from_fragment("#scope=all&q=a&pages=50", &all);
        assert_eq!(last.apply(Action::MoreResults, &all).pages, MAX_PAGES);
    }
}
