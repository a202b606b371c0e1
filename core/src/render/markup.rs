//! The parts of an issue that never react to the reader, written as HTML
//! text: story cards, the masthead, the issue's heading and its framing.
//!
//! The browser parses a string in one go, which costs far less than
//! creating each node through wasm calls, and the publisher CLI writes the
//! same parts into the demo page (`newsletter prerender`), so readers see
//! the newest issue before the wasm arrives. Safety does not depend on the
//! browser: every text from a feed is escaped here, every element comes from
//! this file or from [`Tag`] (the sanitizer's allow-list), and the only
//! attributes carrying feed data are links and image addresses that
//! [`crate::url::safe_link`] already accepted, escaped again here.

use crate::feed::model::{Body, Issue, Story};
use crate::html::sanitize::{text_of, RichNode, Tag};
use crate::locale::{Language, Words};
use crate::render::escape::push_escaped;
use crate::render::layout::{Region, LAYOUT_CLASS, STORIES_TITLE_ID};
use crate::render::rich::{push_link, push_marked, push_paragraph, push_rich, Links};

/// Cards shown at first, and added by each "Show more": rendering cost
/// follows what the reader can see, not the size of the issue.
pub const PAGE_SIZE: usize = 30;

/// The element that holds a pre-rendered issue in a page, until the reader
/// takes over.
pub const PRERENDERED_ID: &str = "nw-prerendered";

/// A whole issue as the reader first shows it, with inert placeholders for
/// the parts that need the reader to work (search, chips): for pages that
/// show the newest issue before the wasm is ready. `src` is the feed it came
/// from, so the reader can tell whether it is the one it loads. An
/// `archive`'s reader also shows the scope switch ("This issue", "All
/// issues") above the search box: its place is held the same way, so
/// nothing moves.
pub fn prerendered_issue(issue: &Issue, language: Language, src: &str, archive: bool) -> String {
    let words = language.words();
    let mut out = String::with_capacity(4096 + issue.stories.len() * 1024);
    out.push_str("<div class=\"nw\" id=\"");
    out.push_str(PRERENDERED_ID);
    out.push_str("\" data-src=\"");
    push_escaped(&mut out, src);
    out.push('"');
    if let Some(tag) = &issue.language {
        out.push_str(" lang=\"");
        push_escaped(&mut out, tag);
        out.push('"');
    }
    out.push('>');
    out.push_str(&masthead(issue.newsletter_name.as_deref(), issue.tagline.as_deref()));
    out.push_str(&issue_head(issue, language));
    out.push_str("<div class=\"");
    out.push_str(LAYOUT_CLASS);
    out.push_str("\">");
    let has_filters = !issue.stories.is_empty();
    for region in Region::ALL.into_iter().filter(|r| r.static_content() || has_filters) {
        open_region(&mut out, region, words);
        match region {
            Region::Lead => out.push_str(&framing(
                "intro",
                words.this_week,
                &issue.summary,
                &issue.summary_rich,
                Some((words.read_intro, words.show_less)),
            )),
            Region::Stories => push_stories(&mut out, issue, language),
            Region::End => out.push_str(&framing(
                "closing",
                words.before_you_go,
                &issue.closing,
                &issue.closing_rich,
                None,
            )),
            Region::Side => {
                if archive {
                    push_scope_until_ready(&mut out, words);
                }
                push_filters_until_ready(&mut out, issue, language)
            }
        }
        out.push_str("</");
        out.push_str(region.element());
        out.push('>');
    }
    out.push_str("</div></div>");
    out
}

/// A region's start tag, from the one layout.
fn open_region(out: &mut String, region: Region, words: &Words) {
    out.push('<');
    out.push_str(region.element());
    out.push_str(" class=\"");
    out.push_str(region.class());
    out.push('"');
    if let Some(label) = region.label(words) {
        out.push_str(" aria-label=\"");
        push_escaped(out, label);
        out.push('"');
    }
    if let Some(id) = region.labelled_by() {
        out.push_str(" aria-labelledby=\"");
        out.push_str(id);
        out.push('"');
    }
    out.push('>');
}

/// The stories' heading, as the reader writes it too.
pub fn stories_heading(words: &Words) -> String {
    let mut out = String::from("<h2 class=\"nw-section-title\" id=\"");
    out.push_str(STORIES_TITLE_ID);
    out.push_str("\">");
    push_escaped(&mut out, words.in_this_issue);
    out.push_str("</h2>");
    out
}

/// The scope switch, as `src/app/components/scope_switch.rs` writes it,
/// inert until the reader takes over.
fn push_scope_until_ready(out: &mut String, words: &Words) {
    out.push_str("<div class=\"nw-scope nw-until-ready\" inert><button type=\"button\" class=\"nw-scope-choice\" aria-pressed=\"true\">");
    push_escaped(out, words.this_issue);
    out.push_str("</button><button type=\"button\" class=\"nw-scope-choice\" aria-pressed=\"false\">");
    push_escaped(out, words.all_issues);
    out.push_str("</button></div>");
}

