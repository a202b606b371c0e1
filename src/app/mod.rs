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
///
/// When the page holds no issue for this view (`?src=`), the feed's first
/// page is painted as soon as it is read, before the reader mounts, and the
/// reader takes it over ([`services::first_paint`]).
#[wasm_bindgen(start)]
pub fn start() {
    let document = document();
    let Some(root) = document.get_element_by_id("newsletter-widget-page") else {
        return;
    };
    let src = page::feed_url();
    if !(cfg!(feature = "first-paint") && page::paints_first(&document, &src)) {
        mount_page(&document, &root, src);
        return;
    }
    // The build's issue is not this view's: the page's skeleton shows
    // until the first page is painted.
    page::drop_prerendered(&document);
    wasm_bindgen_futures::spawn_local(async move {
        let locale = page::asked_locale();
        let place = services::first_paint::Place::Page {
            root: &root,
            locale: locale.as_deref(),
        };
        if services::first_paint::paint(&src, &page::address_sources(), place)
            .await
            .is_some()
        {
            page::show_painted(&document);
            services::first_paint::after_next_frame().await;
        }
        mount_page(&document, &root, src);
    });
}

fn mount_page(document: &web_sys::Document, root: &web_sys::Element, src: String) {
    let mount = page::take_over(document, root, &src);
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
