//! The page address as the store of the reader's view: reading and writing
//! its fragment, and hearing when Back, Forward or an edit change it.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// The address's fragment, with its `#`, or an empty string.
pub fn current_fragment() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Sets the fragment as a new history entry, or in place with `replace`.
pub fn write_fragment(fragment: &str, replace: bool) {
    let Some(window) = web_sys::window() else { return };
    let location = window.location();
    let url = format!(
        "{}{}{fragment}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    if let Ok(history) = window.history() {
        let _ = if replace {
            history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
        } else {
            history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
        };
    }
}

/// Writing history costs Chromium a few milliseconds, so this waits until
/// the new view is on screen (the first task after the next frame).
pub fn write_fragment_after_paint(fragment: String, replace: bool) {
    let Some(window) = web_sys::window() else { return };
    let write = Closure::once_into_js(move || {
        let write = Closure::once_into_js(move || write_fragment(&fragment, replace));
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback(write.unchecked_ref());
        }
    });
    let _ = window.request_animation_frame(write.unchecked_ref());
}

/// Calls `on_change` whenever Back, Forward or an edit changes the address
/// (when `enabled`). Returns the function that stops listening, for an
/// effect's clean-up.
pub fn on_address_change(enabled: bool, on_change: impl Fn() + 'static) -> impl FnOnce() {
    let listener = Closure::<dyn Fn()>::new(on_change);
    let window = web_sys::window().filter(|_| enabled);
    const EVENTS: [&str; 2] = ["popstate", "hashchange"];
    if let Some(window) = &window {
        for event in EVENTS {
            let _ = window.add_event_listener_with_callback(event, listener.as_ref().unchecked_ref());
        }
    }
    move || {
        if let Some(window) = &window {
            for event in EVENTS {
                let _ = window.remove_event_listener_with_callback(event, listener.as_ref().unchecked_ref());
            }
        }
        drop(listener);
    }
}