/// The search box and the first topic chips, as the reader's filter bar
/// writes them (`src/app/components/filter_bar.rs`), so that the reader
/// taking the page over moves nothing. Inert until then (they cannot act
/// before the wasm has arrived), and not shown at all without scripting
/// (`.nw-until-ready`, widget.css). Without ids: the reader's own copy,
/// rendered beside it while hidden, carries them.
fn push_filters_until_ready(out: &mut String, issue: &Issue, language: Language) {
    let words = language.words();
    out.push_str("<div class=\"nw-filters nw-until-ready\" inert><form class=\"nw-search\" role=\"search\"><label class=\"nw-search-label\">");
    push_escaped(out, words.search_stories);
    out.push_str("</label><input class=\"nw-search-input\" type=\"search\" autocomplete=\"off\"></form>");
    if !issue.topics.is_empty() {
        out.push_str("<div class=\"nw-chips\"><span class=\"nw-chips-legend\">");
        push_escaped(out, words.topics_any_of);
        out.push_str("</span><button type=\"button\" class=\"nw-chip nw-chip-all\" aria-pressed=\"true\">");
        push_escaped(out, words.all_topics);
        out.push_str("</button>");
        let shown = crate::view::search::shown_chips(issue.topics.len(), |_| false, crate::view::search::FIRST_CHIPS);
        for &at in &shown {
            let topic = &issue.topics[at];
            let count = issue
                .stories
                .iter()
                .filter(|story| story.topics.iter().any(|t| t.id == topic.id))
                .count();
            out.push_str(
                "<button type=\"button\" class=\"nw-chip\" aria-pressed=\"false\"><span class=\"nw-chip-label\">",
            );
            push_escaped(out, &topic.label);
            out.push_str("</span><span class=\"nw-chip-count\">");
            out.push_str(&count.to_string());
            out.push_str("</span></button>");
        }
        let hidden = issue.topics.len() - shown.len();
        if hidden > 0 {
            out.push_str("<button type=\"button\" class=\"nw-chip nw-chip-more\" aria-expanded=\"false\">");
            push_escaped(out, &language.more_topics(hidden));
            out.push_str("</button>");
        }
        out.push_str("</div>");
    }
    out.push_str("</div>");
}

/// The pre-rendered stories: heading, count and the first page of cards.
fn push_stories(out: &mut String, issue: &Issue, language: Language) {
    let words = language.words();
    out.push_str(&stories_heading(words));
    if issue.stories.is_empty() {
        out.push_str("<p class=\"nw-empty\">");
        push_escaped(out, words.no_stories_yet);
        out.push_str("</p>");
    } else {
        out.push_str("<p class=\"nw-status\">");
        push_escaped(out, &language.stories(issue.stories.len()));
        out.push_str("</p>");
        if issue.stories.iter().any(|story| collapses(story)) {
            out.push_str("<button type=\"button\" class=\"nw-link-button nw-expand-all nw-until-ready\" inert>");
            push_escaped(out, words.expand_all);
            out.push_str("</button>");
        }
        out.push_str("<div class=\"nw-card-list\">");
        for (index, story) in issue.stories.iter().take(PAGE_SIZE).enumerate() {
            push_story_card(
                out,
                story,
                index,
                CardView {
                    terms: &[],
                    expanded: false,
                },
                words,
            );
        }
        out.push_str("</div>");
    }
}

/// The loading state: the final layout's shape in grey, so nothing jumps
/// when the issue arrives. The reader shows it while a feed loads, and the
/// build writes it into the demo page (`newsletter prerender`) for the
/// moments before the wasm runs.
pub fn loading_skeleton(words: &Words) -> String {
    let mut out = String::from(
        "<div class=\"nw nw-loading\" aria-busy=\"true\"><p class=\"nw-visually-hidden\" role=\"status\">",
    );
    push_escaped(&mut out, words.loading);
    out.push_str("</p><div class=\"nw-skeleton\" aria-hidden=\"true\">");
    for part in ["name", "title", "line", "line", "card", "card"] {
        out.push_str("<div class=\"nw-skel nw-skel-");
        out.push_str(part);
        out.push_str("\"></div>");
    }
    out.push_str("</div></div>");
    out
}

/// The newsletter's name and tagline; nothing without either.
pub fn masthead(name: Option<&str>, tagline: Option<&str>) -> String {
    let mut out = String::new();
    if name.is_none() && tagline.is_none() {
        return out;
    }
    out.push_str("<header class=\"nw-masthead\">");
    for (class, text) in [("nw-name", name), ("nw-tagline", tagline)] {
        if let Some(text) = text {
            out.push_str("<p class=\"");
            out.push_str(class);
            out.push_str("\">");
            push_escaped(&mut out, text);
            out.push_str("</p>");
        }
    }
    out.push_str("</header>");
    out
}

/// The issue's title (else the newsletter's name, else "This issue") and
/// its date, written for the reader's language.
pub fn issue_head(issue: &Issue, language: Language) -> String {
    let title = issue
        .title
        .as_deref()
        .or(issue.newsletter_name.as_deref())
        .unwrap_or(language.words().this_issue);
    let mut out = String::from("<header class=\"nw-issue-head\"><h1 class=\"nw-title\">");
    push_escaped(&mut out, title);
    out.push_str("</h1>");
    if let Some(date) = issue.date {
        out.push_str("<p class=\"nw-date\"><time datetime=\"");
        out.push_str(&date.to_string());
        out.push_str("\">");
        push_escaped(&mut out, &language.date(date));
        out.push_str("</time></p>");
    }
    out.push_str("</header>");
    out
}

