//! The browser's own HTML parser, for the core's allow-list walker.
//!
//! Feed HTML is parsed into the body of a document made with
//! `document.implementation.createHTMLDocument`: it is never attached to the
//! page and has no browsing context, so nothing in it loads (no `<img>`
//! request, no `onerror`) or runs. A few lines of JavaScript walk it and
//! hand the tree over in one string (one call per story, not one per
//! node). The walker (`core/src/html/sanitize.rs`)
//! then keeps only what the allow-list names, exactly as html5ever's tree is
//! walked natively, so the pre-rendered page and the widget show the same.

use newsletter_core::html::parse::{HtmlParser, TreeVisitor};
use wasm_bindgen::prelude::*;

use super::trusted;

/// The browser's parser, on one detached document made at first use.
pub struct BrowserHtml;

impl HtmlParser for BrowserHtml {
    fn parse_fragment(&self, html: &str, visitor: &mut dyn TreeVisitor) {
        // Through the Trusted Types policy: strict host pages guard this sink too.
        let Ok(events) = parse_and_walk(&trusted::html(html)) else {
            // No document to parse in (never in a browser): show it as text.
            return visitor.text(html);
        };
        replay(&events, visitor);
    }
}

// Parses `html` into the body of a detached document (made once, with
// `createHTMLDocument`, never attached) and walks it with a TreeWalker,
// returning the tree as records joined by U+0000, which the HTML parser
// never leaves in a document: S<name>, then A<attribute> V<value> pairs, E
// (end of element), T<text>, C (comment). One call per story instead of one
// per node and attribute. Moving is the walker's job, not the nodes': a
// <form> exposes its named controls as properties (<input name=parentNode>),
// so nothing of a form is read but that it is one; it is dropped anyway.
// Comments stay here, not in the JavaScript every reader downloads.
#[wasm_bindgen(inline_js = r#"let b;
export function parseAndWalk(h) {
b ??= document.implementation.createHTMLDocument('').body;
b.innerHTML = h;
const w = b.ownerDocument.createTreeWalker(b, 133), o = [];
let n = w.firstChild();
while (n) {
if (n instanceof HTMLFormElement) o.push('Sform', 'E');
else if (n.nodeType === 1) {
o.push('S' + n.localName);
for (const a of n.attributes) o.push('A' + a.name, 'V' + a.value);
const c = w.firstChild();
if (c) { n = c; continue; }
o.push('E');
} else o.push(n.nodeType === 8 ? 'C' : 'T' + n.data);
for (n = null; !n;) {
n = w.nextSibling();
if (n) break;
const p = w.parentNode();
if (!p || p === b) break;
o.push('E');
}
}
b.textContent = '';
return o.join('\0');
}"#)]
extern "C" {
    #[wasm_bindgen(catch, js_name = parseAndWalk)]
    fn parse_and_walk(html: &JsValue) -> Result<String, JsValue>;
}

/// Tells `visitor` the records [`parse_and_walk`] wrote.
fn replay(events: &str, visitor: &mut dyn TreeVisitor) {
    if events.is_empty() {
        return;
    }
    let mut element: Option<&str> = None;
    let mut attributes: Vec<(String, String)> = Vec::new();
    for record in events.split('\0') {
        let (kind, rest) = record.split_at(record.chars().next().map_or(0, char::len_utf8));
        if kind == "A" {
            attributes.push((rest.to_owned(), String::new()));
            continue;
        }
        if kind == "V" {
            if let Some((_, value)) = attributes.last_mut() {
                rest.clone_into(value);
            }
            continue;
        }
        if let Some(name) = element.take() {
            visitor.element_start(name, &attributes);
            attributes.clear();
        }
        match kind {
            "S" => element = Some(rest),
            "E" => visitor.element_end(),
            "T" => visitor.text(rest),
            "C" => visitor.comment(),
            _ => {}
        }
    }
    if let Some(name) = element {
        visitor.element_start(name, &attributes);
    }
}
