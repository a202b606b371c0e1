//! The words that frame the stories: the intro and the closing.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FramingProps {
    /// The section's heading, such as "This week".
    pub heading: AttrValue,
    pub paragraphs: Vec<String>,
    /// `intro` or `closing`, for styling.
    pub kind: AttrValue,
}

#[function_component(Framing)]
pub fn framing(props: &FramingProps) -> Html {
    if props.paragraphs.is_empty() {
        return Html::default();
    }
    html! {
        <section class={classes!("nw-framing", format!("nw-{}", props.kind))}>
            <h2 class="nw-framing-title">{ &props.heading }</h2>
            { for props.paragraphs.iter().map(|p| html! { <p>{ p }</p> }) }
        </section>
    }
}
