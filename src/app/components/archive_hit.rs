//! One result across issues: its headline, a link to the story in its
//! issue, and its first sentence, the search's words marked.

use yew::prelude::*;

use newsletter_core::archive_search::Hit;
use newsletter_core::view::search::Segment;

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

/// The result `hit` in `issue` (its id in the archive), `terms` being the
/// search's folded words and `href` the story link (`#issue=…&story=…`),
/// keyed by its story id. `on_open`: the reader opened it, (issue, story);
/// on the page the link itself goes there, and an embed, which leaves its
/// host's address alone, is told instead. A plain view function, as
/// `archive_unavailable.rs` says why.
pub fn archive_hit(
    issue: &str,
    hit: &Hit,
    terms: &[String],
    href: String,
    on_open: Option<&Callback<(String, String)>>,
) -> Html {
    let onclick = on_open.cloned().map(|on_open| {
        let (issue, story) = (issue.to_owned(), hit.story_id.clone());
        Callback::from(move |event: MouseEvent| {
            event.prevent_default();
            on_open.emit((issue.clone(), story.clone()));
        })
    });
    // A story without a headline is linked by its first sentence.
    let (headline, excerpt) = if hit.headline.is_empty() {
        (hit.excerpt_segments(terms), Vec::new())
    } else {
        (hit.headline_segments(terms), hit.excerpt_segments(terms))
    };
    html! {
        <li class="nw-archive-hit" key={hit.story_id.clone()}>
            <a class="nw-archive-hit-link" {href} {onclick}>{ marked(headline) }</a>
            if !excerpt.is_empty() {
                <p class="nw-archive-hit-excerpt">{ marked(excerpt) }</p>
            }
        </li>
    }
}
