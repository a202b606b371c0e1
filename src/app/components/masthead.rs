//! The newsletter's name and tagline.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct MastheadProps {
    pub name: Option<AttrValue>,
    pub tagline: Option<AttrValue>,
}

#[function_component(Masthead)]
pub fn masthead(props: &MastheadProps) -> Html {
    if props.name.is_none() && props.tagline.is_none() {
        return Html::default();
    }
    html! {
        <header class="nw-masthead">
            if let Some(name) = &props.name { <p class="nw-name">{ name }</p> }
            if let Some(tagline) = &props.tagline { <p class="nw-tagline">{ tagline }</p> }
        </header>
    }
}
