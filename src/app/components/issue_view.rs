//! A whole issue: masthead, title and date, intro, filters, stories, closing.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::archive_nav::{ArchiveContext, ArchiveNav, NavPlace};
use super::archive_results::{ArchiveResultsView, ResultsFocus};
use super::archive_unavailable::archive_unavailable;
use super::back_to_results::back_to_results;
use super::filter_bar::FilterBar;
use super::raw_html::RawHtml;
use super::result_status::{result_status, Counts};
use super::scope_switch::scope_switch;
use super::skipped_notice::skipped_notice;
use super::story_list::StoryList;
use super::subscribe_form::SubscribeForm;
use crate::app::hooks::use_archive_search::{
    use_archive_search, ArchiveResults, ArchiveSearchContext, Destination, OpenedResult,
};
use crate::app::hooks::use_view_state::use_view_state;
use crate::app::services::events::{self, Detail};
use crate::app::settings::ReaderSettings;
use newsletter_core::render::layout::{Region, LAYOUT_CLASS, STORIES_TITLE_ID};
use newsletter_core::render::markup::{self, PAGE_SIZE};
use newsletter_core::subscribe::{override_config, SubscribeConfig};
use newsletter_core::view::reading::{Reading, ReadingAction};
use newsletter_core::view::search::{search_terms, SearchIndex};
use newsletter_core::view::state::{Action, Scope};
use newsletter_core::{Decoded, Topic};

/// The feed's subscribe settings, or an embed's `subscribe` attribute laid
/// over them. Problems with the attribute go to the console, for publishers.
fn subscribe_settings(feed: &SubscribeConfig, attribute: Option<&str>) -> SubscribeConfig {
    let Some(attribute) = attribute else {
        return feed.clone();
    };
    let mut notices = Vec::new();
    let config = override_config(feed, attribute, &mut notices).unwrap_or_else(|error| {
        let line = format!(
            "newsletter-widget: the subscribe attribute is not valid JSON ({error}); using the feed's settings"
        );
        web_sys::console::error_1(&line.into());
        feed.clone()
    });
    for notice in notices {
        web_sys::console::warn_1(&format!("newsletter-widget: subscribe attribute: {notice}").into());
    }
    config
}

#[derive(Properties)]
pub struct IssueViewProps {
    pub decoded: Rc<Decoded>,
}

/// Compared by identity: the same load renders the same.
impl PartialEq for IssueViewProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.decoded, &other.decoded)
    }
}

