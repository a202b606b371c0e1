//! Writing an issue's static parts (cards, masthead, framing, the
//! pre-rendered page) as escaped HTML, for the widget and the pre-renderer.

pub mod markup;
