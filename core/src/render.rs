//! Writing an issue's static parts (cards, masthead, framing, the
//! pre-rendered page) and story text as escaped HTML, once for every
//! output: the widget, the pre-renderer and the CLI's feeds.

pub mod escape;
pub mod layout;
pub mod markup;
pub mod rich;
pub mod snapshot;
