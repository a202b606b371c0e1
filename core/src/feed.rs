//! Reading a feed: bytes to an issue (or an archive index), with a notice,
//! carrying its place in the file, for everything that is wrong.

pub mod date;
pub mod decode;
pub mod fields;
pub mod index;
pub mod json;
#[cfg(feature = "serde")]
pub mod jsonfeed;
pub mod model;
pub mod notice;
pub mod slug;