/// The words that frame the stories: `kind` is `intro` or `closing`, for
/// styling. Nothing without paragraphs. With `fold` (the summary's words
/// while closed and open) a long text shows its first lines, and the rest
/// opens in place, as a story's does: the stories come first.
pub fn framing(
    kind: &str,
    heading: &str,
    paragraphs: &[String],
    rich: &[RichNode],
    fold: Option<(&str, &str)>,
) -> String {
    let mut out = String::new();
    if paragraphs.is_empty() && rich.is_empty() {
        return out;
    }
    out.push_str("<section class=\"nw-framing nw-");
    out.push_str(kind);
    out.push_str("\"><h2 class=\"nw-framing-title\">");
    push_escaped(&mut out, heading);
    out.push_str("</h2>");
    if !rich.is_empty() {
        // Rich text (`summary_html`, `closing_html`) folds by blocks, as a story's does.
        let write = |out: &mut String, nodes: &[RichNode]| {
            nodes.iter().for_each(|node| push_rich(out, node, &[], Links::NewTab));
        };
        match (fold, lead(&Body::Rich(rich.to_vec()))) {
            (Some((closed, open)), Some(Lead::Blocks(blocks))) => {
                write(&mut out, &rich[..blocks]);
                open_rest(&mut out, false, closed, open);
                write(&mut out, &rich[blocks..]);
                out.push_str("</details>");
            }
            _ => write(&mut out, rich),
        }
        out.push_str("</section>");
        return out;
    }
    let body = Body::Paragraphs(paragraphs.to_vec());
    match (fold, lead(&body)) {
        (Some((closed, open)), Some(lead)) => {
            let first = &paragraphs[0];
            let (shown, rest, more) = match lead {
                Lead::Sentences(end) | Lead::Words(end) => (&first[..end], Some(&first[end..]), &paragraphs[1..]),
                Lead::Blocks(_) => (first.as_str(), None, &paragraphs[1..]),
            };
            out.push_str("<p class=\"nw-framing-lead\">");
            push_escaped(&mut out, shown.trim_end());
            out.push_str("</p>");
            open_rest(&mut out, false, closed, open);
            if let Some(rest) = rest {
                push_paragraph(&mut out, rest.trim_start(), &[]);
            }
            more.iter().for_each(|p| push_paragraph(&mut out, p, &[]));
            out.push_str("</details>");
        }
        _ => paragraphs.iter().for_each(|p| push_paragraph(&mut out, p, &[])),
    }
    out.push_str("</section>");
    out
}

/// How a card is written: the search terms to mark, and whether long
/// texts show whole. A search always shows them whole, so every match can
/// be seen.
#[derive(Debug, Clone, Copy)]
pub struct CardView<'a> {
    pub terms: &'a [String],
    pub expanded: bool,
}

impl CardView<'_> {
    fn open(&self) -> bool {
        self.expanded || !self.terms.is_empty()
    }
}

/// The HTML of one story card, for tests: the reader and the pre-rendered
/// page write every card into one buffer with [`push_story_card`].
#[cfg(test)]
pub(crate) fn story_card(story: &Story, index: usize, view: CardView, words: &Words) -> String {
    let mut out = String::with_capacity(card_size(story));
    push_story_card(&mut out, story, index, view, words);
    out
}

/// About the length of a story's card, to size a buffer once.
pub fn card_size(story: &Story) -> usize {
    let text = match &story.body {
        Body::Paragraphs(paragraphs) => paragraphs.iter().map(String::len).sum(),
        // A guess per block: only a hint, not worth walking the tree for.
        Body::Rich(nodes) => nodes.len() * 300,
    };
    let sources: usize = story.sources.iter().map(|s| s.title.len() + 100).sum();
    let title = story.title.as_ref().map_or(0, String::len);
    text + sources + title * 2 + 600
}

/// One story card, written at the end of `out`. `index` (the story's
/// position in the issue) makes the heading's id unique; `data-story`
/// carries the story's id, which links to it (`#story=<id>`).
pub fn push_story_card(out: &mut String, story: &Story, index: usize, view: CardView, words: &Words) {
    let terms = view.terms;
    let heading_id = ["nw-story-", &index.to_string()].concat();
    out.push_str("<article class=\"nw-card\" part=\"card\" data-story=\"");
    push_escaped(out, &story.id);
    out.push_str("\" aria-labelledby=\"");
    out.push_str(&heading_id);
    out.push_str("\"><h3 class=\"nw-headline\" id=\"");
    out.push_str(&heading_id);
    out.push_str("\" tabindex=\"-1\">");
    push_marked(out, &headline(story), terms);
    out.push_str("</h3>");
    if !story.topics.is_empty() {
        // Each tag shows the stories of its topic.
        out.push_str("<ul class=\"nw-tags\" aria-label=\"");
        push_escaped(out, words.filter_by_topic);
        out.push_str("\">");
        for topic in &story.topics {
            out.push_str("<li><button type=\"button\" class=\"nw-tag\" data-topic=\"");
            push_escaped(out, &topic.id);
            out.push_str("\">");
            push_escaped(out, &topic.label);
            out.push_str("</button></li>");
        }
        out.push_str("</ul>");
    }
    if let Some(image) = &story.image {
        out.push_str("<img class=\"nw-image\" src=\"");
        push_escaped(out, image);
        out.push_str("\" alt=\"\" loading=\"lazy\" decoding=\"async\" referrerpolicy=\"no-referrer\">");
    }
    out.push_str("<div class=\"nw-body\">");
    if story.title.is_some() && story.body.is_empty() {
        if let Some(summary) = &story.summary {
            push_paragraph(out, summary, terms);
        }
    }
    push_body(out, &story.body, view, words);
    out.push_str("</div>");
    push_sources(out, story, terms, words);
    // The card's own actions: its original, and a link to it here.
    out.push_str("<p class=\"nw-card-actions\">");
    if let Some(url) = story.url.as_ref().or(story.external_url.as_ref()) {
        out.push_str("<span class=\"nw-more\">");
        push_link(out, url, words.read_original, &[], Links::NewTab);
        out.push_str("</span>");
    }
    out.push_str("<button type=\"button\" class=\"nw-link-button nw-copy-link\" aria-describedby=\"");
    out.push_str(&heading_id);
    out.push_str("\">");
    push_escaped(out, words.copy_link);
    out.push_str("</button></p></article>");
}

