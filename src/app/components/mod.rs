//! One component, or one plain view function where nothing is kept
//! between renders, per file.

pub mod app;
pub mod archive_hit;
pub mod archive_nav;
pub mod archive_results;
pub mod archive_unavailable;
pub mod archive_view;
pub mod back_to_results;
pub mod filter_bar;
pub mod issue_view;
pub mod load_error;
pub mod raw_html;
pub mod result_status;
pub mod scope_switch;
pub mod skeleton;
pub mod skipped_notice;
pub mod story_list;
pub mod subscribe_form;
