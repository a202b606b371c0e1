//! Events for the host page (`docs/embedding.md`, "Events"): dispatched on the
//! `<newsletter-widget>` element, bubbling and composed, with a small plain
//! `detail`. The widget tracks nothing itself; a host may listen for its own
//! analytics. The standalone page has no host element and sends none.

use wasm_bindgen::JsValue;
use web_sys::{CustomEvent, CustomEventInit, Element};

/// The issue (or an empty archive) is shown: `{src, title, stories}`.
pub const LOADED: &str = "nw-loaded";
/// The reader changed the topics or the search: `{topics, query, shown}`.
pub const FILTERED: &str = "nw-filtered";
/// The reader opened "Read more" or followed a link of a story: `{id, via, href?}`.
pub const STORY_OPENED: &str = "nw-story-opened";
/// The provider accepted a sign-up, or the form was handed over: `{provider}`.
pub const SUBSCRIBED: &str = "nw-subscribed";
/// The feed could not be shown: `{src, message}`.
pub const ERROR: &str = "nw-error";

/// The element a reader sends its events from, if it is embedded.
/// Compared by identity (the same element).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EventHost(pub Option<Element>);

impl EventHost {
    /// Whether anyone can receive events: only embedded readers send them.
    pub fn is_embedded(&self) -> bool {
        self.0.is_some()
    }

    /// Dispatches `name` with `detail` on the element, when there is one.
    pub fn emit(&self, name: &str, detail: Detail) {
        let Some(host) = &self.0 else {
            return;
        };
        let init = CustomEventInit::new();
        init.set_bubbles(true);
        init.set_composed(true);
        init.set_detail(&detail.0);
        if let Ok(event) = CustomEvent::new_with_event_init_dict(name, &init) {
            let _ = host.dispatch_event(&event);
        }
    }
}

/// An event's `detail`: a plain object of strings, numbers, `null` and
/// arrays of strings, so a host can store or send it as JSON.
pub struct Detail(JsValue);

impl Default for Detail {
    fn default() -> Detail {
        Detail::new()
    }
}

impl Detail {
    /// An empty object.
    pub fn new() -> Detail {
        Detail(js_sys::Object::new().into())
    }

    fn set(self, key: &str, value: &JsValue) -> Detail {
        let _ = js_sys::Reflect::set(&self.0, &JsValue::from_str(key), value);
        self
    }

    pub fn text(self, key: &str, value: &str) -> Detail {
        self.set(key, &JsValue::from_str(value))
    }

    /// A text, or `null` when there is none.
    pub fn maybe_text(self, key: &str, value: Option<&str>) -> Detail {
        self.set(key, &value.map_or(JsValue::NULL, JsValue::from_str))
    }

    pub fn number(self, key: &str, value: usize) -> Detail {
        self.set(key, &JsValue::from_f64(value as f64))
    }

    pub fn texts<'a>(self, key: &str, values: impl IntoIterator<Item = &'a str>) -> Detail {
        let array = js_sys::Array::new();
        for value in values {
            array.push(&JsValue::from_str(value));
        }
        self.set(key, &array)
    }
}
