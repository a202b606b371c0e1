//! Tells readers (and publishers checking their page) which stories could
//! not be shown, and why.

use yew::prelude::*;

use crate::app::settings::ReaderSettings;

#[derive(Properties, PartialEq)]
pub struct SkippedNoticeProps {
    /// One line per skipped story, naming the field and the problem.
    pub problems: Vec<String>,
}

#[function_component(SkippedNotice)]
pub fn skipped_notice(props: &SkippedNoticeProps) -> Html {
    if props.problems.is_empty() {
        return Html::default();
    }
    let count = props.problems.len();
    let language = use_context::<ReaderSettings>().unwrap_or_default().language;
    let summary = language.skipped(count);
    html! {
        <div class="nw-notice" role="alert">
            <p class="nw-notice-title">{ summary }</p>
            <ul>{ for props.problems.iter().map(|p| html! { <li>{ p }</li> }) }</ul>
        </div>
    }
}
