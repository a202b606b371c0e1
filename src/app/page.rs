//! The standalone page: what its address asks for, and taking over the
//! issue that the build pre-rendered into it (`newsletter prerender`).

use web_sys::{Document, Element};

use newsletter_core::render::markup::PRERENDERED_ID;
use newsletter_core::url::{allowed_origins, SourcePolicy, SOURCES_META};

/// The element the reader renders into when the page has a pre-rendered
/// issue; hidden until [`reveal`].
const READER_ID: &str = "nw-reader";

/// What the demo page shows when the address has no `?src=`: the archive,
/// which opens on the newest issue.
pub const DEFAULT_FEED: &str = "issues/index.json";

/// The language asked for with `?locale=fr`; English by default (an issue
/// then speaks its feed's language, `ReaderSettings::for_feed`).
pub fn language() -> newsletter_core::locale::Language {
    newsletter_core::locale::Language::from_tag(&search_param("locale").unwrap_or_default())
}

/// The `?locale=` of the page's address, if any.
pub fn asked_locale() -> Option<String> {
    search_param("locale")
}

fn search_param(name: &str) -> Option<String> {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .and_then(|search| web_sys::UrlSearchParams::new_with_str(&search).ok())
        .and_then(|params| params.get(name))
}

/// The page's origin, and the other sites the publisher lists in
/// `<meta name="newsletter-widget-sources" content="https://feeds.example">`.
fn trusted_origins() -> (String, Vec<String>) {
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    let content = crate::app::document()
        .query_selector(&format!("meta[name=\"{SOURCES_META}\"]"))
        .ok()
        .flatten()
        .and_then(|meta| meta.get_attribute("content"))
        .unwrap_or_default();
    let (allowed, ignored) = allowed_origins(&content);
    if !ignored.is_empty() {
        let warning = format!(
            "newsletter-widget: <meta name=\"{SOURCES_META}\">: ignored \"{}\": list origins such as https://feeds.example",
            ignored.join("\", \"")
        );
        web_sys::console::warn_1(&warning.into());
    }
    (origin, allowed)
}

/// The rule for the standalone page: a feed named in its address must be on
/// its own origin or on one it lists.
pub fn address_sources() -> SourcePolicy {
    let (origin, allowed) = trusted_origins();
    SourcePolicy::address(&origin, &allowed)
}

/// The rule for an embedded widget: the host page chose its feed; an
/// archive's issues keep to the archive's site, the page's or listed ones.
pub fn host_chosen_sources() -> SourcePolicy {
    let (origin, allowed) = trusted_origins();
    SourcePolicy::host_chosen(&origin, &allowed)
}

/// The feed named by `?src=URL`, else [`DEFAULT_FEED`]. Relative addresses
/// resolve against the page, as `fetch` does.
pub fn feed_url() -> String {
    search_param("src")
        .filter(|src| !src.trim().is_empty())
        .unwrap_or_else(|| DEFAULT_FEED.to_owned())
}

/// Whether the page should paint the feed's first page itself before the
/// reader mounts: it holds no pre-rendered issue of this feed that the view
/// can use (the build pre-renders only its own newest issue), and the
/// address asks for no filtered or other view (`#…`), which the first page,
/// unfiltered, would not be.
pub fn paints_first(document: &Document, src: &str) -> bool {
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    hash.len() <= 1 && usable_prerendered(document, src).is_none()
}

/// Removes the page's pre-rendered issue (one the view cannot use): the
/// page's loading skeleton, which it stood in for, shows instead.
pub fn drop_prerendered(document: &Document) {
    if let Some(prerendered) = document.get_element_by_id(PRERENDERED_ID) {
        prerendered.remove();
    }
}

/// Shows the issue painted by [`paints_first`]'s rule: the page's first
/// script hid pre-rendered issues for views like this one
/// (`nw-view-custom`), but this one is of the view.
pub fn show_painted(document: &Document) {
    if let Some(html) = document.document_element() {
        let kept: Vec<String> = html
            .class_name()
            .split_whitespace()
            .filter(|class| *class != VIEW_CUSTOM)
            .map(str::to_owned)
            .collect();
        html.set_class_name(&kept.join(" "));
    }
}

/// The class the page's first script (`static/page-start.js`) gives the
/// document when the address asks for another view than the pre-rendered
/// one.
const VIEW_CUSTOM: &str = "nw-view-custom";

/// The pre-rendered issue of `src`, if the view can use it.
fn usable_prerendered(document: &Document, src: &str) -> Option<Element> {
    let custom_view = document
        .document_element()
        .is_some_and(|html| html.class_name().split_whitespace().any(|class| class == VIEW_CUSTOM));
    document
        .get_element_by_id(PRERENDERED_ID)
        .filter(|p| !custom_view && p.get_attribute("data-src").as_deref() == Some(src))
}

/// Where the reader renders. A pre-rendered issue of this page's feed stays
/// on screen while the reader loads into a hidden element beside it; without
/// one (or when the address asks for another view, which the page's script
/// marks with `nw-view-custom`), the reader replaces the page's contents.
pub fn take_over(document: &Document, root: &Element, src: &str) -> Element {
    let Some(prerendered) = usable_prerendered(document, src) else {
        root.replace_children_with_node_0();
        return root.clone();
    };
    root.replace_children_with_node_1(&prerendered);
    let reader = document.create_element("div").expect("a document makes elements");
    reader.set_id(READER_ID);
    let _ = reader.set_attribute("hidden", "");
    let _ = root.append_child(&reader);
    reader
}

/// Shows the reader in place of the pre-rendered issue, once it has its
/// own issue, or an error, to show. Does nothing when there is none.
pub fn reveal() {
    let document = crate::app::document();
    if let Some(prerendered) = document.get_element_by_id(PRERENDERED_ID) {
        prerendered.remove();
    }
    if let Some(reader) = document.get_element_by_id(READER_ID) {
        let _ = reader.remove_attribute("hidden");
    }
}
