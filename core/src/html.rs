//! Story HTML: what of a feed's `content_html` a reader may see.
//!
//! HTML is read the way browsers read it, by a parser that follows the HTML
//! standard ([`parse::HtmlParser`]): the browser's own in the widget, html5ever
//! natively. Both tell one allow-list walker ([`sanitize`]) what they built,
//! so the pre-rendered page, the CLI and the widget keep the same tree.

#[cfg(not(target_arch = "wasm32"))]
pub mod native;
pub mod parse;
pub mod sanitize;
