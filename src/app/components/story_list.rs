//! The shown story cards, keyed by story id.
//!
//! Each card's HTML comes from [`newsletter_core::render::markup::push_story_card`], which
//! escapes every text from the feed and writes only its own elements, so the
//! markup holds no script. New cards are parsed together in one go and kept
//! by story id, so a filter change re-uses the cards it keeps and the list is
//! put in order with one DOM call. Parsing one string costs far less than
//! creating every node through wasm calls, and a range parses it in this
//! document, which saves adopting every node from a `<template>`'s.

use std::collections::HashMap;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, Range};
use yew::prelude::*;

use crate::app::services::address::{page_address_with, share_or_copy};
use crate::app::services::events::{self, Detail, EventHost};
use crate::app::services::trusted;
use crate::app::settings::ReaderSettings;
use newsletter_core::locale::Words;
use newsletter_core::render::markup::{self, CardView};
use newsletter_core::view::state::ViewState;
use newsletter_core::{Decoded, Issue};

/// Cards kept beyond the shown ones, so toggling a chip back is cheap, but
/// memory does not follow every story ever shown.
const KEPT_CARDS: usize = 300;

#[derive(Properties)]
pub struct StoryListProps {
    pub decoded: Rc<Decoded>,
    /// Positions in the issue of the stories to show, in order.
    pub shown: Vec<usize>,
    /// Search terms to mark.
    pub terms: Rc<Vec<String>>,
    /// Whether long stories show whole ("Expand all").
    pub expanded: bool,
    /// The id of the story a link points at: opened, scrolled to and focused.
    #[prop_or_default]
    pub opened: Option<AttrValue>,
    /// The archive issue shown, which a story's link names too.
    #[prop_or_default]
    pub link_issue: Option<AttrValue>,
    /// A topic tag on a card was pressed (the topic's id).
    #[prop_or_default]
    pub on_topic: Callback<String>,
}

impl PartialEq for StoryListProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.decoded, &other.decoded)
            && self.shown == other.shown
            && self.terms == other.terms
            && self.expanded == other.expanded
            && self.opened == other.opened
            && self.link_issue == other.link_issue
            && self.on_topic == other.on_topic
    }
}

/// Cards already in the document or parsed, by story id, for one issue, one
/// search (marks differ between searches) and one "Expand all" setting.
#[derive(Default)]
struct BuiltCards {
    /// Held, so a later issue can never take its address.
    issue: Option<Rc<Decoded>>,
    terms: Vec<String>,
    expanded: bool,
    by_id: HashMap<String, Element>,
    /// The range that parses cards, made once: the browser updates every
    /// live range on each DOM change until it is collected.
    parser: Option<Range>,
}

