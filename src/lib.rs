//! Newsletter Widget: reads newsletter issues published as JSON Feed 1.1 and
//! shows them as story cards.
//!
//! * [`domain`] is pure Rust: JSON reading with positions, the issue model,
//!   validation, HTML sanitizing decisions and date formatting. It is tested
//!   natively and shared with the publisher tools.
//! * `app` (wasm32 only) is the thin browser layer: Yew components, the feed
//!   fetcher and hooks.

pub mod domain;

#[cfg(target_arch = "wasm32")]
pub mod app;
