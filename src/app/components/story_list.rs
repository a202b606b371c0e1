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

use wasm_bindgen::JsCast;
use web_sys::{Element, Range};
use yew::prelude::*;

use crate::app::services::events::{self, Detail, EventHost};
use crate::app::services::trusted;
use crate::app::settings::ReaderSettings;
use newsletter_core::locale::Words;
use newsletter_core::render::markup::{self, CardView};
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
}

impl PartialEq for StoryListProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.decoded, &other.decoded)
            && self.shown == other.shown
            && self.terms == other.terms
            && self.expanded == other.expanded
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
        let list_ref = list_ref.clone();
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
    // One listener for every card, only where a host page hears events.
    let onclick = settings.events.is_embedded().then(|| {
        let (host, decoded) = (settings.events.clone(), props.decoded.clone());
        Callback::from(move |event: MouseEvent| story_opened(&host, &decoded.issue, &event))
    });
    html! { <div class="nw-card-list" ref={list_ref} {onclick}></div> }
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
