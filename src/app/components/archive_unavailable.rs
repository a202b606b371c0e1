//! Search across issues could not be had: says so above the issue's own
//! stories, with "Try again".

use yew::prelude::*;

use crate::app::settings::ReaderSettings;

#[derive(Properties, PartialEq)]
pub struct ArchiveUnavailableProps {
    /// "Try again": the same search, asked again.
    pub on_retry: Callback<()>,
}

#[function_component(ArchiveUnavailable)]
pub fn archive_unavailable(props: &ArchiveUnavailableProps) -> Html {
    let words = use_context::<ReaderSettings>().unwrap_or_default().language.words();
    let onclick = props.on_retry.reform(|_: MouseEvent| ());
    // The button stays out of the live region, which reads only the message.
    html! {
        <div class="nw-archive-trouble">
            <p class="nw-archive-unavailable" role="status">{ words.archive_unavailable }</p>
            <button type="button" class="nw-link-button nw-archive-retry" {onclick}>{ words.try_again }</button>
        </div>
    }
}
