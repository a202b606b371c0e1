//! Search box and topic chips; beyond the first chips, "More topics".

use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::app::settings::ReaderSettings;
use newsletter_core::view::search::{shown_chips, FIRST_CHIPS};
use newsletter_core::Topic;

#[derive(Properties, PartialEq)]
pub struct FilterBarProps {
    pub topics: Rc<Vec<Topic>>,
    /// Stories matching the search, per topic (same order as `topics`).
    pub counts: Vec<usize>,
    /// Chosen topic ids.
    pub selected: Vec<String>,
    pub query: AttrValue,
    /// Lets the parent move focus to the search box.
    pub search_ref: NodeRef,
    pub on_toggle: Callback<String>,
    pub on_clear_topics: Callback<()>,
    /// How many chips show before "More topics" (more for a chosen one).
    pub chip_limit: usize,
    /// "More topics" and "Fewer topics".
    pub on_more_topics: Callback<()>,
    pub on_fewer_topics: Callback<()>,
    pub on_search: Callback<String>,
}

#[function_component(FilterBar)]
pub fn filter_bar(props: &FilterBarProps) -> Html {
    let lang = use_context::<ReaderSettings>().unwrap_or_default().language;
    let words = lang.words();
    let on_input = props
        .on_search
        .reform(|event: InputEvent| event.target_unchecked_into::<HtmlInputElement>().value());
    // Enter in a search box would submit nothing; keep it from reloading.
    let on_submit = Callback::from(|event: SubmitEvent| event.prevent_default());
    let none_selected = props.selected.is_empty();
    let on_clear = props.on_clear_topics.reform(|_: MouseEvent| ());
    let topics = &props.topics;
    let shown = shown_chips(
        topics.len(),
        |at| props.selected.contains(&topics[at].id),
        props.chip_limit,
    );
    let hidden = topics.len() - shown.len();
    let more = (hidden > 0).then(|| {
        let onclick = props.on_more_topics.reform(|_: MouseEvent| ());
        html! {
            <button type="button" class="nw-chip nw-chip-more" part="chip" aria-expanded="false" {onclick}>{ lang.more_topics(hidden) }</button>
        }
    });
    let expanded = props.chip_limit > FIRST_CHIPS;
    let fewer = expanded.then(|| {
        let onclick = props.on_fewer_topics.reform(|_: MouseEvent| ());
        html! {
            <button type="button" class="nw-chip nw-chip-more" part="chip" aria-expanded="true" {onclick}>{ words.fewer_topics }</button>
        }
    });
    html! {
        <div class="nw-filters">
            <form class="nw-search" role="search" onsubmit={on_submit}>
                <label for="nw-search-input" class="nw-search-label">{ words.search_stories }</label>
                <input
                    id="nw-search-input"
                    class="nw-search-input"
                    part="search"
                    type="search"
                    autocomplete="off"
                    ref={props.search_ref.clone()}
                    value={props.query.clone()}
                    oninput={on_input}
                />
            </form>
            if !props.topics.is_empty() {
                // The legend says how chosen topics combine, to every reader.
                <div class={classes!("nw-chips", expanded.then_some("nw-chips-all"))} role="group" aria-labelledby="nw-chips-legend">
                    <span class="nw-chips-legend" id="nw-chips-legend">{ words.topics_any_of }</span>
                    <button type="button" class="nw-chip nw-chip-all" part="chip" aria-pressed={none_selected.to_string()} onclick={on_clear}>
                        { words.all_topics }
                    </button>
                    { for shown.iter().map(|&at| {
                        let (topic, count) = (&topics[at], props.counts.get(at).unwrap_or(&0));
                        let pressed = props.selected.contains(&topic.id);
                        let id = topic.id.clone();
                        let onclick = props.on_toggle.reform(move |_: MouseEvent| id.clone());
                        html! {
                            <button type="button" class="nw-chip" part="chip" key={topic.id.clone()} aria-label={format!("{}, {}", topic.label, lang.stories(*count))} aria-pressed={pressed.to_string()} {onclick}>
                                <span class="nw-chip-label">{ &topic.label }</span>
                                <span class="nw-chip-count">
                                    <span class="nw-visually-hidden">{ ", " }</span>
                                    { count }
                                    <span class="nw-visually-hidden">{ lang.stories(*count).trim_start_matches(|c: char| c.is_ascii_digit()).to_owned() }</span>
                                </span>
                            </button>
                        }
                    }) }
                    { for more }
                    { for fewer }
                </div>
            }
        </div>
    }
}
