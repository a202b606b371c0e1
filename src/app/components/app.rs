//! The reader: loads a feed and shows the issue, the archive, the loading
//! state or the error.

use std::rc::Rc;

use yew::prelude::*;

use super::archive_view::ArchiveView;
use super::issue_view::IssueView;
use super::load_error::LoadErrorView;
use super::skeleton::skeleton;
use crate::app::error::LoadError;
use crate::app::hooks::use_feed::{use_feed, FeedState};
use crate::app::page;
use crate::app::services::events::{self, Detail};
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
    {
        // The host page hears of each load once: states compare by identity.
        let (host, src, allow_index) = (settings.events.clone(), props.src.clone(), props.allow_index);
        use_effect_with(state.clone(), move |state| {
            if host.is_embedded() {
                let src_text = src.to_string();
                let detail = Detail::new().text("src", &src_text);
                match state {
                    FeedState::Loading => {}
                    FeedState::Ready(decoded) => host.emit(
                        events::LOADED,
                        detail
                            .maybe_text("title", decoded.issue.title.as_deref())
                            .number("stories", decoded.issue.stories.len()),
                    ),
                    // An archive's issue sends its own; an empty archive is
                    // shown as it is.
                    FeedState::Index(issues) if allow_index => {
                        if issues.is_empty() {
                            host.emit(events::LOADED, detail.maybe_text("title", None).number("stories", 0));
                        }
                    }
                    FeedState::Index(_) => {
                        let message = LoadError::UnexpectedIndex { url: src_text.clone() }.to_string();
                        host.emit(events::ERROR, detail.text("message", &message));
                    }
                    FeedState::Failed(error) => host.emit(events::ERROR, detail.text("message", &error.to_string())),
                }
            }
        });
    }
    match state {
        FeedState::Loading => skeleton(settings.language),
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
