//! The words that frame the stories: the intro and the closing.

use yew::prelude::*;

use crate::domain::markup;

#[derive(Properties, PartialEq)]
pub struct FramingProps {
    /// The section's heading, such as "This week".
    pub heading: AttrValue,
    pub paragraphs: Vec<String>,
    /// `intro` or `closing`, for styling.
    pub kind: AttrValue,
}

/// Written by [`markup::framing`], as in a pre-rendered page.
#[function_component(Framing)]
pub fn framing(props: &FramingProps) -> Html {
    Html::from_html_unchecked(markup::framing(&props.kind, &props.heading, &props.paragraphs).into())
}
