//! How a reader instance behaves: the standalone page keeps its view in the
//! address; embedded widgets keep theirs to themselves (several can share a
//! page) and take choices from their element's attributes.

use newsletter_core::locale::Language;
use newsletter_core::url::SourcePolicy;

use super::services::events::EventHost;

/// Settings shared with every component of one reader through a context.
#[derive(Debug, Clone, PartialEq)]
pub struct ReaderSettings {
    /// Keep filters and the archive issue in the page address.
    pub sync_address: bool,
    /// Topic ids chosen at first.
    pub topics: Vec<String>,
    /// Show only this many stories at first, with a "Show all".
    pub limit: Option<usize>,
    /// Hide the subscribe form.
    pub subscribe_off: bool,
    /// Provider settings (JSON) that replace the feed's.
    pub subscribe_override: Option<String>,
    /// The language of the widget's own words and dates.
    pub language: Language,
    /// Which feeds this reader may read (`docs/security.md`).
    pub sources: SourcePolicy,
    /// The `<newsletter-widget>` element that events are sent from; none on
    /// the standalone page.
    pub events: EventHost,
}

impl Default for ReaderSettings {
    fn default() -> Self {
        ReaderSettings {
            sync_address: true,
            topics: Vec::new(),
            limit: None,
            subscribe_off: false,
            subscribe_override: None,
            language: Language::English,
            sources: SourcePolicy::default(),
            events: EventHost::default(),
        }
    }
}

impl ReaderSettings {
    /// Whether the page (`?locale=`) or the element (`locale="…"`) asked
    /// for a language: else the reader speaks its feed's
    /// ([`Language::for_reader`]).
    pub fn locale_asked(&self) -> Option<String> {
        let asked = match &self.events.0 {
            Some(element) => element.get_attribute("locale"),
            None => super::page::asked_locale(),
        };
        asked.filter(|tag| !tag.trim().is_empty())
    }

    /// These settings, speaking the language this reader's feed calls for
    /// (`feed` is its `language`) unless one was asked for.
    pub fn for_feed(&self, feed: Option<&str>) -> ReaderSettings {
        ReaderSettings {
            language: Language::for_reader(self.locale_asked().as_deref(), feed),
            ..self.clone()
        }
    }
}
