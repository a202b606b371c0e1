//! A story's numbered sources: a link only for a safe URL, else a label.

use yew::prelude::*;

use crate::app::settings::ReaderSettings;

use super::highlight::highlighted;
use crate::domain::Source;

#[derive(Properties, PartialEq)]
pub struct SourceListProps {
    pub sources: Vec<Source>,
    /// Search terms to mark.
    pub terms: Vec<String>,
}

#[function_component(SourceList)]
pub fn source_list(props: &SourceListProps) -> Html {
    let lang = use_context::<ReaderSettings>().unwrap_or_default().language;
    let words = lang.words();
    if props.sources.is_empty() {
        return Html::default();
    }
    html! {
        <footer class="nw-sources">
            <h4 class="nw-sources-title">{ words.sources }</h4>
            <ol>
                { for props.sources.iter().map(|source| html! {
                    <li>
                        if let Some(url) = &source.url {
                            <a href={url.clone()} rel="noopener noreferrer" target="_blank">{ highlighted(&source.title, &props.terms) }</a>
                        } else {
                            <span>{ highlighted(&source.title, &props.terms) }</span>
                        }
                    </li>
                }) }
            </ol>
        </footer>
    }
}
