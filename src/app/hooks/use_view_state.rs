//! The reader's filters, kept in the page address (`#topics=…&q=…`) so a
//! copied link opens the same view and Back and Forward step through
//! filter changes.

use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::domain::view_state::{Action, ViewState};
use crate::domain::Topic;

/// The current view and a dispatcher for the reader's actions. With
/// `sync_address` the view lives in the page address; without (embedded
/// widgets, several to a page) it starts from `preset` topics and stays in
/// the widget.
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
            let on_navigate = Closure::<dyn Fn()>::new(move || {
                let restored = ViewState::from_fragment(&current_fragment(), &topics);
                if restored != *state {
                    state.set(restored);
                }
            });
            let window = web_sys::window().filter(|_| sync_address);
            if let Some(window) = &window {
                for event in ["popstate", "hashchange"] {
                    let _ = window.add_event_listener_with_callback(event, on_navigate.as_ref().unchecked_ref());
                }
            }
            move || {
                if let Some(window) = &window {
                    for event in ["popstate", "hashchange"] {
                        let _ = window.remove_event_listener_with_callback(event, on_navigate.as_ref().unchecked_ref());
                    }
                }
                drop(on_navigate);
            }
        });
    }
    let dispatch = {
        let state = state.clone();
        Callback::from(move |action: Action| {
            // Typing refines one search: only its first keystroke adds a
            // history entry, so Back does not replay every letter.
            let replace = matches!(action, Action::Search(_)) && !state.query.is_empty();
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

fn current_fragment() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Writing history costs Chromium a few milliseconds, so it waits until the
/// filtered stories are on screen (the first task after the next frame).
fn write_fragment_after_paint(fragment: String, replace: bool) {
    let Some(window) = web_sys::window() else { return };
    let write = Closure::once_into_js(move || {
        let write = Closure::once_into_js(move || write_fragment(&fragment, replace));
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback(write.unchecked_ref());
        }
    });
    let _ = window.request_animation_frame(write.unchecked_ref());
}

fn write_fragment(fragment: &str, replace: bool) {
    let Some(window) = web_sys::window() else { return };
    let location = window.location();
    let base = format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    let url = format!("{base}{fragment}");
    if let Ok(history) = window.history() {
        let _ = if replace {
            history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
        } else {
            history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
        };
    }
}
