//! The reader: loads a feed and shows the issue, the archive, the loading
//! state or the error.

use std::rc::Rc;

use yew::prelude::*;

use super::archive_view::ArchiveView;
use super::issue_view::IssueView;
use super::load_error::LoadErrorView;
use super::skeleton::Skeleton;
use crate::app::error::LoadError;
use crate::app::hooks::use_feed::{use_feed, FeedState};
use crate::app::page;
use crate::app::settings::ReaderSettings;

#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// The feed's address, absolute or relative to the page: an issue, or an
    /// archive index.
    pub src: AttrValue,
    /// Whether `src` may be an archive index (not when it comes from one).
    #[prop_or(true)]
    pub allow_index: bool,
}

#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let settings = use_context::<ReaderSettings>().unwrap_or_default();
    let (state, retry) = use_feed(props.src.clone(), settings.sources.clone());
    // A page's pre-rendered issue gives way once there is an issue or an
    // error of the reader's own to show (an archive waits for its issue).
    let settled = match &state {
        FeedState::Loading => false,
        FeedState::Index(issues) => !props.allow_index || issues.is_empty(),
        FeedState::Ready(_) | FeedState::Failed(_) => true,
    };
    let page_mode = settings.sync_address;
    use_effect_with(settled && page_mode, |&reveal| {
        if reveal {
            page::reveal();
        }
    });
    match state {
        FeedState::Loading => html! { <Skeleton /> },
        FeedState::Failed(error) => html! { <LoadErrorView {error} on_retry={retry} /> },
        FeedState::Ready(decoded) => html! { <IssueView {decoded} /> },
        FeedState::Index(issues) if props.allow_index => {
            html! { <ArchiveView {issues} index_url={props.src.clone()} /> }
        }
        FeedState::Index(_) => {
            let error = Rc::new(LoadError::UnexpectedIndex {
                url: props.src.to_string(),
            });
            html! { <LoadErrorView {error} on_retry={retry} /> }
        }
    }
}
