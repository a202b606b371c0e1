//! The error state: what went wrong, where, and a retry when it could help.

use std::rc::Rc;

use yew::prelude::*;

use crate::app::settings::ReaderSettings;

use crate::app::error::LoadError;

#[derive(Properties, PartialEq)]
pub struct LoadErrorViewProps {
    pub error: Rc<LoadError>,
    /// Asks for the feed again.
    pub on_retry: Callback<()>,
}

#[function_component(LoadErrorView)]
pub fn load_error_view(props: &LoadErrorViewProps) -> Html {
    let lang = use_context::<ReaderSettings>().unwrap_or_default().language;
    let words = lang.words();
    let retry = props.error.is_transient().then(|| {
        let on_retry = props.on_retry.clone();
        html! { <button type="button" class="nw-button" onclick={move |_| on_retry.emit(())}>{ words.try_again }</button> }
    });
    html! {
        <div class="nw">
            <div class="nw-error" role="alert">
                <h1 class="nw-error-title">{ words.could_not_show }</h1>
                <p class="nw-error-message">{ props.error.to_string() }</p>
                { for retry }
            </div>
        </div>
    }
}
