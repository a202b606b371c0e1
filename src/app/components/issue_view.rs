//! A whole issue: masthead, title and date, intro, stories, closing.

use std::rc::Rc;

use yew::prelude::*;

use super::framing::Framing;
use super::masthead::Masthead;
use super::skipped_notice::SkippedNotice;
use super::story_card::StoryCard;
use crate::domain::Decoded;

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
    let issue = &props.decoded.issue;
    let skipped: Vec<String> = props.decoded.skipped().map(ToString::to_string).collect();
    let count = issue.stories.len();
    let title = issue
        .title
        .clone()
        .or_else(|| issue.newsletter_name.clone())
        .unwrap_or_else(|| "This issue".to_owned());
    html! {
        <div class="nw" lang={issue.language.clone()}>
            <Masthead name={issue.newsletter_name.clone().map(AttrValue::from)} tagline={issue.tagline.clone().map(AttrValue::from)} />
            <header class="nw-issue-head">
                <h1 class="nw-title">{ title }</h1>
                if let Some(date) = issue.date {
                    <p class="nw-date"><time datetime={date.to_string()}>{ date.human() }</time></p>
                }
            </header>
            <Framing heading="This week" kind="intro" paragraphs={issue.summary.clone()} />
            <SkippedNotice problems={skipped} />
            <section class="nw-stories" aria-labelledby="nw-stories-title">
                <h2 class="nw-section-title" id="nw-stories-title">
                    { "In this issue" }
                    <span class="nw-count">{ if count == 1 { " · 1 story".to_owned() } else { format!(" · {count} stories") } }</span>
                </h2>
                if count == 0 {
                    <p class="nw-empty">{ "This issue has no stories yet." }</p>
                }
                { for issue.stories.iter().enumerate().map(|(index, story)| html! {
                    <StoryCard key={story.id.clone()} story={story.clone()} {index} />
                }) }
            </section>
            <Framing heading="Before you go" kind="closing" paragraphs={issue.closing.clone()} />
        </div>
    }
}
