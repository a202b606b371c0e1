//! Stepping through an archive's issues: a compact bar under the masthead
//! (older, the list, newer) and, at the end of an issue, its neighbours by
//! name. Only controls that can act are shown; an archive of one issue
//! shows none.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlSelectElement};
use yew::prelude::*;

use crate::app::settings::ReaderSettings;
use newsletter_core::feed::index::IssueRef;

/// The archive around the shown issue, given by the archive to its issue.
#[derive(Debug, Clone, PartialEq)]
pub struct ArchiveContext {
    /// The issues, newest first.
    pub issues: Rc<Vec<IssueRef>>,
    /// The shown issue's place in `issues`.
    pub position: usize,
    /// Shows the issue with this id.
    pub on_choose: Callback<String>,
}

impl ArchiveContext {
    /// The shown issue's id, which a story's link names too.
    pub fn current_id(&self) -> &str {
        &self.issues[self.position].id
    }

    fn older(&self) -> Option<&IssueRef> {
        self.issues.get(self.position + 1)
    }

    fn newer(&self) -> Option<&IssueRef> {
        self.position.checked_sub(1).and_then(|at| self.issues.get(at))
    }
}

/// Where the bar is: under the masthead, or after the issue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NavPlace {
    Top,
    End,
}

#[derive(Properties, PartialEq)]
pub struct ArchiveNavProps {
    pub archive: ArchiveContext,
    pub place: NavPlace,
}

#[function_component(ArchiveNav)]
pub fn archive_nav(props: &ArchiveNavProps) -> Html {
    let lang = use_context::<ReaderSettings>().unwrap_or_default().language;
    let words = lang.words();
    let archive = &props.archive;
    if archive.issues.len() < 2 {
        return Html::default();
    }
    let step = |target: Option<&IssueRef>, label: &'static str, class: &'static str| {
        target.map(|issue| {
            let (id, on_choose, end) = (
                issue.id.clone(),
                archive.on_choose.clone(),
                props.place == NavPlace::End,
            );
            let onclick = Callback::from(move |event: MouseEvent| {
                on_choose.emit(id.clone());
                if end {
                    to_widget_top(&event);
                }
            });
            let name = match (props.place, issue.date) {
                (NavPlace::End, Some(date)) => Some(format!("{} · {}", lang.date(date), issue.title)),
                (NavPlace::End, None) => Some(issue.title.clone()),
                (NavPlace::Top, _) => None,
            };
            html! {
                <button type="button" class={classes!("nw-archive-step", class)} {onclick}>
                    <span class="nw-archive-step-label">{ label }</span>
                    if let Some(name) = name {
                        <span class="nw-archive-step-name">{ name }</span>
                    }
                </button>
            }
        })
    };
    let older = step(archive.older(), words.older_issue, "nw-older");
    let newer = step(archive.newer(), words.newer_issue, "nw-newer");
    match props.place {
        NavPlace::End => html! {
            <nav class="nw-archive nw-archive-end" aria-label={words.more_issues}>
                { for older }
                { for newer }
            </nav>
        },
        NavPlace::Top => {
            let on_pick = archive
                .on_choose
                .reform(|event: Event| event.target_unchecked_into::<HtmlSelectElement>().value());
            let current = archive.current_id().to_owned();
            html! {
                <nav class="nw-archive nw-archive-top" aria-label={words.issues}>
                    { for older }
                    <label class="nw-archive-pick">
                        <span class="nw-visually-hidden">{ words.choose_issue }</span>
                        <select onchange={on_pick}>
                            { for archive.issues.iter().map(|issue| {
                                let label = match issue.date {
                                    Some(date) => format!("{} · {}", lang.date(date), issue.title),
                                    None => issue.title.clone(),
                                };
                                html! { <option value={issue.id.clone()} selected={issue.id == current}>{ label }</option> }
                            }) }
                        </select>
                    </label>
                    { for newer }
                </nav>
            }
        }
    }
}

/// After choosing an issue at the end of one, the reader starts the next
/// at its top: the widget's (an embed's) or the page's.
fn to_widget_top(event: &MouseEvent) {
    let top = event
        .target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .and_then(|el| el.closest(".nw-host, .nw-page, body").ok().flatten());
    if let Some(top) = top {
        top.scroll_into_view_with_bool(true);
    }
}
