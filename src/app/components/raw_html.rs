//! Markup written by the core (`render::markup`) placed in the page as it
//! is, through the Trusted Types policy ([`trusted`]), so that strict host
//! pages accept it. Parsed once per text; the nodes are kept across renders.

use web_sys::Node;
use yew::prelude::*;

use crate::app::services::trusted;

#[derive(Properties, PartialEq)]
pub struct RawHtmlProps {
    /// Markup from the core's writers: escaped text, allow-listed elements.
    pub html: AttrValue,
}

#[function_component(RawHtml)]
pub fn raw_html(props: &RawHtmlProps) -> Html {
    let nodes = use_memo(props.html.clone(), |markup| parse(markup));
    nodes.iter().map(|node| Html::VRef(node.clone())).collect::<Html>()
}

fn parse(markup: &str) -> Vec<Node> {
    let document = crate::app::document();
    let Some(fragment) = document
        .create_range()
        .ok()
        .and_then(|range| trusted::fragment(&range, markup))
    else {
        return Vec::new();
    };
    let children = fragment.child_nodes();
    (0..children.length()).filter_map(|at| children.item(at)).collect()
}
