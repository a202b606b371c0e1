//! Network access.

pub mod feed;