/// A story's sources: numbered links, or, when none has an address, one
/// quiet line of labels ("Sources: Citation 1, Citation 2").
fn push_sources(out: &mut String, story: &Story, terms: &[String], words: &Words) {
    if story.sources.is_empty() {
        return;
    }
    if story.sources.iter().all(|s| s.url.is_none()) {
        out.push_str("<footer class=\"nw-sources nw-sources-line\"><p><span class=\"nw-sources-label\">");
        push_escaped(out, words.sources_label);
        out.push_str("</span> ");
        for (at, source) in story.sources.iter().enumerate() {
            if at > 0 {
                out.push_str(", ");
            }
            push_marked(out, &source.title, terms);
        }
        out.push_str("</p></footer>");
        return;
    }
    out.push_str("<footer class=\"nw-sources\"><h4 class=\"nw-sources-title\">");
    push_escaped(out, words.sources);
    out.push_str("</h4><ol>");
    for source in &story.sources {
        out.push_str("<li>");
        match &source.url {
            Some(url) => push_link(out, url, &source.title, terms, Links::NewTab),
            None => {
                out.push_str("<span>");
                push_marked(out, &source.title, terms);
                out.push_str("</span>");
            }
        }
        out.push_str("</li>");
    }
    out.push_str("</ol></footer>");
}

/// Every card needs a heading to be found by screen-reader users; a story
/// without a title borrows its summary or its first words.
fn headline(story: &Story) -> String {
    if let Some(title) = &story.title {
        return title.clone();
    }
    if let Some(summary) = &story.summary {
        return first_words(summary);
    }
    match &story.body {
        Body::Paragraphs(paragraphs) => first_words(paragraphs.first().map_or("", String::as_str)),
        Body::Rich(nodes) => first_words(&text_of(nodes)),
    }
}

/// At most twelve words, for a heading made from other text.
fn first_words(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= 12 {
        words.join(" ")
    } else {
        words[..12].join(" ") + "…"
    }
}

/// A long text shows its first sentences; the rest opens in place with
/// "Read more" (a native `<details>`, so it works before the reader's wasm
/// has arrived, with the keyboard and with find-in-page).
fn push_body(out: &mut String, body: &Body, view: CardView, words: &Words) {
    let terms = view.terms;
    let lead = lead(body);
    let open = view.open();
    match (body, lead) {
        (Body::Paragraphs(paragraphs), Some(Lead::Sentences(end) | Lead::Words(end))) => {
            let first = &paragraphs[0];
            // Cut between words, the lead ends with an ellipsis while closed.
            out.push_str(if matches!(lead, Some(Lead::Words(_))) {
                "<p class=\"nw-cut\">"
            } else {
                "<p>"
            });
            push_marked(out, first[..end].trim_end(), terms);
            out.push_str("</p>");
            open_rest(out, open, words.read_more, words.show_less);
            push_paragraph(out, first[end..].trim_start(), terms);
            paragraphs[1..].iter().for_each(|p| push_paragraph(out, p, terms));
        }
        (Body::Paragraphs(paragraphs), Some(Lead::Blocks(_))) => {
            push_paragraph(out, &paragraphs[0], terms);
            open_rest(out, open, words.read_more, words.show_less);
            paragraphs[1..].iter().for_each(|p| push_paragraph(out, p, terms));
        }
        (Body::Rich(nodes), Some(lead)) => {
            let blocks = match lead {
                Lead::Blocks(blocks) => blocks,
                Lead::Sentences(_) | Lead::Words(_) => 1,
            };
            nodes[..blocks]
                .iter()
                .for_each(|node| push_rich(out, node, terms, Links::NewTab));
            open_rest(out, open, words.read_more, words.show_less);
            nodes[blocks..]
                .iter()
                .for_each(|node| push_rich(out, node, terms, Links::NewTab));
        }
        (Body::Paragraphs(paragraphs), None) => paragraphs.iter().for_each(|p| push_paragraph(out, p, terms)),
        (Body::Rich(nodes), None) => nodes.iter().for_each(|node| push_rich(out, node, terms, Links::NewTab)),
    }
    if lead.is_some() {
        out.push_str("</details>");
    }
}

/// The start of the part of a text that "Read more" shows. The toggle is
/// the `<details>`'s first child, as HTML wants; once open, the style sheet
/// places it after the text, where the reader finishes.
fn open_rest(out: &mut String, open: bool, closed_label: &str, open_label: &str) {
    out.push_str(if open {
        "<details class=\"nw-rest\" open>"
    } else {
        "<details class=\"nw-rest\">"
    });
    out.push_str("<summary class=\"nw-toggle\"><span class=\"nw-when-closed\">");
    push_escaped(out, closed_label);
    out.push_str("</span><span class=\"nw-when-open\">");
    push_escaped(out, open_label);
    out.push_str("</span></summary>");
}

/// Whether a story's card collapses its text behind "Read more".
pub fn collapses(story: &Story) -> bool {
    lead(&story.body).is_some()
}

/// Where a text's always-visible part ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lead {
    /// The first paragraph's first sentences, up to this byte.
    Sentences(usize),
    /// The first paragraph's first words, up to this byte: a paragraph
    /// with no sentence end in reach.
    Words(usize),
    /// The first blocks: up to and with the first block of text (a
    /// picture or a sub-heading alone would leave the reader nothing to
    /// read above "Read more").
    Blocks(usize),
}

/// Shortest lead worth a "Read more", and the longest lead (a sentence
/// may run on to [`LEAD_FAR`]), in bytes.
const LEAD_MIN: usize = 90;
const LEAD_MAX: usize = 360;
const LEAD_FAR: usize = 640;
/// The least text worth hiding behind "Read more", in bytes: the fold
/// rule is that a text folds whenever this much follows its lead.
const REST_MIN: usize = 160;

