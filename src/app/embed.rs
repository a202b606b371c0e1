//! `<newsletter-widget>`: the reader inside a custom element's shadow root.
//!
//! The loader (`newsletter-widget.js`, written at build time by
//! `scripts/write-loader.mjs`) defines the element and calls this class.

use wasm_bindgen::prelude::*;
use web_sys::{Element, ShadowRoot};
use yew::prelude::*;
use yew::AppHandle;

use super::components::app::App;
use super::services::events::EventHost;
use super::settings::ReaderSettings;
use newsletter_core::embed::EmbedSettings;
use newsletter_core::locale::Language;
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
    #[wasm_bindgen(constructor)]
    pub fn new(shadow: ShadowRoot, host: Element, stylesheet_url: &str) -> Result<EmbeddedWidget, JsValue> {
        let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
        let link = document.create_element("link")?;
        link.set_attribute("rel", "stylesheet")?;
        link.set_attribute("href", stylesheet_url)?;
        shadow.append_child(&link)?;
        let root = document.create_element("div")?;
        shadow.append_child(&root)?;
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

fn settings_of(host: &Element) -> EmbedSettings {
    EmbedSettings::from_attributes(|name| host.get_attribute(name))
}