#[function_component(IssueView)]
pub fn issue_view(props: &IssueViewProps) -> Html {
    let decoded = &props.decoded;
    let issue = &decoded.issue;
    let identity = Rc::as_ptr(decoded) as usize;
    let index = {
        let decoded = decoded.clone();
        use_memo(identity, move |_| SearchIndex::new(&decoded.issue))
    };
    let topics = {
        let decoded = decoded.clone();
        use_memo(identity, move |_| decoded.issue.topics.clone())
    };
    // The issue speaks its feed's language unless the page or the element
    // asked for one; every part of it hears this through the context.
    let settings = {
        let asked = use_context::<ReaderSettings>().unwrap_or_default();
        let feed_language = issue.language.clone();
        use_memo((asked, feed_language), |(asked, feed)| asked.for_feed(feed.as_deref()))
    };
    let settings = (*settings).clone();
    let lang = settings.language;
    let words = lang.words();
    let (view, dispatch) = use_view_state(topics.clone(), settings.sync_address, settings.topics.clone());
    let terms = use_memo(view.query.clone(), |query| search_terms(query));
    // Search across issues, when the issue is one of an archive's and the
    // reader chose "All issues".
    let archive_search = use_context::<ArchiveSearchContext>();
    let across = view.scope == Scope::All && archive_search.is_some();
    let (archive_results, retry_archive) = use_archive_search(
        archive_search
            .as_ref()
            .filter(|_| across)
            .map(|search| search.index.clone()),
        view.query.clone(),
        view.topics.clone(),
        view.pages,
    );
    // Where focus goes once the results show: the status after "Try again",
    // the opened result's link after "Back to results". The reader's next
    // action lets go of it.
    let results_focus = use_state_eq(|| None::<ResultsFocus>);
    // When the index fails, search in the issue goes on, under a message.
    let unavailable = across && archive_results == ArchiveResults::Unavailable;
    let showing_archive = across && !unavailable;
    let selected = view.topic_indices(&topics);
    let outcome = {
        let index = index.clone();
        use_memo((selected, terms.clone()), move |(selected, terms)| {
            index.apply(selected, terms)
        })
    };
    {
        // The host page hears of the reader's filter changes, not of the
        // filters the issue opens with.
        let host = settings.events.clone();
        let first = use_mut_ref(|| true);
        let deps = (view.topics.clone(), view.query.clone(), outcome.visible.len());
        use_effect_with(deps, move |(topics, query, shown)| {
            if first.replace(false) {
                return;
            }
            let detail = Detail::new()
                .texts("topics", topics.iter().map(String::as_str))
                .text("query", query)
                .number("shown", *shown);
            host.emit(events::FILTERED, detail);
        });
    }
    // A publisher's `limit` shows that many first, then all on request.
    let first_page = settings.limit.unwrap_or(PAGE_SIZE);
    // "Show more", "Expand all" and "More topics": the core's reducer.
    let reading = use_state_eq(Reading::default);
    let read = {
        let reading = reading.clone();
        Callback::from(move |action: ReadingAction| reading.set(reading.apply(action)))
    };
    let shown = reading.cards_shown(first_page, &view.topics, &view.query);
    // The parts that never react to the reader, written as in a
    // pre-rendered page by `domain::markup`, once per load.
    let static_parts = {
        let decoded = decoded.clone();
        use_memo((identity, lang), move |&(_, lang)| {
            let (issue, words) = (&decoded.issue, lang.words());
            [
                markup::masthead(issue.newsletter_name.as_deref(), issue.tagline.as_deref()),
                markup::issue_head(issue, lang),
                markup::framing(
                    "intro",
                    words.this_week,
                    &issue.summary,
                    &issue.summary_rich,
                    Some((words.read_intro, words.show_less)),
                ),
                markup::framing(
                    "closing",
                    words.before_you_go,
                    &issue.closing,
                    &issue.closing_rich,
                    None,
                ),
                markup::stories_heading(words),
            ]
            .map(AttrValue::from)
        })
    };
    let [masthead, head, intro, closing, stories_heading] = (*static_parts).clone();
    // In an archive: its navigation, and the issue a story's link names.
    let archive = use_context::<ArchiveContext>();
    {
        // In an embed, a result opened across issues, or the results it was
        // opened from, arrive here once their issue is shown.
        let arriving = archive_search.as_ref().and_then(|search| search.arriving.clone());
        let current = archive.as_ref().map(|archive| archive.current_id().to_owned());
        let (dispatch, results_focus) = (dispatch.clone(), results_focus.clone());
        use_effect_with(arriving, move |arriving| {
            let Some(arrival) = arriving
                .as_ref()
                .filter(|arrival| current.as_ref() == Some(&arrival.issue))
            else {
                return;
            };
            match &arrival.destination {
                Destination::Story(story) => dispatch.emit(Action::OpenStory {
                    issue: arrival.issue.clone(),
                    story: story.clone(),
                }),
                Destination::Results(opened) => {
                    dispatch.emit(Action::Restore(opened.results.clone()));
                    results_focus.set(Some(ResultsFocus::Result {
                        issue: opened.issue.clone(),
                        story: opened.story.clone(),
                    }));
                }
            }
        });
    }
    // "Expand all" is offered when a shown story collapses.
    let expanded = reading.all_expanded;
    let any_collapses = {
        let decoded = decoded.clone();
        use_memo(identity, move |_| {
            decoded.issue.stories.iter().any(|s| markup::collapses(s))
        })
    };
    let search_ref = use_node_ref();
    let subscribe = {
        let decoded = decoded.clone();
        use_memo(
            (identity, settings.subscribe_override.clone()),
            move |(_, attribute)| subscribe_settings(&decoded.issue.subscribe, attribute.as_deref()),
        )
    };
    // A box that cannot send is not shown (the console says why). The
    // feature is checked where the form is written, so that a build without
    // it leaves the form's code out (see Cargo.toml's features).
    let show_subscribe = !settings.subscribe_off && subscribe.shows_form();
    // The story a link points at (`#story=<id>`), by its place in the issue.
    let linked = view
        .story
        .as_ref()
        .and_then(|id| issue.stories.iter().position(|s| s.id == *id));
    {
        // On its own page, the tab names the linked story, the issue and
        // the newsletter.
        let decoded = decoded.clone();
        use_effect_with(
            (identity, settings.sync_address, linked),
            move |&(_, on_page, linked)| {
                let issue = &decoded.issue;
                let story = linked.and_then(|at| issue.stories[at].title.as_deref());
                let names = [story, issue.title.as_deref(), issue.newsletter_name.as_deref()];
                let mut parts: Vec<&str> = Vec::new();
                for name in names.into_iter().flatten() {
                    if !parts.contains(&name) {
                        parts.push(name);
                    }
                }
                if on_page && !parts.is_empty() {
                    crate::app::document().set_title(&parts.join(" · "));
                }
            },
        );
    }

    // After a filter or search change, a reader scrolled past the list's
    // top is brought back to it, to see the first of the new stories.
    let stories_ref = use_node_ref();
    {
        let stories_ref = stories_ref.clone();
        let first = use_mut_ref(|| true);
        use_effect_with((view.topics.clone(), view.query.clone()), move |_| {
            if first.replace(false) {
                return;
            }
            if let Some(list) = stories_ref.cast::<web_sys::Element>() {
                scroll_to_top_if_above(&list);
            }
        });
    }

    // The reader's own actions let go of a focus still to be placed.
    let let_go_of_focus = {
        let results_focus = results_focus.clone();
        move || results_focus.set(None)
    };
    let on_more_results = {
        let (dispatch, let_go_of_focus) = (dispatch.clone(), let_go_of_focus.clone());
        Callback::from(move |()| {
            let_go_of_focus();
            dispatch.emit(Action::MoreResults);
        })
    };
    // The reader's own filter changes start again from the first page.
    let dispatch = {
        let read = read.clone();
        Callback::from(move |action: Action| {
            let_go_of_focus();
            read.emit(ReadingAction::FiltersChanged);
            dispatch.emit(action);
        })
    };
    let on_toggle = dispatch.reform(Action::ToggleTopic);
    let on_clear_topics = dispatch.reform(|()| Action::ClearTopics);
    let on_search = dispatch.reform(Action::Search);
    let on_topic_tag = dispatch.reform(Action::OnlyTopic);
    let back = archive_search.as_ref().and_then(|search| search.back.clone());
    let on_scope = {
        let (dispatch, back) = (dispatch.clone(), back.clone());
        Callback::from(move |scope: Scope| {
            // Choosing where to search leaves an opened result's results behind.
            if let Some(back) = &back {
                back.on_drop.emit(());
            }
            dispatch.emit(Action::ChooseScope(scope));
        })
    };
    // In an embed, a result opened says which results it came from.
    let on_open_result = archive_search
        .as_ref()
        .and_then(|search| search.on_open.clone())
        .map(|on_open| {
            let (results, from_issue) = (
                view.clone(),
                archive
                    .as_ref()
                    .map(|archive| archive.current_id().to_owned())
                    .unwrap_or_default(),
            );
            Callback::from(move |(issue, story): (String, String)| {
                on_open.emit(OpenedResult {
                    issue,
                    story,
                    from_issue: from_issue.clone(),
                    results: results.clone(),
                })
            })
        });
    let on_retry_archive = {
        let results_focus = results_focus.clone();
        Callback::from(move |()| {
            // The button goes away with the message: focus waits on the
            // results' status.
            results_focus.set(Some(ResultsFocus::Status));
            retry_archive.emit(());
        })
    };
    // Across issues the chips are the archive's, with its counts.
    let (bar_topics, bar_counts) = match archive_results.shown().filter(|_| showing_archive) {
        Some(results) => (
            Rc::new(
                results
                    .topics
                    .iter()
                    .map(|topic| Topic {
                        id: topic.id.clone(),
                        label: topic.label.clone(),
                    })
                    .collect::<Vec<_>>(),
            ),
            results.topics.iter().map(|topic| topic.count).collect::<Vec<_>>(),
        ),
        None if showing_archive => (Rc::new(Vec::new()), Vec::new()),
        None => (Rc::clone(&topics), outcome.topic_counts.clone()),
    };
    let on_clear_all = {
        let dispatch = dispatch.clone();
        let search_ref = search_ref.clone();
        Callback::from(move |()| {
            dispatch.emit(Action::ClearAll);
            // The button that was pressed disappears; keep focus in the filters.
            if let Some(input) = search_ref.cast::<web_sys::HtmlElement>() {
                let _ = input.focus();
            }
        })
    };
    let on_expand_all = read.reform(|_: MouseEvent| ReadingAction::ToggleExpandAll);
    let on_more_topics = read.reform(|()| ReadingAction::MoreTopics);
    let on_fewer_topics = read.reform(|()| ReadingAction::FewerTopics);
    let on_show_more = {
        let (topics, query) = (view.topics.clone(), view.query.clone());
        let step = if settings.limit.is_some() {
            usize::MAX / 2
        } else {
            PAGE_SIZE
        };
        read.reform(move |_: MouseEvent| ReadingAction::ShowMore {
            topics: topics.clone(),
            query: query.clone(),
            step,
        })
    };

    // Written once per load, not on every keystroke.
    let skipped = {
        let decoded = decoded.clone();
        use_memo(identity, move |_| {
            decoded.skipped().map(ToString::to_string).collect::<Vec<_>>()
        })
    };
    let total = issue.stories.len();
    let visible = &outcome.visible;
    // The cards on screen: the first pages of the matches, reaching as far
    // as a linked story, which comes first when the filters hide it.
    let mut cards: Vec<usize> = visible.iter().take(shown).copied().collect();
    let mut linked_hidden = false;
    if let Some(at) = linked {
        match visible.iter().position(|&i| i == at) {
            Some(place) if place >= shown => cards = visible.iter().take(place + 1).copied().collect(),
            Some(_) => {}
            None => {
                cards.insert(0, at);
                linked_hidden = true;
            }
        }
    }
    let remaining = visible.len().saturating_sub(cards.len() - usize::from(linked_hidden));
    let opened = linked.map(|at| AttrValue::from(issue.stories[at].id.clone()));
    let link_issue = archive
        .as_ref()
        .map(|archive| AttrValue::from(archive.current_id().to_owned()));
    // The regions come from the one layout the pre-rendered page uses too.
    let content = |region: Region| match region {
        Region::Lead => html! {
            <>
                <RawHtml html={intro.clone()} />
                { skipped_notice(lang, &skipped) }
            </>
        },
        Region::Side => html! {
            <>
                if cfg!(feature = "subscribe") && show_subscribe {
                    <SubscribeForm config={subscribe.clone()} place="top" />
                }
                if cfg!(feature = "archive-search") && archive_search.is_some() && total > 0 {
                    { scope_switch(words, view.scope, &on_scope) }
                }
                if total > 0 {
                    <FilterBar
                        topics={Rc::clone(&bar_topics)}
                        counts={bar_counts.clone()}
                        selected={view.topics.clone()}
                        query={AttrValue::from(view.query.clone())}
                        search_ref={search_ref.clone()}
                        chip_limit={reading.chip_limit}
                        on_toggle={on_toggle.clone()}
                        on_more_topics={on_more_topics.clone()}
                        on_fewer_topics={on_fewer_topics.clone()}
                        on_clear_topics={on_clear_topics.clone()}
                        on_search={on_search.clone()}
                    />
                }
            </>
        },
        Region::Stories if showing_archive => html! {
            <>
                <h2 class="nw-section-title" id={STORIES_TITLE_ID}>{ words.archive_results }</h2>
                <ArchiveResultsView
                    results={archive_results.clone()}
                    asked={!terms.is_empty() || !view.topics.is_empty()}
                    on_more={on_more_results.clone()}
                    on_open={on_open_result.clone()}
                    focus={(*results_focus).clone()}
                />
            </>
        },
        Region::Stories => html! {
            <>
                if let Some(back) = back.as_ref().filter(|_| view.scope == Scope::Issue) {
                    { back_to_results(words, &back.on_back) }
                }
                if unavailable {
                    { archive_unavailable(words, &on_retry_archive) }
                }
                <RawHtml html={stories_heading.clone()} />
                if total == 0 {
                    <p class="nw-empty">{ words.no_stories_yet }</p>
                } else {
                    { result_status(lang, Counts { shown: visible.len(), total, filtered: view.is_filtered(), linked_hidden }, &on_clear_all) }
                }
                if *any_collapses && terms.is_empty() && !visible.is_empty() {
                    // The label says what a press does next.
                    <button type="button" class="nw-link-button nw-expand-all" onclick={on_expand_all.clone()}>
                        { if expanded { words.collapse_all } else { words.expand_all } }
                    </button>
                }
                <StoryList
                    decoded={decoded.clone()}
                    shown={cards.clone()}
                    terms={terms.clone()}
                    {expanded}
                    opened={opened.clone()}
                    link_issue={link_issue.clone()}
                    on_topic={on_topic_tag.clone()}
                />
                if remaining > 0 {
                    <button type="button" class="nw-button nw-show-more" onclick={on_show_more.clone()}>
                        {
                            if settings.limit.is_some() { lang.show_all(remaining) } else { lang.show_more(remaining) }
                        }
                    </button>
                }
            </>
        },
        Region::End => html! {
            <>
                <RawHtml html={closing.clone()} />
                if cfg!(feature = "subscribe") && show_subscribe {
                    <SubscribeForm config={subscribe.clone()} place="end" />
                }
                if let Some(archive) = archive.clone() {
                    <ArchiveNav {archive} place={NavPlace::End} />
                }
            </>
        },
    };
    html! {
        <ContextProvider<ReaderSettings> context={settings.clone()}>
        <div class="nw" lang={issue.language.clone()}>
            <RawHtml html={masthead} />
            if let Some(archive) = archive.clone() {
                <ArchiveNav {archive} place={NavPlace::Top} />
            }
            <RawHtml html={head} />
            <div class={LAYOUT_CLASS}>
                { for Region::ALL.into_iter().map(|region| html! {
                    <@{region.element()}
                        class={region.class()}
                        aria-label={region.label(words)}
                        aria-labelledby={region.labelled_by()}
                        ref={if region == Region::Stories { stories_ref.clone() } else { NodeRef::default() }}
                    >
                        { content(region) }
                    </@>
                }) }
            </div>
        </div>
        </ContextProvider<ReaderSettings>>
    }
}

