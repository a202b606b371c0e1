//! Fetches a feed and reads it with the domain's readers.

use gloo_net::http::Request;

use crate::app::error::LoadError;
use crate::domain::archive::{is_index, read_index, IssueRef};
use crate::domain::{json, read_issue, Decoded};

/// What a feed turned out to be.
pub enum Loaded {
    /// One issue.
    Issue(Decoded),
    /// An archive index: the issues, newest first.
    Index(Vec<IssueRef>),
}

/// Fetches the feed at `url` and reads it as an issue or an archive index.
pub async fn load(url: &str) -> Result<Loaded, LoadError> {
    let unreachable = || LoadError::Unreachable { url: url.to_owned() };
    let response = Request::get(url).send().await.map_err(|_| unreachable())?;
    let status = response.status();
    if status == 404 || status == 410 {
        return Err(LoadError::NotFound { url: url.to_owned(), status });
    }
    if !response.ok() {
        return Err(LoadError::Status { url: url.to_owned(), status });
    }
    let text = response.text().await.map_err(|_| unreachable())?;
    let invalid = |error| LoadError::Invalid { url: url.to_owned(), error };
    // Only a feed that names itself an index is read as one; the cheap test
    // first spares issues a second parse.
    if text.contains("\"index\"") && json::parse(&text).is_ok_and(|root| is_index(&root)) {
        return read_index(&text).map(Loaded::Index).map_err(invalid);
    }
    read_issue(&text).map(Loaded::Issue).map_err(invalid)
}
