//! Search box and topic chips; beyond the first chips, "More topics".

use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::app::settings::ReaderSettings;
use newsletter_core::view::search::{shown_chips, FIRST_CHIPS, MORE_CHIPS};
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
    // How many chips show: the first ones, then a page more per "More topics".
    let limit = use_state(|| FIRST_CHIPS);
    let topics = &props.topics;
    let shown = shown_chips(topics.len(), |at| props.selected.contains(&topics[at].id), *limit);
    let hidden = topics.len() - shown.len();
    let more = (hidden > 0).then(|| {
        let limit = limit.clone();
        let onclick = Callback::from(move |_: MouseEvent| limit.set(*limit + MORE_CHIPS));
        html! {
            <button type="button" class="nw-chip nw-chip-more" aria-expanded="false" {onclick}>{ lang.more_topics(hidden) }</button>
        }
    });
    let fewer = (*limit > FIRST_CHIPS).then(|| {
        let limit = limit.clone();
        let onclick = Callback::from(move |_: MouseEvent| limit.set(FIRST_CHIPS));
        html! {
            <button type="button" class="nw-chip nw-chip-more" aria-expanded="true" {onclick}>{ words.fewer_topics }</button>
        }
    });
    let expanded = *limit > FIRST_CHIPS;
    html! {
        <div class="nw-filters">
            <form class="nw-search" role="search" onsubmit={on_submit}>
                <label for="nw-search-input" class="nw-search-label">{ words.search_stories }</label>
                <input
                    id="nw-search-input"
                    class="nw-search-input"
                    type="search"
                    autocomplete="off"
                    ref={props.search_ref.clone()}
                    value={props.query.clone()}
                    oninput={on_input}
                />
            </form>
            if !props.topics.is_empty() {
                <div class={classes!("nw-chips", expanded.then_some("nw-chips-all"))} role="group" aria-label={words.topics}>
                    <button type="button" class="nw-chip nw-chip-all" aria-pressed={none_selected.to_string()} onclick={on_clear}>
                        { words.all_topics }
                    </button>
                    { for shown.iter().map(|&at| {
                        let (topic, count) = (&topics[at], props.counts.get(at).unwrap_or(&0));
                        let pressed = props.selected.contains(&topic.id);
                        let id = topic.id.clone();
                        let onclick = props.on_toggle.reform(move |_: MouseEvent| id.clone());
                        html! {
                            <button type="button" class="nw-chip" key={topic.id.clone()} aria-pressed={pressed.to_string()} {onclick}>
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
