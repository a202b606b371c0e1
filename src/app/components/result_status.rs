//! The count of shown stories, announced politely as filters change, and the
//! empty state.

use yew::prelude::*;

use newsletter_core::locale::Language;

/// What the status line counts. Written by a plain view function, as
/// `archive_unavailable.rs` says why.
pub struct Counts {
    pub shown: usize,
    pub total: usize,
    pub filtered: bool,
    /// A linked story is shown although the filters hide it.
    pub linked_hidden: bool,
}

/// `on_clear`: clears search and topics.
pub fn result_status(lang: Language, counts: Counts, on_clear: &Callback<()>) -> Html {
    let Counts {
        shown,
        total,
        filtered,
        linked_hidden,
    } = counts;
    let words = lang.words();
    let message = if filtered {
        lang.shown_of(shown, total)
    } else {
        lang.stories(total)
    };
    let on_clear = on_clear.reform(|_: MouseEvent| ());
    html! {
        <>
            <p class="nw-status" aria-live="polite">{ message }</p>
            if linked_hidden {
                <p class="nw-linked-note">
                    { words.linked_story_hidden }{ " " }
                    <button type="button" class="nw-link-button" onclick={on_clear.clone()}>{ words.show_all_stories }</button>
                </p>
            }
            // One way back to every story whenever a filter or search is on.
            if filtered && shown > 0 && !linked_hidden {
                <button type="button" class="nw-link-button nw-clear-all" onclick={on_clear.clone()}>{ words.clear_all }</button>
            }
            if filtered && shown == 0 {
                <div class="nw-empty">
                    <p>{ words.no_match }</p>
                    <button type="button" class="nw-button" onclick={on_clear}>{ words.clear_filters }</button>
                </div>
            }
        </>
    }
}
