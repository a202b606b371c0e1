//! The browser's own HTML parser, for the core's allow-list walker.
//!
//! Feed HTML is parsed into the body of a document made with
//! `document.implementation.createHTMLDocument`: it is never attached to the
//! page and has no browsing context, so nothing in it loads (no `<img>`
//! request, no `onerror`) or runs. The walker (`core/src/html/sanitize.rs`)
//! then keeps only what the allow-list names, exactly as html5ever's tree is
//! walked natively, so the pre-rendered page and the widget show the same.

use newsletter_core::html::parse::{HtmlParser, TreeVisitor};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlFormElement, Node};

use super::trusted;

/// The body of one inert document, reused for every fragment.
pub struct BrowserHtml {
    body: Option<HtmlElement>,
}

thread_local! {
    static INERT_BODY: Option<HtmlElement> = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.implementation().ok())
        .and_then(|implementation| implementation.create_html_document_with_title("").ok())
        .and_then(|document| document.body());
}

/// The page's parser.
pub fn browser_html() -> BrowserHtml {
    BrowserHtml {
        body: INERT_BODY.with(Clone::clone),
    }
}

impl HtmlParser for BrowserHtml {
    fn parse_fragment(&self, html: &str, visitor: &mut dyn TreeVisitor) {
        let Some(body) = &self.body else {
            // No document to parse in (never in a browser): show it as text.
            return visitor.text(html);
        };
        // Through the Trusted Types policy: strict host pages guard this sink too.
        if js_sys::Reflect::set(body, &"innerHTML".into(), &trusted::html(html)).is_err() {
            return visitor.text(html);
        }
        walk(body, visitor);
        body.set_text_content(None);
    }
}

/// Walks `root`'s descendants in document order with a `TreeWalker`, never
/// recursing.
///
/// Moving through the tree is the walker's job, not the nodes': a `<form>`
/// exposes its named controls as properties, so in
/// `<form><input name=parentNode>` the form's own `parentNode` (and
/// `nextSibling`, `localName`, ...) is the input, and a walk by the nodes'
/// properties would loop for ever. A form is dropped with its content, so
/// nothing of it is read but that it is one (`instanceof`, which no markup
/// can change).
fn walk(root: &HtmlElement, visitor: &mut dyn TreeVisitor) {
    let Some(document) = root.owner_document() else { return };
    // NodeFilter's SHOW_ELEMENT, SHOW_TEXT and SHOW_COMMENT.
    let shown = 0x1 | 0x4 | 0x80;
    let Ok(walker) = document.create_tree_walker_with_what_to_show(root, shown) else {
        return;
    };
    let root: &Node = root;
    let mut next = walker.first_child().ok().flatten();
    while let Some(node) = next {
        if node.is_instance_of::<HtmlFormElement>() {
            visitor.element_start("form", &[]);
            visitor.element_end();
        } else if let Some(element) = node.dyn_ref::<Element>() {
            visitor.element_start(&element.local_name(), &attributes(element));
            // A `<template>`'s content is not among its children: it stays out.
            if let Ok(Some(child)) = walker.first_child() {
                next = Some(child);
                continue;
            }
            visitor.element_end();
        } else if node.node_type() == Node::COMMENT_NODE {
            visitor.comment();
        } else {
            visitor.text(&node.node_value().unwrap_or_default());
        }
        // On to the next sibling, closing every element that ends here.
        next = loop {
            if let Ok(Some(sibling)) = walker.next_sibling() {
                break Some(sibling);
            }
            match walker.parent_node() {
                Ok(Some(parent)) if &parent != root => visitor.element_end(),
                _ => break None,
            }
        };
    }
}

fn attributes(element: &Element) -> Vec<(String, String)> {
    element
        .get_attribute_names()
        .iter()
        .filter_map(|name| name.as_string())
        .map(|name| {
            let value = element.get_attribute(&name).unwrap_or_default();
            (name, value)
        })
        .collect()
}
