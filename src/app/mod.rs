//! The browser layer: a thin shell around [`newsletter_core`].
//!
//! * `services` talk to the network (fetching feeds).
//! * `hooks` hold state that outlives a render (the loading feed).
//! * `components` render, one per file, with `XxxProps` and `on*` callbacks.

pub mod components;
pub mod embed;
pub mod error;
pub mod hooks;
pub mod page;
pub mod services;
pub mod settings;

use wasm_bindgen::prelude::wasm_bindgen;

use components::app::App;
use settings::ReaderSettings;
use yew::prelude::*;

use newsletter_core::locale::Language;

#[derive(Properties, PartialEq)]
pub struct PageRootProps {
    pub src: AttrValue,
    pub language: Language,
}

/// The standalone page: the reader, with its view in the address.
#[function_component(PageRoot)]
pub fn page_root(props: &PageRootProps) -> Html {
    let settings = ReaderSettings {
        language: props.language,
        sources: page::address_sources(),
        ..ReaderSettings::default()
    };
    html! {
        <ContextProvider<ReaderSettings> context={settings}>
            <App src={props.src.clone()} />
        </ContextProvider<ReaderSettings>>
    }
}

/// Runs when the bundle loads. On the standalone page it mounts the reader
/// into `#newsletter-widget-page`: in place of the static loading skeleton
/// that `index.html` shows while the wasm downloads, or, when the page holds
/// a pre-rendered issue for this view, beside it and hidden until the reader
/// has something to show ([`page::reveal`]). On a host page (the
/// `<newsletter-widget>` loader) that element is absent and it does nothing.
#[wasm_bindgen(start)]
pub fn start() {
    let document = document();
    let Some(root) = document.get_element_by_id("newsletter-widget-page") else {
        return;
    };
    let src = page::feed_url();
    let mount = page::take_over(&document, &root, &src);
    let props = PageRootProps {
        src: src.into(),
        language: page::language(),
    };
    yew::Renderer::<PageRoot>::with_root_and_props(mount, props).render();
}

/// The page's document: the reader only runs in one.
pub(crate) fn document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("the reader runs in a page")
}
