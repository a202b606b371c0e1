//! What the standalone page's address asks for.

/// What the demo page shows when the address has no `?src=`: the archive,
/// which opens on the newest issue.
pub const DEFAULT_FEED: &str = "issues/index.json";

/// The feed named by `?src=URL`, else [`DEFAULT_FEED`]. Relative addresses
/// resolve against the page, as `fetch` does.
pub fn feed_url() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .and_then(|search| web_sys::UrlSearchParams::new_with_str(&search).ok())
        .and_then(|params| params.get("src"))
        .filter(|src| !src.trim().is_empty())
        .unwrap_or_else(|| DEFAULT_FEED.to_owned())
}
