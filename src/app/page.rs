//! What the standalone page's address asks for.

/// What the demo page shows when the address has no `?src=`: the archive,
/// which opens on the newest issue.
pub const DEFAULT_FEED: &str = "issues/index.json";

/// The language asked for with `?locale=fr`; English by default.
pub fn language() -> crate::domain::locale::Language {
    crate::domain::locale::Language::from_tag(&search_param("locale").unwrap_or_default())
}

fn search_param(name: &str) -> Option<String> {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .and_then(|search| web_sys::UrlSearchParams::new_with_str(&search).ok())
        .and_then(|params| params.get(name))
}

/// The feed named by `?src=URL`, else [`DEFAULT_FEED`]. Relative addresses
/// resolve against the page, as `fetch` does.
pub fn feed_url() -> String {
    search_param("src")
        .filter(|src| !src.trim().is_empty())
        .unwrap_or_else(|| DEFAULT_FEED.to_owned())
}
