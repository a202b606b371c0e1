//! The newsletter's name and tagline.

use yew::prelude::*;

use crate::domain::markup;

#[derive(Properties, PartialEq)]
pub struct MastheadProps {
    pub name: Option<AttrValue>,
    pub tagline: Option<AttrValue>,
}

/// Written by [`markup::masthead`], as in a pre-rendered page.
#[function_component(Masthead)]
pub fn masthead(props: &MastheadProps) -> Html {
    Html::from_html_unchecked(markup::masthead(props.name.as_deref(), props.tagline.as_deref()).into())
}
