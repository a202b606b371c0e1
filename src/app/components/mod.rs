//! One component per file.

pub mod app;
pub mod framing;
pub mod issue_view;
pub mod load_error;
pub mod masthead;
pub mod rich_text;
pub mod skeleton;
pub mod skipped_notice;
pub mod source_list;
pub mod story_card;
