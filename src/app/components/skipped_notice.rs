//! Tells readers (and publishers checking their page) which stories could
//! not be shown, and why. A plain view function, as
//! `archive_unavailable.rs` says why.

use yew::prelude::*;

use newsletter_core::locale::Language;

/// `problems`: one line per skipped story, naming the field and the problem.
pub fn skipped_notice(language: Language, problems: &[String]) -> Html {
    if problems.is_empty() {
        return Html::default();
    }
    html! {
        <div class="nw-notice" role="alert">
            <p class="nw-notice-title">{ language.skipped(problems.len()) }</p>
            <ul>{ for problems.iter().map(|p| html! { <li>{ p }</li> }) }</ul>
        </div>
    }
}
