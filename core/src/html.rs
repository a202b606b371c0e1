//! Story HTML: what of a feed's `content_html` a reader may see.

pub mod sanitize;