#[function_component(StoryList)]
pub fn story_list(props: &StoryListProps) -> Html {
    let settings = use_context::<ReaderSettings>().unwrap_or_default();
    let words = settings.language.words();
    let list_ref = use_node_ref();
    let built = use_mut_ref(BuiltCards::default);
    {
        let (list_ref, built) = (list_ref.clone(), built.clone());
        let decoded = props.decoded.clone();
        let deps = (
            Rc::as_ptr(&decoded) as usize,
            props.shown.clone(),
            props.terms.clone(),
            props.expanded,
        );
        use_effect_with(deps, move |(_, shown, terms, expanded)| {
            if let Some(list) = list_ref.cast::<Element>() {
                let mut built = built.borrow_mut();
                let same_issue = built.issue.as_ref().is_some_and(|held| Rc::ptr_eq(held, &decoded));
                if !same_issue || built.terms != **terms || built.expanded != *expanded {
                    built.issue = Some(decoded.clone());
                    built.terms = terms.to_vec();
                    built.expanded = *expanded;
                    built.by_id.clear();
                }
                show_cards(&list, &mut built, &decoded.issue, shown, words);
            }
        });
    }
    {
        // A linked story: opened, brought into view and focused, once per link.
        let deps = (Rc::as_ptr(&props.decoded) as usize, props.opened.clone());
        use_effect_with(deps, move |(_, opened)| {
            if let Some(card) = opened
                .as_ref()
                .and_then(|id| built.borrow().by_id.get(id.as_str()).cloned())
            {
                bring_into_view(&card);
            }
        });
    }
    // What the reader hears after "Copy link".
    let copied = use_state_eq(|| AttrValue::from(""));
    // One listener for every card: topic tags, "Copy link", and the host
    // page's events where there is one.
    let onclick = {
        let (host, decoded) = (settings.events.clone(), props.decoded.clone());
        let (on_topic, link_issue, copied) = (props.on_topic.clone(), props.link_issue.clone(), copied.clone());
        Callback::from(move |event: MouseEvent| {
            let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
                return;
            };
            if let Some(tag) = target.closest(".nw-tag[data-topic]").ok().flatten() {
                on_topic.emit(tag.get_attribute("data-topic").unwrap_or_default());
            } else if let Some(button) = target.closest(".nw-copy-link").ok().flatten() {
                copy_link(button, link_issue.clone(), words, copied.clone());
            } else if host.is_embedded() {
                story_opened(&host, &decoded.issue, &event);
            }
        })
    };
    html! {
        <>
            <div class="nw-card-list" ref={list_ref} {onclick}></div>
            <p class="nw-visually-hidden" role="status">{ (*copied).clone() }</p>
        </>
    }
}

/// Opens a card's folded text, scrolls it to the top of the screen and
/// moves focus to its headline, so a keyboard or screen-reader user starts
/// reading there. Cards off screen have an estimated height until they are
/// laid out (`content-visibility`), so the scroll is made again on the
/// next frames, as the cards it passed take their real heights.
fn bring_into_view(card: &Element) {
    if let Ok(Some(rest)) = card.query_selector(".nw-rest") {
        let _ = rest.set_attribute("open", "");
    }
    if let Some(headline) = card
        .query_selector(".nw-headline")
        .ok()
        .flatten()
        .and_then(|h| h.dyn_into::<HtmlElement>().ok())
    {
        let _ = headline.focus();
    }
    // A story the filters hide comes with a line that says so, just above
    // the cards: that line is brought into view with it.
    let note = card
        .closest(".nw-stories")
        .ok()
        .flatten()
        .and_then(|stories| stories.query_selector(".nw-linked-note").ok().flatten());
    let target = note.unwrap_or_else(|| card.clone());
    // In an embed, the widget's stylesheet may still be on its way; the
    // cards take their sizes once it is there.
    let pending_sheet = card
        .get_root_node()
        .dyn_into::<web_sys::ShadowRoot>()
        .ok()
        .and_then(|root| root.query_selector("link[rel=\"stylesheet\"]").ok().flatten())
        .filter(|link| {
            js_sys::Reflect::get(link, &"sheet".into()).is_ok_and(|sheet| sheet.is_null() || sheet.is_undefined())
        });
    match pending_sheet {
        Some(link) => {
            let align = Closure::once_into_js(move || align_on_frames(target, 4));
            let _ = link.add_event_listener_with_callback("load", align.unchecked_ref());
        }
        None => align_on_frames(target, 4),
    }
}

fn align_on_frames(card: Element, frames: u32) {
    card.scroll_into_view_with_bool(true);
    if frames == 0 {
        return;
    }
    let next = Closure::once_into_js(move || align_on_frames(card, frames - 1));
    if let Some(window) = web_sys::window() {
        let _ = window.request_animation_frame(next.unchecked_ref());
    }
}

