//! Network access.

pub mod feed;
pub mod subscribe;