/// Scrolls `element`'s top into view when it is above the screen:
/// smoothly, or at once for readers who ask for less motion. Called
/// through `Reflect`, which costs less than more web-sys bindings.
fn scroll_to_top_if_above(element: &web_sys::Element) {
    use js_sys::{Function, Object, Reflect};
    let call = |target: &wasm_bindgen::JsValue, name: &str, argument: &wasm_bindgen::JsValue| {
        Reflect::get(target, &name.into())
            .ok()
            .and_then(|f| f.dyn_into::<Function>().ok())
            .and_then(|f| f.call1(target, argument).ok())
    };
    let top = call(element, "getBoundingClientRect", &wasm_bindgen::JsValue::UNDEFINED)
        .and_then(|rect| Reflect::get(&rect, &"top".into()).ok())
        .and_then(|top| top.as_f64())
        .unwrap_or_default();
    if top >= 0.0 {
        return;
    }
    let Some(window) = web_sys::window() else { return };
    let reduced = call(&window, "matchMedia", &"(prefers-reduced-motion: reduce)".into())
        .and_then(|query| Reflect::get(&query, &"matches".into()).ok())
        .is_some_and(|matches| matches.is_truthy());
    let options = Object::new();
    let _ = Reflect::set(&options, &"block".into(), &"start".into());
    let behavior = if reduced { "instant" } else { "smooth" };
    let _ = Reflect::set(&options, &"behavior".into(), &behavior.into());
    call(element, "scrollIntoView", &options);
}
