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

/// The page's address without its fragment, followed by `fragment`: a link
/// to a view of this page (on an embedding page, the host's address).
pub fn page_address_with(fragment: &str) -> String {
    let href = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    let base = href.split('#').next().unwrap_or_default();
    format!("{base}{fragment}")
}

/// Hands `url` to the device's share sheet where there is one and the
/// reader points with a finger (a phone), else copies it with the
/// Clipboard API. Answers whether it went through; a share the reader
/// cancels counts as done, nothing was lost.
pub async fn share_or_copy(url: &str, title: &str) -> bool {
    use js_sys::{Function, Object, Promise, Reflect};
    // Read through `Reflect`: the few calls cost less than more web-sys
    // bindings in every reader's download.
    let Some(window) = web_sys::window() else { return false };
    let window: wasm_bindgen::JsValue = window.into();
    let method = |target: &wasm_bindgen::JsValue, name: &str| {
        Reflect::get(target, &name.into())
            .ok()
            .and_then(|f| f.dyn_into::<Function>().ok())
    };
    let Ok(navigator) = Reflect::get(&window, &"navigator".into()) else {
        return false;
    };
    let touch = method(&window, "matchMedia")
        .and_then(|match_media| match_media.call1(&window, &"(pointer: coarse)".into()).ok())
        .and_then(|query| Reflect::get(&query, &"matches".into()).ok())
        .is_some_and(|matches| matches.is_truthy());
    if let (true, Some(share)) = (touch, method(&navigator, "share")) {
        let data = Object::new();
        let _ = Reflect::set(&data, &"url".into(), &url.into());
        let _ = Reflect::set(&data, &"title".into(), &title.into());
        if let Ok(promise) = share.call1(&navigator, &data).and_then(|p| p.dyn_into::<Promise>()) {
            return match wasm_bindgen_futures::JsFuture::from(promise).await {
                Ok(_) => true,
                Err(error) => Reflect::get(&error, &"name".into())
                    .ok()
                    .and_then(|name| name.as_string())
                    .is_some_and(|name| name == "AbortError"),
            };
        }
    }
    let Some(clipboard) = Reflect::get(&navigator, &"clipboard".into())
        .ok()
        .filter(|c| c.is_object())
    else {
        return false;
    };
    let Some(write) = method(&clipboard, "writeText") else {
        return false;
    };
    match write
        .call1(&clipboard, &url.into())
        .and_then(|p| p.dyn_into::<Promise>())
    {
        Ok(promise) => wasm_bindgen_futures::JsFuture::from(promise).await.is_ok(),
        Err(_) => false,
    }
}
