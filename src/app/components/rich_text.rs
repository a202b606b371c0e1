//! Renders sanitized rich text. Only the elements of
//! [`crate::domain::sanitize::Tag`] can be created, and only links carry an
//! attribute, already checked.

use yew::prelude::*;

use crate::domain::sanitize::{RichNode, Tag};

#[derive(Properties, PartialEq)]
pub struct RichTextProps {
    pub nodes: Vec<RichNode>,
}

#[function_component(RichText)]
pub fn rich_text(props: &RichTextProps) -> Html {
    props.nodes.iter().map(node).collect()
}

fn node(node: &RichNode) -> Html {
    match node {
        RichNode::Text(text) => html! { { text } },
        RichNode::Element {
            tag: Tag::LineBreak, ..
        } => html! { <br /> },
        RichNode::Element { tag, href, children } => {
            let is_link = *tag == Tag::Link;
            let (rel, target) = if is_link && href.is_some() {
                (Some("noopener noreferrer"), Some("_blank"))
            } else {
                (None, None)
            };
            html! {
                <@{tag.element_name()} href={href.clone()} {rel} {target}>
                    { for children.iter().map(self::node) }
                </@>
            }
        }
    }
}
