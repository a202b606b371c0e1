//! One story: headline, topics, text, link and sources.

use std::rc::Rc;

use yew::prelude::*;

use crate::app::settings::ReaderSettings;

use super::highlight::highlighted;
use super::rich_text::RichText;
use super::source_list::SourceList;
use crate::domain::sanitize::text_of;
use crate::domain::{Body, Story};

#[derive(Properties, PartialEq)]
pub struct StoryCardProps {
    pub story: Rc<Story>,
    /// Position in the issue, for unique element ids.
    pub index: usize,
    /// Search terms to mark.
    pub terms: Rc<Vec<String>>,
}

#[function_component(StoryCard)]
pub fn story_card(props: &StoryCardProps) -> Html {
    let lang = use_context::<ReaderSettings>().unwrap_or_default().language;
    let words = lang.words();
    let story = &props.story;
    let terms = props.terms.as_slice();
    let heading_id = format!("nw-story-{}", props.index);
    // Every card needs a heading to be found by screen-reader users; a story
    // without a title borrows its summary or its first words.
    let headline = story
        .title
        .clone()
        .or_else(|| story.summary.as_deref().map(first_words))
        .unwrap_or_else(|| body_start(&story.body));
    let show_summary = story.title.is_some() && story.body.is_empty();
    let link = story.url.as_ref().or(story.external_url.as_ref());
    html! {
        <article class="nw-card" aria-labelledby={heading_id.clone()}>
            <h3 class="nw-headline" id={heading_id}>{ highlighted(&headline, terms) }</h3>
            if !story.topics.is_empty() {
                <ul class="nw-tags" aria-label={words.topics}>
                    { for story.topics.iter().map(|t| html! { <li class="nw-tag">{ &t.label }</li> }) }
                </ul>
            }
            if let Some(image) = &story.image {
                <img class="nw-image" src={image.clone()} alt="" loading="lazy" decoding="async" />
            }
            <div class="nw-body">
                if show_summary {
                    if let Some(summary) = &story.summary { <p>{ highlighted(summary, terms) }</p> }
                }
                {
                    match &story.body {
                        Body::Paragraphs(paragraphs) => paragraphs.iter().map(|p| html! { <p>{ highlighted(p, terms) }</p> }).collect::<Html>(),
                        Body::Rich(nodes) => html! { <RichText nodes={nodes.clone()} terms={props.terms.clone()} /> },
                    }
                }
            </div>
            if let Some(url) = link {
                <p class="nw-more"><a href={url.clone()} rel="noopener noreferrer" target="_blank">{ words.read_original }</a></p>
            }
            <SourceList sources={story.sources.clone()} terms={props.terms.to_vec()} />
        </article>
    }
}

/// At most about twelve words, for a heading made from other text.
fn first_words(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= 12 {
        words.join(" ")
    } else {
        format!("{}…", words[..12].join(" "))
    }
}

fn body_start(body: &Body) -> String {
    match body {
        Body::Paragraphs(paragraphs) => first_words(paragraphs.first().map_or("", String::as_str)),
        Body::Rich(nodes) => first_words(&text_of(nodes)),
    }
}
