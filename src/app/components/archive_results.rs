//! Results across issues: a heading per issue with its date, the matching
//! stories under it, and "More results".

use yew::prelude::*;

use super::archive_hit::ArchiveHit;
use crate::app::hooks::use_archive_search::ArchiveResults;
use crate::app::settings::ReaderSettings;
use newsletter_core::feed::date::Date;
use newsletter_core::view::state::ViewState;

#[derive(Properties, PartialEq)]
pub struct ArchiveResultsProps {
    pub results: ArchiveResults,
    /// Whether the reader asked for anything (a word or a topic).
    pub asked: bool,
    /// "More results".
    pub on_more: Callback<()>,
    /// In an embed, a result opens through this (see `ArchiveHit`).
    pub on_open: Option<Callback<(String, String)>>,
}

#[function_component(ArchiveResultsView)]
pub fn archive_results(props: &ArchiveResultsProps) -> Html {
    let lang = use_context::<ReaderSettings>().unwrap_or_default().language;
    let words = lang.words();
    // One status line, kept in place, so screen readers hear each change.
    let loading = matches!(props.results, ArchiveResults::Loading(_));
    let shown = props.results.shown();
    let status = match shown {
        None if loading => words.searching_archive.to_owned(),
        None => String::new(),
        Some(results) if props.asked => lang.found_in_archive(results.total),
        Some(_) => words.archive_prompt.to_owned(),
    };
    let terms = std::rc::Rc::new(shown.map(|results| results.terms.clone()).unwrap_or_default());
    let count = shown.map_or(0, |results| results.shown());
    // After "More results", focus goes to the first new result: the button
    // the reader pressed has moved below them.
    let list_ref = use_node_ref();
    let focus_from = use_mut_ref(|| None::<usize>);
    {
        let (list_ref, focus_from) = (list_ref.clone(), focus_from.clone());
        use_effect_with(count, move |&count| {
            let from = *focus_from.borrow();
            if let Some(from) = from.filter(|&from| count > from) {
                focus_from.replace(None);
                let first_new = list_ref
                    .cast::<web_sys::Element>()
                    .and_then(|list| list.query_selector_all(".nw-archive-hit-link").ok())
                    .and_then(|links| links.item(from as u32))
                    .and_then(|link| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(link).ok());
                if let Some(link) = first_new {
                    let _ = link.focus();
                }
            }
        });
    }
    let on_more = {
        let (on_more, focus_from) = (props.on_more.clone(), focus_from.clone());
        Callback::from(move |_: MouseEvent| {
            focus_from.replace(Some(count));
            on_more.emit(());
        })
    };
    let groups = shown.map(|results| results.issues.as_slice()).unwrap_or_default();
    let remaining = shown.map_or(0, |results| results.remaining);
    html! {
        <div class="nw-archive-results" aria-busy={loading.to_string()} ref={list_ref}>
            <p class="nw-status" aria-live="polite">{ status }</p>
            { for groups.iter().map(|group| {
                let date = Date::parse_ymd(&group.date).map_or_else(|| group.date.clone(), |date| lang.date(date));
                html! {
                    <div class="nw-archive-issue" key={group.id.clone()}>
                        <h3 class="nw-archive-issue-head">
                            <span class="nw-archive-issue-date">{ date }</span>
                            if !group.title.is_empty() {
                                <span class="nw-archive-issue-title">{ &group.title }</span>
                            }
                        </h3>
                        <ul class="nw-archive-hits">
                            { for group.stories.iter().map(|hit| html! {
                                <ArchiveHit
                                    key={hit.story_id.clone()}
                                    issue={AttrValue::from(group.id.clone())}
                                    hit={hit.clone()}
                                    terms={terms.clone()}
                                    href={AttrValue::from(ViewState::default().story_fragment_in(&group.id, &hit.story_id))}
                                    on_open={props.on_open.clone()}
                                />
                            }) }
                        </ul>
                    </div>
                }
            }) }
            if remaining > 0 {
                <button type="button" class="nw-button nw-more-results" onclick={on_more}>{ words.more_results }</button>
            }
        </div>
    }
}
