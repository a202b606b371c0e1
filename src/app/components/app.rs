//! The reader: loads a feed and shows the issue, the loading state or the error.

use yew::prelude::*;

use super::issue_view::IssueView;
use super::load_error::LoadErrorView;
use super::skeleton::Skeleton;
use crate::app::hooks::use_feed::{use_feed, FeedState};

#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// The feed's address, absolute or relative to the page.
    pub src: AttrValue,
}

#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let (state, retry) = use_feed(props.src.clone());
    match state {
        FeedState::Loading => html! { <Skeleton /> },
        FeedState::Failed(error) => html! { <LoadErrorView {error} on_retry={retry} /> },
        FeedState::Ready(decoded) => html! { <IssueView {decoded} /> },
    }
}
