//! "Back to results": in an embed, which adds no browser history, the way
//! from a result's story back to the results it was opened from.

use yew::prelude::*;

use crate::app::settings::ReaderSettings;

#[derive(Properties, PartialEq)]
pub struct BackToResultsProps {
    /// The button was pressed.
    pub on_back: Callback<()>,
}

#[function_component(BackToResultsButton)]
pub fn back_to_results(props: &BackToResultsProps) -> Html {
    let words = use_context::<ReaderSettings>().unwrap_or_default().language.words();
    let onclick = props.on_back.reform(|_: MouseEvent| ());
    html! {
        <button type="button" class="nw-link-button nw-back-to-results" {onclick}>{ words.back_to_results }</button>
    }
}
