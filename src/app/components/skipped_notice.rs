//! Tells readers (and publishers checking their page) which stories could
//! not be shown, and why.

use yew::prelude::*;

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
    let summary = if count == 1 {
        "1 story in this issue could not be shown:".to_owned()
    } else {
        format!("{count} stories in this issue could not be shown:")
    };
    html! {
        <div class="nw-notice" role="alert">
            <p class="nw-notice-title">{ summary }</p>
            <ul>{ for props.problems.iter().map(|p| html! { <li>{ p }</li> }) }</ul>
        </div>
    }
}
