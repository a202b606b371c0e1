//! A story's numbered sources: a link only for a safe URL, else a label.

use yew::prelude::*;

use crate::domain::Source;

#[derive(Properties, PartialEq)]
pub struct SourceListProps {
    pub sources: Vec<Source>,
}

#[function_component(SourceList)]
pub fn source_list(props: &SourceListProps) -> Html {
    if props.sources.is_empty() {
        return Html::default();
    }
    html! {
        <footer class="nw-sources">
            <h4 class="nw-sources-title">{ "Sources" }</h4>
            <ol>
                { for props.sources.iter().map(|source| html! {
                    <li>
                        if let Some(url) = &source.url {
                            <a href={url.clone()} rel="noopener noreferrer" target="_blank">{ &source.title }</a>
                        } else {
                            <span>{ &source.title }</span>
                        }
                    </li>
                }) }
            </ol>
        </footer>
    }
}
