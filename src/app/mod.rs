//! The browser layer: a thin shell around [`crate::domain`].
//!
//! * `services` talk to the network (fetching feeds).
//! * `hooks` hold state that outlives a render (the loading feed).
//! * `components` render, one per file, with `XxxProps` and `on*` callbacks.

pub mod components;
pub mod error;
pub mod hooks;
pub mod page;
pub mod services;

use components::app::{App, AppProps};

/// Mounts the reader into `#app`, replacing the static loading skeleton that
/// `index.html` shows while the wasm downloads.
pub fn start() {
    let document = gloo_utils_document();
    let root = document
        .get_element_by_id("app")
        .unwrap_or_else(|| document.body().expect("a page has a body").into());
    root.set_inner_html("");
    let props = AppProps { src: page::feed_url().into(), allow_index: true };
    yew::Renderer::<App>::with_root_and_props(root, props).render();
}

fn gloo_utils_document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("the reader runs in a page")
}
