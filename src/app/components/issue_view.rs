//! A whole issue: masthead, title and date, intro, filters, stories, closing.

use std::rc::Rc;

use yew::prelude::*;

use super::filter_bar::FilterBar;
use super::raw_html::RawHtml;
use super::result_status::ResultStatus;
use super::skipped_notice::SkippedNotice;
use super::story_list::StoryList;
use super::subscribe_form::SubscribeForm;
use crate::app::hooks::use_view_state::use_view_state;
use crate::app::services::events::{self, Detail};
use crate::app::settings::ReaderSettings;
use newsletter_core::render::layout::{Region, LAYOUT_CLASS};
use newsletter_core::render::markup::{self, PAGE_SIZE};
use newsletter_core::subscribe::{override_config, SubscribeConfig};
use newsletter_core::view::reading::{Reading, ReadingAction};
use newsletter_core::view::search::{search_terms, SearchIndex};
use newsletter_core::view::state::Action;
use newsletter_core::Decoded;

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
    let settings = use_context::<ReaderSettings>().unwrap_or_default();
    let lang = settings.language;
    let words = lang.words();
    let (view, dispatch) = use_view_state(topics.clone(), settings.sync_address, settings.topics.clone());
    let terms = use_memo(view.query.clone(), |query| search_terms(query));
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
            let head = markup::masthead(issue.newsletter_name.as_deref(), issue.tagline.as_deref())
                + &markup::issue_head(issue, lang);
            [
                head,
                markup::framing("intro", words.this_week, &issue.summary),
                markup::framing("closing", words.before_you_go, &issue.closing),
                markup::stories_heading(words),
            ]
            .map(AttrValue::from)
        })
    };
    let [head, intro, closing, stories_heading] = (*static_parts).clone();
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
    // A box that cannot send is not shown (the console says why).
    let show_subscribe = !settings.subscribe_off && subscribe.shows_form();
    {
        // On its own page, the tab names the issue and the newsletter.
        let decoded = decoded.clone();
        use_effect_with((identity, settings.sync_address), move |&(_, on_page)| {
            let issue = &decoded.issue;
            let title = match (issue.title.as_deref(), issue.newsletter_name.as_deref()) {
                (Some(title), Some(name)) if title != name => Some(format!("{title} · {name}")),
                (Some(title), _) => Some(title.to_owned()),
                (None, name) => name.map(str::to_owned),
            };
            if let (true, Some(title)) = (on_page, title) {
                crate::app::document().set_title(&title);
            }
        });
    }

    // The reader's own filter changes start again from the first page.
    let dispatch = {
        let read = read.clone();
        Callback::from(move |action: Action| {
            read.emit(ReadingAction::FiltersChanged);
            dispatch.emit(action);
        })
    };
    let on_toggle = dispatch.reform(Action::ToggleTopic);
    let on_clear_topics = dispatch.reform(|()| Action::ClearTopics);
    let on_search = dispatch.reform(Action::Search);
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
    let remaining = visible.len().saturating_sub(shown);
    // The regions come from the one layout the pre-rendered page uses too.
    let content = |region: Region| match region {
        Region::Lead => html! {
            <>
                <RawHtml html={intro.clone()} />
                <SkippedNotice problems={(*skipped).clone()} />
            </>
        },
        Region::Side => html! {
            <>
                if show_subscribe {
                    <SubscribeForm config={subscribe.clone()} place="top" />
                }
                if total > 0 {
                    <FilterBar
                        topics={Rc::clone(&topics)}
                        counts={outcome.topic_counts.clone()}
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
        Region::Stories => html! {
            <>
                <RawHtml html={stories_heading.clone()} />
                if total == 0 {
                    <p class="nw-empty">{ words.no_stories_yet }</p>
                } else {
                    <ResultStatus shown={visible.len()} {total} filtered={view.is_filtered()} on_clear={on_clear_all.clone()} />
                }
                if *any_collapses && terms.is_empty() && !visible.is_empty() {
                    // The label says what a press does next.
                    <button type="button" class="nw-link-button nw-expand-all" onclick={on_expand_all.clone()}>
                        { if expanded { words.collapse_all } else { words.expand_all } }
                    </button>
                }
                <StoryList decoded={decoded.clone()} shown={visible.iter().take(shown).copied().collect::<Vec<_>>()} terms={terms.clone()} {expanded} />
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
                if show_subscribe {
                    <SubscribeForm config={subscribe.clone()} place="end" />
                }
            </>
        },
    };
    html! {
        <div class="nw" lang={issue.language.clone()}>
            <RawHtml html={head} />
            <div class={LAYOUT_CLASS}>
                { for Region::ALL.into_iter().map(|region| html! {
                    <@{region.element()} class={region.class()} aria-label={region.label(words)} aria-labelledby={region.labelled_by()}>
                        { content(region) }
                    </@>
                }) }
            </div>
        </div>
    }
}
