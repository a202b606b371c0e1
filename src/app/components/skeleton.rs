//! The loading state, written by [`markup::loading_skeleton`], the same
//! markup the build writes into the demo page for the moments before the
//! wasm runs. A plain view function, as `archive_unavailable.rs` says why.

use yew::prelude::*;

use super::raw_html::RawHtml;

use newsletter_core::locale::Language;
use newsletter_core::render::markup;

/// The loading skeleton, in `language`'s words.
pub fn skeleton(language: Language) -> Html {
    html! { <RawHtml html={AttrValue::from(markup::loading_skeleton(language.words()))} /> }
}
