//! Renders sanitized rich text. Only the elements of
//! [`crate::domain::sanitize::Tag`] can be created, and only links carry an
//! attribute, already checked.

use std::rc::Rc;

use yew::prelude::*;

use super::highlight::highlighted;
use crate::domain::sanitize::{RichNode, Tag};

#[derive(Properties, PartialEq)]
pub struct RichTextProps {
    pub nodes: Vec<RichNode>,
    /// Search terms to mark.
    pub terms: Rc<Vec<String>>,
}

#[function_component(RichText)]
pub fn rich_text(props: &RichTextProps) -> Html {
    props.nodes.iter().map(|n| node(n, &props.terms)).collect()
}

fn node(node: &RichNode, terms: &[String]) -> Html {
    match node {
        RichNode::Text(text) => highlighted(text, terms),
        RichNode::Element {
            tag: Tag::LineBreak, ..
        } => html! { <br /> },
        RichNode::Element { tag, href, children } => {
            let is_link = *tag == Tag::Link && href.is_some();
            let (rel, target) = if is_link {
                (Some("noopener noreferrer"), Some("_blank"))
            } else {
                (None, None)
            };
            html! {
                <@{tag.element_name()} href={href.clone()} {rel} {target}>
                    { for children.iter().map(|child| self::node(child, terms)) }
                </@>
            }
        }
    }
}
