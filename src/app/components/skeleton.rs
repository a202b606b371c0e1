//! The loading state, written by [`markup::loading_skeleton`], the same
//! markup the build writes into the demo page for the moments before the
//! wasm runs.

use yew::prelude::*;

use super::raw_html::RawHtml;

use crate::app::settings::ReaderSettings;
use newsletter_core::render::markup;

#[function_component(Skeleton)]
pub fn skeleton() -> Html {
    let lang = use_context::<ReaderSettings>().unwrap_or_default().language;
    html! { <RawHtml html={AttrValue::from(markup::loading_skeleton(lang.words()))} /> }
}
