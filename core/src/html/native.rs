//! The native HTML parser: html5ever, the HTML standard's parser in Rust
//! (Servo's). The CLI, the pre-render and the tests read `content_html` with
//! it; the widget uses the browser's own parser instead.

use html5ever::tendril::TendrilSink;
use html5ever::{local_name, ns, parse_fragment, ParseOpts, QualName};
use markup5ever_rcdom::{Handle, NodeData, RcDom};

use crate::html::parse::{HtmlParser, TreeVisitor};

/// html5ever, parsing fragments in a `<body>` with scripting disabled, as
/// an inert browser document does.
#[derive(Debug, Clone, Copy, Default)]
pub struct Html5ever;

impl HtmlParser for Html5ever {
    fn parse_fragment(&self, html: &str, visitor: &mut dyn TreeVisitor) {
        let mut options = ParseOpts::default();
        options.tree_builder.scripting_enabled = false;
        let context = QualName::new(None, ns!(html), local_name!("body"));
        let dom = parse_fragment(RcDom::default(), options, context, Vec::new(), false).one(html);
        // A fragment is parsed into an `<html>` element under the document.
        let Some(root) = dom.document.children.borrow().first().cloned() else {
            return;
        };
        walk(root, visitor);
    }
}

/// Walks `root`'s descendants with an explicit stack of (element, next
/// child), never recursing. Public for the tests that walk a whole
/// document's `<body>` (`core/tests/html5lib_tree.rs`).
pub fn walk(root: Handle, visitor: &mut dyn TreeVisitor) {
    let mut stack: Vec<(Handle, usize)> = vec![(root, 0)];
    while let Some((parent, next)) = stack.last_mut() {
        let child = parent.children.borrow().get(*next).cloned();
        *next += 1;
        let Some(child) = child else {
            stack.pop();
            if !stack.is_empty() {
                visitor.element_end();
            }
            continue;
        };
        match &child.data {
            NodeData::Text { contents } => visitor.text(&contents.borrow()),
            NodeData::Comment { .. } => visitor.comment(),
            NodeData::Element { name, attrs, .. } => {
                let attributes: Vec<(String, String)> = attrs
                    .borrow()
                    .iter()
                    .map(|a| (a.name.local.to_string(), a.value.to_string()))
                    .collect();
                visitor.element_start(&name.local, &attributes);
                stack.push((child, 0));
            }
            _ => {}
        }
    }
}
