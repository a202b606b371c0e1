//! The count of shown stories, announced politely as filters change, and the
//! empty state.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ResultStatusProps {
    pub shown: usize,
    pub total: usize,
    pub filtered: bool,
    /// Clears search and topics.
    pub on_clear: Callback<()>,
}

#[function_component(ResultStatus)]
pub fn result_status(props: &ResultStatusProps) -> Html {
    let noun = if props.total == 1 { "story" } else { "stories" };
    let message = if props.filtered {
        format!("{} of {} {noun}", props.shown, props.total)
    } else {
        format!("{} {noun}", props.total)
    };
    let on_clear = props.on_clear.reform(|_: MouseEvent| ());
    html! {
        <>
            <p class="nw-status" aria-live="polite">{ message }</p>
            if props.filtered && props.shown == 0 {
                <div class="nw-empty">
                    <p>{ "No stories match these filters." }</p>
                    <button type="button" class="nw-button" onclick={on_clear}>{ "Clear filters" }</button>
                </div>
            }
        </>
    }
}
