//! What a reader sees of an issue: search and topic filters, the view kept
//! in the page's address, and what the reader has opened within it.

pub mod reading;
pub mod search;
pub mod state;
