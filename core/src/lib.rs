//! Newsletter Widget's core: everything decided without a browser, shared by
//! the widget (`src/`, built for wasm32) and the `newsletter` command (`cli/`).
//!
//! Its `Cargo.toml` has no wasm-bindgen, web-sys, js-sys, yew or gloo, so
//! Cargo itself keeps it pure; all of it is tested natively with
//! `cargo test`. Grouped by job (`docs/architecture.md`):
//!
//! * [`feed`]: reading feeds: JSON with positions, validation and notices,
//!   the issue model, archive indexes, dates and slugs.
//! * [`html`]: the allow-list that `content_html` goes through.
//! * [`render`]: cards, pages and other static parts written as escaped HTML.
//! * [`view`]: what a reader sees of an issue: search with case folding,
//!   topic filters, and the view kept in the address.
//! * [`subscribe`]: provider settings, requests and replies.
//! * [`url`]: every rule about addresses.
//! * [`locale`], [`embed`], [`order`], [`case_fold`]: the widget's words,
//!   the element's attributes, stable sorting, and the accent and case
//!   folding that search and topic matching share.

pub mod archive_search;
pub mod case_fold;
pub mod embed;
pub mod feed;
pub mod html;
pub mod locale;
pub mod order;
pub mod render;
pub mod subscribe;
pub mod url;
pub mod view;

#[cfg(not(target_arch = "wasm32"))]
pub use feed::decode::read_issue;
pub use feed::decode::Decoded;
pub use feed::model::{Body, Issue, Source, Story, Topic};
pub use feed::notice::{FeedError, Location, Notice, Problem};
