//! Results across issues: a heading per issue with its date, the matching
//! stories under it, and "More results".

use yew::prelude::*;

use super::archive_hit::archive_hit;
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
    /// In an embed, a result opens through this (see `archive_hit`).
    pub on_open: Option<Callback<(String, String)>>,
    /// Where focus goes once, when these results show.
    #[prop_or_default]
    pub focus: Option<ResultsFocus>,
}

/// Where focus goes when the results show, the control the reader pressed
/// being gone.
#[derive(Debug, Clone, PartialEq)]
pub enum ResultsFocus {
    /// The status line, at once ("Try again").
    Status,
    /// A result's link once the results are in, or the status line when it
    /// is no longer among them ("Back to results").
    Result {
        /// Its issue's id in the archive.
        issue: String,
        /// Its story's id in its issue.
        story: String,
    },
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
    let terms = shown.map(|results| results.terms.clone()).unwrap_or_default();
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
    let status_ref = use_node_ref();
    {
        let (list_ref, status_ref) = (list_ref.clone(), status_ref.clone());
        let placed = use_mut_ref(|| None::<ResultsFocus>);
        let ready = !loading && shown.is_some();
        use_effect_with((props.focus.clone(), ready), move |(focus, ready)| {
            let Some(focus) = focus.as_ref().filter(|&focus| placed.borrow().as_ref() != Some(focus)) else {
                return;
            };
            let target = match focus {
                ResultsFocus::Status => status_ref.cast::<web_sys::HtmlElement>(),
                ResultsFocus::Result { .. } if !ready => return,
                ResultsFocus::Result { issue, story } => {
                    let href = ViewState::default().story_fragment_in(issue, story);
                    result_link(&list_ref, &href).or_else(|| status_ref.cast::<web_sys::HtmlElement>())
                }
            };
            if let Some(target) = target {
                let _ = target.focus();
            }
            placed.replace(Some(focus.clone()));
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
            <p class="nw-status" aria-live="polite" tabindex="-1" ref={status_ref}>{ status }</p>
            // One child however many groups: Yew pairs unkeyed children from
            // the end, and would otherwise make the status line anew as
            // results come, losing its focus and its announcements.
            <>
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
                            { for group.stories.iter().map(|hit| archive_hit(
                                &group.id,
                                hit,
                                &terms,
                                ViewState::default().story_fragment_in(&group.id, &hit.story_id),
                                props.on_open.as_ref(),
                            )) }
                        </ul>
                    </div>
                }
            }) }
            </>
            if remaining > 0 {
                <button type="button" class="nw-button nw-more-results" onclick={on_more}>{ words.more_results }</button>
            }
        </div>
    }
}

/// The result link to `href` among the results under `list_ref`.
fn result_link(list_ref: &NodeRef, href: &str) -> Option<web_sys::HtmlElement> {
    let links = list_ref
        .cast::<web_sys::Element>()?
        .query_selector_all(".nw-archive-hit-link")
        .ok()?;
    (0..links.length())
        .filter_map(|at| links.item(at))
        .filter_map(|link| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(link).ok())
        .find(|link| link.get_attribute("href").as_deref() == Some(href))
}
