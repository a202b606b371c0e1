//! The reader's filters, kept in the page address (`#topics=…&q=…`) so a
//! copied link opens the same view and Back and Forward step through
//! filter changes.

use std::rc::Rc;

use yew::prelude::*;

use crate::app::services::address::{current_fragment, on_address_change, write_fragment_after_paint};
use newsletter_core::view::state::{Action, ViewState};
use newsletter_core::Topic;

/// The current view and a dispatcher for the reader's actions. With
/// `sync_address` the view lives in the page address; without (embedded
/// widgets, several to a page) it starts from `preset` topics and stays in
/// the widget, which still opens a story its host's address links to
/// (`#story=<id>`, as its "Copy link" writes it).
#[hook]
pub fn use_view_state(
    topics: Rc<Vec<Topic>>,
    sync_address: bool,
    preset: Vec<String>,
) -> (ViewState, Callback<Action>) {
    let state = use_state({
        let topics = topics.clone();
        move || {
            if sync_address {
                ViewState::from_fragment(&current_fragment(), &topics)
            } else {
                ViewState {
                    topics: preset,
                    story: ViewState::from_fragment_unchecked(&current_fragment()).story,
                    ..ViewState::default()
                }
                .keeping_known_topics(&topics)
            }
        }
    });
    {
        // Back, Forward and edited addresses restore the view they name.
        let state = state.clone();
        use_effect_with((topics.clone(), sync_address), move |(topics, sync_address)| {
            let sync_address = *sync_address;
            let topics = topics.clone();
            on_address_change(sync_address, move || {
                let restored = ViewState::from_fragment(&current_fragment(), &topics);
                let next = state.apply(Action::Restore(restored), &topics);
                if next != *state {
                    state.set(next);
                }
            })
        });
    }
    let dispatch = {
        let state = state.clone();
        Callback::from(move |action: Action| {
            // Typing refines one search: only its first keystroke adds a
            // history entry, so Back does not replay every letter. "More
            // results" adds none: Back leaves the search, not its pages.
            let replace = match action {
                Action::Search(_) => !state.query.is_empty(),
                Action::MoreResults => true,
                _ => false,
            };
            let next = state.apply(action, &topics);
            if next != *state {
                if sync_address {
                    write_fragment_after_paint(next.to_fragment(), replace);
                }
                state.set(next);
            }
        })
    };
    ((*state).clone(), dispatch)
}
