//! Newsletter Widget: reads newsletter issues published as JSON Feed 1.1 and
//! shows them as story cards.
//!
//! This crate is the thin browser layer (wasm32 only): Yew components, the
//! feed fetcher, hooks and the custom element. Everything decided without a
//! browser is in [`newsletter_core`] (`core/`), shared with the publisher
//! command (`cli/`). Map: `docs/architecture.md`.

#[cfg(target_arch = "wasm32")]
pub mod app;
