//! The pure domain: everything the widget decides without a browser.
//!
//! Nothing here uses web-sys, yew or gloo, so all of it is tested natively
//! with `cargo test` and reused by the publisher tools.

pub mod archive;
pub mod date;
pub mod decode;
pub mod embed;
pub mod filter;
pub mod fold;
pub mod issue;
pub mod json;
pub mod locale;
pub mod markup;
pub mod notice;
pub mod order;
pub mod sanitize;
pub mod slug;
pub mod subscribe;
pub mod url;
pub mod view_state;

pub use decode::{read_issue, Decoded};
pub use issue::{Body, Issue, Source, Story, Topic};
pub use notice::{FeedError, Location, Notice, Problem};
