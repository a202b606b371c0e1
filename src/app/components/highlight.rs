//! Text with the search's matches marked.

use yew::prelude::*;

use crate::domain::filter::highlight;

/// Renders `text`, wrapping matches of `terms` in `<mark>`.
pub fn highlighted(text: &str, terms: &[String]) -> Html {
    if terms.is_empty() {
        return html! { { text } };
    }
    highlight(text, terms)
        .into_iter()
        .map(|segment| {
            if segment.hit {
                html! { <mark>{ segment.text }</mark> }
            } else {
                html! { { segment.text } }
            }
        })
        .collect()
}
