//! Fetches a feed and reads it with the domain's readers.

use gloo_net::http::{Request, Response};
use wasm_bindgen::{JsCast, JsValue};

use crate::app::error::LoadError;
use newsletter_core::feed::index::{read_feed_with, Feed};

use super::html_parser::BrowserHtml;
use newsletter_core::url::SourcePolicy;

/// `url` made absolute against the page, as `fetch` would read it.
pub fn absolute(url: &str) -> Option<String> {
    let page = web_sys::window()?.location().href().ok()?;
    web_sys::Url::new_with_base(url, &page).ok().map(|url| url.href())
}

/// Whether `url` is on another origin than the page.
fn is_cross_origin(url: &str) -> bool {
    let Some(location) = web_sys::window().map(|w| w.location()) else {
        return false;
    };
    let page = location.href().unwrap_or_default();
    web_sys::Url::new_with_base(url, &page).is_ok_and(|feed| Some(feed.origin()) != location.origin().ok())
}

/// The demo page (`index.html`) and the embed's loader start fetching feeds
/// while the wasm downloads, as `window.__newsletterWidgetPrefetch[href] =
/// fetch(href)`, keyed by the absolute address. The first load of that
/// address takes the answer instead of asking again; a failed prefetch is
/// forgotten, so the load (and Retry) fetch anew.
async fn take_prefetched(href: &str) -> Option<Response> {
    let window = web_sys::window()?;
    let prefetched = js_sys::Reflect::get(&window, &JsValue::from_str("__newsletterWidgetPrefetch"))
        .ok()
        .filter(|p| p.is_object())?;
    let key = JsValue::from_str(href);
    let promise = js_sys::Reflect::get(&prefetched, &key)
        .ok()?
        .dyn_into::<js_sys::Promise>()
        .ok()?;
    // One answer for one load: a body can be read only once.
    let _ = js_sys::Reflect::delete_property(prefetched.unchecked_ref::<js_sys::Object>(), &key);
    let response = wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .ok()?
        .dyn_into::<web_sys::Response>()
        .ok()?;
    Some(Response::from(response))
}

thread_local! {
    /// Feeds read before the reader mounted (`services/first_paint.rs`), by
    /// absolute address: the reader's first load of one takes it.
    static READ_AHEAD: std::cell::RefCell<Vec<(String, Result<Feed, LoadError>)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Loads the feed at `url` now, lets `look` see it (to paint its first
/// page), and keeps it for the reader's first [`load`] of that address.
pub async fn read_ahead<T>(url: &str, sources: &SourcePolicy, look: impl FnOnce(&Result<Feed, LoadError>) -> T) -> T {
    let result = fetch_and_read(url, sources).await;
    let seen = look(&result);
    if let Some(href) = absolute(url) {
        READ_AHEAD.with(|kept| kept.borrow_mut().push((href, result)));
    }
    seen
}

/// Fetches the feed at `url`, when `sources` allow it, and reads it as an
/// issue or an archive index; a feed read ahead is taken as it was read.
pub async fn load(url: &str, sources: &SourcePolicy) -> Result<Feed, LoadError> {
    let kept = absolute(url).and_then(|href| {
        READ_AHEAD.with(|kept| {
            let mut kept = kept.borrow_mut();
            let at = kept.iter().position(|(read, _)| *read == href)?;
            Some(kept.remove(at).1)
        })
    });
    match kept {
        Some(result) => result,
        None => fetch_and_read(url, sources).await,
    }
}

async fn fetch_and_read(url: &str, sources: &SourcePolicy) -> Result<Feed, LoadError> {
    let text = fetch_text(url, sources).await?;
    read_feed_with(&text, &BrowserHtml).map_err(|error| LoadError::Invalid {
        url: url.to_owned(),
        error,
    })
}

/// The text at `url`, when `sources` allow it: feeds, and the archive's
/// search files (`services/archive_search.rs`), which follow the same rule.
pub async fn fetch_text(url: &str, sources: &SourcePolicy) -> Result<String, LoadError> {
    let refused = |reason| LoadError::Refused {
        url: url.to_owned(),
        reason,
    };
    // Checked on the address as the browser resolves it, before any request.
    let href = absolute(url).ok_or_else(|| refused(newsletter_core::url::SourceRefused::Scheme))?;
    sources.check(&href).map_err(refused)?;
    let cross_origin = is_cross_origin(url);
    let unreachable = || {
        if cross_origin {
            let origin = web_sys::window()
                .and_then(|w| w.location().origin().ok())
                .unwrap_or_default();
            let hint = format!(
                "newsletter-widget: could not fetch {url}. If the console shows a CORS error, the feed's server must \
                 send the header `Access-Control-Allow-Origin: {origin}` (or `*`) with the feed."
            );
            web_sys::console::error_1(&hint.into());
        }
        LoadError::Unreachable {
            url: url.to_owned(),
            cross_origin,
        }
    };
    let response = match take_prefetched(&href).await {
        Some(response) => response,
        // The very address that was checked, not one the page could resolve otherwise.
        None => Request::get(&href).send().await.map_err(|_| unreachable())?,
    };
    let status = response.status();
    if status == 404 || status == 410 {
        return Err(LoadError::NotFound {
            url: url.to_owned(),
            status,
        });
    }
    if !response.ok() {
        return Err(LoadError::Status {
            url: url.to_owned(),
            status,
        });
    }
    response.text().await.map_err(|_| unreachable())
}
