//! Network access.

pub mod address;
pub mod feed;
pub mod subscribe;
