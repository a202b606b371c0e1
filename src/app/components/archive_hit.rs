//! One result across issues: its headline, a link to the story in its
//! issue, and its first sentence, the search's words marked.

use std::rc::Rc;

use yew::prelude::*;

use newsletter_core::archive_search::Hit;
use newsletter_core::view::search::Segment;

#[derive(Properties, PartialEq)]
pub struct ArchiveHitProps {
    /// The issue the story is in (its id in the archive).
    pub issue: AttrValue,
    pub hit: Hit,
    /// The search's folded words.
    pub terms: Rc<Vec<String>>,
    /// The story link: `#issue=…&story=…`.
    pub href: AttrValue,
    /// The reader opened it: (issue, story). On the page the link itself
    /// goes there; an embed, which leaves its host's address alone, is
    /// told instead.
    pub on_open: Option<Callback<(String, String)>>,
}

/// Text nodes and `<mark>`s: the text is never read as markup.
fn marked(segments: Vec<Segment<'_>>) -> Html {
    segments
        .into_iter()
        .map(|segment| {
            if segment.hit {
                html! { <mark>{ segment.text }</mark> }
            } else {
                html! { { segment.text } }
            }
        })
        .collect()
}

#[function_component(ArchiveHit)]
pub fn archive_hit(props: &ArchiveHitProps) -> Html {
    let hit = &props.hit;
    let onclick = props.on_open.clone().map(|on_open| {
        let (issue, story) = (props.issue.to_string(), hit.story_id.clone());
        Callback::from(move |event: MouseEvent| {
            event.prevent_default();
            on_open.emit((issue.clone(), story.clone()));
        })
    });
    // A story without a headline is linked by its first sentence.
    let (headline, excerpt) = if hit.headline.is_empty() {
        (hit.excerpt_segments(&props.terms), Vec::new())
    } else {
        (hit.headline_segments(&props.terms), hit.excerpt_segments(&props.terms))
    };
    html! {
        <li class="nw-archive-hit">
            <a class="nw-archive-hit-link" href={props.href.clone()} {onclick}>{ marked(headline) }</a>
            if !excerpt.is_empty() {
                <p class="nw-archive-hit-excerpt">{ marked(excerpt) }</p>
            }
        </li>
    }
}
