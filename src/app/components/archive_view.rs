//! The archive: the chosen issue (newest by default) with a way to step to
//! older and newer issues or pick one from the list. The chosen issue is in
//! the address (`#issue=2025-12-04`), with the filters, which carry over to
//! the next issue where its topics exist.

use std::rc::Rc;

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::app::App;
use crate::app::services::address::{current_fragment, on_address_change, write_fragment};
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
        Callback::from(move |id: String| {
            if sync_address {
                write_issue_to_address(&id);
            }
            chosen.set(Some(id));
        })
    };
    let step = |offset: isize| {
        let target = position
            .checked_add_signed(offset)
            .and_then(|i| issues.get(i))
            .map(|i| i.id.clone());
        let choose = choose.clone();
        (
            target.is_none(),
            Callback::from(move |_: MouseEvent| choose.emit(target.clone().unwrap_or_default())),
        )
    };
    let (no_older, on_older) = step(1);
    let (no_newer, on_newer) = step(-1);
    let on_pick = choose.reform(|event: Event| event.target_unchecked_into::<HtmlSelectElement>().value());
    let index_href = absolute(&props.index_url).unwrap_or_default();
    let src = AttrValue::from(absolute_against(&current.href, &index_href));
    let key = src.to_string();
    // The issues an index lists must be on its own site, the page's, or an
    // allowed one: a trusted index must not lead readers elsewhere.
    let issue_settings = ReaderSettings {
        sources: settings.sources.for_issues_of(&index_href),
        ..settings.clone()
    };
    html! {
        <>
            <nav class="nw nw-archive" aria-label={words.issues}>
                <button type="button" class="nw-archive-step" disabled={no_older} onclick={on_older}>{ words.older_issue }</button>
                <label class="nw-archive-pick">
                    <span class="nw-visually-hidden">{ words.choose_issue }</span>
                    <select onchange={on_pick}>
                        { for issues.iter().map(|issue| {
                            let label = match issue.date {
                                Some(date) => format!("{} · {}", lang.date(date), issue.title),
                                None => issue.title.clone(),
                            };
                            html! { <option value={issue.id.clone()} selected={issue.id == current.id}>{ label }</option> }
                        }) }
                    </select>
                </label>
                <button type="button" class="nw-archive-step" disabled={no_newer} onclick={on_newer}>{ words.newer_issue }</button>
            </nav>
            <ContextProvider<ReaderSettings> context={issue_settings}>
                <App {key} {src} allow_index={false} />
            </ContextProvider<ReaderSettings>>
        </>
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
