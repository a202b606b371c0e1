//! What a reader sees of an issue: search, topic
//! filters, and the view kept in the page's address.

pub mod search;
pub mod state;
