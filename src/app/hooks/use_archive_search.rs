//! Search across the archive as the reader types: the results of the
//! current query, fetched by `services/archive_search.rs`; a slow answer
//! for a query the reader has moved on from never wins.

use std::cell::Cell;
use std::rc::Rc;

use yew::prelude::*;

use crate::app::services::archive_search::ArchiveIndex;
use newsletter_core::archive_search::session::Results;
use newsletter_core::archive_search::Query;

/// What an archive gives its issues for searching across issues.
#[derive(Debug, Clone, PartialEq)]
pub struct ArchiveSearchContext {
    /// The archive's search index, opened on first use.
    pub index: ArchiveIndex,
    /// In an embed, which keeps its host's address alone: opens a result,
    /// (issue, story). On the page a result is a link, and the address
    /// change opens it.
    pub on_open: Option<Callback<(String, String)>>,
    /// In an embed: the last result opened, (a count, issue, story), for
    /// the issue to open once it is shown; the count tells one opening from
    /// the next.
    pub arriving: Option<(u32, String, String)>,
}

/// Where the search across issues stands.
#[derive(Debug, Clone, PartialEq)]
pub enum ArchiveResults {
    /// Not asked for: "This issue" is chosen, or there is no archive.
    Off,
    /// On its way; the previous results, if any, stay shown meanwhile.
    Loading(Option<Rc<Results>>),
    /// The results of the current query.
    Ready(Rc<Results>),
    /// The index or a shard could not be had (the console says why).
    Unavailable,
}

impl ArchiveResults {
    /// The results to show, current or previous.
    pub fn shown(&self) -> Option<&Rc<Results>> {
        match self {
            ArchiveResults::Loading(results) => results.as_ref(),
            ArchiveResults::Ready(results) => Some(results),
            ArchiveResults::Off | ArchiveResults::Unavailable => None,
        }
    }
}

/// The results of `text` and `topics` across the archive `index`, their
/// first `pages` pages; `Off` when `index` is `None`.
#[hook]
pub fn use_archive_search(
    index: Option<ArchiveIndex>,
    text: String,
    topics: Vec<String>,
    pages: usize,
) -> ArchiveResults {
    let state = use_state(|| ArchiveResults::Off);
    {
        let state = state.clone();
        use_effect_with((index, text, topics, pages), move |(index, text, topics, pages)| {
            let current = Rc::new(Cell::new(true));
            match index.clone() {
                None => {
                    if *state != ArchiveResults::Off {
                        state.set(ArchiveResults::Off);
                    }
                }
                Some(index) => {
                    let previous = state.shown().cloned();
                    state.set(ArchiveResults::Loading(previous));
                    let (query, pages, still_current) = (Query::new(text, topics), *pages, current.clone());
                    wasm_bindgen_futures::spawn_local(async move {
                        let result = index.results(&query, pages).await;
                        if !still_current.get() {
                            return;
                        }
                        match result {
                            Ok(results) => state.set(ArchiveResults::Ready(Rc::new(results))),
                            Err(error) => {
                                web_sys::console::error_1(&format!("newsletter-widget: {error}").into());
                                state.set(ArchiveResults::Unavailable);
                            }
                        }
                    });
                }
            }
            move || current.set(false)
        });
    }
    (*state).clone()
}
