//! Search across an archive: fetches its search index (`search/` next to
//! `index.json`, `docs/archive-search.md`) with the rule feeds follow
//! (`services/feed.rs`), and runs the core's query plan
//! (`archive_search::session`). Nothing is fetched until the reader asks
//! for "All issues".

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsValue;
use wasm_bindgen_futures::{future_to_promise, JsFuture};

use crate::app::error::LoadError;
use crate::app::services::feed::fetch_text;
use newsletter_core::archive_search::session::{file_path, manifest_path, Results, Session, Step};
use newsletter_core::archive_search::{Manifest, Query};
use newsletter_core::url::SourcePolicy;

/// Where an archive's search stands, shared by every issue the reader
/// opens in that archive: the manifest is read once. A failure is not
/// kept: the next query, or "Try again", asks for the manifest again.
#[derive(Debug, Default)]
pub enum Opened {
    /// Not asked for yet, or the last attempt failed.
    #[default]
    No,
    /// The manifest is read; shards come as queries need them.
    Yes(Session),
}

/// One archive's search index.
#[derive(Debug, Clone)]
pub struct ArchiveIndex {
    /// The archive index's absolute address, against which `search/`
    /// resolves.
    pub index_href: String,
    /// The rule the archive index was read under.
    pub sources: SourcePolicy,
    /// The session, once opened.
    pub opened: Rc<RefCell<Opened>>,
}

impl PartialEq for ArchiveIndex {
    fn eq(&self, other: &Self) -> bool {
        self.index_href == other.index_href && Rc::ptr_eq(&self.opened, &other.opened)
    }
}

impl ArchiveIndex {
    fn href(&self, path: &str) -> String {
        web_sys::Url::new_with_base(path, &self.index_href)
            .map(|url| url.href())
            .unwrap_or_else(|_| path.to_owned())
    }

    /// The results of `query`, its first `pages` pages: opens the index the
    /// first time, then fetches only the shards the query still lacks.
    pub async fn results(&self, query: &Query, pages: usize) -> Result<Results, LoadError> {
        if matches!(*self.opened.borrow(), Opened::No) {
            let url = self.href(&manifest_path());
            let opened = match fetch_text(&url, &self.sources).await {
                Ok(text) => Manifest::read(&text)
                    .map(Session::new)
                    .map_err(|error| self.unreadable(error)),
                Err(error) => Err(error),
            };
            let session = opened?;
            // Another query may have opened it meanwhile: the first wins.
            let mut state = self.opened.borrow_mut();
            if matches!(*state, Opened::No) {
                *state = Opened::Yes(session);
            }
        }
        loop {
            // Borrowed only between awaits: queries typed quickly overlap.
            let step = match &mut *self.opened.borrow_mut() {
                Opened::Yes(session) => session.step(query, pages).map_err(|error| self.unreadable(error))?,
                // Opened just above, with no await since: kept as an error
                // rather than a panic.
                Opened::No => {
                    return Err(
                        self.unreadable(newsletter_core::archive_search::ArchiveSearchError::Missing {
                            file: newsletter_core::archive_search::MANIFEST.to_owned(),
                        }),
                    )
                }
            };
            match step {
                Step::Ready(results) => return Ok(results),
                Step::Fetch(names) => {
                    // The shards that came are kept even when one failed:
                    // the next query asks only for those still missing.
                    let (fetched, failure) = self.fetch_all(&names).await;
                    if let Opened::Yes(session) = &mut *self.opened.borrow_mut() {
                        for (name, text) in fetched {
                            session.add(name, text);
                        }
                    }
                    if let Some(error) = failure {
                        return Err(error);
                    }
                }
            }
        }
    }

    fn unreadable(&self, error: newsletter_core::archive_search::ArchiveSearchError) -> LoadError {
        LoadError::SearchIndex {
            url: self.index_href.clone(),
            error,
        }
    }

    /// The shards `names`, requested all at once: those that came, and the
    /// first failure, if any.
    async fn fetch_all(&self, names: &[String]) -> (Vec<(String, String)>, Option<LoadError>) {
        let failure: Rc<RefCell<Option<LoadError>>> = Rc::default();
        // Promises start at once, so the requests run side by side.
        let requests: Vec<js_sys::Promise> = names
            .iter()
            .map(|name| {
                let (url, sources, failure) = (self.href(&file_path(name)), self.sources.clone(), failure.clone());
                future_to_promise(async move {
                    match fetch_text(&url, &sources).await {
                        Ok(text) => Ok(JsValue::from_str(&text)),
                        Err(error) => {
                            failure.borrow_mut().get_or_insert(error);
                            Err(JsValue::NULL)
                        }
                    }
                })
            })
            .collect();
        let mut texts = Vec::with_capacity(names.len());
        let mut failed = None;
        for (name, request) in names.iter().zip(requests) {
            match JsFuture::from(request).await {
                Ok(text) => texts.push((name.clone(), text.as_string().unwrap_or_default())),
                Err(_) => {
                    failed.get_or_insert_with(|| self.href(&file_path(name)));
                }
            }
        }
        // Every request has settled, so the first error is in `failure`.
        let failure = failed.map(|url| {
            failure.borrow_mut().take().unwrap_or(LoadError::Unreachable {
                url,
                cross_origin: false,
            })
        });
        (texts, failure)
    }
}
