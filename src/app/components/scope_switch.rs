//! "This issue" / "All issues" beside the search box: two toggle buttons,
//! one pressed, in a group named for screen readers. A plain view function,
//! as `archive_unavailable.rs` says why.

use yew::prelude::*;

use newsletter_core::locale::Words;
use newsletter_core::view::state::Scope;

/// `scope`: where search looks now; `on_choose`: the reader chose.
pub fn scope_switch(words: &Words, scope: Scope, on_choose: &Callback<Scope>) -> Html {
    let choice = |option: Scope, label: &'static str| {
        let pressed = scope == option;
        let onclick = on_choose.reform(move |_: MouseEvent| option);
        html! {
            <button type="button" class="nw-scope-choice" aria-pressed={pressed.to_string()} {onclick}>{ label }</button>
        }
    };
    html! {
        <div class="nw-scope" role="group" aria-label={words.search_in}>
            { choice(Scope::Issue, words.this_issue) }
            { choice(Scope::All, words.all_issues) }
        </div>
    }
}