/// Whether, and where, a text collapses: whenever enough stays hidden to
/// be worth a click.
fn lead(body: &Body) -> Option<Lead> {
    match body {
        Body::Paragraphs(paragraphs) => {
            let first = paragraphs.first()?;
            let after_first: usize = paragraphs[1..].iter().map(String::len).sum();
            let rest_after = |end: usize| first.len() - end + after_first >= REST_MIN;
            if let Some(end) = sentence_end(first, LEAD_MAX).filter(|&end| rest_after(end)) {
                return Some(Lead::Sentences(end));
            }
            if paragraphs.len() > 1 && first.len() <= LEAD_MAX && after_first >= REST_MIN {
                return Some(Lead::Blocks(1));
            }
            if let Some(end) = sentence_end(first, LEAD_FAR).filter(|&end| rest_after(end)) {
                return Some(Lead::Sentences(end));
            }
            word_end(first).filter(|&end| rest_after(end)).map(Lead::Words)
        }
        Body::Rich(nodes) => {
            let first_text = nodes.iter().position(is_text_block).unwrap_or(0);
            let blocks = first_text + 1;
            (blocks < nodes.len() && text_of(&nodes[blocks..]).trim().len() >= REST_MIN).then_some(Lead::Blocks(blocks))
        }
    }
}

/// Whether a block of rich text gives the reader words to read: not a
/// picture, a figure, a rule or a heading.
fn is_text_block(node: &RichNode) -> bool {
    match node {
        RichNode::Text(text) => !text.trim().is_empty(),
        RichNode::Image(_) => false,
        RichNode::Element { tag, .. } => {
            !matches!(
                tag,
                Tag::Figure | Tag::Rule | Tag::SubHeading | Tag::MinorHeading | Tag::LineBreak
            ) && !text_of(std::slice::from_ref(node)).trim().is_empty()
        }
    }
}

/// The end of the sentence that takes the text past [`LEAD_MIN`] bytes, if
/// it ends before `max`: a `.`, `!` or `?` followed by a space and a
/// capital or a digit, and not an initial such as the "S." of "U.S.".
fn sentence_end(text: &str, max: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut from = LEAD_MIN.min(text.len());
    while !text.is_char_boundary(from) {
        from += 1;
    }
    while let Some(offset) = text[from..].find(['.', '!', '?']) {
        let at = from + offset;
        if at >= max {
            return None;
        }
        let next = text[at + 1..].chars().nth(1);
        let is_initial =
            at >= 1 && bytes[at - 1].is_ascii_uppercase() && (at == 1 || !bytes[at - 2].is_ascii_alphanumeric());
        let after_space = bytes.get(at + 1) == Some(&b' ');
        if after_space
            && !is_initial
            && next.is_some_and(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || !c.is_ascii())
        {
            return Some(at + 1);
        }
        from = at + 1;
    }
    None
}

