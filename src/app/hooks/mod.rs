//! State that outlives a render.

pub mod use_archive_search;
pub mod use_feed;
pub mod use_view_state;
