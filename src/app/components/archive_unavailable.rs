//! Search across issues could not be had: says so above the issue's own
//! stories, with "Try again". A plain view function, not a component: it
//! keeps no state, and each component costs its own copy of Yew's machinery
//! in every reader's download.

use yew::prelude::*;

use newsletter_core::locale::Words;

/// `on_retry`: "Try again", the same search asked again.
pub fn archive_unavailable(words: &Words, on_retry: &Callback<()>) -> Html {
    let onclick = on_retry.reform(|_: MouseEvent| ());
    // The button stays out of the live region, which reads only the message.
    html! {
        <div class="nw-archive-trouble">
            <p class="nw-archive-unavailable" role="status">{ words.archive_unavailable }</p>
            <button type="button" class="nw-link-button nw-archive-retry" {onclick}>{ words.try_again }</button>
        </div>
    }
}
