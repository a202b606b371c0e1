//! The `<newsletter-widget>` element's attributes, read into settings.
//!
//! Attributes come from a host page the publisher may not fully control, so
//! anything unexpected falls back to a default instead of failing.

/// The colour scheme a publisher asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    /// Follow the reader's `prefers-color-scheme`.
    #[default]
    Auto,
    Light,
    Dark,
}

impl Theme {
    /// The class the widget's root carries for this theme.
    pub fn class(self) -> &'static str {
        match self {
            Theme::Auto => "nw-theme-auto",
            Theme::Light => "nw-theme-light",
            Theme::Dark => "nw-theme-dark",
        }
    }
}

/// Settings of one embedded widget.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EmbedSettings {
    /// The feed (`src`), or the archive index (`archive`, which wins).
    pub feed: Option<String>,
    /// Whether `feed` is an archive index.
    pub is_archive: bool,
    /// Topic ids chosen at first (`topics="gene-therapy oncology"`, spaces or commas).
    pub topics: Vec<String>,
    pub theme: Theme,
    /// Show only the first N stories, with a "Show all" (`limit`).
    pub limit: Option<usize>,
    /// `subscribe="off"` hides the subscribe form.
    pub subscribe_off: bool,
    /// Any other `subscribe` value: JSON provider settings that replace the
    /// feed's (see `subscribe::override_config`).
    pub subscribe_override: Option<String>,
    /// The `locale` attribute, as written (`en`, `fr-CA`, …).
    pub locale: Option<String>,
}

impl EmbedSettings {
    /// Reads the attributes through `attribute(name)`.
    pub fn from_attributes(attribute: impl Fn(&str) -> Option<String>) -> EmbedSettings {
        let text = |name: &str| attribute(name).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
        let archive = text("archive");
        let is_archive = archive.is_some();
        EmbedSettings {
            feed: archive.or_else(|| text("src")),
            is_archive,
            topics: text("topics")
                .map(|t| {
                    t.split([' ', ','])
                        .filter(|id| !id.is_empty())
                        .map(str::to_owned)
                        .collect()
                })
                .unwrap_or_default(),
            theme: match text("theme").map(|t| t.to_ascii_lowercase()).as_deref() {
                Some("light") => Theme::Light,
                Some("dark") => Theme::Dark,
                _ => Theme::Auto,
            },
            limit: text("limit").and_then(|l| l.parse().ok()).filter(|&l: &usize| l > 0),
            subscribe_off: text("subscribe").is_some_and(|s| s.eq_ignore_ascii_case("off")),
            subscribe_override: text("subscribe").filter(|s| !s.eq_ignore_ascii_case("off")),
            locale: text("locale"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(pairs: &[(&str, &str)]) -> EmbedSettings {
        EmbedSettings::from_attributes(|name| pairs.iter().find(|(n, _)| *n == name).map(|(_, v)| v.to_string()))
    }

    #[test]
    fn reads_every_attribute() {
        let s = settings(&[
            ("src", " https://cdn.example/issue.json "),
            ("topics", "gene-therapy, oncology china"),
            ("theme", "DARK"),
            ("limit", "5"),
            ("subscribe", "off"),
            ("locale", "fr"),
        ]);
        assert_eq!(s.feed.as_deref(), Some("https://cdn.example/issue.json"));
        assert!(!s.is_archive);
        assert_eq!(s.topics, ["gene-therapy", "oncology", "china"]);
        assert_eq!(
            (s.theme, s.limit, s.subscribe_off, s.locale.as_deref()),
            (Theme::Dark, Some(5), true, Some("fr"))
        );
    }

    #[test]
    fn a_subscribe_value_other_than_off_overrides_the_provider() {
        let s = settings(&[("subscribe", r#"{"provider":"mailto","address":"ed@example.org"}"#)]);
        assert!(!s.subscribe_off);
        assert_eq!(
            s.subscribe_override.as_deref(),
            Some(r#"{"provider":"mailto","address":"ed@example.org"}"#)
        );
        assert_eq!(settings(&[("subscribe", "OFF")]).subscribe_override, None);
    }

    #[test]
    fn careless_values_fall_back_to_defaults() {
        let s = settings(&[
            ("src", "a.json"),
            ("archive", "index.json"),
            ("theme", "purple"),
            ("limit", "-3"),
            ("subscribe", "maybe"),
        ]);
        assert_eq!((s.feed.as_deref(), s.is_archive), (Some("index.json"), true));
        assert_eq!((s.theme, s.limit, s.subscribe_off), (Theme::Auto, None, false));
        assert_eq!(settings(&[("limit", "0"), ("src", "  ")]), EmbedSettings::default());
    }
}
