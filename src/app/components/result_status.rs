//! The count of shown stories, announced politely as filters change, and the
//! empty state.

use yew::prelude::*;

use crate::app::settings::ReaderSettings;

#[derive(Properties, PartialEq)]
pub struct ResultStatusProps {
    pub shown: usize,
    pub total: usize,
    pub filtered: bool,
    /// A linked story is shown although the filters hide it.
    #[prop_or_default]
    pub linked_hidden: bool,
    /// Clears search and topics.
    pub on_clear: Callback<()>,
}

#[function_component(ResultStatus)]
pub fn result_status(props: &ResultStatusProps) -> Html {
    let lang = use_context::<ReaderSettings>().unwrap_or_default().language;
    let words = lang.words();
    let message = if props.filtered {
        lang.shown_of(props.shown, props.total)
    } else {
        lang.stories(props.total)
    };
    let on_clear = props.on_clear.reform(|_: MouseEvent| ());
    html! {
        <>
            <p class="nw-status" aria-live="polite">{ message }</p>
            if props.linked_hidden {
                <p class="nw-linked-note">
                    { words.linked_story_hidden }{ " " }
                    <button type="button" class="nw-link-button" onclick={on_clear.clone()}>{ words.show_all_stories }</button>
                </p>
            }
            // One way back to every story whenever a filter or search is on.
            if props.filtered && props.shown > 0 && !props.linked_hidden {
                <button type="button" class="nw-link-button nw-clear-all" onclick={on_clear.clone()}>{ words.clear_all }</button>
            }
            if props.filtered && props.shown == 0 {
                <div class="nw-empty">
                    <p>{ words.no_match }</p>
                    <button type="button" class="nw-button" onclick={on_clear}>{ words.clear_filters }</button>
                </div>
            }
        </>
    }
}