/// "Copy link": the page's address (the host's, when embedded) with
/// `#story=<id>`, shared or copied; the button says so for a moment and a
/// polite live region tells screen-reader users.
fn copy_link(button: Element, link_issue: Option<AttrValue>, words: &'static Words, copied: UseStateHandle<AttrValue>) {
    let Some(card) = button.closest(".nw-card").ok().flatten() else {
        return;
    };
    let id = card.get_attribute("data-story").unwrap_or_default();
    let view = ViewState {
        issue: link_issue.map(|issue| issue.to_string()),
        ..ViewState::default()
    };
    let url = page_address_with(&view.story_fragment(&id));
    let title = card
        .query_selector(".nw-headline")
        .ok()
        .flatten()
        .and_then(|h| h.text_content())
        .unwrap_or_default();
    wasm_bindgen_futures::spawn_local(async move {
        let done = share_or_copy(&url, &title).await;
        let message = if done { words.link_copied } else { words.copy_failed };
        button.set_text_content(Some(message));
        let _ = button.set_attribute("data-done", if done { "copied" } else { "failed" });
        copied.set(AttrValue::from(message));
        // The button goes back to its label after a moment.
        let reset = Closure::once_into_js(move || {
            button.set_text_content(Some(words.copy_link));
            let _ = button.remove_attribute("data-done");
            copied.set(AttrValue::from(""));
        });
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(reset.unchecked_ref(), 4000);
        }
    });
}

/// "Read more" opened, or a link in a card followed: tells the host page
/// which story.
fn story_opened(host: &EventHost, issue: &Issue, event: &MouseEvent) {
    let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
        return;
    };
    let Some(card) = target.closest(".nw-card").ok().flatten() else {
        return;
    };
    // The card's heading id is `nw-story-<position in the issue>`.
    let story = card
        .get_attribute("aria-labelledby")
        .and_then(|id| id.strip_prefix("nw-story-")?.parse::<usize>().ok())
        .and_then(|at| issue.stories.get(at));
    let Some(story) = story else {
        return;
    };
    let detail = Detail::new().text("id", &story.id);
    if let Some(toggle) = target.closest("summary").ok().flatten() {
        // The click opens it when it is closed now.
        let closed = toggle
            .parent_element()
            .is_some_and(|details| !details.has_attribute("open"));
        if closed {
            host.emit(events::STORY_OPENED, detail.text("via", "read-more"));
        }
    } else if let Some(link) = target.closest("a[href]").ok().flatten() {
        let href = link.get_attribute("href").unwrap_or_default();
        host.emit(events::STORY_OPENED, detail.text("via", "link").text("href", &href));
    }
}

fn show_cards(list: &Element, built: &mut BuiltCards, issue: &Issue, shown: &[usize], words: &Words) {
    let missing: Vec<usize> = shown
        .iter()
        .copied()
        .filter(|&i| !built.by_id.contains_key(&issue.stories[i].id))
        .collect();
    if !missing.is_empty() {
        let size = missing.iter().map(|&i| markup::card_size(&issue.stories[i])).sum();
        let mut markup = String::with_capacity(size);
        let view = CardView {
            terms: &built.terms,
            expanded: built.expanded,
        };
        for &i in &missing {
            markup::push_story_card(&mut markup, &issue.stories[i], i, view, words);
        }
        let range = built
            .parser
            .get_or_insert_with(|| crate::app::document().create_range().expect("a document makes ranges"));
        let Some(parsed) = trusted::fragment(range, &markup) else {
            return;
        };
        let parsed = parsed.children();
        for (position, &i) in missing.iter().enumerate() {
            if let Some(card) = parsed.item(position as u32) {
                built.by_id.insert(issue.stories[i].id.clone(), card);
            }
        }
    }
    let nodes = js_sys::Array::new();
    for &i in shown {
        if let Some(card) = built.by_id.get(&issue.stories[i].id) {
            nodes.push(card);
        }
    }
    list.replace_children_with_node(&nodes);
    if built.by_id.len() > KEPT_CARDS {
        let keep: Vec<&str> = shown.iter().map(|&i| issue.stories[i].id.as_str()).collect();
        built.by_id.retain(|id, _| keep.contains(&id.as_str()));
    }
}
