//! `<newsletter-widget>`: the reader inside a custom element's shadow root.
//!
//! The loader (`newsletter-widget.js`, written at build time by
//! `scripts/write-loader.mjs`) defines the element and calls this class.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, ShadowRoot};
use yew::prelude::*;
use yew::AppHandle;

use std::cell::RefCell;
use std::rc::Rc;

use super::components::app::App;
use super::services::address::current_fragment;
use super::services::events::{self, EventHost};
use super::services::first_paint;
use super::settings::ReaderSettings;
use newsletter_core::embed::EmbedSettings;
use newsletter_core::locale::Language;
use newsletter_core::render::markup::PRERENDERED_ID;
use newsletter_core::render::snapshot::Snapshot;
use newsletter_core::url::SourcePolicy;
use newsletter_core::view::state::ViewState;

#[derive(Properties, PartialEq, Clone)]
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

/// The reader's handle, once mounted; shared with the task that mounts it
/// after the first page is painted.
type Handle = Rc<RefCell<Mounted>>;

/// Where a widget's reader stands.
enum Mounted {
    /// Painting its first page; then mounted with these props, the latest
    /// its attributes gave.
    Waiting(EmbedRootProps),
    /// Mounted.
    Yes(AppHandle<EmbedRoot>),
    /// Removed from the page: nothing more is mounted.
    Gone,
}

/// One mounted widget.
#[wasm_bindgen]
pub struct EmbeddedWidget {
    handle: Handle,
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
    /// Without a snapshot, the first page of a `src` feed is painted as
    /// soon as the feed is read, and taken over the same way
    /// ([`first_paint`]).
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
        // Not when the host's address opens a story (`#story=`): the reader
        // opens and focuses it, which the first page, as painted, is not.
        let opens_story = ViewState::from_fragment_unchecked(&current_fragment()).story.is_some();
        let paints_first = cfg!(feature = "first-paint")
            && snapshot.is_none()
            && !settings.is_archive
            && settings.feed.is_some()
            && !opens_story;
        if let Some(snapshot) = snapshot {
            root.set_attribute("hidden", "")?;
            swap_when_settled(&host, snapshot, root.clone())?;
        } else if paints_first {
            root.set_attribute("hidden", "")?;
        }
        let sources = super::page::host_chosen_sources();
        let events = EventHost(Some(host.clone()));
        let props = EmbedRootProps {
            settings: settings.clone(),
            generation: 0,
            sources: sources.clone(),
            events: events.clone(),
        };
        let handle: Handle = Rc::new(RefCell::new(Mounted::Waiting(props)));
        if paints_first {
            paint_then_mount(host, root, settings.clone(), sources.clone(), handle.clone());
        } else {
            mount(&root, &handle);
        }
        Ok(EmbeddedWidget {
            handle,
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
        let props = EmbedRootProps {
            settings,
            generation: self.generation,
            sources: self.sources.clone(),
            events: self.events.clone(),
        };
        match &mut *self.handle.borrow_mut() {
            Mounted::Yes(handle) => handle.update(props),
            Mounted::Waiting(waiting) => *waiting = props,
            Mounted::Gone => {}
        }
    }

    /// Unmounts, when the element leaves the page.
    pub fn destroy(&mut self) {
        if let Mounted::Yes(handle) = self.handle.replace(Mounted::Gone) {
            handle.destroy();
        }
    }
}

/// Mounts the reader into `root`, with the props it waited with.
fn mount(root: &Element, handle: &Handle) {
    let mut state = handle.borrow_mut();
    if let Mounted::Waiting(props) = &*state {
        let app = yew::Renderer::<EmbedRoot>::with_root_and_props(root.clone(), props.clone()).render();
        *state = Mounted::Yes(app);
    }
}

/// Paints the feed's first page beside `root` (hidden), then mounts the
/// reader there, shown when it takes the painted page's place.
fn paint_then_mount(host: Element, root: Element, settings: EmbedSettings, sources: SourcePolicy, handle: Handle) {
    wasm_bindgen_futures::spawn_local(async move {
        let Some(feed) = settings.feed.as_deref() else {
            return;
        };
        let snapshot = Snapshot {
            src: feed,
            archive: false,
            bundle: "",
            theme: settings.theme,
            locale: settings.locale.as_deref(),
        };
        // Shadow-root stylesheets do not hold the first paint back, as the
        // page's do: nothing is shown unstyled.
        if let Some(link) = root.parent_node().and_then(|shadow| {
            shadow
                .dyn_ref::<ShadowRoot>()
                .and_then(|shadow| shadow.query_selector("link[rel=stylesheet]").ok().flatten())
        }) {
            first_paint::stylesheet_loaded(&link).await;
        }
        let waiting = first_paint::placeholder(&root, &snapshot);
        let place = first_paint::Place::Shadow {
            before: &root,
            snapshot,
        };
        let painted = first_paint::paint(feed, &sources, place).await;
        if let Some(waiting) = waiting {
            waiting.remove();
        }
        // The reader, hidden meanwhile, shows in the painted page's place
        // once settled, or at once when nothing was painted.
        match painted {
            Some(painted) if swap_when_settled(&host, painted.clone(), root.clone()).is_ok() => {
                first_paint::after_next_frame().await;
            }
            painted => {
                if let Some(painted) = painted {
                    painted.remove();
                }
                let _ = root.remove_attribute("hidden");
            }
        }
        mount(&root, &handle);
    });
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
