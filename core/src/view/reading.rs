//! What a reader has opened within a view, with its reducer: more cards
//! ("Show more"), every long story ("Expand all") and more topic chips
//! ("More topics"). Unlike [`ViewState`](crate::view::state::ViewState) it
//! is not kept in the address: a shared link opens on the first page.

use crate::view::search::{FIRST_CHIPS, MORE_CHIPS};

/// What the reader has opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    /// The filters (topic ids, query) that "Show more" was pressed for, and
    /// how many cards it added: other filters start again from the first
    /// page. Kept with its filters rather than reset by an effect, which a
    /// quick click could overtake.
    paged_for: (Vec<String>, String),
    extra_cards: usize,
    /// "Expand all": long stories show whole.
    pub all_expanded: bool,
    /// How many topic chips show (more for a chosen topic).
    pub chip_limit: usize,
}

impl Default for Reading {
    fn default() -> Self {
        Reading {
            paged_for: Default::default(),
            extra_cards: 0,
            all_expanded: false,
            chip_limit: FIRST_CHIPS,
        }
    }
}

/// What the reader does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadingAction {
    /// "Show more" (`step` cards) under the filters `topics` and `query`.
    ShowMore {
        topics: Vec<String>,
        query: String,
        step: usize,
    },
    /// The reader changed the filters: every list starts from its first page.
    FiltersChanged,
    /// "Expand all", pressed again to fold them back.
    ToggleExpandAll,
    /// "More topics": another page of chips.
    MoreTopics,
    /// "Fewer topics": the first chips only.
    FewerTopics,
}

impl Reading {
    /// The state after `action`.
    pub fn apply(&self, action: ReadingAction) -> Reading {
        let mut next = self.clone();
        match action {
            ReadingAction::ShowMore { topics, query, step } => {
                let extra = self.extra_cards_for(&topics, &query);
                next.paged_for = (topics, query);
                next.extra_cards = extra.saturating_add(step);
            }
            ReadingAction::FiltersChanged => {
                next.paged_for = Default::default();
                next.extra_cards = 0;
            }
            ReadingAction::ToggleExpandAll => next.all_expanded = !self.all_expanded,
            ReadingAction::MoreTopics => next.chip_limit = self.chip_limit.saturating_add(MORE_CHIPS),
            ReadingAction::FewerTopics => next.chip_limit = FIRST_CHIPS,
        }
        next
    }

    /// How many cards show under these filters, `first_page` at first.
    pub fn cards_shown(&self, first_page: usize, topics: &[String], query: &str) -> usize {
        first_page.saturating_add(self.extra_cards_for(topics, query))
    }

    fn extra_cards_for(&self, topics: &[String], query: &str) -> usize {
        if self.paged_for.0 == topics && self.paged_for.1 == query {
            self.extra_cards
        } else {
            0
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show_more(reading: &Reading, topics: &[&str], query: &str) -> Reading {
        reading.apply(ReadingAction::ShowMore {
            topics: topics.iter().map(|t| t.to_string()).collect(),
            query: query.to_owned(),
            step: 30,
        })
    }

    #[test]
    fn show_more_pages_within_its_filters_and_other_filters_start_again() {
        let start = Reading::default();
        assert_eq!(start.cards_shown(30, &[], ""), 30);
        let twice = show_more(&show_more(&start, &["oncology"], ""), &["oncology"], "");
        assert_eq!(twice.cards_shown(30, &["oncology".to_owned()], ""), 90);
        // Another filter, or a search, is a new list: its first page.
        assert_eq!(twice.cards_shown(30, &[], ""), 30);
        assert_eq!(twice.cards_shown(30, &["oncology".to_owned()], "gene"), 30);
        // Back to the paged filters (Back in the browser): the pages are still open.
        assert_eq!(twice.cards_shown(30, &["oncology".to_owned()], ""), 90);
        // Paging another filter starts from its own first page.
        let other = show_more(&twice, &[], "");
        assert_eq!(other.cards_shown(30, &[], ""), 60);
        // The reader's own filter change closes the pages, even when the
        // filters come back to the paged ones (a search typed and cleared).
        let changed = other.apply(ReadingAction::FiltersChanged);
        assert_eq!(changed.cards_shown(30, &[], ""), 30);
        // A publisher's limit lifts at once.
        let all = start.apply(ReadingAction::ShowMore {
            topics: Vec::new(),
            query: String::new(),
            step: usize::MAX / 2,
        });
        assert_eq!(all.cards_shown(5, &[], ""), 5 + usize::MAX / 2);
    }

    #[test]
    fn expand_all_and_topic_pages_toggle() {
        let start = Reading::default();
        let expanded = start.apply(ReadingAction::ToggleExpandAll);
        assert!(expanded.all_expanded);
        assert!(!expanded.apply(ReadingAction::ToggleExpandAll).all_expanded);
        let more = start.apply(ReadingAction::MoreTopics).apply(ReadingAction::MoreTopics);
        assert_eq!(more.chip_limit, FIRST_CHIPS + 2 * MORE_CHIPS);
        assert_eq!(more.apply(ReadingAction::FewerTopics).chip_limit, FIRST_CHIPS);
    }
}
