//! State that outlives a render.

pub mod use_feed;
