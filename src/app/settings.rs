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
