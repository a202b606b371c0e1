//! Network access, and the events a host page hears (`events`).

pub mod address;
pub mod archive_search;
pub mod events;
pub mod feed;
pub mod first_paint;
pub mod html_parser;
pub mod subscribe;
pub mod subscribed;
pub mod trusted;