/// The last space between [`LEAD_MIN`] and [`LEAD_MAX`] bytes: where a
/// paragraph without a sentence end in reach is cut.
fn word_end(text: &str) -> Option<usize> {
    let mut max = LEAD_MAX.min(text.len());
    while !text.is_char_boundary(max) {
        max -= 1;
    }
    text[..max].rfind(' ').filter(|&at| at >= LEAD_MIN)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::locale::Language;
    use crate::read_issue;

    fn card_of(feed_items: &str, terms: &[&str]) -> String {
        let feed = format!(r#"{{"version":"https://jsonfeed.org/version/1.1","title":"T","items":[{feed_items}]}}"#);
        let decoded = read_issue(&feed).expect("the test feed reads");
        let terms: Vec<String> = terms.iter().map(|t| (*t).to_owned()).collect();
        story_card(
            &decoded.issue.stories[0],
            0,
            CardView {
                terms: &terms,
                expanded: false,
            },
            Language::English.words(),
        )
    }

    #[test]
    fn hostile_text_stays_text() {
        let card = card_of(
            r#"{"id":"1","title":"<img src=x onerror=alert(1)>","content_text":"a \" b ' c & <script>alert(2)</script>","tags":["<b>x</b>"]}"#,
            &[],
        );
        assert!(!card.contains("<img"), "{card}");
        assert!(!card.contains("<script"), "{card}");
        assert!(!card.contains("<b>"), "{card}");
        assert!(card.contains("&lt;img src=x onerror=alert(1)&gt;"), "{card}");
        assert!(card.contains("a &quot; b &#39; c &amp; &lt;script&gt;"), "{card}");
    }

    #[test]
    fn only_allowed_elements_and_checked_links_come_from_rich_text() {
        let card = card_of(
            r#"{"id":"1","title":"T","content_html":"<p onclick=\"x()\">Hi <a href=\"javascript:alert(1)\">bad</a> <a href=\"https://ok.example/?a=1&amp;b=2\">good</a></p><iframe src=\"https://x\"></iframe>"}"#,
            &[],
        );
        assert!(!card.contains("onclick"), "{card}");
        assert!(!card.contains("javascript:"), "{card}");
        assert!(!card.contains("iframe"), "{card}");
        assert!(
            card.contains(r#"<p>Hi bad <a href="https://ok.example/?a=1&amp;b=2" rel="noopener noreferrer" target="_blank">good</a></p>"#),
            "{card}"
        );
    }

    #[test]
    fn matches_are_marked_in_headline_text_and_sources() {
        let card = card_of(
            r#"{"id":"1","title":"Gene therapy","content_text":"A gene edit.","_newsletter":{"sources":[{"title":"Gene journal"}]}}"#,
            &["gene"],
        );
        assert_eq!(card.matches("<mark>").count(), 3, "{card}");
        assert!(card.contains("<mark>Gene</mark> therapy"), "{card}");
        assert!(card.contains("</span> <mark>Gene</mark> journal</p>"), "{card}");
    }

    #[test]
    fn a_story_without_title_borrows_its_first_words() {
        let card = card_of(
            r#"{"id":"1","content_text":"one two three four five six seven eight nine ten eleven twelve thirteen"}"#,
            &[],
        );
        assert!(
            card.contains(">one two three four five six seven eight nine ten eleven twelve…</h3>"),
            "{card}"
        );
    }

    #[test]
    fn an_archive_holds_the_place_of_its_scope_switch() {
        let decoded = read_issue(include_str!("../../../issues/2025-12-04.json")).unwrap();
        let issue = prerendered_issue(&decoded.issue, Language::English, "issues/index.json", false);
        let archive = prerendered_issue(&decoded.issue, Language::English, "issues/index.json", true);
        assert!(!issue.contains("nw-scope"));
        let switch = "<div class=\"nw-scope nw-until-ready\" inert><button type=\"button\" class=\"nw-scope-choice\" aria-pressed=\"true\">This issue</button>";
        let (before, after) = archive.split_once(switch).expect("the switch");
        assert!(before.contains("nw-side"), "in the filters' column");
        assert!(after.starts_with("<button type=\"button\" class=\"nw-scope-choice\" aria-pressed=\"false\">All issues</button></div><div class=\"nw-filters"));
    }

    #[test]
    fn the_prerendered_sample_shows_its_heading_framing_and_twenty_cards() {
        let decoded = read_issue(include_str!("../../../issues/2025-12-04.json")).unwrap();
        let page = prerendered_issue(&decoded.issue, Language::English, "issues/2025-12-04.json", false);
        assert!(
            page.starts_with(r#"<div class="nw" id="nw-prerendered" data-src="issues/2025-12-04.json""#),
            "{page}"
        );
        assert_eq!(page.matches("<article ").count(), 20);
        assert_eq!(page.matches("<article ").count(), page.matches("</article>").count());
        assert!(page.contains(r#"<p class="nw-status">20 stories</p>"#));
        assert!(page.contains(r#"<time datetime="2025-12-04">4 December 2025</time>"#));
        assert!(page.contains(r#"<section class="nw-framing nw-intro"><h2 class="nw-framing-title">This week</h2>"#));
        assert!(page.contains(r#"<section class="nw-framing nw-closing">"#));
        // Every element opened is closed (none of these is a void element).
        for tag in [
            "div", "section", "header", "p", "ul", "ol", "li", "h1", "h2", "h3", "h4", "footer",
        ] {
            let opened = page.matches(&format!("<{tag}>")).count() + page.matches(&format!("<{tag} ")).count();
            assert_eq!(opened, page.matches(&format!("</{tag}>")).count(), "<{tag}>");
        }
    }

    #[test]
    fn a_prerendered_issue_escapes_its_own_fields_and_caps_the_cards() {
        let items: Vec<String> = (0..40)
            .map(|i| format!(r#"{{"id":"s{i}","title":"Story {i}","content_text":"Text."}}"#))
            .collect();
        let feed = format!(
            r#"{{"version":"https://jsonfeed.org/version/1.1","title":"<script>x</script>","language":"en\"><script>","items":[{}]}}"#,
            items.join(",")
        );
        let decoded = read_issue(&feed).unwrap();
        let page = prerendered_issue(&decoded.issue, Language::French, "a\"b.json", false);
        assert!(!page.contains("<script"), "{page}");
        assert!(page.contains(r#"data-src="a&quot;b.json""#), "{page}");
        assert_eq!(page.matches("<article ").count(), PAGE_SIZE);
        assert!(page.contains("40 articles"), "{page}");
    }

    fn body_of(card: &str) -> &str {
        let start = card.find("<div class=\"nw-body\">").unwrap();
        &card[start..start + card[start..].find("</div>").unwrap()]
    }

    #[test]
    fn a_long_story_shows_its_first_sentences_and_collapses_the_rest() {
        let decoded = read_issue(include_str!("../../../issues/2025-12-04.json")).unwrap();
        let story = &decoded.issue.stories[0];
        let Body::Paragraphs(paragraphs) = &story.body else {
            panic!()
        };
        let closed = CardView {
            terms: &[],
            expanded: false,
        };
        let card = story_card(story, 0, closed, Language::English.words());
        let body = body_of(&card);
        assert!(body.contains(r#"<details class="nw-rest"><summary class="nw-toggle"><span class="nw-when-closed">Read more</span><span class="nw-when-open">Show less</span></summary>"#), "{body}");
        // The lead and the rest together are the whole text, split between sentences.
        let texts: Vec<&str> = body
            .split("<p>")
            .skip(1)
            .map(|p| &p[..p.find("</p>").unwrap()])
            .collect();
        assert_eq!(texts.len(), 2, "{body}");
        assert!(texts[0].len() >= LEAD_MIN && texts[0].ends_with('.'), "{}", texts[0]);
        assert_eq!(
            format!("{} {}", texts[0], texts[1]),
            paragraphs[0].replace('\'', "&#39;").replace('"', "&quot;")
        );
        // A search, or "Expand all", shows it whole.
        let terms = vec!["fda".to_owned()];
        let searched = story_card(
            story,
            0,
            CardView {
                terms: &terms,
                expanded: false,
            },
            Language::English.words(),
        );
        assert!(searched.contains(r#"<details class="nw-rest" open>"#));
        let expanded = story_card(
            story,
            0,
            CardView {
                terms: &[],
                expanded: true,
            },
            Language::English.words(),
        );
        assert!(expanded.contains(r#"<details class="nw-rest" open>"#));
        let french = story_card(story, 0, closed, Language::French.words());
        assert!(french.contains("Lire la suite</span><span class=\"nw-when-open\">Réduire"));
    }

    #[test]
    fn sentences_end_at_a_stop_before_a_capital_not_at_an_initial() {
        let text = format!(
            "{} the U.S. FDA approved it on 3 May. Then {}",
            "a".repeat(LEAD_MIN),
            "b".repeat(200)
        );
        let end = sentence_end(&text, LEAD_MAX).unwrap();
        assert!(text[..end].ends_with("3 May."), "{}", &text[..end]);
        // Counting from the middle of a character still finds the stop.
        let accented = format!("{}é then. Next {}", "a".repeat(LEAD_MIN - 1), "b".repeat(200));
        assert_eq!(sentence_end(&accented, LEAD_MAX), Some(LEAD_MIN - 1 + "é then.".len()));
        // No stop within reach: nothing collapses inside the paragraph.
        assert_eq!(sentence_end(&"word ".repeat(100), LEAD_FAR), None);
        assert_eq!(sentence_end("Short. Text.", LEAD_MAX), None);
    }

    #[test]
    fn short_stories_stay_whole_and_paragraphs_collapse_after_the_first() {
        let short = card_of(
            r#"{"id":"1","title":"T","content_text":"One short sentence. And another one."}"#,
            &[],
        );
        assert!(!short.contains("<details"), "{short}");
        let first = "x".repeat(50);
        let second = "y ".repeat(150);
        let two = card_of(
            &format!(r#"{{"id":"1","title":"T","content_text":"{first}\n\n{second}"}}"#),
            &[],
        );
        assert!(
            body_of(&two).starts_with(&format!(
                "<div class=\"nw-body\"><p>{first}</p><details class=\"nw-rest\">"
            )),
            "{two}"
        );
        let rich = card_of(
            &format!(r#"{{"id":"1","title":"T","content_html":"<p>Lead.</p><ul><li>{second}</li></ul>"}}"#),
            &[],
        );
        assert!(
            body_of(&rich).starts_with("<div class=\"nw-body\"><p>Lead.</p><details class=\"nw-rest\">"),
            "{rich}"
        );
    }

    fn sample_stories() -> Vec<std::rc::Rc<Story>> {
        read_issue(include_str!("../../../issues/2025-12-04.json"))
            .unwrap()
            .issue
            .stories
            .to_vec()
    }

    fn total_text(body: &Body) -> usize {
        match body {
            Body::Paragraphs(paragraphs) => paragraphs.iter().map(String::len).sum(),
            Body::Rich(nodes) => text_of(nodes).trim().len(),
        }
    }

    #[test]
    fn every_sample_story_folds_and_show_less_ends_the_open_text() {
        for story in sample_stories() {
            assert!(collapses(&story), "{} does not fold", story.id);
            let card = story_card(
                &story,
                0,
                CardView {
                    terms: &[],
                    expanded: false,
                },
                Language::English.words(),
            );
            let body = body_of(&card);
            // The lead is text, and the toggle is the details' first child.
            assert!(body.starts_with("<div class=\"nw-body\"><p"), "{body}");
            assert!(body.contains("</p><details class=\"nw-rest\"><summary"), "{body}");
        }
    }

    #[test]
    fn the_fold_rule_holds_for_any_long_text() {
        // Paragraph texts of many shapes: with or without sentence ends,
        // long first paragraphs, several short ones.
        let sentence = |words: usize| format!("{} end.", "word ".repeat(words).trim_end());
        let mut shapes: Vec<Vec<String>> = Vec::new();
        for first_words in [5, 20, 60, 70, 120, 200] {
            for tail in [0, 1, 3] {
                let mut paragraphs = vec![format!(
                    "Start {} Then more {}",
                    sentence(first_words),
                    sentence(first_words)
                )];
                paragraphs.extend((0..tail).map(|_| sentence(30)));
                shapes.push(paragraphs);
                shapes.push(vec!["x ".repeat(first_words * 3)]);
            }
        }
        for paragraphs in shapes {
            let body = Body::Paragraphs(paragraphs.clone());
            let long = total_text(&body) >= LEAD_FAR + REST_MIN;
            if long {
                assert!(lead(&body).is_some(), "{paragraphs:?}");
            }
            if let Some(Lead::Sentences(end) | Lead::Words(end)) = lead(&body) {
                assert!(end <= LEAD_FAR && paragraphs[0].len() - end >= 1, "{paragraphs:?}");
            }
        }
    }

    #[test]
    fn a_story_opening_with_a_picture_or_a_heading_still_leads_with_text() {
        let rest = "z ".repeat(200);
        for opening in [
            r#"<img src=\"https://img.example/a.png\" alt=\"\">"#,
            "<h2>Part one</h2>",
            r#"<figure><img src=\"https://img.example/a.png\" alt=\"A\"><figcaption>Cap</figcaption></figure><h3>Sub</h3>"#,
        ] {
            let card = card_of(
                &format!(r#"{{"id":"1","title":"T","content_html":"{opening}<p>The lead.</p><p>{rest}</p>"}}"#),
                &[],
            );
            let body = body_of(&card);
            let lead_end = body.find("<details").expect(body);
            assert!(body[..lead_end].ends_with("<p>The lead.</p>"), "{body}");
        }
        // One long paragraph of rich text after a heading: nothing to hide it behind.
        let single = card_of(
            &format!(r#"{{"id":"1","title":"T","content_html":"<h2>Part</h2><p>{rest}</p>"}}"#),
            &[],
        );
        assert!(!single.contains("<details"), "{single}");
    }

    #[test]
    fn a_paragraph_without_a_sentence_end_is_cut_between_words() {
        let text = "word ".repeat(200);
        let card = card_of(&format!(r#"{{"id":"1","title":"T","content_text":"{text}"}}"#), &[]);
        let body = body_of(&card);
        assert!(
            body.starts_with("<div class=\"nw-body\"><p class=\"nw-cut\">word word"),
            "{body}"
        );
        let start = body.find("nw-cut\">").unwrap() + "nw-cut\">".len();
        let lead = &body[start..body.find("</p>").unwrap()];
        assert!(lead.len() <= LEAD_MAX && lead.ends_with("word"), "{lead}");
    }

    #[test]
    fn a_card_links_to_itself_and_its_tags_filter() {
        let card = card_of(
            r#"{"id":"a\"b","title":"T","content_text":"x","tags":["Gene therapy"],"url":"https://news.example/a"}"#,
            &[],
        );
        assert!(
            card.starts_with(
                r#"<article class="nw-card" part="card" data-story="a&quot;b" aria-labelledby="nw-story-0">"#
            ),
            "{card}"
        );
        assert!(
            card.contains(r#"<h3 class="nw-headline" id="nw-story-0" tabindex="-1">"#),
            "{card}"
        );
        assert!(card.contains(r#"<ul class="nw-tags" aria-label="Show stories on"><li><button type="button" class="nw-tag" data-topic="gene-therapy">Gene therapy</button></li></ul>"#), "{card}");
        assert!(card.contains(r#"<button type="button" class="nw-link-button nw-copy-link" aria-describedby="nw-story-0">Copy link</button></p></article>"#), "{card}");
        assert!(
            card.contains(r#"<span class="nw-more"><a href="https://news.example/a""#),
            "{card}"
        );
    }

    #[test]
    fn sources_without_addresses_are_one_quiet_line() {
        let plain = card_of(
            r#"{"id":"1","title":"T","content_text":"x","_newsletter":{"sources":[{"title":"Citation 1"},{"title":"Citation <2>"}]}}"#,
            &[],
        );
        assert!(plain.contains(r#"<footer class="nw-sources nw-sources-line"><p><span class="nw-sources-label">Sources:</span> Citation 1, Citation &lt;2&gt;</p></footer>"#), "{plain}");
        let linked = card_of(
            r#"{"id":"1","title":"T","content_text":"x","_newsletter":{"sources":[{"title":"A","url":"https://a.example/"},{"title":"B"}]}}"#,
            &[],
        );
        assert!(linked.contains(r#"<footer class="nw-sources"><h4 class="nw-sources-title">Sources</h4><ol><li><a href="https://a.example/""#), "{linked}");
        assert!(linked.contains("<li><span>B</span></li>"), "{linked}");
    }

    #[test]
    fn the_intro_shows_its_first_lines_and_opens_in_place() {
        let decoded = read_issue(include_str!("../../../issues/2025-12-04.json")).unwrap();
        let words = Language::English.words();
        let intro = framing(
            "intro",
            words.this_week,
            &decoded.issue.summary,
            &decoded.issue.summary_rich,
            Some((words.read_intro, words.show_less)),
        );
        let lead_start = intro.find("<p class=\"nw-framing-lead\">").expect(&intro);
        let lead_end = intro[lead_start..].find("</p>").unwrap() + lead_start;
        assert!(lead_end - lead_start < LEAD_FAR, "{intro}");
        assert!(intro[lead_end..].starts_with("</p><details class=\"nw-rest\"><summary class=\"nw-toggle\"><span class=\"nw-when-closed\">Read the intro</span>"), "{intro}");
        assert!(intro.ends_with("</details></section>"), "{intro}");
        // A short text, or the closing, shows whole.
        let short = framing(
            "intro",
            "This week",
            &["Short.".to_owned()],
            &[],
            Some(("Read", "Less")),
        );
        assert!(!short.contains("<details"), "{short}");
        let closing = framing("closing", words.before_you_go, &decoded.issue.closing, &[], None);
        assert!(!closing.contains("<details"), "{closing}");
    }

    #[test]
    fn a_rich_intro_shows_instead_of_its_plain_version_and_folds_by_blocks() {
        let long = "A sentence that goes on for a while to make the rest long enough. ".repeat(4);
        let feed = format!(
            r#"{{"version": "https://jsonfeed.org/version/1.1", "items": [{{"id": "a", "title": "A"}}],
            "_newsletter": {{"summary": "Plain intro.", "summary_html": "<p>The <em>intro</em> <a href=\"https://e.org/\">link</a>.</p><ul><li>{long}</li></ul><script>x()</script>",
            "closing": "Bye.", "closing_html": "<p><strong>Bye</strong>.</p>"}}}}"#
        );
        let decoded = read_issue(&feed).unwrap();
        assert_eq!(decoded.issue.summary, ["Plain intro."]);
        let words = Language::English.words();
        let intro = framing(
            "intro",
            words.this_week,
            &decoded.issue.summary,
            &decoded.issue.summary_rich,
            Some((words.read_intro, words.show_less)),
        );
        assert!(intro.contains("<p>The <em>intro</em> <a href=\"https://e.org/\" rel=\"noopener noreferrer\" target=\"_blank\">link</a>.</p><details class=\"nw-rest\">") && intro.ends_with("</ul></details></section>"), "{intro}");
        assert!(!intro.contains("Plain intro") && !intro.contains("script"), "{intro}");
        let closing = framing(
            "closing",
            words.before_you_go,
            &decoded.issue.closing,
            &decoded.issue.closing_rich,
            None,
        );
        assert!(closing.contains("<p><strong>Bye</strong>.</p>"), "{closing}");
        // What the allow-list removed is a notice at the field.
        assert!(
            decoded
                .notices
                .iter()
                .any(|n| n.location.path == "_newsletter.summary_html"),
            "{:?}",
            decoded.notices
        );
    }

    #[test]
    fn escaping_covers_every_special_character() {
        let mut out = String::new();
        push_escaped(&mut out, r#"<a href="x">'&'</a>"#);
        assert_eq!(out, "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    }
}
