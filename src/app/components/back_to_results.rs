//! "Back to results": in an embed, which adds no browser history, the way
//! from a result's story back to the results it was opened from. A plain
//! view function, as `archive_unavailable.rs` says why.

use yew::prelude::*;

use newsletter_core::locale::Words;

/// `on_back`: the button was pressed.
pub fn back_to_results(words: &Words, on_back: &Callback<()>) -> Html {
    let onclick = on_back.reform(|_: MouseEvent| ());
    html! {
        <button type="button" class="nw-link-button nw-back-to-results" {onclick}>{ words.back_to_results }</button>
    }
}
