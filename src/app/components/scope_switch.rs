//! "This issue" / "All issues" beside the search box: two toggle buttons,
//! one pressed, in a group named for screen readers.

use yew::prelude::*;

use crate::app::settings::ReaderSettings;
use newsletter_core::view::state::Scope;

#[derive(Properties, PartialEq)]
pub struct ScopeSwitchProps {
    /// Where search looks now.
    pub scope: Scope,
    /// The reader chose where search looks.
    pub on_choose: Callback<Scope>,
}

#[function_component(ScopeSwitch)]
pub fn scope_switch(props: &ScopeSwitchProps) -> Html {
    let words = use_context::<ReaderSettings>().unwrap_or_default().language.words();
    let choice = |scope: Scope, label: &'static str| {
        let pressed = props.scope == scope;
        let onclick = props.on_choose.reform(move |_: MouseEvent| scope);
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
