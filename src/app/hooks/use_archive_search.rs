//! Search across the archive as the reader types: the results of the
//! current query, fetched by `services/archive_search.rs`; a slow answer
//! for a query the reader has moved on from never wins.

use std::cell::Cell;
use std::rc::Rc;

use yew::prelude::*;

use crate::app::services::archive_search::ArchiveIndex;
use newsletter_core::archive_search::session::Results;
use newsletter_core::archive_search::Query;
use newsletter_core::view::state::ViewState;

/// What an archive gives its issues for searching across issues.
#[derive(Debug, Clone, PartialEq)]
pub struct ArchiveSearchContext {
    /// The archive's search index, opened on first use.
    pub index: ArchiveIndex,
    /// In an embed, which keeps its host's address alone: opens a result.
    /// On the page a result is a link, and the address change opens it.
    pub on_open: Option<Callback<OpenedResult>>,
    /// In an embed: where the reader is going, for the issue to show once
    /// it is on screen.
    pub arriving: Option<Arrival>,
    /// In an embed, on the issue a result opened: the way back to the
    /// results, which no browser history holds there.
    pub back: Option<BackToResults>,
}

/// A result opened in an embed, and the results it was opened from.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenedResult {
    /// The result's issue (its id in the archive).
    pub issue: String,
    /// The result's story (its id in its issue).
    pub story: String,
    /// The issue the results were shown in.
    pub from_issue: String,
    /// The results' view: query, topics, pages, across issues.
    pub results: ViewState,
}

/// In an embed, what an issue is to show once it is on screen.
#[derive(Debug, Clone, PartialEq)]
pub struct Arrival {
    /// Tells one arrival from the next, the same place twice included.
    pub count: u32,
    /// The issue it is for.
    pub issue: String,
    pub destination: Destination,
}

/// Where an arrival leads.
#[derive(Debug, Clone, PartialEq)]
pub enum Destination {
    /// A result's story, opened.
    Story(String),
    /// Results across issues, back from an opened result, which gets the
    /// focus again.
    Results(Rc<OpenedResult>),
}

/// "Back to results" and letting go of it.
#[derive(Debug, Clone, PartialEq)]
pub struct BackToResults {
    /// "Back to results" was pressed.
    pub on_back: Callback<()>,
    /// The reader moved on (chose "This issue" or "All issues"): no way back.
    pub on_drop: Callback<()>,
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
/// first `pages` pages; `Off` when `index` is `None`. With them, "Try
/// again": the same query asked once more (the index remembers no failure).
#[hook]
pub fn use_archive_search(
    index: Option<ArchiveIndex>,
    text: String,
    topics: Vec<String>,
    pages: usize,
) -> (ArchiveResults, Callback<()>) {
    let state = use_state(|| ArchiveResults::Off);
    let attempt = use_state(|| 0_u32);
    {
        let state = state.clone();
        let last_attempt = use_mut_ref(|| 0_u32);
        let deps = (index, text, topics, pages, *attempt);
        use_effect_with(deps, move |(index, text, topics, pages, attempt)| {
            let current = Rc::new(Cell::new(true));
            // Checked here, where the fetching is, so that a build without
            // the feature leaves the code out (Cargo.toml's features).
            match index.clone().filter(|_| cfg!(feature = "archive-search")) {
                None => {
                    if *state != ArchiveResults::Off {
                        state.set(ArchiveResults::Off);
                    }
                }
                Some(index) => {
                    // While the index is unavailable, the issue's own search
                    // stays on screen as the reader types; "Try again" shows
                    // that it is asking.
                    let asked_again = last_attempt.replace(*attempt) != *attempt;
                    if *state != ArchiveResults::Unavailable || asked_again {
                        state.set(ArchiveResults::Loading(state.shown().cloned()));
                    }
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
    let retry = Callback::from(move |()| attempt.set(attempt.wrapping_add(1)));
    ((*state).clone(), retry)
}
