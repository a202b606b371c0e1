//! The archive: the chosen issue (newest by default), which shows the way
//! to older and newer issues ([`ArchiveNav`](super::archive_nav::ArchiveNav)). The chosen issue is in
//! the address (`#issue=2025-12-04`), with the filters, which carry over to
//! the next issue where its topics exist. An embed, which keeps its view in
//! memory, opens results across issues itself and keeps the way back to
//! them ("Back to results").

use std::rc::Rc;

use yew::prelude::*;

use super::app::App;
use super::archive_nav::ArchiveContext;
use crate::app::hooks::use_archive_search::{ArchiveSearchContext, Arrival, BackToResults, Destination, OpenedResult};
use crate::app::services::address::{current_fragment, on_address_change, write_fragment};
use crate::app::services::archive_search::ArchiveIndex;
use crate::app::services::feed::absolute;
use crate::app::settings::ReaderSettings;
use newsletter_core::feed::index::IssueRef;
use newsletter_core::view::state::{Action, ViewState};

#[derive(Properties, PartialEq)]
pub struct ArchiveViewProps {
    /// The issues, newest first.
    pub issues: Rc<Vec<IssueRef>>,
    /// The index's address, against which issue addresses resolve.
    pub index_url: AttrValue,
}

#[function_component(ArchiveView)]
pub fn archive_view(props: &ArchiveViewProps) -> Html {
    let settings = use_context::<ReaderSettings>().unwrap_or_default();
    let (lang, sync_address) = (settings.language, settings.sync_address);
    let words = lang.words();
    let chosen = use_state(|| if sync_address { chosen_in_address() } else { None });
    {
        // Back and Forward can change the issue too.
        let chosen = chosen.clone();
        use_effect_with(sync_address, move |&sync_address| {
            on_address_change(sync_address, move || chosen.set(chosen_in_address()))
        });
    }
    let index_href = absolute(&props.index_url).unwrap_or_default();
    // Search across issues: its index (`search/` next to `index.json`) is
    // opened once, when the reader first asks for "All issues", and serves
    // every issue shown after.
    let search_index = {
        let sources = settings.sources.clone();
        use_memo(index_href.clone(), move |href| ArchiveIndex {
            index_href: href.clone(),
            sources,
            opened: Rc::default(),
        })
    };
    // An embed opens a result itself (its view is in memory): it shows the
    // result's issue, which then opens the story. Having no history entry
    // to go back to, it keeps the results the result was opened from.
    let arriving = use_state(|| None::<Arrival>);
    let arrivals = use_mut_ref(|| 0_u32);
    let opened_from = use_state(|| None::<Rc<OpenedResult>>);
    let arrive = {
        let (arriving, chosen) = (arriving.clone(), chosen.clone());
        move |issue: String, destination: Destination| {
            let count = {
                let mut arrivals = arrivals.borrow_mut();
                *arrivals = arrivals.wrapping_add(1);
                *arrivals
            };
            arriving.set(Some(Arrival {
                count,
                issue: issue.clone(),
                destination,
            }));
            chosen.set(Some(issue));
        }
    };
    let on_open = (!sync_address).then(|| {
        let (arrive, opened_from) = (arrive.clone(), opened_from.clone());
        Callback::from(move |opened: OpenedResult| {
            let (issue, story) = (opened.issue.clone(), opened.story.clone());
            opened_from.set(Some(Rc::new(opened)));
            arrive(issue, Destination::Story(story));
        })
    });
    let back = opened_from.as_ref().map(|opened| {
        let on_back = {
            let (opened, opened_from, arrive) = (opened.clone(), opened_from.clone(), arrive.clone());
            Callback::from(move |()| {
                opened_from.set(None);
                arrive(opened.from_issue.clone(), Destination::Results(opened.clone()));
            })
        };
        let opened_from = opened_from.clone();
        BackToResults {
            on_back,
            on_drop: Callback::from(move |()| opened_from.set(None)),
        }
    });
    let search = ArchiveSearchContext {
        index: (*search_index).clone(),
        on_open,
        arriving: (*arriving).clone(),
        back,
    };
    let issues = &props.issues;
    if issues.is_empty() {
        return html! {
            <div class="nw"><p class="nw-empty" role="status">{ words.no_issues_yet }</p></div>
        };
    }
    let position = chosen
        .as_ref()
        .and_then(|id| issues.iter().position(|i| i.id == *id))
        .unwrap_or(0);
    let current = &issues[position];
    let choose = {
        let chosen = chosen.clone();
        let arriving = arriving.clone();
        Callback::from(move |id: String| {
            // Stepping through issues opens no result's story, and leaves
            // the results behind.
            if arriving.is_some() {
                arriving.set(None);
            }
            if opened_from.is_some() {
                opened_from.set(None);
            }
            if sync_address {
                write_issue_to_address(&id);
            }
            chosen.set(Some(id));
        })
    };
    // The issue shows the archive's navigation under its masthead and at
    // its end.
    let archive = ArchiveContext {
        issues: issues.clone(),
        position,
        on_choose: choose,
    };
    let src = AttrValue::from(absolute_against(&current.href, &index_href));
    let key = src.to_string();
    // The issues an index lists must be on its own site, the page's, or an
    // allowed one: a trusted index must not lead readers elsewhere.
    let issue_settings = ReaderSettings {
        sources: settings.sources.for_issues_of(&index_href),
        ..settings.clone()
    };
    html! {
        <ContextProvider<ReaderSettings> context={issue_settings}>
            <ContextProvider<ArchiveContext> context={archive}>
                <ContextProvider<ArchiveSearchContext> context={search}>
                    <App {key} {src} allow_index={false} />
                </ContextProvider<ArchiveSearchContext>>
            </ContextProvider<ArchiveContext>>
        </ContextProvider<ReaderSettings>>
    }
}

fn chosen_in_address() -> Option<String> {
    ViewState::from_fragment_unchecked(&current_fragment()).issue
}

/// Puts the issue in the address, keeping the reader's filters: topics are
/// kept as written (no issue's topics to check them against here), and the
/// next issue keeps those it has.
fn write_issue_to_address(id: &str) {
    let state = ViewState::from_fragment_unchecked(&current_fragment()).apply(Action::ChooseIssue(id.to_owned()), &[]);
    write_fragment(&state.to_fragment(), false);
}

/// An issue's address, resolved against the index's absolute address, so
/// archives work from any folder or host.
fn absolute_against(href: &str, index_href: &str) -> String {
    web_sys::Url::new_with_base(href, index_href)
        .map(|url| url.href())
        .unwrap_or_else(|_| href.to_owned())
}
