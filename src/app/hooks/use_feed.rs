//! Loads a feed, and loads it again on retry or when its address changes.

use std::cell::Cell;
use std::rc::Rc;

use yew::prelude::*;

use crate::app::error::LoadError;
use crate::app::services::feed;
use newsletter_core::feed::index::Feed;
use newsletter_core::feed::index::IssueRef;
use newsletter_core::feed::notice::Consequence;
use newsletter_core::url::SourcePolicy;
use newsletter_core::Decoded;

/// Where loading a feed stands.
#[derive(Clone, Debug)]
pub enum FeedState {
    /// The request is on its way.
    Loading,
    /// The issue is ready.
    Ready(Rc<Decoded>),
    /// The feed is an archive index.
    Index(Rc<Vec<IssueRef>>),
    /// It failed; the reader may retry.
    Failed(Rc<LoadError>),
}

/// States compare by identity: a new load is a new state, and comparing
/// thousands of stories on every render would be wasted work.
impl PartialEq for FeedState {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (FeedState::Loading, FeedState::Loading) => true,
            (FeedState::Ready(a), FeedState::Ready(b)) => Rc::ptr_eq(a, b),
            (FeedState::Index(a), FeedState::Index(b)) => Rc::ptr_eq(a, b),
            (FeedState::Failed(a), FeedState::Failed(b)) => Rc::ptr_eq(a, b),
            _ => false,
        }
    }
}

/// The feed at `url`, when `sources` allow it, plus a callback that loads
/// it again.
#[hook]
pub fn use_feed(url: AttrValue, sources: SourcePolicy) -> (FeedState, Callback<()>) {
    let state = use_state(|| FeedState::Loading);
    let attempt = use_state(|| 0_u32);
    {
        let state = state.clone();
        use_effect_with((url, sources, *attempt), move |(url, sources, _)| {
            // A slow answer for an address no longer shown must not win.
            let current = Rc::new(Cell::new(true));
            let still_current = current.clone();
            // On mount it is loading already; setting it again would render twice.
            if !matches!(*state, FeedState::Loading) {
                state.set(FeedState::Loading);
            }
            let (url, sources) = (url.to_string(), sources.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let result = feed::load(&url, &sources).await;
                if !still_current.get() {
                    return;
                }
                match result {
                    Ok(Feed::Issue(decoded)) => {
                        report_to_publisher(&url, &decoded);
                        state.set(FeedState::Ready(Rc::new(*decoded)));
                    }
                    Ok(Feed::Index(issues)) => state.set(FeedState::Index(Rc::new(issues))),
                    Err(error) => {
                        web_sys::console::error_1(&error.to_string().into());
                        state.set(FeedState::Failed(Rc::new(error)));
                    }
                }
            });
            move || current.set(false)
        });
    }
    let retry = Callback::from(move |()| attempt.set(*attempt + 1));
    ((*state).clone(), retry)
}

/// Most notices a feed reports to the console; a feed of thousands of
/// stories could otherwise flood it (and slow the page) with one line each.
const CONSOLE_NOTICES: usize = 50;

/// Publishers read the console: notices go there, readers only see skipped
/// stories. The `newsletter validate` command lists every one. One message
/// per kind, a line per notice: each console call costs the page time
/// before its first story shows.
fn report_to_publisher(url: &str, decoded: &Decoded) {
    let (mut warnings, mut information) = (String::new(), String::new());
    for notice in decoded.notices.iter().take(CONSOLE_NOTICES) {
        let lines = match notice.consequence {
            Consequence::StorySkipped | Consequence::Neutralised => &mut warnings,
            Consequence::Informational => &mut information,
        };
        lines.push_str(&format!("newsletter-widget: {url}: {notice}\n"));
    }
    if let Some(more) = decoded
        .notices
        .len()
        .checked_sub(CONSOLE_NOTICES)
        .filter(|&more| more > 0)
    {
        information.push_str(&format!(
            "newsletter-widget: {url}: {more} more notices; run `newsletter validate` on the feed to see them all\n"
        ));
    }
    if !warnings.is_empty() {
        web_sys::console::warn_1(&warnings.trim_end().into());
    }
    if !information.is_empty() {
        web_sys::console::info_1(&information.trim_end().into());
    }
}
