//! The snippet `newsletter embed` writes for a host page: the element with
//! the current issue already inside a declarative shadow root.
//!
//! The cards are the pre-rendered page's ([`markup::prerendered_issue`]),
//! so readers see the stories with the host's HTML, before any script runs
//! and without JavaScript at all, and search engines index them. The widget
//! then takes the shadow root over (`src/app/embed.rs`): it renders beside
//! the snapshot, hidden, and swaps in one step once its own issue is ready.

use crate::embed::Theme;
use crate::feed::model::Issue;
use crate::locale::Language;
use crate::render::escape::push_escaped;
use crate::render::markup;

/// The loader publishers load, a stable name in the bundle.
pub const LOADER: &str = "newsletter-widget.js";
/// The embed stylesheet under a stable name (the loader itself uses the
/// content-hashed copy), so a snapshot written once keeps its style.
pub const STYLESHEET: &str = "newsletter-widget.css";

/// What the snippet's element says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot<'a> {
    /// The feed the widget loads: its `src`, or its `archive` when
    /// `archive` is set (the snapshot then shows the newest issue).
    pub src: &'a str,
    pub archive: bool,
    /// Where the bundle is published, ending in `/` (`./` when it sits
    /// beside the page).
    pub bundle: &'a str,
    pub theme: Theme,
    /// The `locale` attribute; without it the widget follows the issue's
    /// `language`, and so does the snapshot.
    pub locale: Option<&'a str>,
}

/// The HTML a publisher pastes: the loader's script and the element.
pub fn embed_snippet(issue: &Issue, snapshot: &Snapshot) -> String {
    let mut out = String::with_capacity(8192 + issue.stories.len() * 1024);
    out.push_str("<script type=\"module\" src=\"");
    push_escaped(&mut out, snapshot.bundle);
    out.push_str(LOADER);
    out.push_str("\"></script>\n<newsletter-widget ");
    out.push_str(if snapshot.archive { "archive" } else { "src" });
    out.push_str("=\"");
    push_escaped(&mut out, snapshot.src);
    out.push('"');
    if snapshot.theme != Theme::Auto {
        out.push_str(" theme=\"");
        out.push_str(match snapshot.theme {
            Theme::Light => "light",
            _ => "dark",
        });
        out.push('"');
    }
    if let Some(locale) = snapshot.locale {
        out.push_str(" locale=\"");
        push_escaped(&mut out, locale);
        out.push('"');
    }
    out.push_str("><template shadowrootmode=\"open\"><link rel=\"stylesheet\" href=\"");
    push_escaped(&mut out, snapshot.bundle);
    out.push_str(STYLESHEET);
    out.push_str("\">");
    out.push_str(&host_root(issue, snapshot));
    out.push_str("</template></newsletter-widget>\n");
    out
}

/// The element's own root with `issue` pre-rendered, as the widget writes
/// its root (`EmbedRoot`), so the swap moves nothing: in the snapshot, and
/// written by the widget itself when the host page has no snapshot
/// (`src/app/services/first_paint.rs`).
pub fn host_root(issue: &Issue, snapshot: &Snapshot) -> String {
    // The reader's own rule: the `locale` attribute, else the issue's.
    let language = Language::for_reader(snapshot.locale, issue.language.as_deref());
    let mut out = String::from("<div class=\"nw-host ");
    out.push_str(snapshot.theme.class());
    out.push('"');
    if let Some(locale) = snapshot.locale {
        out.push_str(" lang=\"");
        push_escaped(&mut out, locale);
        out.push('"');
    }
    out.push('>');
    out.push_str(&markup::prerendered_issue(
        issue,
        language,
        snapshot.src,
        snapshot.archive,
    ));
    out.push_str("</div>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read_issue;

    #[test]
    fn the_snippet_carries_the_issue_in_a_declarative_shadow_root() {
        let decoded = read_issue(include_str!("../../../issues/2025-12-04.json")).unwrap();
        let snapshot = Snapshot {
            src: "https://news.example/issues/index.json?a=1&b=\"2\"",
            archive: true,
            bundle: "https://cdn.example/nw/",
            theme: Theme::Dark,
            locale: None,
        };
        let html = embed_snippet(&decoded.issue, &snapshot);
        assert!(html.starts_with(
            "<script type=\"module\" src=\"https://cdn.example/nw/newsletter-widget.js\"></script>\n<newsletter-widget archive=\"https://news.example/issues/index.json?a=1&amp;b=&quot;2&quot;\" theme=\"dark\"><template shadowrootmode=\"open\"><link rel=\"stylesheet\" href=\"https://cdn.example/nw/newsletter-widget.css\"><div class=\"nw-host nw-theme-dark\">"
        ), "{html}");
        // The same cards as the pre-rendered page, naming the feed the widget loads.
        assert!(html.contains(&markup::prerendered_issue(
            &decoded.issue,
            Language::English,
            snapshot.src,
            true
        )));
        assert_eq!(
            html.matches("<article ").count(),
            decoded.issue.stories.len().min(markup::PAGE_SIZE)
        );
        assert!(html.ends_with("</div></template></newsletter-widget>\n"));
    }

    #[test]
    fn the_snapshot_speaks_the_element_s_locale_or_else_the_issue_s() {
        let mut decoded = read_issue(include_str!("../../../issues/2025-12-04.json")).unwrap();
        let snapshot = Snapshot {
            src: "issue.json",
            archive: false,
            bundle: "./",
            theme: Theme::Auto,
            locale: Some("fr"),
        };
        let french = Language::French.words().this_week;
        assert!(embed_snippet(&decoded.issue, &snapshot).contains(" locale=\"fr\""));
        assert!(embed_snippet(&decoded.issue, &snapshot).contains(french));
        decoded.issue.language = Some("fr-CA".into());
        let unset = Snapshot {
            locale: None,
            ..snapshot
        };
        assert!(embed_snippet(&decoded.issue, &unset).contains(french));
        assert!(!embed_snippet(&decoded.issue, &unset).contains("locale="));
    }
}
