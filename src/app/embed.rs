//! `<newsletter-widget>`: the reader inside a custom element's shadow root.
//!
//! The loader (`newsletter-widget.js`, written at build time by
//! `scripts/write-loader.mjs`) defines the element and calls this class.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, ShadowRoot};
use yew::prelude::*;
use yew::AppHandle;

use super::components::app::App;
use super::services::events::{self, EventHost};
use super::settings::ReaderSettings;
use newsletter_core::embed::EmbedSettings;
use newsletter_core::locale::Language;
use newsletter_core::render::markup::PRERENDERED_ID;
use newsletter_core::url::SourcePolicy;

#[derive(Properties, PartialEq)]
pub struct EmbedRootProps {
    pub settings: EmbedSettings,
    /// Counts the settings this element has had: a new count starts a new
    /// reader.
    pub generation: u32,
    /// Which feeds it may read, from the page, read once.
    pub sources: SourcePolicy,
    /// The element, which sends the reader's events to the page.
    pub events: EventHost,
}

/// Themes the reader and hands it the element's settings. Any attribute
/// change re-creates the reader, so it starts from the new settings.
#[function_component(EmbedRoot)]
pub fn embed_root(props: &EmbedRootProps) -> Html {
    let settings = &props.settings;
    let reader = ReaderSettings {
        sync_address: false,
        topics: settings.topics.clone(),
        limit: settings.limit,
        subscribe_off: settings.subscribe_off,
        subscribe_override: settings.subscribe_override.clone(),
        language: Language::from_tag(settings.locale.as_deref().unwrap_or_default()),
        sources: props.sources.clone(),
        events: props.events.clone(),
    };
    let key = props.generation.to_string();
    html! {
        <div class={classes!("nw-host", settings.theme.class())} lang={settings.locale.clone()}>
            <ContextProvider<ReaderSettings> context={reader}>
                if let Some(feed) = &settings.feed {
                    <App {key} src={AttrValue::from(feed.clone())} allow_index={settings.is_archive} />
                } else {
                    <div class="nw"><p class="nw-error" role="alert">
                        { "This newsletter widget has no feed: give it a src=\"…\" or archive=\"…\" attribute." }
                    </p></div>
                }
            </ContextProvider<ReaderSettings>>
        </div>
    }
}

/// One mounted widget.
#[wasm_bindgen]
pub struct EmbeddedWidget {
    handle: Option<AppHandle<EmbedRoot>>,
    settings: EmbedSettings,
    generation: u32,
    sources: SourcePolicy,
    events: EventHost,
}

#[wasm_bindgen]
impl EmbeddedWidget {
    /// Renders into `shadow`, styled by the stylesheet at `stylesheet_url`,
    /// with the settings of `host`'s attributes.
    ///
    /// A snapshot of this element's feed already in `shadow` (written by
    /// `newsletter embed` as a declarative shadow root) stays on screen
    /// while the reader renders beside it, hidden; both swap in one step
    /// when the reader has its issue (`nw-loaded`) or an error (`nw-error`),
    /// so nothing flashes or moves. Anything else in `shadow` is cleared.
    #[wasm_bindgen(constructor)]
    pub fn new(shadow: ShadowRoot, host: Element, stylesheet_url: &str) -> Result<EmbeddedWidget, JsValue> {
        let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
        let settings = settings_of(&host);
        let snapshot = shadow
            .get_element_by_id(PRERENDERED_ID)
            .filter(|issue| settings.feed.is_some() && issue.get_attribute("data-src") == settings.feed)
            .and_then(|issue| issue.parent_element());
        if snapshot.is_none() {
            shadow.replace_children_with_node_0();
        }
        // The snapshot's stylesheet (the bundle's stable copy) is the same.
        if shadow.query_selector("link[rel=stylesheet]")?.is_none() {
            let link = document.create_element("link")?;
            link.set_attribute("rel", "stylesheet")?;
            link.set_attribute("href", stylesheet_url)?;
            shadow.append_child(&link)?;
        }
        let root = document.create_element("div")?;
        shadow.append_child(&root)?;
        if let Some(snapshot) = snapshot {
            root.set_attribute("hidden", "")?;
            swap_when_settled(&host, snapshot, root.clone())?;
        }
        let settings = settings_of(&host);
        let sources = super::page::host_chosen_sources();
        let events = EventHost(Some(host));
        let props = EmbedRootProps {
            settings: settings.clone(),
            generation: 0,
            sources: sources.clone(),
            events: events.clone(),
        };
        Ok(EmbeddedWidget {
            handle: Some(yew::Renderer::<EmbedRoot>::with_root_and_props(root, props).render()),
            settings,
            generation: 0,
            sources,
            events,
        })
    }

    /// Reads the attributes again after one changed; a new value starts
    /// a new reader.
    pub fn refresh(&mut self, host: Element) {
        let settings = settings_of(&host);
        if settings == self.settings {
            return;
        }
        self.settings = settings.clone();
        self.generation += 1;
        if let Some(handle) = &mut self.handle {
            handle.update(EmbedRootProps {
                settings,
                generation: self.generation,
                sources: self.sources.clone(),
                events: self.events.clone(),
            });
        }
    }

    /// Unmounts, when the element leaves the page.
    pub fn destroy(&mut self) {
        if let Some(handle) = self.handle.take() {
            handle.destroy();
        }
    }
}

/// Replaces `snapshot` with `reader` at the reader's first `nw-loaded` or
/// `nw-error`, which it sends once its own issue or error is on screen.
fn swap_when_settled(host: &Element, snapshot: Element, reader: Element) -> Result<(), JsValue> {
    let swap = Closure::<dyn FnMut()>::new(move || {
        if snapshot.is_connected() {
            snapshot.remove();
            let _ = reader.remove_attribute("hidden");
        }
    })
    .into_js_value();
    for name in [events::LOADED, events::ERROR] {
        host.add_event_listener_with_callback(name, swap.unchecked_ref())?;
    }
    Ok(())
}

fn settings_of(host: &Element) -> EmbedSettings {
    EmbedSettings::from_attributes(|name| host.get_attribute(name))
}
