//! The first cards before the reader is ready, where nothing pre-rendered
//! them: the demo page opened with `?src=`, or an embed whose host page has
//! no `newsletter embed` snapshot. As soon as the feed is read, its first
//! page is written as the build writes a pre-rendered issue
//! (`markup::prerendered_issue`); the reader then takes it over as it takes
//! over a pre-rendered issue or a snapshot, and is handed the feed already
//! read ([`feed::read_ahead`]). The reader's own first render (its code
//! compiled on first call, its components) then no longer stands between
//! the feed and the first card (`docs/performance.md`).

use wasm_bindgen::JsCast;
use web_sys::{Element, Node};

use super::{feed, trusted};
use newsletter_core::feed::index::Feed;
use newsletter_core::locale::Language;
use newsletter_core::render::markup::{loading_skeleton, prerendered_issue};
use newsletter_core::render::snapshot::{host_root, Snapshot};
use newsletter_core::url::SourcePolicy;

/// Where the first page goes, and how it is wrapped.
pub enum Place<'a> {
    /// Into the page's reader element, replacing what it holds (the
    /// loading skeleton), in the language `?locale=` asks for, else the
    /// issue's.
    Page { root: &'a Element, locale: Option<&'a str> },
    /// Into an element's shadow root, before `before` (where the reader
    /// mounts), wrapped as the element's own root (theme, `locale`).
    Shadow {
        before: &'a Element,
        snapshot: Snapshot<'a>,
    },
}

/// Resolves once the browser has produced the next frame (a frame, then a
/// task after it): the painted page is then on screen before the reader's
/// own first render takes the main thread.
pub async fn after_next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let Some(window) = web_sys::window() else {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
            return;
        };
        let after_frame = wasm_bindgen::closure::Closure::once_into_js(move || {
            if let Some(window) = web_sys::window() {
                let _ = window.set_timeout_with_callback(resolve.unchecked_ref());
            }
        });
        let _ = window.request_animation_frame(after_frame.unchecked_ref());
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Resolves once the stylesheet `link` has loaded, or failed.
pub async fn stylesheet_loaded(link: &Element) {
    // Loaded already (cached, or in the page's own snapshot): `sheet` is set.
    let loaded =
        js_sys::Reflect::get(link, &"sheet".into()).is_ok_and(|sheet| !sheet.is_null() && !sheet.is_undefined());
    if loaded {
        return;
    }
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        for event in ["load", "error"] {
            let _ = link.add_event_listener_with_callback(event, &resolve);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Writes the loading skeleton before `before`, wrapped as the element's
/// own root, for the moments until the feed is read (the reader, which
/// showed it before, mounts only after). The caller removes it.
pub fn placeholder(before: &Element, snapshot: &Snapshot) -> Option<Element> {
    let language = Language::for_reader(snapshot.locale, None);
    let markup = format!(
        "<div class=\"nw-host {}\">{}</div>",
        snapshot.theme.class(),
        loading_skeleton(language.words())
    );
    insert(&markup, &before.parent_node()?, Some(before))
}

/// Parses `markup` and puts it into `parent`, before `before` or in place
/// of its children; returns its first element.
fn insert(markup: &str, parent: &Node, before: Option<&Element>) -> Option<Element> {
    let document = parent.owner_document()?;
    let range = document.create_range().ok()?;
    range.select_node_contents(parent).ok()?;
    let fragment = trusted::fragment(&range, markup)?;
    let inserted = fragment.first_element_child()?;
    match before {
        None => parent.dyn_ref::<Element>()?.replace_children_with_node_1(&fragment),
        Some(before) => {
            parent.insert_before(&fragment, Some(before)).ok()?;
        }
    }
    Some(inserted)
}

/// Reads the feed at `src` ahead of the reader and writes the first page
/// of its issue at `place`. Returns the element the reader takes over
/// (the page's pre-rendered issue, or the shadow root's host root), or
/// `None` when the feed is not an issue or could not be read: the reader
/// then shows the index, or says what went wrong, as it would have.
pub async fn paint(src: &str, sources: &SourcePolicy, place: Place<'_>) -> Option<Element> {
    let markup = feed::read_ahead(src, sources, |result| match (result, &place) {
        (Ok(Feed::Issue(decoded)), Place::Page { locale, .. }) => Some(prerendered_issue(
            &decoded.issue,
            Language::for_reader(*locale, decoded.issue.language.as_deref()),
            src,
            false,
        )),
        (Ok(Feed::Issue(decoded)), Place::Shadow { snapshot, .. }) => Some(host_root(&decoded.issue, snapshot)),
        _ => None,
    })
    .await?;
    match &place {
        Place::Page { root, .. } => insert(&markup, root, None),
        Place::Shadow { before, .. } => insert(&markup, &before.parent_node()?, Some(before)),
    }
}
