//! An issue's page layout, defined once: its regions in order, each with
//! its element, class and accessible name. The reader (`issue_view.rs`,
//! with live filters and forms in its regions) and the pre-rendered page
//! ([`prerendered_issue`](crate::render::markup::prerendered_issue)) both
//! lay an issue out from this list, so the first paint and the reader's
//! page cannot drift apart.

use crate::locale::Words;

/// The class of the element that holds the regions.
pub const LAYOUT_CLASS: &str = "nw-layout";

/// The id of the stories' heading, which names the stories' region.
pub const STORIES_TITLE_ID: &str = "nw-stories-title";

/// A region of an issue's page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Region {
    /// The intro, and what could not be shown.
    Lead,
    /// The subscribe box and the filters: a side column on wide screens.
    Side,
    /// The stories, under their heading.
    Stories,
    /// The closing, and the subscribe box again.
    End,
}

impl Region {
    /// Every region, in the page's order.
    pub const ALL: [Region; 4] = [Region::Lead, Region::Side, Region::Stories, Region::End];

    /// The element it is.
    pub fn element(self) -> &'static str {
        match self {
            Region::Side => "aside",
            Region::Stories => "section",
            Region::Lead | Region::End => "div",
        }
    }

    /// Its class.
    pub fn class(self) -> &'static str {
        match self {
            Region::Lead => "nw-lead",
            Region::Side => "nw-side",
            Region::Stories => "nw-stories",
            Region::End => "nw-end",
        }
    }

    /// Its accessible name, given directly (`aria-label`).
    pub fn label(self, words: &Words) -> Option<&'static str> {
        (self == Region::Side).then_some(words.find_stories)
    }

    /// The id of the element that names it (`aria-labelledby`).
    pub fn labelled_by(self) -> Option<&'static str> {
        (self == Region::Stories).then_some(STORIES_TITLE_ID)
    }

    /// Whether a page without the reader (pre-rendered, before the wasm)
    /// has anything for it: the filters and forms need the reader.
    pub fn static_content(self) -> bool {
        self != Region::Side
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::locale::Language;

    #[test]
    fn regions_come_in_reading_order_with_their_names() {
        let words = Language::English.words();
        let written: Vec<String> = Region::ALL
            .iter()
            .map(|r| {
                format!(
                    "{} {} {:?} {:?}",
                    r.element(),
                    r.class(),
                    r.label(words),
                    r.labelled_by()
                )
            })
            .collect();
        assert_eq!(
            written,
            [
                "div nw-lead None None",
                "aside nw-side Some(\"Find stories\") None",
                "section nw-stories None Some(\"nw-stories-title\")",
                "div nw-end None None",
            ]
        );
    }
}
