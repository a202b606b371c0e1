//! The loading state: the final layout's shape in grey, so nothing jumps
//! when the issue arrives. `index.html` carries the same markup for the
//! moments before the wasm runs.

use yew::prelude::*;

use crate::app::settings::ReaderSettings;

#[function_component(Skeleton)]
pub fn skeleton() -> Html {
    let lang = use_context::<ReaderSettings>().unwrap_or_default().language;
    let words = lang.words();
    html! {
        <div class="nw nw-loading" aria-busy="true">
            <p class="nw-visually-hidden" role="status">{ words.loading }</p>
            <div class="nw-skeleton" aria-hidden="true">
                <div class="nw-skel nw-skel-name"></div>
                <div class="nw-skel nw-skel-title"></div>
                <div class="nw-skel nw-skel-line"></div>
                <div class="nw-skel nw-skel-line"></div>
                <div class="nw-skel nw-skel-card"></div>
                <div class="nw-skel nw-skel-card"></div>
            </div>
        </div>
    }
}
